"""Dates and terms of a contract: every date with the role its sentence gives it, and
durations ("five (5) years", "48 måneder") and anniversaries ("the seventh anniversary
of the Effective Date") read as numbers.

A date's role comes from the words around it, nearest first: "commencing on", "træder i
kraft den" and a following ``(the "Effective Date")`` make it a start; "expire on",
"until", "til og med" an end; "made this", "dated as of" the agreement's own date;
"Dato:", "signed" a signature; "Version" a version stamp; "notice", "senest" a
deadline. "The end of 2008" and "the last day of June 2008" are dates (the last day of
that year or month). A placeholder ("[dato]", "[●]", "March ___, 1999") is a date with no
value: it is never replaced by a guess.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Literal

from extractors.contracts.patterns import DATE_RE, PLACEHOLDER_DATE_RE, month_number, parse_date

Role = Literal["start", "end", "agreement", "signature", "version", "notice", "other"]
Unit = Literal["day", "week", "month", "year"]

# ------------------------------------------------------------------------ numbers

_UNITS_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS_WORDS)} | _TENS_WORDS
NUMBER_WORDS |= {"a": 1, "an": 1, "et": 1, "én": 1, "ét": 1, "en": 1, "to": 2, "tre": 3,
                 "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
                 "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
                 "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "tyve": 20,
                 "fireogtyve": 24, "femogtyve": 25, "tredive": 30, "seksogtredive": 36,
                 "fyrre": 40, "femogfyrre": 45, "otteogfyrre": 48, "halvtreds": 50,
                 "tres": 60, "halvfjerds": 70, "firs": 80, "halvfems": 90}  # fmt: skip
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                  "twelfth": 12, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25,
                  "thirtieth": 30}  # fmt: skip
_SIMPLE = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
_TENS = "|".join(_TENS_WORDS)
#: A number in words: "five", "thirty-six", "one hundred and twenty", "fireogtyve".
NUMBER_TEXT = (rf"(?:(?:{_SIMPLE})\s+hundred(?:\s+(?:and\s+)?(?:(?:{_TENS})[-\s]?)?(?:{_SIMPLE}))?"
               rf"|(?:{_TENS})[-\s](?:{_SIMPLE})|{_SIMPLE})")  # fmt: skip


def number_value(text: str) -> int | None:
    """The value of a number written in digits or words ("36", "thirty-six", "fire")."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    total = 0
    for word in words:
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in NUMBER_WORDS:
            total += NUMBER_WORDS[word]
        else:
            return None
    return total if words else None


# ---------------------------------------------------------------------- durations

_UNIT_WORDS = (r"years?|months?|weeks?|days?|business\s+days?|working\s+days?|calendar\s+days?|"
               r"kalenderdage|kalenderdages?|"
               r"årig|års?|måneders?|måneder|mdr\.?|md\.|dages?|dage|ugers?|uger|"
               r"arbejdsdage|bankdage|hverdage")  # fmt: skip
#: "five (5) years", "(5) years", "sixty (60) days'", "two years (2)", "4 år", "48 måneder",
#: "a 5-year term", "twelve (12) full calendar months", "tolv (12) måneder",
#: "30 (tredive) dage".
DURATION_RE = re.compile(
    rf"(?<![\w.,/-])(?:(?P<words>{NUMBER_TEXT})\s*(?:\(\s*(?P<paren>\d{{1,3}})\s*\))?"
    rf"|(?P<spelled>\d{{1,3}})\s*\(\s*(?:{NUMBER_TEXT})\s*\)"
    rf"|\(?\s*(?P<digits>\d{{1,3}})\s*\)?)"
    rf"(?:\s*-\s*|\s+|(?<=\))\s*)(?:(?:full|calendar|consecutive|hele|kalender)\s+)*"
    rf"(?P<unit>{_UNIT_WORDS})(?![\w])(?:'s?|’s?)?(?:\s*\(\s*(?P<after>\d{{1,3}})\s*\))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Duration:
    """A stretch of time as written: ``number`` of ``unit``; ``start``/``end`` offsets."""

    number: int
    unit: Unit
    start: int
    end: int

    @property
    def months(self) -> int | None:
        return {"year": 12 * self.number, "month": self.number}.get(self.unit)


def _unit(word: str) -> Unit:
    word = word.lower()
    if word.startswith(("year", "år", "årig")):
        return "year"
    if word.startswith(("month", "måned", "md")):
        return "month"
    if word.startswith(("week", "uge")):
        return "week"
    return "day"


def durations(text: str) -> list[Duration]:
    """Every duration in ``text``, in order ("Thirty-six (36) months", "4 år")."""
    found = []
    for match in DURATION_RE.finditer(text):
        g = match.groupdict()
        number = next((int(g[k]) for k in ("paren", "spelled", "after", "digits") if g[k]), None)
        if number is None and g["words"]:
            number = number_value(g["words"])
        if number is None or number == 0:
            continue
        found.append(Duration(number, _unit(g["unit"]), match.start(), match.end()))
    return found


def parse_duration(text: str) -> tuple[int, Unit] | None:
    """``(number, unit)`` of the first duration in ``text``, or None."""
    found = durations(text)
    return (found[0].number, found[0].unit) if found else None


#: "the seventh anniversary", "the five (5) year anniversary", "fifth (5t h) anniversary".
ANNIVERSARY_RE = re.compile(
    rf"\b(?:(?P<ordinal>{'|'.join(_ORDINAL_WORDS)}|\d{{1,2}}\s?(?:st|nd|rd|th|t\s?h))"
    rf"(?:\s*\(\s*\d{{1,2}}\s?(?:st|nd|rd|th|t\s?h)?\s*\))?"
    rf"|(?P<count>{NUMBER_TEXT}|\d{{1,2}})(?:\s*\(\s*\d{{1,2}}\s*\))?[\s-]+years?)"
    rf"\s+anniversary\s+(?:of\s+(?P<anchor>[^,;.()]{{3,60}})|(?P<thereof>thereof|hereof))",
    re.IGNORECASE,
)


#: "the end of the fifteenth (15th) Contract Year": a term counted in contract years.
CONTRACT_YEAR_RE = re.compile(
    rf"\b(?:end|expiration|expiry|close|last\s+day)\s+of\s+the\s+"
    rf"(?P<ordinal>{'|'.join(_ORDINAL_WORDS)}|\d{{1,2}}\s?(?:st|nd|rd|th))"
    rf"(?:\s*\(\s*\d{{1,2}}\s?(?:st|nd|rd|th)?\s*\))?\s+"
    rf"(?P<year>(?:contract|agreement|lease|service|supply|licen[cs]e)\s+year)\b",
    re.IGNORECASE,
)


def anniversary_years(match: re.Match[str]) -> int | None:
    """How many years an ``ANNIVERSARY_RE`` match counts ("seventh" -> 7)."""
    if match.re is CONTRACT_YEAR_RE or match.group("ordinal"):
        word = match.group("ordinal").lower()
        digits = re.match(r"\d+", word)
        return int(digits.group(0)) if digits else _ORDINAL_WORDS.get(word)
    return number_value(match.group("count"))


# -------------------------------------------------------------------------- roles

_DEFINED_AFTER = re.compile(
    r"^\s*,?\s*\(?\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?|herefter\s+|"
    r"i det følgende\s+(?:kaldet\s+)?|such date,?\s+the\s+)?[\"“”'‘’]*\s*"
    r"(?:(?P<start>effective\s*date|commencement\s+date|start\s+date|effective\s+time|"
    r"ikrafttrædelses(?:dato|dagen)(?:en)?|startdato(?:en)?)"
    r"|(?P<end>expiration\s+date|expiry\s+date|termination\s+date|end\s+date|"
    r"udløbsdato(?:en)?|ophørsdato(?:en)?|slutdato(?:en)?)"
    r"|(?P<agreement>agreement\s+date|execution\s+date|signing\s+date|contract\s+date))"
    # not the label of the next value ("Commencement date: 1 July 2026 Expiry date: ...",
    # a key-facts table's "Startdato 01/03/2026 Slutdato 28/02/2028")
    r"(?![\"”’']?\s*(?::|\d{1,4}[./-]\d|\d{1,2}\.?\s+[A-Za-zæøå]+\.?\s+\d{4}))",
    re.IGNORECASE,
)
_DEFINED_BEFORE = re.compile(
    r"(?:(?P<start>effective\s*date|commencement\s+date|start\s+date|ikrafttrædelsesdato|"
    r"startdato|gældende\s+fra|contract\s+start|ikrafttrædelse(?=\s*:))"
    r"|(?P<end>expiration\s+date|expiry\s+date|termination\s+date|end\s+date|udløbsdato|"
    r"ophørsdato|slutdato|gældende\s+til|(?:udløb|ophør|expiry|expiration)(?=\s*:))"
    r"|(?P<agreement>agreement\s+date|execution\s+date|date\s+of\s+(?:this\s+)?agreement))"
    r"[\"”’]?(?:\s+(?:of|for|under)\s+(?:this|the)\s+(?:[\w-]+\s+)?(?:agreement|contract))?"
    r"\s*(?:(?:shall\s+mean|means|is|er|:|-|(?:will|shall)\s+be(?:\s+on\s+or\s+about)?)?\s*:?\s*"
    r"(?:the\s+)?"
    r"(?:12:01\s*a\.?m\.?[^,;]{0,40}?\s+on\s+)?|(?:shall\s+mean|means)\b[^.;\d]{0,90}?"
    r"(?:i\.\s?e\.|namely|viz\.?|being|which\s+is)\s*,?\s*)$",
    re.IGNORECASE,
)
_CUES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("start", re.compile(
                         # "træder i kraft ved underskrift, dog tidligst den ...": the start,
                         # not the signature the sentence names on the way (first: it wins
                         # where it starts with another start cue)
                         r"(?:træder\s+i\s+kraft|i\s+kraft|ikrafttræd\w*|\beffective|\bcommenc\w*|"
                         r"in\s+force)\b[^.;]{0,80}?"
                         r"\b(?:tidligst|at\s+the\s+earliest|no\s+earlier\s+than)\b|"
                         r"\beffective(?:\s+(?:as\s+of|on|from|date))?|\bcommenc\w*|\bbegin\w*|"
                         r"\bstart\w*|\bfrom\b|\bfra(?:\s+og\s+med)?\b|ikrafttræd\w*|begynder|"
                         r"påbegynd\w*|\bstarter\b|"
                         r"træder\s+i\s+kraft|\bi\s+kraft|virkning\s+fra|gældende\s+fra|"
                         r"\bperioden\b|\bperiod\b|\w+perioden?\b|\bterm\s*:|"
                         r"\bterm\W{0,2}\s+(?:shall\s+)?(?:means?|is)\s*:?|"
                         r"\binto\s+(?:force|effect)\b|\b(?:tak(?:e|es|ing)|took)\s+effect\b|"
                         r"\bretroactive(?:ly)?\s+(?:to|as\s+of|from)\b", re.I)),
    # "to" ends a span ("from ... to", "the period ... to", "1 May 2010 to"), not "payments
    # to the Vendor upon the earlier of"
    ("end", re.compile(r"\bexpir\w*|\bterminat\w*|\buntil\b|\bthrough\b|\bthru\b|"
                       r"(?:\b(?:from|term|period|valid|effective)\b[^;]*?|^\W*|\bup\s+)\bto\b|"
                       r"\bending\b|\bends?\b|\bconclud\w*|udløb\w*|ophør\w*|til\s+og\s+med|"
                       r"\bindtil\b|\btil\b|\band\s+ending\b|^\s*[-–]\s*$|"
                       r"(?:in\s+any\s+event|at\s+the\s+latest)\W+(?:no|not)\s+later\s+than", re.I)),
    ("agreement", re.compile(r"\bmade\b|\bentered\s+into\b|\bdated\b|\bexecuted\b|indgået|"
                             r"\bis\s+effective\b(?=.*\bmade\b)", re.I)),
    ("signature", re.compile(r"\bsigned\b|\bsignature\b|underskrevet|underskrift|\bdato\b|"
                             r"\bdate\b\s*:|sted\s+og\s+dato|place\s+and\s+date|"
                             r"\b[A-ZÆØÅ][a-zæøå]+,\s+den\s*$", re.I)),
    ("version", re.compile(r"\bversion\b|\bver\.|\brev(?:ision|\.)|opdateret|\bupdated\b|"
                           r"\budgave\b|\bprinted\b|last\s+modified|\bdraft\b|\budkast\b", re.I)),
    ("notice", re.compile(r"\bnotice\b|\bvarsel\b|\bnotif\w*|no\s+later\s+than|prior\s+to|"
                          r"\bsenest\b|\bbefore\b|\bdeadline\b|\bfrist\b", re.I)),
)  # fmt: skip
_WINDOW = 90
_HAS_DIGIT = re.compile(r"\d")
#: What every placeholder holds: a blank, a bracket, or "of , 2012" (cheap to look for).
_MAY_BE_BLANK = re.compile(r"__|\d_|\[|<|…|\.{4}|\s,\s*\d{4}")
_ROLE_NAMES: dict[str, Role] = {"start": "start", "end": "end", "agreement": "agreement"}
#: A signature block: "By: /s/ Jane Doe Name: ... Title: ... Date: ...".
_SIGNATURE_BLOCK = re.compile(r"\bBy:\s|/s/|\bName:\s|\bTitle:\s|\bPrinted\s+Name\b|"
                              r"\bUnderskrift\b|\bNavn:\s", re.IGNORECASE)  # fmt: skip
_NOT_A_DATE_AFTER = re.compile(r"\s*(?:\(\s*_*\s*\)\s*)?(?:months?|years?|days?|weeks?|måneder|år|"
                               r"dage|uger|%|percent|procent|dollars|kr)\b", re.IGNORECASE)  # fmt: skip
#: The last day of a calendar year or month named by its number: "the end of 2008", "the
#: end of calendar year 2008", "the last day of June 2008" (a fiscal year's end is not known).
_YEAR_END = re.compile(
    r"\b(?:end|close|last\s+day)\s+of\s+(?:the\s+)?(?:calendar\s+year\s+|(?P<month>"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r",?\s+)?(?P<year>(?:19|20)\d{2})\b(?![.,/-]\d)(?!\s+(?:fiscal|financial|contract|lease))",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:uden|without|no)\s+(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written in a sentence: its value (None for a placeholder), its role,
    and whether a defined term names it (``defined``: ``start``, ``end``, ``agreement``)."""

    value: date | None
    text: str
    start: int
    end: int
    role: Role
    defined: Role | None = None
    #: The words just before the date in its sentence (after any earlier date).
    context: str = ""

    def cued(self, role: Role) -> bool:
        """Whether the words before the date hold a cue of ``role`` anywhere."""
        return dict(_CUES)[role].search(self.context) is not None


def date_mentions(sentence: str, *, month_first: bool = False) -> list[DateMention]:
    """The dates and date placeholders of one sentence, each with its role."""
    spans: list[tuple[int, int, date | None]] = []
    if _HAS_DIGIT.search(sentence):
        for match in DATE_RE.finditer(sentence):
            value = parse_date(match, month_first=month_first)
            if value is not None:
                spans.append((match.start(), match.end(), value))
        for match in _YEAR_END.finditer(sentence):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), _last_day(match)))
    if _MAY_BE_BLANK.search(sentence):
        for match in PLACEHOLDER_DATE_RE.finditer(sentence):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), None))
    spans.sort(key=lambda s: s[0])
    mentions = []
    previous_end = 0
    signature_block = _SIGNATURE_BLOCK.search(sentence) is not None
    for start, end, value in spans:
        before = sentence[max(previous_end, start - _WINDOW) : start]
        after = sentence[end : end + 80]
        defined = _defined(before, after)
        role = defined or _cue(before)
        if signature_block and value is not None and role in ("other", "version", "agreement"):
            role = "signature"  # "By: /s/ ... Title ... 4/24/2018 Date"
        if value is None and (role == "other" or _NOT_A_DATE_AFTER.match(after)):
            previous_end = end
            continue  # "____" in a form is a blank line, "____ months" a blank number
        mentions.append(DateMention(value, sentence[start:end], start, end, role, defined, before))
        previous_end = end
    return mentions


def _last_day(match: re.Match[str]) -> date:
    """The last day of the year or month a ``_YEAR_END`` match names."""
    year = int(match.group("year"))
    if match.group("month") is None:
        return date(year, 12, 31)
    month = month_number(match.group("month"))
    assert month is not None
    return date(year, month, monthrange(year, month)[1])


def _defined(before: str, after: str) -> Role | None:
    for match in (_DEFINED_AFTER.match(after), _DEFINED_BEFORE.search(before)):
        if match is not None:
            return _ROLE_NAMES[next(k for k, v in match.groupdict().items() if v)]
    return None


def _cue(before: str) -> Role:
    """The role of the cue nearest before the date (the rightmost one); "uden
    yderligere varsel", "without notice" is no notice cue."""
    best: tuple[int, Role] = (-1, "other")
    for role, pattern in _CUES:
        for match in pattern.finditer(before):
            if role == "notice" and _NEGATED.search(before, 0, match.start()):
                continue
            if match.end() > best[0] or (match.end() == best[0] and role == "start"):
                best = (match.end(), role)
    return best[1]

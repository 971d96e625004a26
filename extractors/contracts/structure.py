"""The shape of a contract's text: headings, tables of contents and appendix headings.

Headings are recognised in the styles real contracts use, Danish and English:
numbered with or without a dot ("4 Kontraktperiode", "4. Priser", "4.1 Betaling"),
"§ 4", "Article 4", "Section 4.1", "Clause 4", "Punkt 4 -", "ARTICLE IV", roman
numerals ("IV. PRICES"), run-in headings ("6.01. Term. The term of this ...") and
short ALL-CAPS lines ("CONTRACT PERIOD"). A numbered line that reads as a sentence
("4.1 Kontrakten træder i kraft ...") is a numbered paragraph, not a heading.

A table of contents (lines ending in dotted leaders or page numbers) is not a run of
sections. An appendix starts at an appendix heading ("Bilag 2 – Priser", "Appendix B",
"Schedule 3 – Charges", "Exhibit B", "Prisbilag"), never at a bare word ("Priser") or
at a reference inside a sentence ("as set out in Appendix B.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = r"[IVXL]{1,6}"
_KEYWORD = (r"article|artikel|section|sektion|clause|punkt|pkt\.|afsnit|kapitel|chapter|part|"
            r"del|paragraph|paragraf")  # fmt: skip
_KEYWORD_HEADING = re.compile(
    rf"^(?P<kw>{_KEYWORD})\s*(?P<n>\d{{1,3}}(?:\.\d{{1,3}})*[a-z]?|{_ROMAN}|[A-Z])\b\.?"
    r"(?:\s*[-–—:.]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE,
)
_SECTION_SIGN = re.compile(r"^§\s*(?P<n>\d{1,3}[a-z]?)\.?(?:\s*[-–—:.]\s*|\s+|$)(?P<title>.*)$")
#: "4 Kontraktperiode", "4. Priser", "4.1 Betaling", "8.1Term." (glued), "12.3.1 X".
_NUMBERED = re.compile(
    r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\)|(?=[A-ZÆØÅ]))?(?:\s*[-–—]\s*|\s+|(?=[A-ZÆØÅ“\"]))"
    r"(?P<title>\S.*)$"
)
_ROMAN_HEADING = re.compile(rf"^(?P<n>{_ROMAN})[.)]\s+(?P<title>[A-ZÆØÅ].*)$")
#: Sentence words: a "heading" holding one is a numbered paragraph.
_VERB = re.compile(
    r"\b(?:er|skal|kan|har|vil|må|bliver|blev|sker|træder|gælder|løber|udgør|betales|"
    r"reguleres|ophører|indgået|fremgår|omfatter|indeholder|følger|leverer|betaler|faktureres|"
    r"anvendes|ydes|gives|sker|opkræves|is|are|shall|will|may|must|has|have|be|was|were|agrees?|"
    r"hereby|means|does|can|should|would)\b",
    re.IGNORECASE,
)
_CONNECTOR_END = re.compile(r"\b(?:og|eller|i|til|af|for|med|på|at|den|det|de|en|et|som|"
                            r"and|or|the|of|to|in|a|an|for|with|by|on|at|from)$", re.IGNORECASE)  # fmt: skip
#: A run-in heading: "Term. This Agreement shall ...", "GRANT OF RIGHTS. Subject to ...".
_RUN_IN = re.compile(r"^(?P<title>[A-ZÆØÅ][^.:;]{1,60}?)[.:]\s+(?P<rest>[A-ZÆØÅ(“\"].*)$")
#: A duration or a date in a line: a fact, not a title ("Løbetid 48 måneder").
_FACT = re.compile(r"\b\d{1,4}\s*(?:dage|days?|måneder|months?|år|years?|uger|weeks?)\b|"
                   r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)  # fmt: skip
_CAPS_LINE = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9 ,&/'’()\-–]{2,80}$")

_APPENDIX_WORD = r"bilag|underbilag|appendix|appendiks|annex|anneks|schedule|exhibit|attachment"
_APPENDIX_HEADING = re.compile(
    rf"^(?P<word>{_APPENDIX_WORD})\s+(?P<id>\d{{1,2}}(?:\.\d{{1,2}})?[a-zA-Z]?|[A-Z]{{1,2}}|{_ROMAN})"
    r"\b\.?(?:\s*[-–—:.]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE,
)
_APPENDIX_LABEL = re.compile(rf"\b(?:{_APPENDIX_WORD})\s+(?:\d{{1,2}}|[A-Z])\b", re.IGNORECASE)
#: An appendix named by its title alone: "Prisbilag", "Pricing Schedule", "Price Appendix".
_TITLE_ONLY_APPENDIX = re.compile(
    r"^(?:prisbilag|prisbilaget|price\s+(?:appendix|schedule|annex)|pricing\s+schedule|"
    r"fee\s+schedule|schedule\s+of\s+(?:prices|fees|charges))$",
    re.IGNORECASE,
)
_PRICE_TITLE = re.compile(
    r"\b(?:pris\w*|vederlag\w*|betaling\w*|prices?|pricing|charges?|fees?|remuneration|"
    r"compensation|rates?|tariffs?|price\s+list)\b|prisbilag",
    re.IGNORECASE,
)
#: A table of contents line: a heading and its page ("Priser ........ 7", "ARTICLE 2 Licenses 13").
_TOC_LINE = re.compile(r"^(?P<text>\S.{1,120}?)(?:\s*(?:\.{3,}|…+|(?:\. ){3,}|_{3,})\s*|\s+)"
                       r"(?P<page>\d{1,3}|[ivxlc]{1,6})(?:\s+\d{1,3}\.?)?$")  # fmt: skip
_TOC_TITLE = re.compile(r"^(?:table\s+of\s+contents|contents|indholdsfortegnelse|indhold)\b",
                        re.IGNORECASE)  # fmt: skip
_LEADERS = re.compile(r"\.{4,}|…{2,}|(?:\. ){4,}|_{4,}")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line: its number ("4.1", "IV", "" for an unnumbered heading), title
    (may be "" when the title stands on the next line), and, for a run-in heading, the
    clause text that follows it on the same line."""

    number: str
    title: str
    rest: str = ""


@dataclass(frozen=True, slots=True)
class AppendixHeading:
    """An appendix heading: its label ("Bilag 2", "Exhibit B") and title ("Priser")."""

    label: str
    title: str

    @property
    def prices(self) -> bool:
        """Whether the appendix is the price appendix ("Bilag 2 Priser", "Schedule 3 –
        Charges", "Prisbilag")."""
        return _PRICE_TITLE.search(f"{self.label} {self.title}") is not None


def heading(line: str, previous: str | None = None) -> Heading | None:
    """The heading ``line`` is, or None for body text (``previous``: the line before it,
    which must end a sentence for a bare ALL-CAPS line to count)."""
    for pattern in (_KEYWORD_HEADING, _SECTION_SIGN):
        match = pattern.match(line)
        if match is not None:
            found = _titled(match.group("n"), match.group("title"), allow_empty=True)
            if found is not None:
                return found
    for pattern in (_NUMBERED, _ROMAN_HEADING):
        match = pattern.match(line)
        if (
            match is not None
            and _plausible_number(match.group("n"))
            and not _DATE_FIRST.match(line)
        ):
            found = _titled(match.group("n"), match.group("title"), allow_empty=False)
            if found is not None:
                return found
    if _caps_heading(line, previous) or _title_case_heading(line, previous):
        return Heading("", line.strip())
    return None


#: a line opening with a date ("31 March 2029.", "1. januar 2027 og ..."): a
#: sentence wrapped before its date, not a numbered heading
_DATE_FIRST = re.compile(
    r"^\d{1,2}\.?\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|"
    r"november|december|january|february|march|may|june|july|october)\w*\.?,?\s+\d{4}\b",
    re.IGNORECASE,
)


def _plausible_number(number: str) -> bool:
    first = number.split(".")[0]
    return not first.isdigit() or 0 < int(first) <= 60


def _titled(number: str, title: str, *, allow_empty: bool) -> Heading | None:
    """A heading with ``title``, a run-in heading, or None when the title is a sentence."""
    title = title.strip()
    if not title:
        return Heading(number, "") if allow_empty else None
    if is_title(title):
        return Heading(number, title.rstrip(" .:"))
    run_in = _RUN_IN.match(title)
    if run_in is not None and is_title(run_in.group("title")):
        return Heading(number, run_in.group("title").strip(), run_in.group("rest"))
    return None


def is_title(text: str) -> bool:
    """Whether ``text`` reads as a heading's title: short, no sentence verbs, not ending
    mid-sentence, starting with a capital."""
    text = text.lstrip("“\"'‘«»")
    words = text.split()
    return (
        0 < len(words) <= 10
        and len(text) <= 90
        and text[0].isupper()
        and not text.endswith((",", ";", "-", "–"))
        and not (text.endswith(".") and len(words) > 3)
        and _VERB.search(text) is None
        and _CONNECTOR_END.search(text) is None
        and not re.search(r"\d[.,]\d{2}\b|\bkr\.|\bDKK\b|%", text)  # an amount: a table row
        and not re.search(r":\s+\S", text)  # "Betalingsfrist: 30 dage" is a term, not a title
        and not _FACT.search(text)
    )


def _caps_heading(line: str, previous: str | None) -> bool:
    words = line.split()
    return (
        _CAPS_LINE.match(line) is not None
        and 1 <= len(words) <= 8
        and sum(len(w) >= 3 and w.isalpha() for w in words) >= 1
        and _CONNECTOR_END.search(line) is None
        and (previous is None or previous.rstrip().endswith((".", ":", "!", "?", "”", '"', ")")))
    )


def _title_case_heading(line: str, previous: str | None) -> bool:
    """A short line in title case after a finished sentence: "Most Favoured Customer"."""
    words = line.split()
    long_words = [w for w in words if len(w) >= 4]
    return (
        previous is not None
        and previous.rstrip().endswith((".", ":", ";", "!", "?"))
        and 1 <= len(words) <= 6
        and is_title(line)
        and not line.rstrip().endswith((".", ":"))
        and bool(long_words)
        and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
    )


def appendix_heading(line: str, following: str | None = None) -> AppendixHeading | None:
    """The appendix heading ``line`` is ("Bilag 2 – Priser", "EXHIBIT B", "Prisbilag"),
    or None. A label standing alone takes its title from ``following``, the next line,
    when that line reads as a title."""
    if _TITLE_ONLY_APPENDIX.match(line.strip()):
        return AppendixHeading(line.strip(), "")
    match = _APPENDIX_HEADING.match(line.strip())
    if match is None or len(_APPENDIX_LABEL.findall(line)) > 1 or ";" in line:
        return None  # "Bilag 2 Priser; Bilag 3 Løsningsbeskrivelse": a list of appendices
    label = f"{match.group('word')} {match.group('id')}"
    title = match.group("title").strip(" .:-–—")
    if not title:
        if following is not None and is_title(following) and not _TOC_LINE.match(following):
            return AppendixHeading(label, following.strip(" .:"))
        return AppendixHeading(label, "")
    if is_title(title) or (title.isupper() and len(title.split()) <= 12):
        return AppendixHeading(label, title)
    return None


def toc_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines that belong to a table of contents: dotted leaders with a
    page number, or runs of three or more heading lines each ending in a page number
    (after a "Contents" title or not)."""
    found: set[int] = set()
    run: list[int] = []
    after_title = False
    for i, line in enumerate(lines):
        if _TOC_TITLE.match(line):
            found.add(i)
            after_title = True
            continue
        if _is_toc_entry(line):
            run.append(i)
            continue
        if len(run) >= 3 or (after_title and run):
            found.update(run)
        elif _LEADERS.search(line) is None:
            after_title = after_title and not run and len(line) < 40
        run = []
    if len(run) >= 3 or (after_title and run):
        found.update(run)
    found.update(
        i for i, line in enumerate(lines) if _LEADERS.search(line) and _TOC_LINE.match(line)
    )
    return found


def _is_toc_entry(line: str) -> bool:
    match = _TOC_LINE.match(line)
    if match is None:
        return False
    text = re.sub(r"\s*(?:\.{3,}|…+|(?:\. ){3,}|_{3,})\s*$", "", match.group("text"))
    if _LEADERS.search(line):
        return True
    return (
        heading(text) is not None
        or appendix_heading(text) is not None
        or re.match(rf"^(?:{_KEYWORD}|{_APPENDIX_WORD})\b", text, re.IGNORECASE) is not None
    )

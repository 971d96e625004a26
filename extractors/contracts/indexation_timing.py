"""When a price-adjustment clause lets prices move: the fixed period and the notice (each
duration by the words beside it) and the month adjustments take effect.

"Priserne er faste i 12 måneder og kan herefter reguleres med 3 måneders varsel": the
first duration is the fixed period, the second the notice; "opgjort for de seneste 12
måneder" is the period the index is measured over, neither. "Prisregulering varsles
senest 1. oktober med virkning fra 1. januar": the adjustment month is January.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.contracts.dates import ANNIVERSARY_RE, Duration, anniversary_years, durations
from extractors.contracts.indexation_facts import ADJUST_WORDS, FIXED_WORDS
from extractors.contracts.patterns import DATE_RE, MONTHS, parse_date

# ------------------------------------------------------------------ durations

_MEASURED_BEFORE = re.compile(
    r"(?:seneste|forudgående|foregående|sidste|sidst\s+forløbne|preceding|previous|prior|past|"
    r"last|trailing|latest)\s*$",
    re.I,
)
_MEASURED_AFTER = re.compile(r"^\s*(?:['’]s?\s*)?(?:gennemsnit|average|mean|periode\s+forud)", re.I)
_NOTICE_AFTER = re.compile(
    r"^\s*(?:['’]s?\s*)?(?:(?:skriftlig[et]?|forudgående|written|prior|advance|formal|"
    r"skriftligt?)\s+){0,3}(?:varsel\w*|notice|notification|meddelelse|underretning)",
    re.I,
)
_NOTICE_BEFORE = re.compile(
    r"(?:varsel|varsl\w*|notice|notif\w*|underret\w*|meddel\w*|inform\w*|anmod\w*|request\w*)"
    r"\b[^\d]{0,60}$",
    re.I,
)
_IN_ADVANCE_AFTER = re.compile(
    r"^\s*(?:['’]s?\s*)?(?:i\s+forvejen|in\s+advance|forud|før|before|prior\s+to|"
    r"inden)\b",
    re.I,
)
NOTICE_WORD = re.compile(r"varsel|varsl|notice|notif|underret|meddel|inform|anmod\w*|i\s+hænde|"
                         r"\brequest", re.I)  # fmt: skip
#: A number that belongs to another clause: the term, renewals, termination, warranty.
OTHER_CLAUSE = re.compile(
    r"forlæng\w*|\bextend\w*|\bextension|\boption\w*|\brenew\w*|opsig\w*|uopsigelig\w*|"
    r"\bterminat\w*|ophæv\w*|\bcancel\w*|garanti\w*|warrant\w*|\bgældende\s+i\b|"
    r"\bløbe[rt]?\b|\bvarighed|\bperiode\s+på\b.*\bkontrakt|kontraktperioden\s+(?:er|udgør)",
    re.I,
)
#: Singular units the shared duration pattern does not know ("én måneds varsel", "1 uges").
_SINGULAR_UNITS = re.compile(r"\b(?:måneds?|uges?|kalenderdages?)\b", re.I)
_PLURAL = {"må": "måneder", "ug": "uger", "ka": "dage"}


def notice_and_fixed(text: str) -> tuple[int | None, int | None]:
    """``(notice_days, fixed_months)`` the statement states; a month of notice is 30 days."""
    notice = fixed = None
    text = _SINGULAR_UNITS.sub(lambda m: _PLURAL[m.group(0)[:2].lower()], text)
    found = durations(text)
    for i, span in enumerate(found):
        start = found[i - 1].end if i else 0
        end = found[i + 1].start if i + 1 < len(found) else len(text)
        before, after = text[start : span.start], text[span.end : end]
        if _MEASURED_BEFORE.search(before) or _MEASURED_AFTER.match(after):
            continue
        if OTHER_CLAUSE.search(before[-80:]):
            continue
        if _is_notice(before, after, text) and notice is None:
            notice = _days(span)
        elif (
            span.months is not None
            and fixed is None
            and (FIXED_WORDS.search(before[-70:]) or FIXED_WORDS.search(after[:90]))
        ):
            fixed = span.months
    if fixed is None and FIXED_WORDS.search(text):
        fixed = 12 if _FIRST_YEAR.search(text) else None
    if fixed is None and (FIXED_WORDS.search(text) or ADJUST_WORDS.search(text)):
        fixed = _anniversary_months(text)
    return notice, fixed


def _is_notice(before: str, after: str, text: str) -> bool:
    return bool(
        _NOTICE_AFTER.match(after)
        or _NOTICE_BEFORE.search(before)
        or (_IN_ADVANCE_AFTER.match(after) and NOTICE_WORD.search(text))
    )


def _days(span: Duration) -> int | None:
    per_unit = {"day": 1, "week": 7, "month": 30}.get(span.unit)
    return span.number * per_unit if per_unit else None


_FIRST_YEAR = re.compile(r"\b(?:første|first)\s+(?:kontrakt|aftale|drifts|leve|contract\s+|"
                         r"agreement\s+|calendar\s+)?(?:år|year)\b", re.I)  # fmt: skip
_DA_ANNIVERSARY = re.compile(
    r"\b(?:(?P<digits>\d{1,2})[\s.-]*|(?P<word>første|anden|andet|tredje|fjerde|femte)\s+)"
    r"års?dag(?:en)?\b",
    re.I,
)
_DA_ORDINALS = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5}


def _anniversary_months(text: str) -> int | None:
    """Months until the anniversary the prices are fixed to: "fixed until the second
    anniversary of the Effective Date" -> 24; "indtil kontraktens 2-årsdag" -> 24."""
    match = ANNIVERSARY_RE.search(text)
    if match is not None:
        years = anniversary_years(match)
        return 12 * years if years else None
    danish = _DA_ANNIVERSARY.search(text)
    if danish is None:
        return None
    years = int(danish["digits"]) if danish["digits"] else _DA_ORDINALS[danish["word"].lower()]
    return 12 * years


# ------------------------------------------------------------------------ months

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_EFFECT_CUE = (
    r"(?:pr\.|per|med\s+virkning\s+(?:fra|pr\.)|virkning\s+fra|fra\s+og\s+med|fra|from|"
    r"as\s+(?:of|from)|"
    r"effective(?:\s+(?:from|as\s+of|on))?|with\s+effect\s+(?:from|on|as\s+of)|on|den|"
    r"hvert\s+år|each\s+year|annually|årligt|ved)"
)
_DAY_MONTH = re.compile(
    rf"(?:(?P<cue>{_EFFECT_CUE})\s+)?(?:den\s+|the\s+)?(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th)?"
    rf"\s*(?:of\s+)?(?P<month>{_MONTH})(?![\w])(?P<year>\s*,?\s*\d{{4}})?",
    re.I,
)
_MONTH_DAY = re.compile(
    rf"(?:(?P<cue>{_EFFECT_CUE})\s+)?(?:the\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?\b(?P<year>\s*,?\s*\d{{4}})?",
    re.I,
)
_MONTH_ONLY = re.compile(
    rf"\b(?:each|every|hver(?:t\s+års)?)\s+(?P<m1>{_MONTH})\b"
    rf"|\b(?:in|i)\s+(?P<m2>{_MONTH})(?:\s+måned)?\s+(?:of\s+)?(?:each|every|hvert)\b"
    rf"|\bprimo\s+(?P<m4>{_MONTH})\b"
    rf"|\b(?:hvert\s+år|årligt|annually|yearly|each\s+year|every\s+year)\s+(?:in|i)\s+"
    rf"(?P<m3>{_MONTH})\b",
    re.I,
)
_FIRST_DAY_OF = re.compile(rf"\bfirst\s+(?:day\s+)?of\s+(?P<month>{_MONTH})\b", re.I)
_NUMERIC_DAY_MONTH = re.compile(r"\b(?:pr\.|per|den)\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})\b"
                                r"(?![/.-]?\d)", re.I)  # fmt: skip
_DEADLINE_BEFORE = re.compile(
    r"(?:senest|inden|før|forud\s+for|no\s+later\s+than|not\s+later\s+than|by|before|prior\s+to|"
    r"until|indtil|til\s+og\s+med|published|offentliggjort\w*|index\s+for|indekset\s+for|"
    r"udgangen\s+af|the\s+end\s+of)\s*(?:den\s+|the\s+)?$",
    re.I,
)


def adjust_month(text: str) -> int | None:
    """The month adjustments take effect ("pr. 1. januar", "effective January 1", "on 1 July",
    "each January"): a date with a cue of effect first, then any date without a year."""
    candidates: list[tuple[int, int, int]] = []  # (rank, position, month)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            month = MONTHS.get(match["month"].lower())
            if month is None or not 1 <= int(match["day"]) <= 31:
                continue
            if _DEADLINE_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            rank = (0 if match["cue"] else 2) + (1 if match["year"] else 0)
            candidates.append((rank, match.start(), month))
    for match in _MONTH_ONLY.finditer(text):
        word = match["m1"] or match["m2"] or match["m3"] or match["m4"]
        candidates.append((1, match.start(), MONTHS[word.lower()]))
    for match in _FIRST_DAY_OF.finditer(text):
        candidates.append((0, match.start(), MONTHS[match["month"].lower()]))
    for match in _NUMERIC_DAY_MONTH.finditer(text):
        if 1 <= int(match["month"]) <= 12:
            candidates.append((1, match.start(), int(match["month"])))
    return min(candidates)[2] if candidates else None


# ------------------------------------------------------------- the first adjustment

#: Words that make the date after them the first adjustment's ("første gang 1. januar
#: 2027", "Første regulering kan ske pr. 1. april 2026", "the first adjustment shall take
#: place on 1 April 2026", "for the first time on ...").
_FIRST_CUE = re.compile(
    r"\bførste\s+(?:gang|(?:pris)?regulering\w*|prisjustering\w*|justering\w*|indeksering\w*)\b"
    r"|\bfirst\s+(?:adjustment|increase|indexation|price\s+(?:adjustment|increase|change)|"
    r"review|time)s?\b",
    re.I,
)
#: What may stand between the cue and its date: words, not another sentence or number
#: (an abbreviation's full stop aside: "pr.", "d.").
_CUE_TO_DATE = re.compile(r"^[^.;:\d]{0,60}$")
_ABBREVIATION = re.compile(r"\b(?:pr|d|ca)\.", re.I)


#: the prices fixed until a date: "Priserne er faste til og med 28. februar 2027",
#: "Fees are fixed until February 28, 2027", "prices remain firm through 31 March 2027"
_FIXED_UNTIL = re.compile(
    r"\b(?:faste?|fastlåst(?:e)?|uændre(?:t|de)|låst(?:e)?|fixed|firm|unchanged|locked|frozen)\b"
    r"[^.;:\d]{0,30}?\b(?:til\s+og\s+med|(?:frem\s+)?til|indtil|until|till|through|"
    r"to\s+and\s+including|up\s+to(?:\s+and\s+including)?)\s*(?:den\s+|d\.\s*)?$",
    re.I,
)
#: no adjustment before a date: "Leverandøren kan ikke kræve prisregulering før 1. april
#: 2029", "the prices may not be adjusted before 1 April 2029", "tidligst pr. 1. maj 2028"
_NOT_BEFORE = re.compile(
    r"\b(?:ikke|not|no)\b[^.;:\d]{0,40}?\b(?:reguler\w*|justere?\w*|adjust\w*|increase\w*|"
    r"indexation|index\w*|prisregulering\w*)\b[^.;:\d]{0,20}?\b(?:før|before|prior\s+to|earlier\s+than)"
    r"\s*(?:den\s+|d\.\s*|the\s+)?$|"
    r"\b(?:reguler\w*|adjust\w*|prisregulering\w*)\b[^.;:\d]{0,30}?\b(?:tidligst|no\s+earlier\s+than|"
    r"at\s+the\s+earliest\s+on)\s*(?:pr\.?\s*|den\s+|d\.\s*|on\s+)?$",
    re.I,
)
#: a date from which the prices may be adjusted: "Fra 1. marts 2027 kan priserne
#: reguleres", "From March 1, 2027 the Supplier may adjust the fees"
_FROM_DATE = re.compile(
    r"\b(?:fra|from|med\s+virkning\s+fra|with\s+effect\s+from|as\s+(?:of|from)|"
    r"starting|beginning|commencing)\s*(?:den\s+|d\.\s*|on\s+)?$",
    re.I,
)
_ADJUSTED_AFTER = re.compile(
    r"[^.;]{0,80}?\b(?:reguler\w*|justere?\w*|indeks\w*|adjust\w*|index\w*|increase\w*|"
    r"hæve\w*|forhøje\w*)",
    re.I,
)


def first_adjustment_date(text: str, *, month_first: bool = False) -> date | None:
    """The date the clause says the first adjustment may take effect, when it states one
    with its year ("Priserne reguleres årligt pr. 1. januar, første gang 1. januar 2027";
    "Priserne er faste til og med 28. februar 2027": the day after; "From 1 March 2027
    the Supplier may adjust the fees"); None when it does not (then the fixed period and
    adjustment month decide)."""
    cued = _cued_first_date(text, month_first)
    if cued is not None:
        return cued
    for match in DATE_RE.finditer(text):
        before = _ABBREVIATION.sub("", text[max(0, match.start() - 80) : match.start()])
        if _FIXED_UNTIL.search(before):
            value = parse_date(match, month_first=month_first)
            if value is not None:
                return value + timedelta(days=1)
        if _NOT_BEFORE.search(before):  # "kan ikke kræve prisregulering før 1. april 2029"
            value = parse_date(match, month_first=month_first)
            if value is not None:
                return value
        if _FROM_DATE.search(before) and _ADJUSTED_AFTER.match(text, match.end()):
            value = parse_date(match, month_first=month_first)
            if value is not None:
                return value
    return None


def _cued_first_date(text: str, month_first: bool) -> date | None:
    for cue in _FIRST_CUE.finditer(text):
        for match in DATE_RE.finditer(text, cue.end(), cue.end() + 90):
            if not _CUE_TO_DATE.match(_ABBREVIATION.sub("", text[cue.end() : match.start()])):
                break
            if _DEADLINE_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
                break
            value = parse_date(match, month_first=month_first)
            if value is not None:
                return value
    return None


def months_until(effective: date, first: date) -> int:
    """The fixed period, in months from ``effective``, after which the first adjustment
    falls on ``first`` (adjustments take effect on the 1st of a month: a start after the
    1st counts from the next month, a first date after the 1st moves to the next 1st)."""
    months = (first.year - effective.year) * 12 + first.month - effective.month
    return months - (1 if effective.day > 1 else 0) + (1 if first.day > 1 else 0)

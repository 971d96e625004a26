"""The facts one statement of a price-adjustment clause states, each read by its shape.

A statement is a sentence or a numbered sub-clause ("4.2 ...", "Stk. 3."). Every number
is given a role by the words right around it, never by the sentence as a whole: in
"Priserne er faste i 12 måneder og kan herefter reguleres med 3 måneders varsel" the
first duration is the fixed period and the second the notice; in "Regulering kan kun
ske, hvis indekset er steget med 4 % eller mere, dog højst 3 % pr. år" the first
percentage is a threshold and the second a cap. Danish and English side by side.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractors.contracts.dates import ANNIVERSARY_RE, Duration, anniversary_years, durations
from extractors.contracts.patterns import MONTHS

# ------------------------------------------------------------------------- indexes

#: Index names -> normalised name; a wage index's table code ("ILON 12") is kept as code.
INDEX_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"netto[-\s]*pris[-\s]*indeks\w*|\bnet[-\s]+price[-\s]+index\w*|\bNPI\b", re.I),
     "nettoprisindeks"),
    (re.compile(r"forbruger[-\s]*pris[-\s]*indeks\w*|\bconsumer[-\s]+price[-\s]+ind(?:ex|ices)\w*|"
                r"\bindex\s+of\s+consumer\s+prices|\b(?:CPI|HICP|HIPC)\b", re.I),
     "forbrugerprisindeks"),
    (re.compile(r"\bløn[-\s]*(?:pris[-\s]*)?indeks\w*|\b(?:wage|salary|salaries|earnings|labou?r[-\s]+cost|"
                r"pay)[-\s]+(?:price[-\s]+|rate[-\s]+)?ind(?:ex|ices)\w*", re.I),
     "lønindeks"),
)  # fmt: skip
#: A Statistics Denmark table code: named as a table ("tabel PRIS113", "table ILON12")
#: or a wage-index code on its own ("ILON 12", "LON12").
_TABLE_CODE = re.compile(
    r"\b(?i:tabel(?:len)?|table)\s+(?P<a>[A-ZÆØÅ]{2,8})[\s-]?(?P<b>\d{1,4})\b"
    r"|\b(?P<c>(?i:ilon)|SBLON|LON)[\s-]?(?P<d>\d{1,3})\b"
)
#: Any other Danish price or cost index, by its own name ("byggeomkostningsindekset").
_OTHER_INDEX = re.compile(r"\b([a-zæøå]{3,}(?:pris|omkostnings)indeks)(?:et|ets)?\b", re.I)
_KNOWN = ("nettoprisindeks", "forbrugerprisindeks", "lønprisindeks")
_ANY_INDEX = re.compile(r"ind(?:eks|ex|ices)|\bNPI\b|\bCPI\b|\bHICP\b|" + _TABLE_CODE.pattern)


def index_names(text: str) -> list[tuple[int, str]]:
    """Every index the text names, with its position: ``(start, normalised name)``;
    a table code is upper case without space ("ILON 12" -> "ILON12")."""
    found = [(m.start(), name) for pattern, name in INDEX_NAMES for m in pattern.finditer(text)]
    for match in _TABLE_CODE.finditer(text):
        letters, digits = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        found.append((match.start(), f"{letters}{digits}".upper()))
    for match in _OTHER_INDEX.finditer(text):
        name = match.group(1).lower()
        if not name.endswith(_KNOWN) and name != "basisprisindeks":
            found.append((match.start(), name))
    return sorted(found)


def best_index(names: list[str]) -> str | None:
    """The index a clause adjusts by: a named price index beats a table code, a table code
    beats a generic wage index ("lønindekset for den private sektor (ILON12)" -> ILON12);
    another index named in Danish ("byggeomkostningsindeks") ranks with the codes."""
    price = [n for n in names if n in ("nettoprisindeks", "forbrugerprisindeks")]
    codes = [n for n in names if n not in ("nettoprisindeks", "forbrugerprisindeks", "lønindeks")]
    ranked = price or codes or names
    return ranked[0] if ranked else None


def mentions_index(text: str) -> bool:
    return bool(_ANY_INDEX.search(text))


# ---------------------------------------------------------------- what it speaks of

#: Words of price adjustment ("reguleres", "prisstigning", "adjust", "indexed").
ADJUST_WORDS = re.compile(
    r"prisregul\w*|\bregul(?:er|ere|eres|ering|eringen|eringer|eringerne|eringens)\b|"
    r"indeks(?:regul\w*|ere|eres|eret|ering\w*)\b|prisstigning\w*|prisændring\w*|prisjuster\w*|"
    r"\bjuster(?:e|es|ing|ingen)\b|\bforhøj\w*|\bstigning\w*|\bhæve[s]?\b|"
    r"\badjust\w*|\bindex(?:ed|ation|ing)\b|\bescalat\w*|\brevis(?:e|ed|ion)\b|"
    r"\bincreas\w*|\bprice\s+(?:change|review)s?\b",
    re.I,
)
#: Prices held unchanged ("Priserne er faste", "fastlåst", "The Fees are fixed").
_FIXED = (
    r"\bfaste?\b|\bfastlåst\w*|\bfastholdt?e?s?\b|\blåst\w*|\buændrede?\b|\bfixed\b|\bfirm\b|"
    r"\blocked\b|\bfrozen\b|\bunchanged\b|\bconstant\b"
)
#: Adjustment ruled out or postponed ("kan ikke reguleres", "tidligst", "no earlier than").
_NO_ADJUST = (
    r"\bikke\s+(?:\w+\s+){0,3}(?:reguleres|regulere|regulering|ændres|forhøjes|forhøje|hæves|"
    r"indeksreguleres)\b|"
    r"\b(?:reguleres|indeksreguleres|ændres|forhøjes)\s+ikke\b|"
    r"\bingen\s+(?:pris)?regulering\w*|\buden\s+(?:pris)?regulering\w*|"
    r"\bikke\s+(?:genstand\s+for|omfattet\s+af)\s+(?:pris|indeks)?regulering\w*|"
    r"\bnot\s+(?:\w+\s+){0,2}(?:adjust|adjusted|increase|increased|index|indexed|changed|"
    r"revise|revised)\b|"
    r"\bnot\s+(?:be\s+)?subject\s+to\s+(?:any\s+)?(?:price\s+)?(?:adjustments?|indexation|"
    r"increases?)\b|"
    r"\bno\s+(?:price\s+)?(?:adjustments?|increases?|indexation|revisions?)\b|"
    r"\bwithout\s+(?:any\s+)?(?:price\s+)?(?:adjustment|indexation)\b"
)
_EARLIEST = (
    r"\btidligst\b|\bat\s+the\s+earliest\b|\bearlier\s+than\b|\bnot\s+before\b|\bikke\s+før\b|"
    r"\bførste\s+gang\b|\bfor\s+the\s+first\s+time\b|\bførste\s+(?:pris)?regulering\w*|"
    r"\bfirst\s+(?:price\s+)?(?:adjustment|increase|indexation|revision)\b|\bmay\s+first\b|"
    r"\bfør\s+der\s+er\s+(?:gået|forløbet)\b"
)
FIXED_WORDS = re.compile(rf"{_FIXED}|{_NO_ADJUST}|{_EARLIEST}", re.I)
_WHOLE_TERM = re.compile(
    r"\bhele\s+(?:kontrakt|aftale|rammeaftale)?(?:perioden|løbetiden|kontraktperioden)\b|"
    r"\b(?:kontraktens|aftalens|rammeaftalens)\s+(?:samlede\s+)?løbetid\b|"
    r"\b(?:entire|whole|full|initial|complete)\s+(?:contract\s+|agreement\s+)?(?:term|period|"
    r"duration)\b|\bthroughout\s+the\s+(?:term|agreement|contract)\b|"
    r"\bduring\s+the\s+term\b|\bfor\s+the\s+term\s+of\b|\bterm\s+of\s+(?:the|this)\s+"
    r"(?:agreement|contract)\b|\b(?:for|during)\s+the\s+(?:duration|life(?:time)?)\s+of\b|"
    r"\bi\s+(?:kontrakt|aftale|rammeaftale)perioden\b",
    re.I,
)
_NEGATED_ADJUST = re.compile(_NO_ADJUST, re.I)
_THEREAFTER = re.compile(r"\b(?:herefter|derefter|thereafter|then|subsequently|siden)\b", re.I)


def prices_fixed_for_the_term(text: str) -> bool:
    """Whether the prices never move: "Priserne er faste i hele kontraktperioden", "No price
    adjustment takes place during the term of the contract" (no period counted from the
    start)."""
    return bool(
        (FIXED_WORDS.search(text) or _NEGATED_ADJUST.search(text))
        and _WHOLE_TERM.search(text)
        and not durations(text)
        and not re.search(r"\bførste\b|\bfirst\b", text, re.I)
    )


def adjustment_denied(text: str) -> bool:
    """A statement that names an index only to say prices do not follow it
    ("Priserne reguleres ikke efter nettoprisindekset")."""
    return (
        bool(_NEGATED_ADJUST.search(text))
        and not durations(text)
        and not (_THEREAFTER.search(text))
    )


# ----------------------------------------------------------------- percentages

#: Percentages of something else: volumes, discounts, penalties, availability, VAT, and the
#: increase that gives a right to terminate.
_NOT_ADJUSTMENT = re.compile(
    r"\bantal\w*|\bnumber\s+of\b|\bvolume\w*|\bmængde\w*|\boppetid\w*|\bavailab\w*|"
    r"\brabat\w*|\bdiscount\w*|\bbod\b|\bdagbod\w*|\bpenalt\w*|\bliquidated\b|"
    r"\bservice\s+credit|\bopsig\w*|\bterminat\w*|\bophæv\w*|\bcancel\w*|\bmoms\b|\bVAT\b",
    re.I,
)
_PERCENT_WORDS = {"en": 1, "et": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
                  "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}  # fmt: skip
_PERCENT = re.compile(
    r"(?:(?<![\d.,])\(?\s*(?P<value>\d{1,2}(?:[.,]\d{1,2})?)\s*\)?|"
    rf"\b(?P<word>{'|'.join(_PERCENT_WORDS)}))\s*"
    r"(?:%|pct\b\.?|procent(?:point)?\w*|per\s?cent\b|percent(?:age\s+points?)?\b)",
    re.I,
)
_CAP_BEFORE = re.compile(
    r"(?:højst|maksimalt|maks\.?|max\.?|maximum(?:\s+of)?|maksimum|op\s+til|up\s+to|"
    r"overstige|overskride|højere\s+end|begrænse[st]?\s+til|begrænset\s+til|loft\w*|"
    r"cap(?:ped)?|ceiling|exceed|not\s+exceeding|(?:no|not|ikke)\s+(?:\w+\s+)?(?:more\s+than|"
    r"mere\s+end)|at\s+most|limited\s+to|limit\s+of|"
    r"not\s+be\s+higher\s+than|ikke\s+over)\b[^\d%]{0,30}$",
    re.I,
)
_CAP_AFTER = re.compile(
    r"^\s*(?:pr\.\s*år|per\s+år|årligt|om\s+året|per\s+(?:annum|year)|a\s+year|annually)?\s*"
    r"(?:som\s+(?:loft|maksimum)|i\s+loft|as\s+(?:a\s+)?(?:cap|maximum|ceiling)|cap\b)",
    re.I,
)
#: A condition on the index's movement: "kun hvis indekset er steget med", "only if the index".
_CONDITION = re.compile(
    r"\b(?:hvis|såfremt|forudsat|forudsætter|forudsætning|når|betinget|if|where|when|provided|"
    r"condition\w*|unless|medmindre|udløser|triggers?)\b",
    re.I,
)
_ONLY = re.compile(r"\b(?:kun|alene|udelukkende|only|solely|først)\b|forudsæt|provided|trigger|"
                   r"udløser|condition", re.I)  # fmt: skip
_MOVEMENT = re.compile(
    r"ind(?:eks|ex)\w*|stig\w*|steget|increas\w*|ris(?:e|en|es|ing)\b|ændring\w*|change[sd]?\b|"
    r"udvikling\w*|movement|bevægelse\w*|overstiger|exceeds|exceeded",
    re.I,
)
_AT_LEAST_BEFORE = re.compile(
    r"(?:mindst|minimum|at\s+least|mere\s+end|more\s+than|over|above|exceeds?|exceeded|"
    r"overstiger|overskrider|i\s+alt|med|by|of|udgør|er\s+på|amounts?\s+to|reaches)\s*$",
    re.I,
)
_OR_MORE_AFTER = re.compile(r"^\s*(?:eller\s+(?:mere|derover|højere)|or\s+(?:more|above|higher|"
                            r"greater)|and\s+above)", re.I)  # fmt: skip
_THRESHOLD_WORD = re.compile(r"tærskel\w*|threshold|bagatelgrænse\w*|trigger\w*", re.I)


def percent_value(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if Decimal(0) < value <= Decimal(25) else None


def caps_and_thresholds(text: str) -> tuple[Decimal | None, Decimal | None]:
    """The yearly cap and the threshold the statement states (either may be None).

    A threshold needs a condition on the index's movement ("kun ... hvis indekset er steget
    med 4 % eller mere", "only if the index has increased by more than 4 %", "hvis
    forbrugerprisindekset er steget med mere end 2 %, dog højst 4 %"); "if the index rises
    more than 3 %, the increase is capped at 3 %" states a cap only."""
    if _NOT_ADJUSTMENT.search(text):
        return None, None
    caps: list[Decimal] = []
    conditions: list[Decimal] = []
    previous_end = 0
    for match in _PERCENT.finditer(text):
        word = match["word"]
        value = Decimal(_PERCENT_WORDS[word.lower()]) if word else percent_value(match["value"])
        before, after = text[previous_end : match.start()], text[match.end() : match.end() + 40]
        previous_end = match.end()
        if value is None:
            continue
        if _threshold_shape(text[: match.start()], before, after):
            conditions.append(value)
        elif _CAP_BEFORE.search(before) or _CAP_AFTER.match(after):
            caps.append(value)
    restricted = _ONLY.search(text) is not None
    thresholds = [v for v in conditions if restricted or v not in caps]
    return (caps[0] if caps else None), (thresholds[0] if thresholds else None)


def _threshold_shape(sentence_before: str, before: str, after: str) -> bool:
    if _THRESHOLD_WORD.search(before):
        return True
    return bool(
        _CONDITION.search(sentence_before)
        and _MOVEMENT.search(before)
        and (_AT_LEAST_BEFORE.search(before) or _OR_MORE_AFTER.match(after))
        and not _CAP_BEFORE.search(before[-30:])
    )


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
    r"(?:varsel|varsl\w*|notice|notif\w*|underret\w*|meddel\w*|inform\w*)\b[^\d]{0,60}$", re.I
)
_IN_ADVANCE_AFTER = re.compile(
    r"^\s*(?:['’]s?\s*)?(?:i\s+forvejen|in\s+advance|forud|før|before|prior\s+to|"
    r"inden)\b",
    re.I,
)
NOTICE_WORD = re.compile(r"varsel|varsl|notice|notif|underret|meddel|inform", re.I)
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
_FIXED_NEAR = re.compile(rf"{_FIXED}|{_NO_ADJUST}|{_EARLIEST}", re.I)


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
            and (_FIXED_NEAR.search(before[-70:]) or _FIXED_NEAR.search(after[:90]))
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


_FIRST_YEAR = re.compile(r"\b(?:første|first)\s+(?:kontrakt|aftale|contract\s+|agreement\s+)?"
                         r"(?:år|year)\b", re.I)  # fmt: skip
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
_FIRST_DAY_OF = re.compile(rf"\bfirst\s+day\s+of\s+(?P<month>{_MONTH})\b", re.I)
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

"""The words and number shapes contracts use: dates, amounts, units, volume bands.

Danish and English side by side; each parser returns None for text it does not
recognise rather than guessing.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from extractors.money import parse_amount
from extractors.types import Unit

MONTHS = {
    **{m: i for i, m in enumerate(("januar", "februar", "marts", "april", "maj", "juni", "juli",
       "august", "september", "oktober", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
       "july", "august", "september", "october", "november", "december"), start=1)},
    "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sep.": 9, "sept.": 9,
    "okt.": 10, "oct.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
#: Short month names without their period ("Dec 8, 2005", "1 Jun 2026"); only in full dates.
_SHORT_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                 "sep": 9, "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12}  # fmt: skip
_MONTH_ANY = rf"(?:{_MONTH_ALT}|(?:{'|'.join(_SHORT_MONTHS)})\b\.?)"
#: Ordinal day words ("the first day of July, 2017").
DAY_WORDS = {
    w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth",
    "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"), start=1)
}  # fmt: skip
DAY_WORDS |= {f"twenty{sep}{w}": 20 + DAY_WORDS[w] for w in list(DAY_WORDS)[:9] for sep in "- "}
DAY_WORDS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
_DAY_WORD_ALT = "|".join(sorted(DAY_WORDS, key=len, reverse=True))
#: The ordinal suffix after a day number; PDFs split it ("20t h day of November").
_ORDINAL = r"(?:\.|\s?(?:st|nd|rd|th|t\s?h))"

DATE_RE = re.compile(
    # 1. januar 2026 | 1 January 2026 | 1st day of May, 2006 | (1st) day of January, 1996
    rf"(?:\b|(?<=\())(?:(?P<d1>\d{{1,2}}){_ORDINAL}?\)?|(?P<w1>{_DAY_WORD_ALT})\)?)"
    rf"(?:\s+day)?(?:\s*(?:of\s+|,\s*)?|-)(?P<m1>{_MONTH_ANY})(?:\s*,?\s*|-)"
    rf"(?:A\.\s?D\.\s*)?(?P<y1>\d{{4}})\b"  # 1-May-2006 | 1st day of May, A.D. 2006
    # January 1, 2026 | June 1,1999 | January 1st, 2006 | Dec. 8, 2005 | April 15 , 2010
    rf"|\b(?P<m2>{_MONTH_ANY})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y2>\d{{4}})\b"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})\b"  # 2026-01-01
    # 01-01-2026 | 01.07.2025 | 1/1/2026 | 04/25/2018 | 05/05/98 (two-digit years: / and - only)
    # (a date wrapped after its last dash: "30-06-" over "2029")
    r"|\b(?P<a4>\d{1,2})(?P<s4>[-./])(?P<b4>\d{1,2})(?P=s4)(?:(?<=-)\s)?(?P<y4>\d{4})\b"
    r"|\b(?P<a5>\d{1,2})(?P<s5>[-/])(?P<b5>\d{1,2})(?P=s5)(?P<y5>\d{2})\b(?![-/.]\d)"
    # 1/4 2026, 1/4-2026 (Danish: day/month, then the year)
    r"|\b(?P<d6>\d{1,2})/(?P<m6>\d{1,2})(?:\s+|-)(?P<y6>\d{4})\b",
    re.IGNORECASE,
)
#: "1. januar" / "1 January" without a year: the day an adjustment takes effect.
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_ALT})(?!\s+\d{{4}})\b", re.IGNORECASE)
#: "oktober 2025": a month of a year (base index).
MONTH_YEAR_RE = re.compile(rf"\b({_MONTH_ALT})\s+(\d{{4}})\b", re.IGNORECASE)
#: A date left to be filled in: "[dato]", "[●]", "<dato>", "____", "March ___, 1999",
#: "this ___ day of ____, 2015", "dated as of , 2012", "the [*****] day of [*****]".
_BLANK = r"(?:_{2,}|\[[^\]\n]{0,20}\]|<\s*(?:dato|date)\s*>|\.{4,}|…+)"
PLACEHOLDER_DATE_RE = re.compile(
    rf"(?:{_BLANK}\s*(?:day\s+)?(?:of\s+)?)?(?:{_MONTH_ANY}|{_BLANK})\s*{_BLANK}?\s*,?\s*"
    rf"(?:\d{{4}}|\d{{2,3}}_+|{_BLANK})(?![\d])"
    rf"|{_BLANK}\s*(?:day\s+)?of\s+(?:{_MONTH_ANY}|{_BLANK})"
    rf"|\b(?:as\s+of|on|dated|this)\s+(?:day\s+of\s+)?,\s*\d{{4}}\b"
    r"|\[\s*(?:dato|date|indsæt dato|insert date|●|•|\s*)\s*\]|<\s*(?:dato|date)\s*>|\[\s*\.{2,}\s*\]",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](?:\d{4}|\d{2})\b")
_EUROPEAN = re.compile(
    r"\bCVR\b|\bDKK\b|\bEUR\b|€|\bKommune\b|\bDenmark\b|\bDanmark\b|\bRegion\s+[A-ZÆØ]"
)
#: The century of a two-digit year: below this, 20xx ("05/05/98" is 1998, "11/4/10" 2010).
_PIVOT = 50

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
#: An amount as a table cell writes it: "12.500,00", "kr. 500,-", "DKK 1,234.56", "0,38 kr."
AMOUNT_TEXT = rf"(?:(?:kr\.|DKK|EUR)\s*)?(?:{_NUMBER})(?:,-)?(?:\s*(?:kr\.?|DKK))?"
AMOUNT_RE = re.compile(
    rf"(?:(?:kr\.|DKK|EUR)\s*)?(?P<n>{_NUMBER})(?P<dash>,-)?(?:\s*(?:kr\.?|DKK))?"
)

#: A person a licence is counted by, like a user: "pr. elev pr. år", "per employee per month".
_PERSON_DA = r"(?:bruger|elev|medarbejder|ansat|lærer|studerende)"
_PERSON_EN = r"(?:user|student|pupil|teacher|employee|staff\s+member)"
#: a period after a fixed fee's words: "fast pris pr. år", "fixed fee per month"
_PER_PERIOD = (
    r"\s*(?:(?:pr\.?|per|a|each|/)\s*)(?:år|måned|md\.?|mdr\.?|kvartal|uge|"
    r"year|month|quarter|week|annum)\b"
)
_UNITS: tuple[tuple[str, Unit], ...] = (
    (rf"pr\.?\s*{_PERSON_DA}\s*(?:pr\.?\s*|/\s*)(?:måned|md\.?|mdr\.?)", Unit.USER_MONTH),
    (rf"pr\.?\s*{_PERSON_DA}\s*(?:pr\.?\s*|/\s*)år", Unit.USER_YEAR),
    (r"pr\.?\s*(?:indbygger|indb\.?)\s*(?:pr\.?\s*|/\s*)år", Unit.INHABITANT_YEAR),
    (rf"per\s+{_PERSON_EN}\s*(?:per\s+|/\s*)month", Unit.USER_MONTH),
    (rf"per\s+{_PERSON_EN}\s*(?:per\s+|/\s*)year", Unit.USER_YEAR),
    (r"per\s+inhabitant\s*(?:per\s+|/\s*)year", Unit.INHABITANT_YEAR),
    (r"pr\.?\s*(?:påbegyndt\s+)?time|timepris|per\s+(?:started\s+)?hour", Unit.HOUR),
    (r"pr\.?\s*(?:transaktion|opslag|forsendelse)|per\s+(?:transaction|lookup)", Unit.TRANSACTION),
    # a fixed fee of a period is that period's price: "fast pr. år", "fast pris pr.
    # måned", "fixed fee per year" (the words taken whole, none left to the description)
    (
        r"fast\s+(?:pris\s+|beløb\s+)?(?:pr\.?|per)\s*(?:måned|md\.?)(?!\w)|"
        r"fixed\s+(?:fee\s+|price\s+)?(?:per|a)\s+month\b",
        Unit.MONTH,
    ),
    (
        r"fast\s+(?:pris\s+|beløb\s+)?(?:pr\.?|per)\s*år(?!\w)|"
        r"fixed\s+(?:fee\s+|price\s+)?(?:per|a)\s+(?:year|annum)\b",
        Unit.YEAR,
    ),
    # a fixed fee: once, or without a period
    (
        rf"fast\s+pris(?!{_PER_PERIOD})|engangsbeløb|fixed\s+(?:fee|price)(?!{_PER_PERIOD})|"
        r"one-off(?:\s+fee)?",
        Unit.FIXED,
    ),  # fmt: skip
    (r"pr\.?\s*kvartal(?!\w)|per\s+quarter\b(?![-\s]hour)", Unit.QUARTER),
    (r"pr\.?\s*uge(?!\w)|per\s+week\b", Unit.WEEK),
    (r"pr\.?\s*(?:måned|md\.?)|månedligt|per\s+month|monthly", Unit.MONTH),
    (r"pr\.?\s*år|årligt|per\s+(?:year|annum)|annually|yearly", Unit.YEAR),
    (
        r"pr\.?\s*(?:stk\.?|styk|pakke|pk\.|æske|kasse|karton|rulle|sæt|enhed|integration)(?!\w)|"
        r"per\s+(?:piece|unit|pack(?:age)?|box|carton|roll|device|integration)\b",
        Unit.PIECE,
    ),
    (r"pr\.?\s*(?:kg|kilo(?:gram)?)(?!\w)|per\s+(?:kg|kilo(?:gram)?)\b", Unit.KG),
    # an occasion counted like a piece: a trip, a collection, a call-out, a visit
    (
        r"pr\.?\s*(?:tur|kørsel|tømning|afhentning|udkald|udrykning|besøg|levering|vindue|"
        r"container|løft)(?!\w)|per\s+(?:trip|ride|journey|collection|emptying|call-out|visit|"
        r"delivery|window|container|lift)\b",
        Unit.PIECE,
    ),
    # measures: weight, distance, length, area, volume; a day's rate
    (r"pr\.?\s*(?:tons?|tonne?s?)(?!\w)|per\s+(?:metric\s+)?(?:tons?|tonnes?)\b", Unit.TONNE),
    (
        r"pr\.?\s*(?:kørt(?:e)?\s+)?(?:km|kilometer)(?!\w)|"
        r"per\s+(?:km|kilomet(?:er|re))\b|kilometerpris|km-pris",
        Unit.KM,
    ),
    (
        r"pr\.?\s*(?:m²|m2|kvm|kvadratmeter)(?!\w)|per\s+(?:m²|m2|sq\.?\s*m|square\s+met(?:er|re))"
        r"(?!\w)|kvadratmeterpris",
        Unit.SQUARE_METRE,
    ),
    (
        r"pr\.?\s*(?:m³|m3|kubikmeter)(?!\w)|per\s+(?:m³|m3|cubic\s+met(?:er|re))(?!\w)",
        Unit.CUBIC_METRE,
    ),
    (
        r"pr\.?\s*(?:løbende\s+meter|lb\.?\s*m\.?|lbm|meter|m(?![\w.]))(?!\w)|"
        r"per\s+(?:(?:linear|running)\s+)?met(?:er|re)\b",
        Unit.METRE,
    ),
    (r"pr\.?\s*(?:liter|ltr|l)(?![\w.])|per\s+lit(?:er|re)\b|literpris", Unit.LITRE),
    (r"pr\.?\s*(?:ha\.?|hektar)(?!\w)|per\s+(?:ha|hectare)\b|hektarpris", Unit.HECTARE),
    (
        r"pr\.?\s*(?:påbegyndt\s+)?(?:dag|døgn|arbejdsdag|kalenderdag|kursusdag|"
        r"undervisningsdag|24\s*timer)(?!\w)|"
        r"per\s+(?:started\s+)?(?:(?:course|training|workshop)\s+)?(?:day|diem|24\s*hours)\b|"
        r"dagspris|døgnpris|dagpris|daily\s+rate|day\s+rate",
        Unit.DAY,
    ),
)
UNIT_RE = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)), re.IGNORECASE)
#: A unit at the very end of a cell or line.
UNIT_AT_END_RE = re.compile(rf"(?:^|\s)(?:{UNIT_RE.pattern})\.?$", re.IGNORECASE)

#: a whole quantity as written: "10.000", "10,000", "500"
QTY = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_NOUN = (r"(?:indbyggere|borgere|brugere|transaktioner|licenser|licens|stk\.?|styk|enheder|"
         r"inhabitants|citizens|users|transactions|licences|licenses|pcs\.?|pieces|units)")  # fmt: skip
#: "and more" after a band's lower end: "500 brugere og derover", "500 users or more"
AND_MORE = (r"(?:og|eller)\s+(?:derover|flere|mere|opefter)|(?:or|and)\s+(?:more|above|over|"
             r"greater)")  # fmt: skip
#: A volume band: "1-99 brugere" (also with an en dash), "over 500 brugere", "fra 1.001
#: stk", "op til 100 users", "100+ brugere", "500 brugere og derover", "500 users or more".
BAND_RE = re.compile(
    rf"(?:(?:(?P<lo>{QTY})\s*[-–—]\s*(?P<hi>{QTY})"
    rf"|(?P<over>over|mere end|more than|above)\s+(?P<over_n>{QTY})"
    rf"|(?P<from>fra|from)\s+(?P<from_n>{QTY})"
    rf"|(?P<upto>op til|under|up to)\s+(?P<upto_n>{QTY})"
    rf"|(?P<plus_n>{QTY})\s*\+)\s+{_NOUN}"
    rf"|(?P<more_n>{QTY})\s+{_NOUN}\s+(?:{AND_MORE}))",
    re.IGNORECASE,
)
BAND_AT_END_RE = re.compile(rf"(?:^|\s)(?:{BAND_RE.pattern})$", re.IGNORECASE)
#: A band after what it counts, at the end of a description: "Core HR, users 1-500",
#: "navngivne brugere 501-2.000", "users 2,001+" (``band`` then reads as "1-500 users")
NOUN_FIRST_BAND_RE = re.compile(
    rf"(?:^|[\s,])(?P<noun>{_NOUN})\s+(?P<band>(?:{QTY})\s*[-–—]\s*(?:{QTY})|(?:{QTY})\s*\+|"
    rf"(?:over|above|more than|mere end)\s+(?:{QTY}))$",
    re.IGNORECASE,
)
#: A band written in words, a cell of its own in a band or quantity column: "Fra 10 til
#: 49", "10 to 49 units", "between 10 and 49" (in running text or a description these are
#: sizes and counts: "Kuverter C5, 10 og 20 stk.", "Workshop for 5 til 10 brugere")
WORDED_BAND_RE = re.compile(
    rf"^(?:(?:fra|from|between|mellem)\s+)?(?P<lo>{QTY})\s+(?:til|to|and|og)\s+"
    rf"(?P<hi>{QTY})(?:\s+{_NOUN})?$",
    re.IGNORECASE,
)


def parse_date(match: re.Match[str], *, month_first: bool = False) -> date | None:
    """The date of a ``DATE_RE`` match, or None if it is not a real calendar date.

    A numeric date whose order is ambiguous (``04/05/2018``) is read day first
    (Danish, European) unless ``month_first`` (US English); an unambiguous one
    (``04/25/2018``, ``25/04/2018``) is read the only way it can be.
    """
    g = match.groupdict()
    try:
        if g["y1"]:
            day = int(g["d1"]) if g["d1"] else DAY_WORDS[" ".join(g["w1"].lower().split())]
            return date(int(g["y1"]), _month(g["m1"]), day)
        if g["y2"]:
            return date(int(g["y2"]), _month(g["m2"]), int(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["y6"]:
            return date(int(g["y6"]), int(g["m6"]), int(g["d6"]))
        for n in "45":
            if g[f"y{n}"]:
                year = int(g[f"y{n}"])
                if year < 100:
                    year += 2000 if year < _PIVOT else 1900
                first, second = int(g[f"a{n}"]), int(g[f"b{n}"])
                if first > 12 or (second <= 12 and not month_first):
                    return date(year, second, first)
                return date(year, first, second)
    except (ValueError, KeyError):
        return None
    return None


def _month(word: str) -> int:
    key = word.lower().rstrip(".")
    month = MONTHS.get(key) or MONTHS.get(key + ".") or _SHORT_MONTHS.get(key)
    if month is None:
        raise KeyError(word)
    return month


def numeric_order(text: str, language: str) -> bool:
    """Whether ambiguous numeric dates in ``text`` are written month first (US style).

    Decided by the unambiguous ones (a first number above 12 is a day; a second above
    12 is a day too); without them, English text is read month first (``04/05/2018``,
    ``3-5-98``) unless it is European (it names a CVR number, DKK, EUR, a Kommune or
    Denmark), anything else day first (``04-05-2018``, ``04.05.2018``).
    """
    day_first = month_first = 0
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        day_first += first > 12
        month_first += second > 12
    if day_first != month_first:
        return month_first > day_first
    return language == "en" and _EUROPEAN.search(text) is None


def find_dates(text: str, *, month_first: bool = False) -> list[tuple[date, str]]:
    """Every date in ``text`` with the text it was written as, in order."""
    found = []
    for match in DATE_RE.finditer(text):
        value = parse_date(match, month_first=month_first)
        if value is not None:
            found.append((value, match.group(0)))
    return found


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower())


#: a unit no ``Unit`` stands for, which read as one would misprice by a factor: a price per
#: N units ("pr. 1.000 stk.", "per 1,000 words", "pr. 100 ark"), per part of an hour
#: ("pr. påbegyndt halve time", "pr. ½ time", "pr. kvarter"), per half year, a measure per
#: period ("pr. m² pr. år", "per TB per month")
UNREPRESENTED_UNIT = re.compile(
    r"(?:\bpr\.?|\bper)\s*(?:påbegyndte?\s+|started\s+|commenced\s+)?"
    r"(?:(?!1(?!\d|[.,]\d))(?!24\s*(?:hours?|timer|t)\b)"
    r"(?!\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\.\s*[a-zæøå]{3,}\.?\s+\d{4})"
    r"(?!\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4})\d[\d.,]*\s*"
    r"(?!(?:l|kg|g|ml|cl|dl|mm|cm|m|liter|gram|ltr)\b)[a-zæøå²³]|½|1/2|1/4|halve?\b|half\b|kvarter\b|"
    r"quarter[-\s]hour)"
    r"|(?:\bpr\.?|\bper|\bevery)\s*(?:halvår|half[-\s]year)\b"
    # a measure per anything ("pr. m² pr. måned", "per sq m per year", "pr. ton pr. km")
    r"|(?:\bpr\.?|\bper)\s*(?:m²|m2|m³|m3|kvm|sq\.?\s*m|square\s+met(?:er|re)s?|km|kilomet(?:er|re)|"
    r"tb|gb|ton|tons|tonnes?|meter|metre|m|liter|litre|ltr|l|lbm|kg|ha|hektar|hectares?)(?![\w²³])"
    r"\.?\s*(?:pr\.?|per|/)\s*"
    r"[a-zæøå²³\d]"
    # a thing per day, week or quarter ("pr. stk. pr. døgn", "per person per day", "pr.
    # bruger pr. kvartal"): no unit of ours
    r"|(?:\bpr\.?|\bper)\s*[a-zæøå]+\.?\s*(?:pr\.?|per|/)\s*(?:dag|døgn|day|uge|week|kvartal|quarter)\b",
    re.IGNORECASE,
)


def unit_of(text: str) -> Unit | None:
    """The unit a phrase names ("pr. bruger pr. måned" -> user_month), else None (also
    for a unit no ``Unit`` stands for: ``UNREPRESENTED_UNIT``)."""
    if UNREPRESENTED_UNIT.search(text):
        return None
    match = UNIT_RE.search(text)
    if match is None:
        return None
    index = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
    unit = _UNITS[index][1]
    if unit is Unit.PIECE:  # a thing per period ("pr. stk. pr. måned"): the period's price
        period = _THEN_PERIOD.match(text, match.end())
        if period is not None:
            return Unit.MONTH if period.group(1).lower().startswith(("m", "md")) else Unit.YEAR
    return unit


_THEN_PERIOD = re.compile(r"\.?\s*(?:pr\.?|per|/)\s*(måned|md|mdr|month|år|year)\b", re.IGNORECASE)


_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def quantity(text: str, language: str) -> Decimal:
    """A whole quantity as written ("10.000" da, "10,000" en). Digits grouped by threes
    are a whole number in either language: a band's bound is a count, and a Danish
    document quoting "50,000 inhabitants" means fifty thousand, not fifty."""
    if _GROUPED.fullmatch(text.strip()):
        return Decimal(re.sub(r"[.,]", "", text.strip()))
    return parse_amount(text, locale=language)


def band_of(match: re.Match[str], language: str) -> tuple[Decimal | None, Decimal | None]:
    """``(tier_min, tier_max)`` of a ``BAND_RE`` match; "over 500" starts at 501; "100+"
    and "500 brugere og derover" start at 100 and 500."""
    g = match.groupdict()
    if g["lo"]:
        return quantity(g["lo"], language), quantity(g["hi"], language)
    if g["over"]:
        return quantity(g["over_n"], language) + 1, None
    if g["from"]:
        return quantity(g["from_n"], language), None
    for open_ended in ("plus_n", "more_n"):
        if g[open_ended]:
            return quantity(g[open_ended], language), None
    return None, quantity(g["upto_n"], language)


def amount_of(text: str, language: str) -> Decimal | None:
    """The amount in a price cell or MONEY entity ("12.500,00", "kr. 500,-"), else None."""
    match = AMOUNT_RE.search(text)
    if match is None:
        return None
    number = match.group("n")
    try:
        if match.group("dash"):
            return parse_amount(number + ",-", locale="da")
        return parse_amount(number, locale=language)
    except ValueError:
        return None


#: a numbered clause heading: "1. Parterne", "2 Background", "§ 1 Aftalens parter"
NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|§\s*\d+)\s+[A-ZÆØÅ]"
    # or a clause heading of its own: "Parter", "The Parties", "Baggrund", "Definitions"
    r"|^(?:(?:the\s+|aftalens\s+|kontraktens\s+)?(?:parter|parterne|parties|baggrund|background|"
    r"indledning|introduction|definitioner|definitions|recitals|præambel|preamble))\s*:?$",
    re.IGNORECASE,
)

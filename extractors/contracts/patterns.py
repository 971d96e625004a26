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

DATE_RE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_ALT})\s+(?P<y1>\d{{4}})"  # 1. januar 2026
    rf"|(?P<m2>{_MONTH_ALT})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"  # January 1, 2026
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"  # 2026-01-01
    r"|(?P<d4>\d{1,2})[-./](?P<m4>\d{1,2})[-./](?P<y4>\d{4}))\b",  # 01-01-2026
    re.IGNORECASE,
)
#: "1. januar" / "1 January" without a year: the day an adjustment takes effect.
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_ALT})(?!\s+\d{{4}})\b", re.IGNORECASE)
#: "oktober 2025": a month of a year (base index).
MONTH_YEAR_RE = re.compile(rf"\b({_MONTH_ALT})\s+(\d{{4}})\b", re.IGNORECASE)

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
#: An amount as a table cell writes it: "12.500,00", "kr. 500,-", "DKK 1,234.56", "0,38 kr."
AMOUNT_TEXT = rf"(?:(?:kr\.|DKK|EUR)\s*)?(?:{_NUMBER})(?:,-)?(?:\s*(?:kr\.?|DKK))?"
AMOUNT_RE = re.compile(
    rf"(?:(?:kr\.|DKK|EUR)\s*)?(?P<n>{_NUMBER})(?P<dash>,-)?(?:\s*(?:kr\.?|DKK))?"
)

_UNITS: tuple[tuple[str, Unit], ...] = (
    (r"pr\.?\s*bruger\s*(?:pr\.?\s*|/\s*)(?:måned|md\.?|mdr\.?)", Unit.USER_MONTH),
    (r"pr\.?\s*bruger\s*(?:pr\.?\s*|/\s*)år", Unit.USER_YEAR),
    (r"pr\.?\s*(?:indbygger|indb\.?)\s*(?:pr\.?\s*|/\s*)år", Unit.INHABITANT_YEAR),
    (r"per\s+user\s*(?:per\s+|/\s*)month", Unit.USER_MONTH),
    (r"per\s+user\s*(?:per\s+|/\s*)year", Unit.USER_YEAR),
    (r"per\s+inhabitant\s*(?:per\s+|/\s*)year", Unit.INHABITANT_YEAR),
    (r"pr\.?\s*(?:påbegyndt\s+)?time|timepris|per\s+(?:started\s+)?hour", Unit.HOUR),
    (r"pr\.?\s*(?:transaktion|opslag|forsendelse)|per\s+(?:transaction|lookup)", Unit.TRANSACTION),
    (
        r"fast\s+pr\.?\s*år|fast\s+pris|engangsbeløb|fixed\s+(?:fee|price|per\s+year)|one-off(?:\s+fee)?",
        Unit.FIXED,
    ),  # fmt: skip
    (r"pr\.?\s*(?:måned|md\.?)|månedligt|per\s+month|monthly", Unit.MONTH),
    (r"pr\.?\s*år|årligt|per\s+year|annually|yearly", Unit.YEAR),
    (r"pr\.?\s*(?:stk\.?|styk)|per\s+(?:piece|unit)", Unit.PIECE),
)
UNIT_RE = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)), re.IGNORECASE)
#: A unit at the very end of a cell or line.
UNIT_AT_END_RE = re.compile(rf"(?:^|\s)(?:{UNIT_RE.pattern})\.?$", re.IGNORECASE)

_QTY = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_NOUN = r"(?:indbyggere|brugere|transaktioner|licenser|inhabitants|users|transactions|licences)"
BAND_RE = re.compile(
    rf"(?:(?P<lo>{_QTY})\s*-\s*(?P<hi>{_QTY})"
    rf"|(?P<over>over|mere end|more than|above)\s+(?P<over_n>{_QTY})"
    rf"|(?P<from>fra|from)\s+(?P<from_n>{_QTY})"
    rf"|(?P<upto>op til|under|up to)\s+(?P<upto_n>{_QTY}))\s+{_NOUN}",
    re.IGNORECASE,
)
BAND_AT_END_RE = re.compile(rf"(?:^|\s)(?:{BAND_RE.pattern})$", re.IGNORECASE)


def parse_date(match: re.Match[str]) -> date | None:
    """The date of a ``DATE_RE`` match, or None if it is not a real calendar date."""
    g = match.groupdict()
    try:
        for n in "1234":
            if g[f"y{n}"]:
                month = g[f"m{n}"]
                mon = int(month) if month.isdigit() else MONTHS[month.lower()]
                return date(int(g[f"y{n}"]), mon, int(g[f"d{n}"]))
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str) -> list[tuple[date, str]]:
    """Every date in ``text`` with the text it was written as, in order."""
    found = []
    for match in DATE_RE.finditer(text):
        value = parse_date(match)
        if value is not None:
            found.append((value, match.group(0)))
    return found


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower())


def unit_of(text: str) -> Unit | None:
    """The unit a phrase names ("pr. bruger pr. måned" -> user_month), else None."""
    match = UNIT_RE.search(text)
    if match is None:
        return None
    index = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
    return _UNITS[index][1]


def quantity(text: str, language: str) -> Decimal:
    """A whole quantity as written ("10.000" da, "10,000" en)."""
    return parse_amount(text, locale=language)


def band_of(match: re.Match[str], language: str) -> tuple[Decimal | None, Decimal | None]:
    """``(tier_min, tier_max)`` of a ``BAND_RE`` match; "over 500" starts at 501."""
    g = match.groupdict()
    if g["lo"]:
        return quantity(g["lo"], language), quantity(g["hi"], language)
    if g["over"]:
        return quantity(g["over_n"], language) + 1, None
    if g["from"]:
        return quantity(g["from_n"], language), None
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

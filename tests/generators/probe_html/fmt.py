"""Number and date formatting the way Danish and English contract writers type them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS_DA_ABBR = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def fmt_date(d: date, style: str) -> str:
    if style == "da_long":
        return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"
    if style == "da_dots":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "da_short_dots":
        return f"{d.day}.{d.month}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "da_dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "da_slash":
        return f"{d.day}/{d.month}-{d.year}"
    if style == "da_abbr":
        return f"{d.day}. {MONTHS_DA_ABBR[d.month - 1]} {d.year}"
    if style == "en_long":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "en_us":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    if style == "en_ord":
        return f"{_ordinal(d.day)} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "en_abbr":
        return f"{d.day} {MONTHS_EN[d.month - 1][:3]} {d.year}"
    raise ValueError(style)


def add_years_minus_day(d: date, years: int) -> date:
    return date(d.year + years, d.month, d.day) - timedelta(days=1)


def add_months_minus_day(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, d.day) - timedelta(days=1)


def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def num(x: Decimal, thousands: str, dec_sep: str, decimals: bool = True) -> str:
    q = x.quantize(Decimal("0.01"))
    whole = int(q)
    cents = int((q - whole) * 100)
    if not decimals:
        return _group(whole, thousands)
    return f"{_group(whole, thousands)}{dec_sep}{cents:02d}"


# money styles; INTEGER_STYLES print whole kroner only, so their prices are whole numbers
INTEGER_STYLES = {"da_dash", "da_dash_kr"}


def fmt_money(x: Decimal, style: str) -> str:
    if style == "da_plain":
        return num(x, ".", ",")
    if style == "da_kr_prefix":
        return "kr. " + num(x, ".", ",")
    if style == "da_space_kr":
        return num(x, " ", ",") + " kr"
    if style == "da_dkk_prefix":
        return "DKK " + num(x, ".", ",")
    if style == "da_dash":
        return num(x, ".", ",", decimals=False) + ",-"
    if style == "da_dash_kr":
        return "kr. " + num(x, ".", ",", decimals=False) + ",-"
    if style == "da_kr_suffix":
        return num(x, ".", ",") + " kr."
    if style == "en_plain":
        return num(x, ",", ".")
    if style == "en_dkk_prefix":
        return "DKK " + num(x, ",", ".")
    if style == "en_dkk_suffix":
        return num(x, ",", ".") + " DKK"
    raise ValueError(style)


def int_txt(n: int, en: bool) -> str:
    return _group(n, "," if en else ".")

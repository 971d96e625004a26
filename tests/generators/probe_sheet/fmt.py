"""Dates, CVR numbers and the printed look of numbers (as Calc shows them in da-DK / en-US)."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MONTHS_DA = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def q(x) -> Decimal:
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def cvr_ok(s: str) -> bool:
    return (
        len(s) == 8
        and s.isdigit()
        and s[0] != "0"
        and sum(int(c) * w for c, w in zip(s, CVR_WEIGHTS, strict=False)) % 11 == 0
    )


def make_cvr(rng: random.Random) -> str:
    while True:
        head = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        rest = -sum(d * w for d, w in zip(head, CVR_WEIGHTS, strict=False)) % 11
        if rest <= 9:
            s = "".join(map(str, head + [rest]))
            assert cvr_ok(s)
            return s


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def term_end(start: date, months: int) -> date:
    """Last day of a term of ``months`` months from ``start``."""
    return add_months(start, months) - timedelta(days=1)


DATE_STYLES_DA = ["long", "dots", "short_dots", "iso", "dash", "slash", "abbr"]
DATE_STYLES_EN = ["long_en", "us_en", "iso"]


def fmt_date(d: date, style: str) -> str:
    if style == "long":
        return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"
    if style == "dots":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "short_dots":
        return f"{d.day}.{d.month}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "slash":
        return f"{d.day}/{d.month} {d.year}"
    if style == "abbr":
        m = MONTHS_DA[d.month - 1]
        return f"{d.day}. {m if len(m) <= 4 else m[:3] + '.'} {d.year}"
    if style == "long_en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "us_en":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    raise ValueError(style)


# ----------------------------------------------------------------------------- numbers
def _group(n: int, sep: str) -> str:
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


def num(x: Decimal, lang: str, decimals: int = 2, grouping: bool = True) -> str:
    x = Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    neg, x = x < 0, abs(x)
    i = int(x)
    th, dp = (".", ",") if lang == "da" else (",", ".")
    s = _group(i, th) if grouping else str(i)
    if decimals:
        s += dp + str(x).split(".")[1]
    return ("-" if neg else "") + s


def general(x: Decimal, lang: str) -> str:
    """What Calc's 'General' format shows for a short decimal."""
    s = format(Decimal(x).normalize(), "f")
    return s.replace(".", ",") if lang == "da" else s


# money styles: name -> (Excel number format code, printed look)
MONEY_STYLES = {
    "da_2dec": "#,##0.00",
    "da_general": "General",
    "da_kr_pre": '"kr "#,##0.00',
    "da_kr_post": '#,##0.00 "kr."',
    "da_acct": '_-[$kr.-406]* #,##0.00_-;-[$kr.-406]* #,##0.00_-;_-[$kr.-406]* "-"??_-;_-@_-',
    "da_nosep": "0.00",
    "en_2dec": "#,##0.00",
    "en_dkk": '"DKK "#,##0.00',
    "en_general": "General",
}
MONEY_DA = ["da_2dec", "da_general", "da_kr_pre", "da_kr_post", "da_acct", "da_nosep"]
MONEY_EN = ["en_2dec", "en_dkk", "en_general"]


def money_text(x: Decimal, style: str) -> str:
    lang = "da" if style.startswith("da") else "en"
    if style.endswith("general"):
        return general(x, lang)
    if style == "da_kr_pre":
        return "kr " + num(x, "da")
    if style == "da_kr_post":
        return num(x, "da") + " kr."
    if style == "da_acct":
        return "kr. " + num(x, "da")
    if style == "da_nosep":
        return num(x, "da", grouping=False)
    if style == "en_dkk":
        return "DKK " + num(x, "en")
    return num(x, lang)


def int_text(n: int, lang: str, grouping: bool) -> str:
    return num(Decimal(n), lang, 0, grouping)

"""Numbers, money and dates as people read them: Danish (1.234,56 kr.) or English."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def number(value: Decimal, *, lang: str, min_places: int = 2, max_places: int = 6) -> str:
    """``1234.5`` -> ``1.234,50`` (da) or ``1,234.50`` (en).

    Keeps at least ``min_places`` decimals and at most ``max_places``, dropping
    trailing zeros beyond ``min_places`` (a unit price of 33,333333 stays exact).
    """
    value = Decimal(value).quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    frac = frac.rstrip("0")
    frac = frac.ljust(min_places, "0")
    thousands, decimal_mark = (".", ",") if lang == "da" else (",", ".")
    text = sign + _group(whole, thousands)
    return f"{text}{decimal_mark}{frac}" if frac else text


def money(value: Decimal | None, *, lang: str, currency: str = "DKK", places: int = 2) -> str:
    """``1.234,56 kr.`` in Danish, ``DKK 1,234.56`` in English; other currencies by code."""
    if value is None:
        return "–"
    amount = number(value, lang=lang, min_places=2, max_places=places)
    if lang == "da":
        return f"{amount} kr." if currency == "DKK" else f"{amount} {currency}"
    return f"{currency} {amount}"


def unit_price(value: Decimal | None, *, lang: str, currency: str = "DKK") -> str:
    """Like ``money`` but exact to six decimals (unit prices may be 100/3 kr.)."""
    return money(value, lang=lang, currency=currency, places=6)


def quantity(value: Decimal | None, *, lang: str) -> str:
    if value is None:
        return "–"
    return number(value, lang=lang, min_places=0)


def day(value: date | None, *, lang: str) -> str:
    """``1. januar 2026`` (da) or ``1 January 2026`` (en)."""
    if value is None:
        return "–"
    if lang == "da":
        return f"{value.day}. {_MONTHS_DA[value.month - 1]} {value.year}"
    return f"{value.day} {value.strftime('%B')} {value.year}"


#: control characters (CR, LF, TAB, the C1 range), line and paragraph separators
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
HEADER_MAX_CHARS = 200


def header(value: str, *, limit: int = HEADER_MAX_CHARS) -> str:
    """A value fit for one email header line (a subject): control characters, CR and
    LF among them, become a space, runs of spaces one, and it is cut to ``limit``
    characters. Invoice numbers and vendor names come from documents anyone can send."""
    text = " ".join(_CONTROL.sub(" ", value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

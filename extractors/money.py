"""Exact money and number handling: Decimal only, rounding half up to øre."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
ZERO = Decimal("0")

_DA_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
_EN_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")


def to_ore(value: Decimal) -> Decimal:
    """Round to whole øre (two decimals), half up, as Danish invoices do."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_decimal(text: str) -> Decimal:
    """Parse a plain machine decimal ("1234.50"); raises ValueError if not one."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def parse_amount(text: str, *, locale: str | None = None) -> Decimal:
    """Parse an amount as written by people: ``12.500,00``, ``1,234.56``, ``500,-``.

    ``locale`` is ``"da"`` (``.`` thousands, ``,`` decimals), ``"en"`` or ``None``
    to decide from the text. Currency words and spaces are ignored. Raises
    ValueError naming the text when it is not an amount.
    """
    raw = text
    s = text.strip()
    s = re.sub(r"(?i)\b(kr\.?|dkk|eur|€|usd|\$)", "", s)
    s = s.replace("\u00a0", " ").replace(" ", "").replace("\u2212", "-")
    s = re.sub(r"[,.]-+$", "", s)  # 500,- / 500.-
    if not s or not re.search(r"\d", s):
        raise ValueError(f"not an amount: {raw!r}")
    if locale is None:
        locale = _guess_locale(s)
    if locale == "da":
        if not _DA_NUMBER.match(s):
            raise ValueError(f"not a Danish amount: {raw!r}")
        s = s.replace(".", "").replace(",", ".")
    else:
        if not _EN_NUMBER.match(s):
            raise ValueError(f"not an amount: {raw!r}")
        s = s.replace(",", "")
    return Decimal(s)


def _guess_locale(s: str) -> str:
    last_comma, last_dot = s.rfind(","), s.rfind(".")
    if last_comma > last_dot:
        # "1.234,56" or "12,5": a comma after any dot is a decimal comma,
        # unless it is followed by exactly three digits and there is no dot ("1,234").
        tail = s[last_comma + 1 :]
        if last_dot == -1 and len(tail) == 3 and s.count(",") >= 1 and not s.startswith("0,"):
            return "en"
        return "da"
    if last_dot > last_comma:
        tail = s[last_dot + 1 :]
        if last_comma == -1 and len(tail) == 3 and s.count(".") >= 1 and not s.startswith("0."):
            # "12.500" is Danish thousands more often than three decimals.
            return "da"
        return "en"
    return "en"


def group_digits(digits: str, sep: str) -> str:
    """Whole digits in groups of three: ``group_digits("1234567", ".") -> "1.234.567"``."""
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def decimal_str(value: Decimal, *, min_places: int = 2) -> str:
    """A plain decimal string without trailing zeros beyond ``min_places``.

    ``Decimal("399.000000") -> "399.00"``, ``Decimal("33.250000") -> "33.25"``,
    ``Decimal("0.123400") -> "0.1234"``; with ``min_places=0``: ``"12.000" -> "12"``.
    """
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    places = max(min_places, -exponent)
    return f"{value:.{places}f}"

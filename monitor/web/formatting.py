"""Numbers, money and dates as people read them: ``1.234,56 kr.`` in Danish pages.

Amounts are Decimals throughout; nothing here goes through float.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from extractors.money import decimal_str

_COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_MONTHS = {
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def number(value: Decimal | int | None, lang: str = "da", *, places: int | None = None) -> str:
    """Group thousands and use the language's decimal mark.

    ``places=None`` keeps the decimals the value needs (at least two for non-integers);
    ``places=0`` for counts.
    """
    if value is None:
        return "–"
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{d:.{places}f}"
    else:
        text = decimal_str(d, min_places=0 if d == d.to_integral_value() else 2)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    thousands, decimal_mark = (".", ",") if lang == "da" else (",", ".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + thousands.join(groups)
    return f"{out}{decimal_mark}{frac}" if frac else out


def money(value: Decimal | None, lang: str = "da", currency: str = "DKK") -> str:
    """``1.234,56 kr.`` (da) or ``DKK 1,234.56`` (en); unit prices keep their extra decimals."""
    if value is None:
        return "–"
    d = Decimal(value)
    places = max(2, -int(d.normalize().as_tuple().exponent)) if d != 0 else 2
    text = number(d, lang, places=min(places, 6))
    if lang == "da":
        return f"{text} kr." if currency == "DKK" else f"{text} {currency}"
    return f"{currency} {text}"


def quantity(value: Decimal | None, lang: str = "da") -> str:
    return "–" if value is None else number(value, lang)


def ratio(value: Decimal | None, lang: str = "da") -> str:
    """``2,47×``: two decimals, so 1,97× is never shown as a rounded 2,0×."""
    return "–" if value is None else number(value, lang, places=2) + "×"


def day(value: date | datetime | str | None, lang: str = "da") -> str:
    """``23. november 2026`` (da) or ``23 November 2026`` (en)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.astimezone(_COPENHAGEN).date()
    month = _MONTHS.get(lang, _MONTHS["da"]).split()[value.month - 1]
    return (
        f"{value.day}. {month} {value.year}"
        if lang == "da"
        else f"{value.day} {month} {value.year}"
    )


def moment(value: datetime | None, lang: str = "da") -> str:
    """A date with the time of day in Danish local time."""
    if value is None:
        return "–"
    local = value.astimezone(_COPENHAGEN)
    return f"{day(local.date(), lang)} {local:%H:%M}"


def humanize_key(key: str) -> str:
    """``contract_page`` -> ``Contract page`` (for evidence keys with no translation)."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def is_amount(value: Any) -> bool:
    """A plain decimal string such as ``"100.00"`` (as rules write amounts in evidence)."""
    if not isinstance(value, str) or not value:
        return False
    try:
        return Decimal(value).is_finite() and value.strip() == value and "e" not in value.lower()
    except ArithmeticError:
        return False


def is_iso_date(value: Any) -> bool:
    """``"2026-03-01"`` (as rules write dates in evidence)."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_mapping(value: Any) -> bool:
    return isinstance(value, dict)


def is_sequence(value: Any) -> bool:
    return isinstance(value, list | tuple)

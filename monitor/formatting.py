"""Numbers, money, percentages and dates as people read them: the one module that pages,
emails, the CLI and exports share, so the same figure reads the same everywhere.

* ``money``: an amount (overcharge, total, line amount), always to the øre:
  ``1.234,56 kr.`` (da) or ``DKK 1,234.56`` (en), rounded half up.
* ``unit_price``: a price per unit, exact to six decimals with at least two, trailing
  zeros dropped: ``33,333333 kr.``, ``435,00 kr.`` (a unit price may be 100/3 kr.).
* ``quantity``, ``number``, ``percent``, ``ratio``, ``day``, ``moment``.

Every function takes the value and the language (``"da"`` default, ``"en"``), the
language positionally or by keyword. Amounts are Decimals throughout; nothing here
goes through float. Machine formats (JSON, CSV) keep plain decimal strings instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from extractors.money import group_digits

_COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_MONTHS = {
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "en": "January February March April May June July August September October November December",
}
DASH = "–"


def number(
    value: Decimal | int | str | None,
    lang: str = "da",
    *,
    places: int | None = None,
    min_places: int | None = None,
    max_places: int = 6,
) -> str:
    """Thousands grouped, the language's decimal mark: ``1234.5`` -> ``1.234,5`` (da).

    ``places``: exactly that many decimals (rounded half up; 0 for counts). Otherwise
    the decimals the value needs, at most ``max_places`` (rounded half up), at least
    ``min_places`` (default: 0 for whole numbers, 2 for the rest).
    """
    if value is None or value == "":
        return DASH
    d = Decimal(value)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        whole, _, frac = f"{abs(d):f}".partition(".")
    else:
        d = d.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
        whole, _, frac = f"{abs(d):f}".partition(".")
        frac = frac.rstrip("0")
        least = min_places if min_places is not None else (2 if frac else 0)
        frac = frac.ljust(least, "0")
    sign = "-" if d < 0 else ""
    thousands, mark = (".", ",") if lang == "da" else (",", ".")
    text = sign + group_digits(whole, thousands)
    return f"{text}{mark}{frac}" if frac else text


def _with_currency(amount: str, lang: str, currency: str) -> str:
    if lang == "da":
        return f"{amount} kr." if currency == "DKK" else f"{amount} {currency}"
    return f"{currency} {amount}"


def money(value: Decimal | str | None, lang: str = "da", currency: str = "DKK") -> str:
    """An amount to the øre: ``1.234,56 kr.`` (da), ``DKK 1,234.56`` (en)."""
    if value is None or value == "":
        return DASH
    return _with_currency(number(value, lang, places=2), lang, currency)


def unit_price(value: Decimal | str | None, lang: str = "da", currency: str = "DKK") -> str:
    """A unit price, exact to six decimals, at least two: ``33,333333 kr.``."""
    if value is None or value == "":
        return DASH
    return _with_currency(number(value, lang, min_places=2, max_places=6), lang, currency)


def quantity(value: Decimal | str | None, lang: str = "da") -> str:
    """A quantity as written: ``374.000``, ``3,5``."""
    return DASH if value is None else number(value, lang, min_places=0)


def percent(value: Decimal | str | None, lang: str = "da") -> str:
    """``7 %``, ``3,25 %``: at most two decimals."""
    if value is None or value == "":
        return DASH
    return f"{number(value, lang, min_places=0, max_places=2)} %"


def ratio(value: Decimal | str | None, lang: str = "da") -> str:
    """``2,47×``: two decimals, so 1,97× is never shown as a rounded 2,0×."""
    return DASH if value is None else number(value, lang, places=2) + "×"


def day(value: date | datetime | str | None, lang: str = "da") -> str:
    """``23. november 2026`` (da) or ``23 November 2026`` (en)."""
    if value is None or value == "":
        return DASH
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.astimezone(_COPENHAGEN).date()
    month = _MONTHS.get(lang, _MONTHS["da"]).split()[value.month - 1]
    if lang == "da":
        return f"{value.day}. {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def local_date(value: datetime) -> date:
    """The day it is in Denmark at this moment (an aware datetime)."""
    return value.astimezone(_COPENHAGEN).date()


def moment(value: datetime | None, lang: str = "da") -> str:
    """A date with the time of day in Danish local time."""
    if value is None:
        return DASH
    local = value.astimezone(_COPENHAGEN)
    return f"{day(local.date(), lang)} {local:%H:%M}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
HEADER_MAX_CHARS = 200


def header(value: str, *, limit: int = HEADER_MAX_CHARS) -> str:
    """A value fit for one email header line (a subject): control characters, CR and
    LF among them, become a space, runs of spaces one, and it is cut to ``limit``
    characters. Invoice numbers and vendor names come from documents anyone can send."""
    text = " ".join(_CONTROL.sub(" ", value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

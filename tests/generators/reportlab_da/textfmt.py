"""How amounts, dates, percentages and small numbers are written in Danish and English text.

Every function here is pure: the caller picks a style (usually with its own seeded random
generator) and gets the printed form back. Amounts are Decimal throughout.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from random import Random

DA_MONTHS = [
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
EN_MONTHS = [calendar.month_name[m] for m in range(1, 13)]

_DA_WORDS = {
    1: "en", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte",
    9: "ni", 10: "ti", 12: "tolv", 18: "atten", 24: "fireogtyve", 36: "seksogtredive",
}  # fmt: skip
_EN_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 12: "twelve", 14: "fourteen", 18: "eighteen", 20: "twenty",
    21: "twenty-one", 24: "twenty-four", 30: "thirty", 36: "thirty-six", 45: "forty-five",
    48: "forty-eight", 60: "sixty", 90: "ninety",
}  # fmt: skip


def da_word(n: int) -> str:
    """Danish word for a small number, or the digits when there is none in the table."""
    return _DA_WORDS.get(n, str(n))


def en_word(n: int) -> str:
    """English word for a small number, or the digits when there is none in the table."""
    return _EN_WORDS.get(n, str(n))


def decimals_of(value: Decimal) -> int:
    """Places a price needs: 2, or 3 for prices such as 0.385."""
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(2, -exponent)


def _grouped(value: Decimal, places: int, thousands: str, point: str) -> str:
    text = f"{value:,.{places}f}"  # 14,350.00
    return text.replace(",", "\x00").replace(".", point).replace("\x00", thousands)


def da_number(value: Decimal, places: int | None = None) -> str:
    """Danish grouping: 14.350,00 (places defaults to what the value needs, at least 2)."""
    return _grouped(value, decimals_of(value) if places is None else places, ".", ",")


def en_number(value: Decimal, places: int | None = None) -> str:
    """English grouping: 14,350.00."""
    return _grouped(value, decimals_of(value) if places is None else places, ",", ".")


def is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


# Danish money styles; the ones marked whole only fit amounts without øre.
DA_MONEY = ("kr_first", "kr_last", "dkk_last_whole", "dkk_first", "dash_whole", "bare", "kr_bare")
EN_MONEY = ("dkk_first", "dkk_last", "dkk_first_whole", "bare")


def da_money(value: Decimal, style: str) -> str:
    """One Danish written form of an amount. Whole-only styles fall back to 'kr. 1.234,50'."""
    whole = is_whole(value)
    if style == "kr_first":
        return f"kr. {da_number(value)}"
    if style == "kr_last":
        return f"{da_number(value)} kr."
    if style == "dkk_last_whole":
        return f"{da_number(value, 0)} DKK" if whole else f"{da_number(value)} DKK"
    if style == "dkk_first":
        return f"DKK {da_number(value, 0) if whole and value >= 1000 else da_number(value)}"
    if style == "dash_whole":
        return f"{da_number(value, 0)},-" if whole else f"{da_number(value)} kr."
    if style == "kr_bare":
        return f"kr {da_number(value)}"
    if style == "bare":
        return da_number(value)
    raise ValueError(style)


def en_money(value: Decimal, style: str, currency: str = "DKK") -> str:
    """One English written form of an amount."""
    if style == "dkk_first":
        return f"{currency} {en_number(value)}"
    if style == "dkk_last":
        return f"{en_number(value)} {currency}"
    if style == "dkk_first_whole":
        return f"{currency} {en_number(value, 0) if is_whole(value) else en_number(value)}"
    if style == "bare":
        return en_number(value)
    raise ValueError(style)


def da_percent(value: Decimal, rng: Random) -> str:
    number = str(value).replace(".", ",")
    return rng.choice([f"{number} %", f"{number} %", f"{number} procent", f"{number}%"])


def en_percent(value: Decimal, rng: Random) -> str:
    return rng.choice([f"{value}%", f"{value} per cent", f"{value} percent", f"{value}%"])


DA_DATE_STYLES = ("long", "dash", "slash", "iso", "dot")
EN_DATE_STYLES = ("day_of", "us", "uk", "iso")


def da_date(day: date, style: str) -> str:
    """1. januar 2026 | 01-01-2026 | 1/1/2026 | 2026-01-01 | 01.01.2026."""
    if style == "long":
        return f"{day.day}. {DA_MONTHS[day.month - 1]} {day.year}"
    if style == "dash":
        return f"{day:%d-%m-%Y}"
    if style == "slash":
        return f"{day.day}/{day.month}/{day.year}"
    if style == "iso":
        return day.isoformat()
    if style == "dot":
        return f"{day:%d.%m.%Y}"
    raise ValueError(style)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def en_date(day: date, style: str) -> str:
    """1st day of March, 2026 | March 1, 2026 | 1 March 2026 | 2026-03-01."""
    month = EN_MONTHS[day.month - 1]
    if style == "day_of":
        return f"{ordinal(day.day)} day of {month}, {day.year}"
    if style == "us":
        return f"{month} {day.day}, {day.year}"
    if style == "uk":
        return f"{day.day} {month} {day.year}"
    if style == "iso":
        return day.isoformat()
    raise ValueError(style)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def term_end(start: date, months: int) -> date:
    """Last day of a term of `months` from `start`: the day before the anniversary."""
    return add_months(start, months) - timedelta(days=1)


def plain(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros: 2.5, 3, 10000."""
    text = format(value.normalize(), "f")
    return text


def price_str(value: Decimal) -> str:
    """Truth form of a unit price: at least two places ('14350.00', '0.385')."""
    return f"{value:.{decimals_of(value)}f}"

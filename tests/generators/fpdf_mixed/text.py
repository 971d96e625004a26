"""How contracts print amounts, numbers, number words and dates, in Danish and English.

Pure functions of their arguments: the layouts pick a style once per document with their
random generator and pass it in, so the same seed always prints the same text.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

DA_STYLES = ("plain", "kr_before", "kr_after", "dkk_after", "dash", "dkk_before")
EN_STYLES = ("code_before", "symbol_before", "plain", "code_after")

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_DA_SMALL = [
    "nul",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
]


def places_of(amount: Decimal) -> int:
    """Decimals a price needs in print: 2, or 3 for sub-øre prices such as 0.385."""
    return 3 if amount != amount.quantize(Decimal("0.01")) else 2


def number(amount: Decimal, *, lang: str, places: int | None = None, grouping: bool = True) -> str:
    """`amount` with `places` decimals (default: `places_of`), Danish `1.250,00` or English
    `1,250.00`; without grouping `1250,00`; `places=0` prints no decimal part."""
    places = places_of(amount) if places is None else places
    q = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    thousands, decimal_mark = (".", ",") if lang == "da" else (",", ".")
    head = f"{int(whole):,}".replace(",", thousands) if grouping else whole
    return sign + head + (decimal_mark + frac if frac else "")


def is_whole(amount: Decimal) -> bool:
    """True when the amount has no øre/cents."""
    return amount == amount.to_integral_value()


def money_da(amount: Decimal, style: str) -> str:
    """A Danish kroner amount in one of `DA_STYLES`; whole-krone styles (`dkk_after`,
    `dash`) keep the øre when the amount has any: `1.250,-` but `12,50`."""
    if style == "dash":
        return (
            f"{number(amount, lang='da', places=0)},-"
            if is_whole(amount)
            else number(amount, lang="da")
        )
    if style == "dkk_after":
        places = 0 if is_whole(amount) else None
        return f"{number(amount, lang='da', places=places)} DKK"
    text = number(amount, lang="da")
    return {
        "plain": text,
        "kr_before": f"kr. {text}",
        "kr_after": f"{text} kr.",
        "dkk_before": f"DKK {text}",
    }[style]


def money_en(amount: Decimal, style: str, currency: str) -> str:
    """An English amount in one of `EN_STYLES`: `DKK 1,250.00`, `€ 1,250.00`, `1,250.00`,
    `1,250.00 EUR`."""
    text = number(amount, lang="en")
    if style == "symbol_before":
        return f"€ {text}" if currency == "EUR" else f"DKK {text}"
    if style == "code_after":
        return f"{text} {currency}"
    if style == "plain":
        return text
    return f"{currency} {text}"


def words_en(n: int) -> str:
    """English words for 0 <= n < 1000: 60 -> 'sixty', 125 -> 'one hundred twenty-five'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" {words_en(rest)}" if rest else "")


def words_paren_en(n: int) -> str:
    """The legal 'sixty (60)' form."""
    return f"{words_en(n)} ({n})"


def words_da(n: int) -> str:
    """Danish words for 0..12 ('tre'), digits above."""
    return _DA_SMALL[n] if 0 <= n < len(_DA_SMALL) else str(n)


def ordinal_en(n: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DATE_STYLES_DA = ("long", "dash", "iso", "dots", "short_dots", "slash")
DATE_STYLES_EN = ("us", "uk", "formal", "iso", "uk_ordinal")


def date_da(day: dt.date, style: str) -> str:
    """A Danish date: `1. februar 2026`, `01-02-2026`, `2026-02-01`, `01.02.2026`,
    `1.2.2026`, `1/2 2026`."""
    if style == "long":
        return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"
    if style == "dash":
        return day.strftime("%d-%m-%Y")
    if style == "iso":
        return day.isoformat()
    if style == "dots":
        return day.strftime("%d.%m.%Y")
    if style == "short_dots":
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day}/{day.month} {day.year}"


def date_en(day: dt.date, style: str) -> str:
    """An English date: `June 1, 2026`, `1 June 2026`, `the 1st day of June, 2026`,
    `2026-06-01`, `1st June 2026`."""
    month = MONTHS_EN[day.month - 1]
    if style == "us":
        return f"{month} {day.day}, {day.year}"
    if style == "uk":
        return f"{day.day} {month} {day.year}"
    if style == "formal":
        return f"the {ordinal_en(day.day)} day of {month}, {day.year}"
    if style == "iso":
        return day.isoformat()
    return f"{ordinal_en(day.day)} {month} {day.year}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (days past the month's end are clamped)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def term_end(start: dt.date, months: int) -> dt.date:
    """The last day of a term of `months` from `start`: the day before the anniversary."""
    return add_months(start, months) - dt.timedelta(days=1)


def pct(value: str, lang: str) -> str:
    """A percent value from a plain decimal string: '2.5' -> '2,5' in Danish."""
    return value.replace(".", ",") if lang == "da" else value


def a_an(phrase: str) -> str:
    """The English indefinite article for `phrase`: 'an electronic ...', 'a citizen ...'."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase

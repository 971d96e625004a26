"""Reconciling an invoice line's UN/ECE unit with a contract term's ``Unit``.

The parser has already divided ``PriceAmount`` by ``BaseQuantity``: a line's
``unit_price`` is the price of ONE unit of its ``unit_code``. This module finds the
factor that turns an agreed price per contract unit into the allowed price per invoice
unit: ``allowed_invoice_unit_price = agreed_contract_price * factor``.

Conservative by design: when the two units cannot be reconciled without guessing (a
yearly price billed per day, an hourly rate billed per month), :func:`reconcile`
returns an :class:`Unreconciled` with the reason instead of a factor, and no price
breach is claimed for that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from extractors.types import Unit

ONE = Decimal(1)
#: codes that count things: each, one, piece, number of articles, service unit, lump sum
COUNT_CODES = frozenset({"", "EA", "C62", "H87", "PCE", "NAR", "NMP", "E48", "LS", "SET", "XPP"})
PERIOD_CODES = {"MON": 1, "QAN": 3, "ANN": 12}  # months per invoice unit
#: kilograms per invoice unit of weight (UN/ECE: kilogram, gram, tonne)
WEIGHT_CODES = {"KGM": ONE, "GRM": Decimal("0.001"), "TNE": Decimal(1000)}
#: metres per invoice unit of length (UN/ECE: metre, kilometre, centimetre, millimetre)
LENGTH_CODES = {"MTR": ONE, "KMT": Decimal(1000), "CMT": Decimal("0.01"), "MMT": Decimal("0.001")}
#: square metres per invoice unit of area (UN/ECE: square metre, hectare)
AREA_CODES = {"MTK": ONE, "HAR": Decimal(10_000)}
#: litres per invoice unit of volume (UN/ECE: litre, millilitre, centilitre, decilitre,
#: cubic decimetre, cubic metre)
VOLUME_CODES = {
    "LTR": ONE,
    "MLT": Decimal("0.001"),
    "CLT": Decimal("0.01"),
    "DLT": Decimal("0.1"),
    "DMQ": ONE,
    "MTQ": Decimal(1000),
}
#: contract units of measure: the invoice codes of their dimension (in a base unit), the
#: base units in one contract unit, and the contract unit's name in the evidence
MEASURES: dict[Unit, tuple[dict[str, Decimal], Decimal, str]] = {
    Unit.KG: (WEIGHT_CODES, ONE, "kg"),
    Unit.TONNE: (WEIGHT_CODES, Decimal(1000), "tonne"),
    Unit.KM: (LENGTH_CODES, Decimal(1000), "km"),
    Unit.METRE: (LENGTH_CODES, ONE, "m"),
    Unit.SQUARE_METRE: (AREA_CODES, ONE, "m²"),
    Unit.HECTARE: (AREA_CODES, Decimal(10_000), "ha"),
    Unit.CUBIC_METRE: (VOLUME_CODES, Decimal(1000), "m³"),
    Unit.LITRE: (VOLUME_CODES, ONE, "litre"),
}
#: contract units priced per period, with the months in one contract unit
PERIODIC = {
    Unit.MONTH: 1,
    Unit.USER_MONTH: 1,
    Unit.QUARTER: 3,
    Unit.YEAR: 12,
    Unit.USER_YEAR: 12,
    Unit.INHABITANT_YEAR: 12,
}
COUNTED = frozenset({Unit.TRANSACTION, Unit.PIECE, Unit.FIXED})


@dataclass(frozen=True, slots=True)
class Conversion:
    """``factor`` converts a contract-unit price to an invoice-unit price; ``basis``
    explains it in words for the evidence. ``months``: the billing period's whole
    months the factor was taken from, where a counted line's period gave it (else
    None)."""

    factor: Decimal
    basis: str
    months: int | None = None


@dataclass(frozen=True, slots=True)
class Unreconciled:
    reason: str


def normalise_code(code: str | None) -> str:
    return (code or "").strip().upper()


def whole_months(start: date | None, end: date | None) -> int | None:
    """Months in ``start..end`` (inclusive) when it is a whole number of months, else None.

    ``1 Jan..31 Jan`` is 1; ``15 Jan..14 Apr`` is 3; ``1 Jan..20 Jan`` is None.
    """
    if start is None or end is None or end < start:
        return None
    after = end + timedelta(days=1)
    if after.day != start.day:
        return None
    return (after.year - start.year) * 12 + after.month - start.month


def _period_factor(
    unit: Unit, code: str, start: date | None, end: date | None
) -> Conversion | Unreconciled:
    """The factor for the billing period alone (per-inhabitant scaling comes after)."""
    per = PERIODIC.get(unit)
    if per is not None:
        if code in PERIOD_CODES:
            n = PERIOD_CODES[code]
            return Conversion(Decimal(n) / per, f"{code} = {n} month(s)")
        if code in COUNT_CODES:
            months = whole_months(start, end)
            if months is not None:
                return Conversion(
                    Decimal(months) / per, f"billing period of {months} month(s)", months
                )
            if start and end and (end - start).days > 31:
                return Unreconciled(
                    f"billing period {start}..{end} is not a whole number of months"
                )
            return Conversion(ONE, "one contract unit per invoice unit")
        return Unreconciled(
            f"invoice unit {code} cannot be compared with a price per {_words(unit)}"
        )
    if unit is Unit.HOUR:
        if code == "HUR" or code in COUNT_CODES:
            return Conversion(ONE, "hours")
        if code == "MIN":
            return Conversion(ONE / 60, "MIN = 1/60 hour")
        return Unreconciled(f"invoice unit {code} cannot be compared with an hourly price")
    if unit is Unit.DAY:  # a day's rate: billed in days, or counted (like hours)
        if code == "DAY" or code in COUNT_CODES:
            return Conversion(ONE, "days")
        return Unreconciled(f"invoice unit {code} cannot be compared with a price per day")
    if unit is Unit.WEEK:  # a week's price: billed in weeks, or counted; a month is no
        # whole number of weeks, and a day's price is another tariff
        if code == "WEE" or code in COUNT_CODES:
            return Conversion(ONE, "weeks")
        return Unreconciled(f"invoice unit {code} cannot be compared with a price per week")
    measure = MEASURES.get(unit)
    if measure is not None:
        # by measure (weight, length, area, volume): only an invoice unit of the same
        # dimension compares, converted exactly; a line counted in pieces does not
        codes, per_unit, name = measure
        if code in codes:
            factor = codes[code] / per_unit
            if factor == ONE:
                return Conversion(factor, "kilograms" if unit is Unit.KG else f"{code} = 1 {name}")
            return Conversion(factor, f"{code} = {_plain(factor)} {name}")
        return Unreconciled(
            f"invoice unit {code or 'none'} cannot be compared with a price per {name}"
        )
    if code in COUNT_CODES or (unit is Unit.FIXED and code == "ANN"):
        return Conversion(ONE, "one contract unit per invoice unit")
    return Unreconciled(f"invoice unit {code} cannot be compared with a price per {_words(unit)}")


def reconcile(
    unit: Unit,
    *,
    unit_code: str | None,
    quantity: Decimal,
    unit_price: Decimal,
    agreed: Decimal,
    population: int | None,
    period_start: date | None,
    period_end: date | None,
) -> Conversion | Unreconciled:
    """The factor from the contract unit to the invoice line's unit, or why there is none.

    Per inhabitant: a line either bills per inhabitant (quantity = inhabitants) or the
    whole municipality at once (unit price = price per inhabitant x population). The
    reading whose price is closest to ``agreed`` is taken, and named in ``basis``.
    """
    found = readings(unit, unit_code, population, period_start, period_end)
    if isinstance(found, Unreconciled):
        return found
    return choose(found, quantity=quantity, unit_price=unit_price, agreed=agreed)


Readings = tuple[Conversion] | tuple[Conversion, Conversion]


def readings(
    unit: Unit,
    unit_code: str | None,
    population: int | None,
    period_start: date | None,
    period_end: date | None,
) -> Readings | Unreconciled:
    """The possible conversions (two for a per-inhabitant price with a known population:
    per inhabitant, then whole municipality), independent of the line's price, so
    they can be memoised."""
    base = _period_factor(unit, normalise_code(unit_code), period_start, period_end)
    if isinstance(base, Unreconciled) or unit is not Unit.INHABITANT_YEAR:
        return base if isinstance(base, Unreconciled) else (base,)
    if not population:
        return (Conversion(base.factor, base.basis + "; per inhabitant"),)
    return (
        Conversion(base.factor, base.basis + "; billed per inhabitant"),
        Conversion(
            base.factor * population,
            base.basis + f"; whole municipality of {population} inhabitants",
        ),
    )


def choose(
    found: Readings, *, quantity: Decimal, unit_price: Decimal, agreed: Decimal
) -> Conversion:
    """The reading whose allowed price is closest to the invoiced one (per inhabitant
    when the quantity is the population itself)."""
    if len(found) == 1:
        return found[0]
    per_head, lump = found
    billed_per_inhabitant = abs(quantity) * per_head.factor == lump.factor  # qty = population
    if billed_per_inhabitant or agreed <= 0 or unit_price <= 0:
        return per_head
    return min(found, key=lambda c: _distance(unit_price, agreed * c.factor))


def _plain(value: Decimal) -> str:
    """A factor as written ("0.001", "1000"), without an exponent."""
    return format(value.normalize(), "f")


def _words(unit: Unit) -> str:
    return unit.value.replace("_", "/")


def _distance(price: Decimal, expected: Decimal) -> Decimal:
    """How far two positive prices are apart as a ratio (>= 1)."""
    if expected <= 0:
        return Decimal("Infinity")
    ratio = price / expected
    return ratio if ratio >= 1 else 1 / ratio

"""Price-list tables as vendors and buyers write them, with the price terms they state.

A table is a choice of columns (position, item number, service, unit, quantity, unit price,
line total, price incl. VAT) in some order, headed in Danish or English, with one way of
writing the unit and the amount per document. Section rows ("Drift", "Licenser") and an
"I alt" row are no price terms; the line total and the incl.-VAT column are not unit prices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from random import Random

from .blocks import Column, Row, Table
from .truth import PriceTerm
from .vocab import Service

UNIT_TEXTS = {
    "da": {
        "month": ["pr. md.", "pr. måned", "månedligt", "/md."],
        "year": ["pr. år", "årligt", "/år"],
        "user_month": ["pr. bruger pr. måned", "pr. licens pr. måned", "pr. bruger/md."],
        "user_year": ["pr. bruger pr. år", "pr. licens pr. år", "pr. bruger/år"],
        "inhabitant_year": ["pr. indbygger pr. år", "pr. indb./år"],
        "hour": ["pr. time", "timepris", "pr. påbegyndt time"],
        "transaction": ["pr. transaktion", "pr. opslag"],
        "fixed": ["engangsbeløb", "fast pris", "engangsydelse"],
        "piece": ["pr. stk.", "stk."],
    },
    "en": {
        "month": ["per month", "monthly", "/month"],
        "year": ["per year", "annual", "annually"],
        "user_month": ["per user per month", "per seat/month", "per user/month"],
        "user_year": ["per user per year", "per seat/year"],
        "inhabitant_year": ["per inhabitant per year"],
        "hour": ["per hour", "hourly rate"],
        "transaction": ["per transaction"],
        "fixed": ["one-off", "fixed fee"],
        "piece": ["per unit", "each"],
    },
}
HEADERS = {
    "da": {
        "pos": ["Pos.", "Position", "Linje", "#", "Løbenr."],
        "id": ["Varenr.", "Varenummer", "Ydelsesnr.", "Nr.", "ID"],
        "desc": ["Ydelse", "Beskrivelse", "Ydelsesbeskrivelse", "Produkt"],
        "unit": ["Enhed", "Afregningsenhed", "Prisenhed"],
        "qty": ["Antal", "Forventet antal", "Mængde"],
        "price": ["Stykpris ekskl. moms", "Enhedspris ekskl. moms", "Pris ekskl. moms",
                  "Pris pr. enhed ekskl. moms"],
        "price_cur": ["Pris ekskl. moms (DKK)", "Pris i kr. ekskl. moms", "Enhedspris (kr.)"],
        "total": ["Samlet pris", "Pris i alt ekskl. moms", "Beløb"],
        "incl": ["Pris inkl. moms", "Inkl. moms"],
        "sum": ["I alt", "I alt ekskl. moms", "Samlet pris i alt"],
    },
    "en": {
        "pos": ["Pos.", "Line", "#"],
        "id": ["Item no.", "Item", "Code", "SKU"],
        "desc": ["Description", "Service", "Service description"],
        "unit": ["Unit", "Charging basis", "Billing unit"],
        "qty": ["Qty", "Quantity", "Est. volume"],
        "price": ["Unit price excl. VAT", "Charge excl. VAT", "Price (excl. VAT)"],
        "price_cur": ["Charge (DKK, excl. VAT)", "Unit price DKK excl. VAT"],
        "total": ["Total", "Extended price", "Amount"],
        "incl": ["Price incl. VAT", "Incl. VAT"],
        "sum": ["Total", "Total excl. VAT", "Grand total"],
    },
}  # fmt: skip
# Price headers that carry the unit, for tables without a unit column.
UNIT_PRICE_HEADERS = {
    "da": {
        "month": "Pris pr. måned ekskl. moms", "year": "Årlig pris ekskl. moms",
        "user_month": "Pris pr. bruger pr. md. ekskl. moms",
        "user_year": "Pris pr. bruger pr. år ekskl. moms",
        "inhabitant_year": "Pris pr. indbygger pr. år ekskl. moms",
        "hour": "Timepris ekskl. moms", "transaction": "Pris pr. transaktion ekskl. moms",
        "fixed": "Fast pris ekskl. moms", "piece": "Pris pr. stk. ekskl. moms",
    },
    "en": {
        "month": "Monthly charge excl. VAT", "year": "Annual charge excl. VAT",
        "user_month": "Price per user per month", "user_year": "Price per user per year",
        "inhabitant_year": "Price per inhabitant per year", "hour": "Hourly rate excl. VAT",
        "transaction": "Price per transaction", "fixed": "Fixed fee excl. VAT",
        "piece": "Price per unit",
    },
}  # fmt: skip
_WIDTHS = {"pos": 0.6, "id": 1.0, "desc": 3.6, "unit": 1.45, "qty": 0.75, "price": 1.35,
           "total": 1.3, "incl": 1.25}  # fmt: skip
_ALIGN = {"qty": "right", "price": "right", "total": "right", "incl": "right"}


@dataclass
class PriceTableSpec:
    """The choices that shape one price table."""

    lang: str
    order: list[str]  # column keys, left to right
    money: Callable[[Decimal], str]  # how an amount is written in the price column
    bare_money: Callable[[Decimal], str]  # how totals/incl. VAT are written
    currency_in_header: bool = False
    sections: bool = False
    total_row: bool = False
    rules: str = "grid"
    header_fill: float | None = None
    repeat_header: bool = True
    continued: str | None = None
    size: float | None = None
    family: str | None = None
    nested_pos: bool = False  # "1.1", "1.2" under sections instead of 1, 2, 3
    price_header: str | None = None  # a price header that names the unit ("Timepris ...")
    subtotals: bool = False  # an "I alt <section>" row after each section, in the price column


def choose_order(rng: Random, *, pos: float, item: float, qty: float, incl: float,
                 shuffle: bool) -> list[str]:  # fmt: skip
    """A column order: identifiers first, then the rest (shuffled for irregular tables)."""
    head = [k for k, p in (("pos", pos), ("id", item)) if rng.random() < p]
    tail = ["unit", "price"]
    if rng.random() < qty:
        tail = rng.choice([["unit", "qty", "price", "total"], ["qty", "unit", "price", "total"]])
    elif rng.random() < 0.5:
        tail = ["price", "unit"]
    if rng.random() < incl:
        tail.append("incl")
    order = head + ["desc"] + tail
    if shuffle:
        rng.shuffle(order)
    return order


def price_table(rng: Random, spec: PriceTableSpec, services: list[Service],
                ids: list[str]) -> tuple[Table, list[PriceTerm]]:  # fmt: skip
    """The table block and the price terms it states (one per service row)."""
    heads = HEADERS[spec.lang]
    unit_text = {unit: rng.choice(texts) for unit, texts in UNIT_TEXTS[spec.lang].items()}
    columns = []
    for key in spec.order:
        if key == "price" and spec.price_header:
            header = spec.price_header
        elif key == "price" and spec.currency_in_header:
            header = rng.choice(heads["price_cur"])
        else:
            header = rng.choice(heads[key])
        columns.append(Column(header, _WIDTHS[key], _ALIGN.get(key, "left")))
    if spec.sections:
        groups: dict[str, list[int]] = {}
        for n, service in enumerate(services):
            groups.setdefault(service.category, []).append(n)
        numbered = spec.nested_pos and rng.random() < 0.5
    else:
        groups, numbered = {"": list(range(len(services)))}, False
    rows: list[Row] = []
    terms: list[PriceTerm] = []
    total = Decimal(0)
    for section_no, (section, members) in enumerate(sorted(groups.items()), 1):
        if section:
            label = f"{section_no}. {section}" if numbered else section
            rows.append(Row([label] + [""] * (len(spec.order) - 1), "section"))
        for line_no, n in enumerate(members, 1):
            service = services[n]
            item_id = ids[n] if "id" in spec.order else None
            quantity = _quantity(rng, service.unit)
            line_total = (service.price * quantity).quantize(Decimal("0.01"), ROUND_HALF_UP)
            total += line_total
            incl = (service.price * Decimal("1.25")).quantize(Decimal("0.01"), ROUND_HALF_UP)
            nested = spec.sections and spec.nested_pos
            values = {
                "pos": f"{section_no}.{line_no}" if nested else str(len(terms) + 1),
                "id": item_id or "", "desc": service.description, "unit": unit_text[service.unit],
                "qty": _da_int(quantity) if spec.lang == "da" else f"{quantity:,}",
                "price": spec.money(service.price), "total": spec.bare_money(line_total),
                "incl": spec.bare_money(incl),
            }  # fmt: skip
            rows.append(Row([values[k] for k in spec.order]))
            terms.append(PriceTerm(service.description, service.unit, service.price, item_id))
        same_unit = len({services[n].unit for n in members}) == 1
        if section and spec.subtotals and same_unit and len(members) > 1:
            amount = sum((services[n].price for n in members), Decimal(0))
            rows.append(_sum_row(spec, "price", _subtotal_label(spec.lang, section), amount))
    if spec.total_row and "total" in spec.order:
        rows.append(_sum_row(spec, "total", rng.choice(heads["sum"]), total))
    table = Table(
        columns, rows, rules=spec.rules, repeat_header=spec.repeat_header,
        header_fill=spec.header_fill, size=spec.size, continued=spec.continued,
        family=spec.family,
    )  # fmt: skip
    return table, terms


def _subtotal_label(lang: str, section: str) -> str:
    return f"I alt {section.lower()}" if lang == "da" else f"Subtotal {section.lower()}"


def _sum_row(spec: PriceTableSpec, column: str, label: str, amount: Decimal) -> Row:
    """An "I alt" row: a label in the description column and a sum that is no price term."""
    cells = ["" for _ in spec.order]
    cells[spec.order.index("desc")] = label
    cells[spec.order.index(column)] = spec.bare_money(amount)
    return Row(cells, "total")


def _quantity(rng: Random, unit: str) -> int:
    if unit in ("user_month", "user_year"):
        return rng.choice([25, 50, 120, 250, 400, 800])
    if unit == "inhabitant_year":
        return rng.choice([42_000, 61_500, 98_000, 180_000])
    if unit == "transaction":
        return rng.choice([5_000, 12_000, 40_000])
    if unit == "hour":
        return rng.choice([20, 50, 100, 150])
    if unit == "month":
        return 12
    return 1


def _da_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")

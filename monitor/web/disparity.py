"""The headline comparison: what each municipality pays one vendor for the same item.

For each (vendor, item) the latest unit price each municipality was invoiced (credit
notes left out), and the ratio of the highest to the lowest. Two queries: the first
ranks every (vendor, item) by that ratio in SQL, so only the most unequal items' prices
are loaded; the second loads those items' prices per municipality.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Float, Subquery, cast, func, select, tuple_
from sqlalchemy.orm import Session

from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor


@dataclass(slots=True)
class PricePaid:
    municipality: str  # kommunekode
    municipality_name: str
    unit_price: Decimal
    invoice_id: int
    invoice_number: str


@dataclass(slots=True)
class DisparityRow:
    vendor_name: str
    item_id: str
    description: str
    prices: dict[str, PricePaid] = field(default_factory=dict)  # by kommunekode

    @property
    def lowest(self) -> PricePaid:
        return min(self.prices.values(), key=lambda p: (p.unit_price, p.municipality))

    @property
    def highest(self) -> PricePaid:
        return max(self.prices.values(), key=lambda p: (p.unit_price, p.municipality))

    @property
    def ratio(self) -> Decimal | None:
        low = self.lowest.unit_price
        if low <= 0:
            return None
        return (self.highest.unit_price / low).quantize(Decimal("0.01"), ROUND_HALF_UP)


def price_disparity(
    session: Session,
    *,
    limit: int = 25,
    vendor_id: int | None = None,
    item_id: str | None = None,
) -> list[DisparityRow]:
    """Items billed to two or more municipalities, most unequal first, at most ``limit``.
    ``vendor_id`` and ``item_id`` narrow it to one vendor's one item."""
    where: list[Any] = []
    if vendor_id is not None:
        where.append(Invoice.vendor_id == vendor_id)
    if item_id is not None:
        where.append(InvoiceLine.item_id == item_id)
    ranked = _latest_prices(where)
    # the ratio of the stored (scaled integer) prices orders the items; shown exactly later
    spread = func.max(cast(ranked.c.unit_price, Float)) / func.min(cast(ranked.c.unit_price, Float))
    top = session.execute(
        select(ranked.c.vendor_id, ranked.c.item_id)
        .where(ranked.c.rank == 1)
        .group_by(ranked.c.vendor_id, ranked.c.item_id)
        .having(func.count() >= 2)
        .order_by(spread.desc(), ranked.c.vendor_id, ranked.c.item_id)
        .limit(limit)
    ).all()
    if not top:
        return []
    keys = [(v, i) for v, i in top]
    chosen = _latest_prices([*where, tuple_(Invoice.vendor_id, InvoiceLine.item_id).in_(keys)])
    rows = session.execute(
        select(
            chosen.c.vendor_id,
            Vendor.name,
            chosen.c.item_id,
            chosen.c.description,
            Municipality.code,
            Municipality.name,
            chosen.c.unit_price,
            chosen.c.invoice_id,
            chosen.c.number,
        )
        .join(Vendor, Vendor.id == chosen.c.vendor_id)
        .join(Municipality, Municipality.id == chosen.c.municipality_id)
        .where(chosen.c.rank == 1)
    )
    items: dict[tuple[int, str], DisparityRow] = {}
    for vid, vname, item, desc, code, mname, price, invoice_id, number in rows:
        row = items.setdefault((vid, item), DisparityRow(vname, item, desc))
        row.prices[code] = PricePaid(code, mname, price, invoice_id, number)
    out = [items[key] for key in keys if key in items]
    out.sort(key=lambda r: (-(r.ratio or Decimal(0)), r.vendor_name, r.item_id))
    return out


def disparity_columns(rows: list[DisparityRow]) -> list[tuple[str, str]]:
    """The municipalities that appear in the table, as (code, name), by name."""
    seen: dict[str, str] = defaultdict(str)
    for row in rows:
        for code, paid in row.prices.items():
            seen[code] = paid.municipality_name
    return sorted(seen.items(), key=lambda kv: kv[1])


def _latest_prices(where: list[Any]) -> Subquery:
    """Invoice lines ranked per (vendor, municipality, item), newest first (rank 1)."""
    rank = (
        func.row_number()
        .over(
            partition_by=(Invoice.vendor_id, Invoice.municipality_id, InvoiceLine.item_id),
            order_by=(Invoice.issue_date.desc(), Invoice.id.desc(), InvoiceLine.id.desc()),
        )
        .label("rank")
    )
    return (
        select(
            Invoice.vendor_id.label("vendor_id"),
            Invoice.municipality_id.label("municipality_id"),
            Invoice.id.label("invoice_id"),
            Invoice.number.label("number"),
            InvoiceLine.item_id.label("item_id"),
            InvoiceLine.description.label("description"),
            InvoiceLine.unit_price.label("unit_price"),
            rank,
        )
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.document_type == "invoice",
            Invoice.vendor_id.is_not(None),
            Invoice.municipality_id.is_not(None),
            InvoiceLine.item_id.is_not(None),
            InvoiceLine.unit_price > 0,
            *where,
        )
        .subquery()
    )

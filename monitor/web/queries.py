"""Read-only queries behind the web pages: the findings page, the overview, disparity.

The flat finding row is the repository's (``monitor.findings.repository``); this module
adds what only the pages need: sorting, totals and the choices for the filters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from monitor.findings import repository as findings_repo
from monitor.findings.models import Finding
from monitor.findings.schemas import FindingFilter, FindingOut
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor

SORTS = ("overcharge_desc", "overcharge_asc", "newest")
STATUSES = ("open", "confirmed", "dismissed", "resolved")
#: statuses whose overcharge counts as flagged (a dismissed finding is not a breach)
FLAGGED = ("open", "confirmed", "resolved")
ZERO = Decimal(0)


@dataclass(slots=True)
class FindingsSlice:
    items: list[FindingOut]
    total: int  # all matching findings, not only this slice
    overcharge_total: Decimal
    limit: int
    offset: int

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


def findings_slice(
    session: Session,
    flt: FindingFilter,
    *,
    sort: str = "overcharge_desc",
    limit: int = 50,
    offset: int = 0,
) -> FindingsSlice:
    """Findings matching the filter, sorted, one slice, with the count and overcharge of all."""
    # the repository's flat select and filter are reused so pages, API and CLI agree
    base = findings_repo._filtered(findings_repo._flat_select(), flt)
    order = _ORDER.get(sort, _ORDER["overcharge_desc"])
    rows = session.execute(base.order_by(*order).limit(limit).offset(offset))
    total, overcharge = session.execute(
        base.with_only_columns(
            func.count(Finding.id), func.coalesce(func.sum(Finding.overcharge), ZERO)
        )
    ).one()
    return FindingsSlice(
        items=[findings_repo._to_out(row) for row in rows],
        total=int(total),
        overcharge_total=Decimal(overcharge),
        limit=limit,
        offset=offset,
    )


_ORDER: dict[str, tuple[Any, ...]] = {
    "overcharge_desc": (Finding.overcharge.desc(), Finding.id),
    "overcharge_asc": (Finding.overcharge.asc(), Finding.id),
    "newest": (Finding.created_at.desc(), Finding.id.desc()),
}


@dataclass(slots=True)
class FilterChoices:
    municipalities: list[tuple[str, str]]  # (code, name)
    vendors: list[tuple[str, str]]  # (cvr, name)
    rules: list[str]
    statuses: tuple[str, ...] = STATUSES


def filter_choices(session: Session) -> FilterChoices:
    return FilterChoices(
        municipalities=[
            (code, name)
            for code, name in session.execute(
                select(Municipality.code, Municipality.name).order_by(Municipality.name)
            )
        ],
        vendors=[
            (cvr, name)
            for cvr, name in session.execute(select(Vendor.cvr, Vendor.name).order_by(Vendor.name))
        ],
        rules=list(session.scalars(select(Finding.rule_id).distinct().order_by(Finding.rule_id))),
    )


# ------------------------------------------------------------------------- overview
@dataclass(slots=True)
class MoneySummary:
    flagged: Decimal = ZERO
    confirmed: Decimal = ZERO
    recovered: Decimal = ZERO
    open_count: int = 0
    flagged_count: int = 0
    confirmed_count: int = 0


@dataclass(slots=True)
class GroupRow:
    key: str
    label: str
    count: int
    overcharge: Decimal


def money_summary(session: Session) -> MoneySummary:
    out = MoneySummary()
    rows = session.execute(
        select(
            Finding.status,
            func.count(Finding.id),
            func.coalesce(func.sum(Finding.overcharge), ZERO),
            func.coalesce(func.sum(Finding.recovered), ZERO),
        ).group_by(Finding.status)
    )
    for status, count, overcharge, recovered in rows:
        if status in FLAGGED:
            out.flagged += overcharge
            out.flagged_count += count
        if status in ("confirmed", "resolved"):
            out.confirmed += overcharge
            out.confirmed_count += count
        if status == "open":
            out.open_count = count
        out.recovered += recovered
    return out


def findings_by_rule(session: Session) -> list[GroupRow]:
    rows = session.execute(
        select(Finding.rule_id, func.count(Finding.id), func.sum(Finding.overcharge))
        .where(Finding.status.in_(FLAGGED))
        .group_by(Finding.rule_id)
    )
    out = [GroupRow(rule, rule, n, total or ZERO) for rule, n, total in rows]
    return sorted(out, key=lambda r: (-r.overcharge, -r.count, r.key))


def findings_by_municipality(session: Session) -> list[GroupRow]:
    rows = session.execute(
        select(
            Municipality.code,
            Municipality.name,
            func.count(Finding.id),
            func.sum(Finding.overcharge),
        )
        .join(Municipality, Finding.municipality_id == Municipality.id)
        .where(Finding.status.in_(FLAGGED))
        .group_by(Municipality.code, Municipality.name)
    )
    out = [GroupRow(code, name, n, total or ZERO) for code, name, n, total in rows]
    return sorted(out, key=lambda r: (-r.overcharge, -r.count, r.key))


# ------------------------------------------------------------------------ disparity
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
    """For each vendor and item billed to two or more municipalities, the latest unit price
    each municipality was invoiced, most unequal first (credit notes left out).
    ``vendor_id`` and ``item_id`` narrow it to one vendor's one item."""
    rank = (
        func.row_number()
        .over(
            partition_by=(Invoice.vendor_id, Invoice.municipality_id, InvoiceLine.item_id),
            order_by=(Invoice.issue_date.desc(), Invoice.id.desc(), InvoiceLine.id.desc()),
        )
        .label("rank")
    )
    latest = (
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
            *([Invoice.vendor_id == vendor_id] if vendor_id is not None else []),
            *([InvoiceLine.item_id == item_id] if item_id is not None else []),
        )
        .subquery()
    )
    rows = session.execute(
        select(
            Vendor.name,
            latest.c.item_id,
            latest.c.description,
            Municipality.code,
            Municipality.name,
            latest.c.unit_price,
            latest.c.invoice_id,
            latest.c.number,
        )
        .join(Vendor, Vendor.id == latest.c.vendor_id)
        .join(Municipality, Municipality.id == latest.c.municipality_id)
        .where(latest.c.rank == 1)
    )
    items: dict[tuple[str, str], DisparityRow] = {}
    for vname, item_id, desc, code, mname, price, invoice_id, number in rows:
        row = items.setdefault((vname, item_id), DisparityRow(vname, item_id, desc))
        row.prices[code] = PricePaid(code, mname, price, invoice_id, number)
    compared = [r for r in items.values() if len(r.prices) >= 2]
    compared.sort(key=lambda r: (-(r.ratio or ZERO), r.vendor_name, r.item_id))
    return compared[:limit]


def disparity_columns(rows: list[DisparityRow]) -> list[tuple[str, str]]:
    """The municipalities that appear in the table, as (code, name), by name."""
    seen: dict[str, str] = defaultdict(str)
    for row in rows:
        for code, paid in row.prices.items():
            seen[code] = paid.municipality_name
    return sorted(seen.items(), key=lambda kv: kv[1])

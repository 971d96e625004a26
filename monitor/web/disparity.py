"""The headline comparison: what each municipality pays one vendor for the same item.

For each (vendor, item) the latest unit price each municipality was invoiced (credit
notes left out), and the ratio of the highest to the lowest. Items the contract prices
per inhabitant are compared per inhabitant: a line billing the whole municipality as
one amount (quantity one) is divided by the municipality's population, as the rules do. Two queries: the first
ranks every (vendor, item) by that ratio in SQL, so only the most unequal items' prices
are loaded; the second loads those items' prices per municipality.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Float, Subquery, and_, case, cast, func, select, tuple_
from sqlalchemy.orm import Session

from monitor.auth.scope import UNSCOPED
from monitor.auth.service import Identity
from monitor.contracts.models import Contract, PriceTerm
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor

#: the benchmark compares every municipality on purpose; ``anonymise`` hides the others
ACROSS_MUNICIPALITIES = {UNSCOPED: True}


@dataclass(slots=True)
class PricePaid:
    municipality: str  # kommunekode
    municipality_name: str
    unit_price: Decimal  # per inhabitant for per-inhabitant items
    invoice_id: int
    invoice_number: str
    billed_unit_price: Decimal | None = None  # as invoiced, when it was a lump sum


@dataclass(slots=True)
class DisparityRow:
    vendor_name: str
    item_id: str
    description: str
    prices: dict[str, PricePaid] = field(default_factory=dict)  # by kommunekode
    per_inhabitant: bool = False

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
    spread = func.max(ranked.c.compared) / func.min(ranked.c.compared)
    top = session.execute(
        select(ranked.c.vendor_id, ranked.c.item_id)
        .where(ranked.c.rank == 1)
        .group_by(ranked.c.vendor_id, ranked.c.item_id)
        .having(func.count() >= 2)
        .order_by(spread.desc(), ranked.c.vendor_id, ranked.c.item_id)
        .limit(limit),
        execution_options=ACROSS_MUNICIPALITIES,
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
            chosen.c.per_head,
            chosen.c.quantity,
            Municipality.population,
        )
        .join(Vendor, Vendor.id == chosen.c.vendor_id)
        .join(Municipality, Municipality.id == chosen.c.municipality_id)
        .where(chosen.c.rank == 1),
        execution_options=ACROSS_MUNICIPALITIES,
    )
    items: dict[tuple[int, str], DisparityRow] = {}
    for vid, vname, item, desc, code, mname, price, invoice_id, number, per_head, qty, pop in rows:
        row = items.setdefault((vid, item), DisparityRow(vname, item, desc))
        row.per_inhabitant = row.per_inhabitant or bool(per_head)
        if per_head and pop and qty is not None and abs(qty) <= 1:
            lump = price
            price = (price / Decimal(pop)).quantize(Decimal("0.000001"), ROUND_HALF_UP)
            row.prices[code] = PricePaid(code, mname, price, invoice_id, number, lump)
        else:
            row.prices[code] = PricePaid(code, mname, price, invoice_id, number)
    out = [items[key] for key in keys if key in items]
    out.sort(key=lambda r: (-(r.ratio or Decimal(0)), r.vendor_name, r.item_id))
    return out


def data_version(session: Session) -> tuple[Any, ...]:
    """A fingerprint of what ``price_disparity`` reads, from a few cheap aggregates (the
    newest invoice and line through their primary keys; the small party and term
    tables): it changes when an invoice or line is added, a municipality or vendor is
    added or removed, a population changes, or a price term is added, removed or
    reviewed. A removed invoice is seen when the cache's time runs out."""

    def one(*columns: Any) -> Any:
        return select(*columns).scalar_subquery()

    return tuple(
        session.execute(
            select(
                one(func.max(Invoice.id)),
                one(func.max(InvoiceLine.id)),
                one(func.count(Municipality.id)),
                one(func.sum(Municipality.population)),
                one(func.max(Municipality.created_at)),
                one(func.count(Vendor.id)),
                one(func.max(Vendor.created_at)),
                one(func.count(PriceTerm.id)),
                one(func.max(PriceTerm.id)),
                one(func.max(PriceTerm.reviewed_at)),
            ),
            execution_options=ACROSS_MUNICIPALITIES,
        ).one()
    )


class DisparityCache:
    """The whole comparison, kept while its ``data_version`` is unchanged and for at
    most ``seconds`` (renames and in-place edits show within that): ranking every
    invoice line of every municipality is the overview's one costly query, and its
    answer changes only when invoices or parties do. One per app (``app.state``)."""

    def __init__(self, seconds: float = 120.0) -> None:
        self.seconds = seconds
        self._kept: tuple[tuple[Any, ...], float, list[DisparityRow]] | None = None
        self._lock = threading.Lock()

    def rows(self, session: Session) -> list[DisparityRow]:
        version = data_version(session)
        now = time.monotonic()
        with self._lock:
            kept = self._kept
        if kept is not None and kept[0] == version and now - kept[1] < self.seconds:
            return kept[2]
        rows = price_disparity(session)
        with self._lock:
            self._kept = (version, now, rows)
        return rows


def benchmark(
    session: Session,
    identity: Identity | None,
    label: str,
    *,
    cache: DisparityCache | None = None,
    **narrow: Any,
) -> list[DisparityRow]:
    """``price_disparity`` as the identity may see it: whole for an identity over every
    municipality, otherwise with the other municipalities anonymised (``anonymise``).
    The whole comparison (nothing narrowed) comes from ``cache`` when one is given."""
    if cache is not None and not narrow:
        rows = cache.rows(session)
    else:
        rows = price_disparity(session, **narrow)
    if identity is None or identity.all_municipalities:
        return rows
    named = set(
        session.scalars(
            select(Municipality.code).where(Municipality.benchmark_named.is_(True)),
            execution_options=ACROSS_MUNICIPALITIES,
        )
    )
    return anonymise(rows, set(identity.municipality_codes), label, named=named)


def anonymise(
    rows: list[DisparityRow], own: set[str], label: str, *, named: set[str] = frozenset()
) -> list[DisparityRow]:
    """The benchmark for a user of the ``own`` municipalities: the others' prices and
    ratios stay, their names, codes and invoices do not, unless their own admin let the
    others see their name (``named``: those keep name and code, never their invoices).
    ``label`` names an other municipality, ``{}`` replaced by a letter that is the same in
    every row."""
    letters: dict[str, str] = {}
    others = sorted(
        {code for row in rows for code in row.prices if code not in own and code not in named}
    )
    for n, code in enumerate(others):
        letters[code] = _letter(n)
    out = []
    for row in rows:
        prices: dict[str, PricePaid] = {}
        for code, paid in row.prices.items():
            if code in own:
                prices[code] = paid
            elif code in named:
                prices[code] = PricePaid(
                    code, paid.municipality_name, paid.unit_price, 0, "", paid.billed_unit_price
                )
            else:
                key = f"~{letters[code]}"
                prices[key] = PricePaid(
                    key, label.format(letters[code]), paid.unit_price, 0, "", paid.billed_unit_price
                )
        out.append(
            DisparityRow(row.vendor_name, row.item_id, row.description, prices, row.per_inhabitant)
        )
    return out


def _letter(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA ..."""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def disparity_columns(rows: list[DisparityRow]) -> list[tuple[str, str]]:
    """The municipalities that appear in the table, as (code, name), by name."""
    seen: dict[str, str] = defaultdict(str)
    for row in rows:
        for code, paid in row.prices.items():
            seen[code] = paid.municipality_name
    return sorted(seen.items(), key=lambda kv: kv[1])


def _per_inhabitant_items() -> Any:
    """(vendor, item) pairs some contract prices per inhabitant."""
    return (
        select(Contract.vendor_id, PriceTerm.item_id)
        .join(PriceTerm, PriceTerm.contract_id == Contract.id)
        .where(
            PriceTerm.unit == "inhabitant_year",
            PriceTerm.item_id.is_not(None),
            Contract.vendor_id.is_not(None),
        )
        .distinct()
    )


def _latest_prices(where: list[Any]) -> Subquery:
    """Invoice lines ranked per (vendor, municipality, item), newest first (rank 1), with
    the price to compare (a float, for ordering only: per inhabitant where that applies)."""
    rank = (
        func.row_number()
        .over(
            partition_by=(Invoice.vendor_id, Invoice.municipality_id, InvoiceLine.item_id),
            order_by=(Invoice.issue_date.desc(), Invoice.id.desc(), InvoiceLine.id.desc()),
        )
        .label("rank")
    )
    per_head = tuple_(Invoice.vendor_id, InvoiceLine.item_id).in_(_per_inhabitant_items())
    lump = and_(per_head, InvoiceLine.quantity <= Decimal(1), Municipality.population > 0)
    price = cast(InvoiceLine.unit_price, Float)
    compared = case((lump, price / cast(Municipality.population, Float)), else_=price)
    return (
        select(
            Invoice.vendor_id.label("vendor_id"),
            Invoice.municipality_id.label("municipality_id"),
            Invoice.id.label("invoice_id"),
            Invoice.number.label("number"),
            InvoiceLine.item_id.label("item_id"),
            InvoiceLine.description.label("description"),
            InvoiceLine.unit_price.label("unit_price"),
            InvoiceLine.quantity.label("quantity"),
            per_head.label("per_head"),
            compared.label("compared"),
            rank,
        )
        .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
        .join(Municipality, Municipality.id == Invoice.municipality_id)
        .where(
            Invoice.document_type == "invoice",
            Invoice.vendor_id.is_not(None),
            InvoiceLine.item_id.is_not(None),
            InvoiceLine.unit_price > 0,
            *where,
        )
        .subquery()
    )

"""Read-only queries behind the web pages: the findings page and the overview totals.

The flat finding row is the repository's (``monitor.findings.repository``); this module
adds what only the pages need: sorting, totals and the choices for the filters.

Two kinds of money, never added together: the overcharge total counts each krone the
municipalities' own contracts let them claim back once (findings that are further
grounds of another are left out: ``COUNTED``); the price-gap total is the gap to what
other municipalities pay (``price_disparity``), a benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from monitor.findings import repository as findings_repo
from monitor.findings.models import Finding
from monitor.findings.schemas import FindingFilter, FindingOut
from monitor.parties.models import Municipality, Vendor

SORTS = ("overcharge_desc", "overcharge_asc", "newest")
STATUSES = ("open", "confirmed", "dismissed", "resolved")
#: statuses whose overcharge counts as flagged (a dismissed finding is not a breach)
FLAGGED = ("open", "confirmed", "resolved")
ZERO = Decimal(0)
#: an overcharge that no other finding owns: counted in the overcharge totals
#: (not dismissed: legal's dismissal or a withdrawal leaves no breach to claim; the lists
#: show such findings, their totals leave them out, as the overview's do)
COUNTED = and_(
    Finding.money_kind == "overcharge",
    Finding.grounds_for_id.is_(None),
    Finding.status != "dismissed",
)
#: a price gap counted in the price-gap total (not dismissed)
PRICE_GAP = and_(Finding.money_kind == "price_gap", Finding.status != "dismissed")


def _sum_where(condition: Any, column: Any = None) -> Any:
    """SUM(column) over the rows meeting ``condition`` (0 when none)."""
    column = Finding.overcharge if column is None else column
    return func.coalesce(func.sum(case((condition, column), else_=ZERO)), ZERO)


@dataclass(slots=True)
class FindingsSlice:
    items: list[FindingOut]
    total: int  # all matching findings, not only this slice
    overcharge_total: Decimal
    limit: int
    offset: int
    price_gap_total: Decimal = ZERO

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
    """Findings matching the filter, sorted, one slice, with the count and overcharge of all.

    The slice's ids are found on the finding table alone (``narrowed``: an index gives
    the order, and a later page skips index entries, not joined rows); only those
    rows are then read with their invoice, line, parties and contract."""
    order = _ORDER.get(sort, _ORDER["overcharge_desc"])
    totals = (func.count(Finding.id), _sum_where(COUNTED), _sum_where(PRICE_GAP))
    if flt.text:
        # a search reads every match anyway: the page and the totals in one pass
        # (the totals as window aggregates over all matches)
        windowed = [
            func.count(Finding.id).over(),
            func.coalesce(func.sum(case((COUNTED, Finding.overcharge), else_=ZERO)).over(), ZERO),
            func.coalesce(func.sum(case((PRICE_GAP, Finding.overcharge), else_=ZERO)).over(), ZERO),
        ]
        rows = session.execute(
            findings_repo.narrowed(flt, Finding.id, *windowed)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [row[0] for row in rows]
        found = rows[0][1:] if rows else None
    else:
        ids = list(
            session.scalars(
                findings_repo.narrowed(flt, Finding.id).order_by(*order).limit(limit).offset(offset)
            )
        )
        found = None
    total, overcharge, gap = found or session.execute(findings_repo.narrowed(flt, *totals)).one()
    return FindingsSlice(
        items=findings_repo.by_ids(session, ids),
        total=int(total),
        overcharge_total=Decimal(overcharge),
        limit=limit,
        offset=offset,
        price_gap_total=Decimal(gap),
    )


_ORDER: dict[str, tuple[Any, ...]] = {
    # ties the same way as the amount, so that one index (overcharge, id) serves both
    "overcharge_desc": (Finding.overcharge.desc(), Finding.id.desc()),
    "overcharge_asc": (Finding.overcharge.asc(), Finding.id),
    "newest": (Finding.created_at.desc(), Finding.id.desc()),
}
#: the list's orders by ``sort``, for the exports too
ORDER = _ORDER


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
        rules=rule_ids(session),
    )


def rule_ids(session: Session) -> list[str]:
    """The rules that have findings, in order. A skip scan of the ``rule_id`` index (a
    recursive query: the first rule, then the next one above it, ...) reads one index
    entry per rule instead of every finding, as ``DISTINCT`` would."""
    first = select(func.min(Finding.rule_id).label("rule_id")).cte("rule_ids", recursive=True)
    above = select(func.min(Finding.rule_id)).where(Finding.rule_id > first.c.rule_id)
    walk = first.union_all(select(above.scalar_subquery()).where(first.c.rule_id.is_not(None)))
    return list(
        session.scalars(
            select(walk.c.rule_id).where(walk.c.rule_id.is_not(None)).order_by(walk.c.rule_id)
        )
    )


# ------------------------------------------------------------------------- overview
@dataclass(slots=True)
class MoneySummary:
    """``flagged``/``confirmed``: overcharges counted once (no price gaps, no further
    grounds); ``price_gap``: the gap to other municipalities' prices, apart."""

    flagged: Decimal = ZERO
    confirmed: Decimal = ZERO
    recovered: Decimal = ZERO
    open_count: int = 0
    flagged_count: int = 0
    confirmed_count: int = 0
    price_gap: Decimal = ZERO
    price_gap_count: int = 0


@dataclass(slots=True)
class GroupRow:
    """``overcharge``: counted overcharges; ``price_gap``: price gaps, apart."""

    key: str
    label: str
    count: int
    overcharge: Decimal
    price_gap: Decimal = ZERO


@dataclass(slots=True)
class Overview:
    summary: MoneySummary
    by_rule: list[GroupRow]
    by_municipality: list[GroupRow]


def overview(session: Session) -> Overview:
    """The overview's money summary and its two breakdowns (by rule, by municipality),
    from one pass over the findings grouped by (status, rule, municipality): the
    three figures agree by construction, and 100,000 findings are read once, not
    three times."""
    rows = session.execute(
        select(
            Finding.status,
            Finding.rule_id,
            Finding.municipality_id,
            func.count(Finding.id),
            _sum_where(COUNTED),
            func.coalesce(func.sum(Finding.recovered), ZERO),
            _sum_where(PRICE_GAP),
            func.coalesce(func.sum(case((PRICE_GAP, 1), else_=0)), 0),
        ).group_by(Finding.status, Finding.rule_id, Finding.municipality_id)
    ).all()
    names = {
        mid: (code, name)
        for mid, code, name in session.execute(
            select(Municipality.id, Municipality.code, Municipality.name)
        )
    }
    out = MoneySummary()
    by_rule: dict[str, GroupRow] = {}
    by_municipality: dict[str, GroupRow] = {}
    for status, rule, mid, count, overcharge, recovered, gap, gaps in rows:
        overcharge, gap = Decimal(overcharge or ZERO), Decimal(gap or ZERO)
        _add_to_summary(out, status, int(count), overcharge, Decimal(recovered), gap, int(gaps))
        if status not in FLAGGED:
            continue
        _add(by_rule, rule, rule, count, overcharge, gap)
        if mid in names:
            code, name = names[mid]
            _add(by_municipality, code, name, count, overcharge, gap)
    return Overview(out, _ranked(by_rule), _ranked(by_municipality))


def _add_to_summary(
    out: MoneySummary,
    status: str,
    count: int,
    overcharge: Decimal,
    recovered: Decimal,
    gap: Decimal,
    gaps: int,
) -> None:
    if status in FLAGGED:
        out.flagged += overcharge
        out.flagged_count += count - gaps
        out.price_gap += gap
        out.price_gap_count += gaps
    if status in ("confirmed", "resolved"):
        out.confirmed += overcharge
        out.confirmed_count += count - gaps
    if status == "open":
        out.open_count += count
    out.recovered += recovered


def _add(
    groups: dict[str, GroupRow], key: str, label: str, count: int, over: Decimal, gap: Decimal
) -> None:
    row = groups.setdefault(key, GroupRow(key, label, 0, ZERO, ZERO))
    row.count += count
    row.overcharge += over
    row.price_gap += gap


def _ranked(groups: dict[str, GroupRow]) -> list[GroupRow]:
    return sorted(groups.values(), key=lambda r: (-r.overcharge, -r.price_gap, -r.count, r.key))


def money_summary(session: Session) -> MoneySummary:
    return overview(session).summary


def findings_by_rule(session: Session) -> list[GroupRow]:
    return overview(session).by_rule


def findings_by_municipality(session: Session) -> list[GroupRow]:
    return overview(session).by_municipality

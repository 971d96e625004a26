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
COUNTED = and_(Finding.money_kind == "overcharge", Finding.grounds_for_id.is_(None))
PRICE_GAP = Finding.money_kind == "price_gap"


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
    """Findings matching the filter, sorted, one slice, with the count and overcharge of all."""
    base = findings_repo.filtered(findings_repo.flat_select(), flt)
    order = _ORDER.get(sort, _ORDER["overcharge_desc"])
    rows = session.execute(base.order_by(*order).limit(limit).offset(offset))
    total, overcharge, gap = session.execute(
        base.with_only_columns(func.count(Finding.id), _sum_where(COUNTED), _sum_where(PRICE_GAP))
    ).one()
    return FindingsSlice(
        items=findings_repo.with_owners(
            session,
            findings_repo.with_grounds(session, [findings_repo.to_out(row) for row in rows]),
        ),
        total=int(total),
        overcharge_total=Decimal(overcharge),
        limit=limit,
        offset=offset,
        price_gap_total=Decimal(gap),
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


def money_summary(session: Session) -> MoneySummary:
    out = MoneySummary()
    rows = session.execute(
        select(
            Finding.status,
            func.count(Finding.id),
            _sum_where(COUNTED),
            func.coalesce(func.sum(Finding.recovered), ZERO),
            _sum_where(PRICE_GAP),
            func.coalesce(func.sum(case((PRICE_GAP, 1), else_=0)), 0),
        ).group_by(Finding.status)
    )
    for status, count, overcharge, recovered, gap, gaps in rows:
        if status in FLAGGED:
            out.flagged += overcharge
            out.flagged_count += count - gaps
            out.price_gap += gap
            out.price_gap_count += gaps
        if status in ("confirmed", "resolved"):
            out.confirmed += overcharge
            out.confirmed_count += count - gaps
        if status == "open":
            out.open_count = count
        out.recovered += recovered
    return out


def findings_by_rule(session: Session) -> list[GroupRow]:
    rows = session.execute(
        select(Finding.rule_id, func.count(Finding.id), _sum_where(COUNTED), _sum_where(PRICE_GAP))
        .where(Finding.status.in_(FLAGGED))
        .group_by(Finding.rule_id)
    )
    out = [GroupRow(rule, rule, n, over or ZERO, gap or ZERO) for rule, n, over, gap in rows]
    return sorted(out, key=lambda r: (-r.overcharge, -r.price_gap, -r.count, r.key))


def findings_by_municipality(session: Session) -> list[GroupRow]:
    rows = session.execute(
        select(
            Municipality.code,
            Municipality.name,
            func.count(Finding.id),
            _sum_where(COUNTED),
            _sum_where(PRICE_GAP),
        )
        .join(Municipality, Finding.municipality_id == Municipality.id)
        .where(Finding.status.in_(FLAGGED))
        .group_by(Municipality.code, Municipality.name)
    )
    out = [GroupRow(code, name, n, over or ZERO, gap or ZERO) for code, name, n, over, gap in rows]
    return sorted(out, key=lambda r: (-r.overcharge, -r.price_gap, -r.count, r.key))

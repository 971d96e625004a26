"""Read-only queries behind the web pages: the findings page and the overview totals.

The flat finding row is the repository's (``monitor.findings.repository``); this module
adds what only the pages need: sorting, totals and the choices for the filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
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
    base = findings_repo.filtered(findings_repo.flat_select(), flt)
    order = _ORDER.get(sort, _ORDER["overcharge_desc"])
    rows = session.execute(base.order_by(*order).limit(limit).offset(offset))
    total, overcharge = session.execute(
        base.with_only_columns(
            func.count(Finding.id), func.coalesce(func.sum(Finding.overcharge), ZERO)
        )
    ).one()
    return FindingsSlice(
        items=[findings_repo.to_out(row) for row in rows],
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

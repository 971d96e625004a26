"""Queries about case files and the findings they may claim."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from monitor.casefiles.models import CaseFile, CaseFileFinding
from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.parties.models import Municipality, Vendor


def _claimable_condition() -> list[object]:
    """Confirmed, an overcharge of the municipality's own contract that no other
    finding owns, above zero, and in no case file yet."""
    return [
        Finding.status == "confirmed",
        Finding.money_kind == "overcharge",
        Finding.grounds_for_id.is_(None),
        Finding.overcharge > 0,
        ~exists().where(CaseFileFinding.finding_id == Finding.id),
    ]


def claimable(session: Session, *, vendor_id: int, municipality_id: int) -> list[Finding]:
    """The confirmed findings of this vendor and municipality not yet claimed, in
    invoice date and id order (the letter's order)."""
    from monitor.invoices.models import Invoice

    stmt = (
        select(Finding)
        .join(Invoice, Invoice.id == Finding.invoice_id)
        .where(
            Finding.vendor_id == vendor_id,
            Finding.municipality_id == municipality_id,
            *_claimable_condition(),
        )
        .order_by(Invoice.issue_date, Finding.id)
    )
    return list(session.scalars(stmt))


@dataclass(slots=True)
class Claimable:
    vendor_id: int
    vendor_name: str
    municipality_code: str
    municipality_name: str
    findings: int
    total: Decimal


def claimable_pairs(session: Session) -> list[Claimable]:
    """Per vendor and municipality, how many confirmed findings wait to be claimed."""
    stmt = (
        select(
            Vendor.id,
            Vendor.name,
            Municipality.code,
            Municipality.name,
            func.count(Finding.id),
            func.coalesce(func.sum(Finding.overcharge), Decimal(0)),
        )
        .join(Vendor, Vendor.id == Finding.vendor_id)
        .join(Municipality, Municipality.id == Finding.municipality_id)
        .where(*_claimable_condition())
        .group_by(Vendor.id, Vendor.name, Municipality.code, Municipality.name)
        .order_by(Vendor.name, Municipality.name)
    )
    return [
        Claimable(v, vn, mc, mn, int(n), Decimal(total))
        for v, vn, mc, mn, n, total in session.execute(stmt)
    ]


def claimed_in(session: Session, finding_ids: list[int]) -> dict[int, int]:
    """Which of these findings a case file claims already: finding id -> case file id."""
    if not finding_ids:
        return {}
    rows = session.execute(
        select(CaseFileFinding.finding_id, CaseFileFinding.case_file_id).where(
            CaseFileFinding.finding_id.in_(finding_ids)
        )
    )
    return {int(f): int(c) for f, c in rows}


def get(session: Session, case_file_id: int) -> CaseFile:
    case = session.get(CaseFile, case_file_id)
    if case is None:
        raise NotFound(
            f"case file {case_file_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.case_file_id"}, "id": case_file_id},
        )
    return case


def listing(session: Session) -> list[CaseFile]:
    return list(session.scalars(select(CaseFile).order_by(CaseFile.created_at.desc())))


def of_finding(session: Session, finding_id: int) -> list[CaseFile]:
    """The case files claiming this finding, newest first."""
    return list(
        session.scalars(
            select(CaseFile)
            .join(CaseFileFinding, CaseFileFinding.case_file_id == CaseFile.id)
            .where(CaseFileFinding.finding_id == finding_id)
            .order_by(CaseFile.created_at.desc())
        )
    )


def api_listing(
    *, municipality: str | None = None, vendor: str | None = None, status: str | None = None
) -> Select[Any]:
    """Case files with their vendor, municipality and number of findings, newest
    first; ``municipality`` a kommunekode, ``vendor`` a CVR number, ``status`` draft |
    sent | answered (``CaseFile.state``)."""
    claims = (
        select(func.count(CaseFileFinding.finding_id))
        .where(CaseFileFinding.case_file_id == CaseFile.id)
        .correlate(CaseFile)
        .scalar_subquery()
    )
    stmt = (
        select(CaseFile, Vendor, Municipality, claims)
        .join(Vendor, Vendor.id == CaseFile.vendor_id)
        .join(Municipality, Municipality.id == CaseFile.municipality_id)
        .order_by(CaseFile.created_at.desc(), CaseFile.id.desc())
    )
    if municipality is not None:
        stmt = stmt.where(Municipality.code == municipality)
    if vendor is not None:
        stmt = stmt.where(Vendor.cvr == vendor)
    if status == "draft":
        stmt = stmt.where(CaseFile.sent_at.is_(None), CaseFile.answer.is_(None))
    elif status == "sent":
        stmt = stmt.where(CaseFile.sent_at.is_not(None), CaseFile.answer.is_(None))
    elif status == "answered":
        stmt = stmt.where(CaseFile.answer.is_not(None))
    return stmt

"""Queries about contracts and their terms."""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from monitor.contracts.models import REVIEW_STATUSES, Contract
from monitor.errors import InputError, NotFound


def get(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(f"contract {contract_id} does not exist")
    return contract


def by_document(session: Session, document_id: int) -> Contract | None:
    return session.scalar(select(Contract).where(Contract.document_id == document_id))


def contracts_between(session: Session, *, vendor_id: int, municipality_id: int) -> list[Contract]:
    stmt = (
        select(Contract)
        .where(Contract.vendor_id == vendor_id, Contract.municipality_id == municipality_id)
        .options(selectinload(Contract.price_terms), selectinload(Contract.clauses))
        .order_by(Contract.effective_date.desc().nulls_last(), Contract.id.desc())
    )
    return list(session.scalars(stmt))


class _Dated(Protocol):
    effective_date: date | None
    expiry_date: date | None


D = TypeVar("D", bound=_Dated)


def applicable(contracts: list[D], on: date) -> D | None:
    """The contract in force on ``on``; else the nearest one (so that billing outside the
    validity is still checked against it and flagged)."""
    for c in contracts:
        if (c.effective_date is None or c.effective_date <= on) and (
            c.expiry_date is None or on <= c.expiry_date
        ):
            return c
    return contracts[0] if contracts else None


def unassigned(session: Session) -> list[Contract]:
    return list(session.scalars(select(Contract).where(Contract.status == "unassigned")))


def listing(session: Session, *, review_status: str | None = None) -> list[Contract]:
    """Every contract in id order, or only those with this review status."""
    if review_status is not None and review_status not in REVIEW_STATUSES:
        raise InputError(
            f"unknown review status {review_status!r}; use {', '.join(REVIEW_STATUSES)}",
            field="review_status",
        )
    stmt = select(Contract).options(selectinload(Contract.price_terms)).order_by(Contract.id)
    if review_status is not None:
        stmt = stmt.where(Contract.review_status == review_status)
    return list(session.scalars(stmt))


def preliminary_findings(session: Session, *, contract_id: int) -> int:
    """How many findings wait for this contract's review: preliminary and not dismissed
    (a finding withdrawn or dismissed meanwhile waits for nothing)."""
    from monitor.findings.models import Finding

    return int(
        session.scalar(
            select(func.count(Finding.id)).where(
                Finding.contract_id == contract_id,
                Finding.preliminary.is_(True),
                Finding.status != "dismissed",
            )
        )
        or 0
    )

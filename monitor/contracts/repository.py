"""Queries about contracts and their terms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import Connection, Select, bindparam, func, or_, select, update
from sqlalchemy.orm import Session, selectinload

from monitor.contracts.models import REVIEW_STATUSES, Contract, PriceTerm
from monitor.errors import InputError, NotFound
from rules.matching import item_key

if TYPE_CHECKING:
    from monitor.contracts.schemas import ContractQuery


def get(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(
            f"contract {contract_id} does not exist",
            key="error.missing.contract",
            params={"id": contract_id},
        )
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


def applicable(contracts: list[D], on: date, covers: Callable[[D], int] | None = None) -> D | None:
    """The contract in force on ``on``; else the nearest one (so that billing outside the
    validity is still checked against it and flagged). Where several are in force (a
    main contract and a supplement adding items, both with the vendor), the one that
    prices most of the invoice's lines (``covers``: how many a contract prices), the
    newest among equals: a supplement pricing a few new items never takes the invoices
    of the main contract's items over (each of their lines would be an unpriced item)."""
    in_force = [
        c
        for c in contracts
        if (c.effective_date is None or c.effective_date <= on)
        and (c.expiry_date is None or on <= c.expiry_date)
    ]
    if len(in_force) > 1 and covers is not None:
        return max(in_force, key=covers)  # the first of the most covering: the newest
    if in_force:
        return in_force[0]
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


#: the contracts list's sort keys; each sorts ascending, ``-key`` descending
LIST_SORTS = ("title", "vendor", "municipality", "effective", "expiry", "review")


@dataclass(slots=True)
class ContractRow:
    id: int
    title: str | None
    contract_number: str | None
    vendor: str | None
    municipality: str | None
    municipality_code: str | None
    effective_date: date | None
    expiry_date: date | None
    review_status: str
    status: str
    terms: int


@dataclass(slots=True)
class ContractPage:
    items: list[ContractRow]
    total: int
    limit: int
    offset: int

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


def search(
    session: Session,
    *,
    text: str | None = None,
    review_status: str | None = None,
    vendor_id: int | None = None,
    municipality_code: str | None = None,
    sort: str = "title",
    limit: int = 50,
    offset: int = 0,
) -> ContractPage:
    """Contracts whose title, number, vendor or municipality contains ``text`` (any
    case), filtered by review status, vendor and municipality, sorted by ``sort``
    (one of ``LIST_SORTS``, ``-`` in front for descending), one page of them."""
    from monitor.parties.models import Municipality, Vendor

    if review_status and review_status not in REVIEW_STATUSES:
        raise InputError(
            f"unknown review status {review_status!r}; use {', '.join(REVIEW_STATUSES)}",
            field="review_status",
        )
    key = sort.removeprefix("-")
    if key not in LIST_SORTS:
        raise InputError(f"unknown sort {sort!r}; use {', '.join(LIST_SORTS)}", field="sort")
    vendor_name = func.coalesce(Vendor.name, Contract.vendor_name)
    municipality_name = func.coalesce(Municipality.name, Contract.buyer_name)
    terms = (
        select(func.count(PriceTerm.id))
        .where(PriceTerm.contract_id == Contract.id)
        .correlate(Contract)
        .scalar_subquery()
    )
    stmt = (
        select(
            Contract.id,
            Contract.title,
            Contract.contract_number,
            vendor_name,
            municipality_name,
            Municipality.code,
            Contract.effective_date,
            Contract.expiry_date,
            Contract.review_status,
            Contract.status,
            terms,
        )
        .outerjoin(Vendor, Vendor.id == Contract.vendor_id)
        .outerjoin(Municipality, Municipality.id == Contract.municipality_id)
    )
    if text and text.strip():
        like = f"%{_escape_like(text.strip().lower())}%"
        stmt = stmt.where(
            or_(
                *(
                    func.lower(column).like(like, escape="\\")
                    for column in (
                        Contract.title,
                        Contract.contract_number,
                        vendor_name,
                        municipality_name,
                    )
                )
            )
        )
    if review_status:
        stmt = stmt.where(Contract.review_status == review_status)
    if vendor_id is not None:
        stmt = stmt.where(Contract.vendor_id == vendor_id)
    if municipality_code:
        stmt = stmt.where(Municipality.code == municipality_code)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    column = {
        "title": func.lower(Contract.title),
        "vendor": func.lower(vendor_name),
        "municipality": func.lower(municipality_name),
        "effective": Contract.effective_date,
        "expiry": Contract.expiry_date,
        "review": Contract.review_status,
    }[key]
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    rows = session.execute(stmt.order_by(order, Contract.id).limit(limit).offset(offset))
    return ContractPage([ContractRow(*row) for row in rows], int(total), limit, offset)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def api_listing(query: ContractQuery) -> Select[Any]:
    """Contracts with their parties and how many price terms they have, narrowed by the
    filters, in id order (a scoped session sees its own municipalities' only)."""
    from monitor.parties.models import Municipality, Vendor

    terms = (
        select(func.count(PriceTerm.id))
        .where(PriceTerm.contract_id == Contract.id)
        .correlate(Contract)
        .scalar_subquery()
    )
    stmt = (
        select(Contract, Municipality.code, Municipality.name, Vendor.cvr, Vendor.name, terms)
        .outerjoin(Municipality, Contract.municipality_id == Municipality.id)
        .outerjoin(Vendor, Contract.vendor_id == Vendor.id)
        .order_by(Contract.id)
    )
    if query.municipality:
        stmt = stmt.where(Municipality.code == query.municipality)
    if query.vendor:
        stmt = stmt.where(Vendor.cvr == query.vendor)
    if query.status:
        stmt = stmt.where(Contract.status == query.status)
    if query.review_status:
        stmt = stmt.where(Contract.review_status == query.review_status)
    if query.valid_on is not None:
        day = query.valid_on
        stmt = stmt.where(
            or_(Contract.effective_date.is_(None), Contract.effective_date <= day),
            or_(Contract.expiry_date.is_(None), Contract.expiry_date >= day),
        )
    return stmt


def api_listed(row: Any) -> dict[str, Any]:
    """An ``api_listing`` row as the fields of ``ContractOut``."""
    c, code, name, cvr, vendor_name, terms = row
    return {
        "id": c.id,
        "title": c.title,
        "contract_number": c.contract_number,
        "municipality": code,
        "municipality_name": name,
        "vendor_cvr": cvr,
        "vendor_name": vendor_name,
        "status": c.status,
        "review_status": c.review_status,
        "language": c.language,
        "signing_date": c.signing_date,
        "effective_date": c.effective_date,
        "expiry_date": c.expiry_date,
        "payment_days": c.payment_days,
        "mfn": c.mfn,
        "currency": c.currency,
        "document_id": c.document_id,
        "price_terms": int(terms or 0),
        "created_at": c.created_at,
    }


def fill_term_keys(conn: Connection, *, batch: int = 5000) -> int:
    """Set ``price_term.item_key`` where terms were written without it (by bulk SQL that
    bypasses the model, e.g. a benchmark's loader); the number of terms set."""
    term = PriceTerm.__table__
    stmt = update(term).where(term.c.id == bindparam("b_id")).values(item_key=bindparam("b_key"))
    after = done = 0
    while True:
        rows = conn.execute(
            select(term.c.id, term.c.item_id)
            .where(term.c.id > after, term.c.item_id.is_not(None), term.c.item_key.is_(None))
            .order_by(term.c.id)
            .limit(batch)
        ).all()
        if not rows:
            return done
        conn.execute(stmt, [{"b_id": i, "b_key": item_key(item)} for i, item in rows])
        after, done = rows[-1][0], done + len(rows)

"""All queries about findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from monitor.auth.models import User
from monitor.contracts.models import Contract, PriceTerm
from monitor.db import folded_like
from monitor.documents.models import Document
from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.findings.schemas import FindingFilter, FindingOut
from monitor.findings.workflow import FOLLOWED_UP, is_overdue
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor

_ContractDoc = aliased(Document)


def flat_select() -> Select[Any]:
    """Findings joined with their invoice, line, municipality, vendor, contract document
    and price term: one row per finding, for ``to_out``. Pages, API and CLI share it."""
    return (
        select(
            Finding,
            Invoice.number,
            Invoice.issue_date,
            Invoice.due_date,
            InvoiceLine.line_id,
            InvoiceLine.item_id,
            InvoiceLine.description,
            Municipality.code,
            Municipality.name,
            Vendor.cvr,
            Vendor.name,
            _ContractDoc.filename,
            PriceTerm.evidence_page,
        )
        .join(Invoice, Finding.invoice_id == Invoice.id)
        .outerjoin(InvoiceLine, Finding.invoice_line_id == InvoiceLine.id)
        .outerjoin(Municipality, Finding.municipality_id == Municipality.id)
        .outerjoin(Vendor, Finding.vendor_id == Vendor.id)
        .outerjoin(Contract, Finding.contract_id == Contract.id)
        .outerjoin(_ContractDoc, Contract.document_id == _ContractDoc.id)
        .outerjoin(PriceTerm, Finding.price_term_id == PriceTerm.id)
    )


def to_out(row: Any) -> FindingOut:
    """A ``flat_select`` row as the finding people see."""
    (
        f,
        number,
        issue_date,
        due_date,
        line_id,
        item_id,
        description,
        code,
        mname,
        vcvr,
        vname,
        cdoc,
        cpage,
    ) = row
    evidence = f.evidence or {}
    return FindingOut(
        id=f.id,
        rule=f.rule_id,
        severity=f.severity,
        status=f.status,
        mode=f.mode,
        message=f.message,
        message_da=f.message_da,
        municipality=code,
        municipality_name=mname,
        vendor_cvr=vcvr,
        vendor_name=vname,
        invoice_id=f.invoice_id,
        invoice_number=number,
        invoice_date=issue_date.isoformat(),
        line_id=line_id,
        item_id=item_id,
        description=description,
        agreed_unit_price=f.agreed_unit_price,
        invoiced_unit_price=f.invoiced_unit_price,
        quantity=f.quantity,
        overcharge=f.overcharge,
        recovered=f.recovered,
        currency=f.currency,
        contract_id=f.contract_id,
        contract_document=cdoc,
        contract_page=cpage
        if cpage is not None
        else (evidence.get("contract_page") or evidence.get("clause_page")),
        evidence=evidence,
        created_at=f.created_at,
        reviewed_by=f.reviewed_by,
        review_note=f.review_note,
        preliminary=f.preliminary,
        money_kind=f.money_kind,
        benchmark_unit_price=f.benchmark_unit_price,
        grounds_for_id=f.grounds_for_id,
        counted=f.counted,
        due_date=due_date.isoformat() if due_date else None,
        owner_id=f.owner_id,
        deadline=f.deadline,
        overdue=is_overdue(f.status, f.deadline, today=date.today()),
    )


#: evidence naming another municipality's price: its code and its invoice
OTHERS_EVIDENCE = ("lowest_municipality", "lowest_invoice")


def for_reader(session: Session, findings: list[FindingOut]) -> list[FindingOut]:
    """The findings as the session's reader may see them: a reader of some
    municipalities (a scoped session) sees the benchmark's other municipality by code
    only when that municipality lets its name be shown (``benchmark_named``), and never
    its invoice; a reader of every municipality sees everything."""
    from monitor.auth.scope import UNSCOPED, session_scope

    scope = session_scope(session)
    if scope is None or not any(
        f.evidence.get("lowest_municipality") for f in findings if f.evidence
    ):
        return findings
    own = set(session.scalars(select(Municipality.code)))  # the scope's own
    named = set(
        session.scalars(
            select(Municipality.code).where(Municipality.benchmark_named.is_(True)),
            execution_options={UNSCOPED: True},
        )
    )
    out = []
    for f in findings:
        code = (f.evidence or {}).get("lowest_municipality")
        if code and code not in own:
            evidence = {k: v for k, v in f.evidence.items() if k not in OTHERS_EVIDENCE}
            if code in named:
                evidence["lowest_municipality"] = code
            f = f.model_copy(update={"evidence": evidence})
        out.append(f)
    return out


def with_owners(session: Session, findings: list[FindingOut]) -> list[FindingOut]:
    """Fill each finding's owner's name and email (one query for the page)."""
    ids = {f.owner_id for f in findings if f.owner_id is not None}
    if not ids:
        return findings
    users = {
        uid: (name, email)
        for uid, name, email in session.execute(
            select(User.id, User.name, User.email).where(User.id.in_(ids))
        )
    }
    for f in findings:
        if f.owner_id in users:
            f.owner_name, f.owner_email = users[f.owner_id]
    return findings


def with_grounds(session: Session, findings: list[FindingOut]) -> list[FindingOut]:
    """Fill ``further_grounds``: the findings that are further grounds for each one."""
    ids = [f.id for f in findings]
    grounds: dict[int, list[int]] = {}
    for i in range(0, len(ids), 900):
        for fid, owner in session.execute(
            select(Finding.id, Finding.grounds_for_id)
            .where(Finding.grounds_for_id.in_(ids[i : i + 900]))
            .order_by(Finding.id)
        ):
            grounds.setdefault(owner, []).append(fid)
    for f in findings:
        f.further_grounds = grounds.get(f.id, [])
    return findings


def narrowed(flt: FindingFilter, *columns: Any) -> Select[Any]:
    """``select(*columns)`` from the findings the filter keeps, joining nothing (the
    filter reads other tables through semi-joins): counting, summing and paging read
    the finding table and its indexes, not the whole ``flat_select``."""
    stmt = select(*columns).select_from(Finding)
    return filtered(stmt, flt)


def by_ids(session: Session, ids: Sequence[int]) -> list[FindingOut]:
    """The flat findings of these ids, in the order given (one query, grounds and
    owners filled)."""
    if not ids:
        return []
    rows = {row[0].id: row for row in session.execute(flat_select().where(Finding.id.in_(ids)))}
    out = [to_out(rows[i]) for i in ids if i in rows]
    return for_reader(session, with_owners(session, with_grounds(session, out)))


def filtered(stmt: Select[Any], flt: FindingFilter) -> Select[Any]:
    """``flat_select`` narrowed by the filter (municipality, rule, status, vendor,
    preliminary or final, severity, kind of money, owner, overdue, words, date ranges)."""
    if flt.municipality:
        by_code = select(Municipality.id).where(Municipality.code == flt.municipality)
        stmt = stmt.where(Finding.municipality_id.in_(by_code.scalar_subquery()))
    if flt.rule:
        stmt = stmt.where(Finding.rule_id == flt.rule)
    if flt.status:
        stmt = stmt.where(Finding.status == flt.status)
    if flt.vendor_cvr:
        by_cvr = select(Vendor.id).where(Vendor.cvr == flt.vendor_cvr)
        stmt = stmt.where(Finding.vendor_id.in_(by_cvr.scalar_subquery()))
    if flt.preliminary is not None:
        stmt = stmt.where(Finding.preliminary.is_(flt.preliminary))
    if flt.severity:
        stmt = stmt.where(Finding.severity == flt.severity)
    if flt.money_kind:
        stmt = stmt.where(Finding.money_kind == flt.money_kind)
    if flt.owner_id is not None:
        stmt = stmt.where(Finding.owner_id == flt.owner_id)
    if flt.overdue:
        stmt = stmt.where(
            Finding.deadline < (flt.today or date.today()), Finding.status.in_(FOLLOWED_UP)
        )
    for word in (flt.text or "").split()[:8]:
        stmt = stmt.where(_mentions(word))
    if flt.issued_from is not None or flt.issued_to is not None:
        issued = select(Invoice.id)
        if flt.issued_from is not None:
            issued = issued.where(Invoice.issue_date >= flt.issued_from)
        if flt.issued_to is not None:
            issued = issued.where(Invoice.issue_date <= flt.issued_to)
        stmt = stmt.where(Finding.invoice_id.in_(issued.scalar_subquery()))
    if flt.created_from is not None:
        stmt = stmt.where(Finding.created_at >= _start_of(flt.created_from))
    if flt.created_to is not None:
        stmt = stmt.where(Finding.created_at < _start_of(flt.created_to + timedelta(days=1)))
    return stmt


def _mentions(word: str) -> Any:
    """The finding's message (in English or Danish), its invoice's number, its line's
    description or its vendor's name contains ``word`` (case ignored; ``%`` and ``_``
    are plain characters). The ids are gathered table by table (a union, never a join
    of all four), so that the invoices' and lines' searches each read their own trigram
    index on PostgreSQL. The findings' own messages are read row by row: findings are
    few beside the lines (~16,000 per 1,000,000 lines), and a trigram index on them
    cost every bulk check more (~0.7 s per 16,000 findings stored) than it saves a
    search."""
    pattern = "%" + _escape_like(word) + "%"

    def like(column: Any) -> Any:
        return folded_like(column, pattern)

    found = union(
        select(Finding.id).where(or_(like(Finding.message), like(Finding.message_da))),
        select(Finding.id).where(
            Finding.invoice_id.in_(select(Invoice.id).where(like(Invoice.number)))
        ),
        select(Finding.id).where(
            Finding.invoice_line_id.in_(select(InvoiceLine.id).where(like(InvoiceLine.description)))
        ),
        select(Finding.id).where(Finding.vendor_id.in_(select(Vendor.id).where(like(Vendor.name)))),
    )
    return Finding.id.in_(found)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _start_of(day: date) -> datetime:
    """Midnight UTC starting ``day`` (``created_at`` is stored in UTC)."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def list_findings(session: Session, flt: FindingFilter | None = None) -> list[FindingOut]:
    flt = flt or FindingFilter()
    stmt = filtered(flat_select(), flt).order_by(Finding.overcharge.desc(), Finding.id)
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit).offset(flt.offset)
    rows = [to_out(row) for row in session.execute(stmt)]
    return for_reader(session, with_owners(session, with_grounds(session, rows)))


def count_findings(session: Session, flt: FindingFilter | None = None) -> int:
    flt = flt or FindingFilter()
    stmt = filtered(flat_select(), flt).with_only_columns(func.count(Finding.id))
    return int(session.execute(stmt).scalar_one())


def get_finding(session: Session, finding_id: int) -> FindingOut:
    row = session.execute(flat_select().where(Finding.id == finding_id)).first()
    if row is None:
        raise NotFound(
            f"finding {finding_id} does not exist",
            key="error.missing.finding",
            params={"id": finding_id},
        )
    return for_reader(session, with_owners(session, with_grounds(session, [to_out(row)])))[0]


def by_dedup_keys(session: Session, keys: Sequence[str]) -> dict[str, Finding]:
    if not keys:
        return {}
    rows = session.scalars(select(Finding).where(Finding.dedup_key.in_(list(keys))))
    return {f.dedup_key: f for f in rows}

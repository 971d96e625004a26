"""All queries about alerts: recipients, what was already sent, what an email shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from monitor.alerts.models import Alert, AlertFinding
from monitor.alerts.render import FindingView
from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Contact, Municipality, Vendor

_ContractDoc = aliased(Document)


def active_contacts(
    session: Session, municipality_ids: Iterable[int | None]
) -> dict[int, list[Contact]]:
    ids = {i for i in municipality_ids if i is not None}
    if not ids:
        return {}
    out: dict[int, list[Contact]] = defaultdict(list)
    rows = session.scalars(
        select(Contact)
        .where(Contact.municipality_id.in_(ids), Contact.active.is_(True))
        .order_by(Contact.id)
    )
    for contact in rows:
        out[contact.municipality_id].append(contact)
    return out


def already_linked(
    session: Session, *, finding_ids: Collection[int], kind: str
) -> set[tuple[int, str]]:
    """(finding id, recipient) pairs that already have an alert of this kind."""
    if not finding_ids:
        return set()
    rows = session.execute(
        select(AlertFinding.finding_id, AlertFinding.recipient).where(
            AlertFinding.finding_id.in_(list(finding_ids)), AlertFinding.kind == kind
        )
    )
    return {(fid, rcpt) for fid, rcpt in rows}


def existing_dedup_keys(session: Session, keys: Collection[str]) -> set[str]:
    if not keys:
        return set()
    return set(session.scalars(select(Alert.dedup_key).where(Alert.dedup_key.in_(list(keys)))))


def claim(session: Session, alert_id: int) -> bool:
    """Mark the alert as being sent, if it still needs sending. The UPDATE takes the row
    (PostgreSQL) or database (SQLite) write lock until the caller's transaction ends, so
    a second dispatcher of the same alert waits and then finds it sent."""
    result = session.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.status.in_(("pending", "sending")))
        .values(status="sending", attempts=Alert.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def due_alert_ids(session: Session, *, now: datetime, limit: int | None) -> list[int]:
    stmt = (
        select(Alert.id)
        .where(
            Alert.status == "pending",
            (Alert.next_attempt_at.is_(None)) | (Alert.next_attempt_at <= now),
        )
        .order_by(Alert.id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def finding_ids_of(session: Session, alert_id: int) -> list[int]:
    return list(
        session.scalars(
            select(AlertFinding.finding_id)
            .where(AlertFinding.alert_id == alert_id)
            .order_by(AlertFinding.finding_id)
        )
    )


def municipality_name(session: Session, municipality_id: int | None) -> str:
    if municipality_id is None:
        return "–"
    m = session.get(Municipality, municipality_id)
    return f"{m.name} ({m.code})" if m else "–"


def finding_views(
    session: Session, finding_ids: Collection[int], *, base_url: str
) -> list[FindingView]:
    """What the email shows about each finding, in id order."""
    if not finding_ids:
        return []
    stmt = (
        select(
            Finding,
            Invoice,
            InvoiceLine,
            Vendor.name,
            Municipality.name,
            PriceTerm,
            _ContractDoc.filename,
        )  # fmt: skip
        .join(Invoice, Finding.invoice_id == Invoice.id)
        .outerjoin(InvoiceLine, Finding.invoice_line_id == InvoiceLine.id)
        .outerjoin(Vendor, Finding.vendor_id == Vendor.id)
        .outerjoin(Municipality, Finding.municipality_id == Municipality.id)
        .outerjoin(PriceTerm, Finding.price_term_id == PriceTerm.id)
        .outerjoin(Contract, Finding.contract_id == Contract.id)
        .outerjoin(_ContractDoc, Contract.document_id == _ContractDoc.id)
        .where(Finding.id.in_(list(finding_ids)))
        .order_by(Finding.id)
    )
    rows = session.execute(stmt).all()
    clauses = _clauses(session, {f.contract_id for f, *_ in rows if f.contract_id})
    views = []
    for f, inv, line, vendor, mname, term, cdoc in rows:
        evidence = f.evidence or {}
        clause_text, page = _clause_of(f, term, clauses.get(f.contract_id or -1, {}))
        views.append(
            FindingView(
                id=f.id,
                rule=f.rule_id,
                severity=f.severity,
                message=f.message,
                message_da=f.message_da,
                vendor=vendor or inv.supplier_name or inv.supplier_cvr or "–",
                invoice_number=inv.number,
                invoice_date=inv.issue_date,
                municipality=mname or "–",
                line_id=line.line_id if line else None,
                item=(line.description if line else None) or (term.description if term else "–"),
                agreed_unit_price=f.agreed_unit_price,
                invoiced_unit_price=f.invoiced_unit_price,
                quantity=f.quantity,
                overcharge=f.overcharge,
                currency=f.currency,
                clause_text=clause_text,
                clause_page=int(page) if page not in (None, "") else None,
                contract_document=cdoc or evidence.get("contract_document"),
                link=f"{base_url.rstrip('/')}/findings/{f.id}",
                due_date=inv.due_date,
                money_kind=f.money_kind,
                benchmark_unit_price=f.benchmark_unit_price,
                lowest_unit_price=_lowest(f, evidence),
                times_lowest=_decimal(evidence.get("times_lowest")),
                grounds_for_id=f.grounds_for_id,
                basis=None if clause_text else _first(evidence, "computation"),
                vat_rate=_vat_rate(inv.tax, inv.tax_exclusive),
            )
        )
    return views


def _vat_rate(tax: Decimal | None, net: Decimal | None) -> Decimal | None:
    """The invoice's VAT rate in % (25 for Danish VAT), to a tenth; None without VAT."""
    if not tax or not net or tax <= 0 or net <= 0:
        return None
    return (tax / net * 100).quantize(Decimal("0.1")).normalize()


#: the kind of contract clause each rule's finding rests on (price rules: the term)
CLAUSE_OF_RULE = {
    "indexation_cap_exceeded": "indexation",
    "mfn_breach": "mfn",
    "outside_contract_period": "validity",
    "payment_terms": "payment",
}
#: rules that rest on the invoice's own figures or on other municipalities, not a clause
NO_CLAUSE = frozenset({"duplicate_billing", "arithmetic_mismatch", "price_disparity"})


def _clauses(
    session: Session, contract_ids: Collection[int]
) -> dict[int, dict[str, tuple[str, int | None]]]:
    """Each contract's clauses by kind: (text, page), the first of each kind."""
    out: dict[int, dict[str, tuple[str, int | None]]] = defaultdict(dict)
    if not contract_ids:
        return out
    for cid, kind, text, page in session.execute(
        select(
            ContractClause.contract_id,
            ContractClause.kind,
            ContractClause.evidence_text,
            ContractClause.evidence_page,
        )
        .where(ContractClause.contract_id.in_(list(contract_ids)))
        .order_by(ContractClause.id)
    ):
        if text and text.strip():
            out[cid].setdefault(kind, (text, page))
    return out


def _clause_of(
    f: Finding, term: PriceTerm | None, clauses: dict[str, tuple[str, int | None]]
) -> tuple[str | None, int | None]:
    """The contract's own words the finding rests on, with their page: the clause of
    its kind (indexation, MFN, validity, payment), else the price term's row. Findings
    resting on the invoice alone or on other municipalities quote no clause."""
    if f.rule_id in NO_CLAUSE:
        return None, None
    kind = CLAUSE_OF_RULE.get(f.rule_id)
    if kind and kind in clauses:
        return clauses[kind]
    if term is not None and term.evidence_text:
        return term.evidence_text, term.evidence_page
    evidence = f.evidence or {}
    text = _first(evidence, "clause_text", "mfn_clause", "indexation_clause")
    page = evidence.get("clause_page") or evidence.get("indexation_clause_page")
    return text, page if isinstance(page, int) else None


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def _lowest(f: Finding, evidence: dict[str, object]) -> Decimal | None:
    """The lowest price another municipality pays, in the line's unit (price gaps)."""
    lowest = _decimal(evidence.get("lowest_price"))
    normalised = _decimal(evidence.get("normalised_price"))
    if lowest is None or not normalised or f.invoiced_unit_price is None:
        return lowest
    return (lowest * f.invoiced_unit_price / normalised).quantize(Decimal("0.000001"))


def _first(evidence: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = evidence.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def open_findings_since(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    municipality_ids: Collection[int] | None = None,
) -> list[Finding]:
    """Open, active, final findings that became final in [since, until): found then, or
    made final then by the review of their contract."""
    became_final = func.coalesce(Finding.final_at, Finding.created_at)
    stmt = select(Finding).where(
        Finding.mode == "active",
        Finding.status == "open",
        Finding.preliminary.is_(False),
        became_final >= since,
        became_final < until,
    )
    if municipality_ids is not None:
        stmt = stmt.where(Finding.municipality_id.in_(list(municipality_ids)))
    return list(session.scalars(stmt.order_by(Finding.id)))


def pending_for_invoice(session: Session, invoice_id: int) -> list[int]:
    """Alerts about this invoice's findings that still wait to be sent."""
    stmt = (
        select(Alert.id)
        .join(AlertFinding, AlertFinding.alert_id == Alert.id)
        .join(Finding, Finding.id == AlertFinding.finding_id)
        .where(Finding.invoice_id == invoice_id, Alert.status == "pending")
        .distinct()
        .order_by(Alert.id)
    )
    return list(session.scalars(stmt))


def stale_pending(session: Session, *, created_before: datetime, now: datetime) -> list[int]:
    """Pending alerts old enough that their task was lost (the outbox relay's work)."""
    stmt = (
        select(Alert.id)
        .where(
            Alert.status == "pending",
            Alert.created_at < created_before,
            (Alert.next_attempt_at.is_(None)) | (Alert.next_attempt_at <= now),
        )
        .order_by(Alert.id)
    )
    return list(session.scalars(stmt))


HISTORY_STATUSES = ("pending", "sending", "sent", "failed")


def history(
    session: Session,
    *,
    status: str | None = None,
    municipality_code: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[Alert, str | None, list[int]]], int]:
    """The alert history, newest first: (alert, municipality name, the ids of the
    findings it reported) per alert, and the number of all matching alerts. The
    session's scope (``monitor.auth.scope``) keeps it to the identity's municipalities."""
    stmt = select(Alert, Municipality.name).outerjoin(
        Municipality, Alert.municipality_id == Municipality.id
    )
    if status:
        stmt = stmt.where(Alert.status == status)
    if municipality_code:
        stmt = stmt.where(Municipality.code == municipality_code)
    total = int(session.execute(stmt.with_only_columns(func.count(Alert.id))).scalar_one())
    rows = session.execute(
        stmt.order_by(Alert.created_at.desc(), Alert.id.desc()).limit(limit).offset(offset)
    ).all()
    linked: dict[int, list[int]] = defaultdict(list)
    ids = [a.id for a, _ in rows]
    if ids:
        for alert_id, finding_id in session.execute(
            select(AlertFinding.alert_id, AlertFinding.finding_id)
            .where(AlertFinding.alert_id.in_(ids))
            .order_by(AlertFinding.finding_id)
        ):
            linked[alert_id].append(finding_id)
    return [(a, name, linked.get(a.id, [])) for a, name in rows], total

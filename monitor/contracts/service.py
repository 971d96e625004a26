"""Extracting a stored contract document into a contract with price terms and clauses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from extractors.errors import DocumentError
from extractors.types import ContractTerms, IndexationTerms
from monitor.contracts import repository
from monitor.contracts.models import (
    COMPLETE,
    NEEDS_REVIEW,
    Contract,
    ContractClause,
    PriceTerm,
    UnreadPriceRow,
)
from monitor.documents import repository as documents
from monitor.documents.limits import document_limits, read_limited
from monitor.documents.service import mark_failed, outside_uploader_scope
from monitor.parties import repository as parties


@dataclass(frozen=True, slots=True)
class ExtractOutcome:
    document_id: int
    contract_id: int | None
    error: str | None = None


def extract(session: Session, *, document_id: int) -> ExtractOutcome:
    """Read the contract document's terms and store them as ``proposed``.

    Idempotent: a document already extracted returns its contract. A document that
    cannot be read is marked failed with the reason; nothing else changes.
    """
    from extractors.contracts import extract_contract

    existing = repository.by_document(session, document_id)
    if existing is not None:
        return ExtractOutcome(document_id, existing.id)
    doc = documents.get(session, document_id)
    try:
        terms = read_limited(
            extract_contract,
            doc.content,
            doc.filename,
            limits=document_limits(),
            filename=doc.filename,
            prepare=_load_readers,
        )
    except DocumentError as exc:
        mark_failed(doc, reason=exc.reason, error=exc.describe())
        return ExtractOutcome(document_id, None, exc.describe())
    contract = store_terms(session, terms=terms, document_id=doc.id)
    refused = outside_uploader_scope(session, doc, {contract.municipality_id})
    if refused:
        session.delete(contract)
        session.flush()
        mark_failed(doc, reason="outside_scope", error=refused)
        return ExtractOutcome(document_id, None, refused)
    doc.status = "processed" if contract.status == "active" else "unassigned"
    return ExtractOutcome(document_id, contract.id)


def _load_readers() -> None:
    from extractors.contracts.nlp import pipeline

    pipeline("da")
    pipeline("en")


def store_terms(session: Session, *, terms: ContractTerms, document_id: int | None) -> Contract:
    """Store what was read as a contract with ``proposed`` terms, linked to its parties
    when they are registered. A reading that needs review (``terms.needs_review``) is
    stored ``needs_review`` with its reasons and unread price rows; else ``complete``."""
    buyer, vendor = terms.party("buyer"), terms.party("vendor")
    contract = Contract(
        document_id=document_id,
        title=terms.title,
        contract_number=terms.contract_number,
        language=terms.language,
        signing_date=terms.signing_date,
        effective_date=terms.effective_date,
        expiry_date=terms.expiry_date,
        term_months=terms.term_months,
        renewal=terms.renewal,
        currency=terms.currency,
        payment_days=terms.payment_days,
        mfn=terms.mfn,
        termination_notice_months=terms.termination_notice_months,
        buyer_name=buyer.name if buyer else None,
        buyer_cvr=buyer.cvr if buyer else None,
        vendor_name=vendor.name if vendor else None,
        vendor_cvr=vendor.cvr if vendor else None,
        warnings=list(terms.warnings),
        review_status=NEEDS_REVIEW if terms.needs_review else COMPLETE,
        review_reasons=terms.review_reasons,
        price_candidates=terms.price_candidates,
        unread_prices=[
            UnreadPriceRow(
                page=u.page,
                text=u.text,
                reason=u.reason,
                bbox=list(u.bbox) if u.bbox else None,
            )
            for u in terms.unread_prices
        ],
    )
    for t in terms.price_terms:
        contract.price_terms.append(
            PriceTerm(
                item_id=t.item_id,
                description=t.description,
                unit=str(t.unit),
                agreed_unit_price=t.unit_price,
                currency=t.currency,
                vat_basis=t.vat,
                tier_min=t.tier_min,
                tier_max=t.tier_max,
                valid_from=t.valid_from,
                valid_to=t.valid_to,
                confidence=t.confidence,
                evidence_page=t.page
                if t.page is not None
                else (t.evidence.page if t.evidence else None),
                evidence_text=t.evidence.text if t.evidence else None,
                evidence_bbox=list(t.evidence.bbox) if t.evidence and t.evidence.bbox else None,
            )
        )
    for clause in _clauses(terms):
        contract.clauses.append(clause)
    session.add(contract)
    resolve_parties(session, contract)
    session.flush()
    return contract


def resolve_parties(session: Session, contract: Contract) -> bool:
    """Link the contract to its registered vendor and municipality; else unassigned."""
    vendor = parties.vendor_by_cvr(session, contract.vendor_cvr) if contract.vendor_cvr else None
    muni = parties.municipality_by_cvr(session, contract.buyer_cvr) if contract.buyer_cvr else None
    if muni is None and contract.buyer_name:
        muni = parties.municipality_by_name(session, contract.buyer_name)
    problems = []
    if vendor is None:
        problems.append(f"vendor CVR {contract.vendor_cvr or '(none found)'} is not registered")
    if muni is None:
        problems.append(
            f"buyer {contract.buyer_name or '?'} (CVR {contract.buyer_cvr or 'none found'}) "
            "is not a registered municipality"
        )
    contract.vendor_id = vendor.id if vendor else None
    contract.municipality_id = muni.id if muni else None
    contract.status = "unassigned" if problems else "active"
    contract.unassigned_reason = "; ".join(problems) or None
    return not problems


def reassign_unassigned(session: Session) -> list[int]:
    """Retry party resolution for contracts waiting on an unregistered vendor or buyer;
    returns the ids of those now linked."""
    from monitor.documents.models import Document

    picked = []
    for contract in repository.unassigned(session):
        if resolve_parties(session, contract):
            picked.append(contract.id)
            doc = session.get(Document, contract.document_id) if contract.document_id else None
            if doc is not None and doc.status == "unassigned":
                doc.status = "processed"
    session.flush()
    return picked


def _clauses(terms: ContractTerms) -> list[ContractClause]:
    out: list[ContractClause] = []
    if terms.indexation is not None:
        ix = terms.indexation
        out.append(
            ContractClause(
                kind="indexation",
                params=indexation_params(ix),
                evidence_page=ix.evidence.page if ix.evidence else None,
                evidence_text=ix.evidence.text if ix.evidence else None,
            )
        )
    for c in terms.clauses:
        if c.kind == "indexation" and terms.indexation is not None:
            continue
        out.append(
            ContractClause(
                kind=c.kind,
                params=_jsonable(c.params),
                evidence_page=c.page,
                evidence_text=c.text,
                confidence=c.confidence,
            )
        )
    return out


def indexation_params(ix: IndexationTerms) -> dict[str, Any]:
    return {
        "index": ix.index,
        "cap_pct": None if ix.cap_pct is None else str(ix.cap_pct),
        "adjust_month": ix.adjust_month,
        "fixed_months": ix.fixed_months,
        "notice_days": ix.notice_days,
        "base_month": ix.base_month,
        "frequency_months": ix.frequency_months,
        "threshold_pct": None if ix.threshold_pct is None else str(ix.threshold_pct),
        "window_months": ix.window_months,
    }


def indexation_of(params: dict[str, Any] | None) -> IndexationTerms | None:
    """The indexation a stored ``indexation`` clause allows, or None where the clause
    lets no price move: the prices are fixed (``fixed``), or the price-adjustment
    clause was read and no adjustment found in it (its params only ``{"index": None}``;
    a clause letting prices move by what was not read carries the full parameters, see
    :func:`indexation_params`)."""
    if not params or params.get("fixed") or (set(params) <= {"index"} and not params["index"]):
        return None
    return indexation_from_params(params)


def indexation_from_params(params: dict[str, Any]) -> IndexationTerms:
    def dec(v: object) -> Decimal | None:
        return None if v in (None, "") else Decimal(str(v))

    return IndexationTerms(
        index=params.get("index"),
        cap_pct=dec(params.get("cap_pct")),
        adjust_month=params.get("adjust_month"),
        fixed_months=params.get("fixed_months"),
        notice_days=params.get("notice_days"),
        base_month=params.get("base_month"),
        frequency_months=params.get("frequency_months") or 12,
        threshold_pct=dec(params.get("threshold_pct")),
        window_months=params.get("window_months"),
    )


def _jsonable(params: dict[str, object]) -> dict[str, Any]:
    """Clause parameters as JSON: decimals as strings, dates as ISO strings."""

    def plain(value: object) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return {k: plain(v) for k, v in params.items()}

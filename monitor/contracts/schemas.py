"""Stored contracts in the same JSON shape as ``prisvagt extract`` prints, plus what is
only known once stored: ids, review states, and the findings held for review."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from extractors.money import decimal_str
from monitor.contracts import repository
from monitor.contracts.service import indexation_of
from monitor.schemas import Amount, Quantity


def _document_name(session: Session, document_id: int | None) -> str | None:
    """The file the contract was read from."""
    from monitor.documents.models import Document

    doc = session.get(Document, document_id) if document_id else None
    return doc.filename if doc is not None else None


def contract_to_dict(session: Session, *, contract_id: int) -> dict[str, Any]:
    """The contract as JSON. ``review_status`` is needs_review|complete|reviewed;
    ``unread_prices`` the price rows the reading could not read (page, text, reason,
    bbox); ``preliminary_findings`` how many findings wait for the review."""
    c = repository.get(session, contract_id)
    ix = next((cl for cl in c.clauses if cl.kind == "indexation"), None)
    if ix is not None and indexation_of(ix.params) is None:
        ix = None  # a clause fixing the prices (shown with the clauses)
    parties = []
    if c.buyer_name or c.buyer_cvr:
        parties.append({"name": c.buyer_name, "cvr": c.buyer_cvr, "role": "buyer"})
    if c.vendor_name or c.vendor_cvr:
        parties.append({"name": c.vendor_name, "cvr": c.vendor_cvr, "role": "vendor"})
    return {
        "id": c.id,
        "status": c.status,
        "unassigned_reason": c.unassigned_reason,
        "language": c.language,
        "title": c.title,
        "document": _document_name(session, c.document_id),
        "contract_number": c.contract_number,
        "parties": parties,
        "signing_date": _iso(c.signing_date),
        "effective_date": _iso(c.effective_date),
        "expiry_date": _iso(c.expiry_date),
        "payment_days": c.payment_days,
        "mfn": c.mfn,
        "indexation": None
        if ix is None
        else {
            "index": ix.params.get("index"),
            "cap_pct": ix.params.get("cap_pct"),
            "adjust_month": ix.params.get("adjust_month"),
            "fixed_months": ix.params.get("fixed_months"),
            "notice_days": ix.params.get("notice_days"),
            "threshold_pct": _plain(ix.params.get("threshold_pct")),
            "base_month": ix.params.get("base_month"),
        },
        "price_terms": [
            {
                "id": t.id,
                "item_id": t.item_id,
                "description": t.description,
                "unit": t.unit,
                "unit_price": decimal_str(t.agreed_unit_price),
                "currency": t.currency,
                "vat": t.vat_basis,
                "tier_min": None if t.tier_min is None else decimal_str(t.tier_min, min_places=0),
                "tier_max": None if t.tier_max is None else decimal_str(t.tier_max, min_places=0),
                "page": t.evidence_page,
                "confidence": t.confidence,
                "review_state": t.review_state,
            }
            for t in c.price_terms
        ],
        "warnings": list(c.warnings or []),
        "review_status": c.review_status,
        "review_reasons": list(c.review_reasons or []),
        "unread_prices": [
            {"id": u.id, "page": u.page, "text": u.text, "reason": u.reason, "bbox": u.bbox}
            for u in c.unread_prices
        ],
        "price_candidates": c.price_candidates,
        "reviewed_by": c.reviewed_by,
        "reviewed_at": None if c.reviewed_at is None else c.reviewed_at.isoformat(),
        "preliminary_findings": repository.preliminary_findings(session, contract_id=c.id),
    }


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


def _plain(value: object) -> str | None:
    """A stored percentage as the extract output writes it ("4", "2.5")."""
    return None if value is None else decimal_str(Decimal(str(value)), min_places=0)


# ------------------------------------------------------------------------- API v1
_TERM_EXAMPLE = {
    "id": 7,
    "item_id": "LIC-100",
    "description": "Brugerlicens ESDH",
    "unit": "user_month",
    "agreed_unit_price": "100.00",
    "currency": "DKK",
    "vat_basis": "excl",
    "valid_from": None,
    "valid_to": None,
    "tier_min": None,
    "tier_max": None,
    "review_state": "confirmed",
    "confidence": 1.0,
    "evidence_page": 3,
    "evidence_text": "1.1 Brugerlicens, pr. bruger pr. måned: 100,00 kr. ekskl. moms",
}
_CLAUSE_EXAMPLE = {
    "id": 2,
    "kind": "payment",
    "params": {"days": 30},
    "evidence_page": 5,
    "evidence_text": "Betaling: 30 dage netto",
    "confidence": 1.0,
    "review_state": "proposed",
}
_CONTRACT_EXAMPLE = {
    "id": 4,
    "title": "Driftsaftale ESDH",
    "contract_number": "K02-2025-17",
    "municipality": "101",
    "municipality_name": "København",
    "vendor_cvr": "12345678",
    "vendor_name": "Kommunedata A/S",
    "status": "active",
    "review_status": "complete",
    "language": "da",
    "signing_date": "2024-12-01",
    "effective_date": "2025-01-01",
    "expiry_date": "2028-12-31",
    "payment_days": 30,
    "mfn": False,
    "currency": "DKK",
    "document_id": 1,
    "price_terms": 1,
    "created_at": "2025-01-03T09:00:00Z",
}

ContractStatus = Literal["active", "unassigned"]
ReviewStatus = Literal["needs_review", "complete", "reviewed"]


class ContractQuery(BaseModel):
    """The contracts list's filters."""

    municipality: str | None = Field(None, description="kommunekode, e.g. 101")
    vendor: str | None = Field(None, description="the vendor's CVR number")
    status: ContractStatus | None = Field(None, description="active or unassigned")
    review_status: ReviewStatus | None = Field(None, description="needs_review|complete|reviewed")
    valid_on: date | None = Field(
        None, description="only contracts in force on this day (effective to expiry)"
    )


class PriceTermOut(BaseModel):
    """An agreed price (``review_state``: proposed, confirmed or rejected)."""

    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [_TERM_EXAMPLE]})

    id: int
    item_id: str | None
    description: str
    unit: str
    agreed_unit_price: Amount
    currency: str
    vat_basis: str
    valid_from: date | None
    valid_to: date | None
    tier_min: Quantity | None
    tier_max: Quantity | None
    review_state: str
    confidence: float
    evidence_page: int | None
    evidence_text: str | None


class UnreadPriceOut(BaseModel):
    """A money-bearing row or sentence of a price section that was not read as a price
    term: shown for review, never enforced (legal may read it into a term:
    ``POST /api/v1/contracts/{contract_id}/terms`` with its ``unread_id``)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    page: int | None
    text: str
    reason: str


class PriceTermAddedOut(PriceTermOut):
    """The price term legal added, and how many of the contract's invoices were queued
    for a re-check."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    **_TERM_EXAMPLE,
                    "contract_id": 7,
                    "reviewed_by": "jura@kk.dk",
                    "invoices_queued": 12,
                }
            ]
        },
    )

    contract_id: int
    reviewed_by: str | None
    invoices_queued: int = 0


class ClauseOut(BaseModel):
    """A clause: kind indexation|mfn|payment|validity|termination|other."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [_CLAUSE_EXAMPLE]}
    )

    id: int
    kind: str
    params: dict[str, Any]
    evidence_page: int | None
    evidence_text: str | None
    confidence: float
    review_state: str


class ContractOut(BaseModel):
    """A contract with its parties; ``price_terms`` is how many it has."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CONTRACT_EXAMPLE]})

    id: int
    title: str | None
    contract_number: str | None
    municipality: str | None
    municipality_name: str | None
    vendor_cvr: str | None
    vendor_name: str | None
    status: str
    review_status: str
    language: str
    signing_date: date | None
    effective_date: date | None
    expiry_date: date | None
    payment_days: int | None
    mfn: bool
    currency: str
    document_id: int | None
    price_terms: int
    created_at: datetime


class ContractCorrectedOut(ContractOut):
    """The corrected contract, and how many of its invoices were queued for a re-check."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**_CONTRACT_EXAMPLE, "invoices_queued": 12}]}
    )

    invoices_queued: int


class FieldChangeOut(BaseModel):
    before: Any = Field(
        None, description="the value before (null: none; money as a decimal string)"
    )
    after: Any = Field(None, description="the value after (null: none)")


class ContractHistoryEntryOut(BaseModel):
    """One step of a contract's review: a correction or confirmation of the contract, or
    the review or correction of one of its price terms."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "at": "2026-03-02T10:15:00Z",
                    "actor": "jurist@kommune.dk",
                    "action": "contract.corrected",
                    "term_id": None,
                    "term": None,
                    "note": "Kontraktens punkt 3",
                    "changes": {"expiry_date": {"before": None, "after": "2027-12-31"}},
                }
            ]
        }
    )

    at: datetime
    actor: str
    action: str = Field(
        description="contract.corrected, contract.reviewed, term.confirmed, "
        "term.rejected, term.proposed or term.corrected"
    )
    term_id: int | None = Field(description="the price term the step concerns, if any")
    term: str | None = Field(description="that term's item id, or its description")
    note: str | None
    changes: dict[str, FieldChangeOut] = Field(
        description="each changed field with its value before and after"
    )


class ContractDetailOut(ContractOut):
    """A contract with its price terms and clauses, and how its reading stands."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_CONTRACT_EXAMPLE,
                    "terms": [_TERM_EXAMPLE],
                    "clauses": [_CLAUSE_EXAMPLE],
                    "term_months": 48,
                    "renewal": None,
                    "termination_notice_months": 6,
                    "warnings": [],
                    "review_reasons": [],
                    "unassigned_reason": None,
                    "reviewed_by": None,
                    "reviewed_at": None,
                }
            ]
        }
    )

    terms: list[PriceTermOut]
    clauses: list[ClauseOut]
    term_months: int | None
    renewal: str | None
    termination_notice_months: int | None
    warnings: list[str]
    review_reasons: list[str]
    unread_prices: list[UnreadPriceOut] = Field(
        default_factory=list, description="the price rows not read, shown for review"
    )
    unassigned_reason: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None

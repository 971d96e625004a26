"""Stored contracts in the same JSON shape as ``prisvagt extract`` prints, plus what is
only known once stored: ids, review states, and the findings held for review."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from extractors.money import decimal_str
from monitor.contracts import repository


def contract_to_dict(session: Session, *, contract_id: int) -> dict[str, Any]:
    """The contract as JSON. ``review_status`` is needs_review|complete|reviewed;
    ``unread_prices`` the price rows the reading could not read (page, text, reason,
    bbox); ``preliminary_findings`` how many findings wait for the review."""
    c = repository.get(session, contract_id)
    ix = next((cl for cl in c.clauses if cl.kind == "indexation"), None)
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
            {"page": u.page, "text": u.text, "reason": u.reason, "bbox": u.bbox}
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

"""``terms_to_dict``: the "extract output" JSON shape of a contract's terms."""

from __future__ import annotations

from decimal import Decimal

from extractors.money import decimal_str
from extractors.types import ContractTerms, ExtractedPriceTerm, IndexationTerms


def terms_to_dict(terms: ContractTerms) -> dict[str, object]:
    """The JSON-ready dict: ``language``, ``title``, ``parties``, ``effective_date``,
    ``expiry_date``, ``payment_days``, ``mfn``, ``indexation``, ``price_terms``.

    Dates are ISO strings or None. Unit prices are decimal strings with at least two
    places ("12500.00"); tier bounds and the cap are plain ("10000", "2.5").
    """
    return {
        "language": terms.language,
        "title": terms.title,
        "parties": [{"name": p.name, "cvr": p.cvr, "role": p.role} for p in terms.parties],
        "effective_date": terms.effective_date.isoformat() if terms.effective_date else None,
        "expiry_date": terms.expiry_date.isoformat() if terms.expiry_date else None,
        "payment_days": terms.payment_days,
        "mfn": terms.mfn,
        "indexation": _indexation(terms.indexation),
        "price_terms": [_price_term(t) for t in terms.price_terms],
    }


def review_to_dict(terms: ContractTerms) -> dict[str, object]:
    """How complete and certain the reading is: ``review_status`` (``needs_review`` or
    ``complete``), the reasons, the price candidates seen and the ones not read."""
    return {
        "review_status": "needs_review" if terms.needs_review else "complete",
        "review_reasons": terms.review_reasons,
        "price_candidates": terms.price_candidates,
        "unread_prices": [
            {"page": u.page, "text": u.text, "reason": u.reason} for u in terms.unread_prices
        ],
    }


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else decimal_str(value, min_places=0)


def _indexation(ix: IndexationTerms | None) -> dict[str, object] | None:
    if ix is None:
        return None
    return {
        "index": ix.index,
        "cap_pct": _plain(ix.cap_pct),
        "adjust_month": ix.adjust_month,
        "fixed_months": ix.fixed_months,
        "notice_days": ix.notice_days,
        "threshold_pct": _plain(ix.threshold_pct),
    }


def _price_term(t: ExtractedPriceTerm) -> dict[str, object]:
    out = _price_fields(t)
    if t.valid_from is not None or t.valid_to is not None:  # a price for one period
        out["valid_from"] = t.valid_from.isoformat() if t.valid_from else None
        out["valid_to"] = t.valid_to.isoformat() if t.valid_to else None
    if t.time_band is not None:  # a price for one time of day or week
        out["time_band"] = t.time_band
    return out


def _price_fields(t: ExtractedPriceTerm) -> dict[str, object]:
    return {
        "item_id": t.item_id,
        "description": t.description,
        "unit": str(t.unit),
        "unit_price": decimal_str(t.unit_price),
        "currency": t.currency,
        "vat": t.vat,
        "tier_min": _plain(t.tier_min),
        "tier_max": _plain(t.tier_max),
        "page": t.page,
        "confidence": round(t.confidence, 2),
    }

"""Typed values produced by the extractors and consumed by ``rules`` and ``monitor``.

All money and quantities are ``Decimal``. Dataclasses with slots: these are made by
the million in benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Literal

ZERO = Decimal("0")


class Unit(StrEnum):
    """The unit vocabulary shared by contract price terms and the rules."""

    MONTH = "month"
    YEAR = "year"
    USER_MONTH = "user_month"
    USER_YEAR = "user_year"
    INHABITANT_YEAR = "inhabitant_year"
    HOUR = "hour"
    TRANSACTION = "transaction"
    FIXED = "fixed"
    PIECE = "piece"
    #: a price per kilogram (goods sold by weight: "pr. kg", "per kg")
    KG = "kg"
    #: prices per measured quantity, as operational services are billed: per tonne (waste,
    #: salt), kilometre driven, metre (of fence, "løbende meter"), square metre (cleaning,
    #: paving), cubic metre (soil, gravel), litre (fuel) and day (rental, "pr. døgn")
    TONNE = "tonne"
    KM = "km"
    METRE = "metre"
    SQUARE_METRE = "m2"
    CUBIC_METRE = "m3"
    LITRE = "litre"
    DAY = "day"
    #: a week's price (rental, a weekly service): billed per week or counted
    WEEK = "week"
    #: a quarter's price: three months, as a monthly or yearly price compares
    QUARTER = "quarter"
    #: a price per hectare (grass cutting, spraying, forestry): an area of 10,000 m²
    HECTARE = "hectare"


VatBasis = Literal["excl", "incl"]
DocumentType = Literal["invoice", "credit_note"]
PartyRole = Literal["buyer", "vendor"]


@dataclass(slots=True)
class Evidence:
    """Where a value was read: page (1-based), bounding box (x0, top, x1, bottom), text."""

    text: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
        }


# --------------------------------------------------------------------------- invoices


@dataclass(slots=True)
class PartyRef:
    """A party as named on an invoice. ``cvr`` is 8 digits, ``ean`` a 13-digit GLN."""

    name: str | None = None
    cvr: str | None = None
    ean: str | None = None
    vat: str | None = None


@dataclass(slots=True)
class InvoiceTotals:
    line_extension: Decimal
    tax_exclusive: Decimal
    tax: Decimal
    payable: Decimal
    allowances: Decimal = ZERO
    charges: Decimal = ZERO
    tax_inclusive: Decimal | None = None
    prepaid: Decimal = ZERO
    rounding: Decimal = ZERO


@dataclass(slots=True)
class ParsedInvoiceLine:
    """One invoice line, normalised.

    ``unit_price`` is the price for ONE unit of ``unit_code``: ``PriceAmount`` divided
    by ``BaseQuantity``. For credit notes ``quantity`` and ``line_amount`` are
    negative and ``unit_price`` stays positive, so ``quantity * unit_price`` still
    approximates ``line_amount``.
    """

    line_id: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    line_amount: Decimal
    item_id: str | None = None
    unit_code: str | None = None
    price_amount: Decimal | None = None
    base_quantity: Decimal = Decimal("1")
    allowances: Decimal = ZERO
    charges: Decimal = ZERO
    vat_category: str | None = None
    vat_percent: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None


@dataclass(slots=True)
class ParsedInvoice:
    """An invoice or credit note read from any supported format.

    ``format`` is one of ``oioubl-2``, ``oioubl-3``, ``peppol-bis3``, ``ubl``,
    ``cii``, ``facturx``, ``csv``, ``pdf``. Amounts on credit notes are negative.
    """

    format: str
    document_type: DocumentType
    number: str
    issue_date: date
    currency: str
    supplier: PartyRef
    buyer: PartyRef
    totals: InvoiceTotals
    lines: list[ParsedInvoiceLine]
    due_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    payment_days: int | None = None
    warnings: list[str] = field(default_factory=list)
    #: a credit note's reference to the invoice it credits (its number), where it gives one
    credits: str | None = None


# -------------------------------------------------------------------------- contracts


@dataclass(slots=True)
class ContractParty:
    name: str
    role: PartyRole
    cvr: str | None = None
    evidence: Evidence | None = None


@dataclass(slots=True)
class ExtractedPriceTerm:
    """One priced item from a contract's price appendix or prose."""

    item_id: str | None
    description: str
    unit: Unit
    unit_price: Decimal
    currency: str = "DKK"
    vat: VatBasis = "excl"
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None
    page: int | None = None
    confidence: float = 1.0
    evidence: Evidence | None = None
    #: the period the price applies in, where the contract gives one per period ("Pris
    #: 2026 | Pris 2027"); ``contract_years`` count from the effective date ("År 2"),
    #: turned into dates once that date is read
    valid_from: date | None = None
    valid_to: date | None = None
    #: (first contract year, number of years): "År 1" (1, 1), "2.-4. år" (2, 3)
    contract_years: tuple[int, int] | None = None
    #: why the price is in doubt, in words, where its confidence is low for a reason
    #: the reviewer should see ("a list price: ..."); shown with the review reason
    doubt: str | None = None
    #: the time of day or week the price is for, where the contract prices an item per
    #: time band ("Hverdage kl. 17-22", "Helligdage"); also at the end of the description
    time_band: str | None = None


@dataclass(slots=True)
class IndexationTerms:
    """The price-adjustment clause.

    ``index`` is a normalised name: ``nettoprisindeks``, ``forbrugerprisindeks``,
    ``ILON12`` ... ``cap_pct`` is the yearly cap in percent; ``adjust_month`` 1-12 the
    month in which adjustments may take effect; ``fixed_months`` the fixed-price
    period from the effective date; ``notice_days`` the notice required;
    ``base_month`` ``YYYY-MM``; ``threshold_pct`` set for contracts that only allow
    adjustment when the index moved at least that much.
    """

    index: str | None = None
    cap_pct: Decimal | None = None
    adjust_month: int | None = None
    fixed_months: int | None = None
    notice_days: int | None = None
    base_month: str | None = None
    frequency_months: int = 12
    threshold_pct: Decimal | None = None
    evidence: Evidence | None = None
    #: the months the index change is measured over ("med udviklingen i nettoprisindekset
    #: for de seneste 12 måneder"); None: since the previous reference (the base first)
    window_months: int | None = None


@dataclass(slots=True)
class ContractClause:
    """A classified clause: kind is indexation|mfn|payment|validity|termination|other."""

    kind: str
    text: str
    page: int | None = None
    params: dict[str, object] = field(default_factory=dict)
    confidence: float = 1.0


@dataclass(slots=True)
class UnreadPrice:
    """Something in a price section that looks like a price (a money-bearing table row
    or sentence) but was not read as a price term. Shown for review, never enforced.

    ``reason`` says why in plain English ("no unit found", "amount unreadable" ...).
    """

    text: str
    page: int | None = None
    reason: str = ""
    bbox: tuple[float, float, float, float] | None = None


#: Terms read with less confidence than this are shown for review.
REVIEW_CONFIDENCE = 0.8


@dataclass(slots=True)
class ContractTerms:
    """Everything read from one contract document."""

    language: str
    title: str | None = None
    contract_number: str | None = None
    parties: list[ContractParty] = field(default_factory=list)
    signing_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None
    term_months: int | None = None
    renewal: str | None = None
    currency: str = "DKK"
    payment_days: int | None = None
    mfn: bool = False
    indexation: IndexationTerms | None = None
    termination_notice_months: int | None = None
    price_terms: list[ExtractedPriceTerm] = field(default_factory=list)
    clauses: list[ContractClause] = field(default_factory=list)
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Money-bearing rows and sentences in the price sections that were not read.
    unread_prices: list[UnreadPrice] = field(default_factory=list)
    #: How many price candidates (money-bearing rows and sentences) were seen in all.
    price_candidates: int = 0
    #: Other terms read with too little confidence to enforce, in words
    #: ("indexation cap: two different caps stated").
    uncertain_terms: list[str] = field(default_factory=list)
    #: The date the contract says it was made or dated ("made this 1st day of May, 2006",
    #: "dated as of ..."); None when not stated or left blank.
    agreement_date: date | None = None

    @property
    def review_reasons(self) -> list[str]:
        """Why a person must review this reading before its terms are enforced; empty
        when the reading is complete and every term was read with confidence."""
        reasons = [
            f"price not read on page {u.page}: {u.text[:80]}"
            + (f" ({u.reason})" if u.reason else "")
            for u in self.unread_prices
        ]
        for t in self.price_terms:
            if t.confidence < REVIEW_CONFIDENCE:
                label = t.item_id or t.description[:40]
                doubt = f": {t.doubt}" if t.doubt else ""
                reasons.append(
                    f"price term {label} read with low confidence ({t.confidence:.2f}){doubt}"
                )
        reasons += self.uncertain_terms
        if not self.price_terms and not self.unread_prices:
            reasons.append("no price list was read: every billed item would look unpriced")
        return reasons

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)

    def party(self, role: PartyRole) -> ContractParty | None:
        return next((p for p in self.parties if p.role == role), None)

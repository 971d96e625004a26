"""The evaluation context handed to rules, and the findings they return.

``monitor`` builds these from stored rows (in bulk) and stores the findings; the
rules never see a database row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from extractors.types import IndexationTerms, InvoiceTotals, Unit

if TYPE_CHECKING:
    from rules.matching import Catalogue

Severity = Literal["low", "medium", "high", "critical"]
Mode = Literal["active", "monitor", "off"]
#: ``overcharge``: money the municipality's own contract lets it claim back;
#: ``price_gap``: the difference from what other municipalities pay (a benchmark, no
#: breach of the contract). The two are never added together.
MoneyKind = Literal["overcharge", "price_gap"]
#: How a finding's money sits within an invoice line (see ``rules.ownership``):
#: ``price_excess`` the unit price above an allowed unit price, x quantity (the top
#: slice of ``quantity x unit price``); ``amount_excess`` the line amount above
#: ``quantity x unit price``; ``whole_line`` a share of the whole line amount.
ClaimBasis = Literal["price_excess", "amount_excess", "whole_line"]


@dataclass(slots=True)
class TermView:
    """A stored price term of a contract (``id`` is the database id)."""

    id: int
    item_id: str | None
    description: str
    unit: Unit
    unit_price: Decimal
    currency: str = "DKK"
    vat: str = "excl"
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    confirmed: bool = False
    page: int | None = None
    evidence_text: str | None = None


@dataclass(slots=True, weakref_slot=True)  # weakly referred to by rules.plan's cache
class ContractView:
    id: int
    vendor_cvr: str
    municipality_code: str | None
    effective_date: date | None
    expiry_date: date | None
    price_terms: list[TermView]
    currency: str = "DKK"
    payment_days: int | None = None
    mfn: bool = False
    mfn_evidence: str | None = None
    indexation: IndexationTerms | None = None
    document: str | None = None
    title: str | None = None
    #: the reading of the contract is incomplete or uncertain and legal has not reviewed
    #: it: findings resting on its terms are preliminary, and an item missing from its
    #: price list is no evidence of an unpriced item
    pending_review: bool = False
    #: every item of the contract (``rules.matching.Catalogue``) when ``price_terms``
    #: holds only the terms of the items the caller's lines match; None: all its terms
    catalogue: Catalogue | None = None


@dataclass(slots=True)
class InvoiceLineView:
    id: int
    line_id: str
    description: str
    quantity: Decimal
    unit_price: Decimal
    line_amount: Decimal
    item_id: str | None = None
    unit_code: str | None = None
    period_start: date | None = None
    period_end: date | None = None


@dataclass(slots=True, weakref_slot=True)  # weakly referred to by duplicate_billing's memo
class InvoiceView:
    id: int
    number: str
    document_type: str
    issue_date: date
    currency: str
    vendor_cvr: str
    municipality_code: str | None
    lines: list[InvoiceLineView]
    totals: InvoiceTotals | None = None
    due_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    population: int | None = None
    document: str | None = None
    #: read from a PDF's text: its lines are the rows the reader could read, so a line
    #: sum short of the line total it states is the reader's gap, not the vendor's sum
    read_from_text: bool = False


@dataclass(slots=True)
class PriceObservation:
    """What this vendor charged some municipality for an item (normalised unit price)."""

    municipality_code: str
    item_key: str
    unit_price: Decimal
    unit: Unit | None = None
    population: int | None = None
    invoice_number: str | None = None
    issue_date: date | None = None
    #: the billed quantity: tells a per-inhabitant price from a whole-municipality charge
    quantity: Decimal | None = None
    #: the stored invoice and line it was read from: of a municipality's observations of
    #: an item on the same day, the greatest (invoice, line) is its latest (None: the
    #: later in the list is)
    invoice_id: int | None = None
    line_id: int | None = None
    #: the first day of the period the line billed (its own, else its invoice's; None:
    #: not stated): a price billed in arrears for the month before a price regulation is
    #: that month's price, whatever day it was invoiced
    billed_on: date | None = None


@dataclass(slots=True)
class EvaluationContext:
    invoice: InvoiceView
    contract: ContractView | None
    today: date
    index_series: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    peer_prices: list[PriceObservation] = field(default_factory=list)
    earlier_invoices: list[InvoiceView] = field(default_factory=list)
    allow_unconfirmed_terms: bool = True


@dataclass(slots=True)
class RuleConfig:
    """One rule's configuration as the admins set it (``params`` validated by the rule)."""

    rule_id: str
    mode: Mode = "active"
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    municipalities: list[str] = field(default_factory=list)  # empty: all
    vendors: list[str] = field(default_factory=list)  # empty: all
    version: int = 1


@dataclass(slots=True)
class RuleFinding:
    """A broken agreement (or a price gap), with the exact amount (øre) and the evidence.

    ``dedup_key`` is stable across re-checks (rule, invoice id, line id, term id; never
    parameters or wording). ``overcharge`` is rounded half up to øre: for line rules
    (invoiced unit price - ``agreed_unit_price``) x ``quantity``; for invoice rules the
    money at stake (0 when none). ``agreed_unit_price`` is the price the line should
    have had, per invoice unit: the contract price after unit conversion and any
    indexation the clause allows (price rules), or the lowest price another
    municipality pays (mfn_breach: the clause promises it); None where no price was
    agreed. A ``price_gap`` finding (price_disparity) keeps the contract's price there
    (when the line is priced) and the other municipalities' median in
    ``benchmark_unit_price``; its ``overcharge`` is the gap to that median, never an
    amount to claim back. ``evidence`` is JSON-able (Decimals as strings).

    ``line_claims``: the money per invoice line (line ref -> amount) and ``claim_basis``
    how it sits in the line; ``grounds_for``: set by the engine when another finding
    owns the same money (its ``dedup_key``): this one is a further ground of it and
    its amount is not counted again (see ``rules.ownership``).
    """

    rule_id: str
    severity: Severity
    message: str
    dedup_key: str
    currency: str
    overcharge: Decimal
    line_ref: int | None = None
    line_id: str | None = None
    term_ref: int | None = None
    agreed_unit_price: Decimal | None = None
    invoiced_unit_price: Decimal | None = None
    quantity: Decimal | None = None
    mode: Mode = "active"
    evidence: dict[str, Any] = field(default_factory=dict)
    #: rests on the terms of a contract pending review (set by the engine, not the rule)
    preliminary: bool = False
    money_kind: MoneyKind = "overcharge"
    benchmark_unit_price: Decimal | None = None
    line_claims: dict[int, Decimal] = field(default_factory=dict)
    claim_basis: ClaimBasis = "whole_line"
    #: the message in Danish, for Danish pages and letters (None: only ``message``,
    #: English, exists: a custom rule's text, written by its admin)
    message_da: str | None = None
    grounds_for: str | None = None

    def claims(self) -> dict[int, Decimal]:
        """The money per line: ``line_claims``, else the whole amount on ``line_ref``."""
        if self.line_claims:
            return self.line_claims
        if self.line_ref is not None and self.overcharge > 0:
            return {self.line_ref: self.overcharge}
        return {}


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that raised while it ran on one invoice: which rule and why."""

    rule_id: str
    error: str

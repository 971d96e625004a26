"""Building rule evaluation contexts from stored rows, in bulk.

The rules are pure; this module is where stored contracts, invoices, index series
and other municipalities' prices become ``rules.types`` values. Everything shared by
many invoices (contracts, index series, peer prices) is loaded once per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.types import InvoiceTotals, Unit
from monitor.contracts import repository as contracts_repo
from monitor.contracts.models import Contract
from monitor.contracts.service import indexation_from_params
from monitor.indexes.models import IndexValue
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor
from rules.types import (
    ContractView,
    EvaluationContext,
    InvoiceLineView,
    InvoiceView,
    PriceObservation,
    TermView,
)

#: how far back earlier invoices are looked at for duplicate billing
HISTORY_DAYS = 400


class ContextBuilder:
    """Caches what many invoices share. One builder per batch (per transaction)."""

    def __init__(self, session: Session, *, today: date, allow_unconfirmed_terms: bool) -> None:
        self.session = session
        self.today = today
        self.allow_unconfirmed = allow_unconfirmed_terms
        self._contracts: dict[tuple[int, int], list[Contract]] = {}
        self._contract_views: dict[int, ContractView] = {}
        self._series: dict[str, dict[str, Decimal]] = {}
        self._peers: dict[int, list[PriceObservation]] = {}
        self._codes: dict[int, tuple[str, int | None]] = {}
        self._vendor_cvr: dict[int, str] = {}

    def build(self, invoice: Invoice) -> tuple[EvaluationContext, Contract | None]:
        assert invoice.vendor_id is not None and invoice.municipality_id is not None
        contract = self._contract_for(invoice)
        view = self._contract_view(contract) if contract else None
        series: dict[str, dict[str, Decimal]] = {}
        if view and view.indexation and view.indexation.index:
            series[view.indexation.index] = self._index(view.indexation.index)
        ctx = EvaluationContext(
            invoice=self.invoice_view(invoice),
            contract=view,
            today=self.today,
            index_series=series,
            peer_prices=self._peer_prices(invoice.vendor_id),
            earlier_invoices=self._earlier(invoice),
            allow_unconfirmed_terms=self.allow_unconfirmed,
        )
        return ctx, contract

    # ---------------------------------------------------------------- invoices
    def invoice_view(self, invoice: Invoice) -> InvoiceView:
        code, population = self._municipality(invoice.municipality_id)
        return InvoiceView(
            id=invoice.id,
            number=invoice.number,
            document_type=invoice.document_type,
            issue_date=invoice.issue_date,
            currency=invoice.currency,
            vendor_cvr=self._vendor(invoice.vendor_id),
            municipality_code=code,
            population=population,
            due_date=invoice.due_date,
            period_start=invoice.period_start,
            period_end=invoice.period_end,
            totals=InvoiceTotals(
                line_extension=invoice.line_extension,
                tax_exclusive=invoice.tax_exclusive,
                tax=invoice.tax,
                payable=invoice.payable,
                allowances=invoice.allowances,
                charges=invoice.charges,
            ),
            lines=[_line_view(line) for line in invoice.lines],
        )

    def _earlier(self, invoice: Invoice) -> list[InvoiceView]:
        stmt = (
            select(Invoice)
            .where(
                Invoice.vendor_id == invoice.vendor_id,
                Invoice.municipality_id == invoice.municipality_id,
                Invoice.id != invoice.id,
                Invoice.issue_date >= invoice.issue_date - timedelta(days=HISTORY_DAYS),
                Invoice.received_at <= invoice.received_at,
            )
            .order_by(Invoice.id)
        )
        return [self.invoice_view(i) for i in self.session.scalars(stmt)]

    # --------------------------------------------------------------- contracts
    def _contract_for(self, invoice: Invoice) -> Contract | None:
        key = (invoice.vendor_id or 0, invoice.municipality_id or 0)
        if key not in self._contracts:
            self._contracts[key] = contracts_repo.contracts_between(
                self.session, vendor_id=key[0], municipality_id=key[1]
            )
        return contracts_repo.applicable(self._contracts[key], invoice.issue_date)

    def _contract_view(self, contract: Contract) -> ContractView:
        cached = self._contract_views.get(contract.id)
        if cached is not None:
            return cached
        clauses = {c.kind: c for c in contract.clauses}
        ix = clauses.get("indexation")
        mfn = clauses.get("mfn")
        view = ContractView(
            id=contract.id,
            vendor_cvr=self._vendor(contract.vendor_id),
            municipality_code=self._municipality(contract.municipality_id)[0],
            effective_date=contract.effective_date,
            expiry_date=contract.expiry_date,
            currency=contract.currency,
            payment_days=contract.payment_days,
            mfn=contract.mfn,
            mfn_evidence=mfn.evidence_text if mfn else None,
            indexation=indexation_from_params(ix.params) if ix else None,
            title=contract.title,
            document=None,
            price_terms=[
                TermView(
                    id=t.id,
                    item_id=t.item_id,
                    description=t.description,
                    unit=Unit(t.unit),
                    unit_price=t.agreed_unit_price,
                    currency=t.currency,
                    vat=t.vat_basis,
                    tier_min=t.tier_min,
                    tier_max=t.tier_max,
                    valid_from=t.valid_from,
                    valid_to=t.valid_to,
                    confirmed=t.review_state == "confirmed",
                    page=t.evidence_page,
                    evidence_text=t.evidence_text,
                )
                for t in contract.price_terms
                if t.review_state != "rejected"
            ],
        )
        if view.indexation is not None and ix is not None:
            view.indexation.evidence = None
        self._contract_views[contract.id] = view
        return view

    def _index(self, name: str) -> dict[str, Decimal]:
        if name not in self._series:
            rows = self.session.execute(
                select(IndexValue.period, IndexValue.value).where(IndexValue.index_name == name)
            )
            self._series[name] = {period: value for period, value in rows}
        return self._series[name]

    # ------------------------------------------------------------- peer prices
    def _peer_prices(self, vendor_id: int) -> list[PriceObservation]:
        """The latest unit price this vendor billed each municipality for each item."""
        if vendor_id in self._peers:
            return self._peers[vendor_id]
        stmt = (
            select(
                Invoice.municipality_id,
                InvoiceLine.item_id,
                InvoiceLine.unit_price,
                Invoice.number,
                Invoice.issue_date,
            )
            .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            .where(
                Invoice.vendor_id == vendor_id,
                Invoice.document_type == "invoice",
                InvoiceLine.item_id.is_not(None),
            )
            .order_by(Invoice.issue_date, Invoice.id)
        )
        latest: dict[tuple[int, str], PriceObservation] = {}
        for muni_id, item_id, price, number, issued in self.session.execute(stmt):
            code, population = self._municipality(muni_id)
            if code is None:
                continue
            latest[(muni_id, item_id)] = PriceObservation(
                municipality_code=code,
                item_key=item_id,
                unit_price=price,
                population=population,
                invoice_number=number,
                issue_date=issued,
            )
        self._peers[vendor_id] = list(latest.values())
        return self._peers[vendor_id]

    # ----------------------------------------------------------------- parties
    def _municipality(self, municipality_id: int | None) -> tuple[str | None, int | None]:
        if municipality_id is None:
            return None, None
        if not self._codes:
            for mid, code, pop in self.session.execute(
                select(Municipality.id, Municipality.code, Municipality.population)
            ):
                self._codes[mid] = (code, pop)
        return self._codes.get(municipality_id, (None, None))

    def _vendor(self, vendor_id: int | None) -> str:
        if vendor_id is None:
            return ""
        if vendor_id not in self._vendor_cvr:
            self._vendor_cvr.update(dict(self.session.execute(select(Vendor.id, Vendor.cvr)).all()))
        return self._vendor_cvr.get(vendor_id, "")


def _line_view(line: InvoiceLine) -> InvoiceLineView:
    return InvoiceLineView(
        id=line.id,
        line_id=line.line_id,
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        line_amount=line.line_amount,
        item_id=line.item_id,
        unit_code=line.unit_code,
        period_start=line.period_start,
        period_end=line.period_end,
    )


def group_ids(ids: Sequence[int], size: int) -> list[list[int]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]

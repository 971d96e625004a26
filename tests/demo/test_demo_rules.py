"""The built-in rules, at their defaults, find exactly the demo's ground truth.

Pure: the contracts come from the manifest (their specs), the invoices from the
parser, the context is built the way ``monitor.findings.context`` builds it (latest
peer prices per municipality and item, earlier invoices of the same buyer), and no
database is involved. The end-to-end test through PDFs and storage lives in
``tests/monitor/test_pipeline.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.invoices import parse_invoice
from extractors.types import IndexationTerms, ParsedInvoice, Unit
from monitor.demo.contracts import INDEXATION, PAYMENT_DAYS
from monitor.demo.manifest import ContractRecord, DemoManifest
from monitor.demo.parties import municipality
from monitor.demo.scenario import generate_demo
from rules.engine import run_rules
from rules.types import (
    ContractView,
    EvaluationContext,
    InvoiceLineView,
    InvoiceView,
    PriceObservation,
    RuleFinding,
    TermView,
)

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoManifest, list[RuleFinding]]:
    out = tmp_path_factory.mktemp("demo")
    manifest = generate_demo(out)
    parsed = [parse_invoice((out / r.file).read_bytes(), r.file) for r in manifest.invoices]
    codes = [r.municipality_code for r in manifest.invoices]
    units = {t["item_id"]: Unit(t["unit"]) for c in manifest.contracts for t in c.price_terms}
    contracts = {c.municipality_code: _contract(n, c) for n, c in enumerate(manifest.contracts)}
    peers = _peer_prices(parsed, codes, units)
    found: list[RuleFinding] = []
    earlier: dict[str, list[InvoiceView]] = {}
    for n, (invoice, code) in enumerate(zip(parsed, codes, strict=True)):
        view = _invoice_view(n, invoice, code)
        ctx = EvaluationContext(
            invoice=view,
            contract=contracts[code],
            today=TODAY,
            peer_prices=peers,
            earlier_invoices=list(earlier.get(code, [])),
        )
        found += [f for f in run_rules(ctx, None) if f.mode == "active"]
        earlier.setdefault(code, []).append(view)
    return manifest, found


def _contract(n: int, record: ContractRecord) -> ContractView:
    ix = INDEXATION
    return ContractView(
        id=n + 1,
        vendor_cvr="",
        municipality_code=record.municipality_code,
        effective_date=date.fromisoformat(record.effective_date),
        expiry_date=date.fromisoformat(record.expiry_date),
        payment_days=PAYMENT_DAYS,
        mfn=record.mfn,
        indexation=IndexationTerms(
            index=ix.index,
            cap_pct=ix.cap_pct,
            adjust_month=ix.adjust_month,
            fixed_months=ix.fixed_months,
            notice_days=ix.notice_days,
            base_month=ix.base_month,
        ),
        price_terms=[
            TermView(
                id=(n + 1) * 100 + i,
                item_id=t["item_id"],
                description=t["description"],
                unit=Unit(t["unit"]),
                unit_price=Decimal(t["unit_price"]),
                confirmed=True,
            )
            for i, t in enumerate(record.price_terms)
        ],
    )


def _invoice_view(n: int, invoice: ParsedInvoice, code: str) -> InvoiceView:
    return InvoiceView(
        id=n + 1,
        number=invoice.number,
        document_type=invoice.document_type,
        issue_date=invoice.issue_date,
        currency=invoice.currency,
        vendor_cvr=invoice.supplier.cvr or "",
        municipality_code=code,
        population=municipality(code).population,
        totals=invoice.totals,
        due_date=invoice.due_date,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        lines=[
            InvoiceLineView(
                id=(n + 1) * 100 + i,
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
            for i, line in enumerate(invoice.lines)
        ],
    )


def _peer_prices(
    parsed: list[ParsedInvoice], codes: list[str], units: dict[str, Unit]
) -> list[PriceObservation]:
    """The latest unit price billed to each municipality for each item."""
    latest: dict[tuple[str, str], PriceObservation] = {}
    for invoice, code in zip(parsed, codes, strict=True):
        for line in invoice.lines:
            assert line.item_id is not None
            latest[(code, line.item_id)] = PriceObservation(
                municipality_code=code,
                item_key=line.item_id,
                unit_price=line.unit_price,
                unit=units[line.item_id],
                population=municipality(code).population,
                invoice_number=invoice.number,
                issue_date=invoice.issue_date,
            )
    return list(latest.values())


def test_each_overpriced_line_gives_one_price_above_agreed_finding_of_the_expected_amount(
    findings: tuple[DemoManifest, list[RuleFinding]],
) -> None:
    manifest, found = findings
    expected = {
        (b.invoice_number, b.line_id): Decimal(b.expected_overcharge)
        for b in manifest.breaches_for("price_above_agreed")
    }
    numbers = {i + 1: r.number for i, r in enumerate(manifest.invoices)}
    got = {
        (numbers[(f.line_ref or 0) // 100], f.line_id): f.overcharge
        for f in found
        if f.rule_id == "price_above_agreed"
    }
    assert got == expected


def test_no_other_rule_fires_on_the_demo(
    findings: tuple[DemoManifest, list[RuleFinding]],
) -> None:
    _, found = findings
    assert [(f.rule_id, f.message) for f in found if f.rule_id != "price_above_agreed"] == []

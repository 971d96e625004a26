"""The built-in rules, at their defaults, find exactly the demo's ground truth.

Pure: the contracts come from the manifest (their specs), the invoices from the
parser, the index series from the demo's sample file, the context is built the way
``monitor.findings.context`` builds it (each municipality's latest price per item,
latest by issue date then arrival; earlier invoices of the same buyer), and no
database is involved. The end-to-end test through PDFs and storage lives in
``tests/monitor/test_pipeline.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.invoices import parse_invoice
from extractors.types import IndexationTerms, ParsedInvoice, Unit
from monitor.demo.contracts import PAYMENT_DAYS, indexation_for
from monitor.demo.manifest import ContractRecord, DemoManifest
from monitor.demo.parties import municipality
from monitor.demo.scenario import INDEX_FILE, generate_demo
from monitor.indexes.service import read_index_csv
from rules.builtin import builtin_specs
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
Key = tuple[str, str, str, str | None]


@pytest.fixture(scope="module")
def run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[DemoManifest, list[tuple[Key, RuleFinding]]]:
    out = tmp_path_factory.mktemp("demo")
    manifest = generate_demo(out)
    return manifest, _check_all(out, manifest)


def _check_all(out: Path, manifest: DemoManifest) -> list[tuple[Key, RuleFinding]]:
    parsed = [parse_invoice((out / r.file).read_bytes(), r.file) for r in manifest.invoices]
    codes = [r.municipality_code for r in manifest.invoices]
    units = {t["item_id"]: Unit(t["unit"]) for c in manifest.contracts for t in c.price_terms}
    contracts = {c.municipality_code: _contract(n, c) for n, c in enumerate(manifest.contracts)}
    rows = read_index_csv((out / INDEX_FILE).read_text("utf-8"), filename=INDEX_FILE)
    series = {"nettoprisindeks": {period: value for _, period, value in rows}}
    peers = _peer_prices(parsed, codes, units)
    found: list[tuple[Key, RuleFinding]] = []
    earlier: dict[str, list[InvoiceView]] = {}
    for n, (invoice, code) in enumerate(zip(parsed, codes, strict=True)):
        view = _invoice_view(n, invoice, code)
        ctx = EvaluationContext(
            invoice=view,
            contract=contracts[code],
            today=TODAY,
            index_series=series,
            peer_prices=peers,
            earlier_invoices=list(earlier.get(code, [])),
        )
        for f in run_rules(ctx, None):
            assert f.mode == "active"
            found.append(((f.rule_id, code, invoice.number, f.line_id), f))
        earlier.setdefault(code, []).append(view)
    return found


def _contract(n: int, record: ContractRecord) -> ContractView:
    ix = indexation_for(record.municipality_code)
    assert ix.fixed_months == record.price_fixed_months
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
                description=str(t["description"]),
                unit=Unit(t["unit"]),
                unit_price=Decimal(str(t["unit_price"])),
                tier_min=None if t["tier_min"] is None else Decimal(t["tier_min"]),
                tier_max=None if t["tier_max"] is None else Decimal(t["tier_max"]),
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
    """Each municipality's latest unit price per item: latest issue date, then arrival
    (manifest order), then line, as the pipeline ranks them."""
    latest: dict[tuple[str, str], tuple[tuple[date, int, int], PriceObservation]] = {}
    for n, (invoice, code) in enumerate(zip(parsed, codes, strict=True)):
        for pos, line in enumerate(invoice.lines):
            assert line.item_id is not None
            rank = (invoice.issue_date, n, pos)
            key = (code, line.item_id)
            if key not in latest or rank > latest[key][0]:
                latest[key] = (
                    rank,
                    PriceObservation(
                        municipality_code=code,
                        item_key=line.item_id,
                        unit_price=line.unit_price,
                        unit=units.get(line.item_id),
                        population=municipality(code).population,
                        invoice_number=invoice.number,
                        issue_date=invoice.issue_date,
                    ),
                )
    return [obs for _, obs in latest.values()]


def test_the_rules_find_exactly_the_manifest_breaches_to_the_ore(
    run: tuple[DemoManifest, list[tuple[Key, RuleFinding]]],
) -> None:
    manifest, found = run
    got: dict[Key, Decimal] = {}
    for key, f in found:
        assert key not in got, f"two findings for {key}"
        got[key] = f.overcharge
    expected = {b.key: Decimal(b.expected_overcharge) for b in manifest.breaches}
    assert got == expected


def test_line_findings_compare_with_the_manifest_reference_price(
    run: tuple[DemoManifest, list[tuple[Key, RuleFinding]]],
) -> None:
    manifest, found = run
    by_key = dict(found)
    for b in manifest.breaches:
        f = by_key[b.key]
        if b.agreed_unit_price is not None:
            assert f.agreed_unit_price == Decimal(b.agreed_unit_price), b.key
        if b.invoiced_unit_price is not None:
            assert f.invoiced_unit_price == Decimal(b.invoiced_unit_price), b.key
        if b.quantity is not None:
            assert f.quantity == Decimal(b.quantity), b.key


def test_every_built_in_rule_has_a_breach_in_the_demo(
    run: tuple[DemoManifest, list[tuple[Key, RuleFinding]]],
) -> None:
    manifest, _ = run
    assert set(manifest.by_rule()) == set(builtin_specs())
    assert len(manifest.breaches_for("price_above_agreed")) == 8


def test_price_disparity_tells_the_26_times_story(
    run: tuple[DemoManifest, list[tuple[Key, RuleFinding]]],
) -> None:
    _, found = run
    headline = {
        code: f for (rule, code, _, _), f in found
        if rule == "price_disparity" and f.evidence["item_key"] == "kd1020"
    }  # fmt: skip
    assert set(headline) == {"730", "561"}
    assert headline["561"].evidence["per_inhabitant"] is True
    assert Decimal(headline["561"].evidence["normalised_price"]) == Decimal("24.70")
    assert Decimal(headline["561"].evidence["lowest_price"]) == Decimal("0.95")

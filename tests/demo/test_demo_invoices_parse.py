"""The invoice parser reads every demo invoice as the demo wrote it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.invoices import parse_invoice
from monitor.demo.manifest import DemoManifest
from monitor.demo.parties import VENDOR, municipality
from monitor.demo.scenario import generate_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo(out)


def test_parsed_lines_and_totals_match_the_ground_truth(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    broken = {b.invoice_file for b in manifest.breaches_for("arithmetic_mismatch")}
    late = {b.invoice_file for b in manifest.breaches_for("payment_terms")}
    lines = 0
    for record in manifest.invoices:
        invoice = parse_invoice((root / record.file).read_bytes(), record.file)
        assert invoice.format == "oioubl-2"
        assert (invoice.warnings != []) is (record.file in broken), (record.file, invoice.warnings)
        assert invoice.number == record.number
        assert invoice.supplier.cvr == VENDOR.cvr
        assert invoice.buyer.cvr == municipality(record.municipality_code).cvr
        assert invoice.buyer.ean == record.buyer_ean
        assert invoice.payment_days == (45 if record.file in late else 30), record.file
        assert invoice.totals.payable == Decimal(record.payable_amount)
        assert invoice.totals.tax == Decimal(record.tax_amount)
        got = [
            (ln.line_id, ln.item_id, ln.quantity, ln.unit_price, ln.line_amount)
            for ln in invoice.lines
        ]
        expected = [
            (t["line_id"], t["item_id"], Decimal(t["quantity"]), Decimal(t["unit_price"]),
             Decimal(t["line_amount"]))
            for t in record.lines
        ]  # fmt: skip
        assert got == expected, record.file
        lines += len(got)
    assert lines == manifest.counts["lines"]

"""The invoice parser reads every demo invoice as the demo meant it."""

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


def test_parsed_unit_prices_match_the_ground_truth(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    agreed = {
        (c.municipality_code, t["item_id"]): Decimal(t["unit_price"])
        for c in manifest.contracts
        for t in c.price_terms
    }
    breaches = {(b.invoice_number, b.line_id): b for b in manifest.breaches}
    seen_breaches = 0
    for record in manifest.invoices:
        invoice = parse_invoice((root / record.file).read_bytes(), record.file)
        assert invoice.format == "oioubl-2"
        assert invoice.warnings == [], record.file
        assert invoice.number == record.number
        assert invoice.supplier.cvr == VENDOR.cvr
        assert invoice.buyer.cvr == municipality(record.municipality_code).cvr
        assert invoice.buyer.ean == record.buyer_ean
        assert invoice.payment_days is not None and invoice.payment_days <= 30
        assert invoice.totals.payable == Decimal(record.payable_amount)
        for line in invoice.lines:
            breach = breaches.get((record.number, line.line_id))
            if breach is None:
                assert line.unit_price == agreed[(record.municipality_code, line.item_id)]
            else:
                seen_breaches += 1
                assert line.item_id == breach.item_id
                assert line.unit_price == Decimal(breach.invoiced_unit_price)
                assert line.quantity == Decimal(breach.quantity)
    assert seen_breaches == len(manifest.breaches) > 0

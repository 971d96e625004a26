"""The contract extractor reads back every demo contract's agreed terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.contracts import extract_contract
from monitor.demo.contracts import INDEXATION, PAYMENT_DAYS
from monitor.demo.manifest import DemoManifest
from monitor.demo.parties import VENDOR, municipality
from monitor.demo.scenario import generate_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo(out)


def test_extracted_price_terms_equal_the_agreed_prices(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    assert len(manifest.contracts) == 6
    for record in manifest.contracts:
        terms = extract_contract((root / record.file).read_bytes(), record.file)
        got = sorted((t.item_id, str(t.unit), t.unit_price, t.vat) for t in terms.price_terms)
        expected = sorted(
            (t["item_id"], t["unit"], Decimal(t["unit_price"]), "excl") for t in record.price_terms
        )
        assert got == expected, record.file


def test_extracted_clauses_equal_the_contract_specs(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    for record in manifest.contracts:
        terms = extract_contract((root / record.file).read_bytes(), record.file)
        assert terms.effective_date == date.fromisoformat(record.effective_date), record.file
        assert terms.expiry_date == date.fromisoformat(record.expiry_date), record.file
        assert terms.payment_days == PAYMENT_DAYS, record.file
        assert terms.mfn is record.mfn, record.file
        assert terms.indexation is not None, record.file
        assert terms.indexation.index == INDEXATION.index
        assert terms.indexation.cap_pct == INDEXATION.cap_pct
        assert terms.indexation.fixed_months == INDEXATION.fixed_months
        cvrs = {p.role: p.cvr for p in terms.parties}
        assert cvrs == {
            "buyer": municipality(record.municipality_code).cvr,
            "vendor": VENDOR.cvr,
        }, record.file

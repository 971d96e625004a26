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
        got = sorted(
            (t.item_id, str(t.unit), t.unit_price, t.vat, t.tier_min, t.tier_max)
            for t in terms.price_terms
        )
        expected = sorted(
            (t["item_id"], t["unit"], Decimal(str(t["unit_price"])), "excl", _qty(t["tier_min"]),
             _qty(t["tier_max"]))
            for t in record.price_terms
        )  # fmt: skip
        assert got == expected, record.file


def _qty(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def test_one_contract_has_volume_bands_and_one_a_short_fixed_price_period(
    demo: tuple[Path, DemoManifest],
) -> None:
    _, manifest = demo
    tiered = {c.municipality_code for c in manifest.contracts
              if any(t["tier_min"] is not None for t in c.price_terms)}  # fmt: skip
    assert tiered == {"101"}
    assert {c.municipality_code: c.price_fixed_months for c in manifest.contracts} == {
        "101": 36, "751": 36, "461": 36, "851": 12, "730": 36, "561": 36
    }  # fmt: skip


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
        assert terms.indexation.fixed_months == record.price_fixed_months
        assert terms.indexation.base_month == INDEXATION.base_month
        cvrs = {p.role: p.cvr for p in terms.parties}
        assert cvrs == {
            "buyer": municipality(record.municipality_code).cvr,
            "vendor": VENDOR.cvr,
        }, record.file

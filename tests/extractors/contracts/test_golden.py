"""Golden files: each committed contract PDF extracts to exactly the JSON beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.contracts import extract_contract, terms_to_dict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"
GOLDEN = sorted(FIXTURES.glob("*.pdf"))


def test_there_is_a_golden_file_for_every_layout() -> None:
    from monitor.demo.contract_pdf import LAYOUTS

    assert {p.stem for p in GOLDEN} >= set(LAYOUTS)


@pytest.mark.parametrize("pdf", GOLDEN, ids=lambda p: p.stem)
def test_it_extracts_the_golden_terms(pdf: Path) -> None:
    expected = json.loads(pdf.with_suffix(".json").read_text("utf-8"))

    got = terms_to_dict(extract_contract(pdf.read_bytes(), pdf.name))

    assert json.loads(json.dumps(got)) == expected

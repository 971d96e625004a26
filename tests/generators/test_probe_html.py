"""Generator probe_html: two seeds render through Chromium into PDFs that have a text layer,
and their truth files carry every key the probe_mixed scorer reads."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pdfplumber
import pytest

from tests.generators.probe_html import build, find_chromium, generate

TOP_KEYS = {
    "file", "seed", "language", "title", "buyer", "vendor", "effective_date", "expiry_date",
    "payment_days", "mfn", "indexation_cap_pct", "prices", "features", "wording",
}  # fmt: skip
ROW_KEYS = {
    "item_id",
    "description",
    "unit",
    "unit_text",
    "unit_price",
    "vat",
    "tier_min",
    "tier_max",
    "row_text",
}
WORDING_KEYS = {"effective", "expiry", "term_kind", "payment", "mfn", "indexation", "party_layout"}


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if not exe:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required on CI to render probe_html contracts")
        pytest.skip(
            "Chromium (chromium / google-chrome) not installed: probe_html renders HTML with it"
        )
    return exe


@pytest.mark.parametrize("seed", [1, 2])  # one Danish, one English
def test_seed_renders_with_truth(tmp_path, chromium, seed):
    pdf, tpath = generate(tmp_path, seed, chromium)
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert tpath.name == pdf.name.replace(".pdf", ".truth.json")
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    truth = json.loads(tpath.read_text("utf-8"))
    assert truth.keys() >= TOP_KEYS
    assert truth["wording"].keys() >= WORDING_KEYS
    assert truth["file"] == pdf.name and truth["seed"] == seed
    assert truth["buyer"]["name"] and len(truth["buyer"]["cvr"]) == 8
    assert truth["vendor"]["name"] and len(truth["vendor"]["cvr"]) == 8
    assert truth["prices"]
    for row in truth["prices"]:
        assert row.keys() >= ROW_KEYS
        Decimal(row["unit_price"])
        assert row["vat"] in ("excl", "incl")
    # the text layer carries what the truth claims
    flat = " ".join(text.split())
    assert truth["vendor"]["name"] in flat
    assert truth["title"].casefold() in flat.casefold()


def test_deterministic_html():
    assert build(7) == build(7)
    assert build(7)[0] != build(8)[0]

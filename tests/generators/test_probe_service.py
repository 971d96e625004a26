"""Smoke test for the probe_service generator: two seeds render and carry a complete truth."""

from __future__ import annotations

import json
import os

import pytest

from tests.generators.probe_service.build import (
    chromium_bin,
    generate,
    needed_renderers,
    soffice_bin,
)

SEEDS = [4, 5]  # seed 4: Word body + Calc annex; seed 5: HTML/Chromium body + Calc annex
TOP_KEYS = {
    "file", "title", "buyer", "vendor", "effective_date", "expiry_date", "payment_days", "mfn",
    "indexation_cap_pct", "prices", "wording",
}  # fmt: skip
ROW_KEYS = {
    "item_id",
    "description",
    "unit",
    "unit_price",
    "vat",
    "tier_min",
    "tier_max",
    "row_text",
}
WORDING_KEYS = {"party_layout", "effective", "term_kind", "expiry", "payment", "mfn", "indexation"}
UNITS = {
    "piece", "hour", "month", "year", "user_month", "user_year", "inhabitant_year", "transaction",
    "fixed", "kg", "km", "metre", "m2", "m3", "litre", "tonne", "day", "unrepresented",
}  # fmt: skip


def _require_renderers():
    missing = []
    need = needed_renderers(SEEDS)
    if "soffice" in need and not soffice_bin():
        missing.append("LibreOffice (soffice)")
    if "chromium" in need and not chromium_bin():
        missing.append("Chromium")
    if missing:
        msg = "probe_service needs " + " and ".join(missing) + " to render PDFs"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + " (CI=true: renderers must be installed)")
        pytest.skip(msg)


def test_two_seeds_render_and_have_truth(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    _require_renderers()
    pdfs = generate(tmp_path, SEEDS)
    assert len(pdfs) == 2
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) >= 2
            text = "".join(p.extract_text() or "" for p in doc.pages)
        truth = json.loads(
            pdf.with_name(pdf.name.replace(".pdf", ".truth.json")).read_text("utf-8")
        )
        assert truth.keys() >= TOP_KEYS
        assert truth["file"] == pdf.name
        assert {"name", "cvr"} <= truth["buyer"].keys() and {"name", "cvr"} <= truth[
            "vendor"
        ].keys()
        assert truth["wording"].keys() >= WORDING_KEYS
        assert truth["prices"]
        for row in truth["prices"]:
            assert row.keys() >= ROW_KEYS
            assert row["unit"] in UNITS
            assert row["vat"] in ("excl", "incl")
        assert truth["vendor"]["cvr"] in text
        assert truth["buyer"]["name"] in text

"""Generator probe_sheet: a Danish and an English seed (Word body + Excel price list, both
printed by LibreOffice in one soffice call per language) give joined PDFs with a text layer,
and truth files with every key the scorer reads, consistent with what the PDF prints."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pdfplumber
import pytest

from tests.generators.probe_sheet import CalcMissing, SofficeMissing, generate_many, require_soffice
from tests.generators.probe_sheet.fmt import cvr_ok, money_text

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
WORDING_KEYS = {
    "effective", "expiry", "term_kind", "payment", "payment_distractor", "mfn", "indexation",
    "party_layout",
}  # fmt: skip
UNITS = {"piece", "kg", "hour", "month", "user_year", "user_month"}
SEEDS = (9, 2)  # Danish with two price sheets and band columns; English with band columns


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required on CI)")
    pytest.skip(reason)


def _need_libs():
    for mod, pkg in (("openpyxl", "openpyxl"), ("docx", "python-docx"), ("pypdfium2", "pypdfium2")):
        try:
            __import__(mod)
        except ImportError:
            _missing(f"{pkg} not installed: probe_sheet writes and joins its documents with it")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    _need_libs()
    try:
        exe = require_soffice()
    except (SofficeMissing, CalcMissing) as e:
        _missing(f"LibreOffice Writer and Calc are needed to print probe_sheet's documents: {e}")
    out = tmp_path_factory.mktemp("probe_sheet")
    return dict(zip(SEEDS, generate_many(out, SEEDS, exe), strict=True))


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_renders_with_truth(rendered, seed):
    pdf, tpath = rendered[seed]
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert tpath.name == pdf.name.replace(".pdf", ".truth.json")
    with pdfplumber.open(pdf) as doc:
        assert 3 <= len(doc.pages) <= 8
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    assert "###" not in text  # no number too wide for its column
    flat = " ".join(text.split())
    words = set(flat.split())
    truth = json.loads(tpath.read_text("utf-8"))
    assert truth.keys() >= TOP_KEYS
    assert truth["wording"].keys() >= WORDING_KEYS
    assert truth["file"] == pdf.name and truth["seed"] == seed
    assert truth["language"] == ("en" if seed % 3 == 2 else "da")
    for who in ("buyer", "vendor"):
        assert cvr_ok(truth[who]["cvr"])
        assert truth[who]["name"] in flat
    assert " ".join(truth["title"].split()).casefold() in flat.casefold()
    assert truth["effective_date"] and truth["wording"]["effective"] in flat
    money = next(f.rsplit(":", 1)[1] for f in truth["features"] if f.startswith("money:"))
    assert truth["prices"]
    seen = set()
    for row in truth["prices"]:
        assert row.keys() >= ROW_KEYS
        assert row["unit"] in UNITS and row["vat"] in ("excl", "incl")
        price = Decimal(row["unit_price"])
        assert price > 0 and price == price.quantize(Decimal("0.01"))
        # the agreed price is printed, as the sheet's number format shows it
        assert money_text(price, money) in flat, row
        if row["item_id"]:
            assert row["item_id"] in words
        assert all(w in words for w in row["description"].split()), row["description"]
        if row["tier_min"] is not None:
            assert int(row["tier_min"]) >= 0
            assert row["tier_max"] is None or int(row["tier_max"]) > int(row["tier_min"])
        key = (row["item_id"], row["description"], row["tier_min"])
        assert key not in seen
        seen.add(key)
    # estimates and totals are not prices: no row's price is a "Samlet"/"I alt" figure
    assert not any(
        "Samlet" in r["description"] or "I alt" in r["description"] for r in truth["prices"]
    )


def test_deterministic_and_covering():
    _need_libs()
    from tests.generators.probe_sheet import build, coverage

    s1, d1, w1, t1, _ = build(7)
    s2, d2, w2, t2, _ = build(7)
    assert s1 == s2 and t1 == t2 and d1.element.xml == d2.element.xml
    cells = lambda wb: [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]  # noqa: E731
    assert cells(w1) == cells(w2)
    assert build(8)[3] != t1
    # seeds 0-19 meet every option of every rotated choice
    assert coverage(range(20)) == {}

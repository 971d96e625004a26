"""Generator C (plain_da): every contract renders, opens, is reproducible, and its truth is
well formed and borne out by the PDF's own text (each agreed or stated price is printed)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.generators.plain_da import CONTRACTS, generate

UNITS = {
    "hour", "each", "package", "box", "user_month", "user_year", "licence_month",
    "licence_year", "inhabitant_year", "month", "year", "fixed", "transaction", "day",
    "page", "km", "device_month", "site_month", "callout",
}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict, str]]:
    """(pdf, truth, text layer) for every contract."""
    out = []
    for pdf, truth_path, _ in generate(tmp_path_factory.mktemp("plain_da")):
        out.append((pdf, json.loads(truth_path.read_text("utf-8")), _text(pdf)))
    return out


def _text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    return re.sub(r"\s+", " ", " ".join(pages))


def _forms(number: str) -> set[str]:
    """14350.00 -> 14.350,00 / 14,350.00 / 14 350,00 / 14.350 / 14.350,- ..."""
    value = Decimal(number)
    places = {2, max(2, -int(value.normalize().as_tuple().exponent))}
    if value == value.to_integral_value():
        places.add(0)
    forms = set()
    for p in places:
        english = f"{value:,.{p}f}"
        forms |= {english, english.replace(",", "_").replace(".", ",").replace("_", ".")}
        forms.add(english.replace(",", " ").replace(".", ","))
    return forms


def _printed(number: str, text: str) -> bool:
    return any(
        re.search(rf"(?<![\d.,]){re.escape(form)}(?![.,]?\d)", text) for form in _forms(number)
    )


def test_at_least_sixteen_contracts_render_and_open(corpus: list[tuple[Path, dict, str]]) -> None:
    assert len(corpus) == len(CONTRACTS) >= 16
    for pdf, _, text in corpus:
        assert pdf.read_bytes().startswith(b"%PDF-")
        doc = pdfium.PdfDocument(str(pdf))
        assert len(doc) >= 1
        doc.close()
        assert len(text) > 300, pdf.name


def test_the_same_contracts_give_the_same_bytes(tmp_path: Path) -> None:
    names = ["k02_drift", "bilingual_licens"]
    first, second = generate(tmp_path / "a", names), generate(tmp_path / "b", names)
    for (pdf_a, json_a, _), (pdf_b, json_b, _) in zip(first, second, strict=True):
        assert pdf_a.read_bytes() == pdf_b.read_bytes()
        assert json_a.read_bytes() == json_b.read_bytes()


def test_every_truth_is_well_formed(corpus: list[tuple[Path, dict, str]]) -> None:
    for pdf, truth, _ in corpus:
        start = date.fromisoformat(truth["effective_date"])
        if truth["expiry_date"]:
            assert date.fromisoformat(truth["expiry_date"]) > start, pdf.name
        assert truth["payment_days"] in (None, 30)
        assert isinstance(truth["mfn"], bool)
        assert truth["currency"] in ("DKK", "EUR")
        if truth["indexation"]:
            assert set(truth["indexation"]) == {"index", "cap_pct", "first_adjustment"}
            first = truth["indexation"]["first_adjustment"]
            assert first is None or date.fromisoformat(first) > start
        assert truth["price_terms"], pdf.name
        for term in truth["price_terms"]:
            assert term["unit"] in UNITS, (pdf.name, term)
            assert Decimal(term["unit_price"]) > 0
            assert re.fullmatch(r"\d+\.\d{2,3}", term["unit_price"]), term


def test_the_set_varies_what_it_should(corpus: list[tuple[Path, dict, str]]) -> None:
    truths = [truth for _, truth, _ in corpus]
    assert any(t["expiry_date"] is None for t in truths)
    assert {t["currency"] for t in truths} == {"DKK", "EUR"}
    assert {t["mfn"] for t in truths} == {True, False}
    assert any(t["indexation"] is None for t in truths)
    assert any(t["indexation"] and t["indexation"]["cap_pct"] for t in truths)
    assert any(p["tier_min"] is not None for t in truths for p in t["price_terms"])
    assert any(p.get("vat_included") for t in truths for p in t["price_terms"])
    pages = {pdf.name: len(pdfium.PdfDocument(str(pdf))) for pdf, _, _ in corpus}
    assert pages["rammeaftale_kontorartikler.pdf"] >= 2 and pages["k03_standardsystem.pdf"] >= 3


def test_every_price_is_printed(corpus: list[tuple[Path, dict, str]]) -> None:
    missing = [
        (pdf.name, term.get("stated", term["unit_price"]))
        for pdf, truth, text in corpus
        for term in truth["price_terms"]
        if not _printed(term.get("stated", term["unit_price"]), text)
    ]
    assert missing == []


def test_item_ids_are_printed(corpus: list[tuple[Path, dict, str]]) -> None:
    missing = [
        (pdf.name, term["item_id"])
        for pdf, truth, text in corpus
        for term in truth["price_terms"]
        if term["item_id"] and not re.search(rf"(?<!\w){re.escape(term['item_id'])}", text)
    ]
    assert missing == []


def test_the_price_check_cannot_pass_on_a_neighbouring_number() -> None:
    assert _printed("1250.00", "kr. 1.250,-")
    assert _printed("1250.00", "1 250,00")
    assert _printed("0.385", "kr. 0,385")
    assert not _printed("1250.00", "11.250,00 kr.")
    assert not _printed("0.38", "0,385")

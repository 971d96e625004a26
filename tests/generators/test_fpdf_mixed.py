"""Generator B (fpdf2) writes deterministic, schema-valid documents whose truth is printed.

The text checks read the PDFs' own text layer (pypdfium2), the way an extractor would:
every agreed price, every party name and the title must be in it in some written form.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.generators.fpdf_mixed import LAYOUTS, generate, pdfdoc
from tests.generators.fpdf_mixed.truth import TruthSchema

SEEDS = (11, 12)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path, str]]:
    out = tmp_path_factory.mktemp("fpdf_mixed")
    return [doc for seed in SEEDS for doc in generate(out / str(seed), seed=seed, per_layout=2)]


def pdf_text(path: Path) -> str:
    """The text layer, lines joined by one space."""
    doc = pdfium.PdfDocument(path)
    try:
        pages = [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()
    return re.sub(r"\s+", " ", " ".join(pages).replace("\ufffe", "")).strip()


def written_forms(price: Decimal) -> set[str]:
    """How a price can be printed: Danish or English marks, grouped or not, whole-krone
    forms for whole amounts."""
    forms = set()
    exponent = price.as_tuple().exponent
    assert isinstance(exponent, int)
    for places in {2, -exponent}:
        q = price.quantize(Decimal(1).scaleb(-places))
        whole, _, frac = f"{q:f}".partition(".")
        for thousands, mark in ((".", ","), (",", ".")):
            grouped = f"{int(whole):,}".replace(",", thousands)
            forms |= {f"{grouped}{mark}{frac}", f"{whole}{mark}{frac}"}
    if price == price.to_integral_value():
        whole = str(int(price))
        forms |= {f"{int(whole):,}".replace(",", "."), f"{int(whole):,}", whole}
    return forms


def is_printed(price: Decimal, text: str) -> bool:
    for form in written_forms(price):
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text):
            return True
    return False


def test_the_same_seed_gives_the_same_bytes(
    tmp_path: Path, documents: list[tuple[Path, Path, str]]
) -> None:
    again = generate(tmp_path, seed=SEEDS[0], per_layout=2)
    first = [doc for doc in documents if doc[0].parent.name == str(SEEDS[0])]
    assert [p.name for p, _, _ in first] == [p.name for p, _, _ in again]
    for (pdf_a, json_a, _), (pdf_b, json_b, _) in zip(first, again, strict=True):
        assert pdf_a.read_bytes() == pdf_b.read_bytes(), pdf_a.name
        assert json_a.read_text("utf-8") == json_b.read_text("utf-8"), json_a.name


def test_another_seed_gives_other_documents(documents: list[tuple[Path, Path, str]]) -> None:
    one = [doc for doc in documents if doc[0].parent.name == str(SEEDS[0])]
    two = [doc for doc in documents if doc[0].parent.name == str(SEEDS[1])]
    for (pdf_a, json_a, _), (pdf_b, json_b, _) in zip(one, two, strict=True):
        assert pdf_a.read_bytes() != pdf_b.read_bytes()
        assert json.loads(json_a.read_text("utf-8")) != json.loads(json_b.read_text("utf-8"))


def test_files_are_named_by_layout_seed_and_number(documents: list[tuple[Path, Path, str]]) -> None:
    for pdf, truth, layout in documents:
        assert re.fullmatch(rf"{layout}-1[12]-[12]\.pdf", pdf.name)
        assert truth == pdf.with_suffix(".json")
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_every_truth_validates_against_the_schema(documents: list[tuple[Path, Path, str]]) -> None:
    for _, truth, layout in documents:
        parsed = TruthSchema.model_validate_json(truth.read_text("utf-8"))
        assert parsed.layout == layout


def test_every_layout_appears(documents: list[tuple[Path, Path, str]]) -> None:
    assert len(LAYOUTS) >= 5
    assert {layout for _, _, layout in documents} == set(LAYOUTS)


def test_every_price_in_the_truth_is_printed(documents: list[tuple[Path, Path, str]]) -> None:
    missing = []
    for pdf, truth, _ in documents:
        text = pdf_text(pdf)
        for term in json.loads(truth.read_text("utf-8"))["price_terms"]:
            if not is_printed(Decimal(term["unit_price"]), text):
                missing.append(f"{pdf.name}: {term['unit_price']} ({term['description']})")
    assert missing == []


def test_titles_and_party_names_are_printed(documents: list[tuple[Path, Path, str]]) -> None:
    missing = []
    for pdf, truth, _ in documents:
        text = pdf_text(pdf)
        data = json.loads(truth.read_text("utf-8"))
        for needle in [data["title"], *(p["name"] for p in data["parties"])]:
            if needle not in text:
                missing.append(f"{pdf.name}: {needle}")
    assert missing == []


def test_the_price_check_cannot_pass_on_a_neighbouring_number() -> None:
    assert is_printed(Decimal("1250.00"), "pris 1.250,00 kr.")
    assert is_printed(Decimal("1250.00"), "DKK 1,250.00")
    assert is_printed(Decimal("1250.00"), "1.250,- pr. time")
    assert is_printed(Decimal("0.385"), "0,385 kr. pr. opslag")
    assert not is_printed(Decimal("1250.00"), "11.250,00 kr.")
    assert not is_printed(Decimal("1250.00"), "1.250,50 kr.")
    assert not is_printed(Decimal("0.38"), "0,385")


def test_a_machine_without_truetype_fonts_draws_the_same_truth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, documents: list[tuple[Path, Path, str]]
) -> None:
    monkeypatch.setattr(pdfdoc, "ttf_available", lambda: False)
    without = generate(tmp_path, seed=SEEDS[1], per_layout=2)
    with_fonts = [doc for doc in documents if doc[0].parent.name == str(SEEDS[1])]
    for (_, json_a, _), (_, json_b, _) in zip(with_fonts, without, strict=True):
        assert json_a.read_text("utf-8") == json_b.read_text("utf-8"), json_a.name

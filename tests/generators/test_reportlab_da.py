"""Generator A (reportlab): deterministic, schema-valid, every layout, and truth that the
PDF's own text bears out (each price, the parties, the effective date are printed)."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.generators.reportlab_da import LAYOUTS, generate
from tests.generators.reportlab_da.__main__ import main
from tests.generators.reportlab_da.truth import validate_truth

SEEDS = (3, 11)
DA_MONTHS = "januar februar marts april maj juni juli august september oktober november december"
EN_MONTHS = "January February March April May June July August September October November December"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict, str, str]]:
    """(pdf, truth, layout, extracted text) for two documents per layout and seed."""
    out = []
    for seed in SEEDS:
        folder = tmp_path_factory.mktemp(f"seed{seed}")
        for pdf, truth_path, layout in generate(folder, seed=seed, per_layout=2):
            truth = json.loads(truth_path.read_text("utf-8"))
            out.append((pdf, truth, layout, _text(pdf)))
    return out


def _text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    # pdfium turns a hyphen that ends a line into U+FFFE and drops the line break; these
    # documents break lines only at spaces, so the hyphen was followed by one.
    return re.sub(r"\s+", " ", " ".join(pages).replace("\ufffe", "- "))


def _written(number: str) -> list[str]:
    """The ways an amount can be printed: 14350.00 -> 14.350,00 / 14,350.00 / 14.350 ..."""
    value = Decimal(number)
    places = {2, max(2, -int(value.normalize().as_tuple().exponent))}
    if value == value.to_integral_value():
        places.add(0)
    forms = []
    for p in places:
        english = f"{value:,.{p}f}"
        forms += [english, english.replace(",", "_").replace(".", ",").replace("_", ".")]
    return forms


def _printed(number: str, text: str) -> bool:
    # An amount stands alone: not the middle of a longer number ("14.350" inside "14.350,00").
    return any(
        re.search(rf"(?<![\d.,]){re.escape(form)}(?![.,]?\d)", text) for form in _written(number)
    )


def _date_forms(iso: str) -> list[str]:
    d = date.fromisoformat(iso)
    da_month, en_month = DA_MONTHS.split()[d.month - 1], EN_MONTHS.split()[d.month - 1]
    return [
        f"{d.day}. {da_month} {d.year}", f"{d:%d-%m-%Y}", f"{d.day}/{d.month}/{d.year}", iso,
        f"{d:%d.%m.%Y}", f"{en_month} {d.day}, {d.year}", f"{d.day} {en_month} {d.year}",
        f"day of {en_month}, {d.year}",
    ]  # fmt: skip


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", seed=5, per_layout=1)
    second = generate(tmp_path / "b", seed=5, per_layout=1)
    assert [p.name for p, _, _ in first] == [p.name for p, _, _ in second]
    for (pdf_a, json_a, _), (pdf_b, json_b, _) in zip(first, second, strict=True):
        assert pdf_a.read_bytes() == pdf_b.read_bytes()
        assert json_a.read_bytes() == json_b.read_bytes()


def test_another_seed_gives_other_documents(
    corpus: list[tuple[Path, dict, str, str]],
) -> None:
    by_seed: dict[str, set[bytes]] = {}
    for pdf, _, layout, _ in corpus:
        by_seed.setdefault(layout, set()).add(pdf.read_bytes())
    assert all(len(documents) == 2 * len(SEEDS) for documents in by_seed.values())


def test_files_are_named_by_layout_seed_and_number(tmp_path: Path) -> None:
    written = generate(tmp_path, seed=9, per_layout=1, layouts=["prose_prices"])
    assert [(p.name, j.name, layout) for p, j, layout in written] == [
        ("prose_prices-9-1.pdf", "prose_prices-9-1.json", "prose_prices")
    ]


def test_every_layout_appears(corpus: list[tuple[Path, dict, str, str]]) -> None:
    assert len(LAYOUTS) >= 5
    assert {layout for _, _, layout, _ in corpus} == set(LAYOUTS)
    assert all(truth["layout"] == layout for _, truth, layout, _ in corpus)


def test_every_truth_conforms_to_the_schema(corpus: list[tuple[Path, dict, str, str]]) -> None:
    problems = {pdf.name: validate_truth(truth) for pdf, truth, _, _ in corpus}
    assert {name: errors for name, errors in problems.items() if errors} == {}
    assert all(truth["price_terms"] for _, truth, _, _ in corpus)


def test_the_validator_rejects_a_broken_truth(corpus: list[tuple[Path, dict, str, str]]) -> None:
    truth = json.loads(json.dumps(corpus[0][1]))
    truth["payment_days"] = 45
    truth["price_terms"][0]["unit"] = "monthly"
    truth["price_terms"][0]["unit_price"] = "12,50"
    truth["parties"][0]["cvr"] = "12 34 56 78"
    errors = validate_truth(truth)
    assert len(errors) == 4, errors


def test_every_price_in_the_truth_is_printed(corpus: list[tuple[Path, dict, str, str]]) -> None:
    missing = [
        (pdf.name, term["unit_price"])
        for pdf, truth, _, text in corpus
        for term in truth["price_terms"]
        if not _printed(term["unit_price"], text)
    ]
    assert missing == []


def test_item_ids_and_description_words_are_printed(
    corpus: list[tuple[Path, dict, str, str]],
) -> None:
    missing = []
    for pdf, truth, _, text in corpus:
        for term in truth["price_terms"]:
            if term["item_id"] and term["item_id"] not in text:
                missing.append((pdf.name, term["item_id"]))
            missing += [(pdf.name, w) for w in term["description"].split() if w not in text]
    assert missing == []


def test_parties_title_and_effective_date_are_printed(
    corpus: list[tuple[Path, dict, str, str]],
) -> None:
    missing = []
    for pdf, truth, _, text in corpus:
        if truth["title"] not in text:
            missing.append((pdf.name, truth["title"]))
        for party in truth["parties"]:
            if party["name"] not in text:
                missing.append((pdf.name, party["name"]))
            if party["cvr"] and party["cvr"] not in text.replace(" ", ""):
                missing.append((pdf.name, party["cvr"]))
        effective = truth["effective_date"]
        if effective and not any(form in text for form in _date_forms(effective)):
            missing.append((pdf.name, effective))
    assert missing == []


def test_long_contracts_are_long(corpus: list[tuple[Path, dict, str, str]]) -> None:
    pages = []
    for pdf, _, layout, _ in corpus:
        if layout == "k02_long":
            doc = pdfium.PdfDocument(str(pdf))
            pages.append(len(doc))
            doc.close()
    assert pages and all(8 <= n <= 20 for n in pages), pages


def test_the_command_line_writes_a_pdf_and_truth_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "--seed", "4", "--per-layout", "1", "--layout", "tiers_grid"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tiers_grid-4-1.json",
        "tiers_grid-4-1.pdf",
    ]
    assert "tiers_grid-4-1.pdf" in capsys.readouterr().out

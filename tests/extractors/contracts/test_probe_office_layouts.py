"""Layouts found by the independent Word/LibreOffice probe (``tests/generators/probe_office``,
written without reading the extractor; development seeds 0-19): titles whose words are
boxed only as tall as their letters, parties in a table of one column each or named on a
cover line, volume bands under a merged header cell, hourly rates by staff category,
bands in an annual-volume column, "Art. no.", a header's words in reading order. Each
failed on the reading before its fix (``589c8ff``)."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.contracts import extract_contract, terms_to_dict
from tests.generators.probe_office import find_soffice, generate_many

SEEDS = (0, 2, 4, 6, 7, 8, 9, 11, 13, 16, 19, 21, 33, 41, 53)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[dict, dict]]:
    """(truth, reading) of each seed, rendered in one LibreOffice call."""
    try:
        import docx  # noqa: F401
    except ImportError:
        docx = None
    exe = find_soffice()
    if docx is None or not exe:
        reason = "python-docx and LibreOffice (soffice) are needed to render probe_office"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (required on CI)")
        pytest.skip(reason)
    out: Path = tmp_path_factory.mktemp("probe_office")
    read = {}
    for seed, (pdf, truth_path) in zip(SEEDS, generate_many(out, SEEDS, exe), strict=True):
        terms = extract_contract(pdf.read_bytes(), pdf.name)
        read[seed] = (json.loads(truth_path.read_text("utf-8")), json.loads(json.dumps(
            terms_to_dict(terms), default=str)))  # fmt: skip
    return read


@pytest.mark.parametrize("seed", [2, 9, 13, 19])
def test_a_title_set_large_is_read_whole(probe, seed: int) -> None:  # type: ignore[no-untyped-def]
    """ "Rammeaftale om kontorartikler": "om", boxed lower than its neighbours, was a line
    of its own; "system", wrapped and taller than the line above, was the title alone."""
    truth, reading = probe[seed]
    assert reading["title"] == truth["title"]


@pytest.mark.parametrize("seed", [0, 4, 6, 9, 16])
def test_the_parties_and_their_cvr_numbers(probe, seed: int) -> None:  # type: ignore[no-untyped-def]
    """0, 9: a table "Kunde | Leverandør" over rows "Navn", "Adresse", "CVR-nr."; 4: a cover
    line "mellem A og B", the vendor's block first; 6: a purchasing community; 16:
    labelled lines in two groups after a cover line naming both."""
    truth, reading = probe[seed]
    got = {p["role"]: (p["name"], p["cvr"]) for p in reading["parties"]}
    assert got == {
        "buyer": (truth["buyer"]["name"], truth["buyer"]["cvr"]),
        "vendor": (truth["vendor"]["name"], truth["vendor"]["cvr"]),
    }


@pytest.mark.parametrize("seed", [4, 13])
def test_bands_under_a_merged_header_cell(probe, seed: int) -> None:  # type: ignore[no-untyped-def]
    """ "Pris pr. enhed ved årligt forbrug" merged over "1-49 | 50-199 | Over 199": every
    band's price of every row."""
    truth, reading = probe[seed]

    def rows(items: list[dict]) -> set[tuple]:
        return {
            (Decimal(str(r["unit_price"])), r["tier_min"] and Decimal(str(r["tier_min"])),
             r["tier_max"] and Decimal(str(r["tier_max"])))
            for r in items
        }  # fmt: skip

    banded = [r for r in truth["prices"] if r["tier_min"] is not None]
    assert len(banded) >= 9
    assert rows(banded) <= rows(reading["price_terms"])


@pytest.mark.parametrize("seed", [7, 8, 9, 11, 19, 21, 33, 41, 53])
def test_every_price_row_is_read_right(probe, seed: int) -> None:  # type: ignore[no-untyped-def]
    """7: "Art.nr. | Produkt | Pris pr. stk." over "inkl. moms" (the header's words in
    reading order, though boxed at different heights); 8: "1-50.000 kg" bands in an
    "Annual volume (kg)" column; 9: hourly rates under "Personalekategori", the header
    alone at a page's foot; 11: "Art. no." beside list price, discount and net price; 19:
    "372,00 kr./time" under "Personalekategori | Pris"; 21: "Fra 1 til 9" bands in an
    "Antal pr. ordre" column, an item's name wrapped onto its next band's line; 33: "Fra
    50 til" over "199" in the header (a number alone mid-page is no page number); 41: "10
    to 49 units", an item's bands going on over a page break; 53: a merged header cell
    narrower than the band columns under it."""
    truth, reading = probe[seed]

    def row(r: dict) -> tuple:
        low, high = r["tier_min"], r["tier_max"]
        return (r["item_id"], Decimal(str(r["unit_price"])), r["unit"], r["vat"],
                low and Decimal(str(low)), high and Decimal(str(high)))  # fmt: skip

    assert sorted(map(row, reading["price_terms"]), key=str) == sorted(
        map(row, truth["prices"]), key=str
    )

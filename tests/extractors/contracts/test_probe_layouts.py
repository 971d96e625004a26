"""Table and title layouts found by the independent probe (``tests/generators/probe_mixed``,
seeds 400-414, generated after its first round of fixes): a price table's header left
alone at a page's foot, volume bands in an "Antal" column, a band cell wrapped around the
first row of a continued table, a "Billing unit" header cell under no part of a raised
"Price per unit", and a letterhead line as large as the title. Each test fails on the
reading before these fixes."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extractors.contracts import extract_contract, review_to_dict, terms_to_dict
from tests.generators.probe_mixed import generate


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[dict, dict]]:
    """(truth, reading) of probe seeds 401 (English: "Price per unit" raised over the
    others, "Billing unit" beside it, a unit cell wrapped around its row), 405 and 411
    (a vendor letterhead in 14 points over a 15-point title; 411 also a table going on
    over a page break with a band cell wrapped around the first row there) and 406 (the
    header at the foot of page 1, every row on page 2, bands in the "Antal" column)."""
    out = tmp_path_factory.mktemp("probe")
    read = {}
    for seed in (401, 405, 406, 411):
        pdf, truth_path = generate(out, seed)
        terms = extract_contract(pdf.read_bytes(), pdf.name)
        reading = {**terms_to_dict(terms), **review_to_dict(terms)}
        read[seed] = (json.loads(truth_path.read_text("utf-8")), json.loads(json.dumps(reading)))
    return read


def _rows(rows: list[dict]) -> list[tuple[object, ...]]:
    def num(value: object) -> Decimal | None:
        return None if value is None else Decimal(str(value))

    return sorted(
        (
            r.get("item_id") or "",
            num(r.get("unit_price")),
            r.get("unit"),
            num(r.get("tier_min")),
            num(r.get("tier_max")),
        )
        for r in rows
    )


def test_a_header_alone_at_a_pages_foot_reads_the_rows_on_the_next_page(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    truth, reading = probed[406]
    listed = [p for p in truth["prices"] if p["item_id"]]  # the body's hourly rate aside
    assert len(listed) > 20
    table = [r for r in reading["price_terms"] if r["page"] == 2]
    assert _rows(table) == _rows(listed)
    descriptions = {r["item_id"]: r["description"] for r in table}
    assert all(descriptions[p["item_id"]] == p["description"] for p in listed)
    assert reading["unread_prices"] == []


def test_a_range_in_a_quantity_column_is_a_volume_band(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    for seed in (406, 411):
        truth, reading = probed[seed]
        banded = [r for r in truth["prices"] if r["tier_min"] is not None]
        assert len(banded) == 2, seed
        got = [r for r in reading["price_terms"] if r["item_id"] == banded[0]["item_id"]]
        assert _rows(got) == _rows(banded), seed


def test_a_header_cell_under_no_raised_cell_keeps_its_words_together(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    truth, reading = probed[401]
    assert _rows(reading["price_terms"]) == _rows(truth["prices"])
    assert reading["unread_prices"] == []


def test_a_letterhead_line_is_not_the_title(probed: dict[int, tuple[dict, dict]]) -> None:
    for seed in (405, 411):
        truth, reading = probed[seed]
        assert reading["title"] == truth["title"], seed

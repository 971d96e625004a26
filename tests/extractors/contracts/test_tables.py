"""Table rows whose cells wrap: read from pdfium positions."""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

import pytest

from extractors.contracts import extract_contract, terms_to_dict
from extractors.contracts.pdf import read_pdf
from extractors.contracts.prices.positions import positioned_rows
from extractors.contracts.prices.rows import RowContext, parse_line
from extractors.types import ExtractedPriceTerm, Unit
from monitor.demo.contract_pdf import PriceItemSpec, random_contract_spec, render_contract_pdf
from tests.extractors.contracts.corpus import without_positions

WRAPPING = (
    PriceItemSpec("KD-1010", "KommuneSag sagsbehandlingssystem inklusive journalisering, "
                  "dokumenthåndtering og mobiladgang, licens", Unit.USER_MONTH, Decimal("395.00")),
    PriceItemSpec("KD-1020", "Borgerportal, drift og licens", Unit.INHABITANT_YEAR, Decimal("1.85"),
                  tier_min=Decimal(0), tier_max=Decimal(10000)),
    PriceItemSpec("KD-1020", "Borgerportal, drift og licens", Unit.INHABITANT_YEAR, Decimal("1.60"),
                  tier_min=Decimal(10001), tier_max=None),
    PriceItemSpec("KD-3010", "Drift og hosting af samtlige moduler i Leverandørens datacenter, "
                  "fast årligt vederlag", Unit.FIXED, Decimal("240000.00")),
    PriceItemSpec("KD-4010", "Konsulentbistand", Unit.HOUR, Decimal("1150.00")),
)  # fmt: skip


@pytest.fixture(scope="module", params=["ruled_table", "unruled_table", "tiers"])
def wrapped(request: pytest.FixtureRequest) -> tuple[bytes, list[dict[str, object]]]:
    spec = random_contract_spec(random.Random(3), layout=request.param, items=WRAPPING)
    truth = spec.ground_truth()["price_terms"]
    assert isinstance(truth, list)
    return render_contract_pdf(spec, layout=request.param), truth


def _keys(terms: list[ExtractedPriceTerm]) -> list[tuple[object, ...]]:
    return [(t.item_id, t.description, t.unit, t.unit_price, t.tier_min, t.tier_max) for t in terms]


def _truth_keys(truth: list[dict[str, object]]) -> list[tuple[object, ...]]:
    def dec(v: object) -> Decimal | None:
        return None if v is None else Decimal(str(v))

    return [(t["item_id"], t["description"], Unit(str(t["unit"])), Decimal(str(t["unit_price"])),
             dec(t["tier_min"]), dec(t["tier_max"])) for t in truth]  # fmt: skip


def test_wrapped_rows_do_not_read_as_single_lines(
    wrapped: tuple[bytes, list[dict[str, object]]],
) -> None:
    data, truth = wrapped
    document = read_pdf(data, "wrapped.pdf")

    lines = [t for ln in document.pages[-1].lines if (t := parse_line(ln, 3, RowContext("da")))]

    assert len(lines) < len(truth)


def test_it_rebuilds_wrapped_rows_from_text_positions(
    wrapped: tuple[bytes, list[dict[str, object]]],
) -> None:
    data, truth = wrapped
    document = read_pdf(data, "wrapped.pdf")
    ctx = RowContext("da", "excl")

    rows = positioned_rows(document, len(document.pages), ctx)

    assert _keys(rows.terms) == _truth_keys(truth) and rows.unread == 0
    terms = rows.terms
    assert all(t.evidence and t.evidence.bbox for t in terms)


def test_extract_contract_reads_wrapped_tables_exactly(
    wrapped: tuple[bytes, list[dict[str, object]]],
) -> None:
    data, truth = wrapped

    got = without_positions(terms_to_dict(extract_contract(data, "wrapped.pdf")))

    assert got["price_terms"] == without_positions({"price_terms": truth})["price_terms"]


@pytest.mark.parametrize("layout", ["ruled_table", "unruled_table"])
def test_it_reads_a_price_list_without_item_numbers(layout: str) -> None:
    items = tuple(replace(i, item_id=None) for i in WRAPPING if i.tier_min is None)
    spec = random_contract_spec(random.Random(5), layout=layout, items=items)

    got = terms_to_dict(extract_contract(render_contract_pdf(spec, layout=layout), "x.pdf"))

    # wrapped cells too: the columns are read by position, each row from its anchor line
    assert without_positions(got) == without_positions(spec.ground_truth())

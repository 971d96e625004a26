"""Price-list rows from a second independent review of price reading (rewritten here with
invented items and figures): sums and discounts with a unit cell were read as agreed
prices and enforced."""

from __future__ import annotations

from decimal import Decimal

from extractors.contracts import extract_contract
from tests.extractors.contracts.test_prices_per_period import HEAD, _pdf, _table

HEADER = ["Varenr.", "Ydelse", "Enhed", "Pris ekskl. moms"]
X = (72, 130, 330, 430)


def _terms(*rows: list[str]) -> tuple[list[tuple[str | None, Decimal]], list[str]]:
    terms = extract_contract(_pdf([*HEAD, *_table(HEADER, list(rows), X)]), "aftale.pdf")
    return (
        [(t.item_id, t.unit_price) for t in terms.price_terms],
        [u.reason for u in terms.unread_prices],
    )


ROWS = [["QB-1", "Licens", "pr. år", "84.000,00"], ["QB-2", "Drift", "pr. år", "36.000,00"]]


def test_a_sum_with_a_unit_cell_is_no_price() -> None:
    for total in (
        ["", "Samlet årligt vederlag", "pr. år", "120.000,00"],
        ["", "Optioner i alt", "pr. år", "120.000,00"],
        ["", "Subtotal recurring", "per year", "120.000,00"],
    ):
        terms, unread = _terms(*ROWS, total)
        assert terms == [("QB-1", Decimal("84000.00")), ("QB-2", Decimal("36000.00"))], total
        assert unread == [], total


def test_a_discount_row_is_shown_for_review_not_enforced() -> None:
    terms, unread = _terms(*ROWS, ["QB-9", "Rabat, første kontraktår", "pr. år", "-6.000,00"])
    assert terms == [("QB-1", Decimal("84000.00")), ("QB-2", Decimal("36000.00"))]
    assert unread == ["a negative amount (a discount?)"]


def test_a_product_named_total_with_its_item_number_is_a_price() -> None:
    terms, _ = _terms(*ROWS, ["QB-3", "Total Care support", "pr. år", "9.500,00"])
    assert ("QB-3", Decimal("9500.00")) in terms


def _banded(header: list[str], rows: list[list[str]]) -> list[tuple[object, ...]]:
    terms = extract_contract(
        _pdf([*HEAD, *_table(header, rows, (72, 130, 330, 450))]), "aftale.pdf"
    )
    assert not terms.needs_review, terms.review_reasons
    return [(t.item_id, t.unit_price, t.tier_min, t.tier_max) for t in terms.price_terms]


def test_a_band_written_after_what_it_counts() -> None:
    """ "Kernelicens, brugere 1-500": the band was dropped and three prices of one item
    stood unbanded (a missed volume tier)."""
    rows = [
        ["QH-7", "Kernelicens, brugere 1-500", "pr. bruger pr. md.", "58,00"],
        ["QH-7", "Kernelicens, brugere 501-2.000", "pr. bruger pr. md.", "47,00"],
        ["QH-7", "Kernelicens, brugere 2.001+", "pr. bruger pr. md.", "39,50"],
    ]
    assert _banded(["Varenr.", "Ydelse", "Enhed", "Pris"], rows) == [
        ("QH-7", Decimal("58.00"), Decimal(1), Decimal(500)),
        ("QH-7", Decimal("47.00"), Decimal(501), Decimal(2000)),
        ("QH-7", Decimal("39.50"), Decimal(2001), None),
    ]


def test_bands_of_hours_bought() -> None:
    rows = [
        ["QH-9", "Konsulentbistand", "0-100 timer", "850,00"],
        ["QH-9", "Konsulentbistand", "over 100 timer", "790,00"],
    ]
    banded = _banded(["Varenr.", "Ydelse", "Interval", "Timepris"], rows)
    assert [(b[1], b[2], b[3]) for b in banded] == [
        (Decimal("850.00"), Decimal(0), Decimal(100)),
        (Decimal("790.00"), Decimal(101), None),
    ]


def test_a_deliverable_priced_as_a_whole_is_a_price() -> None:
    """ "Samlet pris for implementering": the price of one deliverable, not a sum row."""
    terms, unread = _terms(
        *ROWS, ["", "Samlet pris for implementering", "engangsbeløb", "45.000,00"]
    )
    assert (None, Decimal("45000.00")) in terms

"""The building blocks: item keys, description keys, billing months, adjustment dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.types import IndexationTerms
from rules.indexation import adjustment_dates, schedule
from rules.matching import description_key, item_key
from rules.units import whole_months


@pytest.mark.parametrize(
    "raw,key",
    [("SAG-0042", "sag42"), (" sag 42 ", "sag42"), ("Sag42", "sag42"), ("0042", "42"),
     ("A-100", "a100"), ("000", "0"), ("", None), (None, None), ("--", None)],
)  # fmt: skip
def test_item_ids_are_normalised_for_case_spaces_punctuation_and_leading_zeros(raw, key):
    assert item_key(raw) == key


def test_descriptions_lose_case_punctuation_months_and_years():
    assert description_key("Licens, Sagssystem - MARTS 2026") == "licens sagssystem"


@pytest.mark.parametrize(
    "start,end,months",
    [
        (date(2026, 1, 1), date(2026, 1, 31), 1),
        (date(2026, 1, 1), date(2026, 3, 31), 3),
        (date(2026, 1, 15), date(2026, 4, 14), 3),
        (date(2026, 1, 1), date(2026, 12, 31), 12),
        (date(2026, 1, 1), date(2026, 1, 20), None),
        (date(2026, 2, 1), date(2026, 1, 31), None),
    ],
)
def test_a_billing_period_counts_whole_months_only(start, end, months):
    assert whole_months(start, end) == months


@pytest.mark.parametrize(
    "clause,effective,expected",
    [
        (dict(adjust_month=1, fixed_months=12), date(2025, 1, 1), [date(2026, 1, 1), date(2027, 1, 1)]),
        (dict(adjust_month=1, fixed_months=24), date(2025, 1, 1), [date(2027, 1, 1)]),
        (dict(adjust_month=4, fixed_months=12), date(2025, 1, 15), [date(2026, 4, 1), date(2027, 4, 1)]),
        (dict(fixed_months=12), date(2025, 3, 1), [date(2026, 3, 1), date(2027, 3, 1)]),
        (dict(fixed_months=12, frequency_months=6), date(2025, 3, 1), [date(2026, 3, 1), date(2026, 9, 1), date(2027, 3, 1)]),
        (dict(), date(2025, 3, 10), [date(2025, 4, 1), date(2026, 4, 1), date(2027, 4, 1)]),
    ],
)  # fmt: skip
def test_adjustments_fall_after_the_fixed_period_on_the_adjustment_month(
    clause, effective, expected
):
    assert adjustment_dates(IndexationTerms(**clause), effective, date(2027, 6, 30)) == expected


def test_adjustments_compound_and_each_is_capped():
    ix = IndexationTerms(
        index="npi", cap_pct=Decimal(3), adjust_month=1, fixed_months=12, base_month="2024-12"
    )
    series = {"2024-12": Decimal(100), "2025-12": Decimal(110), "2026-12": Decimal("111.1")}
    s = schedule(ix, date(2025, 1, 1), series, date(2027, 2, 1))
    assert [st.bound for st in s.steps] == ["cap", "index"]
    assert s.factor == Decimal("1.03") * Decimal("1.01")


def test_an_index_fall_is_not_enforced():
    ix = IndexationTerms(index="npi", adjust_month=1, fixed_months=12, base_month="2024-12")
    s = schedule(
        ix, date(2025, 1, 1), {"2024-12": Decimal(100), "2025-12": Decimal(98)}, date(2026, 2, 1)
    )
    assert s.factor == 1 and s.steps[0].bound == "index_fell"


def test_without_index_data_or_cap_the_allowed_price_is_unknown():
    ix = IndexationTerms(index="npi", adjust_month=1, fixed_months=12)
    assert schedule(ix, date(2025, 1, 1), None, date(2026, 2, 1)).factor is None
    assert schedule(ix, date(2025, 1, 1), None, date(2025, 6, 1)).factor == 1


@pytest.mark.parametrize(
    ("price", "population", "quantity", "normalised", "scale"),
    [
        # billed per inhabitant: the quantity is the population
        (Decimal("0.95"), 210_000, Decimal("210000"), Decimal("0.95"), Decimal(1)),
        # one charge for the whole municipality, below 1 kr per inhabitant
        (Decimal("199500.00"), 210_000, Decimal("1"), Decimal("0.95"), Decimal(210_000)),
        # one charge above the population: a whole-municipality amount either way
        (Decimal("1300000.00"), 52_000, None, Decimal("25"), Decimal(52_000)),
        # no quantity and an amount below the population: a price per inhabitant
        (Decimal("7.60"), 98_000, None, Decimal("7.60"), Decimal(1)),
        # unknown population: nothing to divide by
        (Decimal("199500.00"), None, Decimal("1"), Decimal("199500.00"), Decimal(1)),
    ],
    ids=["per-inhabitant", "lump-below-1kr", "lump-no-quantity", "per-head-no-quantity", "no-pop"],
)
def test_a_per_inhabitant_price_is_read_from_the_billed_quantity(
    price: Decimal,
    population: int | None,
    quantity: Decimal | None,
    normalised: Decimal,
    scale: Decimal,
) -> None:
    from rules.peers import per_inhabitant

    assert per_inhabitant(price, population, quantity) == (normalised, scale)

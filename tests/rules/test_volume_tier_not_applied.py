"""volume_tier_not_applied: one row per case."""

from __future__ import annotations

from decimal import Decimal

import pytest

import rules
from extractors.types import Unit
from tests.rules.builders import contract, ctx, invoice, line, only, overcharges, term

D = Decimal
RULE = "volume_tier_not_applied"
SMALL = term("100.00", id=1, tier=("0", "500"))
LARGE = term("80.00", id=2, tier=("501", None))

# invoiced, qty, params, expected
CASES = [
    ("100.00", "400", {}, None),
    ("80.00", "600", {}, None),
    ("100.00", "600", {}, "12000.00"),
    ("100.00", "501", {}, "10020.00"),
    ("100.00", "500", {}, None),
    ("100.00", "600", {"absolute_tolerance": "20"}, None),  # exactly at tolerance
    ("100.00", "600", {"absolute_tolerance": "19.99"}, "12000.00"),
]


@pytest.mark.parametrize(
    "invoiced,qty,params,expected", CASES, ids=[f"{c[0]}x{c[1]}-{c[2]}" for c in CASES]
)
def test_it_flags_a_dearer_band_than_the_quantity_earns(invoiced, qty, params, expected):
    found = only(RULE, ctx(invoice(line(invoiced, qty)), contract(SMALL, LARGE)), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])
    if expected:
        assert found[0].term_ref == 2
        assert found[0].evidence["applied_band"] == "0.00-500.00"


def test_a_price_above_every_band_is_price_above_agreed_not_a_band():
    found = rules.evaluate(ctx(invoice(line("85.00", "600")), contract(SMALL, LARGE)))
    assert [(f.rule_id, f.overcharge) for f in found] == [("price_above_agreed", D("3000.00"))]


def test_it_selects_per_inhabitant_bands_by_population():
    small = term("15.00", id=1, unit=Unit.INHABITANT_YEAR, tier=("0", "50000"))
    large = term("12.00", id=2, unit=Unit.INHABITANT_YEAR, tier=("50001", None))
    inv = invoice(line("15.00", "60000"), population=60000)
    found = only(RULE, ctx(inv, contract(small, large)))
    assert overcharges(found) == [D("180000.00")]
    inv = invoice(line("15.00", "40000"), population=40000)
    assert only(RULE, ctx(inv, contract(small, large))) == []

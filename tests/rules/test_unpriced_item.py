"""unpriced_item: one row per case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.builders import contract, ctx, invoice, line, only, overcharges, term

D = Decimal
RULE = "unpriced_item"

# item, description, price, qty, params, expected
CASES = [
    ("A-100", "Licens Sagssystem", "100.00", "1", {}, None),
    ("Z-999", "Ekstra integration konsulenttimer", "1125.00", "40", {}, "45000.00"),
    (None, "Ekstra integration konsulenttimer", "1125.00", "40", {}, "45000.00"),
    (None, "Licens Sagssystem pr bruger pr maaned", "100.00", "1", {}, None),
    ("Z-999", "Rabat jf. aftale", "10.00", "1", {}, None),
    ("Z-999", "Afrunding", "0.40", "1", {}, None),
    ("Z-999", "Kursus", "500.00", "1", {"min_amount": "500"}, None),  # at the minimum
    ("Z-999", "Kursus", "500.01", "1", {"min_amount": "500"}, "500.01"),
    ("Z-999", "Rabat jf. aftale", "10.00", "1", {"ignore_patterns": []}, "10.00"),
]


@pytest.mark.parametrize(
    "item,desc,price,qty,params,expected", CASES, ids=[c[1] + str(c[4]) for c in CASES]
)
def test_it_flags_items_the_contract_does_not_price(item, desc, price, qty, params, expected):
    found = only(RULE, ctx(invoice(line(price, qty, item=item, desc=desc)), contract()), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])


def test_it_flags_an_item_whose_price_is_not_valid_on_the_billing_date():
    con = contract(term("100.00", valid=(None, date(2025, 12, 31))))
    found = only(RULE, ctx(invoice(line("100.00", "2"), issued=date(2026, 1, 15)), con))
    assert overcharges(found) == [D("200.00")]
    assert found[0].evidence["reason"] == "not_valid_on_date"


def test_it_does_not_claim_an_item_is_unpriced_without_a_contract():
    assert only(RULE, ctx(invoice(line("100.00", "1", item="Z-9", desc="Noget andet")), None)) == []


def test_it_leaves_an_ambiguous_description_unflagged():
    con = contract(
        term("100.00", id=1, item="A-1", desc="Licens modul A"),
        term("200.00", id=2, item="B-1", desc="Licens modul B"),
    )
    inv = invoice(line("300.00", "1", item=None, desc="Licens modul"))
    assert only(RULE, ctx(inv, con)) == []

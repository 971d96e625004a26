"""arithmetic_mismatch: one row per case."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.types import InvoiceTotals
from tests.rules.builders import ctx, invoice, line, only, overcharges

D = Decimal
RULE = "arithmetic_mismatch"

# price, qty, amount, params, expected
LINE_CASES = [
    ("99.50", "10", "995.00", {}, None),
    ("99.50", "10", "995.01", {}, None),  # exactly at the 0.01 tolerance
    ("99.50", "10", "995.02", {}, "0.02"),
    ("99.50", "10", "1005.00", {}, "10.00"),
    ("99.50", "10", "990.00", {}, "0.00"),  # in the buyer's favour: flagged, nothing at stake
    ("0.333", "3", "1.00", {}, None),  # 0.999 -> 1.00
    ("99.50", "10", "1005.00", {"line_tolerance": "10"}, None),
    ("99.50", "-10", "-995.00", {}, None),
]


@pytest.mark.parametrize(
    "price,qty,amount,params,expected",
    LINE_CASES,
    ids=[f"{c[1]}x{c[0]}={c[2]}" for c in LINE_CASES],
)
def test_it_flags_a_line_amount_that_is_not_quantity_times_price(
    price, qty, amount, params, expected
):
    found = only(RULE, ctx(invoice(line(price, qty, amount=amount))), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])


def totals(ext="1000.00", excl="1000.00", tax="250.00", payable="1250.00", allowances="0"):
    return InvoiceTotals(
        line_extension=D(ext),
        tax_exclusive=D(excl),
        tax=D(tax),
        payable=D(payable),
        allowances=D(allowances),
    )


# totals, expected
TOTAL_CASES = [
    ("reconciles", totals(), None),
    ("VAT one øre high (tolerance)", totals(tax="250.01", payable="1250.01"), None),
    ("VAT too high", totals(tax="260.00", payable="1260.00"), "10.00"),
    ("VAT lower (exempt lines)", totals(tax="200.00", payable="1200.00"), None),
    ("payable too high", totals(payable="1300.00"), "50.00"),
    (
        "line extension above line sum",
        totals(ext="1100.00", excl="1100.00", tax="275.00", payable="1375.00"),
        "125.00",
    ),
    ("allowance not deducted", totals(excl="1000.00", allowances="100.00"), "125.00"),
]


@pytest.mark.parametrize("name,t,expected", TOTAL_CASES, ids=[c[0] for c in TOTAL_CASES])
def test_it_flags_totals_that_do_not_reconcile(name, t, expected):
    inv = invoice(line("100.00", "10"), totals=t)
    found = only(RULE, ctx(inv))
    assert overcharges(found) == ([D(expected)] if expected else [])


def test_an_invoice_read_from_a_pdfs_text_is_not_claimed_for_a_row_its_reader_missed():
    """The line sum short of the stated line total on an invoice read from a PDF's text:
    a row the reader could not read (its warnings say so), not an amount billed twice;
    its other totals are still checked (an end-to-end review saw 138,974.74 kr claimed
    for a row dropped from the reading)."""
    short = totals(ext="1100.00", excl="1100.00", tax="275.00", payable="1375.00")
    inv = invoice(line("100.00", "10"), totals=short)
    inv.read_from_text = True
    assert only(RULE, ctx(inv)) == []
    vat = totals(ext="1100.00", excl="1100.00", tax="285.00", payable="1385.00")
    inv = invoice(line("100.00", "10"), totals=vat)
    inv.read_from_text = True
    assert overcharges(only(RULE, ctx(inv))) == [D("10.00")]  # VAT above 25 % of 1,100

"""duplicate_billing: one row per case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.builders import contract, ctx, invoice, line, only, overcharges

D = Decimal
RULE = "duplicate_billing"
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


def earlier(*lines, number="F-1", id=1, document_type="invoice"):
    return invoice(
        *lines, id=id, number=number, issued=date(2026, 3, 1), document_type=document_type
    )


# earlier invoices, this invoice's lines, params, expected
CASES = [
    ("nothing earlier", [], [line("12500.00", "1", period=MARCH)], {}, []),
    (
        "same item and period",
        [earlier(line("12500.00", "1", period=MARCH))],
        [line("12500.00", "1", period=MARCH)],
        {},
        ["12500.00"],
    ),
    (
        "next period",
        [earlier(line("12500.00", "1", period=MARCH))],
        [line("12500.00", "1", period=APRIL)],
        {},
        [],
    ),
    (
        "other amount",
        [earlier(line("12500.00", "1", period=MARCH))],
        [line("12000.00", "1", period=MARCH)],
        {},
        [],
    ),
    (
        "other amount, any amount",
        [earlier(line("12500.00", "1", period=MARCH))],
        [line("12000.00", "1", period=MARCH)],
        {"same_amount": False},
        ["12000.00"],
    ),
    (
        "credited since",
        [
            earlier(line("12500.00", "1", period=MARCH)),
            earlier(
                line("12500.00", "-1", amount="-12500.00", period=MARCH),
                id=2,
                number="K-1",
                document_type="credit_note",
            ),
        ],
        [line("12500.00", "1", period=MARCH)],
        {},
        [],
    ),
    (
        "twice on one invoice",
        [],
        [line("12500.00", "1", period=MARCH), line("12500.00", "1", id=2, period=MARCH)],
        {},
        ["12500.00"],
    ),
    ("no period known", [earlier(line("12500.00", "1"))], [line("12500.00", "1")], {}, []),
]


@pytest.mark.parametrize("name,before,lines,params,expected", CASES, ids=[c[0] for c in CASES])
def test_it_flags_a_period_already_billed(name, before, lines, params, expected):
    inv = invoice(*lines, id=100, number="F-2", issued=date(2026, 3, 20))
    found = only(RULE, ctx(inv, contract(), earlier_invoices=before), **params)
    assert overcharges(found) == [D(e) for e in expected]


def test_it_flags_a_resent_invoice_once_for_its_whole_amount():
    lines = [line("12500.00", "1", period=MARCH), line("100.00", "5", id=2, period=MARCH)]
    before = [earlier(*lines, number="F-2")]
    inv = invoice(*lines, id=100, number="F-2")
    found = only(RULE, ctx(inv, contract(), earlier_invoices=before))
    assert overcharges(found) == [D("13000.00")]
    assert found[0].evidence["earlier_invoice_number"] == "F-2"

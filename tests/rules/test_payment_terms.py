"""payment_terms: one row per case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.rules.builders import contract, ctx, invoice, line, only

RULE = "payment_terms"
ISSUED = date(2026, 3, 1)

# contract payment days, days given, params, flagged
CASES = [
    (30, 30, {}, False),
    (30, 31, {}, True),
    (14, 14, {}, False),
    (14, 15, {}, True),
    (45, 30, {}, False),  # a contract cannot agree more than the legal 30
    (45, 31, {}, True),
    (None, 30, {}, False),
    (None, 31, {}, True),
    (30, 35, {"grace_days": 5}, False),
    (30, 36, {"grace_days": 5}, True),
]


@pytest.mark.parametrize(
    "agreed,days,params,flagged", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_it_flags_a_due_date_beyond_the_agreed_days(agreed, days, params, flagged):
    inv = invoice(line(), issued=ISSUED, due=ISSUED + timedelta(days=days))
    found = only(RULE, ctx(inv, contract(payment_days=agreed)), **params)
    assert len(found) == int(flagged)
    if flagged:
        assert found[0].overcharge == 0
        assert found[0].evidence["payment_days_invoiced"] == days

"""outside_contract_period: one row per case (contract 1 Jan 2025 - 31 Dec 2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.rules.builders import contract, ctx, invoice, line, only, overcharges

D = Decimal
RULE = "outside_contract_period"
CON = dict(effective=date(2025, 1, 1), expiry=date(2025, 12, 31))

# line period, issued, amount, params, expected
CASES = [
    ((date(2025, 12, 1), date(2025, 12, 31)), date(2026, 1, 5), "3100.00", {}, None),
    ((date(2026, 1, 1), date(2026, 1, 31)), date(2026, 1, 5), "3100.00", {}, "3100.00"),
    ((date(2025, 12, 16), date(2026, 1, 14)), date(2026, 1, 5), "3000.00", {}, "1400.00"),
    ((date(2024, 12, 1), date(2024, 12, 31)), date(2024, 12, 1), "3100.00", {}, "3100.00"),
    ((date(2026, 1, 1), date(2026, 1, 31)), date(2026, 1, 5), "3100.00", {"grace_days": 31}, None),
    (
        (date(2026, 1, 1), date(2026, 1, 31)),
        date(2026, 1, 5),
        "3100.00",
        {"grace_days": 30},
        "100.00",
    ),
    ((None, None), date(2026, 2, 14), "3100.00", {}, None),  # 45 days after expiry: grace
    ((None, None), date(2026, 2, 15), "3100.00", {}, "3100.00"),
]


@pytest.mark.parametrize(
    "period,issued,amount,params,expected", CASES, ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CASES]
)
def test_it_flags_days_billed_outside_the_contract(period, issued, amount, params, expected):
    inv = invoice(line(amount, "1", period=period), issued=issued)
    found = only(RULE, ctx(inv, contract(**CON)), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])
    if expected:
        assert found[0].dedup_key == "outside_contract_period:100"


def test_it_does_not_also_call_the_line_unpriced():
    import rules

    inv = invoice(
        line(
            "100.00",
            "1",
            item="Z-9",
            desc="Noget helt andet",
            period=(date(2026, 1, 1), date(2026, 1, 31)),
        )
    )
    found = rules.evaluate(ctx(inv, contract(**CON)))
    assert [f.rule_id for f in found] == [RULE]

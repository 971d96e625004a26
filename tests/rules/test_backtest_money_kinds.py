"""The backtest counts the two kinds of money apart and each krone once."""

from __future__ import annotations

from decimal import Decimal

from rules.backtest import compare
from rules.types import RuleFinding


def _finding(key: str, amount: str, **kw: object) -> RuleFinding:
    return RuleFinding(
        rule_id=str(kw.pop("rule_id", "price_above_agreed")), severity="high", message="",
        dedup_key=key, currency="DKK", overcharge=Decimal(amount), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_withdrawn_price_gap_is_no_withdrawn_overcharge_and_a_further_ground_counts_nothing():
    owner = _finding("a", "100.00", line_ref=1)
    ground = _finding("b", "100.00", rule_id="mfn_breach", line_ref=1, grounds_for="a")
    gap = _finding("c", "2500.00", rule_id="price_disparity", money_kind="price_gap")

    report = compare([owner, ground, gap], [owner, ground], lambda f: "101")

    assert report.removed == 1
    assert report.overcharge_before == report.overcharge_after == Decimal("100.00")
    assert report.overcharge_difference == 0
    assert report.price_gap_before == Decimal("2500.00")
    assert report.price_gap_difference == Decimal("-2500.00")
    row = report.rows()[0]
    assert row["overcharge_difference"] == "0.00" and row["price_gap_difference"] == "-2500.00"

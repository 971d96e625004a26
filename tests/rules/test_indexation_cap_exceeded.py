"""indexation_cap_exceeded (and its boundary with price_above_agreed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import rules
from extractors.types import IndexationTerms
from rules.types import RuleConfig
from tests.rules.builders import contract, ctx, invoice, line, only, overcharges, term

D = Decimal
RULE = "indexation_cap_exceeded"


def clause(**kw):
    base = dict(
        index="nettoprisindeks", cap_pct=D("3"), adjust_month=1, fixed_months=12,
        base_month="2024-12", notice_days=90,
    )  # fmt: skip
    base.update(kw)
    return IndexationTerms(**base)


NPI_5 = {"nettoprisindeks": {"2024-12": D("100"), "2025-12": D("105"), "2026-12": D("110")}}
NPI_2 = {"nettoprisindeks": {"2024-12": D("100"), "2025-12": D("102")}}

# clause kwargs, series, issued, invoiced (agreed 100.00, qty 10), expected, reason
CASES = [
    ({}, NPI_5, date(2025, 6, 15), "100.00", None, None),
    ({}, NPI_5, date(2025, 6, 15), "103.00", "30.00", "too_early"),
    ({}, NPI_5, date(2025, 12, 31), "103.00", "30.00", "too_early"),
    ({}, NPI_5, date(2026, 1, 1), "103.00", None, None),
    ({}, NPI_5, date(2026, 2, 1), "103.01", None, None),  # exactly at the 0.01 tolerance
    ({}, NPI_5, date(2026, 2, 1), "103.02", "0.20", "above_cap"),
    ({}, NPI_5, date(2026, 2, 1), "105.00", "20.00", "above_cap"),
    ({}, NPI_2, date(2026, 2, 1), "102.00", None, None),
    ({}, NPI_2, date(2026, 2, 1), "103.00", "10.00", "above_index"),
    ({}, {}, date(2026, 2, 1), "103.00", None, None),  # no data: the cap alone bounds it
    ({}, {}, date(2026, 2, 1), "104.00", "10.00", "above_cap"),
    ({"threshold_pct": D("4")}, NPI_2, date(2026, 2, 1), "102.00", "20.00", "below_threshold"),
    ({}, NPI_5, date(2027, 2, 1), "106.09", None, None),  # 100 x 1.03 x 1.03
    ({}, NPI_5, date(2027, 2, 1), "106.11", "0.20", "above_cap"),
    ({"adjust_month": 4}, NPI_5, date(2026, 2, 1), "103.00", "30.00", "too_early"),
    ({"fixed_months": 24}, NPI_5, date(2026, 2, 1), "103.00", "30.00", "too_early"),
]


@pytest.mark.parametrize(
    "kw,series,issued,invoiced,expected,reason",
    CASES,
    ids=[f"{i}-{c[2]}-{c[3]}-{c[5]}" for i, c in enumerate(CASES)],
)
def test_it_flags_price_rises_the_clause_does_not_allow(
    kw, series, issued, invoiced, expected, reason
):
    con = contract(term("100.00"), indexation=clause(**kw))
    found = only(RULE, ctx(invoice(line(invoiced, "10"), issued=issued), con, index_series=series))
    assert overcharges(found) == ([D(expected)] if expected else [])
    if expected:
        assert found[0].evidence["reason"] == reason


def test_it_says_index_data_was_missing():
    con = contract(term("100.00"), indexation=clause())
    found = only(RULE, ctx(invoice(line("104.00", "10"), issued=date(2026, 2, 1)), con))
    assert found[0].evidence["index_data_missing"] is True
    assert "index data missing" in found[0].message


def test_it_gives_one_finding_per_overcharge_with_price_above_agreed():
    con = contract(term("100.00"), indexation=clause())
    inv = invoice(line("105.00", "10"), issued=date(2026, 2, 1))
    found = rules.evaluate(ctx(inv, con, index_series=NPI_5))
    assert [(f.rule_id, f.overcharge) for f in found] == [(RULE, D("20.00"))]


def test_a_rise_far_beyond_any_indexation_is_price_above_agreed():
    con = contract(term("100.00"), indexation=clause())
    inv = invoice(line("140.00", "10"), issued=date(2026, 2, 1))
    found = rules.evaluate(ctx(inv, con, index_series=NPI_5))
    assert [(f.rule_id, f.overcharge) for f in found] == [("price_above_agreed", D("370.00"))]


def test_evaluating_price_above_agreed_alone_leaves_an_indexation_rise_to_this_rule():
    con = contract(term("100.00"), indexation=clause())
    inv = invoice(line("105.00", "10"), issued=date(2026, 2, 1))
    alone = [RuleConfig("price_above_agreed")]
    assert rules.evaluate(ctx(inv, con, index_series=NPI_5), alone) == []

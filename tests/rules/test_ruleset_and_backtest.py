"""Rule sets as YAML, and the backtest comparison."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules.backtest import compare
from rules.errors import RuleConfigError
from rules.ruleset import dump_ruleset, load_ruleset
from rules.types import RuleConfig, RuleFinding


def test_a_rule_set_survives_a_round_trip_through_yaml():
    configs = [
        RuleConfig(
            "price_above_agreed", params={"percent_tolerance": "0.5"}, municipalities=["101"]
        ),
        RuleConfig("payment_terms", mode="monitor", severity="medium", version=3),
        RuleConfig(
            "custom:big", params={"expression": "line.quantity > 100"}, vendors=["12345678"]
        ),
    ]
    loaded = load_ruleset(dump_ruleset(configs))
    assert [
        (c.rule_id, c.mode, c.severity, c.municipalities, c.vendors, c.version) for c in loaded
    ] == [
        ("price_above_agreed", "active", None, ["101"], [], 1),
        ("payment_terms", "monitor", "medium", [], [], 3),
        ("custom:big", "active", None, [], ["12345678"], 1),
    ]
    assert loaded[0].params["percent_tolerance"] == "0.5"
    assert loaded[0].params["absolute_tolerance"] == "0.01"


@pytest.mark.parametrize(
    "text,field",
    [
        ("rules: [{rule: nope}]", "rule_id"),
        ("rules: [{rule: price_above_agreed, params: {combine: xor}}]", "combine"),
        ("rules: [{rule: price_above_agreed, colour: red}]", "rules[1]"),
        ("rules: [{rule: 'custom:x', params: {expression: 'line.__class__'}}]", "expression"),
        ("rules: [{rule: price_above_agreed, mode: sometimes}]", "mode"),
        ("rules: {}", "rules"),
        ("rules: [{mode: off}]", "rules[1]"),
    ],
)
def test_loading_refuses_an_invalid_rule_set_naming_the_field(text, field):
    with pytest.raises(RuleConfigError) as err:
        load_ruleset(text)
    assert err.value.field == field


def finding(key, amount, municipality="101"):
    return RuleFinding(
        rule_id="price_above_agreed", severity="high", message="m", dedup_key=key,
        currency="DKK", overcharge=Decimal(amount), evidence={"municipality_code": municipality},
    )  # fmt: skip


def test_the_backtest_reports_findings_added_removed_and_the_overcharge_difference():
    old = [finding("a", "10.00"), finding("b", "5.00"), finding("c", "1.00", "751")]
    new = [finding("a", "10.00"), finding("c", "3.00", "751"), finding("d", "7.50", "751")]
    report = compare(old, new, lambda f: f.evidence["municipality_code"])
    assert (report.added, report.removed, report.changed) == (1, 1, 1)
    assert report.overcharge_difference == Decimal("4.50")
    rows = {r["municipality"]: r for r in report.rows()}
    assert rows["101"]["removed"] == 1 and rows["101"]["overcharge_difference"] == "-5.00"
    assert rows["751"]["added"] == 1 and rows["751"]["overcharge_difference"] == "9.50"

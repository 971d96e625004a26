"""Custom expressions are bounded (text size, number size, no text formatting), are run
on sample lines before they are published, and one that fails at run time fails alone:
the other rules' findings stay (issue 13, item 4)."""

from __future__ import annotations

import time

import pytest

import rules
from rules.custom import MAX_TEXT, compile_expression
from rules.errors import RuleConfigError, RuleRuntimeError
from rules.types import RuleConfig, RuleFailure
from tests.rules.builders import contract, ctx, invoice, line, term

LONG = "x" * 400
TRIPLE = "len(line.description + line.description + line.description) > 0"


@pytest.mark.parametrize(
    ("expr", "reason"),
    [
        ('"%0999999999d" % line.quantity', "text formatting with % is not allowed"),
        ("'%s%s' % (1, 2) == ''", "text formatting with % is not allowed"),
        ("line.quantity > 1e999999", "limited to 30 digits"),
        ("line.quantity > 1" + "0" * 40, "limited to 30 digits"),
        ("line.quantity > 0.00000000000000000000000000000000001", "limited to 30 digits"),
    ],
)
def test_an_expression_over_a_limit_is_refused_when_it_is_saved(expr: str, reason: str) -> None:
    with pytest.raises(RuleConfigError, match=reason) as err:
        compile_expression(expr)
    assert err.value.field == "expression"


def test_a_text_that_would_grow_past_the_limit_stops_the_rule_not_the_machine() -> None:
    config = RuleConfig("custom:fmt", params={"expression": "line.description % 5 == ''"})
    started = time.monotonic()
    with pytest.raises(RuleRuntimeError, match="text formatting"):
        rules.evaluate(ctx(invoice(line()), contract(term())), [config])
    config = RuleConfig("custom:grow", params={"expression": TRIPLE})
    with pytest.raises(RuleRuntimeError, match=f"exceed {MAX_TEXT} characters"):
        rules.evaluate(ctx(invoice(line(desc=LONG)), contract(term())), [config])
    assert time.monotonic() - started < 1


def test_a_custom_rule_that_fails_at_run_time_fails_alone() -> None:
    breach = ctx(invoice(line("120.00", "1", desc=LONG)), contract(term("100.00")))
    configs = [RuleConfig(r) for r in rules.registry()]
    failing = RuleConfig("custom:grow", params={"expression": TRIPLE})
    failures: list[RuleFailure] = []
    found = rules.evaluate(breach, [*configs, failing], failures=failures)
    assert [f.rule_id for f in found] == ["price_above_agreed"]
    assert [f.rule_id for f in failures] == ["custom:grow"]
    assert f"exceed {MAX_TEXT} characters" in failures[0].error
    assert found == rules.evaluate(breach, configs)  # as if the failing rule were not there


def test_a_stored_rule_that_no_longer_compiles_is_reported_and_the_others_run() -> None:
    breach = ctx(invoice(line("120.00", "1")), contract(term("100.00")))
    stored = RuleConfig("custom:old", params={"expression": '"%0999999999d" % line.quantity'})
    failures: list[RuleFailure] = []
    found = rules.evaluate(breach, [RuleConfig("price_above_agreed"), stored], failures=failures)
    assert [f.rule_id for f in found] == ["price_above_agreed"]
    assert failures[0].rule_id == "custom:old" and "text formatting" in failures[0].error
    with pytest.raises(RuleConfigError):  # without a failures list: raised, as before
        rules.evaluate(breach, [RuleConfig("price_above_agreed"), stored])


def test_publishing_runs_the_rule_on_sample_lines_first() -> None:
    six = " + ".join(["line.description"] * 6)
    with pytest.raises(RuleConfigError, match="fails on the sample line 2") as err:
        rules.validate_params("custom:six", {"expression": f"len({six}) > 0"})
    assert (err.value.rule_id, err.value.field) == ("custom:six", "expression")
    with pytest.raises(RuleConfigError) as err:
        rules.validate_params(
            "custom:over", {"expression": "line.quantity > 1", "overcharge": f"len({six})"}
        )
    assert err.value.field == "overcharge"
    assert rules.validate_params("custom:ok", {"expression": TRIPLE})["expression"] == TRIPLE

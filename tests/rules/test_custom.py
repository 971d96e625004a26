"""Custom expression rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

import rules
from rules.custom import compile_expression
from rules.errors import RuleConfigError
from rules.types import RuleConfig
from tests.rules.builders import contract, ctx, invoice, line, term

REFUSED = [
    ("", "empty"),
    ("line.__class__", "unknown field"),
    ("line.unit_price.__class__", "attributes only"),
    ("__import__('os').system('true')", "documented functions"),
    ("open('/etc/passwd')", "documented functions"),
    ("line.quantity ** 999999", "Pow"),
    ("[x for x in 'abc']", "ListComp"),
    ("lambda: 1", "Lambda"),
    ("line.description[0]", "Subscript"),
    ("max(line.quantity, key=abs)", "keyword"),
    ("x = 1", "not an expression"),
    ("1 + " * 200 + "1", "longer than"),
    ("secret > 1", "unknown name"),
]


@pytest.mark.parametrize("expr,reason", REFUSED, ids=[r for _, r in REFUSED])
def test_it_refuses_an_unsafe_or_invalid_expression_with_the_reason(expr, reason):
    with pytest.raises(RuleConfigError) as err:
        compile_expression(expr)
    assert reason in str(err.value)
    assert err.value.field == "expression"


# expression, (price, qty) of two lines, expected overcharges
FIRING = [
    ("line.unit_price > term.unit_price * 1.1", [("115.00", "2"), ("105.00", "3")], ["30.00"]),
    ("line.unit_price > term.unit_price * 1.1", [("110.00", "2")], []),  # exactly 10 %
    ("line.quantity > 100 and invoice.municipality_code == '101'", [("100.00", "101")], ["0.00"]),
    ("contains(line.description, 'sagssystem') and term.matched", [("100.00", "1")], ["0.00"]),
    ("term.unit_price > 0 and not term.confirmed", [("100.00", "1")], []),
]


@pytest.mark.parametrize(
    "expr,lines,expected", FIRING, ids=[f"{e}-{i}" for i, (e, *_) in enumerate(FIRING)]
)
def test_it_fires_on_lines_where_the_expression_is_true(expr, lines, expected):
    inv = invoice(*[line(p, q, id=i) for i, (p, q) in enumerate(lines, start=1)])
    config = RuleConfig("custom:check", params={"expression": expr, "severity": "high"})
    off = [RuleConfig(r, mode="off") for r in rules.registry()]
    found = rules.evaluate(ctx(inv, contract(term("100.00"))), [*off, config])
    assert [f.overcharge for f in found] == [Decimal(e) for e in expected]
    assert all(f.severity == "high" and f.dedup_key.startswith("custom:check:100:") for f in found)


def test_a_line_without_a_term_does_not_fire_when_the_expression_needs_one():
    inv = invoice(line("100.00", "1", item="Z-9", desc="Noget andet"))
    config = RuleConfig("custom:check", params={"expression": "line.unit_price > term.unit_price"})
    off = [RuleConfig(r, mode="off") for r in rules.registry()]
    assert rules.evaluate(ctx(inv, contract()), [*off, config]) == []


def test_it_computes_the_overcharge_and_message_from_params():
    params = {
        "expression": "line.quantity > 5",
        "overcharge": "(line.unit_price - 90) * line.quantity",
        "message": "{rule}: {quantity} on line {line_id}",
    }
    off = [RuleConfig(r, mode="off") for r in rules.registry()]
    found = rules.evaluate(
        ctx(invoice(line("100.00", "6")), contract()),
        [*off, RuleConfig("custom:big", params=params)],
    )
    assert [(f.overcharge, f.message) for f in found] == [
        (Decimal("60.00"), "custom:big: 6.00 on line 1")
    ]


def test_validate_params_refuses_a_bad_custom_rule_naming_rule_and_field():
    with pytest.raises(RuleConfigError) as err:
        rules.validate_params("custom:x", {"expression": "line.bad > 1"})
    assert (err.value.rule_id, err.value.field) == ("custom:x", "expression")
    with pytest.raises(RuleConfigError):
        rules.validate_params("custom:Bad Name!", {"expression": "line.quantity > 1"})

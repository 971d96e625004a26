"""The public API: evaluate's configuration semantics, registry, validate_params."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import rules
from rules.errors import RuleConfigError
from rules.types import RuleConfig
from tests.rules.builders import contract, ctx, invoice, line, term

BUILTINS = [
    "price_above_agreed",
    "indexation_cap_exceeded",
    "volume_tier_not_applied",
    "unpriced_item",
    "outside_contract_period",
    "duplicate_billing",
    "payment_terms",
    "arithmetic_mismatch",
    "price_disparity",
    "mfn_breach",
]


def breach():
    return ctx(invoice(line("120.00", "1")), contract(term("100.00")))


def test_the_registry_lists_every_builtin_rule_with_titles_description_and_defaults():
    specs = rules.registry()
    assert list(specs) == BUILTINS
    for spec in specs.values():
        assert spec.title_da and spec.title_en and "Example" in spec.description
        assert spec.severity in ("low", "medium", "high", "critical")
        json.dumps(spec.defaults())
        assert rules.validate_params(spec.id, {}) == spec.defaults()


def test_validate_params_fills_defaults_and_refuses_bad_values_with_the_reason():
    assert (
        rules.validate_params("price_above_agreed", {"percent_tolerance": "0.5"})[
            "percent_tolerance"
        ]
        == "0.5"
    )
    with pytest.raises(RuleConfigError) as err:
        rules.validate_params("price_above_agreed", {"absolute_tolerance": "-1"})
    assert (err.value.rule_id, err.value.field) == ("price_above_agreed", "absolute_tolerance")
    with pytest.raises(RuleConfigError) as err:
        rules.validate_params("price_above_agreed", {"tolerance": "1"})
    assert err.value.field == "tolerance"
    with pytest.raises(RuleConfigError):
        rules.validate_params("no_such_rule", {})


def test_no_configs_means_every_builtin_active():
    found = rules.evaluate(breach())
    assert [(f.rule_id, f.mode, f.severity) for f in found] == [
        ("price_above_agreed", "active", "high")
    ]


@pytest.mark.parametrize(
    "config,expected",
    [
        (RuleConfig("price_above_agreed", mode="off"), []),
        (RuleConfig("price_above_agreed", mode="monitor"), [("monitor", "high")]),
        (RuleConfig("price_above_agreed", severity="critical"), [("active", "critical")]),
        (RuleConfig("price_above_agreed", municipalities=["751"]), []),
        (RuleConfig("price_above_agreed", municipalities=["101"]), [("active", "high")]),
        (RuleConfig("price_above_agreed", vendors=["99999999"]), []),
        (RuleConfig("price_above_agreed", vendors=["12345678"]), [("active", "high")]),
        (RuleConfig("price_above_agreed", params={"absolute_tolerance": "20"}), []),
    ],
    ids=[
        "off",
        "monitor",
        "severity",
        "other-municipality",
        "this-municipality",
        "other-vendor",
        "this-vendor",
        "params",
    ],
)
def test_a_configuration_sets_mode_severity_scope_and_params(config, expected):
    found = rules.evaluate(breach(), [config])
    assert [(f.mode, f.severity) for f in found] == expected


def test_the_most_specific_configuration_in_scope_wins():
    configs = [
        RuleConfig("price_above_agreed", mode="off"),
        RuleConfig("price_above_agreed", mode="monitor", municipalities=["101"]),
    ]
    assert [f.mode for f in rules.evaluate(breach(), configs)] == ["monitor"]
    configs.append(
        RuleConfig("price_above_agreed", mode="off", municipalities=["101"], vendors=["12345678"])
    )
    assert rules.evaluate(breach(), configs) == []


def test_an_invalid_configuration_raises_rule_config_error():
    with pytest.raises(RuleConfigError):
        rules.evaluate(breach(), [RuleConfig("price_above_agreed", params={"combine": "xor"})])
    with pytest.raises(RuleConfigError):
        rules.evaluate(breach(), [RuleConfig("nope")])


def test_evaluation_is_deterministic_and_reuses_compiled_configs():
    configs = [RuleConfig("price_above_agreed", params={"absolute_tolerance": "1"})]
    a, b = rules.evaluate(breach(), configs), rules.evaluate(breach(), configs)
    assert a == b and a[0].overcharge == Decimal("20.00")


def test_a_corrected_contract_with_the_same_id_is_not_served_from_the_cache():
    inv = invoice(line("120.00", "1"))
    assert rules.evaluate(ctx(inv, contract(term("100.00"))))[0].overcharge == Decimal("20.00")
    assert rules.evaluate(ctx(inv, contract(term("110.00"))))[0].overcharge == Decimal("10.00")


def test_it_lists_lines_it_could_not_check_instead_of_inventing_a_breach():
    from extractors.types import Unit

    c = contract(term("1200.00", unit=Unit.USER_YEAR))
    inv = invoice(line("50.00", "30", unit="DAY"))
    assert rules.evaluate(ctx(inv, c)) == []
    assert rules.unchecked_lines(ctx(inv, c)) == [
        {
            "line_ref": 1,
            "line_id": "1",
            "status": "unreconciled",
            "reason": "invoice unit DAY cannot be compared with a price per user/year",
        }
    ]


def test_it_does_not_compare_prices_in_different_currencies():
    c = contract(term("100.00"))
    inv = invoice(line("120.00", "1"))
    inv.currency = "EUR"
    assert [f.rule_id for f in rules.evaluate(ctx(inv, c))] == []
    assert (
        rules.unchecked_lines(ctx(inv, c))[0]["reason"] == "contract priced in DKK, invoice in EUR"
    )


def test_a_price_agreed_including_vat_is_compared_excluding_vat():
    t = term("125.00")
    t.vat = "incl"
    found = rules.evaluate(ctx(invoice(line("110.00", "2")), contract(t)))
    assert [(f.rule_id, f.overcharge, f.agreed_unit_price) for f in found] == [
        ("price_above_agreed", Decimal("20.00"), Decimal("100"))
    ]


def test_given_configurations_run_exactly_those_rules():
    inv = invoice(line("120.00", "1"), due=None)
    c = ctx(inv, contract(term("100.00")))
    assert [f.rule_id for f in rules.evaluate(c, [RuleConfig("payment_terms")])] == []
    assert [f.rule_id for f in rules.evaluate(c, [RuleConfig("price_above_agreed")])] == [
        "price_above_agreed"
    ]

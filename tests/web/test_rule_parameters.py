"""Every parameter of every rule has a label, a unit and a help text in Danish and
English, and the rule edit page shows them."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape

import rules
from monitor.web.i18n import MESSAGES, PARAM_PARTS, param_key, translate
from rules.spec import spec_for
from tests.signin import signed_in
from tests.web.conftest import Seed


def _parameters() -> list[tuple[str, str]]:
    specs = {**rules.registry(), "custom:example": spec_for("custom:example")}
    return [(rid, name) for rid, spec in specs.items() for name in spec.params_model.model_fields]


def test_every_parameter_of_every_rule_has_a_label_unit_and_help() -> None:
    params = _parameters()
    assert len(params) > 20
    missing = [
        f"{rule_id}.{name}.{part}"
        for rule_id, name in params
        for part in PARAM_PARTS
        if param_key(rule_id, name, part) not in MESSAGES
    ]
    assert missing == []
    for rule_id, name in params:
        for lang in ("da", "en"):
            assert translate(param_key(rule_id, name, "label"), lang).strip()
            assert translate(param_key(rule_id, name, "help"), lang).strip()


def test_a_rule_may_word_a_shared_parameter_its_own_way() -> None:
    payment = translate(param_key("payment_terms", "grace_days", "help"), "en")
    period = translate(param_key("outside_contract_period", "grace_days", "help"), "en")
    assert payment != period


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_rule_page_labels_each_input_with_unit_and_help(
    app: FastAPI, seed: Seed, lang: str
) -> None:
    with signed_in(TestClient(app)) as client:
        html = client.get("/admin/rules/payment_terms", params={"lang": lang}).text
    for name in ("max_days", "grace_days"):
        label = translate(param_key("payment_terms", name, "label"), lang)
        assert f'<label for="p-{name}">{escape(label)}</label>' in html
        assert escape(translate(param_key("payment_terms", name, "help"), lang)) in html
    assert f"data-param-unit>{translate('param.max_days.unit', lang)}<" in html

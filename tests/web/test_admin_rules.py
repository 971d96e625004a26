"""Admins tune rules on /admin/rules and through /api/v1/rules: backtest before publishing,
publish as a new audited version, custom rules, YAML export and import.

The seed (see conftest): København's invoice bills 40 users at 125,00 kr. against an
agreed 100,00 kr., a 25,00 kr. excess per user and 1.000,00 kr. overcharge in all.
"""

from __future__ import annotations

import re

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

import rules
from monitor.audit.models import AuditEntry
from monitor.db import transaction
from monitor.rulesets.models import RuleConfiguration
from monitor.rulesets.service import configure
from tests.signin import TEST_ACTOR
from tests.web.conftest import Seed

PRICE = "price_above_agreed"
PRICE_FORM = {
    "param.absolute_tolerance": "0.01",
    "param.percent_tolerance": "0",
    "param.combine": "or",
    "param.min_overcharge": "0",
    "mode": "active",
    "severity": "",
    "municipalities": "",
    "vendors": "",
}


def _count(engine: Engine, model: type) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _versions(engine: Engine, rule_id: str) -> list[tuple[int, bool, str, str | None]]:
    with transaction(engine) as s:
        rows = s.scalars(
            select(RuleConfiguration)
            .where(RuleConfiguration.rule_id == rule_id)
            .order_by(RuleConfiguration.version)
        )
        return [(r.version, r.is_current, r.changed_by, r.reason) for r in rows]


def _figure(html: str, name: str) -> str:
    found = re.search(rf"data-{name}>([^<]*)<", html)
    assert found, f"no data-{name} on the page"
    return found.group(1)


def test_the_rules_page_lists_every_rule_with_mode_severity_and_default_parameters(
    client: TestClient,
) -> None:
    page = client.get("/admin/rules")
    assert page.status_code == 200
    for rule_id in rules.registry():
        assert f'data-rule="{rule_id}"' in page.text
    assert "Pris over aftalt pris" in page.text
    assert "<code>absolute_tolerance</code></dt><dd>0.01" in page.text
    assert "Eksempel: aftalt pris 100,00 kr. pr. bruger pr. måned" in page.text  # the description
    assert '<a href="/admin/rules" aria-current="page">Regler</a>' in page.text
    assert "line.unit_price" in page.text  # the custom rule fields are documented
    english = client.get("/admin/rules?lang=en")
    assert "Price above the agreed price" in english.text and "Monitor only" in english.text


def test_the_rule_page_generates_the_form_from_the_parameter_model(client: TestClient) -> None:
    page = client.get(f"/admin/rules/{PRICE}")
    assert page.status_code == 200
    assert 'name="param.absolute_tolerance" value="0.01"' in page.text
    assert "<option selected>or</option><option>and</option>" in page.text  # Literal choices
    assert 'formaction="/admin/rules/price_above_agreed/backtest#backtest"' in page.text
    assert client.get("/admin/rules/no_such_rule").status_code == 404


@pytest.mark.parametrize(
    ("tolerance", "removed", "after", "difference"),
    [
        ("24.99", 0, "1000.00", "0.00"),  # 25,00 kr. over: still beyond the tolerance
        ("25.00", 1, "0.00", "-1000.00"),  # exactly at the tolerance is not a breach
        ("30", 1, "0.00", "-1000.00"),
    ],
)
def test_a_backtest_reports_the_finding_a_wider_tolerance_removes_and_saves_nothing(
    client: TestClient,
    engine: Engine,
    rechecks: list[list[int]],
    tolerance: str,
    removed: int,
    after: str,
    difference: str,
) -> None:
    body = {"params": {"absolute_tolerance": tolerance}}
    report = client.post(f"/api/v1/rules/{PRICE}/backtest", json=body).json()
    assert (report["added"], report["removed"]) == (0, removed)
    assert report["overcharge_before"] == "1000.00"
    assert (report["overcharge_after"], report["overcharge_difference"]) == (after, difference)
    rows = [
        (m["municipality"], m["removed"], m["overcharge_difference"])
        for m in report["municipalities"]
    ]
    assert rows == [("101", removed, difference)]
    if removed:
        gone = report["findings"]["removed"][0]
        assert (gone["municipality"], gone["overcharge"]) == ("101", "1000.00")
    assert _count(engine, RuleConfiguration) == 0 and _count(engine, AuditEntry) == 0
    assert rechecks == []


def test_the_backtest_button_shows_the_report_on_the_page_in_danish_amounts(
    client: TestClient, engine: Engine
) -> None:
    form = {**PRICE_FORM, "param.absolute_tolerance": "25,00"}  # a Danish decimal comma
    page = client.post(f"/admin/rules/{PRICE}/backtest", data=form)
    assert page.status_code == 200
    assert (_figure(page.text, "added"), _figure(page.text, "removed")) == ("0", "1")
    assert _figure(page.text, "difference") == "-1.000,00 kr."
    assert 'data-municipality="101"' in page.text
    assert 'name="param.absolute_tolerance" value="25,00"' in page.text  # kept as typed
    assert _count(engine, RuleConfiguration) == 0


def test_publishing_makes_version_2_with_who_when_why_and_queues_a_recheck_after_commit(
    client: TestClient, engine: Engine, seed: Seed, rechecks: list[list[int]]
) -> None:
    with transaction(engine) as s:
        configure(s, rule_id=PRICE, actor="cli", reason="first tuning", params={})
    form = {**PRICE_FORM, "param.absolute_tolerance": "0.50", "actor": "admin@kl.dk"}
    response = client.post(
        f"/admin/rules/{PRICE}/publish",
        data={**form, "reason": "Afrunding på månedspriser"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/admin/rules/{PRICE}?saved=2"
    assert _versions(engine, PRICE) == [
        (1, False, "cli", "first tuning"),
        (2, True, TEST_ACTOR, "Afrunding på månedspriser"),
    ]
    with transaction(engine) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert (entry.actor, entry.action, entry.entity_id) == (
            TEST_ACTOR,
            "rule.configured",
            PRICE,
        )
        assert entry.details["before"]["params"]["absolute_tolerance"] == "0.01"
        assert entry.details["after"]["params"]["absolute_tolerance"] == "0.50"
    assert rechecks == [sorted([seed.invoice_id, seed.aarhus_invoice_id])]
    page = client.get(f"/admin/rules/{PRICE}?saved=2")
    assert "Version 2 er offentliggjort" in page.text
    assert "Afrunding på månedspriser" in page.text and TEST_ACTOR in page.text
    assert "<del>0.01</del> → <ins>0.50</ins>" in page.text


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"param.absolute_tolerance": "-1"}, "absolute_tolerance", "skal være mindst 0"),
        ({"param.absolute_tolerance": "lots"}, "absolute_tolerance", "skal være et tal"),
        ({"param.combine": "xor"}, "combine", "skal være en af &#39;or&#39; or &#39;and&#39;"),
        ({"reason": ""}, "reason", "skriv hvorfor"),
        ({"municipalities": "101, 75"}, "municipalities", "&#39;75&#39; er ikke 3 cifre"),
    ],
)
def test_invalid_values_are_refused_next_to_the_field_and_nothing_is_stored(
    client: TestClient,
    engine: Engine,
    rechecks: list[list[int]],
    changes: dict[str, str],
    field: str,
    reason: str,
) -> None:
    form = {**PRICE_FORM, "actor": "admin@kl.dk", "reason": "try", **changes}
    page = client.post(f"/admin/rules/{PRICE}/publish", data=form)
    assert page.status_code == 400
    assert "Intet er gemt." in page.text
    errors = re.findall(r'class="field-error"[^>]*>([^<]*)<', page.text)
    assert len(errors) == 1 and reason in errors[0]
    if field.endswith("tolerance") or field == "combine":  # in the parameter's own row
        row = page.text.split(f'<label for="p-{field}">')[1].split("</tr>")[0]
        assert reason in row
    assert _count(engine, RuleConfiguration) == 0 and _count(engine, AuditEntry) == 0
    assert rechecks == []


def test_the_api_publishes_a_version_and_refuses_invalid_params_with_the_reason(
    client: TestClient, engine: Engine, rechecks: list[list[int]]
) -> None:
    bad = client.put(
        "/api/v1/rules/payment_terms",
        json={"actor": "api", "reason": "x", "params": {"max_days": 0}},
    )
    assert bad.status_code == 400
    assert "max_days" in bad.json()["error"] and _count(engine, RuleConfiguration) == 0
    ok = client.put(
        "/api/v1/rules/payment_terms",
        json={"actor": "api", "reason": "KL-aftale", "params": {"max_days": 45}, "mode": "monitor"},
    )
    assert ok.status_code == 200
    body = ok.json()
    assert (body["version"], body["mode"], body["params"]["max_days"]) == (1, "monitor", 45)
    assert body["invoices_queued"] == 2 and len(rechecks) == 1
    listed = {r["rule_id"]: r for r in client.get("/api/v1/rules").json()}
    assert listed["payment_terms"]["changed_by"] == TEST_ACTOR
    assert listed[PRICE]["version"] == 0 and listed[PRICE]["params"]["absolute_tolerance"] == "0.01"
    custom = client.put(
        "/api/v1/rules/custom:dyr",
        json={"actor": "api", "reason": "x", "params": {"expression": "import os"}},
    )
    assert custom.status_code == 400 and "expression" in custom.json()["error"]
    assert client.get("/api/v1/rules/custom:dyr").status_code == 404


def test_a_custom_rule_with_an_invalid_expression_is_refused_with_the_reason(
    client: TestClient, engine: Engine
) -> None:
    form = {
        "name": "dyr_support",
        "expression": "line.price > 900",
        "severity": "medium",
        "mode": "monitor",
        "actor": "admin@kl.dk",
        "reason": "support over 900 kr.",
    }
    refused = client.post("/admin/rules/custom", data=form)
    assert refused.status_code == 400
    assert "unknown field line.price" in refused.text and "line.unit_price" in refused.text
    assert 'value="dyr_support"' in refused.text  # what was typed stays in the form
    assert _count(engine, RuleConfiguration) == 0
    injection = client.post(
        "/admin/rules/custom", data={**form, "expression": "__import__('os').system('x')"}
    )
    assert injection.status_code == 400 and _count(engine, RuleConfiguration) == 0

    added = client.post(
        "/admin/rules/custom",
        data={**form, "expression": "line.unit_price > 900"},
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert added.headers["location"] == "/admin/rules/custom:dyr_support?saved=1"
    assert _versions(engine, "custom:dyr_support") == [
        (1, True, TEST_ACTOR, "support over 900 kr.")
    ]
    page = client.get("/admin/rules/custom:dyr_support")
    assert "Egen regel: dyr_support" in page.text and "line.unit_price &gt; 900" in page.text
    report = client.post(
        "/api/v1/rules/custom:dyr_support/backtest", json={"mode": "active"}
    ).json()
    assert report["added"] == 0  # same expression before and after: nothing changes


def test_the_rule_set_exports_as_yaml_and_imports_back_as_new_versions(
    client: TestClient, engine: Engine, rechecks: list[list[int]]
) -> None:
    export = client.get("/api/v1/rules/export")
    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    data = yaml.safe_load(export.text)
    assert [r["rule"] for r in data["rules"]] == list(rules.registry())

    def upload(text: str, reason: str = "KL-standard 2026") -> object:
        files = {"file": ("rules.yaml", text.encode(), "application/yaml")}
        form = {"actor": "admin@kl.dk", "reason": reason}
        return client.post("/admin/rules/import", files=files, data=form, follow_redirects=False)

    unchanged = upload(export.text)
    assert unchanged.headers["location"] == "/admin/rules?imported=-"  # type: ignore[attr-defined]
    assert _count(engine, RuleConfiguration) == 0

    for entry in data["rules"]:
        if entry["rule"] == "payment_terms":
            entry["params"]["max_days"] = 45
    changed = upload(yaml.safe_dump(data))
    assert changed.headers["location"] == "/admin/rules?imported=payment_terms"  # type: ignore[attr-defined]
    assert _versions(engine, "payment_terms") == [(1, True, TEST_ACTOR, "KL-standard 2026")]
    assert len(rechecks) == 1
    again = yaml.safe_load(client.get("/api/v1/rules/export").text)
    terms = next(r for r in again["rules"] if r["rule"] == "payment_terms")
    assert (terms["params"]["max_days"], terms["version"]) == (45, 1)


def test_an_invalid_yaml_import_names_the_rule_and_field_and_stores_nothing(
    client: TestClient, engine: Engine
) -> None:
    text = "version: 1\nrules:\n  - rule: payment_terms\n    params: {max_days: 30}\n" + (
        "  - rule: price_above_agreed\n    params: {absolute_tolerance: '-5'}\n"
    )
    files = {"file": ("rules.yaml", text.encode(), "application/yaml")}
    page = client.post("/admin/rules/import", files=files, data={"actor": "a", "reason": "import"})
    assert page.status_code == 400
    assert "price_above_agreed" in page.text and "absolute_tolerance" in page.text
    assert _count(engine, RuleConfiguration) == 0


def test_a_form_from_another_site_cannot_publish(client: TestClient, engine: Engine) -> None:
    form = {**PRICE_FORM, "actor": "x", "reason": "y"}
    response = client.post(
        f"/admin/rules/{PRICE}/publish", data=form, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403 and _count(engine, RuleConfiguration) == 0


def test_a_custom_rule_can_be_backtested_before_it_is_added(
    client: TestClient, engine: Engine
) -> None:
    form = {
        "name": "dyr_support",
        "expression": "line.unit_price > 900",  # København's support line: 950,00 kr.
        "severity": "low",
        "mode": "monitor",
    }
    page = client.post("/admin/rules/custom/backtest", data=form)
    assert page.status_code == 200
    assert (_figure(page.text, "added"), _figure(page.text, "removed")) == ("1", "0")
    assert 'data-municipality="101"' in page.text and "København" in page.text
    assert 'action="/admin/rules/custom:dyr_support/publish"' in page.text
    assert "line.unit_price &gt; 900</textarea>" in page.text  # ready to publish as typed
    assert _count(engine, RuleConfiguration) == 0 and _count(engine, AuditEntry) == 0
    bad = client.post("/admin/rules/custom/backtest", data={**form, "expression": "line.x"})
    assert bad.status_code == 400 and "unknown field line.x" in bad.text

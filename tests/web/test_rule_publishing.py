"""Publishing from /admin/rules and /api/v1/rules: the scope names registered parties only,
a change that withdraws findings shows its backtest and asks for a confirmation, and a
version is rolled back in one step as a new version.

The seed (see conftest): København (101) and Aarhus (751), one vendor (CVR 12345678);
København's invoice bills 40 users at 125,00 kr. against an agreed 100,00 kr.: a
25,00 kr. excess per user, 1.000,00 kr. in all, which a tolerance of 30 kr. withdraws.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from monitor.audit.models import AuditEntry
from monitor.db import transaction
from monitor.rulesets.models import RuleConfiguration
from tests.web.conftest import Seed
from tests.web.test_admin_rules import PRICE, PRICE_FORM

WIDE = {**PRICE_FORM, "param.absolute_tolerance": "30", "actor": "admin@kl.dk", "reason": "B"}


def _versions(engine: Engine) -> list[tuple[int, str, bool]]:
    with transaction(engine) as s:
        rows = s.scalars(
            select(RuleConfiguration)
            .where(RuleConfiguration.rule_id == PRICE)
            .order_by(RuleConfiguration.version)
        )
        return [(r.version, str(r.params["absolute_tolerance"]), r.is_current) for r in rows]


def _audit_count(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_scope_with_an_unregistered_municipality_or_vendor_is_refused_by_name(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    form = {**PRICE_FORM, "actor": "admin@kl.dk", "reason": "kun 999", "municipalities": "101, 999"}
    page = client.post(f"/admin/rules/{PRICE}/publish", data=form)
    assert page.status_code == 400
    assert "ukendt kommunekode &#39;999&#39; i reglens afgrænsning" in page.text
    assert "101 København, 751 Aarhus" in page.text
    api = client.put(
        f"/api/v1/rules/{PRICE}", json={"actor": "api", "reason": "x", "vendors": ["87654321"]}
    )
    assert api.status_code == 400
    assert "unknown vendor CVR number '87654321'" in api.json()["error"]
    assert "12345678 Kommunedata A/S" in api.json()["error"]
    backtest = client.post(f"/api/v1/rules/{PRICE}/backtest", json={"municipalities": ["999"]})
    assert backtest.status_code == 400 and "'999'" in backtest.json()["error"]
    assert _versions(engine) == [] and _audit_count(engine) == 0 and rechecks == []
    ok = client.post(
        f"/admin/rules/{PRICE}/publish",
        data={**form, "municipalities": "101"},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_a_change_that_withdraws_a_finding_shows_its_effect_and_waits_for_a_confirmation(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    page = client.post(f"/admin/rules/{PRICE}/publish", data=WIDE)
    assert page.status_code == 409
    assert "trækker 1 fund og 1.000,00 kr. i overpris tilbage" in page.text
    assert "Backtest: 0 nye fund, 1 trukket tilbage, overpris -1.000,00 kr." in page.text
    assert "data-removed>1<" in page.text  # the backtest report itself
    assert '<input type="hidden" name="confirm" value="1">' in page.text
    assert '<input type="hidden" name="param.absolute_tolerance" value="30">' in page.text
    assert _versions(engine) == [] and _audit_count(engine) == 0 and rechecks == []

    done = client.post(
        f"/admin/rules/{PRICE}/publish", data={**WIDE, "confirm": "1"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert _versions(engine) == [(1, "30", True)] and len(rechecks) == 1
    with transaction(engine) as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.details["effect"] == {
            "added": 0,
            "removed": 1,
            "changed": 0,
            "overcharge_before": "1000.00",
            "overcharge_after": "0.00",
            "overcharge_difference": "-1000.00",
            "price_gap_before": "0.00",
            "price_gap_after": "0.00",
            "price_gap_difference": "0.00",
        }
    shown = client.get(done.headers["location"]).text
    assert "Version 1 er offentliggjort" in shown
    assert shown.count("1 trukket tilbage, overpris -1.000,00 kr.") == 2  # flash and history


def test_a_change_that_withdraws_nothing_is_published_at_once(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    narrower = {**WIDE, "param.absolute_tolerance": "0.00", "reason": "A"}
    done = client.post(f"/admin/rules/{PRICE}/publish", data=narrower, follow_redirects=False)
    assert done.status_code == 303 and _versions(engine) == [(1, "0.00", True)]


def test_the_api_answers_409_with_the_effect_until_confirmed(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    body = {"actor": "api", "reason": "B", "params": {"absolute_tolerance": "30"}}
    refused = client.put(f"/api/v1/rules/{PRICE}", json=body)
    assert refused.status_code == 409
    answer = refused.json()
    assert answer["confirmation_required"]["removed"] == 1
    assert answer["confirmation_required"]["overcharge_difference"] == "-1000.00"
    assert "withdraws 1 findings and DKK 1,000.00" in answer["error"]
    assert "trækker 1 fund" in answer["error_da"]
    assert _versions(engine) == [] and rechecks == []
    ok = client.put(f"/api/v1/rules/{PRICE}", json={**body, "confirm": True})
    assert ok.status_code == 200, ok.text
    assert ok.json()["effect"]["removed"] == 1 and ok.json()["version"] == 1


def test_a_version_is_rolled_back_in_one_step_as_a_new_version(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    client.post(f"/admin/rules/{PRICE}/publish", data={**WIDE, "confirm": "1"})
    page = client.get(f"/admin/rules/{PRICE}").text
    assert 'action="/admin/rules/price_above_agreed/rollback"' in page
    assert "Rul tilbage til version 0" in page

    missing = client.post(f"/admin/rules/{PRICE}/rollback", data={"actor": "admin@kl.dk"})
    assert missing.status_code == 400 and "skriv hvorfor" in missing.text
    done = client.post(
        f"/admin/rules/{PRICE}/rollback",
        data={"actor": "admin@kl.dk", "reason": "For bred"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("?saved=2")
    assert _versions(engine) == [(1, "30", False), (2, "0.01", True)]
    assert len(rechecks) == 2  # the rollback's re-check restores the findings
    shown = client.get(done.headers["location"]).text
    assert 'data-restores="0"' in shown and "Tilbagerulning til version 0" in shown
    assert "For bred" in shown and "1 nye fund, 0 trukket tilbage" in shown

    # rolling back the rollback restores version 1, which withdraws: 409 until confirmed
    api = client.post(f"/api/v1/rules/{PRICE}/rollback", json={"actor": "api", "reason": "igen"})
    assert api.status_code == 409 and api.json()["confirmation_required"]["removed"] == 1
    ok = client.post(
        f"/api/v1/rules/{PRICE}/rollback", json={"actor": "api", "reason": "igen", "confirm": True}
    )
    assert ok.status_code == 200, ok.text
    assert (ok.json()["version"], ok.json()["restores_version"]) == (3, 1)
    assert _versions(engine)[-1] == (3, "30", True)
    unknown = client.post(
        f"/api/v1/rules/{PRICE}/rollback", json={"actor": "api", "reason": "x", "to_version": 9}
    )
    assert unknown.status_code == 404


def test_an_import_that_withdraws_a_finding_asks_first_and_keeps_the_file_for_the_confirm(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    text = (
        "version: 1\n"
        "rules:\n"
        "- rule: price_above_agreed\n"
        "  mode: active\n"
        "  params: {absolute_tolerance: '30'}\n"
    )
    files = {"file": ("regler.yaml", text.encode(), "application/yaml")}
    form = {"actor": "admin@kl.dk", "reason": "KL-sæt"}
    page = client.post("/admin/rules/import", files=files, data=form)
    assert page.status_code == 409
    assert "trækker 1 fund og 1.000,00 kr. i overpris tilbage" in page.text
    assert 'name="yaml_text" hidden>' in page.text and "absolute_tolerance" in page.text
    assert _versions(engine) == [] and rechecks == []
    done = client.post(
        "/admin/rules/import",
        data={**form, "yaml_text": text, "confirm": "1"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert _versions(engine) == [(1, "30", True)] and len(rechecks) == 1


def test_replacing_a_custom_rule_so_that_it_withdraws_findings_asks_first(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    form = {
        "name": "dyr_support",
        "expression": "line.unit_price > 900",
        "severity": "medium",
        "mode": "active",
        "actor": "admin@kl.dk",
        "reason": "support over 900 kr.",
    }
    added = client.post("/admin/rules/custom", data=form, follow_redirects=False)
    assert added.status_code == 303  # adding finds the 950,00 kr. support line
    narrower = {**form, "expression": "line.unit_price > 1000"}
    page = client.post("/admin/rules/custom", data=narrower)
    assert page.status_code == 409 and "trækker 1 fund" in page.text
    assert 'action="/admin/rules/custom"' in page.text
    done = client.post(
        "/admin/rules/custom", data={**narrower, "confirm": "1"}, follow_redirects=False
    )
    assert done.status_code == 303
    with transaction(engine) as s:
        versions = s.scalars(
            select(RuleConfiguration.version).where(
                RuleConfiguration.rule_id == "custom:dyr_support"
            )
        ).all()
        assert sorted(versions) == [1, 2]

"""``prisvagt rules``: list, set (versioned and audited), refuse bad values, export/import."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

import rules
from monitor.audit.models import AuditEntry
from monitor.cli.main import app
from monitor.db import transaction
from monitor.rulesets.models import RuleConfiguration

runner = CliRunner()


def test_rules_list_shows_every_built_in_rule(app_env: object) -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    for rule_id in rules.registry():
        assert rule_id in result.stdout


def test_rules_set_publishes_a_new_version_with_who_and_why(app_env: object) -> None:
    for expected_version in (1, 2):
        result = runner.invoke(
            app,
            [
                "rules",
                "set",
                "price_above_agreed",
                "--set",
                f"percent_tolerance={expected_version}",
                "--reason",
                "aftalt med økonomi",
                "--actor",
                "admin@kk.example.dk",
            ],
        )
        assert result.exit_code == 0, result.output
        assert f"version {expected_version} published" in result.stdout
    with transaction() as s:
        rows = s.scalars(select(RuleConfiguration).order_by(RuleConfiguration.version)).all()
        assert [(r.version, r.is_current) for r in rows] == [(1, False), (2, True)]
        assert rows[1].params["percent_tolerance"] in ("2", 2, "2.0")
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "rule.configured")).all()
        assert len(audit) == 2 and audit[-1].actor == "admin@kk.example.dk"
        assert audit[-1].reason == "aftalt med økonomi"


def test_a_bad_value_is_refused_with_the_reason_and_nothing_is_stored(app_env: object) -> None:
    result = runner.invoke(
        app,
        ["rules", "set", "price_above_agreed", "--set", "percent_tolerance=lots", "--reason", "x"],
    )
    assert result.exit_code == 2
    assert "price_above_agreed" in result.stderr and "percent_tolerance" in result.stderr
    unknown = runner.invoke(app, ["rules", "set", "no_such_rule", "--reason", "x"])
    assert unknown.exit_code == 2 and "unknown rule 'no_such_rule'" in unknown.stderr
    with transaction() as s:
        assert s.scalars(select(RuleConfiguration)).all() == []


def test_export_then_import_round_trips_and_changes_only_what_differs(
    app_env: object, tmp_path: Path
) -> None:
    exported = tmp_path / "regler.yaml"
    assert runner.invoke(app, ["rules", "export", str(exported)]).exit_code == 0
    text = exported.read_text("utf-8")
    assert "price_above_agreed" in text
    same = runner.invoke(app, ["rules", "import", str(exported), "--reason", "ingen ændring"])
    assert same.exit_code == 0 and "0 rules changed" in same.stdout
    exported.write_text(text.replace("mode: active", "mode: monitor", 1), "utf-8")
    changed = runner.invoke(app, ["rules", "import", str(exported), "--reason", "prøveperiode"])
    assert changed.exit_code == 0 and "1 rules changed" in changed.stdout


def test_a_severity_can_be_set_and_returned_to_the_rules_default(app_env: object) -> None:
    from monitor.rulesets.service import configure, current_configs

    with transaction() as s:
        configure(s, rule_id="payment_terms", actor="admin", reason="vigtigt", severity="high")
    with transaction() as s:
        assert {c.rule_id: c.severity for c in current_configs(s)}["payment_terms"] == "high"
        configure(s, rule_id="payment_terms", actor="admin", reason="mode only", mode="monitor")
    with transaction() as s:
        current = {c.rule_id: c for c in current_configs(s)}["payment_terms"]
        assert (current.severity, current.mode) == ("high", "monitor")
        configure(s, rule_id="payment_terms", actor="admin", reason="tilbage", severity="")
    with transaction() as s:
        assert {c.rule_id: c.severity for c in current_configs(s)}["payment_terms"] is None

"""The whole pipeline end to end, through the CLI, on SQLite and on PostgreSQL:
contract PDFs -> terms; OIOUBL invoices -> lines; rules -> findings; alerts -> .eml."""

from __future__ import annotations

import json
from decimal import Decimal
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.db import transaction
from monitor.demo.manifest import DemoManifest

runner = CliRunner()


@pytest.fixture
def demo_run(app_env: object, tmp_path: Path) -> tuple[DemoManifest, list[dict[str, object]], Path]:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--no-serve", "--out", str(out)])
    assert result.exit_code == 0, result.output + (result.stderr or "")
    manifest = DemoManifest.from_dict(json.loads((out / "manifest.json").read_text("utf-8")))
    listed = runner.invoke(app, ["findings", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    return manifest, json.loads(listed.stdout), tmp_path / "outbox"


@pytest.mark.slow
def test_the_demo_finds_exactly_the_manifest_breaches_of_every_rule(demo_run) -> None:
    manifest, findings, _ = demo_run
    expected = {b.key: b for b in manifest.breaches}
    rules = {b.rule_id for b in manifest.breaches}
    assert len(rules) == 10, "the demo must break every built-in rule"
    found: dict[tuple[str, str, str, str | None], dict[str, object]] = {}
    for f in findings:
        key = (str(f["rule"]), str(f["municipality"]), str(f["invoice_number"]), f["line_id"])
        assert key not in found, f"two findings for {key}"
        assert f["mode"] == "active", key
        found[key] = f  # type: ignore[assignment]
    for rule in sorted(rules | {str(f["rule"]) for f in findings}):
        assert {k for k in found if k[0] == rule} == {k for k in expected if k[0] == rule}, rule
    for key, breach in expected.items():
        f = found[key]
        assert Decimal(str(f["overcharge"])) == Decimal(breach.expected_overcharge), key
        if breach.agreed_unit_price is not None:
            assert Decimal(str(f["agreed_unit_price"])) == Decimal(breach.agreed_unit_price), key
        if breach.invoiced_unit_price is not None:
            assert Decimal(str(f["invoiced_unit_price"])) == Decimal(breach.invoiced_unit_price)
        if breach.benchmark_unit_price is not None:
            assert Decimal(str(f["benchmark_unit_price"])) == Decimal(breach.benchmark_unit_price)
        assert f["money_kind"] == breach.money_kind, key
        assert f["contract_document"], key
    overcharge = sum((Decimal(str(f["overcharge"])) for f in findings if f["counted"]), Decimal(0))
    gap = sum(
        (Decimal(str(f["overcharge"])) for f in findings if f["money_kind"] == "price_gap"),
        Decimal(0),
    )
    assert overcharge == manifest.total_expected_overcharge == Decimal("1217408.93")
    assert gap == manifest.total_expected_price_gap == Decimal("4247769.22")


@pytest.mark.slow
def test_the_demo_finds_each_overpriced_line_once_and_no_clean_line(demo_run) -> None:
    manifest, findings, _ = demo_run
    overpriced = {
        (b.municipality_code, b.invoice_number, b.line_id)
        for b in manifest.breaches_for("price_above_agreed")
    }
    assert len(overpriced) == 8
    flagged = [
        (f["municipality"], f["invoice_number"], f["line_id"])
        for f in findings
        if f["rule"] == "price_above_agreed"
    ]
    assert sorted(flagged) == sorted(overpriced)
    numbers = {r.file: (r.municipality_code, r.number) for r in manifest.invoices}
    clean_lines = {(r.file, line["line_id"]) for r in manifest.invoices for line in r.lines} - {
        (b.invoice_file, b.line_id) for b in manifest.breaches
    }
    assert len(clean_lines) == manifest.counts["clean_lines"]
    clean = {(*numbers[file], line_id) for file, line_id in clean_lines}
    assert [
        f for f in findings if (f["municipality"], f["invoice_number"], f["line_id"]) in clean
    ] == []


@pytest.mark.slow
def test_the_demo_writes_one_eml_per_alert_to_the_finance_contact(demo_run) -> None:
    from monitor.alerts.models import Alert

    _, findings, outbox = demo_run
    emails = sorted(outbox.rglob("*.eml"))
    with transaction() as s:
        alerts = s.scalars(select(Alert)).all()
        sent = [a for a in alerts if a.status == "sent"]
        assert len(sent) == len(alerts) > 0
        recipients = {a.recipient for a in sent}
    assert len(emails) == len(sent)
    to = {message_from_bytes(p.read_bytes())["To"] for p in emails}
    assert to == recipients
    assert all("okonomi" in r or "finance" in r or "@" in r for r in to)
    assert {f["municipality"] for f in findings if f["rule"] == "price_above_agreed"}


@pytest.mark.slow
def test_running_the_pipeline_again_adds_no_finding_and_no_email(demo_run, tmp_path: Path) -> None:
    manifest, findings, outbox = demo_run
    before = sorted(p.name for p in outbox.rglob("*.eml"))
    again = runner.invoke(app, ["ingest", str(tmp_path / "demo" / "invoices")])
    assert again.exit_code == 0, again.output
    recheck = runner.invoke(app, ["check", "--all"])
    assert recheck.exit_code == 0, recheck.output
    listed = json.loads(runner.invoke(app, ["findings", "--format", "json"]).stdout)
    assert len(listed) == len(findings)
    assert sorted(p.name for p in outbox.rglob("*.eml")) == before

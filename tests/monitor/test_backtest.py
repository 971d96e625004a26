"""A backtest of a tolerance change on the demo data reports the right difference."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.demo.manifest import DemoManifest

runner = CliRunner()


@pytest.mark.slow
@pytest.mark.parametrize("tolerance_pct", ["35", "45"])
def test_raising_the_tolerance_removes_exactly_the_breaches_within_it(
    app_env: object, tmp_path: Path, tolerance_pct: str
) -> None:
    out = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--no-serve", "--out", str(out)]).exit_code == 0
    manifest = DemoManifest.from_dict(json.loads((out / "manifest.json").read_text("utf-8")))
    findings_before = runner.invoke(app, ["findings", "--format", "json"]).stdout

    result = runner.invoke(
        app,
        [
            "rules",
            "backtest",
            "price_above_agreed",
            "--set",
            f"percent_tolerance={tolerance_pct}",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)

    limit = Decimal(tolerance_pct)
    within = [
        b
        for b in manifest.breaches_for("price_above_agreed")
        if (Decimal(b.invoiced_unit_price) - Decimal(b.agreed_unit_price)) * 100
        <= limit * Decimal(b.agreed_unit_price)
    ]
    assert within, "the chosen tolerance must cover some demo breaches"
    assert report["removed"] == len(within)
    assert report["added"] == 0
    assert Decimal(report["overcharge_difference"]) == -sum(
        Decimal(b.expected_overcharge) for b in within
    )
    removed_by_municipality = {
        row["municipality"]: row["removed"] for row in report["municipalities"] if row["removed"]
    }
    assert removed_by_municipality == dict(Counter(b.municipality_code for b in within))
    # nothing was saved
    assert runner.invoke(app, ["findings", "--format", "json"]).stdout == findings_before


@pytest.mark.slow
def test_a_finding_legal_confirmed_is_not_reported_withdrawn(
    app_env: object, tmp_path: Path
) -> None:
    """Publishing keeps what legal confirmed, so the backtest does not count it withdrawn."""
    out = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--no-serve", "--out", str(out)]).exit_code == 0
    args = ["rules", "backtest", "price_above_agreed", "--set", "percent_tolerance=45"]
    first = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert first["removed"] >= 2
    findings = json.loads(runner.invoke(app, ["findings", "--format", "json"]).stdout)
    rows = findings["items"] if isinstance(findings, dict) else findings
    removable = [f for f in rows if f["rule"] == "price_above_agreed" and f["status"] == "open"]
    # confirm the smallest breach: the one a 45 % tolerance surely withdraws
    smallest = min(
        removable,
        key=lambda f: Decimal(f["invoiced_unit_price"]) / Decimal(f["agreed_unit_price"]),
    )
    done = runner.invoke(app, ["review", str(smallest["id"]), "confirm", "--actor", "jura@test"])
    assert done.exit_code == 0, done.output
    second = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert second["removed"] == first["removed"] - 1
    assert Decimal(second["overcharge_difference"]) == Decimal(
        first["overcharge_difference"]
    ) + Decimal(smallest["overcharge"])

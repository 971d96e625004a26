"""What the comparison between municipalities finds does not depend on the order in
which invoices arrive: new prices re-check the invoices that compare with them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.demo.manifest import DemoManifest
from monitor.demo.scenario import generate_demo

runner = CliRunner()


def _keys(findings: list[dict[str, object]], rules: set[str]) -> dict[tuple[object, ...], Decimal]:
    return {
        (f["rule"], f["municipality"], f["invoice_number"], f["line_id"]): Decimal(
            str(f["overcharge"])
        )
        for f in findings
        if f["rule"] in rules and f["status"] == "open"
    }


@pytest.mark.slow
def test_invoices_arriving_in_reverse_order_give_the_same_comparison_findings(
    sqlite_env: object, tmp_path: Path
) -> None:
    out = tmp_path / "demo"
    manifest: DemoManifest = generate_demo(out)
    assert runner.invoke(app, ["parties", "import", str(out / "parties.csv")]).exit_code == 0
    for index_file in out.glob("*index*.csv"):
        assert runner.invoke(app, ["index", "import", str(index_file)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(out / "contracts")]).exit_code == 0
    for invoice in sorted((out / "invoices").glob("*.xml"), reverse=True):
        result = runner.invoke(app, ["ingest", str(invoice)])
        assert result.exit_code == 0, result.output

    findings = json.loads(runner.invoke(app, ["findings", "--format", "json"]).stdout)
    compared = {"price_disparity", "mfn_breach"}
    expected = {
        (b.rule_id, b.municipality_code, b.invoice_number, b.line_id): Decimal(
            b.expected_overcharge
        )
        for b in manifest.breaches
        if b.rule_id in compared
    }
    assert expected
    assert _keys(findings, compared) == expected

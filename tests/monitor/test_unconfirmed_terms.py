"""Rules use confirmed terms, and proposed ones only when the admin setting allows it
(the default), marked as unconfirmed in the finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.settings import get_settings

runner = CliRunner()


def _findings() -> list[dict[str, object]]:
    return json.loads(
        runner.invoke(app, ["findings", "--format", "json", "--rule", "price_above_agreed"]).stdout
    )


@pytest.mark.slow
def test_proposed_terms_are_used_by_default_and_marked_unconfirmed(
    sqlite_env: object, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["demo", "--no-serve", "--out", str(tmp_path / "d")]).exit_code == 0
    found = _findings()
    assert found and all(f["evidence"].get("unconfirmed_term") is True for f in found)


@pytest.mark.slow
def test_without_the_setting_only_confirmed_terms_are_used(
    sqlite_env: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRISVAGT_ALLOW_UNCONFIRMED_TERMS", "false")
    get_settings.cache_clear()
    assert runner.invoke(app, ["demo", "--no-serve", "--out", str(tmp_path / "d")]).exit_code == 0
    assert _findings() == []
    # legal confirms the six contracts: their invoices are re-checked against them
    for contract_id in range(1, 7):
        assert runner.invoke(app, ["contracts", "confirm", str(contract_id)]).exit_code == 0
    found = _findings()
    assert found and all(not f["evidence"].get("unconfirmed_term") for f in found)

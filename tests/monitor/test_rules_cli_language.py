"""``prisvagt rules list --lang da`` describes the rules in Danish, ``--lang en`` in
English."""

from __future__ import annotations

from typer.testing import CliRunner

import rules
from monitor.cli.main import app

runner = CliRunner()


def _flat(text: str) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(text.split())


def test_rules_list_in_danish_shows_the_danish_descriptions(app_env: object) -> None:
    result = runner.invoke(app, ["rules", "list", "--lang", "da"])
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    for spec in rules.registry().values():
        assert spec.title_da in out
        assert _flat(spec.description_da) in out, spec.id
    assert "Example:" not in out


def test_rules_list_in_english_shows_the_english_descriptions(app_env: object) -> None:
    result = runner.invoke(app, ["rules", "list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    price = rules.registry()["price_above_agreed"]
    assert _flat(price.description) in out
    assert "Eksempel:" not in out

"""The CLI stays lean: a command imports only what it needs (issue 12, item 4).

Each case runs the CLI in a fresh interpreter and reads ``sys.modules`` afterwards; no
timing, so a busy machine cannot make these fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: runs ``prisvagt`` with argv[2:] in this interpreter, then writes ``sys.modules`` to
#: the file named by argv[1]
PROBE = """
import json, runpy, sys
out = sys.argv[1]
sys.argv = ["prisvagt", *sys.argv[2:]]
try:
    runpy.run_module("monitor.cli.main", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(out, "w") as fh:
    json.dump({"exit": code, "modules": sorted(sys.modules)}, fh)
"""

HEAVY = (
    "pydantic",
    "spacy",
    "sqlalchemy",
    "sqlalchemy.orm",
    "alembic",
    "fastapi",
    "starlette",
    "celery",
    "kombu",
    "pdfplumber",
    "pypdfium2",
    "jinja2",
    "sendgrid",
    "apscheduler",
    "markdown_it",
    "pygments",
)


def imported_by(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.exists(), proc.stderr
    data = json.loads(out.read_text())
    return int(data["exit"] or 0), set(data["modules"])


#: the project's own modules that use pydantic or a database
PROJECT_HEAVY = (
    "rules.spec",
    "rules.types",
    "monitor.settings",
    "monitor.db",
    "monitor.models",
    "monitor.findings.schemas",
    "workers.tasks",
)


def test_help_imports_no_heavy_library(tmp_path: Path) -> None:
    code, modules = imported_by(tmp_path, "--help")
    assert code == 0
    assert "monitor.cli.main" in modules  # the probe did run the CLI
    assert sorted(m for m in HEAVY + PROJECT_HEAVY if m in modules) == []
    assert "rich.console" not in modules  # plain help; Rich loads when a command prints


@pytest.mark.parametrize("group", ["rules", "contracts", "parties", "demo", "check"])
def test_a_commands_help_imports_no_heavy_library(tmp_path: Path, group: str) -> None:
    code, modules = imported_by(tmp_path, group, "--help")
    assert code == 0
    # neither pydantic (Typer 0.29 would import it for any argument: pinned below it)
    # nor the project's models, the database or the other libraries
    heavy = {m for m in HEAVY + PROJECT_HEAVY if m in modules}
    assert sorted(heavy) == []


def test_the_rules_package_alone_does_not_import_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys, rules, rules.errors, monitor.errors; "
        "print(sorted(m for m in ('pydantic', 'rules.spec', 'rules.types') if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "[]"


def test_the_rules_package_still_exports_its_names() -> None:
    import rules
    from rules.spec import RuleSpec
    from rules.types import EvaluationContext, RuleFinding

    assert rules.RuleSpec is RuleSpec
    assert rules.EvaluationContext is EvaluationContext
    assert rules.RuleFinding is RuleFinding
    with pytest.raises(AttributeError):
        rules.NoSuchName  # noqa: B018


def test_parse_imports_neither_the_database_nor_spacy(tmp_path: Path) -> None:
    invoice = REPO / "tests/fixtures/invoices/cii/Factur-X_basic.xml"
    code, modules = imported_by(tmp_path, "parse", str(invoice))
    assert code == 0
    # nothing heavy: lxml only (not in HEAVY), no pydantic
    heavy = {m for m in HEAVY if m in modules}
    assert sorted(heavy) == []

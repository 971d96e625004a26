"""The broker clients install with the package, and a broker URL whose client is
missing stops the worker, the scheduler and the web app at start-up with the variable
and the package named, before anything is stored (issue 13, item 10)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: the package made unimportable, as in an installation without it
WITHOUT = "import sys; sys.modules[{module!r}] = None; from monitor.cli.main import app; app()"


def test_the_broker_clients_are_core_dependencies() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    names = {
        dep.split(";")[0].split("[")[0].split(">")[0].split("=")[0].strip()
        for dep in project["dependencies"]
    }
    assert {"redis", "kombu", "amqp", "celery"} <= names


@pytest.mark.parametrize(
    ("command", "url", "module"),
    [
        (["worker"], "redis://127.0.0.1:6379/13", "redis"),
        (["scheduler"], "redis://127.0.0.1:6379/13", "redis"),
        (["serve", "--port", "0"], "rediss://127.0.0.1:6380/0", "redis"),
    ],
)  # py-amqp cannot be missing while Celery runs at all: kombu imports it itself
def test_a_missing_broker_client_stops_start_up_naming_the_variable_and_the_package(
    tmp_path: Path, command: list[str], url: str, module: str
) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "PRISVAGT_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'prisvagt.db'}",
        "PRISVAGT_BROKER_URL": url,
    }
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT.format(module=module), *command],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert "PRISVAGT_BROKER_URL" in message and f"pip install {module}" in message
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "var").exists()  # stopped before the database was touched


def test_an_installed_client_passes_the_check() -> None:
    from workers.celery_app import require_transport

    for url in ("redis://x", "amqp://x", "memory://", ""):
        require_transport(url)

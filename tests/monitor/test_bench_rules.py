"""bench/rules.py runs end to end at a small size: prisvagt's bulk check and the DuckDB
baseline both find exactly the injected truth, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import PG_HOST, PG_PORT, long_run
from tests.servicecheck import require_service

REPO = Path(__file__).resolve().parents[2]
pytestmark = long_run("load", "bench/rules.py end to end, about a minute")


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_the_rules_bench_runs_and_checks_the_truth(db: str, tmp_path: Path) -> None:
    if db == "postgresql":
        require_service("PostgreSQL", PG_HOST, PG_PORT)
    name = f"prisvagt_bench_test_{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PRISVAGT_BENCH_OUT": str(tmp_path),
        "PRISVAGT_BENCH_PG_DB": name,
    }
    try:
        out = subprocess.run(
            [
                sys.executable,
                str(REPO / "bench" / "rules.py"),
                "--lines",
                "3000",
                "--db",
                db,
                "--line-by-line",
                # the medians over rounds, on the embedded database (a second round
                # starts from a reset database)
                *(["--rounds", "2"] if db == "sqlite" else []),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
    finally:
        if db == "postgresql":
            from sqlalchemy import create_engine, text  # noqa: PLC0415

            admin = create_engine(
                f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/postgres",
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    assert out.returncode == 0, out.stderr[-3000:]
    assert f"[{db}] prisvagt findings == injected truth: True" in out.stdout
    assert (
        "evaluating every invoice in Python" in out.stdout
        and out.stdout.count("== truth: True") >= 2
    )
    assert "ratios (wall)" in out.stdout
    if db == "sqlite":
        assert out.stdout.count(f"[{db}] prisvagt findings == injected truth: True") == 2
        assert "medians over 2 rounds" in out.stdout and "in every round: True" in out.stdout

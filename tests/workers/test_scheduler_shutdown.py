"""A scheduler stopped with SIGTERM (``docker stop``) hands its lease back at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from monitor.db import make_engine


def test_sigterm_releases_the_lease(sqlite_env: object, tmp_path: Path) -> None:
    url = os.environ["PRISVAGT_DATABASE_URL"]
    engine = make_engine(url)

    def holders() -> list[object]:
        with engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            if "scheduler_lock" not in tables:
                return []
            return list(conn.execute(text("SELECT owner FROM scheduler_lock")))

    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("prisvagt")), "scheduler"],
        cwd=tmp_path,
        env={**os.environ, "PRISVAGT_INBOX_POLL_SECONDS": "0.2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not holders() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert holders(), "the scheduler never took the lease"
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert holders() == []
    engine.dispose()

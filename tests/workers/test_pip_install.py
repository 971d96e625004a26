"""Acceptance (issue 13): a plain ``pip install .`` into a fresh venv, then a worker and
the scheduler on Redis, turns inbox invoices into emails.

The venv is made here (``python -m venv``, then ``pip install <copy of the repo>``,
dependencies from the package index or pip's cache); the processes run the venv's
``prisvagt`` from a folder outside the repository, with no ``PYTHONPATH``, so they
use only what the package installed. The database is SQLite (a plain install has no
PostgreSQL driver: that is the ``postgres`` extra); emails are ``.eml`` files.

A few minutes with a cold pip cache: ``make test-install`` (``PRISVAGT_LONG_TESTS``
names it), which ``.ci/run`` calls too.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.servicecheck import require_broker
from tests.workers.harness import REPO, Stack, drop_in_inbox, running

pytestmark = [
    pytest.mark.slow,
    pytest.mark.redis,
    pytest.mark.timeout(1200),
    pytest.mark.skipif(
        "install" not in os.environ.get("PRISVAGT_LONG_TESTS", ""),
        reason="builds a venv and installs the package: make test-install",
    ),
]
#: what a source distribution leaves out; the rest of the tree is copied as it is
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    ".hypothesis", "tests", "bench",
)  # fmt: skip


def _install(tmp: Path) -> Path:
    """A fresh venv with ``pip install <the repository>``: returns its bin folder."""
    source = tmp / "src"
    shutil.copytree(REPO, source, ignore=NOT_SHIPPED)  # pip builds in place: not in ours
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    started = time.monotonic()
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", str(source)],
        env=env, cwd=tmp, capture_output=True, text=True, timeout=1000,
    )  # fmt: skip
    assert done.returncode == 0, (
        f"pip install failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    print(f"\npip install . took {time.monotonic() - started:.0f} s")
    return venv / "bin"


def test_a_plain_pip_install_runs_a_worker_and_the_scheduler_that_email_inbox_invoices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broker_url = require_broker("redis")
    bin_ = _install(tmp_path)
    run = tmp_path / "run"
    run.mkdir()
    database_url = f"sqlite:///{run / 'prisvagt.db'}"
    stack = Stack(tmp=run, database_url=database_url, broker_url=broker_url,
                  sendgrid_url="http://127.0.0.1:9", api_key="unused")  # fmt: skip
    stack.env.pop("PYTHONPATH")
    stack.env.pop("PRISVAGT_BROKER_VISIBILITY_TIMEOUT")  # the installed default
    stack.env.update({"PRISVAGT_EMAIL_BACKEND": "outbox", "PATH": f"{bin_}:{os.environ['PATH']}"})
    outbox = Path(stack.env["PRISVAGT_OUTBOX_DIR"])

    where = subprocess.run(
        [str(bin_ / "python"), "-c", "import monitor, workers; print(monitor.__file__)"],
        env=stack.env, cwd=run, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout  # the installed copy
    init = subprocess.run([str(bin_ / "prisvagt"), "init"], env=stack.env, cwd=run,
                          capture_output=True, text=True)  # fmt: skip
    assert init.returncode == 0, init.stdout + init.stderr

    # the parties and the contract, as an operator's import would leave them
    monkeypatch.setenv("PRISVAGT_DATABASE_URL", database_url)
    from tests.workers.conftest import _clear_caches

    _clear_caches()
    try:
        import monitor.models  # noqa: F401  (every table, for the seed's relations)
        from monitor.db import transaction
        from tests.workers.world import invoice, seed

        with transaction() as s:
            seed(s)
        with running(stack):
            stack._spawn("worker", [str(bin_ / "prisvagt"), "worker", "--queues", stack.queues,
                                    "--concurrency", "2"])  # fmt: skip
            stack.wait_for_log("worker", "ready.", timeout=120)
            stack._spawn("scheduler", [str(bin_ / "prisvagt"), "scheduler"])
            stack.wait_for_log("scheduler", "Scheduler started", timeout=60)
            numbers = ["F-2026-0501", "F-2026-0502", "F-2026-0503"]
            for number in numbers:
                drop_in_inbox(stack.inbox, f"{number}.xml", invoice(number))
            deadline = time.monotonic() + 120
            while len(list(outbox.glob("*.eml"))) < len(numbers) and time.monotonic() < deadline:
                time.sleep(0.5)
            emails = sorted(outbox.glob("*.eml"))
            assert len(emails) == len(numbers), stack.log("worker")[-4000:]
            time.sleep(2)
            assert len(list(outbox.glob("*.eml"))) == len(numbers)  # none twice
            subjects = sorted(
                " ".join(
                    str(
                        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)[
                            "Subject"
                        ]
                    ).split()
                )
                for p in emails
            )
            for number, subject in zip(numbers, subjects, strict=True):
                # each its own breach (700,00 kr.), and the same period billed more than once
                assert subject.startswith(
                    f"Prisaftale brudt: Fiktiv Kommunedata A/S faktura {number} – overpris "
                )
            from monitor.alerts.models import Alert

            with transaction() as s:
                assert s.scalars(select(Alert.status)).all() == ["sent"] * len(numbers)
            assert "Traceback" not in stack.log("worker") + stack.log("scheduler")
    finally:
        _clear_caches()

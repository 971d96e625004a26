"""Re-checks of peers are coalesced: one per peer per burst, so the number of
``invoices.check`` tasks grows with the invoices (not their square), and the
findings are those of re-checking every peer on every arrival."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from celery.signals import task_prerun
from sqlalchemy import select

from tests.conftest import clear_caches, long_test
from tests.workers.peer_world import peer_invoices, seed_peers


@contextmanager
def counting_tasks() -> Iterator[Counter[str]]:
    """Every task run, by name (the task seam: Celery's own signal)."""
    seen: Counter[str] = Counter()

    def count(sender: Any = None, **_: Any) -> None:
        seen[sender.name] += 1

    task_prerun.connect(count, weak=False)
    try:
        yield seen
    finally:
        task_prerun.disconnect(count)


def _fresh_database(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRISVAGT_DATABASE_URL", f"sqlite:///{tmp_path / name}")
    clear_caches()
    from monitor.db import get_engine, transaction
    from monitor.migrate import upgrade

    upgrade(get_engine())
    with transaction() as session:
        seed_peers(session)


def _write(tmp_path: Path, count: int) -> list[Path]:
    folder = tmp_path / f"batch-{count}"
    folder.mkdir()
    paths = []
    for name, data in peer_invoices(count):
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def _findings() -> list[tuple[object, ...]]:
    from monitor.db import transaction
    from monitor.findings.models import Finding
    from monitor.invoices.models import Invoice

    with transaction() as session:
        rows = session.execute(
            select(
                Invoice.number, Finding.dedup_key, Finding.rule_id, Finding.status,
                Finding.overcharge, Finding.invoiced_unit_price, Finding.preliminary,
                Finding.message,
            ).join(Invoice, Invoice.id == Finding.invoice_id)
        ).all()  # fmt: skip
    return sorted(tuple(r) for r in rows)


def _ingest(paths: list[Path], *, one_burst: bool) -> Counter[str]:
    from monitor.cli.ingest import ingest

    with counting_tasks() as seen:
        if one_burst:
            outcomes = ingest(paths, kind=None, show_progress=False)
        else:  # each file its own burst: every arrival re-checks its peers, as before
            outcomes = [o for p in paths for o in ingest([p], kind=None, show_progress=False)]
    assert all(o.status == "processed" for o in outcomes), [o.error for o in outcomes]
    return seen


@pytest.mark.slow
@long_test("load", "peer re-checks of 300 invoices counted, half a minute")
def test_check_tasks_grow_linearly_and_find_what_checking_on_every_arrival_finds(
    sqlite_env: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = _write(tmp_path, 24), _write(tmp_path, 48)

    _fresh_database(tmp_path, "small.db", monkeypatch)
    checks_small = _ingest(small, one_burst=True)["invoices.check"]
    _fresh_database(tmp_path, "large.db", monkeypatch)
    checks_large = _ingest(large, one_burst=True)["invoices.check"]
    coalesced = _findings()

    _fresh_database(tmp_path, "every-arrival.db", monkeypatch)
    checks_every_arrival = _ingest(large, one_burst=False)["invoices.check"]
    every_arrival = _findings()

    print(f"\ncheck tasks: {checks_small} for 24 invoices, {checks_large} for 48 coalesced;"
          f" {checks_every_arrival} for 48 re-checking peers on every arrival")  # fmt: skip
    assert checks_small <= 2 * 24
    assert checks_large <= 2 * 48
    assert checks_large <= 2.2 * checks_small  # linear: twice the invoices, twice the checks
    assert checks_every_arrival > 4 * 48  # what it was: about the square
    assert any(f[2] == "price_disparity" for f in coalesced)
    assert coalesced == every_arrival

"""When a check of many invoices spreads over worker processes (``monitor.findings
.parallel``): how many, on which databases, and how the invoices are split."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, func, select

from bench.rules_data import build
from monitor.db import make_engine, session_factory
from monitor.findings import parallel
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade
from monitor.settings import get_settings


@pytest.fixture
def fresh_settings(monkeypatch):  # type: ignore[no-untyped-def]
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_workers_are_forked_only_from_a_process_of_one_thread() -> None:
    """A thread holding a lock (SQLite's, the logging module's) while the process forks
    leaves it held forever in the copy: with another thread running, the workers start
    from the server instead."""
    import threading

    assert parallel.forks() is (threading.active_count() == 1)
    if threading.active_count() > 1:
        return
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.forks() is False
    finally:
        stop.set()
        other.join()
    assert parallel.forks() is True


def test_the_configured_number_of_workers_wins(fresh_settings) -> None:  # type: ignore[no-untyped-def]
    fresh_settings.setenv("PRISVAGT_CHECK_WORKERS", "3")
    assert parallel.default_workers() == 3
    fresh_settings.setenv("PRISVAGT_CHECK_WORKERS", "1")
    get_settings.cache_clear()
    assert parallel.default_workers() == 1


def test_in_process_the_cores_are_used_and_in_a_celery_worker_one(fresh_settings) -> None:  # type: ignore[no-untyped-def]
    from workers.celery_app import app

    fresh_settings.delenv("PRISVAGT_CHECK_WORKERS", raising=False)
    get_settings.cache_clear()
    fresh_settings.setitem(app.conf, "task_always_eager", True)
    cores = min(os.cpu_count() or 1, parallel.MAX_WORKERS)
    assert parallel.default_workers() == cores
    fresh_settings.setitem(app.conf, "task_always_eager", False)  # a broker: Celery's pool
    assert parallel.default_workers() == 1


def test_without_celery_loaded_the_settings_tell_where_tasks_run(fresh_settings) -> None:  # type: ignore[no-untyped-def]
    """Where the Celery app is not loaded, the broker setting says what it would
    configure: none, tasks in-process (the cores); one, a Celery worker's (one)."""
    import sys

    fresh_settings.delenv("PRISVAGT_CHECK_WORKERS", raising=False)
    fresh_settings.delitem(sys.modules, "workers.celery_app", raising=False)
    fresh_settings.delenv("PRISVAGT_BROKER_URL", raising=False)
    get_settings.cache_clear()
    assert parallel.default_workers() == min(os.cpu_count() or 1, parallel.MAX_WORKERS)
    assert "workers.celery_app" not in sys.modules
    fresh_settings.setenv("PRISVAGT_BROKER_URL", "redis://127.0.0.1:6379/0")
    get_settings.cache_clear()
    assert parallel.default_workers() == 1


def test_only_many_invoices_on_a_database_other_processes_can_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    many = parallel.PARALLEL_MIN_INVOICES
    on_file = session_factory(make_engine(f"sqlite:///{tmp_path / 'x.db'}"))()
    in_memory = session_factory(create_engine("sqlite://"))()
    assert parallel.usable(on_file, many, 2)
    assert not parallel.usable(on_file, many - 1, 2)
    assert not parallel.usable(on_file, many, 1)
    assert not parallel.usable(in_memory, many, 2)


@pytest.mark.parametrize("chosen", ["every", "every third", "most"])
def test_the_parts_are_whole_pairs_of_about_the_same_size(database_url: str, chosen: str) -> None:
    """Of every invoice, of every third (read through a temporary table) and of most
    (read as their id range: the ids left out and one that does not exist stay out)."""
    engine = make_engine(database_url)
    upgrade(engine)
    build(engine, 3000, municipalities=7, items=40, seed=5)
    with session_factory(engine)() as s:
        rows = s.execute(select(Invoice.id, Invoice.vendor_id, Invoice.municipality_id)).all()
        missing = max(r[0] for r in rows) + 1  # no such invoice
        if chosen == "every third":
            rows = rows[::3]
        elif chosen == "most":
            rows = [r for r in rows if r[0] % 5]
        parts = parallel.partition(s, [r[0] for r in rows] + [missing], 3)
        s.rollback()
    engine.dispose()
    pair = {r[0]: (r[1], r[2]) for r in rows}
    assert sorted(i for p in parts for i in p) == sorted(pair)
    owners = {}
    for n, part in enumerate(parts):
        for invoice_id in part:
            assert owners.setdefault(pair[invoice_id], n) == n  # a pair is never split
    sizes = sorted(len(p) for p in parts)
    biggest_pair = max(sum(1 for v in pair.values() if v == k) for k in set(pair.values()))
    assert len(parts) == 3 and sizes[-1] - sizes[0] <= biggest_pair


def _piece(part: int, *, done: bool = False) -> parallel.PartResult:
    return parallel.PartResult(part, passed=[part], done=done)


def test_pieces_are_passed_on_as_they_arrive_until_every_part_has_ended() -> None:
    import queue
    from concurrent.futures import Future

    pieces: queue.Queue = queue.Queue()
    for piece in (_piece(1), _piece(0), _piece(1, done=True), _piece(0), _piece(0, done=True)):
        pieces.put(piece)
    pieces.put(_piece(7))  # never read: both parts have ended before it
    futures: list[Future] = [Future(), Future()]
    for future in futures:
        future.set_result(None)
    got = [(p.part, p.done) for p in parallel._pieces_of(None, pieces, futures, 2)]  # type: ignore[arg-type]
    assert got == [(1, False), (0, False), (1, True), (0, False), (0, True)]


def test_a_worker_that_fails_ends_the_check_with_its_error_while_others_run(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import queue
    from concurrent.futures import Future

    class Session:
        pings = 0

        def execute(self, statement: object) -> None:
            self.pings += 1

    monkeypatch.setattr(parallel, "_POLL_S", 0.01)
    monkeypatch.setattr(parallel, "KEEPALIVE_S", 0.02)
    pieces: queue.Queue = queue.Queue()
    pieces.put(_piece(0))
    running, failed = Future(), Future()  # one still running, one failed
    running.set_running_or_notify_cancel()
    session = Session()
    got = parallel._pieces_of(session, pieces, [running, failed], 2)  # type: ignore[arg-type]
    assert next(got).part == 0
    # nothing arrives for a while: the caller's transaction is kept alive
    failed.set_running_or_notify_cancel()
    import threading

    threading.Timer(0.2, failed.set_exception, (RuntimeError("part 1 failed"),)).start()
    with pytest.raises(RuntimeError, match="part 1 failed"):
        next(got)
    assert session.pings >= 2


def test_a_failure_in_a_worker_process_reaches_the_caller_and_stores_nothing(  # type: ignore[no-untyped-def]
    tmp_path, monkeypatch
) -> None:
    """A stored price no reader can take (written past the model, as a damaged file
    might hold: only SQLite's loose typing lets one in) fails the worker evaluating
    its invoice: the check ends with that error, and the caller, who stored the other
    part's pieces in its transaction, rolls back to nothing."""
    from decimal import InvalidOperation

    from sqlalchemy import text

    from monitor.findings.bulk import check_screened
    from monitor.findings.models import Finding

    monkeypatch.setattr(parallel, "PARALLEL_MIN_INVOICES", 1)
    engine = make_engine(f"sqlite:///{tmp_path / 'damaged.db'}")
    upgrade(engine)
    build(engine, 2000, municipalities=4, items=30, seed=3)
    with engine.begin() as conn:
        conn.execute(text("UPDATE invoice_line SET unit_price = 'x' WHERE id = 1"))
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        with pytest.raises(InvalidOperation):
            check_screened(s, invoice_ids=ids, allow_unconfirmed_terms=True, workers=2)
        s.rollback()
        assert s.scalar(select(func.count()).select_from(Finding)) == 0
        assert s.scalar(select(func.count()).where(Invoice.status == "checked")) == 0
    engine.dispose()


def test_what_every_part_reads_alike_comes_once_the_workers_run_or_stops_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The shared inputs are computed by the caller after the workers have started
    (each fills its invoices meanwhile) and reach every part; when computing them
    fails, that error ends the check and the workers waiting for them stop at once."""
    import time
    from datetime import date

    from monitor.findings import screening
    from monitor.rulesets.service import current_configs

    engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    upgrade(engine)
    build(engine, 1200, municipalities=4, items=30, seed=3)
    asked: list[float] = []
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        configs = current_configs(s)
        vendors: set[int] = set()
        parts = parallel.partition(s, ids, 2, vendors=vendors)
        options = {"configs": configs, "today": date(2026, 12, 31)}

        def shared() -> screening.Shared:
            asked.append(time.perf_counter())
            return screening.shared_inputs(s, vendor_ids=sorted(vendors), configs=configs)

        pieces = list(
            parallel.evaluate_parts(
                s, parts, allow_unconfirmed_terms=True, shared=shared, **options
            )
        )
        assert len(asked) == 1
        assert sum(p.done for p in pieces) == 2
        assert sum(p.flagged for p in pieces) > 0

        def failing() -> screening.Shared:
            raise LookupError("the peer bounds could not be read")

        started = time.perf_counter()
        with pytest.raises(LookupError, match="peer bounds"):
            list(
                parallel.evaluate_parts(
                    s, parts, allow_unconfirmed_terms=True, shared=failing, **options
                )
            )
        assert time.perf_counter() - started < 60  # the workers did not wait it out
        s.rollback()
    engine.dispose()


def test_the_workers_run_the_callers_code_whatever_folder_the_check_runs_from(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Python 3.11's forkserver starts as ``python -c``, the working directory first on
    its path, and preloads the package from there: run from a folder holding another
    ``monitor`` package, the workers would run its code. They run the caller's (in a
    fresh process: the server is started once per process)."""
    import subprocess
    import sys
    from pathlib import Path

    decoy = tmp_path / "elsewhere" / "monitor"
    (decoy / "findings").mkdir(parents=True)
    for module in ("__init__.py", "models.py", "findings/__init__.py"):
        (decoy / module).write_text("")
    (decoy / "findings" / "parallel.py").write_text(
        "def _start(*args):\n    raise RuntimeError('another copy of the package')\n"
    )
    script = f"""
import monitor.models
from sqlalchemy import select
from bench.rules_data import build
from monitor.db import make_engine, session_factory
from monitor.findings import parallel
from monitor.findings.bulk import check_screened
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade

parallel.PARALLEL_MIN_INVOICES = 1
parallel.forks = lambda: False  # from the server (a forked worker runs the caller's code)
engine = make_engine("sqlite:///{tmp_path / "check.db"}")
upgrade(engine)
build(engine, 600, municipalities=4, items=20, seed=2)
with session_factory(engine)() as s:
    ids = list(s.scalars(select(Invoice.id)))
    result = check_screened(s, invoice_ids=ids, allow_unconfirmed_terms=True, workers=2)
    print("parts", len(result.part_figures), "invoices", result.invoices)
"""
    # a script (its own folder first on its path, as the installed ``prisvagt`` command
    # has), run from the folder with the other copy
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "check.py").write_text(script)
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "check.py")],
        cwd=decoy.parent,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.split() == ["parts", "2", "invoices", "60"]  # 600 lines

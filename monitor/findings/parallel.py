"""A bulk check on several CPU cores: the invoices split by vendor-municipality pair,
each part screened and evaluated in a worker process, every finding stored by the
caller's session.

What a pair's findings depend on is the pair's own invoices and contracts and the
vendor's prices elsewhere (``item_latest_price``): never another part's. So each worker
runs exactly what the single-process check runs on its part (the SQL screen, then the
rules on the flagged invoices, ``monitor.findings.bulk``) on its own connection and
sends back plain data (:class:`~monitor.findings.service.Evaluated`): the caller
stores it as it arrives, in one transaction, as for one process. Workers only read,
and read what is committed: the check runs in a transaction that has written nothing
before it (``workers.tasks.check_many``, ``check --all``); a caller holding changes
of its own passes ``workers=1``.

The workers are a standard-library process pool (``forkserver``: a fresh interpreter,
nothing inherited from a process that may hold threads, connections or locks), used
where the check runs in-process (the embedded default: ``check --all`` without a
broker); Celery workers spread their tasks over their own processes and machines, so
a check run by one of them stays in it (``default_workers``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from monitor.findings.service import Evaluated

#: from this many invoices a check spreads over several processes (below, starting
#: them costs more than it saves)
PARALLEL_MIN_INVOICES = 20_000
#: at most this many worker processes (memory: each holds its pairs' invoices)
MAX_WORKERS = 8
#: seconds between the statements that keep the caller's transaction from sitting idle
#: while it waits for a part
KEEPALIVE_S = 60.0


@dataclass(slots=True)
class PartResult:
    """One part screened and evaluated by a worker."""

    evaluated: list[Evaluated]
    #: the part's invoices the screen passed (the rules find nothing on them)
    passed: list[int]
    flagged: int
    pid: int = 0
    #: the worker's peak resident memory so far (KiB, ``VmHWM``) and its CPU seconds
    peak_kb: int = 0
    cpu_s: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def default_workers() -> int:
    """The processes a bulk check uses: ``PRISVAGT_CHECK_WORKERS`` when set (1: one
    process), else the machine's cores (at most :data:`MAX_WORKERS`) where tasks run
    in-process, and one inside a Celery worker (its pool is the parallelism)."""
    from monitor.settings import get_settings

    configured = get_settings().check_workers
    if configured:
        return max(1, configured)
    if multiprocessing.current_process().daemon:
        return 1
    try:
        from workers.celery_app import app

        if not app.conf.task_always_eager:
            return 1
    except Exception:  # noqa: BLE001 (no Celery configuration: in-process)
        pass
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def usable(session: Session, invoices: int, workers: int) -> bool:
    """Whether a check of ``invoices`` on this session's database can spread over
    ``workers`` processes: enough invoices, a database other processes can open (not
    an in-memory SQLite), and not inside a daemonic process (which may not start
    children)."""
    if workers < 2 or invoices < PARALLEL_MIN_INVOICES:
        return False
    if multiprocessing.current_process().daemon:
        return False
    url = session.get_bind().url
    if url.get_backend_name() == "sqlite":
        return url.database not in (None, "", ":memory:") and "mode=memory" not in str(url)
    return True


def partition(session: Session, invoice_ids: Sequence[int], parts: int) -> list[list[int]]:
    """The invoices in ``parts`` groups of whole vendor-municipality pairs, of about
    the same number of invoices each (largest pair first into the smallest group);
    invoices without vendor or municipality go with the first (the screen skips them)."""
    from monitor.findings import screening
    from monitor.invoices.models import Invoice

    ids = sorted(set(invoice_ids))
    screening.T_IDS.drop(session.connection(), checkfirst=True)
    screening.T_IDS.create(session.connection())
    try:
        screening._insert_rows(session, screening.T_IDS, [(i,) for i in ids])
        pairs: dict[tuple[int | None, int | None], list[int]] = {}
        for vendor_id, muni_id, invoice_id in session.execute(
            select(Invoice.vendor_id, Invoice.municipality_id, Invoice.id).join(
                screening.T_IDS, screening.T_IDS.c.invoice_id == Invoice.id
            )
        ):
            pairs.setdefault((vendor_id, muni_id), []).append(invoice_id)
    finally:
        screening.T_IDS.drop(session.connection(), checkfirst=True)
    groups: list[list[int]] = [[] for _ in range(parts)]
    loose = [i for (v, m), found in pairs.items() if v is None or m is None for i in found]
    for _, found in sorted(
        ((k, v) for k, v in pairs.items() if k[0] is not None and k[1] is not None),
        key=lambda kv: (-len(kv[1]), kv[0]),
    ):
        min(groups, key=len).extend(found)
    groups[0].extend(loose)
    return [sorted(g) for g in groups if g]


def evaluate_parts(
    session: Session,
    parts: list[list[int]],
    *,
    configs: list[Any],
    today: date,
    allow_unconfirmed_terms: bool,
    omit: frozenset[str] = frozenset(),
) -> Iterator[PartResult]:
    """Each part screened and evaluated in a worker process, yielded in the parts'
    order as each is done (a worker's error is raised here)."""
    url = session.get_bind().url.render_as_string(hide_password=False)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["monitor.findings.parallel"])
    jobs = [(part, configs, today, allow_unconfirmed_terms, omit) for part in parts]
    with ProcessPoolExecutor(
        max_workers=len(parts), mp_context=context, initializer=_start, initargs=(url,)
    ) as pool:
        with _main_not_imported():  # every worker starts as the jobs are submitted
            futures = [pool.submit(_evaluate_part, job) for job in jobs]
        for future in futures:
            # the caller's transaction is not left idle while a part takes long
            # (PostgreSQL ends one idle for ``db_idle_in_transaction_timeout``)
            while not wait([future], timeout=KEEPALIVE_S).done:
                session.execute(text("SELECT 1"))
            yield future.result()


@contextmanager
def _main_not_imported() -> Iterator[None]:
    """Start processes without importing the caller's main module in them, as
    ``multiprocessing`` otherwise does (a script without the ``__main__`` guard would
    run again in each): the workers need only this module."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {
        name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__
    }
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


# ----------------------------------------------------------------- in the workers
_engine: Engine | None = None


def _start(url: str) -> None:
    global _engine
    import monitor.models  # noqa: F401  (every table, for the foreign keys between them)
    from monitor.db import make_engine

    _engine = make_engine(url)


def _evaluate_part(job: tuple[list[int], list[Any], date, bool, frozenset[str]]) -> PartResult:
    """Screen and evaluate one part on this worker's own connection; nothing is written
    (the temporary tables go with the rolled-back transaction)."""
    import time

    import rules
    from monitor.db import session_factory
    from monitor.findings import bulk
    from monitor.findings.service import evaluate_batches, fewer_collections, plan_each_read

    ids, configs, today, allow, omit = job
    assert _engine is not None
    session = session_factory(_engine)()
    timings: dict[str, float] = {}
    try:
        with rules.run_scope(), fewer_collections(len(ids)):
            t = time.perf_counter()
            flagged, lines = bulk.screen_for_check(
                session, invoice_ids=ids, configs=configs, allow_unconfirmed_terms=allow, omit=omit
            )
            passed = list(session.scalars(bulk.passed_by_screen()))
            timings["screen_s"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            plan_each_read(session, len(flagged))
            builder = bulk.ScreenedBuilder(session, today=today, allow_unconfirmed_terms=allow)
            evaluated = list(
                evaluate_batches(
                    builder, sorted(flagged), configs, rules_for=flagged, lines_for=lines
                )
            )
            timings["evaluate_s"] = round(time.perf_counter() - t, 2)
        return PartResult(
            evaluated,
            passed,
            len(flagged),
            os.getpid(),
            _peak_kb(),
            time.process_time(),
            timings=timings,
        )
    finally:
        session.rollback()
        session.close()


def _peak_kb() -> int:
    try:
        with open("/proc/self/status") as status:
            for row in status:
                if row.startswith("VmHWM:"):
                    return int(row.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

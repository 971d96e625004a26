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

The workers are a standard-library process pool, forked from the caller where it runs
no other thread (:func:`forks`), else started from the ``forkserver`` (a fresh
interpreter, nothing inherited from a process whose threads may hold locks), used
where the check runs in-process (the embedded default: ``check --all`` without a
broker); Celery workers spread their tasks over their own processes and machines, so
a check run by one of them stays in it (``default_workers``).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
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
#: PostgreSQL's memory for each worker's temporary tables (``temp_buffers``, per session)
WORKER_TEMP_BUFFERS = "64MB"
#: seconds between the statements that keep the caller's transaction from sitting idle
#: while it waits for a part
KEEPALIVE_S = 60.0


@dataclass(slots=True)
class PartResult:
    """What a worker sends of its part as it goes: the invoices its screen passed (the
    rules find nothing on them), then the evaluated pairs a few at a time, then, with
    ``done``, its figures. The caller stores each piece as it arrives, while the
    workers go on (``monitor.findings.bulk._check_in_parts``)."""

    part: int
    evaluated: list[Evaluated] = field(default_factory=list)
    passed: list[int] = field(default_factory=list)
    done: bool = False
    flagged: int = 0
    pid: int = 0
    #: the worker's peak resident memory so far (KiB, ``VmHWM``) and its CPU seconds
    peak_kb: int = 0
    cpu_s: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


#: a worker sends its evaluated pairs once they hold this many invoices (or its last):
#: small enough that the caller stores the first while the workers are still early in
#: their evaluation, and the last little after they end (bench/rules.py, PostgreSQL:
#: with 2,000 the caller still stored ~0.8 s of findings once the workers had ended)
PIECE_INVOICES = 500


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
    if not _tasks_in_process():
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _tasks_in_process() -> bool:
    """Whether tasks run in this process: as the Celery app is configured where it is
    loaded (a Celery worker, the CLI that queues the tasks), else as the settings will
    configure it (no broker: in-process, ``workers.celery_app.make_celery``) without
    loading Celery for this one question (~60 ms)."""
    loaded = sys.modules.get("workers.celery_app")
    if loaded is not None:
        return bool(loaded.app.conf.task_always_eager)
    from monitor.settings import get_settings

    return not get_settings().broker_url


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


def partition(
    session: Session, invoice_ids: Sequence[int], parts: int, *, vendors: set[int] | None = None
) -> list[list[int]]:
    """The invoices in ``parts`` groups of whole vendor-municipality pairs, of about
    the same number of invoices each (largest pair first into the smallest group);
    invoices without vendor or municipality go with the first (the screen skips them).
    ``vendors``, if given, receives the vendors of the pairs."""
    ids = sorted(set(invoice_ids))
    pairs: dict[tuple[int | None, int | None], list[int]] = {}
    for vendor_id, muni_id, invoice_id in _pairs_of(session, ids):
        pairs.setdefault((vendor_id, muni_id), []).append(invoice_id)
    if vendors is not None:
        vendors.update(v for v, m in pairs if v is not None and m is not None)
    groups: list[list[int]] = [[] for _ in range(parts)]
    loose = [i for (v, m), found in pairs.items() if v is None or m is None for i in found]
    for _, found in sorted(
        ((k, v) for k, v in pairs.items() if k[0] is not None and k[1] is not None),
        key=lambda kv: (-len(kv[1]), kv[0]),
    ):
        min(groups, key=len).extend(found)
    groups[0].extend(loose)
    return [sorted(g) for g in groups if g]


def _pairs_of(session: Session, ids: list[int]) -> Iterator[tuple[int | None, int | None, int]]:
    """(vendor, municipality, id) of the invoices ``ids`` (sorted, distinct) that exist.
    Ids that fill most of their range (a check of every invoice, or of most) are read
    as that range and kept by a set look-up: one index range scan, where writing them
    all into a temporary table to join first cost several times more (100,000 ids:
    ~0.35 s on SQLite, before any worker could start)."""
    from monitor.findings import screening
    from monitor.invoices.models import Invoice

    if not ids:
        return
    columns = (Invoice.vendor_id, Invoice.municipality_id, Invoice.id)
    if len(ids) * _DENSE >= ids[-1] - ids[0] + 1:
        wanted = set(ids)
        ranged = select(*columns).where(Invoice.id.between(ids[0], ids[-1]))
        for row in session.connection().execute(ranged):
            if row[2] in wanted:
                yield row[0], row[1], row[2]
        return
    with screening.ids_table(session, ids) as chosen:
        rows = session.execute(
            select(*columns).join(chosen, chosen.c.invoice_id == Invoice.id)
        ).all()
    for row in rows:
        yield row[0], row[1], row[2]


#: ids filling at least 1 / this of their range are read as the range
_DENSE = 2


#: what the server process that starts the workers imports once, before the first
#: worker: each worker starts from it with these modules in place
_PRELOAD = ["monitor.findings.parallel", "monitor.models"]


def start_early(workers: int) -> None:
    """Start the workers' server now (it imports what it preloads, ~0.5 s, while the
    caller goes on) when a check about to run may spread over ``workers`` processes
    and its workers will not be forked (:func:`forks`): ``check --all`` calls it before
    it reads which invoices to check, so the workers can start once the check begins
    instead of half a second later. An unused server waits idle and ends with this
    process."""
    if workers > 1 and not multiprocessing.current_process().daemon and not forks():
        start_server()


def forks() -> bool:
    """Whether the workers are forked from this process: where the platform forks and
    this process runs no other thread. A forked worker starts at once with every
    module the caller imported (from the server it waits for the server's imports,
    ~0.5 s, and spends that CPU again), and shares the caller's memory until either
    writes to it. Only a process of one thread forks safely: another thread may hold a
    lock (in SQLite, the logging module, a driver) that the copy would find held
    forever; where one runs (a web server's, a test runner's), the workers start from
    the ``forkserver``. A forked worker never uses what it inherits from the caller
    (its connections, sessions): it opens its own (:func:`_start`) and ends without
    closing them (``multiprocessing`` ends a forked child with ``os._exit``). SQLite
    keeps a process's locks on a file in memory the copy inherits: the caller forks
    holding none (it has only read, and a read ends with its statement: no ``BEGIN``
    before the first write), so each worker takes its own from the system, and the
    caller's later writes see them as another process's readers."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def start_server() -> Any:
    """The ``forkserver`` context the workers start from, its server started (it
    imports :data:`_PRELOAD`, ~0.5 s) without waiting: called before the caller's own
    preparations (``partition``), the two overlap."""
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    with _main_not_imported(), _same_code():
        forkserver.ensure_running()
    return context


@contextmanager
def _same_code() -> Iterator[None]:
    """Start the server so that it preloads this very package, wherever it runs from.
    Python 3.11's forkserver ignores the caller's ``sys.path`` and starts as ``python
    -c``, which puts the working directory first: run from a folder holding another
    copy of the package (a checkout of another version), it would preload that one,
    and the workers run what it preloaded. The server gets the folder this package was
    imported from first on its ``PYTHONPATH``, and no working directory
    (``PYTHONSAFEPATH``)."""
    import monitor

    root = os.path.dirname(os.path.dirname(os.path.abspath(monitor.__file__)))
    saved = {name: os.environ.get(name) for name in ("PYTHONPATH", "PYTHONSAFEPATH")}
    rest = saved["PYTHONPATH"]
    os.environ["PYTHONPATH"] = root + (os.pathsep + rest if rest else "")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def evaluate_parts(
    session: Session,
    parts: list[list[int]],
    *,
    configs: list[Any],
    today: date,
    allow_unconfirmed_terms: bool,
    omit: frozenset[str] = frozenset(),
    shared: Callable[[], Any] | None = None,
) -> Iterator[PartResult]:
    """Each part screened and evaluated in a worker process; the pieces each worker
    sends (:class:`PartResult`) are yielded as they arrive, so the caller stores one
    while the workers evaluate the next. Ends when every part has sent its last piece;
    a worker's error is raised here. ``shared``: computes, here, what every part's
    screen reads alike (``screening.shared_inputs``), once the workers have started:
    each receives it when its screen first needs it, having filled its invoices in the
    meantime."""
    url = session.get_bind().url.render_as_string(hide_password=False)
    forked = forks()
    context = multiprocessing.get_context("fork") if forked else start_server()
    pieces = context.Queue()
    inputs = context.Queue()
    # what a worker failed before reading is dropped at the end, not waited for
    inputs.cancel_join_thread()
    jobs = [
        (index, part, configs, today, allow_unconfirmed_terms, omit, shared is not None)
        for index, part in enumerate(parts)
    ]
    with ProcessPoolExecutor(
        max_workers=len(parts),
        mp_context=context,
        initializer=_start,
        initargs=(url, pieces, inputs),
    ) as pool:
        # every worker starts as its job is submitted: forked, at once and from this
        # thread (no other may run while it forks); from the server, once it has
        # imported what it preloads (~0.4 s): submitted from a thread, while this one
        # computes the shared inputs
        starting = _Submitting(pool, jobs, in_thread=not forked)
        try:
            if shared is not None:
                try:
                    value = shared()
                except BaseException:
                    for _ in jobs:  # each worker waiting for it stops
                        inputs.put(_NO_INPUTS)
                    raise
                for _ in jobs:
                    inputs.put(value)
            futures = starting.futures()
            yield from _pieces_of(session, pieces, futures, len(jobs))
        except BaseException:
            # a failure here (or in the caller storing a piece): parts not yet started
            # are dropped; the running ones end on their own (their pieces unread)
            starting.wait()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    pieces.close()
    inputs.close()


class _Submitting:
    """The jobs submitted to the pool from a thread of their own (their workers start
    meanwhile); :meth:`futures` waits for it, and raises what submitting raised."""

    def __init__(self, pool: ProcessPoolExecutor, jobs: list[Any], *, in_thread: bool) -> None:
        self._pool, self._jobs = pool, jobs
        self._futures: list[Any] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="prisvagt-workers", daemon=True)
        if in_thread:
            self._thread.start()
        else:
            self._run()

    def wait(self) -> None:
        if self._thread.ident is not None:  # started
            self._thread.join()

    def _run(self) -> None:
        try:
            with _main_not_imported():
                for job in self._jobs:
                    self._futures.append(self._pool.submit(_evaluate_part, job))
        except BaseException as error:  # noqa: BLE001 (raised in the caller's thread)
            self._error = error

    def futures(self) -> list[Any]:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._futures


#: sent instead of the shared inputs when the caller failed to compute them
_NO_INPUTS = "no shared inputs: the check failed in the calling process"
#: seconds a worker waits for the shared inputs before it gives up
INPUTS_TIMEOUT_S = 600.0


def _pieces_of(
    session: Session, pieces: Any, futures: list[Any], parts: int
) -> Iterator[PartResult]:
    """The workers' pieces as they arrive, until each of the ``parts`` has sent its
    last; between pieces, a look at whether a worker failed (or died), and, every
    :data:`KEEPALIVE_S`, a statement on the caller's transaction so that it is not left
    idle while a part takes long (PostgreSQL ends one idle for
    ``db_idle_in_transaction_timeout``)."""
    ended = 0
    waited = 0.0
    while ended < parts:
        try:
            piece = pieces.get(timeout=_POLL_S)
        except queue.Empty:
            piece = None
        if piece is None:
            for future in futures:
                if future.done() and future.exception() is not None:
                    raise future.exception()  # type: ignore[misc]
            waited += _POLL_S
            if waited >= KEEPALIVE_S:
                session.execute(text("SELECT 1"))
                waited = 0.0
            continue
        waited = 0.0
        ended += piece.done
        yield piece
    for future in futures:
        future.result()


#: seconds between looks at the workers while no piece arrives
_POLL_S = 0.25


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
_pieces: Any = None
_inputs: Any = None


def _start(url: str, pieces: Any, inputs: Any) -> None:
    global _engine, _pieces, _inputs
    _pieces, _inputs = pieces, inputs
    # what this worker sent and the caller has not read by the time the pool ends
    # (the check failed there) is dropped, instead of holding the worker's exit
    pieces.cancel_join_thread()
    import gc

    import monitor.models  # noqa: F401  (every table, for the foreign keys between them)
    from monitor.db import make_engine

    # the screen's temporary tables (a part's items, invoices and flagged lines) in
    # memory: PostgreSQL's default 8 MB of buffers for them wrote them out to disk
    _engine = make_engine(url, server_settings={"temp_buffers": WORKER_TEMP_BUFFERS})
    # what the worker holds from its start (modules, the tables' metadata) stays: the
    # collector's full passes over the part's hundreds of thousands of values need not
    # walk it again each time
    gc.freeze()


def _evaluate_part(
    job: tuple[int, list[int], list[Any], date, bool, frozenset[str], bool],
) -> None:
    """Screen and evaluate one part on this worker's own connection, sending the
    pieces to the caller as they are ready (:class:`PartResult`); nothing is written
    (the temporary tables go with the rolled-back transaction)."""
    import time

    import rules
    from monitor.db import session_factory
    from monitor.findings import bulk
    from monitor.findings.service import (
        encode_evidence,
        evaluate_batches,
        fewer_collections,
        plan_each_read,
    )

    index, ids, configs, today, allow, omit, sent = job
    assert _engine is not None and _pieces is not None
    shared = _received if sent else None
    session = session_factory(_engine)()
    timings: dict[str, float] = {}
    try:
        with rules.run_scope(), fewer_collections(len(ids)):
            t = time.perf_counter()
            flagged, lines = bulk.screen_for_check(
                session,
                invoice_ids=ids,
                configs=configs,
                allow_unconfirmed_terms=allow,
                omit=omit,
                shared=shared,
            )
            _pieces.put(PartResult(index, passed=list(session.scalars(bulk.passed_by_screen()))))
            timings["screen_s"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            plan_each_read(session, len(flagged))
            builder = bulk.ScreenedBuilder(session, today=today, allow_unconfirmed_terms=allow)
            piece: list[Evaluated] = []
            held = 0
            for evaluated in evaluate_batches(
                builder, sorted(flagged), configs, rules_for=flagged, lines_for=lines
            ):
                encode_evidence(evaluated)
                piece.append(evaluated)
                held += len(evaluated.targets)
                if held >= PIECE_INVOICES:
                    _pieces.put(PartResult(index, evaluated=piece))
                    piece, held = [], 0
            timings["evaluate_s"] = round(time.perf_counter() - t, 2)
        _pieces.put(
            PartResult(
                index,
                evaluated=piece,
                done=True,
                flagged=len(flagged),
                pid=os.getpid(),
                peak_kb=_peak_kb(),
                cpu_s=time.process_time(),
                timings=timings,
            )
        )
    finally:
        session.rollback()
        session.close()


def _received() -> Any:
    """The shared inputs the caller sends each part (:func:`evaluate_parts`)."""
    try:
        value = _inputs.get(timeout=INPUTS_TIMEOUT_S)
    except queue.Empty:
        raise RuntimeError(
            f"no shared inputs from the calling process in {INPUTS_TIMEOUT_S:.0f} s"
        ) from None
    if isinstance(value, str) and value == _NO_INPUTS:
        raise RuntimeError(value)
    return value


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

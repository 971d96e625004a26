"""Celery tasks, named ``domain.verb``. Each opens one transaction, calls one service,
commits, then enqueues the next step.

Every task is safe to run twice (a redelivery after a worker died): the services
are idempotent, and a task that finds its work done re-enqueues the next step, so
a crash between commit and enqueue loses nothing. Transient errors (a database
that is locked or gone, a provider that says "later") are retried with exponential
backoff and jitter; nothing else is retried.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn

from celery import Task
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from monitor.alerts.service import backoff_seconds
from monitor.db import session_factory, transaction
from monitor.errors import DeliveryError, InputError
from workers.celery_app import app

log = logging.getLogger("prisvagt.tasks")
MAX_RETRIES = 8
#: a lost connection, a locked SQLite file, a deadlock; or a unique key raced by a
#: duplicate delivery of the same task (the retry then finds the work done)
TRANSIENT_DB = (OperationalError, IntegrityError)
#: anything else a document's reading raises is the document's own problem (poison):
#: marked failed, not retried (the soft time limit too: the error names it); a process
#: killed by the hard time limit or the kernel raises nothing and is not caught here
POISON = (Exception,)


class PipelineTask(Task):  # type: ignore[misc]
    """Late acknowledgement; ``id_params`` names the ids that go into each log line."""

    abstract = True
    acks_late = True
    reject_on_worker_lost = True
    id_params: tuple[str, ...] = ()

    def retry_transient(self, exc: BaseException, *, retry_after: float | None = None) -> NoReturn:
        """Retry later with backoff and jitter; in-process (no broker), fail at once."""
        if self.request.is_eager:
            raise exc
        countdown = backoff_seconds(self.request.retries + 1, retry_after=retry_after)
        raise self.retry(exc=exc, countdown=countdown, max_retries=MAX_RETRIES)


def _task(name: str, *id_params: str, **options: Any) -> Any:
    return app.task(name=name, bind=True, base=PipelineTask, id_params=id_params, **options)


@_task("documents.ingest", "path")
def ingest_document(self: PipelineTask, path: str, filename: str | None = None) -> int | None:
    """Store a file the scheduler claimed from the inbox, then queue its parsing. The
    file moves to ``processed/`` once that is done, or to ``rejected/`` with
    ``<name>.reason.txt`` when it is refused (not a regular file, too large, neither a
    contract nor an invoice)."""
    from monitor.documents.service import ingest_file, read_regular_file
    from monitor.settings import get_settings
    from workers.jobs import PROCESSED, REJECTED, set_aside

    source = Path(path)
    settings = get_settings()
    inbox = settings.inbox_dir
    if not source.exists() and not source.is_symlink():
        log.info("inbox file already handled", extra={"path": path})
        return None
    name = filename or source.name
    max_bytes = settings.max_upload_mb * 1024 * 1024
    try:
        data = read_regular_file(source, max_bytes=max_bytes)
        with transaction() as session:
            result = ingest_file(
                session, data=data, filename=name, source="inbox", max_bytes=max_bytes
            )
    except TRANSIENT_DB as exc:
        self.retry_transient(exc)
    except InputError as exc:
        reason = exc.message if exc.file else exc.describe()
        set_aside(source, inbox / REJECTED, reason=f"{name}: {reason}")
        log.warning("inbox file refused", extra={"path": path, "error": str(exc)})
        return None
    step = extract_contract if result.kind == "contract" else parse_invoice
    step.delay(result.document_id)
    set_aside(source, inbox / PROCESSED)
    return result.document_id


@_task("contracts.extract", "document_id")
def extract_contract(self: PipelineTask, document_id: int) -> int | None:
    """Extract a contract; then check the invoices it now covers."""
    from monitor.contracts import service
    from monitor.invoices.models import Invoice
    from monitor.invoices.service import reassign_unassigned

    if not _begin_reading(self, document_id):
        return None
    try:
        with transaction() as session:
            outcome = service.extract(session, document_id=document_id)
            to_check = set(reassign_unassigned(session))
            contract = _contract(session, outcome.contract_id)
            if contract is not None and contract.vendor_id and contract.municipality_id:
                to_check.update(
                    session.scalars(
                        select(Invoice.id).where(
                            Invoice.vendor_id == contract.vendor_id,
                            Invoice.municipality_id == contract.municipality_id,
                            Invoice.status.in_(("assigned", "checked")),
                        )
                    )
                )
    except TRANSIENT_DB as exc:
        _reading_not_begun(document_id)
        self.retry_transient(exc)
    except POISON as exc:
        _document_failed(document_id, exc)
        return None
    for invoice_id in sorted(to_check):
        check_invoice.delay(invoice_id)
    return outcome.contract_id


def _document_failed(document_id: int, exc: BaseException) -> None:
    """A poison document (a reader's defect, a value the database refuses): its
    transaction is rolled back, and in a new one it is marked failed with the error,
    so it is shown, not retried by the sweeps forever, and the next document goes on.
    Its bytes stay stored."""
    from monitor.documents.models import Document
    from monitor.documents.service import mark_failed

    error = f"could not be read: {type(exc).__name__}: {exc}"[:4000]
    log.error("document failed", extra={"document_id": document_id, "error": error},
              exc_info=exc)  # fmt: skip
    with transaction() as session:
        doc = session.get(Document, document_id)
        if doc is not None and doc.status == "received":
            mark_failed(doc, reason="unexpected_error", error=error)


def _contract(session: Any, contract_id: int | None) -> Any:
    from monitor.contracts.models import Contract

    return session.get(Contract, contract_id) if contract_id else None


def _begin_reading(task: PipelineTask, document_id: int) -> bool:
    """Count the reading before it begins (committed): a worker killed while reading
    leaves it counted, and a document whose readings were killed too often is
    quarantined instead of read again (False)."""
    from monitor.documents.service import begin_reading
    from monitor.settings import get_settings

    try:
        with transaction() as session:
            go = begin_reading(
                session, document_id=document_id, max_crashes=get_settings().max_parse_crashes
            )
    except TRANSIENT_DB as exc:
        task.retry_transient(exc)
    if not go:
        log.warning("document quarantined, not read", extra={"document_id": document_id})
    return go


def _reading_not_begun(document_id: int) -> None:
    from monitor.documents.service import reading_not_begun

    try:
        with transaction() as session:
            reading_not_begun(session, document_id=document_id)
    except TRANSIENT_DB as exc:  # the database is still away: the count stays, one too many
        log.warning("reading count not taken back", extra={"error": str(exc)})


@_task("invoices.parse", "document_id")
def parse_invoice(self: PipelineTask, document_id: int) -> list[int]:
    from monitor.db import utcnow
    from monitor.findings.credits import credited_invoices
    from monitor.findings.service import peer_dependents
    from monitor.invoices import rechecks, service
    from monitor.settings import get_settings

    if not _begin_reading(self, document_id):
        return []
    debounce = timedelta(seconds=get_settings().recheck_debounce_seconds)
    try:
        with transaction() as session:
            invoice_ids = service.parse(session, document_id=document_id)
            # other municipalities' invoices whose price comparison these prices change:
            # asked for once each, checked once after the burst (invoices.recheck_peers)
            dependents = peer_dependents(session, invoice_ids=invoice_ids) if invoice_ids else []
            # and the invoices these credit notes credit: what they credit is set off
            dependents += credited_invoices(session, invoice_ids=invoice_ids) if invoice_ids else []
            if dependents:
                rechecks.request(session, invoice_ids=dependents, now=utcnow(), debounce=debounce)
    except TRANSIENT_DB as exc:
        _reading_not_begun(document_id)
        self.retry_transient(exc)
    except POISON as exc:
        _document_failed(document_id, exc)
        return []
    for invoice_id in invoice_ids:
        check_invoice.delay(invoice_id)
    if dependents:
        _flush_rechecks_later(debounce)
    return invoice_ids


#: in-process (no broker) bursts in progress in this thread: their re-checks of peers
#: wait for the end of the burst (:func:`coalesced_rechecks`)
_bursts = threading.local()


@contextmanager
def coalesced_rechecks() -> Iterator[None]:
    """A burst of documents (a CLI ingest, the demo): without a broker, peers asked to
    be re-checked during it are checked once, at its end. With a broker, the
    debounce (``PRISVAGT_RECHECK_DEBOUNCE_SECONDS``) does this, and this does nothing."""
    depth = getattr(_bursts, "depth", 0)
    _bursts.depth = depth + 1
    try:
        yield
    finally:
        _bursts.depth = depth
    if depth == 0 and app.conf.task_always_eager:
        recheck_peers.delay(everything=True)


def _flush_rechecks_later(debounce: timedelta) -> None:
    if not app.conf.task_always_eager:
        # a little after the debounce, so the rows this burst moved on are due by then
        recheck_peers.apply_async(countdown=debounce.total_seconds() + 0.5)
    elif not getattr(_bursts, "depth", 0):
        recheck_peers.delay(everything=True)


@_task("invoices.recheck_peers")
def recheck_peers(self: PipelineTask, everything: bool = False) -> list[int]:
    """Check the invoices whose re-check is due, one task each; the rows are taken
    (removed) first, so two of these never queue the same re-check."""
    from monitor.db import utcnow
    from monitor.invoices import rechecks
    from monitor.settings import get_settings

    longest = timedelta(seconds=get_settings().recheck_longest_wait_seconds)
    try:
        with transaction() as session:
            due = rechecks.take_due(
                session, now=utcnow(), longest_wait=longest, everything=everything
            )
    except TRANSIENT_DB as exc:
        self.retry_transient(exc)
    for invoice_id in due:
        check_invoice.delay(invoice_id)
    return due


@_task("invoices.check", "invoice_id")
def check_invoice(self: PipelineTask, invoice_id: int) -> list[int]:
    """Check an invoice; dispatch its new alerts, and any an earlier run left pending.

    A check that raises (anything but a transient database error), or whose transient
    error outlasts ``MAX_RETRIES`` retries, leaves the invoice ``check_failed`` with
    its error: shown, not retried by the sweeps, re-checked by hand
    (``prisvagt check --invoice ID``)."""
    from monitor.alerts import repository as alerts
    from monitor.findings import service

    try:
        with transaction() as session:
            result = service.check_invoice(session, invoice_id=invoice_id)
            alert_ids = sorted(
                set(result.alert_ids) | set(alerts.pending_for_invoice(session, invoice_id))
            )
    except TRANSIENT_DB as exc:
        if self.request.retries >= MAX_RETRIES:
            _check_failed(invoice_id, exc, attempts=self.request.retries + 1)
            return []
        self.retry_transient(exc)
    except POISON as exc:
        _check_failed(invoice_id, exc)
        if self.request.is_eager:
            raise  # in-process (the CLI, the web): the caller reports it too
        return []
    for alert_id in alert_ids:
        dispatch_alert.delay(alert_id)
    return alert_ids


def _check_failed(invoice_id: int, exc: BaseException, *, attempts: int = 1) -> None:
    """Mark the invoice ``check_failed`` with the error, in a transaction of its own
    (the check's was rolled back: no finding or alert of the failed run is kept)."""
    from monitor.invoices.service import mark_check_failed

    error = f"{type(exc).__name__}: {exc}"
    if attempts > 1:
        error = f"gave up after {attempts} attempts: {error}"
    log.error("invoice check failed", extra={"invoice_id": invoice_id, "error": error[:4000]},
              exc_info=exc)  # fmt: skip
    try:
        with transaction() as session:
            mark_check_failed(session, invoice_id=invoice_id, error=error)
    except OperationalError:  # the database is gone: the sweep finds it still assigned
        log.exception("could not record the failed check", extra={"invoice_id": invoice_id})


#: from this many invoices on, a re-check runs as one bulk task instead of one task per
#: invoice
BULK_MIN_INVOICES = 50


def queue_checks(invoice_ids: list[int]) -> None:
    """Queue checks of these invoices: one bulk task for many, one task each for few."""
    if len(invoice_ids) >= BULK_MIN_INVOICES:
        check_many.delay(list(invoice_ids))
        return
    for invoice_id in invoice_ids:
        check_invoice.delay(invoice_id)


@_task("invoices.check_many")
def check_many(self: PipelineTask, invoice_ids: list[int]) -> list[int]:
    """Check many invoices in one transaction (``check --all``, a re-check after a rule
    change): the same findings as checking each, without a task per invoice; from
    ``SCREEN_MIN_INVOICES`` on, only the invoices the SQL screen flags are evaluated in
    Python (``monitor.findings.bulk.check_many``), over the machine's cores when it runs
    in-process (``monitor.findings.parallel``). When the bulk check raises (anything but a transient database error), each invoice
    is queued on its own, so that one bad invoice marks only itself ``check_failed``."""
    from monitor.findings.bulk import check_many as check
    from monitor.findings.parallel import default_workers

    try:
        with transaction() as session:  # nothing written before: workers may read too
            result = check(session, invoice_ids=invoice_ids, workers=default_workers())
    except TRANSIENT_DB as exc:
        self.retry_transient(exc)
    except POISON as exc:
        log.warning("bulk check failed, checking one by one", extra={"error": str(exc)[:4000]})
        for invoice_id in invoice_ids:
            check_invoice.delay(invoice_id)
        return []
    for alert_id in result.alert_ids:
        dispatch_alert.delay(alert_id)
    return list(result.alert_ids)


@_task("alerts.dispatch", "alert_id")
def dispatch_alert(self: PipelineTask, alert_id: int) -> str:
    """Send one alert. A transient failure is committed (attempt, error, next attempt)
    before the retry is scheduled, so the UI shows it."""
    from monitor.alerts import service

    session = session_factory()()
    try:
        status = service.dispatch(session, alert_id=alert_id)
        session.commit()
    except DeliveryError as exc:
        session.commit()  # the recorded attempt is data
        if self.request.is_eager:
            return "pending"  # ``prisvagt alerts send`` or the scheduler tries again
        self.retry_transient(exc, retry_after=exc.retry_after)
    except TRANSIENT_DB as exc:
        session.rollback()
        self.retry_transient(exc)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return status


@_task("alerts.queue_digest", "day")
def queue_digest(self: PipelineTask, day: str) -> list[int]:
    """The daily digest of ``day`` (ISO date): queue one alert row per recipient (the
    contacts and the finance users who take that severity in the digest), commit, then
    enqueue their dispatch. Safe to run twice: a digest already queued is not again."""
    from datetime import date

    from workers import jobs

    try:
        with transaction() as session:
            ids = jobs.queue_digests(session, day=date.fromisoformat(day))
    except TRANSIENT_DB as exc:
        self.retry_transient(exc)
    for alert_id in ids:
        dispatch_alert.delay(alert_id)
    return ids


def send_task(name: str, args: list[object]) -> None:
    """Queue the task named ``name`` (the outbox relay's way to send a row)."""
    app.tasks[name].delay(*args)

"""``prisvagt scheduler``: APScheduler 3 with its job store in the application database.

The jobs only enqueue tasks (see ``workers.jobs`` for each step). A lease row in the
database (``monitor.scheduling``) makes one scheduler process the leader: a second
scheduler started by mistake, or as a standby, skips every job until the leader's
lease expires.
"""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from monitor.db import get_engine, transaction
from monitor.scheduling import service as leases
from monitor.scheduling.models import ensure_tables
from monitor.settings import get_settings
from workers import jobs

log = logging.getLogger("prisvagt.scheduler")
LEASE = "prisvagt-scheduler"
LEASE_TTL = timedelta(seconds=30)
TIMEZONE = ZoneInfo("Europe/Copenhagen")
OWNER = leases.new_owner()


@dataclass(frozen=True, slots=True)
class ScheduleConfig:
    poll_seconds: float = 1.0
    relay_seconds: float = 30.0
    outbox_seconds: float = 2.0
    recheck_hour: int = 2
    digest_hour: int = 7
    reminder_hour: int = 7
    reminder_days: int = 30
    cleanup_hour: int = 3
    keep_days: int = 30

    @classmethod
    def from_env(cls) -> ScheduleConfig:
        """``PRISVAGT_INBOX_POLL_SECONDS`` and ``PRISVAGT_REMINDER_DAYS`` override the
        defaults (read through the settings: a bad value names the variable)."""
        from monitor.settings import load_settings

        settings = load_settings()
        return cls(poll_seconds=settings.inbox_poll_seconds, reminder_days=settings.reminder_days)


def _now() -> datetime:
    return datetime.now(UTC)


def is_leader(now: datetime | None = None) -> bool:
    """Take or renew the lease; False while another scheduler holds it."""
    with transaction() as session:
        return leases.acquire(session, name=LEASE, owner=OWNER, now=now or _now(), ttl=LEASE_TTL)


# -- the jobs as APScheduler runs them (module-level: the job store keeps references) ---


def poll_inbox_job() -> None:
    from workers.tasks import ingest_document

    if is_leader():
        jobs.poll_inbox(get_settings().inbox_dir, enqueue=ingest_document.delay)


def outbox_job() -> None:
    """Queue the tasks of outbox rows their writer left behind (it crashed after its
    commit): a document uploaded to a web process that died is read seconds later."""
    from workers.celery_app import app
    from workers.tasks import send_task

    if is_leader():
        jobs.relay_outbox(now=_now(), send=send_task,
                          send_after_commit=bool(app.conf.task_always_eager))  # fmt: skip


def relay_job() -> None:
    from workers.tasks import (
        check_invoice,
        dispatch_alert,
        extract_contract,
        ingest_document,
        parse_invoice,
        recheck_peers,
    )

    if not is_leader():
        return
    now = _now()
    jobs.requeue_stale_claims(get_settings().inbox_dir, enqueue=ingest_document.delay)
    with transaction() as session:
        alert_ids = jobs.relay_alerts(session, now=now)
        documents = jobs.stuck_documents(session, now=now)
        invoices = jobs.unchecked_invoices(session, now=now)
    for alert_id in alert_ids:
        dispatch_alert.delay(alert_id)
    for document_id, kind in documents:
        (extract_contract if kind == "contract" else parse_invoice).delay(document_id)
    for invoice_id in invoices:
        check_invoice.delay(invoice_id)
    recheck_peers.delay()  # peer re-checks due whose own task was lost


def recheck_job() -> None:
    from workers.tasks import check_invoice

    if not is_leader():
        return
    with transaction() as session:
        ids = jobs.invoices_to_recheck(session, today=datetime.now(TIMEZONE).date())
    for invoice_id in ids:
        check_invoice.delay(invoice_id)
    log.info("nightly re-check queued", extra={"invoices": len(ids)})


def digest_job() -> None:
    """Only enqueues the day's digest task (``alerts.queue_digest``): a worker collects
    each recipient's findings and sends."""
    from workers.tasks import queue_digest

    if is_leader():
        queue_digest.delay(datetime.now(TIMEZONE).date().isoformat())


def reminder_job(days_ahead: int = 30) -> None:
    from workers.tasks import dispatch_alert

    if not is_leader():
        return
    with transaction() as session:
        ids = jobs.queue_reminders(
            session, today=datetime.now(TIMEZONE).date(), days_ahead=days_ahead
        )
    for alert_id in ids:
        dispatch_alert.delay(alert_id)


def cleanup_job(keep_days: int = 30) -> None:
    if not is_leader():
        return
    with transaction() as session:
        removed = jobs.clean_up(
            session, now=_now(), inbox_dir=get_settings().inbox_dir, keep_days=keep_days
        )
    log.info("clean-up done", extra=removed)


def add_jobs(scheduler: BaseScheduler, config: ScheduleConfig) -> None:
    """(Re)declare every job; ``replace_existing`` applies a changed configuration."""
    here = __name__
    add = scheduler.add_job
    add(f"{here}:poll_inbox_job", "interval", seconds=config.poll_seconds, id="poll_inbox",
        replace_existing=True, misfire_grace_time=5)  # fmt: skip
    add(f"{here}:outbox_job", "interval", seconds=config.outbox_seconds, id="outbox",
        replace_existing=True, misfire_grace_time=5)  # fmt: skip
    add(f"{here}:relay_job", "interval", seconds=config.relay_seconds, id="relay",
        replace_existing=True)  # fmt: skip
    add(f"{here}:recheck_job", "cron", hour=config.recheck_hour, minute=0, id="nightly_recheck",
        replace_existing=True)  # fmt: skip
    add(f"{here}:digest_job", "cron", hour=config.digest_hour, minute=0, id="daily_digest",
        replace_existing=True)  # fmt: skip
    add(f"{here}:reminder_job", "cron", hour=config.reminder_hour, minute=5, id="reminders",
        kwargs={"days_ahead": config.reminder_days}, replace_existing=True)  # fmt: skip
    add(f"{here}:cleanup_job", "cron", hour=config.cleanup_hour, minute=30, id="cleanup",
        kwargs={"keep_days": config.keep_days}, replace_existing=True)  # fmt: skip


def build_scheduler(
    config: ScheduleConfig | None = None, *, blocking: bool = True
) -> BaseScheduler:
    """A scheduler whose jobs live in the application database."""
    from apscheduler.schedulers.background import BackgroundScheduler

    engine = get_engine()
    ensure_tables(engine)
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename="apscheduler_jobs")},
        executors={"default": ThreadPoolExecutor(4)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        timezone=TIMEZONE,
    )
    add_jobs(scheduler, config or ScheduleConfig())
    return scheduler


def run_scheduler(config: ScheduleConfig | None = None) -> None:
    """Run until interrupted (``prisvagt scheduler``). Releases the lease on exit."""
    from workers import logs
    from workers.celery_app import require_transport

    if get_settings().broker_url:
        require_transport(get_settings().broker_url)  # before the first poll, not on each
    logs.configure()
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    scheduler = build_scheduler(config or ScheduleConfig.from_env())
    log.info("scheduler starting", extra={"owner": OWNER})
    # ``docker stop`` and process managers send SIGTERM: stop as on Ctrl+C, so the
    # lease is released and a successor does not wait for it to expire
    signal.signal(signal.SIGTERM, lambda _sig, _frame: sys.exit(0))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        with transaction() as session:
            leases.release(session, name=LEASE, owner=OWNER)

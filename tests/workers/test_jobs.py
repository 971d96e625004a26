"""The scheduler's job steps with a fixed clock, and the lease between schedulers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from monitor.db import get_engine, transaction
from monitor.scheduling import service as leases
from monitor.scheduling.models import drop_tables, ensure_tables
from tests.alerts.factories import finding, world
from workers import jobs

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
T = NOW.timestamp()


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def __call__(self, *args: object) -> None:
        self.calls.append(args)


@pytest.fixture
def scheduling_tables(app_env: object) -> Iterator[None]:
    engine = get_engine()
    ensure_tables(engine)
    yield
    drop_tables(engine)  # leave the shared PostgreSQL database as the migrations made it


def touch(path: Path, data: bytes = b"<Invoice/>", mtime: float = T - 10) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (mtime, mtime))
    return path


def test_the_inbox_poll_claims_each_file_once_and_enqueues_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    touch(inbox / "a.xml")
    touch(inbox / "b.pdf")
    touch(inbox / ".hidden.xml")
    touch(inbox / "c.xml.part")
    enqueue = Recorder()
    claimed = jobs.poll_inbox(inbox, enqueue=enqueue, now=T)
    assert [name for _, name in enqueue.calls] == ["a.xml", "b.pdf"]
    assert all(p.parent == inbox / ".queued" and p.exists() for p in claimed)
    assert jobs.poll_inbox(inbox, enqueue=enqueue, now=T) == []  # nothing new
    assert len(enqueue.calls) == 2


def test_a_file_still_being_written_waits_for_the_next_round(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    touch(inbox / "fresh.xml", mtime=T - 0.1)
    enqueue = Recorder()
    assert jobs.poll_inbox(inbox, enqueue=enqueue, now=T, settle_seconds=1.0) == []
    assert len(jobs.poll_inbox(inbox, enqueue=enqueue, now=T + 2, settle_seconds=1.0)) == 1


def test_claims_whose_task_was_lost_are_enqueued_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    touch(inbox / ".queued" / "123-9-old.xml", mtime=T - 600)
    touch(inbox / ".queued" / "124-9-new.xml", mtime=T - 10)
    enqueue = Recorder()
    jobs.requeue_stale_claims(inbox, enqueue=enqueue, now=T, older_than=300)
    assert enqueue.calls == [(str(inbox / ".queued" / "123-9-old.xml"), "old.xml")]


def test_the_nightly_recheck_takes_unpaid_invoices_and_those_checked_before_a_rule_change(
    app_env: object,
) -> None:
    from monitor.rulesets.models import RuleConfiguration

    with transaction() as s:
        w = world(s)
        w.invoice.due_date = date(2026, 12, 2)
        paid = world(s, code="101", invoice_number="F-OLD")
        paid.invoice.due_date = date(2026, 10, 1)
        paid.invoice.status = "checked"
        paid.invoice.checked_at = NOW - timedelta(days=30)
        ids = (w.invoice.id, paid.invoice.id)
    with transaction() as s:
        assert jobs.invoices_to_recheck(s, today=date(2026, 11, 23)) == [ids[0]]
        s.add(RuleConfiguration(rule_id="price_above_agreed", changed_at=NOW - timedelta(days=1)))
    with transaction() as s:
        assert jobs.invoices_to_recheck(s, today=date(2026, 11, 23)) == sorted(ids)


def test_the_relay_picks_up_alerts_whose_task_was_lost(app_env: object) -> None:
    from monitor.alerts.service import queue_alerts

    with transaction() as s:
        w = world(s)
        alert = queue_alerts(s, findings=[finding(s, w)])[0]
        alert.created_at = NOW - timedelta(minutes=1)
        alert_id = alert.id
    with transaction() as s:
        assert jobs.relay_alerts(s, now=NOW) == []  # its task may still be on its way
        assert jobs.relay_alerts(s, now=NOW + timedelta(minutes=5)) == [alert_id]


def test_digest_and_reminder_steps_queue_once_per_day(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        w.contract.expiry_date = date(2026, 12, 10)
        finding(s, w, severity="low").created_at = NOW
    with transaction() as s:
        assert len(jobs.queue_digests(s, day=date(2026, 11, 23))) == 2
        assert len(jobs.queue_reminders(s, today=date(2026, 11, 23), days_ahead=30)) == 2
    with transaction() as s:
        assert jobs.queue_digests(s, day=date(2026, 11, 23)) == []
        assert jobs.queue_reminders(s, today=date(2026, 11, 24), days_ahead=30) == []


def test_one_scheduler_holds_the_lease_until_it_expires(scheduling_tables: None) -> None:
    ttl = timedelta(seconds=30)
    with transaction() as s:
        assert leases.acquire(s, name="x", owner="a", now=NOW, ttl=ttl)
    with transaction() as s:
        assert not leases.acquire(s, name="x", owner="b", now=NOW + timedelta(seconds=5), ttl=ttl)
        assert leases.acquire(s, name="x", owner="a", now=NOW + timedelta(seconds=20), ttl=ttl)
    with transaction() as s:
        assert not leases.acquire(s, name="x", owner="b", now=NOW + timedelta(seconds=45), ttl=ttl)
        assert leases.acquire(s, name="x", owner="b", now=NOW + timedelta(seconds=51), ttl=ttl)
        assert leases.holder(s, name="x").owner == "b"


def test_clean_up_removes_old_processed_files_and_expired_leases(
    scheduling_tables: None, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    old = touch(inbox / "processed" / "1-old.xml", mtime=T - 40 * 86400)
    new = touch(inbox / "processed" / "2-new.xml", mtime=T - 86400)
    failed = touch(inbox / "failed" / "3-bad.xml", mtime=T - 40 * 86400)
    with transaction() as s:
        leases.acquire(s, name="gone", owner="a", now=NOW - timedelta(days=3))
    with transaction() as s:
        removed = jobs.clean_up(s, now=NOW, inbox_dir=inbox, keep_days=30)
    assert removed == {"inbox_files": 1, "leases": 1}
    assert (old.exists(), new.exists(), failed.exists()) == (False, True, True)


def test_the_relay_finds_invoices_stored_but_never_checked(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        w.invoice.status = "assigned"
        w.invoice.received_at = NOW - timedelta(minutes=30)
        checked = world(s, code="101", invoice_number="F-2")
        checked.invoice.status = "checked"
        checked.invoice.received_at = NOW - timedelta(minutes=30)
        invoice_id = w.invoice.id
    with transaction() as s:
        assert jobs.unchecked_invoices(s, now=NOW) == [invoice_id]
        assert jobs.unchecked_invoices(s, now=NOW - timedelta(minutes=25)) == []

"""The APScheduler process: jobs kept in the application database, and the lease
that keeps a second scheduler from running them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from monitor.db import get_engine, transaction
from monitor.scheduling import service as leases
from monitor.scheduling.models import drop_tables
from workers import scheduler


@pytest.fixture
def scheduling(app_env: object) -> Iterator[object]:
    yield app_env
    engine = get_engine()
    drop_tables(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))


def test_the_jobs_are_stored_in_the_application_database(scheduling: object) -> None:
    sched = scheduler.build_scheduler(scheduler.ScheduleConfig(poll_seconds=2.5), blocking=False)
    sched.start(paused=True)
    try:
        with get_engine().connect() as conn:
            ids = set(conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
        assert ids == {"poll_inbox", "outbox", "relay", "nightly_recheck", "daily_digest", "reminders",
                       "cleanup"}  # fmt: skip
        poll = sched.get_job("poll_inbox")
        assert poll.trigger.interval == timedelta(seconds=2.5)
        digest = sched.get_job("daily_digest")
        assert str(digest.trigger.fields[5]) == "7"  # hour, Copenhagen time
    finally:
        sched.shutdown(wait=False)
    # a restart with another configuration replaces the stored jobs, not duplicates them
    again = scheduler.build_scheduler(scheduler.ScheduleConfig(poll_seconds=1), blocking=False)
    again.start(paused=True)
    try:
        assert len(again.get_jobs()) == 7
        assert again.get_job("poll_inbox").trigger.interval == timedelta(seconds=1)
    finally:
        again.shutdown(wait=False)


def test_a_second_scheduler_runs_no_job_while_the_first_holds_the_lease(
    scheduling: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.scheduling.models import ensure_tables

    ensure_tables(get_engine())
    now = datetime.now(UTC)
    with transaction() as s:
        assert leases.acquire(s, name=scheduler.LEASE, owner="the-other-one", now=now)
    inbox = scheduling.inbox_dir  # type: ignore[attr-defined]
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "notes.bin").write_bytes(b"\x00 not a document")
    scheduler.poll_inbox_job()
    assert (inbox / "notes.bin").exists()  # untouched: not the leader
    # the other scheduler died: once its lease expires, this one takes over
    monkeypatch.setattr(scheduler, "_now", lambda: now + timedelta(seconds=31))
    scheduler.poll_inbox_job()
    assert not (inbox / "notes.bin").exists()
    with transaction() as s:
        assert leases.holder(s, name=scheduler.LEASE).owner == scheduler.OWNER

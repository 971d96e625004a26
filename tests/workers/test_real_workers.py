"""Real worker processes on the machine's Redis and RabbitMQ, emailing the fake
SendGrid through the real client: the fault cases of issue 5."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from monitor.alerts.models import Alert
from monitor.alerts.service import queue_alerts
from monitor.db import transaction
from tests.alerts.factories import finding, world
from tests.alerts.fake_sendgrid import FakeSendGrid
from tests.conftest import long_test
from tests.workers.harness import Stack, drop_in_inbox

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]
#: a worker killed or a send failing on purpose
FAULT_RUN = long_test("faults", "a fault run with real workers")


EVERY = [
    pytest.param(("redis", "sqlite"), id="redis-sqlite", marks=pytest.mark.redis),
    pytest.param(("redis", "postgresql"), id="redis-pg", marks=[pytest.mark.redis, pytest.mark.postgres]),
    pytest.param(("rabbitmq", "sqlite"), id="rabbitmq-sqlite", marks=pytest.mark.rabbitmq),
    pytest.param(("rabbitmq", "postgresql"), id="rabbitmq-pg", marks=[pytest.mark.rabbitmq, pytest.mark.postgres]),
]  # fmt: skip
ONE_DB_EACH = [EVERY[1], EVERY[2]]


def queued_alert() -> int:
    with transaction() as s:
        w = world(s)
        return queue_alerts(s, findings=[finding(s, w)])[0].id


def alert_row(alert_id: int) -> Alert:
    with transaction() as s:
        alert = s.get(Alert, alert_id)
        assert alert is not None
        return alert


def wait_for_status(alert_id: int, status: str, timeout: float = 30.0) -> Alert:
    """The fake records an email before the worker commits: wait for the commit."""
    deadline = time.monotonic() + timeout
    alert = alert_row(alert_id)
    while alert.status != status and time.monotonic() < deadline:
        time.sleep(0.2)
        alert = alert_row(alert_id)
    return alert


def settle(fake: FakeSendGrid, seconds: float = 2.0) -> None:
    """Give a duplicate the chance to show up before counting."""
    time.sleep(seconds)


@pytest.mark.parametrize("stack", EVERY, indirect=True)
def test_a_file_dropped_in_the_inbox_becomes_one_email(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    from tests.workers.world import invoice, seed

    with transaction() as s:
        seed(s)
    stack.start_worker("worker")
    stack.start_scheduler()
    drop_in_inbox(stack.inbox, "F-2026-0100.xml", invoice("F-2026-0100"))
    accepted = fake_sendgrid.wait_for(1, timeout=60)
    assert len(accepted) == 1, stack.log("worker")[-4000:]
    settle(fake_sendgrid)
    assert fake_sendgrid.recipients() == ["oekonomi@aarhus.example.dk"]
    assert "F-2026-0100" in fake_sendgrid.accepted[0]["subject"]
    with transaction() as s:
        alerts = s.scalars(select(Alert)).all()
        assert [(a.status, a.attempts) for a in alerts] == [("sent", 1)]
        assert alerts[0].provider_message_id
    assert not list(stack.inbox.glob("*.xml"))
    assert len(list((stack.inbox / "processed").iterdir())) == 1


@FAULT_RUN
@pytest.mark.parametrize("stack", EVERY, indirect=True)
def test_a_worker_killed_mid_send_has_its_task_redelivered_and_sent_once(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    alert_id = queued_alert()
    # The first request hangs at the provider, unprocessed: the worker is mid-task.
    fake_sendgrid.script("stall", seconds=60)
    stack.start_worker("doomed")
    producer = stack.producer()
    producer.send_task("alerts.dispatch", args=[alert_id])
    assert fake_sendgrid.wait_for_requests(1, timeout=30) >= 1
    stack.kill("doomed")
    stack.start_worker("heir")
    accepted = fake_sendgrid.wait_for(1, timeout=60)
    assert len(accepted) == 1, stack.log("heir")[-4000:]
    settle(fake_sendgrid)
    assert len(fake_sendgrid.accepted) == 1
    alert = alert_row(alert_id)
    assert (alert.status, alert.attempts) == ("sent", 1)  # the killed attempt rolled back
    producer.close()


@FAULT_RUN
@pytest.mark.parametrize("stack", ONE_DB_EACH, indirect=True)
def test_a_pool_process_killed_mid_send_is_replaced_and_the_task_sent_once(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    """``reject_on_worker_lost``: the worker itself survives and requeues the task."""
    import os
    import signal

    alert_id = queued_alert()
    fake_sendgrid.script("stall", seconds=60)
    stack.start_worker("worker", pool="prefork", concurrency=1)
    producer = stack.producer()
    producer.send_task("alerts.dispatch", args=[alert_id])
    assert fake_sendgrid.wait_for_requests(1, timeout=30) >= 1
    (child,) = stack.children("worker")
    os.kill(child, signal.SIGKILL)
    accepted = fake_sendgrid.wait_for(1, timeout=60)
    assert len(accepted) == 1, stack.log("worker")[-4000:]
    settle(fake_sendgrid)
    assert len(fake_sendgrid.accepted) == 1
    assert "WorkerLostError" in stack.log("worker")
    alert = wait_for_status(alert_id, "sent")
    assert (alert.status, alert.attempts) == ("sent", 1)
    producer.close()


@FAULT_RUN
@pytest.mark.parametrize("stack", ONE_DB_EACH, indirect=True)
def test_429_then_202_yields_exactly_one_email(stack: Stack, fake_sendgrid: FakeSendGrid) -> None:
    alert_id = queued_alert()
    fake_sendgrid.script(429, retry_after=1)
    stack.start_worker("worker")
    producer = stack.producer()
    producer.send_task("alerts.dispatch", args=[alert_id])
    assert len(fake_sendgrid.wait_for(1, timeout=60)) == 1, stack.log("worker")[-4000:]
    settle(fake_sendgrid)
    assert len(fake_sendgrid.accepted) == 1
    assert [status for status, _ in fake_sendgrid.rejected] == [429]
    alert = alert_row(alert_id)
    assert (alert.status, alert.attempts) == ("sent", 2)
    assert alert.last_error is None
    producer.close()


@FAULT_RUN
@pytest.mark.parametrize("stack", ONE_DB_EACH, indirect=True)
def test_401_fails_the_alert_once_with_the_error_stored(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    alert_id = queued_alert()
    fake_sendgrid.script(401)
    stack.start_worker("worker")
    producer = stack.producer()
    producer.send_task("alerts.dispatch", args=[alert_id])
    deadline = time.monotonic() + 30
    while alert_row(alert_id).status != "failed" and time.monotonic() < deadline:
        time.sleep(0.2)
    settle(fake_sendgrid, 1.5)
    alert = alert_row(alert_id)
    assert (alert.status, alert.permanent_failure, alert.attempts) == ("failed", True, 1)
    assert "401" in (alert.last_error or "")
    assert fake_sendgrid.requests == 1 and fake_sendgrid.accepted == []
    producer.close()


@pytest.mark.parametrize("stack", ONE_DB_EACH, indirect=True)
def test_digest_and_reminder_jobs_with_a_fixed_clock_email_through_a_worker(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    from datetime import UTC, date, datetime

    from workers import jobs

    day = date(2026, 11, 23)
    with transaction() as s:
        w = world(s)
        w.contract.expiry_date = date(2026, 12, 15)
        finding(s, w, severity="low").created_at = datetime(2026, 11, 23, 6, tzinfo=UTC)
    with transaction() as s:
        ids = jobs.queue_digests(s, day=day) + jobs.queue_reminders(s, today=day, days_ahead=30)
    stack.start_worker("worker")
    producer = stack.producer()
    for alert_id in ids:
        producer.send_task("alerts.dispatch", args=[alert_id])
    accepted = fake_sendgrid.wait_for(4, timeout=60)
    settle(fake_sendgrid, 1.0)
    subjects = sorted((p["personalizations"][0]["to"][0]["email"], p["subject"]) for p in accepted)
    assert subjects == [
        ("jura@751.dk", "Prisvagt: daglig oversigt 23. november 2026 – 1 fund, overpris 3.000,00 kr."),
        ("jura@751.dk", "Påmindelse: kontrakt med Fiktiv Kommunedata A/S udløber 15. december 2026"),
        ("oekonomi@751.dk", "Prisvagt: daglig oversigt 23. november 2026 – 1 fund, overpris 3.000,00 kr."),
        ("oekonomi@751.dk", "Påmindelse: kontrakt med Fiktiv Kommunedata A/S udløber 15. december 2026"),
    ]  # fmt: skip
    with transaction() as s:  # the same day again queues nothing
        assert jobs.queue_digests(s, day=day) == []
        assert jobs.queue_reminders(s, today=day, days_ahead=30) == []
    producer.close()


@FAULT_RUN
@pytest.mark.parametrize("stack", [EVERY[0]], indirect=True)
def test_a_worker_killed_after_sendgrid_accepted_but_before_commit_loses_nothing(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    """SendGrid has no idempotency key: in this window (its 202 not yet committed) the
    alert is sent again rather than lost, and both copies carry the same key header so
    they can be recognised as one. The outbox sender overwrites instead (one file)."""
    from monitor.alerts.senders import IDEMPOTENCY_HEADER

    alert_id = queued_alert()
    fake_sendgrid.script("accept-then-stall", seconds=60)
    stack.start_worker("doomed")
    producer = stack.producer()
    producer.send_task("alerts.dispatch", args=[alert_id])
    assert len(fake_sendgrid.wait_for(1, timeout=30)) == 1
    stack.kill("doomed")
    stack.start_worker("heir")
    accepted = fake_sendgrid.wait_for(2, timeout=60)
    assert len(accepted) == 2, stack.log("heir")[-4000:]
    keys = {p["headers"][IDEMPOTENCY_HEADER] for p in accepted}
    assert len(keys) == 1
    assert wait_for_status(alert_id, "sent").status == "sent"
    producer.close()

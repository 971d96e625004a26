"""Fault runs (issue 13, item 7): real ``prisvagt worker`` and scheduler processes on
Redis and PostgreSQL, with the product's own visibility timeout (30 s).

- A worker SIGKILLed during a batch of inbox invoices: after its restart every
  document is processed once, every invoice checked once and emailed once, within
  60 s of the restart (the time is printed).
- A document the web committed with its outbox row but never queued (the web died):
  the scheduler queues it, and it is emailed within seconds.

They take a minute or two, so they run in ``make faults`` (``PRISVAGT_LONG_TESTS``
names them), which ``.ci/run`` calls too.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from monitor.alerts.models import Alert
from monitor.db import transaction
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from tests.alerts.fake_sendgrid import FakeSendGrid
from tests.conftest import long_run
from tests.workers.harness import Stack, drop_in_inbox, start_cli_worker
from tests.workers.world import invoice, seed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(400),
    *long_run("faults", "a fault run of a minute or two"),
]
REDIS_PG = [pytest.param(("redis", "postgresql"), id="redis-pg",
                         marks=[pytest.mark.redis, pytest.mark.postgres])]  # fmt: skip
BATCH = 12
RECOVERY_LIMIT = 60.0


def _product_defaults(stack: Stack) -> None:
    """The visibility timeout as installed (the harness shortens it), and a provider
    timeout long enough that the stalled email is still in flight when the worker dies."""
    stack.env.pop("PRISVAGT_BROKER_VISIBILITY_TIMEOUT", None)
    stack.env["PRISVAGT_SENDGRID_TIMEOUT"] = "120"


def _counts() -> dict[str, int]:
    with transaction() as s:

        def count(model: type, *where: object) -> int:
            return s.scalar(select(func.count()).select_from(model).where(*where)) or 0

        return {
            "documents": count(Document),
            "processed": count(Document, Document.status == "processed"),
            "invoices": count(Invoice),
            "checked": count(Invoice, Invoice.status == "checked"),
            "findings": count(Finding),
            "alerts": count(Alert),
            "sent": count(Alert, Alert.status == "sent"),
        }


def _all_done(fake: FakeSendGrid, n: int) -> bool:
    counts = _counts()
    return len(fake.accepted) >= n and counts["sent"] >= n and counts["checked"] >= n


@pytest.mark.parametrize("stack", REDIS_PG, indirect=True)
def test_a_worker_killed_during_a_batch_loses_nothing_and_recovers_within_a_minute(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    _product_defaults(stack)
    with transaction() as s:
        seed(s)
    numbers = [f"F-2026-{7000 + i}" for i in range(BATCH)]
    fake_sendgrid.script("stall", seconds=120)  # the first email hangs: a task in flight
    start_cli_worker(stack, "doomed", concurrency=2)
    stack.start_scheduler()
    for number in numbers:
        drop_in_inbox(stack.inbox, f"{number}.xml", invoice(number))
    assert fake_sendgrid.wait_for_requests(1, timeout=90) >= 1, stack.log("doomed")[-4000:]
    stack.kill("doomed")  # SIGKILL, the worker and its pool processes
    at_kill = _counts()
    print(f"\nat the SIGKILL: {at_kill}, emails accepted {len(fake_sendgrid.accepted)}")
    assert at_kill["sent"] < BATCH  # the batch was not done

    restarted = time.monotonic()
    start_cli_worker(stack, "heir", concurrency=2)
    deadline = restarted + 180
    while not _all_done(fake_sendgrid, BATCH) and time.monotonic() < deadline:
        time.sleep(0.25)
    recovery = time.monotonic() - restarted
    print(f"every document processed {recovery:.1f} s after the worker's restart")
    assert _all_done(fake_sendgrid, BATCH), (_counts(), stack.log("heir")[-4000:])

    time.sleep(3)  # give a duplicate the chance to show up before counting
    subjects = sorted(p["subject"] for p in fake_sendgrid.accepted)
    assert len(subjects) == BATCH
    assert [n for n in numbers if sum(n in subject for subject in subjects) == 1] == numbers
    counts = _counts()
    del counts["findings"]  # the batch bills one period twelve times: double billing too
    assert counts == {"documents": BATCH, "processed": BATCH, "invoices": BATCH,
                      "checked": BATCH, "alerts": BATCH, "sent": BATCH}  # fmt: skip
    with transaction() as s:
        assert sorted(s.scalars(select(Invoice.number))) == numbers
        keys = s.execute(select(Finding.invoice_id, Finding.rule_id, Finding.invoice_line_id)).all()
        assert len(keys) == len(set(keys))  # no finding twice
        above = {k[0] for k in keys if k[1] == "price_above_agreed"}
        assert len(above) == BATCH  # each invoice's breach found
        assert set(s.scalars(select(Alert.attempts))) == {1}  # the killed attempt rolled back
    assert sorted(p.name for p in stack.inbox.glob("*.xml")) == []
    assert len(list((stack.inbox / "processed").iterdir())) == BATCH
    assert recovery < RECOVERY_LIMIT, f"recovered in {recovery:.1f} s"


@pytest.mark.parametrize("stack", REDIS_PG, indirect=True)
def test_a_document_the_web_committed_but_never_queued_is_read_within_seconds(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    """What the upload handler writes in its transaction (the document and its outbox
    row); the process dies before its after-commit relay."""
    from monitor.documents.service import ingest_file
    from monitor.outbox import service as outbox
    from monitor.outbox.models import OutboxTask

    _product_defaults(stack)
    with transaction() as s:
        seed(s)
    start_cli_worker(stack, "worker", concurrency=2)
    stack.start_scheduler()
    with transaction() as s:
        res = ingest_file(s, data=invoice("F-2026-7100"), filename="F-2026-7100.xml",
                          source="upload", max_bytes=10_000_000)  # fmt: skip
        outbox.add(s, task="invoices.parse", args=[res.document_id])
    committed = time.monotonic()
    accepted = fake_sendgrid.wait_for(1, timeout=60)
    elapsed = time.monotonic() - committed
    print(f"\nemailed {elapsed:.1f} s after the commit")
    assert len(accepted) == 1 and "F-2026-7100" in accepted[0]["subject"]
    assert elapsed < 30
    time.sleep(3)
    assert len(fake_sendgrid.accepted) == 1
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(OutboxTask)) == 0
        assert s.get(Document, res.document_id).status == "processed"  # type: ignore[union-attr]


@pytest.mark.parametrize("stack", REDIS_PG, indirect=True)
def test_a_task_running_longer_than_the_visibility_timeout_is_not_handed_to_another_worker(
    stack: Stack, fake_sendgrid: FakeSendGrid
) -> None:
    """The harness's visibility timeout is 5 s; a send that hangs for 15 s keeps its
    lease (the worker renews it), so the second pool process never gets the task."""
    from tests.workers.test_real_workers import alert_row, queued_alert

    stack.env["PRISVAGT_SENDGRID_TIMEOUT"] = "60"
    alert_id = queued_alert()
    fake_sendgrid.script("stall", seconds=15)  # then a 503: retried, then accepted
    start_cli_worker(stack, "worker", concurrency=2)
    producer = stack.producer()
    try:
        task_id = producer.send_task("alerts.dispatch", args=[alert_id]).id
        assert fake_sendgrid.wait_for_requests(1, timeout=30) >= 1
        time.sleep(12)  # more than twice the visibility timeout, the send still hanging
        deliveries = stack.log("worker").count(f"Task alerts.dispatch[{task_id}] received")
        assert deliveries == 1, f"the running task was delivered {deliveries} times"
        assert fake_sendgrid.requests == 1
        assert len(fake_sendgrid.wait_for(1, timeout=60)) == 1, stack.log("worker")[-4000:]
        time.sleep(3)
        assert (fake_sendgrid.requests, len(fake_sendgrid.accepted)) == (2, 1)
        deadline = time.monotonic() + 10
        while alert_row(alert_id).status != "sent" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (alert_row(alert_id).status, alert_row(alert_id).attempts) == ("sent", 2)
    finally:
        producer.close()

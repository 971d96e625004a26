"""The tasks in-process (no broker): the pipeline from an inbox file to an .eml."""

from __future__ import annotations

import email
from pathlib import Path

from sqlalchemy import select

from monitor.alerts.models import Alert
from monitor.db import transaction
from monitor.documents.models import Document
from monitor.invoices.models import Invoice
from tests.workers.world import invoice, seed
from workers import jobs, tasks


def drop(inbox: Path, name: str, data: bytes) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / name).write_bytes(data)


def test_an_inbox_invoice_becomes_one_email_in_the_outbox(app_env) -> None:  # type: ignore[no-untyped-def]
    with transaction() as s:
        seed(s)
    inbox = app_env.inbox_dir
    drop(inbox, "F-100.xml", invoice("F-100"))
    claimed = jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    assert len(claimed) == 1
    emails = list(app_env.outbox_dir.glob("*.eml"))
    assert len(emails) == 1
    msg = email.message_from_bytes(emails[0].read_bytes())
    assert "F-100" in msg["Subject"] and "overpris 700,00 kr." in msg["Subject"]
    assert [p.name for p in (inbox / "processed").iterdir()] == [claimed[0].name]
    # the same file again: stored once, no second email
    drop(inbox, "F-100-again.xml", invoice("F-100"))
    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    assert len(list(app_env.outbox_dir.glob("*.eml"))) == 1
    with transaction() as s:
        assert s.scalars(select(Alert.status)).all() == ["sent"]
        assert len(s.scalars(select(Document.id)).all()) == 1


def test_a_file_that_is_neither_contract_nor_invoice_is_set_aside_with_the_reason(
    sqlite_env,  # type: ignore[no-untyped-def]
) -> None:
    inbox = sqlite_env.inbox_dir
    drop(inbox, "notes.bin", b"\x00\x01 hello")
    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    rejected = sorted(p.name for p in (inbox / "rejected").iterdir())
    assert len(rejected) == 2 and rejected[1].endswith("notes.bin.reason.txt")
    assert "contract or an invoice" in (inbox / "rejected" / rejected[1]).read_text()


def test_a_transient_send_failure_in_process_is_recorded_and_left_for_later(
    sqlite_env,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from monitor.alerts import service
    from monitor.alerts.senders import RecordingSender
    from monitor.errors import DeliveryError

    sender = RecordingSender()
    sender.fail_next(DeliveryError("SendGrid answered 503", permanent=False))
    monkeypatch.setattr(service, "_default_sender", lambda: sender)
    with transaction() as s:
        seed(s)
    drop(sqlite_env.inbox_dir, "F-7.xml", invoice("F-7"))
    jobs.poll_inbox(sqlite_env.inbox_dir, enqueue=tasks.ingest_document.delay)
    with transaction() as s:
        alert = s.scalars(select(Alert)).one()
        assert (alert.status, alert.attempts, alert.last_error) == (
            "pending", 1, "SendGrid answered 503",
        )  # fmt: skip
    report = service.dispatch_pending(transaction, sender=sender, now=alert.next_attempt_at)
    assert report.sent == [alert.id] and len(sender.sent) == 1


def test_a_check_run_twice_emails_once_and_sends_what_an_earlier_run_left_pending(
    app_env,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from tests.workers.world import seed as seed_world

    with transaction() as s:
        seed_world(s)
    drop(app_env.inbox_dir, "F-9.xml", invoice("F-9"))
    with monkeypatch.context() as m:
        # the first run commits its alert, then dies before enqueuing the dispatch
        m.setattr(tasks.dispatch_alert, "delay", lambda *a, **k: None)
        jobs.poll_inbox(app_env.inbox_dir, enqueue=tasks.ingest_document.delay)
    assert list(app_env.outbox_dir.glob("*.eml")) == []
    with transaction() as s:
        (invoice_id,) = s.scalars(select(Invoice.id)).all()
    tasks.check_invoice.delay(invoice_id)  # the redelivered task
    tasks.check_invoice.delay(invoice_id)  # and once more
    assert len(list(app_env.outbox_dir.glob("*.eml"))) == 1
    with transaction() as s:
        assert s.scalars(select(Alert.status)).all() == ["sent"]

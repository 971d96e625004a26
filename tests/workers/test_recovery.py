"""Recovery within a minute (issue 13, item 7) and invoice checks that fail: the
Redis lease and its renewal, the task outbox of the web's uploads, and the
``check_failed`` status with its error, bounded retries and the re-check by hand."""

from __future__ import annotations

import email
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from monitor.alerts.models import Alert
from monitor.db import transaction
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from monitor.outbox.models import OutboxTask
from tests.servicecheck import require_broker
from tests.signin import signed_in
from tests.workers.world import invoice, seed
from workers import celery_app, jobs, tasks

runner = CliRunner()


# ------------------------------------------------------------------ the Redis lease


def test_a_dead_workers_task_is_visible_again_within_a_minute_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PRISVAGT_BROKER_VISIBILITY_TIMEOUT", raising=False)
    options = celery_app.transport_options("redis://127.0.0.1:6379/0")
    timeout, sweep = options["visibility_timeout"], options["unacked_restore_interval"]
    assert (timeout, sweep) == (30, 6)
    assert isinstance(timeout, int) and isinstance(sweep, int) and timeout + sweep < 60


@pytest.mark.redis
def test_a_live_worker_renews_the_lease_of_the_messages_it_holds_and_no_other() -> None:
    import redis

    client = redis.Redis.from_url(require_broker("redis"))
    key = f"test-unacked-index-{uuid.uuid4().hex}"
    try:
        # held: delivered 1,000 s ago; acknowledged meanwhile: no longer in the index;
        # another worker's: in the index, not held here
        client.zadd(key, {"held": 1000.0, "other": 1000.0})
        channel = SimpleNamespace(
            qos=SimpleNamespace(_delivered={"held": object(), "acked": object()}),
            unacked_index_key=key,
            global_keyprefix="",
        )
        consumer = SimpleNamespace(task_consumer=SimpleNamespace(channel=channel))
        assert celery_app.renew_leases(consumer, client, now=5000.0) == 2
        scores = dict(client.zrange(key, 0, -1, withscores=True))
        assert scores == {b"held": 5000.0, b"other": 1000.0}  # "acked" not brought back
        assert celery_app.renew_leases(SimpleNamespace(task_consumer=None), client) == 0
    finally:
        client.delete(key)
        client.close()


def test_the_lease_renewal_runs_only_on_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    from monitor.settings import get_settings

    for url, expected in (
        ("redis://127.0.0.1:6379/0", True),
        ("amqp://guest:guest@127.0.0.1:5672//", False),
    ):
        monkeypatch.setenv("PRISVAGT_BROKER_URL", url)
        get_settings.cache_clear()
        try:
            app = celery_app.make_celery()
            assert (celery_app.LeaseRenewal in app.steps["consumer"]) is expected
        finally:
            get_settings.cache_clear()


# ------------------------------------------------------------------ the task outbox


def _emails(settings: Any) -> list[email.message.Message]:
    outbox = Path(settings.outbox_dir)
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(outbox.glob("*.eml"))]


def test_an_upload_whose_broker_was_away_after_the_commit_is_relayed_by_the_scheduler(
    app_env: Any,
) -> None:
    """The web stores the document and its outbox row in one transaction; the broker
    is away when it relays the row after the commit. The scheduler's outbox step
    queues it once the row is older than the grace, and only once."""
    from monitor.web.app import create_app

    with transaction() as s:
        seed(s)
    on_a_broker = app_env.model_copy(update={"broker_url": "redis://127.0.0.1:1/0"})
    app = create_app(settings=on_a_broker)

    def broker_away(document_id: int, kind: str) -> None:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    app.state.queue_document = broker_away
    with signed_in(TestClient(app)) as client:
        files = {"file": ("F-300.xml", invoice("F-300"), "application/xml")}
        response = client.post("/api/v1/documents", files=files)
    assert response.status_code == 202, response.text
    document_id = response.json()["document_id"]
    with transaction() as s:
        assert s.get(Document, document_id).status == "received"  # type: ignore[union-attr]
        (row,) = s.scalars(select(OutboxTask)).all()
        assert (row.task, row.args, row.attempts) == ("invoices.parse", [document_id], 1)
        assert row.last_error == (
            "ConnectionError: Error 111 connecting to 127.0.0.1:1. Connection refused."
        )
        written = row.created_at
    assert _emails(app_env) == []

    too_soon = jobs.relay_outbox(now=written + timedelta(seconds=1), send=tasks.send_task,
                                 send_after_commit=True)  # fmt: skip
    assert too_soon == []  # its writer may still be relaying it
    # the scheduler's relay, tasks in-process here (the test's own broker-less settings)
    later = datetime.now(UTC) + timedelta(seconds=10)
    relayed = jobs.relay_outbox(now=later, send=tasks.send_task, send_after_commit=True)
    assert relayed == [row.id]
    assert jobs.relay_outbox(now=later, send=tasks.send_task, send_after_commit=True) == []
    emails = _emails(app_env)
    assert len(emails) == 1 and "F-300" in emails[0]["Subject"]
    with transaction() as s:
        assert s.get(Document, document_id).status == "processed"  # type: ignore[union-attr]
        assert s.scalar(select(func.count(OutboxTask.id))) == 0
        assert s.scalars(select(Invoice.status)).all() == ["checked"]


def test_an_in_process_task_that_raises_is_not_relayed_again(app_env: Any) -> None:
    """With no broker the relay runs the task: a task that raises has recorded its own
    failure, and its row goes (no retry every round); the next row still runs."""
    from monitor.outbox import service as outbox

    with transaction() as s:
        first = outbox.add(s, task="boom", args=[1]).id
        second = outbox.add(s, task="fine", args=[2]).id
    ran: list[tuple[str, list[object]]] = []

    def send(task: str, args: list[object]) -> None:
        ran.append((task, args))
        if task == "boom":
            raise RuntimeError("the task failed (and recorded it)")

    relayed = outbox.relay(send=send, send_after_commit=True)
    assert (relayed, ran) == ([first, second], [("boom", [1]), ("fine", [2])])
    assert outbox.relay(send=send, send_after_commit=True) == []


def test_an_upload_is_queued_right_after_its_commit_and_leaves_no_outbox_row(
    app_env: Any,
) -> None:
    from monitor.web.app import create_app

    with transaction() as s:
        seed(s)
    app = create_app(settings=app_env)
    with signed_in(TestClient(app)) as client:
        files = {"file": ("F-301.xml", invoice("F-301"), "application/xml")}
        response = client.post("/api/v1/documents", files=files)
        assert response.status_code == 202
        again = client.post("/api/v1/documents", files=files)  # the same content: stored once
        assert again.json()["created"] is False
    assert len(_emails(app_env)) == 1
    with transaction() as s:
        assert s.scalar(select(func.count(OutboxTask.id))) == 0
        assert s.scalar(select(func.count(Document.id))) == 1


# ------------------------------------------------------------------ failed checks


def _checked_invoice(app_env: Any, number: str) -> int:
    with transaction() as s:
        seed(s)
    inbox = Path(app_env.inbox_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / f"{number}.xml").write_bytes(invoice(number))
    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    with transaction() as s:
        inv = s.scalars(select(Invoice).where(Invoice.number == number)).one()
        assert inv.status == "checked"
        return inv.id


def _stored(invoice_id: int) -> tuple[Any, ...]:
    with transaction() as s:
        findings = s.execute(
            select(Finding.id, Finding.rule_id, Finding.status, Finding.overcharge)
            .where(Finding.invoice_id == invoice_id)
            .order_by(Finding.id)
        ).all()
        alerts = s.execute(select(Alert.id, Alert.status).order_by(Alert.id)).all()
        return tuple(findings), tuple(alerts)


def _defect(*_: Any, **__: Any) -> Any:
    raise RuntimeError("a defect in the checking code")


def test_a_check_that_raises_leaves_the_invoice_check_failed_with_its_error_until_checked_by_hand(
    app_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoice_id = _checked_invoice(app_env, "F-400")
    before = _stored(invoice_id)
    assert len(before[0]) == 1 and len(_emails(app_env)) == 1

    import rules

    monkeypatch.setattr(rules, "evaluate", _defect)  # a fault injected into the check
    with pytest.raises(RuntimeError):  # in-process the caller hears of it too
        tasks.check_invoice.delay(invoice_id)
    with transaction() as s:
        inv = s.get(Invoice, invoice_id)
        assert inv is not None and inv.status == "check_failed"
        assert inv.check_error == "RuntimeError: a defect in the checking code"
    assert _stored(invoice_id) == before  # the failed run stored nothing, withdrew nothing
    # the sweeps leave it alone, today and in ten years
    far = datetime.now(UTC) + timedelta(days=3650)
    with transaction() as s:
        assert invoice_id not in jobs.unchecked_invoices(s, now=far)
        assert invoice_id not in jobs.invoices_to_recheck(s, today=far.date())

    from monitor.cli.main import app as cli

    failing = runner.invoke(cli, ["check", "--invoice", str(invoice_id)])
    assert failing.exit_code == 1, failing.output
    assert "RuntimeError: a defect in the checking code" in failing.output
    monkeypatch.undo()  # the cause fixed: checked again by hand
    missing = runner.invoke(cli, ["check", "--invoice", "999999"])
    assert missing.exit_code != 0 and "invoice 999999 does not exist" in missing.output
    fixed = runner.invoke(cli, ["check", "--failed"])
    assert fixed.exit_code == 0, fixed.output
    assert "1 invoices queued for checking" in fixed.output
    with transaction() as s:
        inv = s.get(Invoice, invoice_id)
        assert inv is not None and (inv.status, inv.check_error) == ("checked", None)
    assert _stored(invoice_id) == before  # the same finding, no second email
    assert len(_emails(app_env)) == 1


def test_a_transient_error_is_retried_a_bounded_number_of_times_then_the_check_fails(
    app_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoice_id = _checked_invoice(app_env, "F-401")
    before = _stored(invoice_id)

    def gone(*_: Any, **__: Any) -> Any:
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    import rules

    monkeypatch.setattr(rules, "evaluate", gone)
    with pytest.raises(OperationalError):  # a retry left (in-process: raised at once)
        tasks.check_invoice.apply(args=[invoice_id], retries=tasks.MAX_RETRIES - 1)
    with transaction() as s:
        assert s.get(Invoice, invoice_id).status == "checked"  # type: ignore[union-attr]
    result = tasks.check_invoice.apply(args=[invoice_id], retries=tasks.MAX_RETRIES)
    assert result.get() == []
    with transaction() as s:
        inv = s.get(Invoice, invoice_id)
        assert inv is not None and inv.status == "check_failed"
        assert (inv.check_error or "").startswith(
            f"gave up after {tasks.MAX_RETRIES + 1} attempts: OperationalError: "
            "(builtins.Exception) server closed the connection"
        )
    assert _stored(invoice_id) == before


def test_a_failed_check_is_shown_on_the_invoice_and_the_upload_page(
    app_env: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.web.app import create_app

    invoice_id = _checked_invoice(app_env, "F-402")
    import rules

    monkeypatch.setattr(rules, "evaluate", _defect)
    with pytest.raises(RuntimeError):
        tasks.check_invoice.delay(invoice_id)
    with signed_in(TestClient(create_app(settings=app_env))) as client:
        page = client.get(f"/invoices/{invoice_id}?lang=en").text
        assert "Check failed" in page and "RuntimeError: a defect in the checking code" in page
        assert f"prisvagt check --invoice {invoice_id}" in page
        danish = client.get(f"/invoices/{invoice_id}?lang=da").text
        assert "Kontrol fejlede" in danish and "kontroller den igen" in danish
        upload = client.get("/upload?lang=en").text
        assert "Check failed" in upload and "F-402: RuntimeError" in upload

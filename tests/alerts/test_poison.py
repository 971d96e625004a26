"""One bad alert fails alone: it is marked failed with its error, the others are sent,
and nothing already sent is sent again (SQLite and PostgreSQL)."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, update

from monitor.alerts import service
from monitor.alerts.models import Alert, AlertFinding
from monitor.alerts.senders import OutboxSender
from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.formatting import header
from tests.alerts.factories import finding, world

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CRLF_NUMBER = "F-2026-0042\r\nBcc: attacker@example.com"


def _queue(code: str, invoice_number: str = "F-2026-0042") -> int:
    with transaction() as s:
        w = world(s, code=code, invoice_number=invoice_number)
        return service.queue_alerts(s, findings=[finding(s, w)])[0].id


def _rows() -> dict[int, tuple[str, int, str | None, bool]]:
    with transaction() as s:
        return {
            a.id: (a.status, a.attempts, a.last_error, a.permanent_failure)
            for a in s.scalars(select(Alert).order_by(Alert.id))
        }


def test_a_subject_made_from_an_invoice_number_with_crlf_is_one_line(
    app_env: object, tmp_path: Path
) -> None:
    alert_id = _queue("751", invoice_number=CRLF_NUMBER)
    sender = OutboxSender(tmp_path / "out")
    with transaction() as s:
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "sent"
    (eml,) = (tmp_path / "out").glob("*.eml")
    mail = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert mail["Bcc"] is None
    assert "\r" not in mail["Subject"] and "\n" not in mail["Subject"]
    assert "F-2026-0042 Bcc: attacker@example.com" in mail["Subject"]
    with transaction() as s:
        alert = s.get(Alert, alert_id)
        assert (alert.status, alert.subject) == ("sent", mail["Subject"])


def test_alerts_send_marks_a_poison_alert_failed_and_sends_the_rest_once(
    app_env: object, tmp_path: Path
) -> None:
    first, poison, last = _queue("751"), _queue("101"), _queue("461")
    # a recipient no email header can carry (an older row, or a defect upstream)
    with transaction() as s:
        s.execute(
            update(Alert).where(Alert.id == poison).values(recipient="a@101.dk\r\nBcc: x@y.z")
        )
        findings_before = s.scalar(select(func.count(Finding.id)))
        links_before = s.scalar(select(func.count(AlertFinding.id)))
    sender = OutboxSender(tmp_path / "out")

    report = service.dispatch_pending(transaction, sender=sender, now=NOW)

    assert (report.sent, report.failed, report.retry_later) == ([first, last], [poison], [])
    assert "this alert cannot be sent: ValueError" in report.errors[poison]
    rows = _rows()
    assert rows[first][:2] == ("sent", 1) and rows[last][:2] == ("sent", 1)
    status, attempts, error, permanent = rows[poison]
    assert (status, attempts, permanent) == ("failed", 1, True)
    assert error is not None and "linefeed or carriage return" in error
    assert len(list((tmp_path / "out").glob("*.eml"))) == 2

    again = service.dispatch_pending(transaction, sender=sender, now=NOW)
    assert again.total == 0  # nothing re-sent, the poison alert is not tried again
    assert _rows() == rows
    with transaction() as s:
        assert s.scalar(select(func.count(Finding.id))) == findings_before
        assert s.scalar(select(func.count(AlertFinding.id))) == links_before


def test_a_poison_alert_dispatched_by_its_task_is_failed_not_left_pending(
    app_env: object, tmp_path: Path, monkeypatch: object
) -> None:
    from workers.tasks import dispatch_alert

    poison = _queue("751")
    with transaction() as s:
        s.execute(update(Alert).where(Alert.id == poison).values(recipient="a@751.dk\nX: y"))
    assert dispatch_alert.delay(poison).get() == "failed"
    status, attempts, error, permanent = _rows()[poison]
    assert (status, attempts, permanent) == ("failed", 1, True)
    assert error and error.startswith("this alert cannot be sent: ValueError")


def test_header_values_lose_control_characters_and_stay_short() -> None:
    assert header("Faktura\r\nBcc: x\t 1\x00\u2028end") == "Faktura Bcc: x 1 end"
    assert header("  a   b ") == "a b"
    long = header("x" * 500)
    assert len(long) == 200 and long.endswith("…")


def test_prisvagt_alerts_send_reports_the_poison_alert_and_sends_the_rest(app_env) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from monitor.cli.main import app

    first, poison = _queue("751"), _queue("101")
    with transaction() as s:
        s.execute(update(Alert).where(Alert.id == poison).values(recipient="a@101.dk\rX: y"))
    result = CliRunner().invoke(app, ["alerts", "send"])
    assert result.exit_code == 0, result.output
    assert "1 sent, 1 failed, 0 to retry later" in result.output
    assert f"alert {poison}: this alert cannot be sent: ValueError" in result.output
    again = CliRunner().invoke(app, ["alerts", "send"])
    assert "0 sent, 0 failed, 0 to retry later" in again.output
    assert len(list(app_env.outbox_dir.glob("*.eml"))) == 1
    assert {k: v[0] for k, v in _rows().items()} == {first: "sent", poison: "failed"}

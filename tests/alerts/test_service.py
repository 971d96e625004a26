"""Routing, idempotent queuing and dispatch, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from monitor.alerts import service
from monitor.alerts.models import Alert, AlertFinding
from monitor.alerts.senders import RecordingSender
from monitor.db import transaction
from monitor.errors import DeliveryError
from tests.alerts.factories import finding, world

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_finance_is_emailed_at_once_for_findings_at_or_above_its_severity(app_env: object) -> None:
    with transaction() as s:
        w = world(s, finance_min_severity="high")
        high = finding(s, w, severity="high")
        low = finding(s, w, severity="low")
        alerts = service.queue_alerts(s, findings=[high, low])
        assert [(a.recipient, a.kind) for a in alerts] == [("oekonomi@751.dk", "immediate")]
        assert [af.finding_id for af in alerts[0].findings] == [high.id]


def test_legal_gets_no_immediate_email(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        alerts = service.queue_alerts(s, findings=[finding(s, w, severity="critical")])
        assert {a.recipient for a in alerts} == {"oekonomi@751.dk"}


def test_findings_in_monitor_mode_send_nothing(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        f = finding(s, w, severity="critical", mode="monitor")
        assert service.queue_alerts(s, findings=[f]) == []
    with transaction() as s:
        assert s.scalar(select(func.count(Alert.id))) == 0


def test_one_alert_groups_an_invoices_findings(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        a = finding(s, w, key="a")
        b = finding(s, w, key="b", severity="critical")
        alerts = service.queue_alerts(s, findings=[a, b])
        assert len(alerts) == 1
        assert sorted(af.finding_id for af in alerts[0].findings) == sorted([a.id, b.id])


def test_queuing_twice_adds_nothing(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        f = finding(s, w)
        first = service.queue_alerts(s, findings=[f])
    with transaction() as s:
        s.add(f)
        again = service.queue_alerts(s, findings=[f])
    assert len(first) == 1
    assert again == []
    with transaction() as s:
        assert s.scalar(select(func.count(AlertFinding.id))) == 1


def test_the_database_refuses_a_second_link_for_one_finding_and_recipient(app_env: object) -> None:
    from sqlalchemy.exc import IntegrityError

    with transaction() as s:
        w = world(s)
        f = finding(s, w)
        service.queue_alerts(s, findings=[f])
        fid = f.id
    with pytest.raises(IntegrityError), transaction() as s:
        alert = Alert(recipient="oekonomi@751.dk", dedup_key="other", kind="immediate")
        alert.findings = [AlertFinding(finding_id=fid, recipient="oekonomi@751.dk")]
        s.add(alert)
        s.flush()


def _queued(s: object) -> int:
    w = world(s)  # type: ignore[arg-type]
    f = finding(s, w)  # type: ignore[arg-type]
    return service.queue_alerts(s, findings=[f])[0].id  # type: ignore[arg-type]


def test_dispatch_sends_once_and_records_the_provider_id(app_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        alert_id = _queued(s)
    with transaction() as s:
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "sent"
    with transaction() as s:
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "sent"
        alert = s.get(Alert, alert_id)
        assert (alert.status, alert.attempts, alert.provider_message_id) == ("sent", 1, "rec-1")
        assert alert.sent_at == NOW
        assert alert.subject and "F-2026-0042" in alert.subject
    assert sender.calls == 1


def test_a_transient_error_is_recorded_and_raised_for_a_retry(app_env: object) -> None:
    sender = RecordingSender()
    sender.fail_next(DeliveryError("SendGrid answered 429", permanent=False, retry_after=30))
    with transaction() as s:
        alert_id = _queued(s)
    with transaction() as s, pytest.raises(DeliveryError):
        service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW)
    with transaction() as s:
        alert = s.get(Alert, alert_id)
        assert (alert.status, alert.attempts) == ("pending", 1)
        assert alert.last_error == "SendGrid answered 429"
        assert (alert.next_attempt_at - NOW).total_seconds() >= 30
        assert not alert.permanent_failure
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "sent"
        assert alert.attempts == 2
    assert len(sender.sent) == 1


def test_a_permanent_error_fails_the_alert_with_the_reason(app_env: object) -> None:
    sender = RecordingSender()
    sender.fail_next(DeliveryError("SendGrid answered 401: bad key", permanent=True, status=401))
    with transaction() as s:
        alert_id = _queued(s)
    with transaction() as s:
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "failed"
    with transaction() as s:
        alert = s.get(Alert, alert_id)
        assert (alert.status, alert.permanent_failure) == ("failed", True)
        assert alert.last_error == "SendGrid answered 401: bad key"
        assert service.dispatch(s, alert_id=alert_id, sender=sender, now=NOW) == "failed"
    assert sender.calls == 1


def test_dispatch_pending_sends_what_is_due_and_leaves_retries_for_later(app_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        first = _queued(s)
        second = service.queue_alerts(s, findings=[finding(s, world(s, code="101"))])[0].id
    sender.fail_next(DeliveryError("timeout", permanent=False))
    report = service.dispatch_pending(transaction, sender=sender, now=NOW)
    assert (report.retry_later, report.sent) == ([first], [second])
    again = service.dispatch_pending(transaction, sender=sender, now=NOW)
    assert again.total == 0  # the retry is not due yet


def test_backoff_grows_and_honours_retry_after() -> None:
    assert 1 <= service.backoff_seconds(1) <= 2
    assert 8 <= service.backoff_seconds(4) <= 16
    assert service.backoff_seconds(1, retry_after=45) == 45
    assert service.backoff_seconds(50) <= service.BACKOFF_CAP_SECONDS


def test_the_dispatch_report_reads_as_a_summary() -> None:
    report = service.DispatchReport(sent=[1, 2], failed=[3], errors={3: "SendGrid answered 401"})
    assert str(report) == "2 sent, 1 failed, 0 to retry later\n  alert 3: SendGrid answered 401"

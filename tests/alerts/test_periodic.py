"""Daily digest and contract reminders, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from monitor.alerts import periodic, service
from monitor.alerts.senders import RecordingSender
from monitor.db import transaction
from tests.alerts.factories import finding, indexation_clause, world

DAY = date(2026, 11, 23)
CREATED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_the_digest_carries_what_was_not_emailed_at_once(app_env: object) -> None:
    with transaction() as s:
        w = world(s, finance_min_severity="high")
        low = finding(s, w, severity="low", key="low", overcharge=Decimal("250.00"))
        high = finding(s, w, severity="high", key="high")
        for f in (low, high):
            f.created_at = CREATED
        service.queue_alerts(s, findings=[low, high])
        digests = periodic.queue_digests(s, day=DAY)
        by_recipient = {a.recipient: sorted(af.finding_id for af in a.findings) for a in digests}
        assert by_recipient == {
            "oekonomi@751.dk": [low.id],  # high went out at once
            "jura@751.dk": sorted([low.id, high.id]),
        }
        assert {a.kind for a in digests} == {"digest"}


def test_the_digest_is_queued_once_per_day(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        finding(s, w, severity="low").created_at = CREATED
        assert len(periodic.queue_digests(s, day=DAY)) == 2
    with transaction() as s:
        assert periodic.queue_digests(s, day=DAY) == []


def test_the_digest_leaves_out_findings_from_after_its_day_and_monitor_mode(
    app_env: object,
) -> None:
    with transaction() as s:
        w = world(s)
        finding(s, w, severity="low", key="later").created_at = datetime(
            2026, 11, 24, 1, tzinfo=UTC
        )
        finding(s, w, severity="low", key="mon", mode="monitor").created_at = CREATED
        assert periodic.queue_digests(s, day=DAY) == []


def test_the_digest_email_lists_its_findings_with_the_day(sqlite_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        w = world(s)
        finding(s, w, severity="low").created_at = CREATED
        ids = [a.id for a in periodic.queue_digests(s, day=DAY)]
    with transaction() as s:
        for alert_id in ids:
            assert service.dispatch(s, alert_id=alert_id, sender=sender) == "sent"
    legal = next(m for m in sender.sent if m.to == "jura@751.dk")
    assert legal.subject == (
        "Prisvagt: daglig oversigt 23. november 2026 – 1 fund, overpris 3.000,00 kr."
    )
    assert "F-2026-0042" in legal.text and "Fiktiv Kommunedata A/S" in legal.text


def test_expiry_is_reminded_once_within_the_horizon(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        w.contract.expiry_date = date(2026, 12, 20)
        assert periodic.queue_reminders(s, today=DAY, days_ahead=14) == []
        alerts = periodic.queue_reminders(s, today=DAY, days_ahead=30)
        assert sorted(a.recipient for a in alerts) == ["jura@751.dk", "oekonomi@751.dk"]
    with transaction() as s:
        assert periodic.queue_reminders(s, today=date(2026, 11, 24), days_ahead=30) == []


def test_the_indexation_date_is_reminded_with_its_index(sqlite_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        w = world(s)
        indexation_clause(s, w, adjust_month=1, fixed_months=12)
        alerts = periodic.queue_reminders(s, today=DAY, days_ahead=45)
        assert [a.dedup_key.split(":")[1:4] for a in alerts][:1] == [
            ["indexation", str(w.contract.id), "2027-01-01"]
        ]
        for a in alerts:
            a.created_at = CREATED
        ids = [a.id for a in alerts]
    with transaction() as s:
        for alert_id in ids:
            service.dispatch(s, alert_id=alert_id, sender=sender)
    msg = next(m for m in sender.sent if m.to == "oekonomi@751.dk")
    assert msg.subject == "Påmindelse: prisregulering hos Fiktiv Kommunedata A/S fra 1. januar 2027"
    assert "nettoprisindeks" in msg.text and "om 39 dage" in msg.text


def test_next_indexation_date_respects_the_fixed_period(sqlite_env: object) -> None:
    with transaction() as s:
        w = world(s)  # effective 2025-01-01
        c = w.contract
        nxt = periodic.next_indexation_date
        assert nxt(c, {"adjust_month": 1, "fixed_months": 24}, today=DAY) == date(2027, 1, 1)
        assert nxt(c, {"adjust_month": 1, "fixed_months": 12}, today=DAY) == date(2027, 1, 1)
        assert nxt(c, {"adjust_month": 1}, today=date(2025, 6, 1)) == date(2026, 1, 1)
        assert nxt(c, {"fixed_months": 12}, today=DAY) == date(2027, 1, 1)

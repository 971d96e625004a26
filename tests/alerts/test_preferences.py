"""Finance users hear about their municipalities' findings per their own preferences
(immediate, daily digest or off, per severity), beside the municipality's contacts.
On SQLite and PostgreSQL, with the recording email sender."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts import periodic, recipients, service
from monitor.alerts.models import Alert, AlertPreference
from monitor.alerts.senders import RecordingSender
from monitor.auth.service import add_user
from monitor.db import transaction
from monitor.errors import InputError
from tests.alerts.factories import World, finding, world

DAY = date(2026, 11, 23)
CREATED = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _user(
    s: Session,
    email: str,
    *,
    roles: list[str] | None = None,
    codes: list[str] | None = None,
    everywhere: bool = False,
    language: str = "da",
) -> int:
    user, _ = add_user(
        s,
        email=email,
        name=email,
        roles=roles or ["finance"],
        municipality_codes=codes if codes is not None else ["751"],
        all_municipalities=everywhere,
        password="correct horse battery staple",
        actor="test",
    )
    user.language = language
    s.flush()
    return user.id


def _prefer(s: Session, user_id: int, **deliveries: str) -> None:
    recipients.set_preferences(s, user_id=user_id, deliveries=deliveries, actor="test")


def _findings(s: Session, w: World) -> dict[str, int]:
    out = {}
    for severity in ("high", "medium", "low"):
        f = finding(s, w, severity=severity, key=severity, overcharge=Decimal("100.00"))
        f.created_at = CREATED
        out[severity] = f.id
    return out


def _immediate(s: Session, ids: dict[str, int]) -> dict[str, set[int]]:
    from monitor.findings.models import Finding

    found = list(s.scalars(select(Finding).where(Finding.id.in_(list(ids.values())))))
    alerts = service.queue_alerts(s, findings=found)
    out: dict[str, set[int]] = {}
    for a in alerts:
        out.setdefault(a.recipient, set()).update(af.finding_id for af in a.findings)
    return out


def test_a_finance_user_without_choices_gets_high_and_medium_at_once(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        _user(s, "kasserer@aarhus.dk")
        ids = _findings(s, w)
        sent = _immediate(s, ids)
        assert sent["kasserer@aarhus.dk"] == {ids["high"], ids["medium"]}
        digests = periodic.queue_digests(s, day=DAY)
        mine = [a for a in digests if a.recipient == "kasserer@aarhus.dk"]
        assert [sorted(af.finding_id for af in a.findings) for a in mine] == [[ids["low"]]]
        assert mine[0].user_id is not None and mine[0].contact_id is None


def test_each_severity_follows_the_users_choice(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        uid = _user(s, "kasserer@aarhus.dk")
        _prefer(s, uid, high="digest", medium="off", low="immediate")
        ids = _findings(s, w)
        sent = _immediate(s, ids)
        assert sent["kasserer@aarhus.dk"] == {ids["low"]}
        # the municipality's own contact keeps its routing (medium and above at once)
        assert sent["oekonomi@751.dk"] == {ids["high"], ids["medium"]}
        digests = periodic.queue_digests(s, day=DAY)
        mine = [a for a in digests if a.recipient == "kasserer@aarhus.dk"]
        assert [sorted(af.finding_id for af in a.findings) for a in mine] == [[ids["high"]]]


def test_off_for_everything_sends_the_user_nothing(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        uid = _user(s, "kasserer@aarhus.dk")
        _prefer(s, uid, high="off", medium="off", low="off")
        ids = _findings(s, w)
        assert "kasserer@aarhus.dk" not in _immediate(s, ids)
        assert all(a.recipient != "kasserer@aarhus.dk" for a in periodic.queue_digests(s, day=DAY))


def test_the_users_choice_outranks_a_contact_with_the_same_address(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        uid = _user(s, w.finance.email)  # the contact oekonomi@751.dk signs in too
        _prefer(s, uid, high="off", medium="off", low="off")
        ids = _findings(s, w)
        assert w.finance.email not in _immediate(s, ids)
        assert all(a.recipient != w.finance.email for a in periodic.queue_digests(s, day=DAY))


@pytest.mark.parametrize(
    ("roles", "codes", "everywhere", "hears"),
    [
        (["legal"], ["751"], False, False),  # not finance
        (["finance"], ["101"], False, False),  # another municipality's
        # finance over every municipality (an operator): only what they chose, none by default
        (["finance"], [], True, False),
        (["admin", "finance"], ["751"], False, True),
    ],
)
def test_who_counts_as_a_finance_user_of_the_municipality(
    app_env: object, roles: list[str], codes: list[str], everywhere: bool, hears: bool
) -> None:
    with transaction() as s:
        w = world(s)
        world(s, code="101", invoice_number="F-2026-0101")
        _user(s, "person@kl.dk", roles=roles, codes=codes, everywhere=everywhere)
        ids = _findings(s, w)
        assert ("person@kl.dk" in _immediate(s, ids)) is hears


def test_a_user_over_every_municipality_hears_what_they_chose(app_env: object) -> None:
    with transaction() as s:
        w = world(s)
        uid = _user(s, "drift@kl.dk", roles=["finance"], codes=[], everywhere=True)
        _prefer(s, uid, high="immediate")
        ids = _findings(s, w)
        assert "drift@kl.dk" in _immediate(s, ids)


def test_the_users_emails_are_sent_in_their_language(app_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        w = world(s)
        uid = _user(s, "cfo@aarhus.dk", language="en")
        _prefer(s, uid, high="immediate", medium="digest", low="digest")
        ids = _findings(s, w)
        _immediate(s, ids)
        periodic.queue_digests(s, day=DAY)
        mine = list(s.scalars(select(Alert).where(Alert.recipient == "cfo@aarhus.dk")))
        for alert in mine:
            assert service.dispatch(s, alert_id=alert.id, sender=sender, now=NOW) == "sent"
    to_user = [m for m in sender.sent if m.to == "cfo@aarhus.dk"]
    assert len(to_user) == 2
    assert {m.headers["X-Prisvagt-Kind"] for m in to_user} == {"immediate", "digest"}
    with transaction() as s:
        languages = set(s.scalars(select(Alert.language).where(Alert.recipient == "cfo@aarhus.dk")))
    assert languages == {"en"}


def test_a_bad_choice_is_refused_and_nothing_is_stored(app_env: object) -> None:
    with transaction() as s:
        world(s)
        uid = _user(s, "kasserer@aarhus.dk")
        with pytest.raises(InputError) as refused:
            _prefer(s, uid, high="digest", low="sometimes")
        assert "sometimes" in str(refused.value)
        assert s.scalars(select(AlertPreference)).all() == []
        assert recipients.effective_preferences(s, uid) == recipients.DEFAULT_DELIVERY


def test_the_daily_digest_task_queues_and_sends_per_preference(app_env: object) -> None:
    """``alerts.queue_digest`` (what the scheduler's daily job enqueues), run in-process."""
    from workers.tasks import queue_digest

    with transaction() as s:
        w = world(s)
        uid = _user(s, "kasserer@aarhus.dk")
        _prefer(s, uid, high="digest", medium="off", low="digest")
        ids = _findings(s, w)
    queued = queue_digest.delay(DAY.isoformat()).get()
    assert queued and queue_digest.delay(DAY.isoformat()).get() == []  # once per day
    with transaction() as s:
        mine = s.scalars(select(Alert).where(Alert.recipient == "kasserer@aarhus.dk")).one()
        assert (mine.kind, mine.status, mine.user_id) == ("digest", "sent", uid)
        assert sorted(af.finding_id for af in mine.findings) == sorted([ids["high"], ids["low"]])

"""Alerts through a transactional outbox.

``queue_alerts`` writes alert rows in the caller's transaction, beside the findings
they announce; ``dispatch`` delivers one alert through the ``EmailSender`` seam and
records the attempt. Routing (``monitor.alerts.recipients``): the finding's
municipality's active contacts, finance emailed at once for findings at or above its
``immediate_min_severity``, and its finance users, each per their own preference for
the finding's severity (immediate, digest or off); the rest wait for the daily
digest (``monitor.alerts.periodic``); findings in monitor mode send
nothing, and so do preliminary findings (their contract awaits legal's review; they
are queued when the re-check after the review makes them final). ``AlertFinding`` is
unique per (finding, recipient, kind), so one finding never reaches one recipient
twice in the same kind of email.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from monitor.alerts import keys, recipients
from monitor.alerts import repository as repo
from monitor.alerts.models import Alert, AlertFinding
from monitor.alerts.recipients import Recipient
from monitor.alerts.render import (
    Rendered,
    render_digest,
    render_immediate,
    render_reminder,
    render_withdrawn,
)
from monitor.alerts.senders import EmailMessage, EmailSender, get_sender
from monitor.db import utcnow
from monitor.errors import ConfigurationError, DeliveryError, NotFound
from monitor.findings.models import Finding
from monitor.parties.models import Contact

SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}
MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 600.0


def severity_rank(severity: str | None) -> int:
    return SEVERITY_RANK.get((severity or "").lower(), 1)


def is_immediate(finding: Finding, contact: Contact) -> bool:
    """Finance hears at once about findings at or above its threshold; legal never."""
    if contact.role != "finance":
        return False
    return severity_rank(finding.severity) >= severity_rank(contact.immediate_min_severity)


def backoff_seconds(attempt: int, *, retry_after: float | None = None) -> float:
    """Exponential backoff with jitter (attempt 1 -> 1-2 s, 2 -> 2-4 s, ...), capped,
    and never sooner than the provider's ``Retry-After``."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempt - 1))
    delay = random.uniform(ceiling / 2, ceiling)
    return max(delay, retry_after or 0.0)


def queue_alerts(session: Session, *, findings: list[Finding]) -> list[Alert]:
    """Queue the immediate emails for new (or newly final) findings. Never commits;
    idempotent.

    One alert per (invoice, recipient) grouping that invoice's findings. Preliminary
    findings and findings a recipient already has an immediate email for are skipped,
    so calling this twice adds nothing.
    """
    sendable = [
        f for f in findings if f.mode == "active" and f.status == "open" and not f.preliminary
    ]
    if not sendable:
        return []
    session.flush()
    everyone = recipients.recipients(session, (f.municipality_id for f in sendable))
    done = repo.already_linked(session, finding_ids=[f.id for f in sendable], kind="immediate")
    groups: dict[tuple[int, str], list[Finding]] = defaultdict(list)
    by_key: dict[tuple[int, str], Recipient] = {}
    for finding in sorted(sendable, key=lambda f: f.id):
        for person in everyone.get(finding.municipality_id or -1, []):
            wanted = person.delivery(finding.severity) == "immediate"
            if wanted and (finding.id, person.email) not in done:
                groups[(finding.invoice_id, person.email)].append(finding)
                by_key[(finding.invoice_id, person.email)] = person
    alerts = []
    for key, group in groups.items():
        person = by_key[key]
        alert = new_alert(
            person,
            kind="immediate",
            dedup_key=keys.immediate(key[0], person.email, group[0].id),
            finding_ids=[f.id for f in group],
        )
        session.add(alert)
        alerts.append(alert)
    session.flush()
    return alerts


def queue_withdrawn(session: Session, *, finding_ids: list[int]) -> list[Alert]:
    """Queue a notice to each person emailed about a finding now withdrawn (a credit
    note credited it, a re-check no longer produces it): the amount they were told to
    hold back need no longer be. One per (invoice, recipient); never two for a finding
    and a recipient; none where no email about it was sent. Never commits."""
    if not finding_ids:
        return []
    told = session.execute(
        select(AlertFinding.finding_id, Alert.recipient, Alert.contact_id, Alert.user_id,
               Alert.municipality_id, Alert.language, Finding.invoice_id)
        .join(Alert, Alert.id == AlertFinding.alert_id)
        .join(Finding, Finding.id == AlertFinding.finding_id)
        .where(
            AlertFinding.finding_id.in_(finding_ids),
            AlertFinding.kind.in_(("immediate", "digest")),
            Alert.status == "sent",
        )
    ).all()  # fmt: skip
    done = repo.already_linked(session, finding_ids=finding_ids, kind=WITHDRAWN)
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    whom: dict[tuple[int, str], Any] = {}
    for fid, email, contact_id, user_id, muni_id, language, invoice_id in told:
        if (fid, email) in done or fid in groups[(invoice_id, email)]:
            continue
        groups[(invoice_id, email)].append(fid)
        whom[(invoice_id, email)] = (contact_id, user_id, muni_id, language)
    alerts = []
    for (invoice_id, email), fids in groups.items():
        if not fids:
            continue
        contact_id, user_id, muni_id, language = whom[(invoice_id, email)]
        fids.sort()
        alert = Alert(
            kind=WITHDRAWN, channel="email", recipient=email, contact_id=contact_id,
            user_id=user_id, municipality_id=muni_id, language=language, status="pending",
            attempts=0, dedup_key=f"{WITHDRAWN}:{invoice_id}:{fids[0]}:{email}",
        )  # fmt: skip
        alert.findings = [
            AlertFinding(finding_id=fid, recipient=email, kind=WITHDRAWN) for fid in fids
        ]
        session.add(alert)
        alerts.append(alert)
    session.flush()
    return alerts


#: the kind of the notice that findings emailed before are withdrawn
WITHDRAWN = "withdrawn"


def new_alert(
    recipient: Recipient | Contact, *, kind: str, dedup_key: str, finding_ids: list[int]
) -> Alert:
    """A pending alert to ``recipient`` linking these findings (not yet added)."""
    if isinstance(recipient, Contact):
        recipient = Recipient.of_contact(recipient)
    alert = Alert(
        kind=kind,
        channel="email",
        recipient=recipient.email,
        contact_id=recipient.contact_id,
        user_id=recipient.user_id,
        municipality_id=recipient.municipality_id,
        language=recipient.language,
        status="pending",
        attempts=0,
        dedup_key=dedup_key,
    )
    alert.findings = [
        AlertFinding(finding_id=fid, recipient=recipient.email, kind=kind) for fid in finding_ids
    ]
    return alert


# -- rendering ---------------------------------------------------------------------------


def render(session: Session, alert: Alert, *, base_url: str) -> Rendered:
    """The email an alert stands for, in the recipient's language."""
    municipality = repo.municipality_name(session, alert.municipality_id)
    if alert.kind == "reminder":
        from monitor.alerts.periodic import reminder_payload

        payload = reminder_payload(session, alert, base_url=base_url)
        return render_reminder(payload, lang=alert.language, municipality=municipality)
    ids = list(repo.finding_ids_of(session, alert.id))
    if alert.kind in ("immediate", "digest") and ids:
        # a finding withdrawn or dismissed before its email went (a credit note came,
        # a re-check no longer finds it) is no longer reported: nothing to hold back
        gone = set(
            session.scalars(
                select(Finding.id).where(Finding.id.in_(ids), Finding.status == "dismissed")
            )
        )
        ids = [i for i in ids if i not in gone]
    views = repo.finding_views(session, ids, base_url=base_url)
    if not views:
        raise DeliveryError(f"alert {alert.id} has no findings left to report", permanent=True)
    if alert.kind == "digest":
        day = keys.digest_day(alert.dedup_key) or date.today()
        return render_digest(views, lang=alert.language, municipality=municipality, day=day)
    if alert.kind == WITHDRAWN:
        return render_withdrawn(views, lang=alert.language, municipality=municipality)
    return render_immediate(views, lang=alert.language, municipality=municipality)


def message_for(session: Session, alert: Alert) -> EmailMessage:
    from monitor.settings import get_settings

    settings = get_settings()
    rendered = render(session, alert, base_url=settings.base_url)
    return EmailMessage(
        to=alert.recipient,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        sender=settings.email_from,
        idempotency_key=keys.idempotency(alert.id, alert.dedup_key),
        headers={"X-Prisvagt-Alert-Id": str(alert.id), "X-Prisvagt-Kind": alert.kind},
    )


# -- delivery ----------------------------------------------------------------------------


def dispatch(
    session: Session,
    *,
    alert_id: int,
    sender: EmailSender | None = None,
    now: datetime | None = None,
) -> str:
    """Deliver one alert; return its status (``sent`` or ``failed``, or the status it
    already had). Idempotent: an alert already sent or given up is not sent again.

    Records attempts, ``last_error``, ``permanent_failure`` and the provider's id. A
    transient failure is recorded (status back to ``pending``, ``next_attempt_at``)
    and then re-raised: the caller should COMMIT and retry later. An alert that cannot
    be rendered or sent as it is (a poison alert: a defect, or a value no email can
    carry) is ``failed`` with the error, permanently; database errors and a missing
    setting are raised, as they are not the alert's fault. Never commits.
    """
    now = now or utcnow()
    sender = sender or _default_sender()
    claimed = repo.claim(session, alert_id)
    alert = session.get(Alert, alert_id, populate_existing=True)
    if alert is None:
        raise NotFound(
            f"alert {alert_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.alert_id"}, "id": alert_id},
        )
    if not claimed:
        return alert.status
    try:
        message = message_for(session, alert)
        alert.subject = message.subject
        provider_id = sender.send(message)
    except DeliveryError as exc:
        _record_failure(alert, exc, now=now)
        session.flush()
        if alert.status == "failed":
            return "failed"
        raise
    except (SQLAlchemyError, ConfigurationError):
        raise
    except Exception as exc:  # a poison alert: recorded on it and shown in the UI
        poison = DeliveryError(
            f"this alert cannot be sent: {type(exc).__name__}: {exc}", permanent=True
        )
        _record_failure(alert, poison, now=now)
        session.flush()
        return "failed"
    alert.status = "sent"
    alert.sent_at = now
    alert.provider_message_id = provider_id
    alert.next_attempt_at = None
    alert.last_error = None
    session.flush()
    return "sent"


def _record_failure(alert: Alert, exc: DeliveryError, *, now: datetime) -> None:
    alert.last_error = str(exc)[:4000]
    if exc.permanent:
        alert.status = "failed"
        alert.permanent_failure = True
        alert.next_attempt_at = None
    elif alert.attempts >= MAX_ATTEMPTS:
        alert.status = "failed"
        alert.last_error = f"gave up after {alert.attempts} attempts: {exc}"[:4000]
        alert.next_attempt_at = None
    else:
        alert.status = "pending"
        delay = backoff_seconds(alert.attempts, retry_after=exc.retry_after)
        alert.next_attempt_at = now + timedelta(seconds=delay)


def _default_sender() -> EmailSender:
    from monitor.settings import get_settings

    return get_sender(get_settings())


@dataclass(slots=True)
class DispatchReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry_later: list[int] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.sent) + len(self.failed) + len(self.retry_later)

    def __str__(self) -> str:
        """``3 sent, 1 failed, 1 to retry later`` and one line per problem."""
        head = (
            f"{len(self.sent)} sent, {len(self.failed)} failed, "
            f"{len(self.retry_later)} to retry later"
        )
        return "\n".join([head, *(f"  alert {i}: {e}" for i, e in sorted(self.errors.items()))])


#: opens one unit of work (commits on success, rolls back on error): ``monitor.db.transaction``
UnitOfWork = Callable[[], AbstractContextManager[Session]]


def dispatch_pending(
    unit_of_work: UnitOfWork,
    *,
    sender: EmailSender | None = None,
    limit: int | None = None,
    now: datetime | None = None,
) -> DispatchReport:
    """Deliver every alert that is due (``prisvagt alerts send``), each in its own unit
    of work: a sent alert is committed before the next is tried, so a later failure
    never re-sends it, and one alert that fails (or poisons its transaction) does not
    keep the others from going out. A transient failure is recorded and left for a
    later run."""
    now = now or utcnow()
    sender = sender or _default_sender()
    report = DispatchReport()
    with unit_of_work() as session:
        due = repo.due_alert_ids(session, now=now, limit=limit)
    for alert_id in due:
        try:
            with unit_of_work() as session:
                status, error = _dispatch_one(session, alert_id, sender=sender, now=now)
        except SQLAlchemyError as exc:  # rolled back; the alert stays due for the next run
            status, error = "pending", f"database error: {type(exc).__name__}: {exc}"[:500]
        {"sent": report.sent, "failed": report.failed}.get(status, report.retry_later).append(
            alert_id
        )
        if error:
            report.errors[alert_id] = error
    return report


def _dispatch_one(
    session: Session, alert_id: int, *, sender: EmailSender, now: datetime
) -> tuple[str, str | None]:
    """(status, error) of one dispatch; a transient failure is recorded, not raised, so
    the unit of work commits it."""
    try:
        status = dispatch(session, alert_id=alert_id, sender=sender, now=now)
    except DeliveryError as exc:
        return "pending", str(exc)
    if status == "failed":
        alert = session.get(Alert, alert_id)
        return "failed", (alert.last_error if alert else None) or "failed"
    return status, None

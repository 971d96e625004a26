"""Alerts: each delivery attempt is data (transactional outbox)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.db import Base, UTCDateTime, utcnow


class Alert(Base):
    """One message to one recipient. ``status``: pending|sending|sent|failed.

    Written in the same transaction as its findings; ``alerts.dispatch`` delivers it.
    ``kind``: immediate|digest|reminder|withdrawn (findings emailed before, now withdrawn).
    """

    __tablename__ = "alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="immediate")
    channel: Mapped[str] = mapped_column(String(20), default="email")
    recipient: Mapped[str] = mapped_column(String(320))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    #: the signed-in user it went to (a finance user per their preferences), if not a contact
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    language: Mapped[str] = mapped_column(String(2), default="da")
    subject: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    permanent_failure: Mapped[bool] = mapped_column(default=False)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: unique per purpose, e.g. "digest:101:finance:2026-11-23"; makes enqueuing idempotent
    dedup_key: Mapped[str] = mapped_column(String(300), unique=True)

    findings: Mapped[list[AlertFinding]] = relationship(
        back_populates="alert", cascade="all, delete-orphan"
    )


class AlertFinding(Base):
    """Links an alert to a finding. Unique per (finding, recipient, kind): never two
    emails of one kind for the same finding and recipient."""

    __tablename__ = "alert_finding"
    __table_args__ = (UniqueConstraint("finding_id", "recipient", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("finding.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(20), default="immediate")

    alert: Mapped[Alert] = relationship(back_populates="findings")


class AlertPreference(Base):
    """How one user hears about findings of one severity: ``delivery`` is
    ``immediate`` (an email per invoice at once), ``digest`` (in the daily digest) or
    ``off``. A severity with no row gets ``monitor.alerts.recipients.DEFAULT_DELIVERY``."""

    __tablename__ = "alert_preference"
    __table_args__ = (UniqueConstraint("user_id", "severity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    delivery: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

"""Every received file, kept as received, identified by its SHA-256."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from monitor.db import Base, UTCDateTime, utcnow


class Document(Base):
    """A received document. ``status``: received|processed|unassigned|failed|quarantined.

    A failed document keeps its bytes and its error; nothing is thrown away.
    ``read_attempts`` counts readings begun and not finished: a reading killed with
    its worker (memory, hard time limit) leaves it up; at ``PRISVAGT_MAX_PARSE_CRASHES``
    the document is ``quarantined`` and never read again.

    ``uploaded_by``: who uploaded it over the web (the audit actor: an email or
    ``token:<name>``); until it is read into a contract or an invoice of a municipality,
    only they and identities over every municipality see it (``monitor.auth.scope``).
    """

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))  # contract|invoice
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int]
    source: Mapped[str] = mapped_column(String(20), default="cli")  # cli|inbox|upload|demo
    uploaded_by: Mapped[str | None] = mapped_column(String(320), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    error_reason: Mapped[str | None] = mapped_column(String(40))
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))

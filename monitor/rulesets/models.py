"""Rule configuration as data, versioned: every change is a new row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from monitor.db import Base, UTCDateTime, utcnow


class RuleConfiguration(Base):
    """One version of one rule's configuration; ``is_current`` marks the one in force."""

    __tablename__ = "rule_configuration"
    __table_args__ = (UniqueConstraint("rule_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(default=1)
    mode: Mapped[str] = mapped_column(String(10), default="active")  # active|monitor|off
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    severity: Mapped[str | None] = mapped_column(String(10))
    municipalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    vendors: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_current: Mapped[bool] = mapped_column(default=True, index=True)
    changed_by: Mapped[str] = mapped_column(String(320), default="system")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)

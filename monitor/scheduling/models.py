"""The scheduler lease: one row per lock name, held by one process until it expires.

The table sits on its own metadata for now, created on demand by
``ensure_tables``, so that it does not change the application schema before a
migration adds it (``apscheduler_jobs`` is created the same way by APScheduler).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from monitor.db import NAMING, UTCDateTime


class SchedulingBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SchedulerLock(SchedulingBase):
    """``name`` is held by ``owner`` (host:pid:token) until ``expires_at``."""

    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


def ensure_tables(engine: Engine) -> None:
    SchedulingBase.metadata.create_all(engine, checkfirst=True)


def drop_tables(engine: Engine) -> None:
    SchedulingBase.metadata.drop_all(engine, checkfirst=True)

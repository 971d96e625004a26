"""A lease in the database, so that only one scheduler runs the jobs.

Each process calls ``acquire`` before a job; the holder renews its lease, another
process gets it only once the lease has expired (the holder died or hung). Both
steps are single conditional statements, atomic on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import case, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from monitor.scheduling.models import SchedulerLock

DEFAULT_TTL = timedelta(seconds=30)


def new_owner() -> str:
    """Who this process is, for the lock row and for people reading it."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(
    session: Session, *, name: str, owner: str, now: datetime, ttl: timedelta = DEFAULT_TTL
) -> bool:
    """Take or renew the lease ``name`` for ``owner``; False if another holds it.
    Never commits (commit promptly: the row stays locked until you do)."""
    renewed = session.execute(
        update(SchedulerLock)
        .where(
            SchedulerLock.name == name,
            or_(SchedulerLock.owner == owner, SchedulerLock.expires_at <= now),
        )
        .values(
            owner=owner,
            expires_at=now + ttl,
            acquired_at=case((SchedulerLock.owner == owner, SchedulerLock.acquired_at), else_=now),
        )
        .execution_options(synchronize_session=False)
    )
    if renewed.rowcount:  # type: ignore[attr-defined]
        return True
    exists = session.scalar(select(SchedulerLock.name).where(SchedulerLock.name == name))
    if exists is not None:
        return False
    try:
        with session.begin_nested():
            session.execute(
                insert(SchedulerLock).values(
                    name=name, owner=owner, acquired_at=now, expires_at=now + ttl
                )
            )
    except IntegrityError:
        return False  # another process inserted it first
    return True


def release(session: Session, *, name: str, owner: str) -> None:
    session.execute(
        delete(SchedulerLock).where(SchedulerLock.name == name, SchedulerLock.owner == owner)
    )


def holder(session: Session, *, name: str) -> SchedulerLock | None:
    return session.get(SchedulerLock, name)


def remove_expired(session: Session, *, now: datetime, older_than: timedelta) -> int:
    result = session.execute(
        delete(SchedulerLock).where(SchedulerLock.expires_at < now - older_than)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

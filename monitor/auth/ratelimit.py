"""Failed sign-ins, counted in the database so that every web process counts the same.

Three counts over the last ``window`` seconds, each with its own limit:

- per (client address, email): ``limit`` failures, then that pair waits;
- per email, from any address: ``limit * 4`` (slows guessing one account's password
  from many addresses; the account's owner waits too, which is the usual price);
- per address, for any email: ``limit * 10`` (slows trying one password on many accounts).

A success forgets the pair's failures. Old rows are pruned as new failures arrive. The
limiter never commits: the request's transaction stores the failure with the 401 page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.orm import Session

from monitor.auth.models import LoginFailure
from monitor.db import utcnow

#: the email and address limits as multiples of the pair's
PER_EMAIL = 4
PER_ADDRESS = 10


class LoginLimiter:
    def __init__(
        self, *, limit: int, window: float, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.limit = limit
        self.window = timedelta(seconds=window)
        self._clock = clock

    def wait_seconds(self, session: Session, address: str, email: str) -> int:
        """0 when a sign-in may be tried, else the seconds until it may."""
        email = _norm(email)
        now = self._clock()
        since = now - self.window
        waits = [
            self._wait(
                session,
                LoginFailure.address == address,
                LoginFailure.email == email,
                limit=self.limit,
                since=since,
                now=now,
            ),
            self._wait(
                session,
                LoginFailure.email == email,
                limit=self.limit * PER_EMAIL,
                since=since,
                now=now,
            ),
            self._wait(
                session,
                LoginFailure.address == address,
                limit=self.limit * PER_ADDRESS,
                since=since,
                now=now,
            ),
        ]
        return max(waits)

    def _wait(
        self,
        session: Session,
        *where: ColumnElement[bool],
        limit: int,
        since: datetime,
        now: datetime,
    ) -> int:
        recent = and_(*where, LoginFailure.at > since)
        count = session.scalar(select(func.count()).where(recent)) or 0
        if count < limit:
            return 0
        # the window reopens when the oldest failure that keeps the count at the limit ages out
        times = session.scalars(
            select(LoginFailure.at).where(recent).order_by(LoginFailure.at.desc()).limit(limit)
        ).all()
        oldest = _aware(times[-1])
        return max(1, int((oldest + self.window - now).total_seconds()) + 1)

    def failed(self, session: Session, address: str, email: str) -> None:
        now = self._clock()
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.window))
        session.add(LoginFailure(address=address[:64], email=_norm(email)[:320], at=now))
        session.flush()

    def succeeded(self, session: Session, address: str, email: str) -> None:
        session.execute(
            delete(LoginFailure).where(
                LoginFailure.address == address, LoginFailure.email == _norm(email)
            )
        )


def _norm(email: str) -> str:
    return email.strip().lower()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes where the column type does not convert them
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)

"""Request dependencies: one database session per request, and the app's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session


def _request_session(request: Request) -> Iterator[Session]:
    """A session for this request: committed when the handler returns, rolled back on error.

    The commit happens before the response is sent (``scope="function"``), so a
    failed commit is an error page, never a success the database does not hold.
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(_request_session, scope="function")]


def now(request: Request) -> datetime:
    """The moment it is, from the app's clock (``create_app(clock=...)``; tests set one)."""
    clock = getattr(request.app.state, "clock", None)
    if clock is None:
        from monitor.db import utcnow

        return utcnow()
    moment: datetime = clock()
    return moment


def today(request: Request) -> date:
    """The day it is in Denmark by the app's clock: what a form's date defaults to."""
    from monitor.formatting import local_date

    return local_date(now(request))

"""Request dependencies: one database session per request."""

from __future__ import annotations

from collections.abc import Iterator
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

"""Signing tests in: an API token of an admin over every municipality (all roles), so
that tests written before sign-in existed exercise the pages as a person allowed
everything would. The authorisation itself is tested in tests/web/test_authorisation.py."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete
from starlette.types import ASGIApp, Receive, Scope, Send

from monitor.audit.models import AuditEntry
from monitor.auth.service import ROLES, add_token

#: what the audit log records for a change made through ``signed_in``
TEST_ACTOR = "token:tests"


def admin_token(app: FastAPI, *, roles: tuple[str, ...] = ROLES) -> str:
    """The secret of a new API token over every municipality, in ``app``'s database."""
    with app.state.session_factory() as session:
        _, secret = add_token(
            session,
            name="tests",
            roles=list(roles),
            municipality_codes=[],
            all_municipalities=True,
            actor="tests",
        )
        # the fixture's own setup is not part of what a test reads in the audit log
        session.execute(delete(AuditEntry).where(AuditEntry.action == "token.add"))
        session.commit()
    return secret


def signed_in(client: TestClient, *, roles: tuple[str, ...] = ROLES) -> TestClient:
    """``client`` with the bearer token of a new all-municipality identity."""
    client.headers["Authorization"] = f"Bearer {admin_token(client.app, roles=roles)}"  # type: ignore[arg-type]
    return client


def with_token(app: FastAPI) -> ASGIApp:
    """``app`` behind a wrapper adding an admin's bearer token to every request: for a
    browser driven from the command line, which cannot sign in or set a header."""
    header = (b"authorization", f"Bearer {admin_token(app)}".encode())

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "headers": [*scope["headers"], header]}
        await app(scope, receive, send)

    return wrapped

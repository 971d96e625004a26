"""Signing tests in: an API token of an admin over every municipality (all roles), so
that tests written before sign-in existed exercise the pages as a person allowed
everything would. The authorisation itself is tested in tests/web/test_authorisation.py."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import delete

from monitor.audit.models import AuditEntry
from monitor.auth.service import ROLES, add_token

#: what the audit log records for a change made through ``signed_in``
TEST_ACTOR = "token:tests"


def signed_in(client: TestClient, *, roles: tuple[str, ...] = ROLES) -> TestClient:
    """``client`` with the bearer token of a new all-municipality identity."""
    session_factory = client.app.state.session_factory  # type: ignore[attr-defined]
    with session_factory() as session:
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
    client.headers["Authorization"] = f"Bearer {secret}"
    return client

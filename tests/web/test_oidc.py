"""Signing in through OpenID Connect, against a local provider (oidc-provider-mock)
started by the test: the provider says who the person is, the local account what they
may do."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.auth.models import User
from monitor.db import transaction
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.web.test_authorisation import World, world

__all__ = ["World", "world"]  # the fixture, shared with the matrix

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")


@pytest.fixture
def issuer() -> Iterator[str]:
    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_app(engine: Engine, tmp_path: Path, issuer: str, world: World) -> FastAPI:
    settings = load_settings(
        database_url=f"sqlite:///{tmp_path / 'web.db'}",
        oidc_issuer=issuer,
        oidc_client_id="prisvagt",
        oidc_client_secret="s3cret",
    )
    return create_app(settings=settings, engine=engine, queue_recheck=lambda ids: None)


def _sign_in_at_provider(client: TestClient, sub: str) -> httpx.Response:
    """Follow the app to the provider, choose ``sub`` there, come back with the code."""
    start = client.get("/login/oidc?next=/findings", follow_redirects=False)
    assert start.status_code == 302, start.text
    authorize = start.headers["location"]
    assert parse_qs(urlsplit(authorize).query)["client_id"] == ["prisvagt"]
    chosen = httpx.post(authorize, data={"sub": sub}, follow_redirects=False)
    assert chosen.status_code == 302, chosen.text
    back = urlsplit(chosen.headers["location"])
    assert back.path == "/login/oidc/callback"
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)  # type: ignore[return-value]


def test_a_person_the_provider_vouches_for_is_signed_in_with_the_local_roles(
    oidc_app: FastAPI,
) -> None:
    client = TestClient(oidc_app)
    assert "Log ind med Microsoft Entra ID" in client.get("/login").text
    done = _sign_in_at_provider(client, "legal@kk.dk")
    assert (done.status_code, done.headers["location"]) == (303, "/findings")
    assert "legal@kk.dk" in client.get("/findings").text
    assert client.get("/admin/parties").status_code == 403  # legal, not admin


def test_a_person_without_a_local_account_is_refused(oidc_app: FastAPI) -> None:
    client = TestClient(oidc_app)
    done = _sign_in_at_provider(client, "stranger@example.dk")
    assert done.status_code == 403 and "no active account here" in done.text
    assert client.get("/findings", follow_redirects=False).status_code == 303  # to login


def test_a_forged_callback_is_refused(oidc_app: FastAPI) -> None:
    client = TestClient(oidc_app, raise_server_exceptions=False)
    client.get("/login/oidc", follow_redirects=False)
    forged = client.get("/login/oidc/callback?code=abc&state=not-the-state")
    assert forged.status_code == 403 and "did not complete" in forged.text
    assert client.get("/findings", follow_redirects=False).status_code == 303


def test_an_account_without_a_local_password_is_told_its_provider_keeps_it(
    oidc_app: FastAPI, engine: Engine
) -> None:
    with transaction(engine) as s:
        user = s.scalars(select(User).where(User.email == "legal@kk.dk")).one()
        user.password_hash = None  # signs in through the provider only
    client = TestClient(oidc_app)
    assert _sign_in_at_provider(client, "legal@kk.dk").status_code == 303
    page = client.get("/account/password")
    assert page.status_code == 200 and 'name="new_password"' not in page.text
    assert "styres af din identitetsudbyder" in page.text
    english = client.get("/account/password?lang=en").text
    assert "managed by your identity provider" in english
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf is not None
    refused = client.post(
        "/account/password",
        data={
            "csrf_token": csrf.group(1),
            "current_password": "",
            "new_password": "a brand new passphrase 2",
            "repeat_password": "a brand new passphrase 2",
        },
    )
    assert refused.status_code == 400 and 'name="new_password"' not in refused.text
    with transaction(engine) as s:
        user = s.scalars(select(User).where(User.email == "legal@kk.dk")).one()
        assert user.password_hash is None and user.session_epoch == 0

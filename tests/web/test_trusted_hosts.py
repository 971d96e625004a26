"""The Host header: the app answers only to PRISVAGT_TRUSTED_HOSTS and the host of
PRISVAGT_BASE_URL (by default localhost and 127.0.0.1, for the embedded default)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from monitor.settings import Settings, load_settings
from monitor.web.app import create_app
from monitor.web.i18n import translate
from monitor.web.security import host_allowed, host_name


def make_app(engine: Engine, tmp_path: object, **settings: object) -> FastAPI:
    url = f"sqlite:///{tmp_path}/web.db"
    return create_app(settings=load_settings(database_url=url, **settings), engine=engine)


def test_by_default_only_this_machine_is_trusted(engine: Engine, tmp_path: object) -> None:
    default = Settings.model_fields["trusted_hosts"].default
    app = make_app(engine, tmp_path, trusted_hosts=default)
    for host in ("127.0.0.1", "localhost:8000", "[::1]:8000"):
        assert TestClient(app).get("/login", headers={"host": host}).status_code == 200, host
    refused = TestClient(app).get("/login", headers={"host": "evil.example"})
    assert refused.status_code == 400


@pytest.mark.parametrize("lang", ["da", "en"])
def test_another_host_is_refused_with_a_clear_message(
    engine: Engine, tmp_path: object, lang: str
) -> None:
    app = make_app(
        engine,
        tmp_path,
        trusted_hosts=["intern.kommune.dk"],
        base_url="https://prisvagt.kommune.dk",
    )
    client = TestClient(app)
    for host in ("prisvagt.kommune.dk", "intern.kommune.dk:8443"):
        assert client.get("/login", headers={"host": host}).status_code == 200, host
    page = client.get(f"/login?lang={lang}", headers={"host": "evil.example"})
    assert page.status_code == 400
    assert translate("error.bad_host_message", lang, host="evil.example") in page.text
    api = client.get("/api/health", headers={"host": "evil.example"})
    assert api.status_code == 400 and "PRISVAGT_TRUSTED_HOSTS" in api.json()["error"]


def test_a_star_trusts_any_host_and_a_wildcard_a_domain() -> None:
    assert host_allowed("anything.example", frozenset({"*"}))
    assert host_allowed("a.kommune.dk:443", frozenset({"*.kommune.dk"}))
    assert not host_allowed("kommune.dk.evil.example", frozenset({"*.kommune.dk"}))
    assert not host_allowed("", frozenset({"localhost"}))
    assert host_name("[::1]:8000") == "::1" and host_name("Example.DK:80") == "example.dk"

"""The same pages and API on the machine's PostgreSQL (window functions, exact sums)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

import monitor.models  # noqa: F401  (every table)
from monitor.db import Base, make_engine
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.signin import signed_in
from tests.web.conftest import Seed, seed_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_client(pg_engine: Engine, postgres_url: str) -> Iterator[tuple[TestClient, Seed]]:
    seed = seed_database(pg_engine)
    app = create_app(settings=load_settings(database_url=postgres_url), engine=pg_engine)
    with signed_in(TestClient(app)) as client:
        yield client, seed


def test_pages_and_api_work_on_postgresql(pg_client: tuple[TestClient, Seed]) -> None:
    client, seed = pg_client
    overview = client.get("/").text
    assert "data-flagged>1.000,00 kr.<" in overview and "1,25×" in overview
    listing = client.get("/findings", params={"municipality": "101"}).text
    assert "data-total-overcharge>1.000,00 kr.<" in listing
    assert "1.1 Brugerlicens" in client.get(f"/findings/{seed.price_finding_id}").text
    api = client.get("/api/v1/findings", params={"sort": "overcharge_asc"})
    assert [f["overcharge"] for f in api.json()["items"]] == ["0.00", "1000.00"]
    reviewed = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review",
        json={"action": "confirm", "actor": "jura@kk.dk"},
    )
    assert reviewed.json()["status"] == "confirmed"
    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "postgresql"}

"""API v1 lists, scope and exports on the machine's PostgreSQL (counts over scoped
subqueries, correlated sums, exports read through a server-side cursor)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

import monitor.models  # noqa: F401  (every table)
from monitor.db import Base, make_engine, transaction
from monitor.findings.models import Finding
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.signin import signed_in
from tests.web.conftest import Seed, seed_database
from tests.web.test_api_v1 import token_client

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(postgres_url: str) -> Iterator[tuple[FastAPI, Engine, Seed]]:
    engine = make_engine(postgres_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    seed = seed_database(engine)
    yield create_app(settings=load_settings(database_url=postgres_url), engine=engine), engine, seed
    engine.dispose()


def test_lists_scope_and_exports_on_postgresql(pg_app: tuple[FastAPI, Engine, Seed]) -> None:
    app, engine, seed = pg_app
    with transaction(engine) as s:
        s.execute(
            update(Finding)
            .where(Finding.id == seed.price_finding_id)
            .values(overcharge=Decimal("1234567.89"))
        )
    client = signed_in(TestClient(app))
    invoices = client.get("/api/v1/invoices", params={"limit": 1}).json()
    assert invoices["total"] == 2 and invoices["next"] == "/api/v1/invoices?limit=1&offset=1"
    kbh = client.get(f"/api/v1/invoices/{seed.invoice_id}").json()
    assert (kbh["overcharge"], kbh["payable"], kbh["findings"]) == ("1234567.89", "8625.00", 1)
    aarhus = token_client(app, ["finance"], ["751"])
    assert aarhus.get("/api/v1/invoices").json()["total"] == 1
    assert aarhus.get(f"/api/v1/invoices/{seed.invoice_id}").status_code == 404
    assert aarhus.get("/api/v1/contracts").json()["total"] == 0
    export = aarhus.get("/api/v1/findings/export").text[1:]
    rows = list(csv.reader(io.StringIO(export), delimiter=";"))  # Danish: ";" between cells
    assert [r[0] for r in rows[1:]] == [str(seed.payment_finding_id)]  # its own only
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/api/v1/findings/export?format=xlsx").content)
    ).active
    assert Decimal(str(sheet.cell(row=2, column=18).value)) == Decimal("1234567.89")
    assert sheet.max_row == 3

"""Fixtures for tests with real worker processes: a broker (Redis or RabbitMQ), a
database (SQLite file or the session's PostgreSQL database), the fake SendGrid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.alerts.fake_sendgrid import FakeSendGrid
from tests.servicecheck import require_broker
from tests.workers.harness import Stack, running

API_KEY = "SG.worker-test"
EXTRA_TABLES = ("apscheduler_jobs", "scheduler_lock")


def _reset(url: str) -> None:
    import monitor.models  # noqa: F401
    from monitor.db import Base, make_engine
    from monitor.scheduling.models import drop_tables

    engine = make_engine(url)
    try:
        Base.metadata.drop_all(engine)
        drop_tables(engine)
        with engine.begin() as conn:
            for table in (*EXTRA_TABLES, "alembic_version"):
                conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    finally:
        engine.dispose()


def _drop_extras(url: str) -> None:
    """Leave the shared database as the migrations made it (the scheduler adds tables)."""
    from monitor.db import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in EXTRA_TABLES:
                conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    finally:
        engine.dispose()


def _clear_caches() -> None:
    from monitor.db import engine_for, get_engine
    from monitor.settings import get_settings

    get_engine().dispose()
    engine_for.cache_clear()
    get_settings.cache_clear()


@pytest.fixture
def fake_sendgrid() -> Iterator[FakeSendGrid]:
    with FakeSendGrid(api_key=API_KEY) as fake:
        yield fake


@pytest.fixture
def stack(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_sendgrid: FakeSendGrid,
) -> Iterator[Stack]:
    """``request.param`` is (broker, database): ("redis"|"rabbitmq", "sqlite"|"postgresql")."""
    broker_kind, db_kind = request.param
    broker_url = require_broker(broker_kind)
    if db_kind == "postgresql":
        database_url: str = request.getfixturevalue("postgres_url")
        _reset(database_url)
    else:
        database_url = f"sqlite:///{tmp_path / 'prisvagt.db'}"
    stack = Stack(tmp=tmp_path, database_url=database_url, broker_url=broker_url,
                  sendgrid_url=fake_sendgrid.url, api_key=API_KEY)  # fmt: skip
    for key in ("PRISVAGT_DATABASE_URL", "PRISVAGT_INBOX_DIR", "PRISVAGT_BASE_URL"):
        monkeypatch.setenv(key, stack.env[key])
    monkeypatch.setenv("PRISVAGT_BROKER_URL", "")
    monkeypatch.chdir(tmp_path)
    _clear_caches()
    from monitor.db import get_engine
    from monitor.migrate import upgrade

    upgrade(get_engine())
    try:
        with running(stack):
            yield stack
    finally:
        _clear_caches()
        if db_kind == "postgresql":
            _drop_extras(database_url)

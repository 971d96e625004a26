"""Shared fixtures: an isolated application environment on SQLite and on PostgreSQL.

Tests that need a server use the machine's own (PostgreSQL, Redis, RabbitMQ). When a
server is unreachable the test is skipped with the reason, except under CI (CI=true),
where that is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.servicecheck import require_service


def long_run(kind: str, why: str) -> list[pytest.MarkDecorator]:
    """Marks for a test too long for ``make test``: it runs in ``make faults`` (kind
    "faults": real workers killed or failing) or ``make load`` (kind "load": bench
    scripts and load runs), which set ``PRISVAGT_LONG_TESTS``; skipped, saying so,
    elsewhere. CI runs both targets."""
    return [
        getattr(pytest.mark, kind),
        pytest.mark.skipif(
            kind not in os.environ.get("PRISVAGT_LONG_TESTS", ""),
            reason=f"{why}: make {kind}",
        ),
    ]


def long_test(kind: str, why: str) -> Callable[[Any], Any]:
    """:func:`long_run` as a decorator of one test."""

    def decorate(test: Any) -> Any:
        for mark in long_run(kind, why):
            test = mark(test)
        return test

    return decorate


PG_HOST = os.environ.get("PRISVAGT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PRISVAGT_TEST_PG_PORT", "5432"))
PG_ADMIN_URL = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/postgres"
REPO = Path(__file__).resolve().parents[1]
#: Starlette's test client sends ``Host: testserver``; the app refuses hosts it does not know
os.environ.setdefault("PRISVAGT_TRUSTED_HOSTS", '["localhost", "127.0.0.1", "::1", "testserver"]')


def clear_caches() -> None:
    from monitor.db import engine_for
    from monitor.settings import get_settings

    for url in list(_engines_seen):
        engine_for(url).dispose()
    engine_for.cache_clear()
    get_settings.cache_clear()


_engines_seen: set[str] = set()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    require_service("PostgreSQL", PG_HOST, PG_PORT)
    name = f"prisvagt_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        clear_caches()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs on the embedded SQLite and on the machine's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'prisvagt.db'}"
    url: str = request.getfixturevalue("postgres_url")
    import monitor.models  # noqa: F401
    from monitor.db import Base, make_engine

    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return url


@pytest.fixture
def app_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the application at a throw-away database, outbox and inbox; tasks in-process."""
    monkeypatch.setenv("PRISVAGT_DATABASE_URL", database_url)
    monkeypatch.setenv("PRISVAGT_BROKER_URL", "")
    monkeypatch.setenv("PRISVAGT_EMAIL_BACKEND", "outbox")
    monkeypatch.setenv("PRISVAGT_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("PRISVAGT_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.setenv("PRISVAGT_BASE_URL", "http://prisvagt.test")
    monkeypatch.chdir(tmp_path)
    clear_caches()
    _engines_seen.add(database_url)
    from monitor.db import get_engine
    from monitor.migrate import upgrade
    from monitor.settings import get_settings

    upgrade(get_engine())
    yield get_settings()
    clear_caches()


@pytest.fixture
def sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Like ``app_env`` but on SQLite only (for tests that are about something else)."""
    url = f"sqlite:///{tmp_path / 'prisvagt.db'}"
    monkeypatch.setenv("PRISVAGT_DATABASE_URL", url)
    monkeypatch.setenv("PRISVAGT_BROKER_URL", "")
    monkeypatch.setenv("PRISVAGT_EMAIL_BACKEND", "outbox")
    monkeypatch.setenv("PRISVAGT_OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("PRISVAGT_INBOX_DIR", str(tmp_path / "inbox"))
    monkeypatch.chdir(tmp_path)
    clear_caches()
    _engines_seen.add(url)
    from monitor.db import get_engine
    from monitor.migrate import upgrade
    from monitor.settings import get_settings

    upgrade(get_engine())
    yield get_settings()
    clear_caches()

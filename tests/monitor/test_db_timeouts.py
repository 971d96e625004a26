"""PostgreSQL sessions carry the statement, lock and idle-in-transaction timeouts from
the settings, and the pool its size and wait (issue 13, item 9)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from monitor.db import make_engine
from monitor.settings import get_settings

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setenv("PRISVAGT_DB_STATEMENT_TIMEOUT", "0.5")
    monkeypatch.setenv("PRISVAGT_DB_LOCK_TIMEOUT", "0.3")
    monkeypatch.setenv("PRISVAGT_DB_IDLE_IN_TRANSACTION_TIMEOUT", "1")
    monkeypatch.setenv("PRISVAGT_DB_POOL_SIZE", "2")
    monkeypatch.setenv("PRISVAGT_DB_MAX_OVERFLOW", "1")
    monkeypatch.setenv("PRISVAGT_DB_POOL_TIMEOUT", "0.5")
    get_settings.cache_clear()
    engine = make_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS timeout_probe (id int primary key)"))
        conn.execute(text("INSERT INTO timeout_probe VALUES (1) ON CONFLICT DO NOTHING"))
    yield engine
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE timeout_probe"))
    engine.dispose()
    get_settings.cache_clear()


def test_each_session_gets_the_configured_timeouts(pg: Engine) -> None:
    with pg.connect() as conn:
        shown = [conn.execute(text(f"SHOW {name}")).scalar() for name in (
            "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")]  # fmt: skip
    assert shown == ["500ms", "300ms", "1s"]
    assert (pg.pool.size(), pg.pool._max_overflow, pg.pool._timeout) == (2, 1, 0.5)  # type: ignore[attr-defined]


def test_a_runaway_statement_is_cancelled(pg: Engine) -> None:
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"), pg.connect() as conn:
        conn.execute(text("SELECT pg_sleep(10)"))
    assert time.monotonic() - started < 5


def test_a_lock_wait_ends_with_an_error_and_the_holder_keeps_its_work(pg: Engine) -> None:
    with pg.connect() as holder:
        holder.execute(text("BEGIN"))
        holder.execute(text("UPDATE timeout_probe SET id = 2 WHERE id = 1"))
        started = time.monotonic()
        with pytest.raises(OperationalError, match="lock timeout"), pg.begin() as waiter:
            waiter.execute(text("UPDATE timeout_probe SET id = 3 WHERE id = 1"))
        assert time.monotonic() - started < 5
        holder.execute(text("COMMIT"))
    with pg.connect() as conn:
        assert conn.execute(text("SELECT id FROM timeout_probe")).scalars().all() == [2]


def test_a_transaction_left_idle_is_ended_by_the_server(pg: Engine) -> None:
    with pg.connect() as idle:
        idle.execute(text("BEGIN"))
        idle.execute(text("SELECT 1 FROM timeout_probe FOR UPDATE"))
        time.sleep(1.5)
        with pytest.raises(DBAPIError, match="idle-in-transaction timeout"):
            idle.execute(text("SELECT 1"))
    with pg.begin() as conn:  # the lock it held is free again
        conn.execute(text("UPDATE timeout_probe SET id = id"))

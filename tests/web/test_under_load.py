"""The web app under load and bad input (issue 13, item 9): ids beyond the id columns are a
400 naming the parameter; a request blocked in the database does not stop the others
(the handlers run in threads, not on the event loop); more requests than the pool has
connections wait their turn and, past the pool timeout, get 503, never a pool 500."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text

import monitor.models  # noqa: F401  (every table)
from monitor.db import Base, create_all, make_engine, transaction
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.conftest import long_run
from tests.signin import signed_in, with_token
from tests.web.conftest import seed_database

#: requests timed against a server under load: a load run
pytestmark = long_run("load", "the web app timed while requests wait on a lock")

HUGE = "99999999999999999999999"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'web.db'}"
        engine = make_engine(url)
        create_all(engine)
    else:
        url = request.getfixturevalue("postgres_url")
        engine = make_engine(url)
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
    seed_database(engine)
    engine.dispose()
    yield url


def _app(url: str, **settings: Any) -> FastAPI:
    app = create_app(settings=load_settings(database_url=url, **settings))
    app.state.queue_document = lambda *_: None  # the worker's seam: nothing to queue here
    return app


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    with transaction(engine) as s:
        findings = [(f.id, f.status) for f in s.scalars(select(Finding).order_by(Finding.id))]
        return [*findings, s.scalar(select(func.count(Document.id)))]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/api/v1/findings/{HUGE}"),
        ("GET", f"/api/v1/findings/{HUGE}/history"),
        ("POST", f"/api/v1/findings/{HUGE}/review"),
        ("GET", f"/api/v1/documents/{HUGE}"),
        ("GET", "/api/v1/documents/2147483648"),
        ("GET", f"/findings/{HUGE}"),
        ("GET", f"/invoices/{HUGE}"),
        ("GET", f"/contracts/{HUGE}"),
        ("GET", f"/invoices/-{HUGE}"),
    ],
)
def test_an_id_beyond_the_id_columns_is_a_400_naming_it_and_changes_nothing(
    backend: str, method: str, path: str
) -> None:
    app = _app(backend)
    engine = app.state.engine
    before = _stored(engine)
    with signed_in(TestClient(app, raise_server_exceptions=False)) as client:
        body = {"action": "confirm", "actor": "jura@kk.dk"} if method == "POST" else None
        response = client.request(method, path, json=body)
    assert response.status_code == 400, response.text
    assert "OverflowError" not in response.text
    if path.startswith("/api/"):  # English for scripts
        assert "out of range" in response.text
        assert response.json()["error"].startswith("field ")
    else:  # the page's language (Danish by default), naming the parameter
        assert "uden for det tilladte" in response.text and "felt " in response.text
    assert _stored(engine) == before


def test_a_malformed_id_is_a_422_and_the_largest_id_is_simply_not_found(backend: str) -> None:
    with signed_in(TestClient(_app(backend), raise_server_exceptions=False)) as client:
        assert client.get("/api/v1/findings/abc").status_code == 422
        assert client.get("/api/v1/findings/1e5").status_code == 422
        assert client.get("/api/v1/findings/2147483647").status_code == 404


# -- a real server, PostgreSQL: the event loop and the pool under a held lock ----------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(with_token(app), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def document_table_locked(engine: Engine) -> Iterator[None]:
    """Another session holds the document table against writes (reads go on): an upload
    blocks in the database."""
    with engine.begin() as holder:
        holder.execute(text("LOCK TABLE document IN EXCLUSIVE MODE"))
        yield


def _upload_in_background(base: str, results: list[httpx.Response]) -> threading.Thread:
    def upload() -> None:
        files = {"file": ("F-1.csv", b"invoice_number,unit_price\nF-1,1\n", "text/csv")}
        results.append(httpx.post(f"{base}/api/v1/documents", files=files, timeout=60))

    thread = threading.Thread(target=upload)
    thread.start()
    return thread


def _wait_for_lock_waiter(engine: Engine, results: list[httpx.Response]) -> None:
    deadline = time.monotonic() + 10
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    while True:
        with engine.connect() as conn:  # a new transaction: a fresh statistics snapshot
            if conn.execute(waiting).scalar():
                return
        assert time.monotonic() < deadline, f"the upload never waited: {results}"
        time.sleep(0.05)


@pytest.mark.postgres
@pytest.mark.timeout(120)
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_an_upload_blocked_in_the_database_does_not_stop_other_requests(backend: str) -> None:
    app = _app(backend, db_lock_timeout=30)
    engine = app.state.engine
    results: list[httpx.Response] = []
    with serving(app) as base:
        # warm: the first requests of a fresh server (imports, caches) are not what this
        # measures, only whether a blocked upload holds the others up
        for path in ("/api/v1/health", "/api/v1/findings"):
            assert httpx.get(f"{base}{path}", timeout=30).status_code == 200
        with document_table_locked(engine):
            thread = _upload_in_background(base, results)
            _wait_for_lock_waiter(engine, results)
            started = time.monotonic()
            health = httpx.get(f"{base}/api/v1/health", timeout=30)
            findings = httpx.get(f"{base}/api/v1/findings", timeout=30)
            answered_in = time.monotonic() - started
            assert thread.is_alive(), "the upload is still waiting for the lock"
        thread.join(timeout=30)
    assert (health.status_code, findings.status_code) == (200, 200)
    assert answered_in < 2.0, f"other requests waited {answered_in:.1f}s for the blocked upload"
    assert [r.status_code for r in results] == [202]
    with transaction(engine) as s:
        assert s.scalars(select(Document.filename).order_by(Document.id)).all()[-1] == "F-1.csv"


@pytest.mark.postgres
@pytest.mark.timeout(120)
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_more_requests_than_connections_wait_then_get_503_not_a_pool_error(
    backend: str,
) -> None:
    app = _app(backend, db_pool_size=1, db_max_overflow=0, db_pool_timeout=0.5, db_lock_timeout=30)
    engine = make_engine(backend)  # the test's own connections, not the app's one
    before = _stored(engine)
    results: list[httpx.Response] = []
    with serving(app) as base:
        with document_table_locked(engine):
            thread = _upload_in_background(base, results)
            _wait_for_lock_waiter(engine, results)
            busy = httpx.get(f"{base}/api/v1/findings", timeout=30)
        thread.join(timeout=30)
        after = httpx.get(f"{base}/api/v1/findings", timeout=30)
    assert busy.status_code == 503, busy.text
    assert busy.headers["Retry-After"] == "5" and "Prøv igen om lidt" in busy.json()["error"]
    assert after.status_code == 200
    assert [r.status_code for r in results] == [202]
    assert _stored(engine)[:-1] == before[:-1]  # the findings as they were
    assert _stored(engine)[-1] == before[-1] + 1  # and the one upload stored

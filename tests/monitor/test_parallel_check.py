"""When a check of many invoices spreads over worker processes (``monitor.findings
.parallel``): how many, on which databases, and how the invoices are split."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, select

from bench.rules_data import build
from monitor.db import make_engine, session_factory
from monitor.findings import parallel
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade
from monitor.settings import get_settings


@pytest.fixture
def fresh_settings(monkeypatch):  # type: ignore[no-untyped-def]
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_the_configured_number_of_workers_wins(fresh_settings) -> None:  # type: ignore[no-untyped-def]
    fresh_settings.setenv("PRISVAGT_CHECK_WORKERS", "3")
    assert parallel.default_workers() == 3
    fresh_settings.setenv("PRISVAGT_CHECK_WORKERS", "1")
    get_settings.cache_clear()
    assert parallel.default_workers() == 1


def test_in_process_the_cores_are_used_and_in_a_celery_worker_one(fresh_settings) -> None:  # type: ignore[no-untyped-def]
    from workers.celery_app import app

    fresh_settings.delenv("PRISVAGT_CHECK_WORKERS", raising=False)
    get_settings.cache_clear()
    fresh_settings.setitem(app.conf, "task_always_eager", True)
    cores = min(os.cpu_count() or 1, parallel.MAX_WORKERS)
    assert parallel.default_workers() == cores
    fresh_settings.setitem(app.conf, "task_always_eager", False)  # a broker: Celery's pool
    assert parallel.default_workers() == 1


def test_only_many_invoices_on_a_database_other_processes_can_open(tmp_path) -> None:  # type: ignore[no-untyped-def]
    many = parallel.PARALLEL_MIN_INVOICES
    on_file = session_factory(make_engine(f"sqlite:///{tmp_path / 'x.db'}"))()
    in_memory = session_factory(create_engine("sqlite://"))()
    assert parallel.usable(on_file, many, 2)
    assert not parallel.usable(on_file, many - 1, 2)
    assert not parallel.usable(on_file, many, 1)
    assert not parallel.usable(in_memory, many, 2)


def test_the_parts_are_whole_pairs_of_about_the_same_size(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    build(engine, 3000, municipalities=7, items=40, seed=5)
    with session_factory(engine)() as s:
        rows = s.execute(select(Invoice.id, Invoice.vendor_id, Invoice.municipality_id)).all()
        parts = parallel.partition(s, [r[0] for r in rows], 3)
        s.rollback()
    engine.dispose()
    pair = {r[0]: (r[1], r[2]) for r in rows}
    assert sorted(i for p in parts for i in p) == sorted(pair)
    owners = {}
    for n, part in enumerate(parts):
        for invoice_id in part:
            assert owners.setdefault(pair[invoice_id], n) == n  # a pair is never split
    sizes = sorted(len(p) for p in parts)
    biggest_pair = max(sum(1 for v in pair.values() if v == k) for k in set(pair.values()))
    assert len(parts) == 3 and sizes[-1] - sizes[0] <= biggest_pair

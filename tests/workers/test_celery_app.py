"""The Celery configuration: what survives a dying worker, and what runs in-process."""

from __future__ import annotations

import pytest

import workers.tasks  # noqa: F401  (registers the tasks)
from monitor.errors import ConfigurationError
from workers import celery_app
from workers.celery_app import app


@pytest.mark.parametrize(
    ("name", "queue", "limits"),
    [
        ("documents.ingest", "extraction", (60, 90)),
        ("contracts.extract", "extraction", (300, 360)),
        ("invoices.parse", "extraction", (300, 360)),
        ("invoices.check", "checking", (120, 150)),
        ("invoices.recheck_peers", "checking", (60, 90)),
        ("alerts.dispatch", "alerts", (60, 90)),
    ],
)
def test_each_task_has_its_queue_late_acks_and_time_limits(
    name: str, queue: str, limits: tuple[int, int]
) -> None:
    task = app.tasks[name]
    assert (task.soft_time_limit, task.time_limit) == limits
    assert task.acks_late and task.reject_on_worker_lost and task.ignore_result
    assert app.amqp.router.route({}, name)["queue"].name == queue


def test_reading_tasks_follow_the_parse_time_limit_and_workers_are_recycled(
    sqlite_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.settings import get_settings

    monkeypatch.setenv("PRISVAGT_PARSE_TIME_LIMIT", "60")
    monkeypatch.setenv("PRISVAGT_WORKER_MAX_MEMORY_PER_CHILD", "500000")
    get_settings.cache_clear()
    local = celery_app.make_celery()
    for name in ("contracts.extract", "invoices.parse"):
        limits = local.conf.task_annotations[name]
        assert (limits["soft_time_limit"], limits["time_limit"]) == (90, 150)
    assert local.conf.worker_max_memory_per_child == 500000


def test_no_result_backend_and_one_task_prefetched() -> None:
    assert app.conf.result_backend is None
    assert app.conf.worker_prefetch_multiplier == 1


def test_without_a_broker_tasks_run_in_process(sqlite_env: object) -> None:
    local = celery_app.make_celery()
    assert local.conf.task_always_eager and local.conf.task_eager_propagates


def test_redis_gets_a_visibility_timeout_and_a_frequent_restore_sweep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRISVAGT_BROKER_VISIBILITY_TIMEOUT", "600")
    options = celery_app.transport_options("redis://127.0.0.1:6379/0")
    assert options == {"visibility_timeout": 600, "unacked_restore_interval": 60,
                       "unacked_restore_throttle": 1}  # fmt: skip
    assert celery_app.transport_options("amqp://guest:guest@127.0.0.1:5672//") == {}
    monkeypatch.setenv("PRISVAGT_BROKER_VISIBILITY_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError, match="PRISVAGT_BROKER_VISIBILITY_TIMEOUT"):
        celery_app.transport_options("redis://127.0.0.1:6379/0")


def test_a_queue_prefix_keeps_installations_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRISVAGT_QUEUE_PREFIX", "aarhus-")
    assert celery_app.queue_names() == ["aarhus-extraction", "aarhus-checking", "aarhus-alerts"]

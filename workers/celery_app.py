"""The Celery application. With no broker configured, tasks run in-process (eager).

With a broker (Redis or RabbitMQ): three queues (extraction, checking, alerts), late
acknowledgement so a task whose worker dies is delivered again, one message
prefetched at a time, time limits, and no result backend (nobody reads results).

A dead worker's tasks come back within a minute: RabbitMQ redelivers them when the
worker's connection drops; on Redis an unacknowledged task becomes visible again after
the visibility timeout (30 s by default), and a live worker renews that lease for the
tasks it holds (``LeaseRenewal``), so a long task or one waiting for its retry time is
not handed to a second worker meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from celery import Celery, bootsteps, signals
from kombu import Exchange, Queue

from monitor.settings import get_settings, load_settings
from workers import logs

QUEUES = ("extraction", "checking", "alerts")

#: (soft, hard) time limits in seconds per task; reading documents: see time_limits()
TIME_LIMITS = {
    "documents.ingest": (60, 90),
    "invoices.check": (120, 150),
    "invoices.recheck_peers": (60, 90),
    "alerts.dispatch": (60, 90),
}
#: tasks that read a document: their limits follow PRISVAGT_PARSE_TIME_LIMIT
READING_TASKS = ("contracts.extract", "invoices.parse")


def time_limits(parse_time_limit: int) -> dict[str, tuple[int, int]]:
    """(soft, hard) seconds per task. A reading's own child stops at the parse time
    limit and fails the document cleanly; the task's soft limit comes after it, the
    hard limit (the worker process is killed, the reading counted) after that."""
    reading = (parse_time_limit + 30, parse_time_limit + 90)
    return {**TIME_LIMITS, **dict.fromkeys(READING_TASKS, reading)}


ROUTES = {
    "documents.*": "extraction",
    "contracts.*": "extraction",
    "invoices.parse": "extraction",
    "invoices.check": "checking",
    "invoices.recheck_peers": "checking",
    "alerts.*": "alerts",
}


def queue_prefix() -> str:
    """``PRISVAGT_QUEUE_PREFIX`` namespaces the queues, so that two installations (or
    two test runs) can share one broker without taking each other's tasks."""
    return load_settings().queue_prefix


def queue_names() -> list[str]:
    return [queue_prefix() + q for q in QUEUES]


def visibility_timeout() -> int:
    """Seconds before Redis hands an unacknowledged task to another worker (a worker
    that died); the live worker renews it for its tasks (``LeaseRenewal``), so it may
    be shorter than the time limits. Tests shorten it."""
    return load_settings().broker_visibility_timeout


def transport_options(broker_url: str) -> dict[str, object]:
    """Redis emulates acknowledgement: an unacknowledged task becomes visible again
    after the visibility timeout, found by a periodic sweep (run it often enough)."""
    if not broker_url.startswith(("redis://", "rediss://")):
        return {}
    timeout = visibility_timeout()
    return {
        "visibility_timeout": timeout,
        "unacked_restore_interval": max(1, min(60, timeout // 5)),
        "unacked_restore_throttle": 1,
    }


#: broker URL scheme -> (the module its kombu transport imports, the package to install)
TRANSPORTS = {
    "redis": ("redis", "redis"),
    "rediss": ("redis", "redis"),
    "amqp": ("amqp", "amqp"),
    "amqps": ("amqp", "amqp"),
}


def require_transport(broker_url: str) -> None:
    """Stop start-up when the broker's client library is missing (kombu would only fail
    later, on every poll, with ``'NoneType' object has no attribute 'Redis'``)."""
    import importlib

    from monitor.errors import ConfigurationError

    scheme = broker_url.split("://", 1)[0].lower()
    if scheme not in TRANSPORTS:
        return
    module, package = TRANSPORTS[scheme]
    try:
        importlib.import_module(module)
    except ImportError:
        raise ConfigurationError(
            f"PRISVAGT_BROKER_URL is a {scheme}:// URL, but the Python package {package!r} "
            f"that talks to it is not installed: pip install {package} "
            "(it comes with prisvagt itself; reinstall it if it went missing)"
        ) from None


def make_celery() -> Celery:
    settings = get_settings()
    app = Celery("prisvagt", include=["workers.tasks"])
    if settings.broker_url:
        app.conf.broker_url = settings.broker_url
        app.conf.task_always_eager = False
    else:
        # The embedded default: the same tasks, run in the calling process.
        app.conf.broker_url = "memory://"
        app.conf.task_always_eager = True
        app.conf.task_eager_propagates = True
    prefix = queue_prefix()
    exchange = Exchange(f"{prefix}prisvagt", type="direct")
    app.conf.update(
        result_backend=None,
        task_ignore_result=True,
        task_store_errors_even_if_ignored=False,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        enable_utc=True,
        task_queues=[Queue(q, exchange, routing_key=q, durable=True) for q in queue_names()],
        task_default_queue=f"{prefix}checking",
        task_default_exchange=exchange.name,
        task_default_routing_key=f"{prefix}checking",
        task_routes={
            pattern: {"queue": prefix + q, "exchange": exchange.name, "routing_key": prefix + q}
            for pattern, q in ROUTES.items()
        },
        task_annotations={
            name: {"soft_time_limit": soft, "time_limit": hard}
            for name, (soft, hard) in time_limits(settings.parse_time_limit).items()
        },
        # a worker process that grew past this (a big document read in it) is replaced
        # after its task, before it takes the next one
        worker_max_memory_per_child=settings.worker_max_memory_per_child,
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options(settings.broker_url),
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        task_send_sent_event=False,
    )
    logs.connect(app)
    connect_fork_safety()
    if settings.broker_url.startswith(("redis://", "rediss://")):
        app.steps["consumer"].add(LeaseRenewal)
    return app


log = logging.getLogger("prisvagt.worker")


class LeaseRenewal(bootsteps.StartStopStep):  # type: ignore[misc]
    """Redis: renew the visibility of the tasks this worker holds (running, reserved,
    or waiting for their retry time), a few times per visibility timeout.

    Kombu keeps each unacknowledged message's delivery time in the ``unacked_index``
    sorted set and restores those older than the visibility timeout. A thread of the
    worker's main process re-stamps its own messages (``ZADD XX``: an acknowledged
    message is never brought back). A worker that dies stops renewing, and its tasks
    are visible again within one visibility timeout. A thread, not the event loop, so
    that a solo worker busy with a long task renews too."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, parent: Any) -> None:
        import redis

        timeout = visibility_timeout()
        client = redis.Redis.from_url(parent.app.conf.broker_url)
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(parent, client, max(0.5, timeout / 4)),
            name="prisvagt-lease-renewal", daemon=True,
        )  # fmt: skip
        self._thread.start()

    def stop(self, parent: Any) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    shutdown = stop

    def _run(self, parent: Any, client: Any, every: float) -> None:
        while not self._stop.wait(every):
            try:
                renew_leases(parent, client)
            except Exception:  # the broker is away: kombu reconnects; try next round
                log.warning("could not renew the tasks' visibility", exc_info=True)


def renew_leases(consumer: Any, client: Any, *, now: float | None = None) -> int:
    """Re-stamp the delivery time of each message ``consumer`` holds; returns how many."""
    task_consumer = getattr(consumer, "task_consumer", None)
    channel = getattr(task_consumer, "channel", None)
    qos = getattr(channel, "qos", None)
    if qos is None:
        return 0
    for _ in range(3):  # the consumer's thread may change the set while it is read
        try:
            tags = list(qos._delivered)
            break
        except RuntimeError:
            continue
    else:
        return 0
    if not tags:
        return 0
    key = getattr(channel, "global_keyprefix", "") + channel.unacked_index_key
    stamp = time.time() if now is None else now
    client.zadd(key, dict.fromkeys(tags, stamp), xx=True)
    return len(tags)


def _before_fork(**_: Any) -> None:
    """The worker's main process, before its pool forks: check the broker's client is
    installed, and close its database connections (the migrations ``prisvagt worker``
    ran), so no child inherits a live socket."""
    from monitor.db import dispose_all

    require_transport(get_settings().broker_url)
    dispose_all(close=True)


def _in_pool_process(**_: Any) -> None:
    """A new pool process: forget the pools inherited from the parent, unclosed (their
    sockets are the parent's); this process opens its own connections."""
    from monitor.db import dispose_all

    dispose_all(close=False)


def _pool_process_ends(**_: Any) -> None:
    from monitor.db import dispose_all

    dispose_all(close=True)


def connect_fork_safety() -> None:
    """Engines and pools are made after the fork in every worker process, and the
    parent's are disposed before it (``monitor.db`` also does this for any fork)."""
    signals.worker_init.connect(_before_fork, weak=False, dispatch_uid="prisvagt-before-fork")
    signals.worker_process_init.connect(
        _in_pool_process, weak=False, dispatch_uid="prisvagt-process-init"
    )
    signals.worker_process_shutdown.connect(
        _pool_process_ends, weak=False, dispatch_uid="prisvagt-process-shutdown"
    )


app = make_celery()

"""The Celery application. With no broker configured, tasks run in-process (eager)."""

from __future__ import annotations

from celery import Celery

from monitor.settings import get_settings


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
    app.conf.update(
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        timezone="UTC",
        task_routes={
            "contracts.*": {"queue": "extraction"},
            "invoices.parse": {"queue": "extraction"},
            "invoices.check": {"queue": "checking"},
            "alerts.*": {"queue": "alerts"},
        },
    )
    return app


app = make_celery()

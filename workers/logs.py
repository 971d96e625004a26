"""Structured logs for workers: one JSON object per line, carrying the task name, the
task id and the ids the task works on (document, invoice, alert)."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from celery import Celery, signals

log = logging.getLogger("prisvagt.tasks")

#: the argument names tasks take, reported as fields of each log line
ID_FIELDS = ("document_id", "invoice_id", "alert_id", "path")
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        data.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


def ids_of(
    task: Any, args: tuple[Any, ...] | None, kwargs: dict[str, Any] | None
) -> dict[str, Any]:
    """The document/invoice/alert id a task was called with, by its parameter name."""
    fields: dict[str, Any] = dict(kwargs or {})
    names = getattr(task, "id_params", ())
    for name, value in zip(names, args or (), strict=False):
        fields[name] = value
    return {k: v for k, v in fields.items() if k in ID_FIELDS}


_started: dict[str, float] = {}


def _on_prerun(task_id: str, task: Any, args: Any = None, kwargs: Any = None, **_: Any) -> None:
    _started[task_id] = time.monotonic()
    retries = getattr(task.request, "retries", 0)
    log.info("task started", extra={"task": task.name, "task_id": task_id, "retries": retries,
                                    **ids_of(task, args, kwargs)})  # fmt: skip


def _on_postrun(task_id: str, task: Any, args: Any = None, kwargs: Any = None,
                state: str | None = None, **_: Any) -> None:  # fmt: skip
    started = _started.pop(task_id, None)
    ms = None if started is None else round((time.monotonic() - started) * 1000, 1)
    log.info("task finished", extra={"task": task.name, "task_id": task_id, "state": state,
                                     "duration_ms": ms, **ids_of(task, args, kwargs)})  # fmt: skip


def _on_retry(request: Any = None, reason: Any = None, sender: Any = None, **_: Any) -> None:
    log.warning("task will be retried", extra={
        "task": getattr(sender, "name", None), "task_id": getattr(request, "id", None),
        "retries": getattr(request, "retries", None), "reason": str(reason),
        **ids_of(sender, getattr(request, "args", None), getattr(request, "kwargs", None)),
    })  # fmt: skip


def _on_failure(task_id: str | None = None, exception: BaseException | None = None,
                sender: Any = None, args: Any = None, kwargs: Any = None, **_: Any) -> None:  # fmt: skip
    log.error("task failed", extra={
        "task": getattr(sender, "name", None), "task_id": task_id,
        "error": f"{type(exception).__name__}: {exception}", **ids_of(sender, args, kwargs),
    })  # fmt: skip


def configure(level: int = logging.INFO) -> None:
    """JSON lines on stderr for the whole process (worker or scheduler)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _on_setup_logging(loglevel: Any = None, **_: Any) -> None:
    level = logging.getLevelName(loglevel) if isinstance(loglevel, str) else loglevel
    configure(level if isinstance(level, int) else logging.INFO)


def connect(app: Celery) -> None:
    """Hook the log lines into the task life cycle (idempotent)."""
    signals.setup_logging.connect(_on_setup_logging, weak=False, dispatch_uid="prisvagt-logs")
    signals.task_prerun.connect(_on_prerun, weak=False, dispatch_uid="prisvagt-prerun")
    signals.task_postrun.connect(_on_postrun, weak=False, dispatch_uid="prisvagt-postrun")
    signals.task_retry.connect(_on_retry, weak=False, dispatch_uid="prisvagt-retry")
    signals.task_failure.connect(_on_failure, weak=False, dispatch_uid="prisvagt-failure")

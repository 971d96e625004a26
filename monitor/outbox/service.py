"""Writing tasks to the outbox in the caller's transaction, and relaying them.

A row is written in the same transaction as the work it queues, so a committed
document always has either its row or its task on the broker. After the commit the
process that wrote it relays it at once; the scheduler relays the rows left behind
(the process died between its commit and its relay, or the broker was down).
A task may so be queued twice (the relay died after sending, before deleting): the
tasks are idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from monitor.db import transaction
from monitor.outbox.models import OutboxTask

log = logging.getLogger("prisvagt.outbox")
#: (task name, args) -> None; raises when the task could not be queued
Send = Callable[[str, list[object]], object]


def add(session: Session, *, task: str, args: Sequence[object]) -> OutboxTask:
    """Queue ``task(*args)`` once this transaction commits. Never commits."""
    row = OutboxTask(task=task, args=list(args), attempts=0)
    session.add(row)
    session.flush()
    return row


def relay(
    *,
    send: Send,
    ids: Sequence[int] | None = None,
    created_before: datetime | None = None,
    send_after_commit: bool = False,
    engine: Engine | None = None,
    limit: int = 500,
) -> list[int]:
    """Queue the outbox rows (these ``ids``, or those created before a time), each in
    its own transaction; returns the ids queued.

    On a broker a row is deleted only after ``send`` returned, in the transaction that
    locked it (a second relay skips it on PostgreSQL); when the broker is away the row
    stays with the attempt and the error. With tasks run in-process
    (``send_after_commit``) no transaction is held while the task runs (it writes
    through its own connections) and the row is deleted once it has run."""
    query = select(OutboxTask.id).order_by(OutboxTask.id).limit(limit)
    if ids is not None:
        query = query.where(OutboxTask.id.in_(list(ids)))
    if created_before is not None:
        query = query.where(OutboxTask.created_at < created_before)
    with transaction(engine) as session:
        candidates = list(session.scalars(query))
    done: list[int] = []
    for row_id in candidates:
        if _relay_one(row_id, send=send, send_after_commit=send_after_commit, engine=engine):
            done.append(row_id)
    return done


def _relay_one(row_id: int, *, send: Send, send_after_commit: bool, engine: Engine | None) -> bool:
    if send_after_commit:
        return _run_one(row_id, send=send, engine=engine)
    with transaction(engine) as session:
        row = session.scalars(
            select(OutboxTask).where(OutboxTask.id == row_id).with_for_update(skip_locked=True)
        ).one_or_none()
        if row is None:
            return False  # relayed meanwhile, or being relayed by another process
        try:
            send(row.task, list(row.args))
        except Exception as exc:  # the broker is away: the row stays, tried again later
            _note_failure(row, exc)
            return False
        session.delete(row)
        return True


def _run_one(row_id: int, *, send: Send, engine: Engine | None) -> bool:
    """In-process: the task runs here, writing through its own connections, so no
    transaction is held meanwhile. The row goes once the task has run, whether it
    succeeded or not (a task records its own failure: the document failed, the
    invoice ``check_failed``); if this process dies while it runs, the row stays and
    the task is run again later."""
    with transaction(engine) as session:
        row = session.get(OutboxTask, row_id)
        if row is None:
            return False
        task, args = row.task, list(row.args)
    try:
        send(task, args)
    except Exception as exc:
        log.warning(
            "outbox task failed in-process",
            extra={"task": task, "task_args": args, "error": f"{type(exc).__name__}: {exc}"},
        )
    with transaction(engine) as session:
        row = session.get(OutboxTask, row_id)
        if row is not None:
            session.delete(row)
    return True


def _note_failure(row: OutboxTask, exc: BaseException) -> None:
    row.attempts = (row.attempts or 0) + 1
    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    log.warning(
        "outbox task not queued; the scheduler tries again",
        extra={"task": row.task, "task_args": row.args, "error": row.last_error},
    )


def pending(session: Session) -> list[OutboxTask]:
    return list(session.scalars(select(OutboxTask).order_by(OutboxTask.id)))

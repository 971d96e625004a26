"""``prisvagt worker`` (prefork, two processes) on PostgreSQL and Redis: the parent runs
the migrations before it forks, and yet no process shares a database connection with
another, and many tasks run without one protocol error (issue 13, item 1)."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from sqlalchemy import select

from monitor.db import transaction
from monitor.invoices.models import Invoice
from tests.alerts.factories import finding, world
from tests.workers.harness import Stack, socket_inodes, start_cli_worker, tcp_inodes_to_port

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240), pytest.mark.redis, pytest.mark.postgres]

TASKS = 120
PROTOCOL_ERRORS = (
    "received 2 results",
    "can't change 'autocommit'",
    "another command is already in progress",
    "OperationalError",
    "InterfaceError",
    "ResourceClosedError",
    "task failed",
)  # a retry after two processes raced to store the same finding is by design


def _pg_sockets(pids: list[int], pg_port: int) -> dict[int, set[int]]:
    pg = tcp_inodes_to_port(pg_port, pids[0])
    return {pid: socket_inodes(pid) & pg for pid in pids}


def _shared(held: dict[int, set[int]]) -> set[int]:
    owners = Counter(inode for inodes in held.values() for inode in inodes)
    return {inode for inode, n in owners.items() if n > 1}


def _finished(log: str, name: str) -> int:
    return sum(
        1
        for line in log.splitlines()
        if "task finished" in line and name in line and '"state": "SUCCESS"' in line
    )


@pytest.mark.parametrize("stack", [("redis", "postgresql")], indirect=True)
def test_no_database_socket_is_shared_between_the_worker_and_its_pool(stack: Stack) -> None:
    from urllib.parse import urlsplit

    pg_port = urlsplit(stack.env["PRISVAGT_DATABASE_URL"]).port or 5432
    with transaction() as s:
        w = world(s)
        finding(s, w)
        invoice_id = s.scalars(select(Invoice.id)).one()
    proc = start_cli_worker(stack, "worker", concurrency=2)
    children = stack.children("worker")
    assert len(children) == 2
    producer = stack.producer()
    try:
        for _ in range(TASKS):
            producer.send_task("invoices.check", args=[invoice_id])
        deadline = time.monotonic() + 150
        shared: list[dict[int, set[int]]] = []
        while _finished(stack.log("worker"), "invoices.check") < TASKS:
            assert time.monotonic() < deadline, stack.log("worker")[-4000:]
            # while tasks run: every PostgreSQL socket belongs to one process only
            held = _pg_sockets([proc.pid, *children], pg_port)
            if _shared(held):
                shared.append(held)
            time.sleep(0.1)
    finally:
        producer.close()
    held = _pg_sockets([proc.pid, *children], pg_port)
    assert not _shared(held) and not shared, shared[:3] or held
    assert held[proc.pid] == set(), "the parent keeps no connection: its pool was disposed"
    assert all(held[child] for child in children), "each pool process has its own connection"
    log = stack.log("worker")
    problems = [line for line in log.splitlines() if any(p in line for p in PROTOCOL_ERRORS)]
    assert problems == [], "\n".join(problems[:20])
    assert _finished(log, "invoices.check") == TASKS
    assert stack.children("worker") == children  # no pool process died and was replaced

"""Real worker and scheduler processes for tests and the bench: started in their own
process group, bounded by timeouts, always stopped (SIGTERM, then SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


class Stack:
    """The environment every process of one test shares, and the processes."""

    def __init__(self, *, tmp: Path, database_url: str, broker_url: str, sendgrid_url: str,
                 api_key: str, extra: dict[str, str] | None = None) -> None:  # fmt: skip
        self.tmp = tmp
        self.prefix = f"t{uuid.uuid4().hex[:8]}-"
        self.inbox = tmp / "inbox"
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("PRISVAGT_")},
            "PYTHONPATH": str(REPO),
            "PRISVAGT_DATABASE_URL": database_url,
            "PRISVAGT_BROKER_URL": broker_url,
            "PRISVAGT_QUEUE_PREFIX": self.prefix,
            "PRISVAGT_EMAIL_BACKEND": "sendgrid",
            "PRISVAGT_SENDGRID_API_KEY": api_key,
            "PRISVAGT_SENDGRID_HOST": sendgrid_url,
            "PRISVAGT_SENDGRID_TIMEOUT": "5",
            "PRISVAGT_INBOX_DIR": str(self.inbox),
            "PRISVAGT_OUTBOX_DIR": str(tmp / "outbox"),
            "PRISVAGT_BASE_URL": "http://prisvagt.test",
            "PRISVAGT_BROKER_VISIBILITY_TIMEOUT": "5",
            "PRISVAGT_INBOX_POLL_SECONDS": "1",
            **(extra or {}),
        }
        self.procs: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}

    @property
    def queues(self) -> str:
        return ",".join(f"{self.prefix}{q}" for q in ("extraction", "checking", "alerts"))

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = self.tmp / f"{name}.log"
        with open(log, "ab") as out:
            proc = subprocess.Popen(argv, cwd=self.tmp, env=self.env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        self.procs[name] = (proc, log)
        return proc

    def start_worker(self, name: str, *, pool: str = "solo", concurrency: int = 1,
                     timeout: float = 30.0) -> subprocess.Popen[bytes]:  # fmt: skip
        argv = [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
                "-Q", self.queues, "-P", pool, "-c", str(concurrency), "-n", f"{self.prefix}{name}@%h",
                "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]  # fmt: skip
        proc = self._spawn(name, argv)
        self.wait_for_log(name, "ready.", timeout=timeout)
        return proc

    def start_scheduler(self, name: str = "scheduler") -> subprocess.Popen[bytes]:
        code = "from workers.scheduler import run_scheduler; run_scheduler()"
        proc = self._spawn(name, [sys.executable, "-c", code])
        self.wait_for_log(name, "Scheduler started", timeout=30)
        return proc

    def log(self, name: str) -> str:
        return self.procs[name][1].read_text("utf-8", "replace")

    def wait_for_log(self, name: str, needle: str, *, timeout: float) -> None:
        proc, _ = self.procs[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log(name):
                return
            if proc.poll() is not None:
                raise RuntimeError(
                    f"{name} exited with {proc.returncode}:\n{self.log(name)[-3000:]}"
                )
            time.sleep(0.1)
        raise TimeoutError(f"{name} not ready after {timeout}s:\n{self.log(name)[-3000:]}")

    def children(self, name: str) -> list[int]:
        """Pids of the processes a worker forked (its prefork pool)."""
        proc, _ = self.procs[name]
        found: list[int] = []
        for task in Path(f"/proc/{proc.pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found.extend(int(pid) for pid in text)
        return found

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: the worker and any child it forked."""
        proc, _ = self.procs[name]
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self, name: str, *, grace: float = 10.0) -> None:
        proc, _ = self.procs[name]
        if proc.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.kill(name)
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # children left behind

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def producer(self) -> Any:
        """A Celery app in this process that sends to this stack's broker and queues."""
        from monitor.settings import get_settings
        from workers.celery_app import make_celery

        saved = {k: os.environ.get(k) for k in self.env if k.startswith("PRISVAGT_")}
        os.environ.update({k: v for k, v in self.env.items() if k.startswith("PRISVAGT_")})
        get_settings.cache_clear()
        try:
            return make_celery()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            get_settings.cache_clear()

    def purge(self) -> None:
        """Remove this stack's queues and exchange from the broker (they are unique to
        it; RabbitMQ keeps durable ones, Redis keeps the binding table)."""
        app = self.producer()
        try:
            with app.connection_for_write() as conn:
                channel = conn.default_channel
                for queue in self.queues.split(","):
                    channel.queue_delete(queue)
                if self.env["PRISVAGT_BROKER_URL"].startswith("amqp"):
                    channel.exchange_delete(f"{self.prefix}prisvagt")
                else:
                    client = channel.client
                    for key in client.scan_iter(match=f"_kombu.binding*{self.prefix}*"):
                        client.delete(key)
        finally:
            app.close()


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    try:
        yield stack
    finally:
        stack.stop_all()
        stack.purge()


def drop_in_inbox(inbox: Path, name: str, data: bytes) -> Path:
    """As a well-behaved sender does: write a hidden file, then rename it into place."""
    tmp = inbox / f".{name}.part"
    tmp.write_bytes(data)
    target = inbox / name
    os.replace(tmp, target)
    return target


def start_cli_worker(stack: Stack, name: str, *, concurrency: int = 2,
                     timeout: float = 60.0) -> subprocess.Popen[bytes]:  # fmt: skip
    """``prisvagt worker`` as an operator starts it (prefork, migrations run first in
    the parent, then the pool forks)."""
    argv = [sys.executable, "-m", "monitor.cli.main", "worker", "--queues", stack.queues,
            "--concurrency", str(concurrency)]  # fmt: skip
    proc = stack._spawn(name, argv)
    stack.wait_for_log(name, "ready.", timeout=timeout)
    return proc


def socket_inodes(pid: int) -> set[int]:
    """Inodes of the sockets process ``pid`` holds open."""
    found: set[int] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                found.add(int(target[8:-1]))
    return found


def tcp_inodes_to_port(port: int, pid: int | None = None) -> set[int]:
    """Inodes of TCP sockets whose remote port is ``port`` (IPv4 and IPv6)."""
    found: set[int] = set()
    base = f"/proc/{pid}/net" if pid else "/proc/net"
    for table in ("tcp", "tcp6"):
        with suppress(OSError):
            for line in Path(base, table).read_text().splitlines()[1:]:
                cols = line.split()
                if int(cols[2].rsplit(":", 1)[1], 16) == port:
                    found.add(int(cols[9]))
    return found

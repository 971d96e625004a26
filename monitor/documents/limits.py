"""Reading a document within limits: the extractors' :class:`Limits` from the settings,
and a child process that a blow-up kills instead of the worker or the web app.

:func:`read_limited` runs a pure reading function (bytes in, typed values out) in a
forked child with an address-space limit (``PRISVAGT_PARSE_MEMORY_BYTES`` on top of
what the process already maps) and a time limit (``PRISVAGT_PARSE_TIME_LIMIT``).
The child touches no database: it only reads and sends its result (or the
project error it raised) back through a pipe, then leaves with ``os._exit``, so
nothing the parent holds (connections, files) is closed or used by it. A child
that runs out of memory or time, or dies, raises :class:`ReadingStopped`
naming the limit: a document over a limit is ``failed`` with the limit named.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

from extractors.errors import DocumentError, PrisvagtError
from extractors.limits import Limits
from monitor.settings import Settings, get_settings

T = TypeVar("T")
LIMIT_FIELDS = (
    "max_decompressed_bytes",
    "max_pdf_pages",
    "max_page_objects",
    "max_page_chars",
    "max_csv_lines",
    "max_csv_line_chars",
    "max_embedded_bytes",
    "max_xml_bytes",
    "max_xml_depth",
)


class ReadingStopped(DocumentError):
    """The reading of a document was stopped: out of memory, out of time, or killed."""

    reason = "limit_exceeded"


def document_limits(settings: Settings | None = None) -> Limits:
    """The extractors' limits as set by ``PRISVAGT_MAX_*``."""
    settings = settings or get_settings()
    values = {name: getattr(settings, name) for name in LIMIT_FIELDS}
    return Limits(**values, setting_prefix="PRISVAGT_")


def read_limited(
    func: Callable[..., T],
    *args: Any,
    filename: str,
    prepare: Callable[[], object] | None = None,
    settings: Settings | None = None,
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a child with the memory and time limits set, or in
    this process when ``PRISVAGT_PARSE_IN_CHILD`` is false (or fork is missing).
    ``prepare`` runs here first: what it loads (spaCy, pdfplumber) is loaded once per
    process and shared with every child, not loaded again by each."""
    settings = settings or get_settings()
    if prepare is not None:
        prepare()
    if not settings.parse_in_child or not hasattr(os, "fork"):
        return func(*args, **kwargs)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, report, leave without running any cleanup
        os.close(read_fd)
        _child(write_fd, func, args, kwargs, settings.parse_memory_bytes)
    os.close(write_fd)
    try:
        payload, status = _collect(read_fd, pid, settings.parse_time_limit)
    finally:
        os.close(read_fd)
    return _outcome(payload, status, filename, settings)


def _child(fd: int, func: Callable[..., Any], args: Any, kwargs: Any, budget: int) -> None:
    code = 0
    try:
        _limit_memory(budget)
        try:
            message: tuple[str, Any] = ("ok", func(*args, **kwargs))
        except PrisvagtError as exc:
            message = ("error", (type(exc), dict(exc.__dict__)))
        except MemoryError:
            message = ("memory", None)
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - anything else: the parent sees the exit code
        code = 70
    os._exit(code)


def _limit_memory(budget: int) -> None:
    import resource

    mapped = _mapped_bytes()
    if mapped is None:
        return
    limit = mapped + budget
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _mapped_bytes() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _collect(fd: int, pid: int, seconds: float) -> tuple[bytes | None, int | None]:
    """(what the child sent, its wait status); None status: killed for the time limit."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks), status


def _outcome(payload: bytes | None, status: int | None, filename: str, settings: Settings) -> Any:
    if status is None:
        raise ReadingStopped(
            f"reading it took more than the limit of {settings.parse_time_limit} s"
            " (PRISVAGT_PARSE_TIME_LIMIT)",
            file=filename,
        )
    kind, value = pickle.loads(payload) if payload else ("died", None)  # noqa: S301 - our child
    if kind == "ok":
        return value
    if kind == "error":
        cls, state = value
        exc = cls.__new__(cls)
        exc.__dict__.update(state)
        Exception.__init__(exc, exc.describe())
        raise exc
    if kind == "memory":
        raise ReadingStopped(
            f"reading it needed more than the limit of {settings.parse_memory_bytes:,} bytes"
            " of memory (PRISVAGT_PARSE_MEMORY_BYTES)",
            file=filename,
        )
    how = (
        f"signal {os.WTERMSIG(status)}"
        if os.WIFSIGNALED(status)
        else f"exit code {os.WEXITSTATUS(status)}"
    )
    raise ReadingStopped(
        f"reading it was stopped ({how}), most likely for memory"
        f" (limit {settings.parse_memory_bytes:,} bytes, PRISVAGT_PARSE_MEMORY_BYTES)",
        file=filename,
    )

"""What every CLI command shares: error handling, the database, the console."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from extractors.errors import PrisvagtError

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")


class _LazyConsole:
    """A Rich console made on first use: importing Rich costs ~25 ms that ``--help``
    and commands printing plain JSON do not need."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


console: Console = _LazyConsole(soft_wrap=True)  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True, soft_wrap=True)  # type: ignore[assignment]


def cli_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the project's errors into a clear message and an exit code (2 = bad input)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except PrisvagtError as exc:
            err_console.print(f"[bold red]error:[/] {exc.describe()}", highlight=False)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def ensure_database() -> None:
    """Bring the schema to the newest migration (idempotent, fast when current)."""
    from monitor.db import get_engine
    from monitor.migrate import upgrade

    upgrade(get_engine())


def queue_rechecks(invoice_ids: list[int]) -> None:
    """Queue a check of the invoices (in-process when no broker is configured): many
    at once as one screened bulk check (``workers.tasks.queue_checks``)."""
    from workers import tasks

    tasks.queue_checks(invoice_ids)


def require_broker() -> None:
    """With ``PRISVAGT_BROKER_URL`` set, its client library must be installed: stop
    start-up with the variable and the package named, before anything else runs."""
    from monitor.settings import get_settings
    from workers.celery_app import require_transport

    broker_url = get_settings().broker_url
    if broker_url:
        require_transport(broker_url)

"""Alembic environment: migrations run on the connection the application hands in."""

from __future__ import annotations

from alembic import context

import monitor.models  # noqa: F401  (registers every table)
from monitor.db import Base, ScaledDecimal, UTCDateTime

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from monitor.db import get_engine

        with get_engine().begin() as conn:
            _run_on(conn)
    else:
        _run_on(connection)


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render our column types by what the database stores (scaled integers, UTC)."""
    if type_ == "type" and isinstance(obj, ScaledDecimal):
        return "sa.BigInteger()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


#: tables that are not the application's models: APScheduler's job store and the
#: scheduler lease create and own them
_NOT_OURS = {"apscheduler_jobs", "scheduler_lock"}


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name in _NOT_OURS)


def _run_on(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=_render_item,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()

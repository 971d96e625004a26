"""Storage: the declarative base, exact money columns, engine and sessions.

Money and quantities are stored as scaled integers (``ScaledDecimal``), so they are
exact on SQLite and PostgreSQL alike and SQL sums stay exact too.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import DDL, BigInteger, DateTime, Engine, Index, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Boolean, TypeDecorator

if TYPE_CHECKING:
    from monitor.settings import Settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


#: trigram indexes (``trigram_index``) need PostgreSQL's pg_trgm extension (a trusted
#: extension: the database's owner may create it); the migrations create it too
event.listen(
    Base.metadata,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"),
)


def trigram_index(name: str, column: str) -> Index:
    """A PostgreSQL GIN trigram index on a text column, so that ``ILIKE '%word%'``
    reads the index instead of every row. (SQLite makes a plain index of it.)"""
    return Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class ScaledDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as an integer of ``10**-scale`` units.

    Values with more decimals than ``scale`` are rounded half up (a unit price of
    100/3 kr. keeps six decimals); money columns use scale 2 (øre).
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = 2) -> None:
        super().__init__()
        self.scale = scale
        self._neg_scale = -scale
        self._quantum = Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be Decimal, not float")
        d = Decimal(value).quantize(self._quantum, rounding=ROUND_HALF_UP)
        return int(d.scaleb(self.scale))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        # Decimal(int).scaleb(-n) already has exactly n decimals: no quantize needed.
        return None if value is None else Decimal(value).scaleb(self._neg_scale)

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """One C-level dict look-up per value (not TypeDecorator's two Python calls),
        and the Decimal of a stored integer made once: prices and quantities repeat
        across millions of rows, and a Decimal is immutable. The memo is capped
        (cleared when full)."""
        inner = self.impl_instance.result_processor(dialect, coltype)
        if inner is not None:  # a driver giving something other than int: the plain way
            return super().result_processor(dialect, coltype)
        return _DecimalMemo(self._neg_scale).__getitem__


class _DecimalMemo(dict[Any, Decimal | None]):
    """Stored integer -> its Decimal at a scale, made on first look-up (``None`` ->
    ``None``); at most :data:`_MEMO_LIMIT` entries."""

    __slots__ = ("neg_scale",)

    def __init__(self, neg_scale: int) -> None:
        super().__init__({None: None})
        self.neg_scale = neg_scale

    def __missing__(self, value: int | None) -> Decimal | None:
        if value is None:  # another thread cleared the memo and has not put None back
            return None
        if len(self) >= _MEMO_LIMIT:
            self.clear()
            self[None] = None
        found = self[value] = Decimal(value).scaleb(self.neg_scale)
        return found


#: distinct stored integers whose Decimal each column type keeps at most
_MEMO_LIMIT = 50_000


def Money() -> ScaledDecimal:  # noqa: N802 - reads like a type in mappings
    """Amounts in øre."""
    return ScaledDecimal(2)


def UnitPrice() -> ScaledDecimal:  # noqa: N802
    """Unit prices and quantities: six decimals."""
    return ScaledDecimal(6)


#: every engine this process made, so a fork can give the child fresh pools
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def make_engine(
    url: str,
    *,
    settings: Settings | None = None,
    server_settings: dict[str, str] | None = None,
    **kwargs: Any,
) -> Engine:
    """Create an engine; for SQLite, create the folder and turn on WAL and foreign keys.

    On PostgreSQL the pool (``PRISVAGT_DB_POOL_SIZE``, ``..._MAX_OVERFLOW``,
    ``..._POOL_TIMEOUT``) and the server-side timeouts every session gets
    (``PRISVAGT_DB_STATEMENT_TIMEOUT``, ``..._LOCK_TIMEOUT``,
    ``..._IDLE_IN_TRANSACTION_TIMEOUT``) come from the settings: a statement that
    runs away, a lock wait, or a transaction left open by a stuck process ends with an
    error instead of holding locks and connections for everyone else.
    ``server_settings``: further settings every PostgreSQL session of the engine starts
    with (those a session cannot change once it has begun, such as ``temp_buffers``).
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        sized = path and path != ":memory:" and "poolclass" not in kwargs
        pool = _pool_options(settings) if sized else {}
        engine = create_engine(url, connect_args={"timeout": 30}, **{**pool, **kwargs})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            # case folding beyond ASCII for searches (SQLite's own lower() and LIKE
            # fold only A-Z: "Æ" would not find "æ"), see :class:`folded_like`
            dbapi_conn.create_function("prisvagt_fold", 1, _fold, deterministic=True)

        _ENGINES.add(engine)
        return engine
    options = _postgres_options(settings)
    for name, value in (server_settings or {}).items():
        options["connect_args"]["options"] += f" -c {name}={value}"
    if "poolclass" in kwargs:  # a pool of another kind takes no size
        options = {"connect_args": options["connect_args"]}
    engine = create_engine(url, pool_pre_ping=True, **{**options, **kwargs})
    _ENGINES.add(engine)
    return engine


def _postgres_options(settings: Settings | None) -> dict[str, Any]:
    s = settings or _settings()
    timeouts = {
        "statement_timeout": s.db_statement_timeout,
        "lock_timeout": s.db_lock_timeout,
        "idle_in_transaction_session_timeout": s.db_idle_in_transaction_timeout,
    }
    options = " ".join(f"-c {name}={round(seconds * 1000)}" for name, seconds in timeouts.items())
    return {**_pool_options(s), "connect_args": {"options": options}}


def _pool_options(settings: Settings | None) -> dict[str, Any]:
    s = settings or _settings()
    return {
        "pool_size": s.db_pool_size,
        "max_overflow": s.db_max_overflow,
        "pool_timeout": s.db_pool_timeout,
    }


def _settings() -> Settings:
    from monitor.settings import get_settings

    return get_settings()


def dispose_all(*, close: bool = True) -> None:
    """Drop the connection pools of every engine of this process.

    ``close=True`` (before a fork, and at shutdown): close the connections. In a child
    after a fork, ``close=False``: forget the inherited pool without touching its
    sockets, which belong to the parent (SQLAlchemy, "Using Connection Pools with
    Multiprocessing or os.fork()"); the child then opens its own connections.
    """
    for engine in list(_ENGINES):
        engine.dispose(close=close)


def _after_fork_in_child() -> None:
    dispose_all(close=False)


# any fork (a Celery pool process, multiprocessing) starts with fresh pools
os.register_at_fork(after_in_child=_after_fork_in_child)


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    from monitor.settings import get_settings

    return engine_for(get_settings().database_url)


def session_factory(engine: Engine | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=engine or get_engine(), expire_on_commit=False)


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A unit of work: commits on success, rolls back on error. Callers own it."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def create_all(engine: Engine | None = None) -> None:
    """Create every table (imports all models first)."""
    import monitor.models  # noqa: F401  (registers every table)

    Base.metadata.create_all(engine or get_engine())


class Encoded(str):
    """A value already in the form its column's type binds it as (JSON text, for a
    ``JSON`` column): :func:`insert_rows` writes it as it is. A worker process encodes
    its findings' evidence so (:func:`encoded_json`): one string crosses to the caller
    instead of a dict of dozens of objects, and the caller, which stores them in turn,
    does not encode them again."""

    __slots__ = ()


def encoded_json(value: Any) -> Encoded:
    """``value`` as a ``JSON`` column binds it: the same text on SQLite and PostgreSQL
    (``json.dumps`` with its defaults, as SQLAlchemy's and psycopg's JSON adapters)."""
    import json

    return Encoded(json.dumps(value))


def decoded_json(value: Any) -> Any:
    """The value an :class:`Encoded` JSON text holds (anything else as it is)."""
    if isinstance(value, Encoded):
        import json

        return json.loads(value)
    return value


def insert_rows(connection: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts by column name, as for ``insert(table)``) into ``table``
    past SQLAlchemy's per-row parameter handling: each value converted by its column
    type once, the columns' Python-side defaults applied as an ``INSERT`` applies them
    (to a column a row leaves out), server defaults (the id) left to the database. On
    PostgreSQL one ``COPY`` for any number of rows, where an ``executemany`` runs one
    statement per row (15,600 findings: ~1.6 s against ~3.1 s, bench/rules.py); on
    SQLite one ``executemany`` of plain tuples. Foreign keys, constraints and indexes
    are checked and kept as for an insert. A callable default is evaluated once for all
    the rows (a timestamp is the same for every row of the statement). An
    :class:`Encoded` value is written as it is."""
    if not rows:
        return
    dialect = connection.dialect
    given = set().union(*(row.keys() for row in rows))
    columns: list[tuple[str, Any, Any, bool]] = []
    for column in table.columns:
        default = column.default
        fill = None
        if default is not None and default.is_scalar:
            fill = default.arg
        elif default is not None and default.is_callable:
            fill = default.arg(None)
        elif column.name not in given:
            continue  # a server default (the id's sequence) or NULL: the database's
        processor = column.type._cached_bind_processor(dialect)
        # a type that evaluates None (JSON: ``null``) converts it, as an insert does
        evaluates_none = column.type.should_evaluate_none
        if processor is not None and (fill is not None or evaluates_none):
            fill = processor(fill)  # the same for every row that leaves it out: once
        columns.append((column.name, fill, processor, evaluates_none))

    def values(row: dict[str, Any]) -> list[Any]:
        out = []
        for name, fill, processor, evaluates_none in columns:
            if name not in row:
                out.append(fill)
                continue
            value = row[name]
            if isinstance(value, Encoded):
                value = str(value)
            elif processor is not None and (value is not None or evaluates_none):
                value = processor(value)
            out.append(value)
        return out

    names = [name for name, _, _, _ in columns]
    write_tuples(connection, table.name, names, [tuple(values(row)) for row in rows])


def write_tuples(
    connection: Any, table_name: str, names: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """Rows already in the database's own types (plain tuples, in the order of
    ``names``) into ``table_name``, through the driver: one ``COPY`` on PostgreSQL, one
    ``executemany`` on SQLite."""
    if not rows:
        return
    columns = ", ".join(names)
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table_name} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["?" if connection.dialect.paramstyle == "qmark" else "%s"] * len(names))
    connection.exec_driver_sql(f"INSERT INTO {table_name} ({columns}) VALUES ({marks})", rows)


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


class folded_like(FunctionElement[bool]):  # noqa: N801 - a SQL construct, named as used
    """``column`` matches the LIKE ``pattern`` (escape character ``\\``), case ignored
    in every alphabet: ``ILIKE`` on PostgreSQL; on SQLite, whose ``LIKE`` ignores the
    case of A-Z only, both sides case-folded by Python (``prisvagt_fold``, registered
    on each connection by :func:`make_engine`): "æble" finds "ÆBLE"."""

    type = Boolean()
    name = "folded_like"
    inherit_cache = True


@compiles(folded_like)
def _folded_like(element: folded_like, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return f"({compiler.process(column, **kw)} ILIKE {compiler.process(pattern, **kw)} ESCAPE '\\')"


@compiles(folded_like, "sqlite")
def _folded_like_sqlite(element: folded_like, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return (
        f"(prisvagt_fold({compiler.process(column, **kw)}) LIKE "
        f"prisvagt_fold({compiler.process(pattern, **kw)}) ESCAPE '\\')"
    )

"""Tables derived from the invoice lines, kept by the database itself with triggers.

What a check needs about other invoices, indexed so one check reads rows for its own
items only, however long the history:

``item_latest_price``: for each (vendor, municipality, item id) of a line with an item
key on an invoice (not a credit note), the line billed last: the greatest (issue date,
invoice id, line id). A check reads other municipalities' prices from it by its
(vendor, item key) index: a few rows per item and municipality.

* a line inserted: upserted if it is later than the row there (O(1));
* a line deleted, or its item, key, price or quantity changed: if it was the row
  there, the next latest line of the item (by the ``invoice_line.item_key`` index)
  takes its place, or the row goes;
* an invoice's vendor, municipality, date, number or type changed: the rows of its
  items are recomputed for the old and the new pair.

``line_item_period``: every line with an item key of an invoice or credit note with a
vendor and municipality, with the period it bills (the line's, else the invoice's).
A check finds the earlier invoices that could bill the same item for the same period
again by its (vendor, municipality, item key, period) index. One row per line, set on
insert, replaced on update, removed on delete; an invoice's change of vendor,
municipality or period rewrites its lines' rows.

``item_period_count``: per (vendor, municipality, item key, period start) of
``line_item_period`` with a start, how many lines bill it, kept by triggers on that
table (an upsert of +1 on insert, -1 on delete, the row gone at 0). A bulk check's
screen reads the repeated ones (``lines > 1``, a partial index) instead of grouping
every line (``monitor.findings.screening``). A count, not a "repeated" mark set by
looking for another line: two transactions adding the same item and period at once
each see only their own line, where both upserts meet on the row's key.

``invoice_line_sum``: per invoice with lines, how many and the sum of their amounts
(øre), kept by triggers on ``invoice_line`` (+ on insert, - on delete, both on a
change of amount or invoice; the row gone with the last line). A bulk check's
screen of the invoices' totals reads it instead of summing every line of every
invoice.

Triggers cover every writer (the ORM, Core inserts, a loader's raw SQL, cascaded
deletes). The same statements serve SQLite (trigger bodies) and PostgreSQL (plpgsql
trigger functions): :func:`install` runs in the migration and after ``create_all``.
SQLite drops a table's triggers when a migration rebuilds it (``batch_alter_table``
with a copy): :func:`ensure`, run after every upgrade, puts missing triggers back and
recomputes the tables.
:data:`RECOMPUTE` holds the full recomputation each table must always equal.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

TABLE = "item_latest_price"
#: the columns of its read index, every column a check reads (an index-only scan)
COVERING = (
    "vendor_id",
    "item_key",
    "municipality_id",
    "item_id",
    "issue_date",
    "invoice_id",
    "line_id",
    "number",
    "unit_price",
    "quantity",
)
#: its index for the peer screen: per (vendor, item key) the lowest price and who pays
#: it, each an index probe (``monitor.findings.screening._peers``)
BY_PRICE = ("vendor_id", "item_key", "unit_price", "municipality_id")
BY_PRICE_INDEX = "ix_item_latest_price_by_price"
PERIODS = "line_item_period"
COUNTS = "item_period_count"
SUMS = "invoice_line_sum"
_COLUMNS = (
    "vendor_id, municipality_id, item_id, item_key, issue_date, invoice_id, line_id, "
    "number, unit_price, quantity"
)
_SET_ALL = ", ".join(
    f"{c} = excluded.{c}"
    for c in ("item_key", "issue_date", "invoice_id", "line_id", "number", "unit_price", "quantity")
)

_PERIODS = PERIODS
# the upserted line is later than the row there; a line that no longer counts is only
# replaced while the row is still its own (a concurrent writer may have moved it on)
_LATER = (
    f"(excluded.issue_date, excluded.invoice_id, excluded.line_id)"
    f" > ({TABLE}.issue_date, {TABLE}.invoice_id, {TABLE}.line_id)"
)
_PERIOD_COLUMNS = "line_id, invoice_id, vendor_id, municipality_id, item_key, period_start"

_LATEST = f"""
SELECT {_COLUMNS} FROM (
    SELECT i.vendor_id, i.municipality_id, l.item_id, l.item_key, i.issue_date,
           i.id AS invoice_id, l.id AS line_id, i.number, l.unit_price, l.quantity,
           row_number() OVER (
               PARTITION BY i.vendor_id, i.municipality_id, l.item_id
               ORDER BY i.issue_date DESC, i.id DESC, l.id DESC
           ) AS latest
    FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
    WHERE i.document_type = 'invoice' AND i.vendor_id IS NOT NULL
      AND i.municipality_id IS NOT NULL AND l.item_id IS NOT NULL
      AND l.item_key IS NOT NULL
) ranked WHERE latest = 1
"""
_BILLED = """
SELECT l.id AS line_id, i.id AS invoice_id, i.vendor_id, i.municipality_id, l.item_key,
       COALESCE(l.period_start, i.period_start) AS period_start
FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
WHERE i.vendor_id IS NOT NULL AND i.municipality_id IS NOT NULL AND l.item_key IS NOT NULL
"""
_COUNT_KEY = "vendor_id, municipality_id, item_key, period_start"
_COUNT_COLUMNS = f"{_COUNT_KEY}, lines"
_COUNTED = f"""
SELECT {_COUNT_KEY}, count(*) AS lines FROM {PERIODS}
WHERE period_start IS NOT NULL
GROUP BY {_COUNT_KEY}
"""
_SUM_COLUMNS = "invoice_id, lines, line_sum"
_SUMMED = """
SELECT invoice_id, count(*) AS lines, sum(COALESCE(line_amount, 0)) AS line_sum
FROM invoice_line GROUP BY invoice_id
"""
#: table -> (columns, every row it must hold: the full recomputation from the lines),
#: in the order they are rebuilt (the counts from the periods)
RECOMPUTE = {
    TABLE: (_COLUMNS, _LATEST),
    _PERIODS: (_PERIOD_COLUMNS, _BILLED),
    COUNTS: (_COUNT_COLUMNS, _COUNTED),
    SUMS: (_SUM_COLUMNS, _SUMMED),
}
#: what the first revision of the derived tables made (``d9a3f6b2c180``); the counts
#: came with ``b7d1e9c3a5f2``, the sums with ``e2b6d4f8a1c3``
FIRST = (TABLE, PERIODS)


def _add_period(row: str) -> str:
    return f"""
INSERT INTO {_PERIODS} ({_PERIOD_COLUMNS})
SELECT {row}.id, i.id, i.vendor_id, i.municipality_id, {row}.item_key,
       COALESCE({row}.period_start, i.period_start)
FROM invoice i
WHERE i.id = {row}.invoice_id AND i.vendor_id IS NOT NULL AND i.municipality_id IS NOT NULL
  AND {row}.item_key IS NOT NULL;
"""


def _drop_period(row: str) -> str:
    return f"DELETE FROM {_PERIODS} WHERE line_id = {row}.id;\n"


def _rewrite_periods(row: str) -> str:
    return f"""
DELETE FROM {_PERIODS} WHERE invoice_id = {row}.id;
INSERT INTO {_PERIODS} ({_PERIOD_COLUMNS})
SELECT l.id, {row}.id, {row}.vendor_id, {row}.municipality_id, l.item_key,
       COALESCE(l.period_start, {row}.period_start)
FROM invoice_line l
WHERE l.invoice_id = {row}.id AND {row}.vendor_id IS NOT NULL
  AND {row}.municipality_id IS NOT NULL AND l.item_key IS NOT NULL;
"""


def _add_line(row: str) -> str:
    """Upsert line ``row`` (NEW) if it is later than the item's row."""
    return f"""
INSERT INTO {TABLE} ({_COLUMNS})
SELECT i.vendor_id, i.municipality_id, {row}.item_id, {row}.item_key, i.issue_date, i.id,
       {row}.id, i.number, {row}.unit_price, {row}.quantity
FROM invoice i
WHERE i.id = {row}.invoice_id AND i.document_type = 'invoice'
  AND i.vendor_id IS NOT NULL AND i.municipality_id IS NOT NULL
  AND {row}.item_id IS NOT NULL AND {row}.item_key IS NOT NULL
ON CONFLICT (vendor_id, municipality_id, item_id) DO UPDATE SET {_SET_ALL}
WHERE {_LATER};
"""


def _drop_line(row: str) -> str:
    """Line ``row`` (OLD) no longer counts: if it was its item's row, the next latest
    line takes its place, or the row goes."""
    return f"""
INSERT INTO {TABLE} ({_COLUMNS})
SELECT i.vendor_id, i.municipality_id, l.item_id, l.item_key, i.issue_date, i.id, l.id,
       i.number, l.unit_price, l.quantity
FROM {TABLE} g
JOIN invoice_line l ON l.item_key = g.item_key AND l.item_id = g.item_id
JOIN invoice i ON i.id = l.invoice_id
WHERE g.line_id = {row}.id AND l.id <> {row}.id
  AND i.vendor_id = g.vendor_id AND i.municipality_id = g.municipality_id
  AND i.document_type = 'invoice'
ORDER BY i.issue_date DESC, i.id DESC, l.id DESC
LIMIT 1
ON CONFLICT (vendor_id, municipality_id, item_id) DO UPDATE SET {_SET_ALL}
WHERE {TABLE}.line_id = {row}.id;
DELETE FROM {TABLE} WHERE line_id = {row}.id;
"""


def _refresh_invoice(row: str) -> str:
    """Recompute the rows of invoice ``row``'s items for its vendor and municipality."""
    items = f"(SELECT item_id FROM invoice_line WHERE invoice_id = {row}.id)"
    keys = f"(SELECT item_key FROM invoice_line WHERE invoice_id = {row}.id)"
    return f"""
DELETE FROM {TABLE}
WHERE vendor_id = {row}.vendor_id AND municipality_id = {row}.municipality_id
  AND item_id IN {items};
INSERT INTO {TABLE} ({_COLUMNS})
SELECT {_COLUMNS} FROM (
    SELECT i.vendor_id, i.municipality_id, l.item_id, l.item_key, i.issue_date,
           i.id AS invoice_id, l.id AS line_id, i.number, l.unit_price, l.quantity,
           row_number() OVER (
               PARTITION BY l.item_id ORDER BY i.issue_date DESC, i.id DESC, l.id DESC
           ) AS latest
    FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
    WHERE l.item_key IN {keys} AND l.item_id IN {items}
      AND i.vendor_id = {row}.vendor_id AND i.municipality_id = {row}.municipality_id
      AND i.document_type = 'invoice'
) ranked WHERE latest = 1
ON CONFLICT (vendor_id, municipality_id, item_id) DO UPDATE SET {_SET_ALL}
WHERE {_LATER};
"""


def _count_period(row: str) -> str:
    """One more line bills ``row``'s (pair, item key, period start)."""
    return f"""
INSERT INTO {COUNTS} ({_COUNT_COLUMNS})
SELECT {row}.vendor_id, {row}.municipality_id, {row}.item_key, {row}.period_start, 1
WHERE {row}.period_start IS NOT NULL
ON CONFLICT ({_COUNT_KEY}) DO UPDATE SET lines = {COUNTS}.lines + 1;
"""


def _uncount_period(row: str) -> str:
    """One line fewer bills ``row``'s (pair, item key, period start)."""
    match = (
        f"vendor_id = {row}.vendor_id AND municipality_id = {row}.municipality_id"
        f" AND item_key = {row}.item_key AND period_start = {row}.period_start"
    )
    return f"""
UPDATE {COUNTS} SET lines = lines - 1 WHERE {match};
DELETE FROM {COUNTS} WHERE {match} AND lines <= 0;
"""


def _add_to_sum(row: str) -> str:
    """Line ``row`` counts in its invoice's sum."""
    return f"""
INSERT INTO {SUMS} ({_SUM_COLUMNS})
VALUES ({row}.invoice_id, 1, COALESCE({row}.line_amount, 0))
ON CONFLICT (invoice_id) DO UPDATE
SET lines = {SUMS}.lines + 1, line_sum = {SUMS}.line_sum + excluded.line_sum;
"""


def _take_from_sum(row: str) -> str:
    """Line ``row`` no longer counts in its invoice's sum."""
    return f"""
UPDATE {SUMS} SET lines = lines - 1, line_sum = line_sum - COALESCE({row}.line_amount, 0)
WHERE invoice_id = {row}.invoice_id;
DELETE FROM {SUMS} WHERE invoice_id = {row}.invoice_id AND lines <= 0;
"""


_SUM_FIELDS = ("invoice_id", "line_amount")

_INVOICE_FIELDS = (
    "vendor_id",
    "municipality_id",
    "issue_date",
    "number",
    "document_type",
    "period_start",
)
_LINE_FIELDS = ("invoice_id", "item_id", "item_key", "unit_price", "quantity", "period_start")
_PERIOD_FIELDS = ("vendor_id", "municipality_id", "item_key", "period_start")


def _changed(fields: tuple[str, ...], postgres: bool) -> str:
    op = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"OLD.{f} {op} NEW.{f}" for f in fields)


#: name -> (event, table, columns of an update or None, condition or None, body)
_Trigger = tuple[str, str, tuple[str, ...] | None, str, str]


def _triggers(postgres: bool, tables: tuple[str, ...] = tuple(RECOMPUTE)) -> dict[str, _Trigger]:
    """The triggers that keep ``tables`` (by default all the derived tables): the first
    two tables' together (one trigger keeps both), the others' each their own."""
    out: dict[str, _Trigger] = {}
    if set(FIRST) & set(tables):
        out.update(_first_triggers(postgres))
    if COUNTS in tables:
        out.update(_count_triggers(postgres))
    if SUMS in tables:
        out.update(_sum_triggers(postgres))
    return out


def _count_triggers(postgres: bool) -> dict[str, _Trigger]:
    return {
        "trg_derived_period_insert": (
            "INSERT",
            PERIODS,
            None,
            "NEW.period_start IS NOT NULL",
            _count_period("NEW"),
        ),
        "trg_derived_period_delete": (
            "DELETE",
            PERIODS,
            None,
            "OLD.period_start IS NOT NULL",
            _uncount_period("OLD"),
        ),
        "trg_derived_period_update": (
            "UPDATE",
            PERIODS,
            _PERIOD_FIELDS,
            _changed(_PERIOD_FIELDS, postgres),
            _uncount_period("OLD") + _count_period("NEW"),
        ),
    }


def _sum_triggers(postgres: bool) -> dict[str, _Trigger]:
    return {
        "trg_derived_sum_insert": ("INSERT", "invoice_line", None, "", _add_to_sum("NEW")),
        "trg_derived_sum_delete": ("DELETE", "invoice_line", None, "", _take_from_sum("OLD")),
        "trg_derived_sum_update": (
            "UPDATE",
            "invoice_line",
            _SUM_FIELDS,
            _changed(_SUM_FIELDS, postgres),
            _take_from_sum("OLD") + _add_to_sum("NEW"),
        ),
    }


def _first_triggers(postgres: bool) -> dict[str, _Trigger]:
    return {
        # a line without an item key has no rows in either table
        "trg_derived_line_insert": (
            "INSERT",
            "invoice_line",
            None,
            "NEW.item_key IS NOT NULL",
            _add_line("NEW") + _add_period("NEW"),
        ),
        "trg_derived_line_delete": (
            "DELETE",
            "invoice_line",
            None,
            "OLD.item_key IS NOT NULL",
            _drop_line("OLD") + _drop_period("OLD"),
        ),
        "trg_derived_line_update": (
            "UPDATE",
            "invoice_line",
            _LINE_FIELDS,
            _changed(_LINE_FIELDS, postgres),
            _drop_line("OLD") + _add_line("NEW") + _drop_period("OLD") + _add_period("NEW"),
        ),
        "trg_derived_invoice_update": (
            "UPDATE",
            "invoice",
            _INVOICE_FIELDS,
            _changed(_INVOICE_FIELDS, postgres),
            _refresh_invoice("OLD") + _refresh_invoice("NEW") + _rewrite_periods("NEW"),
        ),
    }


def install(conn: Connection, tables: tuple[str, ...] = tuple(RECOMPUTE)) -> None:
    """Create (or replace) the triggers that keep the derived tables (``tables``: those
    a migration made so far)."""
    postgres = conn.dialect.name == "postgresql"
    for name, (event, table, columns, when, body) in _triggers(postgres, tables).items():
        of = f" OF {', '.join(columns)}" if columns else ""
        if postgres:
            conn.exec_driver_sql(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n{body}\nRETURN NULL;\nEND\n$$"
            )
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            cond = f" WHEN ({when})" if when else ""
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event}{of} ON {table} FOR EACH ROW{cond} "
                f"EXECUTE FUNCTION {name}()"
            )
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
            cond = f" WHEN {when}" if when else ""
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} AFTER {event}{of} ON {table} FOR EACH ROW{cond}\n"
                f"BEGIN\n{body}\nEND"
            )


def uninstall(conn: Connection, tables: tuple[str, ...] = tuple(RECOMPUTE)) -> None:
    """Drop the triggers that keep ``tables`` (by default all)."""
    postgres = conn.dialect.name == "postgresql"
    for name, (_, table, *_rest) in _triggers(postgres, tables).items():
        if postgres:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(conn: Connection, tables: tuple[str, ...] = tuple(RECOMPUTE)) -> None:
    """Empty the derived tables (``tables``: those a migration made so far) and fill
    them from the lines (the full recomputation)."""
    for table, (columns, rows) in RECOMPUTE.items():
        if table not in tables:
            continue
        conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text(f"INSERT INTO {table} ({columns}) {rows}"))


def ensure(conn: Connection) -> bool:
    """After a migration: when a trigger is missing (SQLite dropped it with a rebuilt
    table), put them back and recompute the tables, which missed the writes since.
    True when it had to. One catalogue query when all is well."""
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        tables = "SELECT count(*) FROM pg_tables WHERE tablename IN ({})"
        present = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        tables = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({})"
        present = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    names = ", ".join(f"'{t}'" for t in RECOMPUTE)
    if conn.exec_driver_sql(tables.format(names)).scalar() != len(RECOMPUTE):
        return False  # before the revision that creates them
    if set(_triggers(postgres)) <= {r[0] for r in conn.exec_driver_sql(present)}:
        return False
    install(conn)
    rebuild(conn)
    return True

"""latest prices and billed periods per item (kept by triggers); price term keys

``item_latest_price``: the line billed last per (vendor, municipality, item id), read
by (vendor, item key); ``line_item_period``: each line's item key and billed period,
read by (vendor, municipality, item key, period). Both are kept by triggers on
``invoice`` and ``invoice_line`` (``monitor.invoices.derived``), so a check reads
other municipalities' prices and possible duplicates for its own items only,
however long the history; ``ix_invoice_vendor_number`` finds the same invoice number
from the same vendor. ``price_term.item_key`` with the index
``(contract_id, item_key)``: a check loads only the terms of its own items.
Existing rows are filled here, then the tables are analysed.

The indexes follow EXPLAIN of one check at 1,000,000 lines (PostgreSQL ANALYZE, SQLite
QUERY PLAN): latest prices an index-only scan of ~45 buffers for 10 items x 98
municipalities (was ~1,000 heap pages with the 2-column index); the related history a
union of primary-key, (vendor, number) and (vendor, municipality, key, period) lookups
(an OR of them scanned the pair's ~1,000 invoices on PostgreSQL); terms by
(contract, key).

Revision ID: d9a3f6b2c180
Revises: e3a7c91d4b60
Create Date: 2026-12-05 11:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.db import UnitPrice
from monitor.invoices import derived
from rules.matching import item_key

revision = "d9a3f6b2c180"
down_revision = "e3a7c91d4b60"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("price_term", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_key", sa.String(length=100), nullable=True))
    fill_term_keys(conn)
    op.create_index(
        "ix_price_term_contract_item_key", "price_term", ["contract_id", "item_key"], unique=False
    )
    op.create_table(
        derived.TABLE,
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("unit_price", UnitPrice(), nullable=False),
        sa.Column("quantity", UnitPrice(), nullable=False),
        sa.PrimaryKeyConstraint("vendor_id", "municipality_id", "item_id"),
    )
    op.create_index("ix_item_latest_price_vendor_key", derived.TABLE, list(derived.COVERING))
    op.create_index(op.f("ix_item_latest_price_line_id"), derived.TABLE, ["line_id"])
    op.create_table(
        derived.PERIODS,
        sa.Column("line_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("line_id"),
    )
    op.create_index(
        "ix_line_item_period_lookup",
        derived.PERIODS,
        ["vendor_id", "municipality_id", "item_key", "period_start", "invoice_id"],
    )
    op.create_index(op.f("ix_line_item_period_invoice_id"), derived.PERIODS, ["invoice_id"])
    op.create_index("ix_invoice_vendor_number", "invoice", ["vendor_id", "number"])
    derived.rebuild(conn, derived.FIRST)
    derived.install(conn, derived.FIRST)
    if conn.dialect.name == "postgresql":
        # index-only scans need the visibility map: vacuum the rewritten pages early
        for table in (derived.TABLE, derived.PERIODS):
            op.execute(
                f"ALTER TABLE {table} SET (autovacuum_vacuum_scale_factor = 0.01, "
                "autovacuum_vacuum_insert_scale_factor = 0.01, "
                "autovacuum_analyze_scale_factor = 0.02)"
            )
        for table in ("invoice", "price_term", derived.TABLE, derived.PERIODS):
            op.execute(f"ANALYZE {table}")
    else:
        op.execute("ANALYZE")


def fill_term_keys(conn: sa.Connection) -> None:
    """Set ``price_term.item_key`` from ``item_id`` where it is missing (in batches)."""
    term = sa.table(
        "price_term",
        sa.column("id", sa.Integer),
        sa.column("item_id", sa.String),
        sa.column("item_key", sa.String),
    )
    update = (
        sa.update(term)
        .where(term.c.id == sa.bindparam("b_id"))
        .values(item_key=sa.bindparam("b_key"))
    )
    after = 0
    while True:
        rows = conn.execute(
            sa.select(term.c.id, term.c.item_id)
            .where(term.c.id > after, term.c.item_id.is_not(None), term.c.item_key.is_(None))
            .order_by(term.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        conn.execute(update, [{"b_id": i, "b_key": item_key(item)} for i, item in rows])
        after = rows[-1][0]


def downgrade() -> None:
    derived.uninstall(op.get_bind(), derived.FIRST)
    op.drop_index("ix_invoice_vendor_number", table_name="invoice")
    op.drop_index(op.f("ix_line_item_period_invoice_id"), table_name=derived.PERIODS)
    op.drop_index("ix_line_item_period_lookup", table_name=derived.PERIODS)
    op.drop_table(derived.PERIODS)
    op.drop_index(op.f("ix_item_latest_price_line_id"), table_name=derived.TABLE)
    op.drop_index("ix_item_latest_price_vendor_key", table_name=derived.TABLE)
    op.drop_table(derived.TABLE)
    op.drop_index("ix_price_term_contract_item_key", table_name="price_term")
    with op.batch_alter_table("price_term", schema=None) as batch_op:
        batch_op.drop_column("item_key")

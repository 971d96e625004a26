"""item_period_count: how many lines bill each (pair, item key, period start)

Kept by triggers on ``line_item_period`` (``monitor.invoices.derived``). A bulk check's
duplicate screen read every pair's (item key, period start) groups out of
``line_item_period`` to find those billed more than once: a group-by over every line,
in each worker (bench/rules.py, 1,000,000 lines: ~0.5 s on SQLite and ~1.0 s on
PostgreSQL per worker). It now reads the repeated ones from this table's partial index
(``lines > 1``). Existing rows are counted here.

Revision ID: b7d1e9c3a5f2
Revises: a6c2e8f4b1d7
Create Date: 2026-12-06 03:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.invoices import derived

revision = "b7d1e9c3a5f2"
down_revision = "a6c2e8f4b1d7"
branch_labels = None
depends_on = None

REPEATED = "lines > 1"


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        derived.COUNTS,
        sa.Column("vendor_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("municipality_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("item_key", sa.String(length=100), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("vendor_id", "municipality_id", "item_key", "period_start"),
    )
    op.create_index(
        "ix_item_period_count_repeated",
        derived.COUNTS,
        ["vendor_id", "municipality_id", "item_key", "period_start"],
        sqlite_where=sa.text(REPEATED),
        postgresql_where=sa.text(REPEATED),
    )
    derived.rebuild(conn, (derived.COUNTS,))
    derived.install(conn, (*derived.FIRST, derived.COUNTS))
    op.execute(f"ANALYZE {derived.COUNTS}")


def downgrade() -> None:
    derived.uninstall(op.get_bind(), (derived.COUNTS,))
    op.drop_index("ix_item_period_count_repeated", table_name=derived.COUNTS)
    op.drop_table(derived.COUNTS)

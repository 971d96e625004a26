"""invoice_line_sum: per invoice, its lines' count and the sum of their amounts

Kept by triggers on ``invoice_line`` (``monitor.invoices.derived``). A bulk check's
screen of the invoices' totals (``arithmetic_mismatch``: the lines' sum against the
invoice's line extension) summed every line of every screened invoice, in each worker
(bench/rules.py, 1,000,000 lines: ~0.2 s on SQLite and ~0.4 s on PostgreSQL per
worker). It now reads one row per invoice. Existing invoices are summed here.

Revision ID: e2b6d4f8a1c3
Revises: c4e8a2f6d1b9
Create Date: 2026-12-06 06:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from monitor.invoices import derived

revision = "e2b6d4f8a1c3"
down_revision = "c4e8a2f6d1b9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        derived.SUMS,
        sa.Column("invoice_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("line_sum", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("invoice_id"),
    )
    derived.rebuild(conn, (derived.SUMS,))
    derived.install(conn, (derived.SUMS,))
    op.execute(f"ANALYZE {derived.SUMS}")


def downgrade() -> None:
    derived.uninstall(op.get_bind(), (derived.SUMS,))
    op.drop_table(derived.SUMS)

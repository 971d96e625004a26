"""a municipality may let the others see its name in the price benchmark

``municipality.benchmark_named``: set by the municipality's own admin; off by default,
so the others see its prices as "Kommune A", "B" ... (issue 11).

Revision ID: d2a7f3c1b9e6
Revises: c4e8a1f05d27
Create Date: 2026-12-05 11:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d2a7f3c1b9e6"
down_revision = "c4e8a1f05d27"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (with its default) on both databases: a batch rebuild of
    # ``municipality`` on SQLite would drop a table other tables' rows point at
    op.add_column(
        "municipality",
        sa.Column("benchmark_named", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.drop_column("benchmark_named")

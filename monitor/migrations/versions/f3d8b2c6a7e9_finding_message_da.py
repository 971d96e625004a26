"""finding.message_da: the finding's message in Danish, for Danish pages and letters

Revision ID: f3d8b2c6a7e9
Revises: f2c7a9e4b1d3
Create Date: 2026-12-05 21:30:00.000000

Findings stored before this revision keep only their English message (shown until a
re-check writes the Danish one).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f3d8b2c6a7e9"
down_revision = "f2c7a9e4b1d3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("finding") as batch_op:
        batch_op.add_column(sa.Column("message_da", sa.Text(), nullable=True))
    # the list's search reads what the page shows: a trigram index, as on ``message``
    op.create_index(
        "ix_finding_message_da_trgm",
        "finding",
        ["message_da"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"message_da": "gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_finding_message_da_trgm", table_name="finding")
    with op.batch_alter_table("finding") as batch_op:
        batch_op.drop_column("message_da")

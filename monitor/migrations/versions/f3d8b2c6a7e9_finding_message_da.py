"""finding.message_da: the finding's message in Danish, for Danish pages and letters

Revision ID: f3d8b2c6a7e9
Revises: f2c7a9e4b1d3
Create Date: 2026-12-05 21:30:00.000000

Findings stored before this revision keep only their English message (shown until a
re-check writes the Danish one). Not indexed for the list's search, which reads the
English message by its trigram index: a second trigram index cost a bulk check of
1,000,000 lines on PostgreSQL ~2 s (bench/rules.py), and what a search looks for in a
message (numbers, item texts, invoice numbers) is in both.
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


def downgrade() -> None:
    with op.batch_alter_table("finding") as batch_op:
        batch_op.drop_column("message_da")

"""app_user.session_epoch: a password reset ends the sessions signed in before it

Revision ID: f1b4c6d8e2a5
Revises: e5c1a7d3f902
Create Date: 2026-12-06 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f1b4c6d8e2a5"
down_revision = "e5c1a7d3f902"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.add_column(
            sa.Column("session_epoch", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch_op:
        batch_op.drop_column("session_epoch")

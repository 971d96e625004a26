"""failed sign-ins in the database, so every web process counts them

Revision ID: d3b8e4f2a1c7
Revises: d2a7f3c1b9e6
Create Date: 2026-12-05 11:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d3b8e4f2a1c7"
down_revision = "d2a7f3c1b9e6"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    op.create_index(op.f("ix_login_failure_email"), "login_failure", ["email"], unique=False)
    op.create_index(op.f("ix_login_failure_address"), "login_failure", ["address"], unique=False)
    op.create_index(op.f("ix_login_failure_at"), "login_failure", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_login_failure_at"), table_name="login_failure")
    op.drop_index(op.f("ix_login_failure_address"), table_name="login_failure")
    op.drop_index(op.f("ix_login_failure_email"), table_name="login_failure")
    op.drop_table("login_failure")

"""task outbox, failed invoice checks

``outbox_task``: a task to queue, written in the transaction that stores its work
(an uploaded document) and deleted once it is on the broker. ``invoice.check_error``:
why an invoice whose status is ``check_failed`` could not be checked.

Revision ID: b7d3e91a5c20
Revises: b7c3d9e2f410
Create Date: 2026-12-05 09:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b7d3e91a5c20"
down_revision = "b7c3d9e2f410"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=100), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=2000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_task")),
    )
    with op.batch_alter_table("outbox_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_task_created_at"), ["created_at"], unique=False)
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("check_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_column("check_error")
    with op.batch_alter_table("outbox_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_task_created_at"))
    op.drop_table("outbox_task")

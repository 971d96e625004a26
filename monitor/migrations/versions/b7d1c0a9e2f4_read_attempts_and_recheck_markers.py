"""document read attempts (quarantine), coalesced peer re-checks

``document.read_attempts`` counts readings begun and not finished (a worker killed
for memory or time): at the limit the document is ``quarantined``. ``invoice_recheck``
holds one pending re-check per invoice, asked for by peers whose prices arrived.

Revision ID: b7d1c0a9e2f4
Revises: b7d3e91a5c20
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b7d1c0a9e2f4"
down_revision = "b7d3e91a5c20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(
            sa.Column("read_attempts", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "invoice_recheck",
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoice.id"],
            name=op.f("fk_invoice_recheck_invoice_id_invoice"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("invoice_id", name=op.f("pk_invoice_recheck")),
    )
    op.create_index(op.f("ix_invoice_recheck_due_at"), "invoice_recheck", ["due_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_invoice_recheck_due_at"), table_name="invoice_recheck")
    op.drop_table("invoice_recheck")
    with op.batch_alter_table("document") as batch:
        batch.drop_column("read_attempts")

"""contract review status, unread price rows, preliminary findings

A contract's reading may be incomplete or uncertain: ``contract.review_status``
(needs_review|complete|reviewed), its reasons and its unread price rows are kept with
it; findings resting on such a contract's terms are ``preliminary`` until legal
reviews it, and ``final_at`` records when they became final. Contracts and findings
stored before this revision were read as they are: ``complete`` and final.

Revision ID: fa4a6801134e
Revises: 4695041e1b23
Create Date: 2026-12-05 05:41:41.316848
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "fa4a6801134e"
down_revision = "4695041e1b23"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unread_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("bbox", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_unread_price_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unread_price")),
    )
    with op.batch_alter_table("unread_price", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unread_price_contract_id"), ["contract_id"], unique=False
        )

    # server defaults fill the rows already stored: read as they are, complete and final
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "review_status", sa.String(length=20), nullable=False, server_default="complete"
            )
        )
        batch_op.add_column(
            sa.Column("review_reasons", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("price_candidates", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_contract_review_status"), ["review_status"], unique=False
        )

    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("preliminary", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("final_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_column("final_at")
        batch_op.drop_column("preliminary")

    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_review_status"))
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("price_candidates")
        batch_op.drop_column("review_reasons")
        batch_op.drop_column("review_status")

    with op.batch_alter_table("unread_price", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unread_price_contract_id"))

    op.drop_table("unread_price")

"""findings know their money kind, its benchmark and which finding owns their money

``finding.money_kind``: ``overcharge`` (money the municipality's own contract lets it
claim back) or ``price_gap`` (the difference from what other municipalities pay: a
benchmark, never added to overcharges); ``benchmark_unit_price`` the other
municipalities' median for a price gap; ``grounds_for_id`` the finding that owns the
same money on the same line (this one is a further ground and is not counted again).
Findings stored before this revision: price_disparity ones become price gaps (their
``agreed_unit_price`` held the median: moved to the benchmark); the rest overcharges
that own their money until the next re-check links them.

Revision ID: b7c3d9e2f410
Revises: fa4a6801134e
Create Date: 2026-12-05 08:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b7c3d9e2f410"
down_revision = "fa4a6801134e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "money_kind", sa.String(length=20), nullable=False, server_default="overcharge"
            )
        )
        batch_op.add_column(sa.Column("benchmark_unit_price", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("grounds_for_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_finding_grounds_for_id_finding"),
            "finding",
            ["grounds_for_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            batch_op.f("ix_finding_grounds_for_id"), ["grounds_for_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_finding_money_kind"), ["money_kind"], unique=False)
    op.execute(
        "UPDATE finding SET money_kind = 'price_gap', benchmark_unit_price = agreed_unit_price, "
        "agreed_unit_price = NULL WHERE rule_id = 'price_disparity'"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE finding SET agreed_unit_price = benchmark_unit_price "
        "WHERE money_kind = 'price_gap'"
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_money_kind"))
        batch_op.drop_index(batch_op.f("ix_finding_grounds_for_id"))
        batch_op.drop_constraint(batch_op.f("fk_finding_grounds_for_id_finding"), type_="foreignkey")
        batch_op.drop_column("grounds_for_id")
        batch_op.drop_column("benchmark_unit_price")
        batch_op.drop_column("money_kind")

"""invoice lines keep their normalised item key, indexed

``invoice_line.item_key`` is the item id as the rules compare it
(``rules.matching.item_key``: case, punctuation and leading zeros ignored). With the
index ``ix_invoice_line_item_key (item_key, invoice_id)`` the check of a few invoices
reads other municipalities' prices for the invoices' own items only, instead of the
vendor's whole history. Lines stored before this revision get their key here.

Revision ID: c4e8a1f05d27
Revises: c5e1a2f7d903
Create Date: 2026-12-05 09:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from rules.matching import item_key

revision = "c4e8a1f05d27"
down_revision = "c5e1a2f7d903"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_key", sa.String(length=100), nullable=True))
    backfill(op.get_bind())
    op.create_index(
        "ix_invoice_line_item_key", "invoice_line", ["item_key", "invoice_id"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE invoice_line")
    else:
        op.execute("ANALYZE")


def backfill(conn: sa.Connection) -> None:
    """Set ``item_key`` from ``item_id`` where it is missing (in batches by id)."""
    line = sa.table(
        "invoice_line",
        sa.column("id", sa.Integer),
        sa.column("item_id", sa.String),
        sa.column("item_key", sa.String),
    )
    update = (
        sa.update(line)
        .where(line.c.id == sa.bindparam("b_id"))
        .values(item_key=sa.bindparam("b_key"))
    )
    after = 0
    while True:
        rows = conn.execute(
            sa.select(line.c.id, line.c.item_id)
            .where(line.c.id > after, line.c.item_id.is_not(None), line.c.item_key.is_(None))
            .order_by(line.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        conn.execute(update, [{"b_id": i, "b_key": item_key(item)} for i, item in rows])
        after = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_invoice_line_item_key", table_name="invoice_line")
    with op.batch_alter_table("invoice_line", schema=None) as batch_op:
        batch_op.drop_column("item_key")

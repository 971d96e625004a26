"""a partial index of the lines written past the model

``ix_invoice_line_unkeyed``: the lines with an item id and no stored item key (a loader's
raw SQL). They are in neither derived table (``item_latest_price``,
``line_item_period``), so a check looks for them (``monitor.findings.context``,
``monitor.findings.screening``); the index keeps that look-up O(1) however many lines
have no item id at all.

Revision ID: e5c1a7d3f902
Revises: d9a4f2c81e36
Create Date: 2026-12-05 16:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e5c1a7d3f902"
down_revision = "d9a4f2c81e36"
branch_labels = None
depends_on = None

UNKEYED = "item_key IS NULL AND item_id IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_invoice_line_unkeyed",
        "invoice_line",
        ["invoice_id"],
        unique=False,
        sqlite_where=sa.text(UNKEYED),
        postgresql_where=sa.text(UNKEYED),
    )


def downgrade() -> None:
    op.drop_index("ix_invoice_line_unkeyed", table_name="invoice_line")

"""item_latest_price: an index by (vendor, item key, price, municipality)

A bulk check's peer screen needs, per vendor and item key, the lowest latest price, the
municipality paying it and the lowest any other municipality pays. It grouped every
latest price of the vendor by municipality and ranked them (bench/rules.py, 1,000,000
lines, ~200,000 latest prices: ~0.8 s on SQLite and PostgreSQL, before any worker could
start). With this index each of the three is one short index probe per item key
(~0.06 s for the same 4,000 keys).

Revision ID: c4e8a2f6d1b9
Revises: b7d1e9c3a5f2
Create Date: 2026-12-06 05:30:00.000000
"""

from __future__ import annotations

from alembic import op

from monitor.invoices import derived

revision = "c4e8a2f6d1b9"
down_revision = "b7d1e9c3a5f2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(derived.BY_PRICE_INDEX, derived.TABLE, list(derived.BY_PRICE))
    op.execute(f"ANALYZE {derived.TABLE}")


def downgrade() -> None:
    op.drop_index(derived.BY_PRICE_INDEX, table_name=derived.TABLE)

"""invoice.credits_number: the invoice a credit note credits (its BillingReference)

A check sets a credit note that credits an invoice off against that invoice's findings
(``monitor.findings.credits``); it finds them by the vendor and the number.

Revision ID: b7c1d9e3f5a2
Revises: e2b6d4f8a1c3
Create Date: 2026-12-07 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b7c1d9e3f5a2"
down_revision = "e2b6d4f8a1c3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invoice") as batch:
        batch.add_column(sa.Column("credits_number", sa.String(length=100), nullable=True))
    # only the credit notes that name an invoice: small, and a check asks it at once
    # whether there are any
    op.create_index(
        "ix_invoice_vendor_credits",
        "invoice",
        ["vendor_id", "credits_number"],
        postgresql_where=sa.text("credits_number IS NOT NULL"),
        sqlite_where=sa.text("credits_number IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_invoice_vendor_credits", table_name="invoice")
    with op.batch_alter_table("invoice") as batch:
        batch.drop_column("credits_number")

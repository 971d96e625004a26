"""What a bulk check writes, cheaper to write: invoice.status unindexed (and, on
PostgreSQL, invoice pages half free), finding.message without its trigram index

Revision ID: a6c2e8f4b1d7
Revises: f3d8b2c6a7e9
Create Date: 2026-12-06 00:10:00.000000

A check of every invoice rewrites each one's status and finding rows by the thousand
(bench/rules.py, 1,000,000 lines on PostgreSQL):

- ``ix_invoice_status`` made every status change a new row version in all nine of the
  invoice table's indexes (~2.3 s for 100,000 invoices). Without an index on the
  columns a check writes, and with half of each page left free (``fillfactor`` 50),
  PostgreSQL rewrites the row in its own page (a HOT update: ~0.2 s, and the table
  stays its size across re-checks instead of bloating). Existing pages keep their old
  fill until the table is rewritten (``VACUUM FULL invoice``); new ones follow it.
- ``ix_finding_message_trgm`` cost ~0.7 s per 16,000 findings stored; the findings'
  search now reads their messages (English and Danish) row by row, which is cheap at
  the number of findings (``monitor.findings.repository._mentions``).
"""

from __future__ import annotations

from alembic import op

revision = "a6c2e8f4b1d7"
down_revision = "f3d8b2c6a7e9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invoice") as batch_op:
        batch_op.drop_index("ix_invoice_status")
    op.drop_index("ix_finding_message_trgm", table_name="finding")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE invoice SET (fillfactor = 50)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE invoice RESET (fillfactor)")
        op.create_index(
            "ix_finding_message_trgm",
            "finding",
            ["message"],
            postgresql_using="gin",
            postgresql_ops={"message": "gin_trgm_ops"},
        )
    else:
        op.create_index("ix_finding_message_trgm", "finding", ["message"])
    with op.batch_alter_table("invoice") as batch_op:
        batch_op.create_index("ix_invoice_status", ["status"], unique=False)

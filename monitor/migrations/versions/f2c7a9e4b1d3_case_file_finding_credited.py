"""case_file_finding.credited: the part of a vendor's credit settled against each finding

Revision ID: f2c7a9e4b1d3
Revises: f1b4c6d8e2a5
Create Date: 2026-12-06 10:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f2c7a9e4b1d3"
down_revision = "f1b4c6d8e2a5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_file_finding") as batch_op:
        batch_op.add_column(
            sa.Column("credited", sa.BigInteger(), server_default="0", nullable=False)
        )
    # a credit recorded before this revision resolved each finding it reached, with the
    # part it settled as the finding's recovered amount
    op.execute(
        "UPDATE case_file_finding SET credited = ("
        " SELECT finding.recovered FROM finding WHERE finding.id = case_file_finding.finding_id)"
        " WHERE case_file_id IN (SELECT id FROM case_file WHERE credited > 0)"
        " AND finding_id IN (SELECT id FROM finding WHERE status = 'resolved')"
    )


def downgrade() -> None:
    with op.batch_alter_table("case_file_finding") as batch_op:
        batch_op.drop_column("credited")

"""case files: a claim against a vendor for one municipality's confirmed findings

``case_file`` keeps the letter as made, when and how it was sent and the vendor's
answer; ``case_file_finding`` the findings it claims, each with its overcharge then.

Revision ID: e3a7c91d4b60
Revises: d3b8e4f2a1c7
Create Date: 2026-12-05 11:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e3a7c91d4b60"
down_revision = "d3b8e4f2a1c7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("letter", sa.LargeBinary(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(length=320), nullable=True),
        sa.Column("sent_via", sa.String(length=20), nullable=True),
        sa.Column("sent_note", sa.Text(), nullable=True),
        sa.Column("answer", sa.String(length=20), nullable=True),
        sa.Column("credited", sa.BigInteger(), nullable=True),
        sa.Column("answer_note", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answer_recorded_by", sa.String(length=320), nullable=True),
        sa.Column("answer_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"]),
        sa.ForeignKeyConstraint(["vendor_id"], ["vendor.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_file_municipality_id", "case_file", ["municipality_id"])
    op.create_index("ix_case_file_vendor_id", "case_file", ["vendor_id"])
    op.create_table(
        "case_file_finding",
        sa.Column("case_file_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("overcharge", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["case_file_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["finding_id"], ["finding.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_file_id", "finding_id"),
    )
    op.create_index(
        "ix_case_file_finding_finding_id", "case_file_finding", ["finding_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_case_file_finding_finding_id", table_name="case_file_finding")
    op.drop_table("case_file_finding")
    op.drop_index("ix_case_file_vendor_id", table_name="case_file")
    op.drop_index("ix_case_file_municipality_id", table_name="case_file")
    op.drop_table("case_file")

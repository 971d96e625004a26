"""findings workflow (owner, deadline) and per-user alert preferences

``finding.owner_id`` and ``finding.deadline``: who follows a finding up and by when.
``alert.user_id``: the finance user an alert went to (per their preferences).
``alert_preference``: per user and severity, immediate | digest | off.
Indexes for the findings list on 100,000 findings: its two orders (overcharge, newest)
and the date ranges (invoice issue date, finding created); the alert history's order.

Revision ID: d8f2b6a4c913
Revises: d9a3f6b2c180
Create Date: 2026-12-05 11:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import monitor.db

revision = "d8f2b6a4c913"
down_revision = "d9a3f6b2c180"
branch_labels = None
depends_on = None

TRIGRAM = (
    ("ix_finding_message_trgm", "finding", "message"),
    ("ix_invoice_number_trgm", "invoice", "number"),
    ("ix_invoice_line_description_trgm", "invoice_line", "description"),
)


def upgrade() -> None:
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("deadline", sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_finding_owner_id_app_user"),
            "app_user",
            ["owner_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_finding_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_finding_overcharge_id", ["overcharge", "id"], unique=False)
        batch_op.create_index("ix_finding_created_at_id", ["created_at", "id"], unique=False)
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.create_index("ix_invoice_issue_date", ["issue_date"], unique=False)
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_alert_user_id_app_user"),
            "app_user",
            ["user_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_alert_created_at"), ["created_at"], unique=False)
    op.create_table(
        "alert_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("delivery", sa.String(length=10), nullable=False),
        sa.Column("updated_at", monitor.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_alert_preference_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_preference")),
        sa.UniqueConstraint("user_id", "severity", name=op.f("uq_alert_preference_user_id")),
    )
    with op.batch_alter_table("alert_preference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_preference_user_id"), ["user_id"], unique=False)
    # the list's search: ILIKE '%word%' through trigram indexes on PostgreSQL (pg_trgm
    # is a trusted extension: the database's owner may create it); plain on SQLite
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM:
        op.create_index(
            name,
            table,
            [column],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={column: "gin_trgm_ops"},
        )
    if postgresql:
        op.execute("ANALYZE finding")


def downgrade() -> None:
    for name, table, _ in TRIGRAM:
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("alert_preference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_preference_user_id"))
    op.drop_table("alert_preference")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_created_at"))
        batch_op.drop_constraint(batch_op.f("fk_alert_user_id_app_user"), type_="foreignkey")
        batch_op.drop_column("user_id")
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_index("ix_invoice_issue_date")
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index("ix_finding_created_at_id")
        batch_op.drop_index("ix_finding_overcharge_id")
        batch_op.drop_index(batch_op.f("ix_finding_owner_id"))
        batch_op.drop_constraint(batch_op.f("fk_finding_owner_id_app_user"), type_="foreignkey")
        batch_op.drop_column("deadline")
        batch_op.drop_column("owner_id")

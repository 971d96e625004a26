"""accounts with several roles over several municipalities, and API tokens

``app_user`` (never written before this revision) is rebuilt: an argon2
``password_hash``, comma-separated ``roles``, ``all_municipalities`` and the
municipalities of its scope in ``user_municipality``. ``api_token`` holds machines'
bearer tokens (SHA-256 only), scoped the same way through ``token_municipality``.

Revision ID: c5e1a2f7d903
Revises: b7d1c0a9e2f4
Create Date: 2026-12-05 09:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "c5e1a2f7d903"
down_revision = "b7d1c0a9e2f4"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("app_user")
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("roles", sa.String(length=100), nullable=False),
        sa.Column("all_municipalities", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("roles", sa.String(length=100), nullable=False),
        sa.Column("all_municipalities", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    for table, owner in (("user_municipality", "user"), ("token_municipality", "token")):
        parent = "app_user" if owner == "user" else "api_token"
        op.create_table(
            table,
            sa.Column(f"{owner}_id", sa.Integer(), nullable=False),
            sa.Column("municipality_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                [f"{owner}_id"],
                [f"{parent}.id"],
                name=op.f(f"fk_{table}_{owner}_id_{parent}"),
                ondelete="CASCADE",
            ),
            sa.ForeignKeyConstraint(
                ["municipality_id"],
                ["municipality.id"],
                name=op.f(f"fk_{table}_municipality_id_municipality"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint(f"{owner}_id", "municipality_id", name=op.f(f"pk_{table}")),
        )


def downgrade() -> None:
    op.drop_table("token_municipality")
    op.drop_table("user_municipality")
    op.drop_table("api_token")
    op.drop_table("app_user")
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_app_user_municipality_id_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("email", name=op.f("uq_app_user_email")),
    )

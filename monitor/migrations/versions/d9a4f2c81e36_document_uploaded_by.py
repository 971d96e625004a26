"""documents remember who uploaded them

``document.uploaded_by``: the audit actor (an email, or ``token:<name>``) who uploaded
the document over the web. A document not yet read into a contract or an invoice of a
municipality is seen only by its uploader and by identities over every municipality
(``monitor.auth.scope``). Documents stored before this revision have no uploader.

Revision ID: d9a4f2c81e36
Revises: d8f2b6a4c913
Create Date: 2026-12-05 11:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d9a4f2c81e36"
down_revision = "d8f2b6a4c913"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uploaded_by", sa.String(length=320), nullable=True))
        batch_op.create_index("ix_document_uploaded_by", ["uploaded_by"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_uploaded_by")
        batch_op.drop_column("uploaded_by")

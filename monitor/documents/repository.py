"""Queries about received documents."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.documents.models import Document
from monitor.errors import NotFound


def by_sha256(session: Session, sha256: str) -> Document | None:
    """The document with this content, whoever may see it: the same bytes are stored
    once, even when another municipality's person uploaded them first."""
    query = select(Document).where(Document.sha256 == sha256)
    return session.scalar(query.execution_options(all_municipalities=True))


def get(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(
            f"document {document_id} does not exist",
            key="error.missing.document",
            params={"id": document_id},
        )
    return doc

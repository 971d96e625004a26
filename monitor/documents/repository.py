"""Queries about received documents."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.documents.models import Document
from monitor.errors import NotFound


def by_sha256(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == sha256))


def get(session: Session, document_id: int) -> Document:
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"document {document_id} does not exist")
    return doc

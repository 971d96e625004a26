"""Uploading documents over HTTP: the same ingest service as the CLI and the inbox."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, HTTPException, UploadFile

from extractors.errors import PrisvagtError
from monitor.db import transaction
from monitor.documents import repository
from monitor.documents.service import ingest_file

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.post("", status_code=202)
async def upload(
    file: UploadFile = File(..., description="A contract PDF or an invoice (XML, CSV, PDF)"),
    kind: str | None = Form(None, description="contract or invoice; guessed if omitted"),
) -> dict[str, Any]:
    """Store the document (once per content) and queue its processing.

    Answers 202 with the document id and whether it was new; 400 with the reason for
    bad input (empty, too large, unknown kind).
    """
    from monitor.settings import get_settings
    from workers import tasks

    limit = get_settings().max_upload_mb * 1024 * 1024
    data = await file.read(limit + 1)
    filename = file.filename or "upload"
    try:
        with transaction() as session:
            res = ingest_file(
                session,
                data=data,
                filename=filename,
                kind=kind,
                source="upload",
                content_type=file.content_type,
                max_bytes=limit,
            )
    except PrisvagtError as exc:
        raise HTTPException(status_code=400, detail=exc.describe()) from None
    if res.created:
        task = tasks.extract_contract if res.kind == "contract" else tasks.parse_invoice
        task.delay(res.document_id)
    with transaction() as session:
        doc = repository.get(session, res.document_id)
        return {
            "document_id": doc.id,
            "created": res.created,
            "kind": doc.kind,
            "filename": doc.filename,
            "status": doc.status,
            "error": doc.error,
        }


@router.get("/{document_id}")
def status(document_id: int) -> dict[str, Any]:
    """A document's processing status and, if it failed, why."""
    from monitor.errors import NotFound

    try:
        with transaction() as session:
            doc = repository.get(session, document_id)
            return {
                "document_id": doc.id,
                "kind": doc.kind,
                "filename": doc.filename,
                "status": doc.status,
                "error": doc.error,
                "reason": doc.error_reason,
                "received_at": doc.received_at.isoformat(),
            }
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=exc.describe()) from None

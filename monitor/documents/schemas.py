"""Documents as the API shows them (the bytes are never in the JSON)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal["contract", "invoice"]
DocumentStatus = Literal["received", "processed", "unassigned", "failed", "quarantined"]

_DOCUMENT_EXAMPLE = {
    "document_id": 3,
    "kind": "invoice",
    "filename": "F-2026-0042.xml",
    "status": "processed",
    "error": None,
    "reason": None,
    "received_at": "2026-03-02T08:15:00+00:00",
    "link": "/invoices/12",
    "content_type": "application/xml",
    "size": 5120,
    "source": "upload",
    "sha256": "9f2c" + "0" * 60,
    "processed_at": "2026-03-02T08:15:03+00:00",
}


class DocumentQuery(BaseModel):
    kind: DocumentKind | None = Field(None, description="contract or invoice")
    status: DocumentStatus | None = Field(
        None, description="received|processed|unassigned|failed|quarantined"
    )
    received_from: date | None = Field(None, description="received on or after this day (UTC)")
    received_to: date | None = Field(None, description="received on or before this day (UTC)")


class DocumentOut(BaseModel):
    """A received document and how its reading went; ``link``: the page of the invoice
    or contract read from it, once read."""

    model_config = ConfigDict(json_schema_extra={"examples": [_DOCUMENT_EXAMPLE]})

    document_id: int
    kind: str
    filename: str
    status: str
    error: str | None
    reason: str | None = Field(description="why it failed, as a short code")
    received_at: str = Field(description="ISO 8601 date and time")
    link: str | None
    content_type: str | None
    size: int
    source: str
    sha256: str
    processed_at: datetime | None


class UploadOut(BaseModel):
    """The answer to an upload: the document, and whether it is new (a content already
    stored answers with the stored document and ``created`` false)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "document_id": 3,
                    "created": True,
                    "kind": "invoice",
                    "filename": "F-2026-0042.xml",
                    "status": "received",
                    "error": None,
                    "link": None,
                }
            ]
        }
    )

    document_id: int
    created: bool
    kind: str
    filename: str
    status: str
    error: str | None
    link: str | None

"""Receiving documents: store once by content, decide contract or invoice.

The same bytes received twice are one document. Nothing is parsed here; parsing is
a queued task (``contracts.extract`` / ``invoices.parse``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from monitor.documents import repository
from monitor.documents.models import Document
from monitor.errors import InputError

KINDS = ("contract", "invoice")
_INVOICE_SUFFIXES = {".xml", ".csv", ".txt"}
MAX_BYTES_DEFAULT = 25 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestResult:
    document_id: int
    created: bool
    kind: str
    filename: str


def guess_kind(data: bytes, filename: str) -> str:
    """Invoices are XML or CSV; a PDF is a contract unless it carries invoice XML
    (Factur-X, ZUGFeRD 1.0/2.x, XRechnung: an XML attachment) or names one in its first bytes."""
    suffix = Path(filename).suffix.lower()
    if suffix in _INVOICE_SUFFIXES or data.lstrip()[:1] == b"<":
        return "invoice"
    if data[:5] == b"%PDF-":
        head = data[:200_000]
        if b"factur-x" in head.lower() or b"zugferd" in head.lower() or b"/EmbeddedFile" in head:
            return "invoice"
        from extractors.invoices.facturx import has_embedded_invoice

        # The markers can sit in compressed object streams or past the head.
        return "invoice" if has_embedded_invoice(data) else "contract"
    raise InputError(
        "cannot tell whether this is a contract or an invoice; say which kind it is (contract or invoice)",
        file=filename,
    )


def ingest_file(
    session: Session,
    *,
    data: bytes,
    filename: str,
    kind: str | None = None,
    source: str = "cli",
    content_type: str | None = None,
    max_bytes: int = MAX_BYTES_DEFAULT,
) -> IngestResult:
    """Store a document unless the same content is already stored. Never commits."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; use contract or invoice", file=filename)
    if not data:
        raise InputError("the file is empty", file=filename)
    if len(data) > max_bytes:
        raise InputError(
            f"the file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MB",
            file=filename,
        )
    sha = hashlib.sha256(data).hexdigest()
    existing = repository.by_sha256(session, sha)
    if existing is not None:
        return IngestResult(existing.id, False, existing.kind, existing.filename)
    kind = kind or guess_kind(data, filename)
    doc = Document(
        sha256=sha,
        filename=Path(filename).name,
        kind=kind,
        content_type=content_type,
        size=len(data),
        source=source,
        content=data,
    )
    session.add(doc)
    session.flush()
    return IngestResult(doc.id, True, kind, doc.filename)


def ingest_path(
    session: Session,
    *,
    path: Path,
    kind: str | None = None,
    source: str = "cli",
    max_bytes: int = MAX_BYTES_DEFAULT,
) -> IngestResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from exc
    return ingest_file(
        session, data=data, filename=path.name, kind=kind, source=source, max_bytes=max_bytes
    )


def mark_failed(doc: Document, *, reason: str, error: str) -> None:
    """Record why a document could not be read; its bytes stay stored."""
    doc.status = "failed"
    doc.error_reason = reason
    doc.error = error


def iter_paths(paths: list[Path]) -> list[Path]:
    """Files named, and files inside folders named (recursively, sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", file=str(path))
    return found

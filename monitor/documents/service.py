"""Receiving documents: store once by content, decide contract or invoice.

The same bytes received twice are one document. Nothing is parsed here; parsing is
a queued task (``contracts.extract`` / ``invoices.parse``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
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
    #: stored before as the other kind, now to be read again as ``kind``
    reread: bool = False


def guess_kind(data: bytes, filename: str) -> str:
    """Invoices are XML or CSV; a PDF is a contract unless it carries invoice XML
    (Factur-X, ZUGFeRD 1.0/2.x, XRechnung: an XML attachment) or names one in its first bytes."""
    suffix = Path(filename).suffix.lower()
    if suffix in _INVOICE_SUFFIXES or data.lstrip()[:1] == b"<":
        return "invoice"
    if data[:2] == b"\x1f\x8b":  # gzip: only CSV invoice exports are read compressed
        return "invoice"
    if data[:5] == b"%PDF-":
        head = data[:200_000]
        if b"factur-x" in head.lower() or b"zugferd" in head.lower() or b"/EmbeddedFile" in head:
            return "invoice"
        from extractors.invoices.facturx import has_embedded_invoice

        # The markers can sit in compressed object streams or past the head.
        if has_embedded_invoice(data):
            return "invoice"
        # a PDF invoice without XML: its first page says so ("FAKTURA", an invoice
        # number, a due date, totals)
        from extractors.invoices.pdf import first_page_is_an_invoice

        return "invoice" if first_page_is_an_invoice(data, filename) else "contract"
    raise InputError(
        "cannot tell whether this is a contract or an invoice; say which kind it is (contract or invoice)",
        file=filename,
        key="error.upload.kind_unknown",
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
    uploaded_by: str | None = None,
) -> IngestResult:
    """Store a document unless the same content is already stored. Never commits.
    ``uploaded_by``: the person (or token) uploading it over the web."""
    if kind is not None and kind not in KINDS:
        raise InputError(
            f"unknown kind {kind!r}; use contract or invoice",
            file=filename,
            key="error.upload.bad_kind",
            params={"kind": kind},
        )
    if not data:
        raise InputError("the file is empty", file=filename, key="error.upload.empty")
    if len(data) > max_bytes:
        raise _file_too_large(len(data), max_bytes, filename)
    sha = hashlib.sha256(data).hexdigest()
    existing = repository.by_sha256(session, sha)
    if existing is not None:
        if kind is not None and kind != existing.kind:
            # stored before as the other kind (a PDF invoice taken for a contract): the
            # person says what it is, so it is read again as that
            read_again_as(session, existing, kind, filename)
            return IngestResult(existing.id, False, existing.kind, existing.filename, True)
        return IngestResult(existing.id, False, existing.kind, existing.filename)
    kind = kind or guess_kind(data, filename)
    doc = Document(
        sha256=sha,
        filename=Path(filename).name,
        kind=kind,
        content_type=content_type,
        size=len(data),
        source=source,
        uploaded_by=uploaded_by,
        content=data,
    )
    session.add(doc)
    session.flush()
    return IngestResult(doc.id, True, kind, doc.filename)


def read_again_as(session: Session, doc: Document, kind: str, filename: str) -> None:
    """Read a stored document again as ``kind``: what was read from it as the other kind
    (an unassigned contract read from an invoice, or the invoices read from a contract)
    is removed and the document waits to be read again. Refused, naming the file and
    why, when what was read from it is relied on: a contract legal has reviewed or
    confirmed terms of, or one with findings; invoices with findings. Never commits."""
    from sqlalchemy import func

    from monitor.contracts.models import Contract, PriceTerm
    from monitor.findings.models import Finding
    from monitor.invoices.models import Invoice

    model: Any = Contract if doc.kind == "contract" else Invoice
    read = list(session.scalars(select(model).where(model.document_id == doc.id)))
    ids = [r.id for r in read]
    column = Finding.contract_id if doc.kind == "contract" else Finding.invoice_id
    findings = (
        session.scalar(select(func.count()).select_from(Finding).where(column.in_(ids)))
        if ids
        else 0
    )
    reviewed = doc.kind == "contract" and any(
        c.review_status == "reviewed"
        or session.scalar(
            select(func.count())
            .select_from(PriceTerm)
            .where(PriceTerm.contract_id == c.id, PriceTerm.review_state == "confirmed")
        )
        for c in read
    )
    if findings or reviewed:
        why = f"{findings} findings rest on it" if findings else "legal has reviewed its terms"
        article = "an" if kind == "invoice" else "a"
        raise InputError(
            f"already stored as a {doc.kind} (document {doc.id}) and {why}: it is not read "
            f"again as {article} {kind}",
            file=filename,
        )
    for row in read:
        session.delete(row)
    doc.kind, doc.status, doc.error, doc.error_reason = kind, "received", None, None
    doc.processed_at = None
    session.flush()


def _file_too_large(size: int, max_bytes: int, filename: str) -> InputError:
    """The file is over the per-file limit. ``size`` is what was read: one byte over
    the limit when the upload was cut there, so it reads "more than"."""
    mb, limit_mb = f"{size / 1_048_576:.1f}", f"{max_bytes / 1_048_576:.0f}"
    return InputError(
        f"the file is {mb} MB; the limit is {limit_mb} MB per file (PRISVAGT_MAX_UPLOAD_MB)",
        file=filename,
        key="error.upload.too_large",
        params={"mb": mb, "limit": limit_mb},
    )


def ingest_path(
    session: Session,
    *,
    path: Path,
    kind: str | None = None,
    source: str = "cli",
    max_bytes: int = MAX_BYTES_DEFAULT,
) -> IngestResult:
    data = read_regular_file(path, max_bytes=max_bytes)
    return ingest_file(
        session, data=data, filename=path.name, kind=kind, source=source, max_bytes=max_bytes
    )


def not_regular(mode: int) -> str | None:
    """What a directory entry is when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    for test, what in (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return what
    return "not a regular file"


def read_regular_file(path: Path, *, max_bytes: int = MAX_BYTES_DEFAULT) -> bytes:
    """The bytes of a regular file, at most ``max_bytes + 1`` of them (so the caller can
    refuse the size). A symbolic link, device, FIFO or socket is refused, checked on the
    opened file itself (no window between the check and the read), and never followed
    or read: a link in a watched folder must not store ``/etc/passwd`` as a document."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        what = _entry_kind(path)
        if what is not None:
            raise InputError(f"{what}: only regular files are read", file=str(path)) from None
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        what = not_regular(info.st_mode)
        if what is not None:
            raise InputError(f"{what}: only regular files are read", file=str(path))
        if info.st_size > max_bytes:  # refused before a byte is read
            raise _file_too_large(info.st_size, max_bytes, str(path))
        try:
            return fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None


def _entry_kind(path: Path) -> str | None:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    what = not_regular(mode)
    if what == "a symbolic link":
        with contextlib.suppress(OSError):
            what += f" (to {os.readlink(path)})"
    return what


def outside_uploader_scope(
    session: Session, doc: Document, municipality_ids: set[int | None]
) -> str | None:
    """Why the document may not be filed under these municipalities, or None: a person
    or token of some municipalities may bring documents of those only, never put an
    invoice or contract into another municipality's data (and set off its alerts)."""
    from monitor.auth.service import actor_scope
    from monitor.parties.models import Municipality

    scope = actor_scope(session, doc.uploaded_by)
    if scope is None:
        return None
    foreign = sorted(m for m in municipality_ids if m is not None and m not in scope)
    if not foreign:
        return None
    names = session.scalars(select(Municipality.name).where(Municipality.id.in_(foreign))).all()
    return (
        f"{doc.filename}: uploaded by {doc.uploaded_by}, who acts for other municipalities "
        f"than its buyer ({', '.join(names)}); not stored. Ask someone of that municipality "
        "to upload it."
    )


def mark_failed(doc: Document, *, reason: str, error: str) -> None:
    """Record why a document could not be read; its bytes stay stored."""
    doc.status = "failed"
    doc.error_reason = reason
    doc.error = error


def begin_reading(session: Session, *, document_id: int, max_crashes: int) -> bool:
    """Count a reading of the document about to begin; the caller commits this before
    reading, so a reading killed with its worker (memory, hard time limit) stays
    counted. After ``max_crashes`` such readings the document is ``quarantined``, with
    the reason, and False says: do not read it. A document already read is not counted.
    """
    doc = repository.get(session, document_id)
    if doc.status == "quarantined":
        return False
    if doc.status != "received":
        return True
    if doc.read_attempts >= max_crashes:
        doc.status = "quarantined"
        doc.error_reason = "quarantined"
        doc.error = (
            f"{doc.filename}: its reading was stopped {doc.read_attempts} times (the worker was"
            " killed, out of memory or over the time limit); quarantined, not read again"
            f" (PRISVAGT_MAX_PARSE_CRASHES={max_crashes})"
        )
        return False
    doc.read_attempts += 1
    return True


def reading_not_begun(session: Session, *, document_id: int) -> None:
    """Take back a reading counted by :func:`begin_reading` that a transient error
    (a lost database connection) stopped: it says nothing about the document."""
    doc = repository.get(session, document_id)
    if doc.status == "received" and doc.read_attempts > 0:
        doc.read_attempts -= 1


def iter_paths(paths: list[Path]) -> list[Path]:
    """Files named, and the entries inside folders named (recursively, sorted; links to
    folders are not followed; hidden names skipped). Entries that are not regular files
    are listed too, so that reading them reports why they are refused."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # a symbolic link to a folder is an entry to refuse, not a folder to walk
                links = [d for d in dirs if (Path(folder) / d).is_symlink()]
                dirs[:] = [d for d in dirs if d not in links]
                names = sorted(n for n in [*files, *links] if not n.startswith("."))
                found.extend(Path(folder) / n for n in names)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise InputError("no such file or folder", file=str(path))
    return found

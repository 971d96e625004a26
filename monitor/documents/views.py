"""Uploading documents over HTTP: the same ingest service as the CLI and the inbox.

``POST /api/v1/documents`` takes one file; the ``/upload`` page takes several. Each file
is stored once per content; a new one is queued for parsing (invoice) or extraction
(contract) through the outbox: a row written in the request's transaction, relayed
right after the commit (and by the scheduler if this process dies first).
``app.state.queue_document`` (document id, kind -> None) may replace the queueing, as
tests do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    BackgroundTasks,
    File,
    Form,
    HTTPException,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.errors import PrisvagtError
from monitor.contracts.models import Contract
from monitor.documents import repository
from monitor.documents.models import Document
from monitor.documents.schemas import DocumentOut, DocumentQuery, UploadOut
from monitor.documents.service import KINDS, IngestResult, ingest_file
from monitor.invoices.models import Invoice
from monitor.outbox import service as outbox
from monitor.schemas import ErrorOut, Page
from monitor.web import flash
from monitor.web.api import (
    CHANGE_ERRORS,
    DEFAULT_LIMIT,
    ERRORS,
    V1,
    DocumentId,
    Limit,
    Offset,
    count,
    page_of,
)
from monitor.web.deps import DbSession
from monitor.web.security import actor
from monitor.web.templating import error_text, page_language, render

router = APIRouter(prefix=f"{V1}/documents", tags=["documents"], responses=ERRORS)
pages = APIRouter(tags=["pages"], include_in_schema=False)

RECENT = 25


#: the task that reads a stored document of each kind
TASK_FOR_KIND = {"contract": "contracts.extract", "invoice": "invoices.parse"}


def queue_document(document_id: int, kind: str) -> None:
    """Queue the parsing of an invoice or the extraction of a contract."""
    from workers import tasks

    task = tasks.extract_contract if kind == "contract" else tasks.parse_invoice
    task.delay(document_id)


def relay_documents(app: Any, outbox_ids: list[int]) -> None:
    """After the commit: queue the documents whose outbox rows this request wrote."""
    queue = getattr(app.state, "queue_document", queue_document)
    kinds = {task: kind for kind, task in TASK_FOR_KIND.items()}

    def send(task: str, args: list[object]) -> None:
        (document_id,) = args
        queue(int(str(document_id)), kinds[task])

    outbox.relay(
        send=send,
        ids=outbox_ids,
        engine=app.state.engine,
        send_after_commit=not app.state.settings.broker_url,  # in-process: runs here
    )


@dataclass(slots=True)
class UploadOutcome:
    """One uploaded file: ``state`` stored|duplicate|failed, with the reason if failed."""

    filename: str
    state: str
    document: Document | None = None
    reason: str | None = None
    link: str | None = None
    error: PrisvagtError | None = None


# ---------------------------------------------------------------------------- API
@router.get("", response_model=Page[DocumentOut], summary="List documents")
def api_list(
    request: Request,
    session: DbSession,
    query: Annotated[DocumentQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[DocumentOut]:
    """Received documents, newest first. A document read into a contract or invoice is
    seen by those of its municipality; one not (yet) read into either by every reader."""
    stmt = select(Document).order_by(Document.id.desc())
    if query.kind:
        stmt = stmt.where(Document.kind == query.kind)
    if query.status:
        stmt = stmt.where(Document.status == query.status)
    if query.received_from is not None:
        stmt = stmt.where(Document.received_at >= _day_start(query.received_from))
    if query.received_to is not None:
        stmt = stmt.where(Document.received_at < _day_start(query.received_to + timedelta(1)))
    docs = list(session.scalars(stmt.limit(limit).offset(offset)))
    links = _links(session, docs)
    items = [_document_out(doc, links.get(doc.id)) for doc in docs]
    return Page[DocumentOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@router.post(
    "",
    status_code=202,
    response_model=UploadOut,
    summary="Upload a document",
    responses={400: CHANGE_ERRORS[400], 413: {"model": ErrorOut, "description": "too large"}},
)
def upload(
    request: Request,
    session: DbSession,
    background: BackgroundTasks,
    file: UploadFile = File(..., description="A contract PDF or an invoice (XML, CSV, PDF)"),
    kind: str | None = Form(None, description="contract or invoice; guessed if omitted"),
) -> UploadOut:
    """Store the document (once per content) and queue its processing.

    Answers 202 with the document id and whether it was new; 400 with the reason for
    bad input (empty, too large, not a contract or an invoice, unknown kind).
    """
    data, filename = _read(request, file)
    try:
        res = ingest_file(session, **_ingest_args(request, file, data, kind or None))
    except PrisvagtError as exc:
        raise HTTPException(status_code=400, detail=exc.describe()) from None
    _queue_if_new(request, session, background, res)
    doc = session.get(Document, res.document_id)
    if doc is None:  # the same bytes, uploaded by someone else and not read yet
        return UploadOut(
            document_id=res.document_id,
            created=False,
            kind=res.kind,
            filename=filename,  # the caller's own name for it, not the stored one
            status="already_stored",
            error=None,
            link=None,
        )
    return UploadOut(
        document_id=doc.id,
        created=res.created,
        kind=doc.kind,
        filename=doc.filename,
        status=doc.status,
        error=doc.error,
        link=_link(session, doc),
    )


@router.get("/{document_id}", response_model=DocumentOut, summary="One document's status")
def status(session: DbSession, document_id: DocumentId) -> DocumentOut:
    """A document's processing status and, if it failed, why."""
    doc = repository.get(session, document_id)  # NotFound -> 404 {"error": ...}
    return _document_out(doc, _link(session, doc))


def _document_out(doc: Document, link: str | None) -> DocumentOut:
    return DocumentOut(
        document_id=doc.id,
        kind=doc.kind,
        filename=doc.filename,
        status=doc.status,
        error=doc.error,
        reason=doc.error_reason,
        received_at=doc.received_at.isoformat(),
        link=link,
        content_type=doc.content_type,
        size=doc.size,
        source=doc.source,
        sha256=doc.sha256,
        processed_at=doc.processed_at,
    )


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _links(session: Session, docs: list[Document]) -> dict[int, str]:
    """Document id -> its contract's or invoice's page, for many documents at once."""
    ids = [doc.id for doc in docs]
    links: dict[int, str] = {}
    for model, page in ((Invoice, "/invoices"), (Contract, "/contracts")):
        rows = session.execute(
            select(model.document_id, func.min(model.id))
            .where(model.document_id.in_(ids))
            .group_by(model.document_id)
        )
        links.update({doc_id: f"{page}/{found}" for doc_id, found in rows})
    return links


# ---------------------------------------------------------------------------- page
@pages.get("/upload", response_class=HTMLResponse, name="upload")
def upload_page(request: Request, session: DbSession) -> HTMLResponse:
    """The upload form, the result of the upload just made (once), recent documents."""
    shown = flash.take(request, FLASH)
    outcomes = _outcomes_from(session, shown) if isinstance(shown, dict) else []
    more = shown.get("more", {}) if isinstance(shown, dict) else {}
    return _page(request, session, outcomes, more=more)


@pages.post("/upload", name="upload_files")
def upload_files(
    request: Request,
    session: DbSession,
    background: BackgroundTasks,
    files: Annotated[list[UploadFile], File()],
    kind: Annotated[str, Form()] = "",
) -> Response:
    """Several files at once; each is reported stored, already stored or failed.

    POST-redirect-GET: when a file was stored (or was there already) the answer is a
    303 to ``/upload``, which shows each file's outcome once, so a refresh does not
    post the files again. When every file failed nothing changed: the page is shown
    again with the reasons (400), as for any invalid form."""
    outcomes = []
    for file in files:
        data, filename = _read(request, file)
        if not data and not file.filename:
            continue  # the form was sent with no file chosen
        try:
            res = ingest_file(session, **_ingest_args(request, file, data, kind or None))
        except PrisvagtError as exc:
            outcomes.append(UploadOutcome(filename, "failed", reason=exc.describe(), error=exc))
            continue
        _queue_if_new(request, session, background, res)
        state = "stored" if res.created else "duplicate"
        doc = session.get(Document, res.document_id)  # None: someone else's, not yet read
        if doc is None:
            outcomes.append(UploadOutcome(filename, state))
            continue
        outcomes.append(UploadOutcome(filename, state, doc, doc.error, _link(session, doc)))
    if not outcomes or all(o.state == "failed" for o in outcomes):
        status = 400 if outcomes else 200
        return _page(request, session, outcomes, kind=kind, status_code=status)
    flash.put(request, FLASH, _flashed(outcomes, page_language(request)))
    return RedirectResponse("/upload", status_code=303)


#: the name the upload's outcomes are flashed under
FLASH = "upload"
#: room kept for the count of the outcomes not listed
_ROOM = {"stored": 99999, "duplicate": 99999, "failed": 99999}


def _flashed(outcomes: list[UploadOutcome], lang: str) -> dict[str, Any]:
    """The outcomes as the result page needs them: the caller's file name, the state,
    the document id and a failure's reason in the page's language, as many as fit the
    session cookie (``flash.BUDGET``); the rest only counted per state (they are among
    the recent documents, or failed and stored nothing)."""
    listed: list[dict[str, Any]] = []
    more: dict[str, int] = {}
    for o in outcomes:
        entry = {
            "name": o.filename[:120],
            "state": o.state,
            "id": None if o.document is None else o.document.id,
            "error": None if o.error is None else error_text(o.error, lang, where=True)[:300],
        }
        if not more and flash.fits({"files": [*listed, entry], "more": _ROOM}):
            listed.append(entry)
        else:
            more[o.state] = more.get(o.state, 0) + 1
    return {"files": listed, "more": more}


def _outcomes_from(session: Session, shown: dict[str, Any]) -> list[UploadOutcome]:
    """The flashed outcomes with their documents as they stand now (read since, or
    hidden from this reader: someone else's upload of the same bytes)."""
    outcomes = []
    for entry in shown.get("files", []):
        doc_id = entry.get("id")
        doc = session.get(Document, doc_id) if isinstance(doc_id, int) else None
        name, state = str(entry.get("name", "")), str(entry.get("state", ""))
        if doc is None:
            outcomes.append(UploadOutcome(name, state, reason=entry.get("error")))
        else:
            outcomes.append(UploadOutcome(name, state, doc, doc.error, _link(session, doc)))
    return outcomes


def _page(
    request: Request,
    session: Session,
    outcomes: list[UploadOutcome],
    *,
    kind: str = "",
    more: dict[str, int] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    recent = list(session.scalars(select(Document).order_by(Document.id.desc()).limit(RECENT)))
    return render(
        request,
        "upload.html",
        {
            "outcomes": outcomes,
            "more": more or {},
            "recent": [(doc, _link(session, doc)) for doc in recent],
            "check_failed": _check_failed(session, [doc.id for doc in recent]),
            "kind": kind,
            "kinds": KINDS,
            "max_mb": request.app.state.settings.max_upload_mb,
            "max_request_mb": request.app.state.settings.max_request_mb,
        },
        status_code=status_code,
    )


# ---------------------------------------------------------------------------- helpers
def _read(request: Request, file: UploadFile) -> tuple[bytes, str]:
    """At most one byte over the limit is read, so the service can refuse the size.

    The handlers are plain functions (run in the thread pool, as their database work
    blocks), so the spooled upload is read directly, not awaited."""
    limit = request.app.state.settings.max_upload_mb * 1024 * 1024
    return file.file.read(limit + 1), file.filename or "upload"


def _ingest_args(
    request: Request, file: UploadFile, data: bytes, kind: str | None
) -> dict[str, Any]:
    return {
        "data": data,
        "content_type": file.content_type,
        "filename": file.filename or "upload",
        "kind": kind,
        "source": "upload",
        "max_bytes": request.app.state.settings.max_upload_mb * 1024 * 1024,
        "uploaded_by": actor(request),
    }


def _queue_if_new(
    request: Request, session: Session, background: BackgroundTasks, res: IngestResult
) -> None:
    """The outbox row commits with the document; a background task runs after the
    commit and relays it (the scheduler does, should this process die first)."""
    if res.created:
        row = outbox.add(session, task=TASK_FOR_KIND[res.kind], args=[res.document_id])
        background.add_task(relay_documents, request.app, [row.id])


def _check_failed(session: Session, document_ids: list[int]) -> dict[int, str]:
    """Document id -> the error of its invoice whose check failed."""
    rows = session.execute(
        select(Invoice.document_id, Invoice.number, Invoice.check_error).where(
            Invoice.document_id.in_(document_ids), Invoice.status == "check_failed"
        )
    )
    return {doc_id: f"{number}: {error or ''}" for doc_id, number, error in rows if doc_id}


def _link(session: Session, doc: Document) -> str | None:
    """The invoice or contract read from the document, once it has been processed."""
    model: Any = Contract if doc.kind == "contract" else Invoice
    found = session.scalar(select(model.id).where(model.document_id == doc.id).limit(1))
    if found is None:
        return None
    return f"/contracts/{found}" if doc.kind == "contract" else f"/invoices/{found}"

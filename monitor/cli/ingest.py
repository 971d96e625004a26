"""Ingesting files from the CLI: store each, then enqueue its parsing task."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress
from sqlalchemy.orm import Session

from extractors.errors import PrisvagtError
from monitor.db import transaction
from monitor.documents import repository as documents
from monitor.documents.service import ingest_path, iter_paths


@dataclass(slots=True)
class FileOutcome:
    path: Path
    document_id: int | None = None
    kind: str | None = None
    created: bool = False
    #: stored before as the other kind, read again as the kind given
    reread: bool = False
    status: str = "failed"
    error: str | None = None
    #: why a document stored "unassigned" could not be assigned (its vendor or
    #: municipality not known): it is checked against nothing until it is
    reason: str | None = None


def _contracts_first(paths: list[Path]) -> list[Path]:
    # Contracts before invoices, so invoices are checked against their contract.
    return sorted(paths, key=lambda p: (p.suffix.lower() != ".pdf", str(p)))


def ingest(
    paths: list[Path], *, kind: str | None, source: str = "cli", show_progress: bool = True
) -> list[FileOutcome]:
    from workers import tasks

    files = _contracts_first(iter_paths(paths))
    outcomes: list[FileOutcome] = []
    # one burst: peers whose prices these files change are re-checked once, at the end
    with (
        tasks.coalesced_rechecks(),
        Progress(transient=True, disable=not show_progress) as progress,
    ):
        bar = progress.add_task("ingesting", total=len(files))
        for path in files:
            outcome = FileOutcome(path)
            outcomes.append(outcome)
            try:
                with transaction() as session:
                    res = ingest_path(session, path=path, kind=kind, source=source)
                outcome.document_id, outcome.kind, outcome.created, outcome.reread = (
                    res.document_id,
                    res.kind,
                    res.created,
                    res.reread,
                )
                if res.kind == "contract":
                    tasks.extract_contract.delay(res.document_id)
                else:
                    tasks.parse_invoice.delay(res.document_id)
                with transaction() as session:
                    doc = documents.get(session, res.document_id)
                    outcome.status, outcome.error = doc.status, doc.error
                    if doc.status == "unassigned":
                        outcome.reason = unassigned_reason(session, doc.id)
            except PrisvagtError as exc:
                outcome.error = exc.describe()
            except Exception as exc:  # one file's defect must not stop the batch
                outcome.error = f"{type(exc).__name__}: {exc}"
            progress.advance(bar)
    return outcomes


def unassigned_reason(session: Session, document_id: int) -> str | None:
    """Why the invoice or contract read from this document is unassigned."""
    from sqlalchemy import select

    from monitor.contracts.models import Contract
    from monitor.invoices.models import Invoice

    for model in (Invoice, Contract):
        reason = session.scalars(
            select(model.unassigned_reason).where(
                model.document_id == document_id, model.unassigned_reason.is_not(None)
            )
        ).first()
        if reason:
            return str(reason)
    return None

"""``prisvagt documents``: the received documents, their status and why one failed."""

from __future__ import annotations

import typer

from monitor.cli.common import cli_errors, console, ensure_database
from monitor.cli.main import app


@app.command("documents")
@cli_errors
def documents(
    status: str | None = typer.Option(
        None, help="received|processed|unassigned|failed|quarantined"
    ),
    limit: int = typer.Option(50, min=1, help="Newest first, this many"),
) -> None:
    """List received documents with their status; failed and quarantined ones say why."""
    from sqlalchemy import select

    from monitor.db import transaction
    from monitor.documents.models import Document

    ensure_database()
    query = select(Document).order_by(Document.id.desc()).limit(limit)
    if status:
        query = query.where(Document.status == status)
    with transaction() as session:
        docs = list(session.scalars(query))
        for doc in docs:
            why = f": {doc.error}" if doc.error else ""
            if doc.status == "unassigned":
                from monitor.cli.ingest import unassigned_reason

                reason = unassigned_reason(session, doc.id)
                why = f": {reason}" if reason else why
            console.print(
                f"#{doc.id} {doc.filename} ({doc.kind}, {doc.source}) {doc.status}{why}",
                highlight=False,
                markup=False,
            )
    if not docs:
        console.print("no documents")

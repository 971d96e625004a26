"""Queries about invoices."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session, selectinload

from monitor.errors import NotFound
from monitor.invoices.models import Invoice, InvoiceLine
from rules.matching import item_key


def get(session: Session, invoice_id: int) -> Invoice:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} does not exist")
    return invoice


def by_document(session: Session, document_id: int) -> list[Invoice]:
    return list(session.scalars(select(Invoice).where(Invoice.document_id == document_id)))


def same_number(
    session: Session, *, supplier_cvr: str | None, number: str, document_type: str
) -> Invoice | None:
    return session.scalar(
        select(Invoice)
        .where(
            Invoice.supplier_cvr == supplier_cvr,
            Invoice.number == number,
            Invoice.document_type == document_type,
        )
        .order_by(Invoice.id)
        .limit(1)
    )


def with_lines(session: Session, invoice_ids: Sequence[int]) -> list[Invoice]:
    stmt = (
        select(Invoice)
        .where(Invoice.id.in_(list(invoice_ids)))
        .options(selectinload(Invoice.lines))
        .order_by(Invoice.id)
    )
    return list(session.scalars(stmt))


def ids_by_status(session: Session, *statuses: str) -> list[int]:
    return list(
        session.scalars(select(Invoice.id).where(Invoice.status.in_(statuses)).order_by(Invoice.id))
    )


def all_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Invoice.id).order_by(Invoice.id)))


def fill_item_keys(conn: Connection, *, batch: int = 5000) -> int:
    """Set ``invoice_line.item_key`` where lines were written without it (by bulk SQL
    that bypasses the model, e.g. a benchmark's loader); the number of lines set."""
    line = InvoiceLine.__table__
    stmt = update(line).where(line.c.id == bindparam("b_id")).values(item_key=bindparam("b_key"))
    after = done = 0
    while True:
        rows = conn.execute(
            select(line.c.id, line.c.item_id)
            .where(line.c.id > after, line.c.item_id.is_not(None), line.c.item_key.is_(None))
            .order_by(line.c.id)
            .limit(batch)
        ).all()
        if not rows:
            return done
        conn.execute(stmt, [{"b_id": i, "b_key": item_key(item)} for i, item in rows])
        after, done = rows[-1][0], done + len(rows)

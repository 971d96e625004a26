"""Queries about invoices."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, select, text, update
from sqlalchemy.orm import Session, selectinload

from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.invoices.schemas import InvoiceQuery
from monitor.parties.models import Municipality, Vendor
from rules.matching import item_key


def get(session: Session, invoice_id: int) -> Invoice:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFound(
            f"invoice {invoice_id} does not exist",
            key="error.missing.invoice",
            params={"id": invoice_id},
        )
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
    """The ids of the invoices in these statuses, in order: read as plain rows on the
    session's connection (``check --all`` reads every invoice's: 100,000 at 1,000,000
    lines, where the ORM's result layer took a third longer); pending changes flushed
    first, as the ORM's read would."""
    session.flush()
    stmt = select(Invoice.id).where(Invoice.status.in_(statuses)).order_by(Invoice.id)
    return list(session.connection().execute(stmt).scalars())


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


# ---------------------------------------------------------------- lists and exports
def listing(query: InvoiceQuery) -> Select[Any]:
    """Invoices with their parties, findings and counted overcharge, narrowed by the
    list's filters and in its order (ending in the id, so pages are stable). A scoped
    session sees its own municipalities' invoices only."""
    findings = (
        select(func.count(Finding.id))
        .where(Finding.invoice_id == Invoice.id)
        .correlate(Invoice)
        .scalar_subquery()
    )
    overcharge = (
        select(func.coalesce(func.sum(Finding.overcharge), 0))
        .where(
            Finding.invoice_id == Invoice.id,
            Finding.money_kind == "overcharge",
            Finding.grounds_for_id.is_(None),
            Finding.status != "dismissed",
        )
        .correlate(Invoice)
        .scalar_subquery()
    )
    stmt = (
        select(
            Invoice,
            Municipality.code,
            Municipality.name,
            Vendor.cvr,
            Vendor.name,
            findings.label("findings"),
            overcharge.label("overcharge"),
        )
        .outerjoin(Municipality, Invoice.municipality_id == Municipality.id)
        .outerjoin(Vendor, Invoice.vendor_id == Vendor.id)
    )
    if query.municipality:
        stmt = stmt.where(Municipality.code == query.municipality)
    if query.vendor:
        stmt = stmt.where(Vendor.cvr == query.vendor)
    if query.status:
        stmt = stmt.where(Invoice.status == query.status)
    if query.document_type:
        stmt = stmt.where(Invoice.document_type == query.document_type)
    if query.issued_from is not None:
        stmt = stmt.where(Invoice.issue_date >= query.issued_from)
    if query.issued_to is not None:
        stmt = stmt.where(Invoice.issue_date <= query.issued_to)
    if query.with_findings is not None:
        stmt = stmt.where(findings > 0 if query.with_findings else findings == 0)
    order = {
        "newest": (Invoice.issue_date.desc(), Invoice.id.desc()),
        "oldest": (Invoice.issue_date.asc(), Invoice.id.asc()),
        "payable_desc": (Invoice.payable.desc(), Invoice.id.asc()),
    }[query.sort]
    return stmt.order_by(*order)


def listed(row: Any) -> dict[str, Any]:
    """A ``listing`` row as the fields of ``InvoiceOut``."""
    invoice, code, name, cvr, vendor_name, findings, overcharge = row
    return {
        "id": invoice.id,
        "number": invoice.number,
        "document_type": invoice.document_type,
        "format": invoice.format,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "period_start": invoice.period_start,
        "period_end": invoice.period_end,
        "currency": invoice.currency,
        "status": invoice.status,
        "municipality": code,
        "municipality_name": name,
        "vendor_cvr": cvr,
        "vendor_name": vendor_name,
        "supplier_cvr": invoice.supplier_cvr,
        "buyer_ean": invoice.buyer_ean,
        "line_extension": invoice.line_extension,
        "allowances": invoice.allowances,
        "charges": invoice.charges,
        "tax_exclusive": invoice.tax_exclusive,
        "tax": invoice.tax,
        "payable": invoice.payable,
        "findings": int(findings or 0),
        "overcharge": Decimal(overcharge or 0).quantize(Decimal("0.01")),
        "document_id": invoice.document_id,
        "received_at": invoice.received_at,
    }


def one_listed(session: Session, invoice_id: int) -> tuple[Invoice, dict[str, Any]]:
    """The invoice and its ``listed`` fields; NotFound if it does not exist (or is
    another municipality's)."""
    row = session.execute(
        listing(InvoiceQuery()).order_by(None).where(Invoice.id == invoice_id)
    ).first()
    if row is None:
        raise NotFound(
            f"invoice {invoice_id} does not exist",
            key="error.missing.invoice",
            params={"id": invoice_id},
        )
    return row[0], listed(row)


#: a document bringing at least this many lines refreshes the planner's statistics
BULK_LINES = 5_000
_ANALYSED = (
    "invoice",
    "invoice_line",
    "item_latest_price",
    "line_item_period",
    "item_period_count",
    "invoice_line_sum",
)


def refresh_statistics(session: Session) -> None:
    """Bring the query planner's statistics of the invoice tables up to date, so the
    check's lookups keep their indexes as the history grows. PostgreSQL: ``ANALYZE``
    of those tables (a sample: seconds even at millions of lines; autovacuum also
    analyses them, the derived tables often: see migration d9a3f6b2c180). SQLite has
    no automatic analysis: ``ANALYZE`` of each table, on a sample (``analysis_limit``)
    so it stays fast at millions of lines. Called when a large document lands
    (``BULK_LINES``) and by the nightly clean-up."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ANALYZE {', '.join(_ANALYSED)}"))
        return
    session.execute(text("PRAGMA analysis_limit = 1000"))
    for table in _ANALYSED:
        session.execute(text(f"ANALYZE {table}"))

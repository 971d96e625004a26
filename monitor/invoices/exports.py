"""Invoices as finance exports them: one row per invoice, read in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from monitor.exports import Column
from monitor.invoices import repository
from monitor.invoices.schemas import InvoiceQuery

INVOICE_COLUMNS = (
    Column("id", "export.invoice_id", "integer", 9),
    Column("number", "field.invoice", "text", 16),
    Column("document_type", "export.document_type", "text", 12, labels="doctype"),
    Column("issue_date", "field.invoice_date", "date", 12),
    Column("due_date", "field.due_date", "date", 12),
    Column("municipality", "export.municipality_code", "text", 9),
    Column("municipality_name", "field.municipality", "text", 18),
    Column("vendor_cvr", "export.vendor_cvr", "text", 11),
    Column("vendor_name", "field.vendor", "text", 22),
    Column("buyer_ean", "export.buyer_ean", "text", 15),
    Column("currency", "export.currency", "text", 8),
    Column("line_extension", "export.line_extension", "money", 14),
    Column("tax_exclusive", "export.tax_exclusive", "money", 14),
    Column("tax", "export.tax", "money", 12),
    Column("payable", "export.payable", "money", 14),
    Column("status", "field.status", "text", 12, labels="status"),
    Column("findings", "export.findings", "integer", 9),
    Column("overcharge", "field.overcharge", "money", 14),
)

BATCH = 500


def invoice_rows(session: Session, query: InvoiceQuery) -> Iterator[dict[str, Any]]:
    """Every invoice matching the filters, in the list's order, ``BATCH`` at a time."""
    stmt = repository.listing(query).execution_options(yield_per=BATCH)
    for row in session.execute(stmt):
        yield repository.listed(row)

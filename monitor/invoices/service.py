"""Parsing stored invoice documents into invoices, resolving parties, spotting duplicates."""

from __future__ import annotations

from sqlalchemy.orm import Session

from extractors.errors import DocumentError
from extractors.limits import Limits
from extractors.types import ParsedInvoice
from monitor.documents import repository as documents
from monitor.documents.limits import document_limits, read_limited
from monitor.documents.service import mark_failed, outside_uploader_scope
from monitor.invoices import repository
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties import repository as parties


def parse(session: Session, *, document_id: int) -> list[int]:
    """Parse a stored invoice document (one invoice, or many for a CSV) and store it.

    Idempotent: a document already parsed returns its invoices. A document that
    cannot be parsed is marked failed with the reason, and nothing else changes.
    Returns the ids of invoices ready to check (assigned to a vendor and municipality).
    """
    done = repository.by_document(session, document_id)
    if done:
        return [i.id for i in done if i.status != "unassigned"]
    doc = documents.get(session, document_id)
    try:
        parsed = read_limited(
            read_invoices,
            doc.content,
            doc.filename,
            document_limits(),
            filename=doc.filename,
            prepare=_load_readers,
        )
    except DocumentError as exc:
        mark_failed(doc, reason=exc.reason, error=exc.describe())
        return []
    stored = [store_invoice(session, parsed=p, document_id=doc.id) for p in parsed]
    refused = outside_uploader_scope(session, doc, {i.municipality_id for i in stored})
    if refused:
        for invoice in stored:
            session.delete(invoice)
        session.flush()
        mark_failed(doc, reason="outside_scope", error=refused)
        return []
    doc.status = "processed" if all(i.status != "unassigned" for i in stored) else "unassigned"
    session.flush()
    if sum(len(p.lines) for p in parsed) >= repository.BULK_LINES:
        repository.refresh_statistics(session)  # a large batch landed (a CSV export)
    return [i.id for i in stored if i.status != "unassigned"]


def read_invoices(data: bytes, filename: str, limits: Limits) -> list[ParsedInvoice]:
    """Every invoice of a document (pure: runs in the reading child)."""
    from extractors.invoices import iter_invoices

    return list(iter_invoices(data, filename, limits=limits))


def _load_readers() -> None:
    from extractors.invoices.pdf import _plumber

    _plumber()


def store_invoice(session: Session, *, parsed: ParsedInvoice, document_id: int | None) -> Invoice:
    """Store one parsed invoice with its lines; flags a reused invoice number."""
    t = parsed.totals
    invoice = Invoice(
        document_id=document_id,
        format=parsed.format,
        document_type=parsed.document_type,
        number=parsed.number,
        issue_date=parsed.issue_date,
        due_date=parsed.due_date,
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        currency=parsed.currency,
        supplier_cvr=parsed.supplier.cvr,
        supplier_name=parsed.supplier.name,
        buyer_cvr=parsed.buyer.cvr,
        buyer_ean=parsed.buyer.ean,
        buyer_name=parsed.buyer.name,
        line_extension=t.line_extension,
        allowances=t.allowances,
        charges=t.charges,
        tax_exclusive=t.tax_exclusive,
        tax=t.tax,
        payable=t.payable,
        credits_number=parsed.credits[:100] if parsed.credits else None,
        warnings=list(parsed.warnings),
        lines=[
            InvoiceLine(
                position=pos,
                line_id=line.line_id,
                item_id=line.item_id,
                description=line.description,
                quantity=line.quantity,
                unit_code=line.unit_code,
                unit_price=line.unit_price,
                price_amount=line.price_amount,
                base_quantity=line.base_quantity,
                line_amount=line.line_amount,
                vat_percent=line.vat_percent,
                period_start=line.period_start,
                period_end=line.period_end,
            )
            for pos, line in enumerate(parsed.lines, start=1)
        ],
    )
    earlier = repository.same_number(
        session,
        supplier_cvr=parsed.supplier.cvr,
        number=parsed.number,
        document_type=parsed.document_type,
    )
    if earlier is not None:
        invoice.possible_duplicate_of_id = earlier.id
        invoice.warnings = [
            *invoice.warnings,
            f"invoice number {parsed.number} was already received (invoice {earlier.id}) "
            "in a different document: possible duplicate billing",
        ]
    session.add(invoice)
    resolve_parties(session, invoice)
    session.flush()
    return invoice


def resolve_parties(session: Session, invoice: Invoice) -> bool:
    """Supplier by CVR; buyer municipality by CVR, else by EAN. Unknown: unassigned."""
    vendor = parties.vendor_by_cvr(session, invoice.supplier_cvr) if invoice.supplier_cvr else None
    muni = parties.municipality_by_cvr(session, invoice.buyer_cvr) if invoice.buyer_cvr else None
    if muni is None and invoice.buyer_ean:
        muni = parties.municipality_by_ean(session, invoice.buyer_ean)
    problems = []
    if vendor is None:
        problems.append(
            f"supplier CVR {invoice.supplier_cvr or '(missing)'} is not a registered vendor"
        )
    if muni is None:
        problems.append(
            f"buyer CVR {invoice.buyer_cvr or '(missing)'} / EAN {invoice.buyer_ean or '(missing)'} "
            "is not a registered municipality"
        )
    invoice.vendor_id = vendor.id if vendor else None
    invoice.municipality_id = muni.id if muni else None
    if problems:
        invoice.status = "unassigned"
        invoice.unassigned_reason = "; ".join(problems)
    elif invoice.status == "unassigned":
        invoice.status = "assigned"
        invoice.unassigned_reason = None
    return not problems


def reassign_unassigned(session: Session) -> list[int]:
    """Retry party resolution for unassigned invoices; returns those now assigned."""
    from monitor.documents.models import Document

    picked: list[int] = []
    for invoice_id in repository.ids_by_status(session, "unassigned"):
        invoice = repository.get(session, invoice_id)
        if resolve_parties(session, invoice):
            picked.append(invoice.id)
            if invoice.document_id:
                doc = session.get(Document, invoice.document_id)
                if doc is not None and doc.status == "unassigned":
                    doc.status = "processed"
    session.flush()
    return picked


def mark_check_failed(session: Session, *, invoice_id: int, error: str) -> None:
    """The invoice's check failed: ``check_failed`` with the error, so it is shown and
    left alone by the sweeps until someone checks it again. Never commits."""
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.status == "unassigned":
        return  # gone, or waiting for its parties: nothing a check could do
    invoice.status = "check_failed"
    invoice.check_error = error[:4000]
    session.flush()

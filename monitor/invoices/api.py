"""Invoices in the JSON API: the list with filters, one invoice with its lines, and
the list as CSV or Excel."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from monitor.findings.service import unchecked_lines
from monitor.invoices import repository
from monitor.invoices.exports import INVOICE_COLUMNS, invoice_rows
from monitor.invoices.schemas import InvoiceDetailOut, InvoiceLineOut, InvoiceOut, InvoiceQuery
from monitor.schemas import Page
from monitor.web.api import DEFAULT_LIMIT, ERRORS, V1, InvoiceId, Limit, Offset, count, page_of
from monitor.web.deps import DbSession
from monitor.web.exporting import EXPORT_RESPONSES, Format, FormatParam, export

api = APIRouter(prefix=f"{V1}/invoices", tags=["invoices"], responses=ERRORS)


@api.get("", response_model=Page[InvoiceOut], summary="List invoices")
def api_list(
    request: Request,
    session: DbSession,
    query: Annotated[InvoiceQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[InvoiceOut]:
    """Invoices and credit notes matching the filters, newest first by default."""
    stmt = repository.listing(query)
    rows = session.execute(stmt.limit(limit).offset(offset))
    items = [InvoiceOut(**repository.listed(row)) for row in rows]
    return Page[InvoiceOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get(
    "/export",
    summary="Export invoices as CSV or Excel",
    response_class=Response,
    responses=EXPORT_RESPONSES,
)
def api_export(
    request: Request,
    session: DbSession,
    query: Annotated[InvoiceQuery, Query()],
    format: Annotated[Format, FormatParam] = "csv",
) -> Response:
    """Every invoice matching the filters (those of the list), one row each: amounts as
    numbers exact to the øre, dates as dates, headers in the request's language."""
    return export(
        request,
        session,
        fmt=format,
        columns=INVOICE_COLUMNS,
        rows=lambda s: invoice_rows(s, query),
        name="invoices",
        title_key="invoices.title",
    )


@api.get("/{invoice_id}", response_model=InvoiceDetailOut, summary="One invoice with its lines")
def api_get(session: DbSession, invoice_id: InvoiceId) -> InvoiceDetailOut:
    invoice, fields = repository.one_listed(session, invoice_id)
    unchecked = unchecked_lines(session, invoice_id=invoice.id)
    return InvoiceDetailOut(
        **fields,
        lines=[
            InvoiceLineOut.model_validate(line).model_copy(
                update={"not_compared": unchecked.get(line.id)}
            )
            for line in invoice.lines
        ],
        warnings=list(invoice.warnings or []),
        unassigned_reason=invoice.unassigned_reason,
        check_error=invoice.check_error,
    )

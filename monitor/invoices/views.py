"""Invoices in the web app: the list with its filters and exports, and one invoice:
its header, its lines and the findings on each line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from extractors.invoices.facturx import TOTAL_MISMATCH
from monitor.contracts import repository as contracts_repo
from monitor.contracts.models import Contract
from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.findings.service import unchecked_lines
from monitor.invoices import repository
from monitor.invoices.models import Invoice
from monitor.invoices.schemas import InvoiceQuery
from monitor.parties.models import Municipality, Vendor
from monitor.web import queries
from monitor.web.api import count
from monitor.web.deps import DbSession
from monitor.web.templating import render
from rules.matching import item_key

router = APIRouter(tags=["pages"], include_in_schema=False)

PER_PAGE = 50
STATUSES = ("assigned", "unassigned", "checked", "check_failed")


@dataclass(slots=True)
class InvoicesSlice:
    items: list[dict[str, Any]]
    total: int
    page: int
    pages: int


@router.get("/invoices", response_class=HTMLResponse, name="invoices")
def invoices_list(
    request: Request,
    session: DbSession,
    query: Annotated[InvoiceQuery, Query()],
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    """The invoices matching the filters, a page at a time, with links to export them."""
    stmt = repository.listing(query)
    total = count(session, stmt)
    rows = session.execute(stmt.limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    result = InvoicesSlice(
        items=[repository.listed(row) for row in rows],
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
    )
    return render(
        request,
        "invoices/list.html",
        {
            "result": result,
            "query": query,
            "choices": queries.filter_choices(session),
            "statuses": STATUSES,
        },
    )


@router.get("/invoices/{invoice_id}", response_class=HTMLResponse, name="invoice")
def invoice_detail(request: Request, session: DbSession, invoice_id: int) -> HTMLResponse:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFound(
            f"invoice {invoice_id} does not exist",
            key="error.missing.invoice",
            params={"id": invoice_id},
        )
    findings = list(
        session.scalars(
            select(Finding)
            .where(Finding.invoice_id == invoice_id)
            .order_by(Finding.overcharge.desc(), Finding.id)
        )
    )
    by_line: dict[int | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_line[finding.invoice_line_id].append(finding)
    municipality = (
        session.get(Municipality, invoice.municipality_id) if invoice.municipality_id else None
    )
    vendor = session.get(Vendor, invoice.vendor_id) if invoice.vendor_id else None
    contract = None
    if invoice.vendor_id is not None and invoice.municipality_id is not None:
        keys = [item_key(line.item_id) for line in invoice.lines]
        contract = contracts_repo.applicable(
            contracts_repo.contracts_between(
                session, vendor_id=invoice.vendor_id, municipality_id=invoice.municipality_id
            ),
            invoice.issue_date,
            # the one the check chose: where several are in force, the most covering
            lambda c: _priced(c, keys),
        )
    # the lines the price rules could not compare with the contract, and why: no
    # finding is claimed for them, so they are shown for review
    unchecked = unchecked_lines(session, invoice_id=invoice.id) if contract is not None else {}
    return render(
        request,
        "invoice.html",
        {
            "invoice": invoice,
            "findings": findings,
            "by_line": by_line,
            "unchecked": unchecked,
            "municipality": municipality,
            "vendor": vendor,
            "contract": contract,
            "total_mismatch": [w for w in invoice.warnings or [] if w.startswith(TOTAL_MISMATCH)],
        },
    )


def _priced(contract: Contract, keys: list[str | None]) -> int:
    """How many of these line item keys the contract prices."""
    priced = {item_key(t.item_id) for t in contract.price_terms} - {None}
    return sum(key in priced for key in keys)

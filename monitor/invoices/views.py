"""An invoice in the web app: its header, its lines and the findings on each line."""

from __future__ import annotations

from collections import defaultdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from extractors.invoices.facturx import TOTAL_MISMATCH
from monitor.contracts import repository as contracts_repo
from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from monitor.parties.models import Municipality, Vendor
from monitor.web.deps import DbSession
from monitor.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/invoices/{invoice_id}", response_class=HTMLResponse, name="invoice")
def invoice_detail(request: Request, session: DbSession, invoice_id: int) -> HTMLResponse:
    invoice = session.get(Invoice, invoice_id)
    if invoice is None:
        raise NotFound(f"invoice {invoice_id} does not exist")
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
        contract = contracts_repo.applicable(
            contracts_repo.contracts_between(
                session, vendor_id=invoice.vendor_id, municipality_id=invoice.municipality_id
            ),
            invoice.issue_date,
        )
    return render(
        request,
        "invoice.html",
        {
            "invoice": invoice,
            "findings": findings,
            "by_line": by_line,
            "municipality": municipality,
            "vendor": vendor,
            "contract": contract,
            "total_mismatch": [w for w in invoice.warnings or [] if w.startswith(TOTAL_MISMATCH)],
        },
    )

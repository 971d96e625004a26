"""A contract in the web app: parties, dates, clauses and price terms with review state."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from monitor.contracts.models import Contract
from monitor.documents.models import Document
from monitor.errors import NotFound
from monitor.findings.models import Finding
from monitor.parties.models import Municipality, Vendor
from monitor.web.deps import DbSession
from monitor.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/contracts/{contract_id}", response_class=HTMLResponse, name="contract")
def contract_detail(request: Request, session: DbSession, contract_id: int) -> HTMLResponse:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(f"contract {contract_id} does not exist")
    findings_per_term = {
        term_id: n
        for term_id, n in session.execute(
            select(Finding.price_term_id, func.count(Finding.id))
            .where(Finding.contract_id == contract_id, Finding.price_term_id.is_not(None))
            .group_by(Finding.price_term_id)
        )
    }
    return render(
        request,
        "contract.html",
        {
            "contract": contract,
            "document": session.get(Document, contract.document_id)
            if contract.document_id
            else None,
            "municipality": session.get(Municipality, contract.municipality_id)
            if contract.municipality_id
            else None,
            "vendor": session.get(Vendor, contract.vendor_id) if contract.vendor_id else None,
            "findings_per_term": findings_per_term,
        },
    )

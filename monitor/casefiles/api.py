"""Case files in the JSON API, read only: the list (filters: municipality, vendor,
status) and one case file with the findings it claims. Making one, marking it sent and
recording the answer are done on the pages (``monitor.casefiles.views``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from monitor.casefiles.models import CaseFile
from monitor.casefiles.repository import api_listing
from monitor.casefiles.schemas import (
    CaseFileDetailOut,
    CaseFileOut,
    CaseFileQuery,
    ClaimedFindingOut,
)
from monitor.casefiles.service import findings_of, remainder
from monitor.errors import NotFound
from monitor.parties.models import Municipality, Vendor
from monitor.schemas import Page
from monitor.web.api import (
    DEFAULT_LIMIT,
    ERRORS,
    V1,
    CaseFileId,
    Limit,
    Offset,
    count,
    page_of,
)
from monitor.web.deps import DbSession

api = APIRouter(prefix=f"{V1}/case-files", tags=["case files"], responses=ERRORS)


@api.get("", response_model=Page[CaseFileOut], summary="List case files")
def api_list(
    request: Request,
    session: DbSession,
    query: Annotated[CaseFileQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[CaseFileOut]:
    """Case files of the caller's municipalities matching the filters, newest first."""
    stmt = api_listing(**query.model_dump())
    items = [_out(*row) for row in session.execute(stmt.limit(limit).offset(offset))]
    return Page[CaseFileOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get(
    "/{case_file_id}",
    response_model=CaseFileDetailOut,
    summary="One case file with the findings it claims",
)
def api_get(session: DbSession, case_file_id: CaseFileId) -> CaseFileDetailOut:
    row = session.execute(api_listing().where(CaseFile.id == case_file_id)).first()
    if row is None:
        raise NotFound(
            f"case file {case_file_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.case_file_id"}, "id": case_file_id},
        )
    rows = findings_of(session, row[0])
    return CaseFileDetailOut(**_fields(*row), remainder=remainder(rows), claims=_claims(rows))


def _fields(case: CaseFile, vendor: Vendor, municipality: Municipality, n: int) -> dict[str, Any]:
    return {
        "id": case.id,
        "status": case.state,
        "vendor_cvr": vendor.cvr,
        "vendor_name": vendor.name,
        "municipality": municipality.code,
        "municipality_name": municipality.name,
        "language": case.language,
        "findings": int(n),
        "total": case.total,
        "currency": case.currency,
        "created_by": case.created_by,
        "created_at": case.created_at,
        "sent_at": case.sent_at,
        "sent_by": case.sent_by,
        "sent_via": case.sent_via,
        "sent_note": case.sent_note,
        "answer": case.answer,
        "credited": case.credited,
        "answer_note": case.answer_note,
        "answered_on": case.answered_on,
        "answer_recorded_by": case.answer_recorded_by,
        "answer_recorded_at": case.answer_recorded_at,
        "letter_url": f"/case-files/{case.id}/letter.pdf",
        "evidence_url": f"/case-files/{case.id}/evidence.zip",
    }


def _out(case: CaseFile, vendor: Vendor, municipality: Municipality, n: int) -> CaseFileOut:
    return CaseFileOut(**_fields(case, vendor, municipality, n))


def _claims(rows: list[dict[str, Any]]) -> list[ClaimedFindingOut]:
    claims = []
    for row in rows:
        item, finding = row["item"], row["finding"]
        line = finding.invoice_line
        claims.append(
            ClaimedFindingOut(
                finding_id=finding.id,
                position=item.position,
                claimed=item.overcharge,
                status=finding.status,
                recovered=finding.recovered,
                credited=item.credited,
                rule=finding.rule_id,
                invoice_id=finding.invoice_id,
                invoice_number=finding.invoice.number,
                invoice_date=finding.invoice.issue_date,
                line_id=None if line is None else line.line_id,
                description=None if line is None else line.description,
                quantity=finding.quantity,
                agreed_unit_price=finding.agreed_unit_price,
                invoiced_unit_price=finding.invoiced_unit_price,
                currency=finding.currency,
            )
        )
    return claims

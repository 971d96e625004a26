"""Legal's way into the contracts: the list (search, review status, vendor,
municipality; sorted, paginated), the stored PDF, and each page as an image with the
clause of a term, a clause or a finding highlighted."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from monitor.contracts import evidence, repository
from monitor.contracts.models import REVIEW_STATUSES
from monitor.parties.models import Municipality, Vendor
from monitor.web.deps import DbSession
from monitor.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

PER_PAGE = 50
_IMAGE_CACHE = "private, max-age=3600"


@router.get("/contracts", response_class=HTMLResponse, name="contracts")
def contracts_list(
    request: Request,
    session: DbSession,
    q: str = "",
    review_status: str = "",
    vendor: str = "",  # a vendor's id; empty (the form's "all"): any vendor
    municipality: str = "",
    sort: str = "title",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    result = repository.search(
        session,
        text=q,
        review_status=review_status or None,
        vendor_id=int(vendor) if vendor.isdigit() else None,
        municipality_code=municipality or None,
        sort=sort,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    return render(
        request,
        "contracts/list.html",
        {
            "result": result,
            "query": {
                "q": q,
                "review_status": review_status,
                "vendor": int(vendor) if vendor.isdigit() else None,
                "municipality": municipality,
                "sort": sort,
            },
            "statuses": REVIEW_STATUSES,
            "sorts": repository.LIST_SORTS,
            "vendors": session.execute(select(Vendor.id, Vendor.name).order_by(Vendor.name)).all(),
            "municipalities": session.execute(
                select(Municipality.code, Municipality.name).order_by(Municipality.name)
            ).all(),
        },
    )


@router.get("/contracts/{contract_id}/document", name="contract_document")
def contract_pdf(session: DbSession, contract_id: int) -> Response:
    """The stored contract PDF, shown in the browser (inline), under its file name."""
    _, document = evidence.contract_document(session, contract_id)
    name = document.filename.replace("\\", "/").rsplit("/", 1)[-1] or f"contract-{contract_id}.pdf"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(
        document.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f"inline; filename=\"{ascii_name}\"; filename*=UTF-8''"
            + quote(name),
            "Cache-Control": "private, no-cache",
            "ETag": f'"{document.sha256}"',
        },
    )


@router.get("/contracts/{contract_id}/pages/{page}.png", name="contract_page_image")
def contract_page_image(
    request: Request,
    session: DbSession,
    contract_id: int,
    page: int,
    term: Annotated[int | None, Query()] = None,
    clause: Annotated[int | None, Query()] = None,
    finding: Annotated[int | None, Query()] = None,
) -> Response:
    """One page as PNG; with ``term``, ``clause`` or ``finding`` its evidence text is
    highlighted when found on this page. ``X-Highlight`` says ``found`` or why not."""
    wanted = evidence.target(
        session, contract_id, term_id=term, clause_id=clause, finding_id=finding
    )
    _, document = evidence.contract_document(session, contract_id)
    etag = f'"{evidence.picture_etag(document, page, wanted)}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": _IMAGE_CACHE})
    picture = evidence.picture(document, page, wanted)
    headers = {
        "ETag": etag,
        "Cache-Control": _IMAGE_CACHE,
        "X-Highlight": "found" if picture.found else (picture.reason or "not_found"),
    }
    return Response(picture.png, media_type="image/png", headers=headers)

"""Following findings up on the pages: owner and deadline on the detail page, and the
list's bulk confirm / dismiss / assign. Each change goes through
``monitor.findings.workflow`` (and so the review service), under the signed-in
identity."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from monitor.errors import InputError
from monitor.findings import workflow
from monitor.web.deps import DbSession
from monitor.web.security import Actor
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.post("/findings/bulk", response_class=HTMLResponse, name="bulk_findings")
def bulk_findings(
    request: Request,
    session: DbSession,
    actor: Actor,
    action: Annotated[str, Form()] = "",
    finding_id: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI reads it)
    note: Annotated[str, Form()] = "",
    owner: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "/findings",
) -> HTMLResponse:
    """One POST with the chosen findings' ids; the page says what was done and what
    was refused, and why. Works without JavaScript."""
    lang = page_language(request)
    back = back if back.startswith("/findings") and not back.startswith("//") else "/findings"
    status_code = 200
    try:
        ids = [_int(v, "finding_id") for v in finding_id if v.strip()]
        owner_id = _int(owner, "owner") if owner.strip() else None
        result = workflow.bulk(
            session,
            finding_ids=ids,
            action=action,
            actor=actor,
            note=note or None,
            owner_id=owner_id,
            lang=lang,
        )
        error = None
    except InputError as exc:
        session.rollback()
        result, error, status_code = None, exc.message_in(lang), 400
    return render(
        request,
        "findings/bulk.html",
        {"result": result, "error": error, "back": back},
        status_code=status_code,
    )


@router.post("/findings/{finding_id}/assign", name="assign_finding")
def assign_finding(
    request: Request,
    session: DbSession,
    actor: Actor,
    finding_id: int,
    owner: Annotated[str, Form()] = "",
    deadline: Annotated[str, Form()] = "",
) -> Response:
    """Set the owner and the deadline from the detail page (blank clears either)."""
    from monitor.findings.views import _detail

    lang = page_language(request)
    try:
        owner_id = _int(owner, "owner") if owner.strip() else None
        when = _date(deadline)
        workflow.assign(session, finding_id=finding_id, owner_id=owner_id, actor=actor)
        workflow.set_deadline(session, finding_id=finding_id, deadline=when, actor=actor)
    except InputError as exc:
        session.rollback()
        error = exc.message_in(lang)
        form = {"section": "follow-up"}
        return _detail(request, session, finding_id, error=error, form=form, status_code=400)
    return RedirectResponse(f"/findings/{finding_id}?saved=1#follow-up", status_code=303)


def _int(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(
            f"{text!r} is not a number", da=f"{text!r} er ikke et tal", field=field
        ) from None


def _date(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{text!r} is not a date (YYYY-MM-DD)",
            da=f"{text!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
            field="deadline",
        ) from None

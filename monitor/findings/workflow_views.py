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
from monitor.web import flash
from monitor.web.deps import DbSession
from monitor.web.security import Actor
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)


#: the name a bulk change's result is flashed under (``monitor.web.flash``)
FLASH = "bulk_result"


@router.get("/findings/bulk", response_class=HTMLResponse, name="bulk_result")
def bulk_result(request: Request) -> Response:
    """What the last bulk change did (shown once: a refresh, or a visit without one,
    goes back to the list)."""
    shown = flash.take(request, FLASH)
    if not shown:
        return RedirectResponse("/findings", status_code=303)
    result = workflow.BulkResult(
        action=shown["action"],
        done=list(shown["done"]),
        refused=[(int(i), str(why)) for i, why in shown["refused"]],
    )
    return render(
        request,
        "findings/bulk.html",
        {
            "result": result,
            "error": None,
            "back": _back(shown.get("back", "")),
            "done_count": shown["done_count"],
            "refused_count": shown["refused_count"],
        },
    )


def _back(back: str) -> str:
    return back if back.startswith("/findings") and not back.startswith("//") else "/findings"


def _flashed(result: workflow.BulkResult, back: str) -> dict[str, object]:
    """The result as it fits the session cookie (``flash.BUDGET``): every id while they
    fit, then the first ones, with the counts always whole."""
    out: dict[str, object] = {
        "action": result.action,
        "back": back,
        "done_count": len(result.done),
        "refused_count": len(result.refused),
        "done": [],
        "refused": [],
    }
    for id_ in result.done:
        trial = {**out, "done": [*out["done"], id_]}  # type: ignore[misc]
        if not flash.fits(trial):
            break
        out = trial
    for id_, why in result.refused:
        trial = {**out, "refused": [*out["refused"], [id_, why[:200]]]}  # type: ignore[misc]
        if not flash.fits(trial):
            break
        out = trial
    return out


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
) -> Response:
    """One POST with the chosen findings' ids, answered with a redirect to the page
    saying what was done and what was refused, and why (a refresh posts nothing again).
    Input that cannot be read is shown on the spot (400). Works without JavaScript."""
    lang = page_language(request)
    back = _back(back)
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
    except InputError as exc:
        session.rollback()
        return render(
            request,
            "findings/bulk.html",
            {"result": None, "error": exc.message_in(lang), "back": back},
            status_code=400,
        )
    flash.put(request, FLASH, _flashed(result, back))
    return RedirectResponse(request.url_for("bulk_result").path, status_code=303)


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

"""The parties admin: municipalities with their EAN numbers and contacts (who is told,
in which language, from which severity at once), vendors, and the parties CSV upload.

A change that can resolve an unassigned invoice (an EAN, a vendor, a CSV) queues the
check of the invoices it assigned, once the request has committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from monitor.auth.policy import rule_for
from monitor.errors import InputError, PrisvagtError
from monitor.parties import admin
from monitor.web.deps import DbSession
from monitor.web.security import Actor, current_identity
from monitor.web.templating import render

router = APIRouter(prefix="/admin/parties", tags=["pages"], include_in_schema=False)

Text = Annotated[str, Form()]


@router.get("", response_class=HTMLResponse, name="admin_parties")
def parties_page(
    request: Request,
    session: DbSession,
    saved: str | None = None,
    assigned: int = 0,
) -> HTMLResponse:
    return _page(request, session, saved=saved, assigned=assigned)


@router.post("/import", name="import_parties")
def parties_import(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    file: Annotated[UploadFile, File()],
) -> Response:
    """The parties CSV: validated whole (errors name the line and field, nothing is
    stored); then unassigned invoices are resolved again and queued for checking."""
    data = file.file.read()  # a plain def (its database work blocks): runs in a thread
    filename = file.filename or "parties.csv"
    try:
        who = _actor(actor)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(
                "the file is not UTF-8 text", da="filen er ikke UTF-8-tekst", file=filename
            ) from None
        result = admin.import_csv(session, text=text, filename=filename, actor=who)
    except InputError as exc:
        session.rollback()
        return _page(request, session, error=exc, form={}, anchor="import")
    r = result.report
    saved = f"csv:{r.municipalities}:{r.vendors}:{r.contacts}"
    return _done(request, background, who, saved, result.assigned)


@router.post("/vendors", name="add_vendor")
def vendor_add(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    cvr: Text = "",
    name: Text = "",
) -> Response:
    try:
        who = _actor(actor)
        assigned = admin.add_vendor(session, cvr=cvr, name=name, actor=who)
    except InputError as exc:
        session.rollback()
        form = {"cvr": cvr, "name": name}
        return _page(request, session, error=exc, form=form, anchor="vendors")
    return _done(request, background, who, "vendor", assigned)


@router.post("/municipalities/{code}/eans", name="add_ean")
def ean_add(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    code: str,
    ean: Text = "",
    department: Text = "",
) -> Response:
    try:
        who = _actor(actor)
        assigned = admin.add_ean(session, code=code, ean=ean, department=department, actor=who)
    except InputError as exc:
        session.rollback()
        form = {"ean": ean, "department": department}
        return _page(request, session, error=exc, form=form, anchor=f"m-{code}", target=code)
    return _done(request, background, who, "ean", assigned, anchor=f"m-{code}")


@router.post("/municipalities/{code}/benchmark", name="benchmark_named")
def benchmark_named(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    code: str,
    named: Text = "",
) -> Response:
    """The municipality's admin lets the others see its name in the price benchmark."""
    who = _actor(actor)
    admin.set_benchmark_named(session, code=code, named=named in ("1", "on", "true"), actor=who)
    return _done(request, background, who, "benchmark", [], anchor=f"m-{code}")


@router.post("/eans/{ean_id}/remove", name="remove_ean")
def ean_remove(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    ean_id: int,
) -> Response:
    try:
        who = _actor(actor)
        admin.remove_ean(session, ean_id=ean_id, actor=who)
    except InputError as exc:
        session.rollback()
        return _page(request, session, error=exc, form={})
    return _done(request, background, who, "ean_removed", [])


def _contact_values(
    role: str, email: str, name: str, language: str, immediate_min_severity: str, active: str
) -> dict[str, object]:
    """A contact form's fields as the admin service takes them."""
    return {
        "role": role,
        "email": email,
        "name": name,
        "language": language,
        "immediate_min_severity": immediate_min_severity,
        "active": active in ("1", "on", "true"),
    }


@router.post("/municipalities/{code}/contacts", name="add_contact")
def contact_add(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    code: str,
    role: Text = "finance",
    email: Text = "",
    name: Text = "",
    language: Text = "da",
    immediate_min_severity: Text = "medium",
    active: Text = "",
) -> Response:
    values = _contact_values(role, email, name, language, immediate_min_severity, active)
    try:
        who = _actor(actor)
        admin.add_contact(session, code=code, actor=who, **values)
    except InputError as exc:
        session.rollback()
        form = {**values}
        return _page(request, session, error=exc, form=form, anchor=f"m-{code}", target=code)
    return _done(request, background, who, "contact", [], anchor=f"m-{code}")


@router.post("/contacts/{contact_id}", name="edit_contact")
def contact_edit(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contact_id: int,
    role: Text = "finance",
    email: Text = "",
    name: Text = "",
    language: Text = "da",
    immediate_min_severity: Text = "medium",
    active: Text = "",
) -> Response:
    values = _contact_values(role, email, name, language, immediate_min_severity, active)
    try:
        who = _actor(actor)
        contact = admin.update_contact(session, contact_id=contact_id, actor=who, **values)
    except InputError as exc:
        session.rollback()
        return _page(request, session, error=exc, form={})
    code = contact.municipality.code
    return _done(request, background, who, "contact", [], anchor=f"m-{code}")


def _actor(actor: str) -> str:
    if not actor.strip():
        raise InputError(
            "say who makes the change (name or email)",
            da="skriv hvem der foretager ændringen (navn eller e-mail)",
            field="actor",
        )
    return actor.strip()


def _done(
    request: Request,
    background: BackgroundTasks,
    actor: str,
    saved: str,
    assigned: list[int],
    *,
    anchor: str = "",
) -> Response:
    if assigned:  # runs after the request's commit, so the check sees the parties
        background.add_task(request.app.state.queue_recheck, assigned)
    url = f"/admin/parties?saved={saved}&assigned={len(assigned)}" + (
        f"#{anchor}" if anchor else ""
    )
    return RedirectResponse(url, status_code=303)


def _page(
    request: Request,
    session: Session,
    *,
    saved: str | None = None,
    assigned: int = 0,
    error: PrisvagtError | None = None,
    form: Mapping[str, object] | None = None,
    anchor: str | None = None,
    target: str | None = None,
) -> HTMLResponse:
    form = form or {}
    counts = saved.split(":")[1:] if saved and saved.startswith("csv:") else []
    identity = current_identity(request)

    def may(method: str, path: str) -> bool:
        """Whether the viewer may use a form (an admin of some municipalities may not add
        vendors or import parties: the form is not shown, rather than refused on use)."""
        rule = rule_for(method, path)
        return rule is not None and identity is not None and rule.allows(identity)

    return render(
        request,
        "admin/parties.html",
        {
            "data": admin.overview(session),
            "saved": saved.split(":")[0] if saved else None,
            "counts": counts,
            "assigned": assigned,
            "error": error,
            "error_at": anchor,
            "target": target,
            "form": form,
            "roles": admin.ROLES,
            "languages": admin.LANGUAGES,
            "severities": admin.SEVERITIES,
            "may_add_vendor": may("POST", "/admin/parties/vendors"),
            "may_import": may("POST", "/admin/parties/import"),
        },
        status_code=400 if error else 200,
    )

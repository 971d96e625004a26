"""The rules admin: list the rule set, tune one rule, backtest a change before publishing
it, add custom rules, export and import the rule set as YAML; and the same as JSON
under ``/api/v1/rules``.

Publishing goes through ``monitor.rulesets.publish`` (backtested, confirmed when it
withdraws findings or money, versioned, audited) and then queues a re-check of the
checked invoices, once the request has committed. A version can be rolled back in one
step, which publishes the one before it again as a new version.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.errors import InputError, NotFound, PrisvagtError
from monitor.invoices import repository as invoices
from monitor.parties.models import Municipality
from monitor.rulesets import admin
from monitor.rulesets.backtest import backtest
from monitor.rulesets.publish import PublishNeedsConfirmation, publish, rollback
from monitor.rulesets.service import (
    MODES,
    SEVERITIES,
    current_configs,
    history,
    proposed_config,
)
from monitor.web.api import CHANGE_ERRORS, ERRORS, V1, RuleId, examples_of
from monitor.web.deps import DbSession
from monitor.web.security import Actor
from monitor.web.templating import render
from rules.custom import FIELDS, FUNCTIONS
from rules.ruleset import dump_yaml

router = APIRouter(prefix="/admin/rules", tags=["pages"], include_in_schema=False)
api = APIRouter(prefix=f"{V1}/rules", tags=["rules"], responses=ERRORS)

_NAMES = select(Municipality.code, Municipality.name)


async def _form_fields(request: Request, actor: Actor) -> dict[str, str]:
    """Every text field of a posted form (the parameter inputs are named per rule), and
    ``actor``: the signed-in identity (never a field a person types)."""
    form = await request.form()
    return {**{k: v for k, v in form.multi_items() if isinstance(v, str)}, "actor": actor}


FormFields = Annotated[dict[str, str], Depends(_form_fields)]


# ---------------------------------------------------------------------------- pages
@router.get("", response_class=HTMLResponse, name="admin_rules")
def rules_list(request: Request, session: DbSession, imported: str | None = None) -> HTMLResponse:
    return _list_page(request, session, imported=imported)


@router.post("/custom", name="add_custom_rule")
def custom_add(
    request: Request, session: DbSession, background: BackgroundTasks, form: FormFields
) -> Response:
    """Add (or replace) a custom rule ``custom:<name>``; an invalid expression is
    refused with the reason and nothing is stored. Replacing one so that it withdraws
    findings or money asks for a confirmation first, as publishing does."""
    try:
        rule_id, params = _custom_rule(form)
        mode = form.get("mode") or None
        proposed_config(session, rule_id=rule_id, mode=mode, params=params)
        actor, reason = _who_and_why(form)
        done = publish(
            session,
            rule_id=rule_id,
            actor=actor,
            reason=reason,
            confirm=form.get("confirm") == "1",
            mode=mode,
            params=params,
        )
    except PublishNeedsConfirmation as exc:
        session.rollback()
        return _detail_page(
            request,
            session,
            rule_id,
            report=admin.report_json(exc.report),
            confirm=_confirmation(exc, "/admin/rules/custom", form),
            status_code=409,
        )
    except PrisvagtError as exc:
        session.rollback()
        return _list_page(request, session, custom_form=form, custom_error=exc, status_code=400)
    return _published(request, session, background, rule_id, done.row.version, actor)


@router.post("/custom/backtest", name="backtest_custom_rule")
def custom_backtest(request: Request, session: DbSession, form: FormFields) -> HTMLResponse:
    """Try a custom rule on past invoices before adding it: the rule's page with the
    report, from where it can be published. Nothing is saved."""
    try:
        rule_id, params = _custom_rule(form)
        report = backtest(session, rule_id=rule_id, mode=form.get("mode") or None, params=params)
    except PrisvagtError as exc:
        session.rollback()
        return _list_page(request, session, custom_form=form, custom_error=exc, status_code=400)
    session.rollback()
    typed = {**form, **{f"param.{key}": str(value) for key, value in params.items()}}
    return _detail_page(request, session, rule_id, form=typed, report=admin.report_json(report))


def _custom_rule(form: dict[str, str]) -> tuple[str, dict[str, Any]]:
    name = form.get("name", "").strip().lower()
    if not name:
        raise InputError(
            "give the rule a name (a-z, 0-9, _ and -)",
            da="giv reglen et navn (a-z, 0-9, _ og -)",
            field="name",
        )
    params = {
        "expression": form.get("expression", ""),
        "severity": form.get("severity") or "medium",
    }
    if form.get("message", "").strip():
        params["message"] = form["message"].strip()
    return f"custom:{name}", params


@router.post("/import", name="import_rules")
def rules_import(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    file: Annotated[UploadFile | None, File()] = None,
    reason: Annotated[str, Form()] = "",
    yaml_text: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Publish every rule of an uploaded YAML rule set that differs from the one in force.
    When a change withdraws findings or money, the confirm step posts the same YAML
    again (``yaml_text``) with ``confirm=1``."""
    # a plain def (its database work blocks): runs in a thread, reads the spooled file
    text = file.file.read().decode("utf-8", errors="replace") if file else yaml_text
    try:
        who, why = _who_and_why({"actor": actor, "reason": reason})
        changed = admin.import_yaml(
            session, text=text, actor=who, reason=why, confirm=confirm == "1"
        )
    except PublishNeedsConfirmation as exc:
        session.rollback()
        fields = {"reason": reason, "yaml_text": text}
        return _list_page(
            request,
            session,
            import_form={"reason": reason},
            import_confirm=_confirmation(exc, "/admin/rules/import", fields),
            status_code=409,
        )
    except PrisvagtError as exc:
        session.rollback()
        form = {"reason": reason}
        return _list_page(request, session, import_form=form, import_error=exc, status_code=400)
    if changed:
        background.add_task(request.app.state.queue_recheck, _checked(session))
    return RedirectResponse(f"/admin/rules?imported={','.join(changed) or '-'}", status_code=303)


@router.get("/{rule_id}", response_class=HTMLResponse, name="admin_rule")
def rule_detail(
    request: Request, session: DbSession, rule_id: str, saved: int | None = None
) -> HTMLResponse:
    return _detail_page(request, session, rule_id, saved=saved)


@router.post("/{rule_id}/backtest", name="backtest_rule")
def rule_backtest(
    request: Request, session: DbSession, rule_id: str, form: FormFields
) -> HTMLResponse:
    """The report of the change in the form, against past invoices; nothing is saved."""
    try:
        change = _change_from_form(session, rule_id, form)
        report = backtest(session, rule_id=rule_id, **change)
    except PrisvagtError as exc:
        session.rollback()
        return _detail_page(request, session, rule_id, form=form, error=exc, status_code=400)
    session.rollback()  # a backtest never saves
    return _detail_page(request, session, rule_id, form=form, report=admin.report_json(report))


@router.post("/{rule_id}/publish", name="publish_rule")
def rule_publish(
    request: Request,
    session: DbSession,
    background: BackgroundTasks,
    rule_id: str,
    form: FormFields,
) -> Response:
    """Publish the change in the form as a new version; invalid values store nothing.
    A change whose backtest withdraws findings or money shows the report and asks for
    a confirmation first (the same form again with ``confirm=1``)."""
    try:
        change = _change_from_form(session, rule_id, form)
        proposed_config(session, rule_id=rule_id, **change)  # the values first, then who/why
        actor, reason = _who_and_why(form)
        done = publish(
            session,
            rule_id=rule_id,
            actor=actor,
            reason=reason,
            confirm=form.get("confirm") == "1",
            **change,
        )
    except PublishNeedsConfirmation as exc:
        session.rollback()
        return _detail_page(
            request,
            session,
            rule_id,
            form=form,
            report=admin.report_json(exc.report),
            confirm=_confirmation(exc, f"/admin/rules/{rule_id}/publish", form),
            status_code=409,
        )
    except PrisvagtError as exc:
        session.rollback()
        return _detail_page(request, session, rule_id, form=form, error=exc, status_code=400)
    return _published(request, session, background, rule_id, done.row.version, actor)


@router.post("/{rule_id}/rollback", name="rollback_rule")
def rule_rollback(
    request: Request,
    session: DbSession,
    background: BackgroundTasks,
    rule_id: str,
    form: FormFields,
) -> Response:
    """Publish the version before the current one again, as a new version (who, when,
    why); confirmed like a publish when it withdraws findings or money."""
    try:
        actor, reason = _who_and_why(form)
        done = rollback(
            session,
            rule_id=rule_id,
            actor=actor,
            reason=reason,
            confirm=form.get("confirm") == "1",
            to_version=int(form["version"]) if form.get("version", "").isdigit() else None,
        )
    except PublishNeedsConfirmation as exc:
        session.rollback()
        return _detail_page(
            request,
            session,
            rule_id,
            report=admin.report_json(exc.report),
            confirm=_confirmation(exc, f"/admin/rules/{rule_id}/rollback", form),
            status_code=409,
        )
    except PrisvagtError as exc:
        session.rollback()
        return _detail_page(request, session, rule_id, rollback_error=exc, status_code=400)
    return _published(request, session, background, rule_id, done.row.version, actor)


def _confirmation(
    exc: PublishNeedsConfirmation, action: str, form: dict[str, str]
) -> dict[str, Any]:
    """What the confirm step shows and posts again: the same form with ``confirm=1``."""
    return {
        "action": action,
        "fields": {k: v for k, v in form.items() if k != "confirm"},
        "effect": exc.details,
        "error": exc,
    }


def _published(
    request: Request,
    session: Session,
    background: BackgroundTasks,
    rule_id: str,
    version: int,
    actor: str,
) -> Response:
    # a background task runs after the request's commit, so the re-check sees the change
    background.add_task(request.app.state.queue_recheck, _checked(session))
    return RedirectResponse(f"/admin/rules/{rule_id}?saved={version}", status_code=303)


def _checked(session: Session) -> list[int]:
    return invoices.ids_by_status(session, "checked")


def _who_and_why(form: dict[str, str]) -> tuple[str, str]:
    actor, reason = form.get("actor", "").strip(), form.get("reason", "").strip()
    if not actor:
        raise InputError(
            "say who makes the change (name or email)",
            da="skriv hvem der foretager ændringen (navn eller e-mail)",
            field="actor",
        )
    if not reason:
        raise InputError(
            "say why (kept in the audit log)",
            da="skriv hvorfor (gemmes i revisionsloggen)",
            field="reason",
        )
    return actor, reason


def _change_from_form(session: Session, rule_id: str, form: dict[str, str]) -> dict[str, Any]:
    row = admin.rule_row(session, rule_id)
    municipalities = admin.split_codes(form.get("municipalities", ""))
    vendors = admin.split_codes(form.get("vendors", ""))
    return {
        "mode": form.get("mode") or None,
        "severity": form.get("severity"),  # "" = the rule's default
        "params": admin.form_params(row.spec, form),
        "municipalities": municipalities,
        "vendors": vendors,
    }


def _list_page(
    request: Request,
    session: Session,
    *,
    imported: str | None = None,
    custom_form: dict[str, str] | None = None,
    custom_error: PrisvagtError | None = None,
    import_form: dict[str, str] | None = None,
    import_error: PrisvagtError | None = None,
    import_confirm: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "admin/rules.html",
        {
            "rows": admin.rule_rows(session),
            "imported": [r for r in (imported or "").split(",") if r and r != "-"],
            "import_done": imported is not None,
            "custom_form": custom_form or {},
            "custom_error": custom_error,
            "import_form": import_form or {},
            "import_error": import_error,
            "import_confirm": import_confirm,
            "fields": {k: sorted(v) for k, v in FIELDS.items()},
            "functions": sorted(FUNCTIONS),
            "severities": SEVERITIES,
            "modes": MODES,
        },
        status_code=status_code,
    )


def _detail_page(
    request: Request,
    session: Session,
    rule_id: str,
    *,
    saved: int | None = None,
    form: dict[str, str] | None = None,
    error: PrisvagtError | None = None,
    report: dict[str, Any] | None = None,
    confirm: dict[str, Any] | None = None,
    rollback_error: PrisvagtError | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    row = admin.rule_row(session, rule_id)
    if form is not None:  # show what was typed, not what is stored
        typed = {f.name: form.get(f"param.{f.name}", f.value) for f in row.fields}
        row.fields = admin.param_fields(row.spec, typed)
    trail = admin.audit_trail(session, rule_id=rule_id)
    versions = [
        (v, admin.changes(trail.get(v.version), row.defaults), _audit(trail.get(v.version)))
        for v in history(session, rule_id=rule_id)
    ]
    return render(
        request,
        "admin/rule.html",
        {
            "row": row,
            "form": form or {},
            "error": error,
            "error_field": getattr(error, "field", None),
            "report": report,
            "confirm": confirm,
            "rollback_error": rollback_error,
            "saved": saved,
            "saved_effect": next((a["effect"] for v, _, a in versions if v.version == saved), None),
            "versions": versions,
            "fields": {k: sorted(v) for k, v in FIELDS.items()},
            "functions": sorted(FUNCTIONS),
            "names": {code: name for code, name in session.execute(_NAMES)},
            "severities": SEVERITIES,
            "modes": MODES,
        },
        status_code=status_code,
    )


def _audit(entry: Any) -> dict[str, Any]:
    """What a version's audit entry adds to the history: its effect, what it restores."""
    details = entry.details if entry is not None else {}
    return {"effect": details.get("effect"), "restores": details.get("restores_version")}


# ---------------------------------------------------------------------------- JSON API
class RuleOut(BaseModel):
    rule_id: str
    title_da: str
    title_en: str
    description: str = Field(description="what the rule detects, in English")
    description_da: str = Field(description="the same in Danish")
    mode: str = Field(description="active, monitor or off")
    severity: str
    params: dict[str, Any] = Field(description="in force, defaults filled in")
    defaults: dict[str, Any]
    municipalities: list[str] = Field(description="kommunekoder; empty = all")
    vendors: list[str] = Field(description="vendor CVR numbers; empty = all")
    version: int = Field(description="0 = never changed (defaults)")
    changed_by: str | None
    changed_at: datetime | None
    reason: str | None


class RuleChangeIn(BaseModel):
    """A proposed change; what is left out stays as it is. Decimals as strings."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"params": {"percent_tolerance": "2"}}]}
    )

    mode: str | None = Field(None, description="active, monitor or off")
    params: dict[str, Any] | None = Field(None, description="merged over the current ones")
    severity: str | None = Field(None, description="low, medium, high or critical")
    municipalities: list[str] | None = None
    vendors: list[str] | None = None


class RulePublishIn(RuleChangeIn):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"mode": "monitor", "reason": "Afprøves en måned", "confirm": True}]
        }
    )
    reason: str = Field(min_length=1, description="why (kept in the audit log)")
    confirm: bool = Field(
        False,
        description="publish even though the backtest shows findings or money withdrawn "
        "(without it such a change answers 409 with the effect)",
    )


class RuleRollbackIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"reason": "Tilbage til den forrige tolerance", "confirm": True}]
        }
    )
    reason: str = Field(min_length=1, description="why (kept in the audit log)")
    to_version: int | None = Field(
        None, ge=0, description="the version to restore; default the one before the current"
    )
    confirm: bool = Field(False, description="as for publishing")


class PublishedOut(RuleOut):
    invoices_queued: int
    effect: dict[str, Any] = Field(
        description="the backtest of the change: findings added, removed, changed; "
        "overcharge before, after and the difference (decimal strings)"
    )
    restores_version: int | None = Field(None, description="for a rollback: the version restored")


@api.get("", response_model=list[RuleOut], summary="The rule set in force")
def api_list(session: DbSession) -> list[RuleOut]:
    return [_rule_out(row) for row in admin.rule_rows(session)]


@api.get("/export", summary="The rule set as YAML", response_class=Response)
def api_export(session: DbSession) -> Response:
    return Response(
        dump_yaml(current_configs(session)),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="prisvagt-rules.yaml"'},
    )


@api.get("/{rule_id}", response_model=RuleOut, summary="One rule")
def api_get(session: DbSession, rule_id: RuleId) -> RuleOut:
    row = admin.rule_row(session, rule_id)
    if row.custom and not row.config.version:
        raise NotFound(
            f"no custom rule {rule_id!r} has been added",
            key="error.rule.no_custom",
            params={"rule": rule_id},
        )
    return _rule_out(row)


@api.put(
    "/{rule_id}",
    response_model=PublishedOut,
    summary="Publish a new version",
    responses=CHANGE_ERRORS,
)
def api_publish(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    rule_id: RuleId,
    body: Annotated[RulePublishIn, examples_of(RulePublishIn)],
) -> PublishedOut:
    """Validated by the rule (400 with the reason, nothing stored), backtested (a change
    that withdraws findings or money answers 409 with the effect unless ``confirm``),
    versioned and audited; the checked invoices are queued for a re-check after the
    commit."""
    change = body.model_dump(exclude={"reason", "confirm"})
    done = publish(
        session,
        rule_id=rule_id,
        actor=actor,
        reason=body.reason,
        confirm=body.confirm,
        **change,
    )
    return _published_out(request, session, background, rule_id, done)


@api.post(
    "/{rule_id}/rollback",
    response_model=PublishedOut,
    summary="Roll back a version",
    responses=CHANGE_ERRORS,
)
def api_rollback(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    rule_id: RuleId,
    body: Annotated[RuleRollbackIn, examples_of(RuleRollbackIn)],
) -> PublishedOut:
    """Publish the version before the current one (or ``to_version``) again, as a new
    version with who, when and why; 409 with the effect when it withdraws findings or
    money and ``confirm`` is not set. The re-check after it restores the findings."""
    done = rollback(
        session,
        rule_id=rule_id,
        actor=actor,
        reason=body.reason,
        confirm=body.confirm,
        to_version=body.to_version,
    )
    return _published_out(request, session, background, rule_id, done)


def _published_out(
    request: Request, session: Session, background: BackgroundTasks, rule_id: str, done: Any
) -> PublishedOut:
    ids = _checked(session)
    background.add_task(request.app.state.queue_recheck, ids)
    out = _rule_out(admin.rule_row(session, rule_id))
    return PublishedOut(
        **out.model_dump(),
        invoices_queued=len(ids),
        effect=done.effect.as_json(),
        restores_version=done.restores,
    )


@api.post("/{rule_id}/backtest", summary="Backtest a change without saving it")
def api_backtest(
    session: DbSession,
    rule_id: RuleId,
    body: Annotated[RuleChangeIn, examples_of(RuleChangeIn)],
) -> dict[str, Any]:
    """Findings added, removed and changed per municipality, and the overcharge before,
    after and the difference, if the change were published. Amounts as decimal strings."""
    report = backtest(session, rule_id=rule_id, **body.model_dump())
    session.rollback()
    return admin.report_json(report)


def _rule_out(row: admin.RuleRow) -> RuleOut:
    return RuleOut(
        rule_id=row.config.rule_id,
        title_da=row.spec.title_da,
        title_en=row.spec.title_en,
        description=row.spec.description,
        description_da=row.spec.description_da,
        mode=row.config.mode,
        severity=row.severity,
        params=row.params,
        defaults=row.defaults,
        municipalities=row.config.municipalities,
        vendors=row.config.vendors,
        version=row.config.version,
        changed_by=row.changed_by,
        changed_at=row.changed_at,
        reason=row.reason,
    )

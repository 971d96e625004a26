"""Case files in the web app: what waits to be claimed per vendor and municipality,
making a case file (letter + evidence ZIP), marking it sent, recording the answer."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.money import parse_amount
from monitor.audit.models import AuditEntry
from monitor.casefiles import bundle, repository, service
from monitor.casefiles.models import ANSWERS, SENT_VIA
from monitor.errors import ConfirmationRequired, InputError, NotFound
from monitor.parties.models import Municipality, Vendor
from monitor.web.deps import DbSession, now, today
from monitor.web.security import Actor, current_identity
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/case-files", response_class=HTMLResponse, name="case_files")
def case_files(request: Request, session: DbSession) -> HTMLResponse:
    return render(
        request,
        "casefiles/list.html",
        {
            "pairs": repository.claimable_pairs(session),
            "cases": repository.listing(session),
            "vendors": {v.id: v for v in session.scalars(select(Vendor))},
            "municipalities": {m.id: m for m in session.scalars(select(Municipality))},
        },
    )


@router.get(
    "/case-files/vendors/{vendor_id}/{code}", response_class=HTMLResponse, name="case_file_new"
)
def claimable_page(request: Request, session: DbSession, vendor_id: int, code: str) -> Response:
    return _claimable(request, session, vendor_id, code)


@router.post("/case-files/vendors/{vendor_id}/{code}", name="case_file_create")
def create(
    request: Request,
    session: DbSession,
    actor: Actor,
    vendor_id: int,
    code: str,
    finding: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """Make the case file of the confirmed findings the page showed (``finding``, one
    per id; none sent: every one waiting to be claimed). Findings another case file
    claimed since the page was loaded, or at the same moment, refuse it whole (409)
    with a page naming them."""
    vendor, municipality = _parties(session, vendor_id, code)
    lang = page_language(request)
    try:
        case = service.create(
            session,
            vendor_id=vendor.id,
            municipality_id=municipality.id,
            actor=actor,
            language=lang,
            signed_by=_signature(request),
            finding_ids=finding or None,
            now=now(request),
        )
    except service.ClaimRace as race:
        session.rollback()  # nothing of this case file is kept
        error = service.explain(session, race, vendor_id=vendor.id, municipality_id=municipality.id)
        return _refused(request, session, vendor_id, code, error, lang)
    except InputError as exc:
        session.rollback()
        return _refused(request, session, vendor_id, code, exc, lang)
    return RedirectResponse(f"/case-files/{case.id}?saved=1", status_code=303)


def _refused(
    request: Request, session: Session, vendor_id: int, code: str, exc: InputError, lang: str
) -> HTMLResponse:
    claimed = exc.claimed if isinstance(exc, service.AlreadyClaimed) else {}
    conflict = isinstance(exc, (service.AlreadyClaimed, service.ClaimRace))
    return _claimable(
        request,
        session,
        vendor_id,
        code,
        error=exc.message_in(lang),
        claimed=claimed,
        status_code=409 if conflict else 400,
    )


@router.get("/case-files/{case_file_id}", response_class=HTMLResponse, name="case_file")
def detail(request: Request, session: DbSession, case_file_id: int, saved: int = 0) -> Response:
    return _detail(request, session, case_file_id, saved=bool(saved))


@router.get("/case-files/{case_file_id}/letter.pdf", name="case_file_letter")
def letter_pdf(session: DbSession, case_file_id: int) -> Response:
    case = repository.get(session, case_file_id)
    return _download(case.letter, "application/pdf", bundle.letter_name(case), inline=True)


@router.get("/case-files/{case_file_id}/evidence.zip", name="case_file_zip")
def evidence_zip(session: DbSession, case_file_id: int) -> Response:
    case = repository.get(session, case_file_id)
    name = f"{bundle.letter_name(case).removesuffix('.pdf')}.zip"
    return _download(bundle.build(session, case), "application/zip", name, inline=False)


@router.post("/case-files/{case_file_id}/sent", name="case_file_sent")
def mark_sent(
    request: Request,
    session: DbSession,
    actor: Actor,
    case_file_id: int,
    via: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    try:
        service.mark_sent(
            session,
            case_file_id=case_file_id,
            via=via,
            actor=actor,
            note=note,
            now=now(request),
        )
    except InputError as exc:
        session.rollback()
        error = exc.message_in(page_language(request))
        return _detail(request, session, case_file_id, error=error, status_code=400)
    return RedirectResponse(f"/case-files/{case_file_id}?saved=1", status_code=303)


@router.post("/case-files/{case_file_id}/answer", name="case_file_answer")
def record_answer(
    request: Request,
    session: DbSession,
    actor: Actor,
    case_file_id: int,
    answer: Annotated[str, Form()] = "",
    credited: Annotated[str, Form()] = "",
    answered_on: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    apply_credit: Annotated[str, Form()] = "",
    confirm_excess: Annotated[str, Form()] = "",
    excess_reason: Annotated[str, Form()] = "",
) -> Response:
    """The vendor's answer; a credit resolves the findings through the review service."""
    lang = page_language(request)
    form = {
        "answer": answer,
        "credited": credited,
        "answered_on": answered_on,
        "note": note,
        "apply_credit": apply_credit,
        "excess_reason": excess_reason,
    }
    try:
        service.record_answer(
            session,
            case_file_id=case_file_id,
            answer=answer,
            credited=_amount(credited, lang),
            answered_on=_day(answered_on, default=today(request)),
            actor=actor,
            note=note,
            apply_credit=apply_credit in ("1", "on", "true"),
            confirm_excess=confirm_excess in ("1", "on", "true"),
            excess_reason=excess_reason,
            now=now(request),
        )
    except InputError as exc:
        session.rollback()
        form["ask_excess"] = "1" if isinstance(exc, ConfirmationRequired) or confirm_excess else ""
        error = exc.message_in(lang)
        return _detail(request, session, case_file_id, error=error, form=form, status_code=400)
    return RedirectResponse(f"/case-files/{case_file_id}?saved=1", status_code=303)


# ---------------------------------------------------------------------------- helpers
def _signature(request: Request) -> str | None:
    """The signed-in person's name for the letter (a token has no person's name)."""
    identity = current_identity(request)
    if identity is None or identity.kind != "user":
        return None
    return identity.name or None


def _parties(session: Session, vendor_id: int, code: str) -> tuple[Vendor, Municipality]:
    vendor = session.get(Vendor, vendor_id)
    municipality = session.scalar(select(Municipality).where(Municipality.code == code))
    if vendor is None or municipality is None:
        raise NotFound(
            f"vendor {vendor_id} or municipality {code} does not exist",
            key="error.missing.pair",
            params={"vendor": vendor_id, "municipality": code},
        )
    return vendor, municipality


def _claimable(
    request: Request,
    session: Session,
    vendor_id: int,
    code: str,
    *,
    error: str | None = None,
    claimed: dict[int, int] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    vendor, municipality = _parties(session, vendor_id, code)
    findings = repository.claimable(session, vendor_id=vendor.id, municipality_id=municipality.id)
    return render(
        request,
        "casefiles/new.html",
        {
            "vendor": vendor,
            "municipality": municipality,
            "findings": findings,
            "total": sum((f.overcharge for f in findings), service.ZERO),
            "error": error,
            "claimed": claimed or {},
        },
        status_code=status_code,
    )


def _detail(
    request: Request,
    session: Session,
    case_file_id: int,
    *,
    saved: bool = False,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    case = repository.get(session, case_file_id)
    history = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == "case_file", AuditEntry.entity_id == str(case.id))
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    rows = service.findings_of(session, case)
    return render(
        request,
        "casefiles/detail.html",
        {
            "case": case,
            "vendor": session.get(Vendor, case.vendor_id),
            "municipality": session.get(Municipality, case.municipality_id),
            "rows": rows,
            "remainder": service.remainder(rows),
            "history": history,
            "sent_via": SENT_VIA,
            "answers": ANSWERS,
            "today": today(request).isoformat(),
            "saved": saved,
            "error": error,
            "form": form or {},
        },
        status_code=status_code,
    )


def _download(data: bytes, media_type: str, name: str, *, inline: bool) -> Response:
    kind = "inline" if inline else "attachment"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''"
            + quote(name),
            "Cache-Control": "private, no-store",
        },
    )


def _amount(text: str, lang: str):  # type: ignore[no-untyped-def]
    if not text.strip():
        return None
    try:
        return parse_amount(text, locale=lang)
    except ValueError:
        raise InputError(
            f"{text!r} is not an amount", da=f"{text!r} er ikke et beløb", field="credited"
        ) from None


def _day(text: str, *, default: date) -> date:
    """The date typed (YYYY-MM-DD), ``default`` (today by the app's clock) when none."""
    if not text.strip():
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{text!r} is not a date (YYYY-MM-DD)",
            da=f"{text!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
            field="answered_on",
        ) from None

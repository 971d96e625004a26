"""Findings in the web app: the list, the detail with its evidence, review; and the API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from extractors.money import decimal_str, parse_amount
from monitor.auth.service import Identity
from monitor.casefiles import repository as casefiles
from monitor.contracts import evidence
from monitor.contracts.models import Contract, PriceTerm
from monitor.errors import ConfirmationRequired, InputError
from monitor.findings import repository, review, workflow
from monitor.findings.exports import FINDING_COLUMNS, finding_rows
from monitor.findings.models import Finding
from monitor.findings.schemas import FindingFilter, FindingOut
from monitor.invoices.models import InvoiceLine
from monitor.schemas import Page
from monitor.web import disparity, queries
from monitor.web.api import (
    CHANGE_ERRORS,
    DEFAULT_LIMIT,
    ERRORS,
    V1,
    FindingId,
    Limit,
    Offset,
    examples_of,
    page_of,
)
from monitor.web.deps import DbSession
from monitor.web.exporting import EXPORT_RESPONSES, Format, FormatParam, export
from monitor.web.i18n import translate
from monitor.web.security import Actor, current_identity
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix=f"{V1}/findings", tags=["findings"], responses=ERRORS)

PER_PAGE = 50
Sort = Literal["overcharge_desc", "overcharge_asc", "newest"]
Status = Literal["open", "confirmed", "dismissed", "resolved"]
Severity = Literal["low", "medium", "high", "critical"]
MoneyKind = Literal["overcharge", "price_gap"]


class FindingQuery(BaseModel):
    """The list's filters, shared by the page, the API and the exports."""

    municipality: str | None = Field(None, description="kommunekode, e.g. 101")
    rule: str | None = Field(None, description="rule id, e.g. price_above_agreed")
    status: Status | None = Field(None, description="open|confirmed|dismissed|resolved")
    vendor: str | None = Field(None, description="the vendor's CVR number")
    preliminary: bool | None = Field(
        None,
        description="true: only findings held while their contract awaits legal's review "
        "(no email sent yet); false: only final findings",
    )
    severity: Severity | None = Field(None, description="low|medium|high|critical")
    money_kind: MoneyKind | None = Field(
        None,
        description="overcharge: money the contract lets the municipality claim back; "
        "price_gap: the gap to other municipalities' prices (a benchmark)",
    )
    q: str | None = Field(
        None,
        max_length=200,
        description="words to find (all of them, case ignored) in the message, the invoice "
        "number, the vendor's name or the invoice line's description",
    )
    issued_from: date | None = Field(None, description="invoice issued on or after (ISO date)")
    issued_to: date | None = Field(None, description="invoice issued on or before (ISO date)")
    created_from: date | None = Field(None, description="finding made on or after (ISO date)")
    created_to: date | None = Field(None, description="finding made on or before (ISO date)")
    mine: bool = Field(False, description="only the findings assigned to the signed-in user")
    overdue: bool = Field(
        False, description="only findings past their deadline and still open or confirmed"
    )
    sort: Sort = "overcharge_desc"

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_any(cls, value: object, info: ValidationInfo) -> object:
        """An empty form field is no filter (the field's default)."""
        return cls.model_fields[str(info.field_name)].default if value == "" else value

    @field_validator("mine", "overdue", mode="before")
    @classmethod
    def _empty_is_false(cls, value: object) -> object:
        return False if value == "" else value

    def to_filter(self, identity: Identity | None = None) -> FindingFilter:
        """The filter; "assigned to me" needs a signed-in person (a token owns nothing,
        so it matches no finding)."""
        owner = None
        if self.mine:
            owner = identity.id if identity is not None and identity.kind == "user" else -1
        return FindingFilter(
            municipality=self.municipality or None,
            rule=self.rule or None,
            status=self.status or None,
            vendor_cvr=self.vendor or None,
            preliminary=self.preliminary,
            severity=self.severity,
            money_kind=self.money_kind,
            owner_id=owner,
            overdue=self.overdue,
            text=(self.q or "").strip() or None,
            issued_from=self.issued_from,
            issued_to=self.issued_to,
            created_from=self.created_from,
            created_to=self.created_to,
        )


class ReviewIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"action": "note", "note": "Leverandøren er kontaktet"},
                {"action": "resolve", "recovered": "750.50"},
            ]
        }
    )

    action: Literal["confirm", "dismiss", "note", "resolve", "reopen"]
    note: str | None = Field(None, description="required to dismiss and to add a note")
    recovered: Decimal | None = Field(
        None,
        description="amount paid back, required to resolve (decimal string); at most the "
        "overcharge unless confirm_excess is true and excess_reason says why",
    )
    confirm_excess: bool = Field(
        False, description="record a recovered amount above the finding's overcharge"
    )
    excess_reason: str | None = Field(
        None, description="why more than the overcharge was recovered (required with it)"
    )


class ReviewEntryOut(BaseModel):
    at: datetime
    actor: str
    action: str = Field(description="finding.confirm, finding.dismiss, finding.note, ...")
    note: str | None
    details: dict[str, Any]


# ---------------------------------------------------------------------------- pages
@router.get("/findings", response_class=HTMLResponse, name="findings")
def findings_list(
    request: Request,
    session: DbSession,
    query: Annotated[FindingQuery, Query()],
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    identity = current_identity(request)
    result = queries.findings_slice(
        session,
        query.to_filter(identity),
        sort=query.sort,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    can_review = identity is not None and identity.has("legal")
    return render(
        request,
        "findings/list.html",
        {
            "result": result,
            "query": query,
            "choices": queries.filter_choices(session),
            "sorts": queries.SORTS,
            "can_review": can_review,
            "owners": workflow.assignable_users(session, identity.municipality_ids)
            if can_review and identity is not None
            else [],
            "back": _list_url(request),
        },
    )


def _list_url(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


@router.get("/findings/{finding_id}", response_class=HTMLResponse, name="finding")
def finding_detail(
    request: Request, session: DbSession, finding_id: int, saved: bool = False
) -> HTMLResponse:
    return _detail(request, session, finding_id, saved=saved)


@router.post("/findings/{finding_id}/review", name="review_finding")
def finding_review(
    request: Request,
    session: DbSession,
    actor: Actor,
    finding_id: int,
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    recovered: Annotated[str, Form()] = "",
    confirm_excess: Annotated[str, Form()] = "",
    excess_reason: Annotated[str, Form()] = "",
) -> Response:
    """Apply a review from the detail page's forms; a refusal is shown on the same page.
    A recovered amount above the overcharge asks for a confirmation and a reason."""
    lang = page_language(request)
    try:
        review.review(
            session,
            finding_id=finding_id,
            action=action,
            actor=actor,
            note=note or None,
            recovered=_amount(recovered, lang) if action == "resolve" else None,
            confirm_excess=confirm_excess in ("1", "on", "true"),
            excess_reason=excess_reason or None,
        )
    except InputError as exc:
        session.rollback()
        form = {
            "action": action,
            "note": note,
            "recovered": recovered,
            "excess_reason": excess_reason,
            "confirm_excess": confirm_excess,
            # the confirmation is offered once asked for, never ticked on the person's behalf
            "ask_excess": "1" if isinstance(exc, ConfirmationRequired) or confirm_excess else "",
        }
        error = exc.message_in(lang) if exc.message_da else exc.describe()
        return _detail(request, session, finding_id, error=error, form=form, status_code=400)
    return RedirectResponse(f"/findings/{finding_id}?saved=1#review", status_code=303)


def _amount(text: str, lang: str) -> Decimal | None:
    """An amount as a person typed it on a page in ``lang`` ("1.234,56" in Danish)."""
    if not text.strip():
        return None
    try:
        return parse_amount(text, locale=lang)
    except ValueError:
        raise InputError(
            f"{text!r} is not an amount", da=f"{text!r} er ikke et beløb", field="recovered"
        ) from None


def _detail(
    request: Request,
    session: DbSession,
    finding_id: int,
    *,
    saved: bool = False,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    finding = repository.get_finding(session, finding_id)  # NotFound -> 404 page
    row = session.get(Finding, finding_id)
    assert row is not None
    term = session.get(PriceTerm, row.price_term_id) if row.price_term_id else None
    contract = session.get(Contract, finding.contract_id) if finding.contract_id else None
    line = session.get(InvoiceLine, row.invoice_line_id) if row.invoice_line_id else None
    peers = None
    if line is not None and line.item_id and row.vendor_id is not None:
        label = translate("overview.other_municipality", page_language(request))
        same_item = disparity.benchmark(
            session,
            current_identity(request),
            label,
            vendor_id=row.vendor_id,
            item_id=line.item_id,
        )
        peers = same_item[0] if same_item else None
    return render(
        request,
        "findings/detail.html",
        {
            "f": finding,
            "row": row,
            "term": term,
            "contract": contract,
            "line": line,
            "peers": peers,
            "grounds": [repository.get_finding(session, g) for g in finding.further_grounds],
            # legal's workflow: the clause's page with the highlight, the case files
            "page_view": evidence.page_view(
                session, contract.id, f"finding={row.id}", evidence.finding_target(session, row)
            )
            if contract is not None
            else None,
            "case_files": casefiles.of_finding(session, finding_id),
            "history": review.history(session, finding_id=finding_id),
            "allowed": review.allowed_actions(finding.status),
            "owners": _owners(request, session),
            "saved": saved,
            "error": error,
            "form": form or {},
        },
        status_code=status_code,
    )


def _owners(request: Request, session: DbSession) -> list[Any]:
    """Whom legal may assign findings to (nobody for other roles: they see no form)."""
    identity = current_identity(request)
    if identity is None or not identity.has("legal"):
        return []
    return workflow.assignable_users(session, identity.municipality_ids)


# ------------------------------------------------------------------------------ API
class FindingsPage(Page[FindingOut]):
    """A page of findings, with the money of all matching ones."""

    overcharge_total: str = Field(
        description="overcharge of all matching findings, each krone once (no price gaps, "
        "no further grounds), decimal string"
    )
    price_gap_total: str = Field(
        description="price gap of all matching findings to other municipalities (a "
        "benchmark, never added to the overcharge), decimal string"
    )


@api.get("", response_model=FindingsPage, summary="List findings")
def api_list(
    request: Request,
    session: DbSession,
    response: Response,
    query: Annotated[FindingQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> FindingsPage:
    """Findings matching the filters, one page; amounts are decimal strings. The
    totals are also in the X-Total-Count, X-Total-Overcharge and X-Total-Price-Gap
    headers."""
    page = queries.findings_slice(
        session,
        query.to_filter(current_identity(request)),
        sort=query.sort,
        limit=limit,
        offset=offset,
    )
    response.headers["X-Total-Count"] = str(page.total)
    response.headers["X-Total-Overcharge"] = str(page.overcharge_total)
    response.headers["X-Total-Price-Gap"] = str(page.price_gap_total)
    return FindingsPage(
        **page_of(request, page.items, total=page.total, limit=limit, offset=offset),
        overcharge_total=decimal_str(page.overcharge_total),
        price_gap_total=decimal_str(page.price_gap_total),
    )


@api.get(
    "/export",
    summary="Export findings as CSV or Excel",
    response_class=Response,
    responses=EXPORT_RESPONSES,
)
def api_export(
    request: Request,
    session: DbSession,
    query: Annotated[FindingQuery, Query()],
    format: Annotated[Format, FormatParam] = "csv",
) -> Response:
    """Every finding matching the filters (those of the list), in the list's order:
    one row each, money as numbers (exact to the øre), dates as dates, headers and
    messages in the request's language. The findings list page links here with its
    filters."""
    flt, sort = query.to_filter(), query.sort
    lang = request.state.lang
    return export(
        request,
        session,
        fmt=format,
        columns=FINDING_COLUMNS,
        rows=lambda s: finding_rows(s, flt, sort=sort, lang=lang),
        name="findings",
        title_key="findings.title",
    )


@api.get("/{finding_id}", response_model=FindingOut, summary="One finding")
def api_get(session: DbSession, finding_id: FindingId) -> FindingOut:
    return repository.get_finding(session, finding_id)


@api.get("/{finding_id}/history", response_model=list[ReviewEntryOut], summary="Review history")
def api_history(session: DbSession, finding_id: FindingId) -> list[ReviewEntryOut]:
    """Every review step of the finding, oldest first."""
    repository.get_finding(session, finding_id)  # 404 for an unknown finding
    return [
        ReviewEntryOut(at=e.at, actor=e.actor, action=e.action, note=e.reason, details=e.details)
        for e in review.history(session, finding_id=finding_id)
    ]


@api.post(
    "/{finding_id}/review",
    response_model=FindingOut,
    summary="Review a finding",
    responses=CHANGE_ERRORS,
)
def api_review(
    session: DbSession,
    actor: Actor,
    finding_id: FindingId,
    body: Annotated[ReviewIn, examples_of(ReviewIn)],
) -> FindingOut:
    """Confirm, dismiss (note required), note, resolve (recovered required) or reopen.
    Refused steps answer 400 with {"error": "..."}; an unknown finding 404; a recovered
    amount above the overcharge without confirm_excess and excess_reason 409, with the
    amounts in "confirmation_required"."""
    review.review(
        session,
        finding_id=finding_id,
        action=body.action,
        actor=actor,
        note=body.note,
        recovered=body.recovered,
        confirm_excess=body.confirm_excess,
        excess_reason=body.excess_reason,
    )
    session.flush()
    return repository.get_finding(session, finding_id)

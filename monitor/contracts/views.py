"""A contract in the web app: parties, dates, clauses and price terms, whether its
reading needs review (the reasons, the price rows not read), and legal's review of the
terms (confirm, reject, correct) and of the contract. After a review the contract's
invoices are re-checked by a queued task, once the review is committed."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.contracts.patterns import unit_of
from extractors.money import parse_amount
from extractors.types import Unit
from monitor.contracts import evidence, repository, review
from monitor.contracts.models import PriceTerm
from monitor.documents.models import Document
from monitor.errors import InputError, NotFound
from monitor.findings.models import Finding
from monitor.parties.models import Municipality, Vendor
from monitor.web.api import CHANGE_ERRORS, ERRORS, V1, TermId, examples_of
from monitor.web.deps import DbSession
from monitor.web.i18n import error_message
from monitor.web.security import Actor
from monitor.web.templating import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix=f"{V1}/terms", tags=["contracts"], responses=ERRORS)


class TermReviewIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"action": "confirm", "note": "Svarer til bilag 2"},
                {"action": "correct", "changes": {"agreed_unit_price": "95.00"}},
            ]
        }
    )

    action: Literal["confirm", "reject", "correct"]
    note: str | None = None
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="for correct: agreed_unit_price (decimal string), unit, item_id, "
        "description, tier_min, tier_max, valid_from, valid_to, vat_basis",
    )


class TermOut(BaseModel):
    id: int
    contract_id: int
    item_id: str | None
    description: str
    unit: str
    agreed_unit_price: str
    review_state: str
    reviewed_by: str | None
    invoices_queued: int


# ---------------------------------------------------------------------------- pages
@router.get("/contracts/{contract_id}", response_class=HTMLResponse, name="contract")
def contract_detail(
    request: Request,
    session: DbSession,
    contract_id: int,
    saved: int = 0,
    corrected: int = 0,
    added: int = 0,
    add_from: int | None = None,
) -> HTMLResponse:
    """The contract page; ``add_from``: a price row not read, to read into a price term
    (the form to add one opens with its text)."""
    form = None
    if add_from is not None:
        row = next((u for u in repository.get(session, contract_id).unread_prices
                    if u.id == add_from), None)  # fmt: skip
        if row is not None:
            form = {**_ADD_FORM, **row_fields(row.text), "unread_id": str(row.id)}
    return _page(
        request, session, contract_id, saved=saved, corrected=corrected, added=added, add_form=form
    )


@router.post("/contracts/{contract_id}/terms/{term_id}/review", name="review_term")
def term_review(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: int,
    term_id: int,
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    price: Annotated[str, Form()] = "",
) -> Response:
    """Confirm, reject or correct the price of one term from the contract page."""
    try:
        term = _term_of(session, contract_id, term_id)
        changes: dict[str, Any] = {}
        if action == "correct":
            changes["agreed_unit_price"] = _amount(price, page_language(request))
        _apply(session, term=term, action=action, actor=actor, note=note or None, changes=changes)
    except InputError as exc:
        session.rollback()
        error = error_message(exc, page_language(request))
        return _page(request, session, contract_id, error=error, status_code=400)
    return _after_review(request, session, background, contract_id)


@router.post("/contracts/{contract_id}/confirm", name="confirm_contract")
def contract_confirm(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: int,
    note: Annotated[str, Form()] = "",
) -> Response:
    """Confirm every proposed term of the contract at once, and the contract as reviewed
    (its preliminary findings become final at the re-check, and their emails go out),
    with legal's note in its history."""
    review.confirm_contract(session, contract_id=contract_id, actor=actor, note=note)
    return _after_review(request, session, background, contract_id)


@router.post("/contracts/{contract_id}/correct", name="correct_contract")
def contract_correct(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: int,
    effective_date: Annotated[str, Form()] = "",
    expiry_date: Annotated[str, Form()] = "",
    payment_days: Annotated[str, Form()] = "",
    mfn: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """Correct the contract's period, payment days or most-favoured-customer clause from
    the contract page (what differs from the stored values); its invoices are re-checked."""
    try:
        review.correct_contract(
            session,
            contract_id=contract_id,
            actor=review.reviewer(actor),
            changes={
                "effective_date": effective_date,
                "expiry_date": expiry_date,
                "payment_days": payment_days,
                "mfn": mfn == "true",
            },
            note=note or None,
        )
    except InputError as exc:
        session.rollback()
        # each message names what it is about ("the contract cannot end ... before")
        error = error_message(exc, page_language(request), where=False)
        form = {
            "effective_date": effective_date,
            "expiry_date": expiry_date,
            "payment_days": payment_days,
            "mfn": mfn == "true",
            "note": note,
        }  # shown again as given, to be mended
        return _page(
            request,
            session,
            contract_id,
            correct_error=error,
            correct_form=form,
            status_code=400,
        )
    return _after_review(request, session, background, contract_id, saved="corrected=1#facts")


@router.post("/contracts/{contract_id}/terms", name="add_term")
def term_add(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: int,
    description: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    price: Annotated[str, Form()] = "",
    item_id: Annotated[str, Form()] = "",
    vat_basis: Annotated[str, Form()] = "excl",
    unread_id: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    """Add a price term the reading did not read (from a price row not read, or from the
    contract's text): it counts as confirmed; the contract's invoices are re-checked."""
    form = {
        "description": description,
        "unit": unit,
        "price": price,
        "item_id": item_id,
        "vat_basis": vat_basis,
        "unread_id": unread_id,
        "note": note,
    }
    try:
        values = {
            "description": description,
            "unit": unit,
            "agreed_unit_price": _amount(price, page_language(request)) if price.strip() else "",
            "item_id": item_id,
            "vat_basis": vat_basis or "excl",
        }
        review.add_term(
            session,
            contract_id=contract_id,
            actor=actor,
            values=values,
            note=note or None,
            unread_id=int(unread_id) if unread_id.strip().isdigit() else None,
        )
    except InputError as exc:
        session.rollback()
        error = error_message(exc, page_language(request), where=False)
        return _page(request, session, contract_id, add_error=error, add_form=form, status_code=400)
    return _after_review(request, session, background, contract_id, saved="added=1#terms")


#: the form to add a price term, empty
def row_fields(text: str) -> dict[str, str]:
    """A price row not read, split into what the add-a-price form asks for: its item
    number (a code with a digit in the first cell), its unit where a cell names one, its
    price where it states exactly one amount (two or more: legal chooses), and the rest
    as its description. Only a first draft: legal checks and saves it."""
    cells = [c.strip() for c in re.split(r"\s*\|\s*|\s{3,}|\t", text) if c.strip()]
    trailing = _TRAILING_AMOUNT.fullmatch(cells[0]) if len(cells) == 1 else None
    if trailing is not None:  # one line of text ending in its amount
        cells = [trailing["text"], trailing["amount"]]
    fields = {"description": text.strip()}
    if not cells:
        return fields
    if len(cells) > 1 and re.fullmatch(r"\d{1,2}\.?", cells[0]):
        cells = cells[1:]  # a position number ("8 | Hosting ...")
    item = cells[0] if _ITEM_CODE.fullmatch(cells[0]) and not _AMOUNTS.fullmatch(cells[0]) else ""
    amounts = [c for c in cells if _AMOUNTS.fullmatch(c)]
    figures = [a for c in amounts for a in re.split(r"\s*/\s*", c) if re.search(r"\d", a)]
    unit_cells = [c for c in cells if c not in amounts and unit_of(c) is not None and len(c) < 30]
    described = [c for c in cells if c != item and c not in amounts and c not in unit_cells]
    unit = unit_of(" ".join(unit_cells)) if unit_cells else None
    fields.update(
        item_id=item,
        description=" ".join(described) or text.strip(),
        unit=unit.value if unit is not None else "",
        price=figures[0].removeprefix("kr.").removesuffix("kr.").strip()
        if len(figures) == 1
        else "",
    )
    return fields


#: an item number: letters, digits and separators, with a digit ("QX-7741", "4711-02")
_ITEM_CODE = re.compile(r"(?=[^\s]*\d)[A-Za-zÆØÅæøå]{0,8}[-./]?[\dA-Za-z][\w./-]{0,24}")
_TRAILING_AMOUNT = re.compile(
    r"(?P<text>.*?\D)\s+(?P<amount>(?:kr\.?\s*)?\d{1,3}(?:\.\d{3})*,\d{2}(?:\s*kr\.?)?)"
)
#: a cell of amounts only ("3.250,00", "kr. 1.200,00", "3.250,00 / 4.100,00")
_AMOUNT = r"(?:kr\.?\s*)?\d{1,3}(?:\.\d{3})*(?:,\d{1,2}|,-)(?:\s*kr\.?)?"
_AMOUNTS = re.compile(rf"{_AMOUNT}(?:\s*/\s*{_AMOUNT})*")

_ADD_FORM = {
    "description": "",
    "unit": "",
    "price": "",
    "item_id": "",
    "vat_basis": "excl",
    "unread_id": "",
    "note": "",
}


def _after_review(
    request: Request,
    session: Session,
    background: BackgroundTasks,
    contract_id: int,
    *,
    saved: str = "saved=1#terms",
) -> Response:
    invoice_ids = review.affected_invoice_ids(session, contract_id=contract_id)
    # a background task runs after the request's commit, so the re-check sees the review
    background.add_task(request.app.state.queue_recheck, invoice_ids)
    return RedirectResponse(f"/contracts/{contract_id}?{saved}", status_code=303)


def _page(
    request: Request,
    session: Session,
    contract_id: int,
    *,
    saved: int = 0,
    error: str | None = None,
    corrected: int = 0,
    correct_error: str | None = None,
    correct_form: dict[str, Any] | None = None,
    added: int = 0,
    add_error: str | None = None,
    add_form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    contract = repository.get(session, contract_id)
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
            "term_views": {
                t.id: evidence.page_view(
                    session,
                    contract_id,
                    f"term={t.id}",
                    evidence.Target(t.evidence_page, t.evidence_text, "term"),
                )
                for t in contract.price_terms
            },
            "clause_views": {
                c.id: evidence.page_view(
                    session,
                    contract_id,
                    f"clause={c.id}",
                    evidence.Target(c.evidence_page, c.evidence_text, "clause"),
                )
                for c in contract.clauses
            },
            "document": _get(session, Document, contract.document_id),
            "municipality": _get(session, Municipality, contract.municipality_id),
            "vendor": _get(session, Vendor, contract.vendor_id),
            "findings_per_term": findings_per_term,
            "proposed": sum(1 for t in contract.price_terms if t.review_state == "proposed"),
            "preliminary_findings": repository.preliminary_findings(
                session, contract_id=contract_id
            ),
            "saved": bool(saved),
            "error": error,
            "history": review.history(session, contract_id=contract_id),
            "term_names": {str(t.id): t.item_id or t.description for t in contract.price_terms},
            "corrected": bool(corrected),
            "correct_error": correct_error,
            "added": bool(added),
            "add_error": add_error,
            "add_form": add_form or _ADD_FORM,
            "add_open": add_form is not None,
            "units": [u.value for u in Unit],
            "correct_form": correct_form
            or {
                "effective_date": _iso(contract.effective_date),
                "expiry_date": _iso(contract.expiry_date),
                "payment_days": "" if contract.payment_days is None else contract.payment_days,
                "mfn": contract.mfn,
                "note": "",
            },
        },
        status_code=status_code,
    )


# ------------------------------------------------------------------------------ API
@api.post(
    "/{term_id}/review",
    response_model=TermOut,
    summary="Review a price term",
    responses=CHANGE_ERRORS,
)
def api_term_review(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    term_id: TermId,
    body: Annotated[TermReviewIn, examples_of(TermReviewIn)],
) -> TermOut:
    """Confirm, reject or correct an extracted price term (a corrected term counts as
    confirmed). The contract's invoices are queued for a re-check after the commit."""
    term = review.get_term(session, term_id)
    _apply(
        session,
        term=term,
        action=body.action,
        actor=actor,
        note=body.note,
        changes=body.changes,
    )
    invoice_ids = review.affected_invoice_ids(session, contract_id=term.contract_id)
    background.add_task(request.app.state.queue_recheck, invoice_ids)
    return TermOut(
        id=term.id,
        contract_id=term.contract_id,
        item_id=term.item_id,
        description=term.description,
        unit=term.unit,
        agreed_unit_price=str(term.agreed_unit_price),
        review_state=term.review_state,
        reviewed_by=term.reviewed_by,
        invoices_queued=len(invoice_ids),
    )


# ---------------------------------------------------------------------------- helpers
def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _apply(
    session: Session,
    *,
    term: PriceTerm,
    action: str,
    actor: str,
    note: str | None,
    changes: dict[str, Any],
) -> None:
    actor = review.reviewer(actor)
    if action == "confirm":
        review.set_review_state(session, term_id=term.id, state="confirmed", actor=actor, note=note)
    elif action == "reject":
        review.set_review_state(session, term_id=term.id, state="rejected", actor=actor, note=note)
    elif action == "correct":
        if not changes:
            raise InputError("nothing to correct", da="intet at rette", field="changes")
        review.correct_term(session, term_id=term.id, actor=actor, changes=changes, note=note)
    else:
        raise InputError(
            f"unknown action {action!r}; use confirm, reject or correct", field="action"
        )


def _term_of(session: Session, contract_id: int, term_id: int) -> PriceTerm:
    term = review.get_term(session, term_id)
    if term.contract_id != contract_id:
        raise NotFound(
            f"price term {term_id} is not part of contract {contract_id}",
            key="error.term.other_contract",
            params={"term": term_id, "contract": contract_id},
        )
    return term


def _amount(text: str, lang: str) -> str:
    if not text.strip():
        raise InputError(
            "the agreed unit price cannot be empty",
            da="den aftalte enhedspris må ikke være tom",
            field="agreed_unit_price",
        )
    try:
        return str(parse_amount(text, locale=lang))
    except ValueError:
        raise InputError(
            f"{text!r} is not an amount", da=f"{text!r} er ikke et beløb", field="agreed_unit_price"
        ) from None


def _get(session: Session, model: Any, key: int | None) -> Any:
    return session.get(model, key) if key is not None else None

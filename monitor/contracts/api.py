"""Contracts in the JSON API: the list with filters, one contract with its price terms
and clauses, and legal's correction of what the reading got wrong of the contract
itself. (Reviewing a term is ``POST /api/v1/terms/{term_id}/review``.)"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from monitor.contracts import repository, review
from monitor.contracts.models import Contract
from monitor.contracts.schemas import (
    ClauseOut,
    ContractCorrectedOut,
    ContractDetailOut,
    ContractHistoryEntryOut,
    ContractOut,
    ContractQuery,
    PriceTermAddedOut,
    PriceTermOut,
    UnreadPriceOut,
)
from monitor.errors import NotFound
from monitor.schemas import Page
from monitor.web.api import (
    CHANGE_ERRORS,
    DEFAULT_LIMIT,
    ERRORS,
    V1,
    ContractId,
    Limit,
    Offset,
    count,
    examples_of,
    page_of,
)
from monitor.web.deps import DbSession
from monitor.web.security import Actor

api = APIRouter(prefix=f"{V1}/contracts", tags=["contracts"], responses=ERRORS)


@api.get("", response_model=Page[ContractOut], summary="List contracts")
def api_list(
    request: Request,
    session: DbSession,
    query: Annotated[ContractQuery, Query()],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[ContractOut]:
    """Contracts matching the filters, in id order."""
    stmt = repository.api_listing(query)
    rows = session.execute(stmt.limit(limit).offset(offset))
    items = [ContractOut(**repository.api_listed(row)) for row in rows]
    return Page[ContractOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get(
    "/{contract_id}",
    response_model=ContractDetailOut,
    summary="One contract with its price terms and clauses",
)
def api_get(session: DbSession, contract_id: ContractId) -> ContractDetailOut:
    row = session.execute(
        repository.api_listing(ContractQuery()).where(Contract.id == contract_id)
    ).first()
    if row is None:
        raise NotFound(
            f"contract {contract_id} does not exist",
            key="error.missing.contract",
            params={"id": contract_id},
        )
    c: Contract = row[0]
    return ContractDetailOut(
        **repository.api_listed(row),
        terms=[PriceTermOut.model_validate(t) for t in c.price_terms],
        clauses=[ClauseOut.model_validate(cl) for cl in c.clauses],
        term_months=c.term_months,
        renewal=c.renewal,
        termination_notice_months=c.termination_notice_months,
        warnings=list(c.warnings or []),
        review_reasons=list(c.review_reasons or []),
        unread_prices=[UnreadPriceOut.model_validate(u) for u in c.unread_prices],
        unassigned_reason=c.unassigned_reason,
        reviewed_by=c.reviewed_by,
        reviewed_at=c.reviewed_at,
    )


@api.get(
    "/{contract_id}/history",
    response_model=list[ContractHistoryEntryOut],
    summary="A contract's review and corrections",
)
def api_history(session: DbSession, contract_id: ContractId) -> list[ContractHistoryEntryOut]:
    """Every step of the contract's review, oldest first: corrections of its period,
    payment days or most-favoured-customer clause, its confirmation, and the review or
    correction of each of its price terms, with who, when, the note and each changed
    field's value before and after (what the contract page shows)."""
    return [
        ContractHistoryEntryOut.model_validate(entry)
        for entry in review.history_entries(session, contract_id=contract_id)
    ]


class ContractCorrectionIn(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"changes": {"effective_date": "2025-01-01"}, "note": "Kontraktens punkt 3"},
                {"changes": {"expiry_date": None, "payment_days": 30, "mfn": True}},
            ]
        }
    )

    changes: dict[str, Any] = Field(
        description="any of effective_date, expiry_date (ISO dates; null for none), "
        "payment_days (whole days, 0-365; null for none), mfn (true or false), buyer_cvr, "
        "vendor_cvr (eight digits: the contract is assigned to the registered parties again)"
    )
    note: str | None = None


@api.post(
    "/{contract_id}/correct",
    response_model=ContractCorrectedOut,
    summary="Correct a contract's period, payment days, most-favoured-customer clause or parties",
    responses=CHANGE_ERRORS,
)
def api_correct(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: ContractId,
    body: Annotated[ContractCorrectionIn, examples_of(ContractCorrectionIn)],
) -> ContractCorrectedOut:
    """Correct what the reading got wrong of the contract itself (only the fields given;
    a field already so is an error if nothing else changes). Recorded in the audit log
    with the values before and after; the contract's invoices are queued for a re-check
    after the commit. Confirming the contract as reviewed stays a step of its own."""
    # a party corrected: the invoices of the pair it was linked to are re-checked too
    before = review.affected_invoice_ids(session, contract_id=contract_id)
    review.correct_contract(
        session,
        contract_id=contract_id,
        actor=review.reviewer(actor),
        changes=body.changes,
        note=body.note,
    )
    session.flush()
    after = review.affected_invoice_ids(session, contract_id=contract_id)
    invoice_ids = sorted({*before, *after})
    background.add_task(request.app.state.queue_recheck, invoice_ids)
    row = session.execute(
        repository.api_listing(ContractQuery()).where(Contract.id == contract_id)
    ).one()
    return ContractCorrectedOut(**repository.api_listed(row), invoices_queued=len(invoice_ids))


class PriceTermIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "item_id": "SRV-2",
                    "description": "Serverdrift pr. server",
                    "unit": "month",
                    "agreed_unit_price": "1250.00",
                    "note": "Bilag 2, punkt 4",
                },
                {
                    "description": "Vinduespudsning",
                    "unit": "piece",
                    "agreed_unit_price": "450.00",
                    "unread_id": 7,
                },
            ]
        },
    )

    description: str = Field(min_length=1, max_length=2000)
    unit: str = Field(description="month, year, user_month, hour, piece, ...")
    agreed_unit_price: str = Field(description="a decimal string, e.g. 1250.00")
    item_id: str | None = Field(None, max_length=100)
    currency: str | None = Field(None, description="three letters; the contract's if none")
    vat_basis: str | None = Field(None, description="excl (default) or incl")
    tier_min: str | None = None
    tier_max: str | None = None
    valid_from: str | None = Field(None, description="YYYY-MM-DD")
    valid_to: str | None = Field(None, description="YYYY-MM-DD")
    unread_id: int | None = Field(
        None, description="the price row not read this term is read from (its evidence)"
    )
    note: str | None = None


@api.post(
    "/{contract_id}/terms",
    response_model=PriceTermAddedOut,
    status_code=201,
    summary="Add a price term the reading did not read",
    responses=CHANGE_ERRORS,
)
def api_add_term(
    request: Request,
    session: DbSession,
    actor: Actor,
    background: BackgroundTasks,
    contract_id: ContractId,
    body: Annotated[PriceTermIn, examples_of(PriceTermIn)],
) -> PriceTermAddedOut:
    """A price legal read from the contract where the reading did not (a price row not
    read, a price in a sentence). It counts as confirmed by the one adding it and is in
    the contract's history; given ``unread_id``, that row's page and text become its
    evidence and the row leaves the list of rows not read. A term of the same item,
    unit, tier and validity is refused (correct that one). The contract's invoices are
    queued for a re-check after the commit."""
    values = body.model_dump(exclude={"unread_id", "note"}, exclude_none=True)
    term = review.add_term(
        session,
        contract_id=contract_id,
        actor=actor,
        values=values,
        note=body.note,
        unread_id=body.unread_id,
    )
    invoice_ids = review.affected_invoice_ids(session, contract_id=contract_id)
    background.add_task(request.app.state.queue_recheck, invoice_ids)
    return PriceTermAddedOut.model_validate(
        {**PriceTermOut.model_validate(term).model_dump(), "contract_id": contract_id,
         "reviewed_by": term.reviewed_by, "invoices_queued": len(invoice_ids)}
    )  # fmt: skip

"""Contracts in the JSON API: the list with filters, and one contract with its price
terms and clauses. (Reviewing a term is ``POST /api/v1/terms/{term_id}/review``.)"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from monitor.contracts import repository
from monitor.contracts.models import Contract
from monitor.contracts.schemas import (
    ClauseOut,
    ContractDetailOut,
    ContractOut,
    ContractQuery,
    PriceTermOut,
)
from monitor.errors import NotFound
from monitor.schemas import Page
from monitor.web.api import DEFAULT_LIMIT, ERRORS, V1, ContractId, Limit, Offset, count, page_of
from monitor.web.deps import DbSession

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
        unassigned_reason=c.unassigned_reason,
        reviewed_by=c.reviewed_by,
        reviewed_at=c.reviewed_at,
    )

"""Parties in the JSON API: municipalities (with their EANs), their contacts (personal
data: admins only, by the policy) and vendors. A municipality outside the caller's
scope is as absent as one that does not exist."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from monitor.errors import NotFound
from monitor.parties.models import Contact, Municipality, Vendor
from monitor.parties.schemas import ContactOut, EanOut, MunicipalityOut, VendorOut
from monitor.schemas import Page
from monitor.web.api import (
    DEFAULT_LIMIT,
    ERRORS,
    V1,
    Limit,
    MunicipalityCode,
    Offset,
    VendorCvr,
    count,
    page_of,
)
from monitor.web.deps import DbSession

api = APIRouter(prefix=V1, tags=["parties"], responses=ERRORS)


def _municipality_out(m: Municipality) -> MunicipalityOut:
    return MunicipalityOut(
        code=m.code,
        name=m.name,
        cvr=m.cvr,
        population=m.population,
        population_year=m.population_year,
        eans=[EanOut.model_validate(e) for e in sorted(m.eans, key=lambda e: e.ean)],
    )


def _municipality(session: DbSession, code: str) -> Municipality:
    found = session.scalar(
        select(Municipality)
        .options(selectinload(Municipality.eans))
        .where(Municipality.code == code)
    )
    if found is None:
        raise NotFound(
            f"municipality {code} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.code"}, "id": code},
        )
    return found


@api.get("/municipalities", response_model=Page[MunicipalityOut], summary="List municipalities")
def municipalities(
    request: Request, session: DbSession, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Page[MunicipalityOut]:
    """The municipalities the caller may see, by kommunekode."""
    stmt = select(Municipality).order_by(Municipality.code, Municipality.id)
    rows = session.scalars(
        stmt.options(selectinload(Municipality.eans)).limit(limit).offset(offset)
    )
    items = [_municipality_out(m) for m in rows]
    return Page[MunicipalityOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get("/municipalities/{code}", response_model=MunicipalityOut, summary="One municipality")
def municipality(session: DbSession, code: MunicipalityCode) -> MunicipalityOut:
    return _municipality_out(_municipality(session, code))


@api.get(
    "/municipalities/{code}/contacts",
    response_model=Page[ContactOut],
    summary="A municipality's contacts (admins)",
)
def contacts(
    request: Request,
    session: DbSession,
    code: MunicipalityCode,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[ContactOut]:
    """Who the municipality's alerts go to, by role and email."""
    found = _municipality(session, code)
    stmt = (
        select(Contact)
        .where(Contact.municipality_id == found.id)
        .order_by(Contact.role, Contact.email, Contact.id)
    )
    items = [
        ContactOut.model_validate(c) for c in session.scalars(stmt.limit(limit).offset(offset))
    ]
    return Page[ContactOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get("/vendors", response_model=Page[VendorOut], summary="List vendors")
def vendors(
    request: Request, session: DbSession, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Page[VendorOut]:
    """Every registered vendor (vendors are shared by all municipalities), by name."""
    stmt = select(Vendor).order_by(Vendor.name, Vendor.id)
    items = [VendorOut.model_validate(v) for v in session.scalars(stmt.limit(limit).offset(offset))]
    return Page[VendorOut](
        **page_of(request, items, total=count(session, stmt), limit=limit, offset=offset)
    )


@api.get("/vendors/{cvr}", response_model=VendorOut, summary="One vendor")
def vendor(session: DbSession, cvr: VendorCvr) -> VendorOut:
    found = session.scalar(select(Vendor).where(Vendor.cvr == cvr))
    if found is None:
        raise NotFound(
            f"vendor {cvr} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.vendor_id"}, "id": cvr},
        )
    return VendorOut.model_validate(found)

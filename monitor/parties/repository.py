"""Queries about municipalities, vendors and contacts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor


def municipality_by_code(session: Session, code: str) -> Municipality | None:
    return session.scalar(select(Municipality).where(Municipality.code == code))


def municipality_by_cvr(session: Session, cvr: str) -> Municipality | None:
    return session.scalar(select(Municipality).where(Municipality.cvr == cvr))


def municipality_by_ean(session: Session, ean: str) -> Municipality | None:
    return session.scalar(
        select(Municipality).join(MunicipalityEan).where(MunicipalityEan.ean == ean)
    )


def municipality_by_name(session: Session, name: str) -> Municipality | None:
    """ "Københavns Kommune", "København" and "Kobenhavns kommune " name one municipality."""
    wanted = _bare_name(name)
    return next((m for m in all_municipalities(session) if _bare_name(m.name) == wanted), None)


def _bare_name(name: str) -> str:
    return name.lower().replace("kommune", "").strip(" s")


def vendor_by_cvr(session: Session, cvr: str) -> Vendor | None:
    return session.scalar(select(Vendor).where(Vendor.cvr == cvr))


def contacts_of(session: Session, municipality_id: int, role: str | None = None) -> list[Contact]:
    stmt = select(Contact).where(Contact.municipality_id == municipality_id, Contact.active)
    if role:
        stmt = stmt.where(Contact.role == role)
    return list(session.scalars(stmt.order_by(Contact.id)))


def all_municipalities(session: Session) -> list[Municipality]:
    return list(session.scalars(select(Municipality).order_by(Municipality.code)))


def all_vendors(session: Session) -> list[Vendor]:
    return list(session.scalars(select(Vendor).order_by(Vendor.name)))

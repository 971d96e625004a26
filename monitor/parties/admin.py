"""Admin changes to parties from the web: a municipality's contacts and EAN numbers,
vendors, and the parties CSV. Validated with the same rules as the CSV import
(``PartyRow``); every change is audited. Never commits.

Registering an EAN, a vendor or a CSV can resolve invoices left ``unassigned``; the
callers get those invoice ids back to queue their check after the commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from monitor.audit.models import AuditEntry
from monitor.audit.service import record
from monitor.auth.scope import UNSCOPED
from monitor.errors import InputError, NotFound
from monitor.invoices.models import Invoice
from monitor.parties import repository
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from monitor.parties.schemas import PartyRow, ean_check_digit
from monitor.parties.service import (
    ImportReport,
    import_parties,
    pick_up_waiting,
    read_parties_csv,
    upsert_vendor,
)

ROLES = ("finance", "legal")
LANGUAGES = ("da", "en")
SEVERITIES = ("low", "medium", "high", "critical")
RECENT_CHANGES = 15


@dataclass(slots=True)
class PartiesOverview:
    municipalities: list[Municipality]
    vendors: list[Vendor]
    unassigned: int
    changes: list[AuditEntry] = field(default_factory=list)


@dataclass(slots=True)
class CsvImport:
    report: ImportReport
    assigned: list[int] = field(default_factory=list)


def overview(session: Session) -> PartiesOverview:
    municipalities = session.scalars(
        select(Municipality)
        .options(selectinload(Municipality.eans), selectinload(Municipality.contacts))
        .order_by(Municipality.code)
    )
    vendors = session.scalars(select(Vendor).order_by(Vendor.name))
    unassigned = session.scalar(
        select(func.count(Invoice.id)).where(Invoice.status == "unassigned")
    )
    changes = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity.in_(("municipality", "vendor", "parties")))
        .order_by(AuditEntry.id.desc())
        .limit(RECENT_CHANGES)
    )
    return PartiesOverview(list(municipalities), list(vendors), unassigned or 0, list(changes))


def import_csv(session: Session, *, text: str, filename: str, actor: str) -> CsvImport:
    """The parties CSV, validated whole before anything is stored (InputError names the
    line and field); then unassigned invoices are resolved again."""
    rows = read_parties_csv(text, filename=filename)
    report = import_parties(session, rows=rows)
    record(
        session,
        actor=actor,
        action="parties.imported",
        entity="parties",
        entity_id=filename,
        details={
            "municipalities": report.municipalities,
            "vendors": report.vendors,
            "contacts": report.contacts,
        },
    )
    return CsvImport(report, pick_up_waiting(session).to_check)


def add_vendor(session: Session, *, cvr: str, name: str, actor: str) -> list[int]:
    row = _valid(kind="vendor", name=name.strip(), cvr=cvr.strip())
    if not row.cvr:
        raise InputError("a vendor needs its CVR number", field="cvr", key="error.party.vendor_cvr")
    existed = repository.vendor_by_cvr(session, row.cvr) is not None
    vendor = upsert_vendor(session, cvr=row.cvr, name=row.name)
    session.flush()
    record(
        session,
        actor=actor,
        action="vendor.updated" if existed else "vendor.added",
        entity="vendor",
        entity_id=vendor.cvr,
        details={"name": vendor.name},
    )
    return pick_up_waiting(session).to_check


def add_ean(
    session: Session, *, code: str, ean: str, department: str | None, actor: str
) -> list[int]:
    muni = _municipality(session, code)
    typed = ean.strip()
    if re.fullmatch(r"\d{13}", typed) and int(typed[12]) != ean_check_digit(typed[:12]):
        raise InputError(
            f"EAN {typed} has a wrong check digit: with these first 12 digits it ends in "
            f"{ean_check_digit(typed[:12])} (a digit mistyped?)",
            field="ean",
            key="error.party.ean_check",
            params={"ean": typed, "digit": ean_check_digit(typed[:12])},
        )
    row = _valid(kind="municipality", code=code, name=muni.name, ean=typed)
    number = row.ean[0] if row.ean else ""
    if not number:
        raise InputError("type the 13-digit EAN number", field="ean", key="error.party.ean")
    # an EAN is unique over every municipality: look across them (an admin of one does
    # not see the others'), and name the holder only when the admin may see it
    taken = session.scalar(
        select(MunicipalityEan.municipality_id).where(MunicipalityEan.ean == number),
        execution_options={UNSCOPED: True},
    )
    if taken is not None:
        owner = session.scalar(select(MunicipalityEan).where(MunicipalityEan.ean == number))
        if owner is None:  # held by a municipality outside the admin's own
            raise InputError(
                f"EAN {number} is already registered to another municipality",
                field="ean",
                key="error.party.ean_taken_elsewhere",
                params={"ean": number},
            )
        held_by = owner.municipality.name
        raise InputError(
            f"EAN {number} is already registered to {held_by}",
            field="ean",
            key="error.party.ean_taken",
            params={"ean": number, "holder": held_by},
        )
    muni.eans.append(MunicipalityEan(ean=number, department=(department or "").strip() or None))
    session.flush()
    record(
        session,
        actor=actor,
        action="municipality.ean_added",
        entity="municipality",
        entity_id=muni.code,
        details={"ean": number, "department": department or None},
    )
    return pick_up_waiting(session).to_check


def set_benchmark_named(session: Session, *, code: str, named: bool, actor: str) -> Municipality:
    """Let the other municipalities see this municipality's name in the price benchmark
    (``named``), or show it to them anonymised again. Only within the actor's scope: the
    municipality of another admin is not found."""
    muni = _municipality(session, code)
    if muni.benchmark_named != named:
        muni.benchmark_named = named
        session.flush()
        record(
            session,
            actor=actor,
            action="municipality.benchmark_named" if named else "municipality.benchmark_anonymous",
            entity="municipality",
            entity_id=muni.code,
            details={"benchmark_named": named},
        )
    return muni


def remove_ean(session: Session, *, ean_id: int, actor: str) -> None:
    ean = session.get(MunicipalityEan, ean_id)
    if ean is None:
        raise NotFound(
            f"EAN {ean_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.ean_id"}, "id": ean_id},
        )
    record(
        session,
        actor=actor,
        action="municipality.ean_removed",
        entity="municipality",
        entity_id=ean.municipality.code,
        details={"ean": ean.ean},
    )
    session.delete(ean)
    session.flush()


def add_contact(session: Session, *, code: str, actor: str, **values: Any) -> Contact:
    muni = _municipality(session, code)
    clean = _contact_values(muni, values)
    if any(c.role == clean["role"] and c.email == clean["email"] for c in muni.contacts):
        raise InputError(
            f"{clean['email']} is already a {clean['role']} contact",
            field="email",
            key="error.party.contact_exists",
            params={"email": clean["email"], "role": {"key": f"role.{clean['role']}"}},
        )
    contact = Contact(**clean)
    muni.contacts.append(contact)
    session.flush()
    record(
        session,
        actor=actor,
        action="contact.added",
        entity="municipality",
        entity_id=muni.code,
        details=clean,
    )
    return contact


def update_contact(session: Session, *, contact_id: int, actor: str, **values: Any) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(
            f"contact {contact_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.contact_id"}, "id": contact_id},
        )
    clean = _contact_values(contact.municipality, values)
    before = {k: getattr(contact, k) for k in clean}
    for key, value in clean.items():
        setattr(contact, key, value)
    session.flush()
    changed = {k: [before[k], v] for k, v in clean.items() if before[k] != v}
    record(
        session,
        actor=actor,
        action="contact.updated",
        entity="municipality",
        entity_id=contact.municipality.code,
        details={"contact": contact.id, "email": contact.email, "changed": changed},
    )
    return contact


def _contact_values(muni: Municipality, values: dict[str, Any]) -> dict[str, Any]:
    role = values.get("role") or "finance"
    if role not in ROLES:
        raise InputError(
            f"role must be one of {', '.join(ROLES)}",
            field="role",
            key="validation.literal_error",
            params={"limit": ", ".join(ROLES)},
        )
    email = (values.get("email") or "").strip()
    if not email:
        raise InputError(
            "type the contact's email address", field="email", key="error.party.contact_email"
        )
    _valid(kind="municipality", code=muni.code, name=muni.name, finance_email=email)
    language = values.get("language") or "da"
    if language not in LANGUAGES:
        raise InputError(
            f"language must be one of {', '.join(LANGUAGES)}",
            field="language",
            key="validation.literal_error",
            params={"limit": ", ".join(LANGUAGES)},
        )
    severity = values.get("immediate_min_severity") or "medium"
    if severity not in SEVERITIES:
        raise InputError(
            f"severity must be one of {', '.join(SEVERITIES)}",
            field="immediate_min_severity",
            key="validation.literal_error",
            params={"limit": ", ".join(SEVERITIES)},
        )
    return {
        "role": role,
        "email": email,
        "name": (values.get("name") or "").strip() or None,
        "language": language,
        "immediate_min_severity": severity,
        "active": bool(values.get("active", True)),
    }


def _municipality(session: Session, code: str) -> Municipality:
    muni = repository.municipality_by_code(session, code)
    if muni is None:
        raise NotFound(
            f"municipality {code} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.code"}, "id": code},
        )
    return muni


def _valid(**values: Any) -> PartyRow:
    """The values checked as a parties CSV row would be; InputError names the field."""
    try:
        return PartyRow.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
        field_name = "email" if where.endswith("_email") else where
        raise InputError(err["msg"].removeprefix("Value error, "), field=field_name) from None

"""Registering municipalities, vendors and contacts (from the parties CSV)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.errors import InputError
from monitor.parties import repository
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from monitor.parties.schemas import PARTIES_CSV_HEADER, PartyRow


@dataclass(slots=True)
class PickedUp:
    """What registering parties unblocked: waiting invoices and contracts now linked, and
    the invoices to check (those, and the invoices under those contracts)."""

    invoices: list[int]
    contracts: list[int]
    to_check: list[int]


def pick_up_waiting(session: Session) -> PickedUp:
    """Link contracts and invoices that waited for a party just registered. Never commits."""
    from monitor.contracts.review import affected_invoice_ids
    from monitor.contracts.service import reassign_unassigned as reassign_contracts
    from monitor.invoices.service import reassign_unassigned as reassign_invoices

    contracts = reassign_contracts(session)
    invoices = reassign_invoices(session)
    to_check = set(invoices)
    for contract_id in contracts:
        to_check.update(affected_invoice_ids(session, contract_id=contract_id))
    return PickedUp(invoices, contracts, sorted(to_check))


@dataclass(slots=True)
class ImportReport:
    municipalities: int = 0
    vendors: int = 0
    contacts: int = 0


def read_parties_csv(text: str, *, filename: str) -> list[PartyRow]:
    """Validate the whole file first, so a bad row stores nothing. Errors name the line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if header != PARTIES_CSV_HEADER:
        missing = [h for h in PARTIES_CSV_HEADER if h not in header]
        raise InputError(
            f"the header must be {','.join(PARTIES_CSV_HEADER)}"
            + (f"; missing {', '.join(missing)}" if missing else f"; got {','.join(header)}"),
            file=filename,
            line=1,
        )
    rows: list[PartyRow] = []
    eans: dict[str, tuple[str | None, int]] = {}
    for number, raw in enumerate(reader, start=2):
        values = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        try:
            row = PartyRow.model_validate(values)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise InputError(
                err["msg"], file=filename, line=number, field=".".join(str(p) for p in err["loc"])
            ) from None
        if row.kind == "municipality" and not row.code:
            raise InputError(
                "a municipality needs its kommunekode", file=filename, line=number, field="code"
            )
        if row.kind == "vendor" and not row.cvr:
            raise InputError(
                "a vendor needs its CVR number", file=filename, line=number, field="cvr"
            )
        for ean in row.ean:  # one EAN number is one municipality's
            first = eans.setdefault(ean, (row.code, number))
            if first[0] != row.code:
                raise InputError(
                    f"EAN {ean} is already municipality {first[0]}'s (line {first[1]})",
                    file=filename,
                    line=number,
                    field="ean",
                )
        rows.append(row)
    return rows


def import_parties(session: Session, *, rows: list[PartyRow]) -> ImportReport:
    """Create or update each party (municipality by code, vendor by CVR). Never commits."""
    report = ImportReport()
    for row in rows:
        if row.kind == "vendor":
            upsert_vendor(session, cvr=row.cvr or "", name=row.name)
            report.vendors += 1
        else:
            report.contacts += _upsert_municipality(session, row)
            report.municipalities += 1
    session.flush()
    return report


def upsert_vendor(session: Session, *, cvr: str, name: str) -> Vendor:
    vendor = repository.vendor_by_cvr(session, cvr)
    if vendor is None:
        vendor = Vendor(cvr=cvr, name=name)
        session.add(vendor)
    else:
        vendor.name = name
    return vendor


def _upsert_municipality(session: Session, row: PartyRow) -> int:
    assert row.code
    muni = repository.municipality_by_code(session, row.code)
    if muni is None:
        muni = Municipality(code=row.code, name=row.name)
        session.add(muni)
    muni.name = row.name
    muni.cvr = row.cvr or muni.cvr
    muni.population = row.population if row.population is not None else muni.population
    known = {e.ean for e in muni.eans}
    for ean in row.ean:
        if ean in known:
            continue
        held = session.scalar(select(MunicipalityEan).where(MunicipalityEan.ean == ean))
        if held is not None and held.municipality_id != muni.id:
            owner = session.get(Municipality, held.municipality_id)
            raise InputError(
                f"EAN {ean} is already registered to municipality "
                f"{owner.code if owner else held.municipality_id}; a number is one "
                "municipality's (nothing was imported)",
                field="ean",
            )
        muni.eans.append(MunicipalityEan(ean=ean))
        known.add(ean)  # listed twice (in one row, or in two of the municipality's rows)
    added = 0
    existing = {(c.role, c.email) for c in muni.contacts}
    for role, email in (("finance", row.finance_email), ("legal", row.legal_email)):
        if email and (role, email) not in existing:
            muni.contacts.append(Contact(role=role, email=email))
            added += 1
    return added

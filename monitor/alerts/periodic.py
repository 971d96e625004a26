"""Alerts that the calendar triggers: the daily digest and contract reminders.

Both only queue alert rows (idempotent through ``dedup_key``); ``dispatch`` sends them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.alerts import keys, recipients
from monitor.alerts import repository as repo
from monitor.alerts.models import Alert
from monitor.alerts.recipients import Recipient
from monitor.alerts.service import new_alert
from monitor.contracts.models import Contract, ContractClause
from monitor.contracts.service import indexation_of
from monitor.findings.models import Finding
from monitor.parties.models import Contact, Municipality, Vendor

DIGEST_LOOKBACK_DAYS = 7


def queue_digests(
    session: Session, *, day: date, lookback_days: int = DIGEST_LOOKBACK_DAYS
) -> list[Alert]:
    """One digest per municipality recipient for ``day`` (contacts and finance users,
    ``monitor.alerts.recipients``): the open, active findings of the last
    ``lookback_days`` up to the end of ``day`` that the recipient has not had in a
    digest and takes in the digest (not at once, not off). Never commits; idempotent."""
    until = datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)
    since = until - timedelta(days=lookback_days)
    findings = repo.open_findings_since(session, since=since, until=until)
    if not findings:
        return []
    by_municipality: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.municipality_id is not None:
            by_municipality[f.municipality_id].append(f)
    everyone = recipients.recipients(session, by_municipality)
    done = repo.already_linked(session, finding_ids=[f.id for f in findings], kind="digest")
    codes = {mid: code for mid, code in session.execute(select(Municipality.id, Municipality.code))}
    planned: list[tuple[Recipient, list[int], str]] = []
    for municipality_id, items in by_municipality.items():
        for person in everyone.get(municipality_id, []):
            chosen = [
                f.id
                for f in items
                if (f.id, person.email) not in done and person.delivery(f.severity) == "digest"
            ]
            if chosen:
                key = keys.digest(codes[municipality_id], person.role, person.email, day)
                planned.append((person, chosen, key))
                # the same address may be both finance and legal: one digest entry per finding
                done.update((fid, person.email) for fid in chosen)
    existing = repo.existing_dedup_keys(session, [key for _, _, key in planned])
    alerts = []
    for person, finding_ids, key in planned:
        if key in existing:
            continue  # today's digest went out already; these wait for tomorrow's
        alert = new_alert(person, kind="digest", dedup_key=key, finding_ids=finding_ids)
        session.add(alert)
        alerts.append(alert)
    session.flush()
    return alerts


def next_indexation_date(contract: Contract, params: dict[str, Any], *, today: date) -> date | None:
    """The next date (>= today) on which the vendor may adjust prices: the first of the
    adjustment month once the fixed-price period is over, or else each anniversary of
    the end of the fixed period."""
    if contract.effective_date is None:
        return None
    fixed = int(params.get("fixed_months") or 0)
    earliest = _add_months(contract.effective_date, fixed)
    month = params.get("adjust_month")
    if month:
        candidate = date(max(today.year, earliest.year), int(month), 1)
        while candidate < today or candidate < earliest:
            candidate = date(candidate.year + 1, int(month), 1)
        return candidate
    step = int(params.get("frequency_months") or 12)
    candidate = earliest
    while candidate < today:
        candidate = _add_months(candidate, step)
    return candidate


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def queue_reminders(session: Session, *, today: date, days_ahead: int = 30) -> list[Alert]:
    """Remind the municipality's contacts of contract expiry and of indexation dates that
    fall within ``days_ahead`` days. Each (event, contract, date, recipient) once."""
    horizon = today + timedelta(days=days_ahead)
    contracts = list(
        session.scalars(
            select(Contract).where(
                Contract.status == "active", Contract.municipality_id.is_not(None)
            )
        )
    )
    events: list[tuple[str, Contract, date]] = []
    for contract in contracts:
        if contract.expiry_date and today <= contract.expiry_date <= horizon:
            events.append(("expiry", contract, contract.expiry_date))
    clauses = session.execute(
        select(ContractClause, Contract)
        .join(Contract, ContractClause.contract_id == Contract.id)
        .where(
            ContractClause.kind == "indexation",
            Contract.status == "active",
            Contract.municipality_id.is_not(None),
        )
    )
    for clause, contract in clauses:
        if indexation_of(clause.params) is None:
            continue  # the prices are fixed: no adjustment to remind of
        when = next_indexation_date(contract, clause.params or {}, today=today)
        if when and when <= horizon and (not contract.expiry_date or when <= contract.expiry_date):
            events.append(("indexation", contract, when))
    contacts = repo.active_contacts(session, (c.municipality_id for _, c, _ in events))
    planned: dict[str, tuple[Contact, str]] = {}
    for event, contract, when in events:
        for contact in contacts.get(contract.municipality_id or -1, []):
            key = keys.reminder(event, contract.id, when, contact.email)
            planned.setdefault(key, (contact, key))
    existing = repo.existing_dedup_keys(session, list(planned))
    alerts = []
    for key, (contact, _) in planned.items():
        if key not in existing:
            alert = new_alert(contact, kind="reminder", dedup_key=key, finding_ids=[])
            session.add(alert)
            alerts.append(alert)
    session.flush()
    return alerts


def reminder_payload(session: Session, alert: Alert, *, base_url: str) -> dict[str, Any]:
    """What a reminder email says, read back from its key and the contract."""
    event, contract_id, when = keys.parse_reminder(alert.dedup_key)
    contract = session.get(Contract, contract_id)
    vendor = session.get(Vendor, contract.vendor_id) if contract and contract.vendor_id else None
    index = None
    if contract is not None and event == "indexation":
        clause = session.scalars(
            select(ContractClause).where(
                ContractClause.contract_id == contract_id, ContractClause.kind == "indexation"
            )
        ).first()
        index = (clause.params or {}).get("index") if clause else None
    created = alert.created_at.date() if alert.created_at else date.today()
    return {
        "event": event,
        "contract_id": contract_id,
        "vendor": (vendor.name if vendor else None) or (contract.vendor_name if contract else None),
        "title": (contract.title or contract.contract_number) if contract else None,
        "date": when.isoformat(),
        "days": max(0, (when - created).days),
        "index": index,
        "link": f"{base_url}/contracts/{contract_id}",
    }

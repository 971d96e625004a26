"""Checking invoices: evaluate the rules, store findings once, queue their alerts.

Re-checking never duplicates a finding (``dedup_key``). Open findings are updated to
what the rules say now; reviewed ones (confirmed, dismissed, resolved) stay as
legal left them; an open finding the rules no longer produce is withdrawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

import rules
from monitor.db import utcnow
from monitor.findings.context import ContextBuilder
from monitor.findings.models import Finding
from monitor.invoices import repository as invoices_repo
from monitor.invoices.models import Invoice
from monitor.rulesets.service import current_configs
from rules.types import RuleFinding

REVIEWED = ("confirmed", "dismissed", "resolved")


@dataclass(slots=True)
class CheckResult:
    invoices: int = 0
    created: list[int] = field(default_factory=list)
    updated: int = 0
    withdrawn: int = 0
    alert_ids: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def check_invoice(session: Session, *, invoice_id: int, today: date | None = None) -> CheckResult:
    return check_invoices(session, invoice_ids=[invoice_id], today=today)


def check_invoices(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None = None,
    allow_unconfirmed_terms: bool | None = None,
    queue_alerts: bool = True,
) -> CheckResult:
    """Evaluate the current rule set on these invoices and store the findings. Never commits."""
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    today = today or date.today()
    configs = current_configs(session)
    versions = {c.rule_id: c.version for c in configs}
    builder = ContextBuilder(session, today=today, allow_unconfirmed_terms=allow_unconfirmed_terms)
    result = CheckResult()
    new_findings: list[Finding] = []
    for invoice in invoices_repo.with_lines(session, invoice_ids):
        if invoice.vendor_id is None or invoice.municipality_id is None:
            result.skipped.append(f"invoice {invoice.number}: {invoice.unassigned_reason}")
            continue
        ctx, contract = builder.build(invoice)
        produced = rules.evaluate(ctx, configs or None)
        created, updated, withdrawn = _store(
            session,
            invoice=invoice,
            contract_id=contract.id if contract else None,
            produced=produced,
            versions=versions,
        )
        new_findings.extend(created)
        result.updated += updated
        result.withdrawn += withdrawn
        invoice.status = "checked"
        invoice.checked_at = utcnow()
        result.invoices += 1
    session.flush()
    result.created = [f.id for f in new_findings]
    if queue_alerts and new_findings:
        from monitor.alerts.service import queue_alerts as queue

        result.alert_ids = [a.id for a in queue(session, findings=new_findings)]
    return result


def _store(
    session: Session,
    *,
    invoice: Invoice,
    contract_id: int | None,
    produced: list[RuleFinding],
    versions: dict[str, int],
) -> tuple[list[Finding], int, int]:
    existing = {
        f.dedup_key: f
        for f in session.scalars(select(Finding).where(Finding.invoice_id == invoice.id))
    }
    created: list[Finding] = []
    updated = 0
    seen: set[str] = set()
    for rf in produced:
        if rf.dedup_key in seen:
            continue
        seen.add(rf.dedup_key)
        finding = existing.get(rf.dedup_key)
        if finding is None:
            finding = Finding(
                dedup_key=rf.dedup_key,
                invoice_id=invoice.id,
                status="open",
                municipality_id=invoice.municipality_id,
                vendor_id=invoice.vendor_id,
            )
            _apply(finding, rf, contract_id, versions)
            session.add(finding)
            created.append(finding)
        elif finding.status == "open":
            _apply(finding, rf, contract_id, versions)
            updated += 1
    withdrawn = 0
    for key, finding in existing.items():
        if key not in seen and finding.status == "open":
            finding.status = "dismissed"
            finding.reviewed_by = "system"
            finding.reviewed_at = utcnow()
            finding.review_note = "withdrawn: no longer found on re-check (rules or terms changed)"
            withdrawn += 1
    return created, updated, withdrawn


def _apply(
    finding: Finding, rf: RuleFinding, contract_id: int | None, versions: dict[str, int]
) -> None:
    finding.rule_id = rf.rule_id
    finding.rule_version = versions.get(rf.rule_id, 0)
    finding.severity = rf.severity
    finding.mode = rf.mode
    finding.invoice_line_id = rf.line_ref
    finding.price_term_id = rf.term_ref
    finding.contract_id = contract_id
    finding.agreed_unit_price = rf.agreed_unit_price
    finding.invoiced_unit_price = rf.invoiced_unit_price
    finding.quantity = rf.quantity
    finding.overcharge = rf.overcharge if rf.overcharge is not None else Decimal(0)
    finding.currency = rf.currency
    finding.message = rf.message
    finding.evidence = rf.evidence

"""What a re-check does to a stored finding by itself, written to the finding's history.

A re-check runs the rule set in force. Three automatic changes follow from it, each an
audit entry by the actor ``system`` naming the rule and the version in force, so the
finding's history says which rule version caused it:

- ``finding.withdrawn``: an open finding the rules no longer produce is set aside
  (status ``dismissed``, ``reviewed_by`` = ``system``).
- ``finding.reopened``: a finding the system had withdrawn is produced again (the rule
  change was undone, or rolled back): it is open again, as it was before the withdrawal.
- ``finding.recomputed``: an open finding's overcharge changed under the rules in force.

Legal's review outranks a rule change: a finding legal has confirmed, dismissed or
resolved is never withdrawn nor reopened by a re-check; it keeps its review whether or
not the rules in force produce it. A finding the system withdrew and legal then
reviewed (confirmed, say) is legal's from then on, and keeps that review when it
reappears. ``system`` is reserved for these entries: the review service refuses it
as a reviewer's name.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from extractors.money import decimal_str
from monitor.audit.service import record
from monitor.db import utcnow
from monitor.findings.models import Finding

SYSTEM = "system"


def was_withdrawn(finding: Finding) -> bool:
    """Set aside by a re-check, not by a person (see the module's docstring)."""
    return finding.status == "dismissed" and finding.reviewed_by == SYSTEM


def withdraw(session: Session, finding: Finding, *, rule_version: int) -> None:
    """An open finding the rules in force no longer produce: dismissed by the system."""
    before = finding.status
    finding.status = "dismissed"
    finding.reviewed_by, finding.reviewed_at = SYSTEM, utcnow()
    _record(
        session,
        finding,
        "withdrawn",
        rule_version=rule_version,
        before=before,
        after="dismissed",
        overcharge=decimal_str(finding.overcharge),
    )


def reopen(session: Session, finding: Finding, *, rule_version: int) -> None:
    """A finding the system had withdrawn is produced again: open, as before."""
    finding.status = "open"
    finding.reviewed_by, finding.reviewed_at = SYSTEM, utcnow()
    _record(
        session,
        finding,
        "reopened",
        rule_version=rule_version,
        before="dismissed",
        after="open",
    )


def note_recomputed(
    session: Session, finding: Finding, *, overcharge: Decimal, rule_version: int
) -> None:
    """Record an open finding's overcharge changing under the rules in force (call
    before the new figure is set)."""
    if finding.overcharge == overcharge:
        return
    _record(
        session,
        finding,
        "recomputed",
        rule_version=rule_version,
        before=finding.status,
        after=finding.status,
        overcharge_before=decimal_str(finding.overcharge),
        overcharge=decimal_str(overcharge),
    )


def _record(
    session: Session,
    finding: Finding,
    action: str,
    *,
    rule_version: int,
    **details: object,
) -> None:
    record(
        session,
        actor=SYSTEM,
        action=f"finding.{action}",
        entity="finding",
        entity_id=finding.id,
        details={
            **details,
            "rule_id": finding.rule_id,
            "rule_version": rule_version,
            "rule_version_before": finding.rule_version,
        },
    )

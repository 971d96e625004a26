"""Writing the audit log. Services call ``record``; the caller owns the transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from monitor.audit.models import AuditEntry


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        reason=reason,
        details=details or {},
    )
    session.add(entry)
    return entry

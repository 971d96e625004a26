"""The ``dedup_key`` of each kind of alert: unique per purpose, so queuing is idempotent.

The keys are structured, and the digest and reminder renderers read their day and
event back from them.
"""

from __future__ import annotations

import hashlib
from datetime import date


def immediate(invoice_id: int, recipient: str, first_finding_id: int) -> str:
    return f"immediate:{invoice_id}:{first_finding_id}:{recipient}"


def digest(municipality_code: str, role: str, recipient: str, day: date) -> str:
    return f"digest:{day.isoformat()}:{municipality_code}:{role}:{recipient}"


def digest_day(key: str) -> date | None:
    kind, _, rest = key.partition(":")
    if kind != "digest":
        return None
    return date.fromisoformat(rest.split(":", 1)[0])


def reminder(event: str, contract_id: int, when: date, recipient: str) -> str:
    return f"reminder:{event}:{contract_id}:{when.isoformat()}:{recipient}"


def parse_reminder(key: str) -> tuple[str, int, date]:
    """(event, contract id, date) from a reminder key."""
    kind, event, contract_id, when, _recipient = key.split(":", 4)
    if kind != "reminder":
        raise ValueError(f"not a reminder key: {key!r}")
    return event, int(contract_id), date.fromisoformat(when)


def idempotency(alert_id: int, dedup_key: str) -> str:
    """Stable for an alert across attempts and processes; safe as a file name."""
    digest_ = hashlib.sha256(dedup_key.encode()).hexdigest()[:16]
    kind = dedup_key.split(":", 1)[0]
    return f"alert-{alert_id:08d}-{kind}-{digest_}"

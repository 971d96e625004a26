"""Coalesced re-checks of peers: one pending re-check per invoice, however many asked.

When an invoice's prices arrive, the checked invoices of other municipalities that
compare with them (``findings.service.peer_dependents``) must be checked again.
Asking is cheap: :func:`request` upserts one ``invoice_recheck`` row per peer and
moves its ``due_at`` on (the debounce). :func:`take_due` takes the rows that are due
(or have waited the longest wait), so a burst of arrivals re-checks each peer once,
after the burst, and the number of checks grows with the invoices, not their square.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from monitor.invoices.models import InvoiceRecheck

_CHUNK = 500


def request(
    session: Session, *, invoice_ids: Sequence[int], now: datetime, debounce: timedelta
) -> int:
    """Ask for a re-check of each invoice, due ``debounce`` from now (a pending one is
    moved on, keeping when it was first asked for). Never commits; returns how many."""
    ids = sorted(set(invoice_ids))
    due = now + debounce
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        stmt = _insert(session)(InvoiceRecheck).values(
            [{"invoice_id": i, "requested_at": now, "due_at": due} for i in chunk]
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["invoice_id"], set_={"due_at": stmt.excluded.due_at}
        )
        session.execute(stmt)
    return len(ids)


def take_due(
    session: Session, *, now: datetime, longest_wait: timedelta, everything: bool = False
) -> list[int]:
    """Remove and return the invoices whose re-check is due: ``due_at`` passed, or first
    asked for ``longest_wait`` ago (a burst that never quiets still gets checked);
    ``everything`` takes them all (the end of an in-process burst). Never commits."""
    query = select(InvoiceRecheck.invoice_id).order_by(InvoiceRecheck.invoice_id)
    if not everything:
        query = query.where(
            or_(InvoiceRecheck.due_at <= now, InvoiceRecheck.requested_at <= now - longest_wait)
        )
    # two takers at once on PostgreSQL: each takes rows the other has not locked
    ids = list(session.scalars(query.with_for_update(skip_locked=True)))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        session.execute(delete(InvoiceRecheck).where(InvoiceRecheck.invoice_id.in_(chunk)))
    return ids


def _insert(session: Session):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert

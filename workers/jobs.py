"""The scheduler's periodic jobs, one step each, with the clock passed in.

Each function does one round of its job and returns what it queued; tests call them
directly with a fixed clock. They only claim work and enqueue tasks (or queue alert
rows through the alerts service); the workers do the rest.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from monitor.alerts import periodic
from monitor.alerts import repository as alerts_repo
from monitor.contracts.models import Contract, PriceTerm
from monitor.documents.models import Document
from monitor.documents.service import not_regular
from monitor.invoices.models import Invoice
from monitor.outbox import service as outbox
from monitor.rulesets.models import RuleConfiguration
from monitor.scheduling import service as leases

log = logging.getLogger("prisvagt.inbox")

QUEUED = ".queued"
PROCESSED = "processed"
REJECTED = "rejected"
#: the inbox's own folders, never read as documents ("failed" is the older name of
#: "rejected", kept out of the walk for installations that still have one)
RESERVED = frozenset({QUEUED, PROCESSED, REJECTED, "failed"})
IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".swp")
Enqueue = Callable[..., object]


def walk_inbox(inbox_dir: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry of the inbox and its subfolders, with its own ``lstat`` (links are
    not followed, into folders or to files). Hidden names and the inbox's own folders
    are skipped; a folder's entries come before those of its subfolders."""
    folders = [inbox_dir]
    while folders:
        folder = folders.pop(0)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:  # removed meanwhile, or not readable: the next round sees it
            continue
        for entry in entries:
            if entry.name.startswith(".") or (folder == inbox_dir and entry.name in RESERVED):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                    continue
                yield Path(entry.path), entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue


def set_aside(source: Path, folder: Path, *, reason: str | None = None) -> Path:
    """Move a claimed file (or a refused entry) into ``processed/`` or ``rejected/``;
    a rejected one gets ``<name>.reason.txt`` beside it saying why."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    if target.exists() or target.is_symlink():
        target = folder / f"{time.time_ns()}-{source.name}"
    os.rename(source, target)  # the same file system: the entry itself, never a copy
    if reason:
        note = target.with_name(target.name + ".reason.txt")
        note.write_text(reason + "\n", encoding="utf-8")
    return target


def claim_inbox(
    inbox_dir: Path, *, now: float | None = None, settle_seconds: float = 0.0, limit: int = 200
) -> list[tuple[Path, str]]:
    """Claim new files by renaming them into ``inbox/.queued/`` (atomic: a second
    scheduler or a second round cannot claim the same file). Subfolders are walked
    (the name passed on keeps the folder: ``2026/F-1.xml``). Only regular files are
    claimed: a symbolic link, device, FIFO or socket is moved to ``rejected/`` with the
    reason, unread. Hidden files, partial downloads and files younger than
    ``settle_seconds`` are left for the next round. Returns (claimed path, name) pairs."""
    if not inbox_dir.is_dir():
        return []
    now = time.time() if now is None else now
    queued = inbox_dir / QUEUED
    claimed: list[tuple[Path, str]] = []
    for path, info in walk_inbox(inbox_dir):
        if len(claimed) >= limit:
            break
        name = path.relative_to(inbox_dir).as_posix()
        what = not_regular(info.st_mode)
        if what is not None:
            _reject_entry(inbox_dir, path, name, what)
            continue
        if path.suffix.lower() in IGNORED_SUFFIXES or now - info.st_mtime < settle_seconds:
            continue
        try:
            queued.mkdir(exist_ok=True)
            target = queued / f"{time.time_ns()}-{os.getpid()}-{path.name}"
            os.rename(path, target)
        except FileNotFoundError:
            continue  # claimed by someone else meanwhile
        claimed.append((target, name))
    return claimed


def _reject_entry(inbox_dir: Path, path: Path, name: str, what: str) -> None:
    if what == "a symbolic link":
        with contextlib.suppress(OSError):
            what += f" (to {os.readlink(path)})"
    reason = f"{name}: {what}; only regular files are read from the inbox"
    try:
        set_aside(path, inbox_dir / REJECTED, reason=reason)
    except FileNotFoundError:
        return  # gone meanwhile
    except OSError as exc:  # cannot move it: say so every round rather than lose it
        log.warning("inbox entry refused but not moved", extra={"path": str(path),
                    "error": f"{reason} ({exc.strerror})"})  # fmt: skip
        return
    log.warning("inbox entry refused", extra={"path": str(path), "error": reason})


def poll_inbox(inbox_dir: Path, *, enqueue: Enqueue, now: float | None = None,
               settle_seconds: float = 0.0) -> list[Path]:  # fmt: skip
    """One round of the inbox poll: claim new files and enqueue ``documents.ingest``."""
    claimed = claim_inbox(inbox_dir, now=now, settle_seconds=settle_seconds)
    for path, name in claimed:
        enqueue(str(path), name)
    return [p for p, _ in claimed]


def requeue_stale_claims(inbox_dir: Path, *, enqueue: Enqueue, now: float | None = None,
                         older_than: float = 300.0) -> list[Path]:  # fmt: skip
    """Claimed files whose task never finished (the broker lost it): enqueue again."""
    queued = inbox_dir / QUEUED
    if not queued.is_dir():
        return []
    now = time.time() if now is None else now
    stale = [
        p for p in sorted(queued.iterdir()) if p.is_file() and now - p.stat().st_mtime > older_than
    ]
    for path in stale:
        os.utime(path)  # wait another period before the next try
        enqueue(str(path), path.name.split("-", 2)[-1])
    return stale


def invoices_to_recheck(session: Session, *, today: date) -> list[int]:
    """Invoices not yet due (still unpaid), and any invoice checked before the latest
    change of the rules or of a price term of its vendor and municipality."""
    open_ = select(Invoice.id).where(
        Invoice.status.in_(("assigned", "checked")),
        or_(Invoice.due_date.is_(None), Invoice.due_date >= today),
    )
    ids = set(session.scalars(open_))
    rules_changed = session.scalar(select(func.max(RuleConfiguration.changed_at)))
    if rules_changed is not None:
        ids.update(
            session.scalars(
                select(Invoice.id).where(
                    Invoice.status == "checked", Invoice.checked_at < rules_changed
                )
            )
        )
    term_changed = (
        select(
            Contract.vendor_id,
            Contract.municipality_id,
            func.max(PriceTerm.reviewed_at).label("at"),
        )
        .join(PriceTerm, PriceTerm.contract_id == Contract.id)
        .where(PriceTerm.reviewed_at.is_not(None))
        .group_by(Contract.vendor_id, Contract.municipality_id)
        .subquery()
    )
    ids.update(
        session.scalars(
            select(Invoice.id)
            .join(
                term_changed,
                (term_changed.c.vendor_id == Invoice.vendor_id)
                & (term_changed.c.municipality_id == Invoice.municipality_id),
            )
            .where(Invoice.status == "checked", Invoice.checked_at < term_changed.c.at)
        )
    )
    return sorted(ids)


def queue_digests(session: Session, *, day: date) -> list[int]:
    """The daily digest per municipality and role: queue the alert rows."""
    return [a.id for a in periodic.queue_digests(session, day=day)]


def queue_reminders(session: Session, *, today: date, days_ahead: int) -> list[int]:
    return [a.id for a in periodic.queue_reminders(session, today=today, days_ahead=days_ahead)]


#: an outbox row younger than this is left to the process that wrote it (it relays
#: its own rows right after its commit); older ones were left behind by a crash
OUTBOX_GRACE = timedelta(seconds=5)


def relay_outbox(*, now: datetime, send: outbox.Send, send_after_commit: bool = False,
                 grace: timedelta = OUTBOX_GRACE) -> list[int]:  # fmt: skip
    """The task outbox's relay: queue the rows the web (or any writer) committed but
    did not get to queue; returns the rows queued."""
    return outbox.relay(send=send, created_before=now - grace, send_after_commit=send_after_commit)


def relay_alerts(
    session: Session, *, now: datetime, grace: timedelta = timedelta(minutes=2)
) -> list[int]:
    """The outbox relay: pending alerts whose task was lost, or whose retry is due."""
    return alerts_repo.stale_pending(session, created_before=now - grace, now=now)


def stuck_documents(session: Session, *, now: datetime,
                    grace: timedelta = timedelta(minutes=10)) -> list[tuple[int, str]]:  # fmt: skip
    """Documents stored but never parsed (the task was lost): (id, kind)."""
    rows = session.execute(
        select(Document.id, Document.kind).where(
            Document.status == "received", Document.received_at < now - grace
        )
    )
    return [(doc_id, kind) for doc_id, kind in rows]


def unchecked_invoices(session: Session, *, now: datetime,
                       grace: timedelta = timedelta(minutes=10)) -> list[int]:  # fmt: skip
    """Invoices stored but never checked (the check task was lost). An invoice whose
    check failed is ``check_failed``, not retried here."""
    return list(
        session.scalars(
            select(Invoice.id)
            .where(Invoice.status == "assigned", Invoice.received_at < now - grace)
            .order_by(Invoice.id)
        )
    )


def clean_up(
    session: Session, *, now: datetime, inbox_dir: Path, keep_days: int = 30
) -> dict[str, int]:
    """Delete processed inbox files and expired scheduler leases older than
    ``keep_days``. Rejected files stay until a person looks at them. Refreshes the
    planner's statistics of the invoice tables (``refresh_statistics``)."""
    cutoff = now.timestamp() - keep_days * 86400
    removed = 0
    processed = inbox_dir / PROCESSED
    if processed.is_dir():
        for path in processed.iterdir():
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
    expired = leases.remove_expired(session, now=now, older_than=timedelta(days=1))
    from monitor.invoices.repository import refresh_statistics

    refresh_statistics(session)  # the planner's view of the day's invoices
    return {"inbox_files": removed, "leases": expired}

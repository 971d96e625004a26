"""Checking invoices: evaluate the rules, store findings once, queue their alerts.

Re-checking never duplicates a finding (``dedup_key``). Open findings are updated to
what the rules say now; reviewed ones (confirmed, dismissed, resolved) stay as
legal left them; an open finding the rules no longer produce is withdrawn, and
reopened when they produce it again (``monitor.findings.lifecycle``: each of these
automatic changes is in the finding's history with the rule version that caused it).

A finding resting on the terms of a contract pending review is ``preliminary``: stored
and shown, but no alert is queued for it. When legal confirms the contract, the
re-check makes it final, and its alert is queued then, as for a new finding (once:
the alerts service never links a finding to a recipient twice).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select, text, update
from sqlalchemy.orm import Session

import rules
from monitor.db import decoded_json, encoded_json, insert_rows, utcnow
from monitor.findings import credits, lifecycle
from monitor.findings.context import INCREMENTAL_MAX_INVOICES, ContextBuilder, id_chunks
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from monitor.rulesets.service import current_configs
from rules.types import RuleFailure, RuleFinding

REVIEWED = ("confirmed", "dismissed", "resolved")


@dataclass(slots=True)
class CheckResult:
    invoices: int = 0
    created: list[int] = field(default_factory=list)
    #: preliminary findings made final by this check (their contract was reviewed)
    finalised: list[int] = field(default_factory=list)
    updated: int = 0
    withdrawn: int = 0
    #: the findings this check withdrew (their recipients are told: ``finish``)
    withdrawn_ids: list[int] = field(default_factory=list)
    #: findings withdrawn by an earlier re-check and produced again by this one
    reopened: int = 0
    alert_ids: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: custom rules that failed while they ran, switched to monitor: rule id -> error
    rule_failures: dict[str, str] = field(default_factory=dict)
    #: a check spread over worker processes (``monitor.findings.parallel``): each
    #: worker's peak resident memory (KiB), by process id
    worker_peak_kb: dict[int, int] = field(default_factory=dict)
    #: and each worker's CPU seconds, by process id
    worker_cpu_s: dict[int, float] = field(default_factory=dict)
    #: per part of a check spread over processes: its invoices flagged by the screen, and
    #: seconds (wall) of its screen and of its evaluation
    part_figures: dict[int, dict[str, float]] = field(default_factory=dict)


#: Python's cyclic garbage collector's first threshold during a check of many invoices
#: (its default, 700, ran it so often over the millions of values a bulk check makes,
#: almost none in cycles, that it took a quarter of the time)
BULK_GC_THRESHOLD = 50_000


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections(invoices: int) -> Iterator[None]:
    """While many invoices are checked, the cyclic collector runs less often; the
    threshold is restored when the last such check in the process ends (checks in
    several threads may overlap in any order). What reference counting frees is freed
    as before."""
    global _gc_depth, _gc_saved
    if invoices <= INCREMENTAL_MAX_INVOICES:
        yield
        return
    with _gc_lock:
        if _gc_depth == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], BULK_GC_THRESHOLD), *_gc_saved[1:])
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.set_threshold(*_gc_saved)


def plan_each_read(session: Session, invoices: int) -> None:
    """For a check of many invoices on PostgreSQL, plan each per-pair read for its pair
    (for the transaction): the driver prepares a read run five times, and the server's
    generic plan for it, not knowing the pair, was ten times slower."""
    if invoices > INCREMENTAL_MAX_INVOICES and session.get_bind().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def check_invoice(session: Session, *, invoice_id: int, today: date | None = None) -> CheckResult:
    return check_invoices(session, invoice_ids=[invoice_id], today=today)


def check_invoices(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None = None,
    allow_unconfirmed_terms: bool | None = None,
    queue_alerts: bool = True,
    builder_class: type[ContextBuilder] = ContextBuilder,
    rules_for: Mapping[int, frozenset[str] | None] | None = None,
    lines_for: Mapping[int, frozenset[int]] | None = None,
) -> CheckResult:
    """Evaluate the current rule set on these invoices and store the findings. Never commits.

    Invoices are loaded one vendor-municipality pair at a time; new findings are
    inserted in bulk; alerts for new findings, and for findings that were preliminary
    and are final now, are queued in the same transaction (preliminary ones get none).
    What the rules memoise across invoices is released when the check ends: a
    long-running worker keeps nothing of it (``rules.run_scope``). ``builder_class``
    builds the rule contexts (``monitor.findings.bulk`` passes one that loads only the
    history its screened invoices need) and ``rules_for``: per invoice, the rules whose
    check runs (``rules.evaluate``'s ``only``: the screen showed the others find nothing
    there; their open findings on it are withdrawn as by any re-check that no longer
    produces them) and ``lines_for``: per invoice, the lines the price and peer rules
    read (``rules.evaluate``'s ``lines``).
    """
    plan_each_read(session, len(invoice_ids))
    with rules.run_scope(), fewer_collections(len(invoice_ids)):
        return _check_invoices(
            session,
            invoice_ids=invoice_ids,
            today=today,
            allow_unconfirmed_terms=allow_unconfirmed_terms,
            queue_alerts=queue_alerts,
            builder_class=builder_class,
            rules_for=rules_for or {},
            lines_for=lines_for or {},
        )


def _check_invoices(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None,
    allow_unconfirmed_terms: bool | None,
    queue_alerts: bool,
    builder_class: type[ContextBuilder] = ContextBuilder,
    rules_for: Mapping[int, frozenset[str] | None],
    lines_for: Mapping[int, frozenset[int]],
) -> CheckResult:
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    configs = current_configs(session)
    builder = builder_class(
        session, today=today or date.today(), allow_unconfirmed_terms=allow_unconfirmed_terms
    )
    result = CheckResult()
    evaluated = evaluate_batches(
        builder, invoice_ids, configs, rules_for=rules_for, lines_for=lines_for
    )
    new_ids = store_evaluated(session, evaluated, configs=configs, result=result)
    # those the batches found assigned are not waiting for their parties
    result.skipped = _unassigned(session, [i for i in invoice_ids if i not in builder.assigned])
    finish(session, result, new_ids, queue_alerts=queue_alerts)
    return result


@dataclass(slots=True)
class Evaluated:
    """One vendor-municipality pair's checked invoices and the findings the rules
    produced on each: what storing them needs (plain data: a worker process sends it
    back, ``monitor.findings.parallel``)."""

    vendor_id: int
    municipality_id: int | None
    targets: list[int]
    contract_ids: dict[int, int | None]
    produced: dict[int, list[RuleFinding]]
    #: custom rules that failed: (rule id, error, the invoice it failed on)
    failures: list[tuple[str, str, int]] = field(default_factory=list)


def unchecked_lines(
    session: Session, *, invoice_id: int, today: date | None = None
) -> dict[int, str]:
    """Per stored line of this invoice that the price rules could not compare with its
    contract (a description matching several items, an invoice unit that does not
    reconcile with the contract's, no price valid on the billing date, ...), why: no
    breach is claimed for such a line, so it is shown with the invoice for review
    (``rules.unchecked_lines``). Empty when the invoice has not been checked or no
    contract applies. Nothing is stored."""
    from monitor.settings import get_settings

    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.status not in ("checked", "check_failed"):
        return {}

    builder = ContextBuilder(
        session,
        today=today or date.today(),
        allow_unconfirmed_terms=get_settings().allow_unconfirmed_terms,
    )
    with rules.run_scope():
        for batch in builder.batches([invoice_id]):
            if invoice_id not in batch.targets:
                continue
            ctx = builder.context(batch, invoice_id)
            if ctx.contract is None:
                return {}
            return {row["line_ref"]: row["reason"] for row in rules.unchecked_lines(ctx)}
    return {}


def encode_evidence(evaluated: Evaluated) -> None:
    """Each finding's evidence as the JSON text it is stored as
    (``monitor.db.encoded_json``): what a worker process sends the caller
    (``monitor.findings.parallel``), one string per finding instead of a dict of
    dozens of objects to pickle and unpickle, and then to encode there."""
    for findings in evaluated.produced.values():
        for rf in findings:
            # stored as it is (``insert_rows``), decoded where a stored finding is set
            rf.evidence = encoded_json(rf.evidence)  # type: ignore[assignment]


def evaluate_batches(
    builder: ContextBuilder,
    invoice_ids: Sequence[int],
    configs: list[Any],
    *,
    rules_for: Mapping[int, frozenset[str] | None],
    lines_for: Mapping[int, frozenset[int]],
) -> Iterator[Evaluated]:
    """The rules on each invoice, one pair at a time (``builder.batches``)."""
    builder.reads(rules_for, lines_for)
    for batch in builder.batches(invoice_ids):
        produced: dict[int, list[RuleFinding]] = {}
        failed: list[tuple[str, str, int]] = []
        for invoice_id in batch.targets:
            # a custom rule that fails is left out (and switched to monitor when
            # stored); the other rules' findings are stored as usual
            failures: list[RuleFailure] = []
            produced[invoice_id] = rules.evaluate(
                builder.context(batch, invoice_id),
                configs or None,
                failures=failures,
                only=rules_for.get(invoice_id),
                lines=lines_for.get(invoice_id),
            )
            failed += [(f.rule_id, f.error, invoice_id) for f in failures]
        yield Evaluated(
            batch.vendor_id,
            batch.municipality_id,
            batch.targets,
            batch.contract_ids,
            produced,
            failed,
        )


def store_evaluated(
    session: Session,
    evaluated: Iterable[Evaluated],
    *,
    configs: list[Any],
    result: CheckResult,
) -> list[int]:
    """Store the pairs' findings as they come, several pairs at a time (up to
    :data:`STORE_INVOICES` invoices: one look-up of their existing findings, one insert
    and one update of their invoices, where a statement each per pair cost more than
    the rows on PostgreSQL), mark their invoices checked, switch a custom rule that
    failed to monitor; the new findings' ids."""
    versions = {c.rule_id: c.version for c in configs}
    new_ids: list[int] = []
    failed_on: dict[str, int] = {}
    pending: list[tuple[Evaluated, frozenset[str]]] = []
    held = 0
    for batch in evaluated:
        for rule_id, error, invoice_id in batch.failures:
            result.rule_failures.setdefault(rule_id, error)
            failed_on.setdefault(rule_id, invoice_id)
        # the rules that had failed by this pair (their findings are not withdrawn)
        pending.append((batch, frozenset(result.rule_failures)))
        held += len(batch.targets)
        if held >= STORE_INVOICES:
            new_ids += _store_batches(session, pending, versions=versions, result=result)
            pending, held = [], 0
    if pending:
        new_ids += _store_batches(session, pending, versions=versions, result=result)
    if result.rule_failures:
        from monitor.rulesets.service import switch_to_monitor

        for rule_id, error in result.rule_failures.items():
            number = session.scalar(select(Invoice.number).where(Invoice.id == failed_on[rule_id]))
            switch_to_monitor(session, rule_id=rule_id, error=error, invoice_number=number)
    return new_ids


#: invoices whose findings :func:`store_evaluated` stores together
STORE_INVOICES = 2_000


def finish(
    session: Session, result: CheckResult, new_ids: list[int], *, queue_alerts: bool
) -> None:
    """The created findings on ``result``; alerts queued for them and for those made
    final."""
    result.created = new_ids
    to_announce = new_ids + result.finalised
    if queue_alerts and to_announce:
        from monitor.alerts.service import queue_alerts as queue

        findings = [
            f
            for chunk in id_chunks(to_announce)
            for f in session.scalars(select(Finding).where(Finding.id.in_(chunk)))
        ]
        result.alert_ids = [a.id for a in queue(session, findings=findings)]
    if queue_alerts:
        announce_withdrawn(session, result, result.withdrawn_ids)


def announce_withdrawn(session: Session, result: CheckResult, finding_ids: list[int]) -> None:
    """Those emailed about a finding now withdrawn (a credit note, a re-check) are told
    they need no longer hold its amount back."""
    if not finding_ids:
        return
    from monitor.alerts.service import queue_withdrawn

    for chunk in id_chunks(finding_ids):
        result.alert_ids += [a.id for a in queue_withdrawn(session, finding_ids=list(chunk))]


def _store_batches(
    session: Session,
    batches: list[tuple[Evaluated, frozenset[str]]],
    *,
    versions: dict[str, int],
    result: CheckResult,
) -> list[int]:
    """Store these pairs' findings (each with the rules failed by then): new ones
    inserted at once, open ones updated, those no longer produced withdrawn; their
    invoices marked checked. The new findings' ids, in the order produced."""
    targets = [i for batch, _ in batches for i in batch.targets]
    # what credit notes naming these invoices credit in full is not claimed again
    credits.set_off(session, [batch for batch, _ in batches])
    existing: dict[str, Finding] = {}
    for chunk in id_chunks(targets):
        for f in session.scalars(select(Finding).where(Finding.invoice_id.in_(chunk))):
            existing[f.dedup_key] = f
    failed_for = {i: failed for batch, failed in batches for i in batch.targets}
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    produced: dict[int, list[RuleFinding]] = {}
    for batch, _ in batches:
        produced.update(batch.produced)
        muni_id = batch.municipality_id
        for invoice_id, findings in batch.produced.items():
            contract_id = batch.contract_ids[invoice_id]
            for rf in findings:
                if rf.dedup_key in seen:
                    continue
                seen.add(rf.dedup_key)
                values = _values(rf, contract_id, versions)
                finding = existing.get(rf.dedup_key)
                if finding is None:
                    if muni_id is None:
                        muni_id = session.scalar(
                            select(Invoice.municipality_id).where(Invoice.id == batch.targets[0])
                        )
                    rows.append(
                        {
                            **values,
                            "dedup_key": rf.dedup_key,
                            "invoice_id": invoice_id,
                            "status": "open",
                            "municipality_id": muni_id,
                            "vendor_id": batch.vendor_id,
                        }
                    )
                    continue
                _refresh(session, finding, rf, values, versions=versions, result=result)
    for key, finding in existing.items():
        # a rule that had failed did not run: nothing of it to withdraw
        failed = finding.rule_id in failed_for.get(finding.invoice_id, frozenset())
        if key not in seen and finding.status == "open" and not failed:
            lifecycle.withdraw(session, finding, rule_version=versions.get(finding.rule_id, 0))
            result.withdrawn += 1
            result.withdrawn_ids.append(finding.id)
    new_ids = _insert_new(session, rows)
    inserted = {str(row["dedup_key"]): fid for row, fid in zip(rows, new_ids, strict=True)}
    _link_grounds(session, produced=produced, existing=existing, inserted=inserted)
    result.invoices += len(targets)
    _mark_checked(session, targets)
    return new_ids


def _refresh(
    session: Session,
    finding: Finding,
    rf: RuleFinding,
    values: dict[str, object],
    *,
    versions: dict[str, int],
    result: CheckResult,
) -> None:
    """A stored finding the rules produced again: final once its contract is reviewed,
    reopened if a re-check had withdrawn it, and, while open, set to what they say now."""
    if _set_preliminary(finding, rf.preliminary):
        result.finalised.append(finding.id)
    version = versions.get(rf.rule_id, 0)
    if lifecycle.was_withdrawn(finding):
        lifecycle.reopen(session, finding, rule_version=version)
        result.reopened += 1
    if finding.status == "open":
        overcharge = rf.overcharge if rf.overcharge is not None else Decimal(0)
        lifecycle.note_recomputed(session, finding, overcharge=overcharge, rule_version=version)
        for key, value in values.items():
            setattr(finding, key, decoded_json(value))
        result.updated += 1


def _insert_new(session: Session, rows: list[dict[str, object]]) -> list[int]:
    """Insert these new findings; their ids, in the rows' order. On PostgreSQL the ids
    are drawn from the table's sequence first and written with the rows (one COPY, no
    look-up after); on SQLite one executemany (RETURNING in parameter order would send
    a statement per row there), then the ids by the unique dedup key."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        drawn = list(
            session.execute(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": Finding.__tablename__, "n": len(rows)},
            ).scalars()
        )
        for row, finding_id in zip(rows, drawn, strict=True):
            row["id"] = finding_id
        insert_rows(connection, Finding.__table__, rows)
        return drawn
    insert_rows(connection, Finding.__table__, rows)
    keys = [str(row["dedup_key"]) for row in rows]
    ids: dict[str, int] = {}
    for chunk in id_chunks(keys):
        for key, finding_id in session.execute(
            select(Finding.dedup_key, Finding.id).where(Finding.dedup_key.in_(chunk))
        ):
            ids[key] = finding_id
    return [ids[key] for key in keys]


def _link_grounds(
    session: Session,
    *,
    produced: dict[int, list[RuleFinding]],
    existing: dict[str, Finding],
    inserted: dict[str, int],
) -> None:
    """Point each open finding that is a further ground of another (``grounds_for``,
    ``rules.ownership``) at its owner, and clear the link of those that own their money
    again. An owner legal dismissed owns nothing: its ground then counts its money
    itself. Reviewed findings stay as legal left them. The findings' ids are those just
    ``inserted`` (by dedup key) and those of the ``existing`` ones; a key that is in
    neither (none, as the engine names owners among the findings it produced) is read."""
    wanted = {rf.dedup_key: rf.grounds_for for fs in produced.values() for rf in fs}
    if not wanted:
        return
    if not any(wanted.values()):  # no finding is a further ground: no owner to look up
        for key in wanted:
            finding = existing.get(key)
            if finding is not None and finding.status == "open" and finding.grounds_for_id:
                finding.grounds_for_id = None
        return
    ids: dict[str, int] = dict(inserted)
    dismissed: set[str] = set()
    for key, finding in existing.items():
        ids[key] = finding.id
        if finding.status == "dismissed":
            dismissed.add(key)
    unknown = sorted((wanted.keys() | {k for k in wanted.values() if k}) - ids.keys())
    if unknown:
        session.flush()
        for chunk in id_chunks(unknown):
            for key, fid, status in session.execute(
                select(Finding.dedup_key, Finding.id, Finding.status).where(
                    Finding.dedup_key.in_(chunk)
                )
            ):
                ids[key] = fid
                if status == "dismissed":
                    dismissed.add(key)
    links: list[dict[str, int]] = []  # the new findings': one executemany
    for key, owner_key in wanted.items():
        owner_id = ids.get(owner_key) if owner_key and owner_key not in dismissed else None
        finding = existing.get(key)
        if finding is not None:
            if finding.status == "open" and finding.grounds_for_id != owner_id:
                finding.grounds_for_id = owner_id
        elif owner_id is not None and key in ids:
            links.append({"b_id": ids[key], "b_owner": owner_id})
    if links:
        table = Finding.__table__
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(grounds_for_id=bindparam("b_owner")),
            links,
        )


def _set_preliminary(finding: Finding, preliminary: bool) -> bool:
    """Whether the finding rests on a contract pending review is a fact about its
    contract, not legal's judgement of the finding: it follows the re-check whatever
    the finding's status. True when a preliminary finding becomes final."""
    if finding.preliminary == preliminary:
        return False
    finding.preliminary = preliminary
    finding.final_at = None if preliminary else utcnow()
    return not preliminary


def _values(
    rf: RuleFinding, contract_id: int | None, versions: dict[str, int]
) -> dict[str, object]:
    return {
        "rule_id": rf.rule_id,
        "rule_version": versions.get(rf.rule_id, 0),
        "severity": rf.severity,
        "mode": rf.mode,
        "invoice_line_id": rf.line_ref,
        "price_term_id": rf.term_ref,
        "contract_id": contract_id,
        "agreed_unit_price": rf.agreed_unit_price,
        "invoiced_unit_price": rf.invoiced_unit_price,
        "quantity": rf.quantity,
        "overcharge": rf.overcharge if rf.overcharge is not None else Decimal(0),
        "currency": rf.currency,
        "message": rf.message,
        "message_da": rf.message_da,
        "evidence": rf.evidence,
        "preliminary": rf.preliminary,
        "money_kind": rf.money_kind,
        "benchmark_unit_price": rf.benchmark_unit_price,
    }


def _mark_checked(session: Session, invoice_ids: list[int]) -> None:
    now = utcnow()
    for chunk in id_chunks(invoice_ids):
        session.execute(
            update(Invoice)
            .where(Invoice.id.in_(chunk))
            .values(status="checked", checked_at=now, check_error=None)
            .execution_options(synchronize_session=False)
        )


def _unassigned(session: Session, invoice_ids: Sequence[int]) -> list[str]:
    """The invoices among these without vendor or municipality, each with why (in the
    order of their ids). For many ids, one read of the unassigned invoices (few, and
    read whole where a look-up per 900 ids would take a hundred statements)."""
    columns = (Invoice.id, Invoice.number, Invoice.unassigned_reason)
    rows: list[tuple[int, str, str | None]] = []
    if len(invoice_ids) > _MANY_IDS:
        wanted = set(invoice_ids)
        for i, number, reason in session.execute(
            select(*columns).where(Invoice.status == "unassigned")
        ):
            if i in wanted:
                rows.append((i, number, reason))
    else:
        for chunk in id_chunks(invoice_ids):
            for i, number, reason in session.execute(
                select(*columns).where(Invoice.id.in_(chunk), Invoice.status == "unassigned")
            ):
                rows.append((i, number, reason))
    return [f"invoice {number}: {reason}" for _, number, reason in sorted(rows)]


#: from this many invoice ids, :func:`_unassigned` reads every unassigned invoice once
_MANY_IDS = 5_000


def peer_dependents(
    session: Session, *, invoice_ids: Sequence[int], window_days: int = 400
) -> list[int]:
    """Checked invoices of OTHER municipalities, from the same vendors, billing the same
    items within the window: their price_disparity and mfn_breach findings compare with
    the prices on these invoices, so they are re-checked when these arrive. Without it,
    what the comparison finds would depend on the order in which invoices arrive."""
    from datetime import timedelta

    from monitor.invoices.models import InvoiceLine

    new = session.execute(
        select(Invoice.vendor_id, Invoice.municipality_id, Invoice.issue_date, InvoiceLine.item_id)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.id.in_(list(invoice_ids)[:900]),
            Invoice.vendor_id.is_not(None),
            InvoiceLine.item_id.is_not(None),
        )
    ).all()
    if not new:
        return []
    window = timedelta(days=window_days)
    found: set[int] = set()
    by_vendor: dict[int, list[tuple[int, date, str]]] = {}
    for vendor_id, muni_id, issued, item in new:
        by_vendor.setdefault(vendor_id, []).append((muni_id, issued, item))
    for vendor_id, rows in by_vendor.items():
        munis = {m for m, _, _ in rows}
        items = sorted({i for _, _, i in rows})
        lo = min(d for _, d, _ in rows) - window
        hi = max(d for _, d, _ in rows) + window
        found.update(
            session.scalars(
                select(Invoice.id)
                .distinct()
                .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
                .where(
                    Invoice.vendor_id == vendor_id,
                    Invoice.municipality_id.not_in(munis),
                    Invoice.status == "checked",
                    Invoice.issue_date.between(lo, hi),
                    InvoiceLine.item_id.in_(items),
                )
            )
        )
    return sorted(found - set(invoice_ids))

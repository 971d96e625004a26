"""Backtest: re-evaluate stored invoices under a proposed rule change, saving nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import rules
from monitor.findings.context import ContextBuilder
from monitor.invoices.models import Invoice
from monitor.rulesets.service import current_configs, proposed_config
from rules.backtest import compare
from rules.types import RuleConfig, RuleFinding


def proposal(
    session: Session,
    *,
    rule_id: str,
    invoice_ids: Sequence[int] | None,
    **change: Any,
) -> tuple[RuleConfig | None, RuleConfig, Sequence[int]]:
    """The rule's configuration in force, the proposed one (``change``: mode, params,
    severity, municipalities, vendors), and the invoices to evaluate (every assigned or
    checked one when not given)."""
    proposed = proposed_config(session, rule_id=rule_id, **change)
    current = next((c for c in current_configs(session) if c.rule_id == rule_id), None)
    if invoice_ids is None:
        invoice_ids = list(
            session.scalars(
                select(Invoice.id)
                .where(Invoice.status.in_(("assigned", "checked")))
                .order_by(Invoice.id)
            )
        )
    return current, proposed, invoice_ids


def backtest(
    session: Session,
    *,
    rule_id: str,
    mode: str | None = None,
    params: dict[str, Any] | None = None,
    severity: str | None = None,
    municipalities: list[str] | None = None,
    vendors: list[str] | None = None,
    invoice_ids: Sequence[int] | None = None,
    today: date | None = None,
    allow_unconfirmed_terms: bool = True,
) -> Any:
    """Findings added and removed per municipality, and the overcharge difference, if
    the change were published. Only the rule being changed is evaluated; for many
    invoices only those the SQL screen flags for it (``monitor.findings.bulk_backtest``)."""
    current, proposed, invoice_ids = proposal(
        session,
        rule_id=rule_id,
        mode=mode,
        params=params,
        severity=severity,
        municipalities=municipalities,
        vendors=vendors,
        invoice_ids=invoice_ids,
    )
    from monitor.findings.bulk import SCREEN_MIN_INVOICES

    if len(invoice_ids) >= SCREEN_MIN_INVOICES:  # many: screened in SQL first
        from monitor.findings.bulk_backtest import screened_evaluation as evaluation
    else:
        evaluation = every_invoice
    before, after, municipality = evaluation(
        session,
        current=current,
        proposed=proposed,
        invoice_ids=invoice_ids,
        today=today,
        allow_unconfirmed_terms=allow_unconfirmed_terms,
    )
    after = legal_keeps(session, before, after)
    return compare(before, after, municipality_of=lambda f: municipality[f.dedup_key])


def every_invoice(
    session: Session,
    *,
    current: RuleConfig | None,
    proposed: RuleConfig,
    invoice_ids: Sequence[int],
    today: date | None,
    allow_unconfirmed_terms: bool,
) -> tuple[list[RuleFinding], list[RuleFinding], dict[str, str]]:
    """The current and the proposed rule's findings on every one of these invoices, and
    each finding's municipality."""
    from monitor.findings.service import fewer_collections, plan_each_read

    builder = ContextBuilder(
        session, today=today or date.today(), allow_unconfirmed_terms=allow_unconfirmed_terms
    )
    before: list[RuleFinding] = []
    after: list[RuleFinding] = []
    municipality: dict[str, str] = {}
    plan_each_read(session, len(invoice_ids))
    # nothing the rules memoise outlives the backtest
    with rules.run_scope(), fewer_collections(len(invoice_ids)):
        for batch in builder.batches(invoice_ids):
            for invoice_id in batch.targets:
                ctx = builder.context(batch, invoice_id)
                old = rules.evaluate(ctx, [current]) if current is not None else []
                new = rules.evaluate(ctx, [proposed])
                for f in (*old, *new):
                    municipality[f.dedup_key] = ctx.invoice.municipality_code or "?"
                before += old
                after += new
    return before, after, municipality


def legal_keeps(
    session: Session, before: list[RuleFinding], after: list[RuleFinding]
) -> list[RuleFinding]:
    """What publishing leaves in place: a finding legal has confirmed or resolved stays as
    it is whatever the rule now says (legal's review outranks a rule change), so the
    report neither withdraws nor changes it."""
    from monitor.findings.models import Finding

    keys = sorted({f.dedup_key for f in before})
    kept: set[str] = set()
    for start in range(0, len(keys), 900):
        kept.update(
            session.scalars(
                select(Finding.dedup_key).where(
                    Finding.dedup_key.in_(keys[start : start + 900]),
                    Finding.status.in_(("confirmed", "resolved")),
                )
            )
        )
    if not kept:
        return after
    return [f for f in after if f.dedup_key not in kept] + [
        f for f in before if f.dedup_key in kept
    ]

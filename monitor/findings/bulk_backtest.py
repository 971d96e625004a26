"""The screened backtest (``monitor.findings.screening`` first): what
``monitor.rulesets.backtest.backtest`` runs for many invoices (``bulk.SCREEN_MIN_INVOICES``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

import rules
from monitor.findings import screening
from monitor.findings.bulk import ScreenedBuilder, drop_tables, fill_load
from monitor.rulesets.backtest import legal_keeps, proposal
from rules.backtest import compare
from rules.types import RuleConfig, RuleFinding


def screened_backtest(
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
    """``monitor.rulesets.backtest.backtest`` with the SQL screen first: only the
    invoices on which the current or proposed rule could fire are evaluated. The same
    report as evaluating every invoice (tests/monitor/test_bulk_check.py)."""
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
    before, after, municipality = screened_evaluation(
        session,
        current=current,
        proposed=proposed,
        invoice_ids=invoice_ids,
        today=today,
        allow_unconfirmed_terms=allow_unconfirmed_terms,
    )
    after = legal_keeps(session, before, after)
    return compare(before, after, municipality_of=lambda f: municipality[f.dedup_key])


def screened_evaluation(
    session: Session,
    *,
    current: RuleConfig | None,
    proposed: RuleConfig,
    invoice_ids: Sequence[int],
    today: date | None,
    allow_unconfirmed_terms: bool,
) -> tuple[list[RuleFinding], list[RuleFinding], dict[str, str]]:
    """The current and the proposed rule's findings on the invoices the screen flags
    for either, and each finding's municipality: the others add and remove nothing."""
    both = [c for c in (current, proposed) if c is not None]
    flagged = screening.screen(
        session,
        invoice_ids=invoice_ids,
        configs=both,
        allow_unconfirmed_terms=allow_unconfirmed_terms,
    )
    builder = ScreenedBuilder(
        session, today=today or date.today(), allow_unconfirmed_terms=allow_unconfirmed_terms
    )
    before: list[RuleFinding] = []
    after: list[RuleFinding] = []
    municipality: dict[str, str] = {}
    from monitor.findings.service import fewer_collections

    # nothing memoised outlives it
    with rules.run_scope(), _screened(session, both), fewer_collections(len(invoice_ids)):
        for batch in builder.batches(sorted(flagged)):
            for invoice_id in batch.targets:
                ctx = builder.context(batch, invoice_id)
                old = rules.evaluate(ctx, [current]) if current is not None else []
                new = rules.evaluate(ctx, [proposed])
                for f in (*old, *new):
                    municipality[f.dedup_key] = ctx.invoice.municipality_code or "?"
                before += old
                after += new
    return before, after, municipality


@contextmanager
def _screened(session: Session, configs: list[RuleConfig]) -> Iterator[None]:
    """The screened invoices' history to load (``monitor.findings.bulk``), dropped after."""
    try:
        loosest = screening.Loosest.of(configs)
        fill_load(session, running=loosest.running, same_amount=loosest.same_amount)
        yield
    finally:
        drop_tables(session)

"""The screened evaluation of a backtest (``monitor.findings.screening`` first): what
``monitor.rulesets.backtest.backtest`` runs for many invoices (``bulk.SCREEN_MIN_INVOICES``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy.orm import Session

import rules
from monitor.findings import screening
from monitor.findings.bulk import ScreenedBuilder, drop_tables, fill_load
from rules.types import RuleConfig, RuleFinding


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
    lines = screening.lines_read(session)
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
                read = lines.get(invoice_id)
                old = rules.evaluate(ctx, [current], lines=read) if current is not None else []
                new = rules.evaluate(ctx, [proposed], lines=read)
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

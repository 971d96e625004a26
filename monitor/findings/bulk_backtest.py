"""The screened evaluation of a backtest (``monitor.findings.screening`` first): what
``monitor.rulesets.backtest.backtest`` runs for many invoices (``bulk.SCREEN_MIN_INVOICES``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

import rules
from monitor.findings.bulk import ScreenedBuilder, drop_tables, screen_for_check
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
    from monitor.findings.service import fewer_collections

    both = [c for c in (current, proposed) if c is not None]
    builder = ScreenedBuilder(
        session, today=today or date.today(), allow_unconfirmed_terms=allow_unconfirmed_terms
    )
    before: list[RuleFinding] = []
    after: list[RuleFinding] = []
    municipality: dict[str, str] = {}
    # nothing memoised outlives it; the screen's tables are dropped after
    with rules.run_scope(), fewer_collections(len(invoice_ids)):
        try:
            flagged, lines = screen_for_check(
                session,
                invoice_ids=invoice_ids,
                configs=both,
                allow_unconfirmed_terms=allow_unconfirmed_terms,
            )
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
        finally:
            drop_tables(session)
    return before, after, municipality

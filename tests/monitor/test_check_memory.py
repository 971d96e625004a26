"""A check keeps nothing of its run resident (issue 12, item 3): what the rules
memoised for it is released when ``check_invoices`` returns, and nothing of a pair is
kept once the check has moved on to the next."""

from __future__ import annotations

import weakref
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

import rules
from bench.rules_data import build
from monitor.db import create_all, make_engine, session_factory, transaction
from monitor.findings.service import check_invoices
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade
from rules import peers, plan
from rules.builtin import duplicate_billing
from tests.web.conftest import seed_database


def memoised() -> int:
    return len(plan._plans) + len(peers._indexes) + len(duplicate_billing._memo)


def test_a_check_releases_what_the_rules_memoised(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'check.db'}")
    create_all(engine)
    seed = seed_database(engine)
    rules.release_caches()
    seen: list[int] = []
    real = rules.evaluate

    def evaluate(*args, **kwargs):  # records what is memoised while the check runs
        found = real(*args, **kwargs)
        seen.append(memoised())
        return found

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rules, "evaluate", evaluate)
        with transaction(engine) as s:
            result = check_invoices(
                s,
                invoice_ids=[seed.aarhus_invoice_id, seed.invoice_id],
                today=date(2026, 4, 1),
                allow_unconfirmed_terms=True,
                queue_alerts=False,
            )
    engine.dispose()
    assert result.invoices == 2
    assert seen and max(seen) > 0  # the run did memoise
    assert memoised() == 0


def test_a_check_keeps_nothing_of_a_pair_it_has_finished(tmp_path: Path) -> None:
    """A check goes through the vendor-municipality pairs one at a time; once it is on
    the next pair, no invoice or contract of the pairs before is alive any more (not in
    the context builder, nor in what the rules memoise): its memory is one pair's,
    however many pairs and lines it checks."""
    engine = make_engine(f"sqlite:///{tmp_path / 'pairs.db'}")
    upgrade(engine)
    build(engine, 400, municipalities=4, items=20, seed=11)
    current: list[str | None] = [None]
    this_pair: list[weakref.ref[object]] = []
    finished: list[weakref.ref[object]] = []
    pairs_seen: list[tuple[int, int]] = []  # (alive from pairs before, plans) as each begins
    contracts: set[int] = set()
    real = rules.evaluate

    def evaluate(ctx, *args, **kwargs):  # type: ignore[no-untyped-def]
        if ctx.invoice.municipality_code != current[0]:  # the check is on a new pair
            current[0] = ctx.invoice.municipality_code
            finished.extend(this_pair)
            this_pair.clear()
            pairs_seen.append((sum(r() is not None for r in finished), len(plan._plans)))
        held = [ctx.invoice, *ctx.earlier_invoices, *([ctx.contract] if ctx.contract else [])]
        contracts.update([ctx.contract.id] if ctx.contract else [])
        this_pair.extend(weakref.ref(x) for x in held)
        return real(ctx, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rules, "evaluate", evaluate)
        with session_factory(engine)() as s:
            ids = list(s.scalars(select(Invoice.id)))
            result = check_invoices(
                s,
                invoice_ids=ids,
                today=date(2026, 12, 31),
                allow_unconfirmed_terms=True,
                queue_alerts=False,
            )
            s.rollback()
    engine.dispose()
    assert result.invoices == len(ids) and result.created  # the check did its work
    assert len(pairs_seen) == 4 and len(contracts) >= 4
    assert [alive for alive, _ in pairs_seen] == [0, 0, 0, 0]
    assert all(plans == 0 for _, plans in pairs_seen)  # a plan goes with its contract

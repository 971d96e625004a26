"""A check keeps nothing of its run resident (issue 12, item 3): what the rules
memoised for it is released when ``check_invoices`` returns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import rules
from monitor.db import create_all, make_engine, transaction
from monitor.findings.service import check_invoices
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

"""What the rules memoise across invoices lives for one run and is capped
(issue 12, item 3): a long-running worker keeps none of a run's contracts, invoices
and peer prices resident, and results never depend on the caches."""

from __future__ import annotations

from datetime import date

import pytest

import rules
from rules import evidence, peers, plan
from rules.builtin import duplicate_billing
from rules.matching import item_key
from tests.rules.builders import contract, ctx, invoice, line, peer, term


def contexts(n: int) -> list[rules.EvaluationContext]:
    """``n`` invoices under ``n`` contracts, each with an earlier invoice and peer prices;
    every second one over-priced (a price finding) and billed twice (a duplicate)."""
    out = []
    observations = [peer("751", "90.00"), peer("461", "95.00")]
    for i in range(n):
        con = contract(term("100.00", id=i + 1), id=i + 1, mfn=True)
        price = "130.00" if i % 2 else "100.00"
        january = (date(2026, 1, 1), date(2026, 1, 31))
        earlier = invoice(
            line(price, period=january), id=10_000 + i, number=f"E-{i}", issued=date(2026, 1, 2)
        )
        now = invoice(line(price, period=january), id=20_000 + i, number=f"F-{i}")
        out.append(ctx(now, con, earlier_invoices=[earlier], peer_prices=observations))
    return out


def signature(findings: list[rules.RuleFinding]) -> list[tuple[object, ...]]:
    return [(f.rule_id, f.line_ref, f.overcharge, f.grounds_for) for f in findings]


def cached() -> dict[str, int]:
    return {
        "plans": len(plan._plans),
        "peer indexes": len(peers._indexes),
        "duplicate keys": len(duplicate_billing._memo),
        "item keys": item_key.cache_info().currsize,
        "amounts": evidence._fmt_memo.cache_info().currsize,
    }


@pytest.fixture(autouse=True)
def _empty_caches():
    rules.release_caches()
    yield
    rules.release_caches()


def test_a_run_scope_releases_what_the_run_memoised() -> None:
    cases = contexts(6)  # held: a plan lives as long as its contract
    with rules.run_scope():
        found = [f for c in cases for f in rules.evaluate(c)]
        inside = cached()
    assert {f.rule_id for f in found} >= {"price_above_agreed", "duplicate_billing"}
    assert all(inside.values()), inside  # the run did memoise
    assert set(cached().values()) == {0}


def test_a_nested_scope_releases_nothing_until_the_outermost_ends() -> None:
    case = contexts(1)[0]
    with rules.run_scope():
        with rules.run_scope():
            rules.evaluate(case)
        assert cached()["plans"] == 1
    assert cached()["plans"] == 0


def test_a_plan_lives_no_longer_than_its_contract() -> None:
    first, second = contexts(2)
    rules.evaluate(first)
    rules.evaluate(second)
    assert cached()["plans"] == 2
    del first  # the caller is done with the first contract (a check: with its pair)
    assert cached()["plans"] == 1
    assert plan.plan_for(second.contract).contract is second.contract


def test_a_corrected_contract_keeps_its_plan_when_the_old_reading_goes() -> None:
    old, new = contract(term("100.00"), id=7), contract(term("90.00"), id=7)
    plan.plan_for(old)
    newer = plan.plan_for(new)
    del old
    assert plan.plan_for(new) is newer


def test_findings_do_not_depend_on_the_caches() -> None:
    cases = contexts(4)
    warm = [signature(rules.evaluate(c)) for c in cases]
    again = [signature(rules.evaluate(c)) for c in cases]  # memoised results reused
    cold = []
    for c in cases:
        rules.release_caches()
        cold.append(signature(rules.evaluate(c)))
    assert warm == again == cold
    assert any(warm)


def test_the_caches_are_capped_within_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan, "_PLAN_LIMIT", 3)
    monkeypatch.setattr(duplicate_billing, "_MEMO_LIMIT", 4)
    high = {"plans": 0, "duplicate keys": 0}
    for c in contexts(12):
        rules.evaluate(c)
        now = cached()
        high = {k: max(v, now[k]) for k, v in high.items()}
    assert high["plans"] <= 3
    assert high["duplicate keys"] <= 4
    assert peers._LIMIT <= 8
    assert peers._VIEW_LIMIT <= 50_000  # ~16 MB per index: a few pairs' views, not a run's


def test_duplicate_keys_go_with_their_invoice() -> None:
    first, second = contexts(2)
    rules.evaluate(first)
    rules.evaluate(second)
    assert cached()["duplicate keys"] == 4  # each invoice and its earlier one
    del first  # the caller is done with its invoices (a check: with their pair)
    assert cached()["duplicate keys"] == 2


def test_a_memoised_amount_reads_as_its_value_does() -> None:
    """Equal values share their text (trailing zeros never show past two decimals);
    a zero keeps its sign, which equality ignores, so zeros are never memoised."""
    from decimal import Decimal

    seen = [evidence.fmt(Decimal(v)) for v in ("1.5", "1.50", "1.500000", "0", "-0", "-0.00")]
    assert seen == ["1.50", "1.50", "1.50", "0.00", "-0.00", "-0.00"]
    assert evidence.fmt(Decimal("12.3456789")) == "12.345679"
    assert evidence.fmt(Decimal("-0.0000001")) == "-0.00"

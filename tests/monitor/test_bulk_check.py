"""The screened bulk check stores exactly what the line-by-line check stores (issue 12,
item 2), on generated worlds where every built-in rule fires; and the comparison
catches a screen made too tight. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from bench.rules_data import build
from monitor.db import make_engine, session_factory
from monitor.findings.bulk import check_screened
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade
from monitor.rulesets.service import configure
from rules.builtin import builtin_specs

TODAY = date(2026, 12, 31)


def stored(session) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """Every finding with every stored field that a person or a claim reads."""
    keys = dict(session.execute(select(Finding.id, Finding.dedup_key)).all())
    return sorted(
        (
            f.dedup_key,
            f.rule_id,
            f.rule_version,
            f.status,
            f.severity,
            f.mode,
            f.invoice_id,
            f.invoice_line_id,
            f.price_term_id,
            f.contract_id,
            f.municipality_id,
            f.vendor_id,
            f.agreed_unit_price,
            f.invoiced_unit_price,
            f.quantity,
            f.overcharge,
            f.currency,
            f.message,
            f.message_da,
            repr(f.evidence),
            f.preliminary,
            f.money_kind,
            f.benchmark_unit_price,
            keys.get(f.grounds_for_id),
        )
        for f in session.scalars(select(Finding))
    )


def run(engine, check, **kwargs) -> tuple[list[tuple[object, ...]], tuple[int, ...], set]:  # type: ignore[no-untyped-def]
    """Check every invoice with ``check``; the stored findings, the result's counts and
    the checked invoices. Rolled back afterwards."""
    session = session_factory(engine)()
    try:
        ids = list(session.scalars(select(Invoice.id).order_by(Invoice.id)))
        result = check(
            session,
            invoice_ids=ids,
            today=TODAY,
            allow_unconfirmed_terms=True,
            queue_alerts=True,
            **kwargs,
        )
        session.flush()
        counts = (
            result.invoices,
            len(result.created),
            result.updated,
            result.withdrawn,
            len(result.alert_ids),
        )
        checked = set(session.scalars(select(Invoice.id).where(Invoice.status == "checked")))
        return stored(session), counts, checked
    finally:
        session.rollback()
        session.close()


@pytest.fixture
def world(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    upgrade(engine)
    made = build(engine, 4000, municipalities=12, items=60, seed=11, boost=6, dear_share=0.03)
    yield engine, made
    engine.dispose()


def test_bulk_check_stores_what_the_line_by_line_check_stores(world) -> None:  # type: ignore[no-untyped-def]
    engine, made = world
    plain, plain_counts, plain_checked = run(engine, check_invoices)
    fired = {row[1] for row in plain}
    assert fired == set(builtin_specs()), f"rules that did not fire: {set(builtin_specs()) - fired}"
    # the line-by-line path finds what was injected
    found = {(row[1], row[6], row[7]) for row in plain}
    assert found == made.truth
    bulk, bulk_counts, bulk_checked = run(engine, check_screened)
    assert bulk == plain
    assert bulk_counts == plain_counts
    assert bulk_checked == plain_checked


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "from-the-server"])
def test_a_check_spread_over_worker_processes_stores_what_one_process_stores(  # type: ignore[no-untyped-def]
    world, monkeypatch, forked
) -> None:
    """Each part (whole pairs) screened and evaluated by a worker process, stored by the
    caller: the same findings, counts and checked invoices as in one process; and on a
    re-check after a rule change, the same updates and withdrawals. Alike whether the
    workers are forked from the caller or started from the server (``parallel.forks``:
    a caller running other threads)."""
    import multiprocessing

    from sqlalchemy import event

    from monitor.findings import parallel

    if forked and not parallel.forks():
        pytest.skip("this test process runs other threads: its workers are never forked")
    monkeypatch.setattr(parallel, "forks", lambda: forked)
    started: list[str] = []
    get_context = multiprocessing.get_context
    monkeypatch.setattr(
        multiprocessing,
        "get_context",
        lambda method=None: (method and started.append(method)) or get_context(method),
    )
    monkeypatch.setattr(parallel, "PARALLEL_MIN_INVOICES", 1)
    engine, _ = world
    one, one_counts, one_checked = run(engine, check_screened)
    # while it waits for the workers, the caller's transaction is kept from idling
    monkeypatch.setattr(parallel, "KEEPALIVE_S", 0.01)
    monkeypatch.setattr(parallel, "_POLL_S", 0.001)
    pings: list[str] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda conn, cur, stmt, *a: pings.append(stmt) if stmt == "SELECT 1" else None,
    )
    spread = run(engine, check_screened, workers=3)
    assert spread == (one, one_counts, one_checked)
    assert pings
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        result = check_screened(
            s, invoice_ids=ids, today=TODAY, allow_unconfirmed_terms=True, workers=2
        )
        assert len(result.worker_peak_kb) == 2 and all(result.worker_peak_kb.values())
        configure(s, rule_id="payment_terms", actor="test", mode="off")
        configure(
            s,
            rule_id="price_above_agreed",
            actor="test",
            mode="active",
            params={"absolute_tolerance": "5"},
        )
        s.commit()
    one, one_counts, _ = run(engine, check_screened)
    assert one_counts[3] > 0 and one_counts[2] > 0  # withdrawn and updated
    assert run(engine, check_screened, workers=2)[:2] == (one, one_counts)
    assert set(started) == {"fork" if forked else "forkserver"}


def test_a_recheck_after_a_rule_change_withdraws_and_updates_alike(world) -> None:  # type: ignore[no-untyped-def]
    engine, _ = world
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        check_invoices(s, invoice_ids=ids, today=TODAY, allow_unconfirmed_terms=True)
        configure(
            s,
            rule_id="arithmetic_mismatch",
            actor="test",
            mode="active",
            params={"line_tolerance": "20"},
        )
        configure(s, rule_id="payment_terms", actor="test", mode="off")
        s.commit()
    plain, plain_counts, _ = run(engine, check_invoices)
    bulk, bulk_counts, _ = run(engine, check_screened)
    assert plain_counts[3] > 0  # the change withdrew findings
    assert bulk == plain
    assert bulk_counts == plain_counts


@pytest.mark.parametrize("screen", ["arithmetic", "peers", "duplicates", "prices"])
def test_the_comparison_catches_a_screen_made_too_tight(world, screen: str) -> None:  # type: ignore[no-untyped-def]
    engine, _ = world
    plain, _, _ = run(engine, check_invoices)
    bulk, _, _ = run(engine, check_screened, omit=frozenset({screen}))
    assert bulk != plain


def test_terms_written_without_their_key_are_screened_by_their_item_ids(world) -> None:  # type: ignore[no-untyped-def]
    """The screen groups terms by their stored key; a term written past the model
    without one would drop out of its item's bound, so the keys are computed then."""
    from sqlalchemy import text

    engine, _ = world
    plain, _, _ = run(engine, check_invoices)
    with engine.begin() as conn:
        conn.execute(text("UPDATE price_term SET item_key = NULL WHERE id % 2 = 0"))
    bulk, _, _ = run(engine, check_screened)
    assert bulk == plain


@pytest.mark.parametrize("narrowed", ["PEER_BITS", "PRICE_BITS"])
def test_the_comparison_catches_a_rule_left_out_of_an_invoices_flags(  # type: ignore[no-untyped-def]
    world, monkeypatch, narrowed: str
) -> None:
    """Each flagged invoice is evaluated with the rules flagged on it only: a screen
    that flags too few rules (disparity left out of the peer bound's rules; only
    price_above_agreed of the price bound's) is caught like a missing screen."""
    from monitor.findings import screening

    engine, _ = world
    plain, _, _ = run(engine, check_invoices)
    fewer = {
        "PEER_BITS": screening.BITS["mfn_breach"],
        "PRICE_BITS": screening.BITS["price_above_agreed"],
    }[narrowed]
    monkeypatch.setattr(screening, narrowed, fewer)
    bulk, _, _ = run(engine, check_screened)
    assert bulk != plain


@pytest.mark.parametrize("narrowed", ["PRICE_BITS", "PEER_BITS"])
def test_the_comparison_catches_a_line_left_out_of_what_the_rules_read(  # type: ignore[no-untyped-def]
    world, monkeypatch, narrowed: str
) -> None:
    """The price and peer rules read only the lines the screen hit for them
    (``screening.lines_read``): leaving out the lines hit for the one or the other is
    caught like a missing screen."""
    from monitor.findings import screening

    engine, _ = world
    plain, _, _ = run(engine, check_invoices)
    monkeypatch.setattr(screening, "LINE_BITS", getattr(screening, narrowed))
    bulk, _, _ = run(engine, check_screened)
    assert bulk != plain


def test_the_price_and_peer_rules_read_only_the_lines_the_screen_hit(world) -> None:  # type: ignore[no-untyped-def]
    """What the screened check saves: of the flagged invoices' lines, the price and peer
    rules read a small share (the rest cannot give their findings)."""
    from monitor.findings import screening
    from monitor.invoices.models import InvoiceLine
    from monitor.rulesets.service import current_configs

    engine, _ = world
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        flagged = screening.screen(
            s, invoice_ids=ids, configs=current_configs(s), allow_unconfirmed_terms=True
        )
        read = screening.lines_read(s)
        screening.drop_tables(s)
        whole = {i for i, rules in flagged.items() if rules is None}
        assert read and set(read) <= set(flagged) and not set(read) & whole
        lines = s.scalar(select(func.count()).where(InvoiceLine.invoice_id.in_(list(read))))
        assert sum(len(x) for x in read.values()) < lines / 3
        s.rollback()


def _groups(engine) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The screen's items (``screen_group``) and bands as it builds them now."""
    from monitor.findings import screening
    from monitor.rulesets.service import current_configs

    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        screening.screen(
            s, invoice_ids=ids, configs=current_configs(s), allow_unconfirmed_terms=False
        )
        rows = sorted(s.execute(select(screening.T_GROUP)).all())
        bands = sorted(s.execute(select(screening.T_BAND)).all())
        s.rollback()
    return [*rows, *bands]


def test_items_grouped_in_sql_are_the_items_grouped_from_their_item_ids(world) -> None:  # type: ignore[no-untyped-def]
    """Where every term has its stored key the screen groups the items in SQL; where one
    lacks it, from the item ids in Python: the same items, bounds, bands and flags."""
    from sqlalchemy import text

    engine, _ = world
    in_sql = _groups(engine)
    from monitor.findings import screening

    width, tiered = len(screening.T_GROUP.columns), screening.T_GROUP.c.keys().index("tiered")
    assert any(row[tiered] for row in in_sql if len(row) == width)  # tiered items among them
    assert any(row[-1] is not None for row in in_sql if len(row) == width)  # peer bounds
    with engine.begin() as conn:  # past the model: one term without its key
        conn.execute(
            text(
                "UPDATE price_term SET item_key = NULL WHERE id = (SELECT min(id) FROM price_term)"
            )
        )
    assert _groups(engine) == in_sql


def every_invoice_backtest(session, rule_id: str, params: dict[str, object]):  # type: ignore[no-untyped-def]
    """The backtest's report by evaluating every invoice, unscreened (the reference)."""
    import rules
    from monitor.findings.context import ContextBuilder
    from monitor.rulesets.service import current_configs, proposed_config
    from rules.backtest import compare

    proposed = proposed_config(session, rule_id=rule_id, params=params)
    current = next(c for c in current_configs(session) if c.rule_id == rule_id)
    builder = ContextBuilder(session, today=TODAY, allow_unconfirmed_terms=True)
    before, after, municipality = [], [], {}
    ids = list(session.scalars(select(Invoice.id).order_by(Invoice.id)))
    with rules.run_scope():
        for batch in builder.batches(ids):
            for invoice_id in batch.targets:
                ctx = builder.context(batch, invoice_id)
                old, new = rules.evaluate(ctx, [current]), rules.evaluate(ctx, [proposed])
                for f in (*old, *new):
                    municipality[f.dedup_key] = ctx.invoice.municipality_code
                before += old
                after += new
    return compare(before, after, municipality_of=lambda f: municipality[f.dedup_key])


@pytest.mark.parametrize(
    ("rule_id", "params"),
    [
        ("price_disparity", {"ratio": "1.5"}),
        ("price_above_agreed", {"absolute_tolerance": "50"}),
        ("arithmetic_mismatch", {"line_tolerance": "20"}),
    ],
)
def test_a_screened_backtest_reports_what_evaluating_every_invoice_reports(  # type: ignore[no-untyped-def]
    world, monkeypatch, rule_id: str, params: dict[str, object]
) -> None:
    from monitor.findings import bulk
    from monitor.rulesets.backtest import backtest

    monkeypatch.setattr(bulk, "SCREEN_MIN_INVOICES", 1)  # screened
    engine, _ = world
    with session_factory(engine)() as s:
        report = backtest(s, rule_id=rule_id, params=params, today=TODAY)
        reference = every_invoice_backtest(s, rule_id, params)
    assert report.added + report.removed > 0  # the change changes something
    assert report == reference


def _counting_screen(monkeypatch):  # type: ignore[no-untyped-def]
    """Count the screens run (the real screen runs)."""
    from monitor.findings import screening

    calls: list[int] = []
    real = screening.screen

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(screening, "screen", counted)
    return calls


def test_a_check_of_many_invoices_is_screened_with_the_same_findings(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What ``invoices.check_many`` (``check --all``, re-checks) runs: screened from
    ``SCREEN_MIN_INVOICES`` invoices on, every invoice evaluated below it."""
    from monitor.findings import bulk

    engine, _ = world
    calls = _counting_screen(monkeypatch)
    plain, plain_counts, plain_checked = run(engine, check_invoices)
    with session_factory(engine)() as s:
        n = s.scalar(select(func.count()).select_from(Invoice))
    monkeypatch.setattr(bulk, "SCREEN_MIN_INVOICES", n + 1)
    below, _, _ = run(engine, bulk.check_many)
    assert calls == [] and below == plain
    monkeypatch.setattr(bulk, "SCREEN_MIN_INVOICES", n)
    screened, counts, checked = run(engine, bulk.check_many)
    assert calls == [1]
    assert (screened, counts, checked) == (plain, plain_counts, plain_checked)


def test_a_backtest_of_many_invoices_is_screened_with_the_same_report(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from monitor.findings import bulk
    from monitor.rulesets.backtest import backtest

    engine, _ = world
    calls = _counting_screen(monkeypatch)
    monkeypatch.setattr(bulk, "SCREEN_MIN_INVOICES", 1)
    params = {"absolute_tolerance": "50"}
    with session_factory(engine)() as s:
        report = backtest(s, rule_id="price_above_agreed", params=params, today=TODAY)
        reference = every_invoice_backtest(s, "price_above_agreed", params)
    assert calls == [1]
    assert report.added + report.removed > 0
    assert report == reference


def test_a_check_of_many_invoices_runs_the_cyclic_collector_less_and_restores_it() -> None:
    import gc

    from monitor.findings.service import BULK_GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with fewer_collections(5):
        assert gc.get_threshold() == before  # a few invoices: as it was
    with fewer_collections(10_000):
        assert gc.get_threshold()[0] == max(before[0], BULK_GC_THRESHOLD)
        with fewer_collections(10_000):  # nested (a backtest inside a check): the same
            assert gc.get_threshold()[0] == max(before[0], BULK_GC_THRESHOLD)
        assert gc.get_threshold()[0] == max(before[0], BULK_GC_THRESHOLD)
    assert gc.get_threshold() == before
    # two checks in two threads, the first ending first: restored when the last ends
    first, second = fewer_collections(10_000), fewer_collections(10_000)
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == max(before[0], BULK_GC_THRESHOLD)
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_a_check_of_many_invoices_plans_each_read_for_its_pair_on_postgresql(world) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    engine, _ = world
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's plan cache only")
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        assert s.execute(text("SHOW plan_cache_mode")).scalar() == "auto"
        check_invoices(s, invoice_ids=ids, today=TODAY, allow_unconfirmed_terms=True)
        assert s.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
        s.rollback()  # for the transaction only
        assert s.execute(text("SHOW plan_cache_mode")).scalar() == "auto"


def test_lines_written_without_their_key_are_screened_with_what_the_rules_read(world) -> None:  # type: ignore[no-untyped-def]
    """A line with an item id and no stored key is in neither derived table the peer
    and repeat screens read: its vendor's and pair's invoices are flagged for those
    rules, and the findings are those of evaluating every invoice."""
    from sqlalchemy import text

    engine, _ = world
    with engine.begin() as conn:  # past the model (the triggers take them out)
        # every line of some municipalities' invoices (their prices among the peers of
        # the others), and the earlier line of repeated ones
        conn.execute(
            text(
                "UPDATE invoice_line SET item_key = NULL WHERE invoice_id IN (SELECT id FROM"
                " invoice WHERE municipality_id % 4 = 1)"
            )
        )
    plain, _, _ = run(engine, check_invoices)
    assert {row[1] for row in plain} >= {"duplicate_billing", "price_disparity"}
    bulk, _, _ = run(engine, check_screened)
    assert bulk == plain
    # and the screen says why: every invoice of the vendor may have a peer finding the
    # peer bound cannot see, every invoice of those pairs a repeat
    from monitor.findings import screening
    from monitor.rulesets.service import current_configs

    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        flagged = screening.screen(
            s, invoice_ids=ids, configs=current_configs(s), allow_unconfirmed_terms=True
        )
        unkeyed_pair = set(s.scalars(select(Invoice.id).where(Invoice.municipality_id % 4 == 1)))
        s.rollback()
    assert set(flagged) == set(ids)
    for invoice_id, rule_ids in flagged.items():
        assert rule_ids is None or {"price_disparity", "mfn_breach"} <= rule_ids
        if invoice_id in unkeyed_pair:
            assert rule_ids is None or "duplicate_billing" in rule_ids


def test_a_line_with_an_end_but_no_start_is_screened_by_its_issue_date(world) -> None:  # type: ignore[no-untyped-def]
    """``outside_contract_period`` reads a line without a billed start (its own or the
    invoice's) at the issue date, whatever end date it gives: so does the screen."""
    from sqlalchemy import text

    from monitor.contracts.models import Contract

    engine, _ = world
    with session_factory(engine)() as s:
        invoice = s.scalars(select(Invoice).order_by(Invoice.id)).first()
        contract = s.scalars(
            select(Contract).where(
                Contract.vendor_id == invoice.vendor_id,
                Contract.municipality_id == invoice.municipality_id,
            )
        ).first()
        invoice_id, expiry = invoice.id, contract.expiry_date
    late = expiry.replace(year=expiry.year + 1)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE invoice SET period_start = NULL, period_end = NULL, issue_date = :d,"
                " due_date = :d WHERE id = :i"
            ),
            {"d": late, "i": invoice_id},
        )
        conn.execute(
            text(
                "UPDATE invoice_line SET period_start = NULL, period_end = :e WHERE invoice_id = :i"
            ),
            {"e": expiry, "i": invoice_id},
        )
    plain, _, _ = run(engine, check_invoices)
    assert ("outside_contract_period", invoice_id) in {(row[1], row[6]) for row in plain}
    bulk, _, _ = run(engine, check_screened)
    assert bulk == plain


def test_the_rules_that_match_lines_with_contract_items_are_the_screens_line_rules() -> None:
    """A check of many loads the terms of the items only the lines that the price and
    peer rules read match (``context.MATCHING_RULES``); the screen names the same rules
    for the lines it flags (``screening.LINE_BITS``). Every built-in rule whose check
    reads the price analysis is among them."""
    import inspect

    from monitor.findings import context, screening
    from rules.builtin import builtin_specs

    assert {
        rule_id for rule_id, bit in screening.BITS.items() if bit & screening.LINE_BITS
    } == context.MATCHING_RULES
    for rule_id, spec in builtin_specs().items():
        source = inspect.getsource(inspect.getmodule(spec.check))  # type: ignore[arg-type]
        reads = any(x in source for x in ("pricing()", "owned_by(", "comparisons("))
        assert reads == (rule_id in context.MATCHING_RULES), rule_id


def test_a_fraction_of_an_ore_over_an_indexed_price_is_found_by_both_paths(world) -> None:  # type: ignore[no-untyped-def]
    """With no price tolerance, a line billed a fraction of an øre above its indexed
    price is a breach, and one billed at it is none, also where agreed x factor falls on half an
    øre (581.25 x 1.02 = 592.875: allowed 592.88, rounded half up). The screen bounds
    such an item's price to the øre (``screening._exact_allowed``): a bound one øre too
    high would miss these breaches."""
    from decimal import Decimal

    from sqlalchemy import and_, update

    from extractors.money import to_ore
    from monitor.contracts.models import Contract, ContractClause, PriceTerm
    from monitor.findings.screening import PRICE_RULES
    from monitor.invoices.models import InvoiceLine

    engine, made = world
    injected = {line for _, _, line in made.truth if line is not None}
    factor = Decimal("1.02")  # the generated contracts' indexation (bench/rules_data.py)
    with session_factory(engine)() as s:
        indexed = select(ContractClause.contract_id).where(ContractClause.kind == "indexation")
        rows = s.execute(
            select(
                InvoiceLine.id,
                InvoiceLine.unit_price,
                InvoiceLine.quantity,
                PriceTerm.agreed_unit_price,
            )
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .join(
                Contract,
                and_(
                    Contract.vendor_id == Invoice.vendor_id,
                    Contract.municipality_id == Invoice.municipality_id,
                ),
            )
            .join(
                PriceTerm,
                and_(
                    PriceTerm.contract_id == Contract.id, PriceTerm.item_key == InvoiceLine.item_key
                ),
            )
            .where(
                Contract.id.in_(indexed),
                PriceTerm.tier_min.is_(None),
                PriceTerm.tier_max.is_(None),
                PriceTerm.vat_basis == "excl",
                PriceTerm.unit.in_(["user_month", "hour", "transaction"]),  # billed 1:1
            )
        ).all()
        at_indexed = [
            r for r in rows if r.id not in injected and r.unit_price == to_ore(r[3] * factor)
        ]
        ties = [r for r in at_indexed if (r[3] * factor * 100) % 1 == Decimal("0.5")]
        others = [r for r in at_indexed if (r[3] * factor * 100) % 1 != Decimal("0.5")]
        assert len(ties) >= 3 and len(others) >= 20, (len(ties), len(others))
        bumped, kept = ties[:2] + others[:10], ties[2:] + others[10:]
        for r in bumped:
            price = r.unit_price + Decimal("0.0002")  # unit prices may have decimals
            s.execute(
                update(InvoiceLine)
                .where(InvoiceLine.id == r.id)
                .values(unit_price=price, line_amount=to_ore(price * r.quantity))
            )
        for rule_id in PRICE_RULES:
            configure(
                s, rule_id=rule_id, actor="test", mode="active", params={"absolute_tolerance": "0"}
            )
        s.commit()
    plain, _, _ = run(engine, check_invoices)
    priced = {row[7] for row in plain if row[1] in PRICE_RULES}
    assert {r.id for r in bumped} <= priced
    assert not {r.id for r in kept} & priced  # at the price: no breach
    bulk, _, _ = run(engine, check_screened)
    assert bulk == plain


def test_a_negative_agreed_price_keeps_the_half_ore_margin(database_url: str) -> None:
    """The screen's bound to the øre (``screening._exact_allowed``) holds for prices of
    at least 0; a negative agreed price (a discount line) under an exact indexation
    factor keeps the margin, so a line above its allowed price is still flagged for
    the price rules. (-0.013 kr x 1.02 = -0.01326: allowed -0.01; billed 0.005.)"""
    from decimal import Decimal

    from monitor.contracts.models import Contract, ContractClause, PriceTerm
    from monitor.findings import screening
    from monitor.invoices.models import InvoiceLine
    from monitor.parties.models import Municipality, Vendor
    from monitor.rulesets.service import current_configs

    engine = make_engine(database_url)
    upgrade(engine)
    with session_factory(engine)() as s:
        vendor = Vendor(cvr="11111111", name="V")
        muni = Municipality(code="101", name="K", cvr="30000001", population=10000)
        s.add_all([vendor, muni])
        s.flush()
        contract = Contract(
            vendor_id=vendor.id,
            municipality_id=muni.id,
            title="T",
            effective_date=date(2025, 1, 1),
            expiry_date=date(2027, 12, 31),
            status="active",
            vendor_cvr="11111111",
        )
        s.add(contract)
        s.flush()
        # a fixed 2 % (a cap, no index): factor 1.02, exact in millionths
        params = {"cap_pct": "2", "adjust_month": 1, "fixed_months": 0}
        s.add(ContractClause(contract_id=contract.id, kind="indexation", params=params))
        s.add(
            PriceTerm(
                contract_id=contract.id,
                item_id="NEG-1",
                description="Rabat",
                unit="piece",
                agreed_unit_price=Decimal("-0.013"),
                review_state="confirmed",
            )
        )
        invoice = Invoice(
            vendor_id=vendor.id,
            municipality_id=muni.id,
            format="oioubl-2.02",
            document_type="invoice",
            number="F-1",
            issue_date=date(2025, 3, 1),
            currency="DKK",
            line_extension=Decimal("0.01"),
            tax_exclusive=Decimal("0.01"),
            tax=Decimal(0),
            payable=Decimal("0.01"),
        )
        invoice.lines.append(
            InvoiceLine(
                position=1,
                line_id="1",
                item_id="NEG-1",
                description="Rabat",
                quantity=Decimal(1),
                unit_code="EA",
                unit_price=Decimal("0.005"),
                line_amount=Decimal("0.01"),
            )
        )
        s.add(invoice)
        s.commit()
        invoice_id = invoice.id
    with session_factory(engine)() as s:
        flagged = screening.screen(
            s, invoice_ids=[invoice_id], configs=current_configs(s), allow_unconfirmed_terms=True
        )
        s.rollback()
    plain, _, _ = run(engine, check_invoices)
    engine.dispose()
    assert "price_above_agreed" in {row[1] for row in plain}
    assert "price_above_agreed" in (flagged.get(invoice_id) or set())


def test_a_screened_check_reads_latest_prices_of_the_items_the_peer_rules_compare(world) -> None:  # type: ignore[no-untyped-def]
    """Of a vendor's latest prices, the screened check reads those of the items on the
    lines the peer rules read (``bulk.ScreenedBuilder._peer_prices``): for every such
    line, exactly the observations of its item that reading every latest price gives;
    fewer in all."""
    from monitor.findings import bulk, screening
    from monitor.findings.context import ContextBuilder
    from monitor.rulesets.service import current_configs
    from rules.matching import item_key

    engine, _ = world
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        flagged, lines = bulk.screen_for_check(
            s, invoice_ids=ids, configs=current_configs(s), allow_unconfirmed_terms=True
        )
        builder = bulk.ScreenedBuilder(s, today=TODAY, allow_unconfirmed_terms=True)
        builder.reads(flagged, lines)
        every = ContextBuilder(s, today=TODAY, allow_unconfirmed_terms=True)
        compared = 0
        for batch in builder.batches(sorted(flagged)):
            whole = every._peer_prices(batch.vendor_id)
            some = builder._peer_prices(batch.vendor_id)
            assert len(some) < len(whole)
            for invoice_id in batch.targets:
                only = flagged[invoice_id]
                if only is not None and not only & set(screening.PEER_RULES):
                    continue
                view = batch.views[invoice_id]
                read = lines.get(invoice_id)
                for line in view.lines:
                    key = item_key(line.item_id)
                    if key is None or (read is not None and line.id not in read):
                        continue
                    mine = sorted(o.line_id for o in some if item_key(o.item_key) == key)
                    assert mine == sorted(o.line_id for o in whole if item_key(o.item_key) == key)
                    compared += 1
        assert compared > 100
        s.rollback()


def test_a_screened_check_runs_without_jit_compilation_on_postgresql(world) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL's JIT compiled the line screen's expressions for as long as the
    statement ran: off for the bulk check's transaction, as the server has it after."""
    from sqlalchemy import text

    engine, _ = world
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's JIT only")
    with session_factory(engine)() as s:
        ids = list(s.scalars(select(Invoice.id)))
        default = s.execute(text("SHOW jit")).scalar()
        check_screened(s, invoice_ids=ids, today=TODAY, allow_unconfirmed_terms=True)
        assert s.execute(text("SHOW jit")).scalar() == "off"
        s.rollback()
        assert s.execute(text("SHOW jit")).scalar() == default


def test_contracts_with_the_same_price_list_share_one_catalogue(world) -> None:  # type: ignore[no-untyped-def]
    """A framework agreement's price list, in each municipality's contract: one
    catalogue object (its descriptions normalised and a line's description ranked once
    for all of them), and one per different list. A term's description changed in one
    contract gives that contract a catalogue of its own."""
    from sqlalchemy import text

    from monitor.contracts.models import PriceTerm
    from monitor.findings import bulk
    from monitor.rulesets.service import current_configs
    from rules.matching import term_key

    engine, _ = world

    def catalogues(s) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        ids = list(s.scalars(select(Invoice.id)))
        flagged, lines = bulk.screen_for_check(
            s, invoice_ids=ids, configs=current_configs(s), allow_unconfirmed_terms=True
        )
        builder = bulk.ScreenedBuilder(s, today=TODAY, allow_unconfirmed_terms=True)
        builder.reads(flagged, lines)
        objects: dict[int, int] = {}
        for batch in builder.batches(sorted(flagged)):
            for contract in batch.contracts.values():
                if contract is not None and contract.catalogue is not None:
                    objects[contract.id] = id(contract.catalogue)
        lists: dict[int, list[tuple[str, str]]] = {}
        for cid, item, description in s.execute(
            select(PriceTerm.contract_id, PriceTerm.item_id, PriceTerm.description)
            .where(PriceTerm.contract_id.in_(list(objects)), PriceTerm.review_state != "rejected")
            .order_by(PriceTerm.id)
        ):
            lists.setdefault(cid, []).append((term_key(item, description), description))
        contents = {tuple(v) for v in lists.values()}
        assert len(objects) > 2
        return len(set(objects.values())), len(contents)

    with session_factory(engine)() as s:
        shared, contents = catalogues(s)
        assert shared == contents
        s.rollback()
    with engine.begin() as conn:  # one contract's first term described otherwise
        conn.execute(
            text(
                "UPDATE price_term SET description = description || ' (revised)' WHERE id ="
                " (SELECT min(id) FROM price_term WHERE contract_id = (SELECT min(id) FROM contract))"
            )
        )
    with session_factory(engine)() as s:
        shared_after, contents_after = catalogues(s)
        assert shared_after == contents_after == contents + 1
        s.rollback()

"""Pure rule evaluation speed: ``evaluate()`` over generated invoices, all rules on.

Generates, in memory, one vendor's contracts with 98 municipalities (2,000 priced
items each, indexation clause, some with a most-favoured-customer clause), invoices
of 10 lines (about 2 % of lines over-priced), earlier invoices for duplicate checks
and every municipality's peer prices, then times ``rules.evaluate`` alone.

The headline is the cold first pass: it includes building each contract's plan
(matcher, schedules) and every memoised result, which is what checking a fresh batch
costs. A second pass over the same invoices, which reuses those memoised results, is
printed beside it, labelled as such: it is not what a check of new invoices costs.
Times are CPU seconds of this process, so other work on a shared machine does not
count. Memory: the peak resident size, and what stays resident once the run's data is
dropped, before and after ``rules.release_caches()`` (what a worker's run scope does).

Usage: ``.venv/bin/python bench/rules_pure.py [--lines 200000] [--profile]``
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import rules  # noqa: E402
from extractors.types import IndexationTerms, InvoiceTotals, Unit  # noqa: E402
from rules.types import (  # noqa: E402
    ContractView,
    EvaluationContext,
    InvoiceLineView,
    InvoiceView,
    PriceObservation,
    TermView,
)

MUNICIPALITIES = 98
ITEMS = 2000
LINES_PER_INVOICE = 10
VENDOR = "12345678"
UNITS = [Unit.USER_MONTH, Unit.USER_YEAR, Unit.HOUR, Unit.TRANSACTION, Unit.INHABITANT_YEAR]
CODES = {
    Unit.USER_MONTH: "MON",
    Unit.USER_YEAR: "ANN",
    Unit.HOUR: "HUR",
    Unit.TRANSACTION: "C62",
    Unit.INHABITANT_YEAR: "EA",
}
CENT = Decimal("0.01")


def build(n_lines: int, seed: int = 7) -> list[EvaluationContext]:
    rnd = random.Random(seed)
    base = [Decimal(rnd.randrange(1000, 200000)) / 100 for _ in range(ITEMS)]
    units = [UNITS[i % len(UNITS)] for i in range(ITEMS)]
    codes = [f"{1000 + m:04d}" for m in range(MUNICIPALITIES)]
    pops = [rnd.randrange(2000, 650000) for _ in range(MUNICIPALITIES)]
    ix = IndexationTerms(
        index="nettoprisindeks", cap_pct=Decimal(3), adjust_month=1, fixed_months=12
    )
    series = {"nettoprisindeks": {"2024-12": Decimal("100"), "2025-12": Decimal("102.5")}}
    contracts, peers = [], []
    for m, code in enumerate(codes):
        terms = [
            TermView(
                id=m * ITEMS + i, item_id=f"ITEM-{i:05d}", description=f"Ydelse {i} modul",
                unit=units[i], unit_price=base[i], confirmed=True, page=3,
            )
            for i in range(ITEMS)
        ]  # fmt: skip
        contracts.append(
            ContractView(
                id=m + 1, vendor_cvr=VENDOR, municipality_code=code,
                effective_date=date(2025, 1, 1), expiry_date=date(2028, 12, 31),
                price_terms=terms, payment_days=30, mfn=m % 7 == 0, indexation=ix,
            )
        )  # fmt: skip
        for i in range(0, ITEMS, 4):
            peers.append(
                PriceObservation(
                    municipality_code=code, item_key=f"ITEM-{i:05d}", unit_price=base[i],
                    population=pops[m], issue_date=date(2026, 1, 10),
                )
            )  # fmt: skip
    return _invoices(rnd, n_lines, codes, pops, contracts, base, units, series, peers)


def _invoices(rnd, n_lines, codes, pops, contracts, base, units, series, peers):
    contexts, line_id, inv_id = [], 0, 0
    previous: dict[int, InvoiceView] = {}
    while line_id < n_lines:
        m = rnd.randrange(MUNICIPALITIES)
        inv_id += 1
        issued = date(2026, 1, 1) + timedelta(days=rnd.randrange(0, 120))
        start = issued.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        lines = []
        for k in range(LINES_PER_INVOICE):
            line_id += 1
            i = rnd.randrange(ITEMS)
            price = _line_price(base[i], units[i], pops[m])
            if rnd.random() < 0.02:
                price = (price * Decimal("1.3")).quantize(CENT)
            qty = Decimal(1) if units[i] is Unit.INHABITANT_YEAR else Decimal(rnd.randrange(1, 400))
            lines.append(
                InvoiceLineView(
                    id=line_id, line_id=str(k + 1), description=f"Ydelse {i} modul",
                    quantity=qty, unit_price=price, line_amount=(qty * price).quantize(CENT),
                    item_id=f"ITEM-{i:05d}", unit_code=CODES[units[i]],
                    period_start=start, period_end=end,
                )
            )  # fmt: skip
        total = sum((x.line_amount for x in lines), Decimal(0))
        tax = (total / 4).quantize(CENT)
        inv = InvoiceView(
            id=inv_id, number=f"F-{inv_id}", document_type="invoice", issue_date=issued,
            currency="DKK", vendor_cvr=VENDOR, municipality_code=codes[m], lines=lines,
            totals=InvoiceTotals(total, total, tax, total + tax), due_date=issued + timedelta(days=30),
            population=pops[m],
        )  # fmt: skip
        earlier = [previous[m]] if m in previous else []
        previous[m] = inv
        contexts.append(
            EvaluationContext(
                invoice=inv, contract=contracts[m], today=date(2026, 6, 1),
                index_series=series, peer_prices=peers, earlier_invoices=earlier,
            )
        )  # fmt: skip
    return contexts


def _line_price(price: Decimal, unit: Unit, population: int) -> Decimal:
    if unit is Unit.USER_YEAR or unit is Unit.USER_MONTH or unit is Unit.HOUR:
        return price
    if unit is Unit.INHABITANT_YEAR:
        return (price / 100 * population).quantize(CENT)
    return price


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    contexts = build(args.lines)
    n = sum(len(c.invoice.lines) for c in contexts)
    print(f"generated {n} lines in {len(contexts)} invoices in {time.perf_counter() - t0:.1f} s")
    if args.profile:
        import cProfile
        import pstats

        with cProfile.Profile() as prof:
            run(contexts)
        pstats.Stats(prof).sort_stats("tottime").print_stats(35)
        return
    elapsed, findings = run(contexts)
    print(
        f"evaluate (cold, first pass): {n} lines in {elapsed:.2f} s CPU "
        f"= {n / elapsed:,.0f} lines/s"
    )
    warm, again = run(contexts)
    print(
        f"  beside it, NOT the headline: the same invoices again, memoised plans and "
        f"results reused: {warm:.2f} s = {n / warm:,.0f} lines/s ({elapsed / warm:.1f}x)"
    )
    if [(f.rule_id, f.line_ref, f.overcharge) for f in again] != [
        (f.rule_id, f.line_ref, f.overcharge) for f in findings
    ]:
        raise SystemExit("the second pass found something else than the first")
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule_id] = by_rule.get(f.rule_id, 0) + 1
    print(f"findings: {len(findings)} {by_rule}")
    del contexts, findings, again
    gc.collect()
    held = rss_mib()
    rules.release_caches()
    gc.collect()
    print(
        f"memory: peak RSS {peak_rss_mib():.0f} MiB; after the run, with its data dropped, "
        f"{held:.0f} MiB resident, {rss_mib():.0f} MiB after rules.release_caches()"
    )


def rss_mib() -> float:
    """Resident memory of this process now (Linux), MiB."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    """The process's peak resident memory, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(contexts: list[EvaluationContext]) -> tuple[float, list[rules.RuleFinding]]:
    """CPU seconds of this process (the machine is shared) and the findings."""
    found: list[rules.RuleFinding] = []
    t0 = time.process_time()
    for context in contexts:
        found += rules.evaluate(context)
    return time.process_time() - t0, found


if __name__ == "__main__":
    main()

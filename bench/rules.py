"""Rule evaluation at scale: stored invoices -> stored findings, on SQLite.

Builds (once, cached under bench/out/) a database with 98 municipalities, one vendor,
2,000 priced items per contract and 1,000,000 invoice lines (100,000 invoices of 10
lines), 2 % of them overpriced. Then measures:

- prisvagt: ``check_invoices`` over every invoice with the full built-in rule set,
  from stored rows to stored findings (committed);
- bare SQL: one hand-written INSERT ... SELECT join doing ``price_above_agreed`` alone;
- the ratio of the two, and peak memory (max RSS) of the prisvagt run.

Usage: python bench/rules.py [--lines 1000000] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import sys
import time
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OUT = REPO / "bench" / "out"
MUNICIPALITIES = 98
ITEMS = 2000
LINES_PER_INVOICE = 10
OVERPRICED_SHARE = 0.02
UNITS = ["month", "year", "user_month", "hour", "transaction", "fixed"]
UNIT_CODES = {
    "month": "MON",
    "year": "ANN",
    "user_month": "EA",
    "hour": "HUR",
    "transaction": "C62",
    "fixed": "EA",
}


def scaled(value: Decimal, places: int) -> int:
    return int(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).scaleb(places))


def build(path: Path, lines: int, seed: int = 7) -> dict[str, int]:
    """Create the schema with the real migrations, then fill it fast with sqlite3."""
    from monitor.db import make_engine
    from monitor.migrate import upgrade

    if path.exists():
        path.unlink()
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    now = datetime(2026, 11, 1, 12, 0, 0).strftime("%Y-%m-%d %H:%M:%S.%f")
    con.execute(
        "INSERT INTO vendor (id, cvr, name, created_at) VALUES (1, '12345678', 'BenchData A/S', ?)",
        (now,),
    )
    con.executemany(
        "INSERT INTO municipality (id, code, name, cvr, population, created_at) VALUES (?,?,?,?,?,?)",
        [
            (
                m,
                f"{100 + m:03d}",
                f"Benchkommune {m}",
                f"{30000000 + m:08d}",
                rng.randint(5000, 600000),
                now,
            )
            for m in range(1, MUNICIPALITIES + 1)
        ],
    )
    base = [Decimal(rng.randint(1000, 500000)).scaleb(-2) for _ in range(ITEMS)]
    units = [rng.choice(UNITS) for _ in range(ITEMS)]
    agreed: dict[tuple[int, int], Decimal] = {}
    terms = []
    term_id = 0
    for m in range(1, MUNICIPALITIES + 1):
        con.execute(
            "INSERT INTO contract (id, vendor_id, municipality_id, title, language, effective_date, expiry_date,"
            " currency, payment_days, mfn, status, warnings, created_at, vendor_cvr)"
            " VALUES (?,1,?,?, 'da', '2025-01-01', '2028-12-31', 'DKK', 30, 0, 'active', '[]', ?, '12345678')",
            (m, m, f"Driftsaftale {m}", now),
        )
        factor = Decimal(rng.choice([80, 90, 100, 100, 100, 110, 120, 150])) / 100
        for i in range(ITEMS):
            term_id += 1
            price = (base[i] * factor).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            agreed[(m, i)] = price
            terms.append(
                (
                    term_id,
                    m,
                    f"ITEM-{i:04d}",
                    f"Ydelse nummer {i}",
                    units[i],
                    scaled(price, 6),
                    "DKK",
                    "excl",
                    "confirmed",
                    1.0,
                    3,
                    f"ITEM-{i:04d} {price}",
                )
            )
    con.executemany(
        "INSERT INTO price_term (id, contract_id, item_id, description, unit, agreed_unit_price, currency,"
        " vat_basis, review_state, confidence, evidence_page, evidence_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        terms,
    )
    invoices_n = lines // LINES_PER_INVOICE
    per_muni = invoices_n // MUNICIPALITIES
    invoice_rows, line_rows = [], []
    invoice_id = line_id = overpriced = 0
    for m in range(1, MUNICIPALITIES + 1):
        count = per_muni + (1 if m <= invoices_n % MUNICIPALITIES else 0)
        per_month = -(-count // 12)
        for k in range(count):
            month = 1 + k // per_month
            slot = k % per_month
            invoice_id += 1
            items = _month_items(rng, m, month, slot)
            total = Decimal(0)
            for pos, i in enumerate(items, start=1):
                line_id += 1
                price = agreed[(m, i)]
                if rng.random() < OVERPRICED_SHARE:
                    price = (price * Decimal(rng.randint(105, 130)) / 100).quantize(Decimal("0.01"))
                    overpriced += 1
                qty = Decimal(rng.randint(1, 50))
                amount = (qty * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                total += amount
                line_rows.append(
                    (
                        line_id,
                        invoice_id,
                        pos,
                        str(pos),
                        f"ITEM-{i:04d}",
                        f"Ydelse nummer {i}",
                        scaled(qty, 6),
                        UNIT_CODES[units[i]],
                        scaled(price, 6),
                        scaled(price, 6),
                        1_000_000,
                        scaled(amount, 2),
                    )
                )
            tax = (total / 4).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            issue = date(2026, month, min(28, 1 + slot % 28))
            invoice_rows.append(
                (
                    invoice_id,
                    1,
                    m,
                    "oioubl-2",
                    "invoice",
                    f"{100 + m:03d}-{k:06d}",
                    issue.isoformat(),
                    date(2026, month, 28).isoformat(),
                    date(2026, month, 1).isoformat(),
                    date(2026, month, 28).isoformat(),
                    "DKK",
                    "12345678",
                    scaled(total, 2),
                    0,
                    0,
                    scaled(total, 2),
                    scaled(tax, 2),
                    scaled(total + tax, 2),
                    "assigned",
                    "[]",
                    now,
                )
            )
        if len(line_rows) > 200_000 or m == MUNICIPALITIES:
            _flush(con, invoice_rows, line_rows)
            invoice_rows, line_rows = [], []
    con.commit()
    con.close()
    return {"invoices": invoice_id, "lines": line_id, "overpriced": overpriced, "terms": term_id}


def _month_items(rng: random.Random, m: int, month: int, slot: int) -> list[int]:
    # Distinct items within a municipality-month, so nothing looks billed twice.
    order = random.Random(m * 100 + month).sample(range(ITEMS), ITEMS)
    start = (slot * LINES_PER_INVOICE) % ITEMS
    return order[start : start + LINES_PER_INVOICE]


def _flush(con: sqlite3.Connection, invoices: list[tuple], lines: list[tuple]) -> None:
    con.executemany(
        "INSERT INTO invoice (id, vendor_id, municipality_id, format, document_type, number, issue_date, due_date,"
        " period_start, period_end, currency, supplier_cvr, line_extension, allowances, charges, tax_exclusive,"
        " tax, payable, status, warnings, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        invoices,
    )
    con.executemany(
        "INSERT INTO invoice_line (id, invoice_id, position, line_id, item_id, description, quantity, unit_code,"
        " unit_price, price_amount, base_quantity, line_amount) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        lines,
    )


BARE_SQL = """
CREATE TEMP TABLE bare_finding AS
SELECT l.id AS line_id, t.id AS term_id,
       (l.unit_price - t.agreed_unit_price) * l.quantity / 1000000 AS overcharge_micro
FROM invoice_line l
JOIN invoice i ON i.id = l.invoice_id
JOIN contract c ON c.vendor_id = i.vendor_id AND c.municipality_id = i.municipality_id
JOIN price_term t ON t.contract_id = c.id AND t.item_id = l.item_id
WHERE l.unit_price > t.agreed_unit_price
"""


def bare_join(path: Path) -> tuple[float, int]:
    con = sqlite3.connect(path)
    con.execute(
        "CREATE INDEX IF NOT EXISTS ix_bench_term_item ON price_term (contract_id, item_id)"
    )
    start = time.perf_counter()
    con.execute(BARE_SQL)
    n = con.execute("SELECT count(*) FROM bare_finding").fetchone()[0]
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, n


def prisvagt_run(path: Path) -> tuple[float, dict[str, int]]:
    from collections import Counter

    from sqlalchemy import select

    from monitor.db import make_engine, session_factory
    from monitor.findings.models import Finding
    from monitor.findings.service import check_invoices
    from monitor.invoices.models import Invoice

    engine = make_engine(f"sqlite:///{path}")
    session = session_factory(engine)()
    start = time.perf_counter()
    ids = list(session.scalars(select(Invoice.id).order_by(Invoice.id)))
    result = check_invoices(
        session,
        invoice_ids=ids,
        today=date(2026, 12, 31),
        allow_unconfirmed_terms=True,
        queue_alerts=False,
    )
    session.commit()
    elapsed = time.perf_counter() - start
    by_rule = Counter(session.scalars(select(Finding.rule_id)))
    session.close()
    engine.dispose()
    return elapsed, {"invoices": result.invoices, "findings": len(result.created), **by_rule}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    cached = OUT / f"rules-{args.lines}.db"
    if args.rebuild or not cached.exists():
        t = time.perf_counter()
        facts = build(cached, args.lines)
        print(
            f"built {cached.name}: {facts} in {time.perf_counter() - t:.1f} s (setup, not measured)"
        )
    work = OUT / "rules-work.db"
    shutil.copyfile(cached, work)
    bare_s, bare_n = bare_join(work)
    shutil.copyfile(cached, work)
    run_s, counts = prisvagt_run(work)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"lines evaluated:                  {args.lines:,}")
    print(f"prisvagt, all rules, stored:      {run_s:.1f} s  ({args.lines / run_s:,.0f} lines/s)")
    print(f"findings by rule:                 {counts}")
    print(f"bare SQL join, price_above_agreed: {bare_s:.2f} s  ({bare_n:,} rows)")
    print(f"ratio prisvagt / bare SQL:        {run_s / bare_s:.1f}")
    print(f"peak memory (max RSS):            {peak_mb:,.0f} MB")
    print(
        f"targets: under 60 s -> {'met' if run_s < 60 else 'NOT met'}; "
        f"under 1 GB -> {'met' if peak_mb < 1024 else 'NOT met'}; ratio aim under 10"
    )


if __name__ == "__main__":
    main()

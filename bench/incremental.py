"""Incremental checking: what one ``invoices.check`` task costs with a large history.

Stores ``--lines`` invoice lines (default 100,000 = 10,000 invoices of 10 lines; 98
municipalities, one vendor, 2,000 priced items per contract: ``bench/rules.py``'s data),
once on SQLite and once on PostgreSQL (127.0.0.1:5432, a database of its own), then
checks ONE new invoice of 10 lines ``--runs`` times: insert it, time
``check_invoices([its id])`` (rules, findings stored, no alerts), roll back, so every run
sees the same history. The check reads only what concerns the invoice's own items:
their terms (``price_term.item_key``), other municipalities' latest prices
(``item_latest_price``) and earlier invoices billing them for the same period
(``line_item_period``), both kept by triggers (``monitor.invoices.derived``). Prints
p50/p95/max wall time per database, beside the same check reading the whole history
(every term, the pair's invoices, the vendor's prices from the lines;
``--baseline-runs``, the same invoices) with the findings of both compared, and the
peak memory. Issue 12 asks for a p95 under 100 ms
with 1,000,000 stored lines on PostgreSQL (``--lines 1000000``), within 2x of the time
with 10,000 invoices (the default).

``--against 100000`` times the checks against both sizes in turn instead (on a shared
machine the load then falls on both alike) and prints the p95 ratio.

Usage: python bench/incremental.py [--lines 100000] [--runs 40] [--baseline-runs 10]
       [--db sqlite,postgresql] [--rebuild] [--against LINES]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OUT = REPO / "bench" / "out"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TABLES = ("vendor", "municipality", "contract", "price_term", "invoice", "invoice_line")


def sqlite_db(lines: int, rebuild: bool) -> Path:
    """``bench/rules.py``'s database of ``lines`` stored lines (built once, cached)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_rules", REPO / "bench" / "rules.py")
    assert spec is not None and spec.loader is not None
    bench_rules = importlib.util.module_from_spec(spec)  # not ``rules``: that is the package
    spec.loader.exec_module(bench_rules)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"incremental-{lines}.db"
    if rebuild or not path.exists():
        t = time.perf_counter()
        facts = bench_rules._build(  # bench/rules.py's world (all ten rules firing)
            f"sqlite:///{path}", path, lines, OUT / f"incremental-{lines}-truth.pickle"
        )
        from monitor.db import make_engine

        engine = make_engine(f"sqlite:///{path}")
        fill_keys(engine)
        engine.dispose()
        print(f"built {path.name}: {facts} in {time.perf_counter() - t:.1f} s (not measured)")
    return path


def fill_keys(engine) -> None:  # type: ignore[no-untyped-def]
    """The item keys of lines and terms a loader wrote past the model (raw SQL, or a
    copy made before the schema had them), then fresh statistics. A bulk load: the
    derived tables' triggers are set aside and the tables recomputed once, set-based
    (a trigger per updated line costs minutes at a million lines)."""
    from monitor.contracts.repository import fill_term_keys
    from monitor.invoices import derived
    from monitor.invoices.repository import fill_item_keys

    with engine.begin() as conn:
        derived.uninstall(conn)
        filled = fill_item_keys(conn) + fill_term_keys(conn)
        if filled:
            derived.rebuild(conn)
        derived.install(conn)
    if filled:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


def postgres_db(source: Path, lines: int, rebuild: bool) -> str:
    """A PostgreSQL database with the same rows as ``source`` (migrated schema, copied
    table by table with typed values, then VACUUM ANALYZE, as autovacuum would soon
    after such a load: the visibility map lets the check's reads stay index-only, and
    the planner sees the tables as they will be); built once, kept."""
    from sqlalchemy import create_engine, insert, select, text

    import monitor.models  # noqa: F401  (every table on the metadata)
    from monitor.db import Base, make_engine
    from monitor.migrate import upgrade

    name = f"prisvagt_bench_incremental_{lines}"
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists and rebuild:
            conn.execute(text(f'DROP DATABASE "{name}"'))
            exists = False
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    if exists:
        return url
    t = time.perf_counter()
    dst = make_engine(url)
    upgrade(dst)
    src = make_engine(f"sqlite:///{source}")
    with src.connect() as read, dst.begin() as write:
        for table_name in TABLES:
            table = Base.metadata.tables[table_name]
            batch: list[dict[str, object]] = []
            for row in read.execute(select(table)).mappings():
                batch.append(dict(row))
                if len(batch) >= 5000:
                    write.execute(insert(table), batch)
                    batch = []
            if batch:
                write.execute(insert(table), batch)
            write.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                    f"(SELECT max(id) FROM {table_name}))"
                )
            )
    with dst.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    src.dispose()
    dst.dispose()
    print(f"copied to PostgreSQL {name} in {time.perf_counter() - t:.1f} s (not measured)")
    return url


def new_invoice(session, rng: random.Random, n: int):  # type: ignore[no-untyped-def]
    """One new invoice of 10 lines for a random municipality, priced as its contract
    says, one line over-priced; added to the session (flushed, not committed)."""
    from sqlalchemy import select

    from monitor.contracts.models import Contract, PriceTerm
    from monitor.invoices.models import Invoice, InvoiceLine

    muni_id = rng.randint(1, 98)
    contract_id = session.scalar(
        select(Contract.id).where(Contract.municipality_id == muni_id).limit(1)
    )
    terms = session.execute(
        select(PriceTerm.item_id, PriceTerm.description, PriceTerm.agreed_unit_price)
        .where(PriceTerm.contract_id == contract_id)
        .order_by(PriceTerm.id)
    ).all()
    picked = rng.sample(terms, 10)
    lines, total = [], Decimal(0)
    for pos, (item, desc, price) in enumerate(picked, start=1):
        if pos == 1:
            price = (price * Decimal("1.2")).quantize(Decimal("0.01"))
        qty = Decimal(rng.randint(1, 50))
        amount = (qty * price).quantize(Decimal("0.01"))
        total += amount
        lines.append(
            InvoiceLine(
                position=pos,
                line_id=str(pos),
                item_id=item,
                description=desc,
                quantity=qty,
                unit_price=price,
                price_amount=price,
                line_amount=amount,
                period_start=date(2026, 12, 1),
                period_end=date(2026, 12, 31),
            )
        )
    tax = (total / 4).quantize(Decimal("0.01"))
    invoice = Invoice(
        vendor_id=1,
        municipality_id=muni_id,
        format="oioubl-2",
        number=f"NEW-{n:06d}",
        issue_date=date(2026, 12, 15),
        due_date=date(2027, 1, 14),
        period_start=date(2026, 12, 1),
        period_end=date(2026, 12, 31),
        currency="DKK",
        supplier_cvr="12345678",
        line_extension=total,
        tax_exclusive=total,
        tax=tax,
        payable=total + tax,
        lines=lines,
    )
    session.add(invoice)
    session.flush()
    return invoice.id


class Checker:
    """Checks one new invoice at a time against one database (each run rolled back)."""

    def __init__(self, url: str) -> None:
        from monitor.db import make_engine, session_factory

        self.engine = make_engine(url)
        self.make_session = session_factory(self.engine)
        self.rng = random.Random(12)
        self.runs = 0

    def run(self, *, whole_history: bool = False):  # type: ignore[no-untyped-def]
        """(wall seconds, client CPU seconds, the PostgreSQL backend's CPU seconds or
        None, findings) of one check. With
        ``whole_history`` the peer prices and earlier invoices are read as before
        ``invoice_line.item_key``: the vendor's whole history (the baseline)."""
        from sqlalchemy import select

        from monitor.findings import context
        from monitor.findings.models import Finding
        from monitor.findings.service import check_invoices
        from monitor.invoices.models import InvoiceLine

        limit = context.INCREMENTAL_MAX_INVOICES
        context.INCREMENTAL_MAX_INVOICES = 0 if whole_history else limit
        session = self.make_session()
        try:
            invoice_id = new_invoice(session, self.rng, self.runs)
            self.runs += 1
            backend = _backend(session)
            s0 = _cpu_of(backend)
            t0, c0 = time.perf_counter(), time.process_time()
            check_invoices(
                session,
                invoice_ids=[invoice_id],
                today=date(2026, 12, 31),
                allow_unconfirmed_terms=True,
                queue_alerts=False,
            )
            session.flush()
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
            s1 = _cpu_of(backend)
            rows = session.execute(
                select(Finding.rule_id, InvoiceLine.position, Finding.overcharge)
                .outerjoin(InvoiceLine, Finding.invoice_line_id == InvoiceLine.id)
                .where(Finding.invoice_id == invoice_id)
            ).all()
        finally:
            context.INCREMENTAL_MAX_INVOICES = limit
            session.rollback()
            session.close()
        server = s1 - s0 if s0 is not None and s1 is not None else None
        return elapsed, cpu, server, sorted(tuple(r) for r in rows)

    def close(self) -> None:
        self.engine.dispose()


def _backend(session) -> int | None:  # type: ignore[no-untyped-def]
    """The process id of the PostgreSQL backend serving this session (on this machine)."""
    from sqlalchemy import text

    if session.get_bind().dialect.name != "postgresql":
        return None
    return int(session.scalar(text("SELECT pg_backend_pid()")))


def _cpu_of(pid: int | None) -> float | None:
    """CPU seconds a process has used (user + system; 10 ms ticks), from /proc."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(url: str, runs: int, *, whole_history: bool = False):  # type: ignore[no-untyped-def]
    """Wall seconds of ``check_invoices`` for one new invoice, ``runs`` times (after 3
    warm-up runs), and each run's findings (rule, line position, overcharge); the same
    invoices are checked either way of ``whole_history``."""
    checker = Checker(url)
    times: list[float] = []
    found: list[list[tuple[object, ...]]] = []
    try:
        for n in range(runs + 3):
            elapsed, _, _, rows = checker.run(whole_history=whole_history)
            if n >= 3:
                times.append(elapsed)
                found.append(rows)
    finally:
        checker.close()
    return times, found


def interleaved(urls: dict[str, str], runs: int) -> dict[str, tuple[list[float], ...]]:
    """(wall, client CPU, server CPU) seconds per run of each database, the runs taken
    in turn (one check on each, then the next), so a shared machine's load falls on all
    alike. Server CPU: the PostgreSQL backend's (empty for SQLite, which runs in the
    client)."""
    checkers = {label: Checker(url) for label, url in urls.items()}
    out: dict[str, tuple[list[float], ...]] = {k: ([], [], []) for k in urls}
    try:
        for n in range(runs + 3):
            for label, checker in checkers.items():
                elapsed, cpu, server, _ = checker.run()
                if n >= 3:
                    out[label][0].append(elapsed)
                    out[label][1].append(cpu)
                    if server is not None:
                        out[label][2].append(server)
    finally:
        for checker in checkers.values():
            checker.close()
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def databases(lines: int, dbs: list[str], rebuild: bool) -> dict[str, str]:
    """The URL of each database holding ``lines`` stored lines, at the newest schema."""
    from monitor.db import make_engine
    from monitor.migrate import upgrade

    source = sqlite_db(lines, rebuild)
    urls = {}
    for db in dbs:
        if db == "sqlite":
            work = OUT / f"incremental-{lines}-work.db"
            work.write_bytes(source.read_bytes())
            urls[db] = f"sqlite:///{work}"
        else:
            urls[db] = postgres_db(source, lines, rebuild)
    for url in urls.values():  # a database cached by an older schema: bring it up to date
        engine = make_engine(url)
        upgrade(engine)
        fill_keys(engine)
        engine.dispose()
    return urls


def compare(
    urls: dict[str, str], others: dict[str, str], lines: int, against: int, runs: int
) -> None:
    """Checks against both history sizes in turn, per database: p50/p95 of each and the
    p95 ratio (issue 12: within 2x), with the client process's CPU time per check."""
    print(f"ONE new invoice of 10 lines, {lines:,} vs {against:,} stored lines, in turn")
    for db in urls:
        result = interleaved({lines: urls[db], against: others[db]}, runs)
        for size, (wall, cpu, server) in result.items():
            busy = (
                f"   server CPU mean {sum(server) / len(server) * 1000:5.1f} ms" if server else ""
            )
            print(
                f"{db:<11} {size:>9,} lines  p50 {pct(wall, 0.5) * 1000:7.1f} ms   "
                f"p95 {pct(wall, 0.95) * 1000:7.1f} ms   max {max(wall) * 1000:7.1f} ms   "
                f"client CPU p50 {pct(cpu, 0.5) * 1000:5.1f} ms{busy}   ({len(wall)} runs)"
            )
        ratio = pct(result[lines][0], 0.95) / pct(result[against][0], 0.95)
        print(f"{db:<11} p95 ratio {lines:,} / {against:,} lines: {ratio:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process, build included): {peak:,.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--baseline-runs", type=int, default=10, help="runs reading the whole history"
    )
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--against",
        type=int,
        default=0,
        help="also time checks against this many stored lines, in turn with --lines "
        "(the same load on both), and print the p95 ratio",
    )
    args = parser.parse_args()
    for db in args.db.split(","):
        if db not in ("sqlite", "postgresql"):
            parser.error(f"unknown database {db!r}: sqlite or postgresql")
    urls = databases(args.lines, args.db.split(","), args.rebuild)
    if args.against:
        others = databases(args.against, args.db.split(","), args.rebuild)
        compare(urls, others, args.lines, args.against, args.runs)
        return
    stored = f"{args.lines:,} stored lines ({args.lines // 10:,} invoices)"
    print(f"check of ONE new invoice of 10 lines against {stored}, {args.runs} runs")
    mismatch = False
    for db, url in urls.items():
        times, found = measure(url, args.runs)
        base, base_found = measure(url, args.baseline_runs, whole_history=True)
        for label, t in (("own items", times), ("whole history", base)):
            p50, p95 = pct(t, 0.50), pct(t, 0.95)
            print(
                f"{db:<11} {label:<14} p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
                f"max {max(t) * 1000:7.1f} ms   ({len(t)} runs)"
            )
        n = min(len(found), len(base_found))
        same = found[:n] == base_found[:n]
        mismatch |= not same
        counts: dict[str, int] = {}
        for run in found:
            for rule, *_ in run:
                counts[str(rule)] = counts.get(str(rule), 0) + 1
        print(
            f"{db:<11} p50 ratio whole history / own items: "
            f"{pct(base, 0.5) / pct(times, 0.5):.1f}x; findings of the {n} invoices checked "
            f"both ways {'identical' if same else 'DIFFER'}; all findings {counts}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process, build included): {peak:,.0f} MiB")
    if mismatch:
        sys.exit(1)


if __name__ == "__main__":
    main()

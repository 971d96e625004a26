"""Rule evaluation at scale, on SQLite and PostgreSQL: stored invoices -> stored findings.

Data (``bench/rules_data.py``): one vendor, 98 municipalities, 2,000 priced items per
contract, ``--lines`` invoice lines (default 1,000,000) in invoices of ten lines, and
all ten built-in rules firing at low, realistic rates, with the injected truth kept.

Measured, each in a fresh process (peak memory is that process's own peak RSS, see
:func:`own_peak_mb`; CPU is that process's user + system time: PostgreSQL's own server
time is not in it, wall is):

- prisvagt: the check of every invoice as ``check --all`` runs it from
  ``SCREEN_MIN_INVOICES`` (1,000) invoices on (``monitor.findings.bulk.check_screened``:
  screened in SQL, then only the flagged invoices evaluated in Python) with the full built-in rule set, from stored rows to
  committed findings; the findings must equal the injected truth, per rule. With
  ``--line-by-line`` also every invoice evaluated in Python
  (``monitor.findings.service.check_invoices``, what a check of few invoices runs);
- DuckDB: the same ten rules as set-based SQL in DuckDB. DuckDB's sqlite and postgres
  extensions cannot be installed offline here, so the same rows are exported from the
  database to CSV and loaded into an in-memory DuckDB first (load not measured); its
  findings are compared with the truth too. It handles the unit pairs, tiers and
  indexation clause this data uses, and matches items by exact key only;
- bare join: one hand-written INSERT ... SELECT doing ``price_above_agreed`` alone,
  planned fairly: an index on ``price_term (contract_id, item_id)`` and ANALYZE first;
  on PostgreSQL timed with JIT compilation on (the server's default) and off (as
  prisvagt's bulk check runs), the faster counting.

Usage: python bench/rules.py [--lines 1000000] [--db sqlite|postgresql|both] [--rebuild]
                             [--line-by-line] [--rounds N]

``--rounds N`` runs the three phases N times in turn on a freshly reset database (a
machine whose speed wanders by a third between runs makes one run's ratio a draw) and
prints, after each round's figures, the medians over the rounds and the targets judged
on those.
(``PRISVAGT_BENCH_OUT`` and ``PRISVAGT_BENCH_PG_DB`` move the files and the database.)
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OUT = Path(os.environ.get("PRISVAGT_BENCH_OUT", REPO / "bench" / "out"))
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DB = os.environ.get("PRISVAGT_BENCH_PG_DB", "prisvagt_bench_rules")
TODAY = date(2026, 12, 31)


def url_of(db: str, lines: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{OUT / f'rules-{lines}-work.db'}"
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_DB}"


# --------------------------------------------------------------------------- build
def prepare(db: str, lines: int, rebuild: bool) -> dict[str, object]:
    """A database with the generated world and no findings; the truth (pickled)."""
    from sqlalchemy import create_engine, text

    from monitor.db import make_engine
    from monitor.migrate import upgrade

    truth_path = OUT / f"rules-{lines}-truth.pickle"
    cached = OUT / f"rules-{lines}.db"
    facts: dict[str, object] = {}
    if db == "sqlite":
        if rebuild or not cached.exists() or not truth_path.exists():
            facts = _build(f"sqlite:///{cached}", cached, lines, truth_path)
        shutil.copyfile(cached, OUT / f"rules-{lines}-work.db")
        engine = make_engine(url_of(db, lines))
        upgrade(engine)  # built by an older schema: migrations since then
        engine.dispose()
        return facts
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        have = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": PG_DB})
        exists = have.first() is not None
    admin.dispose()
    if exists and not rebuild:
        engine = make_engine(url_of(db, lines))
        upgrade(engine)  # built by an older schema: migrations since then
        with engine.begin() as conn:
            n = conn.execute(text("SELECT count(*) FROM invoice_line")).scalar_one()
            reuse = n == lines
            if reuse:  # only the findings of an earlier run go
                conn.execute(text("DELETE FROM finding"))
                conn.execute(text("UPDATE invoice SET status = 'assigned', checked_at = NULL"))
        if reuse:
            # the reset rewrote every invoice row and deleted every finding: vacuumed, as
            # autovacuum would soon after, so the check meets the tables as SQLite's fresh
            # copy of the built file does (setup, not measured)
            with engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "VACUUM ANALYZE invoice, finding"
                )
            engine.dispose()
            return facts
        engine.dispose()
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{PG_DB}"'))
    admin.dispose()
    engine = make_engine(url_of(db, lines))
    upgrade(engine)
    engine.dispose()
    return _build(url_of(db, lines), None, lines, truth_path)


def _build(url: str, path: Path | None, lines: int, truth_path: Path) -> dict[str, object]:
    from bench.rules_data import build
    from monitor.db import make_engine
    from monitor.migrate import upgrade

    if path is not None and path.exists():
        path.unlink()
    engine = make_engine(url)
    upgrade(engine)
    t = time.perf_counter()
    world = build(engine, lines)
    engine.dispose()
    truth_path.write_bytes(pickle.dumps(world.truth))
    return {
        "invoices": world.invoices,
        "lines": world.lines,
        "injected": world.injected,
        "build_s": round(time.perf_counter() - t, 1),
    }


# -------------------------------------------------------------------------- phases
def phase_prisvagt(db: str, lines: int, *, screened: bool = True) -> dict[str, object]:
    from collections import Counter

    from sqlalchemy import select

    from monitor.db import make_engine, session_factory
    from monitor.findings import bulk, screening, service
    from monitor.findings.models import Finding
    from monitor.invoices import repository

    engine = make_engine(url_of(db, lines))
    session = session_factory(engine)()
    timings: dict[str, float] = {}
    original = screening.screen

    def timed_screen(*args, **kwargs):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = original(*args, **kwargs)
        timings["screen_s"] = round(time.perf_counter() - t, 2)
        timings["flagged_invoices"] = len(out)
        return out

    bulk.screening.screen = timed_screen  # measure the screen's share (same code)
    wall, cpu = time.perf_counter(), time.process_time()
    options: dict[str, object] = {}
    if screened:  # as ``check --all`` runs in-process: over the machine's cores, the
        # workers' server started before the invoices are read (``monitor.cli.main``)
        from monitor.findings.parallel import default_workers, start_early

        options["workers"] = default_workers()
        start_early(options["workers"])  # type: ignore[arg-type]
    # as ``check --all`` reads them
    ids = repository.ids_by_status(session, "assigned", "checked", "check_failed")
    check = bulk.check_screened if screened else service.check_invoices
    result = check(
        session,
        invoice_ids=ids,
        today=TODAY,
        allow_unconfirmed_terms=True,
        queue_alerts=False,
        **options,
    )
    session.commit()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    found = {(r, i, line) for r, i, line in session.execute(
        select(Finding.rule_id, Finding.invoice_id, Finding.invoice_line_id)
    )}  # fmt: skip
    session.close()
    engine.dispose()
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "invoices": result.invoices,
        "workers": len(result.worker_peak_kb) or 1,
        "worker_cpu_s": round(sum(result.worker_cpu_s.values()), 2),
        # the worker processes' own peaks, added to this process's (``run_phase``)
        "worker_peak_mb": round(sum(result.worker_peak_kb.values()) / 1024),
        "parts": [result.part_figures[k] for k in sorted(result.part_figures)],
        **timings,
        "by_rule": dict(Counter(r for r, _, _ in found)),
        **_against_truth(found, lines),
    }


def _against_truth(found: set[tuple[str, int, int | None]], lines: int) -> dict[str, object]:
    truth = pickle.loads((OUT / f"rules-{lines}-truth.pickle").read_bytes())
    missing, extra = truth - found, found - truth
    return {
        "equal_to_truth": not missing and not extra,
        "missing": len(missing),
        "extra": len(extra),
        "example_differences": [list(x) for x in sorted(missing | extra, key=str)[:5]],
    }


BARE_SQL = """
INSERT INTO bare_finding
SELECT l.id, t.id, (l.unit_price - t.agreed_unit_price) * l.quantity / 1000000
FROM invoice_line l
JOIN invoice i ON i.id = l.invoice_id
JOIN contract c ON c.vendor_id = i.vendor_id AND c.municipality_id = i.municipality_id
JOIN price_term t ON t.contract_id = c.id AND t.item_id = l.item_id
WHERE l.unit_price > t.agreed_unit_price
"""


def phase_bare(db: str, lines: int) -> dict[str, object]:
    from sqlalchemy import text

    from monitor.db import make_engine

    engine = make_engine(url_of(db, lines))
    with engine.begin() as conn:
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS ix_bench_term ON price_term (contract_id, item_id)")
        )
        conn.execute(text("DROP TABLE IF EXISTS bare_finding"))
        conn.execute(
            text("CREATE TABLE bare_finding (line_id BIGINT, term_id BIGINT, over BIGINT)")
        )
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    # on PostgreSQL with JIT compilation as the server has it (on) and off, as
    # prisvagt's bulk check runs (``screening.without_jit``): the faster is the baseline
    runs = [()] if db == "sqlite" else [(), ("SET LOCAL jit = off",)]
    timed = []
    for settings in runs:
        with engine.begin() as conn:
            conn.execute(
                text("DELETE FROM bare_finding" if db == "sqlite" else "TRUNCATE bare_finding")
            )
        wall, cpu = time.perf_counter(), time.process_time()
        with engine.begin() as conn:
            for setting in settings:
                conn.execute(text(setting))
            conn.execute(text(BARE_SQL))
            n = conn.execute(text("SELECT count(*) FROM bare_finding")).scalar_one()
        timed.append((time.perf_counter() - wall, time.process_time() - cpu))
    wall, cpu = min(timed)
    with engine.begin() as conn:  # the database left as prisvagt's check meets it
        conn.execute(text("DROP TABLE bare_finding"))
        conn.execute(text("DROP INDEX IF EXISTS ix_bench_term"))
    engine.dispose()
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "rows": n}


def phase_duckdb(db: str, lines: int) -> dict[str, object]:
    from bench.rules_duckdb import export, run_rules

    folder = OUT / f"duck-{db}"
    t = time.perf_counter()
    export(url_of(db, lines), folder)
    load_s = time.perf_counter() - t
    wall, cpu, found = run_rules(folder)
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "export_and_load_s": round(load_s, 1),
        **_against_truth(found, lines),
    }


def phase_line_by_line(db: str, lines: int) -> dict[str, object]:
    """The same check without the screen: every invoice evaluated in Python."""
    return phase_prisvagt(db, lines, screened=False)


PHASES = {
    "prisvagt": phase_prisvagt,
    "line_by_line": phase_line_by_line,
    "bare": phase_bare,
    "duckdb": phase_duckdb,
}


def own_peak_mb() -> int:
    """This process's peak resident memory since it started (``VmHWM``, Linux).

    Not ``ru_maxrss``: across ``execve`` Linux keeps the larger of the old and the new
    image's peak, and ``subprocess`` starts a phase by vfork + exec, so a phase would
    report the parent's peak (building the world: 479 MB for 100,000 lines, where the
    check itself peaked at 331 MB) whenever that was the higher."""
    try:
        with open("/proc/self/status") as status:
            for row in status:
                if row.startswith("VmHWM:"):
                    return round(int(row.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # KiB on Linux


def run_phase(phase: str, db: str, lines: int) -> dict[str, object]:
    """The phase in a fresh process: its own peak memory."""
    out = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--db", db, "--lines", str(lines)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    if out.returncode != 0:
        raise SystemExit(f"{phase} on {db} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--line-by-line",
        action="store_true",
        help="also time the check evaluating every invoice in Python (same findings)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run the phases this many times in turn and judge the medians",
    )
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    import monitor.models  # noqa: F401  (every table, for the foreign keys between them)

    OUT.mkdir(parents=True, exist_ok=True)
    if args.phase:
        figures = PHASES[args.phase](args.db, args.lines)
        figures["peak_mb"] = own_peak_mb() + int(figures.get("worker_peak_mb", 0))  # type: ignore[call-overload]
        print(json.dumps(figures, default=str))
        return
    ok = True
    for db in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        rounds: list[tuple[dict, dict, dict]] = []  # type: ignore[type-arg]
        for n in range(max(1, args.rounds)):
            # each round on a database reset to no findings (the first may build it)
            facts = prepare(db, args.lines, args.rebuild and n == 0)
            if facts:
                print(f"[{db}] built: {facts} (setup, not measured)")
            if args.rounds > 1:
                print(f"[{db}] round {n + 1} of {args.rounds}")
            # the headline is what the product runs (screened); every invoice evaluated
            # in Python beside it on request
            run = run_phase("prisvagt", db, args.lines)
            plain = run_phase("line_by_line", db, args.lines) if args.line_by_line else None
            duck = run_phase("duckdb", db, args.lines)
            bare = run_phase("bare", db, args.lines)
            ok = _report(db, args.lines, run, duck, bare, plain) and ok
            rounds.append((run, duck, bare))
        if len(rounds) > 1:
            _report_medians(db, rounds)
    if not ok:
        raise SystemExit(1)


def _report_medians(db: str, rounds: list[tuple[dict, dict, dict]]) -> None:  # type: ignore[type-arg]
    """The medians over the rounds: each phase's wall time, each ratio (taken per round:
    a round's phases ran under the same load), and the targets judged on the medians."""
    from statistics import median

    def wall(i: int) -> float:
        return median(r[i]["wall_s"] for r in rounds)

    vs_duck = median(r[0]["wall_s"] / max(r[1]["wall_s"], 1e-9) for r in rounds)
    vs_bare = median(r[0]["wall_s"] / max(r[2]["wall_s"], 1e-9) for r in rounds)
    each = ", ".join(
        f"{r[0]['wall_s']} s ({r[0]['wall_s'] / max(r[1]['wall_s'], 1e-9):.1f}x DuckDB, "
        f"{r[0]['wall_s'] / max(r[2]['wall_s'], 1e-9):.1f}x bare)"
        for r in rounds
    )
    peak = max(r[0]["peak_mb"] for r in rounds)
    print(f"[{db}] rounds: {each}")
    print(
        f"[{db}] medians over {len(rounds)} rounds: prisvagt {wall(0):.2f} s, DuckDB "
        f"{wall(1):.2f} s, bare join {wall(2):.2f} s; prisvagt / DuckDB {vs_duck:.1f} "
        f"(target <= 2: {'met' if vs_duck <= 2 else 'NOT met'}); prisvagt / bare join "
        f"{vs_bare:.1f} (target <= 5: {'met' if vs_bare <= 5 else 'NOT met'}); highest peak "
        f"memory {peak} MB ({'met' if peak < 1024 else 'NOT met'}: < 1 GB); findings == truth "
        f"in every round: {all(r[0]['equal_to_truth'] and r[1]['equal_to_truth'] for r in rounds)}"
    )


def _report(db: str, lines: int, run: dict, duck: dict, bare: dict, plain: dict | None) -> bool:  # type: ignore[type-arg]
    vs_duck = run["wall_s"] / max(duck["wall_s"], 1e-9)
    vs_bare = run["wall_s"] / max(bare["wall_s"], 1e-9)
    print(f"[{db}] lines: {lines:,}")
    print(
        f"[{db}] prisvagt check of every invoice (check --all): wall {run['wall_s']} s, "
        f"CPU {run['cpu_s']} s here + {run['worker_cpu_s']} s in workers, peak {run['peak_mb']} MB (all its processes), "
        f"{run['invoices']} invoices, {run['workers']} worker process(es); "
        + (
            f"screen {run.get('screen_s')} s, {run.get('flagged_invoices')} invoices evaluated "
            "in Python"
            if run["workers"] == 1
            else "screened and evaluated by the workers, stored here; each part: "
            + "; ".join(
                f"{p['flagged']:,} invoices flagged, screen {p.get('screen_s')} s, "
                f"evaluation {p.get('evaluate_s')} s"
                for p in run.get("parts", [])
            )
        )
    )
    print(f"[{db}] findings by rule: {run['by_rule']}")
    if plain is not None:
        print(
            f"[{db}] the same check evaluating every invoice in Python: wall {plain['wall_s']}"
            f" s, CPU {plain['cpu_s']} s, peak {plain['peak_mb']} MB; == truth: "
            f"{plain['equal_to_truth']}"
        )
    print(
        f"[{db}] prisvagt findings == injected truth: {run['equal_to_truth']} "
        f"(missing {run['missing']}, extra {run['extra']}) {run['example_differences']}"
    )
    print(
        f"[{db}] DuckDB, ten rules: wall {duck['wall_s']} s, CPU {duck['cpu_s']} s "
        f"(export + load {duck['export_and_load_s']} s, not counted); == truth: "
        f"{duck['equal_to_truth']} (missing {duck['missing']}, extra {duck['extra']})"
    )
    print(
        f"[{db}] bare SQL join (price_above_agreed, indexed, ANALYZE): wall {bare['wall_s']} s ({bare['rows']:,} rows)"
    )
    print(
        f"[{db}] ratios (wall): prisvagt / DuckDB {vs_duck:.1f} (target <= 2: "
        f"{'met' if vs_duck <= 2 else 'NOT met'}); prisvagt / bare join {vs_bare:.1f} "
        f"(target <= 5: {'met' if vs_bare <= 5 else 'NOT met'}); peak memory "
        f"{'met' if run['peak_mb'] < 1024 else 'NOT met'} (< 1 GB)"
    )
    return bool(run["equal_to_truth"]) and (plain is None or bool(plain["equal_to_truth"]))


if __name__ == "__main__":
    main()

"""The findings list and the overview with 100,000 findings in PostgreSQL: p50/p95 per page.

Fills its own database (``prisvagt_bench_web_<n>``, kept between runs as a cache;
``--rebuild`` makes it again) through the migrations, with 98 municipalities, a dozen
vendors, their contracts and price terms, invoices of one to four lines and one
finding per billed line that breaks a price (statuses, severities, rules, price gaps
and owners mixed as a year of use would leave them), then VACUUM ANALYZE.

Each page is fetched through the app (FastAPI's TestClient, signed in through the
login page as a person would be) ``--runs`` times after two warm-up fetches, for two
identities: an admin over every municipality, and a legal+finance user of three
municipalities (whose every query carries the municipality scope). Printed per page:
p50, p95, the number of SQL statements one fetch runs, and the target.

Usage: ``.venv/bin/python bench/web.py [--findings 100000] [--runs 30] [--rebuild]``

Exits 1 if a page's p95 is at or above 300 ms (issue 11's acceptance).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 300.0
PASSWORD = "bench-web-password"
EVERYWHERE = "admin@bench.invalid"
SCOPED = "jura-oekonomi@bench.invalid"

SERVICES = [
    "Drift af sagssystem", "Brugerlicens ESDH", "Support pr. time", "Hosting af fagsystem",
    "Licens økonomisystem", "Vedligehold lønsystem", "Borgerservice selvbetjening",
    "Integration NemHandel", "Backup og gendannelse", "Konsulentbistand", "Serviceaftale KMD",
    "Licens dokumentboks", "Drift af netværk", "Sikkerhedsovervågning", "Printløsning pr. side",
    "Opgradering til ny version", "Kursus pr. deltager", "Fagsystem børn og unge",
    "Jobcentersystem licens", "Ydelsessystem drift", "Databehandleraftale", "Telefoni pr. bruger",
]  # fmt: skip
RULES = [
    ("price_above_agreed", "high"), ("indexation_cap_exceeded", "high"),
    ("tier_not_applied", "medium"), ("unpriced_item", "medium"), ("payment_terms", "low"),
    ("duplicate_billing", "high"), ("arithmetic_mismatch", "low"),
    ("outside_contract_period", "medium"), ("price_disparity", "medium"),
]  # fmt: skip
STATUSES = ["open"] * 14 + ["confirmed"] * 3 + ["dismissed"] * 2 + ["resolved"]


def database(findings: int, rebuild: bool) -> tuple[str, bool]:
    """The bench database's URL, and whether it must be filled (a database left
    half-filled by an interrupted run is made again)."""
    from sqlalchemy import create_engine, text

    name = f"prisvagt_bench_web_{findings}"
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists and not rebuild:
            rebuild = _count(url) < findings
        if exists and rebuild:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            exists = False
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url, not exists


def _count(url: str) -> int:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import ProgrammingError

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(text("SELECT count(*) FROM finding")) or 0)
    except ProgrammingError:
        return 0
    finally:
        engine.dispose()


def fill(url: str, findings: int) -> None:
    """Parties, contracts, invoices, lines and findings; then ANALYZE (not measured)."""
    from sqlalchemy import insert, text

    import monitor.models as m
    from monitor.auth.service import add_user
    from monitor.db import make_engine, session_factory
    from monitor.migrate import upgrade

    started = time.perf_counter()
    rng = random.Random(11)
    engine = make_engine(url)
    upgrade(engine)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with engine.begin() as conn:
        munis = [
            {"id": i + 1, "code": str(101 + i * 8), "name": f"Kommune {101 + i * 8}",
             "cvr": f"{29189000 + i}", "population": rng.randint(2000, 650000),
             "created_at": now}
            for i in range(98)
        ]  # fmt: skip
        conn.execute(insert(m.Municipality), munis)
        vendors = [
            {"id": i + 1, "cvr": f"{10000000 + i * 7919}", "name": name, "created_at": now}
            for i, name in enumerate(
                ["Kommunedata A/S", "Netcompany", "Systematic", "EG A/S", "Fujitsu",
                 "Atea", "Schultz", "Visma", "Formpipe", "Nets", "IBM Danmark", "Netic"]
            )
        ]  # fmt: skip
        conn.execute(insert(m.Vendor), vendors)
        docs, contracts, terms = [], [], []
        for mu in munis:
            for v in rng.sample(vendors, 4):
                cid = len(contracts) + 1
                docs.append({"id": cid, "sha256": f"{cid:064x}", "filename": f"kontrakt-{cid}.pdf",
                             "kind": "contract", "size": 1, "content": b"%PDF",
                             "status": "processed", "received_at": now})  # fmt: skip
                contracts.append({"id": cid, "document_id": cid, "vendor_id": v["id"],
                                  "municipality_id": mu["id"], "title": f"K02 Drift {cid}",
                                  "effective_date": date(2024, 1, 1), "status": "active"})  # fmt: skip
                for k, service in enumerate(rng.sample(SERVICES, 8)):
                    terms.append({"id": len(terms) + 1, "contract_id": cid,
                                  "item_id": f"{k + 1}.{cid % 9}", "description": service,
                                  "unit": "user_month", "evidence_page": 3 + k,
                                  "agreed_unit_price": Decimal(rng.randint(50, 5000)),
                                  "evidence_text": f"{k + 1} {service}: pris pr. bruger"})  # fmt: skip
        conn.execute(insert(m.Document), docs)
        conn.execute(insert(m.Contract), contracts)
        conn.execute(insert(m.PriceTerm), terms)
        terms_of: dict[int, list[dict[str, object]]] = {}
        for t in terms:
            terms_of.setdefault(int(t["contract_id"]), []).append(t)  # type: ignore[arg-type]
        _fill_invoices(conn, rng, contracts, terms_of, findings, now)
        for table in ("municipality", "vendor", "document", "contract", "price_term",
                      "invoice", "invoice_line", "finding"):  # fmt: skip
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )  # fmt: skip
            )
    with session_factory(engine)() as s:
        codes = [mu["code"] for mu in munis[:3]]
        add_user(s, email=EVERYWHERE, name="Admin", roles=["admin", "legal", "finance"],
                 municipality_codes=[], all_municipalities=True, password=PASSWORD, actor="bench")  # fmt: skip
        add_user(s, email=SCOPED, name="Jura og økonomi", roles=["legal", "finance"],
                 municipality_codes=codes, password=PASSWORD, actor="bench")  # fmt: skip
        s.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # as autovacuum leaves a settled table
    engine.dispose()
    print(
        f"filled {url.rsplit('/', 1)[-1]} in {time.perf_counter() - started:.0f} s (not measured)"
    )


def _fill_invoices(conn, rng, contracts, terms_of, findings, now) -> None:  # type: ignore[no-untyped-def]
    invoices, lines, found = [], [], []
    n = iid = lid = 0
    while n < findings:
        c = rng.choice(contracts)
        iid += 1
        issued = date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))
        invoices.append({"id": iid, "vendor_id": c["vendor_id"], "municipality_id": c["municipality_id"],
                         "format": "oioubl-2.02", "number": f"F-{issued.year}-{iid:06d}",
                         "issue_date": issued, "due_date": issued + timedelta(days=30),
                         "currency": "DKK", "line_extension": Decimal(0), "tax_exclusive": Decimal(0),
                         "tax": Decimal(0), "payable": Decimal(0), "status": "checked",
                         "received_at": now})  # fmt: skip
        for pos in range(rng.randint(1, 4)):
            term = rng.choice(terms_of[c["id"]])
            lid += 1
            qty = Decimal(rng.randint(1, 400))
            agreed = term["agreed_unit_price"]
            billed = (
                agreed if pos == 0 else agreed * Decimal(rng.choice(["1.04", "1.12", "1.5", "2"]))
            )
            lines.append({"id": lid, "invoice_id": iid, "position": pos, "line_id": str(pos + 1),
                          "item_id": term["item_id"], "description": term["description"],
                          "quantity": qty, "unit_code": "EA", "unit_price": billed,
                          "line_amount": (qty * billed).quantize(Decimal("0.01"))})  # fmt: skip
            if pos == 0 or n >= findings:
                continue
            rule, severity = rng.choice(RULES)
            gap = rule == "price_disparity"
            created = datetime.combine(issued, datetime.min.time(), UTC) + timedelta(
                days=rng.randint(0, 5)
            )
            status = rng.choice(STATUSES)
            n += 1
            found.append({"id": n, "dedup_key": f"{rule}:{iid}:{lid}", "rule_id": rule,
                          "rule_version": 1, "severity": severity, "mode": "active",
                          "status": status, "invoice_id": iid, "invoice_line_id": lid,
                          "price_term_id": term["id"], "contract_id": c["id"],
                          "municipality_id": c["municipality_id"], "vendor_id": c["vendor_id"],
                          "agreed_unit_price": agreed, "invoiced_unit_price": billed, "quantity": qty,
                          "overcharge": ((billed - agreed) * qty).quantize(Decimal("0.01")),
                          "recovered": Decimal(0), "currency": "DKK",
                          "message": f"Enhedsprisen {billed:.2f} kr. er over den aftalte {agreed:.2f} kr. "
                                     f"for {term['description']}",
                          "evidence": {"contract_page": term["evidence_page"]},
                          "created_at": created, "updated_at": created, "preliminary": False,
                          "money_kind": "price_gap" if gap else "overcharge",
                          "deadline": issued + timedelta(days=45) if status == "confirmed" else None,
                          "reviewed_by": None if status == "open" else "jura@bench.invalid"})  # fmt: skip
        if len(lines) >= 20000:
            _flush(conn, invoices, lines, found)
            invoices, lines, found = [], [], []
            print(f"  {n} findings", end="\r", flush=True)
    _flush(conn, invoices, lines, found)


def _flush(conn, invoices, lines, found) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    import monitor.models as m

    for table, rows in ((m.Invoice, invoices), (m.InvoiceLine, lines), (m.Finding, found)):
        if rows:
            conn.execute(insert(table), rows)


PAGES = [
    ("findings, first page", "/findings"),
    ("findings, filtered", "/findings?status=open&rule=price_above_agreed&sort=newest"),
    ("findings, search", "/findings?q=backup"),
    ("findings, search + dates", "/findings?q=licens&issued_from=2025-06-01&issued_to=2025-12-31"),
    ("findings, page 1000", "/findings?page=1000"),
    ("overview", "/"),
]


def measure(url: str, runs: int) -> list[tuple[str, str, float, float, int]]:
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from monitor.db import make_engine
    from monitor.settings import load_settings
    from monitor.web.app import create_app

    engine = make_engine(url)
    statements = [0]
    event.listen(
        engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1)
    )
    settings = load_settings(database_url=url, trusted_hosts=["testserver"])  # TestClient's Host
    app = create_app(settings=settings, engine=engine)
    out = []
    for who in (EVERYWHERE, SCOPED):
        with TestClient(app) as client:
            _sign_in(client, who)
            for label, path in PAGES:
                for _ in range(2):
                    assert client.get(path).status_code == 200, path
                statements[0] = 0
                client.get(path)
                per_fetch = statements[0]
                times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    answer = client.get(path)
                    times.append((time.perf_counter() - t) * 1000)
                    assert answer.status_code == 200
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
                out.append((who.split("@")[0], label, statistics.median(times), p95, per_fetch))
    engine.dispose()
    return out


def _sign_in(client, email: str) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    answer = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                         follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    url, empty = database(args.findings, args.rebuild)
    if empty:
        fill(url, args.findings)
    else:  # a kept database: bring its schema up to the code's (new revisions)
        from monitor.db import make_engine
        from monitor.migrate import upgrade

        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
    results = measure(url, args.runs)
    print(f"\n{args.findings:,} findings in PostgreSQL, {args.runs} fetches per page "
          f"(target: p95 < {TARGET_MS:.0f} ms)")  # fmt: skip
    print(f"{'identity':<18} {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5}  ")
    slow = False
    for who, label, p50, p95, sql in results:
        ok = p95 < TARGET_MS
        slow |= not ok
        print(f"{who:<18} {label:<28} {p50:8.1f} {p95:8.1f} {sql:5d}  {'ok' if ok else 'SLOW'}")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Pipeline benchmark: check fan-out in-process, then inbox file -> email through real processes.

0. Check fan-out, in-process (the embedded default, SQLite): a generated batch of
   invoices from six municipalities buying the same items from one vendor (each
   arrival changes the others' price comparison) ingested as one burst; prints
   ``invoices.check`` tasks per invoice (target <= 2: each invoice once, each peer
   re-checked once per burst) and the total time. ``--fanout-only`` stops there.

Then, with Redis reachable: Redis as the broker, two worker processes, the scheduler polling the inbox every
second, and the SendGrid fake (real HTTP, driven by the real sendgrid client).
Each invoice dropped in the inbox is overpriced, so each must become exactly one
email. Prints:

1. latency from a file landing in the inbox to the email accepted by the fake, for
   invoices dropped one by one at random moments (p50, p95, max; target p95 <= 5 s);
2. throughput: a batch dropped at once, invoices per second until the last email;
3. the web app under load: 40 invoices uploaded at once (``POST /api/v1/documents``) while
   another batch dropped in the inbox is being read and checked: p50/p95/max answer
   time and the status codes (target: every upload 202, no 5xx).

Usage: ``python bench/pipeline.py [--fanout-invoices 300] [--fanout-only]
[--latency-files 40] [--batch 200]
[--database-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]``
Without ``--database-url`` it uses a SQLite file (the embedded default). With a
PostgreSQL server URL it creates a throw-away database there and drops it after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.alerts.fake_sendgrid import FakeSendGrid  # noqa: E402
from tests.servicecheck import REDIS_URL, reachable  # noqa: E402
from tests.workers.harness import Stack, drop_in_inbox, running  # noqa: E402
from tests.workers.world import invoice, seed  # noqa: E402

TARGET_P95 = 5.0
API_KEY = "SG.bench"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def prepare_database(url: str | None, tmp: Path) -> tuple[str, str | None]:
    """(database URL to use, throw-away PostgreSQL database to drop afterwards)."""
    if not url:
        return f"sqlite:///{tmp / 'bench.db'}", None
    from sqlalchemy import create_engine, text

    name = f"prisvagt_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}", name


def drop_database(url: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def setup_database(stack: Stack) -> None:
    os.environ["PRISVAGT_DATABASE_URL"] = stack.env["PRISVAGT_DATABASE_URL"]
    os.environ["PRISVAGT_BROKER_URL"] = ""
    from monitor.db import engine_for, get_engine, transaction
    from monitor.migrate import upgrade
    from monitor.settings import get_settings
    from tests.workers.peer_world import seed_peers

    get_settings.cache_clear()  # the in-process fan-out used another database
    engine_for.cache_clear()
    upgrade(get_engine())
    with transaction() as session:
        seed(session)
        seed_peers(session)
    get_engine().dispose()


def _started(stack: Stack, task: str) -> int:
    needle = f'"task": "{task}"'
    return sum(
        1
        for name in stack.procs
        for line in stack.log(name).splitlines()
        if '"task started"' in line and needle in line
    )


def measure_fanout_redis(stack: Stack, invoices: int, timeout: float) -> tuple[int, int, float]:
    """(invoices checked, invoices.check tasks, seconds) for peer invoices dropped in the
    inbox at once, until every one is checked and no peer re-check is pending."""
    from sqlalchemy import func, select

    from monitor.db import get_engine, transaction
    from monitor.invoices.models import Invoice, InvoiceRecheck
    from tests.workers.peer_world import peer_invoices

    before = _started(stack, "invoices.check")
    start = time.time()
    for name, data in peer_invoices(invoices):
        drop_in_inbox(stack.inbox, name, data)
    quiet_since, checked = None, 0
    while time.time() - start < timeout:
        time.sleep(1)
        with transaction() as session:
            checked = session.scalar(
                select(func.count()).where(
                    Invoice.number.like("PEER-%"), Invoice.status == "checked"
                )
            )
            pending = session.scalar(select(func.count()).select_from(InvoiceRecheck))
        if checked == invoices and not pending:
            quiet_since = quiet_since or time.time()
            if time.time() - quiet_since > 8:  # no re-check left in flight
                break
        else:
            quiet_since = None
    elapsed = (quiet_since or time.time()) - start
    get_engine().dispose()
    return checked or 0, _started(stack, "invoices.check") - before, elapsed


def measure_latency(stack: Stack, fake: FakeSendGrid, files: int, timeout: float) -> list[float]:
    dropped: dict[str, float] = {}
    for i in range(files):
        number = f"LAT-{i:05d}"
        time.sleep(random.uniform(0.2, 1.2))  # land at any moment of the poll cycle
        dropped[number] = time.time()
        drop_in_inbox(stack.inbox, f"{number}.xml", invoice(number))
    fake.wait_for(files, timeout=timeout)
    latencies = []
    for payload, at in zip(fake.accepted, fake.accepted_at, strict=True):
        number = next(n for n in dropped if n in payload["subject"])
        latencies.append(at - dropped[number])
    if len(latencies) < files:
        print(f"  warning: {files - len(latencies)} of {files} emails never arrived")
    return latencies


def measure_throughput(
    stack: Stack, fake: FakeSendGrid, batch: int, timeout: float
) -> tuple[int, float]:
    before = len(fake.accepted)
    staged = [(f"TP-{i:05d}", invoice(f"TP-{i:05d}")) for i in range(batch)]
    start = time.time()
    for number, data in staged:
        drop_in_inbox(stack.inbox, f"{number}.xml", data)
    fake.wait_for(before + batch, timeout=timeout)
    done = len(fake.accepted) - before
    last = fake.accepted_at[-1] if done else time.time()
    return done, last - start


UPLOADS = 40


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_web(stack: Stack) -> str:
    """``prisvagt serve`` on a free port of this machine; its base URL once it answers."""
    import httpx

    port = free_port()
    stack._spawn("web", [sys.executable, "-m", "monitor.cli.main", "serve", "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the web app did not answer within 60 s:\n" + stack.log("web")[-2000:])


def upload_headers(stack: Stack, base: str) -> dict[str, str]:
    """What an upload from a machine sends: the web app's own origin and an API token
    (finance, every municipality), made in the stack's database."""
    from monitor.auth.service import add_token
    from monitor.db import make_engine, transaction

    engine = make_engine(stack.env["PRISVAGT_DATABASE_URL"])
    with transaction(engine) as session:
        _, secret = add_token(
            session, name="bench", roles=["finance"], municipality_codes=[],
            all_municipalities=True, actor="bench/pipeline.py",
        )  # fmt: skip
    engine.dispose()
    return {"Origin": base, "Authorization": f"Bearer {secret}"}


def measure_uploads(
    stack: Stack, fake: FakeSendGrid, base: str, batch: int, headers: dict[str, str],
    timeout: float,
) -> tuple[list[float], Counter[int]]:  # fmt: skip
    """``UPLOADS`` invoices posted to the web app at once while a batch dropped in the
    inbox is being read and checked: each upload's answer time and the status codes."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    before = len(fake.accepted)
    for i in range(batch):
        drop_in_inbox(stack.inbox, f"UPB-{i:05d}.xml", invoice(f"UPB-{i:05d}"))
    time.sleep(2.0)  # the scheduler has claimed the batch: the workers are busy checking

    def post(i: int) -> tuple[float, int]:
        number = f"UPL-{i:05d}"
        start = time.perf_counter()
        try:
            answer = httpx.post(
                f"{base}/api/v1/documents", headers=headers, timeout=120,
                files={"file": (f"{number}.xml", invoice(number), "application/xml")},
            )  # fmt: skip
            status = answer.status_code
        except httpx.HTTPError:
            status = 599  # no answer at all counts as a server error
        return time.perf_counter() - start, status

    with ThreadPoolExecutor(max_workers=UPLOADS) as pool:
        results = list(pool.map(post, range(UPLOADS)))
    fake.wait_for(before + batch + UPLOADS, timeout=timeout)
    return [t for t, _ in results], Counter(code for _, code in results)


def task_failures(stack: Stack) -> Counter[str]:
    """What the workers logged as failed tasks, by task and error (to explain a miss)."""
    seen: Counter[str] = Counter()
    for name in stack.procs:
        for line in stack.log(name).splitlines():
            if '"task failed"' in line:
                entry = json.loads(line)
                error = re.sub(r"\d+", "N", str(entry.get("error")))  # group by kind
                seen[f"{entry.get('task')}: {error}"] += 1
    return seen


TARGET_CHECKS_PER_INVOICE = 2.0


def measure_fanout(invoices: int, tmp: Path) -> tuple[Counter[str], float]:
    """(tasks run by name, seconds) for ``invoices`` peer invoices ingested in-process."""
    from celery.signals import task_prerun

    from tests.workers.peer_world import peer_invoices, seed_peers

    folder = tmp / "fanout"
    folder.mkdir()
    for name, data in peer_invoices(invoices):
        (folder / name).write_bytes(data)
    os.environ["PRISVAGT_DATABASE_URL"] = f"sqlite:///{tmp / 'fanout.db'}"
    os.environ["PRISVAGT_BROKER_URL"] = ""
    os.environ["PRISVAGT_OUTBOX_DIR"] = str(tmp / "outbox")
    from monitor.cli.ingest import ingest
    from monitor.db import get_engine, transaction
    from monitor.migrate import upgrade

    upgrade(get_engine())
    with transaction() as session:
        seed_peers(session)
    seen: Counter[str] = Counter()

    def count(sender: object = None, **_: object) -> None:
        seen[getattr(sender, "name", "?")] += 1

    task_prerun.connect(count, weak=False)
    start = time.perf_counter()
    outcomes = ingest([folder], kind=None, show_progress=False)
    elapsed = time.perf_counter() - start
    task_prerun.disconnect(count)
    get_engine().dispose()
    failed = [o.error for o in outcomes if o.status != "processed"]
    if failed:
        print(f"  warning: {len(failed)} invoices not processed, e.g. {failed[0]}")
    return seen, elapsed


def print_fanout(invoices: int, seen: Counter[str], elapsed: float) -> bool:
    checks = seen["invoices.check"]
    per_invoice = checks / invoices
    met = per_invoice <= TARGET_CHECKS_PER_INVOICE
    print(f"check fan-out, in-process (SQLite), {invoices} invoices of 6 municipalities"
          " comparing prices, ingested as one burst:")  # fmt: skip
    print(f"  invoices.check tasks: {checks} = {per_invoice:.2f} per invoice"
          f"  (target <= {TARGET_CHECKS_PER_INVOICE:.0f}: {'met' if met else 'MISSED'});"
          f" invoices.recheck_peers tasks: {seen['invoices.recheck_peers']}")  # fmt: skip
    print(f"  total time: {elapsed:.1f} s ({invoices / elapsed:.1f} invoices/s, parse and check)")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fanout-invoices", type=int, default=300)
    parser.add_argument("--fanout-only", action="store_true")
    parser.add_argument("--latency-files", type=int, default=40)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("PRISVAGT_BENCH_DATABASE_URL"))
    parser.add_argument("--strict", action="store_true", help="exit 1 when p95 misses the target")
    args = parser.parse_args()
    # stopped from outside (timeout, Ctrl-C): still stop the workers and the scheduler
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="prisvagt-bench-fanout-") as tmpdir:
        seen, elapsed = measure_fanout(args.fanout_invoices, Path(tmpdir))
    fanout_met = print_fanout(args.fanout_invoices, seen, elapsed)
    if args.fanout_only:
        return 0 if fanout_met or not args.strict else 1
    host, port = "127.0.0.1", int(REDIS_URL.split(":")[2].split("/")[0])
    if not reachable(host, port):
        print(f"skipped: Redis is not reachable at {host}:{port} (needed for this benchmark)")
        return 0
    with (
        tempfile.TemporaryDirectory(prefix="prisvagt-bench-") as tmpdir,
        FakeSendGrid(api_key=API_KEY) as fake,
    ):
        tmp = Path(tmpdir)
        database_url, pg_name = prepare_database(args.database_url, tmp)
        stack = Stack(tmp=tmp, database_url=database_url, broker_url=REDIS_URL,
                      sendgrid_url=fake.url, api_key=API_KEY,
                      extra={"PRISVAGT_BROKER_VISIBILITY_TIMEOUT": "300"})  # fmt: skip
        try:
            setup_database(stack)
            with running(stack):
                for n in range(args.workers):
                    stack.start_worker(f"worker{n + 1}")
                stack.start_scheduler()
                latencies = measure_latency(stack, fake, args.latency_files, timeout=60)
                done, elapsed = measure_throughput(
                    stack, fake, args.batch, timeout=60 + args.batch * 0.5
                )
                base = start_web(stack)
                upload_times, upload_codes = measure_uploads(
                    stack, fake, base, args.batch // 2, upload_headers(stack, base),
                    timeout=60 + args.batch,
                )  # fmt: skip
                emails = len(fake.accepted)  # the peer invoices below email findings too
                fan_checked, fan_tasks, fan_elapsed = measure_fanout_redis(
                    stack, args.fanout_invoices, timeout=120 + args.fanout_invoices
                )
            failures = task_failures(stack)
        finally:
            if pg_name and args.database_url:
                drop_database(args.database_url, pg_name)
    db = "PostgreSQL" if pg_name else "SQLite"
    p50, p95 = statistics.median(latencies), percentile(latencies, 95)
    print(f"pipeline: Redis, {args.workers} worker processes, {db}, inbox poll every 1 s")
    print(f"  inbox -> email latency over {len(latencies)} invoices: p50 {p50:.2f} s, "
          f"p95 {p95:.2f} s, max {max(latencies):.2f} s  (target p95 <= {TARGET_P95:.0f} s: "
          f"{'met' if p95 <= TARGET_P95 else 'MISSED'})")  # fmt: skip
    print(f"  throughput: {done}/{args.batch} invoices in {elapsed:.1f} s = "
          f"{done / elapsed:.1f} invoices/s (file to email, whole pipeline)")  # fmt: skip
    per_invoice = fan_tasks / max(fan_checked, 1)
    fan_met = fan_checked == args.fanout_invoices and per_invoice <= TARGET_CHECKS_PER_INVOICE
    print(f"  check fan-out, {fan_checked}/{args.fanout_invoices} peer invoices dropped at once:"
          f" {fan_tasks} invoices.check tasks = {per_invoice:.2f} per invoice (target <= "
          f"{TARGET_CHECKS_PER_INVOICE:.0f}: {'met' if fan_met else 'MISSED'}), all checked in"
          f" {fan_elapsed:.1f} s")  # fmt: skip
    u50, u95 = statistics.median(upload_times), percentile(upload_times, 95)
    server_errors = sum(n for code, n in upload_codes.items() if code >= 500)
    print(f"  web under load: {UPLOADS} parallel uploads while {args.batch // 2} invoices were"
          f" being read and checked: p50 {u50:.2f} s, p95 {u95:.2f} s, max {max(upload_times):.2f}"
          f" s; answers {dict(sorted(upload_codes.items()))}; 5xx: {server_errors}")  # fmt: skip
    expected = args.latency_files + args.batch + args.batch // 2 + UPLOADS
    print(f"  emails accepted: {emails} for {expected} overpriced invoices "
          f"({'one each' if emails == expected else 'MISMATCH'})")  # fmt: skip
    for failure, count in failures.most_common():
        print(f"  task failures: {count} x {failure}")
    uploads_ok = server_errors == 0 and upload_codes.get(202, 0) == UPLOADS
    ok = p95 <= TARGET_P95 and emails == expected and fanout_met and fan_met and uploads_ok
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    raise SystemExit(main())

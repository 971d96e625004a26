"""How long the findings export takes and how much memory it holds, CSV and Excel.

    PYTHONPATH=. python -m bench.exports [N]

Fills a throw-away SQLite database with N findings (default 20,000) on the web tests'
seed, then downloads ``/api/v1/findings/export`` as CSV and as xlsx through the app,
printing seconds and the Python heap's peak (tracemalloc, a second download) for each.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert

from monitor.db import create_all, make_engine, transaction
from monitor.findings.models import Finding
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.signin import signed_in
from tests.web.conftest import seed_database


def main(n: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="prisvagt-bench-exports-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    create_all(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        s.execute(
            insert(Finding),
            [
                {
                    "dedup_key": f"bench:{i}",
                    "rule_id": "duplicate_billing",
                    "severity": "medium",
                    "invoice_id": seed.invoice_id,
                    "municipality_id": 1,
                    "overcharge": Decimal(i) / 100,
                    "message": f"Fakturaen er en dublet af en tidligere faktura ({i})",
                    "evidence": {},
                }
                for i in range(n)
            ],
        )
    app = create_app(settings=load_settings(database_url=url), engine=engine)
    client = signed_in(TestClient(app))
    print(f"{n} findings, SQLite")
    for fmt in ("csv", "xlsx"):
        start = time.perf_counter()
        response = client.get("/api/v1/findings/export", params={"format": fmt})
        seconds = time.perf_counter() - start
        assert response.status_code == 200, response.text
        tracemalloc.start()  # a second download, measured: tracing slows it down
        client.get("/api/v1/findings/export", params={"format": fmt})
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = len(response.content)
        print(
            f"  {fmt:4}  {seconds:6.2f} s  {size / 1e6:5.1f} MB file  peak heap "
            f"{peak / 1e6:5.1f} MB (with the file the test client holds)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)

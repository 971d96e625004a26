"""Hostile documents through the pipeline: each over a limit is ``failed`` with the limit
named, decided before the expensive work (bounded time and memory, measured loosely
here), and nothing else stored changes. A document whose reading kills its process
twice is quarantined, not read again, and the sweeps leave it alone."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import hostile
from tests.conftest import REPO
from tests.workers.world import invoice, seed

MB = 1024 * 1024

CASES = [
    # (file name, make the bytes, kind, settings, the setting the error names)
    ("bomb-rows.csv.gz", lambda: hostile.gzip_bomb_csv(64 * MB), None,
     {"PRISVAGT_MAX_DECOMPRESSED_BYTES": str(16 * MB)}, "PRISVAGT_MAX_DECOMPRESSED_BYTES"),
    ("bomb-line.csv.gz", lambda: hostile.gzip_bomb_csv(512 * MB, rows=False), None, {},
     "PRISVAGT_MAX_CSV_LINE_CHARS"),
    ("many-pages.pdf", lambda: hostile.many_pages_pdf(5000), None, {}, "PRISVAGT_MAX_PDF_PAGES"),
    ("inflating.pdf", lambda: hostile.inflating_pdf(1024 * MB), None, {},
     "PRISVAGT_MAX_DECOMPRESSED_BYTES"),
    ("inflating-invoice.pdf", lambda: hostile.inflating_pdf(1024 * MB), "invoice", {},
     "PRISVAGT_MAX_DECOMPRESSED_BYTES"),
    ("crowded.pdf", lambda: hostile.crowded_page_pdf(300), None,
     {"PRISVAGT_MAX_PAGE_OBJECTS": "100"}, "PRISVAGT_MAX_PAGE_OBJECTS"),
    ("wordy.pdf", lambda: hostile.wordy_page_pdf(5000), None,
     {"PRISVAGT_MAX_PAGE_CHARS": "3000"}, "PRISVAGT_MAX_PAGE_CHARS"),
    ("embedded.pdf", lambda: hostile.pdf([b"BT /F1 12 Tf 72 720 Td (Faktura) Tj ET"],
     attachments={"factur-x.xml": hostile.deep_xml(1) + b" " * (2 * MB)}), None,
     {"PRISVAGT_MAX_EMBEDDED_BYTES": str(MB)}, "PRISVAGT_MAX_EMBEDDED_BYTES"),
    ("deep.xml", lambda: hostile.deep_xml(5000), None, {}, "PRISVAGT_MAX_XML_DEPTH"),
    ("nested.xml", lambda: hostile.deep_xml(150), None, {}, "PRISVAGT_MAX_XML_DEPTH"),
]  # fmt: skip


def _stored() -> dict[str, object]:
    """What is stored, by table: documents with their status, and row counts."""
    from monitor.alerts.models import Alert
    from monitor.contracts.models import Contract
    from monitor.db import transaction
    from monitor.documents.models import Document
    from monitor.findings.models import Finding
    from monitor.invoices.models import Invoice, InvoiceRecheck

    with transaction() as session:
        out: dict[str, object] = {
            "documents": sorted(session.execute(select(Document.id, Document.status)).all())
        }
        for model in (Invoice, Finding, Contract, Alert, InvoiceRecheck):
            out[model.__tablename__] = session.scalar(select(func.count()).select_from(model))
    return out


def _ingest(path: Path, kind: str | None) -> object:
    from monitor.cli.ingest import ingest

    (outcome,) = ingest([path], kind=kind, show_progress=False)
    return outcome


def _a_good_invoice(tmp_path: Path) -> None:
    from monitor.db import transaction

    with transaction() as session:
        seed(session)
    good = tmp_path / "good.xml"
    good.write_bytes(invoice("GOOD-1"))
    assert _ingest(good, None).status == "processed"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "make", "kind", "env", "setting"), CASES, ids=[c[0] for c in CASES]
)
def test_a_document_over_a_limit_fails_naming_the_limit_and_nothing_else_changes(
    sqlite_env: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    name: str, make: object, kind: str | None, env: dict[str, str], setting: str,
) -> None:  # fmt: skip
    from monitor.settings import get_settings

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    _a_good_invoice(tmp_path)
    before = _stored()
    path = tmp_path / name
    path.write_bytes(make())  # type: ignore[operator]

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    outcome = _ingest(path, kind)
    elapsed = time.monotonic() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    assert outcome.status == "failed", outcome.error  # type: ignore[attr-defined]
    assert outcome.error.startswith(f"{name}") and f"({setting})" in outcome.error  # type: ignore[attr-defined]
    assert "more than the limit of" in outcome.error  # type: ignore[attr-defined]
    after = _stored()
    new = [d for d in after["documents"] if d not in before["documents"]]  # type: ignore[attr-defined]
    assert [status for _, status in new] == ["failed"]
    assert {**after, "documents": before["documents"]} == before  # nothing else changed
    # loose bounds (strict figures: bench/limits.py): decided early, never inflated whole
    assert elapsed < 60, f"{elapsed:.1f} s"
    assert grown_mb < 300, f"this process grew {grown_mb:.0f} MB"
    assert child_mb < 1500, f"a reading child peaked at {child_mb:.0f} MB"


def test_the_many_pages_pdf_error_reads_as_the_operator_needs_it(
    sqlite_env: object, tmp_path: Path
) -> None:
    path = tmp_path / "contract.pdf"
    path.write_bytes(hostile.many_pages_pdf(5000))
    outcome = _ingest(path, None)
    assert outcome.error == (  # type: ignore[attr-defined]
        "contract.pdf: 5,000 pages, more than the limit of 500 (PRISVAGT_MAX_PDF_PAGES)"
    )


def test_a_reading_out_of_memory_or_time_is_stopped_in_its_child_naming_the_limit(
    sqlite_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.documents.limits import ReadingStopped, read_limited
    from monitor.settings import get_settings

    monkeypatch.setenv("PRISVAGT_PARSE_MEMORY_BYTES", str(128 * MB))
    monkeypatch.setenv("PRISVAGT_PARSE_TIME_LIMIT", "1")
    get_settings.cache_clear()
    with pytest.raises(ReadingStopped, match=r"big\.csv: .*\(PRISVAGT_PARSE_MEMORY_BYTES\)"):
        read_limited(bytearray, 2048 * MB, filename="big.csv")
    start = time.monotonic()
    with pytest.raises(ReadingStopped, match=r"slow\.pdf: .*1 s \(PRISVAGT_PARSE_TIME_LIMIT\)"):
        read_limited(time.sleep, 30, filename="slow.pdf")
    assert time.monotonic() - start < 10
    assert read_limited(sum, [1, 2, 3], filename="fine.csv") == 6  # and this process lives on


_KILLED_READING = """
import signal, sys
from workers.tasks import parse_invoice
signal.alarm(3)  # killed while reading, as Celery's hard time limit kills a worker process
parse_invoice.delay(int(sys.argv[1]))
"""


def _read_in_a_process_killed_while_reading(document_id: int, env: dict[str, str]) -> None:
    """Read the document in a worker-like process with no reading child, killed while
    it reads (a slow gzip bomb with the limits raised): nothing in it can catch that."""
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_READING, str(document_id)],
        cwd=REPO, env=env, capture_output=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == -signal.SIGALRM, done.stderr.decode(errors="replace")[-2000:]


def test_a_document_whose_reading_kills_its_process_twice_is_quarantined(
    sqlite_env: object, tmp_path: Path
) -> None:
    from monitor.db import transaction
    from monitor.documents import repository
    from monitor.documents.service import ingest_file
    from workers import jobs, tasks

    _a_good_invoice(tmp_path)
    with transaction() as session:
        doc_id = ingest_file(
            session, data=hostile.gzip_bomb_csv(1024 * MB), filename="bomb.csv.gz"
        ).document_id
    before = _stored()
    env = {
        **os.environ,
        "PRISVAGT_PARSE_IN_CHILD": "false",  # as a worker with nothing between it and the bomb
        "PRISVAGT_MAX_DECOMPRESSED_BYTES": str(8192 * MB),
    }
    for _ in range(2):
        _read_in_a_process_killed_while_reading(doc_id, env)
        with transaction() as session:
            assert repository.get(session, doc_id).status == "received"

    assert tasks.parse_invoice.delay(doc_id).get() == []
    with transaction() as session:
        doc = repository.get(session, doc_id)
        assert (doc.status, doc.error_reason) == ("quarantined", "quarantined")
        assert "stopped 2 times" in (doc.error or "") and "not read again" in (doc.error or "")
        later = doc.received_at + timedelta(hours=1)
        assert doc_id not in [d for d, _ in jobs.stuck_documents(session, now=later)]
    after = _stored()
    assert (doc_id, "quarantined") in after["documents"]  # type: ignore[operator]
    assert {**after, "documents": []} == {**before, "documents": []}
    assert tasks.parse_invoice.delay(doc_id).get() == []  # asked again: still not read
    _the_operator_sees_it_quarantined(doc_id)


def _the_operator_sees_it_quarantined(doc_id: int) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from monitor.cli.main import app as cli
    from monitor.db import get_engine
    from monitor.settings import get_settings
    from monitor.web.app import create_app
    from tests.signin import signed_in

    listed = CliRunner().invoke(cli, ["documents", "--status", "quarantined"])
    assert listed.exit_code == 0, listed.output
    assert f"{doc_id}" in listed.output and "bomb.csv.gz" in listed.output
    assert "quarantined" in listed.output and "not read again" in " ".join(listed.output.split())
    with signed_in(TestClient(create_app(settings=get_settings(), engine=get_engine()))) as web:
        danish, english = web.get("/upload").text, web.get("/upload?lang=en").text
    assert "I karantæne" in danish and "læses ikke igen" in danish
    assert "Quarantined" in english and "it is not read again" in english
    assert "bomb.csv.gz: its reading was stopped 2 times" in english

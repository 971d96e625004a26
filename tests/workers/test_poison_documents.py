"""A document the database or a reader chokes on is failed with its error, in its own
transaction, and the documents around it go on (issue 13, item 3); SQLite and
PostgreSQL, tasks in-process as ``prisvagt ingest`` runs them without a broker."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from monitor.alerts.models import Alert
from monitor.db import get_engine, transaction
from monitor.documents.models import Document
from monitor.invoices.models import Invoice
from tests.workers.world import invoice, seed

LONG_NUMBER = "F-" + "9" * 150  # longer than the invoice number column holds


def test_ingest_fails_a_poison_document_alone_and_goes_on(app_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from monitor.cli.main import app

    with transaction() as s:
        seed(s)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a-F-1.xml").write_bytes(invoice("F-1"))
    (batch / "b-long.xml").write_bytes(invoice(LONG_NUMBER))
    (batch / "c-F-3.xml").write_bytes(invoice("F-3"))

    result = CliRunner().invoke(app, ["ingest", str(batch)])

    with transaction() as s:
        docs = {d.filename: (d.status, d.error) for d in s.scalars(select(Document))}
        numbers = sorted(s.scalars(select(Invoice.number)))
        alerts = s.scalars(select(Alert.status)).all()
    assert docs["a-F-1.xml"][0] == docs["c-F-3.xml"][0] == "processed"
    if get_engine().dialect.name == "postgresql":
        status, error = docs["b-long.xml"]
        assert status == "failed" and error is not None
        assert error.startswith("could not be read: DataError") and "too long" in error
        assert numbers == ["F-1", "F-3"]
        assert result.exit_code == 2 and "b-long.xml" in result.output
    else:  # SQLite holds any length: nothing to fail
        assert docs["b-long.xml"][0] == "processed"
        assert numbers == sorted(["F-1", "F-3", LONG_NUMBER])
    assert alerts.count("sent") == len(numbers)

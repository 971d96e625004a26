"""Bad input through the real intake: a clear error naming the file and the problem,
the document kept with its reason, and nothing stored before is lost or changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.contracts.models import Contract, PriceTerm
from monitor.db import transaction
from monitor.documents.models import Document
from monitor.invoices.models import Invoice, InvoiceLine
from tests.extractors.contracts.test_bad_input import BAD as BAD_CONTRACTS
from tests.extractors.invoices.ubl_samples import BILLION_LAUGHS, XXE, ubl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
runner = CliRunner()


def _snapshot() -> dict[str, object]:
    """Everything stored, as plain values, to compare before and after."""
    with transaction() as s:
        docs = [
            (d.id, d.sha256, d.status, d.error, hashlib.sha256(d.content).hexdigest())
            for d in s.scalars(select(Document).order_by(Document.id))
        ]
        invoices = [
            (i.id, i.number, i.payable, i.status)
            for i in s.scalars(select(Invoice).order_by(Invoice.id))
        ]
        lines = [
            (ln.id, ln.unit_price, ln.line_amount)
            for ln in s.scalars(select(InvoiceLine).order_by(InvoiceLine.id))
        ]
        contracts = [(c.id, c.title) for c in s.scalars(select(Contract).order_by(Contract.id))]
        terms = [
            (t.id, t.agreed_unit_price) for t in s.scalars(select(PriceTerm).order_by(PriceTerm.id))
        ]
    return {
        "docs": docs,
        "invoices": invoices,
        "lines": lines,
        "contracts": contracts,
        "terms": terms,
    }


@pytest.fixture
def stored(app_env: object, tmp_path: Path) -> dict[str, object]:
    """A good contract and a good invoice, stored before the bad input arrives."""
    good = tmp_path / "good"
    good.mkdir()
    (good / "kontrakt.pdf").write_bytes((FIXTURES / "contracts" / "ruled_table.pdf").read_bytes())
    (good / "faktura.xml").write_bytes(ubl())
    result = runner.invoke(app, ["ingest", str(good)])
    assert result.exit_code == 0, result.output + result.stderr
    snap = _snapshot()
    assert len(snap["docs"]) == 2 and snap["invoices"] and snap["terms"]  # type: ignore[arg-type]
    return snap


def _ingest_bad(tmp_path: Path, name: str, data: bytes, kind: str) -> tuple[int, str]:
    path = tmp_path / "bad" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    result = runner.invoke(app, ["ingest", "--kind", kind, str(path)])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("name", "data", "words", "reason"),
    [
        pytest.param(f"{case}.pdf", data, words, None, id=case)
        for case, data, _error, words in BAD_CONTRACTS
        if data
    ],
)
def test_a_contract_that_cannot_be_read_is_kept_failed_and_nothing_else_changes(
    stored: dict[str, object], tmp_path: Path, name: str, data: bytes, words: str, reason: None
) -> None:
    code, err = _ingest_bad(tmp_path, name, data, "contract")
    assert code == 2
    assert name in err and words in err
    after = _snapshot()
    assert after["docs"][:2] == stored["docs"]  # type: ignore[index]
    new = after["docs"][2]  # type: ignore[index]
    assert new[2] == "failed" and words in new[3]
    for key in ("invoices", "lines", "contracts", "terms"):
        assert after[key] == stored[key]


HOSTILE_INVOICES = [
    ("xxe.xml", XXE, "DOCTYPE declaration is refused"),
    ("laughs.xml", BILLION_LAUGHS, "DOCTYPE"),
    ("truncated.xml", ubl()[:-200], "line"),
    ("wrong-root.xml", b"<?xml version='1.0'?><Order xmlns='urn:x'/>", "Order"),
    ("export.csv", b"foo;bar;baz\n1;2;3\n", "missing"),
]


@pytest.mark.parametrize(
    ("name", "data", "words"), HOSTILE_INVOICES, ids=[h[0] for h in HOSTILE_INVOICES]
)
def test_a_hostile_or_broken_invoice_is_kept_failed_and_nothing_else_changes(
    stored: dict[str, object], tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    code, err = _ingest_bad(tmp_path, name, data, "invoice")
    assert code == 2
    assert name in err and words in err
    after = _snapshot()
    assert after["docs"][:2] == stored["docs"]  # type: ignore[index]
    assert after["docs"][2][2] == "failed"  # type: ignore[index]
    for key in ("invoices", "lines", "contracts", "terms"):
        assert after[key] == stored[key]


def test_a_50_mb_file_is_refused_before_it_is_stored(
    stored: dict[str, object], tmp_path: Path
) -> None:
    big = b"<?xml version='1.0'?><Invoice>" + b" " * (50 * 1024 * 1024) + b"</Invoice>"
    code, err = _ingest_bad(tmp_path, "big.xml", big, "invoice")
    assert code == 2
    assert "big.xml: the file is 50.0 MB; the limit is 25 MB" in err
    assert _snapshot() == stored

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.db import transaction
from monitor.documents.models import Document
from monitor.documents.service import guess_kind, ingest_file, ingest_path
from monitor.errors import InputError

INVOICE = b"<?xml version='1.0'?><Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>"


def test_the_same_content_twice_is_stored_once(app_env: object, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "copy-of-a.xml"
    first.write_bytes(INVOICE)
    second.write_bytes(INVOICE)
    with transaction() as s:
        r1 = ingest_path(s, path=first)
    with transaction() as s:
        r2 = ingest_path(s, path=second)
    assert r1.created and not r2.created
    assert r1.document_id == r2.document_id
    with transaction() as s:
        assert s.scalar(select(func.count(Document.id))) == 1
        doc = s.get(Document, r1.document_id)
        assert doc is not None and doc.content == INVOICE and doc.kind == "invoice"


def test_an_empty_file_is_refused_naming_it(app_env: object) -> None:
    with pytest.raises(InputError, match="empty.xml: the file is empty"), transaction() as s:
        ingest_file(s, data=b"", filename="empty.xml")


def test_a_file_over_the_limit_is_refused_and_nothing_stored_is_lost(app_env: object) -> None:
    with transaction() as s:
        kept = ingest_file(s, data=INVOICE, filename="kept.xml")
    with pytest.raises(InputError, match="big.xml: the file is 2.0 MB"), transaction() as s:
        ingest_file(
            s, data=b"<" + b"x" * (2 * 1024 * 1024), filename="big.xml", max_bytes=1024 * 1024
        )
    with transaction() as s:
        assert s.get(Document, kept.document_id) is not None


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (INVOICE, "x.xml", "invoice"),
        (b"a;b;c\n1;2;3\n", "export.csv", "invoice"),
        (b"%PDF-1.7\n...", "kontrakt.pdf", "contract"),
        (b"%PDF-1.7\n/EmbeddedFile factur-x.xml", "invoice.pdf", "invoice"),
    ],
)
def test_it_tells_contracts_from_invoices(data: bytes, name: str, kind: str) -> None:
    assert guess_kind(data, name) == kind


def test_an_unknown_kind_of_file_asks_for_kind() -> None:
    with pytest.raises(InputError, match="notes.docx: cannot tell"):
        guess_kind(b"PK\x03\x04", "notes.docx")

"""E-invoice PDFs uploaded on the web: a printed total other than the embedded XML's is
shown on the invoice page, an unreadable embedded XML on the upload page, in Danish and
English. The queue is replaced by a double that parses at once, as the in-process worker
would."""

from __future__ import annotations

from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.db import transaction
from monitor.documents.models import Document
from monitor.invoices.models import Invoice
from tests.extractors.invoices.render_hybrid import CII, render
from tests.web.test_upload import queued  # noqa: F401  (the fixture)

XML = (CII / "ZUGFeRD1_EXTENDED_Warenrechnung.xml").read_bytes()


def _upload(client: TestClient, name: str, data: bytes) -> int:
    response = client.post("/api/v1/documents", files={"file": (name, data, "application/pdf")})
    assert response.status_code == 202, response.text
    assert response.json()["kind"] == "invoice"
    return int(response.json()["document_id"])


def test_the_invoice_page_says_when_the_printed_total_is_not_the_xml_total(
    client: TestClient,
    engine: Engine,
    queued: list[tuple[int, str]],  # noqa: F811
) -> None:
    pdf = render(XML, "ZUGFeRD-invoice.xml", printed_total=Decimal("382.47"))
    document_id = _upload(client, "rechnung.pdf", pdf)
    with transaction(engine) as s:
        invoice = s.scalars(select(Invoice).where(Invoice.document_id == document_id)).one()
        assert invoice.payable == Decimal("518.99")
        invoice_id = invoice.id
    danish = client.get(f"/invoices/{invoice_id}").text
    assert (
        "Beløbet i PDF&#39;ens tekst er ikke det samme som i den indlejrede XML-faktura" in danish
    )
    assert "shows a total of 382.47, but the embedded XML ZUGFeRD-invoice.xml says 518.99" in danish
    english = client.get(f"/invoices/{invoice_id}?lang=en").text
    assert "The total printed in the PDF is not the one in the embedded XML invoice" in english


def test_the_invoice_page_of_an_agreeing_pdf_has_no_such_note(
    client: TestClient,
    engine: Engine,
    queued: list[tuple[int, str]],  # noqa: F811
) -> None:
    document_id = _upload(client, "rechnung.pdf", render(XML, "ZUGFeRD-invoice.xml"))
    with transaction(engine) as s:
        invoice = s.scalars(select(Invoice).where(Invoice.document_id == document_id)).one()
    assert "total-mismatch" not in client.get(f"/invoices/{invoice.id}").text


def test_the_upload_page_says_why_an_unreadable_embedded_invoice_failed(
    client: TestClient,
    engine: Engine,
    queued: list[tuple[int, str]],  # noqa: F811
) -> None:
    pdf = render(XML, "ZUGFeRD-invoice.xml", payload=XML[:-500])
    document_id = _upload(client, "kaputt.pdf", pdf)
    with transaction(engine) as s:
        doc = s.get(Document, document_id)
        assert doc is not None and doc.status == "failed"
        assert doc.error_reason == "embedded_invoice_unreadable"
        assert s.scalars(select(Invoice).where(Invoice.document_id == document_id)).first() is None
    danish = client.get("/upload").text
    assert "kaputt.pdf: the PDF carries the invoice as XML (ZUGFeRD-invoice.xml)" in danish
    assert "Fakturaen ligger som XML i PDF&#39;en, men XML&#39;en kan ikke læses" in danish
    english = client.get("/upload?lang=en").text
    assert "The invoice is embedded in the PDF as XML, but the XML cannot be read" in english

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


def _page(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of text (reportlab)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 800.0
    for line in lines:
        canvas.drawString(60, y, line)
        y -= 16
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


PDF_INVOICE = [
    "Vejservice Syd ApS", "Industrivej 3, 6000 Kolding", "CVR-nr. 31415926", "FAKTURA",
    "Fakturanr. VS-4471", "Fakturadato 02-03-2026", "Forfaldsdato 01-04-2026",
    "Kunde Egeby Kommune", "EAN 5798000000000",
    "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb",
    "K-1 Siddende kørsel 120 km 12,50 1.500,00",
    "Subtotal ekskl. moms 1.500,00", "Moms 25 % 375,00", "Total inkl. moms DKK 1.875,00",
]  # fmt: skip
PDF_CONTRACT = [
    "Kontrakt om kørsel", "mellem Egeby Kommune og Vejservice Syd ApS",
    "Faktura", "Leverandøren fakturerer månedsvis bagud. Fakturanr. og ordrenummer",
    "skal fremgå af fakturaen. Betalingsfrist 30 dage. Alle priser er ekskl. moms.",
]  # fmt: skip


def test_a_pdf_invoice_without_xml_is_told_from_a_contract_by_its_first_page() -> None:
    """A plain PDF invoice (titled FAKTURA, its number, due date and totals labelled) is
    an invoice; a contract whose first page speaks of invoices stays a contract."""
    assert guess_kind(_page(PDF_INVOICE), "vs-4471.pdf") == "invoice"
    english = ["Nordic Route Ltd", "INVOICE", "Invoice no. 2026-118", "Due date 2026-04-01",
               "Total DKK 9,800.00"]  # fmt: skip
    assert guess_kind(_page(english), "2026-118.pdf") == "invoice"
    assert guess_kind(_page(PDF_CONTRACT), "kontrakt.pdf") == "contract"
    assert guess_kind(_page(["Bilag 2", "Prisliste"]), "bilag.pdf") == "contract"


def test_invoices_laid_out_otherwise_are_told_from_contracts_and_price_lists() -> None:
    """An invoice or a receipt whose title is not alone near its top (beside its number,
    in a sentence, at its foot), in another language, is an invoice when its first page
    carries its parts (dates, totals, tax, priced lines); a price list, a contract's
    cover letter and a short agreement that speak of invoices stay contracts."""
    invoices = {
        "beside its number": [
            "Rechnung RG-2026-0042",
            "Pos Bezeichnung Menge Einzelpreis Betrag",
            "1 Wartung Heizungsanlage 2 180,00 360,00",
            "Rechnungsdatum 03.02.2026",
            "Zahlbar bis 17.02.2026",
            "Summe netto 360,00",
            "MwSt 19 % 68,40",
            "Gesamtbetrag EUR 428,40",
        ],
        "title at its foot": [
            "Harbour Print Ltd",
            "12 Quay Street",
            "Bill to: Westvale Council",
            "Item Qty Rate Amount",
            "Leaflets A5 5000 0.04 200.00",
            "Subtotal 200.00",
            "VAT 20% 40.00",
            "Total GBP 240.00",
            "Payment due date 2026-03-31",
            "Thank you - this invoice is payable within 30 days",
        ],
        "a receipt": [
            "Kvittering",
            "Café Lindely",
            "Kaffe 2 x 32,00 64,00",
            "I alt DKK 64,00",
            "Heraf moms 12,80",
            "Betalt med kort 04-02-2026",
        ],
    }
    for what, lines in invoices.items():
        assert guess_kind(_page(lines), "scan-0042.pdf") == "invoice", what
    contracts = {
        "a price list": [
            "Prisbilag",
            "Varenr. Beskrivelse Antal Enhedspris",
            "A-1 Vinduespudsning 1 450,00",
            "Alle priser er ekskl. moms.",
            "Fakturering sker månedligt bagud; faktura sendes",
            "elektronisk. Betalingsfrist 30 dage. Priser i alt pr. år: 5.400,00",
        ],
        "a cover letter": [
            "Westvale Council",
            "Dear supplier,",
            "Please find enclosed the signed agreement.",
            "The parties agree that each invoice shall state the order number, the",
            "quantity, unit price, VAT and total amount, and that the due date is 30 days.",
        ],
    }
    for what, lines in contracts.items():
        assert guess_kind(_page(lines), "bilag-3.pdf") == "contract", what


def test_a_document_stored_as_the_wrong_kind_is_read_again_as_the_kind_named(
    app_env: object,
) -> None:
    """Ingested again with the kind named, a document stored as the other kind is read
    again as that: what it was read into is removed. Not when legal has reviewed what
    was read from it: then it is refused, naming the file and why, and nothing changes."""
    from monitor.contracts.models import Contract
    from monitor.contracts.service import extract

    data = _page(PDF_INVOICE)
    with transaction() as s:
        first = ingest_file(s, data=data, filename="vs-4471.pdf", kind="contract")
        extract(s, document_id=first.document_id)
        assert s.scalar(select(func.count(Contract.id))) == 1
    with transaction() as s:
        again = ingest_file(s, data=data, filename="vs-4471.pdf", kind="invoice")
        assert (again.document_id, again.created, again.kind) == (
            first.document_id,
            False,
            "invoice",
        )
    with transaction() as s:
        doc = s.get(Document, first.document_id)
        assert doc is not None and (doc.kind, doc.status) == ("invoice", "received")
        assert s.scalar(select(func.count(Contract.id))) == 0
    # read as a contract again, reviewed by legal: not undone by a second thought
    with transaction() as s:
        ingest_file(s, data=data, filename="vs-4471.pdf", kind="contract")
        extract(s, document_id=first.document_id)
        contract = s.scalars(select(Contract)).one()
        contract.review_status = "reviewed"
    with (
        pytest.raises(InputError, match="vs-4471.pdf: already stored as a contract"),
        transaction() as s,
    ):
        ingest_file(s, data=data, filename="vs-4471.pdf", kind="invoice")
    with transaction() as s:
        assert s.scalar(select(func.count(Contract.id))) == 1
        doc = s.get(Document, first.document_id)
        assert doc is not None and doc.kind == "contract"

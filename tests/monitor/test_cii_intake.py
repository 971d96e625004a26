"""ZUGFeRD 1.0 / Factur-X / XRechnung PDFs and XML through the CLI and the intake.

``prisvagt parse`` prints the total and lines of the embedded XML, and the warning when
the printed total disagrees; ``prisvagt ingest`` stores the embedded invoice, or keeps
the document failed, with the reason, when its embedded XML cannot be read.
"""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.db import transaction
from monitor.documents.models import Document
from monitor.documents.service import guess_kind
from monitor.invoices.models import Invoice
from tests.extractors.invoices.render_hybrid import CII, HYBRID, HYBRIDS, render
from tests.extractors.invoices.test_cii_dialects import expected

runner = CliRunner()
ZF1_PDF = HYBRID / "zugferd1_extended.pdf"
ZF1_XML = CII / "ZUGFeRD1_EXTENDED_Warenrechnung.xml"


def _parse(path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.output + result.stderr
    printed: dict[str, object] = json.loads(result.stdout)
    return printed


def _printed_lines(printed: dict[str, object]) -> list[tuple[Decimal, Decimal, Decimal]]:
    return [
        (Decimal(ln["quantity"]), Decimal(ln["unit_price"]), Decimal(ln["line_amount"]))
        for ln in printed["lines"]  # type: ignore[attr-defined]
    ]


def test_prisvagt_parse_prints_the_embedded_total_and_lines_of_a_zugferd_1_pdf() -> None:
    printed = _parse(ZF1_PDF)
    want = expected(ZF1_XML.read_bytes())
    assert printed["format"] == "facturx"
    assert printed["number"] == "R87654321012345"
    assert printed["totals"] == {
        "line_extension": "457.20",
        "allowances": "11.21",
        "charges": "3.00",
        "tax_exclusive": "448.99",
        "tax": "70.00",
        "prepaid": "0.00",
        "rounding": "0.00",
        "payable": "518.99",
    }
    assert Decimal(printed["totals"]["payable"]) == want.payable  # type: ignore[index]
    assert _printed_lines(printed) == want.lines
    assert printed["warnings"][0] == (  # type: ignore[index]
        "read from the XML invoice ZUGFeRD-invoice.xml (ZUGFeRD 1.0 EXTENDED) embedded in the PDF"
    )


def test_prisvagt_parse_accepts_a_zugferd_1_xml_given_directly() -> None:
    printed = _parse(CII / "ZUGFeRD1-invoice.xml")
    assert (printed["format"], printed["totals"]["payable"]) == ("cii", "571.04")  # type: ignore[index]
    assert len(printed["lines"]) == 3  # type: ignore[arg-type]


def test_prisvagt_parse_shows_the_warning_when_text_and_xml_disagree(tmp_path: Path) -> None:
    pdf = tmp_path / "rechnung.pdf"
    pdf.write_bytes(
        render(ZF1_XML.read_bytes(), "ZUGFeRD-invoice.xml", printed_total=Decimal("382.47"))
    )
    printed = _parse(pdf)
    assert printed["totals"]["payable"] == "518.99"  # type: ignore[index]
    assert any(
        w.startswith("the PDF text shows a total of 382.47, but the embedded XML")
        for w in printed["warnings"]  # type: ignore[attr-defined]
    )


def test_prisvagt_parse_of_an_unreadable_embedded_xml_exits_2_naming_file_and_problem(
    tmp_path: Path,
) -> None:
    pdf = tmp_path / "rechnung.pdf"
    good = ZF1_XML.read_bytes()
    pdf.write_bytes(render(good, "ZUGFeRD-invoice.xml", payload=good[:-300]))
    result = runner.invoke(app, ["parse", str(pdf)])
    assert result.exit_code == 2
    assert "rechnung.pdf: the PDF carries the invoice as XML (ZUGFeRD-invoice.xml)" in result.stderr
    assert "malformed or truncated XML" in result.stderr


def test_an_ingested_zugferd_1_pdf_stores_the_embedded_invoice(
    app_env: object, tmp_path: Path
) -> None:
    path = tmp_path / ZF1_PDF.name
    path.write_bytes(ZF1_PDF.read_bytes())
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output + result.stderr
    with transaction() as s:
        invoice = s.scalars(select(Invoice)).one()
        assert (invoice.format, invoice.payable, len(invoice.lines)) == (
            "facturx",
            Decimal("518.99"),
            6,
        )
        assert invoice.warnings[0].startswith("read from the XML invoice ZUGFeRD-invoice.xml")


def test_an_ingested_pdf_whose_embedded_xml_cannot_be_read_is_kept_failed_with_the_reason(
    app_env: object, tmp_path: Path
) -> None:
    good = ZF1_XML.read_bytes()
    path = tmp_path / "rechnung.pdf"
    path.write_bytes(render(good, "ZUGFeRD-invoice.xml", payload=good.replace(b"1p0", b"7p7")))
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 2
    assert "rechnung.pdf" in result.stderr and "unknown namespace" in result.stderr
    with transaction() as s:
        doc = s.scalars(select(Document)).one()
        assert (doc.status, doc.kind, doc.error_reason) == (
            "failed",
            "invoice",
            "embedded_invoice_unreadable",
        )
        assert doc.error is not None and "ZUGFeRD-invoice.xml" in doc.error
        assert s.scalars(select(Invoice)).first() is None


def test_every_hybrid_pdf_is_taken_for_an_invoice() -> None:
    for pdf_name in HYBRIDS:
        assert guess_kind((HYBRID / pdf_name).read_bytes(), pdf_name) == "invoice"


def test_a_pdf_whose_attachment_sits_past_the_first_bytes_is_taken_for_an_invoice() -> None:
    """The e-invoice markers are found in the attachment list, not only in the head."""
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image

    big = FPDF()
    big.add_page()
    big.image(Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3)), x=10, y=10, w=100)
    pdf = pdfium.PdfDocument(bytes(big.output()))
    pdf.new_attachment("ZUGFeRD-invoice.xml").set_data(ZF1_XML.read_bytes())
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    data = out.getvalue()
    assert data.find(b"/EmbeddedFile") > 200_000 and data.lower().find(b"zugferd") > 200_000
    assert guess_kind(data, "scan.pdf") == "invoice"

"""Documents that cannot be read get a clear, typed error that names the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.errors import (
    CorruptPdf,
    EmptyDocument,
    EncryptedPdf,
    ExtractionError,
    NeedsOcr,
    NotAPdf,
)

GOLDEN_PDF = Path(__file__).resolve().parents[2] / "fixtures" / "contracts" / "ruled_table.pdf"


def _canvas_pdf(draw: object = None, **options: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, **options)  # type: ignore[arg-type]
    if callable(draw):
        draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _scanned_pdf(pages: int = 1, stamp: bool = False) -> bytes:
    """Pages that are only pictures of text, as a scanner makes them; ``stamp`` adds a
    digital page number to each, as scanning software does."""
    image = Image.new("L", (1240, 1754), 255)
    pen = ImageDraw.Draw(image)
    for row in range(30):
        pen.text(
            (100, 100 + 40 * row), f"Kontrakt om drift - linje {row} - Pris 12.500,00 kr.", fill=0
        )

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        if stamp:
            canvas.drawString(280, 20, f"Side {number} af {pages}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text_pdf(canvas: Canvas) -> None:
    canvas.drawString(72, 720, "Kontrakt om drift af KommuneSag. Betaling 30 dage netto.")


def _zero_page_pdf() -> bytes:
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    return buffer.getvalue()


def _garbled_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


BAD: list[tuple[str, bytes, type[ExtractionError], str]] = [
    ("plain-text", b"Kontrakt om drift, som tekst\n", NotAPdf, "not a PDF"),
    ("html", b"<html><body>Kontrakt</body></html>", NotAPdf, "not a PDF"),
    ("docx", b"PK\x03\x04 docx bytes", NotAPdf, "not a PDF"),
    ("encrypted", _canvas_pdf(_text_pdf, encrypt="hemmeligt"), EncryptedPdf, "encrypted"),
    ("truncated", GOLDEN_PDF.read_bytes()[:3000], CorruptPdf, "truncated"),
    ("garbled", _garbled_pdf(), CorruptPdf, "corrupt"),
    ("zero-bytes", b"", EmptyDocument, "empty"),
    ("zero-pages", _zero_page_pdf(), EmptyDocument, "no pages"),
    ("blank-page", _canvas_pdf(), EmptyDocument, "no content"),
    ("scanned", _scanned_pdf(), NeedsOcr, "scanned, needs OCR"),
    ("scanned-stamped", _scanned_pdf(4, stamp=True), NeedsOcr, "4 of 4 pages"),
]
CASES = [pytest.param(data, error, words, id=name) for name, data, error, words in BAD]


@pytest.mark.parametrize(("data", "error", "words"), CASES)
def test_it_refuses_a_bad_document_with_a_clear_error_naming_the_file(
    data: bytes, error: type[ExtractionError], words: str
) -> None:
    with pytest.raises(error) as raised:
        extract_contract(data, "kontrakt-aarhus-2026.pdf")

    assert raised.value.file == "kontrakt-aarhus-2026.pdf"
    assert "kontrakt-aarhus-2026.pdf" in str(raised.value)
    assert words in str(raised.value)
    assert type(raised.value) is error


def test_the_errors_carry_a_reason_for_the_document_row() -> None:
    reasons = {NotAPdf: "not_a_pdf", EncryptedPdf: "encrypted", CorruptPdf: "corrupt",
               EmptyDocument: "empty", NeedsOcr: "needs_ocr"}  # fmt: skip
    for _, data, error, _ in BAD:
        with pytest.raises(error) as raised:
            extract_contract(data, "x.pdf")
        assert raised.value.reason == reasons[error]


def test_a_good_document_is_not_refused() -> None:
    terms = extract_contract(GOLDEN_PDF.read_bytes(), GOLDEN_PDF.name)

    assert terms.price_terms and terms.pages == 3


def test_a_partly_scanned_contract_is_read_with_a_warning_naming_the_scanned_page() -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(GOLDEN_PDF.read_bytes())
    document.import_pages(pdfium.PdfDocument(_scanned_pdf()))
    buffer = io.BytesIO()
    document.save(buffer)

    terms = extract_contract(buffer.getvalue(), "delvist-scannet.pdf")

    assert terms.price_terms and terms.pages == 4
    assert "scanned pages without text: 4 (OCR them to read their terms)" in terms.warnings

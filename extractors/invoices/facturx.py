"""PDF invoices: the XML embedded in a Factur-X / ZUGFeRD / XRechnung PDF, else the text.

Contract: :func:`parse_facturx_or_pdf` opens the PDF once with pypdfium2; when it
carries an XML attachment that is a CII or UBL invoice (``factur-x.xml``,
``zugferd-invoice.xml``, ``xrechnung.xml``, Odoo's ``UBL-Invoice-2.1.xml`` ...),
that XML is parsed safely and preferred over the text (format ``facturx`` for
CII, the UBL flavour for UBL, with a warning saying where it came from).
Otherwise the text and tables are read by :mod:`.pdf`. Encrypted, corrupt and
non-PDF input raises :class:`ParseError` naming the file.
"""

from __future__ import annotations

from typing import Any

from extractors.errors import HostileInput, ParseError
from extractors.invoices.xmlsafe import DEFAULT_MAX_BYTES, parse_xml
from extractors.types import ParsedInvoice

# Attachment names tried first, in this order; any other *.xml comes after them.
PREFERRED_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd.xml")
MAX_ATTACHMENTS = 50


def _open(data: bytes, filename: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise ParseError(
                "the PDF is encrypted (password protected) and cannot be read", file=filename
            ) from None
        raise ParseError(f"not a readable PDF: {text}", file=filename) from None


def embedded_xml(data: bytes, filename: str) -> list[tuple[str, bytes]]:
    """The XML attachments of a PDF as (name, bytes), preferred names first."""
    import pypdfium2 as pdfium

    pdf = _open(data, filename)
    try:
        found: list[tuple[str, bytes]] = []
        count = min(pdf.count_attachments(), MAX_ATTACHMENTS)
        for i in range(count):
            attachment = pdf.get_attachment(i)
            name = attachment.get_name() or ""
            if not name.lower().endswith(".xml"):
                continue
            try:
                payload = bytes(attachment.get_data())
            except pdfium.PdfiumError:
                continue
            if len(payload) > DEFAULT_MAX_BYTES:
                raise HostileInput(
                    f"embedded {name} is {len(payload):,} bytes, above the limit", file=filename
                )
            found.append((name, payload))
    finally:
        pdf.close()
    rank = {n: i for i, n in enumerate(PREFERRED_NAMES)}
    found.sort(key=lambda item: rank.get(item[0].lower(), len(rank)))
    return found


def has_embedded_invoice(data: bytes) -> bool:
    """True when the PDF carries an XML attachment (False for unreadable PDFs)."""
    try:
        return bool(embedded_xml(data, "<pdf>"))
    except ParseError:
        return False


def parse_facturx_or_pdf(data: bytes, filename: str) -> ParsedInvoice:
    """The embedded XML invoice when there is one, else the invoice read from the text."""
    from extractors.invoices import cii, ubl

    for name, payload in embedded_xml(data, filename):
        where = f"{filename} (embedded {name})"
        root = parse_xml(payload, where)
        if root.tag in cii.ROOTS:
            invoice = cii.parse_cii(root, where, fmt="facturx")
        elif root.tag in ubl.ROOTS:
            invoice = ubl.parse_ubl(root, where)
        else:
            continue
        invoice.warnings.insert(0, f"read from the XML invoice {name} embedded in the PDF")
        return invoice
    from extractors.invoices.pdf import parse_pdf_text

    return parse_pdf_text(data, filename)

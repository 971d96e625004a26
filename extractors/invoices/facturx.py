"""PDF invoices: the XML embedded in a Factur-X / ZUGFeRD / XRechnung PDF, else the text.

Contract: :func:`parse_facturx_or_pdf` opens the PDF once with pypdfium2 and lists
its XML attachments (embedded files named ``*.xml`` or typed ``text/xml`` /
``application/xml``), the e-invoice names first (``factur-x.xml``,
``ZUGFeRD-invoice.xml``, ``zugferd-invoice.xml``, ``xrechnung.xml``). An invoice total
is never guessed from the text when the PDF carries the invoice as XML:

- an attachment with an e-invoice name, or any XML attachment whose root is a CII
  (any dialect, ZUGFeRD 1.0 included) or UBL invoice, IS the invoice. It is read
  (format ``facturx`` for CII, the UBL flavour for UBL) with a first warning saying
  where it came from. When it cannot be read (malformed, hostile, an unknown CII
  dialect, a missing field) :class:`EmbeddedInvoiceError` (or :class:`HostileInput`)
  names the PDF, the attachment and the problem; the text is NOT read instead.
- the printed total is read from the text as a cross-check: when it differs from the
  XML's payable amount (and from its grand total), a warning names both.
- a PDF without such an attachment is read from its text by :mod:`.pdf`; XML
  attachments that are not invoices are named in a warning.

Encrypted, corrupt and non-PDF input raises :class:`ParseError` naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractors.errors import EmbeddedInvoiceError, HostileInput, ParseError
from extractors.invoices.xmlsafe import parse_xml
from extractors.limits import DEFAULT_LIMITS, Limits
from extractors.money import ORE, decimal_str
from extractors.types import ParsedInvoice

# Attachment names of e-invoices, tried first in this order (compared in lower case).
INVOICE_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd.xml")
XML_MIME_TYPES = frozenset({"text/xml", "application/xml"})
#: How the warning for a printed total other than the XML's begins (pages look for it).
TOTAL_MISMATCH = "the PDF text shows a total of"
MAX_ATTACHMENTS = 50


@dataclass(frozen=True, slots=True)
class Attachment:
    """An XML file embedded in a PDF; ``payload`` is None when pdfium cannot extract it."""

    name: str
    payload: bytes | None

    @property
    def is_invoice_name(self) -> bool:
        return self.name.lower() in INVOICE_NAMES


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


def xml_attachments(
    data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS
) -> list[Attachment]:
    """The XML attachments of a PDF, e-invoice names first; one larger than
    ``limits.max_embedded_bytes`` raises :class:`~extractors.limits.LimitExceeded`."""
    import pypdfium2 as pdfium

    pdf = _open(data, filename)
    try:
        found: list[Attachment] = []
        for i in range(min(pdf.count_attachments(), MAX_ATTACHMENTS)):
            attachment = pdf.get_attachment(i)
            name = attachment.get_name() or f"attachment {i + 1}"
            subtype = (attachment.get_subtype() or "").lower()
            if not (name.lower().endswith(".xml") or subtype in XML_MIME_TYPES):
                continue
            try:
                payload: bytes | None = bytes(attachment.get_data())
            except pdfium.PdfiumError:
                payload = None
            if payload is not None and len(payload) > limits.max_embedded_bytes:
                raise limits.exceeded(
                    "max_embedded_bytes",
                    f"embedded {name} is {len(payload):,} bytes",
                    file=filename,
                )
            found.append(Attachment(name, payload))
    finally:
        pdf.close()
    rank = {n: i for i, n in enumerate(INVOICE_NAMES)}
    found.sort(key=lambda a: rank.get(a.name.lower(), len(rank)))
    return found


def has_embedded_invoice(data: bytes) -> bool:
    """True when the PDF carries an XML attachment (False for unreadable PDFs)."""
    try:
        return bool(xml_attachments(data, "<pdf>"))
    except ParseError:
        return False


def parse_facturx_or_pdf(
    data: bytes, filename: str, *, limits: Limits = DEFAULT_LIMITS
) -> ParsedInvoice:
    """The embedded XML invoice when there is one, else the invoice read from the text."""
    others: list[str] = []
    for attachment in xml_attachments(data, filename, limits):
        invoice = _read_attachment(attachment, filename, limits)
        if invoice is None:
            others.append(attachment.name)
            continue
        _cross_check(invoice, attachment.name, data, filename)
        return invoice
    from extractors.invoices.pdf import parse_pdf_text

    invoice = parse_pdf_text(data, filename)
    if others:
        invoice.warnings.append(
            "the PDF's XML attachments are not invoices: " + ", ".join(others[:5])
        )
    return invoice


def _read_attachment(attachment: Attachment, filename: str, limits: Limits) -> ParsedInvoice | None:
    """The invoice in one attachment; None when it is XML of another kind (and not
    named as an e-invoice). Raises when an invoice is there but cannot be read."""
    from extractors.invoices import cii, ubl
    from extractors.invoices.cii_dialects import ROOT_NAMES

    name = attachment.name
    if attachment.payload is None:
        raise _unreadable(filename, name, "the embedded file cannot be extracted from the PDF")
    where = f"{filename} (embedded {name})"
    try:
        root = parse_xml(
            attachment.payload, where, max_bytes=limits.max_embedded_bytes, limits=limits
        )
        local = root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""
        if root.tag in ubl.ROOTS:
            invoice = ubl.parse_ubl(root, where)
            label = ""
        elif root.tag in cii.ROOTS or local in ROOT_NAMES:
            invoice = cii.parse_cii(root, where, fmt="facturx")
            label = f" ({cii.profile(root, where)})"
        elif attachment.is_invoice_name:
            raise ParseError(
                f"its root element {root.tag!r} is neither a CII nor a UBL invoice", file=where
            )
        else:
            return None
    except HostileInput:
        raise  # already names the PDF and the attachment; refused, never read around
    except ParseError as exc:
        raise _unreadable(filename, name, _without_file(exc)) from None
    invoice.warnings.insert(0, f"read from the XML invoice {name}{label} embedded in the PDF")
    return invoice


def _unreadable(filename: str, name: str, problem: str) -> EmbeddedInvoiceError:
    return EmbeddedInvoiceError(
        f"the PDF carries the invoice as XML ({name}), but it cannot be read: {problem}."
        " The PDF text is not read in its place, as it may differ from the XML",
        file=filename,
    )


def _without_file(exc: ParseError) -> str:
    exc.file = None
    return exc.describe()


def _cross_check(invoice: ParsedInvoice, name: str, data: bytes, filename: str) -> None:
    """Warn when the total printed in the PDF text is not the XML's."""
    from extractors.invoices.pdf import printed_payable

    printed = printed_payable(data, filename)
    if printed is None:
        return
    t = invoice.totals
    stated = [t.payable] + ([t.tax_inclusive] if t.tax_inclusive is not None else [])
    if any(abs(abs(printed) - abs(amount)) <= ORE for amount in stated):
        return
    invoice.warnings.append(
        f"{TOTAL_MISMATCH} {decimal_str(printed)}, but the embedded XML {name}"
        f" says {decimal_str(t.payable)} {invoice.currency}: the XML is used; check with the"
        " supplier which amount is owed"
    )

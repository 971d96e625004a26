"""Invoice parsers: UBL (OIOUBL 2/3, PEPPOL BIS 3), CII (every dialect, ZUGFeRD 1.0
included), Factur-X / ZUGFeRD / XRechnung PDFs (their embedded XML), CSV and PDF text.

Pure: bytes in, :class:`~extractors.types.ParsedInvoice` out; no database, no
network. Bad input raises only :class:`~extractors.errors.ParseError` or its
subclasses (``UnsupportedFormat``, ``HostileInput``), naming the file.

- :func:`detect_format` names the format of some bytes.
- :func:`parse_invoice` reads one invoice (the first, for a CSV file).
- :func:`iter_invoices` streams every invoice of a file (many for CSV).
- :func:`invoice_to_dict` is the JSON shape printed by ``prisvagt parse``.

Every parsed invoice is reconciled (:mod:`.validate`) and the problems found are
appended to ``ParsedInvoice.warnings``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from lxml import etree

from extractors.errors import HostileInput, ParseError, UnsupportedFormat
from extractors.invoices import cii, ubl
from extractors.invoices.cii_dialects import ROOT_NAMES
from extractors.invoices.serialize import invoice_to_dict
from extractors.invoices.validate import reconcile
from extractors.invoices.xmlsafe import DEFAULT_MAX_BYTES, parse_xml
from extractors.limits import DEFAULT_LIMITS, Limits, check_pdf
from extractors.money import ORE, to_ore
from extractors.types import ZERO, ParsedInvoice, ParsedInvoiceLine

__all__ = ["detect_format", "invoice_to_dict", "iter_invoices", "parse_invoice"]

_UBL_ROOT = re.compile(
    rb"<(?:[\w.-]+:)?(Invoice|CreditNote)[\s>][^>]*?urn:oasis:names:specification:ubl:schema:xsd:(?:Invoice|CreditNote)-2",
    re.DOTALL,
)
_CII_ROOT = re.compile(rb"<(?:[\w.-]+:)?CrossIndustry(?:Invoice|Document)[\s>]")
_CUSTOMIZATION = re.compile(rb"<(?:[\w.-]+:)?CustomizationID[^>]*>([^<]{0,300})<")
_PROFILE = re.compile(rb"<(?:[\w.-]+:)?ProfileID[^>]*>([^<]{0,300})<")
_VERSION = re.compile(rb"<(?:[\w.-]+:)?UBLVersionID[^>]*>([^<]{0,20})<")
_GZIP = b"\x1f\x8b"


def detect_format(data: bytes, filename: str) -> str:
    """``oioubl-2``, ``oioubl-3``, ``peppol-bis3``, ``ubl``, ``cii``, ``facturx``, ``pdf`` or ``csv``.

    Decided from the content (the file name only breaks ties for CSV). Raises
    :class:`UnsupportedFormat` naming the file for anything else.
    """
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        from extractors.invoices.facturx import has_embedded_invoice

        return "facturx" if has_embedded_invoice(data) else "pdf"
    if head.startswith(b"<"):
        if _CII_ROOT.search(head):
            return "cii"
        if _UBL_ROOT.search(head):
            return ubl.ubl_format(
                *(_first(rx, head) for rx in (_CUSTOMIZATION, _PROFILE, _VERSION))
            )
        raise UnsupportedFormat(
            "XML, but neither a UBL Invoice/CreditNote nor a CII CrossIndustryInvoice"
            " (or ZUGFeRD 1.0 CrossIndustryDocument)",
            file=filename,
        )
    if head.startswith(_GZIP) or _looks_like_csv(head, filename):
        return "csv"
    raise UnsupportedFormat(
        "not a supported invoice format (UBL, CII, Factur-X, PDF or CSV)", file=filename
    )


def parse_invoice(
    data: bytes,
    filename: str,
    *,
    csv_profile: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = DEFAULT_LIMITS,
) -> ParsedInvoice:
    """Parse one invoice (for CSV: the first of the file), reconciled, with warnings."""
    data = _as_utf8(data, filename)
    if data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _checked_one(_parse_xml_invoice(data, filename, max_bytes, limits), filename)
    for invoice in iter_invoices(
        data, filename, csv_profile=csv_profile, max_bytes=max_bytes, limits=limits
    ):
        return invoice
    raise ParseError("the file holds no invoice", file=filename)


def iter_invoices(
    data_or_path: bytes | str | os.PathLike[str],
    filename: str | None = None,
    *,
    csv_profile: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[ParsedInvoice]:
    """Every invoice in a file, streamed: a CSV path is read line by line in constant memory.

    ``data_or_path`` is the file's bytes or a path; ``filename`` names it in errors
    (default: the path's name). ``max_bytes`` limits XML and PDF input; CSV streams
    are limited by ``limits`` (bytes after decompression, lines, line length), as
    are XML nesting and PDF pages, streams, objects and text (checked before reading).
    """
    if isinstance(data_or_path, bytes | bytearray | memoryview):
        name = filename or "<bytes>"
        data = _as_utf8(bytes(data_or_path), name)
        if data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            yield _checked_one(_parse_xml_invoice(data, name, max_bytes, limits), name)
            return
        if b"%PDF-" in data[:1024]:
            check_pdf(data, name, limits)  # before pdfium lists its attachments
        fmt = detect_format(data, name)
        if fmt == "csv":
            from extractors.invoices.csv import iter_csv_bytes

            yield from _checked(
                iter_csv_bytes(data, name, profile=csv_profile, limits=limits), name
            )
        else:
            yield _checked_one(_parse_document(data, name, fmt, max_bytes, limits), name)
        return
    path = Path(data_or_path)
    name = filename or path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror}", file=name) from None
    if head.startswith(_GZIP) or (
        not head.lstrip().startswith((b"<", b"%PDF")) and _looks_like_csv(head, name)
    ):
        from extractors.invoices.csv import iter_csv_path

        yield from _checked(iter_csv_path(path, name, profile=csv_profile, limits=limits), name)
        return
    size = path.stat().st_size
    if size > max_bytes:
        raise HostileInput(
            f"file is {size:,} bytes, above the limit of {max_bytes:,} bytes", file=name
        )
    yield from iter_invoices(
        path.read_bytes(), name, csv_profile=csv_profile, max_bytes=max_bytes, limits=limits
    )


_UTF16_32 = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)  # fmt: skip
_ENCODING_DECL = re.compile(rb"^(<\?xml[^>]*?)\s+encoding=[\"'][^\"']*[\"']")


def _as_utf8(data: bytes, filename: str) -> bytes:
    """The file's bytes; an empty file refused; a UTF-16 or UTF-32 text (a BOM first,
    as some ERP systems write XML) as UTF-8, its encoding declaration dropped, so that
    every check made on the bytes (no DOCTYPE, the root) sees the text as written."""
    if not data.strip(b" \t\r\n\x00"):
        raise ParseError("the file is empty", file=filename)
    for bom, codec in _UTF16_32:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"not valid {codec.upper()} text: {exc.reason}", file=filename
                ) from None
            return _ENCODING_DECL.sub(rb"\1", text.encode("utf-8"), count=1)
    return data


def _parse_xml_invoice(data: bytes, name: str, max_bytes: int, limits: Limits) -> ParsedInvoice:
    root = parse_xml(data, name, max_bytes=max_bytes, limits=limits)
    if root.tag in ubl.ROOTS:
        return ubl.parse_ubl(root, name)
    if root.tag in cii.ROOTS or etree.QName(root).localname in ROOT_NAMES:
        return cii.parse_cii(root, name)  # an unknown CII namespace is named there
    raise UnsupportedFormat(
        "XML, but neither a UBL Invoice/CreditNote nor a CII CrossIndustryInvoice"
        f" (or ZUGFeRD 1.0 CrossIndustryDocument) (root element {root.tag!r})",
        file=name,
    )


def _parse_document(
    data: bytes, name: str, fmt: str, max_bytes: int, limits: Limits
) -> ParsedInvoice:
    if fmt in ("oioubl-2", "oioubl-3", "peppol-bis3", "ubl", "cii"):
        return _parse_xml_invoice(data, name, max_bytes, limits)
    if fmt in ("facturx", "pdf"):
        if len(data) > max_bytes:
            raise HostileInput(
                f"file is {len(data):,} bytes, above the limit of {max_bytes:,} bytes", file=name
            )
        from extractors.invoices.facturx import parse_facturx_or_pdf

        return parse_facturx_or_pdf(data, name, limits=limits)
    raise UnsupportedFormat(f"unsupported format {fmt}", file=name)


def _checked_one(invoice: ParsedInvoice, name: str) -> ParsedInvoice:
    if invoice.format != "pdf":  # (a PDF's figures are read from its text: unread there)
        _in_range(invoice, name)
    if invoice.document_type == "invoice" and invoice.totals.payable < 0:
        invoice.warnings.append(
            f"the invoice's total is negative ({invoice.totals.payable}): a credit note "
            "written as an invoice? It is read and checked as written"
        )
    found = reconcile(invoice)
    if found:
        warnings = invoice.warnings
        warnings.extend(w for w in found if w not in warnings)
    discount_lines(invoice)
    net_prices(invoice)
    return invoice


def discount_lines(invoice: ParsedInvoice) -> None:
    """A discount written as a line of its own under the item it discounts ("AB-20 |
    Konsulent | 10 | 1.200,00" then "AB-20 | Rabat | 1 | -500,00"): taken into that
    line as its allowance (and so into its unit price, :func:`net_prices`), not left as
    a line of its own beside a list price the contract does not agree to. Only a line of
    the same item number, on an invoice; said in a warning."""
    if invoice.document_type != "invoice":
        return
    kept: list[ParsedInvoiceLine] = []
    for line in invoice.lines:
        item = next((k for k in reversed(kept) if line.item_id and k.item_id == line.item_id), None)
        if (
            item is not None
            and line.line_amount < 0
            and item.line_amount > 0
            and _DISCOUNT_WORDS.search(line.description)
            and item.line_amount + line.line_amount > 0
        ):
            item.allowances += -line.line_amount
            item.line_amount += line.line_amount
            invoice.warnings.append(
                f"line {line.line_id} ({' '.join(line.description.split())[:40]}, "
                f"{line.line_amount}) is a discount on line {item.line_id}: taken into it"
            )
            continue
        kept.append(line)
    invoice.lines[:] = kept


_DISCOUNT_WORDS = re.compile(r"rabat|discount|nedslag|prisreduktion|reduction|afslag", re.I)


def net_prices(invoice: ParsedInvoice) -> None:
    """A line's discount and charges (a "Rabat %" column, a UBL line allowance, a fee or
    surcharge charged on the line) taken into its unit price: the price the buyer pays
    per unit, which the contract's agreed price is compared with (list price 80,00 less
    10 % is 72,00 a unit, not 80,00: an agreed 72,00 is kept; 100 licences at 100,00
    with a charge of 300,00 on the line cost 103,00 a unit: a fee the agreed price does
    not allow is not hidden beside the price). Only where the line adds up (quantity x
    price - discount + charges = amount); the printed price stays as ``price_amount``;
    said in a warning."""
    for line in invoice.lines:
        off, on = line.allowances, line.charges
        if not (off or on) or not line.quantity or line.unit_price <= 0:
            continue
        expected = to_ore(line.quantity * line.unit_price) - off + on
        if abs(expected - line.line_amount) > ORE:
            continue
        net = line.unit_price + (on - off) / line.quantity
        if net.as_tuple().exponent < -6:  # type: ignore[operator]
            net = net.quantize(_MICRO)
        if net <= 0:
            continue
        what = " and ".join(
            text
            for amount, text in ((off, f"discount of {abs(off)}"), (on, f"charge of {abs(on)}"))
            if amount
        )
        change = "less the discount" if not on else "plus the charge" if not off else "net"
        invoice.warnings.append(
            f"line {line.line_id}: its {what} is taken into its unit price: "
            f"{line.unit_price} {change} is {net.normalize():f} a unit"
        )
        line.unit_price, line.allowances, line.charges = net, ZERO, ZERO


_MICRO = Decimal("0.000001")


def _checked(invoices: Iterator[ParsedInvoice], name: str) -> Iterator[ParsedInvoice]:
    for invoice in invoices:
        yield _checked_one(invoice, name)


#: no amount, unit price or quantity of an invoice reaches a trillion: far beyond any
#: invoice a public buyer receives, and beyond what is stored exactly (a unit price to
#: six decimals in a 64-bit integer)
MAX_FIGURE = Decimal(10) ** 12


def _in_range(invoice: ParsedInvoice, name: str) -> None:
    """Refuse an invoice stating a figure of a trillion or more, naming it (a typing
    error or a hostile file; storing it would fail, or lose its digits)."""
    t = invoice.totals
    figures = [("payable", t.payable), ("total excl. VAT", t.tax_exclusive), ("VAT", t.tax),
               ("line total", t.line_extension)]  # fmt: skip
    for line in invoice.lines:
        figures += [
            (f"line {line.line_id} quantity", line.quantity),
            (f"line {line.line_id} unit price", line.unit_price),
            (f"line {line.line_id} amount", line.line_amount),
        ]
    for label, value in figures:
        if value is not None and abs(value) >= MAX_FIGURE:
            raise ParseError(
                f"invoice {invoice.number}: {label} {value:f} is out of range (a trillion or more)",
                file=name,
            )


def _first(rx: re.Pattern[bytes], head: bytes) -> str:
    m = rx.search(head)
    return m.group(1).decode("utf-8", "replace").strip() if m else ""


def _looks_like_csv(head: bytes, filename: str) -> bool:
    if b"\0" in head[:4096]:
        return False
    if filename.lower().endswith((".csv", ".csv.gz", ".txt", ".tsv")):
        return True
    first = head.split(b"\n", 1)[0]
    return first.count(b";") >= 2 or first.count(b",") >= 2

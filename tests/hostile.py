"""Hostile documents, generated small: gzip-bomb CSVs, PDFs of many pages, of streams
that inflate hugely, of many objects, with big attachments, and deeply nested XML."""

from __future__ import annotations

import gzip
import io
import zlib

MB = 1024 * 1024
CSV_HEADER = b"invoice_number;issue_date;description;quantity;unit_price;supplier_cvr\n"
UBL_OPEN = (
    b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'
    b' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


def deflated(pattern: bytes, total: int, *, wrap: str = "zlib") -> bytes:
    """``pattern`` repeated to ``total`` bytes, compressed chunk by chunk (never held)."""
    out = io.BytesIO()
    bits = 31 if wrap == "gzip" else 15  # 31: with a gzip header and trailer
    packer = zlib.compressobj(1, zlib.DEFLATED, bits)  # level 1: quick, still ~200:1
    chunk = pattern * (MB // len(pattern))
    written = 0
    while written < total:
        out.write(packer.compress(chunk))
        written += len(chunk)
    out.write(packer.flush())
    return out.getvalue()


def gzip_bomb_csv(total: int = 1024 * MB, *, rows: bool = True) -> bytes:
    """A gzip CSV inflating to ``total`` bytes: a header, then rows of empty cells
    (``rows``) or one endless line."""
    head = gzip.compress(CSV_HEADER)
    body = deflated(b";" * 1023 + b"\n" if rows else b"0" * 1024, total, wrap="gzip")
    return head + body  # two gzip members: read as one stream


def pdf(
    pages: list[bytes], *, flate: bool = False, attachments: dict[str, bytes] | None = None
) -> bytes:
    """A PDF whose pages have these content streams (``flate``: already deflated)."""
    objects: list[bytes] = []
    kids = []
    first_page = 4
    for i, content in enumerate(pages):
        page_no = first_page + 2 * i
        kids.append(f"{page_no} 0 R".encode())
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page_no + 1} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        filt = b" /Filter /FlateDecode" if flate else b""
        objects.append(
            b"<< /Length " + str(len(content)).encode() + filt + b" >>\nstream\n"
            + content + b"\nendstream"
        )  # fmt: skip
    catalog = b"<< /Type /Catalog /Pages 2 0 R >>"
    tree = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(kids)
        + b"] /Count "
        + str(len(pages)).encode()
        + b" >>"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    body = [catalog, tree, font, *objects]
    data = _serialise(body)
    if attachments:
        data = _attach(data, attachments)
    return data


def _serialise(body: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(body) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(body) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _attach(data: bytes, attachments: dict[str, bytes]) -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for name, payload in attachments.items():
        doc.new_attachment(name).set_data(payload)
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    return pdf([b"BT /F1 12 Tf 72 720 Td (Side) Tj ET"] * pages)


def inflating_pdf(total: int = 1024 * MB) -> bytes:
    """One page whose content stream inflates to ``total`` bytes of spaces."""
    return pdf([deflated(b" ", total)], flate=True)


def crowded_page_pdf(objects: int) -> bytes:
    """One page of ``objects`` text objects."""
    content = b"\n".join(
        b"BT /F1 8 Tf %d %d Td (x) Tj ET" % (i % 500, i % 800) for i in range(objects)
    )
    return pdf([content])


def wordy_page_pdf(chars: int) -> bytes:
    """One page with ``chars`` characters of text or a few more."""
    lines = [
        b"BT /F1 2 Tf 10 %d Td (" % (10 + 3 * i) + b"a" * 1000 + b") Tj ET"
        for i in range(chars // 1000 + 1)
    ]
    return pdf([b"\n".join(lines)])


def deep_xml(depth: int) -> bytes:
    return UBL_OPEN + b"<cbc:Note>" * depth + b"x" + b"</cbc:Note>" * depth + b"</Invoice>"

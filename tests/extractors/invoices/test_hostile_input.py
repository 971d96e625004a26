"""Hostile and broken input is refused with a clear message naming the file."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.errors import HostileInput, ParseError
from extractors.invoices import iter_invoices, parse_invoice
from extractors.invoices.xmlsafe import parse_xml
from tests.extractors.invoices.ubl_samples import BILLION_LAUGHS, XXE, ubl


def test_it_refuses_an_external_entity_and_never_reads_the_file() -> None:
    with pytest.raises(
        HostileInput, match=r"xxe\.xml: XML with a DOCTYPE declaration is refused"
    ) as exc:
        parse_invoice(XXE, "xxe.xml")
    assert "root:" not in str(exc.value)  # nothing of /etc/passwd leaks into the message
    assert exc.value.file == "xxe.xml"


def test_it_refuses_billion_laughs() -> None:
    with pytest.raises(HostileInput, match=r"laughs\.xml: .*DOCTYPE"):
        parse_invoice(BILLION_LAUGHS, "laughs.xml")


def test_it_refuses_a_doctype_even_in_utf16() -> None:
    data = XXE.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(HostileInput, match="utf16.xml"):
        parse_xml(data.decode().encode("utf-16"), "utf16.xml")


def test_the_parser_never_loads_an_external_dtd(tmp_path: Path) -> None:
    # UTF-16 hides the DOCTYPE from the byte scan, so the parser itself sees it. Had it
    # read the external subset, the junk in it would be a syntax error, not a refusal.
    junk = tmp_path / "junk.dtd"
    junk.write_text("this is not a DTD")
    text = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a SYSTEM "{junk.as_uri()}"><a/>'
    with pytest.raises(HostileInput, match="dtd.xml: XML with a DOCTYPE declaration is refused"):
        parse_xml(text.encode("utf-16"), "dtd.xml")


def test_it_refuses_a_50_mb_file_before_parsing_it() -> None:
    head = ubl()
    data = head[:-20] + b"<!--" + b"x" * (50 * 1024 * 1024) + b"-->" + head[-20:]
    with pytest.raises(
        HostileInput,
        match=r"big\.xml: file is 52,4\d\d,\d\d\d bytes, above the limit of 20,971,520",
    ):
        parse_invoice(data, "big.xml")


def test_it_refuses_a_50_mb_file_on_disk_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    with path.open("wb") as fh:
        fh.write(ubl()[:200])
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(HostileInput, match=r"big\.xml: file is 52,428,800 bytes"):
        list(iter_invoices(path))


def test_the_size_limit_is_configurable() -> None:
    with pytest.raises(HostileInput, match="above the limit of 1,000 bytes"):
        parse_invoice(ubl(), "small.xml", max_bytes=1000)


def test_it_reports_truncated_xml_with_the_line() -> None:
    data = ubl()[:900]
    with pytest.raises(ParseError, match=r"cut\.xml, line \d+: malformed or truncated XML") as exc:
        parse_invoice(data, "cut.xml")
    assert not isinstance(exc.value, HostileInput)


def test_it_refuses_a_wrong_root_element() -> None:
    data = ubl().replace(b"<Invoice ", b"<Order ").replace(b"</Invoice>", b"</Order>")
    data = data.replace(b"xsd:Invoice-2", b"xsd:Order-2")
    with pytest.raises(ParseError, match=r"order\.xml: XML, but neither a UBL Invoice/CreditNote"):
        parse_invoice(data, "order.xml")


def test_the_safe_parser_names_the_expected_roots() -> None:
    with pytest.raises(
        ParseError, match=r"catalogue\.xml: unexpected root element .*expected one of Invoice"
    ):
        parse_xml(b"<Catalogue/>", "catalogue.xml", roots={"{urn:x}Invoice"})


def test_it_names_the_missing_columns_of_a_csv() -> None:
    data = b"Nummer;Dag;Tekst\n1;2026-01-01;Licens\n"
    with pytest.raises(
        ParseError,
        match=r"wrong\.csv, line 1: CSV columns missing for profile 'prisvagt': invoice_number, issue_date",
    ) as exc:
        parse_invoice(data, "wrong.csv")
    assert "unit_price" in str(exc.value) and "supplier_cvr" in str(exc.value)
    # "Tekst" is a name of the description column (a Danish export's): not missing
    assert "description" not in str(exc.value).split("(the header")[0]


def test_it_names_the_missing_columns_for_a_named_profile() -> None:
    data = b"InvoiceNo,StockCode,Description\n536365,85123A,HOLDER\n"
    with pytest.raises(
        ParseError, match=r"retail\.csv.*profile 'online_retail': Quantity, InvoiceDate, UnitPrice"
    ):
        parse_invoice(data, "retail.csv", csv_profile="online_retail")


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("hemmeligt", canPrint=0))
    pdf.drawString(72, 720, "Faktura nr. 2026-1  I alt 1.250,00 kr.")
    pdf.save()
    return buffer.getvalue()


def test_it_refuses_an_encrypted_pdf() -> None:
    with pytest.raises(ParseError, match=r"locked\.pdf: the PDF is encrypted"):
        parse_invoice(_encrypted_pdf(), "locked.pdf")


def test_it_refuses_a_corrupt_pdf() -> None:
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00garbage" * 100
    with pytest.raises(ParseError, match=r"broken\.pdf: .*(not a readable PDF|cannot be read)"):
        parse_invoice(data, "broken.pdf")


def test_it_refuses_an_unknown_format() -> None:
    with pytest.raises(ParseError, match=r"photo\.jpg: not a supported invoice format"):
        parse_invoice(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "photo.jpg")


def test_a_utf16_xml_invoice_is_read_and_its_doctype_still_refused() -> None:
    text = ubl().decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parsed = parse_invoice(b"\xff\xfe" + text.encode("utf-16-le"), "utf16.xml")
    assert (parsed.number, parsed.totals.payable) == ("F-2026-001", Decimal("1498.75"))
    evil = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x SYSTEM '
        '"file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:'
        'xsd:Invoice-2">&x;</Invoice>'
    )
    with pytest.raises(ParseError, match=r"evil\.xml: XML with a DOCTYPE declaration is refused"):
        parse_invoice(b"\xfe\xff" + evil.encode("utf-16-be"), "evil.xml")


def test_an_empty_file_is_said_to_be_empty() -> None:
    with pytest.raises(ParseError, match=r"empty\.xml: the file is empty"):
        parse_invoice(b" \n", "empty.xml")

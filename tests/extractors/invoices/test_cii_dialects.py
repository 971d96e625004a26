"""Every CII dialect is read, given directly or embedded in a PDF, and its totals are its own.

The real samples sit in ``tests/fixtures/invoices/cii/`` (see ``tests/fixtures/SOURCES.md``):
ZUGFeRD 1.0 (FeRD's COMFORT and EXTENDED examples, mustangproject's invoice), Factur-X
BASIC and XRechnung 3.0 CII. The expected totals and lines are read here from each XML
with plain ``local-name()`` XPath, independently of the parser under test.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from lxml import etree

from extractors.errors import EmbeddedInvoiceError, HostileInput, UnsupportedFormat
from extractors.invoices import detect_format, parse_invoice
from tests.extractors.invoices.render_hybrid import CII, HYBRID, HYBRIDS, render

XMLS = sorted(p.name for p in CII.glob("*.xml"))
ZF1_EXTENDED = "ZUGFeRD1_EXTENDED_Warenrechnung.xml"
ZF1_NS = "urn:ferd:CrossIndustryDocument:invoice:1p0"


@dataclass(frozen=True)
class Expected:
    payable: Decimal
    line_total: Decimal
    tax_basis: Decimal
    grand_total: Decimal | None
    #: (quantity, unit price = net ChargeAmount / BasisQuantity, line amount) per billed line
    lines: list[tuple[Decimal, Decimal, Decimal]]


def _one(node: etree._Element, path: str) -> str:
    """The string value of an XPath ``string(...)`` expression, stripped."""
    return str(node.xpath(path)).strip()


def expected(xml: bytes) -> Expected:
    """The XML's own totals and billed lines."""
    root = etree.fromstring(xml)
    summation = root.xpath(".//*[local-name()='DuePayableAmount']/..")[0]

    def total(name: str) -> Decimal | None:
        text = _one(summation, f"string(*[local-name()='{name}'])")
        return Decimal(text) if text else None

    lines = []
    for item in root.xpath(".//*[local-name()='IncludedSupplyChainTradeLineItem']"):
        amount = _one(item, "string(.//*[local-name()='LineTotalAmount'])")
        if not amount:
            continue  # a text line: no amount, nothing billed
        price = item.xpath(".//*[local-name()='NetPriceProductTradePrice']")[0]
        charge = Decimal(_one(price, "string(*[local-name()='ChargeAmount'])") or "0")
        basis = Decimal(_one(price, "string(*[local-name()='BasisQuantity'])") or "1")
        quantity = Decimal(_one(item, "string(.//*[local-name()='BilledQuantity'])") or "1")
        lines.append((quantity, charge / basis, Decimal(amount)))
    payable, line_total, basis = (
        total(n) for n in ("DuePayableAmount", "LineTotalAmount", "TaxBasisTotalAmount")
    )
    assert payable is not None and line_total is not None and basis is not None
    return Expected(payable, line_total, basis, total("GrandTotalAmount"), lines)


def _assert_same(parsed: object, want: Expected) -> None:
    t = parsed.totals  # type: ignore[attr-defined]
    assert t.payable == want.payable
    assert t.line_extension == want.line_total
    assert t.tax_exclusive == want.tax_basis
    assert t.tax_inclusive == want.grand_total
    got = [(ln.quantity, ln.unit_price, ln.line_amount) for ln in parsed.lines]  # type: ignore[attr-defined]
    assert got == want.lines


@pytest.mark.parametrize("name", XMLS)
def test_a_cii_xml_of_any_dialect_given_directly_is_read_with_its_own_totals_and_lines(
    name: str,
) -> None:
    data = (CII / name).read_bytes()
    assert detect_format(data, name) == "cii"
    parsed = parse_invoice(data, name)
    assert parsed.format == "cii"
    _assert_same(parsed, expected(data))


@pytest.mark.parametrize("pdf_name", sorted(HYBRIDS))
def test_the_xml_embedded_in_a_hybrid_pdf_is_the_invoice(pdf_name: str) -> None:
    xml_name, attachment = HYBRIDS[pdf_name]
    data = (HYBRID / pdf_name).read_bytes()
    assert detect_format(data, pdf_name) == "facturx"
    parsed = parse_invoice(data, pdf_name)
    assert parsed.format == "facturx"
    assert parsed.warnings[0].startswith(f"read from the XML invoice {attachment} (")
    assert not any("PDF text shows" in w for w in parsed.warnings)  # the print agrees
    _assert_same(parsed, expected((CII / xml_name).read_bytes()))


@pytest.mark.parametrize(
    ("pdf_name", "profile"),
    [
        ("zugferd1_comfort.pdf", "ZUGFeRD 1.0 COMFORT"),
        ("zugferd1_extended.pdf", "ZUGFeRD 1.0 EXTENDED"),
        ("facturx_basic.pdf", "Factur-X"),
        ("xrechnung_cii.pdf", "XRechnung CII"),
    ],
)
def test_it_names_the_dialect_the_embedded_invoice_was_read_as(pdf_name: str, profile: str) -> None:
    parsed = parse_invoice((HYBRID / pdf_name).read_bytes(), pdf_name)
    assert f"({profile})" in parsed.warnings[0]


def test_the_hybrid_fixtures_carry_the_xml_fixtures_unchanged() -> None:
    import pypdfium2 as pdfium

    for pdf_name, (xml_name, attachment) in HYBRIDS.items():
        pdf = pdfium.PdfDocument((HYBRID / pdf_name).read_bytes())
        files = {
            pdf.get_attachment(i).get_name(): bytes(pdf.get_attachment(i).get_data())
            for i in range(pdf.count_attachments())
        }
        pdf.close()
        assert files == {attachment: (CII / xml_name).read_bytes()}, pdf_name


def test_zugferd_1_extended_reads_the_518_99_and_its_six_billed_lines() -> None:
    """The tester's PDF: the text reading gave 382.47 and 4 lines."""
    parsed = parse_invoice((HYBRID / "zugferd1_extended.pdf").read_bytes(), "x.pdf")
    t = parsed.totals
    assert (t.line_extension, t.allowances, t.charges) == (
        Decimal("457.20"),
        Decimal("11.21"),
        Decimal("3.00"),
    )
    assert (t.tax_exclusive, t.tax, t.payable) == (
        Decimal("448.99"),
        Decimal("70.00"),
        Decimal("518.99"),
    )
    assert [ln.item_id for ln in parsed.lines] == [
        "ZS997",
        "GZ250",
        "GZ250",
        "2031",
        "1805",
        "MP107",
    ]
    assert [ln.line_amount for ln in parsed.lines] == [
        Decimal(a) for a in ("100.00", "72.50", "0.00", "180.00", "46.50", "58.20")
    ]
    assert parsed.supplier.ean == "4333741000005" and parsed.buyer.ean == "4304171000002"
    assert any("line 1: a text line without product or amount" in w for w in parsed.warnings)


def _zf1(mutate: object) -> bytes:
    root = etree.fromstring((CII / "ZUGFeRD1-invoice.xml").read_bytes())
    mutate(root)  # type: ignore[operator]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _el(root: etree._Element, path: str) -> etree._Element:
    return root.xpath(path, namespaces={"rsm": ZF1_NS, "ram": root.nsmap["ram"]})[0]


def test_zugferd_1_unit_price_is_the_charge_amount_per_basis_quantity() -> None:
    def per_hundred(root: etree._Element) -> None:
        price = _el(
            root,
            "//ram:IncludedSupplyChainTradeLineItem[2]//ram:NetPriceProductTradePrice",
        )
        _el(price, "ram:ChargeAmount").text = "79.00"
        _el(price, "ram:BasisQuantity").text = "100"

    parsed = parse_invoice(_zf1(per_hundred), "zf1.xml")
    line = parsed.lines[1]
    assert (line.price_amount, line.base_quantity, line.unit_price) == (
        Decimal("79.00"),
        Decimal("100"),
        Decimal("0.79"),
    )
    assert line.quantity * line.unit_price == line.line_amount == Decimal("316.00")


def test_zugferd_1_credit_note_is_negative() -> None:
    def credit(root: etree._Element) -> None:
        _el(root, "rsm:HeaderExchangedDocument/ram:TypeCode").text = "381"

    parsed = parse_invoice(_zf1(credit), "zf1.xml")
    assert parsed.document_type == "credit_note"
    assert parsed.totals.payable == Decimal("-571.04")
    assert [ln.line_amount for ln in parsed.lines][0] == Decimal("-160.00")


def test_zugferd_1_basic_without_a_due_payable_amount_owes_its_grand_total() -> None:
    def basic(root: etree._Element) -> None:
        summation = _el(
            root, "//ram:SpecifiedTradeSettlementMonetarySummation[ram:DuePayableAmount]"
        )
        summation.remove(_el(summation, "ram:DuePayableAmount"))
        _el(
            root, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
        ).text = "urn:ferd:CrossIndustryDocument:invoice:1p0:basic"

    parsed = parse_invoice(_zf1(basic), "zf1.xml")
    assert parsed.totals.payable == parsed.totals.tax_inclusive == Decimal("571.04")
    assert not [w for w in parsed.warnings if "payable" in w]


def test_zugferd_1_dates_parties_and_due_date() -> None:
    parsed = parse_invoice((CII / "ZUGFeRD1_COMFORT_Einfach.xml").read_bytes(), "zf1.xml")
    assert (str(parsed.issue_date), str(parsed.due_date), parsed.payment_days) == (
        "2013-03-05",
        "2013-04-04",
        30,
    )
    assert (parsed.currency, parsed.supplier.name, parsed.supplier.ean) == (
        "EUR",
        "Lieferant GmbH",
        "4000001123452",
    )
    assert parsed.buyer.ean == "4000001987658"
    assert [ln.vat_percent for ln in parsed.lines] == [Decimal("19.00"), Decimal("7.00")]


def test_a_cii_root_in_an_unknown_namespace_is_refused_naming_it() -> None:
    data = (CII / "ZUGFeRD1-invoice.xml").read_bytes().replace(b":invoice:1p0", b":invoice:9p9")
    with pytest.raises(UnsupportedFormat, match=r"x\.xml: .*unknown namespace.*invoice:9p9"):
        parse_invoice(data, "x.xml")


def test_zugferd_1_with_ram_elements_of_another_version_is_refused_naming_it() -> None:
    data = (
        (CII / "ZUGFeRD1-invoice.xml")
        .read_bytes()
        .replace(
            b"ReusableAggregateBusinessInformationEntity:12",
            b"ReusableAggregateBusinessInformationEntity:99",
        )
    )
    with pytest.raises(UnsupportedFormat, match=r"unknown CII version"):
        parse_invoice(data, "x.xml")


# --- PDFs whose embedded invoice cannot be read: an error, never the text -----------------

GOOD = (CII / ZF1_EXTENDED).read_bytes()


def _broken(payload: bytes, name: str = "ZUGFeRD-invoice.xml") -> bytes:
    return render(GOOD, name, payload=payload)


BROKEN = [
    ("malformed", _broken(GOOD[:-400]), "malformed or truncated XML"),
    ("empty", _broken(b" \n"), "empty file"),
    (
        "unknown dialect",
        _broken(GOOD.replace(b"invoice:1p0", b"invoice:2p5")),
        "unknown namespace",
    ),
    (
        "no payable amount",
        _broken(GOOD.replace(b"DuePayableAmount", b"SomeAmount").replace(b"GrandTotal", b"Other")),
        "missing LineTotalAmount or DuePayableAmount/GrandTotalAmount",
    ),
    (
        "not an invoice root",
        _broken(b"<?xml version='1.0'?><Lieferschein/>", "factur-x.xml"),
        "'Lieferschein' is neither a CII nor a UBL invoice",
    ),
    (
        "a bad number",
        _broken(GOOD.replace(b">518.99</ram:DuePayableAmount>", b">518,99</ram:DuePayableAmount>")),
        "not a number: '518,99'",
    ),
]


@pytest.mark.parametrize(("case", "data", "problem"), BROKEN, ids=[b[0] for b in BROKEN])
def test_an_unreadable_embedded_invoice_fails_the_pdf_naming_file_and_problem(
    case: str, data: bytes, problem: str
) -> None:
    with pytest.raises(EmbeddedInvoiceError) as caught:
        parse_invoice(data, "rechnung.pdf")
    message = str(caught.value)
    assert message.startswith("rechnung.pdf: the PDF carries the invoice as XML (")
    assert problem in message
    assert "not read in its place" in message
    assert caught.value.reason == "embedded_invoice_unreadable"


def test_hostile_xml_embedded_under_a_zugferd_name_is_refused() -> None:
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(HostileInput, match=r"a\.pdf \(embedded ZUGFeRD-invoice\.xml\): .*DOCTYPE"):
        parse_invoice(_broken(xxe), "a.pdf")


def test_an_xml_attachment_found_by_its_mime_type_alone_is_read() -> None:
    data = render(GOOD, "rechnung", mime_type="application/xml")
    parsed = parse_invoice(data, "a.pdf")
    assert parsed.format == "facturx" and parsed.totals.payable == Decimal("518.99")
    assert parsed.warnings[0].startswith("read from the XML invoice rechnung (")


def test_an_xml_attachment_that_is_no_invoice_leaves_the_text_and_is_named() -> None:
    data = render(GOOD, "lieferschein.xml", payload=b"<?xml version='1.0'?><Lieferschein/>")
    parsed = parse_invoice(data, "a.pdf")
    assert parsed.format == "pdf"
    assert "the PDF's XML attachments are not invoices: lieferschein.xml" in parsed.warnings


# --- text and XML disagree ------------------------------------------------------------------


def test_a_printed_total_other_than_the_xml_total_gives_a_warning_and_the_xml_wins() -> None:
    data = render(GOOD, "ZUGFeRD-invoice.xml", printed_total=Decimal("382.47"))
    parsed = parse_invoice(data, "a.pdf")
    assert parsed.totals.payable == Decimal("518.99")
    assert len(parsed.lines) == 6
    assert (
        "the PDF text shows a total of 382.47, but the embedded XML ZUGFeRD-invoice.xml says"
        " 518.99 EUR: the XML is used; check with the supplier which amount is owed"
    ) in parsed.warnings

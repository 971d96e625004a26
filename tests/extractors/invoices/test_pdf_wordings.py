"""PDF invoices as suppliers print them, read from their text lines: amounts with digits
grouped by spaces, credit notes printing positive figures or parentheses, their number's
label, a discount on the whole invoice in the totals. Each case was read wrong without a
word of warning by an earlier version (an independent review's invoices, rewritten here
with invented figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.errors import ParseError
from extractors.invoices import parse_invoice
from extractors.invoices.pdf import parse_lines
from extractors.invoices.pdflines import line_items
from extractors.invoices.ubl import parse_ubl
from extractors.invoices.validate import reconcile
from extractors.invoices.xmlsafe import parse_xml
from tests.extractors.invoices.ubl_samples import ubl

D = Decimal

HEAD = [
    "Faktura",
    "Skovbo Analyse ApS Ringby Kommune Fakturanr.: 2026-118",
    "Fakturadato: 14.03.2026",
    "CVR-nr.: 12345678 EAN-nr.: 5798000000001",
    "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb",
]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_amounts_grouped_by_spaces_are_read_whole(space: str) -> None:
    """ "12 500,00" is twelve thousand five hundred, not 500,00 (which adds up too: a
    reading that cannot be caught downstream)."""
    g = lambda text: text.replace(" ", space)  # noqa: E731
    lines = [
        *HEAD,
        g("SA-1 Analyse af indkøbsdata 1 stk 12 500,00 12 500,00"),
        g("SA-2 Workshop 2 dage 3 750,00 7 500,00"),
        g("I alt ekskl. moms 20 000,00"),
        g("Moms 25 % 5 000,00"),
        g("I alt inkl. moms 25 000,00"),
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    assert [(ln.quantity, ln.unit_price, ln.line_amount) for ln in parsed.lines] == [
        (D("1"), D("12500.00"), D("12500.00")),
        (D("2"), D("3750.00"), D("7500.00")),
    ]
    t = parsed.totals
    assert (t.tax_exclusive, t.tax, t.payable) == (D("20000.00"), D("5000.00"), D("25000.00"))


@pytest.mark.parametrize(
    "row,read",
    [
        # a quantity and a price side by side stay apart when only so they add up
        ("Rådgivning 2 500,00 1 000,00", (D("2"), D("500.00"), D("1000.00"))),
        ("Rådgivning 1 500,00 500,00", (D("1"), D("500.00"), D("500.00"))),
        ("Kuverter C5 1 000 stk 0,89 890,00", (D("1000"), D("0.89"), D("890.00"))),
        ("Konsulent 12 timer 1 250,00 15 000,00 kr", (D("12"), D("1250.00"), D("15000.00"))),
    ],
)
def test_a_row_weighs_its_spaced_groups_by_its_arithmetic(
    row: str, read: tuple[Decimal, Decimal, Decimal]
) -> None:
    (line,) = line_items(["Beskrivelse Antal Enhedspris Beløb", row], "da")
    assert (line.quantity, line.unit_price, line.line_amount) == read


def test_a_credit_note_printing_positive_figures_is_a_credit() -> None:
    """Titled "Kreditnota": its figures are the credit's, whatever their sign; its
    number is the credit note's, not the credited invoice's ("Vedr. faktura")."""
    lines = [
        "Kreditnota",
        "Skovbo Software ApS Ringby Kommune Kreditnotanr. KN-77",
        "Fakturadato 28.03.2026",
        "CVR-nr.: 12345678 Vedr. faktura 20260311",
        "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb",
        "SS-1 Ekstra brugere, for meget faktureret 5 stk 1.240,00 6.200,00",
        "I alt ekskl. moms 6.200,00",
        "Moms 25 % 1.550,00",
        "I alt inkl. moms 7.750,00",
    ]
    parsed = parse_lines(lines, "kreditnota.pdf")
    assert (parsed.document_type, parsed.number) == ("credit_note", "KN-77")
    assert parsed.credits == "20260311"  # set off against that invoice's findings
    (line,) = parsed.lines
    assert (line.quantity, line.unit_price, line.line_amount) == (
        D("-5"),
        D("1240.00"),
        D("-6200.00"),
    )
    t = parsed.totals
    assert (t.line_extension, t.tax_exclusive, t.tax, t.payable) == (
        D("-6200.00"),
        D("-6200.00"),
        D("-1550.00"),
        D("-7750.00"),
    )


def test_a_credit_note_in_parentheses_and_its_number_beside_a_date() -> None:
    lines = [
        "Credit note",
        "Fjordline IT A/S Ringby Kommune Credit note no.: CN-2026-019",
        "Invoice date: June 11, 2026",
        "VAT no.: DK12345678",
        "Item no. Description Qty Unit price Amount",
        'FL-14 Laptop 14" returned 2 7,240.00 (14,480.00)',
        "Subtotal excl. VAT (14,480.00)",
        "VAT 25% (3,620.00)",
        "Total incl. VAT (18,100.00)",
    ]
    parsed = parse_lines(lines, "credit.pdf")
    assert (parsed.document_type, parsed.number) == ("credit_note", "CN-2026-019")
    assert [(ln.quantity, ln.line_amount) for ln in parsed.lines] == [(D("-2"), D("-14480.00"))]
    assert parsed.totals.payable == D("-18100.00")


def test_a_credited_row_printed_with_its_amount_negative() -> None:
    (line,) = line_items(
        [
            "Beskrivelse Antal Enhed Enhedspris Beløb",
            "Webhotel, opsagt før tid 3 md. 189,00 -567,00",
        ],
        "da",
    )
    assert (line.quantity, line.unit_price, line.line_amount) == (
        D("-3"),
        D("189.00"),
        D("-567.00"),
    )


def test_invoice_date_is_never_the_invoice_number() -> None:
    lines = [
        "Invoice",
        "Fjordline IT A/S",
        "Invoice date: June 28, 2026",
        "Description Qty Unit price Amount",
        "Support 2 100.00 200.00",
        "Total 250.00",
    ]
    parsed = parse_lines(lines, "june.pdf")
    assert parsed.number == "june.pdf"
    assert "no invoice number found; the file name is used" in parsed.warnings


@pytest.mark.parametrize(
    "discount,net_label",
    [("Rabat 5 % -1.042,50", "Netto 19.807,50"), ("Rammeaftalerabat 5 % -1.042,50", None)],
)
def test_a_discount_on_the_whole_invoice_in_its_totals(
    discount: str, net_label: str | None
) -> None:
    """The discount is the invoice's allowance; the VAT printed on the net is read as
    printed, not recomputed from the subtotal."""
    lines = [
        *HEAD,
        "H-1 Managed hosting, 2. kvartal 3 md. 5.200,00 15.600,00",
        "H-2 Lagerplads, 2. kvartal 3 md. 1.350,00 4.050,00",
        "H-3 Opsætning 1 stk 1.200,00 1.200,00",
        "Subtotal 20.850,00",
        discount,
        *([net_label] if net_label else []),
        "Moms 25 % 4.951,88",
        "I alt inkl. moms 24.759,38",
    ]
    t = parse_lines(lines, "rabat.pdf").totals
    assert (t.line_extension, t.allowances, t.tax_exclusive, t.tax, t.payable) == (
        D("20850.00"),
        D("1042.50"),
        D("19807.50"),
        D("4951.88"),
        D("24759.38"),
    )


def test_rows_of_an_amount_alone_are_lines_when_they_close_the_sum() -> None:
    """Above the totals, a discount, freight or a fee printed with its amount alone is
    a line (one of it at that amount) when only with them the lines add up to the
    total; the invoice's own discount is then none."""
    lines = [
        *HEAD,
        "T-1 Trafikkegler 60 stk 89,00 5.340,00",
        "Rabat 10 % på trafikkegler -534,00",
        "Fragt 450,00",
        "T-ABO Serviceabonnement maj 1.250,00",
        "I alt ekskl. moms 6.506,00",
        "Moms 25 % 1.626,50",
        "I alt inkl. moms 8.132,50",
    ]
    parsed = parse_lines(lines, "linjer.pdf")
    assert [(ln.line_id, ln.item_id, ln.quantity, ln.line_amount) for ln in parsed.lines] == [
        ("1", "T-1", D("60"), D("5340.00")),
        ("2", None, D("1"), D("-534.00")),
        ("3", None, D("1"), D("450.00")),
        ("4", "T-ABO", D("1"), D("1250.00")),
    ]
    assert parsed.totals.allowances == D("0")
    assert reconcile(parsed) == ["no due date"]


def test_an_amount_alone_that_does_not_close_the_sum_is_no_line() -> None:
    """ "Transporteres 39.675,00" (carried to the next page) is no line: with it the
    lines would not add up to the total."""
    lines = [
        *HEAD,
        "T-1 Trafikkegler 60 stk 89,00 5.340,00",
        "Transporteres 5.340,00",
        "I alt ekskl. moms 5.340,00",
        "Moms 25 % 1.335,00",
        "I alt inkl. moms 6.675,00",
    ]
    assert [ln.item_id for ln in parse_lines(lines, "side.pdf").lines] == ["T-1"]


def test_an_invoice_with_a_credit_note_type_code_is_a_credit_note() -> None:
    """UBL allows an Invoice with type code 381 (PEPPOL BIS 3 does not): read as the
    credit it says it is, and said."""
    data = ubl().replace(
        b"<cbc:IssueDate>", b"<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>\n <cbc:IssueDate>"
    )
    parsed = parse_invoice(data, "kredit.xml")
    assert parsed.document_type == "credit_note"
    assert (parsed.totals.payable, parsed.lines[0].quantity) == (D("-1498.75"), D("-12"))
    assert any("type code 381" in w for w in parsed.warnings)


@pytest.mark.parametrize("indicator", ["true", "1"])
def test_a_charge_indicator_written_as_1_is_a_charge(indicator: str) -> None:
    charge = (
        f"<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>"
        "<cbc:Amount currencyID='DKK'>50.00</cbc:Amount></cac:AllowanceCharge>"
    )
    line = f"""<cac:InvoiceLine><cbc:ID>1</cbc:ID>
  <cbc:InvoicedQuantity unitCode="EA">10</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="DKK">1050.00</cbc:LineExtensionAmount>
  {charge}
  <cac:Item><cbc:Name>Kabel</cbc:Name></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="DKK">100.00</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>"""
    totals = (
        "<cbc:LineExtensionAmount currencyID='DKK'>1050.00</cbc:LineExtensionAmount>"
        "<cbc:TaxExclusiveAmount currencyID='DKK'>1050.00</cbc:TaxExclusiveAmount>"
        "<cbc:PayableAmount currencyID='DKK'>1312.50</cbc:PayableAmount>"
    )
    data = ubl(lines=line, totals=totals, tax="262.50", customization="urn:peppol", version="2.1")
    parsed = parse_ubl(parse_xml(data, "x.xml"), "x.xml")
    assert parsed.lines[0].charges == D("50.00")
    read = parse_invoice(data, "x.xml")  # it adds up: the charge is paid per unit
    assert read.lines[0].unit_price == D("105.00")
    assert [w for w in read.warnings if "taken into its unit price" not in w] == []


def test_a_row_with_a_discount_column_is_read_at_its_net_price() -> None:
    """ "8 | 4,995.00 | 15 | 33,966.00": 8 x 4,995.00 less 15 %: the row is read at its
    price, the discount its allowance (as a UBL line's), and it adds up."""
    (line,) = line_items(
        ["Item Description Qty Unit price Disc. % Amount",
         "SW-24 Switch 24 ports PoE 8 4,995.00 15 33,966.00"],
        "en",
    )  # fmt: skip
    assert (line.quantity, line.unit_price, line.price_amount) == (
        D("8"),
        D("4995.00"),
        D("4995.00"),
    )
    assert (line.allowances, line.line_amount) == (D("5994.00"), D("33966.00"))
    assert line.quantity * line.unit_price - line.allowances == line.line_amount


def test_a_line_amount_in_another_currency_is_said() -> None:
    line = """<cac:InvoiceLine><cbc:ID>1</cbc:ID>
  <cbc:InvoicedQuantity unitCode="EA">1</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="EUR">1199.00</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Licens</cbc:Name></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="EUR">1199.00</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>"""
    parsed = parse_invoice(ubl(lines=line), "valuta.xml")
    assert "line 1: an amount in EUR in a DKK invoice (read as DKK)" in parsed.warnings


def test_danish_systems_total_labels_fees_and_rounding() -> None:
    """ "Fakturabeløb" is the total to pay (the "Total" column's first row was taken);
    freight, a fee and a rounding between the net and the total are its charges and
    rounding, and the printed VAT stands; a "Rabat %" printed like money ("8,00")."""
    lines = [
        *HEAD[:4],
        "Varenr. Tekst Antal Enhed Pris Rabat % Total",
        "VS-1 Vejsalt 25 kg sæk 320 sæk 78,00 8,00 22.963,20",
        "VS-2 Grus 2 ton 500,00 1.000,00",
        "Momsgrundlag 23.963,20",
        "Fragt 1.450,00",
        "Øreafrunding 0,02",
        "Moms 6.353,30",
        "Fakturabeløb 31.766,52",
    ]
    parsed = parse_lines(lines, "uniconta.pdf")
    t = parsed.totals
    assert (t.line_extension, t.tax_exclusive, t.charges, t.rounding, t.tax, t.payable) == (
        D("23963.20"),
        D("25413.20"),
        D("1450.00"),
        D("0.02"),
        D("6353.30"),
        D("31766.52"),
    )
    assert [(ln.item_id, ln.allowances) for ln in parsed.lines] == [
        ("VS-1", D("1996.80")),
        ("VS-2", D("0")),
    ]


@pytest.mark.parametrize(
    "title,kind",
    [
        ("Rykker", "a payment reminder"),
        ("Lysgaard El-service ApS Tilbud", "a quote"),
        ("Ordrebekræftelse", "an order confirmation"),
        ("Kontoudtog", "a statement of account"),
        ("PRO FORMA INVOICE", "a pro forma invoice"),
    ],
)
def test_a_document_titled_as_no_invoice_is_refused_by_name(title: str, kind: str) -> None:
    lines = [title, *HEAD[1:], "SA-1 Analyse 1 stk 500,00 500,00", "I alt 625,00"]
    with pytest.raises(ParseError, match=rf"doc\.pdf: not an invoice: .*as {kind}"):
        parse_lines(lines, "doc.pdf")


def test_erp_totals_labels_with_their_currency_and_the_rate_first() -> None:
    """Business Central: "Total DKK Excl. VAT" / "25% VAT" / "Total DKK Incl. VAT"; SAP:
    "Dokumentnr.", "Forfald", "Nettoværdi i alt" / "Bruttobeløb"."""
    bc = [
        "Invoice",
        "Posted Sales Invoice No. PSI-2026-311",
        "Document Date 12 March 2026",
        "Item Description Quantity Unit Price Amount",
        "SW-1 Named users 240 112.50 27,000.00",
        "Total DKK Excl. VAT 27,000.00",
        "25% VAT 6,750.00",
        "Total DKK Incl. VAT 33,750.00",
    ]
    t = parse_lines(bc, "bc.pdf").totals
    assert (t.tax_exclusive, t.tax, t.payable) == (D("27000.00"), D("6750.00"), D("33750.00"))
    sap = [
        "Faktura",
        "Dokumentnr. 90012345 Dato 20.02.2026",
        "Forfald 20.03.2026",
        "Pos. Materiale Betegnelse Antal Enhed Pris Beløb",
        "10 100-200 Ventil 3 stk 500,00 1.500,00",
        "Nettoværdi i alt 1.500,00",
        "Moms 25,00 % 375,00",
        "Bruttobeløb 1.875,00",
    ]
    parsed = parse_lines(sap, "sap.pdf")
    assert (parsed.number, str(parsed.due_date)) == ("90012345", "2026-03-20")
    assert (parsed.totals.tax_exclusive, parsed.totals.payable) == (D("1500.00"), D("1875.00"))


def test_a_row_ending_in_its_net_and_its_vat() -> None:
    """The UK layout "Qty | Rate | Net | VAT": the row's amount is its net, the VAT
    beside it (the rows were not read: "the invoice has no lines")."""
    rows = line_items(
        ["Item Description Qty Rate Net VAT",
         "BA-PLAT Platform licence 1 £2,400.00 £2,400.00 £480.00",
         "BA-SEAT Analyst seats 12 £45.00 £540.00 £108.00"],
        "en",
    )  # fmt: skip
    assert [(ln.item_id, ln.quantity, ln.unit_price, ln.line_amount) for ln in rows] == [
        ("BA-PLAT", D("1"), D("2400.00"), D("2400.00")),
        ("BA-SEAT", D("12"), D("45.00"), D("540.00")),
    ]


@pytest.mark.parametrize(
    ("reference", "credited"),
    [
        ("Kreditering af faktura nr. 10234 af 12.03.2026", "10234"),
        ("Krediterer fakturanr.: INV-2026-88", "INV-2026-88"),
        ("Credit for invoice no. 7781", "7781"),
        ("Oprindelig faktura: 4410", "4410"),
        ("Fakturanr. 10234", "10234"),  # beside its own "Kreditnota nr."
        ("Betalingsbetingelser: netto 30 dage", None),
        ("Vedr. faktura 10234 og faktura 10236", None),  # two invoices: neither alone
    ],
)
def test_a_pdf_credit_note_names_the_invoice_it_credits(
    reference: str, credited: str | None
) -> None:
    lines = [
        "KREDITNOTA",
        "Skovbo Software ApS Ringby Kommune Kreditnota nr. KN-102",
        "Dato 28.03.2026",
        f"CVR-nr.: 12345678 {reference}",
        "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb",
        "SS-1 Ekstra brugere 5 stk 1.240,00 6.200,00",
        "I alt ekskl. moms 6.200,00",
        "Moms 25 % 1.550,00",
        "I alt inkl. moms 7.750,00",
    ]
    parsed = parse_lines(lines, "kreditnota.pdf")
    assert (parsed.document_type, parsed.number) == ("credit_note", "KN-102")
    assert parsed.credits == credited
    if "og faktura" in reference:
        assert any("several invoices (10234, 10236)" in w for w in parsed.warnings)


def test_an_invoice_names_no_credited_invoice() -> None:
    lines = [
        "FAKTURA",
        "Skovbo Software ApS Ringby Kommune Fakturanr. 10240",
        "Fakturadato 28.03.2026",
        "CVR-nr.: 12345678 Vedr. faktura 10234",
        "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb",
        "SS-1 Ekstra brugere 5 stk 1.240,00 6.200,00",
        "I alt ekskl. moms 6.200,00",
        "Moms 25 % 1.550,00",
        "I alt inkl. moms 7.750,00",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    assert (parsed.document_type, parsed.number, parsed.credits) == ("invoice", "10240", None)

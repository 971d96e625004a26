"""Electronic invoices as other senders write them, from an independent review of the XML
and CSV reading (its documents rewritten here with invented numbers): a credit note's
sign as its sender wrote it, a charge on a line, a credit note naming two invoices, CSV
headers in English and in Danish variants, a figure no invoice can hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.errors import ParseError
from extractors.invoices import iter_invoices, parse_invoice
from tests.extractors.invoices.ubl_samples import CII, ubl

NEGATIVE_TOTALS = (
    "<cbc:LineExtensionAmount currencyID='DKK'>-1199.00</cbc:LineExtensionAmount>"
    "<cbc:TaxExclusiveAmount currencyID='DKK'>-1199.00</cbc:TaxExclusiveAmount>"
    "<cbc:PayableAmount currencyID='DKK'>-1498.75</cbc:PayableAmount>"
)
NEGATIVE_LINE = """<cac:CreditNoteLine><cbc:ID>1</cbc:ID>
  <cbc:CreditedQuantity unitCode="MON">-12</cbc:CreditedQuantity>
  <cbc:LineExtensionAmount currencyID="DKK">-1199.00</cbc:LineExtensionAmount>
  <cac:Item><cbc:Name>Licens</cbc:Name>
   <cac:SellersItemIdentification><cbc:ID>LIC-1</cbc:ID></cac:SellersItemIdentification></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="DKK">1199.00</cbc:PriceAmount>
   <cbc:BaseQuantity unitCode="MON">12</cbc:BaseQuantity></cac:Price>
 </cac:CreditNoteLine>"""


def test_a_ubl_credit_note_written_negative_stays_a_credit() -> None:
    """UBL writes a credit note's amounts positive; a sender writing them negative (as its
    ledger does) had them negated into a charge of the same size, without a word."""
    note = parse_invoice(
        ubl(root="CreditNote", totals=NEGATIVE_TOTALS, tax="-299.75", lines=NEGATIVE_LINE),
        "kredit.xml",
    )
    assert note.document_type == "credit_note"
    assert note.totals.payable == Decimal("-1498.75")
    line = note.lines[0]
    assert (line.quantity, line.line_amount) == (Decimal(-12), Decimal("-1199.00"))
    assert any("written negative" in w for w in note.warnings)
    # as UBL writes it: negated, and nothing said
    usual = parse_invoice(ubl(root="CreditNote"), "kredit.xml")
    assert usual.totals.payable == Decimal("-1498.75")
    assert not any("written negative" in w for w in usual.warnings)


def test_a_charge_on_a_line_is_taken_into_its_unit_price() -> None:
    """A fee charged on a line is paid per unit as much as a discount is saved: 40 at
    250.00 with a charge of 300.00 cost 257.50 a unit, compared with the agreed price."""
    line = """<cac:InvoiceLine><cbc:ID>1</cbc:ID>
  <cbc:InvoicedQuantity unitCode="EA">40</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="DKK">10300.00</cbc:LineExtensionAmount>
  <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>
   <cbc:AllowanceChargeReason>Ekspeditionsgebyr</cbc:AllowanceChargeReason>
   <cbc:Amount currencyID="DKK">300.00</cbc:Amount></cac:AllowanceCharge>
  <cac:Item><cbc:Name>Brugerlicens</cbc:Name>
   <cac:SellersItemIdentification><cbc:ID>BL-7</cbc:ID></cac:SellersItemIdentification></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="DKK">250.00</cbc:PriceAmount></cac:Price>
 </cac:InvoiceLine>"""
    totals = (
        "<cbc:LineExtensionAmount currencyID='DKK'>10300.00</cbc:LineExtensionAmount>"
        "<cbc:TaxExclusiveAmount currencyID='DKK'>10300.00</cbc:TaxExclusiveAmount>"
        "<cbc:PayableAmount currencyID='DKK'>12875.00</cbc:PayableAmount>"
    )
    invoice = parse_invoice(ubl(lines=line, totals=totals, tax="2575.00"), "faktura.xml")
    (read,) = invoice.lines
    assert read.unit_price == Decimal("257.50")
    assert read.price_amount == Decimal("250.00")
    assert any("charge of 300.00" in w and "257.5 a unit" in w for w in invoice.warnings)


def test_a_credit_note_naming_two_invoices_is_set_off_against_none() -> None:
    references = "".join(
        f"<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>{n}</cbc:ID>"
        "</cac:InvoiceDocumentReference></cac:BillingReference>"
        for n in ("F-77", "F-78")
    )
    note = parse_invoice(ubl(root="CreditNote", due=references), "kredit.xml")
    assert note.credits is None
    assert any("several invoices (F-77, F-78)" in w for w in note.warnings)
    cii = CII.replace(
        b"<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>",
        b"<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>"
        + b"".join(
            b"<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>%s</ram:IssuerAssignedID>"
            b"</ram:InvoiceReferencedDocument>" % n
            for n in (b"F-77", b"F-78")
        ),
        1,
    )
    note = parse_invoice(cii, "kredit.xml")
    assert (note.document_type, note.credits) == ("credit_note", None)
    assert any("several invoices (F-77, F-78)" in w for w in note.warnings)


def test_the_due_date_in_ubl_payment_terms() -> None:
    """UBL 2.1 may state the due date inside ``cac:PaymentTerms``."""
    terms = (
        "<cac:PaymentTerms><cbc:PaymentDueDate>2026-02-14</cbc:PaymentDueDate></cac:PaymentTerms>"
    )
    assert parse_invoice(ubl(due=terms), "faktura.xml").due_date == date(2026, 2, 14)


def _csv(text: str) -> list:  # type: ignore[type-arg]
    return list(iter_invoices(text.encode(), "eksport.csv"))


def test_a_csv_credit_note_written_positive_is_a_credit() -> None:
    (note,) = _csv(
        "Bilagstype;Fakturanr.;Dato;Vedr. faktura;CVR;Varenr.;Tekst;Antal;Enhed;Enhedspris;Beløb;Moms %\n"
        "Kreditnota;K-9;03-03-2026;F-31;12345678;AB-1;Kreditering;2;stk;410,00;820,00;25\n"
    )
    assert (note.document_type, note.credits) == ("credit_note", "F-31")
    assert note.totals.payable == Decimal("-1025.00")
    assert note.lines[0].quantity == Decimal(-2)
    assert any("written positive" in w for w in note.warnings)


def test_a_csv_column_naming_the_invoice_credited_makes_a_credit_note() -> None:
    (note,) = _csv(
        "Fakturanr.;Fakturadato;CVR;Varenr.;Beskrivelse;Antal;Enhed;Enhedspris;Beløb;credits\n"
        "K-10;2026-03-04;12345678;AB-1;Kreditering;-1;stk;410,00;-410,00;F-31\n"
    )
    assert (note.document_type, note.credits) == ("credit_note", "F-31")
    assert note.totals.line_extension == Decimal("-410.00")
    assert not any("written positive" in w for w in note.warnings)


@pytest.mark.parametrize(
    "header",
    [
        "Invoice number;Invoice date;Due date;Supplier VAT No;Item number;Description;"
        "Quantity;Unit;Unit price;Amount;VAT %",
        "Faktura nr;Fakturadato;Betalingsdato;Sælger CVR;Vare nr;Varetekst;Antal;Enhed;"
        "Stk.pris;Linjebeløb;Momssats",
        "FAKTURA-NR;Bilagsdato;Forfald;Leverandør CVR-nr.;Varekode;Ydelse;Antal;Enhed;"
        "Pris pr. enhed;Beløb ekskl. moms;Moms %",
    ],
)
def test_csv_headers_in_english_and_danish_variants(header: str) -> None:
    (invoice,) = _csv(
        header + "\n4711;2026-02-01;2026-03-03;12345678;AB-1;Drift;3;stk;1.250,00;3.750,00;25%\n"
    )
    assert (invoice.number, invoice.supplier.cvr) == ("4711", "12345678")
    assert invoice.due_date == date(2026, 3, 3)
    (line,) = invoice.lines
    assert (line.item_id, line.quantity, line.unit_price) == (
        "AB-1",
        Decimal(3),
        Decimal("1250.00"),
    )
    assert invoice.totals.tax == Decimal("937.50")


def test_a_figure_no_invoice_holds_is_refused_naming_it() -> None:
    with pytest.raises(ParseError, match=r"eksport\.csv.*out of range"):
        _csv(
            "Fakturanr.;Fakturadato;CVR;Varenr.;Beskrivelse;Antal;Enhed;Enhedspris;Beløb\n"
            "5;2026-03-01;12345678;AB-1;Drift;1;stk;"
            "4.000.000.000.000.000,00;4.000.000.000.000.000,00\n"
        )


def test_an_invoice_with_a_negative_total_is_said() -> None:
    (invoice,) = _csv(
        "Fakturanr.;Fakturadato;CVR;Varenr.;Beskrivelse;Antal;Enhed;Enhedspris;Beløb\n"
        "6;2026-03-01;12345678;AB-1;Drift;1;stk;-640,00;-640,00\n"
    )
    assert invoice.document_type == "invoice"
    assert any("total is negative" in w for w in invoice.warnings)


def test_a_discount_line_under_its_item_is_taken_into_the_items_price() -> None:
    """ "QZ-4 | Konsulent | 8 x 950,00" then "QZ-4 | Rabat | -400,00": the hours cost
    900,00 each; the list price alone was compared with the contract (a false alarm, found
    by an independent end-to-end review)."""
    (invoice,) = _csv(
        "Fakturanr.;Fakturadato;CVR;Varenr.;Beskrivelse;Antal;Enhed;Enhedspris;Beløb\n"
        "7;2026-03-01;12345678;QZ-4;Konsulent;8;timer;950,00;7.600,00\n"
        "7;2026-03-01;12345678;QZ-4;Rabat, aftalt;1;stk;-400,00;-400,00\n"
        "7;2026-03-01;12345678;QZ-5;Kørsel;1;stk;300,00;300,00\n"
    )
    assert [(ln.item_id, ln.unit_price, ln.line_amount) for ln in invoice.lines] == [
        ("QZ-4", Decimal("900.00"), Decimal("7200.00")),
        ("QZ-5", Decimal("300.00"), Decimal("300.00")),
    ]
    assert invoice.totals.line_extension == Decimal("7500.00")
    # a negative line of another item, or not worded as a discount, stays as written
    (other,) = _csv(
        "Fakturanr.;Fakturadato;CVR;Varenr.;Beskrivelse;Antal;Enhed;Enhedspris;Beløb\n"
        "8;2026-03-01;12345678;QZ-4;Konsulent;8;timer;950,00;7.600,00\n"
        "8;2026-03-01;12345678;QZ-4;Returneret;-1;timer;950,00;-950,00\n"
    )
    assert len(other.lines) == 2

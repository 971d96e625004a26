"""UBL (OIOUBL 2/3, PEPPOL BIS 3) and CII normalisation, one behaviour per test."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from extractors.invoices import detect_format, invoice_to_dict, parse_invoice
from extractors.money import to_ore
from tests.extractors.invoices.ubl_samples import CII, ubl


def test_it_normalises_price_by_base_quantity() -> None:
    parsed = parse_invoice(ubl(), "licens.xml")
    line = parsed.lines[0]
    assert line.price_amount == Decimal("1199.00")
    assert line.base_quantity == Decimal("12")
    # A repeating quotient is cut at 10 places, far below an øre on any quantity.
    assert line.unit_price == Decimal("99.9166666667")
    assert to_ore(line.quantity * line.unit_price) == Decimal("1199.00")
    assert line.unit_code == "MON"
    assert parsed.warnings == []


def test_it_keeps_an_exact_unit_price_when_the_division_terminates() -> None:
    line = """<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">300</cbc:InvoicedQuantity>
      <cbc:LineExtensionAmount>750.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Transaktioner</cbc:Name></cac:Item>
      <cac:Price><cbc:PriceAmount>250.00</cbc:PriceAmount><cbc:BaseQuantity>100</cbc:BaseQuantity></cac:Price>
      </cac:InvoiceLine>"""
    totals = "<cbc:LineExtensionAmount>750.00</cbc:LineExtensionAmount><cbc:PayableAmount>937.50</cbc:PayableAmount>"
    parsed = parse_invoice(ubl(lines=line, totals=totals, tax="187.50"), "x.xml")
    assert parsed.lines[0].unit_price == Decimal("2.5")
    assert parsed.warnings == []


def test_it_reads_oioubl_2_tax_exclusive_amount_as_the_net_total() -> None:
    # OIOUBL 2.02 writes the VAT amount (299.75) in TaxExclusiveAmount.
    parsed = parse_invoice(ubl(), "licens.xml")
    assert parsed.totals.tax_exclusive == Decimal("1199.00")
    assert parsed.totals.tax == Decimal("299.75")
    assert parsed.totals.payable == Decimal("1498.75")


def test_it_turns_a_credit_note_negative_but_keeps_the_unit_price_positive() -> None:
    parsed = parse_invoice(ubl(root="CreditNote"), "kredit.xml")
    assert parsed.document_type == "credit_note"
    line = parsed.lines[0]
    assert line.quantity == Decimal("-12")
    assert line.line_amount == Decimal("-1199.00")
    assert line.unit_price > 0
    assert parsed.totals.payable == Decimal("-1498.75")
    assert parsed.totals.tax == Decimal("-299.75")


@pytest.mark.parametrize(
    ("customization", "version", "expected"),
    [
        ("OIOUBL-2.02", "2.0", "oioubl-2"),
        ("OIOUBL-2.1", "2.0", "oioubl-2"),
        ("urn:fdc:oioubl.dk:trns:billing:invoice:3.0", "2.1", "oioubl-3"),
        (
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
            "2.1",
            "peppol-bis3",
        ),
        ("urn:cen.eu:en16931:2017", "2.1", "ubl"),
    ],
)
def test_it_names_the_ubl_flavour_from_the_customization_id(
    customization: str, version: str, expected: str
) -> None:
    data = ubl(customization=customization, version=version)
    assert detect_format(data, "x.xml") == expected
    assert parse_invoice(data, "x.xml").format == expected


@pytest.mark.parametrize(
    ("ids", "cvr", "ean"),
    [
        ('<cbc:EndpointID schemeID="DK:CVR">DK12345678</cbc:EndpointID>', "12345678", None),
        ('<cbc:EndpointID schemeID="0184">12345678</cbc:EndpointID>', "12345678", None),
        (
            '<cac:PartyTaxScheme><cbc:CompanyID schemeID="DK:SE">DK12345678</cbc:CompanyID>'
            "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>",
            "12345678",
            None,
        ),
        (
            '<cbc:EndpointID schemeID="0088">5798000416604</cbc:EndpointID>'
            '<cac:PartyLegalEntity><cbc:CompanyID schemeID="0184">DK87654321</cbc:CompanyID></cac:PartyLegalEntity>',
            "87654321",
            "5798000416604",
        ),
        (
            '<cac:PartyIdentification><cbc:ID schemeID="GLN">5798000416604</cbc:ID></cac:PartyIdentification>',
            None,
            "5798000416604",
        ),
    ],
)
def test_it_finds_cvr_and_ean_under_every_scheme(
    ids: str, cvr: str | None, ean: str | None
) -> None:
    parsed = parse_invoice(ubl(supplier_ids=ids), "parter.xml")
    assert (parsed.supplier.cvr, parsed.supplier.ean) == (cvr, ean)


def test_it_reads_the_due_date_and_derives_payment_days() -> None:
    parsed = parse_invoice(ubl(), "x.xml")
    assert parsed.due_date == date(2026, 1, 31)
    assert parsed.payment_days == 30
    assert (parsed.period_start, parsed.period_end) == (date(2026, 1, 1), date(2026, 12, 31))


def test_it_reads_payment_days_from_the_terms_when_there_is_no_due_date() -> None:
    terms = "<cac:PaymentTerms><cbc:Note>Netto 30 dage</cbc:Note></cac:PaymentTerms>"
    parsed = parse_invoice(ubl(due=terms), "x.xml")
    assert parsed.due_date is None
    assert parsed.payment_days == 30
    assert "no due date" in parsed.warnings


def test_it_subtracts_document_allowances_and_adds_charges() -> None:
    allowance = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="DKK">199.00</cbc:Amount></cac:AllowanceCharge>'
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="DKK">50.00</cbc:Amount></cac:AllowanceCharge>'
    )
    totals = (
        "<cbc:LineExtensionAmount>1199.00</cbc:LineExtensionAmount>"
        "<cbc:TaxExclusiveAmount>1050.00</cbc:TaxExclusiveAmount>"
        "<cbc:PayableAmount>1312.50</cbc:PayableAmount>"
    )
    parsed = parse_invoice(ubl(doc_allowances=allowance, totals=totals, tax="262.50"), "x.xml")
    t = parsed.totals
    assert (t.allowances, t.charges, t.tax_exclusive) == (
        Decimal("199.00"),
        Decimal("50.00"),
        Decimal("1050.00"),
    )
    assert parsed.warnings == []


def test_it_warns_when_the_payable_amount_does_not_add_up() -> None:
    totals = (
        "<cbc:LineExtensionAmount>1199.00</cbc:LineExtensionAmount>"
        "<cbc:PayableAmount>1600.00</cbc:PayableAmount>"
    )
    parsed = parse_invoice(ubl(totals=totals), "x.xml")
    assert any("payable amount is 1600.00" in w for w in parsed.warnings)


def test_it_ignores_a_base_quantity_copied_from_the_price_and_says_so() -> None:
    line = """<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="EA">2</cbc:InvoicedQuantity>
      <cbc:LineExtensionAmount>1199.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Licens</cbc:Name></cac:Item>
      <cac:Price><cbc:PriceAmount>599.50</cbc:PriceAmount><cbc:BaseQuantity>599.50</cbc:BaseQuantity></cac:Price>
      </cac:InvoiceLine>"""
    parsed = parse_invoice(ubl(lines=line), "x.xml")
    assert parsed.lines[0].unit_price == Decimal("599.50")
    assert any("base quantity 599.50 ignored" in w for w in parsed.warnings)


def test_it_reads_a_cii_credit_note_with_peppol_party_schemes() -> None:
    parsed = parse_invoice(CII, "cii.xml")
    assert parsed.format == "cii"
    assert parsed.document_type == "credit_note"
    assert parsed.supplier.cvr == "87654321"
    assert parsed.buyer.ean == "5798000416604"
    assert parsed.lines[0].quantity == Decimal("-2")
    assert parsed.lines[0].unit_price == Decimal("950.00")
    assert parsed.lines[0].unit_code == "HUR"
    assert parsed.totals.payable == Decimal("-2375.00")
    assert parsed.payment_days == 30


def test_invoice_to_dict_gives_exactly_the_documented_json_shape() -> None:
    out = invoice_to_dict(parse_invoice(ubl(), "licens.xml"))
    assert json.loads(json.dumps(out)) == out
    assert list(out) == [
        "format", "document_type", "number", "issue_date", "due_date", "period_start",
        "period_end", "currency", "supplier", "buyer", "totals", "lines", "warnings",
    ]  # fmt: skip
    assert out["supplier"] == {"name": "Leverandøren A/S", "cvr": "12345678", "ean": None}
    assert out["buyer"] == {"name": "Aarhus Kommune", "cvr": None, "ean": "5798000416604"}
    assert out["totals"] == {
        "line_extension": "1199.00", "allowances": "0.00", "charges": "0.00",
        "tax_exclusive": "1199.00", "tax": "299.75", "prepaid": "0.00", "rounding": "0.00",
        "payable": "1498.75",
    }  # fmt: skip
    assert out["lines"] == [
        {
            "line_id": "1", "item_id": "LIC-1", "description": "Licens", "quantity": "12",
            "unit_code": "MON", "unit_price": "99.9166666667", "line_amount": "1199.00",
            "period_start": None, "period_end": None,
        }
    ]  # fmt: skip
    assert (out["period_start"], out["period_end"]) == ("2026-01-01", "2026-12-31")
    assert (out["issue_date"], out["due_date"]) == ("2026-01-01", "2026-01-31")


def test_a_credit_note_names_the_invoice_it_credits() -> None:
    """``cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID``: the number of the
    invoice a credit note credits (an invoice's own billing reference is not kept)."""
    reference = (
        "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>F-2025-913</cbc:ID>"
        "<cbc:IssueDate>2025-12-01</cbc:IssueDate></cac:InvoiceDocumentReference>"
        "</cac:BillingReference>"
    )
    note = parse_invoice(ubl(root="CreditNote", due=reference), "kredit.xml")
    assert (note.document_type, note.credits) == ("credit_note", "F-2025-913")
    assert invoice_to_dict(note)["credits"] == "F-2025-913"
    invoice = parse_invoice(ubl(due=reference), "faktura.xml")
    assert invoice.credits is None and "credits" not in invoice_to_dict(invoice)


def test_a_cii_credit_note_names_the_invoice_it_credits() -> None:
    """BT-25 in CII: the settlement's ``ram:InvoiceReferencedDocument/ram:IssuerAssignedID``."""
    from tests.extractors.invoices.ubl_samples import CII

    reference = (
        b"<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>"
        b"<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F-2025-913</ram:IssuerAssignedID>"
        b"</ram:InvoiceReferencedDocument>"
    )
    data = CII.replace(b"<ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>", reference, 1)
    assert data != CII
    note = parse_invoice(data, "kredit.xml")
    assert (note.document_type, note.credits) == ("credit_note", "F-2025-913")
    assert parse_invoice(CII, "kredit.xml").credits is None

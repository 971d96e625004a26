"""The OIOUBL writer: exact, reconciling, deterministic invoices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from monitor.demo.oioubl import (
    InvoiceLineSpec,
    InvoiceParty,
    InvoiceSpec,
    render_oioubl_invoice,
)

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
SUPPLIER = InvoiceParty("Leverandør A/S", "41372850", "Vej", "1", "8000", "Aarhus C")
BUYER = InvoiceParty("Randers Kommune", "60110735", ean="5790007300016")


def _spec(*lines: InvoiceLineSpec) -> InvoiceSpec:
    return InvoiceSpec(
        number="T-1",
        issue_date=date(2026, 8, 31),
        due_date=date(2026, 9, 30),
        period_start=date(2026, 8, 1),
        period_end=date(2026, 8, 31),
        supplier=SUPPLIER,
        buyer=BUYER,
        lines=lines,
    )


def _line(line_id: str, qty: str, price: str, base: str = "1") -> InvoiceLineSpec:
    return InvoiceLineSpec(line_id, f"KD-{line_id}", "Ydelse", Decimal(qty), "EA",
                           Decimal(price), Decimal(base))  # fmt: skip


def _text(doc: etree._Element, path: str) -> str:
    found = doc.findtext(path, namespaces=NS)
    assert found is not None, path
    return found


@pytest.mark.parametrize(
    ("qty", "price", "base", "line_amount"),
    [
        ("12345", "45.00", "100", "5555.25"),  # 12345 * 0.45 = 5555.25
        ("3", "0.005", "1", "0.02"),  # 0.015 rounds half up
        ("7", "1234.56", "1", "8641.92"),
        ("101", "4800.00", "1000", "484.80"),
    ],
)
def test_line_amount_is_quantity_times_price_per_base_quantity_rounded_half_up(
    qty: str, price: str, base: str, line_amount: str
) -> None:
    doc = etree.fromstring(render_oioubl_invoice(_spec(_line("1", qty, price, base))))
    assert _text(doc, "cac:InvoiceLine/cbc:LineExtensionAmount") == line_amount
    assert _text(doc, "cac:InvoiceLine/cac:Price/cbc:BaseQuantity") == base


def test_totals_reconcile_to_the_ore() -> None:
    spec = _spec(_line("1", "3", "333.33"), _line("2", "1", "0.01"), _line("3", "9999", "0.38"))
    doc = etree.fromstring(render_oioubl_invoice(spec))
    lines = sum(Decimal(x) for x in doc.xpath("cac:InvoiceLine/cbc:LineExtensionAmount/text()",
                                              namespaces=NS))  # fmt: skip
    assert lines == Decimal("999.99") + Decimal("0.01") + Decimal("3799.62")
    total = Decimal(_text(doc, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount"))
    tax = Decimal(_text(doc, "cac:TaxTotal/cbc:TaxAmount"))
    assert total == lines
    assert tax == Decimal("1199.91")  # 4799.62 * 25 % = 1199.905 -> half up
    assert Decimal(_text(doc, "cac:LegalMonetaryTotal/cbc:PayableAmount")) == total + tax


def test_header_carries_the_oioubl_identifiers() -> None:
    doc = etree.fromstring(render_oioubl_invoice(_spec(_line("1", "1", "10"))))
    assert _text(doc, "cbc:CustomizationID") == "OIOUBL-2.02"
    assert _text(doc, "cbc:ProfileID") == "Procurement-BilSim-1.0"
    supplier = doc.find("cac:AccountingSupplierParty/cac:Party", NS)
    assert supplier.find("cbc:EndpointID", NS).get("schemeID") == "DK:CVR"
    legal = supplier.find("cac:PartyLegalEntity/cbc:CompanyID", NS)
    assert (legal.get("schemeID"), legal.text) == ("DK:CVR", "DK41372850")
    buyer_endpoint = doc.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert (buyer_endpoint.get("schemeID"), buyer_endpoint.text) == ("GLN", "5790007300016")
    assert _text(doc, "cac:PaymentMeans/cbc:PaymentDueDate") == "2026-09-30"
    assert _text(doc, "cac:InvoiceLine/cac:Item/cac:SellersItemIdentification/cbc:ID") == "KD-1"


def test_the_same_spec_gives_the_same_bytes() -> None:
    spec = _spec(_line("1", "2", "19.99"))
    assert render_oioubl_invoice(spec) == render_oioubl_invoice(spec)


def test_it_refuses_an_invoice_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="at least one line"):
        render_oioubl_invoice(_spec())
    with pytest.raises(ValueError, match="base quantity"):
        render_oioubl_invoice(_spec(_line("1", "1", "1", base="0")))

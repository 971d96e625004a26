"""Which element wins when a UBL line or party repeats or nests a field.

The UBL reader walks each element's children once instead of asking XPath; these
cases pin the choices the XPath version made, so that walk keeps them: the item's
ClassifiedTaxCategory over the line's TaxTotal, the first non-empty value otherwise,
only the line's own cbc:ID naming it, comments anywhere.
"""

from __future__ import annotations

from decimal import Decimal as D

from extractors.invoices import parse_invoice
from tests.extractors.invoices.ubl_samples import ubl


def _line(body: str) -> bytes:
    return ubl(
        lines=f"""<cac:InvoiceLine>{body}
  <cbc:InvoicedQuantity unitCode="MON">12</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="DKK">1199.00</cbc:LineExtensionAmount>
 </cac:InvoiceLine>"""
    )


TAX_TOTAL = """<cac:TaxTotal><cbc:TaxAmount>299.75</cbc:TaxAmount><cac:TaxSubtotal>
  <cbc:TaxableAmount>1199.00</cbc:TaxableAmount>
  <cac:TaxCategory><cbc:ID>StandardRated</cbc:ID><cbc:Percent>25</cbc:Percent>
   <cac:TaxScheme><cbc:ID>63</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>"""
PRICE = "<cac:Price><cbc:PriceAmount>1199.00</cbc:PriceAmount><cbc:BaseQuantity>12</cbc:BaseQuantity></cac:Price>"


def _only_line(body: str):  # type: ignore[no-untyped-def]
    invoice = parse_invoice(_line(body), "f.xml")
    assert len(invoice.lines) == 1
    return invoice.lines[0]


def test_the_line_taxtotal_gives_the_vat_category_without_an_item_category() -> None:
    line = _only_line(
        f"<cbc:ID>7</cbc:ID>{TAX_TOTAL}<cac:Item><cbc:Name>Licens</cbc:Name></cac:Item>{PRICE}"
    )
    assert (line.vat_category, line.vat_percent) == ("StandardRated", D("25"))
    assert line.line_id == "7"  # not the TaxScheme's ID


def test_the_item_classified_category_wins_over_the_line_taxtotal() -> None:
    line = _only_line(
        f"<cbc:ID>1</cbc:ID>{TAX_TOTAL}<cac:Item><cbc:Name>Licens</cbc:Name>"
        "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>12</cbc:Percent>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>"
        f"</cac:Item>{PRICE}"
    )
    assert (line.vat_category, line.vat_percent) == ("S", D("12"))


def test_a_classified_category_without_a_percent_leaves_the_percent_to_the_taxtotal() -> None:
    line = _only_line(
        f"<cbc:ID>1</cbc:ID>{TAX_TOTAL}<cac:Item><cbc:Name>Licens</cbc:Name>"
        f"<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item>{PRICE}"
    )
    assert (line.vat_category, line.vat_percent) == ("S", D("25"))


def test_the_taxtotal_category_comes_before_the_item_tax_category() -> None:
    line = _only_line(
        f"<cbc:ID>1</cbc:ID>{TAX_TOTAL}<cac:Item><cbc:Name>Licens</cbc:Name>"
        f"<cac:TaxCategory><cbc:ID>Z</cbc:ID></cac:TaxCategory></cac:Item>{PRICE}"
    )
    assert line.vat_category == "StandardRated"
    alone = _only_line(
        "<cbc:ID>1</cbc:ID><cac:Item><cbc:Name>Licens</cbc:Name>"
        f"<cac:TaxCategory><cbc:ID>Z</cbc:ID><cbc:Percent>9</cbc:Percent></cac:TaxCategory></cac:Item>{PRICE}"
    )
    assert (alone.vat_category, alone.vat_percent) == ("Z", None)  # the item's Percent is not read


def test_the_first_non_empty_value_wins_and_comments_are_skipped() -> None:
    line = _only_line(
        "<cbc:ID> </cbc:ID><!-- a comment --><cbc:ID>L-2</cbc:ID><cbc:ID>L-3</cbc:ID>"
        "<cac:Item><!-- c --><cbc:Name>  </cbc:Name><cbc:Name>Licens</cbc:Name>"
        "<cbc:Description>Sagssystem</cbc:Description>"
        "<cac:StandardItemIdentification><cbc:ID>STD</cbc:ID></cac:StandardItemIdentification>"
        "<cac:SellersItemIdentification><cbc:ID></cbc:ID></cac:SellersItemIdentification>"
        "<cac:SellersItemIdentification><cbc:ID>SEL</cbc:ID></cac:SellersItemIdentification>"
        f"</cac:Item>{PRICE}"
    )
    assert (line.line_id, line.description, line.item_id) == ("L-2", "Licens", "SEL")
    assert (line.unit_price, line.base_quantity, line.unit_code) == (
        D("99.9166666667"),
        D("12"),
        "MON",
    )


def test_a_line_without_its_own_id_is_numbered() -> None:
    line = _only_line(
        f"<cac:Item><cbc:ID>not-the-line</cbc:ID><cbc:Name>Licens</cbc:Name></cac:Item>{PRICE}"
    )
    assert line.line_id == "1"


def test_party_fields_first_non_empty_and_cvr_from_the_vat_number() -> None:
    supplier = (
        '<cbc:EndpointID schemeID="GLN">5790000000005</cbc:EndpointID>'
        "<cac:PartyName><cbc:Name> </cbc:Name></cac:PartyName>"
        "<cac:PartyTaxScheme><cbc:CompanyID>DK87654321</cbc:CompanyID></cac:PartyTaxScheme>"
        "<cac:PartyLegalEntity><cbc:RegistrationName>Leverandøren ApS</cbc:RegistrationName>"
        "</cac:PartyLegalEntity>"
    )
    invoice = parse_invoice(ubl(supplier_ids=supplier), "f.xml")
    # the sample adds a PartyName "Leverandøren A/S" after these: the first non-empty wins
    assert invoice.supplier.name == "Leverandøren A/S"
    assert (invoice.supplier.cvr, invoice.supplier.ean, invoice.supplier.vat) == (
        "87654321",
        "5790000000005",
        "DK87654321",
    )

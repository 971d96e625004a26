"""Small UBL and CII documents written out in full, for tests that need one exact case,
and two hostile ones."""

from __future__ import annotations

UBL_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
"""


def ubl(
    *,
    root: str = "Invoice",
    customization: str = "OIOUBL-2.02",
    version: str = "2.0",
    supplier_ids: str = '<cbc:EndpointID schemeID="DK:CVR">DK12345678</cbc:EndpointID>',
    buyer_ids: str = '<cbc:EndpointID schemeID="GLN">5798000416604</cbc:EndpointID>',
    due: str = "<cac:PaymentMeans><cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>"
    "<cbc:PaymentDueDate>2026-01-31</cbc:PaymentDueDate></cac:PaymentMeans>",
    doc_allowances: str = "",
    totals: str = "<cbc:LineExtensionAmount currencyID='DKK'>1199.00</cbc:LineExtensionAmount>"
    "<cbc:TaxExclusiveAmount currencyID='DKK'>299.75</cbc:TaxExclusiveAmount>"
    "<cbc:PayableAmount currencyID='DKK'>1498.75</cbc:PayableAmount>",
    tax: str = "299.75",
    lines: str | None = None,
) -> bytes:
    """An OIOUBL-2.02 style invoice: 12 months of a licence at 1199.00 per 12 MON."""
    line_tag = "CreditNoteLine" if root == "CreditNote" else "InvoiceLine"
    qty_tag = "CreditedQuantity" if root == "CreditNote" else "InvoicedQuantity"
    if lines is None:
        lines = f"""<cac:{line_tag}><cbc:ID>1</cbc:ID>
  <cbc:{qty_tag} unitCode="MON">12</cbc:{qty_tag}>
  <cbc:LineExtensionAmount currencyID="DKK">1199.00</cbc:LineExtensionAmount>
  <cac:Item><cbc:Description>Licens, sagssystem</cbc:Description><cbc:Name>Licens</cbc:Name>
   <cac:SellersItemIdentification><cbc:ID>LIC-1</cbc:ID></cac:SellersItemIdentification></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="DKK">1199.00</cbc:PriceAmount>
   <cbc:BaseQuantity unitCode="MON">12</cbc:BaseQuantity></cac:Price>
 </cac:{line_tag}>"""
    return (
        UBL_HEAD.format(root=root)
        + f"""<cbc:UBLVersionID>{version}</cbc:UBLVersionID>
 <cbc:CustomizationID>{customization}</cbc:CustomizationID>
 <cbc:ID>F-2026-001</cbc:ID>
 <cbc:IssueDate>2026-01-01</cbc:IssueDate>
 <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>
 <cac:InvoicePeriod><cbc:StartDate>2026-01-01</cbc:StartDate><cbc:EndDate>2026-12-31</cbc:EndDate></cac:InvoicePeriod>
 <cac:AccountingSupplierParty><cac:Party>{supplier_ids}
  <cac:PartyName><cbc:Name>Leverandøren A/S</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>{buyer_ids}
  <cac:PartyName><cbc:Name>Aarhus Kommune</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>
 {due}
 {doc_allowances}
 <cac:TaxTotal><cbc:TaxAmount currencyID="DKK">{tax}</cbc:TaxAmount></cac:TaxTotal>
 <cac:LegalMonetaryTotal>{totals}</cac:LegalMonetaryTotal>
 {lines}
</{root}>"""
    ).encode()


CII = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
  <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>CII-7</ram:ID><ram:TypeCode>381</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20260115</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:SellerAssignedID>HR-1</ram:SellerAssignedID><ram:Name>Konsulenttimer</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>950.00</ram:ChargeAmount>
   </ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="HUR">2</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
     <ram:RateApplicablePercent>25</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>1900.00</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty><ram:Name>Konsulenthuset ApS</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0184">87654321</ram:ID></ram:SpecifiedLegalOrganization>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty><ram:GlobalID schemeID="0088">5798000416604</ram:GlobalID><ram:Name>Odense Kommune</ram:Name>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>DKK</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20260214</udt:DateTimeString>
   </ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>1900.00</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>1900.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="DKK">475.00</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>2375.00</ram:GrandTotalAmount>
    <ram:DuePayableAmount>2375.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>&xxe;</cbc:ID></Invoice>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>"""

"""EN 16931 invoices in UN/CEFACT CII D16B: ZUGFeRD, Factur-X, XRechnung.

Contract: :func:`parse_cii` takes the root ``rsm:CrossIndustryInvoice`` element
(parsed safely by :mod:`.xmlsafe`) and returns a :class:`ParsedInvoice` with the
same normalisation as UBL: ``unit_price = NetPrice ChargeAmount / BasisQuantity``,
credit notes (type codes 381, 261, 396, 532) negative, parties by CVR
(``0184``, a ``DK`` VAT number) and EAN (``0088``/``GLN``). Unreadable values raise
:class:`ParseError` naming the file and field.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from extractors.errors import ParseError
from extractors.invoices.common import (
    cvr_from,
    cvr_from_vat,
    dec,
    gln_from,
    iso_date,
    line_unit_price,
    negate_credit,
    opt_dec,
    payment_days_from,
)
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice, ParsedInvoiceLine, PartyRef

NS_RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
NS = {
    "rsm": NS_RSM,
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
ROOTS = frozenset({f"{{{NS_RSM}}}CrossIndustryInvoice"})
CREDIT_TYPE_CODES = frozenset({"381", "261", "396", "532"})


def _x(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=NS, smart_strings=False)


def _s(path: str) -> etree.XPath:
    return _x(f"normalize-space({path})")


_GUIDELINE = _s(
    "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"
)
_NUMBER = _s("rsm:ExchangedDocument/ram:ID")
_TYPE = _s("rsm:ExchangedDocument/ram:TypeCode")
_ISSUE = _s("rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")
_TX = "rsm:SupplyChainTradeTransaction/"
_AGREEMENT = _x(_TX + "ram:ApplicableHeaderTradeAgreement")
_SETTLEMENT = _x(_TX + "ram:ApplicableHeaderTradeSettlement")
_LINES = _x(_TX + "ram:IncludedSupplyChainTradeLineItem")
_CURRENCY = _s("ram:InvoiceCurrencyCode")
_DUE = _s("ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
_TERMS = _s("ram:SpecifiedTradePaymentTerms/ram:Description")
_PERIOD_START = _s("ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString")
_PERIOD_END = _s("ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString")
_SUM = "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
_TAX_TOTALS = _x(_SUM + "TaxTotalAmount")
_ALLOWANCE_CHARGES = _x("ram:SpecifiedTradeAllowanceCharge")
_IS_CHARGE = _s("ram:ChargeIndicator/udt:Indicator")
_ACTUAL = _s("ram:ActualAmount")
_PARTY_IDS = _x(
    "ram:ID | ram:GlobalID | ram:SpecifiedLegalOrganization/ram:ID"
    " | ram:URIUniversalCommunication/ram:URIID"
)
_PARTY_VAT = _s("ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
_PARTY_NAME = _s("ram:Name")
_SELLER = _x("ram:SellerTradeParty")
_BUYER = _x("ram:BuyerTradeParty")

_L_ID = _s("ram:AssociatedDocumentLineDocument/ram:LineID")
_L_NAME = _s("ram:SpecifiedTradeProduct/ram:Name")
_L_DESC = _s("ram:SpecifiedTradeProduct/ram:Description")
_L_ITEM = _s("ram:SpecifiedTradeProduct/ram:SellerAssignedID")
_L_ITEM_GLOBAL = _s("ram:SpecifiedTradeProduct/ram:GlobalID")
_L_PRICE = _s("ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount")
_L_BASE = _s("ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:BasisQuantity")
_L_QTY = _x("ram:SpecifiedLineTradeDelivery/ram:BilledQuantity")
_L_SETTLEMENT = _x("ram:SpecifiedLineTradeSettlement")
_L_VAT_CAT = _s("ram:ApplicableTradeTax/ram:CategoryCode")
_L_VAT_PCT = _s("ram:ApplicableTradeTax/ram:RateApplicablePercent")
_L_TOTAL = _s("ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount")

_SUM_FIELDS = {
    name: _s(_SUM + name)
    for name in (
        "LineTotalAmount",
        "ChargeTotalAmount",
        "AllowanceTotalAmount",
        "TaxBasisTotalAmount",
        "GrandTotalAmount",
        "TotalPrepaidAmount",
        "RoundingAmount",
        "DuePayableAmount",
    )
}


def parse_cii(root: etree._Element, filename: str, *, fmt: str = "cii") -> ParsedInvoice:
    """Read a CII CrossIndustryInvoice root element (see the module contract)."""
    if root.tag not in ROOTS:
        raise ParseError(f"not a CII CrossIndustryInvoice: {root.tag!r}", file=filename)
    number = _NUMBER(root)
    if not number:
        raise ParseError("missing invoice number", file=filename, field="ExchangedDocument/ID")
    issue_date = iso_date(_ISSUE(root), filename, "IssueDateTime")
    if issue_date is None:
        raise ParseError("missing issue date", file=filename, field="IssueDateTime")
    settlements = _SETTLEMENT(root)
    if not settlements:
        raise ParseError(
            "missing ApplicableHeaderTradeSettlement", file=filename, field="settlement"
        )
    settlement = settlements[0]
    warnings: list[str] = []
    currency = _CURRENCY(settlement)
    if not currency:
        currency = "DKK"
        warnings.append("no currency stated; DKK assumed")
    agreement = _AGREEMENT(root)
    seller = buyer = PartyRef()
    if agreement:
        seller = _party(_SELLER(agreement[0]))
        buyer = _party(_BUYER(agreement[0]))
    due = iso_date(_DUE(settlement), filename, "DueDateDateTime")
    lines = [_line(el, filename, pos, warnings) for pos, el in enumerate(_LINES(root), 1)]
    totals = _totals(settlement, currency, filename)
    credit = _TYPE(root) in CREDIT_TYPE_CODES
    if credit:
        negate_credit(lines, totals)
    return ParsedInvoice(
        format=fmt,
        document_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue_date,
        currency=currency,
        supplier=seller,
        buyer=buyer,
        totals=totals,
        lines=lines,
        due_date=due,
        period_start=iso_date(_PERIOD_START(settlement), filename, "BillingSpecifiedPeriod"),
        period_end=iso_date(_PERIOD_END(settlement), filename, "BillingSpecifiedPeriod"),
        payment_days=payment_days_from(issue_date, due, _TERMS(settlement)),
        warnings=warnings,
    )


def guideline(root: etree._Element) -> str:
    """The specification identifier (BT-24): EN 16931, Factur-X or XRechnung URN."""
    return str(_GUIDELINE(root))


def _party(found: list[etree._Element]) -> PartyRef:
    if not found:
        return PartyRef()
    party = found[0]
    ref = PartyRef(name=_PARTY_NAME(party) or None, vat=_PARTY_VAT(party) or None)
    for el in _PARTY_IDS(party):
        scheme = (el.get("schemeID") or "").strip()
        value = (el.text or "").strip()
        if ref.cvr is None and scheme in ("0184", "DK:CVR"):
            ref.cvr = cvr_from(value)
        elif ref.ean is None and scheme in ("0088", "GLN"):
            ref.ean = gln_from(value)
    ref.cvr = ref.cvr or cvr_from_vat(ref.vat)
    return ref


def _allowances_charges(parent: etree._Element, filename: str) -> tuple[Decimal, Decimal]:
    allowances = charges = ZERO
    for ac in _ALLOWANCE_CHARGES(parent):
        amount = dec(_ACTUAL(ac), filename, "AllowanceCharge/ActualAmount")
        if _IS_CHARGE(ac).lower() == "true":
            charges += amount
        else:
            allowances += amount
    return allowances, charges


def _totals(settlement: etree._Element, currency: str, filename: str) -> InvoiceTotals:
    def amount(name: str) -> Decimal | None:
        return opt_dec(_SUM_FIELDS[name](settlement) or None, filename, name)

    line_total = amount("LineTotalAmount")
    payable = amount("DuePayableAmount")
    if line_total is None or payable is None:
        raise ParseError(
            "missing LineTotalAmount or DuePayableAmount", file=filename, field="MonetarySummation"
        )
    doc_allowances, doc_charges = _allowances_charges(settlement, filename)
    allowances = amount("AllowanceTotalAmount")
    charges = amount("ChargeTotalAmount")
    allowances = doc_allowances if allowances is None else allowances
    charges = doc_charges if charges is None else charges
    tax = ZERO
    for el in _TAX_TOTALS(settlement):
        if el.get("currencyID") in (None, "", currency):
            tax = dec(el.text, filename, "TaxTotalAmount")
            break
    basis = amount("TaxBasisTotalAmount")
    return InvoiceTotals(
        line_extension=line_total,
        tax_exclusive=line_total - allowances + charges if basis is None else basis,
        tax=tax,
        payable=payable,
        allowances=allowances,
        charges=charges,
        tax_inclusive=amount("GrandTotalAmount"),
        prepaid=amount("TotalPrepaidAmount") or ZERO,
        rounding=amount("RoundingAmount") or ZERO,
    )


def _line(el: etree._Element, filename: str, pos: int, warnings: list[str]) -> ParsedInvoiceLine:
    line_id = _L_ID(el) or str(pos)
    field = f"line {line_id}"
    qty_els = _L_QTY(el)
    quantity = dec(qty_els[0].text, filename, f"{field} BilledQuantity") if qty_els else Decimal(1)
    settlements = _L_SETTLEMENT(el)
    s = settlements[0] if settlements else el
    line_amount = dec(_L_TOTAL(s) or None, filename, f"{field} LineTotalAmount")
    price_amount = opt_dec(_L_PRICE(el) or None, filename, f"{field} NetPrice ChargeAmount")
    base = opt_dec(_L_BASE(el) or None, filename, f"{field} BasisQuantity")
    base = Decimal(1) if base is None else base
    if base <= 0:
        warnings.append(f"{field}: basis quantity {base} is not positive; 1 is used")
        base = Decimal(1)
    allowances, charges = _allowances_charges(s, filename) if settlements else (ZERO, ZERO)
    price, warning = line_unit_price(
        quantity, price_amount, base, line_amount, charges - allowances
    )
    if warning:
        warnings.append(f"{field}: {warning}")
        base = Decimal(1)
    return ParsedInvoiceLine(
        line_id=line_id,
        description=_L_NAME(el) or _L_DESC(el),
        quantity=quantity,
        unit_price=price,
        line_amount=line_amount,
        item_id=_L_ITEM(el) or _L_ITEM_GLOBAL(el) or None,
        unit_code=qty_els[0].get("unitCode") if qty_els else None,
        price_amount=price_amount,
        base_quantity=base,
        allowances=allowances,
        charges=charges,
        vat_category=_L_VAT_CAT(s) or None,
        vat_percent=opt_dec(_L_VAT_PCT(s) or None, filename, f"{field} VAT percent"),
        period_start=iso_date(_PERIOD_START(s), filename, f"{field} period"),
        period_end=iso_date(_PERIOD_END(s), filename, f"{field} period"),
    )

"""UBL invoices and credit notes: OIOUBL 2.02/2.1 (UBL 2.0), OIOUBL 3.0, PEPPOL BIS 3.

Contract: :func:`parse_ubl` takes the root element of a UBL ``Invoice`` or
``CreditNote`` (already parsed safely by :mod:`.xmlsafe`) and returns a
:class:`ParsedInvoice` with:

- ``unit_price = PriceAmount / BaseQuantity`` and ``unit_code`` from the quantity;
- credit notes with negative quantities, line amounts and totals;
- ``tax_exclusive`` always meaning the net total (lines - allowances + charges):
  OIOUBL 2.0x puts the VAT amount in ``TaxExclusiveAmount``, UBL puts the net total;
- parties by CVR (``DK:CVR``, ``0184`` or a ``DK`` + 8 digits VAT number) and EAN
  (``GLN``, ``0088``).

Unreadable values raise :class:`ParseError` naming the file and field. Totals are
not reconciled here (see :mod:`.validate`).

Speed: the document is walked once by its direct children and each line once;
the few deep lookups use XPath compiled at import.
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

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
NS = {"cbc": CBC[1:-1], "cac": CAC[1:-1]}
INVOICE_ROOT = f"{{{NS_INVOICE}}}Invoice"
CREDIT_ROOT = f"{{{NS_CREDIT}}}CreditNote"
ROOTS = frozenset({INVOICE_ROOT, CREDIT_ROOT})

_CVR_SCHEMES = frozenset({"DK:CVR", "0184", "DK:CVR:", "DK-CVR"})
_GLN_SCHEMES = frozenset({"GLN", "0088"})
# Every scheme-tagged id of a party, wherever OIOUBL or PEPPOL put it.
_PARTY_IDS = etree.XPath(
    "cbc:EndpointID | cac:PartyIdentification/cbc:ID | cac:PartyLegalEntity/cbc:CompanyID",
    namespaces=NS,
)
_PARTY_VAT = etree.XPath("cac:PartyTaxScheme/cbc:CompanyID/text()", namespaces=NS)
_PARTY_NAME = etree.XPath(
    "string(cac:PartyName/cbc:Name | cac:PartyLegalEntity/cbc:RegistrationName)", namespaces=NS
)
_LINE_VAT = etree.XPath(
    "cac:Item/cac:ClassifiedTaxCategory | cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory",
    namespaces=NS,
)

_T = {
    name: CBC + name
    for name in [
        "ID",
        "UBLVersionID",
        "CustomizationID",
        "ProfileID",
        "IssueDate",
        "DueDate",
        "DocumentCurrencyCode",
        "PaymentDueDate",
        "Note",
        "ChargeIndicator",
        "Amount",
        "TaxAmount",
        "LineExtensionAmount",
        "TaxExclusiveAmount",
        "TaxInclusiveAmount",
        "AllowanceTotalAmount",
        "ChargeTotalAmount",
        "PrepaidAmount",
        "PayableRoundingAmount",
        "PayableAmount",
        "StartDate",
        "EndDate",
        "InvoicedQuantity",
        "CreditedQuantity",
        "PriceAmount",
        "BaseQuantity",
        "Name",
        "Description",
        "Percent",
    ]
}
_A = {
    name: CAC + name
    for name in [
        "AccountingSupplierParty",
        "AccountingCustomerParty",
        "Party",
        "PaymentMeans",
        "PaymentTerms",
        "AllowanceCharge",
        "TaxTotal",
        "LegalMonetaryTotal",
        "RequestedMonetaryTotal",
        "InvoicePeriod",
        "InvoiceLine",
        "CreditNoteLine",
        "Item",
        "Price",
        "SellersItemIdentification",
        "StandardItemIdentification",
        "BuyersItemIdentification",
    ]
}
_ITEM_IDS = (
    f"{_A['SellersItemIdentification']}/{_T['ID']}",
    f"{_A['StandardItemIdentification']}/{_T['ID']}",
    f"{_A['BuyersItemIdentification']}/{_T['ID']}",
)


def ubl_format(customization: str, profile: str, version: str) -> str:
    """``oioubl-2``, ``oioubl-3``, ``peppol-bis3`` or ``ubl`` from the header ids."""
    c = customization.lower()
    if c.startswith("oioubl-2") or "oioubl-2" in c or (version.startswith("2.0") and "oioubl" in c):
        return "oioubl-2"
    if "oioubl" in c or "oioubl" in profile.lower():
        return "oioubl-3"
    if "peppol.eu:2017:poacc:billing:3.0" in c or "peppol" in c:
        return "peppol-bis3"
    return "ubl"


def parse_ubl(root: etree._Element, filename: str) -> ParsedInvoice:
    """Read a UBL Invoice or CreditNote root element (see the module contract)."""
    if root.tag not in ROOTS:
        raise ParseError(f"not a UBL invoice or credit note: {root.tag!r}", file=filename)
    credit = root.tag == CREDIT_ROOT
    head: dict[str, etree._Element] = {}
    many: dict[str, list[etree._Element]] = {"AllowanceCharge": [], "TaxTotal": [], "Line": []}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        local = tag.rpartition("}")[2]
        if local in ("InvoiceLine", "CreditNoteLine"):
            many["Line"].append(child)
        elif local in ("AllowanceCharge", "TaxTotal"):
            many[local].append(child)
        elif local not in head:
            head[local] = child

    def text(name: str) -> str | None:
        el = head.get(name)
        return el.text.strip() if el is not None and el.text else None

    fmt = ubl_format(
        text("CustomizationID") or "", text("ProfileID") or "", text("UBLVersionID") or ""
    )
    number = text("ID")
    if not number:
        raise ParseError("missing invoice number (cbc:ID)", file=filename, field="ID")
    issue_date = iso_date(text("IssueDate"), filename, "IssueDate")
    if issue_date is None:
        raise ParseError("missing issue date", file=filename, field="IssueDate")
    monetary = head.get("LegalMonetaryTotal")
    if monetary is None:
        monetary = head.get("RequestedMonetaryTotal")
    if monetary is None:
        raise ParseError("missing LegalMonetaryTotal", file=filename, field="LegalMonetaryTotal")
    currency = text("DocumentCurrencyCode")
    if not currency:
        payable_el = monetary.find(_T["PayableAmount"])
        currency = None if payable_el is None else payable_el.get("currencyID")
    warnings: list[str] = []
    if not currency:
        currency = "DKK"
        warnings.append("no currency stated; DKK assumed")

    due = iso_date(text("DueDate"), filename, "DueDate")
    terms_note = None
    means = head.get("PaymentMeans")
    if due is None and means is not None:
        due = iso_date(means.findtext(_T["PaymentDueDate"]), filename, "PaymentDueDate")
    terms = head.get("PaymentTerms")
    if terms is not None:
        terms_note = terms.findtext(_T["Note"])
    period = head.get("InvoicePeriod")

    lines = [_line(el, filename, credit, pos, warnings) for pos, el in enumerate(many["Line"], 1)]
    totals = _totals(monetary, many, currency, filename, fmt)
    if credit:
        negate_credit(lines, totals)
    return ParsedInvoice(
        format=fmt,
        document_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue_date,
        currency=currency,
        supplier=_party(head.get("AccountingSupplierParty")),
        buyer=_party(head.get("AccountingCustomerParty")),
        totals=totals,
        lines=lines,
        due_date=due,
        period_start=None
        if period is None
        else iso_date(period.findtext(_T["StartDate"]), filename, "InvoicePeriod/StartDate"),
        period_end=None
        if period is None
        else iso_date(period.findtext(_T["EndDate"]), filename, "InvoicePeriod/EndDate"),
        payment_days=payment_days_from(issue_date, due, terms_note),
        warnings=warnings,
    )


def _party(holder: etree._Element | None) -> PartyRef:
    if holder is None:
        return PartyRef()
    party = holder.find(_A["Party"])
    if party is None:
        return PartyRef()
    ref = PartyRef(name=(_PARTY_NAME(party) or "").strip() or None)
    for el in _PARTY_IDS(party):
        scheme = (el.get("schemeID") or "").strip()
        value = (el.text or "").strip()
        if ref.cvr is None and scheme in _CVR_SCHEMES:
            ref.cvr = cvr_from(value)
        elif ref.ean is None and scheme in _GLN_SCHEMES:
            ref.ean = gln_from(value)
    vats = _PARTY_VAT(party)
    if vats:
        ref.vat = str(vats[0]).strip() or None
    if ref.cvr is None:
        for el in _PARTY_IDS(party):
            ref.cvr = ref.cvr or cvr_from_vat(el.text)
        ref.cvr = ref.cvr or cvr_from_vat(ref.vat)
    return ref


def _sum_allowance_charges(
    elements: list[etree._Element], filename: str
) -> tuple[Decimal, Decimal]:
    allowances = charges = ZERO
    for ac in elements:
        amount = dec(ac.findtext(_T["Amount"]), filename, "AllowanceCharge/Amount")
        if (ac.findtext(_T["ChargeIndicator"]) or "").strip().lower() == "true":
            charges += amount
        else:
            allowances += amount
    return allowances, charges


def _totals(
    monetary: etree._Element,
    many: dict[str, list[etree._Element]],
    currency: str,
    filename: str,
    fmt: str,
) -> InvoiceTotals:
    def amount(name: str) -> Decimal | None:
        return opt_dec(monetary.findtext(_T[name]), filename, f"LegalMonetaryTotal/{name}")

    line_extension = amount("LineExtensionAmount")
    payable = amount("PayableAmount")
    if line_extension is None or payable is None:
        raise ParseError(
            "missing line extension or payable amount", file=filename, field="LegalMonetaryTotal"
        )
    doc_allowances, doc_charges = _sum_allowance_charges(many["AllowanceCharge"], filename)
    allowances = amount("AllowanceTotalAmount")
    charges = amount("ChargeTotalAmount")
    allowances = doc_allowances if allowances is None else allowances
    charges = doc_charges if charges is None else charges
    tax = _tax(many["TaxTotal"], currency, filename)
    net = line_extension - allowances + charges
    stated = amount("TaxExclusiveAmount")
    # OIOUBL 2.0x: TaxExclusiveAmount holds the VAT amount; normalise to the net total.
    tax_exclusive = net if stated is None or (stated != net and stated == tax) else stated
    return InvoiceTotals(
        line_extension=line_extension,
        tax_exclusive=tax_exclusive,
        tax=tax,
        payable=payable,
        allowances=allowances,
        charges=charges,
        tax_inclusive=amount("TaxInclusiveAmount"),
        prepaid=amount("PrepaidAmount") or ZERO,
        rounding=amount("PayableRoundingAmount") or ZERO,
    )


def _tax(tax_totals: list[etree._Element], currency: str, filename: str) -> Decimal:
    """The VAT in the document currency (a second TaxTotal may be in the tax currency)."""
    chosen: Decimal | None = None
    for tt in tax_totals:
        el = tt.find(_T["TaxAmount"])
        if el is None:
            continue
        value = dec(el.text, filename, "TaxTotal/TaxAmount")
        if el.get("currencyID") in (None, currency):
            return value
        chosen = value if chosen is None else chosen
    return ZERO if chosen is None else chosen


def _line(
    el: etree._Element, filename: str, credit: bool, pos: int, warnings: list[str]
) -> ParsedInvoiceLine:
    line_id = (el.findtext(_T["ID"]) or "").strip() or str(pos)
    qty_el = el.find(_T["CreditedQuantity" if credit else "InvoicedQuantity"])
    if qty_el is None:
        qty_el = el.find(_T["InvoicedQuantity"] if credit else _T["CreditedQuantity"])
    field = f"line {line_id}"
    quantity = dec(qty_el.text, filename, f"{field} quantity") if qty_el is not None else Decimal(1)
    line_amount = dec(
        el.findtext(_T["LineExtensionAmount"]), filename, f"{field} LineExtensionAmount"
    )
    item = el.find(_A["Item"])
    description, item_id = "", None
    if item is not None:
        description = (item.findtext(_T["Name"]) or item.findtext(_T["Description"]) or "").strip()
        for path in _ITEM_IDS:
            found = item.findtext(path)
            if found and found.strip():
                item_id = found.strip()
                break
    price_el = el.find(_A["Price"])
    price_amount: Decimal | None = None
    base = Decimal(1)
    if price_el is not None:
        price_amount = opt_dec(
            price_el.findtext(_T["PriceAmount"]), filename, f"{field} PriceAmount"
        )
        stated_base = opt_dec(
            price_el.findtext(_T["BaseQuantity"]), filename, f"{field} BaseQuantity"
        )
        base = Decimal(1) if stated_base is None else stated_base
        if base <= 0:
            warnings.append(f"{field}: base quantity {base} is not positive; 1 is used")
            base = Decimal(1)
    allowances, charges = _sum_allowance_charges(el.findall(_A["AllowanceCharge"]), filename)
    price, warning = line_unit_price(
        quantity, price_amount, base, line_amount, charges - allowances
    )
    if warning:
        warnings.append(f"{field}: {warning}")
        base = Decimal(1)
    vat_category = vat_percent = None
    for cat in _LINE_VAT(el):
        vat_category = (cat.findtext(_T["ID"]) or "").strip() or None
        vat_percent = opt_dec(cat.findtext(_T["Percent"]), filename, f"{field} VAT percent")
        break
    period = el.find(_A["InvoicePeriod"])
    return ParsedInvoiceLine(
        line_id=line_id,
        description=description,
        quantity=quantity,
        unit_price=price,
        line_amount=line_amount,
        item_id=item_id,
        unit_code=qty_el.get("unitCode") if qty_el is not None else None,
        price_amount=price_amount,
        base_quantity=base,
        allowances=allowances,
        charges=charges,
        vat_category=vat_category,
        vat_percent=vat_percent,
        period_start=None
        if period is None
        else iso_date(period.findtext(_T["StartDate"]), filename, f"{field} period start"),
        period_end=None
        if period is None
        else iso_date(period.findtext(_T["EndDate"]), filename, f"{field} period end"),
    )

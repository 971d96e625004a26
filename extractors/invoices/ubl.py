"""UBL invoices and credit notes: OIOUBL 2.02/2.1 (UBL 2.0), OIOUBL 3.0, PEPPOL BIS 3.

Contract: :func:`parse_ubl` takes the root element of a UBL ``Invoice`` or
``CreditNote`` (already parsed safely by :mod:`.xmlsafe`) and returns a
:class:`ParsedInvoice` with:

- ``unit_price = PriceAmount / BaseQuantity`` and ``unit_code`` from the quantity;
- credit notes with negative quantities, line amounts and totals;
- ``tax_exclusive`` always meaning the net total (lines - allowances + charges):
  OIOUBL 2.0x puts the VAT amount in ``TaxExclusiveAmount``, UBL puts the net total;
- parties by CVR (``DK:CVR``, ``0184`` or a ``DK`` + 8 digits VAT number) and EAN
  (``GLN``, ``0088``);
- the due date from ``cbc:DueDate`` or ``PaymentMeans/PaymentDueDate`` and the
  payment days from it, else from a "30 dage netto" payment terms note.

Unreadable values raise :class:`ParseError` naming the file and field. Totals are
not reconciled here (see :mod:`.validate`). The document is walked once by its
direct children (see :mod:`.ubl_parts` for why not XPath).
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from extractors.errors import ParseError
from extractors.invoices.common import as_credited, iso_date, one_reference, payment_days_from
from extractors.invoices.ubl_parts import (
    ALLOWANCE_CHARGE,
    CAC,
    CBC,
    END,
    PERIOD,
    START,
    TAX_TOTAL,
    allowances_charges,
    check_field_order,
    line,
    num,
    party,
)
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
INVOICE_ROOT = f"{{{NS_INVOICE}}}Invoice"
CREDIT_ROOT = f"{{{NS_CREDIT}}}CreditNote"
ROOTS = frozenset({INVOICE_ROOT, CREDIT_ROOT})

LINES = frozenset({CAC + "InvoiceLine", CAC + "CreditNoteLine"})
PARTIES = frozenset({CAC + "AccountingSupplierParty", CAC + "AccountingCustomerParty"})
TAX_AMOUNT = CBC + "TaxAmount"
# What the document level is read from, in document order: these children of the root,
_ROOT_TEXTS = frozenset(
    CBC + name
    for name in (
        "UBLVersionID",
        "CustomizationID",
        "ProfileID",
        "ID",
        "IssueDate",
        "DueDate",
        "DocumentCurrencyCode",
        "InvoiceTypeCode",
    )
)
#: UNCL 1001 codes of credit notes (credit note, related to goods or services, to
#: financial adjustments, self-billed, consolidated, factored, forwarder's)
CREDIT_TYPE_CODES = frozenset({"381", "81", "83", "261", "262", "296", "308", "396", "420", "532"})
# the texts of these grandchildren,
_NESTED_TEXTS = {
    PERIOD: (START, END),
    CAC + "PaymentMeans": (CBC + "PaymentDueDate",),
    # UBL 2.1 may state the due date in the payment terms
    CAC + "PaymentTerms": (CBC + "Note", CBC + "PaymentDueDate"),
}
# every element of the totals, cac:TaxTotal/cbc:TaxAmount, allowances, parties and lines.
TOTALS = (CAC + "LegalMonetaryTotal", CAC + "RequestedMonetaryTotal")
_CUSTOMIZATIONID, _PROFILEID, _UBLVERSIONID, _ID, _ISSUEDATE = (
    CBC + "CustomizationID", CBC + "ProfileID", CBC + "UBLVersionID", CBC + "ID", CBC + "IssueDate"
)  # fmt: skip
_DOCUMENTCURRENCYCODE, _DUEDATE, _PAYMENTDUEDATE, _NOTE = (
    CBC + "DocumentCurrencyCode", CBC + "DueDate", CBC + "PaymentDueDate", CBC + "Note"
)  # fmt: skip
_ACCOUNTINGSUPPLIERPARTY, _ACCOUNTINGCUSTOMERPARTY = (
    CAC + "AccountingSupplierParty", CAC + "AccountingCustomerParty"
)  # fmt: skip
_TEXT, _NESTED, _LINE, _PARTY, _TOTALS, _TAX_TOTAL, _ALLOWANCE_CHARGE, _BILLING = range(8)
#: a credit note's reference to the invoice it credits:
#: cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID
_BILLING_REFERENCE, _INVOICE_REFERENCE = CAC + "BillingReference", CAC + "InvoiceDocumentReference"
_ROOT_KIND = {
    **dict.fromkeys(_ROOT_TEXTS, _TEXT),
    **dict.fromkeys(_NESTED_TEXTS, _NESTED),
    **dict.fromkeys(LINES, _LINE),
    **dict.fromkeys(PARTIES, _PARTY),
    **dict.fromkeys(TOTALS, _TOTALS),
    TAX_TOTAL: _TAX_TOTAL,
    ALLOWANCE_CHARGE: _ALLOWANCE_CHARGE,
    _BILLING_REFERENCE: _BILLING,
}
check_field_order(
    InvoiceTotals,
    "line_extension tax_exclusive tax payable allowances charges tax_inclusive prepaid rounding",
)
check_field_order(
    ParsedInvoice,
    "format document_type number issue_date currency supplier buyer totals lines due_date"
    " period_start period_end payment_days warnings credits",
)
_MONEY_FIELDS = {
    CBC + name: name
    for name in (
        "LineExtensionAmount",
        "TaxExclusiveAmount",
        "TaxInclusiveAmount",
        "AllowanceTotalAmount",
        "ChargeTotalAmount",
        "PrepaidAmount",
        "PayableRoundingAmount",
        "PayableAmount",
    )
}


def ubl_format(customization: str, profile: str, version: str) -> str:
    """``oioubl-2``, ``oioubl-3``, ``peppol-bis3`` or ``ubl`` from the header ids."""
    c = customization.lower()
    if "oioubl-2" in c or (version.startswith("2.0") and "oioubl" in c):
        return "oioubl-2"
    if "oioubl" in c or "oioubl" in profile.lower():
        return "oioubl-3"
    if "peppol" in c:
        return "peppol-bis3"
    return "ubl"


_TAX_IN_OTHER_CURRENCY = CBC + "TransactionCurrencyTaxAmount"


def _foreign_amounts(line_els: list[etree._Element], currency: str) -> list[str]:
    """A warning per line with an amount in another currency than the document's (EN
    16931 wants every amount in it): its figure is read as the document's currency."""
    found = []
    for pos, el in enumerate(line_els, 1):
        other = {
            code
            for sub in el.iter()
            if (code := sub.get("currencyID"))
            and code != currency
            and sub.tag != _TAX_IN_OTHER_CURRENCY  # the VAT in the tax currency: allowed
        }
        if other:
            found.append(
                f"line {pos}: an amount in {', '.join(sorted(other))} in a {currency} invoice "
                f"(read as {currency})"
            )
    return found


def parse_ubl(root: etree._Element, filename: str) -> ParsedInvoice:
    """Read a UBL Invoice or CreditNote root element (see the module contract)."""
    if root.tag not in ROOTS:
        raise ParseError(f"not a UBL invoice or credit note: {root.tag!r}", file=filename)
    head: dict[str, str] = {}  # tag -> stripped text, first wins
    money: dict[str, etree._Element] = {}
    parties: dict[str, etree._Element] = {}
    line_els: list[etree._Element] = []
    acs: list[etree._Element] = []
    tax_amounts: list[etree._Element] = []
    references: list[str] = []  # the invoices a credit note names
    root_kind = _ROOT_KIND.get
    for el in root[:]:  # one pass over the root's children: no XPath (see ubl_parts)
        kind = root_kind(el.tag)
        if kind is None:
            continue
        if kind == _TEXT:
            tag = el.tag
            if tag not in head and (text := el.text):
                head[tag] = text.strip()
        elif kind == _LINE:
            line_els.append(el)
        elif kind == _PARTY:
            parties.setdefault(el.tag, el)
        elif kind == _TOTALS:
            for amount in el[:]:
                tag = amount.tag
                if tag in _MONEY_FIELDS:
                    money.setdefault(_MONEY_FIELDS[tag], amount)
                elif isinstance(tag, str):  # not UBL, but read as "cac:*MonetaryTotal/*" was
                    _other_total_child(amount, tag, head, parties, line_els, acs, tax_amounts)
        elif kind == _TAX_TOTAL:
            for amount in el[:]:
                if amount.tag == TAX_AMOUNT:
                    tax_amounts.append(amount)
        elif kind == _ALLOWANCE_CHARGE:
            acs.append(el)
        elif kind == _BILLING:
            for reference in el.iterchildren(_INVOICE_REFERENCE):
                for ident in reference.iterchildren(_ID):
                    if text := ident.text:
                        references.append(text.strip())
        else:  # cac:InvoicePeriod, cac:PaymentMeans, cac:PaymentTerms
            wanted = _NESTED_TEXTS[el.tag]
            for nested in el[:]:
                tag = nested.tag
                if tag in wanted and tag not in head and (text := nested.text):
                    head[tag] = text.strip()
    get = head.get
    fmt = ubl_format(get(_CUSTOMIZATIONID, ""), get(_PROFILEID, ""), get(_UBLVERSIONID, ""))
    number = get(_ID)
    if not number:
        raise ParseError("missing invoice number (cbc:ID)", file=filename, field="ID")
    issue_date = iso_date(get(_ISSUEDATE), filename, "IssueDate")
    if issue_date is None:
        raise ParseError("missing issue date", file=filename, field="IssueDate")
    warnings: list[str] = []
    currency = get(_DOCUMENTCURRENCYCODE) or _currency_of(money)
    if not currency:
        currency = "DKK"
        warnings.append("no currency stated; DKK assumed")
    due = iso_date(get(_DUEDATE) or get(_PAYMENTDUEDATE), filename, "DueDate")
    lines = [line(el, filename, pos, warnings) for pos, el in enumerate(line_els, 1)]
    warnings += _foreign_amounts(line_els, currency)
    totals = _totals(money, acs, tax_amounts, currency, filename)
    credit = root.tag == CREDIT_ROOT
    type_code = get(CBC + "InvoiceTypeCode", "")
    if not credit and type_code in CREDIT_TYPE_CODES:
        # a credit note written as an Invoice (PEPPOL BIS 3 forbids it; UBL allows it):
        # its amounts are the credit's, so they are negated as a CreditNote's are
        credit = True
        warnings.append(
            f"an Invoice document with type code {type_code} (a credit note): read as a credit note"
        )
    if credit:
        as_credited(lines, totals, warnings, written_positive=root.tag == CREDIT_ROOT)
    return ParsedInvoice(  # positional: the field order is checked at import
        fmt,
        "credit_note" if credit or type_code in CREDIT_TYPE_CODES else "invoice",
        number,
        issue_date,
        currency,
        party(parties.get(_ACCOUNTINGSUPPLIERPARTY)),
        party(parties.get(_ACCOUNTINGCUSTOMERPARTY)),
        totals,
        lines,
        due,
        iso_date(get(START), filename, "InvoicePeriod/StartDate"),
        iso_date(get(END), filename, "InvoicePeriod/EndDate"),
        payment_days_from(issue_date, due, get(_NOTE)),
        warnings,
        one_reference(references, warnings) if credit else None,
    )


def _other_total_child(
    el: etree._Element,
    tag: str,
    head: dict[str, str],
    parties: dict[str, etree._Element],
    line_els: list[etree._Element],
    acs: list[etree._Element],
    tax_amounts: list[etree._Element],
) -> None:
    """A child of LegalMonetaryTotal that is not an amount, read by its tag alone as the
    document-level XPath ``cac:LegalMonetaryTotal/*`` read it."""
    if tag in LINES:
        line_els.append(el)
    elif tag == ALLOWANCE_CHARGE:
        acs.append(el)
    elif tag == TAX_AMOUNT:
        tax_amounts.append(el)
    elif tag in PARTIES:
        parties.setdefault(tag, el)
    elif tag not in head and (text := el.text):
        head[tag] = text.strip()


def _currency_of(money: dict[str, etree._Element]) -> str | None:
    payable = money.get("PayableAmount")
    return None if payable is None else payable.get("currencyID")


def _totals(
    money: dict[str, etree._Element],
    acs: list[etree._Element],
    tax_amounts: list[etree._Element],
    currency: str,
    filename: str,
) -> InvoiceTotals:
    stated: dict[str, Decimal | None] = {}
    for name, el in money.items():
        text = el.text
        stated[name] = (
            num(text, filename, "LegalMonetaryTotal/", name) if text and text.strip() else None
        )
    line_extension = stated.get("LineExtensionAmount")
    payable = stated.get("PayableAmount")
    if line_extension is None or payable is None:
        raise ParseError(
            "missing LegalMonetaryTotal line extension or payable amount",
            file=filename,
            field="LegalMonetaryTotal",
        )
    allowances, charges = stated.get("AllowanceTotalAmount"), stated.get("ChargeTotalAmount")
    if allowances is None or charges is None:
        doc_allowances, doc_charges = allowances_charges(acs, filename) if acs else (ZERO, ZERO)
        allowances = doc_allowances if allowances is None else allowances
        charges = doc_charges if charges is None else charges
    tax = _tax(tax_amounts, currency, filename)
    net = line_extension - allowances + charges
    tax_exclusive = stated.get("TaxExclusiveAmount")
    # OIOUBL 2.0x: TaxExclusiveAmount holds the VAT amount; normalise to the net total.
    if tax_exclusive is None or (tax_exclusive != net and tax_exclusive == tax):
        tax_exclusive = net
    return InvoiceTotals(  # positional: the field order is checked at import
        line_extension,
        tax_exclusive,
        tax,
        payable,
        allowances,
        charges,
        stated.get("TaxInclusiveAmount"),
        stated.get("PrepaidAmount") or ZERO,
        stated.get("PayableRoundingAmount") or ZERO,
    )


def _tax(tax_amounts: list[etree._Element], currency: str, filename: str) -> Decimal:
    """The VAT in the document currency (a second TaxTotal may be in the tax currency)."""
    chosen: Decimal | None = None
    for el in tax_amounts:
        text = el.text
        if not text or not text.strip():
            continue
        value = num(text, filename, "TaxTotal/", "TaxAmount")
        if el.get("currencyID") in (None, currency):
            return value
        chosen = value if chosen is None else chosen
    return ZERO if chosen is None else chosen

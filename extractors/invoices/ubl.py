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
from extractors.invoices.common import iso_date, negate_credit, opt_dec, payment_days_from
from extractors.invoices.ubl_parts import (
    ALLOWANCE_CHARGE,
    CAC,
    CBC,
    END,
    PERIOD,
    START,
    allowances_charges,
    line,
    party,
)
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
INVOICE_ROOT = f"{{{NS_INVOICE}}}Invoice"
CREDIT_ROOT = f"{{{NS_CREDIT}}}CreditNote"
ROOTS = frozenset({INVOICE_ROOT, CREDIT_ROOT})

LINES = frozenset({CAC + "InvoiceLine", CAC + "CreditNoteLine"})
TAX_TOTAL, TAX_AMOUNT = CAC + "TaxTotal", CBC + "TaxAmount"
MONETARY = (CAC + "LegalMonetaryTotal", CAC + "RequestedMonetaryTotal")
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


def parse_ubl(root: etree._Element, filename: str) -> ParsedInvoice:
    """Read a UBL Invoice or CreditNote root element (see the module contract)."""
    if root.tag not in ROOTS:
        raise ParseError(f"not a UBL invoice or credit note: {root.tag!r}", file=filename)
    head: dict[str, etree._Element] = {}
    line_els: list[etree._Element] = []
    acs: list[etree._Element] = []
    tax_totals: list[etree._Element] = []
    for child in root:
        tag = child.tag
        if tag in LINES:
            line_els.append(child)
        elif tag == ALLOWANCE_CHARGE:
            acs.append(child)
        elif tag == TAX_TOTAL:
            tax_totals.append(child)
        elif tag not in head:
            head[tag] = child

    def text(name: str) -> str | None:
        el = head.get(CBC + name)
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
    monetary = head.get(MONETARY[0])
    if monetary is None:
        monetary = head.get(MONETARY[1])
    if monetary is None:
        raise ParseError("missing LegalMonetaryTotal", file=filename, field="LegalMonetaryTotal")
    warnings: list[str] = []
    currency = text("DocumentCurrencyCode") or _currency_of(monetary)
    if not currency:
        currency = "DKK"
        warnings.append("no currency stated; DKK assumed")
    due = iso_date(text("DueDate"), filename, "DueDate")
    means = head.get(CAC + "PaymentMeans")
    if due is None and means is not None:
        due = iso_date(means.findtext(CBC + "PaymentDueDate"), filename, "PaymentDueDate")
    terms = head.get(CAC + "PaymentTerms")
    terms_note = None if terms is None else terms.findtext(CBC + "Note")
    period = head.get(PERIOD)

    lines = [line(el, filename, pos, warnings) for pos, el in enumerate(line_els, 1)]
    totals = _totals(monetary, acs, tax_totals, currency, filename)
    credit = root.tag == CREDIT_ROOT
    if credit:
        negate_credit(lines, totals)
    return ParsedInvoice(
        format=fmt,
        document_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue_date,
        currency=currency,
        supplier=party(head.get(CAC + "AccountingSupplierParty")),
        buyer=party(head.get(CAC + "AccountingCustomerParty")),
        totals=totals,
        lines=lines,
        due_date=due,
        period_start=None
        if period is None
        else iso_date(period.findtext(START), filename, "InvoicePeriod"),
        period_end=None
        if period is None
        else iso_date(period.findtext(END), filename, "InvoicePeriod"),
        payment_days=payment_days_from(issue_date, due, terms_note),
        warnings=warnings,
    )


def _currency_of(monetary: etree._Element) -> str | None:
    payable = monetary.find(CBC + "PayableAmount")
    return None if payable is None else payable.get("currencyID")


def _totals(
    monetary: etree._Element,
    acs: list[etree._Element],
    tax_totals: list[etree._Element],
    currency: str,
    filename: str,
) -> InvoiceTotals:
    stated: dict[str, Decimal | None] = dict.fromkeys(_MONEY_FIELDS.values())
    for child in monetary:
        name = _MONEY_FIELDS.get(child.tag)
        if name is not None and stated[name] is None:
            stated[name] = opt_dec(child.text, filename, f"LegalMonetaryTotal/{name}")
    line_extension = stated["LineExtensionAmount"]
    payable = stated["PayableAmount"]
    if line_extension is None or payable is None:
        raise ParseError(
            "missing line extension or payable amount", file=filename, field="LegalMonetaryTotal"
        )
    allowances, charges = stated["AllowanceTotalAmount"], stated["ChargeTotalAmount"]
    if allowances is None or charges is None:
        doc_allowances, doc_charges = allowances_charges(acs, filename)
        allowances = doc_allowances if allowances is None else allowances
        charges = doc_charges if charges is None else charges
    tax = _tax(tax_totals, currency, filename)
    net = line_extension - allowances + charges
    tax_exclusive = stated["TaxExclusiveAmount"]
    # OIOUBL 2.0x: TaxExclusiveAmount holds the VAT amount; normalise to the net total.
    if tax_exclusive is None or (tax_exclusive != net and tax_exclusive == tax):
        tax_exclusive = net
    return InvoiceTotals(
        line_extension=line_extension,
        tax_exclusive=tax_exclusive,
        tax=tax,
        payable=payable,
        allowances=allowances,
        charges=charges,
        tax_inclusive=stated["TaxInclusiveAmount"],
        prepaid=stated["PrepaidAmount"] or ZERO,
        rounding=stated["PayableRoundingAmount"] or ZERO,
    )


def _tax(tax_totals: list[etree._Element], currency: str, filename: str) -> Decimal:
    """The VAT in the document currency (a second TaxTotal may be in the tax currency)."""
    chosen: Decimal | None = None
    for tt in tax_totals:
        el = tt.find(TAX_AMOUNT)
        if el is None:
            continue
        value = opt_dec(el.text, filename, "TaxTotal/TaxAmount")
        if value is None:
            continue
        if el.get("currencyID") in (None, currency):
            return value
        chosen = value if chosen is None else chosen
    return ZERO if chosen is None else chosen

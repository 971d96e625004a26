"""CII invoices in every dialect: EN 16931 CII D16B, Factur-X, ZUGFeRD 1.0 and 2.x, XRechnung.

Contract: :func:`parse_cii` takes a root ``rsm:CrossIndustryInvoice`` (D16B) or
``rsm:CrossIndustryDocument`` (ZUGFeRD 1.0) element, parsed safely by
:mod:`.xmlsafe`, and returns a :class:`ParsedInvoice` with the same normalisation
as UBL: ``unit_price = NetPrice ChargeAmount / BasisQuantity`` (Decimal), credit
notes (type codes 81, 83, 261, 262, 296, 308, 381, 396, 420, 458, 532) negative,
parties by CVR (``0184``, a ``DK`` VAT number) and EAN (``0088``/``GLN``). The totals
are the document's own (its monetary summation), never recomputed; a ZUGFeRD 1.0
BASIC invoice without ``DuePayableAmount`` owes its ``GrandTotalAmount`` less prepaid. Line items that
carry only a note (no product, no amount; ZUGFeRD 1.0 EXTENDED text lines) are not
billed lines: they are left out and a warning says so. Unreadable values raise
:class:`ParseError` naming the file and field; an unknown dialect raises
:class:`UnsupportedFormat` (see :mod:`.cii_dialects`).
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from extractors.errors import ParseError
from extractors.invoices.cii_dialects import (
    DIALECTS,
    ROOTS,
    ZUGFERD_1,
    Dialect,
    dialect_of,
    profile_name,
)
from extractors.invoices.common import (
    as_credited,
    cvr_from,
    cvr_from_vat,
    dec,
    gln_from,
    iso_date,
    line_unit_price,
    one_reference,
    opt_dec,
    payment_days_from,
)
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice, ParsedInvoiceLine, PartyRef

__all__ = ["CREDIT_TYPE_CODES", "ROOTS", "guideline", "parse_cii", "profile"]

# UNTDID 1001 credit note codes allowed by EN 16931 (and 381/83 in ZUGFeRD 1.0).
CREDIT_TYPE_CODES = frozenset(
    {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"}
)
_SUM_FIELDS = (
    "LineTotalAmount",
    "ChargeTotalAmount",
    "AllowanceTotalAmount",
    "TaxBasisTotalAmount",
    "GrandTotalAmount",
    "TotalPrepaidAmount",
    "RoundingAmount",
    "DuePayableAmount",
)


class _Paths:
    """The compiled XPaths of one dialect. Dates are read as the string value of their
    element, which covers ``udt:DateTimeString`` children and bare ISO dates alike."""

    def __init__(self, d: Dialect) -> None:
        ns = d.namespaces

        def x(path: str) -> etree.XPath:
            return etree.XPath(path, namespaces=ns, smart_strings=False)

        def s(path: str) -> etree.XPath:
            return x(f"normalize-space({path})")

        tx = f"{d.transaction}/"
        self.guideline = s(f"{d.context}/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")
        self.number = s(f"{d.document}/ram:ID")
        self.type_code = s(f"{d.document}/ram:TypeCode")
        self.issue = s(f"{d.document}/ram:IssueDateTime")
        self.agreement = x(tx + d.agreement)
        self.settlement = x(tx + d.settlement)
        self.lines = x(tx + "ram:IncludedSupplyChainTradeLineItem")
        self.currency = s("ram:InvoiceCurrencyCode")
        self.due = s("ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime")
        self.terms = s("ram:SpecifiedTradePaymentTerms/ram:Description")
        self.period_start = s("ram:BillingSpecifiedPeriod/ram:StartDateTime")
        self.period_end = s("ram:BillingSpecifiedPeriod/ram:EndDateTime")
        self.sums = {name: s(f"{d.summation}/ram:{name}") for name in _SUM_FIELDS}
        self.tax_totals = x(f"{d.summation}/ram:TaxTotalAmount")
        self.allowance_charges = x("ram:SpecifiedTradeAllowanceCharge")
        self.is_charge = s("ram:ChargeIndicator")
        self.actual = s("ram:ActualAmount")
        # ZUGFeRD 1.0 states freight and the like apart from the other charges.
        self.service_charges = x("ram:SpecifiedLogisticsServiceCharge/ram:AppliedAmount")
        self.party_ids = x(
            "ram:ID | ram:GlobalID | ram:SpecifiedLegalOrganization/ram:ID"
            " | ram:URIUniversalCommunication/ram:URIID"
        )
        self.party_vat = s("ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")
        self.party_name = s("ram:Name")
        self.seller = x("ram:SellerTradeParty")
        self.buyer = x("ram:BuyerTradeParty")

        price = f"{d.line_agreement}/ram:NetPriceProductTradePrice/"
        self.l_id = s("ram:AssociatedDocumentLineDocument/ram:LineID")
        self.l_note = s("ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content")
        self.l_product = x("ram:SpecifiedTradeProduct")
        self.l_name = s("ram:SpecifiedTradeProduct/ram:Name")
        self.l_desc = s("ram:SpecifiedTradeProduct/ram:Description")
        self.l_item = s("ram:SpecifiedTradeProduct/ram:SellerAssignedID")
        self.l_item_global = s("ram:SpecifiedTradeProduct/ram:GlobalID")
        self.l_price = s(price + "ram:ChargeAmount")
        self.l_base = s(price + "ram:BasisQuantity")
        self.l_qty = x(f"{d.line_delivery}/ram:BilledQuantity")
        self.l_settlement = x(d.line_settlement)
        self.l_vat_cat = s("ram:ApplicableTradeTax/ram:CategoryCode")
        self.l_vat_pct = s(
            "ram:ApplicableTradeTax/ram:RateApplicablePercent"
            " | ram:ApplicableTradeTax/ram:ApplicablePercent"
        )
        self.l_total = s(f"{d.line_summation}/ram:LineTotalAmount")


_PATHS = {d.root_tag: _Paths(d) for d in DIALECTS}


def parse_cii(root: etree._Element, filename: str, *, fmt: str = "cii") -> ParsedInvoice:
    """Read a CII root element of any known dialect (see the module contract)."""
    dialect = dialect_of(root, filename)
    p = _PATHS[dialect.root_tag]
    doc = dialect.document.removeprefix("rsm:")
    number = p.number(root)
    if not number:
        raise ParseError("missing invoice number", file=filename, field=f"{doc}/ID")
    issue_date = iso_date(p.issue(root), filename, f"{doc}/IssueDateTime")
    if issue_date is None:
        raise ParseError("missing issue date", file=filename, field=f"{doc}/IssueDateTime")
    settlements = p.settlement(root)
    if not settlements:
        raise ParseError(
            f"missing {dialect.settlement.removeprefix('ram:')}", file=filename, field="settlement"
        )
    settlement = settlements[0]
    warnings: list[str] = []
    currency = p.currency(settlement)
    if not currency:
        currency = "DKK"
        warnings.append("no currency stated; DKK assumed")
    agreement = p.agreement(root)
    seller = buyer = PartyRef()
    if agreement:
        seller = _party(p, p.seller(agreement[0]))
        buyer = _party(p, p.buyer(agreement[0]))
    due = iso_date(p.due(settlement), filename, "DueDateDateTime")
    lines = _lines(p, root, filename, warnings)
    totals = _totals(p, dialect, settlement, currency, filename)
    credit = p.type_code(root) in CREDIT_TYPE_CODES
    if credit:
        as_credited(lines, totals, warnings)
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
        period_start=iso_date(p.period_start(settlement), filename, "BillingSpecifiedPeriod"),
        period_end=iso_date(p.period_end(settlement), filename, "BillingSpecifiedPeriod"),
        payment_days=payment_days_from(issue_date, due, p.terms(settlement)),
        warnings=warnings,
        credits=one_reference(_referenced_invoices(settlement), warnings) if credit else None,
    )


def _referenced_invoices(settlement: etree._Element) -> list[str]:
    """A credit note's references to the invoices it credits (BT-25, the settlement's
    ``ram:InvoiceReferencedDocument/ram:IssuerAssignedID``), in any dialect."""
    found = []
    for child in settlement.iterchildren():
        if (
            isinstance(child.tag, str)
            and etree.QName(child).localname == "InvoiceReferencedDocument"
        ):
            for ident in child.iterchildren():
                if (
                    isinstance(ident.tag, str)
                    and etree.QName(ident).localname == "IssuerAssignedID"
                    and (ident.text or "").strip()
                ):
                    found.append(ident.text.strip())  # type: ignore[union-attr]
    return found


def guideline(root: etree._Element) -> str:
    """The specification identifier (BT-24): EN 16931, Factur-X, XRechnung or ZUGFeRD URN."""
    p = _PATHS.get(root.tag)
    return str(p.guideline(root)) if p else ""


def profile(root: etree._Element, filename: str) -> str:
    """A person's name for the dialect and profile: "ZUGFeRD 1.0 COMFORT", "Factur-X" ..."""
    return profile_name(dialect_of(root, filename), guideline(root))


def _party(p: _Paths, found: list[etree._Element]) -> PartyRef:
    if not found:
        return PartyRef()
    party = found[0]
    ref = PartyRef(name=p.party_name(party) or None, vat=p.party_vat(party) or None)
    for el in p.party_ids(party):
        scheme = (el.get("schemeID") or "").strip()
        value = (el.text or "").strip()
        if ref.cvr is None and scheme in ("0184", "DK:CVR"):
            ref.cvr = cvr_from(value)
        elif ref.ean is None and scheme in ("0088", "GLN"):
            ref.ean = gln_from(value)
    ref.cvr = ref.cvr or cvr_from_vat(ref.vat)
    return ref


def _allowances_charges(
    p: _Paths, parent: etree._Element, filename: str
) -> tuple[Decimal, Decimal]:
    allowances = charges = ZERO
    for ac in p.allowance_charges(parent):
        amount = dec(p.actual(ac), filename, "AllowanceCharge/ActualAmount")
        if p.is_charge(ac).strip().lower() in ("true", "1"):  # xs:boolean
            charges += amount
        else:
            allowances += amount
    for el in p.service_charges(parent):
        charges += dec(el.text, filename, "SpecifiedLogisticsServiceCharge/AppliedAmount")
    return allowances, charges


def _totals(
    p: _Paths, dialect: Dialect, settlement: etree._Element, currency: str, filename: str
) -> InvoiceTotals:
    def amount(name: str) -> Decimal | None:
        return opt_dec(p.sums[name](settlement) or None, filename, name)

    line_total = amount("LineTotalAmount")
    payable = amount("DuePayableAmount")
    grand_total = amount("GrandTotalAmount")
    prepaid = amount("TotalPrepaidAmount") or ZERO
    if payable is None and dialect is ZUGFERD_1 and grand_total is not None:
        payable = grand_total - prepaid  # ZUGFeRD 1.0 BASIC states no DuePayableAmount
    if line_total is None or payable is None:
        wanted = "DuePayableAmount" + ("/GrandTotalAmount" if dialect is ZUGFERD_1 else "")
        raise ParseError(
            f"missing LineTotalAmount or {wanted}",
            file=filename,
            field=dialect.summation.removeprefix("ram:"),
        )
    doc_allowances, doc_charges = _allowances_charges(p, settlement, filename)
    allowances = amount("AllowanceTotalAmount")
    charges = amount("ChargeTotalAmount")
    allowances = doc_allowances if allowances is None else allowances
    charges = doc_charges if charges is None else charges
    tax = ZERO
    for el in p.tax_totals(settlement):
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
        tax_inclusive=grand_total,
        prepaid=prepaid,
        rounding=amount("RoundingAmount") or ZERO,
    )


def _lines(
    p: _Paths, root: etree._Element, filename: str, warnings: list[str]
) -> list[ParsedInvoiceLine]:
    lines = []
    for pos, el in enumerate(p.lines(root), 1):
        settlements = p.l_settlement(el)
        if not p.l_product(el) and not (settlements and p.l_total(settlements[0])):
            note = p.l_note(el)
            warnings.append(
                f"line {p.l_id(el) or pos}: a text line without product or amount, not billed"
                + (f" ({note[:80]})" if note else "")
            )
            continue
        lines.append(_line(p, el, filename, pos, warnings))
    return lines


def _line(
    p: _Paths, el: etree._Element, filename: str, pos: int, warnings: list[str]
) -> ParsedInvoiceLine:
    line_id = p.l_id(el) or str(pos)
    field = f"line {line_id}"
    qty_els = p.l_qty(el)
    quantity = dec(qty_els[0].text, filename, f"{field} BilledQuantity") if qty_els else Decimal(1)
    settlements = p.l_settlement(el)
    s = settlements[0] if settlements else el
    line_amount = dec(p.l_total(s) or None, filename, f"{field} LineTotalAmount")
    price_amount = opt_dec(p.l_price(el) or None, filename, f"{field} NetPrice ChargeAmount")
    base = opt_dec(p.l_base(el) or None, filename, f"{field} BasisQuantity")
    base = Decimal(1) if base is None else base
    if base <= 0:
        warnings.append(f"{field}: basis quantity {base} is not positive; 1 is used")
        base = Decimal(1)
    allowances, charges = _allowances_charges(p, s, filename) if settlements else (ZERO, ZERO)
    price, warning = line_unit_price(
        quantity, price_amount, base, line_amount, charges - allowances
    )
    if warning:
        warnings.append(f"{field}: {warning}")
        base = Decimal(1)
    return ParsedInvoiceLine(
        line_id=line_id,
        description=p.l_name(el) or p.l_desc(el),
        quantity=quantity,
        unit_price=price,
        line_amount=line_amount,
        item_id=p.l_item(el) or p.l_item_global(el) or None,
        unit_code=qty_els[0].get("unitCode") if qty_els else None,
        price_amount=price_amount,
        base_quantity=base,
        allowances=allowances,
        charges=charges,
        vat_category=p.l_vat_cat(s) or None,
        vat_percent=opt_dec(p.l_vat_pct(s) or None, filename, f"{field} VAT percent"),
        period_start=iso_date(p.period_start(s), filename, f"{field} period"),
        period_end=iso_date(p.period_end(s), filename, f"{field} period"),
    )

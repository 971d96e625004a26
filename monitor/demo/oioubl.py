"""Writing OIOUBL 2.02 invoices (UBL 2.0 ``Invoice``) as NemHandel delivers them.

``render_oioubl_invoice(spec)`` is deterministic (same spec, same bytes) and exact:
every amount is Decimal, each line amount is ``quantity * price / base quantity``
rounded half up to øre, the VAT is 25 % of the line total rounded half up, and the
``LegalMonetaryTotal`` reconciles to the øre, unless a spec asks for a defect
(``InvoiceLineSpec.amount_override``, ``InvoiceSpec.tax_amount_override``). Tests
elsewhere reuse it to make invoices with precisely the defects they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NSMAP = {None: NS_INVOICE, "cac": NS_CAC, "cbc": NS_CBC}

CUSTOMIZATION_ID = "OIOUBL-2.02"
PROFILE_ID = "Procurement-BilSim-1.0"
VAT_RATE = Decimal("0.25")
ORE = Decimal("0.01")


def to_ore(value: Decimal) -> Decimal:
    """Round half up to whole øre, as Danish invoices do."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class InvoiceParty:
    """A party on the invoice. ``cvr`` is 8 digits (written ``DK12345678`` as OIOUBL
    does); ``ean`` the 13-digit GLN used as the buyer's endpoint."""

    name: str
    cvr: str
    street: str = ""
    building: str = ""
    postal_zone: str = ""
    city: str = ""
    ean: str | None = None
    contact_email: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceLineSpec:
    """One line: ``unit_price`` is the price per ``base_quantity`` units of ``unit_code``
    (``cbc:PriceAmount`` per ``cbc:BaseQuantity``)."""

    line_id: str
    item_id: str
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    base_quantity: Decimal = Decimal("1")
    note: str | None = None
    amount_override: Decimal | None = None  # a deliberately wrong line amount

    @property
    def normalised_unit_price(self) -> Decimal:
        """The price of ONE unit: ``unit_price / base_quantity`` (unrounded)."""
        return self.unit_price / self.base_quantity

    @property
    def correct_amount(self) -> Decimal:
        return to_ore(self.quantity * self.unit_price / self.base_quantity)

    @property
    def line_amount(self) -> Decimal:
        """The amount written: ``correct_amount`` unless overridden."""
        return self.correct_amount if self.amount_override is None else self.amount_override


@dataclass(frozen=True, slots=True)
class InvoiceSpec:
    """Everything an OIOUBL invoice says. ``period_start``/``period_end`` bound the
    billing period (``cac:InvoicePeriod``); ``due_date`` goes in ``PaymentMeans``."""

    number: str
    issue_date: date
    due_date: date
    period_start: date
    period_end: date
    supplier: InvoiceParty
    buyer: InvoiceParty
    lines: tuple[InvoiceLineSpec, ...]
    currency: str = "DKK"
    order_reference: str | None = None
    note: str | None = None
    payee_account: tuple[str, str] | None = None  # (reg. no., account no.)
    vat_rate: Decimal = VAT_RATE
    tax_amount_override: Decimal | None = None  # a deliberately wrong VAT amount

    @property
    def line_extension_amount(self) -> Decimal:
        return sum((line.line_amount for line in self.lines), start=Decimal("0.00"))

    @property
    def correct_tax_amount(self) -> Decimal:
        return to_ore(self.line_extension_amount * self.vat_rate)

    @property
    def tax_amount(self) -> Decimal:
        """The VAT written: ``correct_tax_amount`` unless overridden."""
        if self.tax_amount_override is not None:
            return self.tax_amount_override
        return self.correct_tax_amount

    @property
    def payable_amount(self) -> Decimal:
        return self.line_extension_amount + self.tax_amount


def _money(value: Decimal) -> str:
    return f"{to_ore(value):.2f}"


def _quantity(value: Decimal) -> str:
    """Quantities as plain decimals without a needless fraction: ``12``, ``2.5``."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _price(value: Decimal) -> str:
    """Prices keep at least two decimals and any finer precision they have."""
    text = f"{value.normalize():f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


class _Builder:
    def __init__(self, root: etree._Element) -> None:
        self.root = root

    @staticmethod
    def cbc(parent: etree._Element, name: str, text: str, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{NS_CBC}}}{name}", attrs)
        el.text = text
        return el

    @staticmethod
    def cac(parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{NS_CAC}}}{name}")


def render_oioubl_invoice(spec: InvoiceSpec) -> bytes:
    """The invoice as UTF-8 XML bytes with an XML declaration.

    Raises ValueError on an invoice that cannot be written as stated (no lines, a
    non-positive base quantity, a buyer without an EAN).
    """
    if not spec.lines:
        raise ValueError(f"invoice {spec.number}: an invoice needs at least one line")
    if spec.buyer.ean is None:
        raise ValueError(f"invoice {spec.number}: the buyer needs an EAN (GLN) endpoint")
    for line in spec.lines:
        if line.base_quantity <= 0:
            raise ValueError(f"invoice {spec.number} line {line.line_id}: base quantity <= 0")
    root = etree.Element(f"{{{NS_INVOICE}}}Invoice", nsmap=NSMAP)
    _header(root, spec)
    _supplier(root, spec.supplier)
    _buyer(root, spec.buyer)
    _payment(root, spec)
    _tax_total(root, spec.line_extension_amount, spec.tax_amount, spec)
    _monetary_total(root, spec)
    for line in spec.lines:
        _line(root, line, spec)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _header(root: etree._Element, spec: InvoiceSpec) -> None:
    b = _Builder
    b.cbc(root, "UBLVersionID", "2.0")
    b.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    b.cbc(
        root,
        "ProfileID",
        PROFILE_ID,
        schemeAgencyID="320",
        schemeID="urn:oioubl:id:profileid-1.2",
    )
    b.cbc(root, "ID", spec.number)
    b.cbc(root, "CopyIndicator", "false")
    b.cbc(root, "IssueDate", spec.issue_date.isoformat())
    b.cbc(
        root,
        "InvoiceTypeCode",
        "380",
        listAgencyID="320",
        listID="urn:oioubl:codelist:invoicetypecode-1.1",
    )
    if spec.note:
        b.cbc(root, "Note", spec.note)
    b.cbc(root, "DocumentCurrencyCode", spec.currency)
    period = b.cac(root, "InvoicePeriod")
    b.cbc(period, "StartDate", spec.period_start.isoformat())
    b.cbc(period, "EndDate", spec.period_end.isoformat())
    order = b.cac(root, "OrderReference")
    b.cbc(order, "ID", spec.order_reference or spec.number)


def _party(parent: etree._Element, party: InvoiceParty, *, endpoint: tuple[str, str]) -> None:
    b = _Builder
    el = b.cac(parent, "Party")
    scheme, value = endpoint
    attrs = {"schemeAgencyID": "9"} if scheme == "GLN" else {}
    b.cbc(el, "EndpointID", value, schemeID=scheme, **attrs)
    ident = b.cac(el, "PartyIdentification")
    b.cbc(ident, "ID", f"DK{party.cvr}", schemeID="DK:CVR")
    name = b.cac(el, "PartyName")
    b.cbc(name, "Name", party.name)
    address = b.cac(el, "PostalAddress")
    b.cbc(
        address,
        "AddressFormatCode",
        "StructuredDK",
        listAgencyID="320",
        listID="urn:oioubl:codelist:addressformatcode-1.1",
    )
    for tag, value in (
        ("StreetName", party.street),
        ("BuildingNumber", party.building),
        ("CityName", party.city),
        ("PostalZone", party.postal_zone),
    ):
        if value:
            b.cbc(address, tag, value)
    country = b.cac(address, "Country")
    b.cbc(country, "IdentificationCode", "DK")
    tax_scheme = b.cac(el, "PartyTaxScheme")
    b.cbc(tax_scheme, "CompanyID", f"DK{party.cvr}", schemeID="DK:SE")
    _vat_scheme(b.cac(tax_scheme, "TaxScheme"))
    legal = b.cac(el, "PartyLegalEntity")
    b.cbc(legal, "RegistrationName", party.name)
    b.cbc(legal, "CompanyID", f"DK{party.cvr}", schemeID="DK:CVR")
    if party.contact_email:
        contact = b.cac(el, "Contact")
        b.cbc(contact, "ID", "demo")
        b.cbc(contact, "ElectronicMail", party.contact_email)


def _supplier(root: etree._Element, supplier: InvoiceParty) -> None:
    holder = _Builder.cac(root, "AccountingSupplierParty")
    _party(holder, supplier, endpoint=("DK:CVR", f"DK{supplier.cvr}"))


def _buyer(root: etree._Element, buyer: InvoiceParty) -> None:
    assert buyer.ean is not None
    holder = _Builder.cac(root, "AccountingCustomerParty")
    _party(holder, buyer, endpoint=("GLN", buyer.ean))


def _payment(root: etree._Element, spec: InvoiceSpec) -> None:
    b = _Builder
    means = b.cac(root, "PaymentMeans")
    b.cbc(means, "ID", "1")
    b.cbc(means, "PaymentMeansCode", "42")
    b.cbc(means, "PaymentDueDate", spec.due_date.isoformat())
    b.cbc(means, "PaymentChannelCode", "DK:BANK", listAgencyID="320",
          listID="urn:oioubl:codelist:paymentchannelcode-1.1")  # fmt: skip
    if spec.payee_account:
        reg, account = spec.payee_account
        payee = b.cac(means, "PayeeFinancialAccount")
        b.cbc(payee, "ID", account)
        branch = b.cac(payee, "FinancialInstitutionBranch")
        b.cbc(branch, "ID", reg)
    terms = b.cac(root, "PaymentTerms")
    b.cbc(terms, "ID", "1")
    days = (spec.due_date - spec.issue_date).days
    b.cbc(terms, "Note", f"Netto {days} dage")
    b.cbc(terms, "Amount", _money(spec.payable_amount), currencyID=spec.currency)


def _vat_scheme(parent: etree._Element) -> None:
    b = _Builder
    b.cbc(parent, "ID", "63", schemeAgencyID="320", schemeID="urn:oioubl:id:taxschemeid-1.1")
    b.cbc(parent, "Name", "Moms")


def _tax_total(parent: etree._Element, taxable: Decimal, tax: Decimal, spec: InvoiceSpec) -> None:
    b = _Builder
    total = b.cac(parent, "TaxTotal")
    b.cbc(total, "TaxAmount", _money(tax), currencyID=spec.currency)
    sub = b.cac(total, "TaxSubtotal")
    b.cbc(sub, "TaxableAmount", _money(taxable), currencyID=spec.currency)
    b.cbc(sub, "TaxAmount", _money(tax), currencyID=spec.currency)
    category = b.cac(sub, "TaxCategory")
    b.cbc(category, "ID", "StandardRated", schemeAgencyID="320",
          schemeID="urn:oioubl:id:taxcategoryid-1.1")  # fmt: skip
    b.cbc(category, "Percent", _quantity(spec.vat_rate * 100))
    _vat_scheme(b.cac(category, "TaxScheme"))


def _monetary_total(root: etree._Element, spec: InvoiceSpec) -> None:
    b = _Builder
    total = b.cac(root, "LegalMonetaryTotal")
    c = spec.currency
    b.cbc(total, "LineExtensionAmount", _money(spec.line_extension_amount), currencyID=c)
    # UBL's meaning (the net total), which parsers of every UBL flavour share; some
    # OIOUBL 2.0x senders put the VAT amount here instead.
    b.cbc(total, "TaxExclusiveAmount", _money(spec.line_extension_amount), currencyID=c)
    b.cbc(total, "TaxInclusiveAmount", _money(spec.payable_amount), currencyID=c)
    b.cbc(total, "PayableAmount", _money(spec.payable_amount), currencyID=c)


def _line(root: etree._Element, line: InvoiceLineSpec, spec: InvoiceSpec) -> None:
    b = _Builder
    c = spec.currency
    el = b.cac(root, "InvoiceLine")
    b.cbc(el, "ID", line.line_id)
    if line.note:
        b.cbc(el, "Note", line.note)
    b.cbc(el, "InvoicedQuantity", _quantity(line.quantity), unitCode=line.unit_code)
    b.cbc(el, "LineExtensionAmount", _money(line.line_amount), currencyID=c)
    _tax_total(el, line.line_amount, to_ore(line.line_amount * spec.vat_rate), spec)
    item = b.cac(el, "Item")
    b.cbc(item, "Description", line.description)
    b.cbc(item, "Name", line.description[:40])
    seller_id = b.cac(item, "SellersItemIdentification")
    b.cbc(seller_id, "ID", line.item_id)
    price = b.cac(el, "Price")
    b.cbc(price, "PriceAmount", _price(line.unit_price), currencyID=c)
    b.cbc(price, "BaseQuantity", _quantity(line.base_quantity), unitCode=line.unit_code)

"""UBL parties and lines, read in one pass over each element's children.

Contract: :func:`party` returns a :class:`PartyRef` (CVR from ``DK:CVR``/``0184``
or a ``DK`` + 8 digits VAT number, EAN from ``GLN``/``0088``); :func:`line` a
:class:`ParsedInvoiceLine` with ``unit_price = PriceAmount / BaseQuantity``,
appending any doubt to ``warnings``. Unreadable numbers and dates raise
:class:`ParseError` naming the file and the line.

Why children loops rather than XPath: a compiled XPath union costs microseconds per
branch before it has returned anything, and each element it returns still costs a
proxy and a tag string (``{namespace}local``, built on each access). So each element
is walked once, by its direct children, with one dict lookup of the Clark tag per
child. Children are taken as ``el[:]`` (one C call building the list): iterating the
element, or ``iterchildren(tag, ...)``, sets up a tag matcher on every call, which
costs more than it saves at these sizes. Measured on the OIOUBL corpus, the time
goes to proxies and tags (about 0.2 µs per element touched on a freshly parsed
tree), so subtrees that are rarely needed (a line's TaxTotal, when its item has a
ClassifiedTaxCategory) are only walked when needed. The elements read, and which
of them wins when a field repeats, are those of the XPath expressions given in the
docstrings (tests/extractors/invoices/test_ubl_walk.py pins the precedence).
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal, InvalidOperation

from lxml import etree

from extractors.invoices.common import (
    cvr_from,
    cvr_from_vat,
    dec,
    gln_from,
    iso_date,
    line_unit_price,
)
from extractors.types import ZERO, ParsedInvoiceLine, PartyRef

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
NS = {"cbc": CBC[1:-1], "cac": CAC[1:-1]}

ID, NAME, DESCRIPTION = CBC + "ID", CBC + "Name", CBC + "Description"
AMOUNT, CHARGE_INDICATOR = CBC + "Amount", CBC + "ChargeIndicator"
START, END = CBC + "StartDate", CBC + "EndDate"
ENDPOINT, COMPANY_ID, REGISTRATION_NAME = (
    CBC + "EndpointID",
    CBC + "CompanyID",
    CBC + "RegistrationName",
)
PARTY = CAC + "Party"
PARTY_ID, PARTY_NAME = CAC + "PartyIdentification", CAC + "PartyName"
PARTY_TAX, PARTY_LEGAL = CAC + "PartyTaxScheme", CAC + "PartyLegalEntity"
ALLOWANCE_CHARGE, ITEM, PRICE, PERIOD = (
    CAC + "AllowanceCharge", CAC + "Item", CAC + "Price", CAC + "InvoicePeriod"
)  # fmt: skip
TAX_TOTAL, TAX_SUBTOTAL, TAX_CATEGORY = (
    CAC + "TaxTotal", CAC + "TaxSubtotal", CAC + "TaxCategory"
)  # fmt: skip
QUANTITIES = (CBC + "InvoicedQuantity", CBC + "CreditedQuantity")
LINE_AMOUNT, PRICE_AMOUNT, BASE_QUANTITY = (
    CBC + "LineExtensionAmount", CBC + "PriceAmount", CBC + "BaseQuantity"
)  # fmt: skip
ITEM_IDS = (
    CAC + "SellersItemIdentification",
    CAC + "StandardItemIdentification",
    CAC + "BuyersItemIdentification",
)
CLASSIFIED_TAX = CAC + "ClassifiedTaxCategory"
PERCENT = CBC + "Percent"
CVR_SCHEMES = frozenset({"DK:CVR", "0184", "DK-CVR"})
GLN_SCHEMES = frozenset({"GLN", "0088"})
# The line fields kept by tag, first non-empty one wins (the line's own cbc:ID is
# kept apart: only the line's, never an item's or a price's, names the line).
_LINE_TEXTS = frozenset(
    {NAME, DESCRIPTION, LINE_AMOUNT, PRICE_AMOUNT, BASE_QUANTITY, START, END}
)  # fmt: skip
_ONE = Decimal(1)
_VAT_FIELDS = (ID, PERCENT)
# What each child of a line, of its cac:Item and of a party's cac:Party is read as.
_TEXT, _ID, _QUANTITY, _ITEM, _CBC_HOLDER, _ALLOWANCE_CHARGE, _TAX_TOTAL = range(7)
_ITEM_ID, _CLASSIFIED, _ITEM_TAX_CATEGORY = range(7, 10)
_LINE_KIND = {
    **dict.fromkeys(_LINE_TEXTS, _TEXT),
    **dict.fromkeys(QUANTITIES, _QUANTITY),
    ID: _ID,
    ITEM: _ITEM,
    PRICE: _CBC_HOLDER,
    PERIOD: _CBC_HOLDER,
    ALLOWANCE_CHARGE: _ALLOWANCE_CHARGE,
    TAX_TOTAL: _TAX_TOTAL,
}
_ITEM_KIND = {
    **dict.fromkeys(_LINE_TEXTS, _TEXT),
    **dict.fromkeys(QUANTITIES, _QUANTITY),
    **dict.fromkeys(ITEM_IDS, _ITEM_ID),
    CLASSIFIED_TAX: _CLASSIFIED,
    TAX_CATEGORY: _ITEM_TAX_CATEGORY,
}
_ENDPOINT, _PARTY_ID, _NAME, _LEGAL, _TAX_SCHEME = range(5)
_PARTY_KIND = {
    ENDPOINT: _ENDPOINT,
    PARTY_ID: _PARTY_ID,
    PARTY_NAME: _NAME,
    PARTY_LEGAL: _LEGAL,
    PARTY_TAX: _TAX_SCHEME,
}


def check_field_order(cls: type, names: str) -> None:
    """Raise at import when ``cls``'s fields are not ``names``: the readers build these
    dataclasses with positional arguments (keywords cost twice the time)."""
    if tuple(f.name for f in fields(cls)) != tuple(names.split()):
        raise ImportError(f"{cls.__name__} fields changed: update extractors.invoices.ubl*")


check_field_order(
    ParsedInvoiceLine,
    "line_id description quantity unit_price line_amount item_id unit_code price_amount"
    " base_quantity allowances charges vat_category vat_percent period_start period_end",
)


def party(holder: etree._Element | None) -> PartyRef:
    """The party inside ``AccountingSupplierParty``/``AccountingCustomerParty``.

    Reads, in document order: ``cac:Party/cbc:EndpointID``,
    ``cac:Party/cac:PartyIdentification/cbc:ID``, ``cac:Party/cac:PartyName/cbc:Name``,
    ``cac:Party/cac:PartyLegalEntity/(cbc:CompanyID | cbc:RegistrationName)`` and
    ``cac:Party/cac:PartyTaxScheme/cbc:CompanyID``; the first non-empty name,
    registration name and VAT number win.
    """
    if holder is None:
        return PartyRef()
    name = vat = registration = None
    ids: list[etree._Element] = []
    for p in holder[:]:
        if p.tag != PARTY:
            continue
        for child in p[:]:
            kind = _PARTY_KIND.get(child.tag)
            if kind is None:
                continue
            if kind == _ENDPOINT:
                ids.append(child)
                continue
            for el in child[:]:
                tag = el.tag
                if kind == _PARTY_ID:
                    if tag == ID:
                        ids.append(el)
                elif kind == _LEGAL:
                    if tag == COMPANY_ID:
                        ids.append(el)
                    elif tag == REGISTRATION_NAME and registration is None and (text := el.text):
                        registration = text.strip() or None
                elif kind == _NAME:
                    if tag == NAME and name is None and (text := el.text):
                        name = text.strip() or None
                elif tag == COMPANY_ID and vat is None and (text := el.text):  # PartyTaxScheme
                    vat = text.strip() or None
    cvr = ean = None
    for el in ids:
        scheme = el.get("schemeID")
        if scheme:
            scheme = scheme.strip()
            if cvr is None and scheme in CVR_SCHEMES:
                cvr = cvr_from(el.text)
            elif ean is None and scheme in GLN_SCHEMES:
                ean = gln_from(el.text)
    if cvr is None:
        cvr = cvr_from_vat(vat)
        if cvr is None:
            for el in ids:
                if cvr := cvr_from_vat(el.text):
                    break
            else:
                cvr = None
    return PartyRef(name or registration, cvr, ean, vat)


def allowances_charges(elements: list[etree._Element], filename: str) -> tuple[Decimal, Decimal]:
    """Sum of allowances and sum of charges of ``cac:AllowanceCharge`` elements
    (the first ``cbc:Amount`` and ``cbc:ChargeIndicator`` of each)."""
    allowances = charges = ZERO
    for ac in elements:
        amount = indicator = None
        for child in ac[:]:
            tag = child.tag
            if tag == AMOUNT:
                if amount is None:
                    amount = child.text or ""
            elif tag == CHARGE_INDICATOR and indicator is None:
                indicator = child.text or ""
        value = dec(amount, filename, "AllowanceCharge/Amount")
        if indicator is not None and indicator.strip().lower() in ("true", "1"):  # xs:boolean
            charges += value
        else:
            allowances += value
    return allowances, charges


def line(el: etree._Element, filename: str, pos: int, warnings: list[str]) -> ParsedInvoiceLine:
    """One ``InvoiceLine`` or ``CreditNoteLine``, signs as written (credit notes are
    negated by the caller).

    Reads, in document order: the line's ``cbc:*`` and ``cac:AllowanceCharge``,
    ``cac:InvoicePeriod/cbc:*``, ``cac:Price/cbc:*``, ``cac:Item/cbc:*``, the item's
    identifications ``cac:Item/cac:*/cbc:ID``, its VAT category
    ``cac:Item/cac:ClassifiedTaxCategory/(cbc:ID | cbc:Percent)`` and
    ``cac:Item/cac:TaxCategory/cbc:ID``, and OIOUBL 2's
    ``cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/(cbc:ID | cbc:Percent)``. The
    ClassifiedTaxCategory wins (the last one given); otherwise the first non-empty
    value wins, and the first quantity element even when empty.
    """
    t: dict[str, str] = {}  # tag -> stripped text, first non-empty wins
    vat: dict[str, str] = {}  # ID and Percent of the VAT category
    acs: list[etree._Element] = []
    item_ids: dict[str, str] | None = None
    fallbacks: list[etree._Element] = []  # TaxTotal and the item's TaxCategory, in order
    line_id = qty_el = None
    line_kind = _LINE_KIND.get
    for child in el[:]:
        kind = line_kind(child.tag)
        if kind is None:
            continue
        if kind == _TEXT:
            tag = child.tag
            if tag not in t and (text := child.text) and (text := text.strip()):
                t[tag] = text
        elif kind == _ID:
            if line_id is None and (text := child.text) and (text := text.strip()):
                line_id = text
        elif kind == _QUANTITY:
            if qty_el is None:
                qty_el = child
        elif kind == _ITEM:
            for g in child[:]:
                tag = g.tag
                kind = _ITEM_KIND.get(tag)
                if kind is None:
                    continue
                if kind == _TEXT:
                    if tag not in t and (text := g.text) and (text := text.strip()):
                        t[tag] = text
                elif kind == _ITEM_ID:
                    if item_ids is None:
                        item_ids = {}
                    if tag not in item_ids:
                        for v in g[:]:
                            if v.tag == ID and (text := v.text) and (text := text.strip()):
                                item_ids[tag] = text
                                break
                elif kind == _CLASSIFIED:
                    for v in g[:]:
                        vtag = v.tag
                        if vtag in _VAT_FIELDS and (text := v.text) and (text := text.strip()):
                            vat[vtag] = text
                elif kind == _QUANTITY:
                    if qty_el is None:
                        qty_el = g
                else:  # the item's TaxCategory: only when no ClassifiedTaxCategory says
                    fallbacks.append(g)
        elif kind == _CBC_HOLDER:  # cac:Price, cac:InvoicePeriod
            for g in child[:]:
                tag = g.tag
                if tag in _LINE_TEXTS:
                    if tag not in t and (text := g.text) and (text := text.strip()):
                        t[tag] = text
                elif tag in QUANTITIES and qty_el is None:
                    qty_el = g
        elif kind == _ALLOWANCE_CHARGE:
            acs.append(child)
        else:  # cac:TaxTotal: only when no ClassifiedTaxCategory says
            fallbacks.append(child)
    if fallbacks and (ID not in vat or PERCENT not in vat):
        _vat_fallbacks(fallbacks, vat)
    get = t.get
    line_id = line_id or str(pos)
    where = f"line {line_id} "
    quantity = _ONE if qty_el is None else num(qty_el.text, filename, where, "quantity")
    line_amount = num(get(LINE_AMOUNT), filename, where, "LineExtensionAmount")
    text = get(PRICE_AMOUNT)
    price_amount = None if text is None else num(text, filename, where, "PriceAmount")
    text = get(BASE_QUANTITY)
    base = _ONE if text is None else num(text, filename, where, "BaseQuantity")
    if base <= 0:
        warnings.append(f"{where[:-1]}: base quantity {base} is not positive; 1 is used")
        base = _ONE
    if acs:
        allowances, charges = allowances_charges(acs, filename)
        adjustment = charges - allowances
    else:
        allowances = charges = adjustment = ZERO
    if price_amount is not None and base == 1:
        price = price_amount  # what line_unit_price gives, without the call
    else:
        price, warning = line_unit_price(quantity, price_amount, base, line_amount, adjustment)
        if warning:
            warnings.append(f"{where[:-1]}: {warning}")
            base = _ONE
    item_id = None
    if item_ids:
        for key in ITEM_IDS:
            if key in item_ids:
                item_id = item_ids[key]
                break
    text = vat.get(PERCENT)
    start, end = get(START), get(END)
    return ParsedInvoiceLine(  # positional: the field order is checked at import
        line_id,
        get(NAME) or get(DESCRIPTION) or "",
        quantity,
        price,
        line_amount,
        item_id,
        None if qty_el is None else qty_el.get("unitCode"),
        price_amount,
        base,
        allowances,
        charges,
        vat.get(ID),
        None if text is None else num(text, filename, where, "VAT percent"),
        None if start is None else iso_date(start, filename, where + "period start"),
        None if end is None else iso_date(end, filename, where + "period end"),
    )


def _vat_fallbacks(elements: list[etree._Element], vat: dict[str, str]) -> None:
    """Fill what the ClassifiedTaxCategory left out of ``vat`` from, in document order,
    ``cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/(cbc:ID | cbc:Percent)`` and the
    item's ``cac:TaxCategory/cbc:ID``: the first non-empty value wins."""
    for el in elements:
        if el.tag != TAX_TOTAL:  # the item's TaxCategory
            _first_texts(el, (ID,), vat)
            continue
        for sub in el[:]:
            if sub.tag == TAX_SUBTOTAL:
                for category in sub[:]:
                    if category.tag == TAX_CATEGORY:
                        _first_texts(category, _VAT_FIELDS, vat)


def _first_texts(el: etree._Element, wanted: tuple[str, ...], found: dict[str, str]) -> None:
    """The first non-empty text of each ``wanted`` child of ``el`` not yet in ``found``."""
    for child in el[:]:
        tag = child.tag
        if tag in wanted and tag not in found and (text := child.text) and (text := text.strip()):
            found[tag] = text


def num(text: str | None, filename: str, where: str, what: str) -> Decimal:
    """:func:`~.common.dec` of ``text``, the field named ``where + what`` only when it
    has to be (an error): the value, or the error, is dec's own."""
    if text is not None:
        try:
            value = Decimal(text)
        except (InvalidOperation, ValueError):
            pass
        else:
            if value.is_finite() and -30 <= value.adjusted() <= 30 or not value:
                return value
    return dec(text, filename, where + what)

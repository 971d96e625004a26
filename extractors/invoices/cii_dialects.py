"""The CII dialects: where each one keeps the same invoice facts.

Contract: :func:`dialect_of` names the dialect of a parsed root element, or raises
:class:`UnsupportedFormat` naming the file and what was found. Two syntaxes exist:

- UN/CEFACT CII D16B (``rsm:CrossIndustryInvoice``, namespaces ``...:100``): EN 16931,
  Factur-X, ZUGFeRD 2.x and XRechnung CII all use it; they differ only in the
  guideline id (BT-24), named by :func:`profile_name`.
- ZUGFeRD 1.0 (``rsm:CrossIndustryDocument`` in ``urn:ferd:CrossIndustryDocument:invoice:1p0``,
  ``ram`` D13B ``...:12``, ``udt`` ``...:15``): the same facts under older element names
  (``HeaderExchangedDocument``, ``ApplicableSupplyChainTradeSettlement``,
  ``SpecifiedTradeSettlementMonetarySummation`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from extractors.errors import UnsupportedFormat

_UNECE = "urn:un:unece:uncefact:data:standard:"


@dataclass(frozen=True, slots=True)
class Dialect:
    """Element names (prefixed ``rsm:``/``ram:``) of one CII syntax."""

    name: str
    rsm: str
    ram: str
    udt: str
    root: str
    context: str
    document: str
    transaction: str
    agreement: str
    settlement: str
    summation: str
    line_agreement: str
    line_delivery: str
    line_settlement: str
    line_summation: str

    @property
    def root_tag(self) -> str:
        return f"{{{self.rsm}}}{self.root}"

    @property
    def namespaces(self) -> dict[str, str]:
        return {"rsm": self.rsm, "ram": self.ram, "udt": self.udt}


D16B = Dialect(
    name="CII D16B",
    rsm=f"{_UNECE}CrossIndustryInvoice:100",
    ram=f"{_UNECE}ReusableAggregateBusinessInformationEntity:100",
    udt=f"{_UNECE}UnqualifiedDataType:100",
    root="CrossIndustryInvoice",
    context="rsm:ExchangedDocumentContext",
    document="rsm:ExchangedDocument",
    transaction="rsm:SupplyChainTradeTransaction",
    agreement="ram:ApplicableHeaderTradeAgreement",
    settlement="ram:ApplicableHeaderTradeSettlement",
    summation="ram:SpecifiedTradeSettlementHeaderMonetarySummation",
    line_agreement="ram:SpecifiedLineTradeAgreement",
    line_delivery="ram:SpecifiedLineTradeDelivery",
    line_settlement="ram:SpecifiedLineTradeSettlement",
    line_summation="ram:SpecifiedTradeSettlementLineMonetarySummation",
)

ZUGFERD_1 = Dialect(
    name="ZUGFeRD 1.0",
    rsm="urn:ferd:CrossIndustryDocument:invoice:1p0",
    ram=f"{_UNECE}ReusableAggregateBusinessInformationEntity:12",
    udt=f"{_UNECE}UnqualifiedDataType:15",
    root="CrossIndustryDocument",
    context="rsm:SpecifiedExchangedDocumentContext",
    document="rsm:HeaderExchangedDocument",
    transaction="rsm:SpecifiedSupplyChainTradeTransaction",
    agreement="ram:ApplicableSupplyChainTradeAgreement",
    settlement="ram:ApplicableSupplyChainTradeSettlement",
    summation="ram:SpecifiedTradeSettlementMonetarySummation",
    line_agreement="ram:SpecifiedSupplyChainTradeAgreement",
    line_delivery="ram:SpecifiedSupplyChainTradeDelivery",
    line_settlement="ram:SpecifiedSupplyChainTradeSettlement",
    line_summation="ram:SpecifiedTradeSettlementMonetarySummation",
)

DIALECTS = (D16B, ZUGFERD_1)
ROOTS = frozenset(d.root_tag for d in DIALECTS)
#: Local names of the CII roots, for spotting a CII document whose namespace is unknown.
ROOT_NAMES = frozenset(d.root for d in DIALECTS)


def dialect_of(root: etree._Element, filename: str) -> Dialect:
    """The dialect of a CII root element; UnsupportedFormat for an unknown one."""
    for dialect in DIALECTS:
        if root.tag == dialect.root_tag:
            _check_ram_namespace(root, dialect, filename)
            return dialect
    qname = etree.QName(root)
    if qname.localname in ROOT_NAMES:
        raise UnsupportedFormat(
            f"a CII {qname.localname} in the unknown namespace {qname.namespace!r}; known:"
            + ", ".join(f" {d.rsm} ({d.name})" for d in DIALECTS),
            file=filename,
        )
    raise UnsupportedFormat(f"not a CII invoice: root element {root.tag!r}", file=filename)


def _check_ram_namespace(root: etree._Element, dialect: Dialect, filename: str) -> None:
    """The header document's children must be ``ram`` elements of the dialect's version."""
    document = root.find(dialect.document.replace("rsm:", f"{{{dialect.rsm}}}"))
    if document is None:
        return  # reported as a missing invoice number, naming the element
    for child in document:
        if isinstance(child.tag, str):
            namespace = etree.QName(child).namespace
            if namespace != dialect.ram:
                raise UnsupportedFormat(
                    f"{dialect.name} invoice whose elements are in the namespace {namespace!r},"
                    f" not {dialect.ram!r}: an unknown CII version",
                    file=filename,
                )
            return


def profile_name(dialect: Dialect, guideline: str) -> str:
    """A person's name for the specification a CII invoice follows (from BT-24)."""
    g = guideline.lower()
    if dialect is ZUGFERD_1:
        profile = g.rsplit(":", 1)[-1] if ":" in g else ""
        known = profile in ("basic", "comfort", "extended")
        return f"ZUGFeRD 1.0 {profile.upper()}" if known else "ZUGFeRD 1.0"
    if "xrechnung" in g:
        return "XRechnung CII"
    if "factur-x" in g:
        return "Factur-X"
    if "zugferd" in g:
        return "ZUGFeRD 2"
    if "peppol" in g:
        return "PEPPOL BIS 3 CII"
    return "EN 16931 CII" if "en16931" in g else "UN/CEFACT CII"

"""Every real Invoice/CreditNote in the shared corpus parses and reconciles to itself.

The corpus sits in ``shared/`` beside the checkout (``/work/shared``). Without it the
tests skip with the reason, except under CI (CI=true), where its absence fails.
Catalogues and responses are left out by their root element, not by a list.
The expected totals are read from each file here with plain XPath, independently
of the parser under test.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from extractors.invoices import parse_invoice
from tests.shared_corpus import SHARED

CORPUS = SHARED / "corpus" / "invoices"
FOLDERS = ("oioubl-2.02", "oioubl-3.0", "en16931-ubl", "en16931-cii")
IN_CI = os.environ.get("CI", "").lower() == "true"

UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:"
CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
INVOICE_ROOTS = {
    f"{{{UBL_NS}Invoice-2}}Invoice",
    f"{{{UBL_NS}CreditNote-2}}CreditNote",
    f"{{{CII_NS}}}CrossIndustryInvoice",
}
NS = {
    "cbc": f"{UBL_NS}CommonBasicComponents-2",
    "cac": f"{UBL_NS}CommonAggregateComponents-2",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "rsm": CII_NS,
}
ORE = Decimal("0.01")


def _root_tag(path: Path) -> str:
    for _, element in etree.iterparse(str(path), events=("start",), resolve_entities=False):
        return str(element.tag)
    return ""


def _corpus_files() -> list[object]:
    if not CORPUS.is_dir():
        return [pytest.param(None, id="corpus-absent")]
    files = sorted(
        p for folder in FOLDERS for p in (CORPUS / folder).glob("*") if p.suffix.lower() == ".xml"
    )
    return [
        pytest.param(p, id=f"{p.parent.name}/{p.name}")
        for p in files
        if _root_tag(p) in INVOICE_ROOTS
    ]


def _require(path: Path | None) -> Path:
    if path is None:
        message = f"the shared corpus is not at {CORPUS.resolve()}"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: the corpus must be present)")
        pytest.skip(f"{message}; check out shared/ beside the repository to run this test")
    return path


def _amount(root: etree._Element, xpath: str) -> Decimal | None:
    found = root.xpath(xpath, namespaces=NS)
    return Decimal(str(found[0]).strip()) if found else None


def _document_totals(root: etree._Element) -> dict[str, Decimal | None]:
    """The document's own totals, signed as the parser signs them (credit notes negative)."""
    if etree.QName(root).localname == "CrossIndustryInvoice":
        s = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"
        currency = root.xpath("string(//ram:InvoiceCurrencyCode)", namespaces=NS)
        totals = {
            "line_extension": _amount(root, s + "LineTotalAmount/text()"),
            "allowances": _amount(root, s + "AllowanceTotalAmount/text()"),
            "charges": _amount(root, s + "ChargeTotalAmount/text()"),
            "tax_exclusive": _amount(root, s + "TaxBasisTotalAmount/text()"),
            "tax": _amount(
                root, s + f"TaxTotalAmount[not(@currencyID) or @currencyID='{currency}']/text()"
            ),
            "payable": _amount(root, s + "DuePayableAmount/text()"),
        }
        sign = (
            -1
            if root.xpath("string(//rsm:ExchangedDocument/ram:TypeCode)", namespaces=NS)
            in ("381", "261")
            else 1
        )
    else:
        m = "cac:LegalMonetaryTotal/cbc:"
        currency = root.xpath("string(cbc:DocumentCurrencyCode)", namespaces=NS)
        customization = root.xpath("string(cbc:CustomizationID)", namespaces=NS)
        totals = {
            "line_extension": _amount(root, m + "LineExtensionAmount/text()"),
            "allowances": _amount(root, m + "AllowanceTotalAmount/text()"),
            "charges": _amount(root, m + "ChargeTotalAmount/text()"),
            # OIOUBL 2.0x states the VAT amount as TaxExclusiveAmount: not the net total.
            "tax_exclusive": None
            if customization.startswith("OIOUBL-2")
            else _amount(root, m + "TaxExclusiveAmount/text()"),
            "tax": _amount(root, f"cac:TaxTotal/cbc:TaxAmount[@currencyID='{currency}']/text()"),
            "payable": _amount(root, m + "PayableAmount/text()"),
        }
        sign = -1 if etree.QName(root).localname == "CreditNote" else 1
    return {k: None if v is None else sign * v for k, v in totals.items()}


@pytest.mark.parametrize("path", _corpus_files())
def test_it_parses_every_corpus_invoice_to_the_documents_own_totals(path: Path | None) -> None:
    path = _require(path)
    parsed = parse_invoice(path.read_bytes(), path.name)
    expected = _document_totals(etree.parse(str(path)).getroot())
    t = parsed.totals
    for name, value in expected.items():
        if value is not None:
            assert getattr(t, name) == value, f"{path.name}: {name}"
    assert parsed.lines, f"{path.name}: no lines"


@pytest.mark.parametrize("path", _corpus_files())
def test_it_reconciles_lines_and_allowances_to_the_payable_amount(path: Path | None) -> None:
    path = _require(path)
    parsed = parse_invoice(path.read_bytes(), path.name)
    t = parsed.totals
    line_sum = sum((line.line_amount for line in parsed.lines), Decimal(0))
    assert abs(line_sum - t.line_extension) <= ORE * len(parsed.lines), path.name
    net = line_sum - t.allowances + t.charges
    payable = net + t.tax - t.prepaid + t.rounding
    assert abs(payable - t.payable) <= ORE * len(parsed.lines), (
        f"{path.name}: lines {line_sum} - {t.allowances} + {t.charges} + VAT {t.tax}"
        f" - prepaid {t.prepaid} + rounding {t.rounding} = {payable} != {t.payable}"
    )
    assert not [w for w in parsed.warnings if "payable amount is" in w], parsed.warnings


def test_the_corpus_holds_invoices_of_every_folder() -> None:
    files = [p for p in _corpus_files() if p.values[0] is not None]  # type: ignore[attr-defined]
    if not files:
        _require(None)
    folders = {p.values[0].parent.name for p in files}  # type: ignore[attr-defined]
    assert folders == set(FOLDERS)

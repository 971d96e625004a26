"""The demo data set: deterministic, exact, and its ground truth agrees with its files.

Reads the generated invoices with lxml and Decimal only, so these tests do not depend
on the invoice parser they help to test.
"""

from __future__ import annotations

import json
import time
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lxml import etree

from monitor.demo.catalogue import HEADLINE_ITEM, MFN_MUNICIPALITIES
from monitor.demo.manifest import DemoManifest
from monitor.demo.scenario import generate_demo
from monitor.indexes.service import read_index_csv
from monitor.parties.service import read_parties_csv

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
ORE = Decimal("0.01")


def half_up(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo(out)


def _doc(root: Path, name: str) -> etree._Element:
    return etree.fromstring((root / name).read_bytes())


def _amount(el: etree._Element, path: str) -> Decimal:
    text = el.findtext(path, namespaces=NS)
    assert text is not None, path
    return Decimal(text)


def _lines(doc: etree._Element) -> dict[str, etree._Element]:
    return {ln.findtext("cbc:ID", namespaces=NS): ln for ln in doc.findall("cac:InvoiceLine", NS)}


def _normalised_price(line: etree._Element) -> Decimal:
    return _amount(line, "cac:Price/cbc:PriceAmount") / _amount(line, "cac:Price/cbc:BaseQuantity")


def test_two_runs_with_the_same_seed_write_the_same_bytes(tmp_path: Path) -> None:
    first = generate_demo(tmp_path / "a")
    second = generate_demo(tmp_path / "b")
    assert first.files == second.files
    for name in first.files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_it_writes_exactly_the_files_the_manifest_lists(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    on_disk = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert on_disk == manifest.files
    assert len([f for f in on_disk if f.startswith("contracts/")]) == 6
    assert manifest.counts["invoices"] == len([f for f in on_disk if f.startswith("invoices/")])


def test_it_is_fast(tmp_path: Path) -> None:
    began = time.perf_counter()
    generate_demo(tmp_path)
    assert time.perf_counter() - began < 5


def test_every_invoice_reconciles_to_the_ore(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    for record in manifest.invoices:
        doc = _doc(root, record.file)
        line_sum = Decimal(0)
        for line in doc.findall("cac:InvoiceLine", NS):
            quantity = _amount(line, "cbc:InvoicedQuantity")
            expected = half_up(quantity * _normalised_price(line))
            assert _amount(line, "cbc:LineExtensionAmount") == expected, record.file
            line_sum += expected
        total = _amount(doc, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount")
        tax = _amount(doc, "cac:TaxTotal/cbc:TaxAmount")
        assert total == line_sum, record.file
        assert _amount(doc, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount") == total
        assert _amount(doc, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == 25
        assert tax == half_up(total * Decimal("0.25")), record.file
        assert _amount(doc, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount") == total + tax
        assert _amount(doc, "cac:LegalMonetaryTotal/cbc:PayableAmount") == total + tax
        assert Decimal(record.payable_amount) == total + tax


def test_invoices_keep_every_other_rule_quiet(demo: tuple[Path, DemoManifest]) -> None:
    """30 days netto at most, unique numbers, inside the contract, a known buyer EAN."""
    root, manifest = demo
    eans = {
        ean: row.code
        for row in read_parties_csv((root / "parties.csv").read_text("utf-8"), filename="p")
        for ean in row.ean
    }
    numbers = [r.number for r in manifest.invoices]
    assert len(numbers) == len(set(numbers))
    for record in manifest.invoices:
        doc = _doc(root, record.file)
        issued = date.fromisoformat(doc.findtext("cbc:IssueDate", namespaces=NS))
        due = date.fromisoformat(doc.findtext("cac:PaymentMeans/cbc:PaymentDueDate", namespaces=NS))
        assert 0 <= (due - issued).days <= 30, record.file
        start = date.fromisoformat(doc.findtext("cac:InvoicePeriod/cbc:StartDate", namespaces=NS))
        end = date.fromisoformat(doc.findtext("cac:InvoicePeriod/cbc:EndDate", namespaces=NS))
        assert date(2025, 1, 1) <= start <= end <= date(2027, 12, 31), record.file
        buyer = doc.findtext("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", namespaces=NS)
        assert eans[buyer] == record.municipality_code


def test_clean_lines_bill_the_agreed_price_and_breaches_bill_more(
    demo: tuple[Path, DemoManifest],
) -> None:
    root, manifest = demo
    agreed = {
        (c.municipality_code, t["item_id"]): Decimal(t["unit_price"])
        for c in manifest.contracts
        for t in c.price_terms
    }
    breached = {(b.invoice_file, b.line_id) for b in manifest.breaches}
    clean = base_quantity_lines = 0
    for record in manifest.invoices:
        for line_id, line in _lines(_doc(root, record.file)).items():
            item = line.findtext("cac:Item/cac:SellersItemIdentification/cbc:ID", namespaces=NS)
            price = agreed[(record.municipality_code, item)]  # no unpriced item
            if (record.file, line_id) in breached:
                assert _normalised_price(line) > price * Decimal("1.25")
            else:
                assert _normalised_price(line) == price, (record.file, line_id)
                clean += 1
                base_quantity_lines += _amount(line, "cac:Price/cbc:BaseQuantity") != 1
    assert clean == manifest.counts["clean_lines"]
    assert manifest.counts["lines"] == clean + len(manifest.breaches)
    assert base_quantity_lines > 0, "some clean lines must price per a base quantity != 1"


def test_expected_overcharges_are_exact(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    assert 6 <= len(manifest.breaches) <= 10
    assert manifest.counts["breaches"] == len(manifest.breaches)
    for b in manifest.breaches:
        assert b.rule_id == "price_above_agreed"
        assert b.municipality_code not in MFN_MUNICIPALITIES
        invoiced, agreed, qty = (
            Decimal(b.invoiced_unit_price),
            Decimal(b.agreed_unit_price),
            Decimal(b.quantity),
        )
        assert Decimal(b.expected_overcharge) == half_up((invoiced - agreed) * qty)
        line = _lines(_doc(root, b.invoice_file))[b.line_id]
        assert _normalised_price(line) == invoiced
        assert _amount(line, "cbc:InvoicedQuantity") == qty
        assert line.findtext("cac:Item/cac:SellersItemIdentification/cbc:ID", namespaces=NS) == (
            b.item_id
        )
    total = sum((Decimal(b.expected_overcharge) for b in manifest.breaches), Decimal(0))
    assert manifest.total_expected_overcharge == total > 0


def test_the_same_item_costs_many_times_more_in_some_municipalities(
    demo: tuple[Path, DemoManifest],
) -> None:
    _, manifest = demo
    prices = [
        Decimal(t["unit_price"])
        for c in manifest.contracts
        for t in c.price_terms
        if t["item_id"] == HEADLINE_ITEM
    ]
    assert len(prices) == 6
    assert max(prices) / min(prices) >= 20
    for c in manifest.contracts:  # an MFN municipality pays the lowest price of every item
        if c.mfn:
            for t in c.price_terms:
                peers = [
                    Decimal(o["unit_price"])
                    for other in manifest.contracts
                    for o in other.price_terms
                    if o["item_id"] == t["item_id"]
                ]
                assert Decimal(t["unit_price"]) == min(peers)


def test_the_manifest_file_round_trips(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    data = json.loads((root / "manifest.json").read_text("utf-8"))
    assert DemoManifest.from_dict(data) == manifest
    assert data["total_expected_overcharge"] == f"{manifest.total_expected_overcharge:.2f}"
    assert any("sample data" in note for note in data["notes"])


def test_the_parties_and_index_files_import(demo: tuple[Path, DemoManifest]) -> None:
    root, _ = demo
    text = (root / "parties.csv").read_text("utf-8")
    assert text.splitlines()[0] == "kind,code,name,cvr,ean,population,finance_email,legal_email"
    assert len(read_parties_csv(text, filename="parties.csv")) == 7
    index_files = sorted(root.glob("*index*.csv"))
    assert [p.name for p in index_files] == ["index_nettoprisindeks_SAMPLE.csv"]
    rows = read_index_csv(index_files[0].read_text("utf-8"), filename=index_files[0].name)
    assert {r[0] for r in rows} == {"nettoprisindeks"}
    assert rows[-1][1] == "2026-10"


def test_it_refuses_months_outside_the_contracts_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="validity"):
        generate_demo(tmp_path / "early", start=date(2024, 6, 1))
    with pytest.raises(ValueError, match="indexed"):
        generate_demo(tmp_path / "late", start=date(2027, 10, 1), months=3)
    assert not (tmp_path / "early").exists() and not (tmp_path / "late").exists()

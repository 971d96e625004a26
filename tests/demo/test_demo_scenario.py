"""The demo data set: deterministic, exact, and its ground truth agrees with its files.

Reads the generated invoices with lxml and Decimal only, so these tests do not depend
on the invoice parser they help to test. Every deliberate defect is where the manifest
says, of the size it says, and nowhere else.
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
from monitor.demo.parties import municipality
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


ARITHMETIC = "arithmetic_mismatch"
PRICE_RULES = ("price_above_agreed", "volume_tier_not_applied", "indexation_cap_exceeded")


def _agreed(manifest: DemoManifest) -> dict[tuple[str, str], list[dict[str, str | None]]]:
    terms: dict[tuple[str, str], list[dict[str, str | None]]] = {}
    for c in manifest.contracts:
        for t in c.price_terms:
            terms.setdefault((c.municipality_code, str(t["item_id"])), []).append(t)
    return terms


def _agreed_price(terms: list[dict[str, str | None]], quantity: Decimal) -> Decimal:
    for t in terms:
        low = Decimal(t["tier_min"] or 0)
        if low <= quantity and (t["tier_max"] is None or quantity <= Decimal(t["tier_max"])):
            return Decimal(str(t["unit_price"]))
    raise AssertionError(f"no band for {quantity}")


def test_every_invoice_reconciles_to_the_ore_but_the_deliberate_errors(
    demo: tuple[Path, DemoManifest],
) -> None:
    root, manifest = demo
    wrong = {(b.invoice_file, b.line_id): b for b in manifest.breaches_for(ARITHMETIC)}
    assert {line_id is None for _, line_id in wrong} == {True, False}
    for record in manifest.invoices:
        doc = _doc(root, record.file)
        line_sum = Decimal(0)
        for line in doc.findall("cac:InvoiceLine", NS):
            quantity = _amount(line, "cbc:InvoicedQuantity")
            expected = half_up(quantity * _normalised_price(line))
            written = _amount(line, "cbc:LineExtensionAmount")
            breach = wrong.get((record.file, line.findtext("cbc:ID", namespaces=NS)))
            if breach is None:
                assert written == expected, record.file
            else:
                assert written - expected == Decimal(breach.expected_overcharge) > 0
            line_sum += written
        total = _amount(doc, "cac:LegalMonetaryTotal/cbc:LineExtensionAmount")
        tax = _amount(doc, "cac:TaxTotal/cbc:TaxAmount")
        assert total == line_sum, record.file
        assert _amount(doc, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount") == total
        assert _amount(doc, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent") == 25
        breach = wrong.get((record.file, None))
        extra = Decimal(breach.expected_overcharge) if breach else Decimal(0)
        assert tax == half_up(total * Decimal("0.25")) + extra, record.file
        assert _amount(doc, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount") == total + tax
        assert _amount(doc, "cac:LegalMonetaryTotal/cbc:PayableAmount") == total + tax
        assert Decimal(record.payable_amount) == total + tax


def test_invoices_keep_the_invoice_rules_quiet_but_where_the_manifest_says(
    demo: tuple[Path, DemoManifest],
) -> None:
    """30 days netto at most, unique numbers, inside the contract, a known buyer EAN."""
    root, manifest = demo
    eans = {
        ean: row.code
        for row in read_parties_csv((root / "parties.csv").read_text("utf-8"), filename="p")
        for ean in row.ean
    }
    late = {b.invoice_file for b in manifest.breaches_for("payment_terms")}
    outside = {b.invoice_file for b in manifest.breaches_for("outside_contract_period")}
    assert len(late) == len(outside) == 1
    resent = {b.invoice_number for b in manifest.breaches_for("duplicate_billing") if not b.line_id}
    numbers = [r.number for r in manifest.invoices]
    assert len(resent) == 1 and len(numbers) == len(set(numbers)) + len(resent)
    assert all(numbers.count(n) == 2 for n in resent)
    assert [r.file for r in manifest.invoices] == sorted(r.file for r in manifest.invoices)
    for record in manifest.invoices:
        doc = _doc(root, record.file)
        issued = date.fromisoformat(doc.findtext("cbc:IssueDate", namespaces=NS))
        due = date.fromisoformat(doc.findtext("cac:PaymentMeans/cbc:PaymentDueDate", namespaces=NS))
        days = (due - issued).days
        assert (days == 45) if record.file in late else (0 <= days <= 30), record.file
        start = date.fromisoformat(doc.findtext("cac:InvoicePeriod/cbc:StartDate", namespaces=NS))
        end = date.fromisoformat(doc.findtext("cac:InvoicePeriod/cbc:EndDate", namespaces=NS))
        inside = date(2025, 1, 1) <= start <= end <= date(2027, 12, 31)
        assert inside is (record.file not in outside), record.file
        buyer = doc.findtext("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", namespaces=NS)
        assert eans[buyer] == record.municipality_code


def test_lines_bill_the_agreed_price_but_the_deliberate_price_breaches(
    demo: tuple[Path, DemoManifest],
) -> None:
    root, manifest = demo
    terms = _agreed(manifest)
    priced = {(b.invoice_file, b.line_id): b for r in PRICE_RULES for b in manifest.breaches_for(r)}
    unpriced = {(b.invoice_file, b.line_id) for b in manifest.breaches_for("unpriced_item")}
    flagged = {(b.invoice_file, b.line_id) for b in manifest.breaches if b.line_id}
    clean = base_quantity_lines = lump_sums = 0
    for record in manifest.invoices:
        code = record.municipality_code
        for line_id, line in _lines(_doc(root, record.file)).items():
            item = line.findtext("cac:Item/cac:SellersItemIdentification/cbc:ID", namespaces=NS)
            price, qty = _normalised_price(line), _amount(line, "cbc:InvoicedQuantity")
            if (record.file, line_id) in unpriced:
                assert (code, item) not in terms
                continue
            if qty == 1 and price > 1_000_000:  # one amount for the whole municipality
                lump_sums += 1
                qty = Decimal(municipality(code).population)
                price /= qty
            agreed = _agreed_price(terms[(code, item)], qty)
            breach = priced.get((record.file, line_id))
            if breach is None:
                assert price == agreed, (record.file, line_id)
            else:
                assert price == Decimal(breach.invoiced_unit_price or 0) > agreed
            clean += (record.file, line_id) not in flagged
            base_quantity_lines += _amount(line, "cac:Price/cbc:BaseQuantity") != 1
    assert clean == manifest.counts["clean_lines"] > 0
    assert manifest.counts["lines"] == clean + len(flagged)
    assert base_quantity_lines > 0, "some clean lines must price per a base quantity != 1"
    assert lump_sums == 1


def test_expected_overcharges_are_exact(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    assert manifest.counts["breaches"] == len(manifest.breaches)
    assert len({b.key for b in manifest.breaches}) == len(manifest.breaches)
    for b in manifest.breaches:
        if b.line_id is None:
            continue
        line = _lines(_doc(root, b.invoice_file))[b.line_id]
        amount = _amount(line, "cbc:LineExtensionAmount")
        assert _normalised_price(line) == Decimal(b.invoiced_unit_price or 0)
        assert _amount(line, "cbc:InvoicedQuantity") == Decimal(b.quantity or 0)
        item_id = line.findtext("cac:Item/cac:SellersItemIdentification/cbc:ID", namespaces=NS)
        assert item_id == b.item_id
        if b.rule_id in ("unpriced_item", "duplicate_billing"):
            assert Decimal(b.expected_overcharge) == amount
        elif b.rule_id != ARITHMETIC:
            invoiced, reference = (
                Decimal(b.invoiced_unit_price or 0),
                Decimal(b.benchmark_unit_price or b.agreed_unit_price or 0),
            )
            over = half_up((invoiced - reference) * Decimal(b.quantity or 0))
            assert Decimal(b.expected_overcharge) == over > 0, b.key
    kinds = {b.rule_id: b.money_kind for b in manifest.breaches}
    assert {r for r, k in kinds.items() if k == "price_gap"} == {"price_disparity"}
    total = sum((Decimal(b.expected_overcharge) for b in manifest.breaches), Decimal(0))
    assert manifest.total_expected_overcharge + manifest.total_expected_price_gap == total
    assert manifest.total_expected_overcharge > 0 and manifest.total_expected_price_gap > 0


def test_the_same_item_costs_many_times_more_in_some_municipalities(
    demo: tuple[Path, DemoManifest],
) -> None:
    _, manifest = demo
    prices = {
        c.municipality_code: Decimal(str(t["unit_price"]))
        for c in manifest.contracts
        for t in c.price_terms
        if t["item_id"] == HEADLINE_ITEM
    }
    assert len(set(prices.values())) == 5
    assert max(prices.values()) / min(prices.values()) == 26
    lowest: dict[str, Decimal] = {}
    for c in manifest.contracts:
        for t in c.price_terms:
            item = str(t["item_id"])
            lowest[item] = min(lowest.get(item, Decimal("Infinity")), Decimal(str(t["unit_price"])))
    for c in manifest.contracts:
        assert c.mfn is (c.municipality_code in MFN_MUNICIPALITIES)
        dearer = {str(t["item_id"]) for t in c.price_terms
                  if Decimal(str(t["unit_price"])) > lowest[str(t["item_id"])]}  # fmt: skip
        if c.municipality_code == "461":  # Odense's clause is kept: the lowest price of all
            assert dearer == set()
        if c.municipality_code == "751":  # Aarhus' is not
            assert dearer == {"KD-1020", "KD-2020"}
            assert {b.item_id for b in manifest.breaches_for("mfn_breach")} == dearer


def test_the_manifest_file_round_trips(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    data = json.loads((root / "manifest.json").read_text("utf-8"))
    assert DemoManifest.from_dict(data) == manifest
    assert data["total_expected_overcharge"] == f"{manifest.total_expected_overcharge:.2f}"
    assert data["total_expected_price_gap"] == f"{manifest.total_expected_price_gap:.2f}"
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
    with pytest.raises(ValueError, match="at least 3"):
        generate_demo(tmp_path / "short", months=2)
    with pytest.raises(ValueError, match="validity"):
        generate_demo(tmp_path / "early", start=date(2024, 6, 1))
    with pytest.raises(ValueError, match="indexed"):
        generate_demo(tmp_path / "late", start=date(2027, 10, 1), months=3)
    assert not any((tmp_path / name).exists() for name in ("short", "early", "late"))

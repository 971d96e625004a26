"""PDF invoices: field accuracy on real PDFs, golden files, Factur-X attachments.

The real PDFs are in ``shared/corpus/pdf-invoices`` with invoice2data's expected
JSON; its field names are mapped here to ours. Golden files are our own JSON
(``tests/fixtures/invoices/golden/*.expected.json``); set
``PRISVAGT_UPDATE_GOLDEN=1`` to rewrite them after a deliberate change.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.errors import HostileInput, ParseError
from extractors.invoices import detect_format, invoice_to_dict, parse_invoice
from extractors.types import ParsedInvoice
from tests.extractors.invoices.ubl_samples import CII, XXE
from tests.shared_corpus import SHARED

REPO = Path(__file__).resolve().parents[3]
PDFS = SHARED / "corpus" / "pdf-invoices"
INVOICES = SHARED / "corpus" / "invoices"
GOLDEN = REPO / "tests" / "fixtures" / "invoices" / "golden"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _corpus(path: Path) -> Path:
    if not path.exists():
        message = f"the shared corpus is not at {path.resolve()}"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: the corpus must be present)")
        pytest.skip(message)
    return path


def _plain(value: object) -> str:
    return re.sub(r"[\s#.]", "", str(value)).lower()


def _same_amount(expected: object, got: Decimal) -> bool:
    return Decimal(str(expected)).quantize(Decimal("0.01")) == got


# invoice2data field -> how to read ours and compare.
FIELDS: dict[str, Callable[[Any, ParsedInvoice], bool]] = {
    "invoice_number": lambda e, p: _plain(e) == _plain(p.number),
    "date": lambda e, p: e == p.issue_date.isoformat(),
    "date_due": lambda e, p: p.due_date is not None and e == p.due_date.isoformat(),
    "currency": lambda e, p: e == p.currency,
    "amount": lambda e, p: _same_amount(e, p.totals.payable),
    "amount_untaxed": lambda e, p: _same_amount(e, p.totals.tax_exclusive),
    "amount_tax": lambda e, p: _same_amount(e, p.totals.tax),
    "vat": lambda e, p: p.supplier.vat is not None and _plain(e) == _plain(p.supplier.vat),
    "issuer": lambda e, p: (
        bool(p.supplier.name)
        and (_plain(p.supplier.name) in _plain(e) or _plain(e) in _plain(p.supplier.name))
    ),
}


def _line_hits(expected: dict[str, Any], parsed: ParsedInvoice) -> tuple[int, int]:
    wanted = [
        Decimal(str(line.get("price_unit", line.get("price"))))
        for line in expected.get("lines", [])
        if line.get("price_unit", line.get("price")) is not None
    ]
    got = [line.unit_price for line in parsed.lines]
    # prices printed incl. VAT are read excl. VAT (the warning gives the divisor): the
    # printed price is compared with what was read times that divisor, to the øre
    divisor = next(
        (Decimal(w.rsplit(" ", 1)[1]) for w in parsed.warnings if "prices include VAT" in w),
        None,
    )
    if divisor is not None:
        got = [(price * divisor).quantize(Decimal("0.01")) for price in got]
    hits = 0
    for price in wanted:
        if price in got:
            got.remove(price)
            hits += 1
    return hits, len(wanted)


def test_it_reads_real_pdf_invoices_with_a_sensible_accuracy() -> None:
    folder = _corpus(PDFS)
    scores: dict[str, list[int]] = {name: [0, 0] for name in [*FIELDS, "lines[].price_unit"]}
    for pdf in sorted(folder.glob("*.pdf")):
        expected = json.loads(pdf.with_suffix(".json").read_text("utf-8"))[0]
        parsed = parse_invoice(pdf.read_bytes(), pdf.name)
        for name, same in FIELDS.items():
            if expected.get(name) not in (None, "") and not isinstance(expected.get(name), int):
                scores[name][0] += same(expected[name], parsed)
                scores[name][1] += 1
        hits, wanted = _line_hits(expected, parsed)
        scores["lines[].price_unit"][0] += hits
        scores["lines[].price_unit"][1] += wanted
    print("\nPDF field accuracy (invoice2data ground truth):")
    for name, (right, total) in scores.items():
        print(
            f"  {name:20} {right:3}/{total:<3} {right / total:6.0%}" if total else f"  {name:20} -"
        )
    right = sum(r for r, _ in scores.values())
    total = sum(t for _, t in scores.values())
    print(f"  {'all fields':20} {right:3}/{total:<3} {right / total:6.0%}")
    floors = {"invoice_number": 0.8, "date": 0.9, "amount": 0.9, "currency": 0.9}
    for name, floor in floors.items():
        r, t = scores[name]
        assert r / t >= floor, f"{name}: {r}/{t} below {floor:.0%}"
    assert scores["lines[].price_unit"][0] / scores["lines[].price_unit"][1] >= 0.7
    assert right / total >= 0.85


def test_it_prefers_the_xml_embedded_in_a_pdf() -> None:
    pdf = _corpus(PDFS / "AzureInterior.pdf")
    data = pdf.read_bytes()
    assert detect_format(data, pdf.name) == "facturx"
    parsed = parse_invoice(data, pdf.name)
    assert parsed.warnings[0] == "read from the XML invoice UBL-Invoice-2.1.xml embedded in the PDF"
    assert parsed.number == "INV/2023/03/0008"
    assert parsed.totals.payable == Decimal("279.84")


def _with_attachment(name: str, payload: bytes) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument((GOLDEN / "danish_invoice.pdf").read_bytes())
    pdf.new_attachment(name).set_data(payload)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def test_it_reads_the_factur_x_xml_instead_of_the_pdf_text() -> None:
    data = _with_attachment("factur-x.xml", CII)
    assert detect_format(data, "fx.pdf") == "facturx"
    parsed = parse_invoice(data, "fx.pdf")
    assert (parsed.format, parsed.number) == ("facturx", "CII-7")  # not the text's 2026-0042
    assert parsed.totals.payable == Decimal("-2375.00")


def test_it_refuses_hostile_xml_embedded_in_a_pdf() -> None:
    data = _with_attachment("factur-x.xml", XXE)
    with pytest.raises(HostileInput, match=r"fx\.pdf \(embedded factur-x\.xml\): .*DOCTYPE"):
        parse_invoice(data, "fx.pdf")


def _golden(name: str, data: bytes) -> None:
    out = invoice_to_dict(parse_invoice(data, name))
    path = GOLDEN / f"{name}.expected.json"
    if os.environ.get("PRISVAGT_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert out == json.loads(path.read_text("utf-8"))


def test_golden_danish_pdf_invoice() -> None:
    _golden("danish_invoice.pdf", (GOLDEN / "danish_invoice.pdf").read_bytes())


def test_golden_dutch_pdf_invoice_from_the_corpus() -> None:
    _golden("coolblue1.pdf", _corpus(PDFS / "coolblue1.pdf").read_bytes())


def test_golden_oioubl_invoice_from_the_corpus() -> None:
    path = _corpus(INVOICES / "oioubl-2.02" / "BASPRO_01_01_00_Invoice_v2p2.xml")
    _golden("BASPRO_01_01_00_Invoice_v2p2.xml", path.read_bytes())


def test_the_danish_fixture_is_the_rendered_one() -> None:
    from tests.extractors.invoices.render_pdf import render

    assert render() == (GOLDEN / "danish_invoice.pdf").read_bytes()


def test_it_refuses_a_pdf_without_text() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.rect(72, 72, 200, 200)
    page.save()
    with pytest.raises(ParseError, match=r"scan\.pdf: the PDF has no text layer"):
        parse_invoice(buffer.getvalue(), "scan.pdf")


def test_it_reads_values_printed_under_their_labels() -> None:
    from extractors.invoices.pdf import parse_lines
    from extractors.invoices.pdflayout import layout_lines

    def word(text: str, x0: float, top: float) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top}

    page = [
        word("Kundenr.", 72, 100), word("Fakturanr.", 160, 100), word("Fakturadato", 260, 100),
        word("Forfaldsdato", 360, 100),
        word("77", 72, 114), word("2026-0042", 160, 114), word("15.01.2026", 260, 114),
        word("14.02.2026", 360, 114),
        word("Momsgrundlag", 72, 200), word("Momsbeløb", 200, 200), word("I", 300, 200),
        word("alt", 310, 200), word("DKK", 330, 200),
        word("1.000,00", 72, 214), word("250,00", 200, 214), word("1.250,00", 330, 214),
    ]  # fmt: skip
    lines, layout = layout_lines([page])
    assert lines[0] == "Kundenr. Fakturanr. Fakturadato Forfaldsdato"
    parsed = parse_lines(lines, "kolonner.pdf", layout)
    assert parsed.number == "2026-0042"
    assert (parsed.issue_date.isoformat(), parsed.due_date and parsed.due_date.isoformat()) == (
        "2026-01-15",
        "2026-02-14",
    )
    t = parsed.totals
    assert (t.tax_exclusive, t.tax, t.payable) == (
        Decimal("1000.00"),
        Decimal("250.00"),
        Decimal("1250.00"),
    )


def _lines_of(rows: list[tuple[str, ...]]) -> list[str]:
    return [" ".join(row) for row in rows]


def test_prices_printed_incl_vat_are_read_excl_vat_when_they_add_up_to_the_gross() -> None:
    """A PDF invoice whose columns print unit prices and amounts incl. VAT (they add up to
    the total incl. VAT, not to the total excl. VAT) is read with its prices excl. VAT:
    each divided by 1 + the invoice's own VAT rate, the amounts then adding up to its
    total excl. VAT to the øre, and a warning says so. Lines that add up to the total
    excl. VAT are left as printed."""
    from extractors.invoices.pdf import parse_lines
    from extractors.invoices.validate import reconcile

    head = [
        ("Vognmand Test ApS",),
        ("FAKTURA",),
        ("Fakturanr. VT-118",),
        ("Fakturadato 03-03-2026",),
        ("Forfaldsdato 02-04-2026",),
        ("CVR-nr. 12345674",),
    ]
    gross = [
        ("Varenr.", "Beskrivelse", "Antal", "Enhed", "Enhedspris inkl. moms", "Beløb inkl. moms"),
        ("T-4", "Siddende kørsel, marts", "120", "stk", "99,99", "11.998,80"),
        ("T-9", "Ventetid", "3", "timer", "437,50", "1.312,50"),
        ("I alt inkl. moms", "13.311,30"), ("Heraf moms 25 %", "2.662,26"),
        ("Beløb ekskl. moms", "10.649,04"),
    ]  # fmt: skip
    parsed = parse_lines(_lines_of(head + gross), "vt-118.pdf")
    got = [(ln.item_id, ln.unit_price, ln.line_amount) for ln in parsed.lines]
    assert got == [
        ("T-4", Decimal("79.992000"), Decimal("9599.04")),
        ("T-9", Decimal("350.00"), Decimal("1050.00")),
    ]
    assert parsed.totals.tax_exclusive == Decimal("10649.04")
    assert any("prices include VAT" in w and "divided by 1.25" in w for w in parsed.warnings)
    assert not [w for w in reconcile(parsed) if "add up" in w]
    net = [
        ("Varenr.", "Beskrivelse", "Antal", "Enhed", "Enhedspris", "Beløb"),
        ("T-9", "Ventetid", "3", "timer", "350,00", "1.050,00"),
        ("Subtotal", "1.050,00"), ("Moms 25 %", "262,50"), ("I alt DKK", "1.312,50"),
    ]  # fmt: skip
    plain = parse_lines(_lines_of(head + net), "vt-119.pdf")
    assert [(ln.unit_price, ln.line_amount) for ln in plain.lines] == [
        (Decimal("350.00"), Decimal("1050.00"))
    ]
    assert not any("prices include VAT" in w for w in plain.warnings)

"""PDF invoices from an independent review of the invoice reading (its documents
rewritten here with invented names and figures): the buyer's CVR number printed first
was read as the supplier's, a line's discount left the list price as the unit price (a
false overcharge against a contract at the net price), due dates under labels not
known."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.invoices import parse_invoice
from extractors.invoices.pdf import parse_lines

D = Decimal


def _pdf(lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 9)
    y = 800
    for line in lines:
        canvas.drawString(50, y, line)
        y -= 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


HEAD = [
    "FAKTURA",
    "Rengøringsgrossisten Nord ApS",
    "Kunde:",
    "Skovlund Kommune",
    "Torvet 2, 7100 Skovlund",
    "CVR-nr.: 29189986",
    "Fakturanr.: 30117",
    "Fakturadato: 02.02.2026",
    "Forfaldsdato: 04.03.2026",
]
FOOT = ["Rengøringsgrossisten Nord ApS - Havnevej 4, 9000 Aalborg - CVR-nr. 41377205"]


def test_the_buyers_number_printed_first_is_not_the_suppliers() -> None:
    lines = [
        *HEAD,
        "Beskrivelse Antal Enhedspris Beløb",
        "Gulvsæbe 5 L 10 98,00 980,00",
        "Subtotal 980,00",
        "Moms 25 % 245,00",
        "I alt DKK 1.225,00",
        *FOOT,
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    assert parsed.supplier.cvr == "41377205"
    assert parsed.supplier.name == "Rengøringsgrossisten Nord ApS"
    assert parsed.buyer.cvr == "29189986"


def test_a_line_discount_is_taken_into_the_unit_price() -> None:
    """ "Pris | Rabat % | Beløb": 30 x 80,00 less 10 % is 2.160,00, a unit 72,00: the
    price compared with the contract's is the one paid."""
    data = _pdf([
        *HEAD,
        "Varenr. Beskrivelse Antal Enhed Pris Rabat % Beløb",
        "RG-101 Gulvsæbe 5 L 30 dunk 80,00 10 2.160,00",
        "RG-102 Mikrofiberklud 40 stk 7,40 15 251,60",
        "RG-103 Affaldssække 20 rl 36,00 0 720,00",
        "Subtotal 3.131,60",
        "Moms 25 % 782,90",
        "I alt DKK 3.914,50",
        *FOOT,
    ])  # fmt: skip
    parsed = parse_invoice(data, "faktura.pdf")
    read = [(ln.item_id, ln.quantity, ln.unit_price, ln.line_amount, ln.price_amount)
            for ln in parsed.lines]  # fmt: skip
    assert read == [
        ("RG-101", D("30"), D("72"), D("2160.00"), D("80.00")),
        ("RG-102", D("40"), D("6.29"), D("251.60"), D("7.40")),
        ("RG-103", D("20"), D("36.00"), D("720.00"), D("36.00")),
    ]
    assert all(ln.allowances == 0 for ln in parsed.lines)
    assert any("line 1: its discount of 240.00 is taken into its unit price" in w
               for w in parsed.warnings)  # fmt: skip
    assert not any("x unit price" in w for w in parsed.warnings)  # the lines add up


@pytest.mark.parametrize(
    "label",
    ["Betalingsdato:", "Betales senest:", "Forfalder:", "Sidste rettidige betalingsdato:"],
)
def test_due_date_labels(label: str) -> None:
    lines = [*HEAD[:7], "Fakturadato: 02.02.2026", f"{label} 04.03.2026",
             "Beskrivelse Antal Enhedspris Beløb", "Gulvsæbe 5 L 10 98,00 980,00",
             "Moms 25 % 245,00", "I alt DKK 1.225,00", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    assert (parsed.issue_date, parsed.due_date) == (date(2026, 2, 2), date(2026, 3, 4))


def test_a_price_per_hundred_is_a_price_per_hundred_units() -> None:
    """ "Pris pr. 100": 3.000 gloves at 36,00 a hundred are 1.080,00; the invoice had no
    lines at all."""
    lines = [*HEAD, "Varenr. Tekst Antal Enhed Pris pr. 100 Beløb",
             "400127 Nitrilhandske str. M 3.000 stk 36,00 1.080,00",
             "512003 Engangsforklæde 600 stk 23,50 141,00",
             "610022 Håndcreme 500 ml 10 stk 41,50 415,00",
             "Subtotal 1.636,00", "Moms 25 % 409,00", "I alt DKK 2.045,00", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    read = [(ln.item_id, ln.quantity, ln.unit_price, ln.line_amount) for ln in parsed.lines]
    assert read == [
        ("400127", D("3000"), D("0.36"), D("1080.00")),
        ("512003", D("600"), D("0.235"), D("141.00")),
        ("610022", D("10"), D("41.50"), D("415.00")),  # a price that adds up per unit
    ]
    assert [ln.base_quantity for ln in parsed.lines][:2] == [D("100"), D("100")]


def test_a_quantity_glued_to_its_sales_unit() -> None:
    """A column gap the printer dropped: "4ture", "12sække", "3ks"."""
    lines = [*HEAD, "Beskrivelse AntalEnhed Pris Beløb",
             "Kørsel 4ture 210,00 840,00", "Vejsalt 25 kg 12sække 82,00 984,00",
             "Kopipapir 3ks 210,00 630,00",
             "Subtotal 2.454,00", "Moms 25 % 613,50", "I alt DKK 3.067,50", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    assert [(ln.description, ln.quantity, ln.unit_price) for ln in parsed.lines] == [
        ("Kørsel", D("4"), D("210.00")),
        ("Vejsalt 25 kg", D("12"), D("82.00")),
        ("Kopipapir", D("3"), D("210.00")),
    ]


def test_a_short_item_number_under_an_item_number_column() -> None:
    """Under "Varenr.", "1001 Æbler" bills item 1001 (a position number elsewhere)."""
    lines = [*HEAD, "Varenr. Beskrivelse Antal Enhed Pris Beløb",
             "1001 Æbler Ingrid Marie 20 kg 18,50 370,00", "220 Gulerødder 15 kg 9,00 135,00",
             "Subtotal 505,00", "Moms 25 % 126,25", "I alt DKK 631,25", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    assert [(ln.item_id, ln.description) for ln in parsed.lines] == [
        ("1001", "Æbler Ingrid Marie"),
        ("220", "Gulerødder"),
    ]
    lines[len(HEAD)] = "Pos. Beskrivelse Antal Enhed Pris Beløb"
    lines[len(HEAD) + 1] = "1 Æbler Ingrid Marie 20 kg 18,50 370,00"
    lines[len(HEAD) + 2] = "2 Gulerødder 15 kg 9,00 135,00"
    parsed = parse_lines(lines, "faktura.pdf")
    assert [(ln.item_id, ln.description) for ln in parsed.lines] == [
        (None, "Æbler Ingrid Marie"),
        (None, "Gulerødder"),
    ]


@pytest.mark.parametrize(
    ("printed", "period"),
    [
        ("Periode: 01.01.2026 - 31.01.2026", (date(2026, 1, 1), date(2026, 1, 31))),
        ("Faktureringsperiode: februar 2026", (date(2026, 2, 1), date(2026, 2, 28))),
        ("Billing period: December 2025", (date(2025, 12, 1), date(2025, 12, 31))),
        ("Betalingsperiode: 30 dage", (None, None)),
        ("Payment period: 30 days", (None, None)),
    ],
)
def test_the_period_an_invoice_bills(printed: str, period: tuple[date | None, ...]) -> None:
    """Printed above the lines: the rules price the lines by it (a contract's last month
    billed after the contract ended is billed inside it)."""
    lines = [*HEAD[:8], printed, "Beskrivelse Antal Enhedspris Beløb",
             "Drift af løsning 1 4.000,00 4.000,00", "Moms 25 % 1.000,00",
             "I alt DKK 5.000,00", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    assert (parsed.period_start, parsed.period_end) == period


def test_a_description_set_around_its_rows_line() -> None:
    """A cell centred on its row: the description's lines above and below the figures',
    or the row's line holding only the item's number."""
    lines = [*HEAD, "Vare Beskrivelse AntalEnhed Enhedspris I alt",
             "Levering 1: Nordskolen, uge 12",
             "Skrivebord 140x70 cm, hæve-sænke,",
             "MB-2210 hvid bordplade, stel i 12stk 3.150,00 37.800,00",
             "sort",
             "Kontorstol, høj ryg,",
             "MB-3305 6stk 1.890,00 11.340,00",
             "armlæn og nakkestøtte",
             "Subtotal 49.140,00", "Moms 25 % 12.285,00", "I alt DKK 61.425,00", *FOOT]  # fmt: skip
    parsed = parse_lines(lines, "faktura.pdf")
    assert [(ln.item_id, ln.description) for ln in parsed.lines] == [
        ("MB-2210", "Skrivebord 140x70 cm, hæve-sænke, hvid bordplade, stel i sort"),
        ("MB-3305", "Kontorstol, høj ryg, armlæn og nakkestøtte"),
    ]

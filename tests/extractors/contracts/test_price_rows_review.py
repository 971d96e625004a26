"""Price rows from an independent review of the price reading (its documents rewritten
here with invented items and prices): cells wrapped in a ruled table's narrow columns
read as two rows (the price cut to its first digits, the item number to its first
line), discontinued items enforced, an item number written in the description left in
it, a unit guessed from the description beside a unit cell not read."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.types import ContractTerms, Unit

HEAD = [
    "Rammeaftale om brandmateriel",
    "Aftalen er indgået mellem Skovlund Kommune, CVR-nr. 29189986, og",
    "Brandsikring Nord ApS, CVR-nr. 25961417.",
    "Aftalen gælder fra 1. marts 2026 til 28. februar 2028.",
    "Bilag 2 Priser",
]
#: the columns' left edges and the table's right edge
EDGES = (60, 120, 330, 380, 440)


def _ruled(rows: list[list[list[str]]]) -> ContractTerms:
    """A table drawn with every border, each row's cells given line by line (a cell
    wrapped in its narrow column over two lines); the first row is the header."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 9)
    y = 800.0
    for line in HEAD:
        canvas.drawString(60, y, line)
        y -= 16
    y -= 6
    top = y + 11
    canvas.line(EDGES[0], top, EDGES[-1], top)
    for row in rows:
        height = max(len(cell) for cell in row)
        for x, cell in zip(EDGES, row, strict=False):
            for k, text in enumerate(cell):
                canvas.drawString(x + 2, y - 11 * k, text)
        bottom = y - 11 * (height - 1) - 4
        canvas.line(EDGES[0], bottom, EDGES[-1], bottom)
        y = bottom - 11
    for x in EDGES:
        canvas.line(x, top, x, bottom)
    canvas.showPage()
    canvas.save()
    return extract_contract(buffer.getvalue(), "bilag.pdf")


HEADER = [["Varenr."], ["Beskrivelse"], ["Enhed"], ["Pris"]]


def test_cells_wrapped_in_narrow_ruled_columns_are_one_row() -> None:
    terms = _ruled([
        HEADER,
        [["QX/71/3", "114"], ["Nødlys LED, 3 timer"], ["stk"], ["DKK 1", "275,00"]],
        [["5510-33", "00-18"], ["Røgalarm, 10 år"], ["stk"], ["DKK 212,00"]],
        [["SV-EFT"], ["Eftersyn af slukkere"], ["time"], ["DKK 14", "380,00"]],
    ])  # fmt: skip
    read = {(t.item_id, t.unit_price, t.unit) for t in terms.price_terms}
    assert read == {
        ("QX/71/3114", Decimal("1275.00"), Unit.PIECE),
        ("5510-3300-18", Decimal("212.00"), Unit.PIECE),
        ("SV-EFT", Decimal("14380.00"), Unit.HOUR),
    }
    assert not terms.unread_prices


def test_a_discontinued_item_is_shown_for_review_not_enforced() -> None:
    terms = _ruled([
        HEADER,
        [["MK-10"], ["Skolemælk, let"], ["stk"], ["3,45"]],
        [["MK-11"], ["Skolemælk, sød (udgået)"], ["stk"], ["3,60"]],
        [["MK-12"], ["Kakaomælk (UDGÅR pr. 1. maj 2026)"], ["stk"], ["4,10"]],
    ])  # fmt: skip
    assert [t.item_id for t in terms.price_terms] == ["MK-10"]
    assert [(u.text.split(" | ")[0], u.reason) for u in terms.unread_prices] == [
        ("MK-11", "the item is marked as discontinued"),
        ("MK-12", "the item is marked as discontinued"),
    ]


def test_an_item_number_in_the_description_is_the_items_number() -> None:
    terms = _ruled([
        [["Pos."], ["Produkt"], ["Enhed"], ["Pris"]],
        [["1"], ["Toner sort (varenr. 5832-11)"], ["stk"], ["612,00"]],
        [["2"], ["Tromle, varenr.: TR-40"], ["stk"], ["1.140,00"]],
        [["3"], ["Papir A4 80 g"], ["pakke"], ["31,50"]],
    ])  # fmt: skip
    read = {(t.item_id, t.description) for t in terms.price_terms}
    assert read == {("5832-11", "Toner sort"), ("TR-40", "Tromle"), (None, "Papir A4 80 g")}


def test_a_unit_guessed_beside_a_unit_cell_not_read_is_for_review() -> None:
    terms = _ruled([
        HEADER,
        [["EF-1"], ["Årligt eftersyn"], ["lokation"], ["1.250,00"]],
        [["EF-2"], ["Opfølgende eftersyn"], ["stk"], ["450,00"]],
    ])  # fmt: skip
    confidence = {t.item_id: t.confidence for t in terms.price_terms}
    assert confidence["EF-1"] < 0.8 <= confidence["EF-2"]


def test_the_contracts_value_and_late_payment_interest_are_no_prices_to_review() -> None:
    """Sentences about an estimated value or the interest and fees of late payment hold
    amounts that are no agreed prices: not listed as prices not read."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 9)
    y = 800.0
    for line in [
        *HEAD[:4],
        "Kontraktens samlede værdi anslås til kr. 1.750.000 ekskl. moms.",
        "Ved for sen betaling kan Leverandøren opkræve rente efter renteloven og et",
        "rykkergebyr på kr. 100.",
        "Bilag 2 Priser",
    ]:
        canvas.drawString(60, y, line)
        y -= 14
    for row in (["Varenr.", "Beskrivelse", "Enhed", "Pris"], ["MK-10", "Skolemælk", "stk", "3,45"],
                ["MK-11", "Kakaomælk", "stk", "4,10"]):  # fmt: skip
        for x, cell in zip(EDGES, row, strict=False):
            canvas.drawString(x, y, cell)
        y -= 14
    canvas.showPage()
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "kontrakt.pdf")
    assert [t.item_id for t in terms.price_terms] == ["MK-10", "MK-11"]
    assert terms.unread_prices == []

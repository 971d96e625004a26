"""Ordinary wordings and layouts an independent review of the probe fixes found read
wrong with confidence (session 15): a surcharge column taken for a list price, hours,
sizes and years taken for volume bands, "50 procent" for an amount, a sack's weight for
a price per kilogram, a caption glued into the table's header, a contact person taken
for a party, a price in one band's column taken for every band's."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.contracts.parties import read_parties
from extractors.contracts.pdf import PageText
from extractors.contracts.prices.cells import _band, amount, read_row, unit_in_cell
from extractors.contracts.prices.columns import read_tables
from extractors.contracts.prices.layout import Cell, Line, Word
from extractors.contracts.prices.rows import RowContext
from extractors.types import ExtractedPriceTerm, Unit

CTX = RowContext(language="da")


def _line(top: float, cells: list[tuple[float, str]], height: float = 10) -> Line:
    words: list[Word] = []
    parts: list[Cell] = []
    for x, text in cells:
        own = []
        for w in text.split():
            word = Word(x, x + len(w) * 5, top, top + height, w)
            own.append(word)
            words.append(word)
            x += len(w) * 5 + 3
        parts.append(Cell(own))
    return Line(words, parts)


def _read(lines: list[Line]) -> list[tuple[list[str], list[ExtractedPriceTerm]]]:
    out = []
    for table in read_tables(lines, 1, "da", None):
        for row in table.rows:
            found = read_row(table.columns, row, 1, CTX, table.style)
            out.append((row.cells, found if isinstance(found, list) else []))
    return out


HEADER = [(50, "Varenr."), (120, "Beskrivelse"), (300, "Enhed"), (380, "Pris")]
ROWS = [[(50, "A-100"), (120, "Kaffe"), (300, "stk."), (380, "100,00")],
        [(50, "B-200"), (120, "Te"), (300, "pk."), (380, "45,00")]]  # fmt: skip


@pytest.mark.parametrize(
    "caption",
    [
        [(50, "Priser")],
        [(50, "Kategori:"), (120, "Kaffe og te")],
        [(50, "Tabel 1"), (300, "Priser ekskl. moms")],
    ],
)
def test_a_caption_just_above_the_header_stays_out_of_it(caption: list) -> None:
    lines = [_line(0, caption), _line(12, HEADER), _line(30, ROWS[0]), _line(48, ROWS[1])]
    read = _read(lines)
    assert [(t[0].item_id, t[0].description, t[0].unit_price) for _, t in read] == [
        ("A-100", "Kaffe", Decimal("100.00")),
        ("B-200", "Te", Decimal("45.00")),
    ]


def test_two_prices_for_two_conditions_are_for_review() -> None:
    """'Normalpris | Akutpris': the first is no list price, and nothing says which is the
    agreed one; the row is read as before, for review."""
    header = [(50, "Ydelse"), (200, "Enhed"), (300, "Normalpris"), (400, "Akutpris")]
    row = [(50, "Konsulent"), (200, "pr. time"), (300, "800,00"), (400, "1.200,00")]
    ((_, terms),) = _read([_line(0, header), _line(20, row)])
    assert [(t.unit_price, t.confidence < 0.8) for t in terms] == [(Decimal("800.00"), True)]


@pytest.mark.parametrize("text", ["Kl. 8-16", "2025-2026", "Str. 36-40", "0-3 mdr", "08-16",
                                  "22-08", "Ø 10-20 mm", "1-3 dage"])  # fmt: skip
def test_hours_sizes_periods_and_years_are_no_volume_bands(text: str) -> None:
    assert _band(text, "da", bare=True) is None


@pytest.mark.parametrize(
    ("text", "band"),
    [("1-9", ("1", "9")), ("1-10 packs", ("1", "10")), ("50 og derover", ("50", None)),
     ("1.000+", ("1000", None))],
)  # fmt: skip
def test_bands_that_count_are_volume_bands(text: str, band: tuple) -> None:
    low, high = band
    assert _band(text, "da", bare=True) == (Decimal(low), high and Decimal(high))


@pytest.mark.parametrize("text", ["50 procent", "25 produkter", "100 pris", "10 per cent"])
def test_a_number_and_a_word_is_no_amount(text: str) -> None:
    assert amount(text, None, "da") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("kg", Unit.KG), ("pr. kg", Unit.KG), ("Kilo", Unit.KG), ("Sæk 25 kg", Unit.PIECE),
     ("Spand (10 kg)", Unit.PIECE), ("bakke à 30", Unit.PIECE)],
)  # fmt: skip
def test_kg_is_the_unit_only_when_the_cell_is_the_unit_of_weight(text: str, unit: Unit) -> None:
    """A sack, a bucket, a tray of eggs is the unit sold, priced per piece, whatever it
    weighs or holds; only "kg" itself prices by weight."""
    assert unit_in_cell(text) is unit


def test_a_contact_person_under_a_role_label_is_no_party() -> None:
    lines = ["1. Parties", "Central Denmark Region", "Skottenborg 26",
             "Customer Contact Person Anna Jensen", "and", "Datavej Systems ApS",
             "Åboulevarden 70", "8000 Aarhus C"]  # fmt: skip
    found = read_parties([PageText(1, lines)])
    assert [p.name for p in found] == ["Central Denmark Region", "Datavej Systems ApS"]


def test_a_price_in_one_band_column_is_that_bands_price() -> None:
    header = [(50, "Vare"), (150, "Enhed"), (250, "1-9 stk"), (330, "10-49 stk"), (410, "50+ stk")]
    rows = [
        [(50, "Kaffe"), (150, "stk."), (250, "100,00"), (330, "-"), (410, "-")],
        [(50, "Te"), (150, "stk."), (250, "-"), (330, "90,00"), (410, "80,00")],
    ]
    read = _read([_line(0, header), _line(20, rows[0]), _line(38, rows[1])])
    got = [(t.description, t.unit_price, t.tier_min, t.tier_max) for _, ts in read for t in ts]
    assert got == [
        ("Kaffe", Decimal("100.00"), Decimal(1), Decimal(9)),
        ("Te", Decimal("90.00"), Decimal(10), Decimal(49)),
        ("Te", Decimal("80.00"), Decimal(50), None),
    ]

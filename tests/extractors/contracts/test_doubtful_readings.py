"""Readings that cannot be right are shown for review, never enforced: a volume band
whose lower bound is above its upper ("100-50", a misprint or a misread) is held back
with the rest of the row read as printed."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.types import REVIEW_CONFIDENCE

LINES = [
    ("KONTRAKT OM LEVERING AF KONTORARTIKLER", 16),
    ("Kunde: Odder Kommune, CVR-nr. 32264328", 10),
    ("Leverandør: Papir og Pen ApS, CVR-nr. 12345674", 10),
    ("§ 1 Varighed", 12),
    ("Kontrakten gælder fra 1. april 2026 til 31. marts 2028.", 10),
    ("§ 2 Priser", 12),
    ("Alle priser er i kr. ekskl. moms.", 10),
    (["Varenr.", "Beskrivelse", "Antal", "Enhed", "Pris"], 10),
    (["K-10", "Kuglepen, blå", "1-49", "stk.", "4,50"], 10),
    (["K-10", "Kuglepen, blå", "100-50", "stk.", "3,95"], 10),
    (["K-20", "Notesblok A5", "1-49", "stk.", "12,00"], 10),
]
COLUMNS = (72, 130, 280, 340, 420)


def _pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for text, size in LINES:
        canvas.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        if isinstance(text, list):
            for x, cell in zip(COLUMNS, text, strict=True):
                canvas.drawString(x, y, cell)
        else:
            canvas.drawString(72, y, text)
        y -= size + 10
    canvas.save()
    return buffer.getvalue()


def test_a_band_that_runs_backwards_is_for_review() -> None:
    terms = extract_contract(_pdf(), "kontorartikler.pdf")
    read = {(t.item_id, t.tier_min, t.tier_max): t for t in terms.price_terms}
    assert set(read) == {
        ("K-10", Decimal(1), Decimal(49)),
        ("K-10", Decimal(100), Decimal(50)),
        ("K-20", Decimal(1), Decimal(49)),
    }
    backwards = read[("K-10", Decimal(100), Decimal(50))]
    assert backwards.unit_price == Decimal("3.95")
    assert backwards.confidence < REVIEW_CONFIDENCE
    assert terms.needs_review
    assert any("K-10" in reason for reason in terms.review_reasons)
    # the rows that make sense stay enforceable
    assert read[("K-20", Decimal(1), Decimal(49))].confidence >= REVIEW_CONFIDENCE


def test_an_item_over_several_band_rows_keeps_its_wrapped_name() -> None:
    """An item cell spanning its bands' rows centres its wrapped name between two of them
    (the lines overlap): the rows are still told apart by their own gap, and the name
    is the item's, not the next band row's."""
    from tests.extractors.contracts.test_review_cases import _line

    header = [(50, "Varenr."), (110, "Produkt"), (230, "Mængdeinterval"), (320, "Enhed"),
              (380, "Pris")]  # fmt: skip
    lines = [
        _line(0, header),
        _line(22, [(50, "20.100"), (110, "Havregryn,"), (320, "kg"), (380, "18,00")]),
        _line(34, [(110, "økologiske")]),
        _line(
            56,
            [
                (50, "20.110"),
                (110, "Kartofler, faste,"),
                (230, "1-99 kg"),
                (320, "kg"),
                (380, "12,00"),
            ],
        ),  # fmt: skip
        _line(68, [(110, "løsvægt")]),
        _line(75, [(230, "100-499 kg"), (320, "kg"), (380, "11,00")]),
        _line(97, [(230, "500 kg og derover"), (320, "kg"), (380, "10,00")]),
        _line(119, [(50, "20.120"), (110, "Gulerødder"), (320, "kg"), (380, "9,50")]),
    ]
    read = [(t.item_id, t.description, t.tier_min, t.tier_max, t.unit_price)
            for t in _read_chained(lines)]  # fmt: skip
    assert read == [
        ("20.100", "Havregryn, økologiske", None, None, Decimal("18.00")),
        ("20.110", "Kartofler, faste, løsvægt", Decimal(1), Decimal(99), Decimal("12.00")),
        ("20.110", "Kartofler, faste, løsvægt", Decimal(100), Decimal(499), Decimal("11.00")),
        ("20.110", "Kartofler, faste, løsvægt", Decimal(500), None, Decimal("10.00")),
        ("20.120", "Gulerødder", None, None, Decimal("9.50")),
    ]


def test_cells_centred_on_their_row_still_join_their_row() -> None:
    """A table whose wrapped cells are centred on their row's line (a line above and
    one below, both overlapping it): the lines that do not overlap are rows apart."""
    from tests.extractors.contracts.test_review_cases import _line, _read

    header = [(50, "Nr."), (100, "Ydelse"), (260, "Enhed"), (380, "Pris")]
    lines = [
        _line(0, header),
        _line(20, [(50, "1.1"), (100, "Drift"), (260, "pr. måned"), (380, "1.000,00")]),
        _line(34, [(260, "pr. bruger pr.")]),
        _line(41, [(50, "1.2"), (100, "Licens"), (380, "45,00")]),
        _line(48, [(260, "måned")]),
        _line(62, [(50, "1.3"), (100, "Support"), (260, "pr. time"), (380, "900,00")]),
        _line(76, [(50, "1.4"), (100, "Hosting"), (260, "pr. måned"), (380, "2.000,00")]),
    ]
    read = [(t.item_id, t.unit.value, t.unit_price) for _, terms in _read(lines) for t in terms]
    assert read == [
        ("1.1", "month", Decimal("1000.00")),
        ("1.2", "user_month", Decimal("45.00")),
        ("1.3", "hour", Decimal("900.00")),
        ("1.4", "month", Decimal("2000.00")),
    ]


def _read_chained(lines: list, rules_at: tuple[float, ...] = ()) -> list:
    """The terms of the tables in these lines, each row read knowing the term above it
    (a band row without its own item takes the item's), as the reader reads them;
    ``rules_at``: the heights of horizontal rules drawn across the table."""
    from extractors.contracts.prices.cells import read_row
    from extractors.contracts.prices.columns import read_tables
    from extractors.contracts.prices.layout import Rulings
    from extractors.contracts.prices.rows import RowContext

    ctx, terms = RowContext(language="da"), []
    rulings = Rulings(horizontal=[(y, 0.0, 600.0) for y in rules_at])
    for table in read_tables(lines, 1, "da", None, rulings):
        above = None
        for row in table.rows:
            found = read_row(table.columns, row, 1, ctx, table.style, above, table.caption)
            above = found[-1] if isinstance(found, list) and found else None
            terms += found if isinstance(found, list) else []
    return terms


def test_a_band_cut_off_is_no_band() -> None:
    """ "Fra 50 til" with its end lost: not "from 50 up" (a price enforced from 50 on)."""
    from extractors.contracts.prices.cells import band_cell
    from extractors.contracts.prices.headers import band_in_header

    assert band_cell("Fra 50 til", "da") is None
    assert band_in_header("10,001 -", "en") is None
    assert band_cell("Fra 50 til 199", "da") == (Decimal(50), Decimal(199))
    assert band_cell("10 to 49 units", "en") == (Decimal(10), Decimal(49))

"""Layouts of contracts written in a word processor (found by the probe_office and
probe_html generators, neither written by the extractor's authors): a merged header
cell over volume-band columns, subtotal and estimated-sum lines between the rows, and a
signature block's dates under a price table."""

from __future__ import annotations

from decimal import Decimal

from tests.extractors.contracts.test_doubtful_readings import _read_chained
from tests.extractors.contracts.test_review_cases import _line


def _terms(lines: list, rules_at: tuple[float, ...] = ()) -> list[tuple]:
    return [(t.item_id, t.description, t.tier_min, t.tier_max, t.unit_price)
            for t in _read_chained(lines, rules_at)]  # fmt: skip


def test_a_merged_header_cell_over_band_columns() -> None:
    """ "Pris pr. enhed ved årligt forbrug" merged over "1-49 | 50-199 | Over 199": each
    band a column of the prices it heads (the bands look like item numbers alone)."""
    lines = [
        _line(
            0,
            [
                (50, "Varenr."),
                (110, "Beskrivelse"),
                (240, "Enhed"),
                (300, "Pris pr. enhed ved årligt forbrug"),
            ],
        ),  # fmt: skip
        _line(12, [(320, "1-49"), (390, "50-199"), (450, "Over 199")]),
        _line(
            30,
            [
                (50, "31881"),
                (110, "Engangssprøjte 5 ml"),
                (240, "kasse"),
                (300, "DKK 95,98"),
                (380, "DKK 91,18"),
                (450, "DKK 86,38"),
            ],
        ),  # fmt: skip
        _line(
            48,
            [
                (50, "31959"),
                (110, "Kanyle 0,6 x 25 mm"),
                (240, "kasse"),
                (300, "DKK 48,00"),
                (380, "DKK 45,60"),
                (450, "DKK 43,20"),
            ],
        ),  # fmt: skip
    ]
    assert _terms(lines) == [
        ("31881", "Engangssprøjte 5 ml", Decimal(1), Decimal(49), Decimal("95.98")),
        ("31881", "Engangssprøjte 5 ml", Decimal(50), Decimal(199), Decimal("91.18")),
        ("31881", "Engangssprøjte 5 ml", Decimal(200), None, Decimal("86.38")),
        ("31959", "Kanyle 0,6 x 25 mm", Decimal(1), Decimal(49), Decimal("48.00")),
        ("31959", "Kanyle 0,6 x 25 mm", Decimal(50), Decimal(199), Decimal("45.60")),
        ("31959", "Kanyle 0,6 x 25 mm", Decimal(200), None, Decimal("43.20")),
    ]


def test_a_merged_header_cell_over_bands_that_wrap() -> None:
    """The last band wrapped onto a third header line ("200 stk. og" / "derover")."""
    lines = [
        _line(
            0,
            [
                (50, "Beskrivelse"),
                (200, "Enhed"),
                (260, "Pris pr. enhed ved årligt forbrug (ekskl. moms)"),
            ],
        ),  # fmt: skip
        _line(12, [(270, "1-49 stk."), (340, "50-199 stk."), (420, "200 stk. og")]),
        _line(22, [(430, "derover")]),
        _line(
            40,
            [
                (50, "Kopipapir A4"),
                (200, "pakke"),
                (270, "DKK 32,00"),
                (340, "DKK 30,40"),
                (420, "DKK 28,80"),
            ],
        ),  # fmt: skip
    ]
    assert _terms(lines) == [
        (None, "Kopipapir A4", Decimal(1), Decimal(49), Decimal("32.00")),
        (None, "Kopipapir A4", Decimal(50), Decimal(199), Decimal("30.40")),
        (None, "Kopipapir A4", Decimal(200), None, Decimal("28.80")),
    ]


def test_subtotals_between_the_rows_are_rows_of_their_own() -> None:
    """ "Subtotal | Delområde A | 29.737,20" under the last row of a group, where rules
    are drawn only between the groups (one block of lines): a row of its own, not the
    row above's continuation (which then held two prices and was not read)."""
    from extractors.contracts.prices.columns import group_rows, read_tables

    header = [(50, "Varenr."), (110, "Beskrivelse"), (220, "Enh."), (270, "Forbrug"),
              (330, "Pris"), (400, "I alt")]  # fmt: skip
    body = [
        _line(
            20,
            [
                (50, "10.268"),
                (110, "Projektleder"),
                (220, "pr. time"),
                (270, "12"),
                (330, "1.240,00"),
                (400, "14.880,00"),
            ],
        ),  # fmt: skip
        _line(
            40,
            [
                (50, "10.277"),
                (110, "Seniorkonsulent"),
                (220, "pr. time"),
                (270, "12"),
                (330, "1.238,10"),
                (400, "14.857,20"),
            ],
        ),  # fmt: skip
        _line(60, [(270, "Subtotal"), (330, "Delområde A"), (400, "29.737,20")]),
        _line(80, [(250, "Anslået samlet"), (330, "kontraktsum pr. år"), (400, "46.537,20")]),
    ]
    (table,) = read_tables([_line(0, header), *body], 1, "da", None)
    rows = group_rows(table.columns, body, row_borders=[15.0])
    assert [[line.text for line, _ in row] for row in rows] == [
        [body[0].text],
        [body[1].text],
        [body[2].text],
        [body[3].text],
    ]


def test_a_dates_year_under_a_price_column_is_no_price() -> None:
    """A signature block below the table, "Date: March 23, | 2025" with the year under a
    price column: no price row."""
    header = [(50, "Item no."), (110, "Item"), (300, "Price per piece")]
    lines = [
        _line(0, header),
        _line(20, [(50, "NK-2245"), (110, "Ring binder A4"), (300, "DKK 27.64")]),
        _line(40, [(50, "For the Customer"), (110, "Date: March 28,"), (300, "2025")]),
    ]
    read = _read_chained(lines)
    assert [(t.item_id, t.unit_price) for t in read] == [("NK-2245", Decimal("27.64"))]

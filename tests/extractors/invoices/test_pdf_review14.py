"""PDF invoices from a fourteenth independent review (end-to-end scenarios written by a
helper that never read the reader), rewritten with invented figures."""

from __future__ import annotations

from decimal import Decimal

from extractors.invoices.pdflines import line_items

D = Decimal
HEADER = "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb"
ROWS = [
    "AB-100 Licens, pr. bruger 120 stk. 310,50 37.260,00",
    "AB-110 Drift, pr. indbygger 40.213 stk. 1,52 61.161,26",  # 40.213 x 1,52 = 61.123,76
    "AB-300 Konsulent, pr. time 12 stk. 1.105,00 13.260,00",
]


def test_a_row_whose_amount_is_not_quantity_times_price_is_read_as_printed() -> None:
    """The row was dropped (only rows that add up were read) and the invoice's totals then
    claimed whole; read as printed when with it the rows add up to the stated total, the
    arithmetic rule finds its 37,50 kr."""
    found = line_items([HEADER, *ROWS], "da", D("111681.26"))
    assert [(ln.item_id, ln.quantity, ln.unit_price, ln.line_amount) for ln in found] == [
        ("AB-100", D("120"), D("310.50"), D("37260.00")),
        ("AB-110", D("40213"), D("1.52"), D("61161.26")),
        ("AB-300", D("12"), D("1105.00"), D("13260.00")),
    ]


def test_a_row_that_neither_adds_up_nor_closes_the_total_is_not_read() -> None:
    found = line_items([HEADER, *ROWS], "da", D("200000.00"))
    assert [ln.item_id for ln in found] == ["AB-100", "AB-300"]
    assert [ln.item_id for ln in line_items([HEADER, *ROWS], "da", None)] == ["AB-100", "AB-300"]


def test_an_item_number_printed_in_lower_case() -> None:
    header = "Varenr. Beskrivelse Antal Enhed Enhedspris Beløb"
    rows = ["ab-40 Konsulent, pr. time 4 timer 1.178,50 4.714,00",
            "a-4 papir, hvid 10 stk. 45,00 450,00"]  # fmt: skip
    found = [(ln.item_id, ln.description) for ln in line_items([header, *rows], "da", None)]
    assert found == [("ab-40", "Konsulent, pr. time"), (None, "a-4 papir, hvid")]

"""A price list with one price column per period ("Pris 2026 | Pris 2027", "Pris pr.
1.1.2027", "År 1 | År 2 | År 3") gives one term per period, each with the days it
applies (``valid_from`` .. ``valid_to``); two price columns that name no period stay one
term for review, and a price level in a header ("2026-niveau") is no period."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract

Placed = list[tuple[float, str]]


def _pdf(lines: list[Placed | str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for line in lines:
        canvas.setFont("Helvetica", 10)
        for x, text in [(72.0, line)] if isinstance(line, str) else line:
            canvas.drawString(x, y, text)
        y -= 16
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


HEAD = [
    "Rammeaftale om levering af rengøringsartikler",
    "Aftalen er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Renprodukt ApS, CVR-nr. 31415926.",
    "Aftalen træder i kraft den 1. april 2026 og udløber den 31. marts 2029.",
    "3. Priser",
    "Alle priser er i kr. ekskl. moms.",
]
X = (72, 130, 300, 360, 440)


def _table(header: list[str], rows: list[list[str]], x: tuple[int, ...] = X) -> list[Placed | str]:
    return [list(zip(x, header, strict=False)), *[list(zip(x, r, strict=False)) for r in rows]]


def _read(
    header: list[str], rows: list[list[str]], x: tuple[int, ...] = X
) -> list[tuple[object, ...]]:
    terms = extract_contract(_pdf([*HEAD, *_table(header, rows, x)]), "aftale.pdf")
    return [
        (t.item_id, t.unit_price, t.valid_from, t.valid_to, t.confidence >= 0.9)
        for t in terms.price_terms
    ]


ROWS = [["R-10", "Gulvsæbe 5 l", "stk.", "89,00", "92,50"], ["R-11", "Håndsæbe 1 l", "stk.", "31,00", "32,25"]]  # fmt: skip


def test_one_price_column_per_calendar_year() -> None:
    assert _read(["Varenr.", "Beskrivelse", "Enhed", "Pris 2026", "Pris 2027"], ROWS) == [
        ("R-10", Decimal("89.00"), date(2026, 1, 1), date(2026, 12, 31), True),
        ("R-10", Decimal("92.50"), date(2027, 1, 1), date(2027, 12, 31), True),
        ("R-11", Decimal("31.00"), date(2026, 1, 1), date(2026, 12, 31), True),
        ("R-11", Decimal("32.25"), date(2027, 1, 1), date(2027, 12, 31), True),
    ]


def test_a_price_and_a_price_from_a_later_day() -> None:
    """The first column holds until the day before the second begins; the second has no
    end."""
    header = ["Varenr.", "Beskrivelse", "Enhed", "Pris", "Pris pr. 1.1.2027"]
    assert _read(header, ROWS)[:2] == [
        ("R-10", Decimal("89.00"), None, date(2026, 12, 31), True),
        ("R-10", Decimal("92.50"), date(2027, 1, 1), None, True),
    ]


def test_contract_years_are_counted_from_the_effective_date() -> None:
    header = ["Varenr.", "Beskrivelse", "Enhed", "Pris år 1", "Pris år 2"]
    assert _read(header, ROWS)[:2] == [
        ("R-10", Decimal("89.00"), date(2026, 4, 1), date(2027, 3, 31), True),
        ("R-10", Decimal("92.50"), date(2027, 4, 1), date(2028, 3, 31), True),
    ]


def test_two_price_columns_naming_no_period_are_one_price_for_review() -> None:
    header = ["Varenr.", "Beskrivelse", "Enhed", "Nuværende pris", "Ny pris"]
    read = _read(header, ROWS)
    assert [r[:4] for r in read] == [
        ("R-10", Decimal("89.00"), None, None),
        ("R-11", Decimal("31.00"), None, None),
    ]
    assert not any(r[4] for r in read)  # shown for review, never enforced as read


def test_a_price_level_in_the_header_is_no_period() -> None:
    rows = [r[:4] for r in ROWS]
    assert _read(["Varenr.", "Beskrivelse", "Enhed", "Pris (2026-niveau)"], rows) == [
        ("R-10", Decimal("89.00"), None, None, True),
        ("R-11", Decimal("31.00"), None, None, True),
    ]


def test_a_year_and_an_undated_column_are_not_guessed() -> None:
    """ "Pris | Pris 2027": the first column's period is unknown (2026? until 2027?):
    one price, for review."""
    read = _read(["Varenr.", "Beskrivelse", "Enhed", "Pris", "Pris 2027"], ROWS)
    assert len(read) == 2 and not any(r[4] for r in read)


def test_a_run_of_contract_years_is_one_window() -> None:
    """ "Pris 1. år | Pris 2.-4. år": the second price holds for years 2 to 4."""
    header = ["Varenr.", "Beskrivelse", "Enhed", "Pris 1. år", "Pris 2.-4. år"]
    assert _read(header, ROWS)[:2] == [
        ("R-10", Decimal("89.00"), date(2026, 4, 1), date(2027, 3, 31), True),
        ("R-10", Decimal("92.50"), date(2027, 4, 1), date(2030, 3, 31), True),
    ]


def test_school_years_are_not_taken_for_calendar_years() -> None:
    """ "Pris 2026/27 | Pris 2027/28": a season whose first day the header does not give
    (August? July?): one price, for review, never two overlapping calendar windows."""
    read = _read(["Varenr.", "Beskrivelse", "Enhed", "Pris 2026/27", "Pris 2027/28"], ROWS)
    assert len(read) == 2 and not any(r[4] for r in read)
    assert all(r[2] is None and r[3] is None for r in read)


def test_a_reference_price_from_before_the_contract_is_no_price_of_it() -> None:
    header = ["Varenr.", "Beskrivelse", "Enhed", "Pris 2025 (reference)", "Pris 2026-2029"]
    assert _read(header, ROWS, (60, 110, 250, 300, 430))[:1] == [
        ("R-10", Decimal("92.50"), date(2026, 1, 1), date(2029, 12, 31), True),
    ]

"""Cases from a twelfth independent review (catalogues, amendments, rate cards, SaaS and
international order forms, written by a helper that never read the extractor),
rewritten with invented figures: each was read wrong before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from extractors.contracts import extract_contract
from extractors.contracts.prices.headers import role_of
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

D = Decimal

DA = [
    "Tillæg nr. 1 til kontrakt om levering af rengøringsartikler",
    "Tillægget er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Renprodukt ApS, CVR-nr. 31415926.",
    "Tillægget har virkning fra 2026-06-01 og gælder til 2028-12-31.",
    "Betaling sker netto 30 dage efter modtagelse af korrekt faktura.",
]


def test_a_price_until_a_day_and_a_new_price_from_the_next() -> None:
    """ "Pris til og med 2026-05-31 | Ny pris pr. 2026-" over "06-01": the old price up to
    its day, the new from its own (the old was read alone, undated, for review; a header
    "Pris fra 2026-04-" over "01" was read as from 1 January)."""
    lines = [
        *DA,
        "Med virkning fra 2026-06-01 ændres priserne. Priserne er ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris til og med", "Ny pris pr. 2026-"],
                [["", "", "", "2026-05-31", "06-01"],
                 ["24-3906", "Tonerpatron sort", "stk.", "1.060,90", "1.092,73"]],
                (60, 120, 270, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "tillaeg.pdf")
    # the old price ended before the amendment took effect: none of its prices
    assert [(t.item_id, t.unit_price, t.valid_from) for t in terms.price_terms] == [
        ("24-3906", D("1092.73"), date(2026, 6, 1))
    ]
    for header, expected in (
        ("Pris til og med 2026-05-31", (None, date(2026, 5, 31))),
        ("Pris t.o.m. 31.05.2026", (None, date(2026, 5, 31))),
        ("Ny pris pr. 2026- 06-01", (date(2026, 6, 1), None)),
        ("Pris fra 2026-04- 01", (date(2026, 4, 1), None)),
        ("Price until 31 May 2026", (None, date(2026, 5, 31))),
    ):
        role = role_of(header)
        assert role is not None and (role.valid_from, role.valid_to) == expected, header


def test_an_amount_naming_another_unit_than_its_column() -> None:
    """ "Kørsel i egen bil ... afregnes med 3,65 kr. pr. km." run into a table under
    "Timepris": 3,65 kr. a km, for review, never 3,65 kr. an hour."""
    lines = [
        "Kontrakt om konsulentydelser",
        "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
        "Forandringshuset A/S, CVR-nr. 31415926.",
        "Kontrakten gælder fra den 1. marts 2026 til og med den 28. februar 2027.",
        "Priserne er i danske kroner ekskl. moms.",
        *_table(["Konsulentkategori", "Timepris ekskl. moms"],
                [["Chefkonsulent", "1.750,00 kr."],
                 ["Kørsel i egen bil afregnes med", "3,65 kr. pr. km"]], (72, 330)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    got = [(t.unit.value, t.unit_price, t.confidence < 0.8) for t in terms.price_terms]
    assert got == [("hour", D("1750.00"), False), ("km", D("3.65"), True)]


def test_parties_side_by_side_beat_a_signature_block_without_numbers() -> None:
    """ "Kunde | Leverandør" columns with each party's CVR, on a page Chromium printed
    glyph by glyph (its runs place no column), and a signature block "For X Kommune |
    For Y ApS" on the next: the columns give each party its own number (the vendor was
    given the buyer's, the buyer none)."""
    pdf = (
        Path(__file__).parents[2]
        / "fixtures"
        / "pdf_quirks"
        / "parties_columns_glyph_runs_chromium.pdf"
    )
    terms = extract_contract(pdf.read_bytes(), pdf.name)
    assert [(p.role, p.name, p.cvr) for p in terms.parties] == [
        ("buyer", "Næstved Kommune", "38559664"),
        ("vendor", "Skolesky Danmark ApS", "92389766"),
    ]


def test_a_one_time_fee_is_no_hourly_price() -> None:
    """An English unit cell "one-time" (a fee paid once) was read as per hour ("time"
    is Danish for hour)."""
    from extractors.contracts.prices.cells import unit_in_cell
    from extractors.types import Unit

    assert unit_in_cell("one-time") is Unit.FIXED
    assert unit_in_cell("One-time fee") is Unit.FIXED
    assert unit_in_cell("Time") is Unit.HOUR


def test_a_sales_unit_with_what_it_holds() -> None:
    """ "kolli à 10 l", "fl. à 1 l", "ks. (6 stk.)": the pack is the unit, counted like a
    piece (each was left unread); "tim." is an hour."""
    from extractors.contracts.prices.cells import unit_in_cell
    from extractors.types import Unit

    for cell in ("kolli à 10 l", "fl. à 1 l", "ks. (6 stk.)", "kolli"):
        assert unit_in_cell(cell) is Unit.PIECE, cell
    assert unit_in_cell("tim.") is Unit.HOUR
    assert unit_in_cell("kolli, pr. kg") is Unit.KG  # the price is per kilo


def test_a_header_whose_days_stand_on_its_last_lines() -> None:
    """A header printed centred over several lines, each price column's day on a line of
    its own ("Pris til og" / "med" / "31.01.2026", "Ny pris pr." / "01.02.2026"): each
    column its day (the day lines were read as rows, the prices as one undated price)."""
    x = (60, 120, 270, 360, 450)
    lines = [
        *DA,
        "Med virkning fra 01.02.2026 ændres priserne. Priserne er ekskl. moms.",
        "",
        *_table(["", "", "", "Pris til og", "Ny pris pr."],
                [["Varenr.", "Beskrivelse", "Enhed", "med", "01.02.2026"],
                 ["", "", "", "31.01.2026", ""],
                 ["80-1434", "Opvasketabs", "stk.", "371,50", "382,64"]], x),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "tillaeg.pdf")
    assert [(t.item_id, t.unit_price, t.valid_from) for t in terms.price_terms] == [
        ("80-1434", D("382.64"), date(2026, 2, 1))
    ]

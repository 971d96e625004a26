"""The shapes contracts write things in: dates, amounts, units, volume bands, rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.contracts.patterns import BAND_RE, amount_of, band_of, find_dates, unit_of
from extractors.contracts.prices.rows import RowContext, parse_cells, parse_line
from extractors.types import Unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kontrakten træder i kraft den 1. januar 2026.", date(2026, 1, 1)),
        ("gældende fra 01-07-2025", date(2025, 7, 1)),
        ("fra 01.07.2025 til", date(2025, 7, 1)),
        ("fra 2026-03-01", date(2026, 3, 1)),
        ("den 31. december 2029", date(2029, 12, 31)),
        ("1 January 2026", date(2026, 1, 1)),
        ("January 1, 2026", date(2026, 1, 1)),
        ("signed 28 Feb. 2025", date(2025, 2, 28)),
        ("den 31-02-2026", None),  # not a calendar date
    ],
)
def test_it_reads_danish_and_english_dates(text: str, expected: date | None) -> None:
    found = find_dates(text)

    assert (found[0][0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("12.500,00", "da", "12500.00"),
        ("kr. 1.234,56", "da", "1234.56"),
        ("500,- kr.", "da", "500"),
        ("38.643,-", "da", "38643"),
        ("0,38", "da", "0.38"),
        ("DKK 12,500.00", "en", "12500.00"),
        ("0.65", "en", "0.65"),
    ],
)
def test_it_reads_amounts_exactly(text: str, language: str, expected: str) -> None:
    assert amount_of(text, language) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("pr. bruger pr. måned", Unit.USER_MONTH),
        ("pr. bruger/md.", Unit.USER_MONTH),
        ("pr. bruger pr. år", Unit.USER_YEAR),
        ("pr. indbygger pr. år", Unit.INHABITANT_YEAR),
        ("pr. indb./år", Unit.INHABITANT_YEAR),
        ("pr. påbegyndt time", Unit.HOUR),
        ("pr. transaktion", Unit.TRANSACTION),
        ("pr. opslag", Unit.TRANSACTION),
        # a fixed fee of a period is that period's price; once, a fixed price
        ("fast pr. år", Unit.YEAR),
        ("fast pris pr. måned", Unit.MONTH),
        ("fixed fee per month", Unit.MONTH),
        ("fixed fee per annum", Unit.YEAR),
        ("fast pris", Unit.FIXED),
        ("fixed fee", Unit.FIXED),
        ("engangsbeløb", Unit.FIXED),
        ("pr. måned", Unit.MONTH),
        ("månedligt", Unit.MONTH),
        ("årligt", Unit.YEAR),
        ("pr. stk.", Unit.PIECE),
        ("32,95 kr. pr. pakke", Unit.PIECE),
        ("per pack", Unit.PIECE),
        ("pr. kassette", None),
        ("per user per month", Unit.USER_MONTH),
        ("per student per year", Unit.USER_YEAR),
        ("pr. medarbejder pr. måned", Unit.USER_MONTH),
        ("12,50 kr. pr. elev pr. år", Unit.USER_YEAR),
        ("per inhabitant/year", Unit.INHABITANT_YEAR),
        ("fixed fee", Unit.FIXED),
        ("annually", Unit.YEAR),
        ("Konsulentbistand", None),
    ],
)
def test_it_names_the_unit(text: str, unit: Unit | None) -> None:
    assert unit_of(text) == unit


@pytest.mark.parametrize(
    ("text", "language", "tier_min", "tier_max"),
    [
        ("0-10.000 indbyggere", "da", "0", "10000"),
        ("10.001-50.000 indbyggere", "da", "10001", "50000"),
        ("over 500 brugere", "da", "501", None),
        ("mere end 100.000 transaktioner", "da", "100001", None),
        ("fra 251 brugere", "da", "251", None),
        ("op til 100 brugere", "da", None, "100"),
        ("0-10,000 inhabitants", "en", "0", "10000"),
        ("more than 500 users", "en", "501", None),
    ],
)
def test_it_reads_volume_bands(
    text: str, language: str, tier_min: str | None, tier_max: str | None
) -> None:
    match = BAND_RE.fullmatch(text)
    assert match is not None

    low, high = band_of(match, language)

    assert (low, high) == (
        None if tier_min is None else Decimal(tier_min),
        None if tier_max is None else Decimal(tier_max),
    )


DA = RowContext("da")


@pytest.mark.parametrize(
    ("line", "item_id", "description", "unit", "price", "band"),
    [
        ("KD-1010 KommuneSag sagsbehandlingssystem, licens pr. bruger pr. måned 395,00",
         "KD-1010", "KommuneSag sagsbehandlingssystem, licens", Unit.USER_MONTH, "395.00", None),
        ("102 Drift og hosting, fast årligt vederlag fast pr. år 240.000,-",
         "102", "Drift og hosting, fast årligt vederlag", Unit.YEAR, "240000", None),
        ("2.4 Borgerportal, drift og licens 10.001-50.000 indbyggere pr. indbygger pr. år 1,85",
         "2.4", "Borgerportal, drift og licens", Unit.INHABITANT_YEAR, "1.85", ("10001", "50000")),
        ("ØS-1030 Dokumentboks, drift årligt 38.643,00",
         "ØS-1030", "Dokumentboks, drift", Unit.YEAR, "38643.00", None),
    ],
)  # fmt: skip
def test_it_reads_a_table_row_from_one_line(
    line: str, item_id: str, description: str, unit: Unit, price: str, band: tuple[str, str] | None
) -> None:
    term = parse_line(line, 3, DA)

    assert term is not None
    assert (term.item_id, term.description, term.unit, term.unit_price) == (
        item_id, description, unit, Decimal(price))  # fmt: skip
    expected_band = (Decimal(band[0]), Decimal(band[1])) if band else (None, None)
    assert (term.tier_min, term.tier_max) == expected_band
    assert term.page == 3 and term.evidence is not None and term.evidence.text == line


@pytest.mark.parametrize(
    "line",
    [
        "Nr. Ydelse Enhed Pris (kr. ekskl. moms)",
        "2.1 Drift og hosting, fast årligt",  # a wrapped row: the rest is on the next lines
        "Alle priser er i danske kroner ekskl. moms.",
        "KD-1010 Konsulentbistand 1.150,00",  # no unit: not a price term we can trust
    ],
)
def test_it_does_not_take_other_lines_for_rows(line: str) -> None:
    assert parse_line(line, 3, DA) is None


def test_it_reads_a_row_from_wrapped_table_cells() -> None:
    cells = ["ØS-10\n10", "Drift og hosting, fast årligt\nvederlag", "", "fast pris", "341.946,00"]

    term = parse_cells(cells, 3, DA)

    assert term is not None
    assert (term.item_id, term.description, term.unit, term.unit_price) == (
        "ØS-1010", "Drift og hosting, fast årligt vederlag", Unit.FIXED, Decimal("341946.00"))  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Support og vedlige\ufffeholdelse pr. måned", "Support og vedligeholdelse pr. måned"),
        ("Økonomi\ufffeog lønmodul", "Økonomi- og lønmodul"),
        ("CPR\ufffeopslag via integration", "CPR-opslag via integration"),
        ("Kunden og Leveran\ufffedøren", "Kunden og Leverandøren"),
    ],
)
def test_it_joins_words_hyphenated_at_a_line_end(raw: str, text: str) -> None:
    from extractors.contracts.pdf import _join_line_end_hyphens

    assert _join_line_end_hyphens(raw) == text

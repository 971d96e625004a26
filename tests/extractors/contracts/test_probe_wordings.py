"""Wordings and layouts found by an independent probe (``tests/generators/probe_mixed``,
written without reading the extractor): an invoicing deadline is no payment term, "30
(tredive) dage", English VAT-inclusive footnotes, and a vendor's letterhead above the
parties' blocks. Each test fails on the reading before the probe."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.contracts import extract_contract, review_to_dict, terms_to_dict
from extractors.contracts.dates import durations
from extractors.contracts.front import _assign_roles
from extractors.contracts.prices.rows import page_vat
from extractors.types import ContractParty
from tests.generators.probe_mixed import generate


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("*) All prices include 25 % VAT.", "incl"),
        ("All prices are in Danish kroner (DKK) inclusive of VAT.", "incl"),
        ("Prices are quoted with VAT included.", "incl"),
        ("Alle priser er inklusive 25 % moms.", "incl"),
        ("Priserne er med moms.", "incl"),
        ("All prices incl. VAT.", "incl"),
        ("Prices do not include VAT.", "excl"),
        ("Priserne er ikke inkl. moms.", "excl"),
        ("Prices exclusive of VAT.", "excl"),
        ("VAT is added at the applicable rate.", "excl"),
        ("Priserne tillægges moms.", "excl"),
        ("Alle priser er ekskl. 25 % moms.", "excl"),
        ("Priserne fremgår af bilaget.", "excl"),
    ],
)
def test_the_vat_basis_a_page_states(text: str, basis: str) -> None:
    assert page_vat(text) == basis


def test_a_number_with_its_word_after_it_is_a_duration() -> None:
    found = durations("Betaling sker 30 (tredive) dage netto efter modtagelse af faktura.")
    assert [(d.number, d.unit) for d in found] == [(30, "day")]
    assert [(d.number, d.unit) for d in durations("fjorten (14) dage")] == [(14, "day")]


def _party(name: str, cvr: str) -> ContractParty:
    return ContractParty(name, "buyer", cvr)


def test_a_letterhead_repeating_the_vendor_is_not_taken_for_the_buyer() -> None:
    """Side by side: the vendor's letterhead (no label), then "Kunde:" and "Leverandør:"
    blocks; the letterhead's CVR is the vendor's, met again."""
    letterhead = _party("Nordisk Forvaltning ApS", "42771309")
    buyer = _party("Aalborg Kommune", "29189420")
    vendor = _party("Nordisk Forvaltning ApS", "42771309")
    parties = _assign_roles([(letterhead, None), (buyer, "buyer"), (vendor, "vendor")])
    assert [(p.role, p.name, p.cvr) for p in parties] == [
        ("buyer", "Aalborg Kommune", "29189420"),
        ("vendor", "Nordisk Forvaltning ApS", "42771309"),
    ]


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[dict, dict]]:
    """(truth, reading) of the probe seeds with the cases above: 0 and 9 an invoicing
    deadline and no payment term; 3 and 8 a letterhead and the deadline before the
    payment term (8 in English, "thirty (30) days"); 7 "30 (tredive) dage netto"; 11
    "*) All prices include 25 % VAT." after the table; 1 a header whose price cell is
    centred on the others ("Pris pr. enhed" / "*)" around "Pos. Ydelse Mængde Enh."); 6
    a price list that starts with two rows at the foot of page 1 and goes on over page 2
    without its header; 206 and 209 English tables headed "Price per unit" beside a
    "Billing unit" column, 209 with the first row's cells centred on its amount."""
    out = tmp_path_factory.mktemp("probe")
    read = {}
    for seed in (0, 1, 3, 6, 7, 8, 9, 11, 206, 209):
        pdf, truth_path = generate(out, seed)
        terms = extract_contract(pdf.read_bytes(), pdf.name)
        reading = {**terms_to_dict(terms), **review_to_dict(terms)}
        read[seed] = (json.loads(truth_path.read_text("utf-8")), json.loads(json.dumps(reading)))
    return read


def test_payment_days_are_the_payment_term_not_the_invoicing_deadline(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    got = {seed: reading["payment_days"] for seed, (_, reading) in probed.items()}
    want = {seed: truth["payment_days"] for seed, (truth, _) in probed.items()}
    assert got == want
    assert {want[0], want[9]} == {None}  # only the deadline: no payment term at all


def test_the_buyer_is_not_the_vendor_of_the_letterhead(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    for seed in (3, 8):
        truth, reading = probed[seed]
        roles = {p["role"]: (p["name"], p["cvr"]) for p in reading["parties"]}
        assert roles["buyer"][1] == truth["buyer"]["cvr"], seed
        assert roles["vendor"][1] == truth["vendor"]["cvr"], seed


def test_prices_a_footnote_says_include_vat_are_read_as_incl(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    truth, reading = probed[11]
    assert {row["vat"] for row in truth["prices"]} == {"incl"}
    read = reading["price_terms"]
    assert read and {t["vat"] for t in read} == {"incl"}
    assert {Decimal(t["unit_price"]) for t in read} <= {
        Decimal(row["unit_price"]) for row in truth["prices"]
    }


def test_a_reading_with_one_party_twice_is_for_review(tmp_path: Path) -> None:
    """Buyer and vendor with one CVR number cannot both be right: the reading says so."""
    from extractors.contracts import extract as extract_module

    terms = extract_contract(generate(tmp_path, 3)[0].read_bytes(), "letterhead.pdf")
    assert not any("same party" in r for r in terms.review_reasons)
    vendor = terms.party("vendor")
    assert vendor is not None
    buyer = terms.party("buyer")
    assert buyer is not None
    buyer.name, buyer.cvr = vendor.name, vendor.cvr
    reasons = extract_module.same_party_reasons(terms)
    assert reasons == [
        f"parties: buyer and vendor read as the same party ({vendor.name}, CVR {vendor.cvr})"
    ]
    # two parties whose names were not read, each with its own CVR number: two parties,
    # not one, each said to be missing its name (the page it stands on not understood)
    buyer.name, vendor.name, buyer.cvr = "", "", "29189838"
    assert extract_module.same_party_reasons(terms) == []
    assert extract_module.missing_party_reasons(terms) == [
        "parties: the buyer (the municipality)'s name was not read (CVR 29189838)",
        f"parties: the vendor's name was not read (CVR {vendor.cvr})",
    ]
    # a party not read at all (a cover page before the party clause): said, for review
    terms.parties = [p for p in terms.parties if p.role != "vendor"]
    assert extract_module.missing_party_reasons(terms) == [
        "parties: the buyer (the municipality)'s name was not read (CVR 29189838)",
        "parties: the vendor was not found (no name or CVR number read)",
    ]


@pytest.mark.parametrize(
    ("text", "language", "band"),
    [
        ("1–99 brugere", "da", ("1", "99")),  # an en dash
        ("100+ brugere", "da", ("100", None)),
        ("100+ users", "en", ("100", None)),
        ("1-99 stk", "da", ("1", "99")),
        ("500 brugere og derover", "da", ("500", None)),
        ("500 transactions or more", "en", ("500", None)),
        ("above 50,000 inhabitants", "en", ("50001", None)),
        # digits grouped by threes are a count in a Danish document too (not 50.000 -> 50)
        ("above 50,000 inhabitants", "da", ("50001", None)),
        ("over 50.000 indbyggere", "da", ("50001", None)),
        ("fra 1.001 stk", "da", ("1001", None)),
    ],
)
def test_volume_bands_as_descriptions_write_them(
    text: str, language: str, band: tuple[str | None, str | None]
) -> None:
    from extractors.contracts.patterns import BAND_RE, band_of

    match = BAND_RE.search(text)
    assert match is not None
    low, high = band_of(match, language)
    assert (low, high) == tuple(None if b is None else Decimal(b) for b in band)


def test_rows_whose_cells_centre_a_wrapped_unit_keep_their_own_unit(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    """fpdf2's table centres each cell's text in its row: a unit cell wrapped to two lines
    ("pr. bruger pr." / "måned") stands above and below the row's amount; both lines are
    the row's, not the rows' above and below."""
    truth, reading = probed[9]
    units = {row["description"]: row["unit"] for row in truth["prices"]}
    read = {t["description"]: t["unit"] for t in reading["price_terms"]}
    wrapped = [d for d, u in units.items() if u == "user_month"]
    assert len(wrapped) >= 5
    assert {d: read.get(d) for d in units} == units


def test_the_row_gap_is_the_first_jump_above_the_wrapped_lines() -> None:
    from extractors.contracts.prices.columns import _row_gap

    # wrapped lines overlap (-3.4), rows 3.7 apart, one larger space before a group
    threshold = _row_gap([3.7, 3.7, -3.4, -3.4, 3.7, 3.7, 11.4, 3.7])
    assert threshold is not None and -3.4 < threshold < 3.7
    assert _row_gap([3.7, 3.8, 3.6, 3.7]) is None  # evenly spaced


def _table_rows(truth: dict) -> dict[tuple[str | None, str, str | None], Decimal]:
    """The truth's rows of the price table (not the prices stated in sentences)."""
    return {
        (row["item_id"], row["description"], row["tier_min"]): Decimal(row["unit_price"])
        for row in truth["prices"]
        if " | " in row.get("row_text", "")
    }


def _read_rows(reading: dict) -> dict[tuple[str | None, str, str | None], Decimal]:
    return {
        (t["item_id"], t["description"], t["tier_min"]): Decimal(t["unit_price"])
        for t in reading["price_terms"]
    }


@pytest.mark.parametrize("seed", [1, 6])
def test_every_row_of_the_price_table_is_read(
    probed: dict[int, tuple[dict, dict]], seed: int
) -> None:
    truth, reading = probed[seed]
    rows = _table_rows(truth)
    assert len(rows) >= 20
    read = _read_rows(reading)
    assert {k: read.get(k) for k in rows} == rows


def test_two_rows_alike_at_a_pages_foot_are_no_running_footer() -> None:
    from extractors.contracts.pdf import PageText, _drop_running_lines

    pages = [
        PageText(1, ["Kontrakt nr. 7 - Leverandør A/S", "Vilkår", "Bilag B Vederlag",
                     "A-100 ESDH-licens 1–99 brugere pr. bruger/md. DKK 204,00",
                     "A-100 ESDH-licens 100–499 brugere pr. bruger/md. DKK 179,52"]),
        PageText(2, ["Kontrakt nr. 7 - Leverandør A/S", "A-110 Integration pr. stk. DKK 19,50",
                     "A-120 Drift pr. måned DKK 2.667,00"]),
    ]  # fmt: skip
    kept = _drop_running_lines(pages)
    assert kept[0].lines[-2:] == pages[0].lines[-2:]
    assert "Kontrakt nr. 7 - Leverandør A/S" not in kept[1].lines  # the running header goes


def test_a_price_stated_in_the_contracts_price_clause_is_read(
    probed: dict[int, tuple[dict, dict]],
) -> None:
    """ "5. Priser og prisregulering: ... Konsulentbistand ved tilkøb afregnes med kr.
    1.300,- pr. time inkl. moms." in the body, before the price appendix: read, with the
    sentence's own VAT basis."""
    truth, reading = probed[7]
    stated = [row for row in truth["prices"] if " | " not in row.get("row_text", " | ")]
    assert len(stated) == 1
    row = stated[0]
    read = [
        t for t in reading["price_terms"] if Decimal(t["unit_price"]) == Decimal(row["unit_price"])
    ]
    assert [(t["unit"], t["vat"]) for t in read] == [(row["unit"], row["vat"])]


@pytest.mark.parametrize("seed", [0, 6])
def test_the_title_stops_before_the_first_clause_heading(
    probed: dict[int, tuple[dict, dict]], seed: int
) -> None:
    """The title, then "1. Parterne" set bold just below it: the heading is no part of it."""
    truth, reading = probed[seed]
    assert reading["title"] == truth["title"]


def test_price_per_unit_names_no_unit() -> None:
    from extractors.contracts.prices.headers import role_of
    from extractors.types import Unit

    for generic in ("Price per unit *)", "Pris pr. enhed", "Price per item"):
        role = role_of(generic, "en")
        assert role is not None and role.role == "price" and role.unit is None, generic
    for named, unit in (("Pris pr. stk.", Unit.PIECE), ("Price per hour", Unit.HOUR)):
        role = role_of(named, "da")
        assert role is not None and role.unit is unit, named


@pytest.mark.parametrize("seed", [206, 209])
def test_each_row_has_the_unit_of_its_unit_column(
    probed: dict[int, tuple[dict, dict]], seed: int
) -> None:
    truth, reading = probed[seed]
    units = {(r["description"], r["tier_min"]): r["unit"] for r in truth["prices"]}
    read = {(t["description"], t["tier_min"]): t["unit"] for t in reading["price_terms"]}
    common = units.keys() & read.keys()
    assert len(common) >= 0.9 * len(units)
    assert {k: read[k] for k in common} == {k: units[k] for k in common}


@pytest.mark.parametrize(
    ("wording", "counted_from_month_end"),
    [
        ("Betalingsbetingelser: løbende måned + 30 dage.", True),
        ("Payment terms: 30 days end of month.", True),
        ("Betalingsbetingelser: netto 30 dage.", False),
    ],
)
def test_days_counted_from_the_end_of_the_month_are_for_review(
    tmp_path: Path, wording: str, counted_from_month_end: bool
) -> None:
    """ "Løbende måned + 30 dage" gives 30 to 61 days by the invoice's day of the month:
    read as 30 and shown for review, never silently enforced as 30 days net."""
    from tests.generators.plain_da.render import Styles, grid_table, mm, write_pdf

    s = Styles()
    story = [
        s.title("Leveringsaftale om skærme"),
        s.p(f"Aftalen gælder fra 1. maj 2025 til 30. april 2027. {wording}"),
        s.h("Priser"),
        s.p("Alle beløb er ekskl. moms."),
        grid_table(
            [["Varenr.", "Beskrivelse", "Enhed", "Stykpris"],
             ["SK-2401", "Skærm 24 tommer", "pr. stk.", "DKK 1.450"]],
            [25 * mm, 70 * mm, 30 * mm, 35 * mm], s,
        ),
    ]  # fmt: skip
    pdf = tmp_path / "payment.pdf"
    write_pdf(pdf, story, "Leveringsaftale om skærme")
    terms = extract_contract(pdf.read_bytes(), pdf.name)
    assert terms.payment_days == 30
    flagged = [r for r in terms.review_reasons if r.startswith("payment terms:")]
    assert bool(flagged) is counted_from_month_end, terms.review_reasons

"""Cases from an eleventh independent review (long municipal framework agreements with
definitions, annexes, time-band price tables, worked index examples and penalty tables,
written by a helper that never read the extractor), rewritten with invented figures:
each was read wrong, or not at all, without a word of review before."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.contracts.prices.headers import role_of, time_band
from extractors.contracts.prices.prose import without_penalties
from extractors.contracts.prices.rows import stated_currency
from tests.extractors.contracts.test_office_parties import _pdf as pages_pdf
from tests.extractors.contracts.test_prices_per_period import Placed, _table

D = Decimal

DA = [
    "Rammeaftale om tolkeydelser",
    "Denne aftale er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Tolkehuset Nord ApS, CVR-nr. 31415926.",
    "Aftalen gælder fra den 1. marts 2026 til og med den 28. februar 2028.",
    "Betaling sker netto 30 dage efter modtagelse af korrekt faktura.",
]
EN = [
    "Framework Agreement on interpreting services",
    "This agreement is made between Egeby Kommune, CVR no. 29189803 (the Contracting",
    "Authority) and Tolkehuset Nord ApS, CVR no. 31415926 (the Supplier).",
    "The agreement enters into force on 1 March 2026 and expires on 28 February 2028.",
    "Payment shall be made within 30 days of receipt of a correct invoice.",
]


def _pdf(*pages: list[Placed | str]) -> bytes:
    return pages_pdf(list(pages))


BANDS_X = (60, 80, 200, 300, 400, 500)


def test_a_price_per_time_band_is_one_term_per_band_held_for_review() -> None:
    """ "Nr. | Ydelse | Hverdage kl. 07-17 | Hverdage kl. 17-22 | Lørdag og søndag |
    Helligdage": four prices per item. The table was not read at all (no word of review),
    or read as one price with no band; each band is now its own term, its band in the
    description, held for review: which band a line bills is rarely on the invoice."""
    lines = [
        *DA,
        "Bilag 2 – Priser",
        "Alle priser er i kr. ekskl. moms og pr. påbegyndt time.",
        *_table(
            ["Nr.", "Ydelse", "Hverdage kl. 07-17", "Hverdage kl. 17-22", "Lørdag og søndag",
             "Helligdage"],
            [["1", "Fremmødetolkning", "410,00", "512,50", "615,00", "820,00"],
             ["2", "Videotolkning", "300,00", "375,00", "450,00", "600,00"]],
            BANDS_X,
        ),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    got = [(t.item_id, t.time_band, t.unit_price, t.unit.value) for t in terms.price_terms]
    assert got == [
        ("1", "Hverdage kl. 07-17", D("410.00"), "hour"),
        ("1", "Hverdage kl. 17-22", D("512.50"), "hour"),
        ("1", "Lørdag og søndag", D("615.00"), "hour"),
        ("1", "Helligdage", D("820.00"), "hour"),
        ("2", "Hverdage kl. 07-17", D("300.00"), "hour"),
        ("2", "Hverdage kl. 17-22", D("375.00"), "hour"),
        ("2", "Lørdag og søndag", D("450.00"), "hour"),
        ("2", "Helligdage", D("600.00"), "hour"),
    ]
    assert terms.price_terms[1].description == "Fremmødetolkning – Hverdage kl. 17-22"
    assert all(t.confidence < 0.8 for t in terms.price_terms)
    assert terms.needs_review
    assert any("one time band (Helligdage)" in r for r in terms.review_reasons)


def test_time_band_headers() -> None:
    for header in ("Hverdage kl. 07-17", "Weekday evenings 17-22", "Saturday/Sunday",
                   "Lør-, søn- og helligdage", "Timepris nat", "Public holidays", "Aften/nat"):  # fmt: skip
        assert time_band(header) is not None, header
        role = role_of(header)
        assert role is not None and role.role == "price" and role.time_band, header
    # a product, a year, a delivery time, a surcharge: no time band of a price
    for header in ("Produkt", "Pris", "År 1", "Levering næste hverdag", "Pris 2027"):
        assert time_band(header) is None, header


def test_the_currency_the_caption_states_is_the_tables() -> None:
    """ "Table 2.1 – Prices in EUR excluding VAT" over a table of bare amounts: euro,
    though the contract names kroner elsewhere (a reminder fee, the contract value)."""
    lines = [
        *EN,
        "A reminder fee of DKK 100 may be charged. The estimated value is DKK 2,000,000.00.",
        "Appendix 2 – Prices",
        "Table 2.1 – Prices in EUR excluding VAT",
        *_table(["Item no.", "Description", "Unit", "Price"],
                [["P-110", "Analyst", "per hour", "105,18"],
                 ["P-120", "Senior analyst", "per hour", "131,40"]], (60, 120, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "agreement.pdf")
    assert [(t.item_id, t.unit_price, t.currency) for t in terms.price_terms] == [
        ("P-110", D("105.18"), "EUR"),
        ("P-120", D("131.40"), "EUR"),
    ]


def test_stated_currency() -> None:
    assert stated_currency("Tabel 2.1 – Priser i EUR ekskl. moms") == "EUR"
    assert stated_currency("All prices are stated in GBP.") == "GBP"
    assert stated_currency("Priserne er angivet i danske kroner.") == "DKK"
    # a sum named, an exchange rate, two currencies: not the table's currency
    assert stated_currency("Et rykkergebyr på DKK 100 kan opkræves.") is None
    assert stated_currency("Prices in EUR are converted at the exchange rate to DKK.") is None
    assert stated_currency("Prices are in EUR. A fee is charged in SEK.") is None


def test_a_penalty_table_states_no_prices() -> None:
    """ "Service level | Requirement | Penalty" / "Delivery time, standard 3 Working Days
    DKK 2,000.00 per day": what the supplier pays when late, never a price of the
    contract (it was read as 2,000 kr. a day)."""
    page = [
        *EN,
        "All prices are excluding VAT.",
        "Appendix 2 – Prices",
        "",
        *_table(["Item no.", "Description", "Unit", "Price"],
                [["P-1", "Laptop, standard", "each", "DKK 6,250.00"]], (60, 120, 330, 430)),
        "",
        "",
        "Appendix 4 – Service levels and penalties",
        "",
        *_table(["Service level", "Requirement", "Penalty"],
                [["Delivery time, standard", "3 Working Days", "DKK 2,000.00 per day"],
                 ["Response time, incidents", "4 hours", "DKK 1,000.00 per hour"]],
                (60, 250, 400)),
        "",
        "",
        "Appendix 5 – Data processing agreement",
    ]  # fmt: skip
    terms = extract_contract(_pdf(page), "agreement.pdf")
    assert [(t.item_id, t.unit_price) for t in terms.price_terms] == [("P-1", D("6250.00"))]
    assert without_penalties(
        ["Servicemål Krav Bod", "Leveringstid 3 arbejdsdage 5.000,00 kr. pr. dag",
         "Bilag 5 – Priser", "1 Bærbar pc stk. 6.250,00"]
    ) == ["Bilag 5 – Priser", "1 Bærbar pc stk. 6.250,00"]  # fmt: skip


def test_a_table_does_not_go_on_past_the_next_appendix_heading() -> None:
    """A time-band table at the foot of a page; the next page opens "Appendix 3 – Price
    adjustment" with a worked example ("Index value base month (October) 117.5",
    "Example price before adjustment 850,00"): those are no rows of the table."""
    first = [
        *EN,
        "Appendix 2 – Prices",
        "All prices are excluding VAT. Rates are per started hour.",
        *_table(["No.", "Service", "Weekdays 07-17", "Weekday evenings", "Saturday/Sunday"],
                [["2.1", "On-site interpreting", "DKK 358,95", "DKK 448,69", "DKK 538,43"],
                 ["2.2", "Video interpreting", "DKK 504,00", "DKK 630,00", "DKK 756,00"]],
                (60, 90, 250, 360, 470)),
    ]  # fmt: skip
    second = [
        "Appendix 3 – Price adjustment",
        "The following worked example is for illustration only.",
        *_table(["Calculation", "Value"],
                [["Index value base month (October)", "117.5"],
                 ["Example price before adjustment", "DKK 850,00"],
                 ["Example price after adjustment", "DKK 860,12"]], (60, 330)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(first, second), "agreement.pdf")
    assert {t.item_id for t in terms.price_terms} == {"2.1", "2.2"}
    assert all("Example" not in t.description for t in terms.price_terms)


def test_option_year_columns_follow_the_base_term() -> None:
    """ "År 1 | År 2 | Pris Option år 1 | Pris Option år 2": the option years are the
    third and fourth contract years (they were dropped without a word)."""
    lines = [
        *DA,
        "Bilag 2 – Priser",
        "Alle priser er angivet i danske kroner ekskl. moms.",
        *_table(["Nr.", "Ydelse", "Enhed", "År 1", "År 2", "Option år 1", "Option år 2"],
                [["2.1", "Pædagog", "pr. time", "438,75", "447,53", "456,48", "467,89"]],
                (60, 90, 190, 260, 320, 380, 470)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    got = [(t.unit_price, t.valid_from.isoformat() if t.valid_from else None)
           for t in terms.price_terms]  # fmt: skip
    assert got == [
        (D("438.75"), "2026-03-01"),
        (D("447.53"), "2027-03-01"),
        (D("456.48"), "2028-03-01"),
        (D("467.89"), "2029-03-01"),
    ]


def test_a_time_band_header_wrapped_over_two_lines() -> None:
    """ "Hverdage kl." over "07-17": the hours are the header's, not a row's item number
    (the header stopped at its first line and every row read the first band alone)."""
    x = (60, 200, 290, 380, 470)
    lines = [
        *DA,
        "Bilag 2 – Priser",
        "Alle priser er i kr. ekskl. moms og pr. påbegyndt time.",
        "",
        *_table(
            ["Ydelse", "Hverdage kl.", "Hverdage kl.", "Lørdag og", "Helligdage"],
            [
                ["", "07-17", "17-22", "søndag"],
                ["Kørsel med liftbus", "712,00", "890,00", "1.068,00", "1.424,00"],
            ],
            x,
        ),
    ]
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.time_band, t.unit_price) for t in terms.price_terms] == [
        ("Hverdage kl. 07-17", D("712.00")),
        ("Hverdage kl. 17-22", D("890.00")),
        ("Lørdag og søndag", D("1068.00")),
        ("Helligdage", D("1424.00")),
    ]


def test_a_mileage_allowance_in_a_sentence_is_a_price() -> None:
    """ "Kilometergodtgørelse ... afregnes med 3,85 kr. pr. km": a price the buyer pays
    ("godtgørelse" alone is compensation, no price)."""
    from extractors.contracts.prices.prose import sentence_terms
    from extractors.contracts.prices.rows import RowContext

    found = sentence_terms(
        "Kilometergodtgørelse for ledsagers egen bil afregnes med 3,85 kr. pr. km ekskl. moms.",
        8,
        RowContext("da"),
    )
    assert isinstance(found, list) and [(t.unit.value, t.unit_price) for t in found] == [
        ("km", D("3.85"))
    ]


def test_volume_bands_at_the_end_of_english_descriptions() -> None:
    """ "Digital Post dispatch, 1-250 dispatches | 251-1,000 dispatches | above 1,000
    dispatches": one item in three bands (three prices for one item, no band, before)."""
    lines = [
        *EN,
        "All prices are excluding VAT.",
        *_table(["Description", "Unit", "Price"],
                [["Digital Post dispatch, 1-250 dispatches", "per dispatch", "1.53"],
                 ["Digital Post dispatch, 251-1,000 dispatches", "per dispatch", "1.38"],
                 ["Digital Post dispatch, above 1,000 dispatches", "per dispatch", "1.22"]],
                (60, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "agreement.pdf")
    assert [(t.description, t.tier_min, t.tier_max, t.unit_price) for t in terms.price_terms] == [
        ("Digital Post dispatch", D("1"), D("250"), D("1.53")),
        ("Digital Post dispatch", D("251"), D("1000"), D("1.38")),
        ("Digital Post dispatch", D("1001"), None, D("1.22")),
    ]


def test_a_party_name_whose_legal_form_is_a_text_run_of_its_own() -> None:
    """ "Ordregiver | Leverandør" side by side, the producer ending a text run inside the
    vendor's name ("Nordisk Hardware Danmark" | "ApS"): the name keeps its legal form
    (it was read as "Nordisk Hardware Danmark")."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    y = 780.0
    for runs in (
        [(72, "Rammeaftale om køb af klienthardware")],
        [(72, "Ordregiver"), (300, "Leverandør")],
        [(72, "Egeby Kommune"), (300, "Nordisk Hardware Danmark"), (300 + 127.3, "ApS")],
        [(72, "Torvet 1, 8600 Egeby"), (300, "Havnegade 39, 1058 København K")],
        [(72, "CVR: 29189803"), (300, "CVR: 31415926")],
    ):
        for x, text in runs:
            canvas.drawString(x, y, text)
        y -= 16
    canvas.showPage()
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "aftale.pdf")
    vendor = terms.party("vendor")
    assert vendor is not None and (vendor.name, vendor.cvr) == (
        "Nordisk Hardware Danmark ApS",
        "31415926",
    )


def test_units_of_a_course_day_a_device_and_an_integration() -> None:
    from extractors.contracts.patterns import unit_of
    from extractors.types import Unit

    assert unit_of("pr. kursusdag") is Unit.DAY
    assert unit_of("per course day") is Unit.DAY
    assert unit_of("pr. enhed") is Unit.PIECE
    assert unit_of("per device") is Unit.PIECE
    assert unit_of("pr. integration") is Unit.PIECE


def test_a_year_number_wrapped_under_its_header_and_a_note_under_the_table() -> None:
    """ "Pris Option år" over "1" (the number was read as a row with no description and
    the column as no year: every row fell to one price for review); "Bemærk: Den anslåede
    kontraktsum på 11.000.000,00 kr. ..." under the table is a note, not a row."""
    x = (60, 200, 260, 330, 400, 470)
    lines = [
        *DA,
        "Bilag 2 – Priser",
        "Tabel 2.1 – Priser i DKK ekskl. moms",
        "",
        *_table(["Produkt", "Enhed", "Pris År 1", "Pris År 2", "Pris År 3", "Pris Option år"],
                [["", "", "", "", "", "1"],
                 ["Sygeplejerske", "pr. time", "590,-", "608,-", "626,-", "639,-"]], x),
        "Bemærk: Den anslåede samlede kontraktsum på 11.000.000,00 kr. er alene vejledende.",
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    got = [(t.unit_price, t.valid_from.year if t.valid_from else None) for t in terms.price_terms]
    assert got == [(D("590"), 2026), (D("608"), 2027), (D("626"), 2028), (D("639"), 2029)]
    assert terms.unread_prices == []


def test_parties_in_prose_on_a_page_whose_text_runs_break_inside_words() -> None:
    """A page Chromium printed with its text runs broken inside words: the CVR numbers
    of the two prose lines naming the parties start at different places and looked like
    two columns, whose blocks held no name (both names were read empty)."""
    pdf = Path(__file__).parents[2] / "fixtures" / "pdf_quirks" / "prose_parties_runs_chromium.pdf"
    terms = extract_contract(pdf.read_bytes(), pdf.name)
    assert [(p.role, p.name, p.cvr) for p in terms.parties] == [
        ("buyer", "Københavns Kommune", "64942212"),
        ("vendor", "Sundhedsvikaren A/S", "33784007"),
    ]


def test_a_role_label_on_the_line_of_the_name() -> None:
    """ "Leverandør Nordtolk P/S" over its address and CVR line (the label sat in its own
    column, the name beside it): the name is without its label."""
    from extractors.contracts.front import read_front_page

    lines = [
        "Rammeaftale om tolkeydelser",
        "Ordregiver (indkøbende",
        "kommune) Egeby Kommune",
        "Torvet 1, 8600 Egeby",
        "CVR: 29189803",
        "Leverandør Tolkehuset Nord P/S",
        "Vestergade 5, 7100 Vejle",
        "CVR: 31415926",
    ]
    parties = read_front_page(lines, 1).parties
    vendor = next(p for p in parties if p.role == "vendor")
    assert (vendor.name, vendor.cvr) == ("Tolkehuset Nord P/S", "31415926")

"""Price lists written the way other people write them: columns found by their header
words and their content, in any order; prices in sentences; what is not a price."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.contracts.prices.cells import is_amount, unit_in_cell
from extractors.contracts.prices.headers import band_in_header, role_of
from extractors.contracts.prices.prose import sentence_terms
from extractors.contracts.prices.rows import RowContext
from extractors.types import Unit
from tests.generators.plain_da.render import Styles, grid_table, mm, write_pdf


@pytest.mark.parametrize(
    ("header", "role", "vat"),
    [
        ("Pos.", "position", None),
        ("Varenr.", "item", None),
        ("Ydelsesnr.", "item", None),
        ("Item no.", "item", None),
        ("Ydelse", "description", None),
        ("Service description", "description", None),
        ("Enhed", "unit", None),
        ("Afregningsenhed", "unit", None),
        ("Charging basis", "unit", None),
        ("Stykpris ekskl. moms", "price", "excl"),
        ("Enhedspris inkl. moms", "price", "incl"),
        ("Pris ekskl. moms (inkl. moms)", "price", "excl"),
        ("Unit price (DKK, excl. VAT)", "price", "excl"),
        ("Samlet pris ekskl. moms", "total", "excl"),
        ("Forventet antal", "quantity", None),
        ("Est. volume", "quantity", None),
        ("Antal brugere", "band", None),
        ("Number of users", "band", None),
    ],
)
def test_a_header_names_its_columns_role(header: str, role: str, vat: str | None) -> None:
    found = role_of(header)

    assert found is not None and (found.role, found.vat) == (role, vat)


@pytest.mark.parametrize(
    ("header", "band"),
    [
        ("0-10.000 indb.", (Decimal(0), Decimal(10000))),
        ("10.001-50.000 indbyggere", (Decimal(10001), Decimal(50000))),
        ("over 50.000 indbyggere", (Decimal(50001), None)),
        ("up to 1,000 users", (None, Decimal(1000))),
        ("from 4,001 users", (Decimal(4001), None)),
        ("0–250 brugere", (Decimal(0), Decimal(250))),
        ("101+ stk.", (Decimal(101), None)),
        ("501+ brugere", (Decimal(501), None)),
        ("Pris pr. bruger", None),
    ],
)
def test_a_volume_band_is_read_from_a_column_header(header: str, band: object) -> None:
    found = role_of(header)

    assert band_in_header(header, "da") == band
    assert (found is not None and found.role == "tier") == (band is not None)


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("pr. bruger pr. måned", Unit.USER_MONTH),
        ("Bruger pr. md.", Unit.USER_MONTH),
        ("User/month", Unit.USER_MONTH),
        ("per seat/year", Unit.USER_YEAR),
        ("pr. licens pr. år", Unit.USER_YEAR),
        ("per student per year", Unit.USER_YEAR),
        ("per teacher per year", Unit.USER_YEAR),
        ("pr. elev pr. år", Unit.USER_YEAR),
        ("pr. medarbejder pr. måned", Unit.USER_MONTH),
        ("Indbygger pr. år", Unit.INHABITANT_YEAR),
        ("pr. indb./år", Unit.INHABITANT_YEAR),
        ("Inhabitant/year", Unit.INHABITANT_YEAR),
        ("hourly rate", Unit.HOUR),
        ("Time", Unit.HOUR),
        ("pr. påbegyndt time", Unit.HOUR),
        ("pr. opslag", Unit.TRANSACTION),
        ("Transaction", Unit.TRANSACTION),
        ("one-off fee", Unit.FIXED),
        ("engangsbeløb", Unit.FIXED),
        ("månedligt", Unit.MONTH),
        ("om måneden", Unit.MONTH),
        ("annually", Unit.YEAR),
        ("Stk.", Unit.PIECE),
        ("each", Unit.PIECE),
        ("pr. pakke", Unit.PIECE),
        ("pr. æske", Unit.PIECE),
        ("per box", Unit.PIECE),
        ("pr. kasse pr. måned", Unit.MONTH),
        ("efter regning", None),
    ],
)
def test_a_unit_cell_is_read_as_people_write_it(cell: str, unit: Unit | None) -> None:
    assert unit_in_cell(cell) == unit


DA = RowContext("da")
EN = RowContext("en")


@pytest.mark.parametrize(
    ("sentence", "ctx", "expected"),
    [
        ("For kommunelicens til sagssystemet (varenr. 4059) betaler Kunden kr. 39,39 pr. "
         "indbygger pr. år ekskl. moms.", DA,
         [("4059", "kommunelicens til sagssystemet", Unit.INHABITANT_YEAR, "39.39", None, None)]),
        ("Kunden betaler 20,01 kr. pr. bruger pr. måned for brugerlicens til portalen.", DA,
         [(None, "brugerlicens til portalen", Unit.USER_MONTH, "20.01", None, None)]),
        ("Vederlaget for licens til økonomisystem udgør 4.950,- pr. bruger pr. år ekskl. moms.",
         DA, [(None, "licens til økonomisystem", Unit.USER_YEAR, "4950", None, None)]),
        ("Implementering og uddannelse afregnes som et engangsbeløb på 246.750,- ekskl. moms.",
         DA, [(None, "Implementering og uddannelse", Unit.FIXED, "246750", None, None)]),
        ("Overvågning og backup afregnes med 30.800,00 kr. om måneden.", DA,
         [(None, "Overvågning og backup", Unit.MONTH, "30800", None, None)]),
        ("The Customer shall pay 29.13 EUR per inhabitant per year for municipal licence for "
         "the building permit system.", EN,
         [(None, "municipal licence for the building permit system", Unit.INHABITANT_YEAR,
           "29.13", None, None)]),
        ("A one-off fee of EUR 253,700.00 applies to set-up of integration to the finance system.",
         EN, [(None, "set-up of integration to the finance system", Unit.FIXED, "253700", None,
               None)]),
        ("Support agreement for the document vault (item 101589) is charged at 197,270.00 EUR "
         "annually.", EN,
         [("101589", "Support agreement for the document vault", Unit.YEAR, "197270", None,
           None)]),
        ("For brugerabonnement på portalen betaler Kunden følgende pr. licens pr. år: ved op til "
         "1.000 brugere kr. 721,43, ved 1.001 - 2.000 brugere kr. 613,22 og ved over 2.000 "
         "brugere kr. 521,24.", DA,
         [(None, "brugerabonnement på portalen", Unit.USER_YEAR, "721.43", None, Decimal(1000)),
          (None, "brugerabonnement på portalen", Unit.USER_YEAR, "613.22", Decimal(1001),
           Decimal(2000)),
          (None, "brugerabonnement på portalen", Unit.USER_YEAR, "521.24", Decimal(2001), None)]),
        # a product whose name is a word of another matter ("Budget", "Garanti")
        ("Prisen for modulet Budget udgør 1.800 kr. pr. bruger pr. år ekskl. moms og er "
         "uændret.", DA, [(None, "modulet Budget", Unit.USER_YEAR, "1800", None, None)]),
        ("For licens til Garantistyring betaler Kunden 95,00 kr. pr. bruger pr. måned.", DA,
         [(None, "licens til Garantistyring", Unit.USER_MONTH, "95", None, None)]),
        # the former price beside the agreed one is not a second price
        ("Prisen for licens til modulet Indkøb udgør fremover 2.400 kr. pr. bruger pr. år "
         "ekskl. moms (tidligere 2.100 kr.).", DA,
         [(None, "licens til modulet Indkøb", Unit.USER_YEAR, "2400", None, None)]),
        ("The fee for the API add-on is EUR 450.00 per month (previously EUR 400.00).", EN,
         [(None, "the API add-on", Unit.MONTH, "450", None, None)]),
        # a list item that labels its price
        ("Fast support pr. skole: 4.950,00 kr. pr. måned;", DA,
         [(None, "Fast support pr. skole", Unit.MONTH, "4950", None, None)]),
        ("Opsætning af ny klient-pc: 350,00 kr. pr. stk.", DA,
         [(None, "Opsætning af ny klient-pc", Unit.PIECE, "350", None, None)]),
    ],
)  # fmt: skip
def test_a_price_stated_in_a_sentence_is_read(
    sentence: str, ctx: RowContext, expected: list[tuple[object, ...]]
) -> None:
    terms = sentence_terms(sentence, 3, ctx)

    assert isinstance(terms, list)
    assert [(t.item_id, t.description, t.unit, t.unit_price, t.tier_min, t.tier_max)
            for t in terms] == [(i, d, u, Decimal(p), lo, hi) for i, d, u, p, lo, hi in expected]  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "Leverandørens samlede ansvar er begrænset til kr. 5.000.000,00.",
        "For each business day of delay the Supplier shall pay liquidated damages of DKK 2,500.00.",
        "Den forventede samlede kontraktsum udgør ca. kr. 2.250.000,00 ekskl. moms.",
        "The total Charges payable under this Agreement shall not exceed EUR 5,800,000.00.",
        "Ved forsinkelse betaler Leverandøren en dagbod på 0,5 % af vederlaget, dog mindst "
        "kr. 5.000 pr. dag.",
        "Prisen for modulet Budget udgør i alt kr. 250.000 for hele kontraktperioden.",
        "Vederlaget for driften er begrænset til et loft på kr. 1.000.000 pr. år.",
        "Kontraktsum: 2.000.000 kr. ekskl. moms.",
    ],
)
def test_an_amount_that_is_no_price_is_neither_read_nor_reported(sentence: str) -> None:
    assert sentence_terms(sentence, 3, DA) is None


def test_a_price_sentence_without_a_unit_is_reported_unread_not_guessed() -> None:
    found = sentence_terms("Rådgivning ud over det aftalte afregnes med kr. 1.200,00 efter regning.",
                           3, DA)  # fmt: skip

    assert found is not None and not isinstance(found, list)
    assert found.page == 3 and "unit" in found.reason


# A price appendix as the issue found it: a ruled table, a position column AND an item
# column, amounts written "kr. 14.350,00", descriptions wrapping, a liability cap below.
COLUMNS = (60, 95, 150, 330, 440)
RIGHT = 540
ROWS = [
    ("1", "DR-100", "Drift af borgerportal, herunder overvågning og sikkerhedsopdateringer",
     "pr. måned", "kr. 14.350,00"),
    ("2", "DR-110", "Hosting af testmiljø", "pr. md.", "kr. 3.200,00"),
    ("3", "LI-200", "Brugerlicens, sagsbehandling", "pr. bruger pr. år", "kr. 1.150,50"),
    ("4", "LI-210", "Borgerportal", "pr. indbygger pr. år", "kr. 2,35"),
    ("5", "KO-300", "Konsulentbistand", "pr. påbegyndt time", "kr. 1.095,00"),
    ("6", "TR-400", "CPR-opslag", "pr. opslag", "kr. 0,38"),
    ("7", "KO-310", "Særlig rådgivning", "efter regning", "kr. 1.200,00"),
]  # fmt: skip


def _appendix_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 790, "Kontrakt om drift af borgerportal")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 760, "Kunden: Vejle Kommune, CVR-nr. 29189838")
    canvas.drawString(60, 745, "Leverandøren: Portaldrift A/S, CVR-nr. 12345674")
    canvas.showPage()
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(60, 790, "Bilag 2 – Priser")
    canvas.setFont("Helvetica-Bold", 9)
    y = 760
    for x, text in zip(COLUMNS, ("Pos.", "Varenr.", "Ydelse", "Enhed"), strict=False):
        canvas.drawString(x, y, text)
    canvas.drawRightString(RIGHT, y, "Stykpris ekskl. moms")
    canvas.setFont("Helvetica", 9)
    y -= 6
    canvas.line(55, y, RIGHT + 5, y)
    for pos, item, description, unit, price in ROWS:
        y -= 14
        cut = description.rfind(" ", 0, 40) if len(description) > 40 else len(description)
        wrapped = (
            [description[:cut], description[cut:]] if cut < len(description) else [description]
        )
        for x, text in zip(COLUMNS, (pos, item, wrapped[0].strip(), unit), strict=False):
            canvas.drawString(x, y, text)
        canvas.drawRightString(RIGHT, y, price)
        for more in wrapped[1:]:
            y -= 11
            canvas.drawString(COLUMNS[2], y, more.strip())
        y -= 4
        canvas.line(55, y, RIGHT + 5, y)
    canvas.drawString(60, y - 30, "Leverandørens samlede ansvar er begrænset til kr. 5.000.000,00.")
    canvas.save()
    return buffer.getvalue()


def test_a_ruled_appendix_with_position_and_item_columns_reads_every_priced_row() -> None:
    terms = extract_contract(_appendix_pdf(), "bilag2.pdf")

    got = [(t.item_id, t.description, t.unit, t.unit_price) for t in terms.price_terms]
    assert got == [
        ("DR-100", "Drift af borgerportal, herunder overvågning og sikkerhedsopdateringer",
         Unit.MONTH, Decimal("14350.00")),
        ("DR-110", "Hosting af testmiljø", Unit.MONTH, Decimal("3200.00")),
        ("LI-200", "Brugerlicens, sagsbehandling", Unit.USER_YEAR, Decimal("1150.50")),
        ("LI-210", "Borgerportal", Unit.INHABITANT_YEAR, Decimal("2.35")),
        ("KO-300", "Konsulentbistand", Unit.HOUR, Decimal("1095.00")),
        ("TR-400", "CPR-opslag", Unit.TRANSACTION, Decimal("0.38")),
    ]  # fmt: skip
    assert [(u.page, u.reason) for u in terms.unread_prices] == [(2, "unit not recognised")]
    assert "KO-310" in terms.unread_prices[0].text
    assert terms.price_candidates == 7 and terms.needs_review


# A price list typed in a fixed-width font, cells separated by two spaces, so that no
# column keeps its position from row to row (the header stands over nothing in
# particular); descriptions and units wrap under their row, group labels head groups.
TYPED_ROWS = [
    ("Drift", None),
    (("1.1", "DR-2570", "Applikationsdrift af", "12", "pr.", "58.700 DKK", "704.400 DKK"),
     ("", "", "portalen, jf. Bilag 4", "", "md.", "", "")),
    (("1.2", "DR-2650", "Hosting", "12", "pr. md.", "2.715 DKK", "32.580 DKK"), None),
    ("Licenser", None),
    (("2.1", "LI-2900", "Licens til læseadgang", "120", "pr.", "3.610 DKK", "433.200 DKK"),
     ("", "", "til portalen", "", "licens pr. år", "", "")),
    (("2.2", "LI-2970", "Named user-licens", "400", "pr. bruger", "48 DKK", "19.200 DKK"),
     ("", "", "", "", "pr. måned", "", "")),
]  # fmt: skip


def _typed_price_list_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 790, "Serviceaftale om borgerportalen")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 760, "3. Priser og betaling")
    canvas.drawString(60, 745, "3.1. Priserne fremgår af prislisten nedenfor.")
    canvas.setFont("Courier", 9)
    y = 720
    canvas.drawString(60, y, "Løbenr.  Varenr.  Beskrivelse  Antal  Enhed  Stykpris  Beløb")
    canvas.drawString(60 + 5.4 * 34, y - 11, "ekskl. moms")
    y -= 11
    for row, wrapped in TYPED_ROWS:
        y -= 13
        if isinstance(row, str):
            canvas.drawString(60, y, row)
            continue
        canvas.drawString(60, y, "  ".join(row))
        if wrapped:
            y -= 11
            # each wrapped part under the start of its own cell on the row above
            x = 60.0
            for cell, more in zip(row, wrapped, strict=True):
                if more:
                    canvas.drawString(x, y, more)
                x += 5.4 * (len(cell) + 2)
    y -= 13
    canvas.drawString(60 + 5.4 * 30, y, "I alt ekskl. moms  1.189.380 DKK")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, y - 30, "3.2. Betalingsbetingelserne er 30 dage netto.")
    canvas.save()
    return buffer.getvalue()


def test_a_typed_price_list_whose_columns_drift_is_read_by_column_order() -> None:
    terms = extract_contract(_typed_price_list_pdf(), "typed.pdf")

    got = [(t.item_id, t.description, t.unit, t.unit_price) for t in terms.price_terms]
    assert got == [
        ("DR-2570", "Applikationsdrift af portalen, jf. Bilag 4", Unit.MONTH, Decimal("58700")),
        ("DR-2650", "Hosting", Unit.MONTH, Decimal("2715")),
        ("LI-2900", "Licens til læseadgang til portalen", Unit.USER_YEAR, Decimal("3610")),
        ("LI-2970", "Named user-licens", Unit.USER_MONTH, Decimal("48")),
    ]
    assert terms.unread_prices == []


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("24,74 kr. (30,93 kr.)", True),  # the price incl. VAT beside it, for information
        ("19,17 DKK (23,96", True),  # that parenthesis broken over two lines
        ("DKK)", False),
        ("27 DKK 2.646.000 DKK", False),  # two cells run together: not one amount
    ],
)
def test_an_amount_cell_is_read_without_what_it_adds_in_parentheses(
    cell: str, amount: bool
) -> None:
    assert is_amount(cell) is amount


def test_volume_bands_in_a_quantity_column_and_a_price_per_piece(tmp_path: Path) -> None:
    """ "Antal: 1-100 stk. / 101+ stk." beside "Stykpris": one price per band, per piece."""
    s = Styles()
    story = [
        s.title("Leveringsaftale om skærme"),
        s.p("Aftalen gælder fra 1. maj 2025 til 30. april 2027. Betaling netto 30 dage."),
        s.h("Priser"),
        s.p("Alle beløb er ekskl. moms."),
        grid_table(
            [
                ["Varenr.", "Beskrivelse", "Antal", "Stykpris"],
                ["SK-2401", "Skærm 24 tommer", "1-100 stk.", "DKK 1.450"],
                ["SK-2401", "Skærm 24 tommer", "101+ stk.", "DKK 1.390"],
            ],
            [25 * mm, 70 * mm, 30 * mm, 35 * mm], s,
        ),
    ]  # fmt: skip
    pdf = tmp_path / "bands.pdf"
    write_pdf(pdf, story, "Leveringsaftale om skærme")

    terms = extract_contract(pdf.read_bytes(), pdf.name)

    assert [(t.item_id, t.unit, t.unit_price, t.tier_min, t.tier_max)
            for t in terms.price_terms] == [
        ("SK-2401", Unit.PIECE, Decimal("1450"), Decimal(1), Decimal(100)),
        ("SK-2401", Unit.PIECE, Decimal("1390"), Decimal(101), None),
    ]  # fmt: skip
    assert terms.unread_prices == []


def test_an_item_code_of_letters_only_is_read_in_an_item_column(tmp_path: Path) -> None:
    s = Styles()
    story = [
        s.title("Order Form"),
        s.p("Subscription Start Date: May 1, 2025. Payment terms: 30 days net."),
        s.h("Fees"),
        grid_table(
            [
                ["SKU", "Product", "Billing Unit", "Unit Price"],
                ["CC-ENT", "Enterprise licence", "per user per month", "EUR 99.00"],
                ["CC-API2", "API add-on", "per month", "EUR 450.00"],
                ["Sandbox", "Sandbox environment", "per year", "EUR 2,400.00"],
            ],
            [25 * mm, 60 * mm, 40 * mm, 35 * mm], s,
        ),
    ]  # fmt: skip
    pdf = tmp_path / "codes.pdf"
    write_pdf(pdf, story, "Order Form")

    terms = extract_contract(pdf.read_bytes(), pdf.name)

    assert [(t.item_id, t.description) for t in terms.price_terms] == [
        ("CC-ENT", "Enterprise licence"),
        ("CC-API2", "API add-on"),
        (None, "Sandbox environment"),
    ]


def _headed_table(tmp_path: Path, header: str, rows: list[list[str]]) -> object:
    s = Styles()
    story = [
        s.title("Aftale om vintertjeneste"),
        s.p("Aftalen gælder fra 1. oktober 2025 til 30. april 2027. Betaling netto 30 dage."),
        s.h("Priser"),
        grid_table(
            [["Varenr.", "Ydelse", "Enhed", header], *rows],
            [25 * mm, 70 * mm, 35 * mm, 35 * mm], s,
        ),
    ]  # fmt: skip
    pdf = tmp_path / "vinter.pdf"
    write_pdf(pdf, story, "Aftale om vintertjeneste")
    return extract_contract(pdf.read_bytes(), pdf.name)


def test_a_rows_own_unit_cell_outranks_its_price_columns_header(tmp_path: Path) -> None:
    """A unit cell naming another unit than the price column's header ("pr. km" under
    "Timepris", "engangsbeløb" under "Pris pr. md.") gives the row its own unit, held for
    review (the two contradict each other); a cell that restates the header's unit, or
    refines it with what is counted ("pr. bruger pr. md." under "Pris pr. md."), or a
    thing priced per period ("pr. stk." under "Leje pr. md."), is read with confidence."""
    terms = _headed_table(tmp_path, "Timepris ekskl. moms", [
        ["V-10", "Snerydning med traktor", "pr. time", "845,00"],
        ["V-20", "Kørsel til og fra depot", "pr. km", "6,40"],
        ["V-30", "Opstart af sæson", "engangsbeløb", "2.500,00"],
    ])  # fmt: skip
    got = [(t.item_id, t.unit, t.confidence >= 0.9) for t in terms.price_terms]  # type: ignore[attr-defined]
    assert got == [
        ("V-10", Unit.HOUR, True),
        ("V-20", Unit.KM, False),
        ("V-30", Unit.FIXED, False),
    ]
    terms = _headed_table(tmp_path, "Leje pr. md.", [
        ["L-1", "Saltspreder, leje", "pr. stk.", "1.950,00"],
        ["L-2", "Vagtordning, app", "pr. bruger pr. md.", "45,00"],
        ["L-3", "Udskiftning af plov", "pr. udskiftning", "3.200,00"],
    ])  # fmt: skip
    got = [(t.item_id, t.unit, t.confidence >= 0.9) for t in terms.price_terms]  # type: ignore[attr-defined]
    assert got == [
        ("L-1", Unit.MONTH, True),
        ("L-2", Unit.USER_MONTH, True),
        ("L-3", Unit.MONTH, False),
    ]
    from extractors.contracts import review_to_dict

    assert review_to_dict(terms)["review_status"] == "needs_review"  # type: ignore[arg-type]


def test_a_cover_pages_title_of_the_documents_kind_over_its_subject_is_one_title() -> None:
    """A cover page sets the kind of document ("RAMMEAFTALE") over what it is about, in
    display type and further apart than a wrapped line: one title; the lines below it
    (a reference in body type) are not part of it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 760, "Egeby Kommune")
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(60, 560, "RAMMEAFTALE")
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(60, 500, "om levering af kontorartikler")
    canvas.setFont("Helvetica", 8)
    canvas.drawString(60, 470, "Aftale nr. EK-2026-03")
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate([
        "1. Parterne", "Kunden: Egeby Kommune, CVR-nr. 29189838",
        "Leverandøren: Kontorhuset A/S, CVR-nr. 12345674", "2. Aftalens varighed",
        "Aftalen gælder fra 1. april 2026 til 31. marts 2028.", "3. Priser",
        "Priserne fremgår af bilag 1.", "4. Betaling", "Betaling sker 30 dage netto.",
    ]):  # fmt: skip
        canvas.drawString(60, 780 - 16 * i, text)
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "rammeaftale.pdf")
    assert terms.title == "RAMMEAFTALE om levering af kontorartikler"
    assert terms.contract_number == "EK-2026-03"

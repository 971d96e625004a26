"""Contracts from a fourteenth independent review (end-to-end scenarios by a helper that
never read the extractor), rewritten with invented items and figures: each was read
wrong, and the rules turned it into false alarms or missed breaches."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.types import Unit

D = Decimal
HEAD = [
    "Kontrakt om lønbehandling",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Lønservice ApS, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. januar 2026 til og med 31. december 2027.",
    "Bilag B Vederlag",
]
X = (60, 90, 150, 330, 450)


def _pdf(rows: list[tuple[float, list[tuple[int, str]]]]) -> bytes:
    """Lines at their own heights: (points below the previous line, [(column, text)])."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    y = 790.0
    for text in HEAD:
        canvas.drawString(60, y, text)
        y -= 16
    for step, cells in rows:
        y -= step
        for column, text in cells:
            canvas.drawString(X[column], y, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_bands_in_wrapped_description_cells_centred_on_their_rows() -> None:
    """A table printed by a browser: each description wrapped over four lines, centred on
    its row's numbers, the first row's first line close under the header. The header
    took that line, the bands ("0-5.000 lønsedler", "over 5.000") were not read, and the
    cheaper band's price was applied to every line (ten false alarms). The two rows name
    the one item by its number, one priced "pr. stk.", one "pr. transaktion"."""
    rows = [
        (4, [(0, "Pos."), (1, "Ydelsesnr."), (2, "Beskrivelse"), (3, "Afregningsenhed"),
             (4, "Pris (kr.)")]),
        (16, [(2, "Lønkørsel pr.")]),
        (11, [(2, "lønseddel, 0-")]),
        (11, [(0, "1"), (1, "LS-10"), (3, "pr. stk."), (4, "7,25")]),
        (11, [(2, "5.000 lønsedler")]),
        (11, [(2, "pr. måned")]),
        (14, [(2, "Lønkørsel pr.")]),
        (11, [(2, "lønseddel, over")]),
        (11, [(0, "2"), (1, "LS-10"), (3, "pr. transaktion"), (4, "6,10")]),
        (11, [(2, "5.000 lønsedler")]),
        (11, [(2, "pr. måned")]),
        (14, [(0, "3"), (1, "LS-20"), (2, "HR-modul, brugerlicens"), (3, "pr. bruger/måned"),
              (4, "98,40")]),
        (24, [(0, "Samtlige priser er ekskl. moms og i kr.")]),
    ]  # fmt: skip
    terms = extract_contract(_pdf(rows), "kontrakt.pdf")
    assert [(t.item_id, t.description, t.tier_min, t.tier_max, t.unit, t.unit_price)
            for t in terms.price_terms] == [
        ("LS-10", "Lønkørsel pr. lønseddel", D(0), D(5000), Unit.PIECE, D("7.25")),
        ("LS-10", "Lønkørsel pr. lønseddel", D(5001), None, Unit.TRANSACTION, D("6.10")),
        ("LS-20", "HR-modul, brugerlicens", None, None, Unit.USER_MONTH, D("98.40")),
    ]  # fmt: skip


def _placed(items: list[tuple[float, float, str]], size: float = 11) -> bytes:
    """Text at (x, top) in points from the page's top-left."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", size)
    height = A4[1]
    for x, top, text in items:
        canvas.drawString(x, height - top - size, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_parties_table_whose_cells_wrap_around_their_row_labels() -> None:
    """A browser-printed "Kunde | Leverandør" table with row labels: the vendor's name
    wrapped over two lines with "Navn" centred between them, the CVR label and the
    buyer's number set as one run. The vendor was not found and the buyer was named
    "Adresse"; the contract was left unassigned (its invoices checked against nothing)."""
    items = [
        (84, 85, "Kontrakt vedrørende fagsystem"),
        (84, 140, "1. Parterne"),
        (145, 170, "Kunde"), (353, 170, "Leverandør"),
        (353, 189, "Nordvest Fagsystemer"),
        (89, 196, "Navn"), (145, 196, "Egeby Kommune"),
        (353, 203, "A/S"),
        (145, 222, "Rådhustorvet 1, 7100"), (353, 222, "Industrivej 12, 2730"),
        (89, 229, "Adresse"),
        (145, 236, "Egeby"), (353, 236, "Herlev"),
        (89, 255, "CVR-nr. 29189803"), (353, 255, "31415926"),
        (84, 290, "2. Kontraktperiode"),
        (84, 310, "Aftalen har virkning fra 01-06-2026 og udløber uden yderligere varsel den 31-05-"),
        (84, 322, "2029."),
    ]  # fmt: skip
    terms = extract_contract(_placed(items), "kontrakt.pdf")
    assert [(p.role, p.name, p.cvr) for p in terms.parties] == [
        ("buyer", "Egeby Kommune", "29189803"),
        ("vendor", "Nordvest Fagsystemer A/S", "31415926"),
    ]
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 6, 1), date(2029, 5, 31))


def test_an_item_number_wrapped_at_its_hyphen_around_its_row() -> None:
    """A narrow item column: "AB-" over the row's line, "HOST" under it (a browser's
    table, the cell centred on its row). "AB-" was read as a group label and the row
    lost its item number."""
    items = [
        (72, 60, "Framework agreement for hosting"),
        (72, 80, "Contracting Authority: Egeby Kommune, CVR 29189803"),
        (72, 95, "Supplier: Nordic Cloud ApS, CVR 31415926"),
        (72, 110, "The agreement runs from 1 June 2026 to 31 May 2029."),
        (72, 140, "Schedule 2 - Prices"),
        (90, 170, "Item"), (411, 170, "Price (DKK,"),
        (146, 177, "Service"), (318, 177, "Unit"),
        (90, 184, "no."), (411, 184, "excl. VAT)"),
        (146, 204, "Platform"), (318, 204, "per user per"),
        (90, 211, "AB-SUB"), (411, 211, "198.40"),
        (146, 218, "subscription"), (318, 218, "month"),
        (90, 238, "AB-"),
        (146, 245, "Managed hosting"), (318, 245, "per month"), (411, 245, "21,870.00"),
        (90, 252, "HOST"),
        (72, 280, "All prices are in Danish kroner (DKK) and exclusive of VAT."),
    ]  # fmt: skip
    terms = extract_contract(_placed(items, size=8), "agreement.pdf")
    assert [(t.item_id, t.description, t.unit_price) for t in terms.price_terms] == [
        ("AB-SUB", "Platform subscription", D("198.40")),
        ("AB-HOST", "Managed hosting", D("21870.00")),
    ]


def test_a_price_sentence_at_the_top_of_the_page_after_a_price_table() -> None:
    """The price clause's table ends page 1; its last sentence, a price, opens page 2
    ("For projektledelse ... betaler Kunden kr. 1.210,00 pr. time"). It was taken as
    a row of the table carried over and dropped without a word: every line billing the
    item was claimed unpriced, and finance told to hold the payment (a fifteenth
    review)."""
    from tests.extractors.contracts.test_office_parties import _pdf as pages_pdf

    page1 = [
        "Kontrakt om IT-drift",
        "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
        "Nordlys IT A/S, CVR-nr. 31415926.",
        "Kontrakten gælder fra 1. januar 2026 til og med 31. december 2028.",
        "4. Priser",
        "Alle priser er angivet i danske kroner ekskl. moms.",
        [(72.0, "Ydelsesnr."), (160.0, "Beskrivelse"), (330.0, "Enhed"), (450.0, "Pris, kr.")],
        [(72.0, "NL-120"), (160.0, "Drift og hosting"), (330.0, "pr. måned"), (450.0, "46.956,00")],
        [(72.0, "NL-140"), (160.0, "Support, udvidet"), (330.0, "pr. måned"), (450.0, "8.636,00")],
        *[""] * 30,
    ]  # fmt: skip
    page2 = [
        "For projektledelse, seniorkonsulent (NL-130) betaler Kunden kr. 1.210,00",
        "pr. time ekskl. moms.",
        "5. Prisregulering",
        "Priserne er faste i hele kontraktperioden.",
    ]
    terms = extract_contract(pages_pdf([page1, page2]), "kontrakt.pdf")
    assert [(t.item_id, t.unit, t.unit_price) for t in terms.price_terms] == [
        ("NL-120", Unit.MONTH, D("46956.00")),
        ("NL-140", Unit.MONTH, D("8636.00")),
        ("NL-130", Unit.HOUR, D("1210.00")),
    ]


def test_a_cells_lines_joined_as_the_words_were_broken() -> None:
    """A long word broken in a narrow cell ("Projektlederassisten" / "t": the lines
    billing the item by its name were claimed unpriced), an item number wrapped at its
    hyphen; short words and units stay words."""
    from extractors.contracts.prices.columns import _wrapped

    assert _wrapped(["Projektlederassisten", "t"]) == "Projektlederassistent"
    assert _wrapped(["CC-", "HOST"]) == "CC-HOST"
    assert _wrapped(["Social-", "og sundhedshjælper"]) == "Social- og sundhedshjælper"
    assert _wrapped(["Tilsyn med legepladser", "og"]) == "Tilsyn med legepladser og"
    assert _wrapped(["Vejsalt, løst", "kg"]) == "Vejsalt, løst kg"

"""Price appendices printed from a spreadsheet (found by the probe_sheet generator,
written without reading the extractor): "Lev. varenr." and "Salgsenhed" columns, the
pack's content beside the item ("Indhold pr. salgsenhed"), an estimated annual
consumption column whose "årligt" is no unit of the prices, a list going on over a page
break under a running footer without its header, and rows no table took listed for
review rather than dropped."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract

Placed = list[tuple[float, str]]

HEAD = [
    "Kontrakt om levering af kontorartikler",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Kontorhuset Nord A/S, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. april 2026 til og med 31. marts 2028.",
    "Priserne fremgår af bilag 1.",
]


def _pdf(pages: list[list[Placed | str]], footer: str | None = None) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for number, page in enumerate(pages, 1):
        y = 780.0
        for line in page:
            canvas.setFont("Helvetica", 8)
            for x, text in [(50.0, line)] if isinstance(line, str) else line:
                canvas.drawString(x, y, text)
            y -= 12
        if footer:
            canvas.drawString(50, 40, f"{footer} Side {number} af {len(pages)}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


X = (50, 110, 260, 310, 370, 430, 490)
HEADER = [
    [(370, "Estimeret årligt")],
    list(zip(X, ["Lev. varenr.", "Vare", "Salgsenhed", "Indhold pr.", "forbrug",
                 "Enhedspris", "Samlet pris"], strict=True)),
    [(310, "salgsenhed"), (430, "(kr. ekskl. moms)")],
]  # fmt: skip


def _row(item: str, name: str, unit: str, content: str, qty: str, price: str) -> Placed:
    total = Decimal(qty) * Decimal(price.replace(",", "."))
    return list(zip(X, [item, name, unit, content, qty, price, f"{total:.2f}".replace(".", ",")],
                    strict=True))  # fmt: skip


def test_a_spreadsheet_price_list_with_pack_content_and_annual_estimates() -> None:
    page = [*HEAD, "Bilag 1 – Tilbudsliste", *HEADER,
            _row("70512", "Farvet papir A4, 80 g", "pakke", "250", "100", "46,93"),
            _row("70554", "Karton A4, 160 g", "pakke", "250", "12", "83,25"),
            _row("70610", "Kuglepen, blå", "stk.", "1", "2000", "4,10")]  # fmt: skip
    terms = extract_contract(_pdf([page]), "kontrakt.pdf")
    assert [(t.item_id, t.description, str(t.unit), t.unit_price) for t in terms.price_terms] == [
        ("70512", "Farvet papir A4, 80 g", "piece", Decimal("46.93")),
        ("70554", "Karton A4, 160 g", "piece", Decimal("83.25")),
        ("70610", "Kuglepen, blå", "piece", Decimal("4.10")),
    ]


_NAMES = ["Kuglepen", "Blyant", "Viskelæder", "Hæftemaskine", "Lineal", "Saks", "Tape",
          "Limstift", "Mappe", "Ringbind", "Notesblok", "Kuvert", "Kalender"]  # fmt: skip


def test_a_list_going_on_after_a_page_break_under_a_running_footer() -> None:
    first = [*HEAD, "Bilag 1 – Tilbudsliste", *HEADER,
             *[_row(f"7{n:04d}", _NAMES[n % len(_NAMES)] + f" {n}", "stk.", "1", "10", f"{n},50")
               for n in range(1, 51)]]  # fmt: skip
    second = [_row(f"7{n:04d}", _NAMES[n % len(_NAMES)] + f" {n}", "stk.", "1", "10", f"{n},50")
              for n in range(51, 61)]  # fmt: skip
    terms = extract_contract(_pdf([first, second], footer="Bilag 1 – Tilbudsliste"), "k.pdf")
    assert [t.item_id for t in terms.price_terms] == [f"7{n:04d}" for n in range(1, 61)]
    assert not terms.unread_prices


def test_priced_rows_no_table_took_are_listed_not_dropped() -> None:
    page = [
        *HEAD,
        [(50, "Varenr."), (110, "Beskrivelse"), (300, "Enhed"), (360, "Pris")],
        [(50, "R-10"), (110, "Gulvsæbe 5 l"), (300, "stk."), (360, "89,00")],
        [(50, "R-11"), (110, "Håndsæbe 1 l"), (300, "stk."), (360, "31,00")],
        "Levering sker fra centrallageret.",
        "Tillæg for hastelevering aftales særskilt med Kunden i hvert enkelt tilfælde.",
        "",
        "",
        [(50, "R-12"), (110, "Skurecreme 500 ml"), (300, "stk."), (360, "24,50")],
    ]
    terms = extract_contract(_pdf([page]), "kontrakt.pdf")
    assert [t.item_id for t in terms.price_terms] == ["R-10", "R-11"]
    assert [u.text for u in terms.unread_prices] == ["R-12 | Skurecreme 500 ml | stk. | 24,50"]
    assert terms.needs_review


def test_a_title_wrapped_at_its_own_hyphen_joins_again() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(50, 780, "Rammeaftale om IT-")
    canvas.drawString(50, 756, "konsulentydelser")
    canvas.setFont("Helvetica", 10)
    for k, line in enumerate(HEAD[1:], 1):
        canvas.drawString(50, 730 - 14 * k, line)
    canvas.showPage()
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "kontrakt.pdf")
    assert terms.title == "Rammeaftale om IT-konsulentydelser"


def test_a_header_row_whose_cells_are_centred_one_by_one() -> None:
    """A spreadsheet centres each header cell in the row's height, each wrapped over its
    own number of lines: "Leverandørens" / "varenr." beside "Varebeskrivelse" between
    them, a merged "Enhedspris ved samlet årligt køb" over its bands: one header."""
    page = [
        *HEAD,
        [(50, "")],
        [(370, "Anslået"), (460, "Enhedspris ved samlet årligt køb")],
    ]
    lines = [
        (783 - 14 * len(HEAD) - 20, [(50, "Leverandørens"), (400, "antal pr.")]),
        (783 - 14 * len(HEAD) - 24, [(130, "Varebeskrivelse"), (300, "Enhed")]),
        (783 - 14 * len(HEAD) - 29, [(50, "varenr."), (380, "år")]),
        (783 - 14 * len(HEAD) - 33, [(460, "0-99 stk."), (510, "100-999 stk."), (565, "Over 999 stk.")]),
    ]  # fmt: skip
    rows = [("KO-1", "Universalrengøring, 1 liter", "stk", "40", ("30,50", "28,67", "26,84")),
            ("KO-2", "Gulvsæbe, 5 liter", "stk", "3.500", ("101,00", "94,94", "88,88"))]  # fmt: skip
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 8)
    y = 780.0
    for line in page[:-1]:
        for x, text in [(50.0, line)] if isinstance(line, str) else line:
            canvas.drawString(x, y, text)
        y -= 14
    top = y
    for x, text in page[-1]:  # type: ignore[misc]
        canvas.drawString(x, top, text)
    for y_line, cells in lines:
        for x, text in cells:
            canvas.drawString(x, y_line + (top - (783 - 14 * len(HEAD) - 14)), text)
    y = top - 50
    for item, name, unit, qty, prices in rows:
        for x, text in zip((50, 130, 300, 400, 460, 510, 565), (item, name, unit, qty, *prices),
                           strict=True):  # fmt: skip
            canvas.drawString(x, y, text)
        y -= 12
    canvas.showPage()
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "kontrakt.pdf")
    got = [(t.item_id, t.unit_price, t.tier_min, t.tier_max) for t in terms.price_terms]
    assert got == [
        ("KO-1", Decimal("30.50"), Decimal("0"), Decimal("99")),
        ("KO-1", Decimal("28.67"), Decimal("100"), Decimal("999")),
        ("KO-1", Decimal("26.84"), Decimal("1000"), None),
        ("KO-2", Decimal("101.00"), Decimal("0"), Decimal("99")),
        ("KO-2", Decimal("94.94"), Decimal("100"), Decimal("999")),
        ("KO-2", Decimal("88.88"), Decimal("1000"), None),
    ]


def test_product_no_set_apart_and_numbers_right_of_their_header() -> None:
    """ "Product" and "no." spread apart by a scaled header are one column; a quantity
    column's numbers set right of its header ("Estimated" / "quantity") stay in it on the
    page the list goes on to, where no header is repeated."""
    header = [(50, "Product"), (83, "no."), (150, "Description"), (280, "Unit"),
              (330, "Estimated"), (420, "Unit price")]  # fmt: skip
    wrapped = [(330, "quantity")]

    def row(n: int) -> Placed:
        return [(50, f"{199 + n}.995"), (90, _NAMES[n % len(_NAMES)] + f" {n}"),
                (280, "piece"), (392, f"{10 * n}"), (430, "DKK"), (452, f"{n}7.50")]  # fmt: skip

    first = [*HEAD, "All prices are in DKK excluding VAT.", header, wrapped,
             *[row(n) for n in range(1, 51)]]  # fmt: skip
    second = [row(n) for n in range(51, 56)]
    terms = extract_contract(_pdf([first, second], footer="Annex 1 - Price schedule"), "k.pdf")
    assert [(t.item_id, t.unit_price) for t in terms.price_terms] == [
        (f"{199 + n}.995", Decimal(f"{n}7.50")) for n in range(1, 56)
    ]
    assert not terms.unread_prices

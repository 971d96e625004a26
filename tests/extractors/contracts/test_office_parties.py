"""Parties as word-processed contracts set them (found by the probe_office generator,
written without reading the extractor): a table of one column per party, a cover page
naming both on one line before the parties' blocks, labelled lines in two groups."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract

Placed = list[tuple[float, str]]  # (x, text) on one line


def _pdf(pages: list[list[Placed | str]]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for page in pages:
        y = 780.0
        for line in page:
            canvas.setFont("Helvetica", 10)
            for x, text in [(72.0, line)] if isinstance(line, str) else line:
                canvas.drawString(x, y, text)
            y -= 16
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


BODY = [
    "2. Aftaleperiode",
    "Aftalen gælder fra 1. januar 2026 til og med 31. december 2027.",
    "3. Priser",
    "Alle priser er i kr. ekskl. moms.",
    [(72, "Varenr."), (140, "Beskrivelse"), (300, "Enhed"), (400, "Pris")],
    [(72, "A-100"), (140, "Kopipapir A4"), (300, "pakke"), (400, "32,00")],
]


def _parties(data: bytes) -> list[tuple[str, str | None, str]]:
    terms = extract_contract(data, "kontrakt.pdf")
    return [(p.name, p.cvr, p.role) for p in terms.parties]


def test_a_table_of_one_column_per_party() -> None:
    page = [
        "KONTRAKT OM LEVERING AF KONTORARTIKLER",
        "1. Aftalens parter",
        "Denne kontrakt er indgået mellem:",
        [(150, "Kunde"), (330, "Leverandør")],
        [(72, "Navn"), (150, "Hvidsten Kommune"), (330, "Papirhuset Nord A/S")],
        [(72, "Adresse"), (150, "Torvet 1"), (330, "Havnegade 12")],
        [(150, "8900 Hvidsten"), (330, "9000 Aalborg")],
        [(72, "CVR-nr."), (150, "29189803"), (330, "31415926")],
        [(72, "EAN-nr."), (150, "5798000123456"), (330, "–")],
        'herefter benævnt henholdsvis "Kunden" og "Leverandøren".',
        *BODY,
    ]
    assert _parties(_pdf([page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Papirhuset Nord A/S", "31415926", "vendor"),
    ]


def test_the_table_with_the_vendor_first_and_a_cover_naming_both() -> None:
    cover = ["Hvidsten Kommune", "Kontrakt om levering af kontorartikler",
             "mellem Hvidsten Kommune og Papirhuset Nord A/S"]  # fmt: skip
    page = [
        "1. Aftalens parter",
        [(150, "Leverandør"), (330, "Kunde")],
        [(72, "Navn"), (150, "Papirhuset Nord A/S"), (330, "Hvidsten Kommune")],
        [(72, "CVR-nr."), (150, "31415926"), (330, "29189803")],
        *BODY,
    ]
    assert _parties(_pdf([cover, page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Papirhuset Nord A/S", "31415926", "vendor"),
    ]


def test_a_cover_line_naming_both_then_their_blocks() -> None:
    """The cover's "mellem A og B" line is the two names; the blocks after it (vendor
    first) give each its own CVR number, not the first one after the cover."""
    cover = ["Kontrakt om levering af kontorartikler", "Kontrakt nr. 2026-0823",
             "mellem Hvidsten Kommune og Papirhuset Nord A/S",
             "Udbudt som offentligt udbud med tilbudsfrist den 8. april 2025"]  # fmt: skip
    page = [
        "§ 1 Aftalens parter",
        "Leverandør:",
        "Papirhuset Nord A/S",
        "Havnegade 12",
        "9000 Aalborg",
        "CVR-nr. 31415926",
        "og",
        "Kunde:",
        "Hvidsten Kommune",
        "Torvet 1",
        "8900 Hvidsten",
        "CVR-nr. 29189803",
        *BODY,
    ]
    assert _parties(_pdf([cover, page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Papirhuset Nord A/S", "31415926", "vendor"),
    ]


def test_labelled_lines_in_two_groups_after_a_cover_naming_both() -> None:
    cover = ["Kontrakt om levering af fødevarer",
             "mellem Hvidsten Kommune og Køkkenengros ApS"]  # fmt: skip
    page = [
        "1 Aftalens parter",
        [(72, "Kunde:"), (160, "Hvidsten Kommune")],
        [(72, "Adresse:"), (160, "Torvet 1, 8900 Hvidsten")],
        [(72, "CVR-nr.:"), (160, "29189803")],
        [(72, "Leverandør:"), (160, "Køkkenengros ApS")],
        [(72, "Adresse:"), (160, "Marsvej 2, 8960 Randers SØ")],
        [(72, "CVR-nr.:"), (160, "31415926")],
        *BODY,
    ]
    assert _parties(_pdf([cover, page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Køkkenengros ApS", "31415926", "vendor"),
    ]


def test_a_table_with_only_the_vendors_cvr_number() -> None:
    """The buyer's CVR cell left empty: the buyer has none, not both names and the
    vendor's number."""
    page = [
        "KONTRAKT OM LEVERING AF KONTORARTIKLER",
        "1. Aftalens parter",
        [(150, "Kunde"), (330, "Leverandør")],
        [(72, "Navn"), (150, "Hvidsten Kommune"), (330, "Papirhuset Nord A/S")],
        [(72, "CVR-nr."), (330, "31415926")],
        *BODY,
    ]
    assert _parties(_pdf([page])) == [
        ("Hvidsten Kommune", None, "buyer"),
        ("Papirhuset Nord A/S", "31415926", "vendor"),
    ]


def test_a_table_with_the_cvr_row_above_the_names() -> None:
    page = [
        "KONTRAKT OM LEVERING AF KONTORARTIKLER",
        "1. Aftalens parter",
        [(150, "Kunde"), (330, "Leverandør")],
        [(72, "CVR-nr."), (150, "29189803"), (330, "31415926")],
        [(72, "Navn"), (150, "Hvidsten Kommune"), (330, "Papirhuset Nord A/S")],
        *BODY,
    ]
    assert _parties(_pdf([page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Papirhuset Nord A/S", "31415926", "vendor"),
    ]


def test_a_table_with_a_third_column_for_a_subcontractor() -> None:
    """Three columns (customer, vendor, subcontractor): the two headed by the contract's
    roles are its parties; the third column's name and number are no party, and the
    row of names is not one name."""
    page = [
        "KONTRAKT OM RENGØRING",
        "1. Parter",
        [(150, "Kunde"), (290, "Leverandør"), (430, "Underleverandør")],
        [(72, "Navn"), (150, "Hvidsten Kommune"), (290, "Renfix ApS"), (430, "Glasmester Bo")],
        [(72, "Adresse"), (150, "Torvet 1"), (290, "Havnegade 12"), (430, "Bakken 2")],
        [(72, "CVR-nr."), (150, "29189803"), (290, "31415926"), (430, "25313763")],
        *BODY,
    ]
    assert _parties(_pdf([page])) == [
        ("Hvidsten Kommune", "29189803", "buyer"),
        ("Renfix ApS", "31415926", "vendor"),
    ]


def test_three_columns_without_role_headings_are_not_guessed() -> None:
    """Three named columns and no heading saying whose is whose: the table gives no
    parties (no name made of the whole row either)."""
    page = [
        "KONTRAKT OM RENGØRING",
        "1. Parter",
        [(72, "Navn"), (150, "Hvidsten Kommune"), (290, "Renfix ApS"), (430, "Glasmester Bo")],
        [(72, "CVR-nr."), (150, "29189803"), (290, "31415926"), (430, "25313763")],
        *BODY,
    ]
    names = [name for name, _, _ in _parties(_pdf([page]))]
    assert not any("Renfix" in name and "Kommune" in name for name in names)

"""A contract's structure from any common heading style: headings, numbered paragraphs,
tables of contents, appendix headings, and the running lines dropped from each page."""

from __future__ import annotations

import pytest

from extractors.contracts.pdf import PageText, _drop_running_lines
from extractors.contracts.sections import split_body
from extractors.contracts.structure import appendix_heading, heading, toc_lines


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("4 Kontraktperiode", "4", "Kontraktperiode"),
        ("4. Priser og betaling", "4", "Priser og betaling"),
        ("4.1 Betalingsbetingelser", "4.1", "Betalingsbetingelser"),
        ("§ 4 Kontraktperiode", "4", "Kontraktperiode"),
        ("§ 12. Ophør", "12", "Ophør"),
        ("Punkt 3 - Priser", "3", "Priser"),
        ("Article 4 Term", "4", "Term"),
        ("Section 4.1 Payment Terms", "4.1", "Payment Terms"),
        ("Clause 7 Most Favoured Customer", "7", "Most Favoured Customer"),
        ("ARTICLE IV", "IV", ""),
        ("ARTICLE V – TERM AND TERMINATION", "V", "TERM AND TERMINATION"),
        ("IV. PRICES", "IV", "PRICES"),
        ("8.1Term", "8.1", "Term"),
    ],
)
def test_it_reads_numbered_headings_in_every_common_style(
    line: str, number: str, title: str
) -> None:
    found = heading(line)

    assert found is not None and (found.number, found.title) == (number, title)


def test_a_run_in_heading_keeps_the_clause_text_that_follows_it() -> None:
    found = heading("6.01. Term. The term of this Agreement shall terminate on May 31, 2015.")

    assert found is not None
    assert (found.title, found.rest) == ("Term", "The term of this Agreement shall terminate on "
                                                 "May 31, 2015.")  # fmt: skip


@pytest.mark.parametrize(
    ("line", "previous"),
    [
        ("CONTRACT PERIOD", "the parties agree as follows:"),
        ("Most Favoured Customer", "All prices are exclusive of VAT."),
    ],
)
def test_a_short_capitalised_line_after_a_sentence_is_a_heading(line: str, previous: str) -> None:
    assert heading(line, previous) is not None


@pytest.mark.parametrize(
    ("line", "previous"),
    [
        ("4.1 Kontrakten træder i kraft ved underskrift og løber i 48 måneder.", None),
        ("1.1 Kontrakten er indgået mellem Aarhus Kommune og", None),
        ("3.2 Betalingsfrist: 30 dage fra fakturadato.", None),
        ("3.1 Priserne fremgår af Bilag 3 Tilbudsliste.", None),
        ("2 nd Floor, Transpacific Haus", None),
        ("NEITHER PARTY WILL BE LIABLE FOR ANY SPECIAL,", "IN NO EVENT"),
        ("ADAMS GOLF, LTD.", "and"),
        ("1 Licens pr. bruger 395,00", None),
    ],
)
def test_a_numbered_paragraph_or_a_wrapped_line_is_no_heading(
    line: str, previous: str | None
) -> None:
    assert heading(line, previous) is None


def test_it_skips_a_table_of_contents() -> None:
    lines = [
        "Indholdsfortegnelse",
        "1 Baggrund og formål ........................ 3",
        "2 Definitioner ______________________________ 3",
        "4 Kontraktperiode 4",
        "§ 5 Priser og betaling 5",
        "Bilag 2 Priser ............................. 21",
        "1 Baggrund og formål",
        "Kunden har gennemført et udbud.",
    ]

    assert toc_lines(lines) == {0, 1, 2, 3, 4, 5}


@pytest.mark.parametrize(
    ("line", "following", "label", "title", "prices"),
    [
        ("Bilag 2 – Priser", None, "Bilag 2", "Priser", True),
        ("Bilag 2 Priser", None, "Bilag 2", "Priser", True),
        ("Bilag B Vederlag", None, "Bilag B", "Vederlag", True),
        ("Appendix B", "Prices and Payment", "Appendix B", "Prices and Payment", True),
        ("Schedule 3 – Charges", None, "Schedule 3", "Charges", True),
        ("EXHIBIT B", None, "EXHIBIT B", "", False),
        ("Prisbilag", None, "Prisbilag", "", True),
        ("Bilag 1 Kravspecifikation", None, "Bilag 1", "Kravspecifikation", False),
    ],
)
def test_it_reads_appendix_headings(
    line: str, following: str | None, label: str, title: str, prices: bool
) -> None:
    found = appendix_heading(line, following)

    assert found is not None and (found.label, found.title, found.prices) == (label, title, prices)


@pytest.mark.parametrize(
    "line",
    [
        "Priser",  # a bare word
        "Exhibit A attached hereto and incorporated herein.",  # a reference in a sentence
        "Bilag 2 Priser; Bilag 3 Leverandørens løsningsbeskrivelse",  # a list of appendices
        "Exhibit 10.3 hereto is filed separately.",
    ],
)
def test_a_bare_word_a_reference_or_a_list_starts_no_appendix(line: str) -> None:
    assert appendix_heading(line) is None


def _pages(*pages: list[str]) -> list[PageText]:
    return [PageText(i, lines) for i, lines in enumerate(pages, start=1)]


def test_it_splits_a_danish_template_without_dots_and_finds_its_price_appendix() -> None:
    pages = _pages(
        ["Kontrakt om drift af omsorgssystemet", "mellem", "Vejle Kommune", "og",
         "Østerled Løsninger P/S"],
        ["Indhold", "1 Baggrund 3", "4 Kontraktperiode 3", "5 Vederlag og betaling 4",
         "Bilag 2 Priser 9", "Bilag 1 Kravspecifikation; Bilag 2 Priser; Bilag 3 Exitplan.",
         "1 Baggrund", "Kunden har gennemført et udbud.", "4 Kontraktperiode",
         "4.1 Kontrakten træder i kraft den 01.01.2024.",
         "4.2 Kontrakten udløber uden yderligere varsel den 31.12.2027.",
         "5 Vederlag og betaling", "5.1 Betalingsfrist: 30 dage fra fakturadato."],
        ["Bilag 2 – Priser", "Varenr. Ydelse Enhed Pris", "A-1 Licens pr. md. 100,00"],
    )  # fmt: skip

    sections, appendix = split_body(pages)

    headings = [s.heading for s in sections]
    assert headings[-3:] == ["Baggrund", "Kontraktperiode", "Vederlag og betaling"]
    period = sections[-2]
    assert "træder i kraft den 01.01.2024" in period.text and "31.12.2027" in period.text
    assert "Betalingsfrist: 30 dage fra fakturadato." in sections[-1].text
    assert appendix is not None and appendix[0].number == 3
    assert appendix[0].lines[0] == "Bilag 2 – Priser"


def test_an_exhibit_after_the_body_is_marked_as_appendix() -> None:
    pages = _pages(
        ["SUPPLY AGREEMENT", "1. Term", "This Agreement shall continue for two (2) years."],
        ["EXHIBIT A", "Product Specifications", "Effective Date: January 5, 1999"],
    )

    sections, appendix = split_body(pages)

    assert appendix is None
    assert [(s.heading, s.appendix) for s in sections][-2:] == [
        ("Term", False), ("EXHIBIT A Product Specifications", True)]  # fmt: skip


def test_it_drops_page_numbers_version_stamps_and_running_footers() -> None:
    footer = ["iPass Channel Partner Reseller Agreement", "04.18.2018 iPass Confidential"]
    pages = _pages(
        ["Kontrakt om drift", "Kontrakt nr. 2026-0751", "Kontrakten er indgået den 1. maj 2026.",
         "Side 1 af 3", "Version 12-12-2023"],
        ["Kontrakt nr. 2026-0751", "4 Kontraktperiode", "Kontrakten løber i 4 år.", *footer,
         "Side 2 af 3", "Version 12-12-2023"],
        ["Kontrakt nr. 2026-0751", "5 Priser", "Priserne er faste.", *footer, "Page 3 of 3",
         "Version 12-12-2023"],
    )  # fmt: skip

    kept = _drop_running_lines(pages)

    assert kept[0].lines == ["Kontrakt om drift", "Kontrakt nr. 2026-0751",
                             "Kontrakten er indgået den 1. maj 2026."]  # fmt: skip
    assert kept[1].lines == ["4 Kontraktperiode", "Kontrakten løber i 4 år."]
    assert kept[2].lines == ["5 Priser", "Priserne er faste."]


@pytest.mark.parametrize(
    "line", ["31 March 2029.", "1. januar 2027 og kan forlænges.", "30 June 2029, and"]
)
def test_a_line_opening_with_a_date_is_no_numbered_heading(line: str) -> None:
    """ "... expires without notice on" over "31 March 2029.": the sentence goes on
    (the expiry was lost in a contract read as complete, a fifteenth review)."""
    assert heading(line, "The contract takes effect on 1 October 2024 and expires on") is None

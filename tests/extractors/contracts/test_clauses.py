"""Clauses worded as real contracts word them, including wordings the generator never uses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.contracts import clauses
from extractors.contracts.front import detect_language, read_front_page
from extractors.contracts.indexation import read_indexation
from extractors.contracts.sections import Section, classify


def clause(heading: str | None, text: str, language: str = "da") -> Section:
    return classify([Section(heading=heading, text=text, page=2)], language)[0]


INDEXATION = [
    pytest.param(
        "Prisregulering",
        "Priserne er faste i 24 måneder. Herefter kan priserne reguleres en gang årligt pr. 1. "
        "januar med udviklingen i nettoprisindekset (Danmarks Statistik, tabel PRIS113), dog "
        "maksimalt 3,0 %. Regulering varsles med 60 dages varsel.",
        "da", ("nettoprisindeks", Decimal("3"), 1, 24, 60, None), id="npi-table-code",
    ),
    pytest.param(
        "Prisregulering",
        "Leverandøren kan alene kræve prisregulering, hvis forbrugerprisindekset er steget med "
        "4 % eller mere siden seneste regulering.",
        "da", ("forbrugerprisindeks", None, None, None, None, Decimal("4")), id="threshold-only",
    ),
    pytest.param(
        "Price adjustment",
        "Prices may be indexed annually on 1 April by the change in the Consumer Price Index, "
        "capped at 2.5%. Notice of at least 90 days is required. Prices are fixed for the "
        "first two years.",
        "en", ("forbrugerprisindeks", Decimal("2.5"), 4, 24, 90, None), id="english-cpi",
    ),
    pytest.param(
        "Regulering af vederlag",
        "Vederlaget reguleres årligt den 1. juli i takt med lønindekset for den private sektor "
        "(ILON12). Reguleringen kan højst udgøre 4 procent.",
        "da", ("ILON12", Decimal("4"), 7, None, None, None), id="wage-index",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("heading", "text", "language", "expected"), INDEXATION)
def test_it_reads_the_indexation_clause(
    heading: str, text: str, language: str, expected: tuple[object, ...]
) -> None:
    section = clause(heading, text, language)

    terms = read_indexation(section, language)

    assert section.kind == "indexation"
    assert terms is not None
    got = (terms.index, terms.cap_pct, terms.adjust_month, terms.fixed_months,
           terms.notice_days, terms.threshold_pct)  # fmt: skip
    assert got == expected


def test_prices_fixed_for_the_whole_term_are_no_indexation() -> None:
    section = clause("Prisregulering", "Priserne er faste i hele kontraktperioden.")

    assert read_indexation(section, "da") is None


@pytest.mark.parametrize(
    ("heading", "text", "present"),
    [
        ("Mestbegunstigelse", "Leverandøren garanterer Kunden mestbegunstigelse.", True),
        (None, "Leverandøren skal sikre, at Kunden altid opnår den laveste pris, som Leverandøren "
               "tilbyder andre offentlige kunder for tilsvarende ydelser.", True),
        ("Mestbegunstigelse", "Leverandøren forpligter sig til ikke at tilbyde andre kommuner "
         "lavere priser end de priser, der følger af denne kontrakt (mestbegunstigelse).", True),
        ("Mestbegunstigelse", "Der er ikke aftalt mestbegunstigelse.", False),
        ("Mestbegunstigelse", "Mestbegunstigelse finder ikke anvendelse.", False),
        ("Most-favoured customer", "No most-favoured customer terms apply.", False),
        (None, "The Supplier warrants that the Customer's prices are no less favourable than "
               "those of any other comparable customer.", True),
    ],
)  # fmt: skip
def test_it_reads_whether_the_buyer_is_a_most_favoured_customer(
    heading: str | None, text: str, present: bool
) -> None:
    language = detect_language(text)
    section = clause(heading, text, language)

    assert section.kind == "mfn"
    assert clauses.read_mfn(section).params["present"] is present


@pytest.mark.parametrize(
    ("heading", "text", "days"),
    [
        ("Betalingsbetingelser", "Betalingsbetingelserne er 30 dage netto.", 30),
        ("Betaling", "Fakturaen forfalder til betaling 20 dage efter modtagelsen.", 20),
        ("Fakturering og betaling", "Betalingsfrist: 14 dage fra fakturadato.", 14),
        ("Payment", "Invoices are payable within 30 days of receipt.", 30),
    ],
)
def test_it_reads_the_payment_days(heading: str, text: str, days: int) -> None:
    section = clause(heading, text, detect_language(text))

    found = clauses.read_payment(section)

    assert section.kind == "payment" and found is not None
    assert found.params["payment_days"] == days


def test_it_reads_validity_dates_in_order_and_the_renewal_option() -> None:
    section = clause(
        "Kontraktperiode",
        "Kontrakten gælder for perioden 1. april 2025 - 31. marts 2029. Kunden har option på "
        "forlængelse i 2 x 12 måneder.",
    )

    found = clauses.read_validity(section)

    assert section.kind == "validity" and found is not None
    assert str(found.params["effective_date"]) == "2025-04-01"
    assert str(found.params["expiry_date"]) == "2029-03-31"
    assert "forlængelse" in str(found.params["renewal"])


def test_a_signing_date_in_the_validity_clause_is_not_its_effective_date() -> None:
    section = clause(
        "Ikrafttræden",
        "Kontrakten er underskrevet den 15. november 2025 og træder i kraft den 1. januar 2026. "
        "Kontrakten udløber den 31. december 2029.",
    )

    found = clauses.read_validity(section)

    assert found is not None
    assert (found.params["effective_date"], found.params["expiry_date"]) == (
        "2026-01-01",
        "2029-12-31",
    )


def test_the_termination_notice_is_not_taken_for_payment_or_indexation_notice() -> None:
    section = clause("Opsigelse", "Kunden kan opsige kontrakten med 6 måneders varsel.")

    found = clauses.read_termination(section)

    assert section.kind == "termination" and found is not None
    assert found.params["notice_months"] == 6
    assert clauses.read_payment(section) is None


def test_it_finds_parties_in_address_blocks() -> None:
    lines = [
        "Kontrakt om drift af KommuneSag", "Kontrakt nr. 2026-0751", "mellem",
        "Aarhus Kommune", "Rådhuspladsen 2", "8000 Aarhus C", "CVR-nr. 55 13 30 18",
        '(i det følgende kaldet "Kunden")', "og", "KommuneData A/S", "Dataparken 7",
        "8200 Aarhus N", "CVR-nr.: 41372853", '(i det følgende kaldet "Leverandøren")',
    ]  # fmt: skip

    front = read_front_page(lines)

    assert front.title == "Kontrakt om drift af KommuneSag"
    assert front.contract_number == "2026-0751"
    assert [(p.name, p.cvr, p.role) for p in front.parties] == [
        ("Aarhus Kommune", "55133018", "buyer"), ("KommuneData A/S", "41372853", "vendor")]  # fmt: skip


def test_it_finds_labelled_parties_whichever_comes_first() -> None:
    lines = ["IT operations agreement", "Supplier: Nordic Systems ApS, CVR no. 12345674",
             "Customer: Odense Kommune, CVR no. 35209115"]  # fmt: skip

    front = read_front_page(lines)

    assert [(p.name, p.role) for p in front.parties] == [
        ("Odense Kommune", "buyer"), ("Nordic Systems ApS", "vendor")]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kontrakten træder i kraft den 1. januar 2026 og udløber den 31. december 2029.", "da"),
     ("The contract enters into force on 1 January 2026 and expires on 31 December 2029.", "en")],
)  # fmt: skip
def test_it_detects_the_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "language", "pct", "above", "per"),
    [
        (
            "Ved mere end 1.000 brugere ydes 5 % rabat på licensprisen.",
            "da",
            "5",
            "1000",
            "brugere",
        ),
        ("Der gives 7,5 % rabat ved køb af mere end 500 licenser.", "da", "7.5", "500", "licenser"),
        ("A discount of 5% applies above 1,000 users.", "en", "5", "1000", "users"),
    ],
)
def test_it_reads_volume_discounts_beside_the_price_list(
    text: str, language: str, pct: str, above: str, per: str
) -> None:
    from extractors.contracts.pdf import PageText
    from extractors.contracts.prices.discounts import discount_clauses

    [found] = discount_clauses([PageText(3, ["Alle priser er ekskl. moms.", text])], language)

    assert found.kind == "discount" and found.page == 3
    assert found.params == {"discount_pct": Decimal(pct), "above": Decimal(above), "per": per}


def test_it_finds_parties_standing_side_by_side() -> None:
    from extractors.contracts.front import parties_in_columns, side_by_side
    from extractors.contracts.pdf import Segment

    def run(x: float, top: float, text: str) -> Segment:
        return Segment(x, top, x + 150, top + 9, text)

    segments = [
        run(63, 121, "Kontrakt nr. KD/2026/1179"),
        run(63, 159, "Leverandøren:"), run(304, 159, "Kunden:"),
        run(63, 176, "Øresund Systemer A/S"), run(304, 176, "Odense Kommune"),
        run(63, 194, "CVR-nr. 10713129"), run(304, 194, "Flakhaven 2"),
        run(304, 212, "5000 Odense C"),
        run(304, 230, "CVR/SE-nr. DK 92936651"),
    ]  # fmt: skip

    assert side_by_side(segments)
    assert [(p.name, p.cvr, p.role) for p in parties_in_columns(segments, 1)] == [
        ("Odense Kommune", "92936651", "buyer"), ("Øresund Systemer A/S", "10713129", "vendor")]  # fmt: skip


@pytest.mark.parametrize(
    "lines,title",
    [
        (["Services Agreement", "1. Parties", "Contracting Authority",
          "Roskilde Municipality, CVR 29189404"], "Services Agreement"),
        (["Framework Agreement", "for Facility Services", "Contracting Authority",
          "Hvidovre Municipality, CVR 55606617"], "Framework Agreement for Facility Services"),
        (["Kontrakt om vintertjeneste", "Ordregiver", "Greve Kommune, CVR 44023911"],
         "Kontrakt om vintertjeneste"),
    ],
)  # fmt: skip
def test_a_title_in_body_type_stops_at_a_clause_heading_or_a_partys_role(
    lines: list[str], title: str
) -> None:
    """A contract whose title is set no larger than its text is read from its first lines,
    which end at the first clause's heading or a line naming a party's role alone."""
    assert read_front_page(lines).title == title


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Contract reference: WV-CLN-2026-07", "WV-CLN-2026-07"),
        ("Contract ref. 2026/114", "2026/114"),
        ("Agreement number: A-77", "A-77"),
        ("Udbudsnr. 2025-0031", "2025-0031"),
        ("Contract references are listed in Annex 3", None),
    ],
)
def test_the_contracts_number_is_read_under_more_labels(line: str, number: str | None) -> None:
    front = read_front_page(["Service Agreement", line, "between", "Westvale Council"])
    assert front.contract_number == number

"""Parties as contracts name them: legal names (never clause fragments), CVR numbers and
buyer/vendor roles, from the preamble, stacked blocks, labels or signature blocks."""

from __future__ import annotations

import pytest

from extractors.contracts.parties import read_parties
from extractors.contracts.party_names import clean_name, is_name, role_of
from extractors.contracts.pdf import PageText

Party = tuple[str, str | None, str]

PREAMBLES = [
    pytest.param(
        ['This Distribution Agreement is entered into as of June 1, 1999 by and between '
         'Acme Widgets, Inc., a Delaware corporation ("Company"), and Nordic Trade ApS, a '
         'Danish company with offices at Vestergade 1, 8000 Aarhus C ("Distributor").'],
        [("Acme Widgets, Inc.", None, "buyer"), ("Nordic Trade ApS", None, "vendor")],
        id="by-and-between-with-descriptions",
    ),
    pytest.param(
        ['Kontrakten er indgået mellem Aarhus Kommune, Rådhuspladsen 2, 8000 Aarhus C, '
         'CVR-nr. 55 13 30 18 (herefter "Kunden") og Nordisk Drift A/S, CVR-nr. 41372853, '
         'Dataparken 7, 8200 Aarhus N (herefter "Leverandøren").'],
        [("Aarhus Kommune", "55133018", "buyer"), ("Nordisk Drift A/S", "41372853", "vendor")],
        id="danish-mellem-herefter",
    ),
    pytest.param(
        ["Mellem Odense Kommune, Flakhaven 2, 5000 Odense C (herefter »Kunden«) og Fynbo "
         "Systemer ApS, CVR 25215964, Bygaden 86, 5220 Odense SØ (herefter »Leverandøren«) "
         "er der indgået følgende aftale:"],
        [("Odense Kommune", None, "buyer"), ("Fynbo Systemer ApS", "25215964", "vendor")],
        id="guillemets-and-no-buyer-cvr",
    ),
    pytest.param(
        ["This Agreement is entered into on January 13, 2005 between professional golfer, "
         "TOM WATSON, (hereinafter referred to as “CONSULTANT”) and ADAMS GOLF, LTD. "
         "(hereinafter referred to as “ADAMS GOLF”)."],
        [("TOM WATSON", None, "vendor"), ("ADAMS GOLF, LTD.", None, "buyer")],
        id="descriptor-before-the-name",
    ),
    pytest.param(
        ["THIS AGREEMENT dated 5 December 2008.", "BETWEEN:",
         "GOLD HILL CORPORATION, a company organized under the laws of the State of Colorado "
         "(“GHC”)", "AND:",
         "NORTHERN MINING LIMITED, a company organized under the laws of England and Wales "
         "(“NML”)"],
        [("GOLD HILL CORPORATION", None, "buyer"), ("NORTHERN MINING LIMITED", None, "vendor")],
        id="separator-lines-and-laws-of-england-and-wales",
    ),
    pytest.param(
        ["This Agreement is made by and among (a) Alpha Communications, S.A. (“Alpha”), a "
         "limited company incorporated in Luxembourg, (b) Alpha Technologies, S.A. (“Alpha "
         "Holding”), a limited company; and (c) Beta Online Limited (“Company”)."],
        [("Alpha Communications, S.A.", None, "buyer"),
         ("Alpha Technologies, S.A.", None, "vendor")],
        id="lettered-parties-first-two",
    ),
    pytest.param(
        ["This agreement is entered into by and between the Home Corporation (\"Home\"), "
         "located at 450 Broadway, Redwood City, and e-centives, Inc., (\"Application "
         "Provider\"), a Delaware corporation."],
        [("Home Corporation", None, "buyer"), ("e-centives, Inc.", None, "vendor")],
        id="brand-in-lower-case",
    ),
]  # fmt: skip


def _roles(parties: list[Party]) -> list[Party]:
    return sorted(parties, key=lambda p: p[2] != "buyer")


@pytest.mark.parametrize(("lines", "expected"), PREAMBLES)
def test_it_reads_the_parties_of_the_preamble(lines: list[str], expected: list[Party]) -> None:
    found = read_parties([PageText(1, lines)])

    assert [(p.name, p.cvr, p.role) for p in found] == _roles(expected)


BLOCKS = [
    pytest.param(
        ["Kontrakt om drift", "mellem", "Aalborg Kommune", "Industrivej 22", "9000 Aalborg",
         '(herefter benævnt "Kunden")', "og", "Stjernholm Systemer A/S", "Vestergade 23",
         "2300 København S", "CVR-nr. 98150938", '(herefter benævnt "Leverandøren")'],
        [("Aalborg Kommune", None, "buyer"), ("Stjernholm Systemer A/S", "98150938", "vendor")],
        id="danish-address-blocks",
    ),
    pytest.param(
        ["SERVICEAFTALE", "PARTER", "Kunde", "Viborg Kommune", "Prinsens Allé 5", "8800 Viborg",
         "Leverandør", "Fyrtårn Software ApS", "Kongevejen 155", "2300 København S",
         'herefter benævnt henholdsvis "Kunden" og "Leverandøren".'],
        [("Viborg Kommune", None, "buyer"), ("Fyrtårn Software ApS", None, "vendor")],
        id="role-labels-above-the-names",
    ),
    pytest.param(
        ["ODM - SUPPLY AGREEMENT", "BETWEEN:", "ORGANIC PREPARATIONS INC.", "2", "nd Floor",
         "Port Vila. Vanuatu", "“the Manufacturer”", "-- AND --",
         "AGAPE INTERNATIONAL HOLDING LIMITED", "Kowloon, Hong Kong", "“the Customer”"],
        [("ORGANIC PREPARATIONS INC.", None, "vendor"),
         ("AGAPE INTERNATIONAL HOLDING LIMITED", None, "buyer")],
        id="quoted-roles-and-and-lines",
    ),
    pytest.param(
        ["Aftale om køb af byggesagssystem", "1. PARTERNE",
         "Kunde: Vejle Kommune, Skolegade 1, 7100 Vejle, CVR nr.: 69 30 39 32",
         "Leverandør: Fjordkode Software A/S, Kongevejen 155, 7100 Vejle, CVR-nr.", "24865688"],
        [("Vejle Kommune", "69303932", "buyer"), ("Fjordkode Software A/S", "24865688", "vendor")],
        id="labelled-lines",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "expected"), BLOCKS)
def test_it_reads_parties_in_blocks_or_labelled_lines(
    lines: list[str], expected: list[Party]
) -> None:
    found = read_parties([PageText(1, lines)])

    assert [(p.name, p.cvr, p.role) for p in found] == _roles(expected)


def test_it_reads_parties_from_the_signature_blocks_when_nothing_else_names_them() -> None:
    pages = [
        PageText(1, ["MAINTENANCE AGREEMENT", "1. Services", "The services are described below."]),
        PageText(2, ["Signed for and on behalf of the Customer", "Region Syddanmark",
                     "Date: 4 October 2024", "Signed for and on behalf of the Supplier",
                     "Ankerhus Digital A/S", "Date: 4 October 2024"]),
    ]  # fmt: skip

    found = read_parties(pages)

    assert [(p.name, p.role) for p in found] == [
        ("Region Syddanmark", "buyer"), ("Ankerhus Digital A/S", "vendor")]  # fmt: skip


def test_a_preamble_on_a_later_page_is_found() -> None:
    cover = [PageText(n, [f"TABLE OF CONTENTS page {n}"]) for n in (1, 2, 3)]
    preamble = PageText(4, ["MASTER FRANCHISE AGREEMENT",
                            "AGREEMENT made as of the _____ day of ________, 2015 by and between "
                            "Kiosk Concepts, Inc., a New York corporation (“we”), and The "
                            "Grilled Cheese Truck, Inc., a Nevada corporation (“you”)."])  # fmt: skip

    found = read_parties([*cover, preamble])

    assert [p.name for p in found] == ["Kiosk Concepts, Inc.", "The Grilled Cheese Truck, Inc."]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acme, Inc., a Delaware corporation with offices at 1 Main Street", "Acme, Inc."),
        ("Aarhus Kommune, Rådhuspladsen 2, 8000 Aarhus C", "Aarhus Kommune"),
        ("Nordisk Drift A/S, CVR-nr. 41372853", "Nordisk Drift A/S"),
        ("(1) Esbjerg Kommune, CVR no. 40907134", "Esbjerg Kommune"),
        ("and Mail Boxes Etc. USA, Inc., a California corporation", "Mail Boxes Etc. USA, Inc."),
        ("Client Name: MEDICAL MANAGER MIDWEST, INC.", "MEDICAL MANAGER MIDWEST, INC."),
        ("Kunde: Vejle Kommune, Skolegade 1", "Vejle Kommune"),
        ("Distributor, as set forth below", None),  # a role, not a name
        ("1.1 Kontrakten er indgået mellem X", None),  # a clause fragment
        ("A/S", None),  # a bare legal form
        ("the Agent named on the signature page hereof", None),
        ("July 31, 2009", None),
    ],
)
def test_it_keeps_the_legal_name_and_refuses_fragments(text: str, name: str | None) -> None:
    assert clean_name(text) == name


@pytest.mark.parametrize(
    "fragment",
    ["1.1 Kontrakten er indgået mellem Aarhus Kommune", "A/S", "under the laws of Denmark",
     "municipality with", "THE PARTIES RELATING TO THE SERVICES AGREE THAT THIS AGREEMENT"],
)  # fmt: skip
def test_a_clause_fragment_is_no_name(fragment: str) -> None:
    assert not is_name(fragment)


@pytest.mark.parametrize(
    ("term", "role"),
    [("Kunden", "buyer"), ("Ordregiver", "buyer"), ("the Customer", "buyer"),
     ("Licensee", "buyer"), ("Purchaser", "buyer"), ("Leverandøren", "vendor"),
     ("Supplier", "vendor"), ("Contractor", "vendor"), ("Licensor", "vendor"),
     ("Distributor", "vendor"), ("the Manufacturer", "vendor"), ("Company", None)],
)  # fmt: skip
def test_a_defined_term_gives_the_role(term: str, role: str | None) -> None:
    assert role_of(term) == role

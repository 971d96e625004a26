"""Party blocks as Danish public contracts write them, from an independent review of the
party reading (its documents rewritten here with invented names and numbers): each was
read wrong and stated as complete: a label or an address as the vendor's name, a third
company's CVR number as the vendor's, a wrapped name cut to its last line, "og" inside a
name taken for the word between the parties."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.contracts.extract import doubtful_name_reasons
from extractors.types import ContractParty, ContractTerms

BODY = [
    "1. Aftalens genstand",
    "Leverandøren leverer de i bilag 1 beskrevne varer til Kunden.",
    "2. Aftaleperiode",
    "Aftalen træder i kraft den 1. marts 2026 og udløber den 28. februar 2028.",
    "3. Betaling",
    "Betaling sker 30 dage netto efter modtagelse af korrekt faktura.",
]


def _read(*blocks: str) -> dict[str, tuple[str | None, str | None]]:
    """The parties read from a contract whose front page holds ``blocks`` (blank lines
    between them), as {role: (name, CVR)}."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    y = 800.0
    canvas.drawString(60, y, "Rammeaftale om levering af driftsmateriel")
    y -= 24
    for block in blocks:
        for line in block.split("\n"):
            canvas.drawString(60, y, line)
            y -= 14
        y -= 10
    for line in BODY:
        canvas.drawString(60, y, line)
        y -= 14
    canvas.showPage()
    canvas.save()
    terms = extract_contract(buffer.getvalue(), "parter.pdf")
    assert not doubtful_name_reasons(terms), doubtful_name_reasons(terms)
    return {p.role: (p.name, p.cvr) for p in terms.parties}


BUYER = "Ordregiver:\nSkovlund Kommune\nTorvet 2, 7100 Skovlund\nCVR-nr. 29189986"


def test_a_cooperative_on_its_own_line_under_a_numbered_label() -> None:
    """ "A.m.b.a." is a legal form; the CVR number stands above the address: the buyer's
    address line was read as the vendor's name."""
    parties = _read(
        "1. Parterne",
        "1.1 Kunde\nSkovlund Kommune\nCVR-nummer 29189986\nTorvet 2, 7100 Skovlund",
        "1.2 Leverandør\nVestjysk Foder- og Frøforsyning\nA.m.b.a.\nCVR-nummer 17364502\n"
        "Havnevej 40, 6700 Esbjerg",
    )
    assert parties == {
        "buyer": ("Skovlund Kommune", "29189986"),
        "vendor": ("Vestjysk Foder- og Frøforsyning A.m.b.a.", "17364502"),
    }


def test_a_name_without_a_legal_form_under_its_label() -> None:
    """A foundation and a sole trader have no legal form: the label ("Sælger:",
    "Leverandør:") was read as the name."""
    for label, name in (
        ("Sælger:", "Fonden Vadehavets Natur"),
        ("Leverandør:", "Anlægsgartner Per Bech"),
    ):
        parties = _read(
            BUYER, f"{label}\n{name}\nc/o Revisorhuset\nEngtoften 9, 6270 Tønder\nCVR-nr. 38114457"
        )
        assert parties["vendor"] == (name, "38114457"), label
        assert parties["buyer"] == ("Skovlund Kommune", "29189986")


def test_a_name_wrapped_over_two_lines() -> None:
    parties = _read(
        BUYER,
        "Leverandør:\nNordjysk Ventilations- og\nKøleteknik A/S\nSmedevej 11, 9200 Aalborg SV\nCVR-nr. 25961417",
    )
    assert parties["vendor"] == ("Nordjysk Ventilations- og Køleteknik A/S", "25961417")
    parties = _read(
        BUYER,
        "Leverandør:\nMidtjysk Kloak- og Rørservice\nApS\nSmedevej 11, 9200 Aalborg SV\nCVR-nr. 25961417",
    )
    assert parties["vendor"] == ("Midtjysk Kloak- og Rørservice ApS", "25961417")


def test_a_company_named_before_the_parties_is_none_of_them() -> None:
    """The body that tendered the framework, with its CVR number, in the sentence before
    the parties' blocks; an advisor's block between them."""
    parties = _read(
        "Leveringsaftale under en rammeaftale udbudt af Fælles Indkøb Danmark A/S, "
        "CVR-nr. 30219155.",
        "Kunde\nSkovlund Kommune\nTorvet 2, 7100 Skovlund\nCVR-nr.: 29189986",
        "Leverandør\nKontorhuset Vest A/S\nIndustrivej 3, 7400 Herning\nCVR-nr.: 34580162",
    )
    assert parties == {
        "buyer": ("Skovlund Kommune", "29189986"),
        "vendor": ("Kontorhuset Vest A/S", "34580162"),
    }
    parties = _read(
        BUYER,
        "Ordregivers rådgiver:\nUdbudskonsulenterne ApS\nStrandgade 6, 8000 Aarhus C\nCVR-nr. 36712058",
        "Leverandør:\nKontorhuset Vest A/S\nIndustrivej 3, 7400 Herning\nCVR-nr. 34580162",
    )
    assert parties["vendor"] == ("Kontorhuset Vest A/S", "34580162")


def test_og_inside_a_name_in_the_sentence_naming_the_parties() -> None:
    for sentence in (
        "Aftalen er indgået mellem Skovlund Kommune (CVR-nr. 29189986) og Madsen og Søn "
        "Entreprise ApS (CVR-nr. 31907721).",
        "Aftalen er indgået mellem Madsen og Søn Entreprise ApS, CVR-nr. 31907721, og "
        "Skovlund Kommune, CVR-nr. 29189986.",
    ):
        parties = _read(sentence)
        assert parties == {
            "buyer": ("Skovlund Kommune", "29189986"),
            "vendor": ("Madsen og Søn Entreprise ApS", "31907721"),
        }, sentence


def test_building_works_labels_on_the_names_line() -> None:
    """ "Bygherre / ordregiver:", "Entreprenør:", "Tilbudsgiver:", "Rådgiver:": roles, not
    part of the name; a number in a company's name is no postcode."""
    for label in ("Entreprenør:", "Tilbudsgiver:", "Rådgiver:"):
        parties = _read(
            "Bygherre / ordregiver: Region Sydkysten, Allégade 1, 4700 Næstved - CVR-nr. 30561830",
            f"{label} Jord & Beton 2010 K/S, Grusvej 8, 4100 Ringsted - CVR-nr. 27409518",
        )
        assert parties == {
            "buyer": ("Region Sydkysten", "30561830"),
            "vendor": ("Jord & Beton 2010 K/S", "27409518"),
        }, label


def test_a_se_number_is_the_vendors_number() -> None:
    """A foreign vendor registered for Danish VAT gives its SE number: what its invoices
    carry."""
    parties = _read(
        BUYER,
        "Leverandør:\nMedizintechnik Brandt GmbH\nHafenstraße 4, D-24937 Flensburg\nSE-nr. 41220673",
    )
    assert parties["vendor"] == ("Medizintechnik Brandt GmbH", "41220673")


def test_a_name_under_og_without_a_legal_form_stops_at_its_address() -> None:
    parties = _read(
        "Kontrakt mellem",
        'Skovlund Kommune\nTorvet 2, 7100 Skovlund\nCVR-nr. 29189986\n(herefter "Kunden")',
        "og",
        'VVS-service Lund\nMøllevej 3, 8600 Silkeborg\nCVR-nr. 20774318\n(herefter "Leverandøren")',
    )
    assert parties["vendor"] == ("VVS-service Lund", "20774318")


def test_a_name_read_as_a_label_an_address_or_a_form_alone_is_for_review() -> None:
    for name, what in (
        ("Sælger:", "a role's label"),
        ("ApS", "a legal form alone"),
        ("Industrivej 6", "an address"),
        ("Holm Kloakservice Engvej 5", "an address"),
        ("Byg ApS, Ringvej 20, 4000 Roskilde", "an address"),
        ("Nordisk Vej- og", "a line cut off"),
    ):
        terms = ContractTerms(
            language="da",
            parties=[
                ContractParty(name="Skovlund Kommune", role="buyer", cvr="29189986"),
                ContractParty(name=name, role="vendor", cvr="25961417"),
            ],
        )
        reasons = doubtful_name_reasons(terms)
        assert reasons == [
            f"parties: the vendor's name was read as {name!r}, which looks like {what}, "
            "not a legal name"
        ], name
    for name in ("Byg 2000 ApS", "Fonden Vadehavets Natur", "Acme, Inc.", "Region Sydkysten"):
        terms = ContractTerms(
            language="da", parties=[ContractParty(name=name, role="vendor", cvr="25961417")]
        )
        assert doubtful_name_reasons(terms) == [], name


def test_a_name_that_begins_with_a_roles_word_is_a_name() -> None:
    """ "Entreprenørfirmaet ...", "Kundeservice ...": a name, not a label and its rest."""
    for name in ("Entreprenørfirmaet Vinterdrift ApS", "Kundeservice Nord A/S"):
        parties = _read(
            BUYER, f"Leverandør:\n{name}\nSmedevej 11, 9200 Aalborg SV\nCVR-nr. 25961417"
        )
        assert parties["vendor"] == (name, "25961417"), name


# ------------------------------------------------- a buying body acting for a municipality

VENDOR = "Leverandør:\nDatavej ApS\nCVR-nr. 35512233"


def test_a_buying_body_on_a_municipalitys_behalf_in_its_block() -> None:
    """A joint procurement body signs for one municipality: the municipality is the buyer
    (the body's CVR number would assign the contract to no municipality)."""
    parties = _read(
        "Ordregiver:\nIndkøbsfællesskabet Vest I/S\nCVR-nr. 31445522\npå vegne af Skovlund Kommune",
        VENDOR,
    )
    assert parties == {"buyer": ("Skovlund Kommune", None), "vendor": ("Datavej ApS", "35512233")}


def test_a_buying_body_on_a_municipalitys_behalf_in_the_preamble() -> None:
    """The sentence naming the parties names the body, its principal and the vendor, each
    with a CVR number: the principal's is the buyer's."""
    parties = _read(
        "Kontrakten er indgået mellem Fællesudbud Midt (CVR-nr. 31445522) på vegne af "
        "Skovlund Kommune (CVR-nr. 29189986) og Datavej ApS (CVR-nr. 35512233)."
    )
    assert parties == {
        "buyer": ("Skovlund Kommune", "29189986"),
        "vendor": ("Datavej ApS", "35512233"),
    }


def test_on_behalf_of_a_municipality_in_english() -> None:
    parties = _read(
        "Buyer:\nRegional Purchasing Partnership\nCVR 31445522\n"
        "on behalf of the Municipality of Skovlund",
        "Supplier:\nDatavej ApS\nCVR 35512233",
    )
    assert parties["buyer"] == ("Municipality of Skovlund", None)


def test_a_body_acting_for_several_municipalities_stays_the_buyer() -> None:
    """Several principals: no one of them is the buyer alone (the contract stays with the
    body read, which legal assigns)."""
    parties = _read(
        "Ordregiver:\nIndkøbsfællesskabet Vest I/S\nCVR-nr. 31445522\n"
        "på vegne af Skovlund Kommune og Vesthavn Kommune",
        VENDOR,
    )
    assert parties["buyer"] == ("Indkøbsfællesskabet Vest I/S", "31445522")


def test_a_municipality_signing_for_itself_is_unchanged() -> None:
    """ "For og på vegne af" in a municipality's own block names itself: nothing moves."""
    parties = _read(BUYER + "\nFor og på vegne af Skovlund Kommune", VENDOR)
    assert parties == {
        "buyer": ("Skovlund Kommune", "29189986"),
        "vendor": ("Datavej ApS", "35512233"),
    }

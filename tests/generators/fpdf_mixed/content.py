"""What contracts are about: buyers, fictional vendors, signatories, services and prices.

Municipalities are real (names and town-hall addresses); every vendor name is made up
from parts, and every CVR number is random. Prices are drawn per unit in ranges seen in
public IT contracts and rounded the way vendors quote them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

# name, English name, street, postcode and town
MUNICIPALITIES = (
    ("Odense Kommune", "Odense Municipality", "Flakhaven 2", "5000 Odense C"),
    ("Aarhus Kommune", "Aarhus Municipality", "Rådhuspladsen 2", "8000 Aarhus C"),
    ("Aalborg Kommune", "Aalborg Municipality", "Boulevarden 13", "9000 Aalborg"),
    ("Randers Kommune", "Randers Municipality", "Laksetorvet 1", "8900 Randers C"),
    ("Esbjerg Kommune", "Esbjerg Municipality", "Torvegade 74", "6700 Esbjerg"),
    ("Vejle Kommune", "Vejle Municipality", "Skolegade 1", "7100 Vejle"),
    ("Horsens Kommune", "Horsens Municipality", "Rådhustorvet 4", "8700 Horsens"),
    ("Silkeborg Kommune", "Silkeborg Municipality", "Søvej 1", "8600 Silkeborg"),
    ("Herning Kommune", "Herning Municipality", "Torvet 5", "7400 Herning"),
    ("Roskilde Kommune", "Roskilde Municipality", "Rådhusbuen 1", "4000 Roskilde"),
    ("Kolding Kommune", "Kolding Municipality", "Akseltorv 1", "6000 Kolding"),
    ("Københavns Kommune", "City of Copenhagen", "Rådhuspladsen 1", "1599 København V"),
    ("Viborg Kommune", "Viborg Municipality", "Prinsens Allé 5", "8800 Viborg"),
    ("Holbæk Kommune", "Holbæk Municipality", "Kanalstræde 2", "4300 Holbæk"),
)

_ROOTS = (
    "Fjord", "Bølge", "Lyng", "Hede", "Klit", "Skov", "Mose", "Bakke", "Vester", "Øster",
    "Sund", "Næs", "Ager", "Eng", "Nordlys", "Havblik", "Stenbro", "Lærke", "Fyrtårn",
    "Kyst", "Birke", "Elme", "Dige", "Vade", "Ravn", "Falke", "Trane", "Odder",
)  # fmt: skip
_STEMS = ("soft", "data", "tek", "net", "sys", "log", "IT", "digital", "kode", "link")
_TAILS = ("", "", "", " Solutions", " Systems", " Gruppen", " Nordic", " Danmark", " Software")
_FORMS_DA = ("ApS", "A/S", "A/S", "ApS", "P/S", "I/S")
_STREETS = (
    "Havnegade 12", "Industrivej 4", "Æblehaven 3", "Vesterbrogade 140", "Skejbyparken 8",
    "Cortex Park 26", "Lautrupbjerg 7", "Hedeager 3", "Niels Bohrs Vej 22", "Kongevejen 155",
)  # fmt: skip
_TOWNS = (
    "8000 Aarhus C", "2300 København S", "5220 Odense SØ", "9220 Aalborg Øst", "7100 Vejle",
    "2800 Kongens Lyngby", "8600 Silkeborg", "2750 Ballerup", "8200 Aarhus N", "2840 Holte",
)  # fmt: skip

_FIRST = (
    "Anne", "Mette", "Lars", "Søren", "Henrik", "Louise", "Camilla", "Jens", "Peter",
    "Rasmus", "Katrine", "Mads", "Birgitte", "Thomas", "Sofie", "Jesper", "Line", "Ole",
)  # fmt: skip
_LAST = (
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
    "Sørensen", "Rasmussen", "Madsen", "Kristensen", "Holm", "Lund", "Vestergaard", "Bach",
)  # fmt: skip
BUYER_TITLES_DA = ("Kommunaldirektør", "Direktør for Borgerservice", "Indkøbschef", "IT-chef")
VENDOR_TITLES_DA = ("Administrerende direktør", "Salgsdirektør", "Adm. direktør", "CFO")
BUYER_TITLES_EN = ("Chief Executive", "Head of Procurement", "Director of Digitalisation")
VENDOR_TITLES_EN = ("Chief Executive Officer", "Sales Director", "Managing Director")

SYSTEMS = (
    ("ESDH-løsning", "electronic document and records management system"),
    ("økonomisystem", "financial management system"),
    ("borgerportal", "citizen self-service portal"),
    ("bookingsystem", "room and resource booking system"),
    ("omsorgssystem til hjemmeplejen", "home care management system"),
    ("vagtplanlægningssystem", "staff rostering system"),
    ("bibliotekssystem", "library management system"),
    ("dagtilbudsportal", "childcare enrolment portal"),
    ("kontaktcenterløsning", "contact centre solution"),
    ("byggesagssystem", "building permit case system"),
)


@dataclass(frozen=True)
class Org:
    """A contract party as the document writes it."""

    name: str
    street: str
    town: str
    cvr: str


@dataclass(frozen=True)
class Service:
    """A priced service: descriptions in both languages and the unit it is billed in."""

    da: str
    en: str
    unit: str


CATALOG = (
    Service("Brugerlicens til sagsbehandlingssystem", "Named user licence, case system", "user_month"),
    Service("Licens til ESDH-løsning", "EDRMS user licence", "user_month"),
    Service("Licens til mobil hjemmeplejeapp", "Home care mobile app licence", "user_month"),
    Service("SaaS-abonnement, standardbruger", "SaaS subscription, standard user", "user_month"),
    Service("Licens til analyseværktøj", "Analytics and reporting licence", "user_year"),
    Service("Læselicens til dokumentarkiv", "Read-only licence, document archive", "user_year"),
    Service("Administratorlicens", "Administrator licence", "user_year"),
    Service("Drift og hosting af løsningen", "Operation and hosting of the solution", "month"),
    Service("Support i normal arbejdstid", "Support during business hours", "month"),
    Service("Overvågning og backup", "Monitoring and backup", "month"),
    Service("Test- og uddannelsesmiljø", "Test and training environment", "month"),
    Service("Vedligeholdelse og opdateringer", "Maintenance and updates", "year"),
    Service("Integration til Digital Post", "Integration with Digital Post", "year"),
    Service("Årlig revisionserklæring", "Annual assurance report", "year"),
    Service("Borgerrettet selvbetjeningsløsning", "Citizen self-service solution", "inhabitant_year"),
    Service("Kommunal affaldsportal", "Municipal waste portal", "inhabitant_year"),
    Service("Platform for borgerdialog", "Citizen engagement platform", "inhabitant_year"),
    Service("Konsulentbistand, seniorkonsulent", "Consultancy, senior consultant", "hour"),
    Service("Projektledelse", "Project management", "hour"),
    Service("Udvikling og tilpasning", "Development and customisation", "hour"),
    Service("Teknisk support uden for servicetid", "Technical support outside service hours", "hour"),
    Service("Løsningsarkitekt", "Solution architect", "hour"),
    Service("CPR-opslag", "CPR register lookup", "transaction"),
    Service("Forsendelse via Digital Post", "Digital Post dispatch", "transaction"),
    Service("SMS-besked til borger", "SMS message to a citizen", "transaction"),
    Service("Elektronisk underskrift", "Electronic signature", "transaction"),
    Service("Implementering og opsætning", "Implementation and set-up", "fixed"),
    Service("Datamigrering fra eksisterende system", "Data migration from the legacy system", "fixed"),
    Service("Uddannelse af superbrugere", "Super-user training programme", "fixed"),
    Service("Scannerstation", "Scanner station", "piece"),
    Service("Kursusplads, heldagskursus", "Course seat, full-day course", "piece"),
    Service("Ekstra integrationsadapter", "Additional integration adapter", "piece"),
)  # fmt: skip

# (low, high, step) in kroner; prices are drawn in steps and sometimes given odd endings
_PRICE_RANGES = {
    "user_month": (Decimal("18"), Decimal("480"), Decimal("0.25")),
    "user_year": (Decimal("240"), Decimal("6000"), Decimal("5")),
    "month": (Decimal("1500"), Decimal("120000"), Decimal("50")),
    "year": (Decimal("12000"), Decimal("950000"), Decimal("100")),
    "inhabitant_year": (Decimal("0.35"), Decimal("28"), Decimal("0.01")),
    "hour": (Decimal("650"), Decimal("1695"), Decimal("5")),
    "transaction": (Decimal("0.15"), Decimal("18"), Decimal("0.01")),
    "fixed": (Decimal("8000"), Decimal("650000"), Decimal("250")),
    "piece": (Decimal("95"), Decimal("35000"), Decimal("5")),
}


def price(rng: random.Random, unit: str, *, whole: bool = False) -> Decimal:
    """A plausible price excl. VAT for `unit`; `whole` forces whole kroner where the range
    allows (prices under 5 kr. keep their øre). Small unit prices sometimes carry a third
    decimal (0.385), as per-inhabitant and per-transaction prices do."""
    low, high, step = _PRICE_RANGES[unit]
    steps = int((high - low) / step)
    value = low + step * rng.randint(0, steps)
    if unit in ("inhabitant_year", "transaction") and rng.random() < 0.25:
        value = value + Decimal(rng.choice((1, 5, 9))) / 1000
    if whole and value >= 5:
        value = value.to_integral_value()
    return value


def cvr(rng: random.Random) -> str:
    """A random 8-digit CVR number (not checked against the register)."""
    return str(rng.randint(10_000_000, 99_999_999))


def municipality(rng: random.Random, *, english: bool = False) -> Org:
    name, name_en, street, town = rng.choice(MUNICIPALITIES)
    return Org(name_en if english else name, street, town, cvr(rng))


def vendor(rng: random.Random) -> Org:
    """A fictional vendor: 'Fjordsoft ApS', 'Nordlysdata Solutions A/S' ..."""
    stem = rng.choice(_STEMS)
    root = rng.choice(_ROOTS)
    joined = f"{root}{stem}" if stem[0].islower() else f"{root} {stem}"
    name = f"{joined}{rng.choice(_TAILS)} {rng.choice(_FORMS_DA)}"
    return Org(name, rng.choice(_STREETS), rng.choice(_TOWNS), cvr(rng))


def person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def town_of(org: Org) -> str:
    """'8000 Aarhus C' -> 'Aarhus'; the place name a signature line uses."""
    return org.town.split(" ", 1)[1].removesuffix(" C").removesuffix(" V").split(" ")[0]


def services(rng: random.Random, count: int, *, units: tuple[str, ...] = ()) -> list[Service]:
    """`count` distinct services, optionally only of the given units."""
    pool = [s for s in CATALOG if not units or s.unit in units]
    return rng.sample(pool, min(count, len(pool)))


def item_ids(rng: random.Random, count: int) -> list[str]:
    """Vendor item numbers in one scheme per list: 'LIC-100', '40110', 'A-07', 'DK2031'."""
    scheme = rng.choice(("prefix", "numeric", "alpha", "code"))
    start = rng.randint(1, 80)
    if scheme == "prefix":
        prefix = rng.choice(("YD", "VN", "PRS", "SRV"))
        return [f"{prefix}-{100 + 10 * (start + i)}" for i in range(count)]
    if scheme == "numeric":
        base = rng.randint(10, 89) * 1000
        return [str(base + 10 * (start + i)) for i in range(count)]
    if scheme == "alpha":
        letter = rng.choice("ABCKL")
        return [f"{letter}-{start + i:02d}" for i in range(count)]
    return [f"DK{2000 + 7 * (start + i)}" for i in range(count)]

"""Names and services: buyers (real municipality and region names), invented vendors and
people, and a catalogue of IT services with the units and price ranges they are sold in.

Vendor and person names are combined from parts and are fictional; CVR numbers are random.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from random import Random

BUYERS = [
    ("Aarhus Kommune", "8000 Aarhus C", "Aarhus"),
    ("Københavns Kommune", "1599 København V", "København"),
    ("Odense Kommune", "5000 Odense C", "Odense"),
    ("Aalborg Kommune", "9000 Aalborg", "Aalborg"),
    ("Randers Kommune", "8900 Randers C", "Randers"),
    ("Esbjerg Kommune", "6700 Esbjerg", "Esbjerg"),
    ("Vejle Kommune", "7100 Vejle", "Vejle"),
    ("Horsens Kommune", "8700 Horsens", "Horsens"),
    ("Silkeborg Kommune", "8600 Silkeborg", "Silkeborg"),
    ("Herning Kommune", "7400 Herning", "Herning"),
    ("Roskilde Kommune", "4000 Roskilde", "Roskilde"),
    ("Frederiksberg Kommune", "2000 Frederiksberg", "Frederiksberg"),
    ("Gentofte Kommune", "2820 Gentofte", "Gentofte"),
    ("Kolding Kommune", "6000 Kolding", "Kolding"),
    ("Viborg Kommune", "8800 Viborg", "Viborg"),
    ("Holbæk Kommune", "4300 Holbæk", "Holbæk"),
    ("Næstved Kommune", "4700 Næstved", "Næstved"),
    ("Slagelse Kommune", "4200 Slagelse", "Slagelse"),
    ("Hjørring Kommune", "9800 Hjørring", "Hjørring"),
    ("Svendborg Kommune", "5700 Svendborg", "Svendborg"),
    ("Skanderborg Kommune", "8660 Skanderborg", "Skanderborg"),
    ("Region Midtjylland", "8800 Viborg", "Viborg"),
    ("Region Hovedstaden", "3400 Hillerød", "Hillerød"),
    ("Region Syddanmark", "7100 Vejle", "Vejle"),
    ("Region Nordjylland", "9220 Aalborg Øst", "Aalborg"),
    ("Region Sjælland", "4180 Sorø", "Sorø"),
]
STREETS = ["Rådhustorvet", "Rådhuspladsen", "Torvegade", "Skolegade", "Kongensgade",
           "Søndergade", "Nørregade", "Havnevej", "Industrivej", "Stationsvej", "Bygaden",
           "Vestergade", "Østergade", "Parkvej", "Åboulevarden", "Lyngbyvej"]  # fmt: skip
VENDOR_CITIES = ["2300 København S", "8200 Aarhus N", "5220 Odense SØ", "9000 Aalborg",
                 "2750 Ballerup", "2800 Kongens Lyngby", "7100 Vejle", "6000 Kolding",
                 "8600 Silkeborg", "2630 Taastrup"]  # fmt: skip
SIGN_PLACES = ["København", "Aarhus", "Odense", "Aalborg", "Vejle", "Kolding", "Ballerup",
               "Silkeborg", "Viborg", "Roskilde"]  # fmt: skip
_VENDOR_A = ["Nordisk", "Fjord", "Lind", "Skovbo", "Havblik", "Nordlys", "Kystlinje", "Vestkyst",
             "Østerled", "Stjernholm", "Brofast", "Ankerhus", "Grønbæk", "Solvang", "Egetræ",
             "Kattegat", "Bølgen", "Midtfyn", "Lyngdal", "Hedegaard"]  # fmt: skip
_VENDOR_B = ["Drift", "Data", "Systemer", "IT", "Software", "Digital", "Løsninger",
             "Informatik", "Cloud", "Kommunedata", "Borgerdata", "Forvaltningssystemer"]  # fmt: skip
_VENDOR_B_EN = ["Systems", "Software", "Digital", "Solutions", "Data", "Cloud", "Informatics",
                "Technologies", "Services"]  # fmt: skip
_FORMS = ["A/S", "A/S", "ApS", "P/S"]
FIRST = ["Mette", "Lars", "Anne", "Søren", "Louise", "Henrik", "Camilla", "Jens", "Pernille",
         "Thomas", "Rikke", "Morten", "Helle", "Rasmus", "Tine", "Kasper", "Birgitte", "Jakob",
         "Signe", "Niels", "Ida", "Mikkel", "Lone", "Anders"]  # fmt: skip
LAST = ["Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Kjær", "Møller", "Holm", "Bech", "Lund", "Dahl", "Vestergaard",
        "Kristiansen", "Friis", "Thomsen", "Bjerre"]  # fmt: skip
BUYER_TITLES = ["Kommunaldirektør", "Direktør", "Indkøbschef", "IT-chef", "Digitaliseringschef"]
VENDOR_TITLES = ["Administrerende direktør", "Salgsdirektør", "Direktør", "Key Account Manager"]
EN_BUYER_TITLES = ["Chief Executive", "Head of Procurement", "Chief Digital Officer"]
EN_VENDOR_TITLES = ["Chief Executive Officer", "Sales Director", "Managing Director"]


@dataclass(frozen=True)
class Company:
    name: str
    cvr: str
    street: str
    city: str


def cvr(rng: Random) -> str:
    return str(rng.randint(10_000_000, 99_999_999))


def buyer(rng: Random) -> tuple[Company, str]:
    """A public buyer and the town it usually signs in."""
    name, city, town = rng.choice(BUYERS)
    street = f"{rng.choice(STREETS)} {rng.randint(1, 40)}"
    return Company(name, cvr(rng), street, city), town


def vendor(rng: Random, english: bool = False) -> Company:
    second = rng.choice(_VENDOR_B_EN if english else _VENDOR_B)
    name = f"{rng.choice(_VENDOR_A)} {second} {rng.choice(_FORMS)}"
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    return Company(name, cvr(rng), street, rng.choice(VENDOR_CITIES))


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def spaced_cvr(number: str) -> str:
    return " ".join(number[i : i + 2] for i in range(0, 8, 2))


SYSTEMS = [
    ("ESDH-systemet", "the EDRMS"),
    ("borgerportalen", "the citizen portal"),
    ("integrationsplatformen", "the integration platform"),
    ("økonomisystemet", "the finance system"),
    ("løn- og personalesystemet", "the payroll and HR system"),
    ("sagsbehandlingssystemet til jobcentret", "the job centre case management system"),
    ("omsorgssystemet", "the care management system"),
    ("selvbetjeningsløsningen", "the self-service solution"),
    ("booking- og ressourcesystemet", "the booking and resource system"),
    ("skoleadministrationssystemet", "the school administration system"),
    ("byggesagssystemet", "the building permit system"),
    ("kontaktcenterløsningen", "the contact centre solution"),
    ("dokumentboksen", "the document vault"),
]

# unit -> (Danish descriptions, English descriptions); "{s}" is the system's name.
_SERVICES: dict[str, tuple[list[str], list[str]]] = {
    "month": (
        ["Drift og vedligeholdelse af {s}", "Hosting af {s} i Leverandørens datacenter",
         "Overvågning og backup af {s}", "Applikationsdrift af {s}",
         "Drift af test- og uddannelsesmiljø til {s}", "Servicedesk, 1st level support"],
        ["Operation and maintenance of {s}", "Hosting of {s} in the Supplier's data centre",
         "Monitoring and backup of {s}", "Application management of {s}",
         "Test and training environment for {s}", "Service desk, first-line support"],
    ),
    "year": (
        ["Årlig licens til {s}", "Serviceaftale på {s}", "Vedligeholdelsesaftale for {s}",
         "Lovændringer og nye versioner af {s}", "Adgang til statistikmodul i {s}"],
        ["Annual licence for {s}", "Support agreement for {s}", "Maintenance of {s}",
         "Statutory updates and new releases of {s}", "Access to the reporting module of {s}"],
    ),
    "user_month": (
        ["Brugerlicens til {s}", "Licens til mobil adgang til {s}", "Named user-licens, {s}",
         "Sagsbehandlerlicens til {s}"],
        ["User licence for {s}", "Mobile access licence for {s}", "Named user licence, {s}",
         "Caseworker licence for {s}"],
    ),
    "user_year": (
        ["Brugerabonnement på {s}", "Licens til læseadgang til {s}", "Superbrugerlicens, {s}"],
        ["User subscription to {s}", "Read-only licence for {s}", "Super-user licence, {s}"],
    ),
    "inhabitant_year": (
        ["Abonnement på {s}", "Kommunelicens til {s}", "Driftsbidrag for {s}"],
        ["Subscription to {s}", "Municipal licence for {s}", "Operating contribution, {s}"],
    ),
    "hour": (
        ["Konsulentbistand, seniorkonsulent", "Konsulentbistand, projektleder",
         "Udvikling og tilpasning af integrationer", "Undervisning af superbrugere",
         "Support uden for normal arbejdstid", "Arkitektbistand", "Datamigrering og konvertering",
         "Supporttimer ud over det aftalte"],
        ["Consultancy, senior consultant", "Consultancy, project manager",
         "Development and adaptation of integrations", "Super-user training",
         "Support outside normal business hours", "Architecture services",
         "Data migration and conversion", "Support hours beyond the agreed volume"],
    ),
    "transaction": (
        ["Digital post-forsendelse", "CPR-opslag", "SMS-notifikation til borgere",
         "Opslag i adresseregister", "Fremsendelse af e-faktura", "Scanning af indgående post"],
        ["Digital post dispatch", "Civil registry lookup", "SMS notification to citizens",
         "Address register lookup", "E-invoice transmission", "Scanning of incoming mail"],
    ),
    "fixed": (
        ["Implementering af {s}", "Etablering af integration til {s}",
         "Konvertering af historiske data", "Opsætning af testmiljø",
         "Uddannelsespakke for superbrugere"],
        ["Implementation of {s}", "Set-up of integration to {s}",
         "Conversion of historical data", "Set-up of test environment",
         "Super-user training package"],
    ),
    "piece": (
        ["Kortlæser til sundhedskort", "Tablet inkl. opsætning", "Stregkodescanner",
         "Ekstra SSL-certifikat", "Ekstra lagerplads, 100 GB"],
        ["Health card reader", "Tablet including set-up", "Barcode scanner",
         "Additional SSL certificate", "Additional storage, 100 GB"],
    ),
}  # fmt: skip
_QUALIFIERS = (
    [", inkl. overvågning, backup og patchhåndtering", ", jf. servicemålene i Bilag 4",
     ", herunder 2nd level support i normal arbejdstid", " med tilhørende dokumentation",
     ", inkl. sikkerhedsopdateringer og versionsløft", " (produktions- og testmiljø)"],
    [", including monitoring, backup and patch management",
     " in accordance with the service levels in Schedule 4",
     ", including second-line support in business hours", " with related documentation",
     " (production and test environments)"],
)  # fmt: skip
_QUALIFIED = ("month", "year", "user_month", "user_year", "fixed")
CATEGORIES = {
    "month": ("Drift", "Operations"),
    "year": ("Licenser og vedligehold", "Licences and maintenance"),
    "user_month": ("Licenser", "Licences"),
    "user_year": ("Licenser", "Licences"),
    "inhabitant_year": ("Abonnement", "Subscription"),
    "hour": ("Konsulentydelser", "Professional services"),
    "transaction": ("Transaktioner", "Transactions"),
    "fixed": ("Engangsydelser", "One-off services"),
    "piece": ("Udstyr", "Equipment"),
}
_RANGES = {
    "month": (1500, 65000), "year": (12000, 600000), "user_month": (15, 450),
    "user_year": (150, 4800), "inhabitant_year": (1, 45), "hour": (650, 1650),
    "transaction": (0, 25), "fixed": (5000, 450000), "piece": (150, 25000),
}  # fmt: skip


@dataclass(frozen=True)
class Service:
    description: str
    unit: str
    price: Decimal
    category: str


def price_for(rng: Random, unit: str, whole: bool = False) -> Decimal:
    """A plausible unit price; `whole` asks for kroner without øre."""
    lo, hi = _RANGES[unit]
    if unit == "transaction":
        value = Decimal(rng.randint(15, 2500)) / 100
        if not whole and rng.random() < 0.3:
            value = Decimal(rng.randint(150, 9990)) / 1000
        return Decimal(rng.randint(1, 25)) if whole else value
    if unit in ("inhabitant_year", "user_month", "user_year") and not whole:
        return Decimal(rng.randint(lo * 100, hi * 100)) / 100
    step = rng.choice([1, 5, 10, 50, 100]) if hi > 1000 else 1
    value = Decimal(rng.randint(lo // step, hi // step) * step)
    if not whole and rng.random() < 0.35:
        value += Decimal(rng.choice([25, 50, 75, 95, 40])) / 100
    return value


def services(rng: Random, count: int, lang: str, units: list[str] | None = None,
             whole: bool = False, long_share: float = 0.3) -> list[Service]:  # fmt: skip
    """`count` different services with prices, drawn from the catalogue."""
    system = rng.choice(SYSTEMS)
    others = [s for s in SYSTEMS if s != system]
    pool = units or list(_SERVICES)
    out: list[Service] = []
    seen: set[str] = set()
    en = lang == "en"
    attempts = 0
    while len(out) < count and attempts < count * 40:
        attempts += 1
        unit = rng.choice(pool)
        texts = _SERVICES[unit][1 if en else 0]
        sys_name = (system if rng.random() < 0.6 else rng.choice(others))[1 if en else 0]
        text = rng.choice(texts).replace("{s}", sys_name)
        if unit in _QUALIFIED and rng.random() < long_share:
            text += rng.choice(_QUALIFIERS[1 if en else 0])
        if text in seen:
            continue
        seen.add(text)
        text = text[0].upper() + text[1:]
        category = CATEGORIES[unit][1 if en else 0]
        out.append(Service(text, unit, price_for(rng, unit, whole), category))
    return out


def item_ids(rng: Random, count: int) -> list[str]:
    """`count` distinct vendor item numbers in one numbering scheme."""
    scheme = rng.choice(["prefix", "numeric", "letters", "short", "plain"])
    prefix = rng.choice(["D", "L", "K", "SW", "KD", "NX"])
    start = rng.randint(10, 900)
    out: list[str] = []
    k = start
    for _ in range(count):
        k += rng.choice([1, 1, 2, 5])
        if scheme == "prefix":
            out.append(f"{prefix}-{1000 + k}")
        elif scheme == "numeric":
            out.append(f"{100000 + k * 7:06d}")
        elif scheme == "letters":
            out.append(f"{rng.choice(['DRF', 'LIC', 'SUP', 'KON', 'INT'])}-{k:03d}")
        elif scheme == "short":
            out.append(f"{rng.choice('HDLTK')}-{k * 10}")
        else:
            out.append(str(4000 + k))
    return _unique(out, rng)


def _unique(ids: list[str], rng: Random) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in ids:
        while item in seen:
            item = f"{item}{rng.choice('ABCDEFGH')}"
        seen.add(item)
        out.append(item)
    return out

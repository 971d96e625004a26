"""The role of a price table's column, from its header words (Danish and English).

Roles: ``position`` (a running number, never the item id), ``item`` (the vendor's item
number), ``description``, ``unit``, ``price`` (a unit price), ``quantity``, ``total``
(quantity x price), ``band`` (a volume band per row), ``tier`` (a column holding the
prices of one volume band, its band in the header), ``content`` (what a sales unit holds:
"Indhold pr. salgsenhed", never a price, quantity or name) and ``other``.
A price column also tells its VAT basis ("inkl. moms") and may name the unit
("Pris pr. måned") or the currency ("Pris (kr.)", "Price, EUR").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from extractors.contracts.dates import date_mentions
from extractors.contracts.patterns import UNREPRESENTED_UNIT, unit_of
from extractors.contracts.prices.rows import named_currency
from extractors.types import Unit

_WORDS: tuple[tuple[str, str], ...] = (
    # (role, regex over the normalised header text); the first match wins.
    # the pack's content, not a price, a quantity bought nor the item's name: "Indhold pr.
    # salgsenhed", "Antal i salgsenhed", "Pakningsstørrelse", "Units per pack"
    ("content", r"^(indhold|antal|stk|enheder) (pr|i|per) (salgsenhed|salgsenheden|pakning|"
              r"pakke|kolli|karton|æske)\b|^(pakningsstørrelse|pakningsstr|kollistørrelse)\b|"
              r"^(units|pieces|items|contents?) (per|in) (pack|package|box|case|carton|sales unit)\b|"
              r"^pack size\b"),
    ("total", r"^(samlet|i alt|total|subtotal|sum\b|tilbudssum|evaluerings|line total|"
              r"extended|samlede|årlig(t)? (samlet|i alt))|\b(samlet pris|total (price|cost|amount)|"
              r"pris i alt|i alt)\b"),
    ("band", r"^(number of|no\.? of|antal|interval|trin) (users|brugere|inhabitants|indbyggere|"
             r"licen[cs]es|licenser|seats|transaktioner|transactions)\b"),
    ("band", r"^(volume ?band|volumen ?(interval|trin)|quantity (band|range|interval)|"
             r"mængde ?(interval|trin)|antal ?(interval|trin)|order size|ordrestørrelse)\b"),
    ("quantity", r"^((forventet|estimeret|anslået|skønnet|estimated|expected|est|forv|ca|"
                 r"approx|annual|årligt|årlig|yearly) ){0,2}"
                 r"(antal|mængde|volumen|forbrug|qty|quantity|volume|consumption|usage|"
                 r"amount of units)\b"),
    ("position", r"^(pos|position|linje|lin|løbenr|løbenummer|#|line|row|l\.?nr)\b"),
    ("item", r"^(lev|leverandørens|leverandør|levs|supplier'?s?|vendor'?s?|manufacturer'?s?|"
             r"producentens|fabrikantens)\s+(varenr|varenummer|vare-?nr|artikel-?nr|art ?nr|"
             r"produkt-?nr|item (no|number|code)|product (no|number|code)|part (no|number)|"
             r"article (no|number)|catalog(ue)? (no|number))\b|"
             r"^(varenr|varenummer|vare-?nr|ydelses?-?(nr|nummer|id)|artikel-?nr|"
             r"art\.? ?(no|nr|number|nummer)|artikelnummer|"
             r"produkt-?nr|katalog-?nr|tjeneste-?nr|item (no|number|code|id)|item$|id$|"
             r"catalog(ue)? (no|number)|article (no|number)|product (no|number|code)|part number|"
             r"nr|no|number|code|kode|sku|ref|reference|service (id|no|code)|part no|"
             r"prisnr|pris-?id)\b"),
    ("unit", r"\b(charging|billing|pricing|charge|price) (basis|unit)$|"
             r"^(afregnings|pris|betalings)(grundlag|form|basis|enhed)$"),
    ("price", r"(pris|price|rate|sats|takst|beløb|amount|fee|charge|vederlag|honorar|"
              r"kr\b|dkk\b|eur\b|"
              # a rent: "Månedlig leje", "Døgnleje", "Leje pr. uge", "Monthly rent"
              r"^((månedlig|årlig|ugentlig|daglig|kvartalsvis) )?\w*leje( (ekskl|inkl|excl|incl|pr|per)\b.*)?$|"
              r"^(monthly|annual|yearly|weekly|daily) "
              r"(rent|rental|hire)\b)"),
    ("unit", r"^(enhed|afregningsenhed|måleenhed|prisenhed|salgsenhed|salgs-enhed|"
             r"pakningsenhed|leveringsenhed|sales unit|unit of sale|selling unit|"
             r"enh|unit|units|per|basis|"
             r"charging unit|billing unit|pricing unit|unit of measure|uom|afregning|"
             r"lejeform|lejeperiode|lejeenhed|rental period|hire period|rental basis)\b|"
             r"\b(charging|billing|pricing|charge|price) (basis|unit)\b|"
             r"^(afregnings|pris|betalings)(grundlag|form|basis)\b"),
    ("band", r"^(interval|trin|niveau|volumen ?interval|antal (brugere|indbyggere|licenser)|"
             r"tier|band|volume band|range|users|brugere|indbyggere|inhabitants)\b"),
    ("description", r"^(ydelse|ydelser|ydelsesbeskrivelse|beskrivelse|tekst|produkt|vare|"
                    r"varebeskrivelse|varetekst|service|services|description|item description|"
                    r"tjeneste|leverance|komponent|modul|betegnelse|navn|name|product|"
                    r"deliverable|specifikation|specification|indhold|element|delydelse|"
                    r"aktivitet|activity|licens|license|licence|(personale|medarbejder|stillings|fag|ydelses|produkt|vare|service)?kategori|category|rolle|"
                    r"role|personalegruppe|faggruppe|fagområde|staff (category|type|grade)|"
                    r"personnel (category|type)|"
                    r"profil|profile|konsulent ?(type|kategori|niveau)|medarbejder ?(type|kategori)|"
                    r"kompetence ?(profil|niveau)?|stilling|stillingsbetegnelse|job ?title|"
                    r"consultant (type|category|level)|resource|ressource|"
                    # what is hired: "Materiel | Lejeform | Pris", "Equipment | Day rate"
                    r"materiel|udstyr|equipment|maskine|maskiner|machine|machinery|køretøj|"
                    r"køretøjer|vehicle|vehicles|container|containere|beholder|beholdere)"),
    ("other", r"^(bemærk|note|kommentar|comment|remarks|forklaring|option|betingelse)"),
)  # fmt: skip
_ROLE_RES = tuple((role, re.compile(pattern)) for role, pattern in _WORDS)
_INCL = re.compile(
    r"\b(inkl|inklusive|incl|including|med moms|m\.? ?moms|m ?/ ?moms|with vat|vat[- ]inclusive)\b|"
    r"\b(inclusive|includes?)\b.*\b(vat|moms)\b"
)
_EXCL = re.compile(
    r"\b(ekskl|eksklusive|excl|excluding|ex|uden moms|u\.? ?moms|u ?/ ?moms|ekskl\.moms)\b"
)
_NUM = r"\d{1,3}(?:[.,\s]\d{3})+|\d+"
_HEADER_BAND = re.compile(
    rf"(?:(?:(?:fra|from|between|mellem)\s+)?(?P<lo>{_NUM})(?:\s*[-–]\s*|\s+(?:til|to)\s+)"
    rf"(?P<hi>{_NUM})"
    rf"|(?P<over>over|mere end|flere end|more than|above|>)\s*(?P<over_n>{_NUM})"
    rf"|(?P<from>fra|from|min\.?|≥|>=)\s*(?P<from_n>{_NUM})"
    rf"|(?P<upto>op til|til og med|højst|up to|max\.?|≤|<=)\s*(?P<upto_n>{_NUM})"
    rf"|(?P<plus_n>{_NUM})\s*\+)"
    rf"(?:\s*(?P<noun>[a-zæøå.]+))?",
    re.IGNORECASE,
)
_BAND_NOUNS = re.compile(r"^(indb|indbyggere|brugere|bruger|licenser|users|user|inhabitants|"
                         r"transaktioner|transactions|stk|styk|enheder|units|pcs|pieces|items|"
                         r"seats|licences|licenses)", re.I)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ColumnRole:
    role: str
    vat: str | None = None  # "incl" / "excl" when the header says
    unit: Unit | None = None  # "Pris pr. måned"
    currency: str | None = None
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None
    #: when a price column's prices apply: a calendar year ("Pris 2027": its first and
    #: last day), a day on ("Pris pr. 1.1.2027": ``valid_from`` alone) or a contract
    #: year ("År 2", "Year 2"); used only where a row has several such columns
    valid_from: date | None = None
    valid_to: date | None = None
    contract_year: int | None = None
    contract_years: int = 1
    #: the contract year is an option year's number ("Option år 1", "Optionsår 2"):
    #: counted after the table's last year of the base term (``cells._by_period``)
    option_year: bool = False
    #: the time of day or week a price column's prices are for ("Hverdage kl. 07-17",
    #: "Weekday evenings 17-22", "Lørdag og søndag", "Helligdage"): the header, cleaned
    time_band: str | None = None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    # a word wrapped at its hyphen ("vare- nr."), not a suspended one ("etablerings- og drift")
    text = re.sub(r"(?<=[a-zæøå])- (?!(?:og|eller|and|or|samt|til)\b)(?=[a-zæøå])", "", text)
    text = re.sub(r"[()\[\]:;,*]", " ", text)
    text = re.sub(r"(?<=\w)\.(?=\s|$)", "", text)  # "varenr." -> "varenr"
    return " ".join(text.split())


#: a price header naming no unit of its own: "Price per unit", "Pris pr. enhed", "per
#: item" (each row's unit is in its unit column), unlike "Pris pr. stk." or "Price per hour"
_GENERIC_UNIT = re.compile(r"\b(?:per|pr)\s+(?:unit|enhed|item|line|linje)\b")


def role_of(header: str, language: str = "da") -> ColumnRole | None:
    """The role a header cell names, or None when it names none."""
    text = normalise(header)
    if not text:
        return None
    band = band_in_header(header, language)
    if band is not None:
        return ColumnRole("tier", tier_min=band[0], tier_max=band[1])
    role = next((name for name, pattern in _ROLE_RES if pattern.search(text)), None)
    if role in (None, "other") and _YEAR_COLUMN.fullmatch(text):
        role = "price"  # "År 1 | År 2 | Option år 3": each contract year's price
    band_of_day = time_band(header)
    if band_of_day is not None and role in (None, "other", "price", "description"):
        # "Hverdage kl. 07-17 | Aften | Weekend": each time band's price
        vat = _vat(text)
        return ColumnRole("price", vat=vat, unit=unit_of(header) if role == "price" else None,
                          currency=named_currency(header), time_band=band_of_day)  # fmt: skip
    if role is None:
        return None
    outside = normalise(re.sub(r"\([^)]*\)", " ", header))
    vat = _vat(outside) or _vat(text)
    currency = named_currency(header)
    unit = None
    if role in ("price", "total") and not _GENERIC_UNIT.search(text) and not unrepresented(header):
        unit = unit_of(header) or _period_price(text)
    if role == "description" and re.search(r"\b(pris|price)\b", text):
        role = "price"
    found = ColumnRole(role, vat=vat, unit=unit, currency=currency)
    return _when(header, found) if role == "price" else found


#: a calendar year in a price header ("Pris 2027", "2027 price", "Pris 2026-2027"), not
#: a price level ("2026-niveau", "i 2026-priser") nor part of a date
_YEAR = re.compile(
    r"(?<![\d./-])(?P<lo>20\d\d)(?:\s*[-–/]\s*(?P<hi>(?:20)?\d\d))?(?![\d./])"
    r"(?!\s*-?\s*(?:niveau|level|prisniveau|priser|prices|tal)\b)",
    re.IGNORECASE,
)
_INDEX_BASE = re.compile(r"\b(?:indeks|index|npi|pl|basis|base)\s*(?:år\s*)?20\d\d|20\d\d\s*=\s*100",
                         re.IGNORECASE)  # fmt: skip
_FROM_YEAR = re.compile(
    r"\b(?:fra|from|efter|after|pr\.?|per|med\s+virkning\s+fra)\s*$", re.IGNORECASE
)
#: a contract year or a run of them ("År 2", "2. år", "Aftaleår 2", "Year 2",
#: "2.-4. år", "år 2-4", "Years 2-4")
_CONTRACT_YEAR = re.compile(
    r"\b(?:kontrakt|aftale|contract\s+)?(?:år|years?)\s*(?P<n>\d{1,2})"
    r"(?:\s*[-–]\s*(?P<n2>\d{1,2}))?\b|"
    r"\b(?P<m>\d{1,2})\.(?:\s*[-–]\s*(?P<m2>\d{1,2})\.)?\s*(?:kontrakt|aftale)?år\b",
    re.IGNORECASE,
)


#: a header naming only a contract year, perhaps an option year: "År 2", "Option år 3",
#: "Year 1", "Aftaleår 2", "2. år"
_YEAR_COLUMN = re.compile(
    r"(?:option(?:s)?\s*)?(?:(?:kontrakt|aftale)?år|(?:contract\s+)?years?)\s*\d{1,2}|"
    r"(?:option(?:s)?\s*)?\d{1,2}\s*(?:kontrakt|aftale)?år"
)


#: a date broken at a separator by a header's line break: "2026- 06-01", "1.4. 2026"
_WRAPPED_DATE = re.compile(r"(\d)([-./])\s+(\d)")
#: a price that holds up to a day: "til og med", "t.o.m.", "indtil", "until", "up to and
#: including", "gældende til"
_UNTIL = re.compile(
    r"(?:til\s+og\s+med|t\.\s?o\.\s?m\.?|indtil|frem\s+til|gældende\s+til|until|up\s+to"
    r"(?:\s+and\s+including)?|through|to)\s*$",
    re.IGNORECASE,
)


def unwrapped_dates(header: str) -> str:
    """The header with a date broken over its lines whole again ("2026- 06-01")."""
    return _WRAPPED_DATE.sub(r"\1\2\3", header)


def _when(header: str, role: ColumnRole) -> ColumnRole:
    """A price column's role with the period its header gives its prices, if any."""
    # a date wrapped over the header's lines ("Ny pris pr. 2026-" over "06-01", "1.4."
    # over "2026"): one date again
    header = unwrapped_dates(header)
    found = [m for m in date_mentions(header) if m.value is not None]
    if len(found) == 1:
        day = found[0].value
        if _UNTIL.search(header[: found[0].start]):  # "Pris til og med 31.05.2026"
            return replace(role, valid_to=day)
        return replace(role, valid_from=day)
    mentions = [m.value for m in found]
    year = _YEAR.search(header)
    if year is not None and _INDEX_BASE.search(header):
        year = None  # "Pris (indeks 2020 = 100)", "Enhedspris (NPI 2025)"
    if year is not None and not mentions and _FROM_YEAR.search(header[: year.start()]):
        return replace(role, valid_from=date(int(year.group("lo")), 1, 1))  # "gældende fra 2026"
    if year is not None and not mentions:
        lo = int(year.group("lo"))
        hi = year.group("hi")
        if hi is not None and len(hi) == 2:
            return role  # "2026/27": a school or financial year, its first day unsaid
        last = lo if hi is None else int(hi)
        if lo <= last <= lo + 10:
            return replace(role, valid_from=date(lo, 1, 1), valid_to=date(last, 12, 31))
        return role
    counted = _CONTRACT_YEAR.search(header)
    if counted is not None:
        first = int(counted.group("n") or counted.group("m"))
        last = int(counted.group("n2") or counted.group("m2") or first)
        if 1 <= first <= last <= 20:
            option = _OPTION_YEAR.search(header[: counted.end()]) is not None
            return replace(role, contract_year=first, contract_years=last - first + 1,
                           option_year=option)  # fmt: skip
    return role


#: an option year ("Pris Option år 1", "Optionsår 2", "Option year 1", "Extension year 1")
_OPTION_YEAR = re.compile(r"\b(?:options?|extension|forlængelses)\w*[\s-]*(?:år|years?)\b",
                          re.IGNORECASE)  # fmt: skip


#: the words of a time of day or of the week a price holds for
_TIME_WORDS = re.compile(
    r"^(?:hverdag\w*|hverdagsaften\w*|man(?:dag)?|tirs(?:dag)?|ons(?:dag)?|tors(?:dag)?|"
    r"fre(?:dag)?|lør(?:dag)?\w*|søn(?:dag)?\w*|weekend\w*|helligdag\w*|helligdags\w*|"
    r"aften\w*|nat\w*|dag|dagtid|daglig|døgn\w*|normal\w*|arbejdstid\w*|åbningstid\w*|"
    r"tidsrum\w*|udenfor|uden|for|inden|inkl|efter|før|fra|til|kl|og|samt|eller|alle|"
    r"weekdays?|weekday|evenings?|nights?|night-?time|day-?time|days?|saturdays?|sundays?|"
    r"mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat|sun|public|bank|"
    r"holidays?|out|of|office|business|working|hours?|outside|and|or|to|from|after|before|"
    r"all|incl|\d{1,2}(?:[.:]\d{2})?|[-–/&+])$",
    re.IGNORECASE,
)
#: of which at least one names the time itself
_TIME_NAMES = re.compile(
    r"\b(?:hverdag\w*|lør(?:dag)?\w*|søn(?:dag)?\w*|weekend\w*|helligdag\w*|aften\w*|nat\w*|"
    r"dagtid|weekdays?|evenings?|nights?|saturdays?|sundays?|holidays?|out\s+of\s+hours|"
    r"man(?:dag)?\s*[-–]\s*fre(?:dag)?|mon(?:day)?\s*[-–]\s*fri(?:day)?)",
    re.IGNORECASE,
)
#: price words a time band's header may carry ("Timepris hverdage", "Rate, weekends")
_BAND_PRICE_WORDS = re.compile(
    r"\b(?:timepris\w*|pris\w*|takst\w*|sats\w*|price\w*|rates?|fee|kr|dkk|eur|"
    r"pr|per|time|hour|ekskl|excl|inkl|incl|moms|vat)\b\.?",
    re.IGNORECASE,
)


def time_band(header: str) -> str | None:
    """The time of day or week a price column's header names ("Hverdage kl. 07-17",
    "Weekday evenings 17-22", "Lør-, søn- og helligdage", "Timepris nat"), cleaned; None
    when the header names something else too (a product, a year, a volume band)."""
    if not _TIME_NAMES.search(header):
        return None
    rest = _BAND_PRICE_WORDS.sub(" ", header)
    words = re.findall(r"\d{1,2}(?:[.:]\d{2})?|[^\W\d]+|[-–/&+]", rest.replace("\u00ad", ""))
    if not words or not all(_TIME_WORDS.match(w) for w in words):
        return None
    return " ".join(header.split()).strip(" :,")


def looks_like_band(text: str) -> bool:
    """A volume band, its noun perhaps on the header's next line ("up to 1,000")."""
    if re.fullmatch(r"\s*\d[\d.,\s]*[-–]\s*", text):  # "10,001 -" / "50,000 inhabitants"
        return True
    covered = sum(len(m.group(0)) for m in _HEADER_BAND.finditer(text))
    return covered > 0 and covered >= 0.6 * len(text.strip())


_PERIOD_PRICES = (
    (re.compile(r"^(årlig|årspris|annual|yearly|pris pr år|price per year)"), Unit.YEAR),
    (re.compile(r"^(månedlig|månedspris|monthly|pris pr måned|price per month)"), Unit.MONTH),
    (re.compile(r"^(timepris|timesats|hourly|pris pr time|price per hour)"), Unit.HOUR),
    (re.compile(r"^(engangspris|engangsbeløb|one-off|one-time|fast pris|fixed price)"), Unit.FIXED),
    (re.compile(r"^(kilometerpris|km-pris|kilometertakst|price per km|rate per km)"), Unit.KM),
    (re.compile(r"^(dagspris|døgnpris|dagpris|dagsleje|døgnleje|daily rate|day rate)"), Unit.DAY),
    (re.compile(r"^(kvadratmeterpris|m2-pris|m²-pris)"), Unit.SQUARE_METRE),
    (re.compile(r"^(literpris|price per lit)"), Unit.LITRE),
    (re.compile(r"^(tonpris|price per ton)"), Unit.TONNE),
    (
        re.compile(r"^(ugepris|ugeleje|weekly rate|weekly price|price per week|pris pr uge)"),
        Unit.WEEK,
    ),
    (
        re.compile(
            r"^(kvartalspris|quarterly price|quarterly fee|price per quarter|pris pr kvartal)"
        ),
        Unit.QUARTER,
    ),
    (re.compile(r"^(hektarpris|price per hectare|pris pr ha\b|pris pr hektar)"), Unit.HECTARE),
)


#: what a yearly or monthly price cannot be per and still be one of our units: "Annual
#: price per m²", "Monthly price per km", "Årlig pris pr. time" (a measure or an hour per
#: period; a thing per period is the period's price: "Årspris pr. stk.")
_NOT_PER_PERIOD = frozenset({
    Unit.KG, Unit.TONNE, Unit.KM, Unit.METRE, Unit.SQUARE_METRE, Unit.CUBIC_METRE,
    Unit.LITRE, Unit.HOUR, Unit.DAY, Unit.TRANSACTION, Unit.WEEK, Unit.HECTARE,
})  # fmt: skip
_PER = re.compile(r"\b(?:per|pr)\b\.?", re.IGNORECASE)


def unrepresented(header: str) -> bool:
    """Whether a price header prices per a unit no ``Unit`` stands for: per N units, per
    part of an hour, a measure per period (``patterns.UNREPRESENTED_UNIT``), also with
    the period first ("Annual price per m²", "Månedlig pris pr. km")."""
    if UNREPRESENTED_UNIT.search(header.lower()):
        return True
    if _period_price(normalise(header)) not in (Unit.YEAR, Unit.MONTH):
        return False
    per = _PER.search(header)
    return per is not None and unit_of(header[per.start() :]) in _NOT_PER_PERIOD


def _period_price(text: str) -> Unit | None:
    """The unit a price column's header names by its period ("Årlig pris", "Timepris")."""
    return next((unit for pattern, unit in _PERIOD_PRICES if pattern.search(text)), None)


def _vat(text: str) -> str | None:
    return "incl" if _INCL.search(text) else ("excl" if _EXCL.search(text) else None)


#: a band whose end is missing: "Fra 50 til", "10 to", "100 -" (its end on the next line)
DANGLING = re.compile(r"(?:\btil|\bto|\band|\bog|[-–])\s*$", re.IGNORECASE)


def band_in_header(text: str, language: str) -> tuple[Decimal | None, Decimal | None] | None:
    """A volume band written as a column header ("0-10.000 indb.", "over 50.000 indbyggere",
    "501-2,000 users"); None when the text is no band."""
    if DANGLING.search(text):
        return None  # cut off: "Fra 50 til" over "199"
    match = _HEADER_BAND.search(text)
    if match is None:
        return None
    noun = match.group("noun") or ""
    rest = (text[: match.start()] + text[match.end() :]).strip(" .:-–")
    if not _BAND_NOUNS.match(noun) and rest and not _BAND_NOUNS.search(rest):
        return None
    if not _BAND_NOUNS.match(noun) and not _BAND_NOUNS.search(text):
        return None
    g = match.groupdict()

    def qty(value: str) -> Decimal:
        return Decimal(re.sub(r"[.,\s]", "", value))

    if g["lo"]:
        return qty(g["lo"]), qty(g["hi"])
    if g["over"]:
        return qty(g["over_n"]) + 1, None
    if g["from"]:
        return qty(g["from_n"]), None
    if g["plus_n"]:  # "101+ stk."
        return qty(g["plus_n"]), None
    return None, qty(g["upto_n"])

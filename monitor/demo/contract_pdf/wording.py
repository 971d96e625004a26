"""How contracts say things: number and date formats, unit words, items and titles.

Everything here is seeded by the caller's ``random.Random``; one ``Style`` is picked
per document so a contract writes its dates and amounts consistently.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from extractors.types import Unit
from monitor.demo.contract_pdf.spec import PriceItemSpec

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december")  # fmt: skip
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip

UNIT_WORDS: dict[str, dict[Unit, tuple[str, ...]]] = {
    "da": {
        Unit.MONTH: ("pr. måned", "pr. md.", "månedligt"),
        Unit.YEAR: ("pr. år", "årligt", "fast pr. år"),
        Unit.USER_MONTH: ("pr. bruger pr. måned", "pr. bruger/md.", "pr. bruger pr. md."),
        Unit.USER_YEAR: ("pr. bruger pr. år", "pr. bruger/år"),
        Unit.INHABITANT_YEAR: ("pr. indbygger pr. år", "pr. indb./år"),
        Unit.HOUR: ("pr. time", "pr. påbegyndt time"),
        Unit.TRANSACTION: ("pr. transaktion", "pr. opslag", "pr. forsendelse"),
        Unit.FIXED: ("fast pris", "engangsbeløb"),
        Unit.PIECE: ("pr. stk.", "pr. styk"),
    },
    "en": {
        Unit.MONTH: ("per month", "monthly"),
        Unit.YEAR: ("per year", "annually", "fixed per year"),
        Unit.USER_MONTH: ("per user per month", "per user/month"),
        Unit.USER_YEAR: ("per user per year", "per user/year"),
        Unit.INHABITANT_YEAR: ("per inhabitant per year", "per inhabitant/year"),
        Unit.HOUR: ("per hour", "per started hour"),
        Unit.TRANSACTION: ("per transaction", "per lookup"),
        Unit.FIXED: ("fixed fee", "one-off fee"),
        Unit.PIECE: ("per piece", "per unit"),
    },
}

_ITEMS_DA = (
    ("KommuneSag sagsbehandlingssystem, licens", Unit.USER_MONTH, 200, 600),
    ("Borgerportal, drift og licens", Unit.INHABITANT_YEAR, 0.5, 5),
    ("Økonomi- og lønmodul, licens", Unit.USER_YEAR, 1500, 4000),
    ("Digital Post-forsendelse", Unit.TRANSACTION, 0.2, 1),
    ("CPR-opslag via integration", Unit.TRANSACTION, 0.5, 2),
    ("Drift og hosting, fast årligt vederlag", Unit.YEAR, 100_000, 400_000),
    ("Support og vedligeholdelse", Unit.MONTH, 8000, 30_000),
    ("Konsulentbistand", Unit.HOUR, 850, 1500),
    ("Projektledelse", Unit.HOUR, 1000, 1600),
    ("Backup og gendannelse", Unit.MONTH, 2000, 9000),
    ("Dokumentboks, drift", Unit.YEAR, 20_000, 90_000),
    ("Tokens til to-faktor-login", Unit.PIECE, 90, 350),
    ("Mødebooking, licens", Unit.USER_MONTH, 15, 60),
    ("Ydelsesmodul, licens", Unit.USER_YEAR, 900, 2500),
)
_ITEMS_EN = (
    ("Case management system, licence", Unit.USER_MONTH, 200, 600),
    ("Citizen portal, operation and licence", Unit.INHABITANT_YEAR, 0.5, 5),
    ("Finance and payroll module, licence", Unit.USER_YEAR, 1500, 4000),
    ("Digital Post dispatch", Unit.TRANSACTION, 0.2, 1),
    ("CPR lookup via integration", Unit.TRANSACTION, 0.5, 2),
    ("Operation and hosting, fixed annual fee", Unit.YEAR, 100_000, 400_000),
    ("Support and maintenance", Unit.MONTH, 8000, 30_000),
    ("Consultancy", Unit.HOUR, 850, 1500),
    ("Project management", Unit.HOUR, 1000, 1600),
    ("Backup and restore", Unit.MONTH, 2000, 9000),
    ("Document archive, operation", Unit.YEAR, 20_000, 90_000),
    ("Two-factor login tokens", Unit.PIECE, 90, 350),
)
_MODULES = ("Sagsstyring", "Journalisering", "Ydelser", "Borgerservice", "Skole", "Dagtilbud",
            "Jobcenter", "Ejendomme", "Byggesag", "Affald", "Parkering", "Kultur", "Sundhed",
            "Beskæftigelse", "HR", "Indkøb", "Arkiv", "Rapportering", "Integration", "Mobil")  # fmt: skip
_MODULE_KINDS = (("licens", Unit.USER_MONTH, 20, 400), ("drift", Unit.MONTH, 1500, 25_000),
                 ("vedligeholdelse", Unit.YEAR, 5000, 80_000), ("opsætning", Unit.FIXED,
                 10_000, 150_000), ("transaktioner", Unit.TRANSACTION, 0.1, 3))  # fmt: skip
_TIER_BANDS = {
    Unit.INHABITANT_YEAR: ((0, 10_000), (10_001, 50_000), (50_001, None)),
    Unit.USER_MONTH: ((1, 100), (101, 500), (501, None)),
    Unit.USER_YEAR: ((1, 50), (51, 250), (251, None)),
    Unit.TRANSACTION: ((0, 100_000), (100_001, None)),
}
_SYSTEMS = ("KommuneSag", "Borgerportalen", "ØkonomiPlus", "Ydelsesplatformen", "DokumentBoks",
            "Skoleportalen", "Byggesagsløsningen")  # fmt: skip
_TITLES = {
    ("da", "K02"): ("Kontrakt om drift af {s}", "Driftskontrakt vedrørende {s}",
                    "Kontrakt om IT-drift og vedligeholdelse af {s}"),
    ("da", "K03"): ("Kontrakt om levering af standardsystem {s}", "Standardkontrakt om {s}",
                    "Kontrakt om køb af standardsystemet {s}"),
    ("en", "K02"): ("Contract for the operation of {s}", "IT operations agreement for {s}"),
    ("en", "K03"): ("Contract for the supply of the standard system {s}",
                    "Standard system contract for {s}"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Style:
    """One document's conventions for writing dates and amounts."""

    language: str
    date_style: str  # long | dash | dot | iso
    amount_style: str  # plain | kr_before | kr_after | dkk_before | dash

    @classmethod
    def pick(cls, rng: random.Random, language: str) -> Style:
        dates = ("long", "long", "dash", "iso") + (("dot",) if language == "da" else ("us", "ord"))
        amounts = ("plain", "kr_before", "kr_after", "dkk_before", "dash")
        return cls(language, rng.choice(dates), rng.choice(amounts))

    def date(self, d: date) -> str:
        if self.date_style == "iso":
            return d.isoformat()
        if self.date_style == "dash":
            return f"{d.day:02d}-{d.month:02d}-{d.year}"
        if self.date_style == "dot":
            return f"{d.day:02d}.{d.month:02d}.{d.year}"
        if self.language == "en":
            if self.date_style == "ord":
                suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(
                    d.day, "th"
                )
                return f"{d.day}{suffix} {MONTHS_EN[d.month - 1]} {d.year}"
            if self.date_style == "us":
                return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
            return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
        return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"

    def number(self, value: Decimal, places: int = 2) -> str:
        """``12.500,00`` (da) or ``12,500.00`` (en)."""
        text = f"{value:,.{places}f}"
        if self.language == "da":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text

    def amount(self, value: Decimal, *, bare: bool = False) -> str:
        """An amount as the document writes it; ``bare`` for table cells."""
        whole = value == value.to_integral_value()
        text = self.number(value)
        if self.amount_style == "dash" and whole and self.language == "da":
            text = text[:-3] + ",-"
        if bare:
            return text
        if self.language == "en" or self.amount_style == "dkk_before":
            return f"DKK {text}"
        return f"kr. {text}" if self.amount_style == "kr_before" else f"{text} kr."

    def month(self, month: int) -> str:
        return (MONTHS_EN if self.language == "en" else MONTHS_DA)[month - 1]


def unit_text(rng: random.Random, item: PriceItemSpec, language: str) -> str:
    return item.unit_text or rng.choice(UNIT_WORDS[language][item.unit])


def random_title(rng: random.Random, *, language: str, kind: str) -> str:
    return rng.choice(_TITLES[(language, kind)]).format(s=rng.choice(_SYSTEMS))


def random_contract_number(rng: random.Random, year: int) -> str:
    n = rng.randint(1, 9999)
    return rng.choice((f"{year}-{n:04d}", f"KD/{year}/{n:04d}", f"SAG-{year}-{n:05d}",
                       f"{n}/{year}"))  # fmt: skip


def _price(rng: random.Random, low: float, high: float) -> Decimal:
    value = Decimal(str(round(rng.uniform(low, high), 2)))
    step = Decimal("1") if value >= 1000 else Decimal("0.01")
    return value.quantize(step, rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def _item_ids(rng: random.Random, count: int) -> list[str]:
    style = rng.choice(("prefix", "dotted", "plain"))
    prefix = rng.choice(("KD", "NF", "ØS", "DF", "JD"))
    if style == "prefix":
        return [f"{prefix}-{1000 + 10 * (i + 1)}" for i in range(count)]
    if style == "dotted":
        return [f"2.{i + 1}" for i in range(count)]
    return [f"{100 + i + 1}" for i in range(count)]


def random_items(
    rng: random.Random, *, language: str, count: int, tiers: bool = False
) -> list[PriceItemSpec]:
    """``count`` price lines (more with ``tiers``: each tiered item yields one per band)."""
    pool = list(_ITEMS_EN if language == "en" else _ITEMS_DA)
    rng.shuffle(pool)
    if count > len(pool):
        combos = [(f"{m}, {k}", u, lo, hi) for m in _MODULES for k, u, lo, hi in _MODULE_KINDS]
        rng.shuffle(combos)
        pool += combos[: count - len(pool)]
    chosen = pool[:count]
    ids = _item_ids(rng, len(chosen))
    items: list[PriceItemSpec] = []
    tiered = 0
    for item_id, (description, unit, low, high) in zip(ids, chosen, strict=True):
        price = _price(rng, low, high)
        bands = _TIER_BANDS.get(unit) if tiers and tiered < 3 else None
        if not bands:
            items.append(PriceItemSpec(item_id, description, unit, price))
            continue
        tiered += 1
        for lo, hi in bands:
            items.append(PriceItemSpec(item_id, description, unit, price,
                                       tier_min=Decimal(lo),
                                       tier_max=None if hi is None else Decimal(hi)))  # fmt: skip
            price = (price * Decimal(rng.randint(70, 92)) / 100).quantize(Decimal("0.01"))
    return items


def band_text(rng: random.Random, item: PriceItemSpec, style: Style) -> str:
    """The volume band as written: "0-10.000 indbyggere", "over 500 brugere"."""
    if item.tier_min is None and item.tier_max is None:
        return ""
    en = style.language == "en"
    noun = {Unit.INHABITANT_YEAR: ("indbyggere", "inhabitants"),
            Unit.TRANSACTION: ("transaktioner", "transactions")}.get(
        item.unit, ("brugere", "users"))[en]  # fmt: skip
    low = style.number(item.tier_min or Decimal(0), 0)
    if item.tier_max is not None:
        return f"{low}-{style.number(item.tier_max, 0)} {noun}"
    over = style.number((item.tier_min or Decimal(1)) - 1, 0)
    if en:
        return rng.choice((f"over {over} {noun}", f"more than {over} {noun}", f"from {low} {noun}"))
    return rng.choice((f"over {over} {noun}", f"mere end {over} {noun}", f"fra {low} {noun}"))

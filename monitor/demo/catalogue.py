"""The demo vendor's catalogue and what each municipality agreed to pay for it.

The story: every municipality buys the SAME services from KommuneData A/S, at very
different prices. Odense (most-favoured-customer clause) pays the list price of every
item; Aarhus has the same clause yet pays more than Odense for two items; Esbjerg pays
26 times what Odense pays for the citizen portal (per inhabitant), Randers 8 times.
``PRICE_FACTORS`` is that table, in multiples of the list price.

Two kinds of items, so that the peer rules find exactly what the story says:

* *mild* items: every municipality within 1.0-1.25 x the list price, so no price (even
  one overpriced by up to 60 %) is above twice the median of the others, and nobody
  pays less than Odense;
* *strong* items (``STRONG_ITEMS``): the spread the story is about. Only Randers and
  Esbjerg are above twice the median; among Odense, København, Aalborg and Aarhus the
  second and third lowest prices are equal, so Randers' median is the same whether or
  not Esbjerg's invoice has arrived yet (see ``monitor.demo.peers``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from extractors.types import Unit
from monitor.demo.parties import DemoMunicipality

Billing = Literal["monthly", "yearly"]
Volume = Literal["users", "finance_users", "inhabitants", "post", "lookups", "one", "hours"]

#: Municipalities whose contract has a most-favoured-customer clause (mestbegunstigelse).
MFN_MUNICIPALITIES = frozenset({"751", "461"})

#: The per-inhabitant item whose price differs most (26 x) between municipalities.
HEADLINE_ITEM = "KD-1020"


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """One service the vendor sells.

    ``list_price`` is per ONE ``unit``; invoices state it per ``invoice_base_quantity``
    units of ``unit_code`` (e.g. Digital Post priced per 100 letters), which is the
    same price once normalised. ``volume`` says how the quantity billed is derived.
    """

    item_id: str
    description: str
    unit: Unit
    unit_text: str
    unit_code: str
    list_price: Decimal
    billing: Billing
    volume: Volume
    invoice_base_quantity: Decimal = Decimal("1")


CATALOGUE: tuple[CatalogueItem, ...] = (
    CatalogueItem("KD-1010", "KommuneSag sagsbehandlingssystem, licens", Unit.USER_MONTH,
                  "pr. bruger pr. måned", "EA", Decimal("395.00"), "monthly", "users"),
    CatalogueItem("KD-1020", "Borgerportal, drift og licens", Unit.INHABITANT_YEAR,
                  "pr. indbygger pr. år", "EA", Decimal("0.95"), "yearly", "inhabitants",
                  Decimal("1000")),
    CatalogueItem("KD-1030", "Økonomi- og lønmodul, licens", Unit.USER_YEAR,
                  "pr. bruger pr. år", "EA", Decimal("2400.00"), "yearly", "finance_users"),
    CatalogueItem("KD-2010", "Digital Post-forsendelse", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("0.38"), "monthly", "post", Decimal("100")),
    CatalogueItem("KD-2020", "CPR-opslag via integration", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("1.25"), "monthly", "lookups"),
    CatalogueItem("KD-3010", "Drift og hosting, fast årligt vederlag", Unit.YEAR,
                  "fast pr. år", "ANN", Decimal("240000.00"), "yearly", "one"),
    CatalogueItem("KD-3020", "Support og vedligeholdelse", Unit.MONTH,
                  "pr. måned", "MON", Decimal("18500.00"), "monthly", "one"),
    CatalogueItem("KD-4010", "Konsulentbistand", Unit.HOUR,
                  "pr. time", "HUR", Decimal("1150.00"), "monthly", "hours"),
)  # fmt: skip

_CODES = ("461", "101", "851", "751", "730", "561")  # column order of PRICE_FACTORS


def _row(*factors: str) -> dict[str, Decimal]:
    return dict(zip(_CODES, (Decimal(f) for f in factors), strict=True))


#: Multiples of the list price, by item and kommunekode.
#: Columns: Odense, København, Aalborg, Aarhus, Randers, Esbjerg.
PRICE_FACTORS: dict[str, dict[str, Decimal]] = {
    "KD-1010": _row("1.00", "1.05", "1.10", "1.00", "1.15", "1.20"),
    "KD-1020": _row("1.00", "1.50", "2.50", "1.50", "8.00", "26.00"),
    "KD-1030": _row("1.00", "1.20", "1.20", "1.00", "3.00", "1.10"),
    "KD-2010": _row("1.00", "1.05", "1.10", "1.00", "1.20", "1.15"),
    "KD-2020": _row("1.00", "1.10", "1.20", "1.10", "4.00", "1.15"),
    "KD-3010": _row("1.00", "1.30", "1.15", "1.00", "1.20", "3.00"),
    "KD-3020": _row("1.00", "1.10", "1.15", "1.00", "1.20", "1.25"),
    "KD-4010": _row("1.00", "1.10", "1.05", "1.00", "1.15", "2.60"),
}
#: Items with a spread beyond twice the median somewhere (the rest are mild).
STRONG_ITEMS = frozenset({"KD-1020", "KD-1030", "KD-2020", "KD-3010", "KD-4010"})


@dataclass(frozen=True, slots=True)
class VolumeBand:
    """A volume band of a tiered price: ``tier_min``..``tier_max`` units (inclusive)."""

    tier_min: Decimal
    tier_max: Decimal | None
    factor: Decimal


#: København's licence price has two volume bands instead of one price.
TIERED = {
    ("101", "KD-1010"): (
        VolumeBand(Decimal("0"), Decimal("1000"), Decimal("1.15")),
        VolumeBand(Decimal("1001"), None, Decimal("1.05")),
    )
}


@dataclass(frozen=True, slots=True)
class AgreedPrice:
    """A line of one municipality's price appendix: ``unit_price`` per one ``unit``,
    DKK excl. moms; ``tier_min``/``tier_max`` bound its volume band, if it has one."""

    item: CatalogueItem
    unit_price: Decimal
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None

    @property
    def item_id(self) -> str:
        return self.item.item_id


def item(item_id: str) -> CatalogueItem:
    for entry in CATALOGUE:
        if entry.item_id == item_id:
            return entry
    raise KeyError(item_id)


def nice_price(value: Decimal) -> Decimal:
    """Round as a price list would: whole kroner from 100 kr., else øre (half up)."""
    step = Decimal("1") if value >= 100 else Decimal("0.01")
    return value.quantize(step, rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def price_appendices(
    municipalities: tuple[DemoMunicipality, ...],
) -> dict[str, list[AgreedPrice]]:
    """Each municipality's agreed prices, keyed by kommunekode, in catalogue order (a
    tiered item has one entry per band, cheapest band last)."""
    appendices: dict[str, list[AgreedPrice]] = {}
    for m in municipalities:
        prices = []
        for entry in CATALOGUE:
            bands = TIERED.get((m.code, entry.item_id))
            if bands:
                prices += [
                    AgreedPrice(entry, nice_price(entry.list_price * b.factor), b.tier_min,
                                b.tier_max)
                    for b in bands
                ]  # fmt: skip
            else:
                factor = PRICE_FACTORS[entry.item_id][m.code]
                prices.append(AgreedPrice(entry, nice_price(entry.list_price * factor)))
        appendices[m.code] = prices
    return appendices


def price_for(appendix: list[AgreedPrice], item_id: str, quantity: Decimal) -> AgreedPrice:
    """The agreed price of ``item_id`` for ``quantity`` units (its band, if tiered)."""
    for price in appendix:
        if price.item_id != item_id:
            continue
        low = price.tier_min if price.tier_min is not None else Decimal(0)
        if low <= quantity and (price.tier_max is None or quantity <= price.tier_max):
            return price
    raise KeyError(f"{item_id} x {quantity}")


def billed_quantity(
    entry: CatalogueItem, municipality: DemoMunicipality, rng: random.Random
) -> Decimal:
    """The quantity billed in one invoice for this item (whole units)."""
    pop = municipality.population
    match entry.volume:
        case "users":
            count = pop * rng.randint(200, 230) // 100_000
        case "finance_users":
            count = pop * rng.randint(38, 45) // 100_000
        case "inhabitants":
            count = pop
        case "post":
            count = pop * rng.randint(80, 110) // 1000
        case "lookups":
            count = pop * rng.randint(15, 25) // 1000
        case "hours":
            count = rng.randint(6, 60)
        case "one":
            count = 1
    return Decimal(count)

"""The demo vendor's catalogue and what each municipality agreed to pay for it.

The story the demo tells: every municipality buys the SAME services from KommuneData
A/S, yet their price appendices differ, for one item (the citizen portal, priced per
inhabitant) by a factor of about 26. Municipalities with a most-favoured-customer
clause got the lowest price of every item, so that clause is honoured in the demo.
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

#: The per-inhabitant item whose prices differ by about this factor between municipalities.
HEADLINE_ITEM = "KD-1020"
HEADLINE_FACTORS = (Decimal("1.00"), Decimal("1.00"), Decimal("2.40"), Decimal("4.50"),
                    Decimal("9.00"), Decimal("26.00"))  # fmt: skip


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
                  "pr. indbygger pr. år", "EA", Decimal("1.85"), "yearly", "inhabitants",
                  Decimal("1000")),
    CatalogueItem("KD-1030", "Økonomi- og lønmodul, licens", Unit.USER_YEAR,
                  "pr. bruger pr. år", "EA", Decimal("2400.00"), "yearly", "finance_users"),
    CatalogueItem("KD-2010", "Digital Post-forsendelse", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("0.38"), "monthly", "post",
                  Decimal("100")),
    CatalogueItem("KD-2020", "CPR-opslag via integration", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("1.25"), "monthly", "lookups"),
    CatalogueItem("KD-3010", "Drift og hosting, fast årligt vederlag", Unit.FIXED,
                  "fast pr. år", "ANN", Decimal("240000.00"), "yearly", "one"),
    CatalogueItem("KD-3020", "Support og vedligeholdelse", Unit.MONTH,
                  "pr. måned", "MON", Decimal("18500.00"), "monthly", "one"),
    CatalogueItem("KD-4010", "Konsulentbistand", Unit.HOUR,
                  "pr. time", "HUR", Decimal("1150.00"), "monthly", "hours"),
)  # fmt: skip

#: Items every contract has; the others are in some contracts only.
CORE_ITEMS = frozenset({"KD-1010", "KD-1020", "KD-2010", "KD-3010", "KD-3020", "KD-4010"})


@dataclass(frozen=True, slots=True)
class AgreedPrice:
    """A line of one municipality's price appendix: ``unit_price`` per one ``unit``,
    DKK excl. moms."""

    item: CatalogueItem
    unit_price: Decimal

    @property
    def item_id(self) -> str:
        return self.item.item_id


def item(item_id: str) -> CatalogueItem:
    for entry in CATALOGUE:
        if entry.item_id == item_id:
            return entry
    raise KeyError(item_id)


def _nice(value: Decimal) -> Decimal:
    """Round as a price list would: whole kroner from 100 kr., else øre."""
    step = Decimal("1") if value >= 100 else Decimal("0.01")
    return value.quantize(step, rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def price_appendices(
    rng: random.Random, municipalities: tuple[DemoMunicipality, ...]
) -> dict[str, list[AgreedPrice]]:
    """Each municipality's agreed prices, keyed by kommunekode, in catalogue order.

    MFN municipalities pay the list price (the floor) for everything; the others pay
    a deal factor of 1.05-1.60 times an item factor of 1.00-1.30 above it, and the
    headline item is spread by ``HEADLINE_FACTORS``.
    """
    others = [m.code for m in municipalities if m.code not in MFN_MUNICIPALITIES]
    headline = dict.fromkeys(MFN_MUNICIPALITIES, Decimal("1.00"))
    shuffled = list(HEADLINE_FACTORS[len(MFN_MUNICIPALITIES) :])
    rng.shuffle(shuffled)
    headline.update(zip(others, shuffled, strict=False))
    appendices: dict[str, list[AgreedPrice]] = {}
    for m in municipalities:
        mfn = m.code in MFN_MUNICIPALITIES
        deal = Decimal("1.00") if mfn else Decimal(rng.randint(105, 160)) / 100
        prices = []
        for entry in CATALOGUE:
            optional = entry.item_id not in CORE_ITEMS
            keep = rng.random() < 0.6
            if optional and not (mfn or keep):
                continue
            noise = Decimal("1.00") if mfn else Decimal(rng.randint(100, 130)) / 100
            factor = headline.get(m.code, deal) if entry.item_id == HEADLINE_ITEM else deal * noise
            prices.append(AgreedPrice(entry, _nice(entry.list_price * factor)))
        appendices[m.code] = prices
    return appendices


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

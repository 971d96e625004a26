"""The demo vendor's catalogue and what each municipality agreed to pay for it.

The story the demo tells: every municipality buys the SAME services from KommuneData
A/S, yet the two that negotiated a most-favoured-customer clause (Aarhus, Odense) pay
the list price while the other four pay ``spread`` times as much, for the citizen
portal (priced per inhabitant) up to 26 times as much.

Why two price levels rather than a smooth spread: the skeleton demo must keep every
rule but ``price_above_agreed`` quiet. ``mfn_breach`` stays quiet because the MFN
municipalities pay the lowest price of every item; ``price_disparity`` (above 2 x the
median of the others) stays quiet because each of the four dearer municipalities is
within ``MAX_DEAL_NOISE`` of the other three, which are the median of its peers, even
with a breach of +60 % on top (1.15 x 1.60 = 1.84 < 2).
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

#: The per-inhabitant item whose price differs most (about 26 x) between municipalities.
HEADLINE_ITEM = "KD-1020"
#: The dearer municipalities' prices vary by at most this factor around ``spread``.
MAX_DEAL_NOISE = Decimal("1.15")


@dataclass(frozen=True, slots=True)
class CatalogueItem:
    """One service the vendor sells.

    ``list_price`` is per ONE ``unit``; invoices state it per ``invoice_base_quantity``
    units of ``unit_code`` (e.g. Digital Post priced per 100 letters), which is the
    same price once normalised. ``volume`` says how the quantity billed is derived;
    ``spread`` how many times the list price the municipalities without an MFN clause
    pay (before their individual deal noise).
    """

    item_id: str
    description: str
    unit: Unit
    unit_text: str
    unit_code: str
    list_price: Decimal
    billing: Billing
    volume: Volume
    spread: Decimal
    invoice_base_quantity: Decimal = Decimal("1")


CATALOGUE: tuple[CatalogueItem, ...] = (
    CatalogueItem("KD-1010", "KommuneSag sagsbehandlingssystem, licens", Unit.USER_MONTH,
                  "pr. bruger pr. måned", "EA", Decimal("395.00"), "monthly", "users",
                  Decimal("1.45")),
    CatalogueItem("KD-1020", "Borgerportal, drift og licens", Unit.INHABITANT_YEAR,
                  "pr. indbygger pr. år", "EA", Decimal("0.95"), "yearly", "inhabitants",
                  Decimal("22.6"), Decimal("1000")),
    CatalogueItem("KD-1030", "Økonomi- og lønmodul, licens", Unit.USER_YEAR,
                  "pr. bruger pr. år", "EA", Decimal("2400.00"), "yearly", "finance_users",
                  Decimal("1.60")),
    CatalogueItem("KD-2010", "Digital Post-forsendelse", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("0.38"), "monthly", "post",
                  Decimal("1.80"), Decimal("100")),
    CatalogueItem("KD-2020", "CPR-opslag via integration", Unit.TRANSACTION,
                  "pr. transaktion", "EA", Decimal("1.25"), "monthly", "lookups",
                  Decimal("1.50")),
    CatalogueItem("KD-3010", "Drift og hosting, fast årligt vederlag", Unit.FIXED,
                  "fast pr. år", "ANN", Decimal("240000.00"), "yearly", "one",
                  Decimal("1.30")),
    CatalogueItem("KD-3020", "Support og vedligeholdelse", Unit.MONTH,
                  "pr. måned", "MON", Decimal("18500.00"), "monthly", "one",
                  Decimal("1.25")),
    CatalogueItem("KD-4010", "Konsulentbistand", Unit.HOUR,
                  "pr. time", "HUR", Decimal("1150.00"), "monthly", "hours",
                  Decimal("1.35")),
)  # fmt: skip


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

    MFN municipalities pay the list price of every item; the others pay the item's
    ``spread`` times a deal noise of 1.00 to ``MAX_DEAL_NOISE`` on top of it.
    """
    appendices: dict[str, list[AgreedPrice]] = {}
    for m in municipalities:
        prices = []
        for entry in CATALOGUE:
            if m.code in MFN_MUNICIPALITIES:
                factor = Decimal("1")
            else:
                top = int(MAX_DEAL_NOISE * 100)
                factor = entry.spread * Decimal(rng.randint(100, top)) / 100
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

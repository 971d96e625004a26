"""The world of the rule scenarios (see ``scenarios.py``), with its price formulas.

The world: one vendor, eight municipalities, each with a contract pricing seven items
(per user/month, per user/year billed monthly, per hour, per transaction, per
inhabitant/year billed for the whole municipality, a fixed monthly fee, and a tiered
licence), all from 1 Jan 2025 to 31 Dec 2026, indexed each January by
nettoprisindeks (capped at 3 %; the index rose 2 % in 2025), 30 days' payment.
Municipalities 101 and 751 have a most-favoured-customer clause; 751 agreed a 30 %
dearer price for OKO-002 (an MFN breach whenever billed), 147 agreed 2.5 x for
KON-003 (a disparity), 157 exactly 2 x (a near miss), 101 one øre more for SAG-001
(a near miss under MFN).

Expected overcharges are computed here from the contract terms by plain formulas,
independently of the rules' code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from extractors.money import to_ore
from extractors.types import IndexationTerms, Unit
from rules.types import (
    ContractView,
    EvaluationContext,
    TermView,
)

D = Decimal
VENDOR = "12345678"
INDEX = D("1.02")  # allowed increase from 1 Jan 2026 (index +2 %, cap 3 %)
MUNICIPALITIES = {
    "101": 650_000, "751": 360_000, "461": 205_000, "851": 220_000,
    "730": 98_000, "561": 116_000, "147": 105_000, "157": 75_000,
}  # fmt: skip
MFN = {"101", "751"}
SPECIAL = {("751", "OKO-002"): D("1.3"), ("147", "KON-003"): D("2.5"), ("157", "KON-003"): D("2")}
PLUS_ORE = {("101", "SAG-001")}


@dataclass(frozen=True)
class Item:
    id: str
    description: str
    unit: Unit
    code: str
    price: Decimal
    factor: Decimal  # contract unit -> invoice unit (per inhabitant: x population)
    tiers: tuple[tuple[int, int | None, Decimal], ...] = ()


ITEMS = [
    Item("SAG-001", "Licens sagssystem pr. bruger pr. måned", Unit.USER_MONTH, "MON", D("120.00"), D(1)),
    Item("OKO-002", "Økonomisystem pr. bruger pr. år", Unit.USER_YEAR, "MON", D("2400.00"), D(1) / 12),
    Item("KON-003", "Konsulentbistand pr. time", Unit.HOUR, "HUR", D("950.00"), D(1)),
    Item("TRX-004", "Digital post pr. forsendelse", Unit.TRANSACTION, "C62", D("0.85"), D(1)),
    Item("BOR-005", "Borgerserviceplatform pr. indbygger pr. år", Unit.INHABITANT_YEAR, "ANN", D("12.50"), D(1)),
    Item("DRF-006", "Drift og hosting fast pris pr. måned", Unit.MONTH, "MON", D("45000.00"), D(1)),
    Item(
        "BRG-007", "Brugerlicens selvbetjening", Unit.USER_MONTH, "MON", D("80.00"), D(1),
        tiers=((0, 100, D("80.00")), (101, None, D("64.00"))),
    ),
]  # fmt: skip
BY_ID = {i.id: i for i in ITEMS}


@dataclass
class Expected:
    rule_id: str
    invoice_id: int
    line_ref: int | None
    overcharge: Decimal


@dataclass
class Scenario:
    name: str
    kind: str  # breach | near_miss | clean
    context: EvaluationContext
    expected: list[Expected] = field(default_factory=list)


# ----------------------------------------------------------------- contract terms
def agreed(muni: str, item: Item, qty: Decimal = D(1)) -> Decimal:
    """The agreed base price per contract unit (the band for ``qty`` when tiered)."""
    price = item.price
    if item.tiers:
        price = next(p for lo, hi, p in item.tiers if lo <= qty and (hi is None or qty <= hi))
    price = price * SPECIAL.get((muni, item.id), D(1))
    return price + D("0.01") if (muni, item.id) in PLUS_ORE else price


def allowed_inv(muni: str, item: Item, on: date, qty: Decimal = D(1)) -> Decimal:
    """The allowed price per invoice unit on ``on`` (exact, not rounded)."""
    base = agreed(muni, item, qty)
    contract_price = to_ore(base * INDEX) if on >= date(2026, 1, 1) else base
    return contract_price * _scale(muni, item)


def _scale(muni: str, item: Item) -> Decimal:
    if item.unit is Unit.INHABITANT_YEAR:
        return D(MUNICIPALITIES[muni])
    return item.factor


def clean_price(muni: str, item: Item, on: date, qty: Decimal = D(1)) -> Decimal:
    return to_ore(allowed_inv(muni, item, on, qty))


def contract_for(muni: str, cid: int) -> ContractView:
    terms, tid = [], cid * 100
    for item in ITEMS:
        bands = item.tiers or ((None, None, item.price),)
        for lo, hi, _ in bands:
            tid += 1
            qty = D(lo) if lo is not None else D(1)
            terms.append(
                TermView(
                    id=tid, item_id=item.id, description=item.description, unit=item.unit,
                    unit_price=agreed(muni, item, qty), confirmed=True, page=7,
                    tier_min=D(lo) if lo is not None else None,
                    tier_max=D(hi) if hi is not None else None,
                    evidence_text=f"{item.id} {item.description}",
                )
            )  # fmt: skip
    return ContractView(
        id=cid, vendor_cvr=VENDOR, municipality_code=muni, effective_date=date(2025, 1, 1),
        expiry_date=date(2026, 12, 31), price_terms=terms, payment_days=30, mfn=muni in MFN,
        indexation=IndexationTerms(
            index="nettoprisindeks", cap_pct=D(3), adjust_month=1, fixed_months=12,
            base_month="2024-12",
        ),
        title=f"Driftsaftale {muni}",
    )  # fmt: skip


SERIES = {"nettoprisindeks": {"2024-12": D("100.0"), "2025-12": D("102.0")}}

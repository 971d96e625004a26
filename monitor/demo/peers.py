"""What ``price_disparity`` and ``mfn_breach`` must find in the demo, computed from the
invoices as written (an independent model of the rules' documented semantics).

Observations: each municipality's latest normalised unit price per item (latest by
issue date, then arrival order, then line), over every invoice line with an item id
and a positive quantity and price. Per inhabitant items compare prices per
inhabitant: a price of at least the population is a whole-municipality amount.

* ``price_disparity`` (no MFN clause): at least 3 other municipalities, and the price
  above 2 x the median of the others' prices; overcharge ``(price - median) x quantity``
  in the line's unit.
* ``mfn_breach`` (MFN clause): the price above the lowest other price by more than one
  øre per unit; overcharge ``(price - lowest) x quantity``.

The pipeline checks each invoice as it arrives, against the prices known by then.
``peer_findings(..., as_arrived=True)`` models that; the demo is designed so that it
finds the same as a check with every price known (``as_arrived=False``), and
``generate_demo`` refuses to write a demo where the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from extractors.types import Unit
from monitor.demo.breaches import Breach
from monitor.demo.catalogue import CATALOGUE
from monitor.demo.invoicing import PlannedInvoice
from monitor.demo.oioubl import InvoiceLineSpec, to_ore

RATIO = Decimal("2.0")
MIN_PEERS = 3
MFN_TOLERANCE = Decimal("0.01")
MAX_AGE_DAYS = 400
PER_HEAD = frozenset(i.item_id for i in CATALOGUE if i.unit is Unit.INHABITANT_YEAR)


@dataclass(frozen=True, slots=True)
class Observation:
    code: str
    item_id: str
    price: Decimal  # per one unit, normalised per inhabitant where the item is per head
    rank: tuple[date, int, int]


def _normalised(price: Decimal, item_id: str, population: int) -> tuple[Decimal, Decimal]:
    """(price to compare, scale back to the line's unit)."""
    if item_id in PER_HEAD and price >= population:
        return price / population, Decimal(population)
    return price, Decimal(1)


def _observations(plan: list[PlannedInvoice]) -> list[Observation]:
    out = []
    for n, p in enumerate(plan):
        for pos, line in enumerate(p.spec.lines):
            price = line.normalised_unit_price
            if line.item_id and line.quantity > 0 and price > 0:
                own = _normalised(price, line.item_id, p.municipality.population)[0]
                out.append(Observation(p.municipality.code, line.item_id, own,
                                       (p.spec.issue_date, n, pos)))  # fmt: skip
    return out


def _latest(observations: list[Observation], item_id: str, own: str) -> dict[str, Decimal]:
    best: dict[str, Observation] = {}
    for o in observations:
        mine = o.item_id == item_id and o.code != own
        if mine and (o.code not in best or o.rank > best[o.code].rank):
            best[o.code] = o
    return {code: o.price for code, o in best.items()}


def _median(values: list[Decimal]) -> Decimal:
    s = sorted(values)
    n = len(s)
    return (s[(n - 1) // 2] + s[n // 2]) / 2


def peer_findings(
    plan: list[PlannedInvoice], *, mfn: frozenset[str], as_arrived: bool
) -> list[Breach]:
    """The findings of both peer rules on ``plan`` (in arrival order)."""
    observations = _observations(plan)
    dates = [p.spec.issue_date for p in plan]
    if (max(dates) - min(dates)).days > MAX_AGE_DAYS:
        raise ValueError("the demo's invoices span more than the peer rules' 400 days")
    out: list[Breach] = []
    for n, p in enumerate(plan):
        code = p.municipality.code
        known = [o for o in observations if o.rank[1] <= n] if as_arrived else observations
        for line in p.spec.lines:
            if not line.item_id or line.quantity <= 0 or line.unit_price <= 0:
                continue
            peers = _latest(known, line.item_id, code)
            if not peers:
                continue
            price = line.normalised_unit_price
            own, scale = _normalised(price, line.item_id, p.municipality.population)
            if code in mfn:
                lowest = min(peers.values())
                if own - lowest > MFN_TOLERANCE:
                    low = min(peers, key=lambda c: (peers[c], c))
                    why = (f"{own} kr while municipality {low} pays {lowest} kr "
                           "(most-favoured-customer clause)")  # fmt: skip
                    out.append(_finding("mfn_breach", p, line, lowest * scale, why))
                continue
            median = _median(list(peers.values()))
            if len(peers) >= MIN_PEERS and median > 0 and own > RATIO * median:
                why = (f"{(own / median).quantize(Decimal('0.01'))} x the median "
                       f"{median} kr of the other municipalities ({own} kr)")  # fmt: skip
                out.append(_finding("price_disparity", p, line, median * scale, why))
    return out


def _finding(
    rule_id: str, p: PlannedInvoice, line: InvoiceLineSpec, reference: Decimal, why: str
) -> Breach:
    price = line.normalised_unit_price
    over = to_ore((price - reference) * line.quantity)
    return Breach(rule_id, p.key, over, why, line.line_id, line.item_id, reference, price,
                  line.quantity)  # fmt: skip

"""Other municipalities' prices for the same vendor and item, normalised and indexed.

Observations are indexed once per ``peer_prices`` list (cached by identity: the
application hands the same list to every invoice of a vendor) by normalised item id.
Per inhabitant items are compared per inhabitant: a price that is at least the
municipality's population is read as a whole-municipality amount and divided by it
(no per-inhabitant price is ever as large as the number of inhabitants).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median
from typing import TYPE_CHECKING

from extractors.types import Unit
from rules.matching import item_key
from rules.types import InvoiceLineView, PriceObservation

if TYPE_CHECKING:
    from rules.engine import Run

_LIMIT = 64


@dataclass(frozen=True, slots=True)
class PeerView:
    """Latest normalised price per other municipality; the lowest and the median."""

    prices: dict[str, Decimal]
    lowest_code: str
    lowest: Decimal
    median: Decimal
    lowest_invoice: str | None


def per_inhabitant(price: Decimal, population: int | None) -> tuple[Decimal, Decimal]:
    """(normalised price, scale): scale is the population when ``price`` is read as a
    whole-municipality amount, else 1."""
    if population and price >= population:
        pop = Decimal(population)
        return price / pop, pop
    return price, Decimal(1)


class PeerIndex:
    def __init__(self, observations: list[PriceObservation]) -> None:
        self.observations = observations
        self.by_item: dict[str, list[PriceObservation]] = {}
        self.inhabitant_items: set[str] = set()
        for obs in observations:
            key = item_key(obs.item_key)
            if key is None:
                continue
            self.by_item.setdefault(key, []).append(obs)
            if obs.unit is Unit.INHABITANT_YEAR:
                self.inhabitant_items.add(key)
        self._views: dict[tuple[str, str | None, bool, int, int, int], PeerView | None] = {}

    def view(
        self, key: str, *, own: str | None, per_head: bool, on: date, max_age_days: int
    ) -> PeerView | None:
        """The other municipalities' prices for ``key`` observed within ``max_age_days``
        before or after ``on`` (cached per month), or None when there are none."""
        cache_key = (key, own, per_head, on.year, on.month, max_age_days)
        if cache_key in self._views:
            return self._views[cache_key]
        found = self._build(key, own, per_head, on, max_age_days)
        self._views[cache_key] = found
        return found

    def _build(
        self, key: str, own: str | None, per_head: bool, on: date, max_age_days: int
    ) -> PeerView | None:
        month = on.replace(day=1)
        lo, hi = month - timedelta(days=max_age_days), month + timedelta(days=max_age_days + 31)
        latest: dict[str, PriceObservation] = {}
        for obs in self.by_item.get(key, ()):
            if obs.municipality_code == own or not obs.municipality_code:
                continue
            if obs.issue_date is not None and not lo <= obs.issue_date <= hi:
                continue
            prev = latest.get(obs.municipality_code)
            if prev is None or (obs.issue_date or date.min) >= (prev.issue_date or date.min):
                latest[obs.municipality_code] = obs
        if not latest:
            return None
        prices = {
            code: per_inhabitant(o.unit_price, o.population)[0] if per_head else o.unit_price
            for code, o in latest.items()
        }
        lowest_code = min(prices, key=lambda c: (prices[c], c))
        return PeerView(
            prices,
            lowest_code,
            prices[lowest_code],
            Decimal(median(prices.values())),
            latest[lowest_code].invoice_number,
        )


_indexes: list[PeerIndex] = []


def peer_index(observations: list[PriceObservation]) -> PeerIndex:
    for index in _indexes:
        if index.observations is observations:
            return index
    index = PeerIndex(observations)
    _indexes.insert(0, index)
    del _indexes[_LIMIT:]
    return index


@dataclass(frozen=True, slots=True)
class Comparison:
    """One line against the other municipalities: ``own`` is the normalised price,
    ``scale`` turns a normalised price back into this line's unit."""

    line: InvoiceLineView
    key: str
    own: Decimal
    scale: Decimal
    per_head: bool
    peers: PeerView

    def in_line_unit(self, normalised: Decimal) -> Decimal:
        return normalised * self.scale


def comparisons(run: Run, *, max_age_days: int) -> list[Comparison]:
    """Every billed line with an item id that other municipalities were also billed."""
    ctx = run.ctx
    inv = ctx.invoice
    if inv.document_type == "credit_note" or not ctx.peer_prices:
        return []
    index = peer_index(ctx.peer_prices)
    head_lines = {
        lp.line.id
        for lp in run.pricing()
        if lp.term is not None and lp.term.unit is Unit.INHABITANT_YEAR
    }
    out = []
    for line in inv.lines:
        key = item_key(line.item_id)
        if key is None or line.quantity <= 0 or line.unit_price <= 0:
            continue
        per_head = line.id in head_lines or key in index.inhabitant_items
        peers = index.view(
            key,
            own=inv.municipality_code,
            per_head=per_head,
            on=inv.issue_date,
            max_age_days=max_age_days,
        )
        if peers is None:
            continue
        own, scale = (
            per_inhabitant(line.unit_price, inv.population)
            if per_head
            else (line.unit_price, Decimal(1))
        )
        out.append(Comparison(line, key, own, scale, per_head, peers))
    return out

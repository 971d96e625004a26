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
from typing import TYPE_CHECKING

from extractors.types import Unit
from rules.matching import item_key
from rules.types import InvoiceLineView, PriceObservation

if TYPE_CHECKING:
    from rules.engine import Run
    from rules.pricing import LinePricing

#: peer indexes kept (one per list of observations; a check builds one list per run)
_LIMIT = 8
#: peer views kept per index (a few hundred bytes each): a check needs one pair's at a
#: time (one municipality's view of each item), a few thousand
_VIEW_LIMIT = 50_000
ONE = Decimal(1)


@dataclass(slots=True)
class PeerView:
    """The other municipalities' latest normalised prices: how many, lowest, median."""

    count: int
    lowest_code: str
    lowest: Decimal
    median: Decimal
    lowest_invoice: str | None


def per_inhabitant(
    price: Decimal, population: int | None, quantity: Decimal | None = None
) -> tuple[Decimal, Decimal]:
    """(normalised price, scale) for a per-inhabitant item: scale is the population when
    the line bills the whole municipality as one amount, else 1.

    The quantity decides when it is known: the population itself means a price per
    inhabitant; one (or less) means a single charge for everyone, however small the
    amount per inhabitant. Without a quantity, an amount at least the population is
    read as a whole-municipality charge.
    """
    if not population:
        return price, ONE
    pop = Decimal(population)
    if quantity is not None:
        billed = abs(quantity)
        if billed == pop:
            return price, ONE
        if billed <= ONE:
            return price / pop, pop
    if price >= pop:
        return price / pop, pop
    return price, ONE


@dataclass(frozen=True, slots=True)
class ItemPeers:
    """Every municipality's latest observation of one item, sorted by normalised price."""

    ranked: tuple[tuple[Decimal, str, PriceObservation], ...]
    position: dict[str, int]
    earliest: date | None
    latest: date | None


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
        self._items: dict[tuple[str, bool], ItemPeers] = {}
        self._views: dict[tuple[object, ...], PeerView | None] = {}

    def view(
        self,
        key: str,
        *,
        own: str | None,
        per_head: bool,
        lo: date,
        hi: date,
        band: tuple[Decimal | None, Decimal | None] | None = None,
        since: date | None = None,
    ) -> PeerView | None:
        """Other municipalities' prices for ``key`` observed between ``lo`` and ``hi``
        (each municipality's latest), or None when there are none; with ``band`` (the
        volume band of the line's own price), only the prices billed for a quantity in
        that band (the number of inhabitants for a price per head). Fast path: when
        every latest observation is inside the window, the answer does not depend on
        the window and is cached per item and municipality. With ``since``, only the
        prices billed for a period from that day on (``PriceObservation.billed_on``, else
        the issue date)."""
        item = self._item(key, per_head)
        if item is None:
            return None
        if band is not None or since is not None:
            cache_key_band: tuple[object, ...] = (key, own, per_head, lo, hi, band, since)
            if cache_key_band not in self._views:
                if len(self._views) >= _VIEW_LIMIT:
                    self._views.clear()
                subset = [o for o in self.by_item[key]
                          if _within(o, lo, hi)
                          and (band is None or _in_band(o, band, per_head))
                          and (since is None or _billed_since(o, since))]  # fmt: skip
                sub = _rank(subset, per_head)
                self._views[cache_key_band] = _without(sub, own) if sub else None
            return self._views[cache_key_band]
        inside = (item.earliest is None or item.earliest >= lo) and (
            item.latest is None or item.latest <= hi
        )
        cache_key: tuple[object, ...] = (key, own, per_head)
        if not inside:
            cache_key += (lo, hi)
        if cache_key not in self._views:
            if len(self._views) >= _VIEW_LIMIT:
                self._views.clear()
            if inside:
                self._views[cache_key] = _without(item, own)
            else:
                subset = [o for o in self.by_item[key] if _within(o, lo, hi)]
                sub = _rank(subset, per_head)
                self._views[cache_key] = _without(sub, own) if sub else None
        return self._views[cache_key]

    def _item(self, key: str, per_head: bool) -> ItemPeers | None:
        found = self._items.get((key, per_head))
        if found is None and key in self.by_item:
            found = _rank(self.by_item[key], per_head)
            if found is not None:
                self._items[(key, per_head)] = found
        return found


def _billed_since(obs: PriceObservation, since: date) -> bool:
    """Whether the observation billed a period from ``since`` on (unknown: not compared)."""
    day = obs.billed_on or obs.issue_date
    return day is not None and day >= since


def _within(obs: PriceObservation, lo: date, hi: date) -> bool:
    return obs.issue_date is None or lo <= obs.issue_date <= hi


def _in_band(
    obs: PriceObservation, band: tuple[Decimal | None, Decimal | None], per_head: bool
) -> bool:
    """Whether the observation was billed for a quantity in ``band`` (its population for
    a price per head); unknown: not compared."""
    qty = Decimal(obs.population) if per_head and obs.population else obs.quantity
    if qty is None:
        return False
    low, high = band
    qty = abs(qty)
    return (low is None or qty >= low) and (high is None or qty <= high)


def _rank(observations: list[PriceObservation], per_head: bool) -> ItemPeers | None:
    latest: dict[str, PriceObservation] = {}
    for obs in observations:
        code = obs.municipality_code
        if not code:
            continue
        prev = latest.get(code)
        if prev is None or _later(obs, prev):
            latest[code] = obs
    if not latest:
        return None
    ranked = sorted(
        (
            per_inhabitant(o.unit_price, o.population, o.quantity)[0] if per_head else o.unit_price,
            code,
            o,
        )
        for code, o in latest.items()
    )
    dates = [o.issue_date for o in latest.values() if o.issue_date is not None]
    return ItemPeers(
        tuple((p, c, o) for p, c, o in ranked),
        {c: i for i, (_, c, _) in enumerate(ranked)},
        min(dates) if dates else None,
        max(dates) if dates else None,
    )


def _later(obs: PriceObservation, prev: PriceObservation) -> bool:
    """Whether ``obs`` is at least as late as ``prev``: by issue date, then by stored
    invoice and line (a tie on all: the later in the list)."""
    day, before = obs.issue_date or date.min, prev.issue_date or date.min
    if day != before:
        return day > before
    return (obs.invoice_id or 0, obs.line_id or 0) >= (prev.invoice_id or 0, prev.line_id or 0)


def _without(item: ItemPeers, own: str | None) -> PeerView | None:
    """Lowest and median of the ranked prices with ``own`` left out."""
    skip = item.position.get(own) if own is not None else None
    n = len(item.ranked) - (skip is not None)
    if n <= 0:
        return None

    def at(rank: int) -> tuple[Decimal, str, PriceObservation]:
        return item.ranked[rank + 1 if skip is not None and rank >= skip else rank]

    low = at(0)
    median = (at((n - 1) // 2)[0] + at(n // 2)[0]) / 2
    return PeerView(n, low[1], low[0], median, low[2].invoice_number)


_indexes: list[PeerIndex] = []


def clear_cache() -> None:
    _indexes.clear()


def peer_index(observations: list[PriceObservation]) -> PeerIndex:
    for index in _indexes:
        if index.observations is observations:
            return index
    index = PeerIndex(observations)
    _indexes.insert(0, index)
    del _indexes[_LIMIT:]
    return index


@dataclass(slots=True)  # not frozen: made for every line, and frozen init is slow
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


def comparisons(run: Run, *, max_age_days: int, since_regulation: bool = False) -> list[Comparison]:
    """Every billed line with an item id (its own, else that of the contract item its
    description matches), priced above the lowest price another
    municipality pays for it (computed once per invoice and window, shared by
    price_disparity and mfn_breach; a line at or below every other price can breach
    neither). ``since_regulation``: a line whose contract let its price rise
    (indexation) on or before its billing date is compared only with the prices others
    were billed for periods from that rise on: a price for the period before it is that
    period's, which the others' own regulation raises as well (mfn_breach: the lowest
    price given to another at the time)."""
    cache_key = ("comparisons", max_age_days, since_regulation)
    found = run.cache.get(cache_key)
    if found is None:
        found = run.cache[cache_key] = _comparisons(run, max_age_days, since_regulation)
    return found  # type: ignore[return-value]


def _comparisons(run: Run, max_age_days: int, since_regulation: bool = False) -> list[Comparison]:
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
    # a line priced in a volume band is compared with the prices others paid in that
    # band: a lower price for more users is no lower price for the same thing
    bands = {
        lp.line.id: (lp.term.tier_min, lp.term.tier_max)
        for lp in run.pricing()
        if lp.term is not None and (lp.term.tier_min is not None or lp.term.tier_max is not None)
    }
    # a line without an item number is compared under the item its description matches
    # in the contract, where that item has a number of its own
    described = {
        lp.line.id: lp.match.key
        for lp in run.pricing()
        if lp.match is not None and lp.match.method == "description"
        and not lp.match.key.startswith("desc:")
    }  # fmt: skip
    since = (
        {
            lp.line.id: started
            for lp in run.pricing()
            if (started := _price_period_start(lp)) is not None
        }
        if since_regulation
        else {}
    )
    age = timedelta(days=max_age_days)
    lo, hi = inv.issue_date - age, inv.issue_date + age
    own_code = inv.municipality_code
    out = []
    read = inv.lines if run.lines is None else [x for x in inv.lines if x.id in run.lines]
    for line in read:
        key = item_key(line.item_id) or described.get(line.id)
        if key is None or line.quantity <= 0 or line.unit_price <= 0:
            continue
        per_head = line.id in head_lines or key in index.inhabitant_items
        peers = index.view(
            key,
            own=own_code,
            per_head=per_head,
            lo=lo,
            hi=hi,
            band=bands.get(line.id),
            since=since.get(line.id),
        )
        if peers is None:
            continue
        if per_head:
            own, scale = per_inhabitant(line.unit_price, inv.population, line.quantity)
        else:
            own, scale = line.unit_price, ONE
        if own > peers.lowest:  # at or below every other price: nothing to compare
            out.append(Comparison(line, key, own, scale, per_head, peers))
    return out


def _price_period_start(lp: LinePricing) -> date | None:
    """The day the line's price period began: its contract's last price regulation on or
    before the line's billing date (``rules.indexation.Schedule.steps``), or None."""
    if lp.schedule is None:
        return None
    started = [step.effective for step in lp.schedule.steps if step.effective <= lp.on]
    return max(started) if started else None

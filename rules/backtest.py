"""Backtest core: what changes when a rule set changes, per municipality.

The application evaluates the same stored invoices with the current and the proposed
configurations and hands both lists here. Findings are matched by ``dedup_key``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rules.types import RuleFinding

ZERO = Decimal("0.00")


@dataclass(slots=True)
class MunicipalityDiff:
    municipality: str | None
    added: list[RuleFinding] = field(default_factory=list)
    removed: list[RuleFinding] = field(default_factory=list)
    changed: list[tuple[RuleFinding, RuleFinding]] = field(default_factory=list)
    overcharge_before: Decimal = ZERO
    overcharge_after: Decimal = ZERO
    price_gap_before: Decimal = ZERO
    price_gap_after: Decimal = ZERO

    @property
    def overcharge_difference(self) -> Decimal:
        return self.overcharge_after - self.overcharge_before

    @property
    def price_gap_difference(self) -> Decimal:
        return self.price_gap_after - self.price_gap_before


@dataclass(slots=True)
class BacktestReport:
    """Per municipality and in total: findings added, removed, changed (same key, other
    overcharge, severity or mode), and the money flagged before and after: the
    overcharge (counted once per line: a further ground adds nothing) and, apart, the
    price gap to other municipalities (a benchmark, never an overcharge)."""

    municipalities: dict[str | None, MunicipalityDiff]

    def _sum(self, attr: str) -> Decimal:
        return sum((getattr(d, attr) for d in self.municipalities.values()), ZERO)

    @property
    def added(self) -> int:
        return sum(len(d.added) for d in self.municipalities.values())

    @property
    def removed(self) -> int:
        return sum(len(d.removed) for d in self.municipalities.values())

    @property
    def changed(self) -> int:
        return sum(len(d.changed) for d in self.municipalities.values())

    @property
    def overcharge_before(self) -> Decimal:
        return self._sum("overcharge_before")

    @property
    def overcharge_after(self) -> Decimal:
        return self._sum("overcharge_after")

    @property
    def overcharge_difference(self) -> Decimal:
        return self.overcharge_after - self.overcharge_before

    @property
    def price_gap_before(self) -> Decimal:
        return self._sum("price_gap_before")

    @property
    def price_gap_after(self) -> Decimal:
        return self._sum("price_gap_after")

    @property
    def price_gap_difference(self) -> Decimal:
        return self.price_gap_after - self.price_gap_before

    def rows(self) -> list[dict[str, object]]:
        """One JSON-able row per municipality (code order), for a table or export."""
        return [
            {
                "municipality": code,
                "added": len(d.added),
                "removed": len(d.removed),
                "changed": len(d.changed),
                "overcharge_before": str(d.overcharge_before),
                "overcharge_after": str(d.overcharge_after),
                "overcharge_difference": str(d.overcharge_difference),
                "price_gap_before": str(d.price_gap_before),
                "price_gap_after": str(d.price_gap_after),
                "price_gap_difference": str(d.price_gap_difference),
            }
            for code, d in sorted(self.municipalities.items(), key=lambda kv: kv[0] or "")
        ]


def compare(
    old: Iterable[RuleFinding],
    new: Iterable[RuleFinding],
    municipality_of: Callable[[RuleFinding], str | None],
) -> BacktestReport:
    """The difference between two evaluations of the same invoices."""
    before = {f.dedup_key: f for f in old}
    after = {f.dedup_key: f for f in new}
    diffs: dict[str | None, MunicipalityDiff] = {}

    def diff_for(f: RuleFinding) -> MunicipalityDiff:
        code = municipality_of(f)
        if code not in diffs:
            diffs[code] = MunicipalityDiff(code)
        return diffs[code]

    for key, f in before.items():
        d = diff_for(f)
        _add(d, f, "before")
        if key not in after:
            d.removed.append(f)
    for key, f in after.items():
        d = diff_for(f)
        _add(d, f, "after")
        prev = before.get(key)
        if prev is None:
            d.added.append(f)
        elif (prev.overcharge, prev.severity, prev.mode) != (f.overcharge, f.severity, f.mode):
            d.changed.append((prev, f))
    return BacktestReport(diffs)


def _add(diff: MunicipalityDiff, f: RuleFinding, when: str) -> None:
    """Count a finding's money in its kind; a further ground's money is its owner's."""
    if f.money_kind == "price_gap":
        setattr(diff, f"price_gap_{when}", getattr(diff, f"price_gap_{when}") + f.overcharge)
    elif f.grounds_for is None:
        setattr(diff, f"overcharge_{when}", getattr(diff, f"overcharge_{when}") + f.overcharge)

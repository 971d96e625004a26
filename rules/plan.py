"""Per-contract precomputation, built once and reused across invoices.

A :class:`ContractPlan` holds the contract's term matcher and memoises the
indexation schedule per month. Plans are cached by contract id; a cached plan is only
reused for the very same ``ContractView`` object (a corrected contract arrives as a
new object and gets a new plan), and the cache is bounded.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rules.indexation import Schedule, schedule
from rules.matching import ContractMatcher
from rules.types import ContractView

#: plans kept at most; a plan holds its contract, matcher and memos (several MiB for a
#: contract of thousands of items), and :func:`rules.release_caches` empties them all
_PLAN_LIMIT = 1_000
_plans: dict[int, ContractPlan] = {}


def clear_cache() -> None:
    _plans.clear()


class ContractPlan:
    __slots__ = ("contract", "matcher", "memo", "allowed", "_series", "_schedules")

    def __init__(self, contract: ContractView) -> None:
        self.contract = contract
        self.matcher = ContractMatcher(contract)
        self._series: dict[str, Decimal] | None = None
        self._schedules: dict[tuple[int, int], Schedule] = {}
        #: unit conversion readings by (unit, unit code, period, population), kept by
        #: rules.pricing
        self.memo: dict[tuple[object, ...], Any] = {}
        #: allowed contract prices by (term id, id(schedule)); emptied with the schedules
        self.allowed: dict[tuple[int, int], Any] = {}

    def schedule(self, on: date, index_series: dict[str, dict[str, Decimal]]) -> Schedule | None:
        """The indexation schedule on ``on``, or None when the contract has no clause."""
        ix = self.contract.indexation
        if ix is None:
            return None
        series = index_series.get(ix.index) if ix.index else None
        if series is not self._series or len(self._schedules) > 600:
            self._series, self._schedules, self.allowed = series, {}, {}
        key = (on.year, on.month)
        found = self._schedules.get(key)
        if found is None:
            found = schedule(ix, self.contract.effective_date, series, on)
            self._schedules[key] = found
        return found


def plan_for(contract: ContractView) -> ContractPlan:
    """The cached plan for this contract object (built on first use)."""
    plan = _plans.get(contract.id)
    if plan is None or plan.contract is not contract:
        if len(_plans) >= _PLAN_LIMIT:
            _plans.clear()
        plan = ContractPlan(contract)
        _plans[contract.id] = plan
    return plan

"""Per-contract precomputation, built once and reused across invoices.

A :class:`ContractPlan` holds the contract's term matcher and memoises the
indexation schedule per month. Plans are cached by contract id; a cached plan is only
reused for the very same ``ContractView`` object (a corrected contract arrives as a
new object and gets a new plan), and the cache is bounded. A plan lives no longer than
its contract object: the cache refers to the contract weakly and drops the plan when
the caller lets go of the contract (a check holds a pair's contracts while it checks
the pair, so a run of many pairs keeps one pair's plans, not all of them).
"""

from __future__ import annotations

import weakref
from datetime import date
from decimal import Decimal
from functools import partial
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


def _forget(ref: weakref.ref[ContractView], contract_id: int) -> None:
    """The plan's contract is gone: so is the plan (unless a newer one took its place)."""
    plan = _plans.get(contract_id)
    if plan is not None and plan._contract is ref:
        del _plans[contract_id]


class ContractPlan:
    __slots__ = ("_contract", "matcher", "memo", "allowed", "_series", "_schedules")

    def __init__(self, contract: ContractView) -> None:
        # weakly: the cache must not keep the contract (and so the plan) alive
        self._contract = weakref.ref(contract, partial(_forget, contract_id=contract.id))
        self.matcher = ContractMatcher(contract)
        self._series: dict[str, Decimal] | None = None
        self._schedules: dict[tuple[int, int], Schedule] = {}
        #: unit conversion readings by (unit, unit code, period, population), kept by
        #: rules.pricing
        self.memo: dict[tuple[object, ...], Any] = {}
        #: allowed contract prices by (term id, id(schedule)); emptied with the schedules
        self.allowed: dict[tuple[int, int], Any] = {}

    @property
    def contract(self) -> ContractView | None:
        """The contract planned for; None only once the caller has let go of it."""
        return self._contract()

    def schedule(self, on: date, index_series: dict[str, dict[str, Decimal]]) -> Schedule | None:
        """The indexation schedule on ``on``, or None when the contract has no clause."""
        contract = self.contract
        if contract is None or contract.indexation is None:
            return None
        ix = contract.indexation
        series = index_series.get(ix.index) if ix.index else None
        if series is not self._series or len(self._schedules) > 600:
            self._series, self._schedules, self.allowed = series, {}, {}
        key = (on.year, on.month)
        found = self._schedules.get(key)
        if found is None:
            found = schedule(ix, contract.effective_date, series, on)
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

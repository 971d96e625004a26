"""The price a contract's indexation clause allows on a date.

Model (documented, so the evidence can be checked by hand):

* Adjustments may take effect on the 1st of ``adjust_month`` every
  ``frequency_months`` (12 by default), the first one no earlier than the effective
  date plus ``fixed_months`` (0 when the clause does not say). Without
  ``adjust_month`` the first adjustment is the first of the month on or after the end
  of the fixed period.
* Adjustment k moves the price by the index change from the previous reference month
  (first: ``base_month``, else the month before the effective date) to the month
  before the adjustment takes effect, at most by ``cap_pct`` per year (pro rata for
  other frequencies), and not at all when ``threshold_pct`` is set and the change is
  below it. Adjustments compound. A date whose reference month is not after the
  previous one (the effective date itself, without a fixed period) adjusts nothing:
  it is no step, so a clause whose index is unknown still holds the agreed price
  until its first real adjustment. A clause measuring the index over a window ("for
  de seneste 12 måneder": ``window_months``) moves each step by the change over that
  window before it, instead of since the previous reference month.
* A fall in the index is not enforced (the allowed price never drops below the
  agreed one): a missed decrease is not claimed as a breach.
* Where the series lacks a month, the cap alone bounds that step and the step says
  index data was missing; with neither data nor cap the price cannot be bounded and
  the schedule's ``factor`` is None (no indexation finding is claimed).
* Notice periods cannot be verified from invoices; they are quoted in evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from extractors.types import IndexationTerms

ONE = Decimal(1)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class IndexStep:
    effective: date
    from_month: str
    to_month: str
    index_change_pct: Decimal | None  # None: index data missing
    allowed_pct: Decimal
    bound: str  # index | cap | cap_index_missing | below_threshold | index_fell

    def to_dict(self) -> dict[str, str | None]:
        return {
            "effective": self.effective.isoformat(),
            "from_month": self.from_month,
            "to_month": self.to_month,
            "index_change_pct": _pct(self.index_change_pct),
            "allowed_pct": _pct(self.allowed_pct),
            "bound": self.bound,
        }


@dataclass(frozen=True, slots=True)
class Schedule:
    """The cumulative allowed factor on a date (None: cannot be bounded) and its steps."""

    factor: Decimal | None
    steps: tuple[IndexStep, ...]
    first_adjustment: date | None

    def reason(self) -> str:
        """Why a price above the allowed one breaks the clause."""
        if not self.steps:
            return "too_early"
        bounds = {s.bound for s in self.steps}
        if "cap" in bounds or "cap_index_missing" in bounds:
            return "above_cap"
        if "below_threshold" in bounds and "index" not in bounds:
            return "below_threshold"
        return "above_index"

    def index_missing(self) -> bool:
        return any(s.bound == "cap_index_missing" for s in self.steps)


def month_str(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def first_adjustment(ix: IndexationTerms, effective: date) -> date:
    """The first date an adjustment may take effect: the end of the fixed period,
    moved to the next 1st of a month and then to ``adjust_month`` when set."""
    y, m = add_months(effective.year, effective.month, ix.fixed_months or 0)
    if effective.day > 1:
        y, m = add_months(y, m, 1)
    if ix.adjust_month:
        while m != ix.adjust_month:
            y, m = add_months(y, m, 1)
    return date(y, m, 1)


def adjustment_dates(ix: IndexationTerms, effective: date, until: date) -> list[date]:
    """The dates on which adjustments may take effect, up to and including ``until``."""
    first = first_adjustment(ix, effective)
    y, m = first.year, first.month
    step = max(ix.frequency_months or 12, 1)
    dates = []
    while date(y, m, 1) <= until:
        dates.append(date(y, m, 1))
        y, m = add_months(y, m, step)
    return dates


def schedule(
    ix: IndexationTerms, effective: date | None, series: dict[str, Decimal] | None, on: date
) -> Schedule:
    """The allowed cumulative factor on ``on`` under clause ``ix`` (see module doc)."""
    if effective is None:
        return Schedule(None, (), None)
    dates = adjustment_dates(ix, effective, on)
    first = first_adjustment(ix, effective)
    base = ix.base_month or month_str(*add_months(effective.year, effective.month, -1))
    freq = Decimal(max(ix.frequency_months or 12, 1))
    step_cap = ix.cap_pct * freq / 12 if ix.cap_pct is not None else None
    factor, prev = ONE, base
    steps: list[IndexStep] = []
    for when in dates:
        ref = month_str(*add_months(when.year, when.month, -1))
        if ref <= prev:
            continue  # no month of the index since the base: nothing to adjust by
        # the change over the months the clause measures it over ("for de seneste 12
        # måneder"), else since the previous reference
        frm = (
            month_str(*add_months(when.year, when.month, -1 - ix.window_months))
            if ix.window_months
            else prev
        )
        step = _step(ix, series, frm, ref, when, step_cap)
        if step is None:
            return Schedule(None, tuple(steps), first)
        steps.append(step)
        factor *= ONE + step.allowed_pct / 100
        prev = ref
    return Schedule(factor, tuple(steps), first)


def _step(
    ix: IndexationTerms,
    series: dict[str, Decimal] | None,
    frm: str,
    to: str,
    when: date,
    step_cap: Decimal | None,
) -> IndexStep | None:
    start = series.get(frm) if series else None
    end = series.get(to) if series else None
    if start is None or end is None or start <= 0:
        if step_cap is None:
            return None
        return IndexStep(when, frm, to, None, step_cap, "cap_index_missing")
    change = (end / start - 1) * 100
    if change <= 0:
        return IndexStep(when, frm, to, change, ZERO, "index_fell")
    if ix.threshold_pct is not None and change < ix.threshold_pct:
        return IndexStep(when, frm, to, change, ZERO, "below_threshold")
    if step_cap is not None and change > step_cap:
        return IndexStep(when, frm, to, change, step_cap, "cap")
    return IndexStep(when, frm, to, change, change, "index")


def _pct(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return f"{value.quantize(Decimal('0.0001')).normalize():f}"

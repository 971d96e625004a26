"""What a rule is: its spec (id, titles, descriptions, severity, parameter model, check).

A rule's ``check`` is a pure function ``check(run, params) -> list[RuleFinding]``:
``run`` is the per-invoice :class:`rules.engine.Run` (context, precomputed contract
plan, shared line pricing); ``params`` an instance of the rule's parameter model,
validated once per configuration, never per line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from rules.types import MoneyKind, RuleFinding, Severity

if TYPE_CHECKING:
    from rules.engine import Run

CheckFn = Callable[["Run", Any], list[RuleFinding]]


class Params(BaseModel):
    """Base of every rule's parameters: unknown keys are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ToleranceParams(Params):
    """A price tolerance per invoice unit: an absolute amount and a percentage.

    ``combine="or"``: a difference is tolerated when it is within the absolute amount OR
    within the percentage (a breach must exceed both). ``combine="and"``: tolerated only
    when within both (exceeding either is a breach). Exactly at the tolerance is never a
    breach. The default (0.01 kr, 0 %, or) flags every difference above one øre per unit,
    which absorbs rounding of converted unit prices (a yearly 1,000 kr billed monthly as
    83.34 kr) and nothing more: public money, every øre counts.
    """

    absolute_tolerance: Decimal = Field(default=Decimal("0.01"), ge=0)
    percent_tolerance: Decimal = Field(default=Decimal("0"), ge=0)
    combine: Literal["or", "and"] = "or"

    def exceeded(self, invoiced: Decimal, allowed: Decimal) -> bool:
        """True when ``invoiced`` is above ``allowed`` by more than the tolerance."""
        diff = invoiced - allowed
        if diff <= 0:
            return False
        over_abs = diff > self.absolute_tolerance
        over_pct = diff * 100 > abs(allowed) * self.percent_tolerance
        if self.combine == "or":
            return over_abs and over_pct
        return over_abs or over_pct

    def describe(self) -> str:
        return (
            f"{self.absolute_tolerance} kr per unit {self.combine.upper()} "
            f"{self.percent_tolerance} %"
        )


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule as the registry lists it. ``check`` is the pure evaluation function.

    Titles and descriptions in Danish and English: ``description`` is the English text
    (also ``description_en``), ``description_da`` the Danish one, each with the same
    worked example; ``describe(lang)`` picks one for a page or message.

    ``uses_contract_terms``: the rule's findings rest on what was read from the contract
    (prices, dates, clauses), so they are preliminary while the contract's reading is
    pending review. False for rules that only look at invoices (arithmetic, duplicates,
    other municipalities' prices).

    ``money_kind``: ``overcharge`` for money the municipality's own contract lets it
    claim back; ``price_gap`` for a benchmark against other municipalities (set on
    every finding by the engine)."""

    id: str
    title_da: str
    title_en: str
    description: str
    description_da: str
    severity: Severity
    params_model: type[Params]
    check: CheckFn
    uses_contract_terms: bool = True
    money_kind: MoneyKind = "overcharge"

    @property
    def description_en(self) -> str:
        """The English description (the same text as ``description``)."""
        return self.description

    def describe(self, lang: str) -> str:
        """The description in ``lang``: English for ``"en"``, otherwise Danish (the
        default language, as for the titles on the web pages)."""
        return self.description if lang == "en" else self.description_da

    def defaults(self) -> dict[str, Any]:
        """The default parameters, JSON-able."""
        return self.params_model().model_dump(mode="json")


CUSTOM_PREFIX = "custom:"


def spec_for(rule_id: str) -> RuleSpec:
    """The spec for a built-in or ``custom:<name>`` rule; RuleConfigError if unknown."""
    from rules.builtin import builtin_specs
    from rules.errors import RuleConfigError

    specs = builtin_specs()
    if rule_id in specs:
        return specs[rule_id]
    if rule_id.startswith(CUSTOM_PREFIX):
        from rules.custom import custom_spec

        return custom_spec(rule_id)
    known = ", ".join(specs)
    raise RuleConfigError(f"unknown rule (known: {known})", rule_id=rule_id, field="rule_id")

"""The built-in rules, one small module each, in evaluation order."""

from __future__ import annotations

from functools import cache

from rules.spec import RuleSpec


@cache
def builtin_specs() -> dict[str, RuleSpec]:
    """Every built-in rule by id, in evaluation order (modules imported on first use:
    they import the engine, which imports this package)."""
    from rules.builtin import (
        arithmetic_mismatch,
        duplicate_billing,
        indexation_cap_exceeded,
        mfn_breach,
        outside_contract_period,
        payment_terms,
        price_above_agreed,
        price_disparity,
        unpriced_item,
        volume_tier_not_applied,
    )

    modules = [
        price_above_agreed,
        indexation_cap_exceeded,
        volume_tier_not_applied,
        unpriced_item,
        outside_contract_period,
        duplicate_billing,
        payment_terms,
        arithmetic_mismatch,
        price_disparity,
        mfn_breach,
    ]
    return {m.SPEC.id: m.SPEC for m in modules}

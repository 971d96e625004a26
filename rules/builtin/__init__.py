"""The built-in rules, one small module each, in evaluation order."""

from __future__ import annotations

from functools import cache

from rules.spec import RuleSpec


@cache
def builtin_specs() -> dict[str, RuleSpec]:
    """Every built-in rule by id, in evaluation order (modules imported on first use:
    they import the engine, which imports this package)."""
    from rules.builtin import price_above_agreed

    modules = [price_above_agreed]
    return {m.SPEC.id: m.SPEC for m in modules}

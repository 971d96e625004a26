"""Typed terms + invoice lines -> findings. Pure: no database, no I/O.

Nothing in this package imports from ``monitor`` or ``workers``.

Public API:

* :func:`evaluate` - the findings for one invoice.
* :func:`registry` - every built-in rule's :class:`RuleSpec`.
* :func:`validate_params` - validated, defaulted parameters for a rule, or
  :class:`RuleConfigError` with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rules.errors import RuleConfigError
from rules.spec import RuleSpec
from rules.types import EvaluationContext, RuleConfig, RuleFinding

__all__ = [
    "EvaluationContext",
    "RuleConfig",
    "RuleConfigError",
    "RuleFinding",
    "RuleSpec",
    "evaluate",
    "registry",
    "validate_params",
]


def evaluate(
    ctx: EvaluationContext, configs: Sequence[RuleConfig] | None = None
) -> list[RuleFinding]:
    """The findings for ``ctx.invoice``.

    ``configs`` None or empty: every built-in rule with defaults, active. Built-in
    rules without a configuration run with defaults; custom rules only when
    configured. A configured rule runs where one of its configurations is in scope
    (municipality code / vendor CVR; empty = all), the most specific winning; mode
    ``off`` skips it, ``monitor`` sets ``finding.mode = "monitor"``. Configurations are
    validated once per list (cached by identity) and raise RuleConfigError when
    invalid. Pure and deterministic: findings come in rule order, then line order.
    """
    from rules.engine import run_rules

    return run_rules(ctx, configs)


def registry() -> dict[str, RuleSpec]:
    """Every built-in rule by id, in evaluation order."""
    from rules.builtin import builtin_specs

    return dict(builtin_specs())


def validate_params(rule_id: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """The parameters with defaults filled in, JSON-able; RuleConfigError if invalid.

    Works for built-in ids and ``custom:<name>`` (whose expression is compiled).
    """
    from rules.engine import validate_model
    from rules.spec import spec_for

    spec = spec_for(rule_id)
    return validate_model(spec, params).model_dump(mode="json")

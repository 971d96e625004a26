"""Typed terms + invoice lines -> findings. Pure: no database, no I/O.

Nothing in this package imports from ``monitor`` or ``workers``.

Public API:

* :func:`evaluate` - the findings for one invoice.
* :func:`registry` - every built-in rule's :class:`RuleSpec`.
* :func:`validate_params` - validated, defaulted parameters for a rule, or
  :class:`RuleConfigError` with the reason.
* :func:`unchecked_lines` - the lines of an invoice whose price could not be checked
  against the contract, and why (units not reconcilable, ambiguous match ...).
* :func:`run_scope` / :func:`release_caches` - what the rules memoise across invoices
  (contract plans, peer indexes, duplicate keys) lives for one run, not the process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rules.errors import RuleConfigError

if TYPE_CHECKING:
    from rules.spec import RuleSpec
    from rules.types import EvaluationContext, RuleConfig, RuleFailure, RuleFinding

#: names imported on first use (PEP 562): ``import rules`` or ``rules.errors`` alone
#: stays light, without pydantic (``rules.spec``) or the typed views (``rules.types``)
_LAZY = {
    "EvaluationContext": "rules.types",
    "RuleConfig": "rules.types",
    "RuleFailure": "rules.types",
    "RuleFinding": "rules.types",
    "RuleSpec": "rules.spec",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rules' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "EvaluationContext",
    "RuleConfig",
    "RuleConfigError",
    "RuleFailure",
    "RuleFinding",
    "RuleSpec",
    "evaluate",
    "registry",
    "release_caches",
    "run_scope",
    "unchecked_lines",
    "validate_params",
]


def evaluate(
    ctx: EvaluationContext,
    configs: Sequence[RuleConfig] | None = None,
    *,
    failures: list[RuleFailure] | None = None,
    only: frozenset[str] | None = None,
    lines: frozenset[int] | None = None,
) -> list[RuleFinding]:
    """The findings for ``ctx.invoice``.

    ``configs`` None or empty: every built-in rule with defaults, active. Otherwise
    exactly the configured rules run. A rule runs where one of its configurations is
    in scope (municipality code / vendor CVR; empty = all), the most specific
    winning; mode ``off`` skips it, ``monitor`` sets ``finding.mode = "monitor"``.
    Configurations are validated once per list (cached by identity) and raise
    RuleConfigError when invalid. An excess over the contract price is owned by one
    price rule (see ``rules.pricing``); where other rules see the same money on the
    same line (an MFN clause, a duplicate, an unpriced item), one finding owns it and
    the others name it in ``grounds_for`` (see ``rules.ownership``): each krone is
    counted once. ``price_disparity`` findings are ``money_kind="price_gap"``: a
    benchmark, never an overcharge. Under a contract
    pending review (``ContractView.pending_review``) the findings of rules that use
    its terms are ``preliminary``, and ``unpriced_item`` reports nothing. Pure and
    deterministic: findings come in rule order, then line order.

    With a ``failures`` list, a custom rule that raises while it runs adds a
    ``RuleFailure`` there and contributes no findings, and the other rules still run;
    without one, the error is raised.

    ``only``: the rules whose check is run (a set-based screen has shown that the others
    find nothing on this invoice); every configured rule still counts as running, so
    who owns an excess is as without it. None: all.

    ``lines``: the ids of the lines the price analysis and the peer comparisons read
    (the screen has shown that no other line can give a finding of the rules that read
    them: the price rules, ``unpriced_item``, ``price_disparity``, ``mfn_breach`` and
    custom rules); a line's analysis never depends on the invoice's other lines, so
    their findings are as without it. None: every line.
    """
    from rules.engine import run_rules

    return run_rules(ctx, configs, failures=failures, only=only, lines=lines)


def registry() -> dict[str, RuleSpec]:
    """Every built-in rule by id, in evaluation order."""
    from rules.builtin import builtin_specs

    return dict(builtin_specs())


def validate_params(rule_id: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """The parameters with defaults filled in, JSON-able; RuleConfigError if invalid.

    Works for built-in ids and ``custom:<name>`` (whose expression is compiled).
    """
    from rules.custom import CustomParams
    from rules.custom_samples import try_on_samples
    from rules.engine import validate_model
    from rules.spec import spec_for

    spec = spec_for(rule_id)
    model = validate_model(spec, params)
    if isinstance(model, CustomParams):  # run it on sample lines before it is published
        try:
            try_on_samples(model)
        except RuleConfigError as exc:
            raise RuleConfigError(exc.message, rule_id=rule_id, field=exc.field) from exc
    return model.model_dump(mode="json")


#: line statuses that mean "not checked against a price", with a reason for people
UNCHECKED = {
    "ambiguous": "the description matches several contract items",
    "not_valid_on_date": "the item has no price valid on the billing date",
    "unconfirmed_only": "only unconfirmed price terms apply, and they are not allowed",
    "no_tier": "no volume band covers the quantity",
    "unreconciled": "the invoice unit cannot be reconciled with the contract unit",
    "unbounded": "the indexation clause cannot be evaluated (no index data, no cap)",
}


def unchecked_lines(ctx: EvaluationContext) -> list[dict[str, Any]]:
    """Lines of ``ctx.invoice`` that the price rules could not compare with the contract
    (no breach is claimed for them): ``{"line_ref", "line_id", "status", "reason"}``.
    Lines no term prices at all are ``unpriced_item`` findings, not listed here."""
    from rules.plan import plan_for
    from rules.pricing import analyse

    plan = plan_for(ctx.contract) if ctx.contract is not None else None
    return [
        {
            "line_ref": lp.line.id,
            "line_id": lp.line.line_id,
            "status": lp.status,
            "reason": lp.note or UNCHECKED[lp.status],
        }
        for lp in analyse(ctx, plan)
        if lp.status in UNCHECKED
    ]


#: modules with a module-level cache, each with a ``clear_cache()``
_CACHED = (
    "rules.plan",
    "rules.peers",
    "rules.builtin.duplicate_billing",
    "rules.engine",
    "rules.matching",
    "rules.evidence",
)
_scopes = 0


def release_caches() -> None:
    """Empty what the rules memoise across invoices: contract plans (matchers, allowed
    prices, unit readings), peer price indexes, duplicate line keys, compiled rule sets,
    normalised item ids and formatted amounts. They are capped while a run goes on, and
    hold the run's contracts, invoices and observations alive; a long-running worker
    releases them when the run ends (see :func:`run_scope`). Results never depend on them."""
    import sys

    for name in _CACHED:
        module = sys.modules.get(name)  # a module never imported has nothing cached
        if module is not None:
            module.clear_cache()


@contextmanager
def run_scope() -> Iterator[None]:
    """One run of checks: what the rules memoise is reused inside it and released when
    the outermost scope ends (nested scopes release nothing)."""
    global _scopes
    _scopes += 1
    try:
        yield
    finally:
        _scopes -= 1
        if _scopes == 0:
            release_caches()

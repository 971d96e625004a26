"""Evaluating rules: resolve configurations per scope, run each rule once per invoice.

Configuration semantics (also in :func:`rules.evaluate`):

* ``configs=None`` (or empty): every built-in rule with its defaults, active.
* Otherwise exactly the configured rules run (the application passes one
  configuration per built-in rule plus the custom rules; a backtest passes one).
* A rule runs on an invoice only where one of its configurations is in scope
  (``municipalities`` / ``vendors`` empty = all). The most specific in-scope
  configuration wins (municipality and vendor > municipality > vendor > all; then
  the highest ``version``). Mode ``off`` skips the rule; ``monitor`` marks its
  findings ``mode="monitor"``.
* Parameters are validated once per configuration list (cached by identity: treat
  configurations as immutable values), never per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.errors import PrisvagtError
from rules.errors import RuleConfigError
from rules.ownership import assign_owners
from rules.plan import ContractPlan, plan_for
from rules.pricing import LinePricing, analyse
from rules.spec import Params, RuleSpec
from rules.types import EvaluationContext, Mode, RuleConfig, RuleFailure, RuleFinding, Severity


@dataclass(frozen=True, slots=True)
class CompiledRule:
    spec: RuleSpec
    params: Params
    mode: Mode
    severity: Severity
    municipalities: frozenset[str]
    vendors: frozenset[str]
    version: int

    def in_scope(self, municipality: str | None, vendor: str) -> bool:
        return (not self.municipalities or municipality in self.municipalities) and (
            not self.vendors or vendor in self.vendors
        )

    def rank(self) -> tuple[int, int]:
        return (2 * bool(self.municipalities) + bool(self.vendors), self.version)


class Run:
    """One invoice's evaluation: the context, the contract plan, the running rules, and
    the line pricing shared by every price rule (computed at most once)."""

    __slots__ = ("ctx", "plan", "running", "lines", "cache", "_pricing", "_owners")

    def __init__(
        self,
        ctx: EvaluationContext,
        plan: ContractPlan | None,
        running: frozenset[str],
        lines: frozenset[int] | None = None,
    ) -> None:
        self.ctx = ctx
        self.plan = plan
        self.running = running
        #: the line ids the price analysis and peer comparisons read (None: all)
        self.lines = lines
        #: per-invoice values shared between rules (e.g. peer comparisons)
        self.cache: dict[object, object] = {}
        self._pricing: list[LinePricing] | None = None
        self._owners: dict[str, list[LinePricing]] | None = None

    def pricing(self) -> list[LinePricing]:
        if self._pricing is None:
            self._pricing = analyse(self.ctx, self.plan, self.lines)
        return self._pricing

    def owned_by(self, rule_id: str) -> list[LinePricing]:
        """Priced lines billed above the allowed price whose excess ``rule_id`` owns."""
        if self._owners is None:
            self._owners = {}
            for lp in self.pricing():
                if lp.owner is not None:
                    self._owners.setdefault(lp.owner, []).append(lp)
        return self._owners.get(rule_id, [])

    def is_running(self, rule_id: str) -> bool:
        return rule_id in self.running


class RuleSet:
    """Compiled configurations with a per-scope cache of the rules that run there."""

    def __init__(self, configs: Sequence[RuleConfig] | None) -> None:
        from rules.builtin import builtin_specs

        self.configs = tuple(configs or ())
        #: stored custom rules that no longer compile (a limit added since): left out,
        #: and reported by ``run_rules`` as failures
        self.broken: dict[str, RuleConfigError] = {}
        by_rule: dict[str, list[CompiledRule]] = {}
        for config in self.configs:
            try:
                compiled = compile_config(config)
            except RuleConfigError as exc:
                if not config.rule_id.startswith("custom:"):
                    raise
                if config.mode != "off":
                    self.broken[config.rule_id] = exc
                continue
            by_rule.setdefault(config.rule_id, []).append(compiled)
        if not by_rule:
            by_rule = {spec.id: [_default(spec)] for spec in builtin_specs().values()}
        order = list(builtin_specs())
        self._rules = sorted(
            by_rule.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0])
        )
        self._scoped: dict[tuple[str | None, str], tuple[CompiledRule, ...]] = {}

    def for_scope(self, municipality: str | None, vendor: str) -> tuple[CompiledRule, ...]:
        key = (municipality, vendor)
        found = self._scoped.get(key)
        if found is None:
            chosen = []
            for _, candidates in self._rules:
                fitting = [c for c in candidates if c.in_scope(municipality, vendor)]
                if fitting:
                    best = max(fitting, key=CompiledRule.rank)
                    if best.mode != "off":
                        chosen.append(best)
            found = self._scoped[key] = tuple(chosen)
        return found


def compile_config(config: RuleConfig) -> CompiledRule:
    """Validate one configuration (raises RuleConfigError naming rule and field)."""
    from rules.spec import spec_for

    spec = spec_for(config.rule_id)
    params = validate_model(spec, config.params)
    if config.mode not in ("active", "monitor", "off"):
        raise RuleConfigError(f"unknown mode {config.mode!r}", rule_id=spec.id, field="mode")
    severity = config.severity or getattr(params, "severity", None) or spec.severity
    if severity not in ("low", "medium", "high", "critical"):
        raise RuleConfigError(f"unknown severity {severity!r}", rule_id=spec.id, field="severity")
    return CompiledRule(
        spec,
        params,
        config.mode,
        severity,
        frozenset(config.municipalities),
        frozenset(config.vendors),
        config.version,
    )


def validate_model(spec: RuleSpec, params: dict[str, object] | None) -> Params:
    from pydantic import ValidationError

    try:
        return spec.params_model.model_validate(params or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        ctx = err.get("ctx") or {}
        bound = next((ctx[k] for k in ("ge", "gt", "le", "lt", "expected") if k in ctx), "")
        raise RuleConfigError(
            err["msg"],
            rule_id=spec.id,
            field=field,
            # for the admin page's language: the message catalogue words each error type
            key=f"validation.{err['type']}",
            params={"limit": bound},
        ) from exc
    except RuleConfigError as exc:
        if exc.rule_id:
            raise
        raise RuleConfigError(exc.message, rule_id=spec.id, field=exc.field) from exc


def _default(spec: RuleSpec) -> CompiledRule:
    return CompiledRule(
        spec, spec.params_model(), "active", spec.severity, frozenset(), frozenset(), 0
    )


_cache: list[tuple[tuple[RuleConfig, ...], RuleSet]] = []


def clear_cache() -> None:
    _cache.clear()


def ruleset_for(configs: Sequence[RuleConfig] | None) -> RuleSet:
    """The compiled rule set for these configurations, cached by identity."""
    items = tuple(configs or ())
    for cached, ruleset in _cache:
        if len(cached) == len(items) and all(a is b for a, b in zip(cached, items, strict=True)):
            return ruleset
    ruleset = RuleSet(items)
    _cache.insert(0, (items, ruleset))
    del _cache[8:]
    return ruleset


def run_rules(
    ctx: EvaluationContext,
    configs: Sequence[RuleConfig] | None,
    *,
    failures: list[RuleFailure] | None = None,
    only: frozenset[str] | None = None,
    lines: frozenset[int] | None = None,
) -> list[RuleFinding]:
    """See :func:`rules.evaluate`. With ``failures``, a custom rule that raises is
    recorded there and the others run on; a built-in rule's error is always raised."""
    ruleset = ruleset_for(configs)
    for rule_id, error in ruleset.broken.items():
        if failures is None:
            raise error
        failures.append(RuleFailure(rule_id, error.describe()))
    rules = ruleset.for_scope(ctx.invoice.municipality_code, ctx.invoice.vendor_cvr)
    plan = plan_for(ctx.contract) if ctx.contract is not None else None
    running = frozenset(r.spec.id for r in rules)
    if lines is not None and any(rule_id.startswith("custom:") for rule_id in running):
        lines = None  # a custom rule reads every line's analysis
    run = Run(ctx, plan, running, lines)
    pending = ctx.contract is not None and ctx.contract.pending_review
    findings: list[RuleFinding] = []
    for rule in rules:
        if only is not None and rule.spec.id not in only:
            continue
        try:
            produced = rule.spec.check(run, rule.params)
        except Exception as exc:
            if failures is None or not rule.spec.id.startswith("custom:"):
                raise
            why = (
                exc.describe() if isinstance(exc, PrisvagtError) else f"{type(exc).__name__}: {exc}"
            )
            failures.append(RuleFailure(rule.spec.id, why))
            continue
        for finding in produced:
            finding.severity = rule.severity
            finding.mode = "monitor" if rule.mode == "monitor" else "active"
            finding.preliminary = pending and rule.spec.uses_contract_terms
            finding.money_kind = rule.spec.money_kind
            findings.append(finding)
    assign_owners(findings)
    return findings

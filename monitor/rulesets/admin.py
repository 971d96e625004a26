"""What the rules admin pages and API need beyond the rule set service: the rule list
with who changed each rule last, a parameter form generated from a rule's Pydantic
model, form values back to parameters, the backtest report as JSON, and a YAML import
that publishes each changed rule as a new version (as ``prisvagt rules import`` does).

Nothing here commits; the request does.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined
from sqlalchemy import select
from sqlalchemy.orm import Session

import rules
from monitor.audit.models import AuditEntry
from monitor.errors import NotFound, RuleConfigError
from monitor.rulesets.models import RuleConfiguration
from monitor.rulesets.service import current_configs, stored_configs
from rules.backtest import BacktestReport
from rules.ruleset import load_yaml
from rules.spec import RuleSpec, spec_for
from rules.types import RuleConfig, RuleFinding


@dataclass(frozen=True, slots=True)
class ParamField:
    """One input of a rule's parameter form. ``kind``: decimal|int|bool|choice|list|text."""

    name: str
    kind: str
    type_name: str
    default: Any
    value: Any
    required: bool
    description: str | None = None
    choices: tuple[str, ...] = ()
    minimum: Any = None


@dataclass(slots=True)
class RuleRow:
    """A rule as the admin list shows it: its spec (None for a custom rule), the
    configuration in force, the parameters with defaults and the last change."""

    config: RuleConfig
    spec: RuleSpec
    params: dict[str, Any]
    defaults: dict[str, Any]
    changed_by: str | None = None
    changed_at: datetime | None = None
    reason: str | None = None
    custom: bool = False
    fields: list[ParamField] = field(default_factory=list)

    @property
    def listing(self) -> list[tuple[str, Any, Any]]:
        """``(name, value, default)`` per parameter; default None when the value is it."""
        out = []
        for name, value in self.params.items():
            default = self.defaults.get(name, value)
            out.append((name, value, None if default == value else default))
        return out

    @property
    def severity(self) -> str:
        return self.config.severity or str(self.params.get("severity") or self.spec.severity)


def rule_rows(session: Session) -> list[RuleRow]:
    """Every rule in force (built-in, then custom), with the last change to each."""
    stored = {r.rule_id: r for r in stored_configs(session)}
    return [_row(config, stored.get(config.rule_id)) for config in current_configs(session)]


def rule_row(session: Session, rule_id: str) -> RuleRow:
    """One rule (a custom id not stored yet shows its empty form); NotFound if unknown."""
    stored = {r.rule_id: r for r in stored_configs(session)}
    for config in current_configs(session):
        if config.rule_id == rule_id:
            return _row(config, stored.get(rule_id))
    try:
        spec_for(rule_id)
    except RuleConfigError as exc:
        raise NotFound(
            f"no rule {rule_id!r}: {exc.message}",
            key="error.rule.missing",
            params={"rule": rule_id},
        ) from None
    return _row(RuleConfig(rule_id=rule_id, version=0), None)


def _row(config: RuleConfig, stored: RuleConfiguration | None) -> RuleRow:
    spec = spec_for(config.rule_id)
    custom = config.rule_id.startswith("custom:")
    defaults = {} if custom else spec.defaults()
    params = {**defaults, **config.params}
    return RuleRow(
        config=config,
        spec=spec,
        params=params,
        defaults=defaults,
        changed_by=stored.changed_by if stored else None,
        changed_at=stored.changed_at if stored else None,
        reason=stored.reason if stored else None,
        custom=custom,
        fields=param_fields(spec, params),
    )


def param_fields(spec: RuleSpec, values: dict[str, Any]) -> list[ParamField]:
    """The form inputs for a rule's parameter model, filled with ``values``."""
    out = []
    for name, info in spec.params_model.model_fields.items():
        kind, type_name, choices = _kind(info.annotation)
        default = _default(info)
        value = values.get(name, default)
        if kind == "list" and isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        out.append(
            ParamField(
                name=name,
                kind=kind,
                type_name=type_name,
                default=default,
                value="" if value is None else value,
                required=info.is_required(),
                description=info.description,
                choices=choices,
                minimum=_minimum(info),
            )
        )
    return out


def _kind(annotation: Any) -> tuple[str, str, tuple[str, ...]]:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if origin is typing.Literal:
        return "choice", "choice", tuple(str(a) for a in typing.get_args(annotation))
    if origin in (list, tuple, set):
        return "list", "list", ()
    if annotation is Decimal:
        return "decimal", "decimal", ()
    if annotation is bool:
        return "bool", "yes/no", ()
    if annotation is int:
        return "int", "integer", ()
    return "text", "text", ()


def _default(info: FieldInfo) -> Any:
    if info.default is not PydanticUndefined:
        default = info.default
    elif info.default_factory is not None:
        default = info.default_factory()  # type: ignore[call-arg]
    else:
        return None
    return str(default) if isinstance(default, Decimal) else default


def _minimum(info: FieldInfo) -> Any:
    for item in info.metadata:
        for attr in ("ge", "gt"):
            if getattr(item, attr, None) is not None:
                return getattr(item, attr)
    return None


_DANISH_DECIMAL = re.compile(r"^-?\d+(\.\d{3})*,\d+$|^-?\d+,\d+$")


def form_params(spec: RuleSpec, form: dict[str, str]) -> dict[str, Any]:
    """Form values (``param.<name>``) as parameters for the rule's model to validate.

    Danish decimal commas are accepted ("0,05"); a list is one value per line; an
    empty optional value is left out so the current one stays.
    """
    out: dict[str, Any] = {}
    for f in param_fields(spec, {}):
        if f"param.{f.name}" not in form:
            if f.kind == "bool":
                out[f.name] = False  # an unticked checkbox is not sent
            continue
        raw = form[f"param.{f.name}"].strip()
        if f.kind == "list":
            out[f.name] = [v.strip() for v in raw.splitlines() if v.strip()]
        elif f.kind == "bool":
            out[f.name] = raw in ("1", "true", "on", "yes")
        elif raw == "" and not f.required:
            out[f.name] = None if f.default is None else f.default
        elif f.kind == "decimal" and _DANISH_DECIMAL.match(raw):
            out[f.name] = raw.replace(".", "").replace(",", ".")
        else:
            out[f.name] = raw
    return out


def split_codes(text: str) -> list[str]:
    """``"101, 751 461"`` -> ``["101", "751", "461"]`` (scope lists from a form)."""
    return [code for code in re.split(r"[\s,;]+", text or "") if code]


def report_json(report: BacktestReport) -> dict[str, Any]:
    """The backtest report as JSON: totals, one row per municipality, and the findings
    added, removed and changed; amounts as decimal strings."""
    findings: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "changed": []}
    for code, diff in sorted(report.municipalities.items(), key=lambda kv: kv[0] or ""):
        findings["added"] += [_finding(f, code) for f in diff.added]
        findings["removed"] += [_finding(f, code) for f in diff.removed]
        findings["changed"] += [
            {**_finding(new, code), "overcharge_before": str(old.overcharge)}
            for old, new in diff.changed
        ]
    return {
        "added": report.added,
        "removed": report.removed,
        "changed": report.changed,
        "overcharge_before": str(report.overcharge_before),
        "overcharge_after": str(report.overcharge_after),
        "overcharge_difference": str(report.overcharge_difference),
        "price_gap_before": str(report.price_gap_before),
        "price_gap_after": str(report.price_gap_after),
        "price_gap_difference": str(report.price_gap_difference),
        "municipalities": report.rows(),
        "findings": findings,
    }


def _finding(f: RuleFinding, municipality: str | None) -> dict[str, Any]:
    return {
        "municipality": municipality,
        "rule_id": f.rule_id,
        "dedup_key": f.dedup_key,
        "line_id": f.line_id,
        "severity": f.severity,
        "mode": f.mode,
        "overcharge": str(f.overcharge),
        "message": f.message,
        "message_da": f.message_da,
    }


def audit_trail(session: Session, *, rule_id: str) -> dict[int, AuditEntry]:
    """The audit entry of each version of a rule, by version number."""
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == "rule", AuditEntry.entity_id == rule_id)
        .order_by(AuditEntry.at)
    )
    return {int(e.details.get("version", 0)): e for e in entries if e.details}


def changes(entry: AuditEntry | None, defaults: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """What a version changed, from its audit entry: ``{key: (before, after)}``; the
    first version is compared with the rule's defaults."""
    if entry is None:
        return {}
    before = entry.details.get("before") or {
        "mode": "active",
        "severity": None,
        "municipalities": [],
        "vendors": [],
        "params": defaults,
    }
    after = entry.details.get("after") or {}
    out: dict[str, tuple[Any, Any]] = {}
    for key in ("mode", "severity", "municipalities", "vendors"):
        if before.get(key) != after.get(key):
            out[key] = (before.get(key), after.get(key))
    old_params, new_params = before.get("params") or {}, after.get("params") or {}
    for key in sorted(set(old_params) | set(new_params)):
        if old_params.get(key) != new_params.get(key):
            out[key] = (old_params.get(key), new_params.get(key))
    return out


def import_yaml(
    session: Session, *, text: str, actor: str, reason: str, confirm: bool = False
) -> list[str]:
    """Publish each rule in the YAML that differs from the one in force, as a new
    version; returns the ids changed. The whole file is validated first, so an error
    (RuleConfigError naming the entry and field) publishes nothing. Each change is
    published as ``monitor.rulesets.publish`` does: one that withdraws findings or
    money raises PublishNeedsConfirmation unless ``confirm`` (the caller rolls back
    the rules already published from the file)."""
    from monitor.rulesets.publish import publish

    configs = load_yaml(text)
    now = {c.rule_id: c for c in current_configs(session)}
    changed = []
    for c in configs:
        old = now.get(c.rule_id)
        if old is not None and _same(old, c):
            continue
        publish(
            session,
            rule_id=c.rule_id,
            actor=actor,
            reason=reason,
            confirm=confirm,
            mode=c.mode,
            params=c.params,
            severity=c.severity,
            municipalities=c.municipalities,
            vendors=c.vendors,
        )
        changed.append(c.rule_id)
    return changed


def _same(old: RuleConfig, new: RuleConfig) -> bool:
    """Equal in effect: parameters compared after the rule fills in its defaults."""
    try:
        old_params = rules.validate_params(old.rule_id, old.params)
        new_params = rules.validate_params(new.rule_id, new.params)
    except rules.RuleConfigError:
        return False
    return (old.mode, old_params, old.severity, old.municipalities, old.vendors) == (
        new.mode,
        new_params,
        new.severity,
        new.municipalities,
        new.vendors,
    )

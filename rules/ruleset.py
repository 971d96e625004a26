"""Rule sets as data: a list of RuleConfig to and from YAML, validated.

Format (``params`` as the rule's registry spec documents them)::

    version: 1
    rules:
      - rule: price_above_agreed
        mode: active            # active | monitor | off
        severity: high          # optional: low | medium | high | critical
        params: {absolute_tolerance: "0.01", percent_tolerance: "0"}
        municipalities: ["101", "751"]   # optional, empty = all
        vendors: []                      # optional, vendor CVR numbers, empty = all
        version: 3                       # optional
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from rules.engine import compile_config
from rules.errors import RuleConfigError
from rules.types import RuleConfig

FORMAT_VERSION = 1
_KEYS = {"rule", "mode", "severity", "params", "municipalities", "vendors", "version"}


def dump_ruleset(configs: Sequence[RuleConfig]) -> str:
    """YAML for these configurations, parameters validated and defaults filled in."""
    rules = []
    for config in configs:
        compiled = compile_config(config)
        entry: dict[str, Any] = {"rule": config.rule_id, "mode": config.mode}
        if config.severity:
            entry["severity"] = config.severity
        entry["params"] = compiled.params.model_dump(mode="json")
        if config.municipalities:
            entry["municipalities"] = list(config.municipalities)
        if config.vendors:
            entry["vendors"] = list(config.vendors)
        entry["version"] = config.version
        rules.append(entry)
    return yaml.safe_dump(
        {"version": FORMAT_VERSION, "rules": rules}, sort_keys=False, allow_unicode=True
    )


def load_ruleset(text: str) -> list[RuleConfig]:
    """RuleConfigs from YAML; RuleConfigError names the entry, rule and field at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleConfigError(f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleConfigError("expected a mapping with a 'rules' list", field="rules")
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        raise RuleConfigError(f"unsupported rule set version {data.get('version')!r}")
    return [_entry(i, entry) for i, entry in enumerate(data["rules"], start=1)]


def _entry(position: int, entry: object) -> RuleConfig:
    where = f"rules[{position}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str):
        raise RuleConfigError(f"{where}: each entry needs a 'rule' id", field=where)
    rule_id = entry["rule"]
    unknown = set(entry) - _KEYS
    if unknown:
        raise RuleConfigError(
            f"{where}: unknown keys {sorted(unknown)}", rule_id=rule_id, field=where
        )
    config = RuleConfig(
        rule_id=rule_id,
        mode=entry.get("mode", "active"),
        params=dict(entry.get("params") or {}),
        severity=entry.get("severity"),
        municipalities=_strings(entry, "municipalities", where),
        vendors=_strings(entry, "vendors", where),
        version=int(entry.get("version", 1)),
    )
    compile_config(config)  # raises RuleConfigError with rule id and field
    return config


def _strings(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise RuleConfigError(f"{where}: {key} must be a list", rule_id=entry["rule"], field=key)
    return [str(v) for v in value]


#: the names the application uses
dump_yaml = dump_ruleset
load_yaml = load_ruleset

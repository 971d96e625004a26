"""The rule set in force: current configuration rows as ``rules.types.RuleConfig``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.rulesets.models import RuleConfiguration
from rules.types import RuleConfig


def current_configs(session: Session) -> list[RuleConfig]:
    """Stored configurations in force; empty means every built-in rule with defaults."""
    rows = session.scalars(
        select(RuleConfiguration)
        .where(RuleConfiguration.is_current)
        .order_by(RuleConfiguration.rule_id)
    )
    return [
        RuleConfig(
            rule_id=r.rule_id,
            mode=r.mode,
            params=dict(r.params or {}),  # type: ignore[arg-type]
            severity=r.severity,  # type: ignore[arg-type]
            municipalities=list(r.municipalities or []),
            vendors=list(r.vendors or []),
            version=r.version,
        )
        for r in rows
    ]

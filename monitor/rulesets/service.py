"""The rule set as data: versioned configurations, who changed what and why.

Every change writes a new version row (the old one stays, no longer current) and an
audit entry. Parameters are validated by the rule itself before anything is stored;
a scope names only registered municipalities (kommunekoder) and vendors (CVR numbers).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import rules
from monitor.audit.service import record
from monitor.errors import InputError
from monitor.parties.models import Municipality, Vendor
from monitor.rulesets.models import RuleConfiguration
from rules.types import RuleConfig

MODES = ("active", "monitor", "off")
SEVERITIES = ("low", "medium", "high", "critical")


def stored_configs(session: Session) -> list[RuleConfiguration]:
    return list(
        session.scalars(
            select(RuleConfiguration)
            .where(RuleConfiguration.is_current)
            .order_by(RuleConfiguration.rule_id)
        )
    )


def current_configs(session: Session) -> list[RuleConfig]:
    """The rule set in force: every built-in rule (stored settings or defaults) plus
    the admins' custom rules."""
    stored = {r.rule_id: _to_config(r) for r in stored_configs(session)}
    configs = [
        stored.pop(rule_id, RuleConfig(rule_id=rule_id, version=0)) for rule_id in rules.registry()
    ]
    return configs + sorted(stored.values(), key=lambda c: c.rule_id)


def _to_config(r: RuleConfiguration) -> RuleConfig:
    return RuleConfig(
        rule_id=r.rule_id,
        mode=r.mode,
        params=dict(r.params or {}),  # type: ignore[arg-type]
        severity=r.severity,  # type: ignore[arg-type]
        municipalities=list(r.municipalities or []),
        vendors=list(r.vendors or []),
        version=r.version,
    )


def configure(
    session: Session,
    *,
    rule_id: str,
    actor: str,
    reason: str | None = None,
    mode: str | None = None,
    params: dict[str, Any] | None = None,
    severity: str | None = None,
    municipalities: list[str] | None = None,
    vendors: list[str] | None = None,
    audit: dict[str, Any] | None = None,
) -> RuleConfiguration:
    """Publish a new version of one rule's configuration. Never commits.

    ``params`` are merged over the current ones and validated by the rule; a custom
    rule (``custom:<name>``) has its expression compiled and refused with the reason
    if it is not valid. ``audit``: more to keep in the version's audit entry (the
    backtest's effect, the version a rollback restores); ``monitor.rulesets.publish``
    is the publishing step people use, which checks the effect first.
    """
    proposed = proposed_config(
        session,
        rule_id=rule_id,
        mode=mode,
        params=params,
        severity=severity,
        municipalities=municipalities,
        vendors=vendors,
    )
    previous = session.scalar(
        select(RuleConfiguration).where(
            RuleConfiguration.rule_id == rule_id, RuleConfiguration.is_current
        )
    )
    latest = (
        session.scalar(
            select(func.max(RuleConfiguration.version)).where(RuleConfiguration.rule_id == rule_id)
        )
        or 0
    )
    if previous is not None:
        previous.is_current = False
        session.flush()
    row = RuleConfiguration(
        rule_id=rule_id,
        version=latest + 1,
        mode=proposed.mode,
        params=proposed.params,
        severity=proposed.severity,
        municipalities=proposed.municipalities,
        vendors=proposed.vendors,
        is_current=True,
        changed_by=actor,
        reason=reason,
    )
    session.add(row)
    record(
        session,
        actor=actor,
        action="rule.configured",
        entity="rule",
        entity_id=rule_id,
        reason=reason,
        details={
            "version": row.version,
            "before": None if previous is None else _describe(_to_config(previous)),
            "after": _describe(proposed),
            **(audit or {}),
        },
    )
    session.flush()
    return row


def proposed_config(
    session: Session,
    *,
    rule_id: str,
    mode: str | None = None,
    params: dict[str, Any] | None = None,
    severity: str | None = None,
    municipalities: list[str] | None = None,
    vendors: list[str] | None = None,
) -> RuleConfig:
    """The current configuration of a rule with these changes applied, validated."""
    current = {c.rule_id: c for c in current_configs(session)}
    is_custom = rule_id.startswith("custom:")
    if rule_id not in current and not is_custom:
        known = ", ".join(rules.registry())
        raise InputError(f"unknown rule {rule_id!r}; the rules are: {known}", field="rule")
    base = current.get(rule_id) or RuleConfig(rule_id=rule_id, version=0)
    if mode is not None and mode not in MODES:
        raise InputError(
            f"mode must be one of {', '.join(MODES)}",
            da=f"tilstand skal være en af {', '.join(MODES)}",
            field="mode",
        )
    if severity and severity not in SEVERITIES:
        raise InputError(
            f"severity must be one of {', '.join(SEVERITIES)}",
            da=f"alvor skal være en af {', '.join(SEVERITIES)}",
            field="severity",
        )
    merged = {**base.params, **(params or {})}
    validated = rules.validate_params(rule_id, merged)
    check_scope(session, municipalities=municipalities, vendors=vendors)
    return RuleConfig(
        rule_id=rule_id,
        mode=mode or base.mode,  # type: ignore[arg-type]
        params=_jsonable(validated),
        # None keeps the current severity; "" goes back to the rule's own default
        severity=base.severity if severity is None else (severity or None),  # type: ignore[arg-type]
        municipalities=municipalities if municipalities is not None else base.municipalities,
        vendors=vendors if vendors is not None else base.vendors,
        version=base.version + 1,
    )


def check_scope(
    session: Session, *, municipalities: list[str] | None, vendors: list[str] | None
) -> None:
    """A scope as the rule engine matches it: kommunekoder of 3 digits and vendor CVR
    numbers of 8, each registered (``prisvagt parties import``). A code nobody is
    registered under would match no invoice and silently take the rule off every one;
    InputError names the list, the code and the registered ones."""
    for field, values, digits, what, hvad in (
        ("municipalities", municipalities, 3, "kommunekode", "kommunekode"),
        ("vendors", vendors, 8, "vendor CVR number", "leverandør-CVR-nummer"),
    ):
        for value in values or []:
            if not re.fullmatch(rf"\d{{{digits}}}", value):
                raise InputError(
                    f"{value!r} is not {digits} digits",
                    da=f"{value!r} er ikke {digits} cifre",
                    field=field,
                )
        if not values:
            continue
        model = Municipality if field == "municipalities" else Vendor
        key = Municipality.code if model is Municipality else Vendor.cvr
        registered = {
            code: name for code, name in session.execute(select(key, model.name).order_by(key))
        }
        unknown = [v for v in values if v not in registered]
        if unknown:
            known = ", ".join(f"{code} {name}" for code, name in registered.items())
            raise InputError(
                f"unknown {what} {', '.join(map(repr, unknown))} in the rule's scope; "
                + (f"the registered ones are: {known}" if known else "none is registered yet"),
                da=f"ukendt {hvad} {', '.join(map(repr, unknown))} i reglens afgrænsning; "
                + (f"de registrerede er: {known}" if known else "ingen er registreret endnu"),
                field=field,
            )


SYSTEM_ACTOR = "prisvagt"


def switch_to_monitor(
    session: Session, *, rule_id: str, error: str, invoice_number: str | None
) -> RuleConfiguration | None:
    """A custom rule that failed while it ran goes to monitor mode, as a new version
    whose reason carries the error (shown in the rule's history); its findings then
    send no email until an admin has fixed it. Nothing happens when it is not active
    (already switched, or turned off). Never commits."""
    current = session.scalar(
        select(RuleConfiguration).where(
            RuleConfiguration.rule_id == rule_id, RuleConfiguration.is_current
        )
    )
    if current is None or current.mode != "active":
        return None
    where = f" (faktura/invoice {invoice_number})" if invoice_number else ""
    reason = (
        f"Skiftet til overvågning: reglen fejlede under kørslen / switched to monitor: "
        f"the rule failed while it ran{where}: {error}"
    )[:4000]
    before = _to_config(current)
    current.is_current = False
    session.flush()
    row = RuleConfiguration(
        rule_id=rule_id, version=current.version + 1, mode="monitor", params=current.params,
        severity=current.severity, municipalities=current.municipalities,
        vendors=current.vendors, is_current=True, changed_by=SYSTEM_ACTOR, reason=reason,
    )  # fmt: skip
    session.add(row)
    session.flush()
    record(
        session, actor=SYSTEM_ACTOR, action="rule.configured", entity="rule",
        entity_id=rule_id, reason=reason,
        details={"version": row.version, "before": _describe(before),
                 "after": _describe(_to_config(row))},
    )  # fmt: skip
    return row


def history(session: Session, *, rule_id: str) -> list[RuleConfiguration]:
    return list(
        session.scalars(
            select(RuleConfiguration)
            .where(RuleConfiguration.rule_id == rule_id)
            .order_by(RuleConfiguration.version.desc())
        )
    )


def parse_assignments(pairs: list[str]) -> dict[str, Any]:
    """``["tolerance_pct=1.5", "join=and"]`` -> ``{"tolerance_pct": "1.5", "join": "and"}``.

    Values stay strings; the rule's parameter model converts and validates them.
    """
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"{pair!r} is not key=value", field="set")
        out[key.strip()] = value.strip()
    return out


def _describe(config: RuleConfig) -> dict[str, Any]:
    return {
        "mode": config.mode,
        "params": _jsonable(config.params),
        "severity": config.severity,
        "municipalities": config.municipalities,
        "vendors": config.vendors,
    }


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    from decimal import Decimal

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {k: plain(v) for k, v in params.items()}

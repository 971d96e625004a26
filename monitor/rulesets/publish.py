"""Publishing a rule change as people do it: backtest first, confirm a withdrawal, roll back.

``publish`` backtests the change against the checked invoices, refuses with
``PublishNeedsConfirmation`` (carrying the report) when it would withdraw findings or
money and the caller has not confirmed, and otherwise stores the new version with the
backtest's effect in its audit entry. ``rollback`` publishes the version before the one
in force again, as a new version of its own (who, when, why, and which version it
restores), through the same step. The web page, the API and ``prisvagt rules`` all
publish through here; the re-check queued after the commit then withdraws or reopens
the findings (``monitor.findings.lifecycle``).

Nothing here commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import rules
from extractors.money import decimal_str
from monitor.errors import ConfirmationRequired, InputError, NotFound
from monitor.rulesets.backtest import backtest
from monitor.rulesets.models import RuleConfiguration
from monitor.rulesets.service import configure
from rules.backtest import BacktestReport


@dataclass(frozen=True, slots=True)
class Effect:
    """What a change does to the findings, from its backtest."""

    added: int
    removed: int
    changed: int
    overcharge_before: Decimal
    overcharge_after: Decimal
    price_gap_before: Decimal = Decimal(0)
    price_gap_after: Decimal = Decimal(0)

    @classmethod
    def of(cls, report: BacktestReport) -> Effect:
        return cls(
            added=report.added,
            removed=report.removed,
            changed=report.changed,
            overcharge_before=report.overcharge_before,
            overcharge_after=report.overcharge_after,
            price_gap_before=report.price_gap_before,
            price_gap_after=report.price_gap_after,
        )

    @property
    def overcharge_difference(self) -> Decimal:
        return self.overcharge_after - self.overcharge_before

    @property
    def price_gap_difference(self) -> Decimal:
        return self.price_gap_after - self.price_gap_before

    @property
    def withdraws(self) -> bool:
        """Takes findings or money away: what needs a person's confirmation."""
        return self.removed > 0 or self.overcharge_difference < 0 or self.price_gap_difference < 0

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "overcharge_before": decimal_str(self.overcharge_before),
            "overcharge_after": decimal_str(self.overcharge_after),
            "overcharge_difference": decimal_str(self.overcharge_difference),
            "price_gap_before": decimal_str(self.price_gap_before),
            "price_gap_after": decimal_str(self.price_gap_after),
            "price_gap_difference": decimal_str(self.price_gap_difference),
        }


class PublishNeedsConfirmation(ConfirmationRequired):
    """The change withdraws findings or money; ``report`` is its backtest."""

    def __init__(self, rule_id: str, report: BacktestReport) -> None:
        from monitor.formatting import money

        self.report = report
        effect = Effect.of(report)
        lost = -min(effect.overcharge_difference, Decimal(0))
        gap = -min(effect.price_gap_difference, Decimal(0))
        gap_en = f" (and {money(gap, 'en')} of price gap to other municipalities)" if gap else ""
        gap_da = f" (og {money(gap)} i prisforskel til andre kommuner)" if gap else ""
        super().__init__(
            f"publishing this change to {rule_id} withdraws {effect.removed} findings and "
            f"{money(lost, 'en')} of overcharge{gap_en}; confirm to publish it",
            da=f"ændringen af {rule_id} trækker {effect.removed} fund og {money(lost)} i "
            f"overpris{gap_da} tilbage; bekræft for at offentliggøre den",
            field="confirm",
            details=effect.as_json(),
        )


@dataclass(frozen=True, slots=True)
class Published:
    row: RuleConfiguration
    report: BacktestReport
    #: the version a rollback published again
    restores: int | None = None

    @property
    def effect(self) -> Effect:
        return Effect.of(self.report)


def publish(
    session: Session,
    *,
    rule_id: str,
    actor: str,
    reason: str,
    confirm: bool = False,
    mode: str | None = None,
    params: dict[str, Any] | None = None,
    severity: str | None = None,
    municipalities: list[str] | None = None,
    vendors: list[str] | None = None,
    audit: dict[str, Any] | None = None,
) -> Published:
    """Backtest the change, then store it as a new version unless it withdraws findings
    or money without ``confirm``. Raises InputError for an invalid change or a missing
    actor or reason, PublishNeedsConfirmation (nothing stored) for an unconfirmed
    withdrawal."""
    actor, reason = (actor or "").strip(), (reason or "").strip()
    change: dict[str, Any] = {
        "mode": mode,
        "params": params,
        "severity": severity,
        "municipalities": municipalities,
        "vendors": vendors,
    }
    report = backtest(session, rule_id=rule_id, **change)  # validates the change first
    if not actor:
        raise InputError(
            "say who makes the change (name or email)",
            da="skriv hvem der foretager ændringen (navn eller e-mail)",
            field="actor",
        )
    if not reason:
        raise InputError(
            "say why (kept in the audit log)",
            da="skriv hvorfor (gemmes i revisionsloggen)",
            field="reason",
        )
    effect = Effect.of(report)
    if effect.withdraws and not confirm:
        raise PublishNeedsConfirmation(rule_id, report)
    row = configure(
        session,
        rule_id=rule_id,
        actor=actor,
        reason=reason,
        **change,
        audit={"effect": effect.as_json(), **(audit or {})},
    )
    return Published(row=row, report=report)


def rollback_target(
    session: Session, *, rule_id: str, to_version: int | None = None
) -> tuple[int, dict[str, Any]]:
    """The version a rollback restores and its configuration: by default the version
    before the one in force (version 0: the rule's defaults; for a custom rule, off)."""
    current = session.scalar(
        select(RuleConfiguration).where(
            RuleConfiguration.rule_id == rule_id, RuleConfiguration.is_current
        )
    )
    if current is None:
        raise NotFound(
            f"rule {rule_id!r} has no published version to roll back",
            key="error.rule.nothing_published",
            params={"rule": rule_id},
        )
    target = current.version - 1 if to_version is None else to_version
    if target == current.version:
        raise InputError(
            f"version {target} is the one in force",
            da=f"version {target} er den gældende",
            field="version",
        )
    if target == 0:  # before the first version: the defaults; a custom rule did not exist
        custom = rule_id.startswith("custom:")
        return 0, {
            "mode": "off" if custom else "active",
            "params": dict(current.params or {}) if custom else rules.validate_params(rule_id, {}),
            "severity": "",
            "municipalities": [],
            "vendors": [],
        }
    row = session.scalar(
        select(RuleConfiguration).where(
            RuleConfiguration.rule_id == rule_id, RuleConfiguration.version == target
        )
    )
    if row is None:
        raise NotFound(
            f"rule {rule_id!r} has no version {target}",
            key="error.rule.no_version",
            params={"rule": rule_id, "version": target},
        )
    return target, {
        "mode": row.mode,
        "params": dict(row.params or {}),
        "severity": row.severity or "",
        "municipalities": list(row.municipalities or []),
        "vendors": list(row.vendors or []),
    }


def rollback(
    session: Session,
    *,
    rule_id: str,
    actor: str,
    reason: str,
    confirm: bool = False,
    to_version: int | None = None,
) -> Published:
    """Publish an earlier version again (by default the one before the version in
    force) as a new version, through ``publish``: backtested, confirmed when it
    withdraws findings or money, audited with the version it restores."""
    target, config = rollback_target(session, rule_id=rule_id, to_version=to_version)
    done = publish(
        session,
        rule_id=rule_id,
        actor=actor,
        reason=reason,
        confirm=confirm,
        **config,
        audit={"restores_version": target},
    )
    return Published(row=done.row, report=done.report, restores=target)

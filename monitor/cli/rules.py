"""``prisvagt rules``: list, tune, backtest, export and import the rule set."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import typer

from monitor.cli.common import cli_errors, console, ensure_database, err_console
from monitor.cli.main import app
from monitor.errors import InputError

rules_app = typer.Typer(
    help="The rule set: list, tune, backtest, export, import.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")


@rules_app.command("list")
@cli_errors
def rules_list(lang: str = typer.Option("en", help="da or en")) -> None:
    """Every rule with its mode, severity, parameters and what it detects."""
    import rules
    from monitor.db import transaction
    from monitor.rulesets.service import current_configs

    ensure_database()
    with transaction() as session:
        configs = {c.rule_id: c for c in current_configs(session)}
    registry = rules.registry()
    for rule_id, config in configs.items():
        spec = registry.get(rule_id)
        params = {**(_defaults(spec) if spec else {}), **config.params}
        severity = config.severity or _attr(spec, "severity") or "-"
        title = _title(spec, lang)
        console.print(
            f"[bold]{rule_id}[/]  {config.mode}  severity {severity}"
            + (f"  v{config.version}" if config.version else "  (defaults)")
            + (f"\n  {title}" if title else ""),
            highlight=False,
        )
        if params:
            console.print(
                "  parameters: " + ", ".join(f"{k}={v}" for k, v in params.items()), highlight=False
            )
        text = _describe(spec, lang) if spec else str(config.params.get("expression", ""))
        if text:
            console.print("  " + text, highlight=False)
        console.print()


@rules_app.command("set")
@cli_errors
def rules_set(
    rule_id: str,
    set_: list[str] = typer.Option([], "--set", help="Parameter key=value (repeatable)"),
    mode: str | None = typer.Option(None, help="active, monitor or off"),
    severity: str | None = typer.Option(None, help="low, medium, high or critical"),
    municipality: list[str] = typer.Option([], help="Limit to these kommunekoder"),
    vendor: list[str] = typer.Option([], help="Limit to these vendor CVRs"),
    reason: str = typer.Option(..., help="Why (kept in the audit log)"),
    actor: str = typer.Option("cli", help="Who changes it"),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Publish without asking, even if it withdraws findings"
    ),
    recheck: bool = typer.Option(True, help="Re-check open invoices under the new rule"),
) -> None:
    """Publish a new version of a rule's configuration.

    The change is backtested first and its effect printed; one that withdraws findings
    or money is published only when confirmed (the prompt, or --yes)."""
    from monitor.rulesets.service import parse_assignments

    change = {
        "mode": mode,
        "params": parse_assignments(set_),
        "severity": severity,
        "municipalities": municipality or None,
        "vendors": vendor or None,
    }
    _publish(rule_id, actor=actor, reason=reason, yes=yes, recheck=recheck, change=change)


@rules_app.command("rollback")
@cli_errors
def rules_rollback(
    rule_id: str,
    reason: str = typer.Option(..., help="Why (kept in the audit log)"),
    actor: str = typer.Option("cli", help="Who rolls it back"),
    to: int | None = typer.Option(
        None, "--to", help="The version to restore (default: the one before the current)"
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Roll back without asking, even if it withdraws findings"
    ),
    recheck: bool = typer.Option(True, help="Re-check open invoices under the restored rule"),
) -> None:
    """Publish the version before the current one again, as a new version.

    Backtested and confirmed like `rules set`; the re-check afterwards reopens the
    findings the rolled-back version had withdrawn."""
    _publish(rule_id, actor=actor, reason=reason, yes=yes, recheck=recheck, rollback_to=to)


def _publish(
    rule_id: str,
    *,
    actor: str,
    reason: str,
    yes: bool,
    recheck: bool,
    change: dict[str, Any] | None = None,
    rollback_to: int | None = None,
) -> None:
    """Publish (or roll back), asking first when the backtest shows a withdrawal."""
    from monitor.db import transaction
    from monitor.invoices import repository
    from monitor.rulesets import publish

    def attempt(confirm: bool) -> tuple[int, publish.Effect, int | None, list[int]]:
        with transaction() as session:
            if change is None:
                done = publish.rollback(
                    session,
                    rule_id=rule_id,
                    actor=actor,
                    reason=reason,
                    confirm=confirm,
                    to_version=rollback_to,
                )
            else:
                done = publish.publish(
                    session, rule_id=rule_id, actor=actor, reason=reason, confirm=confirm, **change
                )
            ids = repository.ids_by_status(session, "checked") if recheck else []
            return done.row.version, done.effect, done.restores, ids

    ensure_database()
    try:
        version, effect, restores, ids = attempt(yes)
    except publish.PublishNeedsConfirmation as exc:
        console.print(_effect_line(publish.Effect.of(exc.report)), highlight=False)
        console.print(exc.message, highlight=False)
        if not _confirmed("Publish anyway?"):
            err_console.print("not published; nothing was saved", highlight=False)
            raise typer.Exit(1) from None
        version, effect, restores, ids = attempt(True)
    else:
        console.print(_effect_line(effect), highlight=False)
    what = "published" if restores is None else f"published: version {restores} restored"
    console.print(f"{rule_id} version {version} {what}", highlight=False)
    if ids:
        from workers import tasks

        for invoice_id in ids:
            tasks.check_invoice.delay(invoice_id)
        console.print(f"{len(ids)} invoices queued for re-checking")


def _confirmed(question: str) -> bool:
    """The person's yes; no answer (end of input) is a no."""
    try:
        return typer.confirm(question, default=False)
    except typer.Abort:
        return False


def _effect_line(effect: Any) -> str:
    return (
        f"backtest: {effect.added} findings added, {effect.removed} withdrawn, "
        f"{effect.changed} changed; overcharge {effect.overcharge_before} -> "
        f"{effect.overcharge_after} DKK ({effect.overcharge_difference:+} DKK)"
    )


@rules_app.command("backtest")
@cli_errors
def rules_backtest(
    rule_id: str,
    set_: list[str] = typer.Option([], "--set", help="Proposed parameter key=value"),
    mode: str | None = typer.Option(None),
    format: str = typer.Option("table", "--format", help="table or json"),
) -> None:
    """Re-evaluate past invoices under a proposed change, without saving anything."""
    from rich.table import Table

    from monitor.db import transaction
    from monitor.rulesets.backtest import backtest
    from monitor.rulesets.service import parse_assignments

    ensure_database()
    with transaction() as session:
        report = backtest(session, rule_id=rule_id, mode=mode, params=parse_assignments(set_))
        session.rollback()
    data = {
        "rule": rule_id,
        "municipalities": report.rows(),
        "added": report.added,
        "removed": report.removed,
        "changed": report.changed,
        "overcharge_before": str(report.overcharge_before),
        "overcharge_after": str(report.overcharge_after),
        "overcharge_difference": str(report.overcharge_difference),
    }
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"Backtest of {rule_id} (nothing saved)", header_style="bold")
    for col in ("kommune", "added", "removed", "changed", "before", "after", "difference"):
        table.add_column(col, justify="left" if col == "kommune" else "right")
    for row in data["municipalities"]:
        table.add_row(
            str(row["municipality"]),
            str(row["added"]),
            str(row["removed"]),
            str(row["changed"]),
            str(row["overcharge_before"]),
            str(row["overcharge_after"]),
            str(row["overcharge_difference"]),
        )
    table.add_row(
        "total",
        str(report.added),
        str(report.removed),
        str(report.changed),
        data["overcharge_before"],
        data["overcharge_after"],
        data["overcharge_difference"],
        style="bold",
    )
    console.print(table)


@rules_app.command("export")
@cli_errors
def rules_export(
    file: Path | None = typer.Argument(None, help="Write here (default: stdout)"),
) -> None:
    """Export the rule set in force as YAML."""
    from monitor.db import transaction
    from monitor.rulesets.service import current_configs
    from rules.ruleset import dump_yaml

    ensure_database()
    with transaction() as session:
        text = dump_yaml(current_configs(session))
    if file is None:
        typer.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        console.print(f"rule set written to {file}")


@rules_app.command("import")
@cli_errors
def rules_import(
    file: Path,
    reason: str = typer.Option(..., help="Why (kept in the audit log)"),
    actor: str = typer.Option("cli"),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Import without asking, even if it withdraws findings"
    ),
) -> None:
    """Import a YAML rule set; each changed rule becomes a new version.

    Each change is backtested; one that withdraws findings or money is imported only
    when confirmed (the prompt, or --yes)."""
    from monitor.db import transaction
    from monitor.rulesets.admin import import_yaml
    from monitor.rulesets.publish import Effect, PublishNeedsConfirmation

    ensure_database()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(file)) from None

    def attempt(confirm: bool) -> list[str]:
        with transaction() as session:
            return import_yaml(session, text=text, actor=actor, reason=reason, confirm=confirm)

    try:
        changed = attempt(yes)
    except PublishNeedsConfirmation as exc:
        console.print(_effect_line(Effect.of(exc.report)), highlight=False)
        console.print(exc.message, highlight=False)
        if not _confirmed("Import anyway?"):
            err_console.print("not imported; nothing was saved", highlight=False)
            raise typer.Exit(1) from None
        changed = attempt(True)
    console.print(f"{len(changed)} rules changed from {file.name}: {', '.join(changed) or 'none'}")


def _attr(obj: Any, name: str) -> Any:
    return getattr(obj, name, None) if obj is not None else None


def _title(spec: Any, lang: str) -> str:
    for name in (f"title_{lang}", "title"):
        value = _attr(spec, name)
        if isinstance(value, dict):
            return str(value.get(lang) or "")
        if value:
            return str(value)
    return ""


def _defaults(spec: Any) -> dict[str, Any]:
    model = _attr(spec, "params") or _attr(spec, "params_model")
    from pydantic import ValidationError

    try:
        return _plain(model().model_dump()) if model is not None else {}
    except ValidationError:  # a rule whose parameters have no defaults (custom rules)
        return {}


def _describe(spec: Any, lang: str) -> str:
    """What the rule detects, in ``lang`` (English for ``en``, otherwise Danish)."""
    return str(spec.describe(lang))


def _plain(value: Any) -> Any:
    from decimal import Decimal
    from enum import Enum

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value

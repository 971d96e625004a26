"""``prisvagt review``: legal's review of a finding from the command line."""

from __future__ import annotations

import typer

from monitor.cli.common import cli_errors, console, ensure_database
from monitor.cli.main import app


@app.command("review")
@cli_errors
def review_finding(
    finding_id: int,
    action: str = typer.Argument(..., help="confirm, dismiss, note, resolve or reopen"),
    actor: str = typer.Option(..., help="Who reviews (name or email)"),
    note: str | None = typer.Option(None, help="Required to dismiss and to add a note"),
    recovered: str | None = typer.Option(
        None, help="Amount paid back, required to resolve (e.g. 750.50)"
    ),
    confirm_excess: bool = typer.Option(
        False, "--confirm-excess", help="Record a recovered amount above the overcharge"
    ),
    excess_reason: str | None = typer.Option(
        None, help="Why more than the overcharge was recovered (required with it)"
    ),
) -> None:
    """Confirm, dismiss, note, resolve or reopen a finding; kept in its history.

    A recovered amount above the finding's overcharge is refused unless
    --confirm-excess and --excess-reason are given.
    """
    from monitor.db import transaction
    from monitor.findings.review import review

    ensure_database()
    with transaction() as session:
        finding = review(
            session,
            finding_id=finding_id,
            action=action,
            actor=actor,
            note=note,
            recovered=recovered,
            confirm_excess=confirm_excess,
            excess_reason=excess_reason,
        )
        status, paid, owed = finding.status, finding.recovered, finding.overcharge
    line = f"finding {finding_id}: {status}"
    if action == "resolve":
        line += f", recovered {paid} of {owed} DKK"
        if paid > owed:
            line += f" ({paid - owed} more than the overcharge, confirmed)"
    console.print(line, highlight=False)

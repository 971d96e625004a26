"""``prisvagt review``: the recovered amount is bounded by the overcharge (700,00 kr. in
the seed) unless the excess is confirmed with a reason."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.db import transaction
from monitor.findings.models import Finding
from tests.monitor.seed import seed_one_finding

runner = CliRunner()


def _finding(finding_id: int) -> tuple[str, Decimal]:
    with transaction() as s:
        f = s.get(Finding, finding_id)
        return f.status, f.recovered


def test_review_refuses_more_than_the_overcharge_until_confirmed_with_a_reason(
    sqlite_env: object,
) -> None:
    with transaction() as s:
        fid = seed_one_finding(s).id
    base = ["review", str(fid), "resolve", "--actor", "okonomi@kk.dk"]

    refused = runner.invoke(app, [*base, "--recovered", "999999999.00"])
    assert refused.exit_code == 2
    assert "DKK 999,999,999.00 is more than the finding's overcharge DKK 700.00" in " ".join(
        refused.output.split()
    )
    assert _finding(fid) == ("open", Decimal("0.00"))

    no_reason = runner.invoke(app, [*base, "--recovered", "750", "--confirm-excess"])
    assert no_reason.exit_code == 2 and "excess_reason" in no_reason.output
    assert _finding(fid) == ("open", Decimal("0.00"))

    done = runner.invoke(
        app,
        [*base, "--recovered", "750", "--confirm-excess", "--excess-reason", "Renter"],
    )
    assert done.exit_code == 0, done.output
    assert "recovered 750.00 of 700.00 DKK (50.00 more than the overcharge" in done.output
    assert _finding(fid) == ("resolved", Decimal("750.00"))


def test_review_within_the_overcharge_needs_no_confirmation(sqlite_env: object) -> None:
    with transaction() as s:
        fid = seed_one_finding(s).id
    result = runner.invoke(
        app, ["review", str(fid), "resolve", "--actor", "okonomi@kk.dk", "--recovered", "700"]
    )
    assert result.exit_code == 0, result.output
    assert _finding(fid) == ("resolved", Decimal("700.00"))


def test_a_dismissed_finding_is_listed_but_not_counted_in_the_overcharge(
    sqlite_env: object,
) -> None:
    """A finding withdrawn (a credit note, a re-check) or dismissed by legal is no claim:
    ``findings`` lists it and says so, and its total leaves it out, as the web app's."""
    with transaction() as s:
        fid = seed_one_finding(s).id
    before = " ".join(runner.invoke(app, ["findings"]).output.split())
    assert "1 findings, overcharge DKK 700.00" in before
    dismissed = runner.invoke(
        app, ["review", str(fid), "dismiss", "--actor", "jura@kk.dk", "--note", "Krediteret"]
    )
    assert dismissed.exit_code == 0, dismissed.output
    after = " ".join(runner.invoke(app, ["findings"]).output.split())
    assert "1 findings, overcharge DKK 0.00" in after
    assert "1 dismissed, not counted" in after


def test_a_narrow_terminal_gets_the_findings_two_lines_each(sqlite_env: object) -> None:
    """Thirteen columns do not fit 80 or 100 characters: the table's words and amounts
    shrank to "…". Two lines a finding keep every figure whole."""
    from monitor.cli.output import findings_lines
    from monitor.findings.repository import list_findings
    from monitor.findings.schemas import FindingFilter

    with transaction() as s:
        fid = seed_one_finding(s).id
        rows = list_findings(s, FindingFilter())
    first, second = findings_lines(rows).split("\n")
    assert first.startswith(f"#{fid} ") and "invoice " in first
    assert "DKK 700.00 overcharge" in second
    assert "…" not in first + second

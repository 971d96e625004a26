"""``prisvagt demo``: generate the demo data, run the whole pipeline, summarise, serve."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from monitor.cli.accounts import ensure_first_admin, print_first_admin
from monitor.cli.common import cli_errors, console, ensure_database
from monitor.cli.main import app

if TYPE_CHECKING:  # imported where used: ``prisvagt --help`` needs neither
    from monitor.demo.manifest import DemoManifest
    from monitor.findings.schemas import FindingOut


@app.command()
@cli_errors
def demo(
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web app afterwards"),
    reset: bool = typer.Option(
        True, "--reset/--keep", help="Start from an empty database and outbox"
    ),
    out: Path = typer.Option(Path("var/demo"), help="Where the demo documents are written"),
    port: int = typer.Option(8000, help="Port of the web app"),
) -> None:
    """Generate six municipalities' contracts and invoices, check them and send the alerts."""
    from monitor.cli.ingest import ingest
    from monitor.db import Base, get_engine, transaction
    from monitor.demo.scenario import generate_demo
    from monitor.indexes.service import import_index, read_index_csv
    from monitor.parties.service import import_parties, read_parties_csv
    from monitor.settings import get_settings

    settings = get_settings()
    if reset:
        from sqlalchemy import text

        import monitor.models  # noqa: F401

        engine = get_engine()
        Base.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        shutil.rmtree(settings.outbox_dir, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    ensure_database()
    console.rule("prisvagt demo")
    manifest = generate_demo(out)
    console.print(f"demo documents written to {out}/")
    with transaction() as session:
        rows = read_parties_csv((out / "parties.csv").read_text("utf-8"), filename="parties.csv")
        import_parties(session, rows=rows)
        for index_file in sorted(out.glob("*index*.csv")):
            values = read_index_csv(index_file.read_text("utf-8"), filename=index_file.name)
            import_index(session, rows=values, source=f"{index_file.name} (SAMPLE data)")
    outcomes = ingest([out / "contracts", out / "invoices"], kind=None, source="demo")
    failed = [o for o in outcomes if o.error]
    for o in failed:
        console.print(f"[red]✗[/] {o.path}: {o.error}")
    _summary(manifest, documents=len(outcomes), failed=len(failed))
    print_first_admin(ensure_first_admin())
    if serve:
        from monitor.web.app import run_server

        console.print(f"web app: [bold]{settings.base_url}[/] (Ctrl+C to stop)")
        run_server(host="127.0.0.1", port=port)


def _summary(manifest: DemoManifest, *, documents: int, failed: int) -> None:
    """What the run found, set against the demo's ground truth (``manifest.json``)."""
    from rich.table import Table
    from sqlalchemy import func, select

    from monitor.alerts.models import Alert
    from monitor.db import transaction
    from monitor.findings.repository import list_findings
    from monitor.formatting import money as kr
    from monitor.invoices.models import Invoice
    from monitor.settings import get_settings

    settings = get_settings()
    with transaction() as session:
        checked = session.scalar(select(func.count(Invoice.id)).where(Invoice.status == "checked"))
        findings = list_findings(session)
        alerts = Counter(session.scalars(select(Alert.status)))
    by_rule = Counter(f.rule for f in findings)
    expected = Counter(b.rule_id for b in manifest.breaches)
    table = Table(title="Findings by rule", header_style="bold")
    for col in ("rule", "found", "in manifest", "overcharge", "price gap"):
        table.add_column(col, justify="left" if col == "rule" else "right")
    for rule in sorted(set(by_rule) | set(expected)):
        mine = [f for f in findings if f.rule == rule]
        table.add_row(rule, str(by_rule[rule]), str(expected[rule]), *_amounts(mine, kr, blank=""))
    munis = Table(title="Findings by municipality", header_style="bold")
    for col in ("kommune", "findings", "overcharge", "price gap"):
        munis.add_column(col, justify="left" if col == "kommune" else "right")
    for code, name in sorted({(f.municipality, f.municipality_name) for f in findings}):
        mine = [f for f in findings if f.municipality == code]
        munis.add_row(f"{code} {name}", str(len(mine)), *_amounts(mine, kr, blank=""))
    overcharge, gap = _totals(findings)
    console.print(f"documents: {documents} ({failed} failed); invoices checked: {checked}")
    console.print(table)
    console.print(munis)
    same = (
        by_rule == expected
        and overcharge == manifest.total_expected_overcharge
        and gap == manifest.total_expected_price_gap
    )
    verdict = (
        "[green]matches the ground truth[/]" if same else "[red]differs from the ground truth[/]"
    )
    console.print(
        f"overcharge total (your contracts let you claim it back): [bold]{kr(overcharge)}[/] "
        f"(manifest: {kr(manifest.total_expected_overcharge)})"
    )
    console.print(
        f"price-gap total (vs. other municipalities' median, a benchmark, not a breach): "
        f"[bold]{kr(gap)}[/] (manifest: {kr(manifest.total_expected_price_gap)}); {verdict}"
    )
    where = settings.outbox_dir if settings.email_backend == "outbox" else settings.email_backend
    console.print(
        f"alerts: {sum(alerts.values())} ({', '.join(f'{n} {s}' for s, n in alerts.items()) or 'none'})"
        f"; emails went to {where}/"
    )
    console.print(f"web app: {settings.base_url}/findings")


def _totals(findings: list[FindingOut]) -> tuple[Decimal, Decimal]:
    """(overcharge counted once, price gap): the two kinds of money, never added."""
    overcharge = sum((f.overcharge for f in findings if f.counted), start=Decimal("0.00"))
    gap = sum(
        (f.overcharge for f in findings if f.money_kind == "price_gap"), start=Decimal("0.00")
    )
    return overcharge, gap


def _amounts(findings: list[FindingOut], kr: Callable[..., str], *, blank: str) -> list[str]:
    overcharge, gap = _totals(findings)
    has_over = any(f.money_kind == "overcharge" for f in findings)
    return [kr(overcharge) if has_over else blank, kr(gap) if gap else blank]

"""The ``prisvagt`` command line."""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import typer

from monitor.cli.accounts import (
    ensure_first_admin,
    print_first_admin,
    tokens_app,
    users_app,
)
from monitor.cli.common import (
    cli_errors,
    console,
    ensure_database,
    err_console,
    queue_rechecks,
    require_broker,
)
from monitor.errors import InputError

app = typer.Typer(
    name="prisvagt",
    help="Price watch: checks every invoice against the agreed contract prices.",
    no_args_is_help=True,
    add_completion=False,
    # plain help text: Rich's help panels import markdown-it and Pygments, ~80 ms of
    # every ``--help`` (issue 12); the commands still print with Rich
    rich_markup_mode=None,
)
parties_app = typer.Typer(help="Municipalities, vendors and contacts.", no_args_is_help=True)
alerts_app = typer.Typer(help="Alert emails.", no_args_is_help=True)
index_app = typer.Typer(help="Price index series.", no_args_is_help=True)
app.add_typer(parties_app, name="parties")
app.add_typer(alerts_app, name="alerts")
app.add_typer(index_app, name="index")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


class Kind(StrEnum):
    contract = "contract"
    invoice = "invoice"


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class OutFormat(StrEnum):
    text = "text"
    json = "json"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text", file=str(path)) from None


@app.command()
@cli_errors
def init() -> None:
    """Create the database tables and, the first time, an admin (safe to run again)."""
    from monitor.settings import get_settings

    ensure_database()
    console.print(f"database ready: {get_settings().database_url}")
    print_first_admin(ensure_first_admin())


@app.command()
@cli_errors
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders"),
    kind: Kind | None = typer.Option(None, help="contract or invoice (guessed if omitted)"),
) -> None:
    """Store documents (the same content twice is stored once) and queue their processing."""
    from monitor.cli.ingest import ingest as run

    ensure_database()
    outcomes = run(paths, kind=kind.value if kind else None)
    failed = unassigned = 0
    for o in outcomes:
        what = (
            "stored"
            if o.created
            else f"stored before as the other kind, read again as {o.kind}"
            if o.reread
            else "already stored"
        )
        if o.error:
            failed += 1
            err_console.print(f"[red]✗[/] {o.path}: {o.error}", highlight=False)
        else:
            console.print(f"[green]✓[/] {o.path} ({o.kind}, {what}, {o.status})", highlight=False)
            if o.status == "unassigned":
                unassigned += 1
                console.print(
                    f"  [yellow]![/] not checked until assigned: {o.reason or 'vendor or municipality unknown'}",
                    highlight=False,
                )
    console.print(f"{len(outcomes) - failed} of {len(outcomes)} files accepted")
    if unassigned:
        console.print(
            f"{unassigned} unassigned: add their vendor or municipality (prisvagt parties import, "
            "or, for a contract, contracts set ID --buyer-cvr/--vendor-cvr) and they are assigned "
            "and checked"
        )
    if failed:
        raise typer.Exit(2)


@app.command()
@cli_errors
def check(
    all_: bool = typer.Option(False, "--all", help="Re-check every invoice"),
    invoice: list[int] = typer.Option(
        [], "--invoice", help="Check this invoice (by id) again, whatever its status; repeatable"
    ),
    failed_only: bool = typer.Option(
        False, "--failed", help="Check again the invoices whose check failed"
    ),
) -> None:
    """Check invoices against their contracts (new ones; all with --all; those whose
    check failed with --failed; given ones with --invoice ID)."""
    from rich.progress import track

    from monitor.db import transaction
    from monitor.invoices import repository
    from workers import tasks

    if all_:  # its workers' server starts while the invoices are read
        from monitor.findings.parallel import default_workers, start_early

        start_early(default_workers())
    ensure_database()
    with transaction() as session:
        if invoice:
            ids = [repository.get(session, invoice_id).id for invoice_id in invoice]
        elif failed_only:
            ids = repository.ids_by_status(session, "check_failed")
        else:
            statuses = ("assigned", "checked", "check_failed") if all_ else ("assigned",)
            ids = repository.ids_by_status(session, *statuses)
    if all_ and ids:
        # one screened bulk check (monitor.findings.bulk): the findings of checking
        # each invoice, without evaluating the ones no rule can fire on
        tasks.check_many.delay(ids)
        console.print(f"{len(ids)} invoices queued for checking")
        return
    failed = 0
    for invoice_id in track(ids, description="checking", transient=True):
        try:  # in-process (no broker) the check runs here: one failure stops no other
            tasks.check_invoice.delay(invoice_id)
        except Exception as exc:
            failed += 1
            err_console.print(
                f"[red]✗[/] invoice {invoice_id}: {type(exc).__name__}: {exc}", highlight=False
            )
    console.print(f"{len(ids)} invoices queued for checking")
    if failed:
        err_console.print(f"{failed} of {len(ids)} invoice checks failed")
        raise typer.Exit(1)


@app.command()
@cli_errors
def findings(
    format: Format = typer.Option(Format.table, "--format", "-f"),
    municipality: str | None = typer.Option(None, help="kommunekode, e.g. 101"),
    rule: str | None = typer.Option(None, help="rule id, e.g. price_above_agreed"),
    status: str | None = typer.Option(None, help="open|confirmed|dismissed|resolved"),
    vendor: str | None = typer.Option(None, help="vendor CVR"),
    preliminary: bool | None = typer.Option(
        None,
        "--preliminary/--final",
        help="Only findings held while their contract awaits review, or only final ones",
    ),
) -> None:
    """List findings (preliminary ones rest on a contract legal has not reviewed yet)."""
    from monitor.cli.output import (
        TABLE_WIDTH,
        findings_csv,
        findings_json,
        findings_lines,
        findings_table,
    )
    from monitor.db import transaction
    from monitor.findings.repository import list_findings
    from monitor.findings.schemas import FindingFilter
    from monitor.formatting import money

    ensure_database()
    flt = FindingFilter(
        municipality=municipality,
        rule=rule,
        status=status,
        vendor_cvr=vendor,
        preliminary=preliminary,
    )
    with transaction() as session:
        rows = list_findings(session, flt)
    if format is Format.json:
        typer.echo(findings_json(rows))
    elif format is Format.csv:
        typer.echo(findings_csv(rows), nl=False)
    else:
        if console.is_terminal and console.width < TABLE_WIDTH:
            # a narrow terminal: two lines a finding, its words and figures whole
            console.print(findings_lines(rows), highlight=False)
        else:
            console.print(findings_table(rows))
        # a dismissed finding is no breach (withdrawn by a credit note or a re-check, or
        # dismissed by legal): listed, not counted, as the web app's totals count
        dkk = [f for f in rows if f.currency == "DKK" and f.status != "dismissed"]
        dismissed = sum(f.status == "dismissed" for f in rows)
        total = sum((f.overcharge for f in dkk if f.counted), start=Decimal("0.00"))
        gap = sum((f.overcharge for f in dkk if f.money_kind == "price_gap"), Decimal("0.00"))
        grounds = sum(f.grounds_for_id is not None for f in rows)
        held = sum(f.preliminary for f in rows)
        console.print(
            f"{len(rows)} findings, overcharge {money(total, 'en')} (each krone once"
            + (f"; {grounds} further grounds not added again" if grounds else "")
            + f"), price gap {money(gap, 'en')} (vs. other municipalities: a benchmark, "
            "not an overcharge)"
            + (f"; {held} preliminary (contract awaits review, no email)" if held else "")
            + (f"; {dismissed} dismissed, not counted" if dismissed else "")
        )


@app.command()
@cli_errors
def audit() -> None:
    """Recompute every open finding from its evidence and the current terms; print any
    figure that no longer adds up (exit 1 when one does)."""
    from monitor.db import transaction
    from monitor.findings.audit import audit as run_audit

    ensure_database()
    with transaction() as session:
        report = run_audit(session)
    if report.ok:
        console.print(f"all {report.checked} open findings add up")
        return
    for problem in report.problems:
        console.print(str(problem), markup=False, highlight=False)
    console.print(
        f"{len(report.problems)} figures do not add up in {report.checked} open findings",
        markup=False,
    )
    raise typer.Exit(1)


@parties_app.command("import")
@cli_errors
def parties_import(file: Path) -> None:
    """Import municipalities, vendors and contacts from a CSV
    (kind,code,name,cvr,ean,population,finance_email,legal_email)."""
    from monitor.db import transaction
    from monitor.parties.service import import_parties, pick_up_waiting, read_parties_csv

    ensure_database()
    rows = read_parties_csv(_read_text(file), filename=str(file))
    with transaction() as session:
        report = import_parties(session, rows=rows)
        picked = pick_up_waiting(session)
    console.print(
        f"{report.municipalities} municipalities, {report.vendors} vendors, "
        f"{report.contacts} new contacts; {len(picked.invoices)} waiting invoices now assigned, "
        f"{len(picked.contracts)} waiting contracts"
    )
    queue_rechecks(picked.to_check)


@index_app.command("import")
@cli_errors
def index_import(file: Path) -> None:
    """Import index values from a CSV (index,period,value; period YYYY-MM)."""
    from monitor.db import transaction
    from monitor.indexes.service import import_index, read_index_csv

    ensure_database()
    rows = read_index_csv(_read_text(file), filename=str(file))
    with transaction() as session:
        n = import_index(session, rows=rows, source=file.name)
    console.print(f"{n} index values imported from {file.name}")


@alerts_app.command("send")
@cli_errors
def alerts_send() -> None:
    """Deliver pending alerts now."""
    from monitor.alerts.service import dispatch_pending
    from monitor.db import transaction

    ensure_database()
    report = dispatch_pending(transaction)
    console.print(str(report))


@app.command()
@cli_errors
def parse(file: Path, format: OutFormat = typer.Option(OutFormat.json, "--format", "-f")) -> None:
    """Print a parsed invoice without storing it (every invoice of a CSV file: a JSON
    list when it holds more than one)."""
    from extractors.invoices import invoice_to_dict, iter_invoices

    data = _read_bytes(file)
    printed = [invoice_to_dict(parsed) for parsed in iter_invoices(data, file.name)]
    if not printed:
        from extractors.errors import ParseError

        raise ParseError("the file holds no invoice", file=file.name)
    if format is OutFormat.text:
        from monitor.cli.output import invoice_text

        typer.echo("\n\n".join(invoice_text(one) for one in printed))
        return
    shown: object = printed[0] if len(printed) == 1 else printed
    typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))


@app.command()
@cli_errors
def extract(file: Path, format: OutFormat = typer.Option(OutFormat.json, "--format", "-f")) -> None:
    """Print the terms read from a contract PDF without storing them, with how complete
    the reading is (the price rows and sentences not read, and why)."""
    from extractors.contracts import extract_contract, review_to_dict, terms_to_dict

    terms = extract_contract(_read_bytes(file), file.name)
    printed = {**terms_to_dict(terms), **review_to_dict(terms)}
    # the sentence the most-favoured-customer reading rests on (one promising it, or one
    # saying there is none); None: no clause found, which a reader may have missed
    printed["mfn_evidence"] = next((c.text for c in terms.clauses if c.kind == "mfn"), None)
    if format is OutFormat.text:
        from monitor.cli.output import extraction_text

        typer.echo(extraction_text(printed))
    else:
        typer.echo(json.dumps(printed, ensure_ascii=False, indent=2))


@app.command()
@cli_errors
def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web app."""
    from monitor.web.app import run_server

    require_broker()
    ensure_database()
    run_server(host=host, port=port)


@app.command()
@cli_errors
def worker(
    queues: str | None = typer.Option(None, help="Queues to consume (default: all of them)"),
    concurrency: int = typer.Option(2, help="Worker processes"),
) -> None:
    """Run a Celery worker (needs PRISVAGT_BROKER_URL)."""
    from monitor.errors import ConfigurationError
    from monitor.settings import get_settings
    from workers.celery_app import app as celery

    if not get_settings().broker_url:
        raise ConfigurationError(
            "PRISVAGT_BROKER_URL is empty: tasks run in-process, no worker needed"
        )
    require_broker()
    ensure_database()
    from monitor.db import dispose_all
    from workers.celery_app import queue_names

    dispose_all(close=True)  # the pool processes fork from here: they open their own

    queues = queues or ",".join(queue_names())
    celery.worker_main(["worker", "-Q", queues, f"--concurrency={concurrency}", "--loglevel=INFO"])


@app.command()
@cli_errors
def scheduler() -> None:
    """Run the scheduler (one per installation): polls the inbox, re-checks, digests."""
    from workers.scheduler import run_scheduler

    require_broker()
    ensure_database()
    run_scheduler()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None


from monitor.cli import contracts as _contracts  # noqa: E402,F401  (the contracts commands)
from monitor.cli import demo as _demo  # noqa: E402,F401  (registers the demo command)
from monitor.cli import documents as _documents  # noqa: E402,F401  (the documents listing)
from monitor.cli import review as _review  # noqa: E402,F401  (registers the review command)
from monitor.cli import rules as _rules  # noqa: E402,F401  (registers the rules commands)

if __name__ == "__main__":  # ``python -m monitor.cli.main`` as well as ``prisvagt``
    # the imported module, not ``__main__``: the commands above registered themselves there
    from monitor.cli.main import app as prisvagt

    prisvagt()

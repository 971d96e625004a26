"""``prisvagt contracts``: list, show, confirm and correct stored contracts and their terms,
and add a term the reading did not read (``add-term``);
``set`` corrects a contract's own period, payment days or most-favoured-customer clause;
``history`` prints its review and corrections.

A contract's ``review_status`` (needs_review|complete|reviewed) shows in the list and can
be filtered on; ``show`` prints why a reading needs review and the price rows not read;
``confirm`` without ``--term`` confirms the whole contract as reviewed.
"""

from __future__ import annotations

import json
from enum import StrEnum

import typer

from monitor.cli.common import cli_errors, console, ensure_database, queue_rechecks
from monitor.cli.main import Format, OutFormat, app
from monitor.errors import InputError

contracts_app = typer.Typer(help="Stored contracts and their terms.", no_args_is_help=True)
app.add_typer(contracts_app, name="contracts")


@contracts_app.command("show")
@cli_errors
def contracts_show(
    contract_id: int, format: OutFormat = typer.Option(OutFormat.json, "--format", "-f")
) -> None:
    """Print a stored contract's terms, its review status, why it needs review and the
    price rows that were not read (JSON, or text for people)."""
    from monitor.cli.output import contract_text
    from monitor.contracts.schemas import contract_to_dict
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        data = contract_to_dict(session, contract_id=contract_id)
    if format is OutFormat.text:
        typer.echo(contract_text(data))
    else:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


class ReviewStatus(StrEnum):
    needs_review = "needs_review"
    complete = "complete"
    reviewed = "reviewed"


@contracts_app.command("list")
@cli_errors
def contracts_list(
    review: ReviewStatus | None = typer.Option(
        None, help="Only contracts with this review status, e.g. needs_review"
    ),
    needs_review: bool = typer.Option(
        False, "--needs-review", help="Only contracts whose reading legal must review"
    ),
    municipality: str | None = typer.Option(None, help="kommunekode, e.g. 101"),
    vendor: str | None = typer.Option(None, help="vendor CVR"),
    format: Format = typer.Option(
        Format.table,
        "--format",
        "-f",
        help="table for people; json or csv (the API's contract fields) for scripts",
    ),
) -> None:
    """List stored contracts with their parties, review status and review progress."""
    from rich.table import Table

    from monitor.contracts import repository
    from monitor.contracts.schemas import ContractOut, ContractQuery
    from monitor.db import transaction

    ensure_database()
    wanted = ReviewStatus.needs_review if needs_review else review
    query = ContractQuery(
        municipality=municipality, vendor=vendor, review_status=wanted.value if wanted else None
    )
    if format is not Format.table:
        with transaction() as session:
            rows = session.execute(repository.api_listing(query))
            items = [ContractOut(**repository.api_listed(r)).model_dump(mode="json") for r in rows]
        if format is Format.json:
            typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
        else:
            from monitor.csvexport import write_csv

            fields = list(ContractOut.model_fields)
            numeric = ("id", "payment_days", "document_id", "price_terms")
            typer.echo(write_csv(items, fields=fields, numeric=numeric), nl=False)
        return
    table = Table(header_style="bold")
    for col in ("id", "title", "buyer", "vendor", "valid", "terms", "confirmed", "review"):
        table.add_column(col)
    table.add_column("status")
    with transaction() as session:
        chosen = {row[0].id for row in session.execute(repository.api_listing(query))}
        contracts = [
            c
            for c in repository.listing(session, review_status=wanted.value if wanted else None)
            if c.id in chosen
        ]
        for c in contracts:
            confirmed = sum(t.review_state == "confirmed" for t in c.price_terms)
            table.add_row(
                str(c.id),
                c.title or "-",
                c.buyer_name or "-",
                c.vendor_name or "-",
                f"{c.effective_date or '?'} – {c.expiry_date or '?'}",
                str(len(c.price_terms)),
                str(confirmed),
                c.review_status.replace("_", " "),
                c.status if c.status == "active" else f"{c.status}: {c.unassigned_reason}",
            )
    console.print(table)
    pending = sum(c.review_status == ReviewStatus.needs_review for c in contracts)
    if pending:
        console.print(
            f"{pending} of {len(contracts)} contracts need review: their findings are "
            "preliminary and send no email until `prisvagt contracts confirm ID`"
        )


@contracts_app.command("confirm")
@cli_errors
def contracts_confirm(
    contract_id: int,
    term: list[int] = typer.Option([], help="Only these term ids (default: every proposed term)"),
    reject: bool = typer.Option(False, help="Reject the given terms instead"),
    actor: str = typer.Option("cli", help="Who reviews (for the audit log)"),
    note: str | None = typer.Option(None, help="Why (kept in the contract's history)"),
) -> None:
    """Confirm a contract as reviewed, or confirm (reject) some of its terms.

    Without --term every proposed term is confirmed and the contract is reviewed: its
    preliminary findings become final and their emails go out. The contract's invoices
    are re-checked either way."""
    from monitor.contracts import review
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        if term:
            state = "rejected" if reject else "confirmed"
            for term_id in term:
                review.set_review_state(
                    session, term_id=term_id, state=state, actor=actor, note=note
                )
            n = len(term)
        else:
            n = review.confirm_contract(session, contract_id=contract_id, actor=actor, note=note)
        invoice_ids = review.affected_invoice_ids(session, contract_id=contract_id)
    whole = "" if term else f"contract {contract_id} reviewed; "
    console.print(f"{whole}{n} terms reviewed; re-checking {len(invoice_ids)} invoices")
    queue_rechecks(invoice_ids)


@contracts_app.command("correct")
@cli_errors
def contracts_correct(
    term_id: int,
    price: str | None = typer.Option(None, help="Agreed unit price, e.g. 1234.50"),
    unit: str | None = typer.Option(None, help="month, year, user_month, ..."),
    item_id: str | None = typer.Option(None),
    description: str | None = typer.Option(None),
    note: str | None = typer.Option(None, help="Why (kept in the audit log)"),
    actor: str = typer.Option("cli"),
) -> None:
    """Correct an extracted price term; it counts as confirmed, and invoices are re-checked."""
    from monitor.contracts import review
    from monitor.db import transaction

    changes = {
        k: v
        for k, v in {
            "agreed_unit_price": price,
            "unit": unit,
            "item_id": item_id,
            "description": description,
        }.items()
        if v is not None
    }
    if not changes:
        raise InputError("nothing to correct: give --price, --unit, --item-id or --description")
    ensure_database()
    with transaction() as session:
        term = review.correct_term(
            session, term_id=term_id, actor=actor, changes=changes, note=note
        )
        invoice_ids = review.affected_invoice_ids(session, contract_id=term.contract_id)
    console.print(f"term {term_id} corrected; re-checking {len(invoice_ids)} invoices")
    queue_rechecks(invoice_ids)


@contracts_app.command("add-term")
@cli_errors
def contracts_add_term(
    contract_id: int,
    description: str = typer.Option(..., help="What the price is for, as the contract says"),
    unit: str = typer.Option(..., help="month, year, user_month, hour, piece, ..."),
    price: str = typer.Option(..., help="Agreed unit price, e.g. 1250.00"),
    item_id: str | None = typer.Option(None, help="The item's number, if the contract gives one"),
    vat: str | None = typer.Option(None, help="excl (default) or incl: the price with VAT"),
    tier_min: str | None = typer.Option(None, help="Lowest quantity of the band it prices"),
    tier_max: str | None = typer.Option(None, help="Highest quantity of the band it prices"),
    valid_from: str | None = typer.Option(None, help="First day it applies, YYYY-MM-DD"),
    valid_to: str | None = typer.Option(None, help="Last day it applies, YYYY-MM-DD"),
    currency: str | None = typer.Option(None, help="Three letters; the contract's if none"),
    from_unread: int | None = typer.Option(
        None, help="The price row not read it is read from (its #id in `contracts show -f text`)"
    ),
    note: str | None = typer.Option(None, help="Where in the contract (kept in the audit log)"),
    actor: str = typer.Option("cli", help="Who adds it (for the audit log)"),
) -> None:
    """Add a price term the reading did not read (a price row not read, a price in the
    text); it counts as confirmed, and the contract's invoices are re-checked."""
    from monitor.contracts import review
    from monitor.db import transaction

    values = {
        "description": description,
        "unit": unit,
        "agreed_unit_price": price,
        "item_id": item_id,
        "vat_basis": vat,
        "tier_min": tier_min,
        "tier_max": tier_max,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "currency": currency,
    }
    ensure_database()
    with transaction() as session:
        term = review.add_term(
            session,
            contract_id=contract_id,
            actor=actor,
            values={k: v for k, v in values.items() if v is not None},
            note=note,
            unread_id=from_unread,
        )
        term_id = term.id
        invoice_ids = review.affected_invoice_ids(session, contract_id=contract_id)
    console.print(
        f"term {term_id} added to contract {contract_id}; re-checking {len(invoice_ids)} invoices"
    )
    queue_rechecks(invoice_ids)


@contracts_app.command("set")
@cli_errors
def contracts_set(
    contract_id: int,
    effective: str | None = typer.Option(
        None, help="When it takes effect, YYYY-MM-DD ('' for none)"
    ),
    expiry: str | None = typer.Option(None, help="When it ends, YYYY-MM-DD ('' for none)"),
    payment_days: str | None = typer.Option(None, help="Payment days ('' for none)"),
    mfn: bool | None = typer.Option(
        None, "--mfn/--no-mfn", help="Whether it promises most-favoured-customer prices"
    ),
    buyer_cvr: str | None = typer.Option(None, help="The buying municipality's CVR number"),
    vendor_cvr: str | None = typer.Option(None, help="The vendor's CVR number"),
    note: str | None = typer.Option(None, help="Why (kept in the audit log)"),
    actor: str = typer.Option("cli", help="Who corrects (for the audit log)"),
) -> None:
    """Correct what the reading got wrong of a contract itself: its period, payment days,
    most-favoured-customer clause or its parties' CVR numbers (it is then assigned to
    them). Audited with the values before; its invoices are re-checked. Confirming it
    as reviewed stays `contracts confirm`."""
    from monitor.contracts import review
    from monitor.db import transaction

    given = {
        "effective_date": effective,
        "expiry_date": expiry,
        "payment_days": payment_days,
        "mfn": mfn,
        "buyer_cvr": buyer_cvr,
        "vendor_cvr": vendor_cvr,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    if not changes:
        raise InputError(
            "nothing to correct: give --effective, --expiry, --payment-days, --mfn/--no-mfn, "
            "--buyer-cvr or --vendor-cvr"
        )
    ensure_database()
    with transaction() as session:
        # a party corrected: the invoices of the pair it was linked to are re-checked too
        before = review.affected_invoice_ids(session, contract_id=contract_id)
        review.correct_contract(
            session, contract_id=contract_id, actor=actor, changes=changes, note=note
        )
        after = review.affected_invoice_ids(session, contract_id=contract_id)
        invoice_ids = sorted({*before, *after})
        contract = review.repository.get(session, contract_id)
        status, why = contract.status, contract.unassigned_reason
    console.print(f"contract {contract_id} corrected; re-checking {len(invoice_ids)} invoices")
    if status != "active":
        console.print(f"[yellow]![/] still {status}: {why}", highlight=False)
    queue_rechecks(invoice_ids)


@contracts_app.command("history")
@cli_errors
def contracts_history(
    contract_id: int, format: OutFormat = typer.Option(OutFormat.text, "--format", "-f")
) -> None:
    """Print a contract's review and corrections, oldest first: who did what when, to
    the contract or which of its terms, each changed field before -> after, the note."""
    from monitor.contracts import review
    from monitor.db import transaction

    ensure_database()
    with transaction() as session:
        entries = review.history_entries(session, contract_id=contract_id)
    if format is OutFormat.json:
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2, default=str))
        return
    if not entries:
        typer.echo(f"contract {contract_id}: not reviewed or corrected yet")
        return
    for entry in entries:
        what = entry["action"]
        if entry["term_id"] is not None:
            what += f" term {entry['term_id']} ({entry['term'] or '?'})"
        typer.echo(f"{entry['at']:%Y-%m-%d %H:%M} {entry['actor']}: {what}")
        for key, change in entry["changes"].items():
            before = "-" if change["before"] is None else change["before"]
            after = "-" if change["after"] is None else change["after"]
            typer.echo(f"    {key}: {before} -> {after}")
        if entry["note"]:
            typer.echo(f"    note: {entry['note']}")

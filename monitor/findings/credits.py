"""Credit notes set off against the findings of the invoice they credit.

A vendor answers an overcharge or a duplicate with a credit note that names the invoice
it credits (UBL ``cac:BillingReference``, stored as ``Invoice.credits_number``). A
finding on that invoice whose money the credit notes of the same vendor and municipality
credit in full is not claimed again: it is left out of what the check stores (an open
one is withdrawn, as by any re-check that no longer produces it), and so are the further
grounds of the same money. What a credit note credits is matched as the money is owned:
a line's finding by the credited lines of the same item (its item number, else its
description), an invoice's finding (a whole invoice billed again, totals that do not add
up) by everything the notes credit. A credit short of a finding's amount leaves the
finding as it is, with the credit named in its evidence. Price gaps (``price_gap``) are
comparisons, not claims, and stay.

A credit note that arrives after the invoice it credits has the invoice checked again
(:func:`credited_invoices`, from ``workers.tasks``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.invoices.models import Invoice, InvoiceLine
from rules.matching import description_key, item_key

ZERO = Decimal("0.00")


def _key(item_id: str | None, description: str) -> str:
    return item_key(item_id) or "desc:" + description_key(description or "")


def set_off(session: Session, evaluated: Sequence[Any]) -> None:
    """Leave out of each pair's produced findings (``Evaluated.produced``, changed in
    place) those the credit notes crediting their invoice credit in full (see the
    module doc). One look-up when no credit note names an invoice at all."""
    wanted: dict[int, tuple[int, int | None]] = {}
    for batch in evaluated:
        for invoice_id, findings in batch.produced.items():
            if any(_claims(rf) for rf in findings):
                wanted[invoice_id] = (batch.vendor_id, batch.municipality_id)
    if not wanted or not _any_credit_note(session, {v for v, _ in wanted.values()}):
        return
    numbers = dict(
        session.execute(
            select(Invoice.id, Invoice.number).where(
                Invoice.id.in_(list(wanted)), Invoice.document_type == "invoice"
            )
        ).all()
    )
    notes = _notes(session, wanted, numbers)
    if not notes:
        return
    lines = _lines(session, list(notes))
    for batch in evaluated:
        for invoice_id, findings in list(batch.produced.items()):
            found = notes.get(invoice_id)
            if found:
                batch.produced[invoice_id] = _kept(findings, found, lines.get(invoice_id, {}))


def _claims(rf: Any) -> bool:
    return rf.money_kind != "price_gap" and rf.overcharge > 0


def _any_credit_note(session: Session, vendors: set[int]) -> bool:
    """Whether a credit note of these vendors names the invoice it credits (the partial
    index of such notes answers it at once)."""
    return (
        session.scalar(
            select(Invoice.id)
            .where(Invoice.vendor_id.in_(sorted(vendors)), Invoice.credits_number.is_not(None))
            .limit(1)
        )
        is not None
    )


def _notes(
    session: Session, wanted: dict[int, tuple[int, int | None]], numbers: dict[int, str]
) -> dict[int, list[tuple[str, list[tuple[str, Decimal]]]]]:
    """Per invoice, the credit notes that credit it: (number, [(item key, amount)])."""
    by_pair_number = {(wanted[i][0], wanted[i][1], n): i for i, n in numbers.items()}
    rows = session.execute(
        select(
            Invoice.id,
            Invoice.vendor_id,
            Invoice.municipality_id,
            Invoice.number,
            Invoice.credits_number,
            InvoiceLine.item_id,
            InvoiceLine.description,
            InvoiceLine.line_amount,
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.document_type == "credit_note",
            Invoice.credits_number.is_not(None),
            Invoice.vendor_id.in_(sorted({v for v, _ in wanted.values()})),
            Invoice.credits_number.in_(sorted(set(numbers.values()))),
        )
        .order_by(Invoice.id, InvoiceLine.position)
    ).all()
    notes: dict[int, dict[int, tuple[str, list[tuple[str, Decimal]]]]] = defaultdict(dict)
    for note_id, vendor, muni, number, credits, item, description, amount in rows:
        target = by_pair_number.get((vendor, muni, credits))
        if target is None:
            continue
        entry = notes[target].setdefault(note_id, (number, []))
        entry[1].append((_key(item, description), abs(amount)))
    return {target: list(found.values()) for target, found in notes.items()}


def _lines(session: Session, invoice_ids: list[int]) -> dict[int, dict[int, str]]:
    """Per invoice, each line's item key (by line id)."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    for invoice_id, line_id, item, description in session.execute(
        select(
            InvoiceLine.invoice_id, InvoiceLine.id, InvoiceLine.item_id, InvoiceLine.description
        ).where(InvoiceLine.invoice_id.in_(invoice_ids))
    ):
        out[invoice_id][line_id] = _key(item, description)
    return out


def _kept(
    findings: list[Any], notes: list[tuple[str, list[tuple[str, Decimal]]]], keys: dict[int, str]
) -> list[Any]:
    """These findings without those the notes credit in full, nor their further grounds."""
    by_item: dict[str, Decimal] = defaultdict(Decimal)
    for _, credited in notes:
        for key, amount in credited:
            by_item[key] += amount
    total = sum(by_item.values(), ZERO)
    named = ", ".join(number for number, _ in notes)
    gone: set[str] = set()
    for rf in findings:  # the money's owners first: a further ground goes with its owner
        if rf.grounds_for is not None or not _claims(rf):
            continue
        key = keys.get(rf.line_ref) if rf.line_ref is not None else None
        available = by_item.get(key, ZERO) if key is not None else total
        if available >= rf.overcharge:
            gone.add(rf.dedup_key)
            total -= rf.overcharge
            if key is not None:
                by_item[key] -= rf.overcharge
        elif available > 0:
            rf.evidence["credited"] = f"{available} by credit note {named}"
    return [rf for rf in findings if rf.dedup_key not in gone and rf.grounds_for not in gone]


def credited_invoices(session: Session, *, invoice_ids: Sequence[int]) -> list[int]:
    """The invoices these new credit notes credit (same vendor, municipality and the
    number they name): checked again, so that what they credit is set off."""
    notes = session.execute(
        select(Invoice.vendor_id, Invoice.municipality_id, Invoice.credits_number).where(
            Invoice.id.in_(list(invoice_ids)[:900]),
            Invoice.document_type == "credit_note",
            Invoice.credits_number.is_not(None),
        )
    ).all()
    found: set[int] = set()
    for vendor, muni, number in notes:
        found.update(
            session.scalars(
                select(Invoice.id).where(
                    Invoice.vendor_id == vendor,
                    Invoice.municipality_id == muni,
                    Invoice.number == number,
                    Invoice.document_type == "invoice",
                    Invoice.status.in_(("checked", "check_failed")),
                )
            )
        )
    return sorted(found)

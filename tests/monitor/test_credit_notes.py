"""A credit note naming the invoice it credits (UBL ``cac:BillingReference``) is set off
against that invoice's findings: money it credits in full is not claimed again (an open
finding is withdrawn at the re-check), a partial credit is named in the evidence, and a
note of another municipality naming the same number changes nothing. A new credit note
has the invoice it credits checked again. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from monitor.db import make_engine, session_factory, transaction
from monitor.findings.credits import credited_invoices
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices
from monitor.invoices.models import Invoice
from monitor.migrate import upgrade
from tests.web.conftest import _invoice, seed_database

D = Decimal


def _check(engine, invoice_id: int) -> list[Finding]:  # type: ignore[no-untyped-def]
    with transaction(engine) as s:
        check_invoices(
            s,
            invoice_ids=[invoice_id],
            today=date(2026, 4, 1),
            allow_unconfirmed_terms=True,
            queue_alerts=False,
        )
    session = session_factory(engine)()
    try:
        found = list(
            session.scalars(
                select(Finding).where(
                    Finding.invoice_id == invoice_id,
                    Finding.rule_id == "price_above_agreed",
                    Finding.status == "open",
                )
            )
        )
        for f in found:
            session.expunge(f)
        return found
    finally:
        session.close()


def _credit_note(engine, number: str, credits: str, muni: str, quantity: str) -> int:  # type: ignore[no-untyped-def]
    """A credit note of 25.00 kr on ``quantity`` licences, naming invoice ``credits``."""
    with transaction(engine) as s:
        first = s.get(Invoice, 1)
        assert first is not None
        muni_id = first.municipality_id if muni == "same" else s.get(Invoice, 2).municipality_id  # type: ignore[union-attr]
        note = _invoice(
            s, number, first.vendor_id, muni_id,
            [("1", "LIC-100", "Kreditering af pris", -D(quantity), D("25.00"))],
        )  # fmt: skip
        note.document_type, note.credits_number, note.issue_date = (
            "credit_note",
            credits,
            date(2026, 3, 20),
        )
        s.flush()
        return int(note.id)


def test_a_credit_note_naming_the_invoice_sets_off_what_it_credits(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    # 40 licences at 125.00 against 100.00: 1,000.00 claimed
    (claimed,) = _check(engine, seed.invoice_id)
    assert claimed.overcharge == D("1000.00") and "credited" not in (claimed.evidence or {})
    # another municipality's note naming the same number credits nothing here
    _credit_note(engine, "KN-7", "F-2026-0042", "other", "40")
    (still,) = _check(engine, seed.invoice_id)
    assert still.overcharge == D("1000.00")
    # half of it credited: claimed as before, the credit named
    half = _credit_note(engine, "KN-8", "F-2026-0042", "same", "20")
    with transaction(engine) as s:
        assert credited_invoices(s, invoice_ids=[half]) == [seed.invoice_id]
    (partly,) = _check(engine, seed.invoice_id)
    assert partly.overcharge == D("1000.00")
    assert partly.evidence["credited"] == "500.00 by credit note KN-8"
    # the rest credited too: nothing left to claim, the finding withdrawn
    _credit_note(engine, "KN-9", "F-2026-0042", "same", "20")
    assert _check(engine, seed.invoice_id) == []
    with transaction(engine) as s:
        gone = s.scalars(select(Finding).where(Finding.id == claimed.id)).one()
        assert gone.status != "open"
    engine.dispose()


def test_those_emailed_about_a_finding_a_credit_note_withdraws_are_told(
    database_url: str,
) -> None:
    """Finance was told to hold the overcharge back; the credit note credits it in full:
    a notice goes to the same person that the amount need no longer be held back (once;
    none to a person never emailed about it)."""
    from monitor.alerts.models import Alert
    from monitor.alerts.service import message_for
    from monitor.parties.models import Contact, Municipality

    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        muni = s.get(Municipality, s.get(Invoice, seed.invoice_id).municipality_id)  # type: ignore[union-attr]
        muni.contacts.append(Contact(role="finance", email="okonomi@egeby.example.dk"))  # type: ignore[union-attr]

    def check() -> None:
        with transaction(engine) as s:
            check_invoices(s, invoice_ids=[seed.invoice_id], today=date(2026, 4, 1),
                           allow_unconfirmed_terms=True, queue_alerts=True)  # fmt: skip

    check()
    with transaction(engine) as s:
        (told,) = s.scalars(select(Alert).where(Alert.kind == "immediate")).all()
        told.status = "sent"  # as the dispatcher leaves it
    _credit_note(engine, "KN-9", "F-2026-0042", "same", "40")
    check()
    check()  # a second re-check tells no one again
    with transaction(engine) as s:
        (notice,) = s.scalars(select(Alert).where(Alert.kind == "withdrawn")).all()
        assert notice.recipient == "okonomi@egeby.example.dk"
        message = message_for(s, notice)
    assert message.subject.startswith("Fund trukket tilbage: ")
    assert "1.000,00 kr. skal ikke længere holdes tilbage" in message.subject
    assert "Beløbet skal ikke længere holdes tilbage" in message.text
    engine.dispose()


def test_an_email_not_yet_sent_leaves_out_a_finding_withdrawn_since(
    database_url: str,
) -> None:
    """The credit note came before the email went: the email reports the invoice's
    findings still open, not the one withdrawn, and no notice of withdrawal follows."""
    from monitor.alerts.models import Alert
    from monitor.alerts.service import message_for
    from monitor.parties.models import Contact, Municipality

    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        muni = s.get(Municipality, s.get(Invoice, seed.invoice_id).municipality_id)  # type: ignore[union-attr]
        muni.contacts.append(Contact(role="finance", email="okonomi@egeby.example.dk"))  # type: ignore[union-attr]
    for note in (None, "KN-9"):
        if note:
            _credit_note(engine, note, "F-2026-0042", "same", "40")
        with transaction(engine) as s:
            check_invoices(s, invoice_ids=[seed.invoice_id], today=date(2026, 4, 1),
                           allow_unconfirmed_terms=True, queue_alerts=True)  # fmt: skip
    with transaction(engine) as s:
        (pending,) = s.scalars(select(Alert)).all()
        assert (pending.kind, pending.status) == ("immediate", "pending")
        linked = {
            f.rule_id: f.status
            for f in s.scalars(
                select(Finding).where(Finding.invoice_id == seed.invoice_id, Finding.id.in_(
                    [af.finding_id for af in pending.findings]))
            )
        }  # fmt: skip
        assert linked["price_above_agreed"] == "dismissed"
        message = message_for(s, pending)
    assert "overpris" in message.subject
    assert "1.000,00" not in message.text  # the credited overcharge is not reported
    engine.dispose()

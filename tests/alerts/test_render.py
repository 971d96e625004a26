"""The email a finance contact receives, in Danish and English, field by field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from monitor import formatting as fmt
from monitor.alerts import service
from monitor.alerts.senders import EmailMessage, RecordingSender
from monitor.db import transaction
from tests.alerts.factories import CLAUSE, finding, world


def sent_email(language: str) -> tuple[EmailMessage, int]:
    sender = RecordingSender()
    with transaction() as s:
        w = world(s, finance_language=language)
        f = finding(s, w, overcharge=Decimal("1234.56"))
        alert_id = service.queue_alerts(s, findings=[f])[0].id
        finding_id = f.id
    with transaction() as s:
        service.dispatch(s, alert_id=alert_id, sender=sender)
    return sender.sent[0], finding_id


@pytest.mark.parametrize(
    ("language", "subject", "fields"),
    [
        (
            "da",
            "Prisaftale brudt: Fiktiv Kommunedata A/S faktura F-2026-0042 – overpris 1.234,56 kr.",
            ["Aftalt enhedspris: 1.000,00 kr.", "Faktureret enhedspris: 1.250,00 kr.",
             "Antal: 12", "Overpris: 1.234,56 kr.", "side 7", "Leverandør: Fiktiv Kommunedata",
             "Faktura: F-2026-0042", "2. november 2026",
             "Regel: Pris over aftalt pris (Alvor: høj)"],
        ),
        (
            "en",
            "Price agreement broken: Fiktiv Kommunedata A/S invoice F-2026-0042 – overcharge "
            "DKK 1,234.56",
            ["Agreed unit price: DKK 1,000.00", "Invoiced unit price: DKK 1,250.00",
             "Quantity: 12", "Overcharge: DKK 1,234.56", "page 7",
             "Vendor: Fiktiv Kommunedata", "Invoice: F-2026-0042", "2 November 2026",
             "Rule: Price above the agreed price (Severity: high)"],
        ),
    ],
)  # fmt: skip
def test_the_email_shows_every_field_in_the_contacts_language(
    sqlite_env: object, language: str, subject: str, fields: list[str]
) -> None:
    msg, finding_id = sent_email(language)
    link = f"http://127.0.0.1:8000/findings/{finding_id}"
    assert msg.subject == subject
    assert msg.to == "oekonomi@751.dk"
    for field in [*fields, CLAUSE, link]:
        assert field in msg.text, field
    html_fields = [f.split(": ", 1)[-1] for f in fields] + [link, "side 7" if language == "da"
                                                          else "page 7"]  # fmt: skip
    for field in html_fields:
        assert field in msg.html, field
    assert f'href="{link}"' in msg.html
    assert CLAUSE in msg.html


def test_html_escapes_what_came_from_documents(sqlite_env: object) -> None:
    sender = RecordingSender()
    with transaction() as s:
        w = world(s)
        w.term.evidence_text = "<script>alert(1)</script> pris"
        alert_id = service.queue_alerts(s, findings=[finding(s, w)])[0].id
    with transaction() as s:
        service.dispatch(s, alert_id=alert_id, sender=sender)
    assert "<script>" not in sender.sent[0].html
    assert "&lt;script&gt;" in sender.sent[0].html


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (Decimal("1234.56"), "da", "1.234,56 kr."),
        (Decimal("1234.56"), "en", "DKK 1,234.56"),
        (Decimal("1234567.5"), "da", "1.234.567,50 kr."),
        (Decimal("0.5"), "da", "0,50 kr."),
        (Decimal("-12.3"), "da", "-12,30 kr."),
        (Decimal("999"), "da", "999,00 kr."),
    ],
)
def test_money_is_written_as_people_read_it(value: Decimal, lang: str, expected: str) -> None:
    assert fmt.money(value, lang=lang) == expected


def test_unit_prices_keep_their_exact_decimals() -> None:
    assert fmt.unit_price(Decimal("33.333333"), lang="da") == "33,333333 kr."
    assert fmt.unit_price(Decimal("1250.000000"), lang="da") == "1.250,00 kr."
    assert fmt.quantity(Decimal("12.500000"), lang="da") == "12,5"
    assert fmt.day(date(2026, 1, 1), lang="da") == "1. januar 2026"


def test_a_findings_computation_is_written_in_the_emails_language() -> None:
    """A finding without a contract clause shows its computation as its basis: kept in
    English in the evidence (the audit reads it), written with Danish words and numbers
    in a Danish email, as it is in an English one."""
    from monitor.alerts.render import FindingView, render_immediate

    view = FindingView(
        id=7, rule="duplicate_billing", severity="high", message="Line 1 billed again",
        vendor="Fiktiv Drift A/S", invoice_number="FD-88", invoice_date=date(2026, 4, 21),
        municipality="Egeby Kommune", line_id="1", item="Drift, april", agreed_unit_price=None,
        invoiced_unit_price=Decimal("18540.00"), quantity=Decimal(1),
        overcharge=Decimal("18540.00"), currency="DKK", clause_text=None, clause_page=None,
        contract_document=None, link="http://localhost/findings/7",
        basis="line billed again: 18540.00", vat_rate=Decimal(25),
    )  # fmt: skip
    da = render_immediate([view], lang="da", municipality="Egeby Kommune").text
    assert "Grundlag: linjen faktureret igen: 18.540,00" in da
    assert "18.540,00 kr. ekskl. moms (23.175,00 kr. inkl. 25 % moms)" in da
    en = render_immediate([view], lang="en", municipality="Egeby Kommune").text
    assert "Basis: line billed again: 18540.00" in en
    assert "DKK 18,540.00 excl. VAT (DKK 23,175.00 incl. 25 % VAT)" in en

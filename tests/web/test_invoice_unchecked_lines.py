"""A checked invoice's page lists, beside each line no finding is claimed for, why the
price rules could not compare it with the contract (here an invoice unit that does not
reconcile with the contract's), so the line is reviewed instead of passing unseen."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices, unchecked_lines
from monitor.invoices.models import Invoice
from tests.web.conftest import Seed


def _checked(engine: Engine, seed: Seed, unit_code: str) -> int:
    with transaction(engine) as s:
        invoice = s.get(Invoice, seed.invoice_id)
        assert invoice is not None
        invoice.lines[0].unit_code = unit_code
        s.flush()
        check_invoices(s, invoice_ids=[invoice.id], allow_unconfirmed_terms=True)
        return invoice.lines[0].id


def test_a_line_whose_unit_does_not_reconcile_is_shown_for_review(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    line_id = _checked(engine, seed, "HUR")  # hours, against a price per user per month
    with transaction(engine) as s:
        reasons = unchecked_lines(s, invoice_id=seed.invoice_id)
        price_findings = s.scalars(
            select(Finding).where(
                Finding.invoice_line_id == line_id,
                Finding.rule_id == "price_above_agreed",
                Finding.status == "open",
            )
        ).all()
    assert price_findings == []  # no breach is claimed for it (the seeded one withdrawn)
    assert list(reasons) == [line_id]
    assert "HUR" in reasons[line_id] and "user/month" in reasons[line_id]
    english = client.get(f"/invoices/{seed.invoice_id}?lang=en").text
    assert "Not compared with the contract, for review" in english
    assert reasons[line_id] in english and "data-unchecked" in english
    danish = client.get(f"/invoices/{seed.invoice_id}?lang=da").text
    assert "Ikke sammenlignet med kontrakten, til gennemsyn" in danish


def test_lines_compared_with_the_contract_show_no_such_note(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    _checked(engine, seed, "EA")
    with transaction(engine) as s:
        assert unchecked_lines(s, invoice_id=seed.invoice_id) == {}
    assert "data-unchecked" not in client.get(f"/invoices/{seed.invoice_id}?lang=en").text


def test_the_api_gives_each_line_why_it_was_not_compared(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    line_id = _checked(engine, seed, "HUR")
    body = client.get(f"/api/v1/invoices/{seed.invoice_id}").json()
    by_id = {line["id"]: line["not_compared"] for line in body["lines"]}
    assert by_id[line_id] is not None and "HUR" in by_id[line_id]
    assert [v for k, v in by_id.items() if k != line_id] == [None]

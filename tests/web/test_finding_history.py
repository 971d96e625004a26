"""A re-check's own changes to a finding are on its page, with the rule version."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices
from monitor.rulesets.service import configure
from tests.web.conftest import Seed


def test_a_withdrawal_and_a_reopening_are_in_the_findings_history_with_the_rule_version(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    def recheck() -> None:
        with transaction(engine) as s:
            check_invoices(
                s,
                invoice_ids=[seed.invoice_id],
                today=date(2026, 3, 15),
                allow_unconfirmed_terms=True,
                queue_alerts=False,
            )

    recheck()  # the rules' own finding on the line replaces the hand-made seed
    with transaction(engine) as s:
        fid = s.scalar(
            select(Finding.id).where(
                Finding.rule_id == "price_above_agreed", Finding.status == "open"
            )
        )
        configure(
            s,
            rule_id="price_above_agreed",
            actor="a",
            reason="B",
            params={"absolute_tolerance": "30"},
        )
    recheck()
    with transaction(engine) as s:
        assert s.get(Finding, fid).status == "dismissed"
        configure(
            s,
            rule_id="price_above_agreed",
            actor="a",
            reason="A",
            params={"absolute_tolerance": "0.01"},
        )
    recheck()
    with transaction(engine) as s:
        assert s.get(Finding, fid).status == "open"
    page = client.get(f"/findings/{fid}?lang=da").text
    withdrawn = page.split('class="history-withdrawn"')[1].split("</li>")[0]
    assert "trak fundet tilbage" in withdrawn and "version 1" in withdrawn
    reopened = page.split('class="history-reopened"')[1].split("</li>")[0]
    assert "genåbnede fundet" in reopened and "version 2" in reopened
    english = client.get(f"/findings/{fid}?lang=en").text
    assert "withdrew the finding (re-check: the rule no longer finds it)" in english

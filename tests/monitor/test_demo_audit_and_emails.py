"""The demo, then ``prisvagt audit``; and each rule's email against the documents.

CI does not run the demo as a step of its own, so this runs it, then the audit (as CI
would after the demo); then it tampers with a stored figure and the audit must say so.
The emails are rendered for one finding of every rule and checked against what the
contract and the invoice say (the manifest, and the clauses as stored), never against
a benchmark.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor import formatting as fmt
from monitor.alerts import repository as alerts_repo
from monitor.alerts.render import render_immediate
from monitor.cli.main import app
from monitor.contracts.models import ContractClause, PriceTerm
from monitor.db import transaction
from monitor.demo.manifest import DemoManifest
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice

runner = CliRunner()
BASE = "https://prisvagt.example.dk"
CLAUSE_KIND = {
    "mfn_breach": "mfn",
    "indexation_cap_exceeded": "indexation",
    "outside_contract_period": "validity",
    "payment_terms": "payment",
}
TERM_RULES = ("price_above_agreed", "volume_tier_not_applied")


@pytest.fixture
def demo(sqlite_env: object, tmp_path: Path) -> DemoManifest:
    result = runner.invoke(app, ["demo", "--no-serve", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "demo" / "manifest.json").read_text("utf-8"))
    return DemoManifest.from_dict(data)


@pytest.mark.slow
def test_the_audit_finds_every_demo_figure_adds_up_and_a_tampered_one_does_not(
    demo: DemoManifest,
) -> None:
    result = runner.invoke(app, ["audit"])
    assert result.exit_code == 0, result.output
    assert f"all {len(demo.breaches)} open findings add up" in result.output

    with transaction() as s:
        f = s.scalars(select(Finding).where(Finding.rule_id == "price_above_agreed")).first()
        assert f is not None
        f.overcharge += Decimal("100.00")
        tampered = f.id
    result = runner.invoke(app, ["audit"])
    assert result.exit_code == 1, result.output
    assert f"finding #{tampered} (price_above_agreed)" in result.output
    assert "but the current terms give" in result.output
    assert "all " not in result.output


@pytest.mark.slow
def test_the_overview_shows_the_overcharge_and_the_price_gap_apart(demo: DemoManifest) -> None:
    from fastapi.testclient import TestClient

    from monitor.web.app import create_app
    from tests.signin import signed_in

    page = signed_in(TestClient(create_app())).get("/").text
    flagged = re.search(r"data-flagged>([^<]+)<", page)
    gap = re.search(r"data-price-gap>([^<]+)<", page)
    assert flagged and gap
    assert flagged.group(1) == fmt.money(demo.total_expected_overcharge) == "1.217.408,93 kr."
    assert gap.group(1) == fmt.money(demo.total_expected_price_gap) == "4.247.769,22 kr."


@pytest.mark.slow
def test_each_rules_email_quotes_the_contract_and_the_invoice_not_a_benchmark(
    demo: DemoManifest,
) -> None:
    due = {i.number: i.due_date for i in demo.invoices}
    expected = {b.key: b for b in demo.breaches}
    seen = set()
    with transaction() as s:
        rows = s.execute(select(Finding, Invoice).join(Invoice)).all()
        for f, inv in rows:
            if f.rule_id in seen:
                continue
            seen.add(f.rule_id)
            line = f.invoice_line.line_id if f.invoice_line else None
            breach = expected[(f.rule_id, _code(s, f), inv.number, line)]
            view = alerts_repo.finding_views(s, [f.id], base_url=BASE)[0]
            mail = render_immediate([view], lang="da", municipality="x")
            text = mail.text
            # the invoice's due date, from the invoice as written
            assert f"Forfaldsdato: {fmt.day(due[inv.number])}" in text, f.rule_id
            assert (
                f"{BASE}/findings/{f.id}" in text and f'href="{BASE}/findings/{f.id}"' in mail.html
            )
            # the contract's own clause, with its page
            clause = _clause(s, f)
            if clause is not None:
                words, page = clause
                assert words in text and f"side {page}" in text, f.rule_id
            assert "ingen kontekst" not in text, f.rule_id
            # what the rule found, in Danish (the rule wrote it so)
            assert f.message_da and f.message_da in text, f.rule_id
            _check_prices(f.rule_id, text, breach, view.currency)
    assert seen == {b.rule_id for b in demo.breaches}


def _code(s: object, f: Finding) -> str:
    from monitor.parties.models import Municipality

    m = s.get(Municipality, f.municipality_id)  # type: ignore[attr-defined]
    return m.code


def _clause(s: object, f: Finding) -> tuple[str, int] | None:
    kind = CLAUSE_KIND.get(f.rule_id)
    if kind is not None:
        row = s.scalars(  # type: ignore[attr-defined]
            select(ContractClause).where(
                ContractClause.contract_id == f.contract_id, ContractClause.kind == kind
            )
        ).first()
        return row.evidence_text, row.evidence_page
    if f.rule_id in TERM_RULES:
        term = s.get(PriceTerm, f.price_term_id)  # type: ignore[attr-defined]
        return term.evidence_text, term.evidence_page
    return None


def _check_prices(rule: str, text: str, breach: object, currency: str) -> None:
    agreed = getattr(breach, "agreed_unit_price", None)
    invoiced = getattr(breach, "invoiced_unit_price", None)
    if invoiced is not None:
        assert f"Faktureret enhedspris: {fmt.unit_price(Decimal(invoiced))}" in text, rule
    if rule == "price_disparity":
        benchmark = Decimal(breach.benchmark_unit_price)  # type: ignore[attr-defined]
        assert f"Jeres aftalte enhedspris: {fmt.unit_price(Decimal(agreed))}" in text
        assert f"Median hos andre kommuner: {fmt.unit_price(benchmark)}" in text
        assert "Aftalt enhedspris" not in text and "Prisaftale brudt" not in text
        assert "det er ikke et brud på jeres kontrakt" in text
        assert "Overpris" not in text.replace("indgår ikke i overprisen", "")
    elif rule == "mfn_breach":
        assert (
            f"Laveste pris til anden kommune (mestbegunstigelse): "
            f"{fmt.unit_price(Decimal(agreed))}" in text
        )
    elif agreed is not None:
        assert f"Aftalt enhedspris: {fmt.unit_price(Decimal(agreed))}" in text, rule
    if rule == "payment_terms":
        assert "Betal efter kontraktens betalingsfrist" in text
    elif rule != "price_disparity":
        amount = fmt.money(Decimal(breach.expected_overcharge))  # type: ignore[attr-defined]
        assert f"Overpris: {amount}" in text, rule
        assert "tilbagehold betalingen, eller betal med fradrag" in text, rule
        # what to hold back holds the overcharge's VAT too, at the invoice's own rate
        held = re.search(
            r"fradrag af overprisen (.+?) ekskl\. moms \((.+?) inkl\. ([\d,]+) % moms\)", text
        )
        assert held is not None, rule
        net, gross, rate = (
            Decimal(v.replace(" kr.", "").replace(".", "").replace(",", ".")) for v in held.groups()
        )
        assert gross == (net * (1 + rate / 100)).quantize(Decimal("0.01"), ROUND_HALF_UP), rule

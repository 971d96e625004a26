"""Two workflows in a real browser: legal reviews a finding to confirmed and records
what the vendor paid back; an admin backtests a rule change, then publishes it through
the confirmation step and sees the new version."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import select

from monitor.findings.models import Finding
from monitor.rulesets.models import RuleConfiguration
from tests.web.browser.conftest import make_user, sign_in
from tests.web.conftest import Seed


def test_legal_confirms_a_finding_and_records_the_recovered_amount(
    app: FastAPI,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    email = make_user(app, "jurist@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page()
    sign_in(page, email)
    page.goto(f"/findings/{seed.price_finding_id}")  # type: ignore[attr-defined]
    shot(page, "open")
    page.fill("#r-note", "Prisen er over kontraktens 100,00 kr.")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("button[name=action][value=confirm]")  # type: ignore[attr-defined]
    shot(page, "confirmed")
    with app.state.session_factory() as session:
        assert session.get(Finding, seed.price_finding_id).status == "confirmed"  # type: ignore[union-attr]
    page.fill("#r-note", "Leverandøren har krediteret 600 kr.")  # type: ignore[attr-defined]
    page.fill("#r-recovered", "600,00")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("button[name=action][value=resolve]")  # type: ignore[attr-defined]
    page.goto(f"/findings/{seed.price_finding_id}")  # type: ignore[attr-defined]
    figures = page.inner_text("dl.figures")  # type: ignore[attr-defined]
    assert "Tilbagebetalt" in figures and "600,00 kr." in figures
    history = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Prisen er over kontraktens 100,00 kr." in history
    shot(page, "recovered")
    with app.state.session_factory() as session:
        finding = session.get(Finding, seed.price_finding_id)
        assert finding is not None and finding.recovered == Decimal("600.00")
        assert finding.status == "resolved"  # confirmed, and the money came back


def test_an_admin_backtests_a_rule_change_then_publishes_it_with_confirmation(
    app: FastAPI,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    email = make_user(app, "admin@kl.example", roles=["admin"])
    page = new_page()
    sign_in(page, email)
    page.goto("/admin/rules/price_above_agreed")  # type: ignore[attr-defined]
    # a tolerance of 30 kr. per unit makes the seeded 25 kr. overcharge disappear
    page.fill("#p-absolute_tolerance", "30")  # type: ignore[attr-defined]
    page.fill("#r-reason", "Afrunding i leverandørens system")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("button[formaction$='/backtest#backtest']")  # type: ignore[attr-defined]
    assert page.inner_text("[data-removed]") == "1"  # type: ignore[attr-defined]
    shot(page, "backtest")
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("#rule-form button:not(.secondary)")  # type: ignore[attr-defined]
    assert page.locator("[data-confirm]").count() == 1  # type: ignore[attr-defined]
    shot(page, "confirm")
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("#confirm button.danger")  # type: ignore[attr-defined]
    shot(page, "published")
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Version 1" in body or "version 1" in body
    with app.state.session_factory() as session:
        stored = session.scalars(select(RuleConfiguration)).all()
        assert [(r.rule_id, r.params.get("absolute_tolerance")) for r in stored] == [
            ("price_above_agreed", "30")
        ]

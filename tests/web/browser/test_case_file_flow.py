"""A legal user makes a case file in a real browser, marks it sent and records the
vendor's credit; at a phone's width."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import Engine

from monitor.casefiles import service
from monitor.db import transaction
from monitor.findings import review
from monitor.findings.models import Finding
from tests.web.browser.conftest import make_user, open_menu, sign_in
from tests.web.conftest import Seed


def test_legal_makes_a_case_file_sends_it_and_records_the_credit(
    app: FastAPI,
    engine: Engine,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    with transaction(engine) as s:
        review.review(s, finding_id=seed.price_finding_id, action="confirm", actor="jurist")
    email = make_user(app, "sagsbehandler@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page(width=390, height=844)
    sign_in(page, email)
    open_menu(page)  # folded behind its button at 390 px
    page.click("nav a[href='/case-files']")  # type: ignore[attr-defined]
    page.click("table.claimable a")  # type: ignore[attr-defined]
    shot(page, "claimable")
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("[data-create-case-file]")  # type: ignore[attr-defined]
    assert page.locator("[data-case-state]").get_attribute("data-case-state") == "draft"  # type: ignore[attr-defined]
    letter = page.request.get(page.locator("[data-letter]").get_attribute("href"))  # type: ignore[attr-defined]
    assert letter.status == 200 and letter.body().startswith(b"%PDF")

    page.select_option("#s-via", "email")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("form[action$='/sent'] button")  # type: ignore[attr-defined]
    page.select_option("#a-answer", "accepted")  # type: ignore[attr-defined]
    page.fill("#a-credited", "1.000,00")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("form[action$='/answer'] button")  # type: ignore[attr-defined]
    assert page.locator("[data-case-state]").get_attribute("data-case-state") == "answered"  # type: ignore[attr-defined]
    assert "1.000,00 kr." in page.inner_text("[data-credited]")  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # type: ignore[attr-defined]
    shot(page, "answered")
    with transaction(engine) as s:
        finding = s.get(Finding, seed.price_finding_id)
        assert finding is not None
        assert (finding.status, str(finding.recovered)) == ("resolved", "1000.00")


def test_a_colleague_claiming_the_finding_first_is_named_on_the_page(
    app: FastAPI,
    engine: Engine,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    """The page was loaded; a colleague made a case file of the same finding before
    the button was pressed: the page says which finding and where, at a phone's width."""
    with transaction(engine) as s:
        review.review(s, finding_id=seed.price_finding_id, action="confirm", actor="jurist")
    email = make_user(app, "sagsbehandler@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page(width=390, height=844)
    sign_in(page, email)
    open_menu(page)  # folded behind its button at 390 px
    page.click("nav a[href='/case-files']")  # type: ignore[attr-defined]
    page.click("table.claimable a")  # type: ignore[attr-defined]
    with transaction(engine) as s:
        finding = s.get(Finding, seed.price_finding_id)
        assert finding is not None
        other = service.create(
            s,
            vendor_id=finding.vendor_id,
            municipality_id=finding.municipality_id,
            actor="kollega@kommune.example",
            finding_ids=[finding.id],
        ).id
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("[data-create-case-file]")  # type: ignore[attr-defined]
    error = page.inner_text("[data-error]")  # type: ignore[attr-defined]
    assert f"Fund #{seed.price_finding_id} er allerede krævet i sagsmappe #{other}" in error
    link = page.locator(f"[data-claimed='{seed.price_finding_id}'] a[href='/case-files/{other}']")  # type: ignore[attr-defined]
    assert link.count() == 1
    assert page.locator("[data-create-case-file]").count() == 0  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= 391  # type: ignore[attr-defined]
    shot(page, "claimed-by-a-colleague")

"""A legal user opens a contract in a real browser and sees the page of a price term
with its clause highlighted, beside the clause text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import Engine

from tests.web.browser.conftest import make_user, open_menu, sign_in
from tests.web.conftest import CLAUSE_TEXT, Seed
from tests.web.legal_world import contract_pdf, store_contract_pdf


def test_legal_sees_the_highlighted_clause_on_the_contract_page(
    app: FastAPI,
    engine: Engine,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    data, _ = contract_pdf(CLAUSE_TEXT)
    store_contract_pdf(engine, seed.contract_id, data)
    email = make_user(app, "kontraktjura@kommune.example", roles=["legal"], municipalities=["101"])
    for width in (1280, 390):
        page = new_page(width=width)
        sign_in(page, email)
        open_menu(page)  # folded behind its button at 390 px
        page.click("nav a[href='/contracts']")  # type: ignore[attr-defined]
        page.click(f"a[href='/contracts/{seed.contract_id}']")  # type: ignore[attr-defined]
        page.click(".page-view summary")  # type: ignore[attr-defined]
        figure = page.locator(".page-view figure.page-image")  # type: ignore[attr-defined]
        assert figure.get_attribute("data-highlight") == "found"
        image = figure.locator("img")
        image.scroll_into_view_if_needed()
        page.wait_for_function(  # type: ignore[attr-defined]
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        assert image.evaluate("img => img.naturalWidth") > image.evaluate(
            "img => img.naturalHeight"
        )
        response = page.request.get(image.get_attribute("src"))  # type: ignore[attr-defined]
        assert response.status == 200 and response.headers["x-highlight"] == "found"
        # no sideways scrolling at a phone's width
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # type: ignore[attr-defined]
        shot(page, f"contract-page-{width}")

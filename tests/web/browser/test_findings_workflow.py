"""The findings list's bulk actions in a real browser, at a phone's width (390 px):
"choose all" (app.js) ticks every row, one submit confirms them, the summary says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI

from tests.web.browser.conftest import make_user, sign_in


def test_choose_all_and_confirm_at_390_px(
    app: FastAPI, new_page: Callable[..., object], shot: Callable[[object, str], Path]
) -> None:
    email = make_user(app, "jurist@kl.example", roles=["legal"])
    page = new_page(width=390, height=844)
    sign_in(page, email)
    page.goto("/findings")  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # type: ignore[attr-defined]
    shot(page, "list-390")
    rows = page.locator("[data-pick]").count()  # type: ignore[attr-defined]
    assert rows == 2
    page.check("[data-pick-all]")  # type: ignore[attr-defined]
    assert page.locator("[data-pick]:checked").count() == rows  # type: ignore[attr-defined]
    assert page.inner_text("[data-bulk-count]") == str(rows)  # type: ignore[attr-defined]
    page.select_option("#b-action", "confirm")  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("#bulk-form button[type=submit]")  # type: ignore[attr-defined]
    assert page.locator(f'[data-bulk-done="{rows}"]').count() == 1  # type: ignore[attr-defined]
    shot(page, "bulk-result-390")
    page.goto("/findings?status=confirmed")  # type: ignore[attr-defined]
    assert page.locator(".finding-row").count() == rows  # type: ignore[attr-defined]

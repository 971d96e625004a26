"""Every page at 390 x 844 (a phone): no horizontal scroll of the page, and the menu
folds behind its button. Pages come from the app's routes (tests/web/page_routes.py):
a page whose path parameter cannot be filled fails the test, so none is skipped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI

from tests.web.browser.conftest import make_user, sign_in
from tests.web.conftest import Seed
from tests.web.page_routes import page_paths

WIDTH, HEIGHT = 390, 844
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter((el) => !el.closest("table, pre, .table-scroll, details:not([open])"))
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def test_every_page_fits_390_px_without_horizontal_scroll(
    app: FastAPI,
    seed: Seed,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
) -> None:
    email = make_user(app, "admin@kl.example", roles=["admin", "legal", "finance"])
    paths = page_paths(app, seed)  # UnfilledParameter: a page this test cannot open
    page = new_page(width=WIDTH, height=HEIGHT)
    sign_in(page, email)
    too_wide = []
    for path in ["/login", *paths]:
        for lang in ("da", "en"):
            response = page.goto(f"{path}?lang={lang}")  # type: ignore[attr-defined]
            assert response.status < 400, f"{path}: {response.status}"
            size = page.evaluate(OVERFLOW)  # type: ignore[attr-defined]
            if size["scroll"] > size["client"] + 1:
                too_wide.append(f"{path} ({lang}): {size}")
        shot(page, path.strip("/") or "overview")
    assert too_wide == [], "pages wider than the screen"


def test_the_menu_folds_behind_a_button_on_a_phone_and_opens_on_tap(
    app: FastAPI, new_page: Callable[..., object], shot: Callable[[object, str], Path]
) -> None:
    email = make_user(app, "jurist@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page(width=WIDTH, height=HEIGHT)
    sign_in(page, email)
    link = page.locator("header nav a[href='/findings']")  # type: ignore[attr-defined]
    assert not link.is_visible()
    shot(page, "menu-folded")
    page.click("[data-menu] > summary")  # type: ignore[attr-defined]
    assert link.is_visible()
    shot(page, "menu-open")
    with page.expect_navigation():  # type: ignore[attr-defined]
        link.click()
    assert page.url.endswith("/findings")  # type: ignore[attr-defined]


def test_on_a_wide_screen_the_menu_is_open_with_no_button(
    app: FastAPI, new_page: Callable[..., object]
) -> None:
    email = make_user(app, "jurist@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page()
    sign_in(page, email)
    assert page.locator("header nav a[href='/findings']").is_visible()  # type: ignore[attr-defined]
    assert not page.locator("[data-menu] > summary").is_visible()  # type: ignore[attr-defined]

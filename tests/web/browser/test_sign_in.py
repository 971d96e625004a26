"""Signing in through the login form in a real browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI

from tests.web.browser.conftest import make_user, sign_in


def test_a_person_signs_in_sees_the_overview_and_signs_out(
    app: FastAPI, new_page: Callable[..., object], shot: Callable[[object, str], Path]
) -> None:
    email = make_user(app, "jurist@kommune.example", roles=["legal"], municipalities=["101"])
    page = new_page()
    page.goto("/findings")  # type: ignore[attr-defined]
    assert "/login" in page.url  # type: ignore[attr-defined]
    shot(page, "login")
    sign_in(page, email)
    assert page.url.endswith("/")  # type: ignore[attr-defined]
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "København" in body and "Aarhus" not in body
    shot(page, "overview")
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("form[action='/logout'] button")  # type: ignore[attr-defined]
    page.goto("/findings")  # type: ignore[attr-defined]
    assert "/login" in page.url  # type: ignore[attr-defined]


def test_a_wrong_password_is_refused_with_a_message(
    app: FastAPI, new_page: Callable[..., object]
) -> None:
    email = make_user(app, "finance@kommune.example", roles=["finance"], municipalities=["101"])
    page = new_page()
    sign_in(page, email, "not-the-password-at-all")
    assert "/login" in page.url  # type: ignore[attr-defined]
    assert page.locator("[role=alert]").count() == 1  # type: ignore[attr-defined]

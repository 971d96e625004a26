"""Page tests in a real browser: Debian's chromium driven by Playwright.

Playwright is launched with ``executable_path`` set to the system's chromium (never
``playwright install``). The app is served by uvicorn on a free port over the web
tests' seeded SQLite database; people sign in through the real login form.

Screenshots go to ``var/screenshots/<test name>/`` (or ``$PRISVAGT_SCREENSHOTS``); every
test that takes one prints the folder. Without chromium the tests skip with the reason,
except under CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from monitor.auth.service import add_user
from tests.web.conftest import Seed

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PASSWORD = "browser-test-password-1"
SCREENSHOTS = Path(os.environ.get("PRISVAGT_SCREENSHOTS", "var/screenshots"))


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    print(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole run."""
    if CHROMIUM is None:
        _missing("chromium is not installed (apt-get install -y chromium); browser test skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright); browser test skipped")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url(app: FastAPI, seed: Seed) -> Iterator[str]:
    """The app served by uvicorn in a thread, for as long as the test runs."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def make_user(
    app: FastAPI,
    email: str,
    *,
    roles: list[str],
    municipalities: list[str] | None = None,
) -> str:
    """A local account in the app's database; returns its email. ``municipalities``
    None: an account over every municipality."""
    with app.state.session_factory() as session:
        add_user(
            session,
            email=email,
            name=email.split("@")[0].title(),
            roles=roles,
            municipality_codes=municipalities or [],
            all_municipalities=municipalities is None,
            password=PASSWORD,
            actor="tests",
        )
        session.commit()
    return email


@pytest.fixture
def new_page(browser: object, live_url: str) -> Iterator[Callable[..., object]]:
    """``new_page(width=1280, height=900)``: a page in a fresh browser context (own
    cookies); closed after the test."""
    contexts: list[object] = []

    def make(width: int = 1280, height: int = 900, locale: str = "da-DK") -> object:
        context = browser.new_context(  # type: ignore[attr-defined]
            base_url=live_url, viewport={"width": width, "height": height}, locale=locale
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


def sign_in(page: object, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person does."""
    page.goto("/login")  # type: ignore[attr-defined]
    page.fill("#l-email", email)  # type: ignore[attr-defined]
    page.fill("#l-password", password)  # type: ignore[attr-defined]
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.click("form[action='/login'] button")  # type: ignore[attr-defined]


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[object, str], Path]:
    """``shot(page, "name")`` saves a full-page screenshot under this test's folder."""
    folder = SCREENSHOTS / _safe(request.node.name)

    def take(page: object, name: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{_safe(name)}.png"
        page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        print(f"screenshot: {path}")
        return path

    return take


def open_menu(page: object) -> None:
    """On a narrow screen the top menu is folded behind its button: open it."""
    button = page.locator("[data-menu] > summary")  # type: ignore[attr-defined]
    if button.is_visible():
        button.click()

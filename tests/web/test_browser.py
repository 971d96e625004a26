"""The pages in a real browser: headless Chromium against uvicorn on a free port.

Skipped, with the reason printed, when Chromium is not installed
(``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from tests.signin import with_token
from tests.web.conftest import Seed

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url(app: FastAPI, seed: Seed) -> Iterator[str]:
    """The app served by uvicorn in a thread, for as long as the test runs."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(with_token(app), host="127.0.0.1", port=port, log_level="warning")
    )
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


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        reason = "chromium is not installed (apt-get install -y chromium); browser test skipped"
        print(reason)
        pytest.skip(reason)
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,900",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_the_findings_list_renders_in_a_browser(live_url: str, seed: Seed, tmp_path: Path) -> None:
    url = f"{live_url}/findings"
    dom = _chromium(tmp_path, "--dump-dom", url).stdout
    assert f'data-finding-id="{seed.price_finding_id}"' in dom
    assert "F-2026-0042" in dom and "1.000,00 kr." in dom
    screenshot = tmp_path / "findings.png"
    _chromium(tmp_path, f"--screenshot={screenshot}", url)
    assert screenshot.stat().st_size > 10_000  # a rendered page, not a blank one
    print(f"screenshot: {screenshot}")


def test_the_finding_detail_renders_both_sides_in_a_browser(
    live_url: str, seed: Seed, tmp_path: Path
) -> None:
    dom = _chromium(tmp_path, "--dump-dom", f"{live_url}/findings/{seed.price_finding_id}").stdout
    assert 'class="card side-contract"' in dom and 'class="card side-invoice"' in dom
    assert "1.1 Brugerlicens" in dom and "125,00 kr." in dom

"""An unreachable server skips a test, with the reason; under CI it fails it."""

from __future__ import annotations

import socket

import pytest

from tests import servicecheck


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens once the socket is closed


def test_an_unreachable_server_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servicecheck, "IN_CI", False)
    port = closed_port()
    with pytest.raises(pytest.skip.Exception, match=f"Redis is not reachable at 127.0.0.1:{port}"):
        servicecheck.require_service("Redis", "127.0.0.1", port)


def test_under_ci_an_unreachable_server_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servicecheck, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        servicecheck.require_service("RabbitMQ", "127.0.0.1", closed_port())


def test_a_reachable_server_lets_the_test_run() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        servicecheck.require_service("a server", "127.0.0.1", server.getsockname()[1])

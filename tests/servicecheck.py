"""Servers the tests talk to for real (PostgreSQL, Redis, RabbitMQ): where they are,
and one rule for when they are not there.

A test that needs an unreachable server is skipped with the reason; under CI
(``CI=true``) that is a failure instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
REDIS_URL = os.environ.get("PRISVAGT_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
RABBITMQ_URL = os.environ.get("PRISVAGT_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
BROKERS = {"redis": REDIS_URL, "rabbitmq": RABBITMQ_URL}


def reachable(host: str, port: int, *, timeout: float = 1.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip (or, under CI, fail) when the server ``name`` is not reachable."""
    if reachable(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: an unreachable server is a failure)")
    pytest.skip(f"{message}; start it to run this test")


def require_url(name: str, url: str) -> str:
    """``require_service`` for a server URL (redis://, amqp://, postgresql://)."""
    parts = urlsplit(url)
    default = {"redis": 6379, "amqp": 5672, "postgresql+psycopg": 5432, "postgresql": 5432}
    require_service(name, parts.hostname or "127.0.0.1", parts.port or default[parts.scheme])
    return url


def require_broker(kind: str) -> str:
    return require_url({"redis": "Redis", "rabbitmq": "RabbitMQ"}[kind], BROKERS[kind])

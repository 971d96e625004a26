"""A SendGrid-compatible fake: real HTTP on 127.0.0.1 (a free port, in a thread).

It checks the v3 ``POST /v3/mail/send`` request as SendGrid does (bearer key, JSON,
personalizations, from, subject, content), answers 202 with an ``X-Message-Id`` and
records what it accepted; scripted answers give 429 (with ``Retry-After``), 500, 401,
a stall (the request hangs unprocessed, as behind an overloaded load balancer), or
accept-then-stall (the email is accepted, the answer never comes back in time).

    with FakeSendGrid(api_key="SG.test") as fake:
        fake.script(429, retry_after=1)      # the next request gets 429, then 202 again
        ... PRISVAGT_SENDGRID_HOST=fake.url ...
        fake.wait_for(1, timeout=10)
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Scripted:
    status: int | str  # an HTTP status, "stall", or "accept-then-stall"
    retry_after: float | None = None
    seconds: float = 30.0


def validate(payload: Any) -> list[str]:
    """The checks SendGrid makes on a v3 mail/send body that we rely on."""
    errors: list[str] = []
    if not isinstance(payload, dict):
        return ["the request body must be a JSON object"]
    pers = payload.get("personalizations")
    if not isinstance(pers, list) or not pers:
        errors.append("personalizations: at least one is required")
    else:
        for i, p in enumerate(pers):
            to = p.get("to") if isinstance(p, dict) else None
            if (
                not isinstance(to, list)
                or not to
                or not all(isinstance(r, dict) and "@" in str(r.get("email", "")) for r in to)
            ):
                errors.append(f"personalizations.{i}.to: a list of emails is required")
    sender = payload.get("from")
    if not isinstance(sender, dict) or "@" not in str(sender.get("email", "")):
        errors.append("from.email is required")
    if not payload.get("subject") and not all(
        isinstance(p, dict) and p.get("subject") for p in pers or []
    ):
        errors.append("subject is required")
    content = payload.get("content")
    if not isinstance(content, list) or not content:
        errors.append("content: at least one item is required")
    else:
        types = [c.get("type") for c in content if isinstance(c, dict)]
        if any(not isinstance(c, dict) or not c.get("value") for c in content):
            errors.append("content.value must be a non-empty string")
        if "text/plain" in types and types[0] != "text/plain":
            errors.append("content: text/plain must come first")
    headers = payload.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        errors.append("headers must be an object of strings")
    return errors


class FakeSendGrid:
    def __init__(self, *, api_key: str = "SG.test-key") -> None:
        self.api_key = api_key
        self.accepted: list[dict[str, Any]] = []
        self.accepted_at: list[float] = []  # time.time() of each acceptance
        self.rejected: list[tuple[int, dict[str, Any] | None]] = []
        self.requests = 0
        self._script: list[Scripted] = []
        self._cond = threading.Condition()
        self._stop_stalls = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeSendGrid:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop_stalls.set()
        self._server.shutdown()
        self._server.server_close()

    def script(self, status: int | str, *, retry_after: float | None = None, times: int = 1,
               seconds: float = 30.0) -> None:  # fmt: skip
        """The next ``times`` requests get this answer (202 again afterwards)."""
        with self._cond:
            self._script.extend(Scripted(status, retry_after, seconds) for _ in range(times))

    def wait_for(self, count: int, *, timeout: float) -> list[dict[str, Any]]:
        """Block until ``count`` emails were accepted (or the timeout); return them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.accepted) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self.accepted)

    def wait_for_requests(self, count: int, *, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.requests < count and time.monotonic() < deadline:
                self._cond.wait(max(0.0, deadline - time.monotonic()))
            return self.requests

    def recipients(self) -> list[str]:
        return [r["email"] for p in self.accepted for r in p["personalizations"][0]["to"]]

    def _next(self) -> Scripted | None:
        with self._cond:
            self.requests += 1
            self._cond.notify_all()
            return self._script.pop(0) if self._script else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _answer(self, status: int, body: dict[str, Any] | None = None,
                        headers: dict[str, str] | None = None) -> None:  # fmt: skip
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                try:
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client is gone (a killed worker): as a real server, carry on

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path != "/v3/mail/send":
                    return self._answer(404, {"errors": [{"message": "not found"}]})
                step = fake._next()
                if self.headers.get("Authorization") != f"Bearer {fake.api_key}" or (
                    step and step.status == 401
                ):
                    fake.rejected.append((401, None))
                    msg = "The provided authorization grant is invalid, expired, or revoked"
                    return self._answer(401, {"errors": [{"message": msg}]})
                if step and step.status == "stall":
                    fake._stop_stalls.wait(step.seconds)
                    return self._answer(503, {"errors": [{"message": "stalled"}]})
                try:
                    payload = json.loads(raw)
                except ValueError:
                    return self._answer(400, {"errors": [{"message": "invalid JSON"}]})
                if step and step.status == 429:
                    fake.rejected.append((429, payload))
                    retry = {"Retry-After": str(step.retry_after)} if step.retry_after else {}
                    return self._answer(429, {"errors": [{"message": "too many"}]}, retry)
                if step and isinstance(step.status, int) and step.status != 202:
                    fake.rejected.append((step.status, payload))
                    return self._answer(step.status, {"errors": [{"message": "scripted"}]})
                problems = validate(payload)
                if problems:
                    fake.rejected.append((400, payload))
                    return self._answer(400, {"errors": [{"message": p} for p in problems]})
                with fake._cond:
                    fake.accepted.append(payload)
                    fake.accepted_at.append(time.time())
                    fake._cond.notify_all()
                if step and step.status == "accept-then-stall":
                    fake._stop_stalls.wait(step.seconds)  # accepted, but the answer is late
                self._answer(202, None, {"X-Message-Id": uuid.uuid4().hex[:22]})

        return Handler

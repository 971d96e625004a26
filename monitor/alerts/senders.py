"""The ``EmailSender`` seam: outbox files (the embedded default), console, SendGrid,
and a recording test double.

``send`` returns the provider's message id or raises ``DeliveryError`` saying whether
a retry can help. Every message carries an idempotency key (derived from the alert):
the outbox names its file by it, so a re-send after a crash overwrites instead of
duplicating; SendGrid gets it as a header and a custom arg. SendGrid itself does not
deduplicate: if a worker dies after SendGrid's 202 but before the commit, the retry
sends a second copy carrying the same key (delivery is at least once, never lost).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from email import policy as email_policy
from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from monitor.errors import ConfigurationError, DeliveryError

if TYPE_CHECKING:
    from monitor.settings import Settings

IDEMPOTENCY_HEADER = "X-Prisvagt-Idempotency-Key"


_UNFOLDED = email_policy.default.clone(max_line_length=998)


@dataclass(frozen=True, slots=True)
class EmailMessage:
    """One email, ready to send. ``idempotency_key`` is unique per alert."""

    to: str
    subject: str
    text: str
    html: str
    sender: str
    idempotency_key: str
    headers: dict[str, str] = field(default_factory=dict)

    def all_headers(self) -> dict[str, str]:
        return {**self.headers, IDEMPOTENCY_HEADER: self.idempotency_key}

    def to_mime(self) -> MimeMessage:
        # header lines are not folded (a subject is at most 200 characters, well within
        # the 998 a line may hold): the standard library's folding of a subject holding
        # an encoded word ("–", "ø") put a second space into it as mail clients read it
        mime = MimeMessage(policy=_UNFOLDED)
        mime["From"] = self.sender
        mime["To"] = self.to
        mime["Subject"] = self.subject
        mime["Date"] = formatdate(localtime=False, usegmt=True)
        domain = self.sender.rpartition("@")[2] or "localhost"
        mime["Message-ID"] = make_msgid(idstring=_safe_name(self.idempotency_key), domain=domain)
        for name, value in self.all_headers().items():
            mime[name] = value
        mime.set_content(self.text)
        mime.add_alternative(self.html, subtype="html")
        return mime


class EmailSender(Protocol):
    def send(self, message: EmailMessage) -> str:
        """Deliver; return the provider's message id. Raises ``DeliveryError``."""
        ...


def _safe_name(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._")[:180] or "message"


class OutboxSender:
    """Writes one ``.eml`` per message under ``directory``, atomically, named by the
    idempotency key: sending the same alert twice leaves one file."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, message: EmailMessage) -> Path:
        return self.directory / f"{_safe_name(message.idempotency_key)}.eml"

    def send(self, message: EmailMessage) -> str:
        target = self.path_for(message)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".eml")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(message.to_mime().as_bytes())
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            # A full disk or a missing mount may pass; a permission problem will not.
            permanent = isinstance(exc, PermissionError)
            raise DeliveryError(
                f"cannot write {target}: {exc.strerror or exc}", permanent=permanent
            ) from exc
        return f"outbox:{target.name}"


class ConsoleSender:
    """Prints each message (for trying things out)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, message: EmailMessage) -> str:
        out = self.stream or sys.stdout
        out.write(f"To: {message.to}\nSubject: {message.subject}\n\n{message.text}\n---\n")
        out.flush()
        return f"console:{message.idempotency_key}"


class RecordingSender:
    """A test double that behaves like a provider: it accepts each message once per
    idempotency key (as the outbox does), returns an id, and can be told to fail."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self._by_key: dict[str, str] = {}
        self._failures: list[DeliveryError] = []
        self.calls = 0
        self._lock = threading.Lock()

    def fail_next(self, *errors: DeliveryError) -> None:
        """The next ``len(errors)`` sends raise these, in order."""
        self._failures.extend(errors)

    def send(self, message: EmailMessage) -> str:
        with self._lock:
            self.calls += 1
            if self._failures:
                raise self._failures.pop(0)
            if message.idempotency_key in self._by_key:
                return self._by_key[message.idempotency_key]
            provider_id = f"rec-{len(self.sent) + 1}"
            self.sent.append(message)
            self._by_key[message.idempotency_key] = provider_id
            return provider_id


class SendGridSender:
    """SendGrid v3 ``mail/send`` through the official SDK (the only module importing it).

    202 -> the ``X-Message-Id``; 429 -> transient, honouring ``Retry-After``; 5xx and
    network errors -> transient; other 4xx -> permanent, with SendGrid's reason.
    """

    def __init__(self, *, api_key: str, host: str, timeout: float, sender: str) -> None:
        from sendgrid import SendGridAPIClient

        if not api_key:
            raise ConfigurationError("PRISVAGT_SENDGRID_API_KEY is required for SendGrid")
        self.client = SendGridAPIClient(api_key, host=host)
        self.client.client.timeout = timeout
        self.timeout = timeout
        self.sender = sender

    def payload(self, message: EmailMessage) -> dict[str, Any]:
        return {
            "personalizations": [{"to": [{"email": message.to}]}],
            "from": {"email": message.sender or self.sender},
            "subject": message.subject,
            "content": [
                {"type": "text/plain", "value": message.text},
                {"type": "text/html", "value": message.html},
            ],
            "headers": message.all_headers(),
            "custom_args": {"idempotency_key": message.idempotency_key},
        }

    def send(self, message: EmailMessage) -> str:
        from python_http_client import exceptions as http

        try:
            response = self.client.client.mail.send.post(
                request_body=self.payload(message), timeout=self.timeout
            )
        except http.HTTPError as exc:
            raise _delivery_error(exc) from exc
        except (TimeoutError, OSError) as exc:  # URLError is an OSError
            raise DeliveryError(f"SendGrid unreachable: {exc}", permanent=False) from exc
        if response.status_code not in (200, 202):
            raise DeliveryError(
                f"SendGrid answered {response.status_code}",
                permanent=False,
                status=response.status_code,
            )
        headers = {k.lower(): v for k, v in dict(response.headers).items()}
        return headers.get("x-message-id") or f"sendgrid:{message.idempotency_key}"


def _delivery_error(exc: Any) -> DeliveryError:
    status = int(getattr(exc, "status_code", 0) or 0)
    body = getattr(exc, "body", b"") or b""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    reason = f"SendGrid answered {status}: {text[:500]}".strip()
    headers = getattr(exc, "headers", None)
    retry_after = _retry_after(headers.get("Retry-After") if headers is not None else None)
    transient = status == 429 or status >= 500 or status in (408,)
    return DeliveryError(reason, permanent=not transient, retry_after=retry_after, status=status)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        from datetime import UTC, datetime

        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def get_sender(settings: Settings) -> EmailSender:
    """The sender the settings name (``PRISVAGT_EMAIL_BACKEND``)."""
    if settings.email_backend == "sendgrid":
        return SendGridSender(
            api_key=settings.sendgrid_api_key,
            host=settings.sendgrid_host,
            timeout=settings.sendgrid_timeout,
            sender=settings.email_from,
        )
    if settings.email_backend == "console":
        return ConsoleSender()
    return OutboxSender(settings.outbox_dir)

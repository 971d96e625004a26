"""Each sender against its real target: files for the outbox, the fake SendGrid over
HTTP through the real sendgrid client."""

from __future__ import annotations

import dataclasses
import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.alerts.senders import (
    IDEMPOTENCY_HEADER,
    EmailMessage,
    OutboxSender,
    RecordingSender,
    SendGridSender,
    get_sender,
)
from monitor.errors import DeliveryError
from monitor.settings import load_settings
from tests.alerts.fake_sendgrid import FakeSendGrid

KEY = "SG.test-key"


def message(key: str = "alert-00000001-immediate-abc") -> EmailMessage:
    return EmailMessage(
        to="oekonomi@751.dk",
        subject="Prisaftale brudt: Fiktiv A/S faktura F-1 – overpris 3.000,00 kr.",
        text="Overpris 3.000,00 kr.",
        html="<p>Overpris <b>3.000,00 kr.</b></p>",
        sender="prisvagt@kommune.dk",
        idempotency_key=key,
    )


@pytest.fixture
def fake() -> Iterator[FakeSendGrid]:
    with FakeSendGrid(api_key=KEY) as server:
        yield server


def sendgrid(fake: FakeSendGrid, *, key: str = KEY, timeout: float = 5.0) -> SendGridSender:
    return SendGridSender(api_key=key, host=fake.url, timeout=timeout, sender="p@kommune.dk")


def test_outbox_writes_one_eml_with_text_and_html(tmp_path: Path) -> None:
    sender = OutboxSender(tmp_path / "outbox")
    provider_id = sender.send(message())
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == ["alert-00000001-immediate-abc.eml"]
    assert provider_id == "outbox:alert-00000001-immediate-abc.eml"
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "oekonomi@751.dk"
    assert parsed["Subject"].endswith("overpris 3.000,00 kr.")
    # read back exactly as written: one space around the dash (a folded subject with an
    # encoded word came back with two)
    assert parsed["Subject"] == message().subject
    long = dataclasses.replace(
        message(),
        subject="Prisaftale brudt: Nordlys Software A/S faktura NS-2026-M1-03 – overpris 0,20 kr.",
    )
    sender.send(long)
    again = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert again["Subject"] == long.subject
    assert parsed[IDEMPOTENCY_HEADER] == "alert-00000001-immediate-abc"
    assert "3.000,00 kr." in parsed.get_body(("plain",)).get_content()
    assert "<b>3.000,00 kr.</b>" in parsed.get_body(("html",)).get_content()


def test_outbox_resend_after_a_crash_overwrites_instead_of_duplicating(tmp_path: Path) -> None:
    sender = OutboxSender(tmp_path)
    sender.send(message())
    sender.send(message())
    sender.send(message(key="alert-00000002-immediate-def"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "alert-00000001-immediate-abc.eml",
        "alert-00000002-immediate-def.eml",
    ]


def test_sendgrid_202_returns_the_message_id_and_the_fake_records_the_payload(
    fake: FakeSendGrid,
) -> None:
    provider_id = sendgrid(fake).send(message())
    assert len(provider_id) == 22
    (payload,) = fake.accepted
    assert payload["personalizations"] == [{"to": [{"email": "oekonomi@751.dk"}]}]
    assert payload["from"] == {"email": "prisvagt@kommune.dk"}
    assert [c["type"] for c in payload["content"]] == ["text/plain", "text/html"]
    assert payload["headers"][IDEMPOTENCY_HEADER] == "alert-00000001-immediate-abc"


def test_sendgrid_429_is_transient_and_carries_retry_after(fake: FakeSendGrid) -> None:
    fake.script(429, retry_after=7)
    with pytest.raises(DeliveryError) as caught:
        sendgrid(fake).send(message())
    assert (caught.value.permanent, caught.value.status, caught.value.retry_after) == (
        False, 429, 7.0,
    )  # fmt: skip
    sendgrid(fake).send(message())
    assert len(fake.accepted) == 1  # 429 then 202: exactly one email


def test_sendgrid_500_is_transient(fake: FakeSendGrid) -> None:
    fake.script(500)
    with pytest.raises(DeliveryError) as caught:
        sendgrid(fake).send(message())
    assert (caught.value.permanent, caught.value.status) == (False, 500)


def test_sendgrid_401_is_permanent_with_sendgrids_reason(fake: FakeSendGrid) -> None:
    with pytest.raises(DeliveryError) as caught:
        sendgrid(fake, key="SG.wrong").send(message())
    assert caught.value.permanent
    assert caught.value.status == 401
    assert "authorization grant is invalid" in str(caught.value)
    assert fake.accepted == []


def test_sendgrid_timeout_is_transient(fake: FakeSendGrid) -> None:
    fake.script("stall", seconds=5)
    with pytest.raises(DeliveryError) as caught:
        sendgrid(fake, timeout=0.5).send(message())
    assert not caught.value.permanent
    assert fake.accepted == []


def test_sendgrid_unreachable_is_transient() -> None:
    sender = SendGridSender(api_key=KEY, host="http://127.0.0.1:9", timeout=1, sender="p@k.dk")
    with pytest.raises(DeliveryError) as caught:
        sender.send(message())
    assert not caught.value.permanent


def test_the_fake_rejects_a_payload_sendgrid_would_reject(fake: FakeSendGrid) -> None:
    bad = EmailMessage(to="nobody", subject="", text="x", html="x", sender="p@k.dk",
                       idempotency_key="k")  # fmt: skip
    with pytest.raises(DeliveryError) as caught:
        sendgrid(fake).send(bad)
    assert caught.value.permanent and caught.value.status == 400
    assert "personalizations.0.to" in str(caught.value)


def test_recording_sender_accepts_each_idempotency_key_once() -> None:
    sender = RecordingSender()
    assert sender.send(message()) == sender.send(message())
    assert len(sender.sent) == 1


def test_get_sender_follows_the_setting(tmp_path: Path, fake: FakeSendGrid) -> None:
    outbox = get_sender(load_settings(email_backend="outbox", outbox_dir=tmp_path))
    assert isinstance(outbox, OutboxSender) and outbox.directory == tmp_path
    sg = get_sender(
        load_settings(email_backend="sendgrid", sendgrid_api_key=KEY, sendgrid_host=fake.url)
    )
    assert isinstance(sg, SendGridSender)
    sg.send(message())
    assert len(fake.accepted) == 1

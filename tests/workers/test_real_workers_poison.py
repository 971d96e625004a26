"""Issue 13's poison alert, end to end on real processes (Redis, PostgreSQL, a prefork
worker started as ``prisvagt worker``, the scheduler): an invoice whose number carries
CR/LF becomes one email with a one-line subject, and the invoice after it is emailed
too; nothing is left pending."""

from __future__ import annotations

import email
import email.policy
import time

import pytest
from sqlalchemy import select

from monitor.alerts.models import Alert
from monitor.db import transaction
from tests.workers.harness import Stack, drop_in_inbox, start_cli_worker
from tests.workers.world import invoice, seed

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180), pytest.mark.redis, pytest.mark.postgres]

CRLF_NUMBER = "F-2026-0200\r\nBcc: attacker@example.com"


@pytest.mark.parametrize("stack", [("redis", "postgresql")], indirect=True)
def test_an_invoice_number_with_crlf_is_emailed_with_a_one_line_subject_and_the_next_too(
    stack: Stack,
) -> None:
    stack.env["PRISVAGT_EMAIL_BACKEND"] = "outbox"
    outbox = stack.tmp / "outbox"
    with transaction() as s:
        seed(s)
    start_cli_worker(stack, "worker", concurrency=2)
    stack.start_scheduler()
    drop_in_inbox(stack.inbox, "F-2026-0200.xml", invoice(CRLF_NUMBER))
    drop_in_inbox(stack.inbox, "F-2026-0201.xml", invoice("F-2026-0201"))

    deadline = time.monotonic() + 90
    while True:
        with transaction() as s:
            statuses = s.scalars(select(Alert.status).order_by(Alert.id)).all()
        if len(statuses) == 2 and set(statuses) <= {"sent", "failed"}:
            break
        assert time.monotonic() < deadline, (statuses, stack.log("worker")[-4000:])
        time.sleep(0.3)

    assert statuses == ["sent", "sent"]
    mails = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(outbox.glob("*.eml"))
    ]
    subjects = sorted(str(m["Subject"]) for m in mails)
    assert len(subjects) == 2 and all("\r" not in s and "\n" not in s for s in subjects)
    assert "F-2026-0200 Bcc: attacker@example.com" in subjects[0]
    assert "F-2026-0201" in subjects[1]
    assert all(m["Bcc"] is None for m in mails)
    assert "task failed" not in stack.log("worker")

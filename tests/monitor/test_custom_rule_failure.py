"""A custom rule that fails while it runs is switched to monitor with its error, and
the invoice is still checked by the other rules and its breach emailed (issue 13,
item 4); SQLite and PostgreSQL, tasks in-process."""

from __future__ import annotations

import time

from sqlalchemy import select

from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from monitor.rulesets.models import RuleConfiguration
from monitor.rulesets.service import configure
from tests.workers.world import invoice, seed
from workers import jobs, tasks

#: passes the sample lines (short numbers), breaks the text limit on a 90-character number
GROWS = "len(" + " + ".join(["invoice.number"] * 12) + ") > 0"
LONG_NUMBER = "F-2026-" + "7" * 83


def _rules() -> dict[str, tuple[int, str, str | None]]:
    with transaction() as s:
        rows = s.scalars(select(RuleConfiguration).where(RuleConfiguration.is_current))
        return {r.rule_id: (r.version, r.mode, r.reason) for r in rows}


def _check_one(app_env, number: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    inbox = app_env.inbox_dir
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / f"{number[:20]}.xml").write_bytes(invoice(number))
    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    with transaction() as s:
        inv = s.scalars(select(Invoice).where(Invoice.number == number)).one()
        rules_found = s.scalars(select(Finding.rule_id).where(Finding.invoice_id == inv.id))
        return inv.status, sorted(rules_found)


def test_a_custom_rule_failing_at_run_time_goes_to_monitor_and_the_breach_is_still_emailed(
    app_env,  # type: ignore[no-untyped-def]
) -> None:
    with transaction() as s:
        seed(s)
        configure(s, rule_id="custom:grows", actor="admin@kk.dk", reason="try",
                  params={"expression": GROWS, "severity": "high"})  # fmt: skip
        configure(s, rule_id="custom:fine", actor="admin@kk.dk", reason="try",
                  params={"expression": "line.quantity > 50"})  # fmt: skip
    before = _rules()

    status, found = _check_one(app_env, LONG_NUMBER)

    assert status == "checked"
    assert found == ["custom:fine", "price_above_agreed"]
    after = _rules()
    version, mode, reason = after["custom:grows"]
    assert (version, mode) == (before["custom:grows"][0] + 1, "monitor")
    assert reason is not None and f"faktura/invoice {LONG_NUMBER}" in reason
    assert "exceed 1000 characters" in reason
    assert {k: v for k, v in after.items() if k != "custom:grows"} == {
        k: v for k, v in before.items() if k != "custom:grows"
    }
    assert len(list(app_env.outbox_dir.glob("*.eml"))) == 1  # the breach's email went out

    # the next invoice: checked as well, the rule not switched a second time
    status, found = _check_one(app_env, "F-2026-0002")
    assert status == "checked" and "price_above_agreed" in found
    assert _rules()["custom:grows"][0] == version


def test_a_stored_rule_over_the_new_limits_does_not_stop_any_check(app_env) -> None:  # type: ignore[no-untyped-def]
    with transaction() as s:
        seed(s)
        # stored before the limits existed: it never went through today's validation
        s.add(RuleConfiguration(rule_id="custom:gigabyte", version=1, mode="active",
                                params={"expression": '"%0999999999d" % line.quantity'},
                                changed_by="admin@kk.dk", reason="old"))  # fmt: skip
    started = time.monotonic()
    status, found = _check_one(app_env, "F-2026-0003")
    assert time.monotonic() - started < 30
    assert status == "checked" and found == ["price_above_agreed"]
    version, mode, reason = _rules()["custom:gigabyte"]
    assert (version, mode) == (2, "monitor")
    assert reason is not None and "text formatting with % is not allowed" in reason

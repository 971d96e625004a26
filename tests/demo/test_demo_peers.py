"""The demo's peer findings do not depend on the order its invoices arrive in.

The pipeline checks each invoice when it arrives, against the prices known by then;
``prisvagt check --all`` later checks it against every price. The demo is designed so
both find the same, and ``generate_demo`` refuses a design where they would not.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from monitor.demo import invoicing
from monitor.demo.catalogue import MFN_MUNICIPALITIES, price_appendices
from monitor.demo.invoicing import number_invoices, plan_invoices
from monitor.demo.parties import MUNICIPALITIES, VENDOR
from monitor.demo.peers import peer_findings
from monitor.demo.scenario import generate_demo


def _plan() -> list[invoicing.PlannedInvoice]:
    planned = plan_invoices(random.Random(1), vendor=VENDOR, municipalities=MUNICIPALITIES,
                            appendices=price_appendices(MUNICIPALITIES),
                            start=date(2026, 8, 1), months=3)  # fmt: skip
    return number_invoices(planned, first_number=1)


def _keys(plan: list[invoicing.PlannedInvoice], *, as_arrived: bool) -> set[tuple[str, ...]]:
    found = peer_findings(plan, mfn=MFN_MUNICIPALITIES, as_arrived=as_arrived)
    return {(f.rule_id, f.invoice_key, f.line_id or "", str(f.overcharge)) for f in found}


def test_as_arrived_and_with_every_price_known_find_the_same() -> None:
    plan = _plan()
    assert _keys(plan, as_arrived=True) == _keys(plan, as_arrived=False) != set()


def test_esbjerg_billed_first_would_miss_its_findings_until_a_recheck(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(invoicing, "BILLING_ORDER", ("561", "461", "101", "851", "751", "730"))
    plan = _plan()
    arrived, known = _keys(plan, as_arrived=True), _keys(plan, as_arrived=False)
    assert {k[1] for k in known - arrived} >= {"561/2026-08/yearly"}
    with pytest.raises(ValueError, match="order invoices arrive"):
        generate_demo(tmp_path / "out")
    assert not (tmp_path / "out").exists()

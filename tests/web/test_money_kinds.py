"""Two kinds of money on the pages and in the API, and one line's money counted once.

The seed (``conftest.py``) is checked for real after giving København's contract a
most-favoured-customer clause: its line of 40 users at 125,00 kr. (agreed 100,00 kr.,
Aarhus pays 100,00 kr.) is then both above the agreed price and an MFN breach, the same
1.000,00 kr. twice. One finding owns it, the other is a further ground.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select

from monitor.contracts.models import Contract
from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices
from tests.web.conftest import Seed

D = Decimal


def check(engine: Engine, seed: Seed) -> dict[str, Finding]:
    with transaction(engine) as s:
        check_invoices(
            s,
            invoice_ids=[seed.aarhus_invoice_id, seed.invoice_id],
            today=date(2026, 4, 1),
            allow_unconfirmed_terms=True,
            queue_alerts=False,
        )
    with transaction(engine) as s:
        found = {f.rule_id: f for f in s.scalars(select(Finding).where(Finding.status == "open"))}
        s.expunge_all()
    return found


@pytest.fixture
def overlapping(engine: Engine, seed: Seed) -> dict[str, Finding]:
    with transaction(engine) as s:
        s.execute(delete(Finding))
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        contract.mfn = True
    return check(engine, seed)


def test_the_same_money_on_one_line_is_owned_once(overlapping: dict[str, Finding]) -> None:
    price, mfn = overlapping["price_above_agreed"], overlapping["mfn_breach"]
    assert price.overcharge == mfn.overcharge == D("1000.00")
    assert price.invoice_line_id == mfn.invoice_line_id
    assert (price.grounds_for_id, mfn.grounds_for_id) == (None, price.id)
    assert price.counted and not mfn.counted


def test_the_overview_and_the_api_count_it_once(
    client: TestClient, overlapping: dict[str, Finding]
) -> None:
    # 1.000,00 kr. once, plus the support line the contract does not price (2 x 950,00)
    assert overlapping["unpriced_item"].overcharge == D("1900.00")
    page = client.get("/").text
    assert re.search(r"data-flagged>2\.900,00 kr\.<", page), "counted once"
    assert re.search(r"data-price-gap>0,00 kr\.<", page)
    listed = client.get("/api/v1/findings")
    assert listed.headers["X-Total-Overcharge"] == "2900.00"
    assert listed.headers["X-Total-Price-Gap"] == "0.00"
    by_rule = {f["rule"]: f for f in listed.json()["items"]}
    assert by_rule["mfn_breach"]["grounds_for_id"] == by_rule["price_above_agreed"]["id"]
    assert by_rule["price_above_agreed"]["further_grounds"] == [by_rule["mfn_breach"]["id"]]
    assert by_rule["mfn_breach"]["counted"] is False


def test_the_owner_page_lists_its_further_grounds_and_the_ground_names_its_owner(
    client: TestClient, overlapping: dict[str, Finding]
) -> None:
    price, mfn = overlapping["price_above_agreed"], overlapping["mfn_breach"]
    owner_page = client.get(f"/findings/{price.id}").text
    assert f'data-ground="{mfn.id}"' in owner_page
    assert "Yderligere grundlag" in owner_page
    ground_page = client.get(f"/findings/{mfn.id}").text
    assert f'data-grounds-for="{price.id}"' in ground_page
    assert "tælles ikke med igen" in ground_page
    assert "Laveste pris til anden kommune (mestbegunstigelse)" in ground_page


def test_a_ground_counts_its_money_once_legal_dismissed_the_owner(
    engine: Engine, seed: Seed, overlapping: dict[str, Finding]
) -> None:
    with transaction(engine) as s:
        owner = s.get(Finding, overlapping["price_above_agreed"].id)
        assert owner is not None
        owner.status = "dismissed"
    found = check(engine, seed)
    assert found["mfn_breach"].grounds_for_id is None and found["mfn_breach"].counted


def test_a_price_gap_is_shown_as_a_benchmark_not_as_the_agreed_price(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    with transaction(engine) as s:
        f = s.get(Finding, seed.price_finding_id)
        assert f is not None
        f.rule_id, f.money_kind = "price_disparity", "price_gap"
        f.benchmark_unit_price, f.agreed_unit_price = D("25.00"), D("125.00")
        f.overcharge = D("4000.00")
        f.evidence = {**f.evidence, "times_lowest": "5.00"}
    page = client.get(f"/findings/{seed.price_finding_id}").text
    assert "I betaler 5 gange den laveste pris" in page
    assert "ikke et brud på jeres kontrakt" in page
    assert re.search(r"data-benchmark>25,00 kr\.<", page)
    assert re.search(r"data-agreed>125,00 kr\.<", page)
    assert "data-overcharge" not in page
    overview = client.get("/").text
    assert re.search(r"data-price-gap>4\.000,00 kr\.<", overview)
    assert re.search(r"data-flagged>0,00 kr\.<", overview)


def test_pages_and_emails_print_the_same_figures_through_one_formatting_module(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    import importlib.util

    from monitor import formatting as fmt
    from monitor.alerts.render import render_immediate
    from monitor.alerts.repository import finding_views

    assert importlib.util.find_spec("monitor.web.formatting") is None
    assert importlib.util.find_spec("monitor.alerts.formatting") is None
    third = D("33.333333")
    with transaction(engine) as s:
        f = s.get(Finding, seed.price_finding_id)
        assert f is not None
        f.agreed_unit_price, f.overcharge = third, D("3666.67")
    with transaction(engine) as s:
        view = finding_views(s, [seed.price_finding_id], base_url="http://x")[0]
    mail = render_immediate([view], lang="da", municipality="København (101)").text
    page = client.get(f"/findings/{seed.price_finding_id}").text
    assert fmt.unit_price(third) == "33,333333 kr." and fmt.money(third) == "33,33 kr."
    for shown in ("33,333333 kr.", "3.666,67 kr."):
        assert shown in mail and shown in page, shown
    assert fmt.money(D("3666.67"), "en") == "DKK 3,666.67"
    assert fmt.percent(D("3.50")) == "3,5 %" and fmt.quantity(D("374000")) == "374.000"


def _gap(engine: Engine, seed: Seed) -> None:
    with transaction(engine) as s:
        f = s.get(Finding, seed.price_finding_id)
        assert f is not None
        f.rule_id, f.money_kind = "price_disparity", "price_gap"
        f.benchmark_unit_price, f.overcharge = D("25.00"), D("4000.00")


def test_dismissed_findings_are_listed_but_not_counted_anywhere(
    client: TestClient, engine: Engine, seed: Seed, overlapping: dict[str, Finding]
) -> None:
    """Legal's dismissal (or a withdrawal) leaves no breach to claim: the findings list,
    the API and the exports leave its money out of their totals, as the overview does
    (found by an independent review: the list's total counted dismissed findings, and the
    exports marked them as counted)."""
    with transaction(engine) as s:
        dismissed = s.get(Finding, overlapping["unpriced_item"].id)
        assert dismissed is not None
        dismissed.status = "dismissed"
    overview = client.get("/").text
    assert re.search(r"data-flagged>1\.000,00 kr\.<", overview)
    listed = client.get("/api/v1/findings")
    assert listed.headers["X-Total-Overcharge"] == "1000.00"
    assert listed.json()["overcharge_total"] == "1000.00"
    items = {f["rule"]: f for f in listed.json()["items"]}
    assert items["unpriced_item"]["status"] == "dismissed"  # listed
    assert items["unpriced_item"]["counted"] is False  # not counted
    page = client.get("/findings").text
    assert "1.000,00 kr." in page and "2.900,00 kr." not in page
    export = client.get("/api/v1/findings/export?format=csv&lang=en").text.splitlines()
    header = export[0].lstrip("\ufeff").split(",")
    rows = [dict(zip(header, line.split(","), strict=False)) for line in export[1:]]
    unpriced = next(r for r in rows if r["Status"] == "Dismissed")
    assert unpriced["Counted"] == "0"


def test_a_price_gap_is_resolved_without_a_recovered_amount(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    """A price gap is a benchmark: no money is claimed on it, so none is recovered (a
    recovered amount entered on it was added to the overview's money paid back)."""
    _gap(engine, seed)
    refused = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review",
        json={"action": "resolve", "actor": "jura@kk.dk", "recovered": "100000.00"},
    )
    assert refused.status_code == 400 and "price gap" in refused.json()["error"]
    page = client.get(f"/findings/{seed.price_finding_id}").text
    assert 'id="r-recovered"' not in page and 'name="recovered" value="0"' in page
    done = client.post(
        f"/api/v1/findings/{seed.price_finding_id}/review",
        json={"action": "resolve", "actor": "jura@kk.dk", "recovered": "0"},
    )
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    assert re.search(r"data-recovered>0,00 kr\.<", client.get("/").text)

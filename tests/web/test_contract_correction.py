"""Legal corrects what the reading got wrong of a contract itself (its period, payment
days, most-favoured-customer clause) on the contract page and through the API."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.contracts.models import Contract, PriceTerm
from monitor.db import transaction
from tests.signin import TEST_ACTOR, signed_in
from tests.web.conftest import Seed

#: the page's form as the seeded contract fills it (every field is sent)
AS_STORED = {"effective_date": "2025-01-01", "expiry_date": "2028-12-31", "payment_days": "30"}


def _contract(engine: Engine, contract_id: int) -> Contract:
    with transaction(engine) as s:
        contract = s.get(Contract, contract_id)
        assert contract is not None
        s.expunge(contract)
        return contract


def _audit(engine: Engine) -> list[tuple[str, dict[str, object] | None, str | None]]:
    with transaction(engine) as s:
        return [(e.action, e.details, e.reason) for e in s.scalars(select(AuditEntry))]


def test_the_page_offers_the_contracts_facts_to_correct(client: TestClient, seed: Seed) -> None:
    page = client.get(f"/contracts/{seed.contract_id}").text
    assert f'action="/contracts/{seed.contract_id}/correct"' in page
    assert 'name="effective_date" type="date" value="2025-01-01"' in page
    assert 'name="payment_days" type="number"' in page and 'value="30"' in page


def test_a_corrected_date_is_stored_audited_and_the_invoices_rechecked(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/contracts/{seed.contract_id}/correct",
        data={**AS_STORED, "effective_date": "2025-03-01", "note": "Punkt 3.1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/contracts/{seed.contract_id}?corrected=1#facts"
    contract = _contract(engine, seed.contract_id)
    assert contract.effective_date == date(2025, 3, 1)
    assert (contract.expiry_date, contract.payment_days, contract.mfn) == (
        date(2028, 12, 31),
        30,
        False,
    )
    # only what changed is recorded, with the value before
    assert _audit(engine) == [
        (
            "contract.corrected",
            {"before": {"effective_date": "2025-01-01"}, "after": {"effective_date": "2025-03-01"}},
            "Punkt 3.1",
        )
    ]
    assert rechecks == [[seed.invoice_id]]  # the contract's invoices (København's)
    page = client.get(response.headers["location"]).text
    assert "Kontrakten er rettet" in page and 'value="2025-03-01"' in page
    with transaction(engine) as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert entry.actor == TEST_ACTOR and entry.entity == "contract"


def test_clearing_fields_and_ticking_mfn(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    client.post(
        f"/contracts/{seed.contract_id}/correct",
        data={**AS_STORED, "expiry_date": "", "payment_days": "", "mfn": "true"},
    )
    contract = _contract(engine, seed.contract_id)
    assert (contract.expiry_date, contract.payment_days, contract.mfn) == (None, None, True)
    assert _audit(engine)[0][1] == {
        "before": {"expiry_date": "2028-12-31", "payment_days": 30, "mfn": False},
        "after": {"expiry_date": None, "payment_days": None, "mfn": True},
    }


def test_an_expiry_before_the_effective_date_is_refused_in_danish_and_changes_nothing(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/contracts/{seed.contract_id}/correct",
        data={**AS_STORED, "expiry_date": "2024-12-31"},
    )
    assert response.status_code == 400
    assert "kan ikke udløbe (2024-12-31) før den træder i kraft (2025-01-01)" in response.text
    assert 'id="contract-correct" class="card correct-contract no-print" open' in response.text
    assert 'value="2024-12-31"' in response.text  # what was given, to be mended
    assert _contract(engine, seed.contract_id).expiry_date == date(2028, 12, 31)
    assert _audit(engine) == [] and rechecks == []


def test_bad_values_and_no_change_are_refused(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    url = f"/contracts/{seed.contract_id}/correct"
    refused = {
        "betalingsfristen skal være et helt antal dage": {**AS_STORED, "payment_days": "tredive"},
        "betalingsfristen skal være mellem 0 og 365 dage": {**AS_STORED, "payment_days": "400"},
        "er ikke en dato": {**AS_STORED, "effective_date": "1. marts"},
        "kontrakten har allerede disse værdier": AS_STORED,
    }
    for message, data in refused.items():
        response = client.post(url, data=data)
        assert response.status_code == 400 and message in response.text, message
    assert _audit(engine) == [] and rechecks == []


def test_the_api_corrects_the_fields_given(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/api/v1/contracts/{seed.contract_id}/correct",
        json={"changes": {"payment_days": 45, "mfn": True}, "note": "Bilag 1"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["payment_days"], body["mfn"], body["effective_date"]) == (45, True, "2025-01-01")
    assert body["invoices_queued"] == 1 and rechecks == [[seed.invoice_id]]
    assert _audit(engine)[0][0] == "contract.corrected"


def test_the_api_refuses_what_it_cannot_correct(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    for changes in ({"title": "Ny titel"}, {}, {"effective_date": ["2025"]}, {"mfn": "måske"}):
        response = client.post(
            f"/api/v1/contracts/{seed.contract_id}/correct", json={"changes": changes}
        )
        assert response.status_code == 400, (changes, response.text)
    missing = client.post("/api/v1/contracts/999/correct", json={"changes": {"mfn": True}})
    assert missing.status_code == 404
    assert _audit(engine) == [] and rechecks == []


def test_a_corrected_period_changes_what_the_check_finds(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    """The re-check the correction queues reads the corrected period: København's
    invoice of 2026-03-01 falls outside a contract that, corrected, takes effect later."""
    from monitor.findings.models import Finding
    from monitor.findings.service import check_invoices

    def outside() -> list[int]:
        with transaction(engine) as s:
            check_invoices(s, invoice_ids=[seed.invoice_id], queue_alerts=False)
        with transaction(engine) as s:
            return list(
                s.scalars(
                    select(Finding.invoice_id).where(
                        Finding.rule_id == "outside_contract_period", Finding.status == "open"
                    )
                )
            )

    assert outside() == []
    client.post(
        f"/contracts/{seed.contract_id}/correct",
        data={**AS_STORED, "effective_date": "2026-06-01"},
    )
    assert outside() == [seed.invoice_id]


def test_the_page_shows_who_reviewed_and_corrected_what(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    page = client.get(f"/contracts/{seed.contract_id}").text
    assert "Ingen har gennemgået eller rettet kontrakten endnu." in page
    client.post(
        f"/contracts/{seed.contract_id}/correct",
        data={**AS_STORED, "payment_days": "45", "note": "Punkt 7"},
    )
    with transaction(engine) as s:
        term_id = s.scalars(select(PriceTerm.id)).one()
    client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "correct", "price": "1.099,50"},
    )
    client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "reject", "note": "Ikke en pris"},
    )
    history = client.get(f"/contracts/{seed.contract_id}").text.split('id="h-history"')[1]
    corrected = history.split('data-action="contract.corrected"')[1].split("</li>\n    \n")[0]
    assert f"{TEST_ACTOR}</span> rettede kontrakten" in corrected
    assert "Betalingsfrist: 30 → 45" in corrected and "Punkt 7" in corrected
    price = history.split('data-action="term.corrected"')[1].split('data-action="term.rejected"')[0]
    assert "rettede prisen" in price and "Aftalt enhedspris: 100 → 1.099,50" in price
    rejected = history.split('data-action="term.rejected"')[1]
    assert "forkastede prisen" in rejected and "LIC-100" in rejected and "Ikke en pris" in rejected
    assert history.index("contract.corrected") < history.index("term.rejected")  # oldest first


def test_only_those_who_may_correct_are_offered_the_form(app: FastAPI, seed: Seed) -> None:
    with signed_in(TestClient(app), roles=("finance",)) as finance:
        page = finance.get(f"/contracts/{seed.contract_id}").text
        assert 'id="contract-correct"' not in page
        refused = finance.post(f"/contracts/{seed.contract_id}/correct", data=AS_STORED)
        assert refused.status_code == 403


def test_the_api_gives_the_contracts_review_history(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    """``GET /api/v1/contracts/{id}/history``: what the page shows, as data: each step
    oldest first, with the term it concerns and each field before and after."""
    url = f"/api/v1/contracts/{seed.contract_id}/history"
    assert client.get(url).json() == []
    client.post(
        f"/api/v1/contracts/{seed.contract_id}/correct",
        json={"changes": {"payment_days": 45}, "note": "Punkt 7"},
    )
    with transaction(engine) as s:
        term_id = s.scalars(select(PriceTerm.id)).one()
    client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "correct", "price": "1.099,50"},
    )
    response = client.get(url)
    assert response.status_code == 200, response.text
    corrected, price = response.json()
    assert corrected["action"] == "contract.corrected" and corrected["actor"] == TEST_ACTOR
    assert corrected["changes"] == {"payment_days": {"before": 30, "after": 45}}
    assert (corrected["note"], corrected["term_id"], corrected["term"]) == ("Punkt 7", None, None)
    assert (price["action"], price["term_id"], price["term"]) == (
        "term.corrected",
        term_id,
        "LIC-100",
    )
    assert price["changes"]["agreed_unit_price"] == {"before": "100.000000", "after": "1099.50"}
    assert client.get("/api/v1/contracts/999/history").status_code == 404

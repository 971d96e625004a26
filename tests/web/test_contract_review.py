"""Legal reviews extracted price terms on the contract page and through the API."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.contracts.models import PriceTerm
from monitor.db import transaction
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.signin import TEST_ACTOR, signed_in
from tests.web.conftest import Seed


@pytest.fixture
def term_id(engine: Engine, seed: Seed) -> int:
    """The seeded term, set back to proposed as extraction leaves it."""
    with transaction(engine) as s:
        term = s.scalars(select(PriceTerm)).one()
        term.review_state = "proposed"
        return term.id


def _term(engine: Engine, term_id: int) -> PriceTerm:
    with transaction(engine) as s:
        term = s.get(PriceTerm, term_id)
        s.expunge(term)
        return term


def test_confirming_a_term_on_the_page_audits_it_and_queues_a_recheck(
    client: TestClient, seed: Seed, engine: Engine, term_id: int, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "confirm", "actor": "jura@kk.dk"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    term = _term(engine, term_id)
    assert term.review_state == "confirmed" and term.reviewed_by == TEST_ACTOR
    assert rechecks == [[seed.invoice_id]]  # the contract's invoices (København's)
    with transaction(engine) as s:
        assert [e.action for e in s.scalars(select(AuditEntry))] == ["term.confirmed"]


def test_correcting_a_price_takes_a_danish_amount(
    client: TestClient, seed: Seed, engine: Engine, term_id: int
) -> None:
    client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "correct", "actor": "jura@kk.dk", "price": "1.099,50", "note": "Bilag 2"},
    )
    term = _term(engine, term_id)
    assert term.agreed_unit_price == Decimal("1099.50") and term.review_state == "confirmed"


def test_a_bad_correction_is_shown_on_the_page_and_changes_nothing(
    client: TestClient, seed: Seed, engine: Engine, term_id: int, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/contracts/{seed.contract_id}/terms/{term_id}/review",
        data={"action": "correct", "actor": "jura@kk.dk", "price": "hundrede"},
    )
    assert response.status_code == 400 and "er ikke et beløb" in response.text
    assert _term(engine, term_id).agreed_unit_price == Decimal("100.00")
    assert rechecks == []


def test_confirm_all_confirms_every_proposed_term(
    client: TestClient, seed: Seed, engine: Engine, term_id: int, rechecks: list[list[int]]
) -> None:
    page = client.get(f"/contracts/{seed.contract_id}").text
    assert "Bekræft alle 1 foreslåede priser" in page
    client.post(f"/contracts/{seed.contract_id}/confirm", data={"actor": "jura@kk.dk"})
    assert _term(engine, term_id).review_state == "confirmed"
    assert rechecks == [[seed.invoice_id]]


def test_a_term_of_another_contract_is_not_found(
    client: TestClient, seed: Seed, term_id: int
) -> None:
    response = client.post(
        f"/contracts/999/terms/{term_id}/review", data={"action": "confirm", "actor": "x"}
    )
    assert response.status_code == 404


def test_the_api_rejects_a_term(
    client: TestClient, seed: Seed, engine: Engine, term_id: int, rechecks: list[list[int]]
) -> None:
    response = client.post(
        f"/api/v1/terms/{term_id}/review",
        json={"action": "reject", "actor": "jura@kk.dk", "note": "Ikke en pris"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "rejected"
    assert response.json()["invoices_queued"] == 1
    assert _term(engine, term_id).review_state == "rejected"
    assert rechecks == [[seed.invoice_id]]


def test_the_recheck_is_queued_after_the_review_is_committed(
    engine: Engine, seed: Seed, term_id: int, tmp_path: Path
) -> None:
    seen: list[str] = []

    def recheck(invoice_ids: list[int]) -> None:  # a task in another transaction
        seen.append(_term(engine, term_id).review_state)

    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'web.db'}")
    app = create_app(settings=settings, engine=engine, queue_recheck=recheck)
    with signed_in(TestClient(app)) as client:
        client.post(f"/contracts/{seed.contract_id}/confirm", data={"actor": "jura@kk.dk"})
    assert seen == ["confirmed"]


def test_the_note_given_when_confirming_the_contract_is_kept(
    client: TestClient, seed: Seed, engine: Engine, term_id: int
) -> None:
    """Legal's reason for the sign-off, typed above the confirm button, is the contract's
    history's (it was thrown away, the corrections' notes kept)."""
    client.post(
        f"/contracts/{seed.contract_id}/confirm",
        data={"note": "Gennemgået mod det underskrevne eksemplar"},
    )
    steps = client.get(f"/api/v1/contracts/{seed.contract_id}/history").json()
    reviewed = [s for s in steps if s["action"] == "contract.reviewed"]
    assert [s["note"] for s in reviewed] == ["Gennemgået mod det underskrevne eksemplar"]

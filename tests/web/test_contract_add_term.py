"""Legal adds a price the reading did not read: from a price row not read (its page and
text become the term's evidence, the row leaves the list) or from the contract's text;
on the contract page and through the API. It counts as confirmed, is in the contract's
history, and the contract's invoices are re-checked. Refused with a clear message: a
term of the same item and unit, an unknown unit, a price that is not an amount."""

from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.contracts.models import Contract, PriceTerm, UnreadPriceRow
from monitor.db import transaction
from tests.signin import TEST_ACTOR, signed_in
from tests.web.conftest import Seed

ROW = "8 | Hosting af testmiljø | pr. server pr. måned | kr. 2.350,00"


def _unread_row(engine: Engine, contract_id: int) -> int:
    with transaction(engine) as s:
        contract = s.get(Contract, contract_id)
        assert contract is not None
        contract.review_status = "needs_review"
        row = UnreadPriceRow(page=4, text=ROW, reason="no unit found", bbox=[50, 300, 540, 314])
        contract.unread_prices.append(row)
        s.flush()
        return row.id


def _terms(engine: Engine, contract_id: int) -> list[PriceTerm]:
    with transaction(engine) as s:
        terms = list(
            s.scalars(
                select(PriceTerm).where(PriceTerm.contract_id == contract_id).order_by(PriceTerm.id)
            )
        )
        for term in terms:
            s.expunge(term)
        return terms


def test_a_row_not_read_is_read_into_a_confirmed_term_on_the_page(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    row_id = _unread_row(engine, seed.contract_id)
    page = client.get(f"/contracts/{seed.contract_id}?lang=da").text
    link = f'href="/contracts/{seed.contract_id}?add_from={row_id}#add-term"'
    assert link in page and "Læs som pris" in page
    # following it opens the form with the row's text and its id
    opened = client.get(f"/contracts/{seed.contract_id}?add_from={row_id}&lang=da").text
    form = opened.split('id="add-term"')[1].split("</details>")[0]
    assert form.startswith(' class="add-term no-print" open')
    assert f'name="unread_id" value="{row_id}"' in form and "Hosting af testmiljø" in form

    response = client.post(
        f"/contracts/{seed.contract_id}/terms?lang=da",
        data={
            "unread_id": str(row_id),
            "item_id": "HOST-8",
            "description": "Hosting af testmiljø pr. server",
            "unit": "month",
            "price": "2.350,00",
            "vat_basis": "excl",
            "note": "Bilag 1, række 8",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/contracts/{seed.contract_id}?added=1#terms"
    added = _terms(engine, seed.contract_id)[-1]
    assert (added.item_id, added.item_key, added.unit) == ("HOST-8", "host8", "month")
    assert added.agreed_unit_price == Decimal("2350.00")
    assert (added.review_state, added.reviewed_by) == ("confirmed", TEST_ACTOR)
    assert (added.evidence_page, added.evidence_text) == (4, ROW)
    with transaction(engine) as s:
        assert s.scalars(select(UnreadPriceRow)).all() == []
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity_id, entry.reason) == (
            "term.added",
            str(added.id),
            "Bilag 1, række 8",
        )
        assert entry.details["after"]["agreed_unit_price"] == "2350.00"
        assert entry.details["from_unread_row"] == row_id
    assert rechecks == [[seed.invoice_id]]
    shown = client.get(f"/contracts/{seed.contract_id}?added=1&lang=da").text
    assert "Prisen er tilføjet" in shown and f'data-term-id="{added.id}"' in shown
    history = shown.split('id="h-history"')[1]
    assert "tilføjede prisen, som aflæsningen ikke læste" in history and "HOST-8" in history


def test_a_wrong_price_or_a_term_already_there_is_refused_and_the_form_kept(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    before = _terms(engine, seed.contract_id)
    form = {"item_id": "", "description": "Konsulenttime", "unit": "hour", "price": "mange"}
    refused = client.post(f"/contracts/{seed.contract_id}/terms?lang=da", data=form)
    assert refused.status_code == 400
    assert "&#39;mange&#39; er ikke et beløb" in refused.text
    kept = refused.text.split('id="add-term"')[1].split("</details>")[0]
    assert 'value="Konsulenttime"' in kept and 'value="mange"' in kept and " open" in kept
    # the seeded term's item in its unit: correct that one instead
    same = {"item_id": "lic 100", "description": "Licens", "unit": "user_month", "price": "90"}
    refused = client.post(f"/contracts/{seed.contract_id}/terms?lang=en", data=same)
    assert refused.status_code == 400
    assert f"price term {before[0].id} already prices this item in this unit" in refused.text
    assert len(_terms(engine, seed.contract_id)) == len(before) and rechecks == []


def test_the_api_adds_a_term_and_shows_the_rows_not_read(
    client: TestClient, seed: Seed, engine: Engine, rechecks: list[list[int]]
) -> None:
    row_id = _unread_row(engine, seed.contract_id)
    detail = client.get(f"/api/v1/contracts/{seed.contract_id}").json()
    assert detail["unread_prices"] == [
        {"id": row_id, "page": 4, "text": ROW, "reason": "no unit found"}
    ]
    url = f"/api/v1/contracts/{seed.contract_id}/terms"
    body = {
        "description": "Hosting af testmiljø",
        "unit": "month",
        "agreed_unit_price": "2350",
        "vat_basis": "incl",
        "tier_min": "1",
        "tier_max": "10",
        "valid_from": "2026-01-01",
        "unread_id": row_id,
    }
    response = client.post(url, json=body)
    assert response.status_code == 201, response.text
    out = response.json()
    assert (out["contract_id"], out["review_state"], out["reviewed_by"]) == (
        seed.contract_id,
        "confirmed",
        TEST_ACTOR,
    )
    assert (out["vat_basis"], out["valid_from"], out["evidence_page"]) == ("incl", "2026-01-01", 4)
    assert out["invoices_queued"] == 1 and rechecks == [[seed.invoice_id]]
    assert client.get(f"/api/v1/contracts/{seed.contract_id}").json()["unread_prices"] == []
    # the row is gone: asking for it again names it
    again = client.post(url, json={**body, "unit": "year"})
    assert again.status_code == 404 and f"row not read {row_id}" in again.text
    for wrong, field in (
        ({"unit": "fortnight"}, "unknown unit 'fortnight'"),
        ({"tier_min": "10", "tier_max": "1"}, "upper bound is below its lower bound"),
        ({"valid_from": "1. januar"}, "is not a date"),
        ({"currency": "kroner"}, "is not a currency code"),
    ):
        body = {"description": "Support", "unit": "hour", "agreed_unit_price": "900", **wrong}
        refused = client.post(url, json=body)
        assert refused.status_code == 400 and field in refused.text, (wrong, refused.text)
    history = client.get(f"/api/v1/contracts/{seed.contract_id}/history").json()
    assert [(h["action"], h["term"]) for h in history] == [("term.added", "Hosting af testmiljø")]


def test_only_legal_may_add_a_term(app: FastAPI, seed: Seed, engine: Engine) -> None:
    row_id = _unread_row(engine, seed.contract_id)
    with signed_in(TestClient(app), roles=("finance",)) as finance:
        page = finance.get(f"/contracts/{seed.contract_id}").text
        assert 'id="add-term"' not in page and "data-read-row" not in page
        form = {"description": "X", "unit": "hour", "price": "1", "unread_id": str(row_id)}
        assert finance.post(f"/contracts/{seed.contract_id}/terms", data=form).status_code == 403
        body = {"description": "X", "unit": "hour", "agreed_unit_price": "1"}
        api = finance.post(f"/api/v1/contracts/{seed.contract_id}/terms", json=body)
        assert api.status_code == 403
    assert [t.item_id for t in _terms(engine, seed.contract_id)] == ["LIC-100"]


def test_an_amount_beyond_what_is_stored_is_refused_not_failed(
    client: TestClient, seed: Seed, rechecks: list[list[int]]
) -> None:
    url = f"/api/v1/contracts/{seed.contract_id}/terms"
    for amount in ("1e30", "1000000000000"):
        body = {"description": "Licens", "unit": "year", "agreed_unit_price": amount}
        refused = client.post(url, json=body)
        assert refused.status_code == 400 and "is too large" in refused.text, refused.text
    term_url = client.get(f"/api/v1/contracts/{seed.contract_id}").json()["terms"][0]["id"]
    corrected = client.post(
        f"/api/v1/terms/{term_url}/review",
        json={"action": "correct", "changes": {"agreed_unit_price": "9e15"}},
    )
    assert corrected.status_code == 400 and "is too large" in corrected.text
    assert rechecks == []


def test_read_as_a_price_opens_the_form_with_the_row_split_into_its_fields(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    """The row's cells go to the form's fields (item number, description, unit, one
    price), not the whole row into the description (found by an independent review:
    saving the form as offered stored a junk price line)."""
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        contract.review_status = "needs_review"
        two = UnreadPriceRow(page=4, text="QX-7741 | Særlig datarensning | 2.900,00 / 3.600,00")
        one = UnreadPriceRow(page=4, text="QX-7742 | Timeløn, specialist | pr. time | 1.240,00")
        contract.unread_prices += [two, one]
        s.flush()
        ids = (two.id, one.id)
    forms = [
        client.get(f"/contracts/{seed.contract_id}?add_from={i}&lang=da")
        .text.split('id="add-term"')[1]
        .split("</details>")[0]
        for i in ids
    ]
    assert 'name="item_id"' in forms[0] and 'value="QX-7741"' in forms[0]
    assert 'value="Særlig datarensning"' in forms[0] and "3.600,00" not in forms[0]
    assert 'value="QX-7742"' in forms[1] and 'value="1.240,00"' in forms[1]
    assert '<option value="hour" selected>' in forms[1]

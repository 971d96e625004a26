"""API v1: list and read endpoints for invoices, contracts, documents, parties and
alerts, one pagination scheme, filters, and another municipality's rows as absent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from monitor.alerts.models import Alert, AlertFinding
from monitor.auth.service import add_token
from monitor.db import transaction
from monitor.parties.models import Contact, MunicipalityEan
from tests.web.conftest import Seed


def token_client(app: FastAPI, roles: list[str], codes: list[str]) -> TestClient:
    """A client with the bearer token of an identity over these municipalities only."""
    with transaction(app.state.engine) as s:
        _, secret = add_token(s, name="t", roles=roles, municipality_codes=codes, actor="test")
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {secret}"
    return client


@pytest.fixture
def alerts(engine: Engine, seed: Seed) -> tuple[int, int]:
    """A sent alert to København about the price finding, a failed one to Aarhus."""
    with transaction(engine) as s:
        kbh = Alert(
            recipient="okonomi@kk.dk",
            municipality_id=1,
            subject="1 brud",
            status="sent",
            attempts=1,
            dedup_key="immediate:101:1",
            created_at=datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
            sent_at=datetime(2026, 3, 2, 8, 1, tzinfo=UTC),
        )
        aar = Alert(
            recipient="okonomi@aarhus.dk",
            municipality_id=2,
            status="failed",
            attempts=5,
            last_error="550 mailbox unavailable",
            permanent_failure=True,
            dedup_key="immediate:751:2",
            created_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC),
        )
        s.add_all([kbh, aar])
        s.flush()
        s.add(
            AlertFinding(
                alert_id=kbh.id, finding_id=seed.price_finding_id, recipient="okonomi@kk.dk"
            )
        )
        s.add(MunicipalityEan(municipality_id=1, ean="5798000000001", department="Borgerservice"))
        s.add(Contact(municipality_id=1, role="finance", email="okonomi@kk.dk"))
        return kbh.id, aar.id


def test_invoices_are_listed_with_amounts_as_decimal_strings_and_read_with_lines(
    client: TestClient, seed: Seed
) -> None:
    body = client.get("/api/v1/invoices").json()
    assert body["total"] == 2 and body["next"] is None
    # newest first; equal issue dates: the later id first (a stable order)
    assert [i["id"] for i in body["items"]] == [seed.aarhus_invoice_id, seed.invoice_id]
    kbh = body["items"][1]
    assert (kbh["number"], kbh["municipality"], kbh["vendor_cvr"]) == (
        "F-2026-0042",
        "101",
        "12345678",
    )
    assert (kbh["line_extension"], kbh["tax"], kbh["payable"]) == ("6900.00", "1725.00", "8625.00")
    assert (kbh["findings"], kbh["overcharge"]) == (1, "1000.00")
    one = client.get(f"/api/v1/invoices/{seed.invoice_id}").json()
    assert [(line["item_id"], line["quantity"], line["unit_price"]) for line in one["lines"]] == [
        ("LIC-100", "40", "125"),
        ("SUP-1", "2", "950"),
    ]
    assert one["lines"][0]["line_amount"] == "5000.00"
    assert client.get("/api/v1/invoices/424242").json() == {
        "error": "invoice 424242 does not exist"
    }


def test_invoice_filters_narrow_the_list(client: TestClient, seed: Seed) -> None:
    def ids(**params: object) -> list[int]:
        return [i["id"] for i in client.get("/api/v1/invoices", params=params).json()["items"]]

    assert ids(municipality="751") == [seed.aarhus_invoice_id]
    assert ids(vendor="12345678", sort="oldest") == [seed.invoice_id, seed.aarhus_invoice_id]
    assert ids(with_findings="true", status="checked") == [
        seed.aarhus_invoice_id,
        seed.invoice_id,
    ]
    assert ids(document_type="credit_note") == []
    assert ids(issued_to="2026-02-28") == []
    assert ids(sort="payable_desc") == [seed.invoice_id, seed.aarhus_invoice_id]
    assert client.get("/api/v1/invoices", params={"status": "paid"}).status_code == 422


def test_pages_follow_next_through_every_row_once(client: TestClient, seed: Seed) -> None:
    seen: list[int] = []
    url: str | None = "/api/v1/invoices?limit=1&municipality="
    while url:
        page = client.get(url).json()
        assert page["total"] == 2 and page["limit"] == 1
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    assert seen == [seed.aarhus_invoice_id, seed.invoice_id]


def test_contracts_are_read_with_terms_and_clauses(client: TestClient, seed: Seed) -> None:
    listed = client.get("/api/v1/contracts", params={"valid_on": "2026-03-01"}).json()
    assert [c["id"] for c in listed["items"]] == [seed.contract_id]
    assert listed["items"][0]["price_terms"] == 1
    assert client.get("/api/v1/contracts", params={"valid_on": "2029-01-01"}).json()["total"] == 0
    assert client.get("/api/v1/contracts", params={"municipality": "751"}).json()["total"] == 0
    one = client.get(f"/api/v1/contracts/{seed.contract_id}").json()
    assert one["municipality"] == "101" and one["effective_date"] == "2025-01-01"
    assert [(t["item_id"], t["agreed_unit_price"], t["evidence_page"]) for t in one["terms"]] == [
        ("LIC-100", "100.00", 3)
    ]
    assert [(c["kind"], c["params"]) for c in one["clauses"]] == [("payment", {"days": 30})]


def test_documents_are_listed_with_what_they_were_read_into(client: TestClient, seed: Seed) -> None:
    body = client.get("/api/v1/documents", params={"kind": "contract"}).json()
    assert [(d["filename"], d["link"]) for d in body["items"]] == [
        ("kontrakt-kbh.pdf", f"/contracts/{seed.contract_id}")
    ]
    assert client.get("/api/v1/documents", params={"kind": "invoice"}).json()["total"] == 0
    assert (
        client.get("/api/v1/documents", params={"received_to": "2000-01-01"}).json()["total"] == 0
    )


def test_parties_and_contacts(client: TestClient, alerts: tuple[int, int]) -> None:
    municipalities = client.get("/api/v1/municipalities").json()
    assert [m["code"] for m in municipalities["items"]] == ["101", "751"]
    assert municipalities["items"][0]["eans"] == [
        {"ean": "5798000000001", "department": "Borgerservice"}
    ]
    assert client.get("/api/v1/municipalities/751").json()["name"] == "Aarhus"
    assert client.get("/api/v1/municipalities/999").status_code == 404
    contacts = client.get("/api/v1/municipalities/101/contacts").json()
    assert [(c["role"], c["email"]) for c in contacts["items"]] == [("finance", "okonomi@kk.dk")]
    vendors = client.get("/api/v1/vendors").json()
    assert [v["cvr"] for v in vendors["items"]] == ["12345678"]
    assert client.get("/api/v1/vendors/12345678").json()["name"] == "Kommunedata A/S"
    assert client.get("/api/v1/vendors/87654321").status_code == 404


def test_alerts_show_delivery_status_errors_and_their_findings(
    client: TestClient, seed: Seed, alerts: tuple[int, int]
) -> None:
    kbh, aar = alerts
    body = client.get("/api/v1/alerts").json()
    assert [a["id"] for a in body["items"]] == [aar, kbh]
    failed = client.get("/api/v1/alerts", params={"status": "failed"}).json()["items"]
    assert [(a["municipality"], a["last_error"], a["permanent_failure"]) for a in failed] == [
        ("751", "550 mailbox unavailable", True)
    ]
    assert client.get(f"/api/v1/alerts/{kbh}").json()["findings"] == [seed.price_finding_id]
    dated = client.get("/api/v1/alerts", params={"created_from": "2026-03-03"}).json()
    assert [a["id"] for a in dated["items"]] == [aar]


def test_another_municipalitys_rows_are_absent_from_lists_and_404_to_read(
    app: FastAPI, seed: Seed, alerts: tuple[int, int]
) -> None:
    aarhus = token_client(app, ["finance", "admin"], ["751"])
    invoices = aarhus.get("/api/v1/invoices").json()
    assert [i["id"] for i in invoices["items"]] == [seed.aarhus_invoice_id]
    assert invoices["total"] == 1
    for path in (
        f"/api/v1/invoices/{seed.invoice_id}",
        f"/api/v1/contracts/{seed.contract_id}",
        f"/api/v1/findings/{seed.price_finding_id}",
        f"/api/v1/alerts/{alerts[0]}",
        "/api/v1/municipalities/101",
        "/api/v1/municipalities/101/contacts",
    ):
        assert aarhus.get(path).status_code == 404, path
    assert aarhus.get("/api/v1/contracts").json() == {
        "items": [],
        "total": 0,
        "limit": 100,
        "offset": 0,
        "next": None,
    }
    assert [m["code"] for m in aarhus.get("/api/v1/municipalities").json()["items"]] == ["751"]
    assert [a["id"] for a in aarhus.get("/api/v1/alerts").json()["items"]] == [alerts[1]]
    assert aarhus.get("/api/v1/findings").json()["total"] == 1
    page = aarhus.get("/invoices").text
    assert "F-2026-0043" in page and "F-2026-0042" not in page
    exported = aarhus.get("/api/v1/invoices/export", params={"format": "csv"}).text
    assert "F-2026-0043" in exported and "F-2026-0042" not in exported


def test_contacts_are_for_admins_and_alerts_not_for_legal(
    app: FastAPI, seed: Seed, alerts: tuple[int, int]
) -> None:
    legal = token_client(app, ["legal"], ["101"])
    assert legal.get("/api/v1/municipalities/101/contacts").status_code == 403
    assert legal.get("/api/v1/alerts").status_code == 403
    assert legal.get("/api/v1/municipalities/101").status_code == 200
    finance = token_client(app, ["finance"], ["101"])
    assert finance.get("/api/v1/alerts").json()["total"] == 1
    assert finance.get("/api/v1/municipalities/101/contacts").status_code == 403

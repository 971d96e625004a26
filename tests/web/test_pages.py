"""The overview, invoice and contract pages; static files; error pages."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from monitor.auth import policy
from monitor.db import transaction
from monitor.findings.models import Finding
from tests.signin import signed_in
from tests.web.conftest import CLAUSE_TEXT, Seed


def test_the_overview_shows_money_flagged_and_findings_by_rule_and_municipality(
    client: TestClient, seed: Seed
) -> None:
    html = client.get("/").text
    assert "data-flagged>1.000,00 kr.<" in html
    assert "data-confirmed>0,00 kr.<" in html
    assert "Pris over aftalt pris" in html and "Betalingsfrist" in html
    assert 'href="/findings?municipality=101"' in html


def test_the_overview_compares_what_each_municipality_pays_for_the_same_item(
    client: TestClient, seed: Seed
) -> None:
    html = client.get("/").text
    table = html[html.index('class="disparity"') :]
    assert "Brugerlicens ESDH" in table
    assert "125,00 kr." in table and "100,00 kr." in table
    assert "1,25×" in table  # 125 / 100


def test_the_invoice_page_lists_its_lines_and_their_findings(
    client: TestClient, seed: Seed
) -> None:
    html = client.get(f"/invoices/{seed.invoice_id}").text
    assert "F-2026-0042" in html and "Support pr. time" in html
    assert f'href="/findings/{seed.price_finding_id}"' in html
    assert "6.900,00 kr." in html  # excl. VAT: 40 × 125 + 2 × 950
    assert f'href="/contracts/{seed.contract_id}"' in html  # the contract it falls under


def test_the_contract_page_shows_terms_with_their_review_state(
    client: TestClient, seed: Seed
) -> None:
    html = client.get(f"/contracts/{seed.contract_id}").text
    assert "Driftsaftale ESDH" in html and CLAUSE_TEXT in html
    assert 'class="badge term-confirmed"' in html
    assert "Betaling: 30 dage netto" in html


def test_unknown_invoice_and_contract_are_404_pages(client: TestClient) -> None:
    assert client.get("/invoices/999").status_code == 404
    assert client.get("/contracts/999").status_code == 404


def test_a_malformed_id_is_explained_not_a_crash(client: TestClient) -> None:
    response = client.get("/findings/abc")
    assert response.status_code == 422 and "finding_id" in response.text


def test_the_stylesheet_is_served_from_the_package(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "@media print" in css.text


def test_pages_are_english_on_request(client: TestClient, seed: Seed) -> None:
    html = client.get("/", params={"lang": "en"}).text
    assert "Overcharge flagged" in html and "DKK 1,000.00" in html


def test_text_from_documents_is_escaped_not_run(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    with transaction(engine) as s:
        s.get(Finding, seed.price_finding_id).message = "<script>alert(1)</script>"
    html = client.get(f"/findings/{seed.price_finding_id}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unexpected_error_is_shown_as_a_page_not_a_blank_500(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(policy.ROUTES, "GET /boom", policy.READ)  # a route needs a rule

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("the disk is full")

    with signed_in(TestClient(app, raise_server_exceptions=False)) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "RuntimeError: the disk is full" in response.text and "<html" in response.text


def test_an_empty_database_shows_an_empty_overview_and_list(app: FastAPI) -> None:
    with signed_in(TestClient(app)) as client:  # no seed
        overview = client.get("/")
        assert overview.status_code == 200 and "Ingen data endnu." in overview.text
        assert "data-flagged>0,00 kr.<" in overview.text
        assert "Ingen fund matcher filtrene." in client.get("/findings").text
        assert client.get("/api/v1/findings").json()["items"] == []

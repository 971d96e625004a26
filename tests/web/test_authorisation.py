"""The authorisation matrix: every route of the app, against anonymous, each role of
København (101), an admin of every municipality, and a user of Aarhus (751) holding
every role there. Each identity signs in through the login page (an API token for
``token_*``) and sends the session's CSRF token, so a refusal here is the policy's.

``EXPECTED`` is the one table of who may call what. A route of the app missing from it
(or an entry for a route that no longer exists) fails the test, so no route is left
out. Requests name København's rows; "allowed" means the request got past
authorisation (a 2xx/3xx, or a 400/409/422 for the empty form it sends), "denied" a
redirect to the login page or 401 for anonymous, 403 for a missing role, and 404 for
another municipality's row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.alerts.models import Alert
from monitor.auth.service import add_token, add_user
from monitor.casefiles.models import CaseFile
from monitor.contracts.models import Contract, PriceTerm
from monitor.db import transaction
from monitor.parties.models import Contact, MunicipalityEan
from monitor.web.security import iter_routes
from tests.web.conftest import Seed, seed_database

PASSWORD = "correct horse battery staple"
IDENTITIES = ("anonymous", "legal", "finance", "admin", "admin_all", "other", "token_finance")
EVERYONE = frozenset(IDENTITIES)
SIGNED_IN = EVERYONE - {"anonymous"}
READERS = SIGNED_IN  # every role reads, within its municipalities
KBH_READERS = READERS - {"other"}  # a København row: Aarhus' user gets a 404
LEGAL = frozenset({"legal", "admin_all"})  # admin_all holds every role, over every municipality
ADMINS = frozenset({"admin", "admin_all", "other"})
KBH_ADMINS = frozenset({"admin", "admin_all"})
ADMIN_OF_ALL = frozenset({"admin_all"})
ANY_LEGAL = LEGAL | {"other"}  # legal somewhere: a route naming no row of København
FINANCE_OR_ADMIN = frozenset({"finance", "admin", "admin_all", "other", "token_finance"})
KBH_FINANCE_OR_ADMIN = FINANCE_OR_ADMIN - {"other"}

#: "METHOD /path" -> the identities allowed (everyone else is denied)
EXPECTED: dict[str, frozenset[str]] = {
    "GET /login": EVERYONE,
    "POST /login": EVERYONE,
    "GET /login/oidc": EVERYONE,  # to the password form here: no provider configured
    "GET /login/oidc/callback": EVERYONE,
    "POST /logout": SIGNED_IN,
    "GET /api/v1/health": EVERYONE,
    "GET /": READERS,
    "GET /findings": READERS,
    "GET /findings/{finding_id}": KBH_READERS,
    "GET /invoices/{invoice_id}": KBH_READERS,
    "GET /contracts/{contract_id}": KBH_READERS,
    "GET /contracts": READERS,
    "GET /contracts/{contract_id}/document": KBH_READERS,
    "GET /contracts/{contract_id}/pages/{page}.png": KBH_READERS,
    "GET /case-files": READERS,
    "GET /case-files/vendors/{vendor_id}/{code}": KBH_READERS,
    "GET /case-files/{case_file_id}": KBH_READERS,
    "GET /case-files/{case_file_id}/letter.pdf": KBH_READERS,
    "GET /case-files/{case_file_id}/evidence.zip": KBH_READERS,
    "POST /case-files/vendors/{vendor_id}/{code}": LEGAL,
    "POST /case-files/{case_file_id}/sent": LEGAL,
    "POST /case-files/{case_file_id}/answer": LEGAL,
    "GET /api/v1/case-files": READERS,
    "GET /api/v1/case-files/{case_file_id}": KBH_READERS,
    "GET /api/v1/findings": READERS,
    "GET /api/v1/findings/{finding_id}": KBH_READERS,
    "GET /api/v1/findings/{finding_id}/history": KBH_READERS,
    "GET /api/v1/rules": READERS,
    "GET /api/v1/rules/export": READERS,
    "GET /api/v1/rules/{rule_id}": READERS,
    "GET /api/docs": READERS,
    "GET /api/v1/openapi.json": READERS,
    "GET /upload": READERS,
    "POST /upload": READERS,
    "POST /api/v1/documents": READERS,
    "GET /api/v1/documents/{document_id}": KBH_READERS,
    "POST /findings/{finding_id}/review": LEGAL,
    "POST /api/v1/findings/{finding_id}/review": LEGAL,
    "POST /contracts/{contract_id}/terms/{term_id}/review": LEGAL,
    "POST /contracts/{contract_id}/confirm": LEGAL,
    "POST /contracts/{contract_id}/correct": LEGAL,
    "POST /api/v1/contracts/{contract_id}/correct": LEGAL,
    "POST /contracts/{contract_id}/terms": LEGAL,
    "POST /api/v1/contracts/{contract_id}/terms": LEGAL,
    "POST /api/v1/terms/{term_id}/review": LEGAL,
    "GET /admin/rules": ADMINS,
    "GET /admin/rules/{rule_id}": ADMINS,
    "POST /admin/rules/custom": ADMIN_OF_ALL,
    "POST /admin/rules/custom/backtest": ADMIN_OF_ALL,
    "POST /admin/rules/import": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/backtest": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/publish": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/rollback": ADMIN_OF_ALL,
    "PUT /api/v1/rules/{rule_id}": ADMIN_OF_ALL,
    "POST /api/v1/rules/{rule_id}/rollback": ADMIN_OF_ALL,
    "POST /api/v1/rules/{rule_id}/backtest": ADMIN_OF_ALL,
    "GET /admin/parties": ADMINS,
    "POST /admin/parties/municipalities/{code}/eans": KBH_ADMINS,
    "POST /admin/parties/eans/{ean_id}/remove": KBH_ADMINS,
    "POST /admin/parties/municipalities/{code}/benchmark": KBH_ADMINS,
    "POST /admin/parties/municipalities/{code}/contacts": KBH_ADMINS,
    "POST /admin/parties/contacts/{contact_id}": KBH_ADMINS,
    "POST /admin/parties/import": ADMIN_OF_ALL,
    "POST /admin/parties/vendors": ADMIN_OF_ALL,
    # API v1 and exports
    "GET /invoices": READERS,
    "GET /api/v1/findings/export": READERS,
    "GET /api/v1/invoices": READERS,
    "GET /api/v1/invoices/export": READERS,
    "GET /api/v1/invoices/{invoice_id}": KBH_READERS,
    "GET /api/v1/contracts": READERS,
    "GET /api/v1/contracts/{contract_id}": KBH_READERS,
    "GET /api/v1/contracts/{contract_id}/history": KBH_READERS,
    "GET /api/v1/documents": READERS,
    "GET /api/v1/municipalities": READERS,
    "GET /api/v1/municipalities/{code}": KBH_READERS,
    "GET /api/v1/municipalities/{code}/contacts": KBH_ADMINS,  # personal data
    "GET /api/v1/vendors": READERS,
    "GET /api/v1/vendors/{cvr}": READERS,  # vendors are shared
    "GET /api/v1/alerts": FINANCE_OR_ADMIN,
    "GET /api/v1/alerts/{alert_id}": KBH_FINANCE_OR_ADMIN,
    "POST /findings/bulk": ANY_LEGAL,
    "GET /findings/bulk": ANY_LEGAL,
    "POST /findings/{finding_id}/assign": LEGAL,
    "GET /alerts": FINANCE_OR_ADMIN,
    "GET /alerts/preferences": SIGNED_IN,
    "POST /alerts/preferences": SIGNED_IN,
    # one's own password: every signed-in person (a token is told it has none)
    "GET /account/password": SIGNED_IN,
    "POST /account/password": SIGNED_IN,
    # accounts: an admin manages those of its municipalities (the target is København's)
    "GET /admin/users": ADMINS,
    "POST /admin/users": ADMINS,
    "POST /admin/users/{user_id}/disable": KBH_ADMINS,
    "POST /admin/users/{user_id}/enable": KBH_ADMINS,
    "POST /admin/users/{user_id}/reset-password": KBH_ADMINS,
}


@dataclass(frozen=True)
class World:
    seed: Seed
    params: dict[str, str]
    token: str


def _routes(app: FastAPI) -> list[str]:
    return sorted({f"{m} {p}" for m, p, _ in iter_routes(app)})


def test_every_route_has_an_expectation_and_every_expectation_a_route(app: FastAPI) -> None:
    routes = set(_routes(app))
    assert sorted(routes - EXPECTED.keys()) == [], "routes without an expected policy"
    assert sorted(EXPECTED.keys() - routes) == [], "expectations for routes that do not exist"


@pytest.fixture
def world(engine: Engine) -> World:
    seed = seed_database(engine)
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        term_id = s.scalars(select(PriceTerm.id).where(PriceTerm.contract_id == contract.id)).one()
        kbh = contract.municipality_id
        ean = MunicipalityEan(municipality_id=kbh, ean="5798000000001", department="Borgerservice")
        contact = Contact(municipality_id=kbh, role="finance", email="okonomi@kk.dk")
        alert = Alert(recipient="okonomi@kk.dk", municipality_id=kbh, dedup_key="kbh:1")
        case_file = CaseFile(
            vendor_id=contract.vendor_id,
            municipality_id=kbh,
            letter=b"%PDF-1.4 letter",
            created_by="legal@kk.dk",
        )
        s.add_all([ean, contact, alert, case_file])
        s.flush()
        users: dict[str, int] = {}
        for email, roles, codes, everywhere in (
            ("legal@kk.dk", ["legal"], ["101"], False),
            ("finance@kk.dk", ["finance"], ["101"], False),
            ("admin@kk.dk", ["admin"], ["101"], False),
            ("admin@kl.dk", ["admin", "legal", "finance"], [], True),
            ("alle@aarhus.dk", ["admin", "legal", "finance"], ["751"], False),
        ):
            user, _ = add_user(
                s,
                email=email,
                name=email,
                roles=roles,
                municipality_codes=codes,
                all_municipalities=everywhere,
                password=PASSWORD,
                actor="test",
            )
            users[email] = user.id
        _, token = add_token(
            s, name="erp", roles=["finance"], municipality_codes=["101"], actor="test"
        )
        params = {
            "finding_id": str(seed.price_finding_id),
            "invoice_id": str(seed.invoice_id),
            "contract_id": str(seed.contract_id),
            "term_id": str(term_id),
            "document_id": str(contract.document_id),
            "code": "101",
            "ean_id": str(ean.id),
            "contact_id": str(contact.id),
            "case_file_id": str(case_file.id),
            "vendor_id": str(contract.vendor_id),
            "page": "1",
            "rule_id": "price_above_agreed",
            "alert_id": str(alert.id),
            "cvr": "12345678",
            "user_id": str(users["legal@kk.dk"]),
        }
    return World(seed, params, token)


EMAILS = {
    "legal": "legal@kk.dk",
    "finance": "finance@kk.dk",
    "admin": "admin@kk.dk",
    "admin_all": "admin@kl.dk",
    "other": "alle@aarhus.dk",
}


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as the login page's form carries it."""
    page = client.get("/login")
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, "the login page has no CSRF token"
    return match.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client)


@pytest.fixture
def as_identity(app: FastAPI, world: World) -> Iterator[object]:
    def make(who: str) -> tuple[TestClient, str]:
        client = TestClient(app, raise_server_exceptions=False)
        if who == "token_finance":
            client.headers["Authorization"] = f"Bearer {world.token}"
            return client, ""
        if who == "anonymous":
            return client, csrf_of(client)
        return client, sign_in(client, EMAILS[who])

    yield make


def _call(client: TestClient, csrf: str, method: str, path: str) -> int:
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if method == "GET":
        response = client.get(path, follow_redirects=False)
    elif path.startswith("/api/"):
        response = client.request(method, path, json={}, headers=headers, follow_redirects=False)
    else:
        response = client.request(
            method, path, data={"csrf_token": csrf}, headers=headers, follow_redirects=False
        )
    if path == "/login" and response.status_code == 401 and 'name="password"' in response.text:
        return 200  # the form reached the login handler, which refused the empty password
    if response.status_code == 303 and response.headers["location"].startswith("/login?next="):
        return 401  # a page sends the anonymous to the login page
    return response.status_code


@pytest.mark.parametrize("who", IDENTITIES)
def test_the_authorisation_matrix(app: FastAPI, world: World, as_identity, who: str) -> None:  # type: ignore[no-untyped-def]
    client, csrf = as_identity(who)
    wrong: list[str] = []
    for key in _routes(app):
        method, path = key.split(" ", 1)
        url = re.sub(r"\{(\w+)\}", lambda m: world.params[m.group(1)], path)
        status = _call(client, csrf, method, url)
        allowed = who in EXPECTED[key]
        if key == "POST /logout" and status == 303:
            client, csrf = as_identity(who)  # sign in again for the routes after it
        if status >= 500:
            wrong.append(f"{key}: {status}, a defect")
        if allowed and status in (401, 403, 404) or not allowed and status not in (401, 403, 404):
            wrong.append(f"{key}: {status}, expected {'allowed' if allowed else 'denied'}")
        if not allowed and who == "anonymous":
            assert status == 401, f"{key}: anonymous got {status}"
    assert wrong == []

"""Signing in and out, sessions, API tokens, CSRF, security headers, the login rate
limit, and what a user of one municipality sees of another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.audit.models import AuditEntry
from monitor.auth.ratelimit import PER_ADDRESS, PER_EMAIL, LoginLimiter
from monitor.auth.service import disable_user, revoke_token
from monitor.db import create_all, make_engine, transaction
from monitor.findings.models import Finding
from monitor.parties.models import Municipality
from tests.web.test_authorisation import PASSWORD, World, csrf_of, sign_in, world

__all__ = ["World", "world"]  # the fixture, shared with the matrix


def test_anonymous_pages_go_to_the_login_page_and_the_api_answers_401(
    app: FastAPI, world: World
) -> None:
    client = TestClient(app)
    page = client.get("/findings?status=open", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Ffindings%3Fstatus%3Dopen"
    api = client.get("/api/v1/findings")
    assert api.status_code == 401 and api.json()["error"] == "sign in first"
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/static/style.css").status_code == 200


def test_the_login_page_speaks_danish_and_english(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    assert "Adgangskode" in client.get("/login").text
    assert "Password" in client.get("/login?lang=en").text


def test_signing_in_leads_back_and_signing_out_ends_the_session(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    response = client.post(
        "/login",
        data={
            "email": "Legal@KK.dk",
            "password": PASSWORD,
            "next": "/findings",
            "csrf_token": csrf_of(client),
        },
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (303, "/findings")
    page = client.get("/findings")
    assert page.status_code == 200 and "legal@kk.dk" in page.text
    csrf = csrf_of(client)
    client.post("/logout", data={"csrf_token": csrf})
    assert client.get("/findings", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused_and_next_may_not_leave_the_site(
    app: FastAPI, world: World
) -> None:
    client = TestClient(app)
    wrong = client.post(
        "/login",
        data={"email": "legal@kk.dk", "password": "nope", "csrf_token": csrf_of(client)},
    )
    assert wrong.status_code == 401 and "Forkert e-mail eller adgangskode" in wrong.text
    away = client.post(
        "/login",
        data={
            "email": "legal@kk.dk",
            "password": PASSWORD,
            "next": "//evil.example/x",
            "csrf_token": csrf_of(client),
        },
        follow_redirects=False,
    )
    assert away.headers["location"] == "/"


def test_the_login_is_rate_limited_per_address_and_email(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    csrf = csrf_of(client)
    form = {"email": "legal@kk.dk", "password": "guess", "csrf_token": csrf}
    statuses = [client.post("/login", data=form).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    # even the right password waits now; another email from the same address does not
    right = client.post("/login", data={**form, "password": PASSWORD})
    assert right.status_code == 429 and "Retry-After" in right.headers
    other = client.post(
        "/login",
        data={"email": "finance@kk.dk", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert other.status_code == 303


def test_the_limiter_counts_in_the_database_and_forgets_after_its_window(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    create_all(engine)
    start = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    now = [start]
    limiter = LoginLimiter(limit=2, window=60, clock=lambda: now[0])
    with transaction(engine) as s:
        limiter.failed(s, "1.2.3.4", "a@b.dk")
        limiter.failed(s, "1.2.3.4", "A@b.dk ")
    # a second web process (another limiter, another session) sees the same count
    other = LoginLimiter(limit=2, window=60, clock=lambda: now[0])
    with transaction(engine) as s:
        assert other.wait_seconds(s, "1.2.3.4", "a@b.dk") == 61
        assert other.wait_seconds(s, "1.2.3.5", "a@b.dk") == 0  # another address may try
    now[0] = start + timedelta(seconds=60.5)
    with transaction(engine) as s:
        assert limiter.wait_seconds(s, "1.2.3.4", "a@b.dk") == 0
    engine.dispose()


def test_one_account_guessed_from_many_addresses_and_one_address_spraying_wait(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    create_all(engine)
    limiter = LoginLimiter(limit=2, window=900)
    with transaction(engine) as s:
        for n in range(2 * PER_EMAIL + 1):
            limiter.failed(s, f"10.0.0.{n}", "target@b.dk")
        for n in range(2 * PER_ADDRESS):
            limiter.failed(s, "10.9.9.9", f"user{n}@b.dk")
    with transaction(engine) as s:
        assert limiter.wait_seconds(s, "10.1.1.1", "target@b.dk") > 0  # a fresh address too
        assert limiter.wait_seconds(s, "10.9.9.9", "someone-new@b.dk") > 0
        assert limiter.wait_seconds(s, "10.1.1.1", "someone-new@b.dk") == 0
        limiter.succeeded(s, "10.0.0.0", "target@b.dk")  # forgets only that pair
        assert limiter.wait_seconds(s, "10.1.1.1", "target@b.dk") > 0
    engine.dispose()


def test_a_form_without_the_csrf_token_or_from_an_opaque_origin_is_refused(
    app: FastAPI, world: World, engine: Engine
) -> None:
    client = TestClient(app)
    csrf = sign_in(client, "legal@kk.dk")
    url = f"/findings/{world.seed.price_finding_id}/review"
    no_token = client.post(url, data={"action": "confirm"})
    assert no_token.status_code == 403
    wrong_token = client.post(url, data={"action": "confirm", "csrf_token": "x" * 43})
    assert wrong_token.status_code == 403
    opaque = client.post(
        url, data={"action": "confirm", "csrf_token": csrf}, headers={"Origin": "null"}
    )
    assert opaque.status_code == 403
    put = client.put("/api/v1/rules/payment_terms", json={"mode": "off", "reason": "x"})
    assert put.status_code == 403  # a PUT is checked like a POST
    with transaction(engine) as s:
        assert s.get(Finding, world.seed.price_finding_id).status == "open"  # type: ignore[union-attr]
    ok = client.post(url, data={"action": "confirm", "csrf_token": csrf}, follow_redirects=False)
    assert ok.status_code == 303
    with transaction(engine) as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "finding.confirm")).one()
        assert entry.actor == "legal@kk.dk"  # the signed-in person, never a typed name


def test_pages_carry_the_security_headers_and_no_inline_script(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    sign_in(client, "admin@kl.dk")
    for path in ("/", "/findings", f"/findings/{world.seed.price_finding_id}", "/admin/rules"):
        page = client.get(path)
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in page.headers  # plain http here
        assert "<script>" not in page.text and "onclick=" not in page.text
    https = TestClient(app, base_url="https://testserver").get("/login")
    assert https.headers["strict-transport-security"].startswith("max-age=")


def test_a_disabled_user_and_a_revoked_token_are_refused_at_once(
    app: FastAPI, world: World, engine: Engine
) -> None:
    client = TestClient(app)
    sign_in(client, "finance@kk.dk")
    machine = TestClient(app, headers={"Authorization": f"Bearer {world.token}"})
    assert client.get("/api/v1/findings").status_code == 200
    assert machine.get("/api/v1/findings").status_code == 200
    with transaction(engine) as s:
        disable_user(s, email="finance@kk.dk", actor="test")
        revoke_token(s, token_id=1, actor="test")
    assert client.get("/api/v1/findings").status_code == 401
    assert machine.get("/api/v1/findings").status_code == 401
    bad = TestClient(app, headers={"Authorization": "Bearer pv_not-a-token"})
    assert bad.get("/api/v1/findings").status_code == 401


def test_a_user_of_aarhus_sees_only_aarhus_and_the_benchmark_without_names(
    app: FastAPI, world: World
) -> None:
    client = TestClient(app)
    sign_in(client, "alle@aarhus.dk")
    findings = client.get("/api/v1/findings").json()["items"]
    assert [f["id"] for f in findings] == [world.seed.payment_finding_id]
    listed = client.get("/findings").text
    assert "F-2026-0043" in listed and "F-2026-0042" not in listed
    assert client.get(f"/invoices/{world.seed.aarhus_invoice_id}").status_code == 200
    assert client.get(f"/invoices/{world.seed.invoice_id}").status_code == 404
    overview = client.get("/").text
    assert "København" not in overview and "F-2026-0042" not in overview
    # the benchmark: København's 125,00 kr. shown against Aarhus' 100,00 kr., unnamed
    assert "Kommune A" in overview and "125,00" in overview and "1,25" in overview
    parties = client.get("/admin/parties").text
    assert "Aarhus" in parties and "København" not in parties and "okonomi@kk.dk" not in parties


def test_a_municipalitys_own_admin_lets_the_others_see_its_name_in_the_benchmark(
    app: FastAPI, world: World
) -> None:
    aarhus = TestClient(app)
    sign_in(aarhus, "alle@aarhus.dk")
    # Aarhus' admin cannot name København: its municipality is not in Aarhus' scope
    csrf = csrf_of(aarhus)
    refused = aarhus.post(
        "/admin/parties/municipalities/101/benchmark",
        data={"named": "1", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert refused.status_code == 404
    assert "Kommune A" in aarhus.get("/").text
    kbh = TestClient(app)
    kbh_csrf = sign_in(kbh, "admin@kk.dk")
    done = kbh.post(
        "/admin/parties/municipalities/101/benchmark",
        data={"named": "1", "csrf_token": kbh_csrf},
        follow_redirects=False,
    )
    assert done.status_code == 303
    overview = aarhus.get("/").text
    # the name and the price, never København's invoice
    assert "København" in overview and "Kommune A" not in overview and "125,00" in overview
    assert "F-2026-0042" not in overview and f"/invoices/{world.seed.invoice_id}" not in overview
    entries = kbh.get("/admin/parties").text
    assert "municipality.benchmark_named" in entries or "admin@kk.dk" in entries
    # and back: unticked, the name is hidden again
    kbh.post(
        "/admin/parties/municipalities/101/benchmark",
        data={"csrf_token": kbh_csrf},
        follow_redirects=False,
    )
    assert "Kommune A" in aarhus.get("/").text


def test_an_admin_of_every_municipality_sees_both(app: FastAPI, world: World) -> None:
    client = TestClient(app)
    sign_in(client, "admin@kl.dk")
    assert len(client.get("/api/v1/findings").json()["items"]) == 2
    overview = client.get("/").text
    assert "København" in overview and "Aarhus" in overview and "Kommune A" not in overview


def test_an_upload_form_carries_its_csrf_token_in_the_multipart_body(
    app: FastAPI, world: World
) -> None:
    client = TestClient(app)
    csrf = sign_in(client, "finance@kk.dk")
    files = {"files": ("F-1.csv", b"invoice_number,unit_price\nF-1,1\n", "text/csv")}
    refused = client.post("/upload", files=files)
    assert refused.status_code == 403
    page = client.post("/upload", data={"csrf_token": csrf}, files=files)
    assert page.status_code in (200, 202) and "F-1.csv" in page.text


def test_an_ean_held_by_another_municipality_is_refused_without_naming_it(
    app: FastAPI, world: World
) -> None:
    aarhus = TestClient(app)
    csrf = sign_in(aarhus, "alle@aarhus.dk")
    page = aarhus.post(
        "/admin/parties/municipalities/751/eans",
        data={"ean": "5798000000001", "department": "", "csrf_token": csrf},
    )
    assert page.status_code == 400  # the form again, with the reason
    assert "5798000000001" in page.text and "en anden kommune" in page.text
    assert "København" not in page.text


def test_another_municipalitys_code_and_invoice_stay_out_of_a_findings_evidence(
    app: FastAPI, world: World, engine: Engine
) -> None:
    with transaction(engine) as s:
        finding = s.get(Finding, world.seed.payment_finding_id)  # Aarhus'
        assert finding is not None
        finding.evidence = {
            **finding.evidence,
            "lowest_municipality": "101",
            "lowest_invoice": "F-2026-0042",
            "lowest_price": "100.00",
        }
    url = f"/api/v1/findings/{world.seed.payment_finding_id}"
    aarhus = TestClient(app)
    sign_in(aarhus, "alle@aarhus.dk")
    evidence = aarhus.get(url).json()["evidence"]
    assert "lowest_municipality" not in evidence and "lowest_invoice" not in evidence
    assert evidence["lowest_price"] == "100.00"  # the price itself is the benchmark
    listed = aarhus.get("/api/v1/findings").json()["items"]
    assert all("lowest_invoice" not in f["evidence"] for f in listed)
    page = aarhus.get(f"/findings/{world.seed.payment_finding_id}").text
    assert "F-2026-0042" not in page
    everyone = TestClient(app)
    sign_in(everyone, "admin@kl.dk")
    assert everyone.get(url).json()["evidence"]["lowest_invoice"] == "F-2026-0042"
    with transaction(engine) as s:
        kbh = s.scalars(select(Municipality).where(Municipality.code == "101")).one()
        kbh.benchmark_named = True
    evidence = aarhus.get(url).json()["evidence"]
    assert evidence["lowest_municipality"] == "101" and "lowest_invoice" not in evidence


def test_a_finding_page_offers_the_review_only_to_whom_may_review(
    app: FastAPI, world: World
) -> None:
    url = f"/findings/{world.seed.price_finding_id}"
    action = f'action="/findings/{world.seed.price_finding_id}/review"'
    finance = TestClient(app)
    sign_in(finance, "finance@kk.dk")
    assert action not in finance.get(url).text
    legal = TestClient(app)
    sign_in(legal, "legal@kk.dk")
    assert action in legal.get(url).text

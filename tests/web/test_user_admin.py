"""The user administration page, on SQLite and PostgreSQL: an admin of every
municipality manages every account; an admin of one municipality only the accounts of
its municipalities, and cannot grant all municipalities or another's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

import monitor.models  # noqa: F401  (every table)
from monitor.audit.models import AuditEntry
from monitor.auth.models import User
from monitor.auth.service import add_user
from monitor.db import Base, make_engine, transaction
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.web.conftest import seed_database
from tests.web.test_authorisation import csrf_of

PASSWORD = "a long enough password 1"


@dataclass
class Site:
    app: FastAPI
    engine: Engine
    ids: dict[str, int]


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    seed_database(engine)
    ids = {}
    with transaction(engine) as s:
        for email, roles, codes in (
            ("admin@kl.dk", ["admin"], None),
            ("admin@kk.dk", ["admin"], ["101"]),
            ("jurist@kk.dk", ["legal"], ["101"]),
            ("okonomi@aarhus.dk", ["finance"], ["751"]),
            ("begge@region.dk", ["legal"], ["101", "751"]),
        ):
            user, _ = add_user(
                s,
                email=email,
                name=email.split("@")[0],
                roles=roles,
                municipality_codes=codes or [],
                all_municipalities=codes is None,
                password=PASSWORD,
                actor="test",
            )
            ids[email] = user.id
    app = create_app(settings=load_settings(database_url=database_url), engine=engine)
    yield Site(app, engine, ids)
    engine.dispose()


def client_of(site: Site, email: str, password: str = PASSWORD) -> tuple[TestClient, str]:
    client = TestClient(site.app)
    answer = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, f"{email} could not sign in"
    return client, csrf_of(client)


def can_sign_in(site: Site, email: str, password: str) -> bool:
    client = TestClient(site.app)
    answer = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    )
    return answer.status_code == 303


def shown_password(html: str) -> str:
    match = re.search(r"data-password>([^<]+)<", html)
    assert match, "no password shown"
    return match.group(1)


def listed(html: str) -> set[str]:
    return set(re.findall(r'data-user="([^"]+)"', html))


def test_an_admin_of_all_adds_a_user_whose_password_is_shown_once_and_works(site: Site) -> None:
    client, csrf = client_of(site, "admin@kl.dk")
    page = client.post(
        "/admin/users",
        data={
            "csrf_token": csrf,
            "email": "Ny@KK.dk",
            "name": "Ny Jurist",
            "roles": ["legal", "finance"],
            "municipalities": ["101"],
        },
    )
    assert page.status_code == 200 and "data-done" in page.text
    password = shown_password(page.text)
    assert can_sign_in(site, "ny@kk.dk", password)
    again = client.get("/admin/users").text
    assert "ny@kk.dk" in listed(again) and password not in again
    with transaction(site.engine) as s:
        user = s.scalars(select(User).where(User.email == "ny@kk.dk")).one()
        assert user.roles == "finance,legal" and [m.code for m in user.municipalities] == ["101"]
        added = select(AuditEntry.actor).where(
            AuditEntry.action == "user.add", AuditEntry.entity_id == "ny@kk.dk"
        )
        assert s.scalar(added) == "admin@kl.dk"


def test_an_admin_of_one_municipality_sees_and_manages_only_its_users(site: Site) -> None:
    client, csrf = client_of(site, "admin@kk.dk")
    assert listed(client.get("/admin/users").text) == {"admin@kk.dk", "jurist@kk.dk"}
    for email in ("okonomi@aarhus.dk", "begge@region.dk", "admin@kl.dk"):
        user_id = site.ids[email]
        for action in ("disable", "reset-password"):
            answer = client.post(f"/admin/users/{user_id}/{action}", data={"csrf_token": csrf})
            assert answer.status_code == 404, (email, action)
    assert can_sign_in(site, "okonomi@aarhus.dk", PASSWORD)


@pytest.mark.parametrize(
    ("grant", "key"),
    [
        ({"all_municipalities": "true"}, "Kun en administrator af alle kommuner"),
        ({"municipalities": ["101", "751"]}, "Du kan ikke give adgang til kommunerne 751"),
    ],
)
def test_an_admin_of_one_municipality_cannot_grant_beyond_it(
    site: Site, grant: dict[str, object], key: str
) -> None:
    client, csrf = client_of(site, "admin@kk.dk")
    form = {"csrf_token": csrf, "email": "x@kk.dk", "roles": ["legal"], **grant}
    page = client.post("/admin/users", data=form)
    assert page.status_code == 400 and key in page.text
    with transaction(site.engine) as s:
        assert s.scalar(select(func.count()).select_from(User).where(User.email == "x@kk.dk")) == 0


def test_a_disabled_account_cannot_sign_in_and_its_session_ends(site: Site) -> None:
    jurist, _ = client_of(site, "jurist@kk.dk")
    assert jurist.get("/findings").status_code == 200
    admin, csrf = client_of(site, "admin@kk.dk")
    page = admin.post(f"/admin/users/{site.ids['jurist@kk.dk']}/disable", data={"csrf_token": csrf})
    assert page.status_code == 200 and "Kontoen er lukket." in page.text
    # answered by a redirect to the page: reloading it sends nothing again
    assert [r.status_code for r in page.history] == [303]
    assert str(page.url).endswith("/admin/users?done=users.disabled")
    assert not can_sign_in(site, "jurist@kk.dk", PASSWORD)
    assert "/login" in str(jurist.get("/findings").url)


def test_a_reset_password_replaces_the_old_one(site: Site) -> None:
    admin, csrf = client_of(site, "admin@kk.dk")
    page = admin.post(
        f"/admin/users/{site.ids['jurist@kk.dk']}/reset-password",
        data={"csrf_token": csrf, "lang": "en"},
        params={"lang": "en"},
    )
    assert "It is shown this once only" in page.text
    password = shown_password(page.text)
    assert not can_sign_in(site, "jurist@kk.dk", PASSWORD)
    assert can_sign_in(site, "jurist@kk.dk", password)


def test_an_admin_cannot_disable_their_own_account(site: Site) -> None:
    admin, csrf = client_of(site, "admin@kk.dk")
    own = f'action="/admin/users/{site.ids["admin@kk.dk"]}/disable"'
    assert own not in admin.get("/admin/users").text  # not offered on one's own row
    page = admin.post(f"/admin/users/{site.ids['admin@kk.dk']}/disable", data={"csrf_token": csrf})
    assert page.status_code == 400 and "Du kan ikke lukke din egen konto." in page.text
    assert can_sign_in(site, "admin@kk.dk", PASSWORD)


def test_other_roles_may_not_open_the_page(site: Site) -> None:
    jurist, _ = client_of(site, "jurist@kk.dk")
    assert jurist.get("/admin/users").status_code == 403


def test_a_reset_password_ends_the_sessions_signed_in_with_the_old_one(site: Site) -> None:
    jurist, _ = client_of(site, "jurist@kk.dk")
    elsewhere, _ = client_of(site, "jurist@kk.dk")  # a second browser of the same person
    assert jurist.get("/findings").status_code == 200
    admin, csrf = client_of(site, "admin@kk.dk")
    page = admin.post(
        f"/admin/users/{site.ids['jurist@kk.dk']}/reset-password", data={"csrf_token": csrf}
    )
    password = shown_password(page.text)
    for browser in (jurist, elsewhere):
        assert "/login" in str(browser.get("/findings").url)
    assert admin.get("/admin/users").status_code == 200  # the admin's own session stays
    fresh, _ = client_of(site, "jurist@kk.dk", password)
    assert fresh.get("/findings").status_code == 200


def test_an_admin_resetting_their_own_password_stays_signed_in_there_only(site: Site) -> None:
    admin, csrf = client_of(site, "admin@kk.dk")
    other_browser, _ = client_of(site, "admin@kk.dk")
    page = admin.post(
        f"/admin/users/{site.ids['admin@kk.dk']}/reset-password", data={"csrf_token": csrf}
    )
    password = shown_password(page.text)
    assert admin.get("/admin/users").status_code == 200
    assert "/login" in str(other_browser.get("/admin/users").url)
    assert can_sign_in(site, "admin@kk.dk", password)

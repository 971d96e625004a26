"""A signed-in person changes their own password (``/account/password``), on SQLite
and PostgreSQL: the current one is checked and wrong guesses count toward the login
lockout, the new one meets the password policy, the other sessions end and this one
stays, and the change is in the audit log."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from monitor.audit.models import AuditEntry
from monitor.auth.models import User
from monitor.db import transaction
from tests.web.test_user_admin import PASSWORD, Site, can_sign_in, client_of, site

__all__ = ["Site", "site"]  # the fixture, shared with the user administration tests

URL = "/account/password"
NEW = "a brand new passphrase 2"


def change(
    client: TestClient, csrf: str, current: str, new: str, repeat: str | None = None, **params: str
) -> httpx.Response:
    return client.post(
        URL,
        data={
            "csrf_token": csrf,
            "current_password": current,
            "new_password": new,
            "repeat_password": new if repeat is None else repeat,
        },
        params=params,
        follow_redirects=False,
    )


def test_a_user_changes_their_password_and_only_the_new_one_signs_in(site: Site) -> None:
    client, csrf = client_of(site, "jurist@kk.dk")
    done = change(client, csrf, PASSWORD, NEW)
    assert (done.status_code, done.headers["location"]) == (303, URL)
    page = client.get(URL)
    assert page.status_code == 200 and "Din adgangskode er skiftet." in page.text
    assert NEW not in page.text and PASSWORD not in page.text
    assert "Din adgangskode er skiftet." not in client.get(URL).text  # shown once
    assert not can_sign_in(site, "jurist@kk.dk", PASSWORD)
    assert can_sign_in(site, "jurist@kk.dk", NEW)
    with transaction(site.engine) as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "user.change_password")
        ).one()
        assert entry.entity == "user"
        assert (entry.actor, entry.entity_id) == ("jurist@kk.dk", "jurist@kk.dk")
        assert NEW not in str(entry.details) and PASSWORD not in str(entry.details)


def test_the_other_sessions_end_and_this_one_stays(site: Site) -> None:
    here, csrf = client_of(site, "jurist@kk.dk")
    elsewhere, _ = client_of(site, "jurist@kk.dk")  # the same person in another browser
    colleague, _ = client_of(site, "admin@kk.dk")
    assert change(here, csrf, PASSWORD, NEW).status_code == 303
    assert here.get("/findings").status_code == 200
    assert "/login" in str(elsewhere.get("/findings").url)
    assert colleague.get("/findings").status_code == 200  # only that account's sessions
    # this session's forms still work: the change kept its CSRF token and its epoch
    assert change(here, csrf, NEW, PASSWORD + " again").status_code == 303


def test_a_wrong_current_password_is_refused_and_counts_toward_the_login_lockout(
    site: Site,
) -> None:
    client, csrf = client_of(site, "jurist@kk.dk")
    statuses = [change(client, csrf, "a wrong guess 123", NEW).status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]
    refused = change(client, csrf, "a wrong guess 123", NEW)
    assert "Den nuværende adgangskode er forkert." not in refused.text
    locked = change(client, csrf, PASSWORD, NEW)  # even the right one waits now
    assert locked.status_code == 429 and "For mange forsøg" in locked.text
    assert "Retry-After" in locked.headers
    assert not can_sign_in(site, "jurist@kk.dk", PASSWORD)  # the login waits too
    with transaction(site.engine) as s:
        user = s.scalars(select(User).where(User.email == "jurist@kk.dk")).one()
        assert user.session_epoch == 0  # nothing changed
    other, _ = client_of(site, "admin@kk.dk")  # another account is not locked
    assert other.get(URL).status_code == 200


def test_one_wrong_current_password_says_so_and_keeps_the_old_one(site: Site) -> None:
    client, csrf = client_of(site, "jurist@kk.dk")
    page = change(client, csrf, "a wrong guess 123", NEW)
    assert page.status_code == 400
    assert "Den nuværende adgangskode er forkert." in page.text
    assert "a wrong guess 123" not in page.text and NEW not in page.text
    assert can_sign_in(site, "jurist@kk.dk", PASSWORD)


#: (current, new, repeat, the Danish message, the English message)
REFUSED = [
    ("", NEW, NEW, "Skriv din nuværende adgangskode.", "Type your current password."),
    (
        PASSWORD,
        "kort 123",
        "kort 123",
        "En adgangskode skal have mindst 12 tegn.",
        "A password needs at least 12 characters.",
    ),
    (
        PASSWORD,
        "Jurist@KK.dk",
        "Jurist@KK.dk",
        "Adgangskoden må ikke være din e-mailadresse.",
        "The password may not be your email address.",
    ),
    (
        PASSWORD,
        PASSWORD,
        PASSWORD,
        "Den nye adgangskode skal være en anden end den nuværende.",
        "The new password must differ from the current one.",
    ),
    (
        PASSWORD,
        NEW,
        NEW + "x",
        "De to nye adgangskoder er ikke ens.",
        "The two new passwords are not the same.",
    ),
]


@pytest.mark.parametrize(("current", "new", "repeat", "danish", "english"), REFUSED)
def test_a_new_password_outside_the_policy_is_refused_with_the_reason(
    site: Site, current: str, new: str, repeat: str, danish: str, english: str
) -> None:
    client, csrf = client_of(site, "jurist@kk.dk")
    page = change(client, csrf, current, new, repeat)
    assert page.status_code == 400 and danish in page.text
    assert 'name="new_password"' in page.text  # the form again
    english_page = change(client, csrf, current, new, repeat, lang="en")
    assert english_page.status_code == 400 and english in english_page.text
    assert can_sign_in(site, "jurist@kk.dk", PASSWORD)
    with transaction(site.engine) as s:
        done = select(AuditEntry).where(AuditEntry.action == "user.change_password")
        assert s.scalars(done).first() is None


def test_a_refused_policy_does_not_count_toward_the_lockout(site: Site) -> None:
    client, csrf = client_of(site, "jurist@kk.dk")
    for _ in range(6):
        assert change(client, csrf, PASSWORD, "kort").status_code == 400
    assert change(client, csrf, PASSWORD, NEW).status_code == 303


def test_an_anonymous_request_is_sent_to_sign_in(site: Site) -> None:
    client = TestClient(site.app)
    page = client.get(URL, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Faccount%2Fpassword"
    form = client.post(
        URL,
        data={"current_password": PASSWORD, "new_password": NEW, "repeat_password": NEW},
        follow_redirects=False,
    )
    assert form.status_code in (401, 403)
    assert can_sign_in(site, "jurist@kk.dk", PASSWORD)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("da", ["Skift adgangskode", "Nuværende adgangskode", "Ny adgangskode", "Gentag"]),
        ("en", ["Change password", "Current password", "New password", "Repeat"]),
    ],
)
def test_the_page_is_linked_from_every_roles_header_and_speaks_both_languages(
    site: Site, lang: str, words: list[str]
) -> None:
    for email in ("jurist@kk.dk", "okonomi@aarhus.dk", "admin@kk.dk"):
        client, _ = client_of(site, email)
        assert f'href="{URL}"' in client.get(f"/findings?lang={lang}").text, email
        page = client.get(URL)
        assert page.status_code == 200
        assert [w for w in words if w not in page.text] == [], email
        assert 'autocomplete="current-password"' in page.text
        assert page.text.count('autocomplete="new-password"') == 2


def test_an_api_token_has_no_password_to_change(site: Site) -> None:
    from tests.signin import admin_token

    machine = TestClient(site.app, headers={"Authorization": f"Bearer {admin_token(site.app)}"})
    page = machine.get(URL)
    assert page.status_code == 200 and 'name="new_password"' not in page.text
    assert "API-nøgler har ingen adgangskode" in page.text
    refused = machine.post(URL, data={"current_password": "x", "new_password": NEW})
    assert refused.status_code == 400

"""The alert history (finance and admins, within their municipalities) and each person's
alert preferences page, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

import monitor.models  # noqa: F401  (every table)
from monitor.alerts.models import Alert, AlertFinding, AlertPreference
from monitor.auth.service import add_user
from monitor.db import Base, make_engine, transaction
from monitor.parties.models import Municipality
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.web.conftest import Seed, seed_database
from tests.web.test_findings_workflow import PASSWORD, Site

FINANCE_KBH = "oekonomi@kk.dk"
FINANCE_ALL = "oekonomi@kl.dk"
ERROR = "550 5.1.1 mailbox unavailable"


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    engine = make_engine(database_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    seed: Seed = seed_database(engine)
    users = {}
    with transaction(engine) as s:
        codes = {m.code: m.id for m in s.scalars(select(Municipality))}
        for email, roles, mine, everywhere in (
            (FINANCE_KBH, ["finance"], ["101"], False),
            (FINANCE_ALL, ["finance"], [], True),
            ("jura@kk.dk", ["legal"], ["101"], False),
        ):
            user, _ = add_user(s, email=email, name=email, roles=roles, municipality_codes=mine,
                               all_municipalities=everywhere, password=PASSWORD, actor="test")  # fmt: skip
            users[email] = user.id
        sent = Alert(recipient="a@kk.dk", municipality_id=codes["101"], subject="Prisbrud F-42",
                     status="sent", attempts=1, dedup_key="k1",
                     sent_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))  # fmt: skip
        sent.findings = [AlertFinding(finding_id=seed.price_finding_id, recipient="a@kk.dk")]
        failed = Alert(recipient="b@kk.dk", municipality_id=codes["101"], subject="Prisbrud F-43",
                       status="failed", attempts=3, last_error=ERROR, permanent_failure=True,
                       dedup_key="k2")  # fmt: skip
        aarhus = Alert(recipient="c@aarhus.dk", municipality_id=codes["751"], subject="Aarhus",
                       status="pending", dedup_key="k3")  # fmt: skip
        s.add_all([sent, failed, aarhus])
    app = create_app(settings=load_settings(database_url=database_url), engine=engine)
    with TestClient(app) as client:
        yield Site(engine, seed, users, client)
    engine.dispose()


def test_the_history_shows_each_email_with_status_attempts_and_error(site: Site) -> None:
    site.sign_in(FINANCE_KBH)
    page = site.client.get("/alerts").text
    assert "a@kk.dk" in page and "b@kk.dk" in page
    assert ERROR in page and 'data-status="failed"' in page
    assert f'href="/findings/{site.seed.price_finding_id}"' in page
    assert "c@aarhus.dk" not in page  # Aarhus' alert is outside København's scope
    failed = site.client.get("/alerts", params={"status": "failed"}).text
    assert "b@kk.dk" in failed and "a@kk.dk" not in failed


def test_the_history_filters_by_municipality(site: Site) -> None:
    site.sign_in(FINANCE_ALL)
    aarhus = site.client.get("/alerts", params={"municipality": "751"}).text
    assert "c@aarhus.dk" in aarhus and "a@kk.dk" not in aarhus


def test_legal_without_finance_may_not_read_the_history(site: Site) -> None:
    site.sign_in("jura@kk.dk")
    assert site.client.get("/alerts").status_code == 403


def test_a_person_edits_their_own_preferences(site: Site) -> None:
    csrf = site.sign_in(FINANCE_KBH)
    page = site.client.get("/alerts/preferences").text
    assert 'id="p-high-immediate" name="high" value="immediate" checked' in page
    answer = site.client.post(
        "/alerts/preferences",
        data={"csrf_token": csrf, "high": "digest", "medium": "off", "low": "off"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = site.client.get("/alerts/preferences").text
    assert 'id="p-high-digest" name="high" value="digest" checked' in page
    with transaction(site.engine) as s:
        stored = {(p.user_id, p.severity, p.delivery) for p in s.scalars(select(AlertPreference))}
    uid = site.users[FINANCE_KBH]
    assert stored == {(uid, "high", "digest"), (uid, "medium", "off"), (uid, "low", "off")}


def test_a_bad_choice_is_refused_on_the_page(site: Site) -> None:
    csrf = site.sign_in(FINANCE_KBH)
    answer = site.client.post("/alerts/preferences", data={"csrf_token": csrf, "high": "sometimes"})
    assert answer.status_code == 400 and "sometimes" in answer.text
    with transaction(site.engine) as s:
        assert s.scalars(select(AlertPreference)).all() == []

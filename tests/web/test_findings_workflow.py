"""Following findings up: owner and deadline, bulk confirm / dismiss / assign, search
and date ranges on the list, on SQLite and PostgreSQL. People sign in through the
login page, so every change is recorded under their own address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

import monitor.models  # noqa: F401  (every table)
from monitor.audit.models import AuditEntry
from monitor.auth.service import add_user
from monitor.db import Base, make_engine, transaction
from monitor.findings.models import Finding
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.web.conftest import Seed, seed_database

PASSWORD = "correct horse battery staple"
LEGAL = "jura@kk.dk"  # legal over København (101)
LEGAL_ALL = "jura@kl.dk"  # legal over every municipality
FINANCE = "oekonomi@kk.dk"


@dataclass
class Site:
    engine: Engine
    seed: Seed
    users: dict[str, int]
    client: TestClient

    def sign_in(self, email: str) -> str:
        """Sign ``self.client`` in as ``email``; returns the session's CSRF token."""
        self.client.cookies.clear()
        token = _csrf(self.client.get("/login").text)
        answer = self.client.post(
            "/login",
            data={"email": email, "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 303, answer.text
        return _csrf(self.client.get("/login").text)

    def finding(self, finding_id: int) -> Finding:
        with transaction(self.engine) as s:
            f = s.get(Finding, finding_id)
            assert f is not None
            s.expunge(f)
            return f

    def history(self, finding_id: int) -> list[tuple[str, str]]:
        with transaction(self.engine) as s:
            return [
                (e.actor, e.action)
                for e in s.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.entity == "finding", AuditEntry.entity_id == str(finding_id))
                    .order_by(AuditEntry.id)
                )
            ]


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    engine = make_engine(database_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    seed = seed_database(engine)
    users = {}
    with transaction(engine) as s:
        for email, roles, codes, everywhere in (
            (LEGAL, ["legal"], ["101"], False),
            (LEGAL_ALL, ["legal"], [], True),
            (FINANCE, ["finance"], ["101"], False),
        ):
            user, _ = add_user(s, email=email, name=email.split("@")[0].title(), roles=roles,
                               municipality_codes=codes, all_municipalities=everywhere,
                               password=PASSWORD, actor="test")  # fmt: skip
            users[email] = user.id
        s.execute(AuditEntry.__table__.delete())
    app = create_app(settings=load_settings(database_url=database_url), engine=engine)
    with TestClient(app) as client:
        yield Site(engine, seed, users, client)
    engine.dispose()


def _bulk(site: Site, csrf: str, ids: list[int], action: str, **fields: str) -> object:
    data = {"csrf_token": csrf, "action": action, "finding_id": [str(i) for i in ids], **fields}
    return site.client.post("/findings/bulk", data=data)


def test_bulk_confirm_reviews_each_finding_under_the_signed_in_person(site: Site) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    ids = [site.seed.price_finding_id, site.seed.payment_finding_id]
    page = _bulk(site, csrf, ids, "confirm")
    assert page.status_code == 200
    assert 'data-bulk-done="2" data-bulk-refused="0"' in page.text
    for fid in ids:
        assert site.finding(fid).status == "confirmed"
        assert site.history(fid) == [(LEGAL_ALL, "finding.confirm")]


def test_bulk_answers_with_a_redirect_to_its_result_so_a_refresh_posts_nothing(
    site: Site,
) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    data = {
        "csrf_token": csrf,
        "action": "confirm",
        "finding_id": [str(site.seed.price_finding_id)],
    }
    posted = site.client.post("/findings/bulk", data=data, follow_redirects=False)
    assert posted.status_code == 303
    shown = site.client.get(posted.headers["location"])
    assert 'data-bulk-done="1" data-bulk-refused="0"' in shown.text
    # shown once: a refresh of the result page goes back to the list, posting nothing
    again = site.client.get(posted.headers["location"], follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == "/findings"
    assert site.history(site.seed.price_finding_id) == [(LEGAL_ALL, "finding.confirm")]


def test_bulk_dismiss_needs_a_note_like_a_single_dismissal(site: Site) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    ids = [site.seed.price_finding_id, site.seed.payment_finding_id]
    refused = _bulk(site, csrf, ids, "dismiss")
    assert 'data-bulk-done="0" data-bulk-refused="2"' in refused.text
    assert refused.text.count("en note er påkrævet for at afvise") == 2
    assert [site.finding(i).status for i in ids] == ["open", "open"]
    done = _bulk(site, csrf, ids, "dismiss", note="Aftalt med leverandøren")
    assert 'data-bulk-done="2"' in done.text
    assert {site.finding(i).review_note for i in ids} == {"Aftalt med leverandøren"}


def test_bulk_reports_a_step_the_status_does_not_allow_and_does_the_rest(site: Site) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    _bulk(site, csrf, [site.seed.price_finding_id], "confirm")
    page = _bulk(site, csrf, [site.seed.price_finding_id, site.seed.payment_finding_id], "confirm")
    assert 'data-bulk-done="1" data-bulk-refused="1"' in page.text
    assert f'data-refused="{site.seed.price_finding_id}"' in page.text
    assert "et fund med status bekræftet kan ikke bekræftes" in page.text
    assert site.finding(site.seed.payment_finding_id).status == "confirmed"


def test_bulk_leaves_another_municipalitys_findings_alone(site: Site) -> None:
    csrf = site.sign_in(LEGAL)  # København only; the payment finding is Aarhus'
    page = _bulk(site, csrf, [site.seed.price_finding_id, site.seed.payment_finding_id], "confirm")
    assert 'data-bulk-done="1" data-bulk-refused="1"' in page.text
    assert f'data-refused="{site.seed.payment_finding_id}"' in page.text
    assert site.finding(site.seed.payment_finding_id).status == "open"
    assert site.history(site.seed.payment_finding_id) == []


def test_bulk_needs_the_legal_role_and_the_forms_token(site: Site) -> None:
    csrf = site.sign_in(FINANCE)
    assert _bulk(site, csrf, [site.seed.price_finding_id], "confirm").status_code == 403
    csrf = site.sign_in(LEGAL)
    assert _bulk(site, "forged", [site.seed.price_finding_id], "confirm").status_code == 403
    assert site.finding(site.seed.price_finding_id).status == "open"


def test_bulk_assign_and_the_assigned_to_me_filter(site: Site) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    me = site.users[LEGAL_ALL]
    page = _bulk(site, csrf, [site.seed.price_finding_id], "assign", owner=str(me))
    assert 'data-bulk-done="1"' in page.text
    assert site.finding(site.seed.price_finding_id).owner_id == me
    mine = site.client.get("/findings", params={"mine": "true"}).text
    assert f'data-finding-id="{site.seed.price_finding_id}"' in mine
    assert f'data-finding-id="{site.seed.payment_finding_id}"' not in mine
    with transaction(site.engine) as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "finding.assign")).one()
        assert (entry.actor, entry.details["owner"]) == (LEGAL_ALL, LEGAL_ALL)


def test_an_owner_must_have_a_role_over_the_findings_municipality(site: Site) -> None:
    csrf = site.sign_in(LEGAL_ALL)
    kbh_only = str(site.users[FINANCE])
    page = _bulk(site, csrf, [site.seed.payment_finding_id], "assign", owner=kbh_only)
    assert 'data-bulk-refused="1"' in page.text
    assert site.finding(site.seed.payment_finding_id).owner_id is None


def test_owner_and_deadline_on_the_detail_page_and_overdue(site: Site) -> None:
    csrf = site.sign_in(LEGAL)
    fid = site.seed.price_finding_id
    past = date.today() - timedelta(days=3)
    answer = site.client.post(
        f"/findings/{fid}/assign",
        data={"csrf_token": csrf, "owner": str(site.users[LEGAL]), "deadline": past.isoformat()},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    f = site.finding(fid)
    assert (f.owner_id, f.deadline) == (site.users[LEGAL], past)
    assert site.history(fid) == [(LEGAL, "finding.assign"), (LEGAL, "finding.deadline")]
    detail = site.client.get(f"/findings/{fid}").text
    assert "badge overdue" in detail and "data-owner>Jura" in detail
    overdue = site.client.get("/findings", params={"overdue": "true"}).text
    assert f'data-finding-id="{fid}"' in overdue and "finding-row overdue" in overdue
    bad = site.client.post(
        f"/findings/{fid}/assign",
        data={"csrf_token": csrf, "owner": "", "deadline": "31/12/2026"},
    )
    assert bad.status_code == 400 and "31/12/2026" in bad.text
    assert site.finding(fid).owner_id == site.users[LEGAL]  # nothing changed


def _listed(site: Site, **params: str) -> set[int]:
    page = site.client.get("/findings", params=params)
    assert page.status_code == 200, page.text
    return {int(i) for i in re.findall(r'data-finding-id="(\d+)"', page.text)}


def test_search_finds_message_invoice_number_vendor_and_item(site: Site) -> None:
    site.sign_in(LEGAL_ALL)
    price, payment = site.seed.price_finding_id, site.seed.payment_finding_id
    assert _listed(site, q="F-2026-0043") == {payment}
    assert _listed(site, q="brugerlicens") == {price}  # the invoice line's description
    assert _listed(site, q="kommunedata") == {price, payment}  # the vendor's name
    assert _listed(site, q="betalingsfristen 45") == {payment}  # every word must match
    assert _listed(site, q="100%") == set()  # a wildcard is a character here
    assert _listed(site, q="F-2026-0043", status="open", municipality="751") == {payment}
    assert _listed(site, q="F-2026-0043", municipality="101") == set()


def test_search_reads_the_danish_message_too(site: Site) -> None:
    site.sign_in(LEGAL_ALL)
    price = site.seed.price_finding_id
    with transaction(site.engine) as s:
        finding = s.get(Finding, price)
        assert "overfakturering" not in finding.message.lower()
        finding.message_da = "Overfakturering af enhedsprisen for ÆBLEMOST på Ørsted Skole"
    assert _listed(site, q="overfakturering") == {price}
    assert _listed(site, q="OVERFAKTURERING enhedsprisen") == {price}
    # case ignored beyond A-Z on both databases (SQLite's own LIKE folds A-Z only)
    assert _listed(site, q="æblemost ørsted") == {price}
    assert _listed(site, q="ØRSTED SKOLE") == {price}
    assert _listed(site, q="æble_most") == set()  # "_" stays a plain character


def test_date_ranges_by_invoice_date_and_by_finding_date(site: Site) -> None:
    site.sign_in(LEGAL_ALL)
    price, payment = site.seed.price_finding_id, site.seed.payment_finding_id
    with transaction(site.engine) as s:
        s.get(Finding, price).created_at = datetime(2026, 4, 2, 22, 30, tzinfo=UTC)
        s.get(Finding, payment).created_at = datetime(2026, 5, 10, 8, 0, tzinfo=UTC)
    assert _listed(site, issued_from="2026-03-01", issued_to="2026-03-01") == {price, payment}
    assert _listed(site, issued_from="2026-03-02") == set()
    assert _listed(site, created_from="2026-04-02", created_to="2026-04-02") == {price}
    assert _listed(site, created_from="2026-04-03") == {payment}
    assert _listed(site, created_to="2026-05-09") == {price}


def test_filters_keep_the_count_and_pagination_right(site: Site) -> None:
    site.sign_in(LEGAL_ALL)
    with transaction(site.engine) as s:
        template = s.get(Finding, site.seed.payment_finding_id)
        for i in range(60):
            s.add(
                Finding(dedup_key=f"extra:{i}", rule_id="payment_terms", severity="low",
                        invoice_id=template.invoice_id, municipality_id=template.municipality_id,
                        vendor_id=template.vendor_id, message=f"Ekstra fund nummer {i}")
            )  # fmt: skip
    first = site.client.get("/findings", params={"q": "ekstra"}).text
    assert '<strong class="count">60</strong>' in first
    second = _listed(site, q="ekstra", page="2")
    assert len(_listed(site, q="ekstra")) == 50 and len(second) == 10
    assert "q=ekstra" in first and "page=2" in first  # the pager keeps the search
    for page in ("2", "3"):  # a page of matches, and one past the last
        later = site.client.get("/findings", params={"q": "ekstra", "page": page}).text
        assert '<strong class="count">60</strong>' in later

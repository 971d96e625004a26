"""Who sees an uploaded document (SQLite and PostgreSQL), and the limits on uploads:
per file and per request, with the refusal in the page's language naming the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

import monitor.models  # noqa: F401  (every table)
from monitor.auth.service import add_user
from monitor.db import Base, make_engine, transaction
from monitor.documents.models import Document
from monitor.settings import load_settings
from monitor.web.app import create_app
from monitor.web.i18n import translate
from tests.web.conftest import seed_database
from tests.web.test_authorisation import csrf_of

PASSWORD = "a long enough password 1"
CONTRACT = b"%PDF-1.4\n" + b"not really a contract " * 20


@dataclass
class Site:
    app: FastAPI
    engine: Engine


def make_site(database_url: str, **settings: object) -> Site:
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    seed_database(engine)
    with transaction(engine) as s:
        for email, roles, codes in (
            ("jurist@kk.dk", ["legal"], ["101"]),
            ("okonomi@kk.dk", ["finance"], ["101"]),
            ("jurist@aarhus.dk", ["legal"], ["751"]),
            ("admin@kl.dk", ["admin", "legal", "finance"], None),
        ):
            add_user(
                s,
                email=email,
                name=email,
                roles=roles,
                municipality_codes=codes or [],
                all_municipalities=codes is None,
                password=PASSWORD,
                actor="test",
            )
    app = create_app(settings=load_settings(database_url=database_url, **settings), engine=engine)
    app.state.queue_document = lambda document_id, kind: None  # left unread
    return Site(app, engine)


@pytest.fixture
def site(database_url: str) -> Iterator[Site]:
    site = make_site(database_url)
    yield site
    site.engine.dispose()


def signed_in_as(site: Site, email: str) -> tuple[TestClient, str]:
    client = TestClient(site.app)
    answer = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_of(client)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return client, csrf_of(client)


def upload(client: TestClient, csrf: str, data: bytes, name: str = "aftale.pdf") -> int:
    page = client.post(
        "/upload",
        data={"csrf_token": csrf, "kind": "contract"},
        files=[("files", (name, data, "application/pdf"))],
    )
    assert page.status_code == 200, page.text
    return page.status_code


def test_an_unread_upload_is_seen_by_its_uploader_and_admins_of_all_only(site: Site) -> None:
    uploader, csrf = signed_in_as(site, "jurist@kk.dk")
    upload(uploader, csrf, CONTRACT)
    with transaction(site.engine) as s:
        doc = s.scalars(select(Document).where(Document.filename == "aftale.pdf")).one()
        assert doc.uploaded_by == "jurist@kk.dk" and doc.source == "upload"
        doc_id = doc.id
    seen = {}
    for email in ("jurist@kk.dk", "okonomi@kk.dk", "jurist@aarhus.dk", "admin@kl.dk"):
        client, _ = signed_in_as(site, email)
        api = client.get(f"/api/v1/documents/{doc_id}").status_code
        listed = "aftale.pdf" in client.get("/upload").text
        seen[email] = (api, listed)
    assert seen == {
        "jurist@kk.dk": (200, True),
        "okonomi@kk.dk": (404, False),
        "jurist@aarhus.dk": (404, False),
        "admin@kl.dk": (200, True),
    }


def test_the_same_bytes_uploaded_by_another_are_stored_once_and_stay_hidden(
    site: Site,
) -> None:
    first, csrf = signed_in_as(site, "jurist@kk.dk")
    upload(first, csrf, CONTRACT)
    second, csrf2 = signed_in_as(site, "jurist@aarhus.dk")
    page = second.post(
        "/upload",
        data={"csrf_token": csrf2, "kind": "contract"},
        files=[("files", ("kopi.pdf", CONTRACT, "application/pdf"))],
    )
    assert page.status_code == 200 and 'data-state="duplicate"' in page.text
    assert "aftale.pdf" not in page.text
    with transaction(site.engine) as s:
        count = select(func.count()).select_from(Document).where(Document.source == "upload")
        assert s.scalar(count) == 1


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_file_over_the_per_file_limit_is_refused_naming_the_file(
    tmp_path: object, lang: str
) -> None:
    site = make_site(f"sqlite:///{tmp_path}/limits.db", max_upload_mb=1, max_request_mb=5)
    client, csrf = signed_in_as(site, "jurist@kk.dk")
    big = b"%PDF-1.4\n" + bytes(1024 * 1024 + 10)
    page = client.post(
        f"/upload?lang={lang}",
        data={"csrf_token": csrf, "kind": "contract"},
        files=[("files", ("stor-aftale.pdf", big, "application/pdf"))],
    )
    assert page.status_code == 400
    expected = translate("error.upload.too_large", lang, mb="1.0", limit="1")
    where = translate("error.where.file", lang, name="stor-aftale.pdf")
    assert f"{where}: {expected}" in page.text
    assert translate("upload.limits", lang, n=1, total=5) in client.get("/upload").text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_request_over_the_per_request_limit_is_refused_before_it_is_read(
    tmp_path: object, lang: str
) -> None:
    site = make_site(f"sqlite:///{tmp_path}/limits.db", max_upload_mb=1, max_request_mb=2)
    client, csrf = signed_in_as(site, "jurist@kk.dk")
    files = [
        ("files", (f"a{i}.pdf", b"%PDF-1.4\n" + bytes(900_000), "application/pdf"))
        for i in range(3)
    ]
    page = client.post(f"/upload?lang={lang}", data={"csrf_token": csrf}, files=files)
    assert page.status_code == 413
    assert translate("error.request_too_large", lang, mb=2) in page.text
    with transaction(site.engine) as s:
        assert (
            s.scalar(select(func.count()).select_from(Document).where(Document.source == "upload"))
            == 0
        )


def test_a_chunked_request_over_the_limit_is_refused_too(tmp_path: object) -> None:
    site = make_site(f"sqlite:///{tmp_path}/limits.db", max_request_mb=1)
    client, _ = signed_in_as(site, "jurist@kk.dk")

    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield bytes(600_000)

    answer = client.post(
        "/api/v1/documents",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert answer.status_code == 413
    assert "PRISVAGT_MAX_REQUEST_MB" in answer.json()["error"]


def _invoice_csv(number: str, buyer_cvr: str) -> bytes:
    return (
        "invoice_number,issue_date,description,quantity,unit_price,supplier_cvr,buyer_cvr,item_id\n"
        f"{number},2026-03-01,Brugerlicens ESDH,10,125.00,12345678,{buyer_cvr},LIC-100\n"
    ).encode()


def test_a_user_of_one_municipality_cannot_file_an_invoice_into_another(site: Site) -> None:
    """København's legal user uploads an invoice whose buyer is Aarhus: it is refused
    with the reason, nothing of it is stored and nothing is checked or emailed; an
    invoice of København from the same person is filed as usual."""
    from monitor.invoices import service as invoices
    from monitor.invoices.models import Invoice

    uploader, csrf = signed_in_as(site, "jurist@kk.dk")
    for name, cvr in (("aarhus.csv", "55133018"), ("kbh.csv", "64942212")):
        page = uploader.post(
            "/upload",
            data={"csrf_token": csrf, "kind": "invoice"},
            files=[("files", (name, _invoice_csv(f"X-{cvr}", cvr), "text/csv"))],
        )
        assert page.status_code == 200, page.text
    with transaction(site.engine) as s:
        docs = {d.filename: d.id for d in s.scalars(select(Document))}
    with transaction(site.engine) as s:
        assert invoices.parse(s, document_id=docs["aarhus.csv"]) == []
        filed = invoices.parse(s, document_id=docs["kbh.csv"])
    with transaction(site.engine) as s:
        refused = s.get(Document, docs["aarhus.csv"])
        assert refused is not None and refused.status == "failed"
        assert refused.error_reason == "outside_scope"
        assert "aarhus.csv" in refused.error and "Aarhus" in refused.error
        numbers = set(s.scalars(select(Invoice.number)))
        assert "X-55133018" not in numbers and "X-64942212" in numbers
        assert len(filed) == 1

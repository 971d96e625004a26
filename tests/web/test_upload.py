"""Uploading documents on /upload and through POST /api/v1/documents: stored once per
content, queued for reading after the commit, refused with the reason when not a
document. The queue is replaced by a double that parses the invoice at once, as the
in-process worker would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from monitor.db import transaction
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, render_oioubl_invoice
from monitor.documents.models import Document
from monitor.invoices import service as invoices
from monitor.invoices.models import Invoice
from tests.web.conftest import Seed

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def oioubl(number: str = "F-2026-0100") -> bytes:
    """A small OIOUBL invoice from the seeded vendor to København (EAN only)."""
    return render_oioubl_invoice(
        InvoiceSpec(
            number=number,
            issue_date=date(2026, 4, 1),
            due_date=date(2026, 5, 1),
            period_start=date(2026, 4, 1),
            period_end=date(2026, 4, 30),
            supplier=InvoiceParty(name="Kommunedata A/S", cvr="12345678"),
            buyer=InvoiceParty(name="København", cvr="64942212", ean="5798009882806"),
            lines=(
                InvoiceLineSpec(
                    line_id="1",
                    item_id="LIC-100",
                    description="Brugerlicens ESDH",
                    quantity=Decimal("10"),
                    unit_code="EA",
                    unit_price=Decimal("100.00"),
                ),
            ),
        )
    )


@pytest.fixture
def queued(app: FastAPI, engine: Engine) -> list[tuple[int, str]]:
    """Documents queued for reading; each invoice is parsed on the spot, like the
    in-process worker does after the request's commit."""
    calls: list[tuple[int, str]] = []

    def queue_document(document_id: int, kind: str) -> None:
        calls.append((document_id, kind))
        if kind == "invoice":
            with transaction(engine) as s:
                invoices.parse(s, document_id=document_id)

    app.state.queue_document = queue_document
    return calls


def _documents(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(Document)) or 0


def test_an_invoice_uploaded_twice_through_the_api_is_stored_once(
    client: TestClient, engine: Engine, queued: list[tuple[int, str]]
) -> None:
    before = _documents(engine)
    files = {"file": ("faktura.xml", oioubl(), "application/xml")}
    first = client.post("/api/v1/documents", files=files)
    assert first.status_code == 202
    body = first.json()
    assert (body["created"], body["kind"], body["filename"]) == (True, "invoice", "faktura.xml")
    second = client.post("/api/v1/documents", files={"file": ("copy.xml", oioubl(), "text/xml")})
    assert second.status_code == 202
    assert (second.json()["created"], second.json()["document_id"]) == (False, body["document_id"])
    assert _documents(engine) == before + 1
    assert queued == [(body["document_id"], "invoice")]  # queued once, after the commit
    with transaction(engine) as s:
        invoice = s.scalars(select(Invoice).where(Invoice.number == "F-2026-0100")).one()
        assert invoice.status == "assigned" and invoice.payable == Decimal("1250.00")
    assert second.json()["link"] == f"/invoices/{invoice.id}"
    status = client.get(f"/api/v1/documents/{body['document_id']}").json()
    assert (status["status"], status["link"]) == ("processed", f"/invoices/{invoice.id}")


def test_a_file_that_is_no_document_is_refused_with_the_reason(
    client: TestClient, engine: Engine, queued: list[tuple[int, str]]
) -> None:
    before = _documents(engine)
    response = client.post("/api/v1/documents", files={"file": ("foto.png", PNG, "image/png")})
    assert response.status_code == 400
    assert response.json()["error"] == (
        "foto.png: cannot tell whether this is a contract or an invoice; say which kind it is (contract or invoice)"
    )
    empty = client.post("/api/v1/documents", files={"file": ("tom.xml", b"", "text/xml")})
    assert empty.status_code == 400 and "the file is empty" in empty.json()["error"]
    assert _documents(engine) == before and queued == []
    assert client.get("/api/v1/documents/9999").status_code == 404


def test_the_upload_page_reports_each_file_stored_already_stored_or_failed(
    client: TestClient, engine: Engine, seed: Seed, queued: list[tuple[int, str]]
) -> None:
    page = client.get("/upload")
    assert page.status_code == 200
    assert 'type="file" multiple' in page.text
    assert '<a href="/upload" aria-current="page">Indlæs</a>' in page.text

    invoice = oioubl("F-2026-0200")
    files = [
        ("files", ("april.xml", invoice, "application/xml")),
        ("files", ("april-igen.xml", invoice, "application/xml")),
        ("files", ("foto.png", PNG, "image/png")),
    ]
    posted = client.post("/upload", files=files, follow_redirects=False)
    assert posted.status_code == 303 and posted.headers["location"] == "/upload"
    result = client.get("/upload")
    assert result.status_code == 200
    states = result.text.split('<ul class="plain outcomes">')[1].split("</ul>")[0]
    assert states.count('data-state="stored"') == 1
    assert states.count('data-state="duplicate"') == 1
    assert states.count('data-state="failed"') == 1
    assert (
        "Findes allerede" in states and "fil foto.png: Kan ikke se, om det er en kontrakt" in states
    )
    assert len(queued) == 1

    # once read, the same file again links to its invoice
    with transaction(engine) as s:
        invoice_id = s.scalars(select(Invoice.id).where(Invoice.number == "F-2026-0200")).one()
    again = client.post("/upload?lang=en", files=[("files", ("a.xml", invoice, "text/xml"))])
    assert again.history[0].status_code == 303 and again.status_code == 200
    assert "Already stored" in again.text
    assert f'<a href="/invoices/{invoice_id}">Open invoice</a>' in again.text
    assert len(queued) == 1


def test_after_an_upload_a_refresh_shows_the_page_and_posts_nothing_again(
    client: TestClient, engine: Engine, seed: Seed, queued: list[tuple[int, str]]
) -> None:
    """POST-redirect-GET: the answer to the upload is a redirect to the page showing
    the result once; reloading that page (what a browser's refresh does) reads it again
    and stores nothing."""
    before = _documents(engine)
    files = [("files", ("maj.xml", oioubl("F-2026-0300"), "application/xml"))]
    posted = client.post("/upload", files=files, follow_redirects=False)
    assert posted.status_code == 303 and posted.headers["location"] == "/upload"
    assert _documents(engine) == before + 1 and len(queued) == 1
    shown = client.get(posted.headers["location"])
    assert 'data-state="stored"' in shown.text and "maj.xml" in shown.text
    refreshed = client.get("/upload")
    assert refreshed.status_code == 200 and "data-state=" not in refreshed.text
    assert "maj.xml" in refreshed.text  # still listed among the recent documents
    assert _documents(engine) == before + 1 and len(queued) == 1


def test_the_result_of_a_large_upload_is_summarised_to_fit_the_session_cookie(
    client: TestClient, engine: Engine, seed: Seed, queued: list[tuple[int, str]]
) -> None:
    """The outcomes travel in the signed session cookie, which browsers drop over 4 KB
    (and the sign-in with it): what does not fit is counted, not listed."""
    long_name = "billede-" + "x" * 150
    files = [("files", ("juni.xml", oioubl("F-2026-0400"), "application/xml"))] + [
        ("files", (f"{long_name}-{n}.png", PNG, "image/png")) for n in range(40)
    ]
    posted = client.post("/upload", files=files, follow_redirects=False)
    assert posted.status_code == 303
    cookie = next(v for k, v in posted.headers.items() if k == "set-cookie" and "session" in v)
    assert len(cookie) < 4096
    page = client.get("/upload").text
    listed = page.split('<ul class="plain outcomes">')[1].split("</ul>")[0]
    shown = listed.count('data-state="failed"')
    assert listed.count('data-state="stored"') == 1 and 0 < shown < 40
    assert f"og {40 - shown} filer mere" in page


def test_an_upload_page_post_where_every_file_fails_answers_400(
    client: TestClient, engine: Engine, queued: list[tuple[int, str]]
) -> None:
    before = _documents(engine)
    result = client.post("/upload", files=[("files", ("foto.png", PNG, "image/png"))])
    assert result.status_code == 400
    assert "Fejlede" in result.text and "fil foto.png: Kan ikke se, om det er" in result.text
    english = client.post("/upload?lang=en", files=[("files", ("foto.png", PNG, "image/png"))])
    assert "file foto.png: Cannot tell whether this is a contract or an invoice" in english.text
    assert _documents(engine) == before and queued == []


def test_a_file_over_the_size_limit_is_refused(
    app: FastAPI, client: TestClient, engine: Engine, queued: list[tuple[int, str]]
) -> None:
    limit = app.state.settings.max_upload_mb * 1024 * 1024
    big = b"<x>" + b" " * limit + b"</x>"
    response = client.post("/api/v1/documents", files={"file": ("stor.xml", big, "text/xml")})
    assert response.status_code == 400 and "the limit is" in response.json()["error"]
    assert queued == []

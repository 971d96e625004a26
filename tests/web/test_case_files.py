"""Case files: the letter asking a vendor for a credit note (PDF text read back with
pypdfium2), the evidence ZIP, and recording the sending and the vendor's answer, which
resolves the findings through the review service; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from monitor.audit.models import AuditEntry
from monitor.casefiles import service
from monitor.casefiles.models import CaseFile
from monitor.db import create_all, make_engine, transaction
from monitor.documents.models import Document
from monitor.findings import review
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from monitor.parties.models import Municipality, Vendor
from tests.web.conftest import CLAUSE_TEXT, Seed, _invoice
from tests.web.legal_world import contract_pdf, scoped_client, store_contract_pdf

D = Decimal


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def claim(engine: Engine, seed: Seed) -> dict[str, int]:
    """The seed's price finding confirmed, and a second confirmed finding on another
    invoice (3 × (310,50 - 227,00) = 250,50 kr.); the invoices with stored documents."""
    data, _ = contract_pdf(CLAUSE_TEXT)
    store_contract_pdf(engine, seed.contract_id, data)
    with transaction(engine) as s:
        first = s.get(Finding, seed.price_finding_id)
        assert first is not None
        vendor_id, kbh = first.vendor_id, first.municipality_id
        invoice = _invoice(
            s,
            "F-2026-0107",
            vendor_id,
            kbh,
            [("4", "DRIFT-2", "Drift og hosting", D("3"), D("310.50"))],
        )
        s.flush()
        second = Finding(
            dedup_key="price_above_agreed:second",
            rule_id="price_above_agreed",
            severity="high",
            invoice_id=invoice.id,
            invoice_line_id=invoice.lines[0].id,
            contract_id=first.contract_id,
            municipality_id=kbh,
            vendor_id=vendor_id,
            agreed_unit_price=D("227.00"),
            invoiced_unit_price=D("310.50"),
            quantity=D("3"),
            overcharge=D("250.50"),
            message="Enhedsprisen 310,50 kr. er over den aftalte 227,00 kr.",
            evidence={"clause_text": "Drift og hosting pr. server: 227,00 kr.", "clause_page": 3},
        )
        s.add(second)
        for n, inv in enumerate([first.invoice, invoice]):
            doc = Document(
                sha256=f"{n}" * 64,
                filename=f"{inv.number}.xml",
                kind="invoice",
                size=10,
                content=f"<Invoice>{inv.number}</Invoice>".encode(),
            )
            s.add(doc)
            s.flush()
            inv.document_id = doc.id
        s.flush()
        for finding_id in (first.id, second.id):
            review.review(s, finding_id=finding_id, action="confirm", actor="jurist@kk.dk")
        return {"vendor": vendor_id, "first": first.id, "second": second.id}


def _create(client: TestClient, vendor: int, lang: str = "da") -> int:
    response = client.post(f"/case-files/vendors/{vendor}/101?lang={lang}", follow_redirects=False)
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/case-files/(\d+)\?saved=1", response.headers["location"])
    assert match
    return int(match.group(1))


def _pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    return " ".join(text.split())


def test_the_claimable_page_lists_confirmed_findings_and_the_letter_claims_each(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    overview = client.get("/case-files")
    assert f'data-claimable="{claim["vendor"]}-101"' in overview.text
    assert "1.250,50 kr." in overview.text
    page = client.get(f"/case-files/vendors/{claim['vendor']}/101")
    assert page.status_code == 200
    assert f'data-finding="{claim["first"]}"' in page.text
    assert f'data-finding="{claim["second"]}"' in page.text

    case_id = _create(client, claim["vendor"])
    letter = client.get(f"/case-files/{case_id}/letter.pdf")
    assert letter.status_code == 200
    assert letter.headers["content-type"] == "application/pdf"
    text = _pdf_text(letter.content)
    assert "Anmodning om kreditnota" in text
    assert "Kommunedata A/S" in text and "København" in text
    assert "Faktura F-2026-0042 af 1. marts 2026, linje 1: Brugerlicens ESDH" in text
    assert "Faktura F-2026-0107 af 1. marts 2026, linje 4: Drift og hosting" in text
    assert "side 3" in text and CLAUSE_TEXT in text
    assert "40 × (125,00 kr. - 100,00 kr.) = 1.000,00 kr." in text
    assert "3 × (310,50 kr. - 227,00 kr.) = 250,50 kr." in text
    assert "I alt til kreditering: 1.250,50 kr." in text
    assert f"prisvagt #{case_id}" in text

    # claimed: no longer waiting, and a second case file has nothing to claim
    assert f'data-claimable="{claim["vendor"]}-101"' not in client.get("/case-files").text
    again = client.post(f"/case-files/vendors/{claim['vendor']}/101")
    assert again.status_code == 400
    assert "ingen bekræftede fund" in again.text

    with transaction(engine) as s:
        case = s.get(CaseFile, case_id)
        assert case is not None and case.total == D("1250.50") and case.state == "draft"
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(("case_file.create", "finding.claimed")))
        ).all()
    assert sorted((e.action, e.entity_id) for e in entries) == sorted(
        [
            ("case_file.create", str(case_id)),
            ("finding.claimed", str(claim["first"])),
            ("finding.claimed", str(claim["second"])),
        ]
    )
    detail = client.get(f"/findings/{claim['first']}")
    assert f'data-case-file="{case_id}"' in detail.text


def test_the_letter_is_in_english_for_an_english_page(
    client: TestClient, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"], lang="en")
    text = _pdf_text(client.get(f"/case-files/{case_id}/letter.pdf").content)
    assert "Request for a credit note" in text
    assert "Invoice F-2026-0042 of 1 March 2026, line 1" in text
    assert "40 × (DKK 125.00 - DKK 100.00) = DKK 1,000.00" in text
    assert "Total to be credited: DKK 1,250.50" in text


def test_the_zip_holds_the_letter_the_contract_the_invoices_and_the_findings_csv(
    client: TestClient, engine: Engine, seed: Seed, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    response = client.get(f"/case-files/{case_id}/evidence.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    with transaction(engine) as s:
        contract_doc = s.scalar(select(Document).where(Document.filename == "kontrakt-kbh.pdf"))
        assert contract_doc is not None
        invoice_docs = {
            inv.number: s.get(Document, inv.document_id)
            for inv in s.scalars(select(Invoice).where(Invoice.document_id.is_not(None)))
        }
        contract_name = f"contracts/{contract_doc.id}-kontrakt-kbh.pdf"
        expected = {
            f"anmodning-om-kreditnota-{case_id}.pdf",
            "findings.csv",
            contract_name,
            *(f"invoices/{d.id}-{d.filename}" for d in invoice_docs.values() if d),
        }
        contract_bytes = contract_doc.content
        letter = s.get(CaseFile, case_id).letter  # type: ignore[union-attr]
    assert set(archive.namelist()) == expected
    assert archive.read(contract_name) == contract_bytes
    assert archive.read(f"anmodning-om-kreditnota-{case_id}.pdf") == letter
    rows = list(csv.DictReader(io.StringIO(archive.read("findings.csv").decode())))
    assert [(r["invoice_number"], r["overcharge"]) for r in rows] == [
        ("F-2026-0042", "1000.00"),
        ("F-2026-0107", "250.50"),
    ]
    assert rows[0]["clause"] == CLAUSE_TEXT and rows[0]["contract_page"] == "3"


def _findings(engine: Engine, *ids: int) -> list[tuple[str, Decimal]]:
    with transaction(engine) as s:
        return [(f.status, f.recovered) for f in (s.get(Finding, i) for i in ids) if f]


def test_sending_and_a_full_credit_are_recorded_and_resolve_the_findings(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    early = client.post(f"/case-files/{case_id}/answer", data={"answer": "accepted"})
    assert early.status_code == 400 and "markér sagsmappen som sendt" in early.text

    assert client.post(f"/case-files/{case_id}/sent", data={"via": "pigeon"}).status_code == 400
    sent = client.post(
        f"/case-files/{case_id}/sent",
        data={"via": "email", "note": "til kunde@kommunedata.example"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    answer = client.post(
        f"/case-files/{case_id}/answer",
        data={
            "answer": "accepted",
            "credited": "1.250,50",
            "answered_on": "2026-04-15",
            "note": "Kreditnota KN-88",
            "apply_credit": "1",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    with transaction(engine) as s:
        case = s.get(CaseFile, case_id)
        assert case is not None
        assert case.state == "answered" and case.sent_via == "email"
        assert case.credited == D("1250.50") and case.answered_on.isoformat() == "2026-04-15"
        actions = [
            e.action
            for e in s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "case_file", AuditEntry.entity_id == str(case_id))
                .order_by(AuditEntry.id)
            )
        ]
    assert actions == ["case_file.create", "case_file.sent", "case_file.answer"]
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("resolved", D("1000.00")),
        ("resolved", D("250.50")),
    ]
    page = client.get(f"/case-files/{case_id}")
    assert 'data-case-state="answered"' in page.text and "1.250,50 kr." in page.text
    twice = client.post(
        f"/case-files/{case_id}/answer", data={"answer": "rejected", "answered_on": "2026-04-16"}
    )
    assert twice.status_code == 400


def _credited(engine: Engine, case_id: int) -> list[tuple[int, Decimal]]:
    with transaction(engine) as s:
        case = s.get(CaseFile, case_id)
        assert case is not None
        return [(item.finding_id, item.credited) for item in case.items]


def test_a_partial_credit_resolves_only_the_findings_it_covers_in_the_letters_order(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    client.post(f"/case-files/{case_id}/sent", data={"via": "post"})
    response = client.post(
        f"/case-files/{case_id}/answer",
        data={"answer": "partly", "credited": "1.100,00", "apply_credit": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    # 1.100,00 covers the first claim (1.000,00) in full; the 100,00 left covers only
    # part of the second (250,50), which stays confirmed with 150,50 still owed and the
    # 100,00 recovered so far on it (the overview's money paid back counts it)
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("resolved", D("1000.00")),
        ("confirmed", D("100.00")),
    ]
    assert re.search(r"data-recovered>1\.100,00 kr\.<", client.get("/").text)
    assert _credited(engine, case_id) == [
        (claim["first"], D("1000.00")),
        (claim["second"], D("100.00")),
    ]
    page = client.get(f"/case-files/{case_id}")
    assert re.search(r"data-remainder>150,50 kr\.<", page.text), page.text
    row = page.text[page.text.index(f'data-finding="{claim["second"]}"') :]
    assert re.search(r"data-item-credited>100,00 kr\.<", row[: row.index("</tr>")])
    body = client.get(f"/api/v1/case-files/{case_id}").json()
    assert body["remainder"] == "150.50"
    assert [(c["status"], c["credited"]) for c in body["claims"]] == [
        ("resolved", "1000.00"),
        ("confirmed", "100.00"),
    ]
    history = client.get(f"/findings/{claim['second']}").text
    assert "history-credited" in history and "100,00 kr." in history


def test_a_credit_below_the_first_claim_resolves_no_finding(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    client.post(f"/case-files/{case_id}/sent", data={"via": "post"})
    response = client.post(
        f"/case-files/{case_id}/answer",
        data={"answer": "partly", "credited": "600,00", "apply_credit": "1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("confirmed", D("600.00")),  # recovered so far, still open with the rest
        ("confirmed", D("0.00")),
    ]
    assert _credited(engine, case_id) == [(claim["first"], D("600.00")), (claim["second"], D(0))]
    page = client.get(f"/case-files/{case_id}")
    assert re.search(r"data-remainder>650,50 kr\.<", page.text)


def test_a_credit_above_the_claim_needs_a_confirmation_and_a_reason(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    client.post(f"/case-files/{case_id}/sent", data={"via": "email"})
    refused = client.post(
        f"/case-files/{case_id}/answer",
        data={"answer": "accepted", "credited": "1.300,00", "apply_credit": "1"},
    )
    assert refused.status_code == 400
    assert 'name="confirm_excess"' in refused.text
    # nothing half-done: the answer and the findings are as before
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("confirmed", D("0.00")),
        ("confirmed", D("0.00")),
    ]
    with transaction(engine) as s:
        assert s.get(CaseFile, case_id).answer is None  # type: ignore[union-attr]

    ok = client.post(
        f"/case-files/{case_id}/answer",
        data={
            "answer": "accepted",
            "credited": "1.300,00",
            "apply_credit": "1",
            "confirm_excess": "1",
            "excess_reason": "Renter for sen betaling",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303, ok.text
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("resolved", D("1000.00")),
        ("resolved", D("300.00")),
    ]


def test_a_rejection_credits_nothing_and_leaves_the_findings_confirmed(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    client.post(f"/case-files/{case_id}/sent", data={"via": "digital_post"})
    with_credit = client.post(
        f"/case-files/{case_id}/answer", data={"answer": "rejected", "credited": "10,00"}
    )
    assert with_credit.status_code == 400
    rejected = client.post(
        f"/case-files/{case_id}/answer",
        data={"answer": "rejected", "note": "Leverandøren bestrider prisen"},
        follow_redirects=False,
    )
    assert rejected.status_code == 303
    assert _findings(engine, claim["first"], claim["second"]) == [
        ("confirmed", D("0.00")),
        ("confirmed", D("0.00")),
    ]


def test_another_municipality_sees_no_case_file_and_cannot_make_one(
    app: FastAPI, client: TestClient, claim: dict[str, int]
) -> None:
    case_id = _create(client, claim["vendor"])
    aarhus = scoped_client(app, codes=["751"], roles=["legal", "finance", "admin"])
    for url in (
        f"/case-files/{case_id}",
        f"/case-files/{case_id}/letter.pdf",
        f"/case-files/{case_id}/evidence.zip",
        f"/case-files/vendors/{claim['vendor']}/101",
    ):
        assert aarhus.get(url).status_code == 404, url
    assert f'data-case-file="{case_id}"' not in aarhus.get("/case-files").text
    finance = scoped_client(app, codes=["101"], roles=["finance"])
    assert finance.post(f"/case-files/{case_id}/sent", data={"via": "email"}).status_code == 403
    with pytest.raises(AssertionError):
        _create(finance, claim["vendor"])


def test_vendor_names_in_the_letter_are_escaped(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    with transaction(engine) as s:
        vendor = s.get(Vendor, claim["vendor"])
        assert vendor is not None
        vendor.name = "Data & <Drift> A/S"
    case_id = _create(client, claim["vendor"])
    assert "Data & <Drift> A/S" in _pdf_text(
        client.get(f"/case-files/{case_id}/letter.pdf").content
    )


def test_the_answer_date_defaults_to_today_in_denmark_by_the_apps_clock(
    app: FastAPI, client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    """22:30 UTC on 20 April is already 21 April in Copenhagen (summer time): the
    letter's date, the answer form's default date and the answer's date say so, and the
    case file's moments are the clock's."""
    moment = datetime(2026, 4, 20, 22, 30, tzinfo=UTC)
    app.state.clock = lambda: moment
    case_id = _create(client, claim["vendor"])
    letter = _pdf_text(client.get(f"/case-files/{case_id}/letter.pdf").content)
    assert "21. april 2026" in letter and "20. april 2026" not in letter
    client.post(f"/case-files/{case_id}/sent", data={"via": "email"})
    page = client.get(f"/case-files/{case_id}")
    assert 'name="answered_on" type="date" value="2026-04-21"' in page.text
    answer = client.post(
        f"/case-files/{case_id}/answer",
        data={"answer": "rejected", "note": "Afvist"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    with transaction(engine) as s:
        case = s.get(CaseFile, case_id)
        assert case is not None and case.answered_on == date(2026, 4, 21)
        assert case.created_at == case.sent_at == case.answer_recorded_at == moment


# ------------------------------------------------- two people claiming the same findings
def _shown_ids(page_text: str) -> list[int]:
    """The finding ids the claimable page's form will send."""
    return [int(i) for i in re.findall(r'name="finding" value="(\d+)"', page_text)]


def _kbh(engine: Engine, finding_id: int) -> int:
    with transaction(engine) as s:
        finding = s.get(Finding, finding_id)
        assert finding is not None
        return finding.municipality_id


def _stored(engine: Engine) -> tuple[list[int], list[tuple[str, str]]]:
    """Every case file's id, and the audit entries of making case files."""
    with transaction(engine) as s:
        cases = list(s.scalars(select(CaseFile.id).order_by(CaseFile.id)))
        entries = sorted(
            (e.action, e.entity_id)
            for e in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.action.in_(("case_file.create", "finding.claimed"))
                )
            )
        )
    return cases, entries


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_finding_claimed_after_the_page_was_loaded_refuses_the_case_file_whole(
    client: TestClient, engine: Engine, claim: dict[str, int], lang: str
) -> None:
    url = f"/case-files/vendors/{claim['vendor']}/101"
    shown = _shown_ids(client.get(f"{url}?lang={lang}").text)
    assert shown == [claim["first"], claim["second"]]
    # meanwhile a colleague makes a case file of the first finding, in their own transaction
    with transaction(engine) as s:
        other = service.create(
            s,
            vendor_id=claim["vendor"],
            municipality_id=_kbh(engine, claim["first"]),
            actor="kollega@kk.dk",
            finding_ids=[claim["first"]],
        ).id
    before = _stored(engine)

    response = client.post(url, data={"finding": shown}, follow_redirects=False)
    assert response.status_code == 409, response.text
    expected = {
        "da": f"Fund #{claim['first']} er allerede krævet i sagsmappe #{other}. Intet er gemt",
        "en": f"Finding #{claim['first']} is already claimed in case file #{other}. "
        "Nothing was stored",
    }[lang]
    assert expected in response.text
    assert f'data-claimed="{claim["first"]}"' in response.text
    assert f'href="/case-files/{other}"' in response.text
    # nothing half-stored: no new case file, no claim of the second finding
    assert _stored(engine) == before
    # the page now offers what is left: the second finding alone, which can be claimed
    assert _shown_ids(response.text) == [claim["second"]]
    made = _create(client, claim["vendor"])
    assert made != other
    with transaction(engine) as s:
        case = s.get(CaseFile, made)
        assert case is not None and [i.finding_id for i in case.items] == [claim["second"]]


def test_a_finding_dismissed_after_the_page_was_loaded_is_named_too(
    client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    url = f"/case-files/vendors/{claim['vendor']}/101"
    shown = _shown_ids(client.get(f"{url}?lang=en").text)
    with transaction(engine) as s:
        review.review(
            s, finding_id=claim["second"], action="dismiss", actor="kollega", note="Aftalt pris"
        )
    before = _stored(engine)
    response = client.post(url, data={"finding": shown}, follow_redirects=False)
    assert response.status_code == 409, response.text
    assert f"Finding #{claim['second']} is no longer confirmed for this vendor" in response.text
    assert _stored(engine) == before
    assert _shown_ids(response.text) == [claim["first"]]


def test_a_case_file_made_at_the_same_moment_is_caught_by_the_unique_index(
    app: FastAPI, client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    """The colleague's case file is committed after this request checked the findings
    and before it inserts its own: the unique index refuses the insert."""
    url = f"/case-files/vendors/{claim['vendor']}/101"
    shown = _shown_ids(client.get(url).text)
    kbh = _kbh(engine, claim["first"])
    others: list[int] = []

    def colleague_first(session: Session, _context: object, _instances: object) -> None:
        if others or not any(isinstance(o, CaseFile) for o in session.new):
            return
        with transaction(engine) as s:  # another connection, committed at once
            others.append(
                service.create(
                    s,
                    vendor_id=claim["vendor"],
                    municipality_id=kbh,
                    actor="kollega@kk.dk",
                    finding_ids=[claim["second"]],
                ).id
            )

    event.listen(app.state.session_factory, "before_flush", colleague_first)
    try:
        response = client.post(url, data={"finding": shown}, follow_redirects=False)
    finally:
        event.remove(app.state.session_factory, "before_flush", colleague_first)
    assert others, "the colleague's case file was made during the request"
    assert response.status_code == 409, response.text
    assert f"Fund #{claim['second']} er allerede krævet i sagsmappe #{others[0]}" in response.text
    cases, entries = _stored(engine)
    assert cases == others
    assert entries == sorted(
        [("case_file.create", str(others[0])), ("finding.claimed", str(claim["second"]))]
    )
    assert _shown_ids(response.text) == [claim["first"]]


# ------------------------------------------------------------------------ the JSON API
API = "/api/v1/case-files"


def test_the_api_lists_case_files_with_filters_and_shows_one_with_its_findings(
    app: FastAPI, client: TestClient, engine: Engine, claim: dict[str, int]
) -> None:
    url = f"/case-files/vendors/{claim['vendor']}/101"
    first = client.post(url, data={"finding": [claim["first"]]}, follow_redirects=False)
    answered = int(first.headers["location"].split("/")[2].split("?")[0])
    client.post(f"/case-files/{answered}/sent", data={"via": "email"})
    client.post(
        f"/case-files/{answered}/answer",
        data={
            "answer": "partly",
            "credited": "900,00",
            "answered_on": "2026-04-15",
            "apply_credit": "1",
        },
    )
    draft = _create(client, claim["vendor"])  # the second finding, left unsent
    with transaction(engine) as s:  # and one of Aarhus's, made by hand
        aarhus = s.scalar(select(Municipality).where(Municipality.code == "751"))
        assert aarhus is not None
        other = CaseFile(
            vendor_id=claim["vendor"],
            municipality_id=aarhus.id,
            total=D("10.00"),
            letter=b"%PDF-1.4",
            created_by="jurist@aarhus.dk",
        )
        s.add(other)
        s.flush()
        other_id = other.id

    def ids(**params: object) -> list[int]:
        response = client.get(API, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["total"] == len(body["items"]) and body["next"] is None
        return sorted(c["id"] for c in body["items"])

    assert ids() == sorted([answered, draft, other_id])
    assert ids(municipality="101") == sorted([answered, draft])
    assert ids(municipality="751") == [other_id]
    assert ids(status="draft") == sorted([draft, other_id])
    assert ids(status="answered") == [answered]
    assert ids(status="sent") == []
    assert ids(vendor="12345678", municipality="101", status="draft") == [draft]
    assert ids(vendor="99999999") == []
    assert client.get(API, params={"status": "lost"}).status_code == 422
    paged = client.get(API, params={"limit": 1, "offset": 1, "municipality": "101"}).json()
    assert paged["total"] == 2 and len(paged["items"]) == 1 and paged["next"] is None
    first_page = client.get(API, params={"limit": 1, "municipality": "101"}).json()
    assert first_page["next"] == f"{API}?limit=1&municipality=101&offset=1"
    assert {first_page["items"][0]["id"], paged["items"][0]["id"]} == {answered, draft}

    listed = {c["id"]: c for c in client.get(API).json()["items"]}
    assert listed[answered]["status"] == "answered" and listed[answered]["credited"] == "900.00"
    assert listed[draft]["total"] == "250.50" and listed[draft]["findings"] == 1
    assert listed[draft]["municipality_name"] == "København"

    one = client.get(f"{API}/{answered}")
    assert one.status_code == 200
    body = one.json()
    assert body["answer"] == "partly" and body["answered_on"] == "2026-04-15"
    assert body["sent_via"] == "email" and body["total"] == "1000.00"
    assert body["remainder"] == "100.00"
    assert body["letter_url"] == f"/case-files/{answered}/letter.pdf"
    [claimed] = body["claims"]
    assert claimed["finding_id"] == claim["first"] and claimed["claimed"] == "1000.00"
    # 900,00 of the 1.000,00 claimed: the finding stays open (confirmed) for the rest,
    # with what was credited recovered so far
    assert claimed["status"] == "confirmed" and claimed["recovered"] == "900.00"
    assert claimed["credited"] == "900.00"
    assert claimed["invoice_number"] == "F-2026-0042" and claimed["quantity"] == "40"
    assert client.get(f"{API}/424242").status_code == 404

    # Aarhus sees its own case file only
    aarhus_client = scoped_client(app, codes=["751"], roles=["legal"])
    assert [c["id"] for c in aarhus_client.get(API).json()["items"]] == [other_id]
    assert aarhus_client.get(f"{API}/{answered}").status_code == 404


def test_the_case_file_api_is_documented_with_examples(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {API, f"{API}/{{case_file_id}}"} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"][API]["get"]["parameters"]}
    assert {"municipality", "vendor", "status", "limit", "offset"} <= parameters
    models = schema["components"]["schemas"]
    for name in ("CaseFileOut", "CaseFileDetailOut", "ClaimedFindingOut"):
        assert models[name]["examples"], name
    assert models["CaseFileDetailOut"]["examples"][0]["claims"][0]["claimed"] == "1000.00"

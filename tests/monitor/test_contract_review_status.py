"""A contract whose reading is incomplete is stored "needs review", shown with the price
rows that were not read, and raises no alarm until legal confirms it: its findings are
preliminary and send no email, and nothing is reported as unpriced under it. Confirming
it makes the findings final and sends one email per invoice, once. A contract read
completely is "complete" and alarms at once, as before. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from extractors.types import (
    ContractParty,
    ContractTerms,
    ExtractedPriceTerm,
    Unit,
    UnreadPrice,
)
from monitor.alerts.models import Alert
from monitor.alerts.periodic import queue_digests
from monitor.cli.main import app
from monitor.contracts.service import store_terms
from monitor.db import transaction
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, render_oioubl_invoice
from monitor.demo.parties import make_cvr, make_gln
from monitor.findings.models import Finding
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from monitor.settings import get_settings
from monitor.web.app import create_app
from tests.signin import signed_in

D = Decimal
runner = CliRunner()
BUYER_CVR = make_cvr(29189900)
VENDOR_CVR = make_cvr(31415900)
BUYER_EAN = make_gln("579800000123")
UNREAD_ROW = "7 | Særlig rådgivning | efter regning | kr. 1.200,00"
FINANCE = "okonomi@kommune.example.dk"


def _parties(*, immediate_min_severity: str = "medium") -> None:
    with transaction() as s:
        muni = Municipality(code="730", name="Randers Kommune", cvr=BUYER_CVR, population=99000)
        muni.eans.append(MunicipalityEan(ean=BUYER_EAN))
        muni.contacts.append(
            Contact(role="finance", email=FINANCE, immediate_min_severity=immediate_min_severity)
        )
        s.add_all([muni, Vendor(cvr=VENDOR_CVR, name="Driftspartner A/S")])


def _terms(*, unread: list[UnreadPrice]) -> ContractTerms:
    """A contract as the extractor returns it: one price read, maybe rows not read."""
    return ContractTerms(
        language="da",
        title="Driftsaftale om fagsystem",
        parties=[
            ContractParty(name="Randers Kommune", role="buyer", cvr=BUYER_CVR),
            ContractParty(name="Driftspartner A/S", role="vendor", cvr=VENDOR_CVR),
        ],
        effective_date=date(2026, 1, 1),
        expiry_date=date(2029, 12, 31),
        payment_days=30,
        price_terms=[
            ExtractedPriceTerm(
                item_id="LIC-1",
                description="Brugerlicens fagsystem",
                unit=Unit.USER_MONTH,
                unit_price=D("100.00"),
                page=11,
            )
        ],
        unread_prices=unread,
        price_candidates=1 + len(unread),
    )


def _store_contract(terms: ContractTerms) -> int:
    with transaction() as s:
        return store_terms(s, terms=terms, document_id=None).id


def _ingest_invoice(
    tmp_path: Path, number: str, *, items: tuple[str, str] = ("LIC-1", "RAD-7")
) -> None:
    """An invoice billing the priced licence above the agreed price (10 x 125,00 against
    100,00) and the item of the unread row (2 hours at 1.200,00), with these item ids."""
    spec = InvoiceSpec(
        number=number,
        issue_date=date(2026, 3, 1),
        due_date=date(2026, 3, 31),
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 31),
        supplier=InvoiceParty(name="Driftspartner A/S", cvr=VENDOR_CVR),
        buyer=InvoiceParty(name="Randers Kommune", cvr=BUYER_CVR, ean=BUYER_EAN),
        lines=(
            InvoiceLineSpec("1", items[0], "Brugerlicens fagsystem", D("10"), "EA", D("125.00")),
            InvoiceLineSpec("2", items[1], "Særlig rådgivning", D("2"), "HUR", D("1200.00")),
        ),
    )
    path = tmp_path / f"{number}.xml"
    path.write_bytes(render_oioubl_invoice(spec))
    result = runner.invoke(app, ["ingest", str(path), "--kind", "invoice"])
    assert result.exit_code == 0, result.output


def _findings(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["findings", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _emails() -> list[Path]:
    return sorted(get_settings().outbox_dir.rglob("*.eml"))


def _alerts() -> list[Alert]:
    with transaction() as s:
        alerts = list(s.scalars(select(Alert).order_by(Alert.id)))
        s.expunge_all()
        return alerts


@pytest.fixture
def pending(app_env: object, tmp_path: Path) -> int:
    """A contract with an unread price row, and an invoice under it: the contract id."""
    _parties()
    contract_id = _store_contract(
        _terms(unread=[UnreadPrice(text=UNREAD_ROW, page=12, reason="no unit found")])
    )
    _ingest_invoice(tmp_path, "F-7001")
    return contract_id


def test_a_contract_with_unread_rows_needs_review_and_shows_them(pending: int) -> None:
    shown = runner.invoke(app, ["contracts", "show", str(pending)])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["review_status"] == "needs_review"
    (row,) = data["unread_prices"]
    assert row == {
        "id": row["id"], "page": 12, "text": UNREAD_ROW, "reason": "no unit found", "bbox": None
    }  # fmt: skip
    assert data["review_reasons"] == [f"price not read on page 12: {UNREAD_ROW} (no unit found)"]
    assert data["preliminary_findings"] == 1

    text = runner.invoke(app, ["contracts", "show", str(pending), "--format", "text"]).stdout
    assert "review: needs review" in text
    assert f"page 12: {UNREAD_ROW} (no unit found)" in text
    # what legal checks against the document: the contract's own terms, and each
    # price's unit, band and VAT basis
    assert f"  period: {data['effective_date'] or '?'} – {data['expiry_date'] or '?'}" in text
    assert f"  most-favoured customer: {'yes' if data['mfn'] else 'no'}" in text
    for term in data["price_terms"]:
        assert f"{term['unit_price']} {term['currency']} {term['unit']} {term['vat']}. VAT" in text

    listed = runner.invoke(app, ["contracts", "list", "--needs-review"])
    assert listed.exit_code == 0, listed.output
    assert "1 of 1 contracts need review" in listed.stdout
    complete = runner.invoke(app, ["contracts", "list", "--review", "complete"]).stdout
    assert "Randers" not in complete and "need review" not in complete


def test_the_contract_page_lists_the_status_reasons_and_unread_rows(pending: int) -> None:
    client = signed_in(TestClient(create_app(queue_recheck=lambda ids: None)))
    da = client.get(f"/contracts/{pending}")
    assert da.status_code == 200
    assert "Kræver gennemgang" in da.text and 'data-review-status="needs_review"' in da.text
    assert 'data-unread-page="12"' in da.text and "Særlig rådgivning | efter regning" in da.text
    assert "1 foreløbige fund venter på gennemgangen" in da.text
    assert "Bekræft kontrakten som gennemgået" in da.text
    en = client.get(f"/contracts/{pending}?lang=en")
    assert "Needs review" in en.text and "Price rows not read" in en.text
    assert "price not read on page 12" in en.text


def test_before_review_findings_are_preliminary_send_nothing_and_nothing_is_unpriced(
    pending: int,
) -> None:
    found = _findings()
    assert [(f["rule"], f["preliminary"]) for f in found] == [("price_above_agreed", True)]
    assert D(str(found[0]["overcharge"])) == D("250.00")
    assert _findings("--final") == [] and len(_findings("--preliminary")) == 1
    assert _alerts() == [] and _emails() == []
    table = runner.invoke(app, ["findings"]).stdout
    assert "1 findings, overcharge DKK 250.00 (each krone once), price gap DKK 0.00" in table
    assert "; 1 preliminary" in table

    client = signed_in(TestClient(create_app(queue_recheck=lambda ids: None)))
    page = client.get(f"/findings/{found[0]['id']}?lang=en")
    assert "Preliminary finding" in page.text and "data-preliminary" in page.text
    listed = client.get("/findings?preliminary=true&lang=da")
    assert f'data-finding-id="{found[0]["id"]}"' in listed.text and "Foreløbig" in listed.text
    assert 'data-finding-id="' not in client.get("/findings?preliminary=false").text
    api = client.get("/api/v1/findings").json()["items"]
    assert [f["preliminary"] for f in api] == [True]


def test_confirming_the_contract_makes_findings_final_and_sends_one_email_per_invoice(
    pending: int, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["contracts", "confirm", str(pending), "--actor", "jura@k.dk"])
    assert result.exit_code == 0, result.output
    assert "reviewed" in result.stdout

    shown = json.loads(runner.invoke(app, ["contracts", "show", str(pending)]).stdout)
    assert shown["review_status"] == "reviewed" and shown["reviewed_by"] == "jura@k.dk"
    assert shown["preliminary_findings"] == 0
    found = {f["rule"]: f for f in _findings()}
    # reviewed, the contract's price list is what was agreed: the unread item is unpriced
    assert set(found) == {"price_above_agreed", "unpriced_item"}
    assert not any(f["preliminary"] for f in found.values())
    alerts = _alerts()
    assert [(a.kind, a.status, a.recipient) for a in alerts] == [("immediate", "sent", FINANCE)]
    assert len(_emails()) == 1

    # exactly once: confirming again and re-checking everything sends nothing more
    assert runner.invoke(app, ["contracts", "confirm", str(pending)]).exit_code == 0
    assert runner.invoke(app, ["check", "--all"]).exit_code == 0
    assert len(_alerts()) == 1 and len(_emails()) == 1

    # a new invoice under the reviewed contract alarms at once, like under any contract
    _ingest_invoice(tmp_path, "F-7002")
    assert len(_alerts()) == 2 and len(_emails()) == 2


def test_a_contract_read_completely_is_complete_and_alarms_at_once(
    app_env: object, tmp_path: Path
) -> None:
    _parties()
    contract_id = _store_contract(_terms(unread=[]))
    _ingest_invoice(tmp_path, "F-7101")

    data = json.loads(runner.invoke(app, ["contracts", "show", str(contract_id)]).stdout)
    assert data["review_status"] == "complete"
    assert data["review_reasons"] == [] and data["unread_prices"] == []
    found = _findings()
    assert {f["rule"] for f in found} == {"price_above_agreed", "unpriced_item"}
    assert not any(f["preliminary"] for f in found)
    assert len(_alerts()) == 1 and len(_emails()) == 1
    assert "needs review" not in runner.invoke(app, ["contracts", "list"]).stdout


def test_the_digest_holds_preliminary_findings_until_the_contract_is_reviewed(
    app_env: object, tmp_path: Path
) -> None:
    """Finance hears only of critical findings at once: the rest wait for the digest,
    which leaves out preliminary findings and takes them in once they are final."""
    _parties(immediate_min_severity="critical")
    contract_id = _store_contract(
        _terms(unread=[UnreadPrice(text=UNREAD_ROW, page=12, reason="no unit found")])
    )
    _ingest_invoice(tmp_path, "F-7201")
    today = date.today()
    with transaction() as s:
        assert queue_digests(s, day=today) == []
    assert runner.invoke(app, ["contracts", "confirm", str(contract_id)]).exit_code == 0
    with transaction() as s:
        digests = queue_digests(s, day=today)
        assert [a.kind for a in digests] == ["digest"]
        linked = {link.finding_id for link in digests[0].findings}
        final = set(s.scalars(select(Finding.id).where(Finding.preliminary.is_(False))))
        assert linked == final and len(final) == 2


def _contract_pdf(path: Path, *, unread_row: bool) -> Path:
    """A short Danish operations contract whose price appendix (page 2) prices a licence
    and hosting; with ``unread_row`` also a row whose unit ("efter regning") is none."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading2"]
    rows = [
        ["Nr.", "Ydelse", "Enhed", "Pris"],
        ["1", "Brugerlicens fagsystem", "pr. bruger pr. måned", "kr. 100,00"],
        ["2", "Drift og hosting", "pr. måned", "kr. 12.500,00"],
    ]
    if unread_row:
        rows.append(["7", "Særlig rådgivning", "efter regning", "kr. 1.200,00"])
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [
        Paragraph("Driftsaftale om fagsystem", styles["Title"]),
        Paragraph(
            f"Kontrakten er indgået mellem Randers Kommune, CVR-nr. {BUYER_CVR} (Kunden) og "
            f"Driftspartner A/S, CVR-nr. {VENDOR_CVR} (Leverandøren).",
            body,
        ),
        Paragraph("1. Kontraktperiode", heading),
        Paragraph(
            "Kontrakten træder i kraft den 1. januar 2026 og udløber den 31. december 2029.",
            body,
        ),
        Paragraph("2. Betaling", heading),
        Paragraph("Betalingsbetingelser: 30 dage netto.", body),
        PageBreak(),
        Paragraph("Bilag 2 Priser", styles["Heading1"]),
        Paragraph("Alle priser er i DKK ekskl. moms.", body),
        table,
    ]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


def test_a_contract_pdf_with_a_row_without_unit_is_held_until_reviewed(
    app_env: object, tmp_path: Path
) -> None:
    """End to end from the PDF: the extractor lists the row it could not read, the
    contract needs review, and the invoice under it alarms only after the review."""
    _parties()
    pdf = _contract_pdf(tmp_path / "driftsaftale.pdf", unread_row=True)
    result = runner.invoke(app, ["ingest", str(pdf), "--kind", "contract"])
    assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert data["status"] == "active" and data["review_status"] == "needs_review"
    assert [(u["page"], "Særlig rådgivning" in u["text"]) for u in data["unread_prices"]] == [
        (2, True)
    ]
    assert "1.200,00" in data["unread_prices"][0]["text"]
    assert any("page 2" in reason for reason in data["review_reasons"])
    assert {t["item_id"]: t["unit_price"] for t in data["price_terms"]} == {
        "1": "100.00",
        "2": "12500.00",
    }

    _ingest_invoice(tmp_path, "F-7301", items=("1", "7"))
    assert [(f["rule"], f["preliminary"]) for f in _findings()] == [("price_above_agreed", True)]
    assert _alerts() == [] and _emails() == []

    assert runner.invoke(app, ["contracts", "confirm", "1"]).exit_code == 0
    found = _findings()
    assert {f["rule"] for f in found} == {"price_above_agreed", "unpriced_item"}
    assert not any(f["preliminary"] for f in found)
    assert len(_alerts()) == 1 and len(_emails()) == 1


def test_a_contract_pdf_read_completely_is_complete(app_env: object, tmp_path: Path) -> None:
    _parties()
    pdf = _contract_pdf(tmp_path / "driftsaftale.pdf", unread_row=False)
    assert runner.invoke(app, ["ingest", str(pdf), "--kind", "contract"]).exit_code == 0
    data = json.loads(runner.invoke(app, ["contracts", "show", "1"]).stdout)
    assert data["review_status"] == "complete" and data["unread_prices"] == []
    _ingest_invoice(tmp_path, "F-7401", items=("1", "7"))
    assert not any(f["preliminary"] for f in _findings())
    assert len(_emails()) == 1

"""Finance's exports: findings and invoices as CSV and Excel, from the API and linked
from the list pages with their filters; money exact to the øre, dates as dates,
headers in the reader's language, text never a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from decimal import Decimal

import openpyxl
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice
from tests.web.conftest import Seed

D = Decimal


def rows_of(response_text: str) -> list[list[str]]:
    """The rows of a CSV export: ``;`` between cells in Danish (as a Danish spreadsheet
    opens it), ``,`` in English."""
    assert response_text.startswith("\ufeff")
    danish = response_text.split("\n", 1)[0].count(";") > 0
    return list(csv.reader(io.StringIO(response_text[1:]), delimiter=";" if danish else ","))


def workbook(content: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_findings_as_csv_with_danish_headers_and_the_lists_filters(
    client: TestClient, seed: Seed
) -> None:
    response = client.get("/api/v1/findings/export", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="findings-')
    rows = rows_of(response.text)
    header = rows[0]
    assert header[:3] == ["Fund nr.", "Faktura", "Fakturadato"]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Fund nr."] == str(seed.price_finding_id)
    # a Danish spreadsheet's numbers (decimal comma) and words, not codes
    assert (first["Overpris"], first["Antal"], first["Aftalt enhedspris"]) == (
        "1000,00",
        "40",
        "100,00",
    )
    assert (first["Fakturadato"], first["Kommunekode"], first["Status"]) == (
        "2026-03-01",
        "101",
        "Åben",
    )
    assert (first["Regel"], first["Alvor"], first["Beløbstype"]) == (
        "Pris over aftalt pris",
        first["Alvor"],
        "Overpris",
    ) and first["Alvor"] in ("Lav", "Middel", "Høj", "Kritisk")
    assert len(rows) == 3
    only_aarhus = rows_of(client.get("/api/v1/findings/export?municipality=751").text)
    assert [r[0] for r in only_aarhus[1:]] == [str(seed.payment_finding_id)]


def test_text_that_would_be_a_formula_stays_text_in_csv_and_excel(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    evil = '=HYPERLINK("http://evil.example","klik")'
    with transaction(engine) as s:
        s.execute(update(Finding).where(Finding.id == seed.price_finding_id).values(message=evil))
        s.execute(update(Invoice).where(Invoice.id == seed.invoice_id).values(number="-2+3"))
    rows = rows_of(client.get("/api/v1/findings/export").text)
    assert rows[1][-1] == "'" + evil and rows[1][1] == "'-2+3"
    sheet = workbook(client.get("/api/v1/findings/export?format=xlsx").content)
    message = sheet.cell(row=2, column=sheet.max_column)
    assert message.value == evil and message.data_type == "s"
    assert sheet.cell(row=2, column=2).value == "-2+3"


def test_findings_as_excel_keep_money_exact_and_dates_as_dates(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    with transaction(engine) as s:
        s.execute(
            update(Finding)
            .where(Finding.id == seed.price_finding_id)
            .values(overcharge=D("1234567.89"), recovered=D("0.01"))
        )
    response = client.get("/api/v1/findings/export", params={"format": "xlsx", "lang": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = workbook(response.content)
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Finding no.", "Invoice", "Invoice date"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["N"].width == 32  # the description
    row = dict(zip(header, sheet[2], strict=True))
    overcharge = row["Overcharge"]
    assert overcharge.data_type == "n" and overcharge.number_format == "#,##0.00"
    assert D(str(overcharge.value)) == D("1234567.89")
    assert D(str(row["Recovered"].value)) == D("0.01")
    assert row["Quantity"].value == 40 and row["Finding no."].value == seed.price_finding_id
    assert row["Invoice date"].is_date and row["Invoice date"].value == datetime(2026, 3, 1)
    # the stored text of the cell is the amount's own digits, not a binary float's
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1234567.89</v>" in xml and "<v>0.01</v>" in xml
    assert sheet.max_row == 3


def test_invoices_as_csv_and_excel_with_the_filters(client: TestClient, seed: Seed) -> None:
    rows = rows_of(client.get("/api/v1/invoices/export?lang=en&sort=oldest").text)
    assert rows[0][:4] == ["Invoice id", "Invoice", "Document type", "Invoice date"]
    by_header = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [(r["Invoice"], r["Payable"], r["Overcharge"]) for r in by_header] == [
        ("F-2026-0042", "8625.00", "1000.00"),
        ("F-2026-0043", "3750.00", "0.00"),
    ]
    # the language asked for is remembered (a cookie) until another is asked for
    params = {"format": "xlsx", "municipality": "751"}
    assert workbook(client.get("/api/v1/invoices/export", params=params).content)["A1"].value == (
        "Invoice id"
    )
    sheet = workbook(client.get("/api/v1/invoices/export", params={**params, "lang": "da"}).content)
    assert [c.value for c in sheet[1]][:2] == ["Faktura-id", "Faktura"]
    assert sheet.max_row == 2 and sheet.cell(row=2, column=2).value == "F-2026-0043"
    assert D(str(sheet.cell(row=2, column=15).value)) == D("3750.00")  # payable


def test_an_unknown_format_is_refused(client: TestClient, seed: Seed) -> None:
    response = client.get("/api/v1/findings/export", params={"format": "pdf"})
    assert response.status_code == 422 and "format" in response.json()["error"]


def test_a_large_export_streams_every_row_in_order(
    client: TestClient, seed: Seed, engine: Engine
) -> None:
    with transaction(engine) as s:
        s.add_all(
            Finding(
                dedup_key=f"bulk:{i}",
                rule_id="duplicate_billing",
                severity="medium",
                invoice_id=seed.invoice_id,
                municipality_id=1,
                overcharge=D(i) / 100,
                message=f"bulk {i}",
            )
            for i in range(1, 1201)
        )
    response = client.get("/api/v1/findings/export", params={"rule": "duplicate_billing"})
    rows = rows_of(response.text)[1:]
    assert len(rows) == 1200
    amounts = [D(r[17].replace(",", ".")) for r in rows]  # Danish: a decimal comma
    assert amounts == sorted(amounts, reverse=True) and amounts[0] == D("12.00")
    assert sum(amounts) == D("7206.00")  # 0.01 + ... + 12.00, exact


def test_the_list_pages_link_their_exports_with_their_filters(
    client: TestClient, seed: Seed
) -> None:
    findings = client.get("/findings", params={"municipality": "751", "page": "1"}).text
    assert 'href="/api/v1/findings/export?municipality=751&amp;format=csv"' in findings
    assert 'href="/api/v1/findings/export?municipality=751&amp;format=xlsx"' in findings
    invoices = client.get("/invoices", params={"municipality": "751", "lang": "en"})
    assert invoices.status_code == 200
    assert f'data-invoice-id="{seed.aarhus_invoice_id}"' in invoices.text
    assert f'data-invoice-id="{seed.invoice_id}"' not in invoices.text
    assert 'href="/api/v1/invoices/export?municipality=751&amp;format=xlsx"' in invoices.text
    assert "Invoices" in invoices.text and "3,750.00" in invoices.text
    danish = client.get("/invoices", params={"lang": "da", "issued_from": ""}).text
    assert "Fakturaer" in danish and "8.625,00 kr." in danish


def test_an_export_keeps_overcharge_and_price_gap_in_columns_of_their_own(
    client: TestClient, engine: Engine, seed: Seed
) -> None:
    """Summing the overcharge column gives the overcharge total, never a price gap."""
    with transaction(engine) as s:
        s.execute(
            update(Finding)
            .where(Finding.id == seed.payment_finding_id)
            .values(money_kind="price_gap", overcharge=D("50.00"))
        )
    response = client.get("/api/v1/findings/export", params={"format": "csv", "lang": "en"})
    rows = rows_of(response.text)
    header, body = rows[0], rows[1:]
    over, gap = header.index("Overcharge"), header.index("Price gap")
    assert sum(D(r[over]) for r in body if r[over]) == D("1000.00")
    assert sum(D(r[gap]) for r in body if r[gap]) == D("50.00")

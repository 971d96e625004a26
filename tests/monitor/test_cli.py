from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.db import transaction
from tests.monitor.seed import seed_one_finding

runner = CliRunner()

REQUIRED = {
    "id",
    "rule",
    "severity",
    "status",
    "municipality",
    "vendor_cvr",
    "invoice_number",
    "line_id",
    "item_id",
    "description",
    "agreed_unit_price",
    "invoiced_unit_price",
    "quantity",
    "overcharge",
    "currency",
    "contract_document",
    "contract_page",
    "evidence",
}


def test_findings_json_prints_one_array_with_every_field(app_env: object) -> None:
    with transaction() as s:
        seed_one_finding(s)
    result = runner.invoke(app, ["findings", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    f = data[0]
    assert set(f) >= REQUIRED
    assert f["rule"] == "price_above_agreed"
    assert f["municipality"] == "101"
    assert f["vendor_cvr"] == "12345678"
    assert f["invoice_number"] == "F-2026-0042"
    assert (f["agreed_unit_price"], f["invoiced_unit_price"]) == ("125.00", "132.00")
    assert (f["quantity"], f["overcharge"], f["currency"]) == ("100", "700.00", "DKK")
    assert (f["contract_document"], f["contract_page"]) == ("kontrakt-101.pdf", 7)
    assert f["evidence"]["match"]["method"] == "item_id"


def test_findings_filters_by_municipality_rule_and_status(app_env: object) -> None:
    with transaction() as s:
        seed_one_finding(s)
    for args, expected in [
        (["--municipality", "101"], 1),
        (["--municipality", "751"], 0),
        (["--rule", "price_above_agreed"], 1),
        (["--rule", "mfn_breach"], 0),
        (["--status", "open"], 1),
        (["--status", "dismissed"], 0),
    ]:
        result = runner.invoke(app, ["findings", "--format", "json", *args])
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)) == expected, args


def test_findings_csv_has_a_header_and_a_row(app_env: object) -> None:
    with transaction() as s:
        seed_one_finding(s)
    result = runner.invoke(app, ["findings", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1 and rows[0]["overcharge"] == "700.00"


def test_ingest_of_a_missing_file_exits_2_naming_it(app_env: object, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.xml")])
    assert result.exit_code == 2
    assert "nope.xml: no such file or folder" in result.stderr


def test_parties_import_of_a_wrong_csv_exits_2_naming_file_and_line(
    app_env: object, tmp_path: Path
) -> None:
    bad = tmp_path / "parter.csv"
    bad.write_text("kind,code,name\nvendor,,X\n", encoding="utf-8")
    result = runner.invoke(app, ["parties", "import", str(bad)])
    assert result.exit_code == 2
    assert "parter.csv, line 1: the header must be" in result.stderr


def test_parse_prints_every_invoice_of_a_csv_and_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "to.csv"
    path.write_text(
        "invoice_number,issue_date,supplier_cvr,description,quantity,unit_price\n"
        "A-1,2026-05-01,12345678,Webhotel,12,189.00\n"
        "A-2,2026-05-02,12345678,SSL-certifikat,1,2495.00\n",
        encoding="utf-8",
    )
    out = runner.invoke(app, ["parse", str(path)])
    assert out.exit_code == 0, out.output
    assert [inv["number"] for inv in json.loads(out.output)] == ["A-1", "A-2"]
    text = runner.invoke(app, ["parse", str(path), "--format", "text"])
    assert text.exit_code == 0, text.output
    assert "Invoice A-2  (csv)" in text.output
    assert "1 EA x 2495.00 = 2495.00" in text.output or "1 x 2495.00 = 2495.00" in text.output


def test_ingest_with_the_other_kind_says_the_file_is_read_again(
    app_env: object, tmp_path: Path
) -> None:
    """A PDF invoice ingested as a contract, then again with ``--kind invoice``: the
    second says it was stored before as the other kind and is read again as an invoice."""
    from monitor.documents.models import Document
    from tests.monitor.test_documents import PDF_INVOICE, _page

    pdf = tmp_path / "vs-4471.pdf"
    pdf.write_bytes(_page(PDF_INVOICE))
    first = runner.invoke(app, ["ingest", "--kind", "contract", str(pdf)])
    assert first.exit_code in (0, 1), first.output  # stored (unassigned as a contract)
    again = runner.invoke(app, ["ingest", "--kind", "invoice", str(pdf)])
    assert "stored before as the other kind, read again as invoice" in again.output
    with transaction() as s:
        (doc,) = s.query(Document).all()
        assert doc.kind == "invoice" and doc.status != "received"  # read as an invoice


def test_the_findings_table_names_the_allowed_price_and_what_each_amount_is() -> None:
    """The table's price column is the price the line should have had ("allowed"): for a
    most-favoured-customer breach, the lowest price paid elsewhere, marked so; a
    payment-term finding carries no amount."""
    from rich.console import Console

    from monitor.cli.output import findings_table
    from monitor.findings.schemas import FindingOut

    def row(rule: str, agreed: str | None, amount: str) -> FindingOut:
        return FindingOut.model_validate(
            {
                "id": 1, "rule": rule, "severity": "high", "status": "open",
                "mode": "active", "message": "-", "municipality": "101",
                "municipality_name": "Egeby", "vendor_cvr": "12345678", "vendor_name": "V",
                "invoice_number": "E-9", "invoice_id": 1, "invoice_date": "2026-03-01",
                "line_id": "1", "item_id": "X-1", "description": "Ydelse",
                "agreed_unit_price": agreed, "invoiced_unit_price": "100.00", "quantity": "1",
                "overcharge": amount, "currency": "DKK", "contract_id": None,
                "contract_document": None, "contract_page": None, "evidence": {},
                "created_at": "2026-03-02T10:00:00+00:00",
            }
        )  # fmt: skip

    console = Console(width=250, record=True)
    console.print(
        findings_table([row("mfn_breach", "97.85", "2.15"), row("payment_terms", None, "0")])
    )
    text = console.export_text()
    assert "allowed" in text and "DKK 97.85 (MFN)" in text
    assert "payment term (no amount)" in text

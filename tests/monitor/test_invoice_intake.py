"""Invoice intake: unknown parties wait and are picked up; numbers are never doubled."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from monitor.cli.main import app
from monitor.db import transaction
from monitor.invoices.models import Invoice
from tests.extractors.invoices.ubl_samples import ubl

runner = CliRunner()
PARTIES = (
    "kind,code,name,cvr,ean,population,finance_email,legal_email\n"
    "vendor,,Leverandøren A/S,12345678,,,,\n"
    "municipality,751,Aarhus,55133018,5798000416604,367000,okonomi@aarhus.example.dk,\n"
)


def _ingest(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output + result.stderr


def test_an_invoice_from_unknown_parties_waits_with_the_reason_then_is_picked_up(
    app_env: object, tmp_path: Path
) -> None:
    _ingest(tmp_path, "f1.xml", ubl())
    with transaction() as s:
        invoice = s.scalars(select(Invoice)).one()
        assert invoice.status == "unassigned"
        assert "supplier CVR 12345678 is not a registered vendor" in invoice.unassigned_reason
        assert "EAN 5798000416604" in invoice.unassigned_reason
    parties = tmp_path / "parties.csv"
    parties.write_text(PARTIES, encoding="utf-8")
    result = runner.invoke(app, ["parties", "import", str(parties)])
    assert result.exit_code == 0, result.output
    assert "1 waiting invoices now assigned" in result.stdout
    with transaction() as s:
        invoice = s.scalars(select(Invoice)).one()
        assert invoice.status == "checked" and invoice.unassigned_reason is None
        assert invoice.municipality_id is not None and invoice.vendor_id is not None


def test_the_same_number_in_another_document_is_kept_and_flagged(
    app_env: object, tmp_path: Path
) -> None:
    first = ubl()
    second = (
        first.replace(b"<cbc:Note>", b"<cbc:Note>Rykker. ")
        if b"<cbc:Note>" in first
        else (first.replace(b"</cac:PaymentMeans>", b"</cac:PaymentMeans>\n<!-- resent -->"))
    )
    assert second != first
    _ingest(tmp_path, "f1.xml", first)
    _ingest(tmp_path, "f1-again.xml", first)  # the same bytes: one document, one invoice
    _ingest(tmp_path, "f1-resent.xml", second)
    with transaction() as s:
        invoices = s.scalars(select(Invoice).order_by(Invoice.id)).all()
        assert len(invoices) == 2
        assert invoices[0].number == invoices[1].number
        assert invoices[1].possible_duplicate_of_id == invoices[0].id
        assert any("possible duplicate billing" in w for w in invoices[1].warnings)
        assert s.scalar(select(func.count(Invoice.id))) == 2


def test_a_contract_from_unknown_parties_waits_then_is_picked_up(
    app_env: object, tmp_path: Path
) -> None:
    from monitor.contracts.models import Contract

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "contracts" / "ruled_table.pdf"
    _ingest(tmp_path, "kontrakt.pdf", fixture.read_bytes())
    with transaction() as s:
        contract = s.scalars(select(Contract)).one()
        assert contract.status == "unassigned"
        assert "vendor CVR 29361592 is not registered" in contract.unassigned_reason
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "kind,code,name,cvr,ean,population,finance_email,legal_email\n"
        "vendor,,KommuneData A/S,29361592,,,,\n"
        "municipality,810,Brønderslev,39673118,,36000,okonomi@bronderslev.example.dk,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["parties", "import", str(parties)])
    assert result.exit_code == 0, result.output
    assert "1 waiting contracts" in result.stdout
    with transaction() as s:
        contract = s.scalars(select(Contract)).one()
        assert contract.status == "active" and contract.unassigned_reason is None
        assert contract.vendor_id is not None and contract.municipality_id is not None

"""A small, hand-built database state: one contract, one invoice, one finding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from monitor.contracts.models import Contract, PriceTerm
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, render_oioubl_invoice
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Contact, Municipality, Vendor


def seed_one_finding(session: Session) -> Finding:
    kk = Municipality(code="101", name="København", cvr="64942212", population=660000)
    kk.contacts.append(Contact(role="finance", email="okonomi@kk.example.dk"))
    vendor = Vendor(cvr="12345678", name="KommuneData A/S")
    doc = Document(
        sha256="a" * 64,
        filename="kontrakt-101.pdf",
        kind="contract",
        size=3,
        content=b"pdf",
        status="processed",
    )
    session.add_all([kk, vendor, doc])
    session.flush()
    contract = Contract(
        document_id=doc.id,
        vendor_id=vendor.id,
        municipality_id=kk.id,
        title="Driftsaftale",
        effective_date=date(2026, 1, 1),
        expiry_date=date(2029, 12, 31),
        payment_days=30,
    )
    term = PriceTerm(
        item_id="DRIFT-01",
        description="Drift af ESDH pr. bruger pr. måned",
        unit="user_month",
        agreed_unit_price=Decimal("125.00"),
        evidence_page=7,
        evidence_text="DRIFT-01 Drift af ESDH ... 125,00 kr.",
    )
    contract.price_terms.append(term)
    invoice = Invoice(
        vendor_id=vendor.id,
        municipality_id=kk.id,
        format="oioubl-2",
        number="F-2026-0042",
        issue_date=date(2026, 9, 1),
        currency="DKK",
        line_extension=Decimal("13200.00"),
        tax_exclusive=Decimal("13200.00"),
        tax=Decimal("3300.00"),
        payable=Decimal("16500.00"),
        status="checked",
        supplier_cvr="12345678",
        lines=[
            InvoiceLine(
                position=1,
                line_id="1",
                item_id="DRIFT-01",
                description="Drift af ESDH",
                quantity=Decimal("100"),
                unit_code="EA",
                unit_price=Decimal("132.00"),
                line_amount=Decimal("13200.00"),
            )
        ],
    )
    session.add_all([contract, invoice])
    session.flush()
    finding = Finding(
        dedup_key="price_above_agreed:1:1:1",
        rule_id="price_above_agreed",
        severity="high",
        invoice_id=invoice.id,
        invoice_line_id=invoice.lines[0].id,
        price_term_id=term.id,
        contract_id=contract.id,
        municipality_id=kk.id,
        vendor_id=vendor.id,
        agreed_unit_price=Decimal("125.00"),
        invoiced_unit_price=Decimal("132.00"),
        quantity=Decimal("100"),
        overcharge=Decimal("700.00"),
        currency="DKK",
        message="Unit price 132.00 is above the agreed 125.00",
        evidence={"contract_page": 7, "match": {"method": "item_id", "score": 100}},
    )
    session.add(finding)
    session.flush()
    return finding


def ingest_invoice(
    folder: Path,
    number: str,
    issued: date,
    *,
    supplier: InvoiceParty,
    buyer: InvoiceParty,
    line: InvoiceLineSpec,
) -> None:
    """An OIOUBL invoice of one line, issued and due on ``issued`` for that day, written
    to ``folder`` and ingested through ``prisvagt ingest`` (checked as it arrives)."""
    from typer.testing import CliRunner

    from monitor.cli.main import app

    spec = InvoiceSpec(
        number=number,
        issue_date=issued,
        due_date=issued,
        period_start=issued,
        period_end=issued,
        supplier=supplier,
        buyer=buyer,
        lines=(line,),
    )
    path = folder / f"{number}.xml"
    path.write_bytes(render_oioubl_invoice(spec))
    result = CliRunner().invoke(app, ["ingest", str(path), "--kind", "invoice"])
    assert result.exit_code == 0, result.output

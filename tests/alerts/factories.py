"""Rows for alert tests: a municipality with contacts, a vendor, a contract with a
priced term, an invoice with a line, and findings on it. Amounts written out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Contact, Municipality, Vendor

CLAUSE = "Pos. 4.2 Drift af sagssystem, pr. bruger pr. måned: 1.000,00 kr. ekskl. moms"


@dataclass
class World:
    municipality: Municipality
    vendor: Vendor
    contract: Contract
    term: PriceTerm
    invoice: Invoice
    line: InvoiceLine
    finance: Contact
    legal: Contact


def _document(session: Session, name: str, kind: str) -> Document:
    data = name.encode()
    doc = Document(
        sha256=hashlib.sha256(data).hexdigest(), filename=name, kind=kind, size=len(data),
        content=data, status="processed",
    )  # fmt: skip
    session.add(doc)
    return doc


def world(
    session: Session,
    *,
    code: str = "751",
    finance_language: str = "da",
    finance_min_severity: str = "medium",
    invoice_number: str = "F-2026-0042",
) -> World:
    m = Municipality(code=code, name="Aarhus Kommune", cvr=f"55133{code}")
    vendor = session.query(Vendor).filter_by(cvr="12345678").one_or_none()
    if vendor is None:
        vendor = Vendor(cvr="12345678", name="Fiktiv Kommunedata A/S")
    session.add_all([m, vendor])
    session.flush()
    finance = Contact(
        municipality_id=m.id, role="finance", email=f"oekonomi@{code}.dk",
        language=finance_language, immediate_min_severity=finance_min_severity,
    )  # fmt: skip
    legal = Contact(municipality_id=m.id, role="legal", email=f"jura@{code}.dk", language="da")
    contract_doc = _document(session, f"kontrakt-{code}.pdf", "contract")
    invoice_doc = _document(session, f"{invoice_number}-{code}.xml", "invoice")
    session.add_all([finance, legal])
    session.flush()
    contract = Contract(
        document_id=contract_doc.id, vendor_id=vendor.id, municipality_id=m.id,
        title="K02 Drift af sagssystem", effective_date=date(2025, 1, 1),
        expiry_date=date(2027, 12, 31), status="active",
    )  # fmt: skip
    session.add(contract)
    session.flush()
    term = PriceTerm(
        contract_id=contract.id, item_id="4.2", description="Drift af sagssystem",
        unit="user_month", agreed_unit_price=Decimal("1000.00"), evidence_page=7,
        evidence_text=CLAUSE,
    )  # fmt: skip
    invoice = Invoice(
        document_id=invoice_doc.id, vendor_id=vendor.id, municipality_id=m.id, format="oioubl",
        number=invoice_number, issue_date=date(2026, 11, 2), currency="DKK",
        line_extension=Decimal("15000.00"), tax_exclusive=Decimal("15000.00"),
        tax=Decimal("3750.00"), payable=Decimal("18750.00"),
    )  # fmt: skip
    session.add_all([term, invoice])
    session.flush()
    line = InvoiceLine(
        invoice_id=invoice.id, position=1, line_id="1", item_id="4.2",
        description="Drift af sagssystem, november", quantity=Decimal("12"),
        unit_code="MON", unit_price=Decimal("1250.00"), line_amount=Decimal("15000.00"),
    )  # fmt: skip
    session.add(line)
    session.flush()
    return World(m, vendor, contract, term, invoice, line, finance, legal)


def finding(
    session: Session,
    w: World,
    *,
    severity: str = "high",
    mode: str = "active",
    key: str | None = None,
    overcharge: Decimal = Decimal("3000.00"),
) -> Finding:
    f = Finding(
        dedup_key=key or f"price_above_agreed:{w.invoice.id}:{w.line.id}:{severity}:{mode}",
        rule_id="price_above_agreed", severity=severity, mode=mode, status="open",
        invoice_id=w.invoice.id, invoice_line_id=w.line.id, price_term_id=w.term.id,
        contract_id=w.contract.id, municipality_id=w.municipality.id, vendor_id=w.vendor.id,
        agreed_unit_price=Decimal("1000.00"), invoiced_unit_price=Decimal("1250.00"),
        quantity=Decimal("12"), overcharge=overcharge, currency="DKK",
        message="Enhedspris over aftalt pris",
    )  # fmt: skip
    session.add(f)
    session.flush()
    return f


def indexation_clause(session: Session, w: World, **params: object) -> ContractClause:
    clause = ContractClause(
        contract_id=w.contract.id, kind="indexation",
        params={"index": "nettoprisindeks", "frequency_months": 12, **params},
        evidence_page=9, evidence_text="Priserne reguleres årligt pr. 1. januar ...",
    )  # fmt: skip
    session.add(clause)
    session.flush()
    return clause

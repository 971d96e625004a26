"""A web app over a SQLite file in tmp_path, seeded directly with the models.

The seed: one vendor, two municipalities (København 101, Aarhus 751), a contract for
København with one price term (100,00 kr. per user per month, page 3), an invoice to
København billing 40 users at 125,00 kr. (overcharge 1.000,00 kr.) plus a clean line,
an invoice to Aarhus billing the same item at 100,00 kr., and two findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.db import create_all, make_engine, transaction
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor
from monitor.settings import load_settings
from monitor.web.app import create_app
from tests.signin import signed_in

D = Decimal
CLAUSE_TEXT = "1.1 Brugerlicens, pr. bruger pr. måned: 100,00 kr. ekskl. moms"


@dataclass(frozen=True)
class Seed:
    price_finding_id: int
    payment_finding_id: int
    invoice_id: int
    aarhus_invoice_id: int
    contract_id: int


@pytest.fixture(autouse=True)
def strict_messages() -> Iterator[None]:
    """Every page a web test renders fails on a catalogue key that does not exist
    (``monitor.web.i18n`` strict mode) instead of showing the key."""
    from monitor.web.i18n import set_strict

    before = set_strict(True)
    yield
    set_strict(before)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'web.db'}")
    create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def seed(engine: Engine) -> Seed:
    return seed_database(engine)


def seed_database(engine: Engine) -> Seed:
    """Insert the parties, contract, invoices and findings described above."""
    with transaction(engine) as s:
        kbh = Municipality(code="101", name="København", cvr="64942212", population=660000)
        aar = Municipality(code="751", name="Aarhus", cvr="55133018", population=360000)
        vendor = Vendor(cvr="12345678", name="Kommunedata A/S")
        doc = Document(
            sha256="a" * 64, filename="kontrakt-kbh.pdf", kind="contract", size=1, content=b"%PDF"
        )
        s.add_all([kbh, aar, vendor, doc])
        s.flush()
        contract = Contract(
            document_id=doc.id,
            vendor_id=vendor.id,
            municipality_id=kbh.id,
            title="Driftsaftale ESDH",
            effective_date=date(2025, 1, 1),
            expiry_date=date(2028, 12, 31),
            payment_days=30,
        )
        term = PriceTerm(
            contract=contract,
            item_id="LIC-100",
            description="Brugerlicens ESDH",
            unit="user_month",
            agreed_unit_price=D("100.00"),
            evidence_page=3,
            evidence_text=CLAUSE_TEXT,
            review_state="confirmed",
        )
        contract.clauses.append(
            ContractClause(
                kind="payment",
                params={"days": 30},
                evidence_page=5,
                evidence_text="Betaling: 30 dage netto",
            )
        )
        s.add_all([contract, term])
        invoice = _invoice(
            s,
            "F-2026-0042",
            vendor.id,
            kbh.id,
            [
                ("1", "LIC-100", "Brugerlicens ESDH", D("40"), D("125.00")),
                ("2", "SUP-1", "Support pr. time", D("2"), D("950.00")),
            ],
        )
        other = _invoice(
            s,
            "F-2026-0043",
            vendor.id,
            aar.id,
            [
                ("1", "LIC-100", "Brugerlicens ESDH", D("30"), D("100.00")),
            ],
        )
        s.flush()
        price = Finding(
            dedup_key="price_above_agreed:1",
            rule_id="price_above_agreed",
            severity="high",
            invoice_id=invoice.id,
            invoice_line_id=invoice.lines[0].id,
            price_term_id=term.id,
            contract_id=contract.id,
            municipality_id=kbh.id,
            vendor_id=vendor.id,
            agreed_unit_price=D("100.00"),
            invoiced_unit_price=D("125.00"),
            quantity=D("40"),
            overcharge=D("1000.00"),
            message="Enhedsprisen 125,00 kr. er over den aftalte 100,00 kr.",
            evidence={
                "contract_page": 3,
                "match": {"method": "item_id", "score": 100},
                "agreed_unit_price": "100.00",
                "tolerance": {"percent": "0"},
            },
        )
        payment = Finding(
            dedup_key="payment_terms:2",
            rule_id="payment_terms",
            severity="low",
            invoice_id=other.id,
            municipality_id=aar.id,
            vendor_id=vendor.id,
            overcharge=D("0.00"),
            message="Betalingsfristen er 45 dage; aftalt er 30.",
            evidence={"agreed_days": 30, "invoice_days": 45},
        )
        s.add_all([price, payment])
        s.flush()
        return Seed(price.id, payment.id, invoice.id, other.id, contract.id)


def _invoice(s, number, vendor_id, muni_id, lines):  # type: ignore[no-untyped-def]
    total = sum((q * p for _, _, _, q, p in lines), D(0))
    invoice = Invoice(
        vendor_id=vendor_id,
        municipality_id=muni_id,
        format="oioubl-2.02",
        number=number,
        issue_date=date(2026, 3, 1),
        due_date=date(2026, 3, 31),
        currency="DKK",
        supplier_cvr="12345678",
        line_extension=total,
        tax_exclusive=total,
        tax=total * D("0.25"),
        payable=total * D("1.25"),
        status="checked",
    )
    for i, (line_id, item, desc, qty, price) in enumerate(lines):
        invoice.lines.append(
            InvoiceLine(
                position=i,
                line_id=line_id,
                item_id=item,
                description=desc,
                quantity=qty,
                unit_code="EA",
                unit_price=price,
                line_amount=qty * price,
            )
        )
    s.add(invoice)
    return invoice


@pytest.fixture
def rechecks() -> list[list[int]]:
    """The invoice ids the app queued for a re-check, one list per review."""
    return []


@pytest.fixture
def app(engine: Engine, tmp_path: Path, rechecks: list[list[int]]) -> FastAPI:
    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'web.db'}")
    return create_app(settings=settings, engine=engine, queue_recheck=rechecks.append)


@pytest.fixture
def client(app: FastAPI, seed: Seed) -> Iterator[TestClient]:
    with signed_in(TestClient(app)) as c:
        yield c

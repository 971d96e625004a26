"""A municipality with a finance contact, a vendor and a priced contract in the
database, and OIOUBL invoices against it: what a file in the inbox is checked by."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from monitor.contracts.models import Contract, PriceTerm
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, render_oioubl_invoice
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor

VENDOR = InvoiceParty(name="Fiktiv Kommunedata A/S", cvr="12345678", city="Aarhus")
BUYER = InvoiceParty(name="Aarhus Kommune", cvr="55133018", ean="5798005770008", city="Aarhus")
AGREED = Decimal("125.00")


def seed(session: Session, *, finance_email: str = "oekonomi@aarhus.example.dk") -> None:
    m = Municipality(code="751", name="Aarhus Kommune", cvr=BUYER.cvr, population=367000)
    m.eans.append(MunicipalityEan(ean=BUYER.ean))
    m.contacts.append(Contact(role="finance", email=finance_email, immediate_min_severity="low"))
    vendor = Vendor(cvr=VENDOR.cvr, name=VENDOR.name)
    session.add_all([m, vendor])
    session.flush()
    contract = Contract(
        vendor_id=vendor.id, municipality_id=m.id, title="Driftsaftale ESDH",
        effective_date=date(2026, 1, 1), expiry_date=date(2029, 12, 31), payment_days=30,
        status="active",
    )  # fmt: skip
    contract.price_terms.append(
        PriceTerm(
            item_id="DRIFT-01",
            description="Drift af ESDH pr. bruger pr. måned",
            unit="user_month",
            agreed_unit_price=AGREED,
            review_state="confirmed",
            evidence_page=7,
            evidence_text="DRIFT-01 Drift af ESDH pr. bruger pr. måned 125,00 kr.",
        )  # fmt: skip
    )
    session.add(contract)
    session.flush()


def invoice(number: str, *, unit_price: Decimal = Decimal("132.00"), quantity: int = 100) -> bytes:
    issued = date(2026, 11, 2)
    spec = InvoiceSpec(
        number=number, issue_date=issued, due_date=issued + timedelta(days=30),
        period_start=date(2026, 11, 1), period_end=date(2026, 11, 30),
        supplier=VENDOR, buyer=BUYER,
        lines=(
            InvoiceLineSpec(line_id="1", item_id="DRIFT-01", description="Drift af ESDH",
                            quantity=Decimal(quantity), unit_code="EA", unit_price=unit_price),
        ),
    )  # fmt: skip
    return render_oioubl_invoice(spec)

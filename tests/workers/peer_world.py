"""Municipalities buying the same item from one vendor, and a batch of their invoices:
each arriving invoice changes the price comparison of the others (``price_disparity``),
so each asks for re-checks of its peers. Used by the fan-out test and bench/pipeline.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, render_oioubl_invoice
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor

VENDOR = InvoiceParty(name="Fiktiv Skoledata A/S", cvr="", city="Odense")
MUNICIPALITIES = 6
#: the first municipality pays this for every third invoice: above 2 x the others' median
OVERPRICE = Decimal("260.00")
PRICE = Decimal("100.00")


def _cvr(seed: int) -> str:
    """A CVR number with a valid modulus-11 check digit."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    n = seed
    while True:
        digits = f"{n:07d}"[-7:]
        rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        check = (11 - rest) % 11
        if check < 10:
            return digits + str(check)
        n += 1


def _gln(seed: int) -> str:
    body = f"579800{seed:06d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _buyer(n: int) -> InvoiceParty:
    return InvoiceParty(
        name=f"Testby {n} Kommune", cvr=_cvr(2913000 + n * 17), ean=_gln(n + 1), city="Testby"
    )


def _vendor() -> InvoiceParty:
    return InvoiceParty(name=VENDOR.name, cvr=_cvr(3766001), city=VENDOR.city)


def seed_peers(session: Session) -> None:
    """The vendor and the municipalities (each with a finance contact)."""
    session.add(Vendor(cvr=_vendor().cvr, name=VENDOR.name))
    for n in range(MUNICIPALITIES):
        buyer = _buyer(n)
        m = Municipality(code=f"{900 + n}", name=buyer.name, cvr=buyer.cvr, population=50_000)
        m.eans.append(MunicipalityEan(ean=buyer.ean))
        m.contacts.append(
            Contact(role="finance", email=f"finance{n}@example.dk", immediate_min_severity="low")
        )
        session.add(m)
    session.flush()


def peer_invoices(count: int) -> list[tuple[str, bytes]]:
    """``count`` invoices, (file name, OIOUBL bytes), spread over the municipalities and
    a year of monthly billing, in the order they arrive."""
    vendor = _vendor()
    out = []
    for i in range(count):
        muni = i % MUNICIPALITIES
        issued = date(2026, 1, 5) + timedelta(days=(i // MUNICIPALITIES) * 7 % 330)
        price = OVERPRICE if muni == 0 and (i // MUNICIPALITIES) % 3 == 0 else PRICE
        number = f"PEER-{i:05d}"
        spec = InvoiceSpec(
            number=number,
            issue_date=issued,
            due_date=issued + timedelta(days=30),
            period_start=issued,
            period_end=issued + timedelta(days=6),
            supplier=vendor,
            buyer=_buyer(muni),
            lines=(
                InvoiceLineSpec(line_id="1", item_id="SKOLE-01", description="Elevlicens",
                                quantity=Decimal(10 + i % 7), unit_code="EA", unit_price=price),
                InvoiceLineSpec(line_id="2", item_id="SKOLE-02", description="Support",
                                quantity=Decimal(1), unit_code="EA", unit_price=PRICE * 3),
            ),
        )  # fmt: skip
        out.append((f"{number}.xml", render_oioubl_invoice(spec)))
    return out

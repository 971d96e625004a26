"""The headline comparison reads a whole-municipality charge per inhabitant."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from monitor.contracts.models import Contract, PriceTerm
from monitor.db import transaction
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor
from monitor.web.disparity import price_disparity


def _invoice(vendor: Vendor, muni: Municipality, number: str, qty: str, price: str) -> Invoice:
    amount = (Decimal(qty) * Decimal(price)).quantize(Decimal("0.01"))
    return Invoice(
        vendor_id=vendor.id,
        municipality_id=muni.id,
        format="oioubl-2",
        number=number,
        issue_date=date(2026, 9, 1),
        currency="DKK",
        line_extension=amount,
        tax_exclusive=amount,
        tax=amount / 4,
        payable=amount * Decimal("1.25"),
        status="checked",
        lines=[
            InvoiceLine(
                position=1,
                line_id="1",
                item_id="KD-1020",
                description="Borgerportal",
                quantity=Decimal(qty),
                unit_price=Decimal(price),
                line_amount=amount,
            )
        ],
    )


def test_a_lump_sum_is_compared_per_inhabitant(app_env: object) -> None:
    with transaction() as s:
        vendor = Vendor(cvr="12345678", name="KommuneData A/S")
        odense = Municipality(code="461", name="Odense", population=210_000)
        esbjerg = Municipality(code="561", name="Esbjerg", population=116_000)
        s.add_all([vendor, odense, esbjerg])
        s.flush()
        for muni in (odense, esbjerg):
            contract = Contract(vendor_id=vendor.id, municipality_id=muni.id)
            contract.price_terms.append(
                PriceTerm(
                    item_id="KD-1020",
                    description="Borgerportal",
                    unit="inhabitant_year",
                    agreed_unit_price=Decimal("1"),
                )
            )
            s.add(contract)
        # Odense: 0.95 kr per inhabitant, billed per inhabitant
        s.add(_invoice(vendor, odense, "O-1", "210000", "0.95"))
        # Esbjerg: one charge of 2,865,200.00 kr = 24.70 kr per inhabitant
        s.add(_invoice(vendor, esbjerg, "E-1", "1", "2865200.00"))
    with transaction() as s:
        [row] = price_disparity(s)
    assert row.per_inhabitant
    assert row.prices["461"].unit_price == Decimal("0.95")
    assert row.prices["561"].unit_price == Decimal("24.70")
    assert row.prices["561"].billed_unit_price == Decimal("2865200.00")
    assert row.ratio == Decimal("26.00")

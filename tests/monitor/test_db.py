from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from monitor.db import transaction
from monitor.invoices.models import Invoice, InvoiceLine


def _invoice(number: str, amount: Decimal) -> Invoice:
    return Invoice(
        format="oioubl-2",
        number=number,
        issue_date=__import__("datetime").date(2026, 1, 5),
        currency="DKK",
        line_extension=amount,
        tax_exclusive=amount,
        tax=amount / 4,
        payable=amount * Decimal("1.25"),
        lines=[
            InvoiceLine(
                position=1,
                line_id="1",
                description="Drift",
                quantity=Decimal("3"),
                unit_price=Decimal("33.333333"),
                line_amount=amount,
            )
        ],
    )


def test_money_is_exact_on_both_backends(app_env: object) -> None:
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("1234567.89"), Decimal("-0.01")]
    with transaction() as s:
        for i, a in enumerate(amounts):
            s.add(_invoice(f"F{i}", a))
    with transaction() as s:
        stored = s.scalars(select(Invoice.line_extension).order_by(Invoice.id)).all()
        total = s.scalar(select(func.sum(Invoice.line_extension)))
        price = s.scalar(select(InvoiceLine.unit_price).limit(1))
    assert stored == amounts
    assert all(isinstance(a, Decimal) for a in stored)
    # the SQL sum is over integer øre, so it is exact too
    assert total == sum(amounts)
    assert price == Decimal("33.333333")


def test_a_float_amount_is_refused(app_env: object) -> None:
    invoice = _invoice("F1", Decimal("0.10"))
    invoice.payable = 0.125  # type: ignore[assignment]
    with pytest.raises(Exception, match="Decimal, not float"), transaction() as s:
        s.add(invoice)
        s.flush()


def test_amounts_are_rounded_half_up_to_the_column_scale(app_env: object) -> None:
    with transaction() as s:
        s.add(_invoice("F1", Decimal("10.005")))
    with transaction() as s:
        assert s.scalar(select(Invoice.line_extension)) == Decimal("10.01")

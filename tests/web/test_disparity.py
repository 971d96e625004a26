"""The price comparison between municipalities (``monitor.web.disparity``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from monitor.db import transaction
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Municipality, Vendor
from monitor.web.disparity import price_disparity
from tests.signin import signed_in

D = Decimal


def _bill(s, vendor: Vendor, muni: Municipality, number: str, day: date, lines) -> None:  # type: ignore[no-untyped-def]
    invoice = Invoice(
        vendor_id=vendor.id,
        municipality_id=muni.id,
        format="oioubl-2.02",
        number=number,
        issue_date=day,
        currency="DKK",
        line_extension=D(0),
        tax_exclusive=D(0),
        tax=D(0),
        payable=D(0),
    )
    for n, (item, price) in enumerate(lines):
        invoice.lines.append(
            InvoiceLine(
                position=n,
                line_id=str(n + 1),
                item_id=item,
                description=f"Ydelse {item}",
                quantity=D(1),
                unit_price=price,
                line_amount=price,
            )
        )
    s.add(invoice)


def _twelve_municipalities(engine: Engine) -> None:
    """A-1 costs 100 everywhere but one place (2.600: ratio 26); B-2 from 10 to 15;
    an older, higher price for B-2 in the first municipality is superseded."""
    with transaction(engine) as s:
        vendor = Vendor(cvr="12345678", name="Kommunedata A/S")
        munis = [Municipality(code=f"{100 + n}", name=f"Kommune {n:02d}") for n in range(12)]
        s.add_all([vendor, *munis])
        s.flush()
        _bill(s, vendor, munis[0], "OLD", date(2025, 1, 1), [("B-2", D("99.00"))])
        for n, muni in enumerate(munis):
            a_price = D("2600.00") if n == 5 else D("100.00")
            b_price = D("10.00") + D(n) * D("0.5") if n < 11 else D("15.00")
            _bill(s, vendor, muni, f"F-{n}", date(2026, 3, 1), [("A-1", a_price), ("B-2", b_price)])


def test_items_are_ordered_by_how_unequal_the_latest_prices_are(engine: Engine) -> None:
    _twelve_municipalities(engine)
    with transaction(engine) as s:
        rows = price_disparity(s)
    assert [(r.item_id, r.ratio) for r in rows] == [("A-1", D("26.00")), ("B-2", D("1.50"))]
    b2 = rows[1]
    assert b2.prices["100"].unit_price == D("10.00")  # the latest price, not the older 99
    assert (b2.lowest.municipality, b2.highest.unit_price) == ("100", D("15.00"))


def test_one_item_can_be_asked_for(engine: Engine) -> None:
    _twelve_municipalities(engine)
    with transaction(engine) as s:
        rows = price_disparity(s, vendor_id=1, item_id="B-2")
    assert [r.item_id for r in rows] == ["B-2"] and len(rows[0].prices) == 12


def test_with_many_municipalities_the_overview_shows_lowest_and_highest(
    engine: Engine, app: FastAPI
) -> None:
    _twelve_municipalities(engine)
    with signed_in(TestClient(app)) as client:
        html = client.get("/").text
    table = html[html.index('class="disparity"') :]
    assert "Lavest" in table and "Højest" in table and "Kommune 05" in table
    assert "2.600,00 kr." in table and "26,00×" in table

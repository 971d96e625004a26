"""Reconciliation: one row per case, with the amounts written out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from extractors.invoices import detect_format
from extractors.invoices.validate import reconcile
from extractors.types import InvoiceTotals, ParsedInvoice, ParsedInvoiceLine, PartyRef
from tests.extractors.invoices.ubl_samples import CII, ubl


def _invoice(
    lines: list[tuple[str, str, str]],
    *,
    line_extension: str,
    tax: str,
    payable: str,
    allowances: str = "0",
    charges: str = "0",
    prepaid: str = "0",
    vat: str | None = "25",
    currency: str = "DKK",
) -> ParsedInvoice:
    parsed_lines = [
        ParsedInvoiceLine(
            line_id=str(i),
            description="Licens",
            quantity=D(q),
            unit_price=D(p),
            line_amount=D(a),
            price_amount=D(p),
            vat_percent=None if vat is None else D(vat),
        )
        for i, (q, p, a) in enumerate(lines, 1)
    ]
    net = D(line_extension) - D(allowances) + D(charges)
    return ParsedInvoice(
        format="ubl",
        document_type="invoice",
        number="1",
        issue_date=date(2026, 1, 1),
        due_date=date(2026, 1, 31),
        currency=currency,
        supplier=PartyRef(name="Leverandøren A/S", cvr="12345678"),
        buyer=PartyRef(ean="5798000416604"),
        totals=InvoiceTotals(
            line_extension=D(line_extension),
            tax_exclusive=net,
            tax=D(tax),
            payable=D(payable),
            allowances=D(allowances),
            charges=D(charges),
            prepaid=D(prepaid),
        ),
        lines=parsed_lines,
    )


# (case, lines (quantity, unit price, line amount), totals, expected warning fragments)
CASES = [
    ("exact", [("2", "100.00", "200.00")], dict(line_extension="200.00", tax="50.00", payable="250.00"), []),
    (
        "a rounding øre per line is tolerated",
        [("3", "33.335", "100.01"), ("3", "33.335", "100.01")],
        dict(line_extension="200.02", tax="50.01", payable="250.03"),
        [],
    ),
    (
        "line above quantity x price",
        [("2", "100.00", "210.00")],
        dict(line_extension="210.00", tax="52.50", payable="262.50"),
        ["line 1: quantity 2 x unit price 100.00 = 200.00, but the line amount is 210.00"],
    ),
    (
        "lines do not add up to the line total",
        [("1", "100.00", "100.00"), ("1", "50.00", "50.00")],
        dict(line_extension="160.00", tax="40.00", payable="200.00"),
        ["the lines add up to 150.00, but the line total is 160.00"],
    ),
    (
        "VAT not 25 %",
        [("1", "1000.00", "1000.00")],
        dict(line_extension="1000.00", tax="200.00", payable="1200.00"),
        ["VAT should be 250.00 by the lines' rates, but is 200.00"],
    ),
    (
        "payable off by 10 kr.",
        [("1", "1000.00", "1000.00")],
        dict(line_extension="1000.00", tax="250.00", payable="1260.00"),
        ["= 1250.00, but the payable amount is 1260.00"],
    ),
    (
        "allowance, charge and prepaid reconcile",
        [("1", "1000.00", "1000.00")],
        dict(line_extension="1000.00", allowances="100.00", charges="20.00", tax="230.00", prepaid="150.00", payable="1000.00"),
        [],
    ),
    (
        "whole-unit currency tolerates one unit per line",
        [("3", "33.40", "100")],
        dict(line_extension="100", tax="27", payable="127", currency="HUF", vat="27"),
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "lines", "totals", "expected"), CASES, ids=[c[0] for c in CASES])
def test_it_reconciles_to_the_ore_and_warns_about_the_rest(
    case: str, lines: list[tuple[str, str, str]], totals: dict[str, str], expected: list[str]
) -> None:
    warnings = reconcile(_invoice(lines, **totals))
    for fragment in expected:
        assert any(fragment in w for w in warnings), (fragment, warnings)
    if not expected:
        assert warnings == []


def test_it_warns_about_missing_parties_and_due_date_without_dropping_the_invoice() -> None:
    inv = _invoice([("1", "10.00", "10.00")], line_extension="10.00", tax="2.50", payable="12.50")
    inv.supplier, inv.buyer, inv.due_date = PartyRef(), PartyRef(), None
    assert reconcile(inv) == [
        "the supplier has no CVR or VAT number",
        "the supplier has no name",
        "the buyer has no CVR, EAN or VAT number",
        "no due date",
    ]


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (ubl(), "x.xml", "oioubl-2"),
        (CII, "x.xml", "cii"),
        (b"\xef\xbb\xbf" + ubl(), "bom.xml", "oioubl-2"),
        (b"invoice_number;issue_date\n1;2026-01-01\n", "x.csv", "csv"),
        (b"\x1f\x8b\x08\x00", "x.csv.gz", "csv"),
    ],
)
def test_it_detects_the_format_from_the_content(data: bytes, name: str, expected: str) -> None:
    assert detect_format(data, name) == expected

"""A contract with one price per calendar year, read from its PDF and stored: each
invoice is held to the price of its own year (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from extractors.contracts import extract_contract
from monitor.cli.main import app
from monitor.contracts.service import store_terms
from monitor.db import transaction
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty
from monitor.demo.parties import make_cvr, make_gln
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from tests.extractors.contracts.test_prices_per_period import _pdf, _table
from tests.monitor.seed import ingest_invoice

D = Decimal
runner = CliRunner()
BUYER_CVR = make_cvr(29189900)
VENDOR_CVR = make_cvr(31415900)
BUYER_EAN = make_gln("579800000123")


def _contract() -> bytes:
    return _pdf([
        "Rammeaftale om levering af rengøringsartikler",
        f"Aftalen er indgået mellem Egeby Kommune, CVR-nr. {BUYER_CVR}, og",
        f"Renprodukt ApS, CVR-nr. {VENDOR_CVR}.",
        "Aftalen træder i kraft den 1. januar 2026 og udløber den 31. december 2027.",
        "3. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris 2026", "Pris 2027"],
                [["R-10", "Gulvsæbe 5 l", "stk.", "89,00", "92,50"]]),
    ])  # fmt: skip


def _invoice(tmp_path: Path, number: str, issued: date, price: str) -> None:
    ingest_invoice(
        tmp_path,
        number,
        issued,
        supplier=InvoiceParty(name="Renprodukt ApS", cvr=VENDOR_CVR),
        buyer=InvoiceParty(name="Egeby Kommune", cvr=BUYER_CVR, ean=BUYER_EAN),
        line=InvoiceLineSpec("1", "R-10", "Gulvsæbe 5 l", D("10"), "EA", D(price)),
    )


def test_each_invoice_is_held_to_the_price_of_its_year(app_env: object, tmp_path: Path) -> None:
    with transaction() as s:
        muni = Municipality(code="731", name="Egeby Kommune", cvr=BUYER_CVR, population=40000)
        muni.eans.append(MunicipalityEan(ean=BUYER_EAN))
        muni.contacts.append(Contact(role="finance", email="okonomi@egeby.example.dk"))
        s.add_all([muni, Vendor(cvr=VENDOR_CVR, name="Renprodukt ApS")])
    terms = extract_contract(_contract(), "aftale.pdf")
    assert not terms.needs_review, terms.review_reasons
    with transaction() as s:
        store_terms(s, terms=terms, document_id=None)
    _invoice(tmp_path, "F-1", date(2026, 6, 1), "89.00")  # 2026 at 2026's price
    _invoice(tmp_path, "F-2", date(2026, 9, 1), "92.50")  # 2026 at 2027's price: above
    _invoice(tmp_path, "F-3", date(2027, 3, 1), "92.50")  # 2027 at 2027's price
    _invoice(tmp_path, "F-4", date(2027, 6, 1), "95.00")  # 2027 above 2027's price
    result = runner.invoke(app, ["findings", "--format", "json", "--rule", "price_above_agreed"])
    assert result.exit_code == 0, result.output
    found = {
        (f["evidence"]["invoice_number"], f["evidence"]["agreed_unit_price"])
        for f in json.loads(result.stdout)
    }
    assert found == {("F-2", "89.00"), ("F-4", "92.50")}

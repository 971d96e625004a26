"""A main contract and a supplement with the same vendor, both in force (found by an
independent review of the web app): the supplement, newer, took every invoice of the pair
over, and each line of the main contract's items became an unpriced item (false findings,
emails to hold whole invoices). Each invoice is checked against the contract that prices
its lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from extractors.contracts import extract_contract
from monitor.cli.main import app
from monitor.contracts.service import store_terms
from monitor.db import transaction
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty
from tests.extractors.contracts.test_prices_per_period import _pdf, _table
from tests.monitor.seed import ingest_invoice
from tests.monitor.test_fixed_prices import (
    BUYER_CVR,
    BUYER_EAN,
    FIXED,
    ROWS,
    VENDOR_CVR,
    D,
    _contract,
    _found,
    _parties,
)

runner = CliRunner()


def _main() -> bytes:
    return _contract(FIXED, [*ROWS, ["DP-410", "Fysisk brev, kuvertering", "pr. stk.", "6,40"]])


def _supplement() -> bytes:
    return _pdf([
        "Tillæg nr. 1 til driftsaftale om digital post",
        f"Tillægget er indgået mellem Vestby Kommune, CVR-nr. {BUYER_CVR}, og",
        f"Postservice ApS, CVR-nr. {VENDOR_CVR}.",
        "Tillægget træder i kraft den 1. januar 2026 og udløber den 30. september 2028.",
        "2. Nye ydelser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris"],
                [["DP-900", "Sikker arkivering af forsendelser", "pr. stk.", "2,50"]]),
    ])  # fmt: skip


def _invoice(tmp_path: Path, number: str, item: str, price: str) -> None:
    ingest_invoice(
        tmp_path,
        number,
        date(2026, 7, 3),
        supplier=InvoiceParty(name="Postservice ApS", cvr=VENDOR_CVR),
        buyer=InvoiceParty(name="Vestby Kommune", cvr=BUYER_CVR, ean=BUYER_EAN),
        line=InvoiceLineSpec("1", item, "Forsendelser", D("1000"), "EA", D(price)),
    )


def _store(pdf: bytes, name: str) -> None:
    terms = extract_contract(pdf, name)
    # a supplement amends the main contract: held for legal's review, its terms still read
    amends = [r for r in terms.review_reasons if "amends another contract" in r]
    assert terms.review_reasons == amends and len(amends) == name.startswith("tillaeg")
    with transaction() as s:
        store_terms(s, terms=terms, document_id=None)


def test_each_invoice_is_checked_against_the_contract_pricing_its_lines(
    app_env: object, tmp_path: Path
) -> None:
    _parties()
    _store(_main(), "aftale.pdf")
    _store(_supplement(), "tillaeg.pdf")
    _invoice(tmp_path, "F-1", "DP-400", "0.76")  # the main contract's price
    _invoice(tmp_path, "F-2", "DP-900", "2.50")  # the supplement's price
    _invoice(tmp_path, "F-3", "DP-410", "6.90")  # above the main contract's
    _invoice(tmp_path, "F-4", "DP-900", "2.80")  # above the supplement's
    assert _found() == {
        ("price_above_agreed", "F-3", "500.00"),
        ("price_above_agreed", "F-4", "300.00"),
    }


def test_a_supplement_stored_later_takes_no_invoice_over(app_env: object, tmp_path: Path) -> None:
    """The reviewer's order: the invoices checked against the main contract, then the
    supplement read and everything checked again."""
    _parties()
    _store(_main(), "aftale.pdf")
    _invoice(tmp_path, "F-1", "DP-400", "0.76")
    _invoice(tmp_path, "F-3", "DP-410", "6.90")
    before = _found()
    assert before == {("price_above_agreed", "F-3", "500.00")}
    _store(_supplement(), "tillaeg.pdf")
    result = runner.invoke(app, ["check", "--all"])
    assert result.exit_code == 0, result.output
    assert _found() == before

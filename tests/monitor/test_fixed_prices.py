"""A contract's price-adjustment clause as the rules read it, from its PDF to the
findings (SQLite and PostgreSQL, ``app_env``): prices fixed for the term are enforced
for the whole term; a clause that lets prices move by an index or amount not read holds
the agreed price until the first adjustment may take effect, and the contract is put
up for review (an end-to-end review found every overcharge of fixed-price contracts
unflagged: the "Priserne er faste" clause was stored as an indexation of unknown index,
which bounded no price from the effective date on)."""

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
BUYER_CVR = make_cvr(29189911)
VENDOR_CVR = make_cvr(31415911)
BUYER_EAN = make_gln("579800000456")

FIXED = "Priserne er faste i hele kontraktperioden og kan ikke reguleres."
BY_AGREEMENT = "Priserne kan reguleres én gang årligt efter forhandling mellem parterne."


ROWS = [["DP-400", "Digital Post-forsendelse", "pr. stk.", "0,76"]]


def _contract(adjustment: str, rows: list[list[str]] = ROWS) -> bytes:
    return _pdf([
        "Driftsaftale om digital post",
        f"Aftalen er indgået mellem Vestby Kommune, CVR-nr. {BUYER_CVR}, og",
        f"Postservice ApS, CVR-nr. {VENDOR_CVR}.",
        "Aftalen træder i kraft den 1. oktober 2025 og udløber den 30. september 2028.",
        "3. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris"], rows),
        "4. Prisregulering",
        adjustment,
        "5. Betaling",
        "Fakturaer betales senest 30 dage efter fakturadato.",
    ])  # fmt: skip


def _invoice(tmp_path: Path, number: str, issued: date, price: str) -> None:
    ingest_invoice(
        tmp_path,
        number,
        issued,
        supplier=InvoiceParty(name="Postservice ApS", cvr=VENDOR_CVR),
        buyer=InvoiceParty(name="Vestby Kommune", cvr=BUYER_CVR, ean=BUYER_EAN),
        line=InvoiceLineSpec("1", "DP-400", "Digital Post", D("10000"), "EA", D(price)),
    )


def _parties() -> None:
    with transaction() as s:
        muni = Municipality(code="733", name="Vestby Kommune", cvr=BUYER_CVR, population=30000)
        muni.eans.append(MunicipalityEan(ean=BUYER_EAN))
        muni.contacts.append(Contact(role="finance", email="okonomi@vestby.example.dk"))
        s.add_all([muni, Vendor(cvr=VENDOR_CVR, name="Postservice ApS")])


def _found() -> set[tuple[str, str, str]]:
    result = runner.invoke(app, ["findings", "--format", "json"])
    assert result.exit_code == 0, result.output
    return {
        (f["rule"], f["evidence"]["invoice_number"], f["overcharge"])
        for f in json.loads(result.stdout)
    }


def test_prices_fixed_for_the_term_are_enforced_for_the_whole_term(
    app_env: object, tmp_path: Path
) -> None:
    _parties()
    terms = extract_contract(_contract(FIXED), "aftale.pdf")
    assert terms.indexation is None and not terms.needs_review, terms.review_reasons
    clause = next(c for c in terms.clauses if c.kind == "indexation")
    assert clause.params == {"index": None, "fixed": True}
    with transaction() as s:
        store_terms(s, terms=terms, document_id=None)
    _invoice(tmp_path, "F-1", date(2026, 7, 3), "0.86")  # in the first year
    _invoice(tmp_path, "F-2", date(2027, 11, 2), "0.86")  # after a year: still fixed
    _invoice(tmp_path, "F-3", date(2027, 12, 1), "0.76")  # the agreed price
    assert _found() == {
        ("price_above_agreed", "F-1", "1000.00"),
        ("price_above_agreed", "F-2", "1000.00"),
    }


def test_prices_adjusted_by_what_is_not_read_hold_until_the_first_adjustment(
    app_env: object, tmp_path: Path
) -> None:
    _parties()
    terms = extract_contract(_contract(BY_AGREEMENT), "aftale.pdf")
    assert terms.indexation is not None and terms.indexation.index is None
    assert terms.needs_review and any("adjusted" in r for r in terms.review_reasons)
    with transaction() as s:
        store_terms(s, terms=terms, document_id=None)
    _invoice(tmp_path, "F-1", date(2026, 7, 3), "0.86")  # before the first adjustment
    _invoice(tmp_path, "F-2", date(2026, 11, 2), "0.86")  # after it: unbounded, no claim
    assert {(rule, number) for rule, number, _ in _found()} == {
        ("indexation_cap_exceeded", "F-1")  # raised before it may be (the "too early" case)
    }

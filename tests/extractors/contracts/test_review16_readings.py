"""Price lists and sentences in the shapes an independent review wrote (synthetic; none
copied from its documents): a row's own "(pris inkl. moms)" under a column of prices
excluding VAT, and a yearly fee stated in a sentence after the price table."""

from __future__ import annotations

from decimal import Decimal

from extractors.contracts import extract_contract
from extractors.contracts.prices.prose import sentence_terms
from extractors.contracts.prices.rows import RowContext
from extractors.types import Unit
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

HEAD = [
    "Kontrakt om mødeforplejning",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Kantine Nord ApS, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. april 2026 til og med 31. marts 2028.",
    "3. Priser",
]


def test_a_rows_own_vat_note_outranks_its_columns_and_is_held_for_review() -> None:
    lines = [
        *HEAD,
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris ekskl. moms"],
                [["M1", "Morgenbuffet", "pr. kuvert", "92,00"],
                 ["M2", "Juice, karaffel (pris inkl. moms)", "stk.", "61,25"],
                 ["M3", "Frokostplatte", "pr. kuvert", "138,00"]],
                (60, 110, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    read = {t.item_id: (t.unit_price, t.vat, t.confidence < 0.9) for t in terms.price_terms}
    assert read == {
        "M1": (Decimal("92.00"), "excl", False),
        "M2": (Decimal("61.25"), "incl", True),
        "M3": (Decimal("138.00"), "excl", False),
    }
    doubts = {t.item_id: t.doubt for t in terms.price_terms}
    assert doubts["M2"] is not None and "incl. VAT" in doubts["M2"]
    assert doubts["M1"] is None


def test_a_fee_for_a_named_thing_in_a_sentence_is_a_price() -> None:
    ctx = RowContext(language="da", currency="DKK", vat="excl")
    found = sentence_terms(
        "Endvidere betaler Kunden et fast årligt vederlag for adgang til planlægningsmodulet "
        "på kr. 36.500,00 pr. år.",
        2,
        ctx,
    )
    assert isinstance(found, list)
    assert [(t.description, t.unit, t.unit_price) for t in found] == [
        ("adgang til planlægningsmodulet", Unit.YEAR, Decimal("36500.00"))
    ]
    english = sentence_terms(
        "In addition the Customer pays a fixed annual fee for the route planner of "
        "DKK 9,250.00 per year.",
        2,
        RowContext(language="en", currency="DKK", vat="excl"),
    )
    assert isinstance(english, list)
    assert [(t.description, t.unit_price) for t in english] == [
        ("the route planner", Decimal("9250.00"))
    ]
    # a budget is no price; a product named after budgets may have one
    assert sentence_terms("Budgettet for opgaven er kr. 500.000.", 2, ctx) is None

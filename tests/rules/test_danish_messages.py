"""Each built-in rule writes its message in Danish too (``RuleFinding.message_da``), with
the same figures in Danish number format, for Danish pages and letters."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import rules
from rules.builtin import builtin_specs
from rules.evidence import day_da, fmt_da, fmt_qty_da
from tests.rules.scenarios import generate

ENGLISH = re.compile(
    r"\b(Line|Invoice|is above|again|while another|outside the contract|payment term)\b"
)


@pytest.mark.parametrize(
    ("value", "danish"),
    [
        ("1234.5", "1.234,50"),
        ("-0.25", "-0,25"),
        ("1234567.891", "1.234.567,891"),
        ("100", "100,00"),
        ("0.000001", "0,000001"),
    ],
)
def test_figures_are_written_the_danish_way(value: str, danish: str) -> None:
    assert fmt_da(Decimal(value)) == danish


def test_quantities_and_days_are_written_the_danish_way() -> None:
    from datetime import date

    assert fmt_qty_da(Decimal("1000")) == "1.000"
    assert fmt_qty_da(Decimal("3.5")) == "3,5"
    assert day_da(date(2026, 2, 1)) == "1.2.2026"


def test_every_built_in_rule_writes_its_message_in_danish_with_its_figures() -> None:
    seen: set[str] = set()
    for scenario in generate(seed=3):
        for f in rules.evaluate(scenario.context):
            seen.add(f.rule_id)
            assert f.message_da, f"{f.rule_id} wrote no Danish message: {f.message}"
            assert not ENGLISH.search(f.message_da), f.message_da
            if f.invoiced_unit_price is not None and f.rule_id != "duplicate_billing":
                # the line's price, as the English message has it, in Danish format
                price = fmt_da(f.invoiced_unit_price)
                assert price in f.message_da or f.rule_id == "unpriced_item", (
                    f.rule_id,
                    price,
                    f.message_da,
                )
            # no figure in English format (a point before two decimals) is left
            assert not re.search(r"\d\.\d{2}\b(?!\.)", f.message_da.replace("..", "")), f.message_da
    assert seen == set(builtin_specs()), f"not seen: {set(builtin_specs()) - seen}"

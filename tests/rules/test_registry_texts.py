"""Every built-in rule speaks Danish and English: titles, and a description with the
same worked example, the Danish one with Danish amounts (12.500,00 kr.)."""

from __future__ import annotations

import re

import pytest

import rules
from rules.spec import RuleSpec, spec_for

DANISH_AMOUNT = re.compile(r"\d,\d\d kr\.")
SPECS = list(rules.registry().values())


def test_there_are_ten_built_in_rules() -> None:
    assert len(SPECS) == 10


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_a_built_in_rule_has_titles_and_descriptions_in_both_languages(spec: RuleSpec) -> None:
    assert spec.title_da.strip() and spec.title_en.strip()
    assert spec.description.strip() and spec.description_da.strip()
    assert spec.description_en == spec.description
    assert spec.description_da != spec.description


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_the_danish_description_has_a_worked_example_in_danish_kroner(spec: RuleSpec) -> None:
    assert "Eksempel:" in spec.description_da and "Example" in spec.description
    assert DANISH_AMOUNT.search(spec.description_da), spec.description_da
    assert not re.search(r"\d\.\d\d kr", spec.description_da)  # no English decimals


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_describe_returns_the_text_in_the_language(spec: RuleSpec) -> None:
    assert spec.describe("da") == spec.description_da
    assert spec.describe("en") == spec.description


def test_the_danish_text_uses_the_danish_terms() -> None:
    texts = {spec.id: spec.description_da for spec in SPECS}
    assert "mestbegunstigelse" in texts["mfn_breach"]
    assert "nettoprisindeks" in texts["indexation_cap_exceeded"]
    assert "3 %" in texts["indexation_cap_exceeded"]
    assert "mængderabat" in texts["volume_tier_not_applied"]
    assert "12.000,00 kr." in texts["volume_tier_not_applied"]
    assert "12.500,00 kr." in texts["duplicate_billing"]
    assert "dobbeltfakturering" in texts["duplicate_billing"].lower()
    assert "kontraktperiode" in texts["outside_contract_period"]
    assert "betalingsfrist" in texts["payment_terms"]
    assert "tolerancen" in texts["price_above_agreed"]
    assert "overpris (105,00 - 100,00) x 10 = 50,00 kr." in texts["price_above_agreed"]


def test_a_custom_rule_is_described_in_both_languages() -> None:
    spec = spec_for("custom:dyr_licens")
    assert spec.describe("da") == spec.description_da != spec.description
    assert "line.unit_price > term.unit_price * 1.1" in spec.describe("da")
    assert spec.describe("en") == spec.description

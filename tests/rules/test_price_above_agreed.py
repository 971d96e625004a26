"""price_above_agreed: one row per case, amounts written out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import rules
from extractors.types import Unit
from rules.types import RuleConfig
from tests.rules.builders import contract, ctx, invoice, line, term

ONLY = "price_above_agreed"


def run(c, inv, **params):
    configs = [RuleConfig(rule_id=r, mode="off") for r in rules.registry() if r != ONLY]
    configs.append(RuleConfig(rule_id=ONLY, params=params))
    return [f for f in rules.evaluate(ctx(inv, c), configs) if f.rule_id == ONLY]


# agreed, invoiced, qty, params, expected overcharge (None: no finding)
CASES = [
    ("100.00", "100.00", "10", {}, None),
    ("100.00", "99.00", "10", {}, None),
    ("100.00", "100.01", "10", {}, None),  # exactly at the default 0.01 kr tolerance
    ("100.00", "100.02", "10", {}, "0.20"),  # one øre above the tolerance
    ("100.00", "105.00", "10", {}, "50.00"),
    ("100.00", "105.00", "3.5", {}, "17.50"),
    ("0.333", "0.34", "3", {"absolute_tolerance": "0"}, "0.02"),  # 0.021 -> 0.02
    ("0.333", "0.3345", "3", {"absolute_tolerance": "0"}, "0.00"),  # 0.0045 -> 0.00 (half up)
    ("0.333", "0.33", "7", {"absolute_tolerance": "0"}, None),
    ("100.00", "102.00", "10", {"percent_tolerance": "2"}, None),  # exactly 2 % (OR)
    ("100.00", "102.01", "10", {"percent_tolerance": "2"}, "20.10"),
    ("100.00", "101.00", "10", {"absolute_tolerance": "1", "percent_tolerance": "2"}, None),
    ("100.00", "101.50", "10", {"absolute_tolerance": "1", "percent_tolerance": "2"}, None),
    (
        "100.00",
        "101.50",
        "10",
        {"absolute_tolerance": "1", "percent_tolerance": "2", "combine": "and"},
        "15.00",
    ),
    (
        "100.00",
        "101.00",
        "10",
        {"absolute_tolerance": "1", "percent_tolerance": "2", "combine": "and"},
        None,
    ),
    (
        "100.00",
        "101.01",
        "10",
        {"absolute_tolerance": "1", "percent_tolerance": "2", "combine": "and"},
        "10.10",
    ),
    ("100.00", "110.00", "1", {"min_overcharge": "10.01"}, None),
    ("100.00", "110.00", "1", {"min_overcharge": "10.00"}, "10.00"),
]


@pytest.mark.parametrize(
    "agreed,invoiced,qty,params,expected",
    CASES,
    ids=[f"{a}->{i}x{q}-{p}" for a, i, q, p, _ in CASES],
)
def test_it_flags_a_unit_price_above_the_agreed_price_beyond_the_tolerance(
    agreed, invoiced, qty, params, expected
):
    found = run(contract(term(agreed)), invoice(line(invoiced, qty)), **params)
    if expected is None:
        assert found == []
    else:
        assert [f.overcharge for f in found] == [Decimal(expected)]
        assert found[0].invoiced_unit_price == Decimal(invoiced)
        assert found[0].agreed_unit_price == Decimal(agreed)


# contract unit, contract price, invoice unit code, invoice price, qty, period, population, expected
UNIT_CASES = [
    (Unit.USER_YEAR, "1200.00", "MON", "100.00", "5", None, None, None),
    (Unit.USER_YEAR, "1200.00", "MON", "110.00", "5", None, None, "50.00"),
    (Unit.USER_YEAR, "1000.00", "MON", "83.34", "12", None, None, None),  # 83.333.. + rounding
    (Unit.USER_YEAR, "1000.00", "MON", "83.35", "12", None, None, "0.20"),
    (Unit.USER_MONTH, "100.00", "ANN", "1200.00", "2", None, None, None),
    (Unit.USER_MONTH, "100.00", "ANN", "1250.00", "2", None, None, "100.00"),
    (
        Unit.USER_MONTH,
        "100.00",
        "EA",
        "300.00",
        "4",
        (date(2026, 1, 1), date(2026, 3, 31)),
        None,
        None,
    ),
    (
        Unit.USER_MONTH,
        "100.00",
        "EA",
        "330.00",
        "4",
        (date(2026, 1, 1), date(2026, 3, 31)),
        None,
        "120.00",
    ),
    (Unit.YEAR, "1200.00", "DAY", "50.00", "30", None, None, None),  # unreconcilable: no claim
    (Unit.HOUR, "950.00", "HUR", "1000.00", "7.5", None, None, "375.00"),
    (Unit.HOUR, "950.00", "MON", "99999.00", "1", None, None, None),  # unreconcilable
    (Unit.INHABITANT_YEAR, "12.50", "EA", "13.00", "60000", None, 60000, "30000.00"),
    (Unit.INHABITANT_YEAR, "12.50", "EA", "750000.00", "1", None, 60000, None),
    (Unit.INHABITANT_YEAR, "12.50", "EA", "780000.00", "1", None, 60000, "30000.00"),
    (Unit.INHABITANT_YEAR, "12.50", "MON", "65000.00", "1", None, 60000, "2500.00"),
    # goods by weight: kilograms and grams compare, a count does not
    (Unit.KG, "45.00", "KGM", "48.00", "20", None, None, "60.00"),
    (Unit.KG, "45.00", "KGM", "45.00", "20", None, None, None),
    (Unit.KG, "45.00", "GRM", "0.06", "500", None, None, "7.50"),
    (Unit.KG, "45.00", "EA", "99.00", "3", None, None, None),  # unreconcilable: no claim
    # measures: the same dimension converts exactly, a count or another dimension does not
    (Unit.TONNE, "650.00", "TNE", "700.00", "12.5", None, None, "625.00"),
    (Unit.TONNE, "650.00", "KGM", "0.70", "2000", None, None, "100.00"),
    (Unit.TONNE, "650.00", "EA", "700.00", "3", None, None, None),
    (Unit.KM, "12.50", "KMT", "13.75", "40", None, None, "50.00"),
    (Unit.KM, "12.50", "MTR", "0.03", "1000", None, None, "17.50"),
    (Unit.KM, "12.50", "HUR", "400.00", "2", None, None, None),
    (Unit.METRE, "185.00", "MTR", "190.00", "30", None, None, "150.00"),
    (Unit.METRE, "185.00", "KMT", "185000.00", "1", None, None, None),
    (Unit.SQUARE_METRE, "9.40", "MTK", "9.90", "1200", None, None, "600.00"),
    (Unit.SQUARE_METRE, "9.40", "MTR", "9.90", "1200", None, None, None),
    (Unit.CUBIC_METRE, "240.00", "MTQ", "255.00", "8", None, None, "120.00"),
    (Unit.CUBIC_METRE, "240.00", "LTR", "0.30", "500", None, None, "30.00"),
    (Unit.LITRE, "11.20", "LTR", "11.95", "4000", None, None, "3000.00"),
    (Unit.LITRE, "11.20", "MTQ", "11200.00", "2", None, None, None),
    (Unit.LITRE, "11.20", "EA", "12.00", "10", None, None, None),
    # a day's rate: billed in days or counted, never in hours or weeks
    (Unit.DAY, "1450.00", "DAY", "1600.00", "5", None, None, "750.00"),
    (Unit.DAY, "1450.00", "EA", "1600.00", "5", None, None, "750.00"),
    (Unit.DAY, "1450.00", "HUR", "200.00", "8", None, None, None),
    (Unit.DAY, "1450.00", "WEE", "9000.00", "1", None, None, None),
    # a week's price: billed in weeks or counted, never per day or month (no whole weeks)
    (Unit.WEEK, "725.00", "WEE", "780.00", "4", None, None, "220.00"),
    (Unit.WEEK, "725.00", "EA", "780.00", "4", None, None, "220.00"),
    (Unit.WEEK, "725.00", "DAY", "120.00", "7", None, None, None),
    (Unit.WEEK, "725.00", "MON", "3500.00", "1", None, None, None),
    # a quarter's price: three months, by the period code or a billed period of months
    (Unit.QUARTER, "3800.00", "QAN", "4000.00", "1", None, None, "200.00"),
    (Unit.QUARTER, "3800.00", "MON", "1300.00", "3", None, None, "100.00"),
    (Unit.QUARTER, "3800.00", "ANN", "15200.00", "1", None, None, None),
    (Unit.QUARTER, "3800.00", "ANN", "15600.00", "1", None, None, "400.00"),
    (
        Unit.QUARTER,
        "3800.00",
        "EA",
        "7800.00",
        "1",
        (date(2026, 1, 1), date(2026, 6, 30)),
        None,
        "200.00",
    ),
    (Unit.QUARTER, "3800.00", "HUR", "500.00", "2", None, None, None),
    # a hectare: 10,000 m²; a count or a length is no area
    (Unit.HECTARE, "1150.00", "HAR", "1200.00", "12.5", None, None, "625.00"),
    (Unit.HECTARE, "1150.00", "MTK", "0.13", "20000", None, None, "300.00"),
    (Unit.HECTARE, "1150.00", "EA", "1200.00", "3", None, None, None),
    (Unit.SQUARE_METRE, "0.11", "HAR", "1200.00", "2", None, None, "200.00"),
]


@pytest.mark.parametrize(
    "unit,agreed,code,invoiced,qty,period,population,expected",
    UNIT_CASES,
    ids=[f"{u.value}-{a}-{c}-{i}x{q}" for u, a, c, i, q, *_ in UNIT_CASES],
)
def test_it_compares_prices_after_unit_normalisation(
    unit, agreed, code, invoiced, qty, period, population, expected
):
    c = contract(term(agreed, unit=unit))
    inv = invoice(
        line(invoiced, qty, unit=code, period=period or (None, None)), population=population
    )
    found = run(c, inv)
    assert [f.overcharge for f in found] == ([Decimal(expected)] if expected else [])


def test_it_matches_item_ids_regardless_of_case_spaces_and_leading_zeros():
    c = contract(term("100.00", item="SAG-0042"))
    found = run(c, invoice(line("120.00", "1", item=" sag 42")))
    assert [f.overcharge for f in found] == [Decimal("20.00")]
    assert found[0].evidence["match_method"] == "item_id"


def test_it_matches_by_description_and_records_method_and_score():
    c = contract(term("100.00", item=None, desc="Licens Sagssystem pr. bruger"))
    found = run(
        c, invoice(line("120.00", "1", item=None, desc="Licens Sagssystem pr bruger januar 2026"))
    )
    assert [f.overcharge for f in found] == [Decimal("20.00")]
    assert found[0].evidence["match_method"] == "description"
    assert float(found[0].evidence["match_score"]) >= 88


def test_it_marks_an_unconfirmed_term_in_the_evidence_and_skips_it_when_not_allowed():
    c = contract(term("100.00", confirmed=False))
    inv = invoice(line("120.00", "1"))
    found = run(c, inv)
    assert found[0].evidence["unconfirmed_term"] is True
    configs = [RuleConfig(rule_id=r, mode="off") for r in rules.registry() if r != ONLY]
    assert rules.evaluate(ctx(inv, c, allow_unconfirmed_terms=False), configs) == []


def test_it_uses_the_term_valid_on_the_billing_date():
    old = term("100.00", id=1, valid=(None, date(2025, 12, 31)))
    new = term("110.00", id=2, valid=(date(2026, 1, 1), None))
    found = run(contract(old, new), invoice(line("110.00", "2"), issued=date(2026, 1, 15)))
    assert found == []
    found = run(contract(old, new), invoice(line("110.00", "2"), issued=date(2025, 12, 15)))
    assert [(f.overcharge, f.term_ref) for f in found] == [(Decimal("20.00"), 1)]


def test_its_dedup_key_is_stable_and_ignores_params_and_message():
    c, inv = contract(term("100.00")), invoice(line("120.00", "1"))
    a = run(c, inv)[0]
    b = run(c, inv, absolute_tolerance="5")[0]
    assert a.dedup_key == b.dedup_key == "price_above_agreed:100:1:1"


def test_it_puts_what_a_lawyer_needs_in_json_able_evidence():
    import json

    f = run(contract(term("100.00")), invoice(line("120.00", "2")))[0]
    ev = f.evidence
    assert ev["clause_text"] and ev["clause_page"] == 4
    assert ev["line_text"] == "Licens Sagssystem"
    assert ev["computation"] == "(120.00 - 100.00) x 2 = 40.00"
    json.dumps(ev)


def test_it_skips_credit_notes():
    inv = invoice(line("120.00", "-1", amount="-120.00"), document_type="credit_note")
    assert run(contract(term("100.00")), inv) == []


def _banded_contract():
    """One item priced per time band ("Tolkning – Hverdage kl. 07-17" ...), as the
    extractor reads a table of time-band columns."""
    bands = [("Hverdage kl. 07-17", "400.00"), ("Hverdage kl. 17-22", "500.00"),
             ("Lørdag og søndag", "600.00"), ("Helligdage", "800.00")]  # fmt: skip
    return contract(
        *(
            term(price, id=i, item="1", desc=f"Fremmødetolkning – {band}", unit=Unit.HOUR)
            for i, (band, price) in enumerate(bands, start=1)
        )
    )


@pytest.mark.parametrize(
    ("desc", "price", "expected"),
    [
        # the line names its band: held to that band's price
        ("Fremmødetolkning hverdag kl. 7-17", "450.00", "50.00"),
        ("Fremmødetolkning, hverdage 17-22", "520.00", "20.00"),
        ("Fremmødetolkning lørdag", "600.00", None),
        ("Fremmødetolkning helligdag", "790.00", None),
        # no band named: the dearest band's price, no breach claimed below it
        ("Fremmødetolkning", "790.00", None),
        ("Fremmødetolkning", "810.00", "10.00"),
    ],
)
def test_a_line_is_held_to_the_time_band_it_names(desc: str, price: str, expected) -> None:
    inv = invoice(line(price, "1", item="1", desc=desc, unit="HUR"))
    found = run(_banded_contract(), inv)
    assert [f.overcharge for f in found] == ([] if expected is None else [Decimal(expected)])


def test_a_whole_years_price_on_a_monthly_invoice_is_held_for_review_not_claimed():
    """A counted line without a period of its own, on an invoice for one month, priced
    at (about) a whole year's price: a year paid in advance, or the month billed twelve
    times over; the invoice cannot tell which, so no overcharge is claimed and the line
    is listed for review, naming both prices. Near the month's price it is compared as
    before; with a twelve-month period of its own, as the whole year."""
    c = contract(term("1200.00", unit=Unit.YEAR))
    month = (date(2026, 1, 1), date(2026, 1, 31))
    year = (date(2026, 1, 1), date(2026, 12, 31))
    for price in ("1200.00", "1260.00", "400.00"):
        held = invoice(line(price, "1"), period=month)
        assert run(c, held) == [], price
        listed = rules.unchecked_lines(ctx(held, c))
        assert [x["status"] for x in listed] == ["unreconciled"], price
        assert "1200.00" in listed[0]["reason"] and "100.00" in listed[0]["reason"]
        assert "held for review" in listed[0]["reason"]
    near_month = invoice(line("130.00", "2"), period=month)
    assert [f.overcharge for f in run(c, near_month)] == [Decimal("60.00")]
    assert rules.unchecked_lines(ctx(near_month, c)) == []
    assert run(c, invoice(line("1200.00", "1", period=year), period=month)) == []
    own_year = invoice(line("1260.00", "1", period=year), period=month)
    assert [f.overcharge for f in run(c, own_year)] == [Decimal("60.00")]

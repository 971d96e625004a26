"""price_disparity and mfn_breach: one row per case."""

from __future__ import annotations

from decimal import Decimal

import pytest

import rules
from extractors.types import Unit
from tests.rules.builders import contract, ctx, invoice, line, only, overcharges, peer, term

D = Decimal
PEERS = [peer("101", "26.00"), peer("751", "10.00"), peer("461", "10.00"), peer("851", "12.00")]

# own price, qty, peers, params, expected
DISPARITY = [
    ("26.00", "100", PEERS, {}, "1600.00"),  # median 10.00 (own 101 excluded), ratio 2.6
    ("20.00", "100", PEERS, {}, None),  # exactly 2 x the median
    ("20.01", "100", PEERS, {}, "1001.00"),
    ("26.00", "100", PEERS[:3], {}, None),  # only two other municipalities
    ("26.00", "100", PEERS[:3], {"min_peers": 2}, "1600.00"),
    ("26.00", "100", PEERS, {"ratio": "3"}, None),
    ("26.00", "100", [], {}, None),
]


@pytest.mark.parametrize(
    "own,qty,peers,params,expected",
    DISPARITY,
    ids=[f"{c[0]}-{len(c[2])}-{c[3]}" for c in DISPARITY],
)
def test_it_flags_a_price_far_above_what_others_pay(own, qty, peers, params, expected):
    inv = invoice(line(own, qty))
    found = only("price_disparity", ctx(inv, contract(term(own)), peer_prices=peers), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])
    if expected:
        assert found[0].evidence["lowest_price"] == "10.00"
        assert found[0].evidence["lowest_municipality"] in {"461", "751"}


def test_it_compares_per_inhabitant_prices_when_billed_for_the_whole_municipality():
    per_head = term("20.00", unit=Unit.INHABITANT_YEAR)
    peers = [
        peer("751", "3600000.00", population=360000),  # 10.00 per inhabitant
        peer("461", "2050000.00", population=205000),  # 10.00
        peer("851", "1200000.00", population=120000),  # 10.00
    ]
    inv = invoice(line("1200000.00", "1"), population=60000)  # 20.00 per inhabitant
    found = only("price_disparity", ctx(inv, contract(per_head), peer_prices=peers), ratio="1.5")
    assert overcharges(found) == [D("600000.00")]
    assert found[0].evidence["ratio"] == "2.00"


# own price, qty, mfn, params, expected
MFN = [
    ("12.00", "300", True, {}, "600.00"),
    ("10.01", "300", True, {}, None),  # exactly at the 0.01 tolerance
    ("10.02", "300", True, {}, "6.00"),
    ("10.00", "300", True, {}, None),
    ("12.00", "300", False, {}, None),
    ("12.00", "300", True, {"percent_tolerance": "20"}, None),
    ("12.01", "300", True, {"percent_tolerance": "20"}, "603.00"),
]


@pytest.mark.parametrize(
    "own,qty,mfn,params,expected", MFN, ids=[f"{c[0]}-mfn{c[2]}-{c[3]}" for c in MFN]
)
def test_it_flags_a_lower_price_to_another_municipality_under_mfn(own, qty, mfn, params, expected):
    peers = [peer("101", "9.00"), peer("751", "10.00"), peer("461", "11.00")]
    con = contract(term(own), mfn=mfn)
    found = only("mfn_breach", ctx(invoice(line(own, qty)), con, peer_prices=peers), **params)
    assert overcharges(found) == ([D(expected)] if expected else [])


def test_a_line_in_a_volume_band_is_compared_with_prices_paid_in_that_band():
    """22 users at the 0-200 band's price against another municipality paying less for
    250 users (the band above): no lower price for the same thing (a fifteenth review
    saw five such MFN claims); another paying less for 50 users is one."""
    from dataclasses import replace

    con = contract(term("371.40", id=1, tier=("0", "200")), term("334.10", id=2, tier=("201", None)),
                   mfn=True)  # fmt: skip
    inv = invoice(line("371.40", "22"))
    more_users = replace(peer("751", "348.20"), quantity=D("250"))
    assert only("mfn_breach", ctx(inv, con, peer_prices=[more_users])) == []
    same_band = replace(peer("461", "350.00"), quantity=D("50"))
    found = only("mfn_breach", ctx(inv, con, peer_prices=[more_users, same_band]))
    assert overcharges(found) == [D("470.80")]  # (371.40 - 350.00) x 22


def test_a_line_without_an_item_number_is_compared_under_the_item_it_matches():
    """A line billed by description alone ("Licens Sagssystem pr. bruger pr. måned"),
    matched to the contract's item A-100: compared with what others pay for A-100 (an
    end-to-end review found every such line's MFN breach and disparity missed)."""
    peers = [peer("101", "9.00"), peer("751", "10.00"), peer("461", "11.00")]
    con = contract(term("12.00"), mfn=True)
    described = line("12.00", "300", item=None, desc="Licens Sagssystem pr. bruger pr. måned")
    found = only("mfn_breach", ctx(invoice(described), con, peer_prices=peers))
    assert overcharges(found) == [D("600.00")]
    assert found[0].evidence["item_key"] == "a100"


def test_mfn_breach_owns_the_comparison_when_the_contract_has_the_clause():
    inv = invoice(line("26.00", "100"))
    found = rules.evaluate(ctx(inv, contract(term("26.00"), mfn=True), peer_prices=PEERS))
    assert [(f.rule_id, f.overcharge) for f in found] == [("mfn_breach", D("1600.00"))]


@pytest.mark.parametrize("reverse", [False, True])
def test_a_municipality_s_latest_price_is_the_greatest_invoice_and_line_that_day(reverse):
    """Two spellings of one item billed to one municipality on the same day: its latest
    price is the one on the greater (invoice, line), in whatever order the observations
    come (the database is not asked to sort them)."""
    from dataclasses import replace
    from datetime import date

    day = date(2026, 3, 1)
    same_day = [
        replace(peer("751", "4.00", item="A-100"), issue_date=day, invoice_id=8, line_id=3),
        replace(peer("751", "10.00", item="a 100"), issue_date=day, invoice_id=9, line_id=1),
        replace(peer("751", "3.00", item="A-100"), issue_date=day, invoice_id=9, line_id=0),
    ]
    others = [peer("461", "20.00"), peer("147", "30.00")]
    observations = (same_day[::-1] if reverse else same_day) + others
    inv = invoice(line("50.00", "1"))
    found = only("price_disparity", ctx(inv, contract(), peer_prices=observations), min_peers=3)
    # 751's latest is 10.00 (invoice 9, line 1), the lowest of 10, 20 and 30
    assert [(f.evidence["lowest_municipality"], f.evidence["lowest_price"]) for f in found] == [
        ("751", "10.00")
    ]


def test_mfn_compares_with_prices_billed_since_the_contracts_last_price_regulation():
    """A price raised as the indexation clause allows from 1 January is compared with
    what the others were billed for periods from then on: another municipality's price
    for December, invoiced on 3 January before its own January invoice came, is the old
    period's price, not a lower price given to it (a false most-favoured claim at every
    yearly regulation, whichever municipality is invoiced first). A lower price billed
    for January itself is one."""
    from dataclasses import replace
    from datetime import date

    from extractors.types import IndexationTerms

    clause = IndexationTerms(
        index="nettoprisindeks", cap_pct=D("3"), adjust_month=1, fixed_months=12,
        base_month="2024-12", notice_days=90,
    )  # fmt: skip
    series = {"nettoprisindeks": {"2024-12": D("100"), "2025-12": D("105")}}
    con = contract(term("100.00"), mfn=True, indexation=clause)
    inv = invoice(
        line("103.00", "10"), issued=date(2026, 2, 3), period=(date(2026, 1, 1), date(2026, 1, 31))
    )
    december = replace(
        peer("751", "100.00"), issue_date=date(2026, 1, 3), billed_on=date(2025, 12, 1)
    )
    january = replace(
        peer("461", "103.00"), issue_date=date(2026, 2, 2), billed_on=date(2026, 1, 1)
    )
    found = only("mfn_breach", ctx(inv, con, index_series=series, peer_prices=[december, january]))
    assert found == []
    lower_in_january = replace(december, billed_on=date(2026, 1, 1))
    found = only(
        "mfn_breach", ctx(inv, con, index_series=series, peer_prices=[lower_in_january, january])
    )
    assert overcharges(found) == [D("30.00")]
    # a contract without a regulation compares with every latest price, as before
    plain = contract(term("103.00"), mfn=True)
    found = only("mfn_breach", ctx(inv, plain, peer_prices=[december, january]))
    assert overcharges(found) == [D("30.00")]

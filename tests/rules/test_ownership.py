"""One line's money is owned once (``rules.ownership``), over generated scenarios.

The invariant: on every invoice line, the overcharges of the findings that own money
on it add up to at most the line's excess over the lowest price any valid term allows
(``line amount - quantity x lowest``; the lowest is 0 for a line no term allows at all:
billed twice, outside the contract period). The lowest price is computed here from the
scenario world's contract formulas and the other municipalities' prices, never from
the findings. Rounding: each owned amount is rounded to øre on its own, so one øre per
owning finding is allowed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import rules
from rules.ownership import owned_per_line
from rules.types import InvoiceLineView
from tests.rules.scenario_world import ITEMS, MFN, MUNICIPALITIES, allowed_inv, clean_price
from tests.rules.scenarios import Generator, month_of, to_ore

D = Decimal
PEER_DAY = date(2026, 2, 10)
UNTIERED = [i for i in ITEMS if not i.tiers]


def lowest_allowed(muni: str, item_id: str, on: date, qty: Decimal) -> Decimal:
    """The lowest unit price (per invoice unit) any valid term allows: the contract's
    allowed price, and under an MFN clause the lowest other municipality's price."""
    item = next(i for i in ITEMS if i.id == item_id)
    lowest = allowed_inv(muni, item, on, qty)
    if muni in MFN and not item.tiers:
        per_head = item.unit.value == "inhabitant_year"  # compared per inhabitant
        others = [
            clean_price(m, item, PEER_DAY) / D(MUNICIPALITIES[m]) * D(MUNICIPALITIES[muni])
            if per_head
            else clean_price(m, item, PEER_DAY)
            for m in MUNICIPALITIES
            if m != muni
        ]
        lowest = min([lowest, *others])
    return lowest


scenario = st.fixed_dictionaries(
    {
        "seed": st.integers(0, 10_000),
        "muni": st.sampled_from(sorted(MUNICIPALITIES)),
        "item": st.sampled_from([i.id for i in UNTIERED]),
        "rise_pct": st.sampled_from([0, 2, 5, 10, 20, 26, 40, 80]),
        "extra": st.sampled_from([D(0), D(0), D("10.00"), D("250.50")]),
        "short": st.sampled_from([D(0), D(0), D("5.00")]),
        "twice": st.booleans(),
        "outside": st.sampled_from([None, None, "before", "after"]),
        "month": st.integers(2, 11),
    }
)


def build(case: dict[str, object]) -> tuple[Generator, object, InvoiceLineView]:
    gen = Generator(int(case["seed"]))  # type: ignore[call-overload]
    muni, item = str(case["muni"]), next(i for i in ITEMS if i.id == case["item"])
    on = date(2026, int(case["month"]), 10)  # type: ignore[call-overload]
    if case["outside"] == "before":
        on = date(2024, 12, 10)
    elif case["outside"] == "after":
        on = date(2027, 1, 10)
    qty = gen.qty(item)
    base = clean_price(muni, item, on if on.year < 2027 else date(2026, 12, 1), qty)
    price = to_ore(base * (100 + D(int(case["rise_pct"]))) / 100)  # type: ignore[call-overload]
    amount = to_ore(qty * price) + D(case["extra"]) - D(case["short"])  # type: ignore[arg-type]
    bad = gen.line(muni, item, on, qty, price=price, amount=amount, period=month_of(on))
    earlier = []
    if case["twice"]:
        first = gen.line(muni, item, on, qty, price=price, amount=amount, period=month_of(on))
        earlier.append(gen.invoice(muni, [first], on))
    lines = [*gen.companions(muni, on, {item.id}), bad]
    inv = gen.invoice(muni, lines, on)
    return gen, gen.context(inv, earlier), bad


def excess(line: InvoiceLineView, bad: InvoiceLineView, case: dict[str, object]) -> Decimal:
    """The line's excess over the lowest price any valid term allows (0 where it is
    billed at that price, the clean companions, or below it: nothing is owed back)."""
    if case["outside"] or (line is bad and case["twice"]):
        return line.line_amount  # no term allows this line at all
    if line is not bad:
        return D(0)
    on = line.period_start or date(2026, 1, 1)
    low = lowest_allowed(str(case["muni"]), str(case["item"]), on, line.quantity)
    return max(line.line_amount - line.quantity * low, D(0))


@settings(max_examples=300, deadline=None)
@given(scenario)
def test_owned_overcharges_on_a_line_never_exceed_its_excess(case: dict[str, object]) -> None:
    _, ctx, bad = build(case)
    findings = rules.evaluate(ctx)  # type: ignore[arg-type]
    owned = owned_per_line(findings)
    owners = {
        ref: sum(1 for f in findings if f.grounds_for is None and ref in f.claims())
        for ref in owned
    }
    for line in ctx.invoice.lines:  # type: ignore[attr-defined]
        bound = excess(line, bad, case)
        assert owned.get(line.id, D(0)) <= bound + D("0.01") * owners.get(line.id, 0), (
            case,
            [(f.rule_id, f.overcharge, f.grounds_for) for f in findings],
        )


@settings(max_examples=200, deadline=None)
@given(scenario)
def test_every_ground_points_at_an_owner_of_the_same_line(case: dict[str, object]) -> None:
    _, ctx, _ = build(case)
    findings = rules.evaluate(ctx)  # type: ignore[arg-type]
    by_key = {f.dedup_key: f for f in findings}
    for f in findings:
        if f.grounds_for is None:
            continue
        owner = by_key[f.grounds_for]
        assert owner.grounds_for is None and owner.money_kind == "overcharge"
        assert f.claims().keys() & owner.claims().keys()
        assert f.money_kind == "overcharge" and f.overcharge <= owner.overcharge


def test_a_line_ten_percent_above_under_mfn_is_counted_once() -> None:
    """The issue's case: indexation above the cap and an MFN breach see the same money."""
    case = {"seed": 7, "muni": "101", "item": "SAG-001", "rise_pct": 10, "extra": D(0),
            "short": D(0), "twice": False, "outside": None, "month": 3}  # fmt: skip
    _, ctx, bad = build(case)
    findings = [f for f in rules.evaluate(ctx) if f.line_ref == bad.id]  # type: ignore[arg-type]
    assert sorted(f.rule_id for f in findings) == ["indexation_cap_exceeded", "mfn_breach"]
    owners = [f for f in findings if f.grounds_for is None]
    grounds = [f for f in findings if f.grounds_for is not None]
    assert len(owners) == 1 and len(grounds) == 1
    assert grounds[0].grounds_for == owners[0].dedup_key
    assert owned_per_line(findings)[bad.id] == owners[0].overcharge > 0


def test_a_price_gap_is_never_owned_nor_counted_as_an_overcharge() -> None:
    case = {"seed": 3, "muni": "147", "item": "KON-003", "rise_pct": 0, "extra": D(0),
            "short": D(0), "twice": False, "outside": None, "month": 4}  # fmt: skip
    _, ctx, bad = build(case)
    findings = rules.evaluate(ctx)  # type: ignore[arg-type]
    gaps = [f for f in findings if f.rule_id == "price_disparity"]
    assert len(gaps) == 1 and gaps[0].money_kind == "price_gap" and gaps[0].overcharge > 0
    assert gaps[0].agreed_unit_price == bad.unit_price  # the contract's own price
    assert gaps[0].benchmark_unit_price is not None
    assert gaps[0].benchmark_unit_price < bad.unit_price
    assert owned_per_line(findings).get(bad.id, D(0)) == 0

"""The near misses: each just inside a tolerance or boundary, expecting no finding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.rules.scenario_cases import PLAIN, _one, pick
from tests.rules.scenarios import BY_ID, Generator, Scenario, clean_price

D = Decimal


def price_one_ore_over(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    price = clean_price(muni, item, on) + D("0.01")
    return _one(gen, "price at tolerance", muni, on, gen.line(muni, item, on, price=price), None)


def indexed_on_first_day(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), date(2026, 1, 1)
    item = pick(gen, muni)
    price = clean_price(muni, item, on) + D("0.01")
    return _one(
        gen,
        "indexed on the first allowed day",
        muni,
        on,
        gen.line(muni, item, on, price=price),
        None,
    )


def tier_boundary(gen: Generator) -> Scenario:
    muni, on, item = gen.rnd.choice(PLAIN), gen.day(), BY_ID["BRG-007"]
    qty = D(gen.rnd.choice([100, 101]))
    return _one(gen, "tier boundary", muni, on, gen.line(muni, item, on, qty), None)


def item_written_differently(gen: Generator) -> Scenario:
    muni, on, item = gen.rnd.choice(PLAIN), gen.day(), BY_ID["SAG-001"]
    if gen.rnd.random() < 0.5:
        bad = gen.line(muni, item, on, item_id=" sag 0001")
    else:
        bad = gen.line(
            muni, item, on, item_id=None, desc="Licens sagssystem pr bruger pr maaned marts 2026"
        )
    return _one(gen, "item id or description written differently", muni, on, bad, None)


def period_ends_on_expiry(gen: Generator) -> Scenario:
    muni = gen.rnd.choice(PLAIN)
    item = pick(gen, muni)
    bad = gen.line(muni, item, date(2026, 12, 1))
    inv = gen.invoice(muni, [bad], date(2027, 1, 5))
    return Scenario("period ends on expiry", "near_miss", gen.context(inv))


def next_period(gen: Generator) -> Scenario:
    muni = gen.rnd.choice(PLAIN)
    item = pick(gen, muni)
    first = gen.line(muni, item, date(2026, 3, 10))
    earlier = gen.invoice(muni, [first], date(2026, 3, 10))
    inv = gen.invoice(
        muni, [gen.line(muni, item, date(2026, 4, 10), first.quantity)], date(2026, 4, 10)
    )
    return Scenario("same item, next month", "near_miss", gen.context(inv, [earlier]))


def payment_30_days(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    inv = gen.invoice(muni, gen.companions(muni, on, set(), 2), on, due_days=30)
    return Scenario("30 days to pay", "near_miss", gen.context(inv))


def line_sum_one_ore(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    bad = gen.line(muni, item, on)
    bad.line_amount += D("0.01")
    return _one(gen, "line amount +0.01", muni, on, bad, None)


def disparity_exactly_twice(gen: Generator) -> Scenario:
    on = gen.day()
    return _one(
        gen, "exactly 2 x the median", "157", on, gen.line("157", BY_ID["KON-003"], on), None
    )


def mfn_one_ore(gen: Generator) -> Scenario:
    on = gen.day()
    return _one(gen, "MFN: one øre above", "101", on, gen.line("101", BY_ID["SAG-001"], on), None)


NEAR_MISSES = [
    price_one_ore_over, indexed_on_first_day, tier_boundary, item_written_differently,
    period_ends_on_expiry, next_period, payment_30_days, line_sum_one_ore,
    disparity_exactly_twice, mfn_one_ore,
]  # fmt: skip

"""The injected breaches (one per rule, and two ways for some).

Each function draws a random municipality, date, item and quantity from the
generator and returns a Scenario with its expected findings, overcharges computed
from the contract by formula.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rules.types import InvoiceLineView
from tests.rules.scenario_world import SPECIAL
from tests.rules.scenarios import (
    BY_ID,
    ITEMS,
    PLAIN,
    Expected,
    Generator,
    Item,
    Scenario,
    allowed_inv,
    clean_price,
    month_of,
    to_ore,
)

D = Decimal


def pick(gen: Generator, muni: str) -> Item:
    """An untiered item at this municipality's ordinary price (a raised price on an item
    it already pays 2 x the median for would also be a disparity)."""
    return gen.rnd.choice(
        [i for i in gen.clean_items(muni) if not i.tiers and (muni, i.id) not in SPECIAL]
    )


def _one(
    gen: Generator,
    name: str,
    muni: str,
    on: date,
    bad: InvoiceLineView,
    rule: str | None,
    over: Decimal = D(0),
) -> Scenario:
    """An invoice of ``bad`` among clean companions; ``rule`` None: a near miss."""
    lines = gen.companions(muni, on, {bad.item_id or ""})
    lines.insert(gen.rnd.randint(0, len(lines)), bad)
    inv = gen.invoice(muni, lines, on)
    if rule is None:
        return Scenario(name, "near_miss", gen.context(inv))
    return Scenario(name, "breach", gen.context(inv), [Expected(rule, inv.id, bad.id, over)])


def price_above_agreed(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    qty = gen.qty(item)
    allowed = allowed_inv(muni, item, on)
    price = to_ore(allowed * D("1.4"))
    bad = gen.line(muni, item, on, qty, price=price)
    return _one(
        gen, "price 40 % over", muni, on, bad, "price_above_agreed", to_ore((price - allowed) * qty)
    )


def price_above_agreed_by_description(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    qty = gen.qty(item)
    allowed = allowed_inv(muni, item, on)
    price = to_ore(allowed * D("1.5"))
    desc = f"{item.description} {on.strftime('%B').lower()} {on.year}"
    bad = gen.line(muni, item, on, qty, price=price, item_id=None, desc=desc)
    over = to_ore((price - allowed) * qty)
    return _one(gen, "50 % over, matched by text", muni, on, bad, "price_above_agreed", over)


def indexation_above_cap(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    qty = gen.qty(item)
    price = to_ore(allowed_inv(muni, item, date(2025, 6, 1)) * D("1.05"))
    over = to_ore((price - allowed_inv(muni, item, on)) * qty)
    bad = gen.line(muni, item, on, qty, price=price)
    return _one(gen, "raised 5 % (index 2 %)", muni, on, bad, "indexation_cap_exceeded", over)


def indexation_too_early(gen: Generator) -> Scenario:
    muni = gen.rnd.choice(PLAIN)
    item = pick(gen, muni)
    on = gen.day(2025, (3, 12))
    qty = gen.qty(item)
    price = clean_price(muni, item, date(2026, 2, 1))
    over = to_ore((price - allowed_inv(muni, item, on)) * qty)
    bad = gen.line(muni, item, on, qty, price=price)
    return _one(gen, "raised before January 2026", muni, on, bad, "indexation_cap_exceeded", over)


def tier_not_applied(gen: Generator) -> Scenario:
    muni, on, item = gen.rnd.choice(PLAIN), gen.day(), BY_ID["BRG-007"]
    qty = D(gen.rnd.randrange(101, 400))
    price = clean_price(muni, item, on, D(1))
    over = to_ore((price - allowed_inv(muni, item, on, qty)) * qty)
    bad = gen.line(muni, item, on, qty, price=price)
    return _one(gen, "band 0-100 price for 101+", muni, on, bad, "volume_tier_not_applied", over)


def unpriced(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    qty = D(gen.rnd.randrange(1, 6))
    bad = gen.line(
        muni,
        ITEMS[0],
        on,
        qty,
        price=D("250.00"),
        item_id="POR-999",
        desc="Porto og ekspedition af breve",
    )
    return _one(gen, "unpriced item", muni, on, bad, "unpriced_item", to_ore(qty * D("250.00")))


def outside_period(gen: Generator) -> Scenario:
    muni = gen.rnd.choice(PLAIN)
    item = pick(gen, muni)
    on = date(2027, 1, gen.rnd.randint(2, 20))
    partial = gen.rnd.random() < 0.5
    period = (date(2026, 12, 16), date(2027, 1, 15)) if partial else month_of(on)
    bad = gen.line(muni, item, date(2026, 12, 1), period=period)
    inv = gen.invoice(muni, [bad], on)
    over = to_ore(bad.line_amount * 15 / 31) if partial else bad.line_amount
    return Scenario(
        "billed after expiry",
        "breach",
        gen.context(inv),
        [Expected("outside_contract_period", inv.id, None, over)],
    )


def duplicate_line(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    first = gen.line(muni, item, on)
    earlier = gen.invoice(muni, [first, *gen.companions(muni, on, {item.id}, 1)], on)
    again = gen.line(muni, item, on, first.quantity)
    inv = gen.invoice(muni, [again], on)
    return Scenario(
        "billed twice",
        "breach",
        gen.context(inv, [earlier]),
        [Expected("duplicate_billing", inv.id, again.id, again.line_amount)],
    )


def duplicate_invoice(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    earlier = gen.invoice(muni, gen.companions(muni, on, set(), 3), on)
    inv = gen.invoice(muni, list(earlier.lines), on, number=earlier.number)
    total = sum((x.line_amount for x in inv.lines), D(0))
    return Scenario(
        "invoice sent twice",
        "breach",
        gen.context(inv, [earlier]),
        [Expected("duplicate_billing", inv.id, None, total)],
    )


def payment_45_days(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    inv = gen.invoice(muni, gen.companions(muni, on, set(), 2), on, due_days=45)
    return Scenario(
        "45 days to pay",
        "breach",
        gen.context(inv),
        [Expected("payment_terms", inv.id, None, D("0.00"))],
    )


def line_sum_wrong(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    item = pick(gen, muni)
    bad = gen.line(muni, item, on)
    bad.line_amount += D("10.00")
    return _one(gen, "line amount +10", muni, on, bad, "arithmetic_mismatch", D("10.00"))


def vat_too_high(gen: Generator) -> Scenario:
    muni, on = gen.rnd.choice(PLAIN), gen.day()
    inv = gen.invoice(muni, gen.companions(muni, on, set(), 2), on, tax_extra=D("50.00"))
    return Scenario(
        "VAT +50",
        "breach",
        gen.context(inv),
        [Expected("arithmetic_mismatch", inv.id, None, D("50.00"))],
    )


def disparity(gen: Generator) -> Scenario:
    on, item = gen.day(), BY_ID["KON-003"]
    qty = gen.qty(item)
    bad = gen.line("147", item, on, qty)
    median = clean_price("461", item, date(2026, 2, 10))
    return _one(
        gen,
        "2.5 x the median",
        "147",
        on,
        bad,
        "price_disparity",
        to_ore((bad.unit_price - median) * qty),
    )


def mfn(gen: Generator) -> Scenario:
    on, item = gen.day(), BY_ID["OKO-002"]
    qty = gen.qty(item)
    bad = gen.line("751", item, on, qty)
    lowest = clean_price("461", item, date(2026, 2, 10))
    return _one(
        gen,
        "MFN: 751 pays 30 % more",
        "751",
        on,
        bad,
        "mfn_breach",
        to_ore((bad.unit_price - lowest) * qty),
    )


BREACHES = [
    price_above_agreed,
    price_above_agreed_by_description, indexation_above_cap, indexation_too_early, tier_not_applied, unpriced,
    outside_period, duplicate_line, duplicate_invoice, payment_45_days, line_sum_wrong,
    vat_too_high, disparity, mfn,
]  # fmt: skip

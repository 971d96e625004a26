"""The demo's deliberate breaches, one scenario per rule kind, each with its exact finding.

Each function takes the planned invoices and returns them changed, plus the findings
(``Breach``) a correct check must make, computed from what was agreed and what was
billed, never by running the rules. Amounts are Decimal, rounded half up to øre.
The peer rules (``price_disparity``, ``mfn_breach``) are in ``monitor.demo.peers``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from monitor.demo.catalogue import STRONG_ITEMS, AgreedPrice, nice_price, price_for
from monitor.demo.contracts import CONTRACT_EFFECTIVE, INDEXATION, indexation_for
from monitor.demo.invoicing import (
    PlannedInvoice,
    danish_date,
    invoice_spec,
    month_end,
    month_start,
)
from monitor.demo.oioubl import InvoiceLineSpec, to_ore
from monitor.demo.parties import DemoVendor, municipality

PRICE_ABOVE_AGREED = "price_above_agreed"
#: Overpricing used for the ``price_above_agreed`` breaches, in percent: above the 25 %
#: the rules read as a (too large) price rise, which is ``indexation_cap_exceeded``.
BREACH_PERCENTS = (30, 33, 35, 40, 45, 50, 55, 60)
#: Lines below this agreed unit price are not overpriced: their breach would be øre.
BREACH_MIN_AGREED = Decimal("50")
#: Aalborg's licence price rise, in percent, from the second billed month (cap: 3 %).
PRICE_RISE_PCT = Decimal("7")
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Breach:
    """A finding the demo must produce, before invoices have numbers (``invoice_key``)."""

    rule_id: str
    invoice_key: str
    overcharge: Decimal
    explanation: str
    line_id: str | None = None
    item_id: str | None = None
    reference_price: Decimal | None = None
    invoiced_unit_price: Decimal | None = None
    quantity: Decimal | None = None


def _find(plan: list[PlannedInvoice], key: str) -> int:
    return next(i for i, p in enumerate(plan) if p.key == key)


def _key(code: str, start: date, offset: int, billing: str = "monthly") -> str:
    return f"{code}/{month_start(start, offset):%Y-%m}/{billing}"


def indexation_factor(code: str, on: date, series: dict[str, Decimal]) -> Decimal:
    """The cumulative factor the contract's clause allows on ``on``: each January from
    the end of the fixed period, the index change since the previous reference month
    (first: the base month), at most the cap, never below zero."""
    ix = indexation_for(code)
    first = month_start(CONTRACT_EFFECTIVE, ix.fixed_months)
    while first.month != ix.adjust_month:
        first = month_start(first, 1)
    factor, prev = ONE, ix.base_month or f"{month_start(CONTRACT_EFFECTIVE, -1):%Y-%m}"
    when = first
    while when <= on:
        ref = f"{month_start(when, -1):%Y-%m}"
        change = (series[ref] / series[prev] - 1) * 100
        cap = ix.cap_pct if ix.cap_pct is not None else change
        factor *= ONE + max(min(change, cap), Decimal(0)) / 100
        prev, when = ref, month_start(when, 12)
    return factor


def allowed_price(agreed: Decimal, code: str, on: date, series: dict[str, Decimal]) -> Decimal:
    """The agreed price moved by the indexation the clause allows on ``on`` (øre)."""
    factor = indexation_factor(code, on, series)
    return agreed if factor == 1 else to_ore(agreed * factor)


def wrong_band(plan: list[PlannedInvoice], start: date, apps: dict[str, list[AgreedPrice]]
               ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """København's licences billed one month at the small band's price (0-1.000 users)
    although it has more than 1.000 users."""
    plan = list(plan)
    i = _find(plan, _key("101", start, 1))
    line = plan[i].item_line("KD-1010")
    right = plan[i].agreed[line.line_id]
    wrong = price_for(apps["101"], "KD-1010", Decimal(1)).unit_price
    plan[i] = plan[i].with_line(replace(line, unit_price=wrong))
    over = to_ore((wrong - right) * line.quantity)
    why = (f"{line.quantity:f} users billed at the 0-1.000 users band's {wrong} kr instead "
           f"of the over-1.000 band's {right} kr")  # fmt: skip
    return plan, [Breach("volume_tier_not_applied", plan[i].key, over, why, line.line_id,
                         line.item_id, right, wrong, line.quantity)]  # fmt: skip


def price_rise(plan: list[PlannedInvoice], start: date, months: int,
               series: dict[str, Decimal]) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Aalborg's licence price raised by ``PRICE_RISE_PCT`` from the second month; its
    contract allows indexation from January 2026, but at most 3 % a year."""
    plan, out = list(plan), []
    for offset in range(1, months):
        i = _find(plan, _key("851", start, offset))
        line = plan[i].item_line("KD-1010")
        agreed = plan[i].agreed[line.line_id]
        raised = nice_price(agreed * (100 + PRICE_RISE_PCT) / 100)
        allowed = allowed_price(agreed, "851", plan[i].spec.period_start, series)
        plan[i] = plan[i].with_line(replace(line, unit_price=raised))
        why = (f"price raised from {agreed} to {raised} kr; the indexation clause allows "
               f"{allowed} kr (at most {INDEXATION.cap_pct} % a year)")  # fmt: skip
        out.append(Breach("indexation_cap_exceeded", plan[i].key,
                          to_ore((raised - allowed) * line.quantity), why, line.line_id,
                          line.item_id, allowed, raised, line.quantity))  # fmt: skip
    return plan, out


def unpriced_line(plan: list[PlannedInvoice], start: date
                  ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Randers billed a one-off data extract the contract does not price at all."""
    plan = list(plan)
    i = _find(plan, _key("730", start, 1))
    line_id = str(len(plan[i].spec.lines) + 1)
    line = InvoiceLineSpec(line_id, "KD-9050", "Dataudtræk til revisionen, engangsydelse",
                           ONE, "EA", Decimal("38500.00"))  # fmt: skip
    plan[i] = plan[i].with_line(line)
    plan[i].agreed[line_id] = line.unit_price
    why = "a one-off data extract (KD-9050) that the contract does not price"
    return plan, [Breach("unpriced_item", plan[i].key, line.line_amount, why, line_id,
                         line.item_id, None, line.unit_price, line.quantity)]  # fmt: skip


def billed_before_contract(plan: list[PlannedInvoice], start: date, vendor: DemoVendor
                           ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Consultancy hours of December 2024, before København's contract took effect,
    billed in the middle of the second month."""
    regular = plan[_find(plan, _key("101", start, 0))]
    hours = regular.item_line("KD-4010")
    first = month_start(CONTRACT_EFFECTIVE, -1)
    line = replace(
        hours,
        line_id="1",
        quantity=Decimal(40),
        note=f"Periode {danish_date(first)} - {danish_date(month_end(first))}",
    )
    m = municipality("101")
    spec = invoice_spec(vendor, m, m.eans[0], first, "monthly", [line])
    issued = month_start(start, 1) + timedelta(days=14)
    spec = replace(spec, issue_date=issued, due_date=issued + timedelta(days=30),
                   note="Efterfakturering: konsulentbistand december 2024")  # fmt: skip
    late = PlannedInvoice("101/2024-12/late", m, spec, {"1": regular.agreed[hours.line_id]})
    why = (f"40 hours of December 2024 billed, before the contract's effective date "
           f"{CONTRACT_EFFECTIVE}: 31/31 days outside")  # fmt: skip
    return [*plan, late], [Breach("outside_contract_period", late.key, line.line_amount, why)]


def billed_twice(plan: list[PlannedInvoice], start: date
                 ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Esbjerg's support for the second month billed again on a separate invoice."""
    original = plan[_find(plan, _key("561", start, 1))]
    line = replace(original.item_line("KD-3020"), line_id="1")
    issued = month_start(start, 2) + timedelta(days=14)
    spec = replace(original.spec, lines=(line,), issue_date=issued,
                   due_date=issued + timedelta(days=30),
                   note=f"Support og vedligeholdelse, {original.spec.note or ''}".strip(", "))  # fmt: skip
    again = PlannedInvoice(f"561/{original.spec.period_start:%Y-%m}/again", original.municipality,
                           spec, {"1": original.agreed[original.item_line("KD-3020").line_id]})  # fmt: skip
    why = f"support for {original.spec.period_start:%Y-%m} billed a second time"
    return [*plan, again], [Breach("duplicate_billing", again.key, line.line_amount, why, "1",
                                   line.item_id, None, line.normalised_unit_price,
                                   line.quantity)]  # fmt: skip


def resent_invoice(plan: list[PlannedInvoice], start: date
                   ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Odense's first monthly invoice sent again, same number and lines, a month later."""
    original = plan[_find(plan, _key("461", start, 0))]
    issued = month_start(start, 2) + timedelta(days=4)
    spec = replace(original.spec, issue_date=issued, due_date=issued + timedelta(days=30),
                   note=f"Genfremsendt: {original.spec.note or ''}")  # fmt: skip
    again = replace(original, key=f"{original.key}/resent", spec=spec, resends=original.key)
    total = to_ore(sum((ln.line_amount for ln in spec.lines), start=Decimal(0)))
    why = f"invoice for {original.spec.period_start:%Y-%m} sent again under the same number"
    return [*plan, again], [Breach("duplicate_billing", again.key, total, why)]


def long_payment_terms(plan: list[PlannedInvoice], start: date
                       ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Odense's invoice for the second month due in 45 days instead of 30."""
    plan = list(plan)
    i = _find(plan, _key("461", start, 1))
    spec = plan[i].spec
    plan[i] = replace(plan[i], spec=replace(spec, due_date=spec.issue_date + timedelta(days=45)))
    why = "due 45 days after issue; the contract and the law allow 30"
    return plan, [Breach("payment_terms", plan[i].key, Decimal("0.00"), why)]


def bad_arithmetic(plan: list[PlannedInvoice], start: date
                   ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Randers' consultancy line in the third month adds up to one hour more than
    quantity x price; Aarhus' VAT in the third month is computed on 10.000 kr too much."""
    plan, out = list(plan), []
    i = _find(plan, _key("730", start, 2))
    line = plan[i].item_line("KD-4010")
    wrong = line.correct_amount + line.unit_price
    plan[i] = plan[i].with_line(replace(line, amount_override=wrong))
    why = (f"{line.quantity:f} hours x {line.unit_price} kr = {line.correct_amount} kr, "
           f"billed {wrong} kr")  # fmt: skip
    out.append(Breach("arithmetic_mismatch", plan[i].key, wrong - line.correct_amount, why,
                      line.line_id, line.item_id, None, line.unit_price, line.quantity))  # fmt: skip
    i = _find(plan, _key("751", start, 2))
    spec = plan[i].spec
    tax = to_ore((spec.line_extension_amount + 10000) * spec.vat_rate)
    plan[i] = replace(plan[i], spec=replace(spec, tax_amount_override=tax))
    why = f"VAT {tax} kr is 25 % of 10.000 kr more than the net {spec.line_extension_amount} kr"
    out.append(Breach("arithmetic_mismatch", plan[i].key, tax - spec.correct_tax_amount, why))
    return plan, out


def overprice(rng: random.Random, plan: list[PlannedInvoice], *, count: int,
              series: dict[str, Decimal], taken: set[tuple[str, str]], mfn: frozenset[str]
              ) -> tuple[list[PlannedInvoice], list[Breach]]:  # fmt: skip
    """Bill ``count`` lines 30-60 % above the allowed price: regular lines (base quantity
    1, agreed price >= 50 kr.) of municipalities without an MFN clause, of items whose
    prices the peer rules do not compare beyond the ratio (not ``STRONG_ITEMS``), and
    not already part of another breach (``taken``: (invoice key, line id)). Spread over
    municipalities and items first."""
    candidates = [
        (i, line)
        for i, p in enumerate(plan)
        if p.municipality.code not in mfn and p.key.endswith("/monthly")
        for line in p.spec.lines
        if line.base_quantity == 1 and line.item_id not in STRONG_ITEMS
        and p.agreed[line.line_id] >= BREACH_MIN_AGREED and (p.key, line.line_id) not in taken
        and line.unit_price == p.agreed[line.line_id]
    ]  # fmt: skip
    rng.shuffle(candidates)
    seen: set[tuple[str, str | None]] = set()
    first = [c for c in candidates if not _seen(seen, plan[c[0]], c[1])]
    picked = (first + [c for c in candidates if c not in first])[:count]
    picked.sort(key=lambda c: (c[0], int(c[1].line_id)))
    percents = list(BREACH_PERCENTS)
    rng.shuffle(percents)
    plan, out = list(plan), []
    for n, (i, line) in enumerate(picked):
        p = plan[i]
        allowed = allowed_price(p.agreed[line.line_id], p.municipality.code,
                                p.spec.period_start, series)  # fmt: skip
        invoiced = to_ore(p.agreed[line.line_id] * (100 + percents[n % len(percents)]) / 100)
        plan[i] = p.with_line(replace(line, unit_price=invoiced))
        why = f"billed {invoiced} kr, {percents[n % len(percents)]} % above the agreed price"
        out.append(Breach(PRICE_ABOVE_AGREED, p.key, to_ore((invoiced - allowed) * line.quantity),
                          why, line.line_id, line.item_id, allowed, invoiced, line.quantity))  # fmt: skip
    return plan, out


def _seen(seen: set[tuple[str, str | None]], p: PlannedInvoice, line: InvoiceLineSpec) -> bool:
    key = (p.municipality.code, line.item_id)
    if key in seen:
        return True
    seen.add(key)
    return False

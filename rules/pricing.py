"""The shared per-line price analysis, computed once per invoice for every price rule.

For each line: the matched item, the term for the date and volume band, the unit
conversion, the agreed price and the *allowed* price (agreed price moved by legitimate
indexation), both per invoice unit, and which rule owns an excess over the allowed
price, so that one overcharge yields one finding:

* ``volume_tier_not_applied`` when the invoiced price is (within one øre) the price
  of another, dearer band of the same item;
* ``indexation_cap_exceeded`` when the contract has an indexation clause and the
  invoiced price is above the agreed base price by at most
  :data:`INDEXATION_PLAUSIBLE_PCT` (a price rise the clause does not allow: too early,
  above the cap, above the index);
* ``price_above_agreed`` otherwise.

Ownership does not depend on which rules run, so evaluating one rule alone (a
backtest) yields exactly the findings it yields in a full run; turning a rule off
silences the lines it owns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from extractors.money import to_ore
from extractors.types import Unit
from rules.indexation import Schedule
from rules.matching import Ambiguous, Match, named_band, other_tiers, select_term
from rules.plan import ContractPlan
from rules.types import EvaluationContext, InvoiceLineView, TermView
from rules.units import Conversion, Readings, Unreconciled, choose, readings

INDEXATION_PLAUSIBLE_PCT = Decimal(25)
VAT = Decimal("1.25")
_MEMO_LIMIT = 200_000
TIER_MATCH = Decimal("0.01")
PRICE_ABOVE_AGREED = "price_above_agreed"
INDEXATION_CAP_EXCEEDED = "indexation_cap_exceeded"
VOLUME_TIER_NOT_APPLIED = "volume_tier_not_applied"


@dataclass(slots=True)
class LinePricing:
    """What the contract says about one line. ``status`` is ``priced`` when ``allowed``
    is known; otherwise it names why not (``unpriced``, ``ambiguous``, ``credit``,
    ``not_valid_on_date``, ``unconfirmed_only``, ``no_tier``, ``unreconciled``,
    ``unbounded``) and ``note`` says more."""

    line: InvoiceLineView
    on: date
    status: str
    match: Match | None = None
    term: TermView | None = None
    conversion: Conversion | None = None
    agreed: Decimal | None = None
    allowed: Decimal | None = None
    schedule: Schedule | None = None
    owner: str | None = None
    tier_applied: TermView | None = None
    note: str | None = None
    tier_quantity: Decimal | None = None


def billing_date(ctx: EvaluationContext, line: InvoiceLineView) -> date:
    """The date whose prices apply: the start of the billed period, else the issue date."""
    return line.period_start or ctx.invoice.period_start or ctx.invoice.issue_date


def analyse(
    ctx: EvaluationContext, plan: ContractPlan | None, lines: frozenset[int] | None = None
) -> list[LinePricing]:
    """One :class:`LinePricing` per invoice line (empty when there is no contract); with
    ``lines``, per line of those ids only (each line's analysis is its own)."""
    if plan is None:
        return []
    inv = ctx.invoice
    credit = inv.document_type == "credit_note"
    default_on = inv.period_start or inv.issue_date
    schedules: dict[date, Schedule | None] = {}
    out = []
    for line in inv.lines if lines is None else [x for x in inv.lines if x.id in lines]:
        on = line.period_start or default_on
        if credit or line.quantity <= 0 or line.unit_price <= 0:
            out.append(LinePricing(line, on, "credit"))
            continue
        if on not in schedules:
            schedules[on] = plan.schedule(on, ctx.index_series)
        out.append(_analyse_line(ctx, plan, line, on, schedules[on]))
    return out


_INHABITANT = Unit.INHABITANT_YEAR


def _analyse_line(
    ctx: EvaluationContext,
    plan: ContractPlan,
    line: InvoiceLineView,
    on: date,
    sched: Schedule | None,
) -> LinePricing:
    found = plan.matcher.match(line)
    if found is None:
        return LinePricing(line, on, "unpriced")
    if isinstance(found, Ambiguous):
        note = f"description matches several items ({', '.join(found.candidates)})"
        return LinePricing(line, on, "ambiguous", note=note)
    inv = ctx.invoice
    population = inv.population if found.terms[0].unit is _INHABITANT else None
    tier_qty = Decimal(population) if population else line.quantity
    term: TermView | None = found.plain
    if term is not None and (term.confirmed or ctx.allow_unconfirmed_terms):
        status = "ok"
    else:
        term, status = select_term(
            named_band(found.terms, line.description),
            on=on,
            tier_quantity=tier_qty,
            allow_unconfirmed=ctx.allow_unconfirmed_terms,
        )
    lp = LinePricing(line, on, status, found, term, schedule=sched, tier_quantity=tier_qty)
    if term is None:
        return lp
    if term.currency != inv.currency:
        lp.status = "unreconciled"
        lp.note = f"contract priced in {term.currency}, invoice in {inv.currency}"
        return lp
    start = line.period_start or inv.period_start
    end = line.period_end or inv.period_end
    key = (id(term.unit), line.unit_code, start, end, population)
    options: Readings | Unreconciled | None = plan.memo.get(key)
    if options is None:
        options = plan.memo[key] = readings(term.unit, line.unit_code, population, start, end)
    if isinstance(options, Unreconciled):
        lp.status, lp.note = "unreconciled", options.reason
        return lp
    conv = (
        options[0]
        if len(options) == 1
        else choose(
            options, quantity=line.quantity, unit_price=line.unit_price, agreed=net_price(term)
        )
    )
    lp.conversion = conv
    lp.agreed, lp.allowed = _prices(plan, term, conv, sched)
    if lp.allowed is None:
        lp.status = "unbounded"
        lp.note = "indexation clause without index data or cap: the allowed price is unknown"
        return lp
    if _whole_unit_perhaps(line, conv, lp.allowed):
        lp.status, lp.note = "unreconciled", _whole_unit_note(line, term, conv, lp.allowed)
        return lp
    lp.status = "priced"
    if line.unit_price > lp.allowed:
        _assign_owner(lp, found.terms)
    return lp


def _whole_unit_perhaps(line: InvoiceLineView, conv: Conversion, allowed: Decimal) -> bool:
    """Whether a counted line without a period of its own, converted by the invoice's
    billing period to a part of the contract unit (a month of a yearly price), is priced
    nearer the whole unit's price than that part: then it may well bill the whole unit
    at once (a year's licence paid in advance on a monthly invoice) or overcharge the
    month many times over, and the invoice cannot tell which. Held for review instead
    of either being claimed."""
    if conv.months is None or line.period_start is not None or line.period_end is not None:
        return False
    if not 0 < conv.factor < 1 or allowed <= 0 or line.unit_price <= 0:
        return False
    whole = allowed / conv.factor
    # nearer as a ratio: above the geometric mean of the part's and the whole's price
    return line.unit_price * line.unit_price > allowed * whole


def _whole_unit_note(
    line: InvoiceLineView, term: TermView, conv: Conversion, allowed: Decimal
) -> str:
    whole = to_ore(allowed / conv.factor)
    unit = term.unit.value.replace("_", "/")
    return (
        f"priced {line.unit_price} per unit: nearer a whole {unit}'s price ({whole}) than "
        f"the price of the invoice's {conv.months} month(s) ({to_ore(allowed)}); the line "
        f"has no period of its own, so it may bill the whole {unit} at once (paid in "
        "advance) or overcharge the invoice's period: held for review"
    )


def _prices(
    plan: ContractPlan, term: TermView, conv: Conversion, sched: Schedule | None
) -> tuple[Decimal, Decimal | None]:
    """(agreed, allowed) per invoice unit; allowed None when it cannot be bounded. The
    allowed contract price is memoised per term and schedule."""
    price = term.unit_price if term.vat != "incl" else net_price(term)
    if sched is None or sched.factor == 1:
        allowed: Decimal | None = price
    else:
        key = (term.id, id(sched))
        allowed = plan.allowed.get(key, _NONE)
        if allowed is _NONE:
            if len(plan.allowed) >= _MEMO_LIMIT:
                plan.allowed.clear()
            allowed = plan.allowed[key] = _allowed_contract_price(price, sched)
    factor = conv.factor
    return price * factor, (allowed * factor if allowed is not None else None)


def net_price(term: TermView) -> Decimal:
    """The term's price excluding VAT (a price quoted incl. 25 % VAT is divided by 1.25:
    invoice unit prices are always excl. VAT)."""
    return term.unit_price / VAT if term.vat == "incl" else term.unit_price


_NONE: Any = object()


def _allowed_contract_price(agreed: Decimal, sched: Schedule | None) -> Decimal | None:
    """Agreed price moved by the allowed indexation, rounded to øre (None: unbounded)."""
    if sched is None or sched.factor == 1:
        return agreed
    if sched.factor is None:
        return None
    return to_ore(agreed * sched.factor)


def _assign_owner(lp: LinePricing, terms: tuple[TermView, ...]) -> None:
    assert lp.term is not None and lp.conversion is not None and lp.agreed is not None
    price = lp.line.unit_price
    factor = lp.conversion.factor
    for other in other_tiers(terms, lp.term, lp.on):
        candidates = {net_price(other) * factor}
        allowed_other = _allowed_contract_price(net_price(other), lp.schedule)
        if allowed_other is not None:
            candidates.add(allowed_other * factor)
        if any(c > (lp.allowed or 0) and abs(price - c) <= TIER_MATCH for c in candidates):
            lp.owner, lp.tier_applied = VOLUME_TIER_NOT_APPLIED, other
            return
    ceiling = lp.agreed * (1 + INDEXATION_PLAUSIBLE_PCT / 100)
    if lp.schedule is not None and lp.agreed < price <= ceiling:
        lp.owner = INDEXATION_CAP_EXCEEDED
        return
    lp.owner = PRICE_ABOVE_AGREED

"""``indexation_cap_exceeded``: a price rise the indexation clause does not allow."""

from __future__ import annotations

from rules.engine import Run
from rules.evidence import fmt, fmt_da, line_evidence, line_finding
from rules.pricing import INDEXATION_CAP_EXCEEDED, LinePricing
from rules.spec import RuleSpec, ToleranceParams
from rules.types import RuleFinding

REASONS = {
    "too_early": "before the first adjustment the clause allows",
    "above_cap": "above the cap on adjustments",
    "above_index": "above the change in the index",
    "below_threshold": "the index moved less than the threshold that allows adjustment",
}
REASONS_DA = {
    "too_early": "før den første regulering klausulen tillader",
    "above_cap": "over loftet for reguleringer",
    "above_index": "over indeksets udvikling",
    "below_threshold": "indekset har bevæget sig mindre end den tærskel, der tillader regulering",
}


class IndexationParams(ToleranceParams):
    """Tolerance per invoice unit on top of the allowed indexed price (ToleranceParams)."""


def check(run: Run, params: IndexationParams) -> list[RuleFinding]:
    """Each priced line billed above the base price by an increase the clause does not
    allow (too early, above the cap, above the index). The overcharge is measured from
    the allowed indexed price, never from the base price."""
    out = []
    for lp in run.owned_by(INDEXATION_CAP_EXCEEDED):
        if lp.allowed is None:
            continue
        if params.exceeded(lp.line.unit_price, lp.allowed):
            out.append(_finding(run, lp, params))
    return out


def _finding(run: Run, lp: LinePricing, params: IndexationParams) -> RuleFinding:
    assert lp.schedule is not None and lp.allowed is not None and lp.agreed is not None
    contract = run.ctx.contract
    ix = contract.indexation if contract else None
    reason = lp.schedule.reason()
    ev = line_evidence(run.ctx, lp)
    ev.update(
        agreed_unit_price=fmt(lp.agreed),
        reason=reason,
        first_adjustment=lp.schedule.first_adjustment.isoformat()
        if lp.schedule.first_adjustment
        else None,
        indexation_steps=[s.to_dict() for s in lp.schedule.steps],
        index=ix.index if ix else None,
        cap_pct=fmt(ix.cap_pct) if ix and ix.cap_pct is not None else None,
        notice_days=ix.notice_days if ix else None,
        indexation_clause=ix.evidence.text if ix and ix.evidence else None,
        indexation_clause_page=ix.evidence.page if ix and ix.evidence else None,
        index_data_missing=lp.schedule.index_missing(),
        tolerance=params.describe(),
    )
    increase = (lp.line.unit_price / lp.agreed - 1) * 100
    msg = (
        f"Line {lp.line.line_id}: price raised {fmt(increase)} % over the agreed "
        f"{fmt(lp.agreed)} to {fmt(lp.line.unit_price)}, {REASONS.get(reason, reason)}; "
        f"allowed {fmt(lp.allowed)}"
    )
    msg_da = (
        f"Linje {lp.line.line_id}: prisen er hævet {fmt_da(increase)} % over den aftalte "
        f"{fmt_da(lp.agreed)} til {fmt_da(lp.line.unit_price)}, "
        f"{REASONS_DA.get(reason, reason)}; tilladt {fmt_da(lp.allowed)}"
    )
    if lp.schedule.index_missing():
        msg += " (index data missing: the cap alone bounds the increase)"
        msg_da += " (indekstal mangler: kun loftet begrænser stigningen)"
    return line_finding(
        SPEC.id,
        SPEC.severity,
        run.ctx,
        lp,
        allowed=lp.allowed,
        message=msg,
        message_da=msg_da,
        evidence=ev,
    )


SPEC = RuleSpec(
    id=INDEXATION_CAP_EXCEEDED,
    title_da="Prisregulering ud over aftalen",
    title_en="Indexation beyond the clause",
    description=(
        "Flags a price rise the indexation clause does not allow: before the fixed-price "
        "period ends or off the adjustment month (too early), above the yearly cap, or "
        "above the actual change in the named index. Example: agreed 100.00 kr from "
        "1 Jan 2025, fixed 12 months, adjusted each January by nettoprisindeks, at most "
        "3 % a year; the index rose 5 %; billed 104.00 kr x 10 in Feb 2026: allowed "
        "103.00, overcharge (104.00 - 103.00) x 10 = 10.00 kr, reason above_cap. Owns "
        "rises up to 25 % over the base price; larger excesses are price_above_agreed."
    ),
    description_da=(
        "Markerer en prisstigning, som prisreguleringsklausulen ikke giver adgang til: før "
        "fastprisperioden er udløbet eller uden for reguleringsmåneden (for tidligt), ud over det "
        "årlige loft eller ud over den faktiske udvikling i det angivne indeks. Eksempel: aftalt "
        "pris 100,00 kr. fra 1. januar 2025, fast i 12 måneder, reguleres hver januar efter "
        "nettoprisindekset, dog højst 3 % om året; indekset er steget 5 %; faktureret 104,00 kr. "
        "x 10 i februar 2026: tilladt pris 103,00 kr., overpris (104,00 - 103,00) x 10 = 10,00 "
        "kr., begrundelse above_cap. Reglen omfatter stigninger på op til 25 % over basisprisen; "
        "større overskridelser behandles under price_above_agreed."
    ),
    severity="high",
    params_model=IndexationParams,
    check=check,
)

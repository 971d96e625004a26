"""``price_above_agreed``: a unit price above the price the contract allows on that date."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from rules.engine import Run
from rules.evidence import fmt, fmt_da, line_evidence, line_finding
from rules.pricing import PRICE_ABOVE_AGREED, LinePricing
from rules.spec import RuleSpec, ToleranceParams
from rules.types import RuleFinding


class PriceAboveAgreedParams(ToleranceParams):
    """Tolerance per invoice unit (see ToleranceParams); default 0.01 kr OR 0 %."""

    min_overcharge: Decimal = Field(default=Decimal("0"), ge=0)  # ignore findings below (kr)


def check(run: Run, params: PriceAboveAgreedParams) -> list[RuleFinding]:
    """Each priced line whose unit price exceeds the allowed price beyond the tolerance,
    unless another price rule owns the excess (a band not applied, a rise within the
    plausible indexation band): see ``rules.pricing``."""
    out = []
    for lp in run.owned_by(PRICE_ABOVE_AGREED):
        if lp.allowed is None:
            continue
        if not params.exceeded(lp.line.unit_price, lp.allowed):
            continue
        finding = _finding(run, lp, params)
        if finding.overcharge >= params.min_overcharge:
            out.append(finding)
    return out


def _finding(run: Run, lp: LinePricing, params: PriceAboveAgreedParams) -> RuleFinding:
    assert lp.allowed is not None and lp.agreed is not None
    ev = line_evidence(run.ctx, lp)
    ev["agreed_unit_price"] = fmt(lp.agreed)
    ev["tolerance"] = params.describe()
    if lp.schedule is not None:
        ev["indexation_steps"] = [s.to_dict() for s in lp.schedule.steps]
    msg = (
        f"Line {lp.line.line_id}: unit price {fmt(lp.line.unit_price)} is above the allowed "
        f"{fmt(lp.allowed)} ({lp.term.description if lp.term else ''})"
    )
    msg_da = (
        f"Linje {lp.line.line_id}: enhedsprisen {fmt_da(lp.line.unit_price)} er over den "
        f"tilladte {fmt_da(lp.allowed)} ({lp.term.description if lp.term else ''})"
    )
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
    id=PRICE_ABOVE_AGREED,
    title_da="Pris over aftalt pris",
    title_en="Price above the agreed price",
    description=(
        "Flags an invoice line whose unit price, after unit and base-quantity "
        "normalisation, is above the contract's price for the item on the billing date "
        "(including any indexation the clause allows) by more than the tolerance. "
        "Example: agreed 100.00 kr per user/month, billed 10 users at 105.00 kr: "
        "overcharge (105.00 - 100.00) x 10 = 50.00 kr. Exactly at the tolerance is not "
        "a breach."
    ),
    description_da=(
        "Markerer en fakturalinje, hvis enhedsprisen efter omregning af enhed og basismængde "
        "ligger over kontraktens pris for varen på faktureringsdatoen (inklusive den "
        "prisregulering, som klausulen giver adgang til) med mere end tolerancen. Eksempel: "
        "aftalt pris 100,00 kr. pr. bruger pr. måned, faktureret 10 brugere à 105,00 kr.: "
        "overpris (105,00 - 100,00) x 10 = 50,00 kr. En afvigelse, der ligger præcis på "
        "tolerancen, er ikke et brud."
    ),
    severity="high",
    params_model=PriceAboveAgreedParams,
    check=check,
)

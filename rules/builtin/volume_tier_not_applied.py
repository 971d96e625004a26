"""``volume_tier_not_applied``: billed at a dearer volume band than the quantity earns."""

from __future__ import annotations

from decimal import Decimal

from rules.engine import Run
from rules.evidence import fmt, fmt_da, line_evidence, line_finding, term_evidence
from rules.pricing import VOLUME_TIER_NOT_APPLIED, LinePricing
from rules.spec import RuleSpec, ToleranceParams
from rules.types import RuleFinding


class VolumeTierParams(ToleranceParams):
    """Tolerance per invoice unit on top of the right band's price (ToleranceParams)."""


def check(run: Run, params: VolumeTierParams) -> list[RuleFinding]:
    """Each priced line whose unit price is the price of another, dearer band of the
    same item (within one øre), where the quantity (or population, per inhabitant)
    falls in a cheaper band."""
    out = []
    for lp in run.owned_by(VOLUME_TIER_NOT_APPLIED):
        if lp.allowed is None:
            continue
        if params.exceeded(lp.line.unit_price, lp.allowed):
            out.append(_finding(run, lp, params))
    return out


def _finding(run: Run, lp: LinePricing, params: VolumeTierParams) -> RuleFinding:
    assert lp.allowed is not None and lp.conversion is not None and lp.tier_applied
    applied = {f"applied_{k}": v for k, v in term_evidence(lp.tier_applied).items()}
    ev = line_evidence(run.ctx, lp)
    ev.update(applied)
    ev.update(
        tier_quantity=fmt(lp.tier_quantity),
        right_band=ev.get("term_tier"),
        applied_band=applied.get("applied_term_tier"),
        tolerance=params.describe(),
    )
    msg = (
        f"Line {lp.line.line_id}: billed {fmt(lp.line.unit_price)} (band "
        f"{applied.get('applied_term_tier')}) but {fmt(lp.tier_quantity)} falls "
        f"in band {ev.get('term_tier')} at {fmt(lp.allowed)}"
    )
    msg_da = (
        f"Linje {lp.line.line_id}: faktureret {fmt_da(lp.line.unit_price)} (interval "
        f"{_band_da(applied.get('applied_term_tier'))}), men {fmt_da(lp.tier_quantity)} "
        f"ligger i intervallet {_band_da(ev.get('term_tier'))} til {fmt_da(lp.allowed)}"
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


def _band_da(band: object) -> str:
    """A band as the evidence writes it (``1.00-100.00``, ``101.00-``), the Danish way."""
    if not isinstance(band, str) or "-" not in band:
        return str(band)
    low, _, high = band.partition("-")
    return "-".join(fmt_da(Decimal(x)) or "" if x else "" for x in (low, high))


SPEC = RuleSpec(
    id=VOLUME_TIER_NOT_APPLIED,
    title_da="Mængderabat ikke givet",
    title_en="Volume tier not applied",
    description=(
        "Flags a line billed at the price of a dearer volume band than its quantity (or, "
        "per inhabitant, the municipality's population) falls in. Example: 0-500 users "
        "at 100.00 kr, over 500 at 80.00 kr; 600 users billed at 100.00 kr: overcharge "
        "(100.00 - 80.00) x 600 = 12,000.00 kr."
    ),
    description_da=(
        "Markerer en fakturalinje, der er faktureret til prisen i et dyrere mængdeinterval end "
        "det, som mængden (ved pris pr. indbygger: kommunens indbyggertal) falder i, dvs. at "
        "mængderabatten ikke er givet. Eksempel: 0-500 brugere à 100,00 kr., over 500 brugere à "
        "80,00 kr.; 600 brugere faktureret à 100,00 kr.: overpris (100,00 - 80,00) x 600 = "
        "12.000,00 kr."
    ),
    severity="high",
    params_model=VolumeTierParams,
    check=check,
)

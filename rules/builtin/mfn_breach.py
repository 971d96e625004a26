"""``mfn_breach``: a most-favoured-customer clause, and a lower price to someone else."""

from __future__ import annotations

from pydantic import Field

from rules.engine import Run
from rules.evidence import dedup_key, fmt, fmt_da, fmt_qty, invoice_evidence, price_excess
from rules.peers import Comparison, comparisons
from rules.spec import RuleSpec, ToleranceParams
from rules.types import EvaluationContext, RuleFinding


class MfnParams(ToleranceParams):
    """Tolerance per normalised unit (ToleranceParams) above the lowest price another
    municipality pays; ``max_age_days`` as in price_disparity."""

    max_age_days: int = Field(default=400, ge=0)


def check(run: Run, params: MfnParams) -> list[RuleFinding]:
    """With ``contract.mfn``: each line priced above the lowest price the vendor charges
    another municipality for the same item, beyond the tolerance. Overcharge
    (price - lowest) x quantity, in the line's unit."""
    contract = run.ctx.contract
    if contract is None or not contract.mfn:
        return []
    out = []
    # the lowest price given to another for the same period: after a price regulation
    # the contract allows, not the price of the period before it
    for cmp in comparisons(run, max_age_days=params.max_age_days, since_regulation=True):
        if params.exceeded(cmp.own, cmp.peers.lowest):
            out.append(_finding(run.ctx, cmp, params))
    return out


def _finding(ctx: EvaluationContext, cmp: Comparison, params: MfnParams) -> RuleFinding:
    line, peers = cmp.line, cmp.peers
    lowest_unit = cmp.in_line_unit(peers.lowest)
    over, capped = price_excess(line, lowest_unit)
    ev = invoice_evidence(ctx)
    ev.update(
        mfn_clause=ctx.contract.mfn_evidence if ctx.contract else None,
        line_id=line.line_id,
        line_text=line.description,
        item_key=cmp.key,
        quantity=fmt_qty(line.quantity),
        invoiced_unit_price=fmt(line.unit_price),
        normalised_price=fmt(cmp.own),
        per_inhabitant=cmp.per_head,
        lowest_price=fmt(peers.lowest),
        lowest_municipality=peers.lowest_code,
        lowest_invoice=peers.lowest_invoice,
        peer_median=fmt(peers.median),
        peers=peers.count,
        tolerance=params.describe(),
        computation=(
            f"({fmt(line.unit_price)} - {fmt(lowest_unit)}) x {fmt_qty(line.quantity)} = {fmt(over)}"
            + (" (capped at the line amount's excess)" if capped else "")
        ),
    )
    msg = (
        f"Line {line.line_id}: {fmt(cmp.own)} while another municipality pays "
        f"{fmt(peers.lowest)} for the same item (most-favoured-customer clause)"
    )
    msg_da = (
        f"Linje {line.line_id}: {fmt_da(cmp.own)}, mens en anden kommune betaler "
        f"{fmt_da(peers.lowest)} for samme vare (mestbegunstigelsesklausul)"
    )
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=msg,
        message_da=msg_da,
        dedup_key=dedup_key(SPEC.id, ctx, line.id),
        currency=ctx.invoice.currency,
        overcharge=over,
        line_ref=line.id,
        line_id=line.line_id,
        agreed_unit_price=lowest_unit,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
        claim_basis="price_excess",
    )


SPEC = RuleSpec(
    id="mfn_breach",
    title_da="Brud på mestbegunstigelse",
    title_en="Most-favoured-customer breach",
    description=(
        "Where the contract promises prices no worse than other customers get, flags a "
        "line priced above the lowest price the same vendor charges another "
        "municipality for the same item. Example: 12.00 kr per user/month while "
        "another municipality pays 10.00 kr; 300 users: overcharge (12.00 - 10.00) x 300 = "
        "600.00 kr."
    ),
    description_da=(
        "Hvor kontrakten indeholder en klausul om mestbegunstigelse (priser, der ikke er ringere "
        "end andre kunders), markeres en fakturalinje, hvis prisen ligger over den laveste pris, "
        "som samme leverandør tager af en anden kommune for samme vare. Eksempel: 12,00 kr. pr. "
        "bruger pr. måned, mens kommune 751 betaler 10,00 kr.; 300 brugere: overpris (12,00 - "
        "10,00) x 300 = 600,00 kr."
    ),
    severity="critical",
    params_model=MfnParams,
    check=check,
)

"""``price_disparity``: paying many times what other municipalities pay the vendor."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from extractors.money import to_ore
from rules.engine import Run
from rules.evidence import dedup_key, fmt, fmt_da, fmt_qty, invoice_evidence
from rules.peers import Comparison, comparisons
from rules.spec import Params, RuleSpec
from rules.types import EvaluationContext, RuleFinding


class DisparityParams(Params):
    """``ratio``: flagged when this municipality's normalised price is above ``ratio``
    x the median of the others (exactly at it: not flagged); ``min_peers``: at least
    this many other municipalities; ``max_age_days``: peer prices observed at most this
    long before or after the invoice."""

    ratio: Decimal = Field(default=Decimal("2.0"), ge=1)
    min_peers: int = Field(default=3, ge=1)
    max_age_days: int = Field(default=400, ge=0)


def check(run: Run, params: DisparityParams) -> list[RuleFinding]:
    """Each line whose normalised unit price exceeds ``ratio`` x the peers' median.
    Where the contract has a most-favoured-customer clause, ``mfn_breach`` owns the
    comparison (one finding per overcharge), whether or not it runs."""
    contract = run.ctx.contract
    if contract is not None and contract.mfn:
        return []  # mfn_breach owns it: any lower price at all is the breach
    out = []
    for cmp in comparisons(run, max_age_days=params.max_age_days):
        peers = cmp.peers
        if peers.count < params.min_peers or peers.median <= 0:
            continue
        if cmp.own > params.ratio * peers.median:
            out.append(_finding(run.ctx, cmp, params, *_contract_price(run, cmp)))
    return out


def _contract_price(run: Run, cmp: Comparison) -> tuple[Decimal | None, int | None]:
    """What the municipality's own contract allows for the line (per invoice unit) and
    the term saying so, or (None, None) when it prices no such line: the agreed price,
    never the benchmark."""
    for lp in run.pricing():
        if lp.line.id == cmp.line.id and lp.status == "priced" and lp.term is not None:
            return lp.allowed, lp.term.id
    return None, None


def _finding(
    ctx: EvaluationContext,
    cmp: Comparison,
    params: DisparityParams,
    agreed: Decimal | None,
    term_ref: int | None,
) -> RuleFinding:
    """A price gap: ``overcharge`` holds the gap to the others' median (money kind
    ``price_gap``), ``benchmark_unit_price`` the median in the line's unit and
    ``agreed_unit_price`` the contract's own price (None when it prices no such item)."""
    line, peers = cmp.line, cmp.peers
    ratio = (cmp.own / peers.median).quantize(Decimal("0.01"))
    times_lowest = (cmp.own / peers.lowest).quantize(Decimal("0.01")) if peers.lowest else None
    median_unit = cmp.in_line_unit(peers.median)
    over = to_ore((line.unit_price - median_unit) * line.quantity)
    ev = invoice_evidence(ctx)
    ev.update(
        line_id=line.line_id,
        line_text=line.description,
        item_key=cmp.key,
        quantity=fmt_qty(line.quantity),
        invoiced_unit_price=fmt(line.unit_price),
        normalised_price=fmt(cmp.own),
        per_inhabitant=cmp.per_head,
        peer_median=fmt(peers.median),
        ratio=fmt(ratio),
        peers=peers.count,
        lowest_price=fmt(peers.lowest),
        lowest_municipality=peers.lowest_code,
        lowest_invoice=peers.lowest_invoice,
        threshold_ratio=fmt(params.ratio),
        times_lowest=fmt(times_lowest),
        benchmark_unit_price=fmt(median_unit),
        contract_unit_price=fmt(agreed),
        price_gap=fmt(over),
        computation=(
            f"({fmt(line.unit_price)} - {fmt(median_unit)}) x {fmt_qty(line.quantity)} = {fmt(over)}"
        ),
    )
    msg = (
        f"Line {line.line_id}: {fmt(ratio)} x the median price other municipalities pay "
        f"({fmt(cmp.own)} vs {fmt(peers.median)}); lowest elsewhere {fmt(peers.lowest)}; "
        "a price gap, not a breach of the contract"
    )
    msg_da = (
        f"Linje {line.line_id}: {fmt_da(ratio)} x medianprisen andre kommuner betaler "
        f"({fmt_da(cmp.own)} mod {fmt_da(peers.median)}); laveste andetsteds "
        f"{fmt_da(peers.lowest)}; en prisforskel, ikke et brud på kontrakten"
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
        term_ref=term_ref,
        agreed_unit_price=agreed,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
        money_kind="price_gap",
        benchmark_unit_price=median_unit,
    )


SPEC = RuleSpec(
    id="price_disparity",
    title_da="Prisforskel mellem kommuner",
    title_en="Price disparity between municipalities",
    description=(
        "Flags a line whose unit price (per inhabitant where the item is priced per "
        "inhabitant) is above ratio x the median the same vendor charges other "
        "municipalities for the same item. Example: 26.00 kr per inhabitant against a "
        "median of 10.00 kr (ratio 2.6 > 2.0), 60,000 inhabitants billed per "
        "inhabitant: price gap (26.00 - 10.00) x 60,000 = 960,000.00 kr, lowest "
        "price paid quoted. A price gap is a benchmark, not a breach of the contract: it "
        "is never added to the overcharges, but is worth renegotiating."
    ),
    description_da=(
        "Markerer en fakturalinje, hvis enhedspris (pr. indbygger, når varen er prissat pr. "
        "indbygger) ligger over parameteren ratio gange medianen af de priser, som samme "
        "leverandør tager af andre kommuner for samme vare. Eksempel: 26,00 kr. pr. indbygger mod "
        "en median på 10,00 kr. (forhold 2,6 > 2,0), 60.000 indbyggere faktureret pr. indbygger: "
        "prisforskel (26,00 - 10,00) x 60.000 = 960.000,00 kr.; den laveste betalte pris "
        "angives. En prisforskel er et benchmark, ikke et brud på kontrakten: den lægges aldrig "
        "sammen med overpriserne, men er værd at genforhandle."
    ),
    severity="medium",
    params_model=DisparityParams,
    check=check,
    uses_contract_terms=False,
    money_kind="price_gap",
)

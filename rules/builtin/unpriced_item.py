"""``unpriced_item``: a line billing something the contract does not price."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import Field, PrivateAttr

from extractors.money import to_ore
from rules.engine import Run
from rules.evidence import dedup_key, fmt, line_evidence
from rules.pricing import LinePricing
from rules.spec import Params, RuleSpec
from rules.types import RuleFinding

UNPRICED = ("unpriced", "not_valid_on_date", "no_tier")


class UnpricedParams(Params):
    """``min_amount``: lines of at most this amount are ignored; ``ignore_patterns``:
    regular expressions (case-insensitive) for line texts that need no price term
    (discounts, rounding), compiled once when the parameters are validated."""

    min_amount: Decimal = Field(default=Decimal("0"), ge=0)
    ignore_patterns: list[str] = Field(
        default_factory=lambda: [r"\brabat\b", r"\bdiscount\b", r"\bafrunding\b", r"\brounding\b"]
    )
    _compiled: re.Pattern[str] | None = PrivateAttr(default=None)

    def model_post_init(self, __context: Any) -> None:
        if self.ignore_patterns:
            try:
                self._compiled = re.compile(
                    "|".join(f"(?:{p})" for p in self.ignore_patterns), re.I
                )
            except re.error as exc:
                raise ValueError(f"invalid pattern in ignore_patterns: {exc}") from exc

    def ignored(self, text: str) -> bool:
        return bool(self._compiled and self._compiled.search(text))


def check(run: Run, params: UnpricedParams) -> list[RuleFinding]:
    """Each positive line of an invoice under a contract that no term prices (or no term
    valid on the billing date, or no band for the quantity). Lines billed outside the
    contract's validity belong to ``outside_contract_period``. Nothing under a contract
    pending review: an item the reading missed is no evidence of an unpriced item."""
    contract = run.ctx.contract
    if contract is None or contract.pending_review:
        return []
    out = []
    for lp in run.pricing():
        if lp.status not in UNPRICED or lp.line.line_amount <= params.min_amount:
            continue
        if params.ignored(lp.line.description):
            continue
        if (contract.effective_date and lp.on < contract.effective_date) or (
            contract.expiry_date and lp.on > contract.expiry_date
        ):
            continue
        out.append(_finding(run, lp))
    return out


REASON = {
    "unpriced": "the contract has no price for this item",
    "not_valid_on_date": "the item's price is not valid on the billing date",
    "no_tier": "no volume band of the item covers this quantity",
}
REASON_DA = {
    "unpriced": "kontrakten har ingen pris for denne vare",
    "not_valid_on_date": "varens pris gælder ikke på faktureringsdatoen",
    "no_tier": "intet mængdeinterval for varen dækker denne mængde",
}


def _finding(run: Run, lp: LinePricing) -> RuleFinding:
    line = lp.line
    ev = line_evidence(run.ctx, lp)
    ev["reason"] = lp.status
    ev["computation"] = f"line amount at stake: {fmt(line.line_amount)}"
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=f"Line {line.line_id} ({line.description}): {REASON[lp.status]}",
        message_da=f"Linje {line.line_id} ({line.description}): {REASON_DA[lp.status]}",
        dedup_key=dedup_key(SPEC.id, run.ctx, line.id, None),
        currency=run.ctx.invoice.currency,
        overcharge=to_ore(line.line_amount),
        line_ref=line.id,
        line_id=line.line_id,
        term_ref=lp.term.id if lp.term else None,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
        claim_basis="whole_line",
    )


SPEC = RuleSpec(
    id="unpriced_item",
    title_da="Ydelse uden aftalt pris",
    title_en="Item not priced in the contract",
    description=(
        "Flags a line billing an item the contract does not price (no item id match and "
        "no description similar enough), or whose price is not valid on the billing "
        "date. The whole line amount is at stake. Example: 'Ekstra integration, 40 timer' "
        "at 45,000.00 kr under a contract with no such item: overcharge 45,000.00 kr. "
        "Lines matching ignore_patterns (discounts, rounding) and ambiguous matches are "
        "not flagged."
    ),
    description_da=(
        "Markerer en fakturalinje for en ydelse, som kontrakten ikke fastsætter en pris for "
        "(hverken varenummeret eller en tilstrækkeligt lignende beskrivelse findes i kontrakten), "
        "eller hvis pris ikke er gældende på faktureringsdatoen. Hele linjebeløbet indgår som "
        "overpris. Eksempel: 'Ekstra integration, 40 timer' til 45.000,00 kr. under en kontrakt "
        "uden en sådan ydelse: overpris 45.000,00 kr. Linjer, der svarer til ignore_patterns "
        "(rabatter, afrunding), og tvetydige match markeres ikke."
    ),
    severity="medium",
    params_model=UnpricedParams,
    check=check,
)

"""``outside_contract_period``: billing for days outside the contract's validity."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pydantic import Field

from extractors.money import to_ore
from rules.engine import Run
from rules.evidence import day_da, dedup_key, fmt, invoice_evidence
from rules.spec import Params, RuleSpec
from rules.types import ContractView, InvoiceLineView, InvoiceView, RuleFinding


class OutsidePeriodParams(Params):
    """``grace_days`` extend the validity at both ends for billed periods;
    ``issue_grace_days`` apply after expiry when a line has no billed period and the
    issue date stands in for it (invoices come after the service)."""

    grace_days: int = Field(default=0, ge=0)
    issue_grace_days: int = Field(default=45, ge=0)


def check(run: Run, params: OutsidePeriodParams) -> list[RuleFinding]:
    """One finding per invoice whose lines bill days outside the contract's validity;
    the money at stake is each such line's amount pro rata to its days outside."""
    ctx, contract = run.ctx, run.ctx.contract
    if contract is None or ctx.invoice.document_type == "credit_note":
        return []
    if contract.effective_date is None and contract.expiry_date is None:
        return []
    lo = contract.effective_date or date.min
    hi = contract.expiry_date or date.max
    inv = ctx.invoice
    at_stake, rows, claims = Decimal(0), [], {}
    for line in inv.lines:
        start = line.period_start or inv.period_start
        end = line.period_end or inv.period_end or start
        if start is not None and end is not None and lo <= start and end <= hi:
            continue  # the common case, decided without arithmetic
        share = _outside_share(line, inv, contract, params)
        if share is None or line.line_amount <= 0:
            continue
        days_out, days = share
        amount = to_ore(line.line_amount * days_out / days)
        at_stake += amount
        claims[line.id] = amount
        rows.append(f"line {line.line_id}: {days_out}/{days} days outside, {fmt(amount)}")
    if not rows:
        return []
    ev = invoice_evidence(ctx)
    ev.update(
        effective_date=_iso(contract.effective_date),
        expiry_date=_iso(contract.expiry_date),
        lines=rows,
        computation=" + ".join(r.rsplit(", ", 1)[1] for r in rows) + f" = {fmt(at_stake)}",
        grace_days=params.grace_days,
    )
    msg = (
        f"Invoice {ctx.invoice.number} bills outside the contract period "
        f"{_iso(contract.effective_date) or '...'} to {_iso(contract.expiry_date) or '...'}"
    )
    msg_da = (
        f"Faktura {ctx.invoice.number} fakturerer uden for kontraktperioden "
        f"{day_da(contract.effective_date) or '...'} til {day_da(contract.expiry_date) or '...'}"
    )
    return [
        RuleFinding(
            rule_id=SPEC.id,
            severity=SPEC.severity,
            message=msg,
            message_da=msg_da,
            dedup_key=dedup_key(SPEC.id, ctx),
            currency=ctx.invoice.currency,
            overcharge=at_stake,
            evidence=ev,
            line_claims={k: v for k, v in claims.items() if v > 0},
            claim_basis="whole_line",
        )
    ]


def _outside_share(
    line: InvoiceLineView, inv: InvoiceView, contract: ContractView, params: OutsidePeriodParams
) -> tuple[int, int] | None:
    """(days outside, days billed), or None when every day billed is inside."""
    start = line.period_start or inv.period_start
    end = line.period_end or inv.period_end or start
    grace_after = params.grace_days
    if start is None or end is None:
        start = end = inv.issue_date
        grace_after = params.issue_grace_days
    lo = (
        contract.effective_date - timedelta(days=params.grace_days)
        if contract.effective_date
        else None
    )
    hi = contract.expiry_date + timedelta(days=grace_after) if contract.expiry_date else None
    days = (end - start).days + 1
    before = max(0, ((lo - start).days if lo else 0))
    after = max(0, ((end - hi).days if hi else 0))
    outside = min(days, before + after)
    return (outside, days) if outside > 0 else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


SPEC = RuleSpec(
    id="outside_contract_period",
    title_da="Fakturering uden for kontraktperioden",
    title_en="Billing outside the contract period",
    description=(
        "Flags an invoice billing days before the contract's effective date or after its "
        "expiry (the billed period of each line, else the invoice period, else the issue "
        "date with issue_grace_days). Money at stake: each line pro rata to its days "
        "outside. Example: contract expired 31 Dec 2025; a line of 3,100.00 kr for "
        "1-31 Jan 2026: 31/31 days outside, overcharge 3,100.00 kr."
    ),
    description_da=(
        "Markerer en faktura, der opkræver betaling for dage før kontraktens ikrafttræden eller "
        "efter dens udløb, dvs. uden for kontraktperioden (bedømt efter hver linjes "
        "faktureringsperiode, ellers fakturaperioden, ellers udstedelsesdatoen med "
        "issue_grace_days). Overprisen opgøres for hver linje forholdsmæssigt efter antallet af "
        "dage uden for perioden. Eksempel: kontrakten udløb 31. december 2025; en linje på "
        "3.100,00 kr. for 1.-31. januar 2026: 31/31 dage uden for perioden, overpris 3.100,00 kr."
    ),
    severity="high",
    params_model=OutsidePeriodParams,
    check=check,
)

"""``payment_terms``: a due date later than agreed (and than the legal 30 days)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from rules.engine import Run
from rules.evidence import dedup_key, invoice_evidence
from rules.spec import Params, RuleSpec
from rules.types import RuleFinding


class PaymentTermsParams(Params):
    """``max_days``: the most a public buyer may agree (30); the contract's own term,
    when shorter, is what counts. ``grace_days`` are tolerated on top."""

    max_days: int = Field(default=30, ge=1)
    grace_days: int = Field(default=0, ge=0)


def check(run: Run, params: PaymentTermsParams) -> list[RuleFinding]:
    """One finding when ``due_date - issue_date`` exceeds the agreed days plus grace.
    No money is at stake (overcharge 0): the breach is the term itself."""
    ctx = run.ctx
    inv = ctx.invoice
    if inv.due_date is None or inv.document_type == "credit_note":
        return []
    contract = ctx.contract
    agreed = params.max_days
    if contract is not None and contract.payment_days:
        agreed = min(agreed, contract.payment_days)
    days = (inv.due_date - inv.issue_date).days
    if days <= agreed + params.grace_days:
        return []
    ev = invoice_evidence(ctx)
    ev.update(
        due_date=inv.due_date.isoformat(),
        payment_days_invoiced=days,
        payment_days_agreed=agreed,
        contract_payment_days=contract.payment_days if contract else None,
        legal_max_days=params.max_days,
        computation=f"{inv.due_date} - {inv.issue_date} = {days} days > {agreed} days",
    )
    return [
        RuleFinding(
            rule_id=SPEC.id,
            severity=SPEC.severity,
            message=f"Invoice {inv.number}: payment term {days} days, agreed {agreed} days",
            message_da=f"Faktura {inv.number}: betalingsfrist {days} dage, aftalt {agreed} dage",
            dedup_key=dedup_key(SPEC.id, ctx),
            currency=inv.currency,
            overcharge=Decimal("0.00"),
            evidence=ev,
        )
    ]


SPEC = RuleSpec(
    id="payment_terms",
    title_da="Betalingsfrist længere end aftalt",
    title_en="Payment terms longer than agreed",
    description=(
        "Flags an invoice whose due date gives more days than the contract's payment "
        "term, or than the 30 days a public buyer may agree at most. Example: issued "
        "1 March 2026, due 15 April 2026 (45 days) under '30 dage netto': finding, no "
        "money at stake."
    ),
    description_da=(
        "Markerer en faktura, hvis forfaldsdato giver en længere betalingsfrist end kontraktens, "
        "eller end de 30 dage, som en offentlig ordregiver højst kan aftale. Eksempel: udstedt 1. "
        "marts 2026, forfald 15. april 2026 (45 dage) med betalingsbetingelsen '30 dage netto': "
        "markering uden beløb (overpris 0,00 kr.)."
    ),
    severity="low",
    params_model=PaymentTermsParams,
    check=check,
)

"""``arithmetic_mismatch``: lines, totals or VAT that do not add up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP as HALF_UP
from decimal import Decimal

from pydantic import Field

from extractors.money import ORE, to_ore
from extractors.types import InvoiceTotals
from rules.engine import Run
from rules.evidence import dedup_key, fmt, fmt_da, fmt_qty, fmt_qty_da, invoice_evidence
from rules.spec import Params, RuleSpec
from rules.types import EvaluationContext, InvoiceLineView, RuleFinding

ZERO = Decimal(0)


class ArithmeticParams(Params):
    """``line_tolerance`` per line (kr) and ``total_tolerance`` per total (kr);
    ``vat_percent`` the standard rate: tax above it is flagged (below it may be
    exempt lines, so it is not)."""

    line_tolerance: Decimal = Field(default=Decimal("0.01"), ge=0)
    total_tolerance: Decimal = Field(default=Decimal("0.01"), ge=0)
    vat_percent: Decimal = Field(default=Decimal("25"), ge=0)


def check(run: Run, params: ArithmeticParams) -> list[RuleFinding]:
    """A finding per line whose amount is not quantity x unit price (to the øre, within
    the tolerance), and one per invoice whose totals do not reconcile. Money at
    stake: what was billed above the correct figure (0 when in the buyer's favour)."""
    ctx = run.ctx
    tol = params.line_tolerance
    out = [
        _line_finding(ctx, line, diff)
        for line in ctx.invoice.lines
        if abs(diff := line.line_amount - (line.quantity * line.unit_price).quantize(ORE, HALF_UP))
        > tol
    ]
    if ctx.invoice.totals is not None:
        totals = _totals_finding(ctx, ctx.invoice.totals, params)
        if totals is not None:
            out.append(totals)
    return out


def _line_finding(ctx: EvaluationContext, line: InvoiceLineView, diff: Decimal) -> RuleFinding:
    expected = to_ore(line.quantity * line.unit_price)
    ev = invoice_evidence(ctx)
    ev.update(
        line_id=line.line_id,
        line_text=line.description,
        quantity=fmt_qty(line.quantity),
        invoiced_unit_price=fmt(line.unit_price),
        line_amount=fmt(line.line_amount),
        computation=f"{fmt_qty(line.quantity)} x {fmt(line.unit_price)} = {fmt(expected)}, "
        f"billed {fmt(line.line_amount)} (difference {fmt(diff)})",
    )
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=f"Line {line.line_id}: amount {fmt(line.line_amount)} is not "
        f"{fmt_qty(line.quantity)} x {fmt(line.unit_price)} = {fmt(expected)}",
        message_da=f"Linje {line.line_id}: beløbet {fmt_da(line.line_amount)} er ikke "
        f"{fmt_qty_da(line.quantity)} x {fmt_da(line.unit_price)} = {fmt_da(expected)}",
        dedup_key=dedup_key(SPEC.id, ctx, line.id),
        currency=ctx.invoice.currency,
        overcharge=max(diff, ZERO),
        line_ref=line.id,
        line_id=line.line_id,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
        claim_basis="amount_excess",
    )


def _totals_finding(
    ctx: EvaluationContext, t: InvoiceTotals, params: ArithmeticParams
) -> RuleFinding | None:
    tol = params.total_tolerance
    line_sum = sum((x.line_amount for x in ctx.invoice.lines), ZERO)
    excl = t.line_extension - t.allowances + t.charges
    vat_cap = to_ore(abs(t.tax_exclusive) * params.vat_percent / 100)
    problems = []
    problems_da = []
    # an invoice read from a PDF's text has the rows the reader could read: a sum short
    # of its line total is a row not read (said in its warnings), not a sum to claim
    lines_known = not ctx.invoice.read_from_text
    if lines_known and abs(t.line_extension - line_sum) > tol:
        problems.append(f"line sum {fmt(line_sum)} != line extension {fmt(t.line_extension)}")
        problems_da.append(f"linjesum {fmt_da(line_sum)} ≠ linjetotal {fmt_da(t.line_extension)}")
    if abs(t.tax_exclusive - excl) > tol:
        problems.append(f"tax exclusive {fmt(t.tax_exclusive)} != {fmt(excl)}")
        problems_da.append(f"beløb uden moms {fmt_da(t.tax_exclusive)} ≠ {fmt_da(excl)}")
    if abs(t.tax) > vat_cap + tol:
        problems.append(f"VAT {fmt(t.tax)} > {fmt(params.vat_percent)} % = {fmt(vat_cap)}")
        problems_da.append(
            f"moms {fmt_da(t.tax)} > {fmt_da(params.vat_percent)} % = {fmt_da(vat_cap)}"
        )
    payable = t.tax_exclusive + t.tax - t.prepaid + t.rounding
    if abs(t.payable - payable) > tol:
        problems.append(f"payable {fmt(t.payable)} != {fmt(payable)}")
        problems_da.append(f"at betale {fmt_da(t.payable)} ≠ {fmt_da(payable)}")
    if not problems:
        return None
    correct_excl = (line_sum if lines_known else t.line_extension) - t.allowances + t.charges
    correct_tax = min(t.tax, to_ore(correct_excl * params.vat_percent / 100))
    correct = correct_excl + correct_tax - t.prepaid + t.rounding
    at_stake = max(t.payable - correct, ZERO) if t.payable > 0 else ZERO
    ev = invoice_evidence(ctx)
    ev.update(problems=problems, computation=f"payable {fmt(t.payable)} - correct {fmt(correct)}")
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=f"Invoice {ctx.invoice.number}: totals do not add up ({'; '.join(problems)})",
        message_da=f"Faktura {ctx.invoice.number}: totalerne stemmer ikke "
        f"({'; '.join(problems_da)})",
        dedup_key=dedup_key(SPEC.id, ctx, "totals"),
        currency=ctx.invoice.currency,
        overcharge=to_ore(at_stake),
        evidence=ev,
    )


SPEC = RuleSpec(
    id="arithmetic_mismatch",
    title_da="Regnefejl på fakturaen",
    title_en="Invoice arithmetic does not add up",
    description=(
        "Flags a line whose amount is not quantity x unit price, and an invoice whose "
        "line sum, tax exclusive amount, VAT (above the standard 25 %) or payable "
        "amount does not reconcile. Example: 10 x 99.50 billed as 1,005.00: difference "
        "10.00 kr, overcharge 10.00 kr."
    ),
    description_da=(
        "Markerer en linje, hvis beløb ikke svarer til mængde x enhedspris, og en faktura, hvis "
        "linjesum, beløb ekskl. moms, moms (ud over standardsatsen på 25 %) eller beløb til "
        "betaling ikke stemmer. Eksempel: 10 x 99,50 kr. faktureret som 1.005,00 kr.: forskel "
        "10,00 kr., overpris 10,00 kr."
    ),
    severity="medium",
    params_model=ArithmeticParams,
    check=check,
    uses_contract_terms=False,
)

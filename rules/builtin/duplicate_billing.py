"""``duplicate_billing``: the same invoice, or the same item for the same period, again."""

from __future__ import annotations

import weakref
from datetime import date
from decimal import Decimal
from functools import partial

from extractors.money import to_ore
from rules.engine import Run
from rules.evidence import day_da, dedup_key, fmt, invoice_evidence
from rules.matching import description_key, item_key
from rules.spec import Params, RuleSpec
from rules.types import EvaluationContext, InvoiceLineView, InvoiceView, RuleFinding

LineKey = tuple[str, date, date, Decimal]


class DuplicateParams(Params):
    """``same_amount``: a line only repeats an earlier one with the same amount (else
    the same item and period suffice)."""

    same_amount: bool = True


def check(run: Run, params: DuplicateParams) -> list[RuleFinding]:
    """An invoice whose number and total repeat an earlier invoice is one duplicate
    (the whole amount at stake); otherwise each line billing an item for a period that
    an earlier invoice (not since credited) or an earlier line of this one already
    billed is a duplicate (its amount at stake)."""
    ctx = run.ctx
    inv = ctx.invoice
    if inv.document_type == "credit_note":
        return []
    earlier = [e for e in ctx.earlier_invoices if e.id != inv.id]
    repeat = next((e for e in earlier if _same_invoice(e, inv)), None)
    if repeat is not None:
        return [_invoice_finding(ctx, repeat)]
    if not earlier and not _may_repeat_within(inv):
        return []
    billed = _billed(earlier, params)
    out = []
    for line, key in zip(inv.lines, _keys(inv, params), strict=True):
        if key is None or line.line_amount <= 0:
            continue
        count = billed.get(key, 0)
        if count > 0:
            out.append(_line_finding(ctx, line, key, earlier))
        billed[key] = count + 1
    return out


def _may_repeat_within(inv: InvoiceView) -> bool:
    """Cheap pre-check: could two lines of this invoice bill the same thing?"""
    seen = set()
    for line in inv.lines:
        text = item_key(line.item_id) or description_key(line.description)
        if text in seen:
            return True
        seen.add(text)
    return False


def _key(line: InvoiceLineView, inv: InvoiceView, params: DuplicateParams) -> LineKey | None:
    start = line.period_start or inv.period_start
    end = line.period_end or inv.period_end
    if start is None or end is None:
        return None
    item = item_key(line.item_id) or "desc:" + description_key(line.description)
    amount = abs(line.line_amount) if params.same_amount else Decimal(0)
    return (item, start, end, amount)


def _billed(earlier: list[InvoiceView], params: DuplicateParams) -> dict[LineKey, int]:
    """How many times each key stands billed: invoices add, credit notes subtract."""
    billed: dict[LineKey, int] = {}
    for other in earlier:
        sign = -1 if other.document_type == "credit_note" else 1
        for key in _keys(other, params):
            if key is not None:
                billed[key] = billed.get(key, 0) + sign
    return billed


#: invoices whose keys are memoised at most
_MEMO_LIMIT = 50_000
#: by (id of the invoice object, same_amount): the invoice, weakly (an entry goes when
#: the caller lets go of its invoice, so a check keeps no finished pair's invoices)
_memo: dict[tuple[int, bool], tuple[weakref.ref[InvoiceView], list[LineKey | None]]] = {}


def clear_cache() -> None:
    _memo.clear()


def _forget(ref: weakref.ref[InvoiceView], memo_key: tuple[int, bool]) -> None:
    hit = _memo.get(memo_key)
    if hit is not None and hit[0] is ref:
        del _memo[memo_key]


def _keys(inv: InvoiceView, params: DuplicateParams) -> list[LineKey | None]:
    """The line keys of an invoice, memoised per invoice object while the caller holds
    it (an invoice checked now is an earlier invoice of the next one)."""
    memo_key = (id(inv), params.same_amount)
    hit = _memo.get(memo_key)
    if hit is not None and hit[0]() is inv:
        return hit[1]
    keys = [_key(line, inv, params) for line in inv.lines]
    if len(_memo) >= _MEMO_LIMIT:
        _memo.clear()
    _memo[memo_key] = (weakref.ref(inv, partial(_forget, memo_key=memo_key)), keys)
    return keys


def _same_invoice(a: InvoiceView, b: InvoiceView) -> bool:
    return (
        a.document_type == "invoice"
        and a.number == b.number
        and sum((x.line_amount for x in a.lines), Decimal(0))
        == sum((x.line_amount for x in b.lines), Decimal(0))
    )


def _invoice_finding(ctx: EvaluationContext, repeat: InvoiceView) -> RuleFinding:
    inv = ctx.invoice
    total = to_ore(sum((x.line_amount for x in inv.lines if x.line_amount > 0), Decimal(0)))
    ev = invoice_evidence(ctx)
    ev.update(
        earlier_invoice_number=repeat.number,
        earlier_invoice_date=repeat.issue_date.isoformat(),
        earlier_invoice_id=repeat.id,
        computation=f"whole invoice billed again: {fmt(total)}",
    )
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=f"Invoice {inv.number} repeats invoice {repeat.number} of {repeat.issue_date}",
        message_da=f"Faktura {inv.number} gentager faktura {repeat.number} af "
        f"{day_da(repeat.issue_date)}",
        dedup_key=dedup_key(SPEC.id, ctx),
        currency=inv.currency,
        overcharge=total,
        evidence=ev,
        line_claims={x.id: to_ore(x.line_amount) for x in inv.lines if x.line_amount > 0},
        claim_basis="whole_line",
    )


def _line_finding(
    ctx: EvaluationContext, line: InvoiceLineView, key: LineKey, earlier: list[InvoiceView]
) -> RuleFinding:
    inv = ctx.invoice
    first = next(
        (
            (o, x)
            for o in earlier
            if o.document_type == "invoice"
            for x in o.lines
            if _key(x, o, DuplicateParams(same_amount=bool(key[3]))) == key
        ),
        None,
    )
    ev = invoice_evidence(ctx)
    ev.update(
        line_id=line.line_id,
        line_text=line.description,
        line_amount=fmt(line.line_amount),
        period=f"{key[1].isoformat()}..{key[2].isoformat()}",
        earlier_invoice_number=first[0].number if first else inv.number,
        earlier_line_id=first[1].line_id if first else None,
        computation=f"line billed again: {fmt(line.line_amount)}",
    )
    where = f"invoice {first[0].number}" if first else "an earlier line of this invoice"
    where_da = f"faktura {first[0].number}" if first else "en tidligere linje på denne faktura"
    return RuleFinding(
        rule_id=SPEC.id,
        severity=SPEC.severity,
        message=f"Line {line.line_id} bills {key[1]}..{key[2]} again (already on {where})",
        message_da=f"Linje {line.line_id} fakturerer {day_da(key[1])}-{day_da(key[2])} igen "
        f"(allerede på {where_da})",
        dedup_key=dedup_key(SPEC.id, ctx, line.id),
        currency=inv.currency,
        overcharge=to_ore(line.line_amount),
        line_ref=line.id,
        line_id=line.line_id,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
        claim_basis="whole_line",
    )


SPEC = RuleSpec(
    id="duplicate_billing",
    title_da="Dobbeltfakturering",
    title_en="Duplicate billing",
    description=(
        "Flags an invoice that repeats an earlier one (same number and total), or a line "
        "billing an item for a period already billed and not credited. Example: 'Drift, "
        "marts 2026' 12,500.00 kr on invoice F-2 after F-1 billed the same item and "
        "period: overcharge 12,500.00 kr."
    ),
    description_da=(
        "Markerer dobbeltfakturering: en faktura, der gentager en tidligere faktura (samme nummer "
        "og samme total), eller en linje, der fakturerer en ydelse for en periode, som allerede "
        "er faktureret og ikke krediteret. Eksempel: 'Drift, marts 2026' til 12.500,00 kr. på "
        "faktura F-2, efter at F-1 har faktureret samme ydelse og periode: overpris 12.500,00 kr."
    ),
    severity="high",
    params_model=DuplicateParams,
    check=check,
    uses_contract_terms=False,
)

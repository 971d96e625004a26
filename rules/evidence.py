"""Building findings and their evidence (JSON-able: strings, never Decimals)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from extractors.money import decimal_str, group_digits, to_ore
from rules.pricing import LinePricing
from rules.types import EvaluationContext, InvoiceLineView, RuleFinding, Severity, TermView

_SHOW = Decimal("0.000001")


def fmt(value: Decimal | None) -> str | None:
    """A Decimal for people: at least 2 and at most 6 decimals, trailing zeros dropped."""
    if value is None:
        return None
    if not value:  # a zero keeps its sign ("-0.00"), which equality and hashing ignore
        return _fmt(value)
    return _fmt_memo(value)


def _fmt(value: Decimal) -> str:
    if value != value.quantize(_SHOW):
        value = value.quantize(_SHOW)
    return decimal_str(value)


#: the same prices and amounts recur on thousands of findings: each written once. The
#: text depends only on the value (``Decimal("1.5")`` and ``Decimal("1.50")``, equal and
#: hashed alike, both read "1.50"); cleared with the rules' other memos at the end of a
#: run (``rules.run_scope``)
_fmt_memo = lru_cache(maxsize=50_000)(_fmt)


def clear_cache() -> None:
    _fmt_memo.cache_clear()


def fmt_da(value: Decimal | None) -> str | None:
    """:func:`fmt` written the Danish way: ``1.234,50``, ``-0,25``."""
    return _danish(fmt(value))


def fmt_qty_da(value: Decimal) -> str:
    """:func:`fmt_qty` written the Danish way: ``1.000``, ``3,5``."""
    return _danish(fmt_qty(value)) or ""


def _danish(number: str | None) -> str | None:
    if number is None:
        return None
    sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
    whole, _, decimals = digits.partition(".")
    return sign + group_digits(whole, ".") + ("," + decimals if decimals else "")


def day_da(value: date | None) -> str | None:
    """A date the Danish way: ``1.2.2026``."""
    return None if value is None else f"{value.day}.{value.month}.{value.year}"


def fmt_qty(value: Decimal) -> str:
    """A quantity as written: ``10`` not ``10.00``, ``3.5`` stays."""
    return decimal_str(value, min_places=0)


def dedup_key(rule_id: str, ctx: EvaluationContext, *parts: object) -> str:
    """Stable across re-checks: rule, invoice and the parts (line, term); never params."""
    tail = ":".join("-" if p is None else str(p) for p in parts)
    return f"{rule_id}:{ctx.invoice.id}:{tail}" if tail else f"{rule_id}:{ctx.invoice.id}"


def invoice_evidence(ctx: EvaluationContext) -> dict[str, Any]:
    inv = ctx.invoice
    out: dict[str, Any] = {
        "invoice_number": inv.number,
        "invoice_date": inv.issue_date.isoformat(),
        "municipality_code": inv.municipality_code,
        "vendor_cvr": inv.vendor_cvr,
    }
    if inv.document:
        out["invoice_document"] = inv.document
    if ctx.contract is not None:
        out["contract_id"] = ctx.contract.id
        out["contract_title"] = ctx.contract.title
        out["contract_document"] = ctx.contract.document
    return out


def term_evidence(term: TermView) -> dict[str, Any]:
    tier = None
    if term.tier_min is not None or term.tier_max is not None:
        tier = f"{fmt(term.tier_min) or ''}-{fmt(term.tier_max) or ''}"
    return {
        "clause_text": term.evidence_text or term.description,
        "clause_page": term.page,
        "term_item_id": term.item_id,
        "term_description": term.description,
        "term_unit": term.unit.value,
        "agreed_price_per_contract_unit": fmt(term.unit_price),
        "term_vat": term.vat,
        "term_tier": tier,
        "unconfirmed_term": not term.confirmed,
    }


def line_evidence(ctx: EvaluationContext, lp: LinePricing) -> dict[str, Any]:
    """Invoice line, matched clause, match method and score, unit conversion."""
    line = lp.line
    out = invoice_evidence(ctx)
    out.update(
        line_id=line.line_id,
        line_text=line.description,
        line_item_id=line.item_id,
        line_unit_code=line.unit_code,
        quantity=fmt_qty(line.quantity),
        invoiced_unit_price=fmt(line.unit_price),
        line_amount=fmt(line.line_amount),
        billing_date=lp.on.isoformat(),
    )
    if lp.match is not None:
        out.update(match_method=lp.match.method, match_score=f"{lp.match.score:g}")
    if lp.term is not None:
        out.update(term_evidence(lp.term))
    if lp.conversion is not None:
        out.update(unit_conversion=lp.conversion.basis, conversion_factor=fmt(lp.conversion.factor))
    if lp.note:
        out["note"] = lp.note
    return out


def overcharge_of(invoiced: Decimal, allowed: Decimal, quantity: Decimal) -> Decimal:
    """(invoiced unit price - allowed unit price) x quantity, rounded half up to øre."""
    return to_ore((invoiced - allowed) * quantity)


def price_excess(line: InvoiceLineView, allowed: Decimal) -> tuple[Decimal, bool]:
    """(the overcharge of a line billed above ``allowed`` per unit, capped): the price
    excess ``(unit price - allowed) x quantity``, but never more than the line amount
    above ``allowed x quantity`` (a line billed for less than quantity x unit price
    owes no more than it billed). The flag says whether the cap applied."""
    over = overcharge_of(line.unit_price, allowed, line.quantity)
    billed = to_ore(line.line_amount - allowed * line.quantity)
    if billed < over:
        return max(billed, Decimal(0)), True
    return over, False


def computation(invoiced: Decimal, allowed: Decimal, quantity: Decimal) -> str:
    over = overcharge_of(invoiced, allowed, quantity)
    return f"({fmt(invoiced)} - {fmt(allowed)}) x {fmt_qty(quantity)} = {fmt(over)}"


def line_finding(
    rule_id: str,
    severity: Severity,
    ctx: EvaluationContext,
    lp: LinePricing,
    *,
    allowed: Decimal,
    message: str,
    evidence: dict[str, Any],
    message_da: str | None = None,
) -> RuleFinding:
    """A finding on one priced line: overcharge = (invoiced - allowed) x quantity."""
    line = lp.line
    over, capped = price_excess(line, allowed)
    evidence["allowed_unit_price"] = fmt(allowed)
    evidence["computation"] = computation(line.unit_price, allowed, line.quantity)
    if capped:
        evidence["computation"] += f"; capped at the line amount's excess {fmt(over)}"
    return RuleFinding(
        rule_id=rule_id,
        severity=severity,
        message=message,
        message_da=message_da,
        dedup_key=dedup_key(rule_id, ctx, line.id, lp.term.id if lp.term else None),
        currency=ctx.invoice.currency,
        overcharge=over,
        line_ref=line.id,
        line_id=line.line_id,
        term_ref=lp.term.id if lp.term else None,
        agreed_unit_price=allowed,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=evidence,
        claim_basis="price_excess",
    )

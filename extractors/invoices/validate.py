"""Reconciling a parsed invoice: lines, allowances, charges, VAT and payable amount.

Contract: :func:`reconcile` returns warning strings (English, each naming the
amounts involved) and never raises for arithmetic that does not add up: an
unreconcilable invoice is still an invoice, and the rules decide what it means.
Comparisons are to the øre with a rounding tolerance of 1 øre per line (and per
document allowance or charge); VAT is checked per rate when the lines state rates.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from extractors.money import ORE
from extractors.types import ZERO, ParsedInvoice

# Currencies invoiced in whole units in practice: rounding tolerance is one unit.
WHOLE_UNIT_CURRENCIES = frozenset({"HUF", "JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XAF"})
_ONE = Decimal(1)


def reconcile(inv: ParsedInvoice) -> list[str]:
    """Every arithmetic and completeness problem of ``inv`` as a warning string."""
    warnings = _missing_fields(inv)
    t = inv.totals
    lines = inv.lines
    unit = _ONE if inv.currency.upper() in WHOLE_UNIT_CURRENCIES else ORE
    line_tolerance = unit * (len(lines) or 1)

    line_sum = ZERO
    for line in lines:  # one pass: each line's product, and their sum
        line_sum += line.line_amount
        expected = (line.quantity * line.unit_price).quantize(ORE, rounding=ROUND_HALF_UP)
        expected = expected - line.allowances + line.charges
        if line.price_amount is not None and abs(expected - line.line_amount) > unit:
            warnings.append(
                f"line {line.line_id}: quantity {line.quantity} x unit price {line.unit_price}"
                f" = {expected}, but the line amount is {line.line_amount}"
            )
    if lines and abs(line_sum - t.line_extension) > line_tolerance:
        warnings.append(f"the lines add up to {line_sum}, but the line total is {t.line_extension}")
    net = t.line_extension - t.allowances + t.charges
    if abs(net - t.tax_exclusive) > ORE:
        warnings.append(
            f"line total {t.line_extension} - allowances {t.allowances} + charges {t.charges}"
            f" = {net}, but the total excl. VAT is {t.tax_exclusive}"
        )
    expected_tax = _expected_tax(inv)
    if expected_tax is not None and abs(expected_tax - t.tax) > line_tolerance:
        warnings.append(f"VAT should be {expected_tax} by the lines' rates, but is {t.tax}")
    if t.tax_inclusive is not None and abs(t.tax_exclusive + t.tax - t.tax_inclusive) > ORE:
        warnings.append(
            f"total excl. VAT {t.tax_exclusive} + VAT {t.tax} = {t.tax_exclusive + t.tax},"
            f" but the total incl. VAT is {t.tax_inclusive}"
        )
    payable = t.tax_exclusive + t.tax - t.prepaid + t.rounding
    if abs(payable - t.payable) > ORE:
        warnings.append(
            f"total excl. VAT {t.tax_exclusive} + VAT {t.tax} - prepaid {t.prepaid}"
            f" + rounding {t.rounding} = {payable}, but the payable amount is {t.payable}"
        )
    return warnings


def _expected_tax(inv: ParsedInvoice) -> Decimal | None:
    """VAT computed from the lines' rates, or None when the lines do not say."""
    if not inv.lines:
        return None
    by_rate: dict[Decimal, Decimal] = {}
    for line in inv.lines:
        rate = line.vat_percent
        if rate is None:
            return None
        by_rate[rate] = by_rate.get(rate, ZERO) + line.line_amount
    t = inv.totals
    if t.allowances or t.charges:
        if len(by_rate) > 1:
            return None  # document allowances carry their own rate; not split here
        rate = next(iter(by_rate))
        by_rate[rate] += t.charges - t.allowances
    tax = ZERO
    for rate, base in by_rate.items():
        tax += (base * rate / 100).quantize(ORE, rounding=ROUND_HALF_UP)
    return tax


def _missing_fields(inv: ParsedInvoice) -> list[str]:
    warnings = []
    if not inv.lines:
        warnings.append("the invoice has no lines")
    if not (inv.supplier.cvr or inv.supplier.vat):
        warnings.append("the supplier has no CVR or VAT number")
    if not inv.supplier.name:
        warnings.append("the supplier has no name")
    if not (inv.buyer.cvr or inv.buyer.ean or inv.buyer.vat):
        warnings.append("the buyer has no CVR, EAN or VAT number")
    if inv.due_date is None:
        warnings.append("no due date")
    unnamed = [line.line_id for line in inv.lines if not line.description]
    if unnamed:
        warnings.append("lines without a description: " + ", ".join(unnamed[:10]))
    return warnings

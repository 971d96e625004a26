"""Small helpers shared by the invoice parsers: exact numbers, dates, party ids.

Every helper that reads a value from a document raises :class:`ParseError` naming
the file and the field when the value is unreadable, never ``ValueError``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.errors import ParseError
from extractors.money import ORE, to_ore
from extractors.types import ZERO, InvoiceTotals, ParsedInvoiceLine

_CVR = re.compile(r"^(?:DK)?\s*(\d{8})$", re.IGNORECASE)
_DK_VAT = re.compile(r"^DK\s*(\d{8})$", re.IGNORECASE)
_GLN = re.compile(r"^\d{13}$")
_PAYMENT_DAYS = re.compile(
    r"(?i)(?:netto|net|inden|within)?\s*(\d{1,3})\s*(?:dage|dg\.?|days)(?:\s*netto|\s*net)?"
)
# Repeating decimals (1/3) are cut here: far below an øre on any real quantity.
_PRICE_PLACES = Decimal("1e-10")


def dec(text: str | None, filename: str, field: str, *, line: int | None = None) -> Decimal:
    """A finite machine decimal ("1234.50") or ParseError naming ``field``."""
    if text is None:
        raise ParseError("missing number", file=filename, field=field, line=line)
    try:
        value = Decimal(text)  # surrounding whitespace is allowed by Decimal itself
    except (InvalidOperation, ValueError):
        raise ParseError(
            f"not a number: {text.strip()[:40]!r}", file=filename, field=field, line=line
        ) from None
    if value.is_finite() and -30 <= value.adjusted() <= 30 or not value:
        return value
    raise ParseError(
        f"not a usable number: {text.strip()[:40]!r}", file=filename, field=field, line=line
    )


def opt_dec(text: str | None, filename: str, field: str) -> Decimal | None:
    return None if text is None or not text.strip() else dec(text, filename, field)


def iso_date(text: str | None, filename: str, field: str) -> date | None:
    """An ISO date (``2026-01-31``, or CII's ``20260131``); None when absent."""
    if text is None:
        return None
    s = text.strip()
    if not s:
        return None
    try:
        if len(s) == 8 and s.isdigit():
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        return date.fromisoformat(s[:10])
    except ValueError:
        raise ParseError(f"not a date: {s[:40]!r}", file=filename, field=field) from None


def unit_price(price: Decimal, base_quantity: Decimal) -> Decimal:
    """The price of ONE unit: ``price / base_quantity``, exact where it terminates."""
    if base_quantity == 1:
        return price
    value = price / base_quantity
    if value.as_tuple().exponent < -10:  # type: ignore[operator]
        value = value.quantize(_PRICE_PLACES)
    return value


def cvr_from(value: str | None) -> str | None:
    """An 8-digit CVR from ``12345678`` or ``DK12345678``; None when it is not one."""
    if not value:
        return None
    v = value.strip()
    if len(v) == 8 and v.isdecimal():  # the common cases, as the pattern reads them
        return v
    if len(v) == 10 and v[:2].upper() == "DK" and v[2:].isdecimal():
        return v[2:]
    m = _CVR.match(v)
    return m.group(1) if m else None


def cvr_from_vat(value: str | None) -> str | None:
    """The CVR inside a Danish VAT number ``DK12345678``; None otherwise."""
    if not value:
        return None
    m = _DK_VAT.match(value.strip())
    return m.group(1) if m else None


def gln_from(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    return v if _GLN.match(v) else None


def payment_days_from(issue: date, due: date | None, terms: str | None) -> int | None:
    """Days from issue to due date, else a number of days named in the terms text."""
    if due is not None:
        return (due - issue).days
    if terms:
        m = _PAYMENT_DAYS.search(terms)
        if m:
            return int(m.group(1))
    return None


def negate_credit(lines: list[ParsedInvoiceLine], totals: InvoiceTotals) -> None:
    """Turn a credit note's amounts negative in place; unit prices keep their sign."""
    for ln in lines:
        ln.quantity = -ln.quantity
        ln.line_amount = -ln.line_amount
        ln.allowances = -ln.allowances
        ln.charges = -ln.charges
    t = totals
    t.line_extension = -t.line_extension
    t.tax_exclusive = -t.tax_exclusive
    t.tax = -t.tax
    t.payable = -t.payable
    t.allowances = -t.allowances
    t.charges = -t.charges
    t.prepaid = -t.prepaid
    t.rounding = -t.rounding
    if t.tax_inclusive is not None:
        t.tax_inclusive = -t.tax_inclusive


def as_credited(
    lines: list[ParsedInvoiceLine],
    totals: InvoiceTotals,
    warnings: list[str],
    *,
    written_positive: bool = True,
) -> None:
    """A credit note's amounts made negative (credited), whichever sign its sender wrote
    them in: UBL and CII write a credit note's amounts positive (``written_positive``),
    negated here; a credit note whose total is written negative already (as a ledger
    writes it) is kept as written, never negated twice into a charge. A note written
    against its format's convention is said in a warning."""
    total = totals.tax_exclusive or totals.line_extension or totals.payable
    if total < 0:
        if written_positive:
            warnings.append(
                "the credit note's amounts are written negative (its format writes them "
                "positive): read as credited, as written"
            )
        return
    if not written_positive and total > 0:
        warnings.append("the credit note's amounts are written positive: read as credited")
    negate_credit(lines, totals)


def one_reference(references: list[str], warnings: list[str]) -> str | None:
    """The invoice a credit note credits, where it names one; where it names several, none
    (it is set off against none of them, and said: legal settles it)."""
    distinct = list(dict.fromkeys(r for r in references if r))
    if len(distinct) > 1:
        warnings.append(
            f"the credit note names several invoices ({', '.join(distinct)}): it is set off "
            "against none of them"
        )
        return None
    return distinct[0] if distinct else None


def total_or_zero(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def line_unit_price(
    quantity: Decimal,
    price_amount: Decimal | None,
    base_quantity: Decimal,
    line_amount: Decimal,
    net_adjustment: Decimal,
) -> tuple[Decimal, str | None]:
    """The normalised unit price of a line and, when the stated base quantity cannot
    be right, a warning saying so.

    ``net_adjustment`` is the line's charges minus its allowances. Some senders copy
    the price into the base quantity field (``PriceAmount 1273`` per ``BaseQuantity
    1273``): when ``quantity * price`` matches the line amount and
    ``quantity * price / base`` does not, the base quantity is ignored and reported.
    Without a price, the line amount divided by the quantity is the unit price.
    """
    if price_amount is None:
        return (unit_price(line_amount, quantity) if quantity else ZERO), None
    normalised = unit_price(price_amount, base_quantity)
    if base_quantity == 1 or not quantity:
        return normalised, None
    with_base = to_ore(quantity * normalised) + net_adjustment
    without_base = to_ore(quantity * price_amount) + net_adjustment
    if abs(with_base - line_amount) > ORE and abs(without_base - line_amount) <= ORE:
        return price_amount, (
            f"base quantity {base_quantity} ignored: quantity {quantity} x price"
            f" {price_amount} gives the line amount {line_amount} without it"
        )
    return normalised, None

"""The JSON shape of a parsed invoice, as printed by ``prisvagt parse FILE --format json``.

Contract: :func:`invoice_to_dict` returns only JSON types: amounts as decimal
strings (at least two places for money, exact for quantities and unit prices),
dates as ISO strings, absent values as ``None``. The key set is fixed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from extractors.money import decimal_str
from extractors.types import ParsedInvoice, ParsedInvoiceLine, PartyRef


def _money(value: Decimal) -> str:
    return decimal_str(value)


def _number(value: Decimal) -> str:
    return decimal_str(value, min_places=0)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _party(party: PartyRef) -> dict[str, Any]:
    return {"name": party.name, "cvr": party.cvr, "ean": party.ean}


def _line(line: ParsedInvoiceLine) -> dict[str, Any]:
    return {
        "line_id": line.line_id,
        "item_id": line.item_id,
        "description": line.description,
        "quantity": _number(line.quantity),
        "unit_code": line.unit_code,
        "unit_price": decimal_str(line.unit_price),
        "line_amount": _money(line.line_amount),
        "period_start": _date(line.period_start),
        "period_end": _date(line.period_end),
    }


def invoice_to_dict(parsed: ParsedInvoice) -> dict[str, Any]:
    """The invoice as a JSON-ready dict (see the module contract)."""
    t = parsed.totals
    return {
        "format": parsed.format,
        "document_type": parsed.document_type,
        "number": parsed.number,
        "issue_date": _date(parsed.issue_date),
        "due_date": _date(parsed.due_date),
        "period_start": _date(parsed.period_start),
        "period_end": _date(parsed.period_end),
        "currency": parsed.currency,
        "supplier": _party(parsed.supplier),
        "buyer": _party(parsed.buyer),
        "totals": {
            "line_extension": _money(t.line_extension),
            "allowances": _money(t.allowances),
            "charges": _money(t.charges),
            "tax_exclusive": _money(t.tax_exclusive),
            "tax": _money(t.tax),
            # paid before (a-conto) and the rounding: payable = tax_exclusive + tax -
            # prepaid + rounding
            "prepaid": _money(t.prepaid),
            "rounding": _money(t.rounding),
            "payable": _money(t.payable),
        },
        "lines": [_line(line) for line in parsed.lines],
        "warnings": list(parsed.warnings),
        **({"credits": parsed.credits} if parsed.credits else {}),
    }

"""Volume discounts stated beside the price list: "Ved mere end 1.000 brugere ydes 5 % rabat".

A discount is a clause, not a price term: ``ContractClause("discount", ...)`` with
``discount_pct`` and ``above`` (the quantity the volume must exceed) as Decimals,
and ``per`` the counted noun ("brugere", "users").
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.contracts.patterns import quantity
from extractors.contracts.pdf import PageText
from extractors.types import ContractClause

_QTY = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_PCT = r"\d+(?:[.,]\d+)?"
_DISCOUNTS = (
    re.compile(rf"(?:ved|for)\s+(?:mere end|over|flere end)\s+(?P<n>{_QTY})\s+(?P<per>\w+)\s+"
               rf"ydes\s+(?:der\s+)?(?P<pct>{_PCT})\s*%\s*rabat", re.IGNORECASE),
    re.compile(rf"(?P<pct>{_PCT})\s*%\s*rabat\s+ved\s+(?:køb af\s+)?(?:mere end|over|flere end)\s+"
               rf"(?P<n>{_QTY})\s+(?P<per>\w+)", re.IGNORECASE),
    re.compile(rf"discount of\s+(?P<pct>{_PCT})\s*%\s+applies\s+(?:above|for more than|over)\s+"
               rf"(?P<n>{_QTY})\s+(?P<per>\w+)", re.IGNORECASE),
    re.compile(rf"(?P<pct>{_PCT})\s*%\s+discount\s+(?:above|for more than|over)\s+(?P<n>{_QTY})\s+"
               rf"(?P<per>\w+)", re.IGNORECASE),
)  # fmt: skip


def discount_clauses(pages: list[PageText], language: str) -> list[ContractClause]:
    """Every volume discount stated on ``pages``."""
    found = []
    for page in pages:
        text = " ".join(page.lines)
        for pattern in _DISCOUNTS:
            for match in pattern.finditer(text):
                params: dict[str, object] = {
                    "discount_pct": Decimal(match.group("pct").replace(",", ".")),
                    "above": quantity(match.group("n"), language),
                    "per": match.group("per").lower(),
                }
                found.append(ContractClause("discount", match.group(0), page.number, params, 0.9))
    return found

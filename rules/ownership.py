"""One line's money is owned once: which finding counts an overcharge, which are grounds.

Several rules may see the same excess on the same invoice line: a line 10 % above its
price breaks both the indexation clause and the most-favoured-customer clause, a
line billed twice may also be billed above its price. Each such excess is counted
once: one finding *owns* it, the others are *further grounds* for it
(``RuleFinding.grounds_for`` names the owner), shown with it and not added to any
total.

The invariant (tested over generated scenarios in ``tests/rules``):

    for every invoice line, the sum of the overcharges of the findings that own money
    on it is at most the line's excess over the lowest price any valid term allows:
    ``line amount - quantity x lowest allowed unit price`` (the lowest allowed price is
    0 where no term allows the line at all: unpriced, billed twice, outside the
    contract period).

How a finding's money sits within a line (``claim_basis``) decides what overlaps:

* ``price_excess`` (price rules, mfn_breach): ``quantity x (unit price - allowed)``,
  the top slice of ``quantity x unit price``. Two of them overlap (the larger covers
  the smaller).
* ``amount_excess`` (arithmetic_mismatch): the line amount above ``quantity x unit
  price``; it overlaps no ``price_excess`` (the two add up to the line's excess).
* ``whole_line`` (unpriced_item, duplicate_billing, outside_contract_period, custom
  rules): a share of the whole line amount; it overlaps everything.

Findings are taken active before monitor-mode, larger amount first, then in rule
order; each becomes a further ground of the first owner it overlaps on any line, else
an owner. A partial overlap (say a line half outside the contract period and also
above its price) makes the smaller claim a ground too: totals may understate, never
overstate. Only ``overcharge`` money is owned: a ``price_gap`` (price_disparity) is a
benchmark, kept apart and never added to overcharges.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rules.types import RuleFinding

_DISJOINT = frozenset({("price_excess", "amount_excess"), ("amount_excess", "price_excess")})


def overlaps(a: RuleFinding, b: RuleFinding) -> bool:
    """Whether ``a`` and ``b`` claim some of the same money on some line."""
    shared = a.claims().keys() & b.claims().keys()
    return bool(shared) and (a.claim_basis, b.claim_basis) not in _DISJOINT


def assign_owners(findings: Sequence[RuleFinding]) -> None:
    """Set ``grounds_for`` on every overcharge finding whose money another owns (in
    place; findings without line claims, and price gaps, always own their amount)."""
    candidates = [
        (n, f)
        for n, f in enumerate(findings)
        if f.money_kind == "overcharge" and f.overcharge > 0 and f.claims()
    ]
    candidates.sort(key=lambda nf: (nf[1].mode != "active", -nf[1].overcharge, nf[0]))
    owners: list[RuleFinding] = []
    for _, finding in candidates:
        finding.grounds_for = None
        owner = next((o for o in owners if overlaps(finding, o)), None)
        if owner is None:
            owners.append(finding)
        else:
            finding.grounds_for = owner.dedup_key


def owned_per_line(findings: Sequence[RuleFinding]) -> dict[int, Decimal]:
    """The overcharge owned on each line (what totals count): the claims of the
    findings that are no further ground of another."""
    out: dict[int, Decimal] = {}
    for f in findings:
        if f.money_kind != "overcharge" or f.grounds_for is not None:
            continue
        for line_ref, amount in f.claims().items():
            out[line_ref] = out.get(line_ref, Decimal(0)) + amount
    return out

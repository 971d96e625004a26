"""How a vendor's credit is settled against the findings a case file claims
(``monitor.casefiles.service.allocate``): in the letter's order, each claim its due while
the credit lasts, the rest open; one row per case with the amounts written out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from monitor.casefiles.service import allocate

D = Decimal

CASES = [
    # credited, owed in the letter's order, the part each claim gets
    ("1250.50", ["1000.00", "250.50"], ["1000.00", "250.50"]),  # exactly the claim
    ("1100.00", ["1000.00", "250.50"], ["1000.00", "100.00"]),  # runs out on the second
    ("600.00", ["1000.00", "250.50"], ["600.00", "0"]),  # runs out on the first
    ("250.50", ["100.00", "100.00", "100.00"], ["100.00", "100.00", "50.50"]),
    ("0.01", ["0.01", "0.01"], ["0.01", "0"]),  # to the øre
    ("1300.00", ["1000.00", "250.50"], ["1000.00", "300.00"]),  # excess to the last
    ("5.00", [], []),  # nothing left open to settle
]


@pytest.mark.parametrize(("credited", "owed", "parts"), CASES)
def test_it_settles_the_credit_in_the_letters_order(
    credited: str, owed: list[str], parts: list[str]
) -> None:
    got = allocate(D(credited), [D(o) for o in owed])
    assert got == [D(p) for p in parts]
    if owed:
        assert sum(got, D(0)) == D(credited)  # every øre of the credit is placed once

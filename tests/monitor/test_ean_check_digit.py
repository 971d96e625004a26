"""An EAN (GLN) a municipality receives invoices on carries a GS1 check digit: a
mistyped digit, or two swapped, is caught where parties are registered."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from monitor.parties.schemas import PartyRow, ean_check_digit


@pytest.mark.parametrize(
    "ean",
    ["4006381333931", "5798000000001", "5790000436057", "5798009882776", "0000000000000"],
)
def test_a_well_formed_ean_has_the_check_digit_of_its_first_twelve(ean: str) -> None:
    assert ean_check_digit(ean[:12]) == int(ean[12])
    assert PartyRow.model_validate({"kind": "municipality", "code": "101", "name": "K", "ean": ean})


@pytest.mark.parametrize("typo", ["5798000000002", "5789000000001", "4006381333913"])
def test_a_mistyped_or_swapped_digit_is_refused_with_the_digit_expected(typo: str) -> None:
    with pytest.raises(ValidationError) as raised:
        PartyRow.model_validate({"kind": "municipality", "code": "101", "name": "K", "ean": typo})
    expected = ean_check_digit(typo[:12])
    assert f"EAN {typo} has a wrong check digit" in str(raised.value)
    assert f"it ends in {expected}" in str(raised.value)

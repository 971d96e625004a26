"""More most-favoured-customer wording: "advantageous" for "favourable" ("no less
advantageous than"), a "most preferred customer", a price reduction granted to others
passed on to this buyer, the deepest discount given to others, and the others named as
partners, dealers or retailers; with
sentences that merely speak of discounts, reductions or other partners, which promise
nothing. Each case is a short synthetic sentence (none is copied from a contract)."""

from __future__ import annotations

import pytest

from extractors.contracts.mfn import mfn_statement


@pytest.mark.parametrize(
    "sentence",
    [
        "The rates charged to the Municipality shall be no less advantageous than the rates "
        "charged to any other public authority customer.",
        "Should Vendor license the Software to any third party on terms more advantageous "
        "than those herein, Vendor shall offer those terms to Licensee.",
        "Contractor shall treat Authority as a most preferred customer in all matters of pricing.",
        "Supplier shall extend to Purchaser any price reduction that it grants to any other "
        "purchaser of the Services.",
        "Where Vendor lowers its fees for other customers, Vendor shall make the same "
        "reduction available to Client within thirty days.",
        "Supplier will give Partner pricing equal to the best pricing Supplier gives any "
        "other partner in the region.",
        "Dealer shall receive a discount at least equal to the deepest discount Maker grants "
        "to any other dealer.",
        "Authority shall be entitled to the largest discount Contractor extends to any of its "
        "other public customers.",
    ],
)
def test_these_wordings_promise_most_favoured_terms(sentence: str) -> None:
    assert mfn_statement(sentence) is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Supplier grants Customer a volume discount of five percent on orders above 1,000 units.",
        "Any price reduction under this Section shall take effect on the first day of the "
        "following month.",
        "Partner shall refer to Supplier any inquiries received from other partners.",
        "The best discount in the volume schedule is twelve percent for orders over 500 units.",
        "The parties shall discuss in good faith whether more advantageous logistics are "
        "available.",
        "Licensee shall not grant sublicenses on terms less advantageous to Licensor than "
        "those set out herein.",
        "Nothing herein obliges Vendor to offer Customer the same discount it offers any "
        "other dealer.",
    ],
)
def test_these_wordings_promise_nothing(sentence: str) -> None:
    assert mfn_statement(sentence) is not True

"""Most-favoured-customer promises worded as a bound set by the others' prices ("equal to or
less than the price charged to any other distributor", "do not exceed the prices charged
to any other customer"), "more favorable royalty rates" granted to others, comparisons
with the vendor's best customers; and a floor on the buyer's own resale price, which is
no promise. Each case is a short synthetic sentence (none is copied from a contract)."""

from __future__ import annotations

import pytest

from extractors.contracts.mfn import mfn_statement


@pytest.mark.parametrize(
    "sentence",
    [
        "Pricing to Reseller shall be equal to or less than the price charged to any other "
        "reseller in the Territory.",
        "Vendor represents that the prices herein are at least as low as those charged to any "
        "other similarly situated customer.",
        "Seller warrants that the prices stated herein do not exceed the prices charged by "
        "Seller to any other customer for like goods.",
        "The fees payable hereunder will not be greater than the fees Provider charges any "
        "other customer for substantially similar services.",
        "The Services will be provided at rates no greater than those charged by Contractor to "
        "any other client for comparable services.",
        "Should Vendor at any time sell the Products to any customer at prices below those "
        "charged to Purchaser, Vendor shall reduce Purchaser's prices accordingly.",
        "If Licensor grants to any other licensee more favorable royalty rates, Licensor shall "
        "promptly offer such rates to Licensee.",
        "Supplier shall give Customer pricing comparable to or better than that given to its "
        "best customers.",
        "Vendor's prices to Company will be at least as favorable as the prices Vendor offers "
        "to its largest customers.",
        "Supplier shall not sell the Products to any third party at prices lower than those "
        "charged to Buyer.",
        "Leverandøren må ikke opkræve højere priser hos Kunden end hos andre kommuner for samme "
        "ydelse.",
        "Supplier shall not charge Customer more than it charges any other customer for the "
        "same Product.",
        "Priserne må ikke overstige de priser, Leverandøren anvender over for andre kunder.",
        "Leverandøren forpligter sig til ikke at give andre offentlige kunder bedre vilkår end "
        "Kunden.",
        "Såfremt Leverandøren yder en anden kunde en lavere pris for samme ydelse, skal samme "
        "pris tilbydes Kunden.",
        "Rådgiveren tilbyder Kunden vilkår, der er mindst lige så fordelagtige som de vilkår, "
        "der tilbydes andre regioner.",
        "Leverandøren må ikke give andre kommuner fordelagtigere priser end Kunden.",
    ],
)
def test_a_price_bounded_by_what_others_are_charged_is_most_favoured(sentence: str) -> None:
    assert mfn_statement(sentence) is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Licensee shall not sell the Product at a price lower than the price charged to other "
        "distributors.",
        "Distributor shall not resell the Products at a price below the price charged to other "
        "resellers.",
        "Royalties payable by Licensee shall be no less than the royalties paid by any other "
        "licensee.",
        "Supplier shall not charge Customer fees higher than those set forth in Exhibit B.",
        "Supplier shall deliver Products no later than the delivery dates given to any other "
        "customer.",
    ],
)
def test_a_resale_floor_or_a_minimum_is_no_most_favoured_promise(sentence: str) -> None:
    assert mfn_statement(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Nothing in this Agreement shall require Supplier to offer Customer prices no less "
        "favourable than those offered to other customers.",
        "Supplier shall have no obligation to offer Customer the lowest price offered to any "
        "other customer.",
        "Leverandøren er ikke forpligtet til at tilbyde Kunden de laveste priser, som gives til "
        "andre kunder.",
        "Customer acknowledges that Supplier may charge other customers lower prices.",
        "Nothing in this Agreement shall be construed as a most favoured customer undertaking.",
        "Nothing herein is to be deemed to create most-favoured-customer pricing for Customer.",
        "Intet i denne aftale kan anses for en mestbegunstigelsesklausul.",
    ],
)
def test_a_disclaimed_comparison_says_there_is_no_most_favoured_promise(sentence: str) -> None:
    assert mfn_statement(sentence) is False


def test_a_comparison_that_only_limits_nothing_is_still_a_promise() -> None:
    sentence = ("Nothing in this Agreement shall limit Supplier's duty to offer prices no less "
                "favourable than those offered to other customers.")  # fmt: skip

    assert mfn_statement(sentence) is True


def test_a_most_favoured_promise_after_a_nothing_that_limits_nothing_stands() -> None:
    for sentence in (
        "Nothing in this Agreement shall limit the most favoured customer terms in clause 9.",
        "Nothing herein shall be construed to limit the most favoured customer terms.",
    ):
        assert mfn_statement(sentence) is True, sentence

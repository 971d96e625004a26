"""A most-favoured-customer clause denied in the ways contracts deny it: a key-facts row
("Mestbegunstigelse | Nej"), a standard clause struck out ("Pkt. 12 (Mestbegunstigelse)
udgår"), opted out of ("har fravalgt"), "Ikke relevant", and an English disclaimer
("Nothing ... shall oblige the Supplier to offer ... most-favoured-customer pricing");
and a promise worded "mindst er lige så gunstige som". Synthetic sentences (found by an
independent review; none copied from a contract)."""

from __future__ import annotations

import pytest

from extractors.contracts.mfn import mfn_statement


@pytest.mark.parametrize(
    "sentence",
    [
        "Betalingsfrist 30 dage netto Mestbegunstigelse Nej",
        "Mestbegunstigelse: nej",
        "MFN: No",
        # a key-facts row run into the next row's label (a line of its own each)
        "Mestbegunstigelse Nej\nFakturering",
        "Most favoured customer No\nInvoicing",
        # a key-facts table read as one run of text: the next row's label after the answer
        "Betalingsfrist 14 dage Mestbegunstigelse Nej Fakturering Leverandøren fakturerer "
        "månedsvis.",
        "Pkt. 9 (Mestbegunstigelse) udgår.",
        "Bestemmelsen om mestbegunstigelse bortfalder.",
        "Parterne har fravalgt mestbegunstigelse.",
        "Mestbegunstigelse: Ikke relevant.",
        "Nothing in this Agreement shall oblige the Supplier to offer the Customer "
        "most-favoured-customer pricing.",
        "The parties have waived any most favoured customer treatment.",
    ],
)
def test_these_sentences_say_there_is_no_mfn(sentence: str) -> None:
    assert mfn_statement(sentence) is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Leverandøren garanterer, at Kunden opnår priser, der mindst er lige så gunstige "
        "som dem, Leverandøren tilbyder andre kommuner.",
        "Mestbegunstigelse: Ja",
        "Mestbegunstigelse Ja\nFakturering",
        # the others compared with are public buyers: municipalities, authorities
        "The Contractor guarantees that its rates are no higher than those offered to any "
        "other public authority for comparable work.",
        "Leverandøren garanterer, at priserne ikke er højere end dem, der tilbydes en "
        "anden kommune.",
        "The Supplier grants most favoured customer terms, no less favourable than those "
        "given to any other customer.",
        "Kunden er mestbegunstiget, og priserne må ikke være højere end for andre kunder.",
        # a review of the change: "no"/"ingen" opening a promise, a double negative, a
        # limit on where it applies, another customers' pricing freedom before it
        "Mestbegunstigelse: Ingen anden offentlig kunde må opnå lavere priser end Kunden.",
        "Most favoured customer: no other customer shall receive lower prices than the Customer.",
        "Mestbegunstigelsesklausulen bortfalder ikke ved forlængelse.",
        "The most favoured nation clause is not relevant to call-offs but applies to all "
        "direct orders.",
        "The Supplier may charge other customers lower prices for different volumes; however, "
        "the Customer shall have most favoured customer status.",
    ],
)
def test_these_sentences_promise_it(sentence: str) -> None:
    assert mfn_statement(sentence) is True

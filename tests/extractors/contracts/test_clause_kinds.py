"""Clause kinds read by meaning, Danish and English: most-favoured customer, payment days
and termination notice; a liability cap, a penalty or a notice period is never taken
for another kind."""

from __future__ import annotations

import pytest

from extractors.contracts import clauses
from extractors.contracts.front import detect_language
from extractors.contracts.mfn import mfn_statement, read_mfn
from extractors.contracts.sections import Section, classify


def clause(heading: str | None, text: str) -> Section:
    return classify([Section(heading=heading, text=text, page=2)], detect_language(text))[0]


@pytest.mark.parametrize(
    ("sentence", "heading", "present"),
    [
        ("Leverandøren garanterer Kunden mestbegunstigelse.", None, True),
        ("The Supplier shall treat the Customer as its most favoured customer.", None, True),
        ("MSL engineering will be priced to IBM on a \"most favored customer\" basis.", None, True),
        ("The Customer's prices shall be no less favorable than those offered to any other "
         "customer for similar volumes.", None, True),
        ("The pricing terms are, and will be, at least as favorable as the pricing terms granted "
         "to any existing customer or collaborator.", None, True),
        ("The Fees shall at all times be no higher than the lowest price offered to any other "
         "customer for the same services.", None, True),
        ("Such fees shall not exceed the fees charged by Licensor to unaffiliated third parties.",
         None, True),
        ("Leverandøren garanterer, at Kunden til enhver tid opnår priser og vilkår, der ikke er "
         "ringere end dem, Leverandøren tilbyder andre offentlige kunder.", None, True),
        ("Leverandøren skal sikre, at Kunden altid opnår den laveste pris, som Leverandøren "
         "tilbyder andre offentlige kunder for tilsvarende ydelser.", None, True),
        ("If the Supplier offers another public customer better prices for equivalent services, "
         "the Customer shall immediately be offered the same prices.", None, True),
        ("Der er ikke aftalt mestbegunstigelse.", None, False),
        ("Mestbegunstigelse finder ikke anvendelse på denne kontrakt.", None, False),
        ("Leverandøren er ikke forpligtet til at yde Kunden mestbegunstigelse.", None, False),
        ("No most-favoured customer terms apply.", None, False),
        ("Supplier gives no most-favoured-customer commitment under this Agreement.", None, False),
        ("Not applicable.", "Most Favoured Customer", False),
        ("Finder ikke anvendelse.", "Mestbegunstigelse", False),
        ("Leverandørens samlede ansvar kan ikke overstige 5.000.000 kr.", None, None),
        ("Ved forsinkelse betaler Leverandøren en bod på 1.000 kr. pr. dag.", None, None),
        ("Regulering skal varsles med 90 dages skriftligt varsel.", None, None),
        ("Tildelingskriteriet var laveste pris.", None, None),
        ("If Sponsor rejects said offer, Excite may enter into the agreement with such third "
         "party, provided the terms are not less favorable to Excite than previously offered.",
         None, None),
        ("The Transferor may sell such shares to a third party on terms no more favourable than "
         "those offered to the Transferees.", None, None),
    ],
)  # fmt: skip
def test_it_reads_the_most_favoured_customer_clause_by_meaning(
    sentence: str, heading: str | None, present: bool | None
) -> None:
    assert mfn_statement(sentence, heading) is present


def test_a_promise_anywhere_in_the_contract_makes_it_mfn() -> None:
    sentences = [("Prices are set out in Appendix 2.", "Prices", 3),
                 ("The Supplier warrants prices no less favourable than those offered to other "
                  "comparable customers.", None, 4)]  # fmt: skip

    found = read_mfn(sentences)

    assert found is not None and found.present and found.page == 4


@pytest.mark.parametrize(
    ("heading", "text", "days"),
    [
        ("Betaling", "Betaling sker 30 dage netto.", 30),
        ("Fakturering og betaling", "Betalingsfrist: 30 dage fra fakturadato.", 30),
        ("Betaling", "Betalingsbetingelser: netto 14 dage.", 14),
        ("Payment", "Payment terms are net 20.", 20),
        ("Payment", "Invoices are payable within thirty (30) days of receipt.", 30),
        ("Fakturering og betaling", "Fakturaer betales senest 30 dage efter modtagelse af "
         "korrekt elektronisk faktura.", 30),
        ("Priser og betaling", "Prisregulering skal varsles med 90 dages varsel. Betaling sker "
         "30 dage netto.", 30),
        ("Betaling", "Rykkergebyr kan ikke opkræves før 10 dage efter forfald.", None),
        ("Betaling", "Leverandøren kan kræve morarente efter 14 dage.", None),
    ],
)  # fmt: skip
def test_it_reads_the_payment_days_never_a_notice_or_a_reminder(
    heading: str, text: str, days: int | None
) -> None:
    found = clauses.read_payment(clause(heading, text))

    assert (found.params["payment_days"] if found else None) == days


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Kunden kan opsige kontrakten med 6 måneders varsel.", 6),
        ("Customer may terminate this Agreement for convenience on six (6) months' written "
         "notice.", 6),
        ("Either party may terminate this Agreement upon ninety (90) days' written notice.", 3),
        ("Kontrakten er uopsigelig for begge parter i de første 24 måneder.", None),
    ],
)  # fmt: skip
def test_it_reads_the_termination_notice(text: str, months: int | None) -> None:
    found = clauses.read_termination(clause("Opsigelse", text))

    assert (found.params["notice_months"] if found else None) == months

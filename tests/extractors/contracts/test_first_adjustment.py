"""A first adjustment date the indexation clause states ("første gang 1. januar 2027",
"the first adjustment shall take place on 1 April 2026") holds prices until then: it
becomes the fixed period counted from the effective date."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.contracts.extract import _first_adjustment
from extractors.contracts.indexation_timing import first_adjustment_date, months_until
from extractors.types import ContractTerms, Evidence, IndexationTerms


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Priserne reguleres årligt efter nettoprisindekset, første gang 1. april 2026.",
         date(2026, 4, 1)),
        ("Første regulering kan ske pr. 1. april 2026 med 3 måneders skriftligt varsel.",
         date(2026, 4, 1)),
        ("Regulering kan første gang ske den 1. januar 2027 med udgangspunkt i indekset for "
         "oktober 2026.", date(2027, 1, 1)),
        ("Honorarsatserne reguleres pr. 1. marts hvert år, første gang 1. marts 2026, med "
         "udviklingen i lønindekset.", date(2026, 3, 1)),
        ("Charges shall be adjusted annually on 1 April by the CPI. The first adjustment shall "
         "take place on 1 April 2026.", date(2026, 4, 1)),
        ("Fees will be adjusted yearly by CPI on each renewal, the first adjustment taking "
         "effect on April 1, 2026.", date(2026, 4, 1)),
        ("Priserne reguleres første gang 01-07-2026.", date(2026, 7, 1)),
        # the prices fixed until a date: the first adjustment the day after
        ("Priserne er faste til og med 31. januar 2028. Herefter reguleres de årligt efter "
         "nettoprisindekset, dog højst 2 %.", date(2028, 2, 1)),
        ("Rates are fixed until September 30, 2027, after which the Contractor may adjust "
         "them once a year by the CPI.", date(2027, 10, 1)),
        ("Vederlaget er uændret frem til 30.06.2027 og kan derefter reguleres.",
         date(2027, 7, 1)),
        # a date from which the prices may be adjusted
        ("From 1 September 2027 the charges may be increased annually by the change in CPI.",
         date(2027, 9, 1)),
        ("Med virkning fra 1. oktober 2026 kan timepriserne reguleres én gang årligt.",
         date(2026, 10, 1)),
    ],
)  # fmt: skip
def test_the_stated_first_adjustment_date_is_read(text: str, first: date) -> None:
    assert first_adjustment_date(text) == first


@pytest.mark.parametrize(
    "text",
    [
        "Priserne reguleres årligt pr. 1. januar efter nettoprisindekset.",
        "Første regulering sker på grundlag af indekset offentliggjort 15. november 2026.",
        "Priserne reguleres første gang efter 12 måneder. Kontrakten udløber 31. marts 2029.",
        "The first adjustment may be made no earlier than the first anniversary; the index "
        "published before 1 October 2026 applies.",
        # a period of the agreement, not of fixed prices; a start that adjusts nothing
        "Priserne gælder fra 1. januar 2026 til 31. december 2027.",
        "From 1 May 2026 the Supplier delivers the service; invoices are sent monthly.",
    ],
)
def test_no_first_date_is_read_where_none_is_stated(text: str) -> None:
    assert first_adjustment_date(text) is None


def test_months_until_puts_the_first_adjustment_on_the_stated_date() -> None:
    assert months_until(date(2025, 4, 1), date(2026, 4, 1)) == 12
    assert months_until(date(2025, 10, 1), date(2027, 1, 1)) == 15
    assert months_until(date(2025, 9, 15), date(2026, 10, 1)) == 12  # counted from 1 Oct 2025


def _terms(effective: date | None, clause: str, fixed: int | None = None) -> ContractTerms:
    ix = IndexationTerms(index="nettoprisindeks", adjust_month=1, fixed_months=fixed,
                         evidence=Evidence(clause))  # fmt: skip
    return ContractTerms(language="da", effective_date=effective, indexation=ix)


CLAUSE = "Priserne reguleres årligt pr. 1. januar efter NPI, første gang 1. januar 2027."


def test_a_later_stated_first_date_sets_the_fixed_period() -> None:
    terms = _terms(date(2025, 10, 1), CLAUSE)
    _first_adjustment(terms, month_first=False)
    assert terms.indexation is not None and terms.indexation.fixed_months == 15
    assert terms.uncertain_terms == []


def test_a_first_date_before_the_fixed_period_ends_is_shown_for_review() -> None:
    terms = _terms(date(2025, 10, 1), CLAUSE, fixed=24)
    _first_adjustment(terms, month_first=False)
    assert terms.indexation is not None and terms.indexation.fixed_months == 24
    assert terms.uncertain_terms and "first adjustment" in terms.uncertain_terms[0]


def test_without_an_effective_date_the_stated_first_date_is_shown_for_review() -> None:
    terms = _terms(None, CLAUSE)
    _first_adjustment(terms, month_first=False)
    assert terms.indexation is not None and terms.indexation.fixed_months is None
    assert "first adjustment stated as 2027-01-01" in terms.uncertain_terms[0]

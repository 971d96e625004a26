"""Classes of wording for a contract's term that real contracts use and the first reading
missed: a term under a "TERM:" heading, a term that starts on a named event dated
elsewhere, "shall terminate N years after", "will last for", the day after the last
signature, a period in which the contract cannot be ended. Each case is a short
synthetic sentence (none is copied from a contract)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.contracts.validity import Sentence, read_term

PREAMBLE = ('This Service Agreement is entered into as of March 3, 2010 (the "Effective Date") '
            "by and between Alpha Corp. and Beta LLC.")  # fmt: skip


def _term(*sentences: str | Sentence):
    return read_term(
        [s if isinstance(s, Sentence) else Sentence(s) for s in sentences], month_first=True
    )


def test_a_term_stated_under_a_term_heading_ends_on_its_last_date() -> None:
    term = _term(
        Sentence("April 1, 2011 to March 31, 2014", heading="TERM", kind="validity"),
    )

    assert term.expiry == date(2014, 3, 31) and term.expiry_basis == "stated"


def test_a_danish_contract_period_under_its_heading_ends_on_its_last_date() -> None:
    term = _term(Sentence("1. april 2011 - 31. marts 2014", heading="Kontraktperiode"))

    assert (term.effective, term.expiry) == (date(2011, 4, 1), date(2014, 3, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "Unless sooner terminated, this Agreement shall terminate five (5) years after the "
        "Effective Date.",
        "The parties agree that this Agreement will last for sixty (60) months.",
        "This Agreement will automatically terminate five years after the Effective Date.",
        "This Agreement shall terminate upon the expiration of five (5) years from the "
        "Effective Date.",
    ],
)
def test_a_term_worded_as_terminate_after_or_last_for_is_counted(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == date(2015, 3, 2) and term.expiry_basis == "term"


def test_the_effective_date_of_this_agreement_is_a_defined_start() -> None:
    term = _term("This Agreement is made between Alpha Corp. and Beta LLC.",
                 "The effective date of this Agreement is June 1, 2006.")  # fmt: skip

    assert term.effective == date(2006, 6, 1)


def test_a_term_starting_the_day_after_the_last_signature_starts_a_day_later() -> None:
    term = _term(
        "This Agreement shall take effect on the day after the date of the last signature "
        "below and shall continue for two (2) years.",
        "By: /s/ A. Smith Title: CEO Date: June 1, 2006",
        "By: /s/ B. Jones Title: CFO Date: June 3, 2006",
    )

    assert term.effective == date(2006, 6, 4) and term.expiry == date(2008, 6, 3)


def test_an_amendment_effective_on_signature_says_nothing_of_the_contract_start() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "No amendment to this Agreement shall be effective unless it is in writing and "
        "signed by both parties.",
        "By: /s/ A. Smith Title: CEO Date: June 9, 2006",
    )

    assert term.effective == date(2006, 5, 2)


def test_a_term_starting_on_an_event_dated_elsewhere_starts_on_that_date() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "The go-live date of the hosted platform shall be October 1, 2006.",
        "The Term of this Agreement shall be three (3) years.",
        "The Term shall begin on the Go-Live Date.",
    )

    assert term.effective == date(2006, 10, 1) and term.expiry == date(2009, 9, 30)
    assert term.uncertain == [
        "effective date: inferred from the date the contract gives the Go-Live Date, to be checked",
        "expiry date: inferred from the date the contract gives the Go-Live Date, to be checked",
    ]


def test_an_effective_date_defined_as_an_event_takes_the_events_date() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "“Effective Date” means the Installation Date.",
        "The equipment shall be installed on July 15, 2006 (the “Installation Date”).",
    )

    assert term.effective == date(2006, 7, 15)


def test_a_term_starting_on_an_undated_event_has_no_start_and_no_end() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "The Term shall begin on the Acceptance Date and shall last for three (3) years.",
    )

    assert term.effective is None and term.expiry is None
    assert any("event the contract does not date" in note for note in term.notes)


def test_terminating_as_of_a_termination_date_is_no_start() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "Upon termination of this Agreement, the licence shall terminate effective as of "
        "the Termination Date.",
    )

    assert term.effective == date(2006, 5, 2)


@pytest.mark.parametrize(
    "sentence",
    [
        "Aftalen gælder fra 1. marts 2010 og er uopsigelig i 3 år, hvorefter den løber, "
        "indtil den opsiges.",
        "This Agreement commences on March 1, 2010, is non-terminable for three (3) years and "
        "thereafter continues until terminated by either party.",
    ],
)
def test_a_period_in_which_the_contract_cannot_be_ended_is_no_term(sentence: str) -> None:
    term = _term(sentence)

    assert term.effective == date(2010, 3, 1) and term.expiry is None


def test_a_term_in_contract_years_counts_from_where_the_years_begin() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall continue until the end of the third (3rd) Contract Year.",
        "“Contract Year” means each period of twelve months beginning on the Effective Date "
        "or an anniversary thereof.",
    )

    assert term.expiry == date(2013, 3, 2) and term.expiry_basis == "anniversary"
    assert term.uncertain == []  # counted from the Effective Date itself


def test_contract_years_from_an_undated_event_give_no_expiry_and_no_perpetual_term() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall continue until the end of the third Contract Year and "
        "thereafter until terminated by either party.",
        "“Contract Year” means each period of twelve months beginning on the First Delivery Date.",
    )

    assert term.expiry is None
    assert term.notes == ["expiry date: counted from a date the contract does not state"]


def test_a_duration_counted_from_a_date_in_its_own_sentence_ends_from_that_date() -> None:
    term = _term("Rammeaftalen har en løbetid på 2 år fra den 1. maj 2022 med option på "
                 "forlængelse 2 x 12 måneder.")  # fmt: skip

    assert term.expiry == date(2024, 4, 30)


def test_a_duration_after_an_event_dated_elsewhere_is_counted_from_that_date() -> None:
    term = _term(
        "This Agreement is made as of May 2, 2006 between Alpha Corp. and Beta LLC.",
        "The parties expect the hosted platform to go live on October 1, 2006 (the “Go-Live "
        "Date”).",
        "This Agreement shall remain in effect for two (2) years following the Go-Live Date.",
    )

    assert term.expiry == date(2008, 9, 30) and term.effective == date(2006, 5, 2)
    assert term.uncertain == [
        "expiry date: inferred from the date the contract gives the Go-Live Date, to be checked"
    ]


def test_a_term_counted_from_the_day_another_event_happens_has_no_expiry() -> None:
    term = _term(PREAMBLE, "This Agreement shall remain in force for five (5) years after the "
                 "date on which the first Product is sold.")  # fmt: skip

    assert term.expiry is None


def test_a_term_counted_from_the_day_the_contract_is_signed_ends_from_its_start() -> None:
    term = _term(PREAMBLE, "This Agreement shall remain in force for five (5) years after the "
                 "date on which it is signed by both parties.")  # fmt: skip

    assert term.expiry == date(2015, 3, 2)


def test_a_term_defined_as_a_span_of_dates_starts_and_ends_on_them() -> None:
    term = _term("“Term” means: 1 January 2013 to 31 December 2013 or until terminated under "
                 "the provisions of this Agreement.")  # fmt: skip

    assert (term.effective, term.expiry) == (date(2013, 1, 1), date(2013, 12, 31))


def test_a_long_stop_date_ends_a_term_that_otherwise_runs_until_terminated() -> None:
    term = _term(PREAMBLE, "This Agreement shall remain in effect until terminated, but in any "
                 "event no later than December 31, 2015.")  # fmt: skip

    assert term.expiry == date(2015, 12, 31) and term.notes == []


def test_a_labelled_expiry_is_the_end_of_the_term() -> None:
    """A key-value form: "Ikrafttrædelse: 2025-04-01. Udløb: 2027-03-31."."""
    term = _term("Ikrafttrædelse: 2025-04-01.", "Udløb: 2027-03-31.")

    assert (term.effective, term.expiry) == (date(2025, 4, 1), date(2027, 3, 31))


def test_an_addendum_valid_until_a_date_ends_then() -> None:
    term = _term(
        "Dette tillæg ændrer aftalen af 1. februar 2023 mellem parterne og har virkning fra "
        "1. juli 2025.",
        "Tillægget gælder til og med 30. juni 2027.",
    )

    assert (term.effective, term.expiry) == (date(2025, 7, 1), date(2027, 6, 30))


def test_a_verb_of_expiry_without_a_colon_is_no_label() -> None:
    term = _term("Leverandøren skal ved udløb 31. marts 2027 tilbagelevere Kundens data.")

    assert term.expiry is None

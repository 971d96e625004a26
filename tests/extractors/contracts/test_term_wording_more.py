"""More classes of wording for a contract's term: a term that "shall be effective for",
"shall run for" or "has a duration of" N years; a start that "takes effect on" a date or
is "effective retroactively to" one; an anniversary rolled forward to the end of its
calendar month, quarter or year; an end that is "the later of" several alternatives; the
end of a named year or month ("the end of 2013"); days counted from an anniversary and
lengths in parts; something other than the contract lasting "from the date hereof" or
ending on a date ("The fees under this Agreement shall remain fixed until ...").
Each case is a short synthetic sentence (none is copied
from a contract)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.contracts.validity import Sentence, read_term

PREAMBLE = ("This Reseller Agreement is made as of April 4, 2011 by and between Gamma Systems "
            "Inc. and Delta Partners LLC.")  # fmt: skip


def _term(*sentences: str):
    return read_term([Sentence(s) for s in sentences], month_first=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall be effective for four (4) years following the date hereof.",
        "This Agreement shall run for four (4) years from the date hereof.",
        "The duration of this Agreement shall be four (4) years from the date hereof.",
        "This Agreement has a duration of forty-eight (48) months.",
    ],
)
def test_a_term_worded_as_effective_for_run_for_or_duration_is_counted(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == date(2015, 4, 3) and term.expiry_basis == "term"


@pytest.mark.parametrize(
    "sentence",
    [
        "Any notice under this Agreement shall be effective for all purposes on receipt.",
        "The Reseller's exclusivity shall run for two (2) years from the date hereof, after "
        "which it may be renewed.",
        "The duration of any warranty shall be one (1) year from delivery.",
    ],
)
def test_other_things_effective_for_or_running_for_a_while_are_no_term(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry is None


def test_a_term_that_takes_effect_on_a_date_starts_on_it() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall take effect on May 2, 2011 and shall continue for a period of "
        "two (2) years.",
    )

    assert term.effective == date(2011, 5, 2) and term.expiry == date(2013, 5, 1)


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("calendar month", date(2014, 4, 30)),
        ("calendar quarter", date(2014, 6, 30)),
        ("calendar year", date(2014, 12, 31)),
        ("year", date(2014, 12, 31)),
    ],
)
def test_an_anniversary_rolled_to_the_end_of_its_period_ends_then(period: str, end: date) -> None:
    term = _term(
        PREAMBLE,
        f"The initial term of this Agreement shall expire on the last day of the {period} "
        "in which the third anniversary of the date hereof occurs.",
    )

    assert term.expiry == end


def test_an_anniversary_rolled_to_the_end_of_a_fiscal_year_has_no_calendar_date() -> None:
    term = _term(
        PREAMBLE,
        "The initial term of this Agreement shall end on the last day of the fiscal year "
        "in which the third anniversary of the date hereof occurs.",
    )

    assert term.expiry is None
    assert any("fiscal" in note for note in term.notes)


def test_the_later_of_two_dates_is_the_later_date() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall remain in force until the later of (i) September 30, 2013 and "
        "(ii) March 31, 2014, unless terminated earlier.",
    )

    assert term.expiry == date(2014, 3, 31) and not term.uncertain


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall remain in force until the later of (i) September 30, 2013 or "
        "(ii) the date on which the last Licensed Patent expires.",
        "This Agreement shall remain in force until the later of (i) the completion of the "
        "Pilot Program and (ii) September 30, 2013.",
    ],
)
def test_the_later_of_a_date_and_an_event_is_kept_only_for_review(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == date(2013, 9, 30)
    assert term.uncertain and term.uncertain[0].startswith("expiry date:")


def test_the_later_of_a_blank_date_and_an_event_has_no_expiry() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall remain in force until the later of (i) [__________], 2013 or "
        "(ii) the date on which the last Licensed Patent expires.",
    )

    assert term.expiry is None


def test_the_earlier_of_a_date_and_an_event_ends_by_the_date() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall terminate on the earlier of (i) September 30, 2013 or (ii) the "
        "date of a change of control of Gamma Systems Inc.",
    )

    assert term.expiry == date(2013, 9, 30) and not term.uncertain


@pytest.mark.parametrize(
    "sentence",
    [
        "The licence granted under Section 2 shall continue for five (5) years from the date "
        "hereof.",
        "Reseller's exclusive rights in the Territory shall remain in effect for three (3) "
        "years from the date hereof.",
        "The obligations in this Section shall remain in effect for two (2) years from the "
        "date hereof.",
    ],
)
def test_something_else_lasting_from_the_date_hereof_is_no_term(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry is None


def test_this_agreement_lasting_from_the_date_hereof_is_its_term() -> None:
    term = _term(
        PREAMBLE,
        "This Agreement shall continue for five (5) years from the date hereof.",
    )

    assert term.expiry == date(2016, 4, 3)


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("This Agreement shall remain in effect through the end of 2013.", date(2013, 12, 31)),
        (
            "The term of this Agreement shall run until the end of calendar year 2013.",
            date(2013, 12, 31),
        ),
        ("This Agreement shall continue until the last day of June 2013.", date(2013, 6, 30)),
        ("This Agreement shall continue until the end of February, 2012.", date(2012, 2, 29)),
    ],
)
def test_the_end_of_a_named_year_or_month_is_its_last_day(sentence: str, end: date) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == end


def test_the_end_of_a_named_fiscal_year_is_no_date() -> None:
    term = _term(
        PREAMBLE, "This Agreement shall remain in effect until the end of fiscal year 2013."
    )

    assert term.expiry is None


def test_a_contract_effective_retroactively_to_a_date_starts_on_it() -> None:
    term = _term(
        PREAMBLE,
        "The parties agree that this Agreement shall be effective retroactively to January 1, "
        "2011.",
    )

    assert term.effective == date(2011, 1, 1) and term.expiry is None


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        (
            "This Agreement shall expire on December 31 of the year in which the fourth "
            "anniversary of the date hereof occurs.",
            date(2015, 12, 31),
        ),
        (
            '"Initial Term" shall mean the date hereof through the day prior to the fourth '
            "anniversary of the date hereof.",
            date(2015, 4, 3),
        ),
        (
            "This Agreement shall expire six (6) months after the fourth anniversary of the "
            "date hereof.",
            date(2015, 10, 3),
        ),
        (
            "This Agreement shall expire on the date falling four (4) years and six (6) months "
            "after the date hereof.",
            date(2015, 10, 3),
        ),
    ],
)
def test_an_end_counted_from_an_anniversary_or_in_parts_is_counted(
    sentence: str, end: date
) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == end


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall expire ninety (90) days after the fourth anniversary of the "
        "date hereof.",
        "This Agreement shall expire on the first day of the month following the month in "
        "which the fourth anniversary of the date hereof occurs.",
        "This Agreement shall expire on the fifteenth (15th) day following the fourth "
        "anniversary of the date hereof.",
        "This Agreement shall continue for four (4) years and ten (10) days from the date hereof.",
    ],
)
def test_a_day_counted_in_words_not_read_gives_no_expiry_rather_than_a_wrong_one(
    sentence: str,
) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry is None and term.notes


def test_a_payment_due_to_a_party_by_a_date_is_no_end_of_the_term() -> None:
    term = _term(
        PREAMBLE,
        "In consideration of the rights granted under this Agreement, Delta Partners LLC shall "
        "pay the set-up fee to Gamma Systems Inc. upon the earlier of (a) June 30, 2011 and "
        "(b) the launch of the portal.",
    )

    assert term.expiry is None


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement is valid up to June 30, 2013.",
        "The term of this Agreement is the period from the date hereof to June 30, 2013.",
        "This Agreement covers the period July 1, 2011 to June 30, 2013.",
    ],
)
def test_to_a_date_after_a_span_ends_the_term(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == date(2013, 6, 30)


TERM = "The term of this Agreement shall be four (4) years from the date hereof."


@pytest.mark.parametrize(
    "sentence",
    [
        "The fees under this Agreement shall remain fixed until December 31, 2012.",
        "The exclusivity granted under this Agreement shall expire on December 31, 2012.",
        "Each Order placed under this Agreement shall remain in effect until December 31, 2012.",
        "Reseller's option to buy the demonstration units under this Agreement shall expire on "
        "December 31, 2012.",
    ],
)
def test_the_end_of_something_else_under_the_contract_is_not_its_end(sentence: str) -> None:
    for order in ((PREAMBLE, TERM, sentence), (PREAMBLE, sentence, TERM)):
        term = _term(*order)

        assert term.expiry == date(2015, 4, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "The parties agree that this Agreement shall remain in effect until December 31, 2012.",
        "Unless terminated earlier, the Initial Term shall end on December 31, 2012.",
        'The rights granted under this Agreement shall expire on December 31, 2012 (the "Term").',
        'As used herein, the following words shall have these meanings: "Contract Period" '
        "shall mean the period from the date hereof through December 31, 2012.",
    ],
)
def test_the_contract_or_its_term_as_subject_ends_on_the_date(sentence: str) -> None:
    term = _term(PREAMBLE, sentence)

    assert term.expiry == date(2012, 12, 31)


PERPETUAL = "This Agreement shall continue until terminated by either party on ninety days notice."


@pytest.mark.parametrize(
    "sentence",
    [
        "The exclusivity granted under this Agreement shall continue for two (2) years from "
        "the date hereof.",
        "The fees under this Agreement shall remain fixed for a period of two (2) years.",
        "Each Order placed under this Agreement shall remain in effect for twelve (12) months.",
    ],
)
def test_how_long_something_else_lasts_is_not_the_contracts_length(sentence: str) -> None:
    for order in ((PREAMBLE, PERPETUAL, sentence), (PREAMBLE, sentence, PERPETUAL)):
        assert _term(*order).expiry is None
    for order in ((PREAMBLE, TERM, sentence), (PREAMBLE, sentence, TERM)):
        assert _term(*order).expiry == date(2015, 4, 3)


def test_the_first_sentence_under_a_term_heading_states_the_term_whatever_its_subject() -> None:
    term = read_term(
        [
            Sentence(PREAMBLE),
            Sentence(
                "Vendor's obligations hereunder shall remain in full force and effect for two "
                "(2) years from the date hereof.",
                heading="TERM OF AGREEMENT",
            ),
        ],
        month_first=True,
    )

    assert term.expiry == date(2013, 4, 3)

"""Dates as contracts write them, the role each sentence gives a date, and the contract's
agreement, effective and expiry dates read from its sentences."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.contracts.dates import (
    ANNIVERSARY_RE,
    anniversary_years,
    date_mentions,
    parse_duration,
)
from extractors.contracts.patterns import find_dates, numeric_order
from extractors.contracts.validity import Sentence, read_term


@pytest.mark.parametrize(
    ("text", "month_first", "expected"),
    [
        ("1. januar 2026", False, date(2026, 1, 1)),
        ("1 January 2026", False, date(2026, 1, 1)),
        ("January 1, 2026", True, date(2026, 1, 1)),
        ("June 1,1999", True, date(1999, 6, 1)),
        ("the 1st day of May, 2006", True, date(2006, 5, 1)),
        ("the 1st of May 2006", False, date(2006, 5, 1)),
        ("January 1st, 2006", True, date(2006, 1, 1)),
        ("this first day of July, 2017", True, date(2017, 7, 1)),
        ("the twenty-first day of June, 2001", True, date(2001, 6, 21)),
        ("the 20t h day of November, 2018", True, date(2018, 11, 20)),  # a PDF split "20th"
        ("Dec. 8, 2005", True, date(2005, 12, 8)),
        ("signed 1-May-2006", True, date(2006, 5, 1)),
        ("this 1st day of May, A.D. 2006", True, date(2006, 5, 1)),
        ("April 15 , 2010", True, date(2010, 4, 15)),
        ("01-01-2026", False, date(2026, 1, 1)),
        ("01.07.2025", False, date(2025, 7, 1)),
        ("1/1/2026", True, date(2026, 1, 1)),
        ("2026-01-01", False, date(2026, 1, 1)),
        ("den 1/4 2026", False, date(2026, 4, 1)),  # Danish day/month year
        ("04/05/2018", True, date(2018, 4, 5)),  # US: month first
        ("04-05-2018", False, date(2018, 5, 4)),  # Danish: day first
        ("04/25/2018", False, date(2018, 4, 25)),  # unambiguous either way
        ("Dated 05/05/98", True, date(1998, 5, 5)),
        ("11/4/10", True, date(2010, 11, 4)),
        ("den 31-02-2026", False, None),  # no such day
        ("Section 1.2.10", False, None),
    ],
)
def test_it_reads_dates_in_every_common_written_form(
    text: str, month_first: bool, expected: date | None
) -> None:
    found = find_dates(text, month_first=month_first)

    assert (found[0][0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "language", "month_first"),
    [
        ("signed 4/24/2018 and 04/25/2018", "en", True),  # 25 can only be a day
        ("signed 25/04/2018 and 04/05/2018", "en", False),
        ("dated 04/05/2018", "en", True),  # US English by default
        ("dated 04/05/2018, CVR 12345678, DKK", "en", False),  # a Danish contract in English
        ("dateret 04-05-2018", "da", False),
    ],
)
def test_it_decides_the_order_of_numeric_dates_per_document(
    text: str, language: str, month_first: bool
) -> None:
    assert numeric_order(text, language) is month_first


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("The Term shall commence on July 23, 2013 and shall expire on July 22, 2016.",
         ["start", "end"]),
        ("Kontrakten gælder for perioden 1. april 2025 - 31. marts 2029.", ["start", "end"]),
        ("Kontrakten er underskrevet den 15. november 2025 og træder i kraft den 1. januar "
         "2026.", ["signature", "start"]),
        ("TERM: November 01, 2014 to October 31, 2017", ["start", "end"]),
        ("This Agreement is made as of this March 14, 2012 but effective as of March 1, 2012 "
         "(“Effective Date”) by and between A and B.", ["agreement", "start"]),
        ("Version 12-12-2023", ["version"]),
        ("Sted og dato: Aarhus, den 3. februar 2026", ["signature"]),
        ("By: /s/ Jane Doe Title: CEO 4/24/2018 Date", ["signature"]),
        ("Kontrakten ophører uden yderligere varsel den 31. december 2028.", ["end"]),
        ("The Supplier shall deliver no later than March 1, 2026.", ["notice"]),
        ('1.9 "EFFECTIVE DATE" means 12:01 a.m. Eastern Standard Time on March 3, 2003.',
         ["start"]),
        ("EFFECTIVE DATE shall mean the Date of Installation, i.e. December 10, 1993.",
         ["start"]),
    ],
)  # fmt: skip
def test_a_date_takes_its_role_from_its_sentence(sentence: str, roles: list[str]) -> None:
    assert [m.role for m in date_mentions(sentence, month_first=True)] == roles


@pytest.mark.parametrize(
    "sentence",
    [
        "Kontrakten træder i kraft den [dato].",
        "This Agreement is effective as of [●] (the “Effective Date”).",
        'made and entered into as of March ___, 1999 (the "Effective Date")',
        "THIS AGREEMENT is effective as of , 2020 (the “Effective Date”)",
        "AGREEMENT made as of the _____ day of __________________, 2015",
        "Kontrakten træder i kraft den <dato>.",
    ],
)
def test_a_blank_where_the_date_belongs_is_a_date_without_a_value(sentence: str) -> None:
    [mention] = date_mentions(sentence)

    assert mention.value is None and mention.role in ("start", "agreement")


def test_a_blank_line_or_a_blank_number_is_no_date() -> None:
    assert date_mentions("By: ______________ Name: ______________") == []
    assert date_mentions("for a period of not less than ____ months from the start") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for a period of five (5) years", (5, "year")),
        ("sixty (60) months", (60, "month")),
        ("Thirty-six (36)months following", (36, "month")),
        ("a period of two years (2)", (2, "year")),
        ("a 5-year term", (5, "year")),
        ("twelve (12) full calendar months", (12, "month")),
        ("one hundred and eighty (180) days", (180, "day")),
        ("løber i 4 år", (4, "year")),
        ("i 48 måneder", (48, "month")),
        ("fire år", (4, "year")),
        ("30 dage netto", (30, "day")),
        ("6 måneders varsel", (6, "month")),
        ("within thirty (30) days", (30, "day")),
    ],
)
def test_it_reads_a_duration_in_digits_or_words(text: str, expected: tuple[int, str]) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("until the seventh anniversary of the Effective Date", 7),
        ("end on the five (5) year anniversary of the Effective Date", 5),
        ("until the fifth (5t h) anniversary of the Effective Date", 5),
        ("ending on the tenth (10th) anniversary thereof", 10),
    ],
)
def test_it_reads_an_anniversary(text: str, years: int) -> None:
    match = ANNIVERSARY_RE.search(text)

    assert match is not None and anniversary_years(match) == years


TERMS = [
    pytest.param(
        ['This Agreement is entered into as of June 1, 1999 (the "Effective Date") by and '
         'between Acme, Inc. and Beta LLC.',
         "This Agreement shall remain in effect for a period of five (5) years."],
        (date(1999, 6, 1), date(1999, 6, 1), date(2004, 5, 31)), id="entered-into-as-of-and-years",
    ),
    pytest.param(
        ["Kontrakten træder i kraft den 1. februar 2026 og løber i 4 år."],
        (None, date(2026, 2, 1), date(2030, 1, 31)), id="danish-term-in-years",
    ),
    pytest.param(
        ["Kontraktperioden løber fra den 15.04.2025 til og med den 14.04.2029."],
        (None, date(2025, 4, 15), date(2029, 4, 14)), id="danish-from-to",
    ),
    pytest.param(
        ["THIS AGREEMENT is made this 1st day of May, 2006 between A Corp. and B Ltd.",
         "The initial term shall commence on the Effective Date and end on the seventh "
         "anniversary of the Effective Date."],
        (date(2006, 5, 1), date(2006, 5, 1), date(2013, 4, 30)), id="seventh-anniversary",
    ),
    pytest.param(
        ["This Agreement is effective as of the date of the last signature below.",
         "This Agreement shall continue for sixty (60) months.",
         "By: /s/ A Title: CEO Date: March 2, 2020", "By: /s/ B Title: CFO Date: March 4, 2020"],
        (None, date(2020, 3, 4), date(2025, 3, 3)), id="effective-on-last-signature",
    ),
    pytest.param(
        ["This Agreement is effective as of the date of the last signature below.",
         "This Agreement shall continue for sixty (60) months."],
        (None, None, None), id="last-signature-not-dated",
    ),
    pytest.param(
        ["Kontrakt om drift Version 12-12-2023",
         "Kontrakten træder i kraft den [dato] og løber i 48 måneder."],
        (None, None, None), id="version-stamp-and-placeholder",
    ),
    pytest.param(
        ["This Agreement, dated as of January 30, 2000, is made by and between A and B.",
         "This Agreement shall commence on the Effective Date and continue until "
         "terminated by either party."],
        (date(2000, 1, 30), date(2000, 1, 30), None), id="until-terminated",
    ),
    pytest.param(
        ["This Agreement, dated as of January 30, 2000, is made by and between A and B.",
         "Each party shall keep the information confidential during the term of this "
         "Agreement and for a period of five (5) years thereafter.",
         "The term of this Agreement shall be two (2) years, renewable for successive one "
         "(1) year periods."],
        (date(2000, 1, 30), date(2000, 1, 30), date(2002, 1, 29)), id="survival-is-no-term",
    ),
    pytest.param(
        ["THIS AGREEMENT is made on March 14, 2012 but effective as of March 1, 2012 "
         "(“Effective Date”) by and between A and B.",
         "The Term shall commence on the Effective Date and shall expire on February 28, 2013."],
        (date(2012, 3, 14), date(2012, 3, 1), date(2013, 2, 28)), id="made-but-effective",
    ),
    pytest.param(
        ["“Effective Date” means the Closing Date as set forth in the Purchase Agreement.",
         "This Agreement shall continue for a period of ten (10) years thereafter."],
        (None, None, None), id="effective-date-is-an-undated-event",
    ),
    pytest.param(
        ["This Agreement will be effective on the Launch Date and will continue for 2 years "
         "following the Launch Date."],
        (None, None, None), id="term-from-an-undated-event",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("sentences", "expected"), TERMS)
def test_it_reads_the_contract_term(
    sentences: list[str], expected: tuple[date | None, date | None, date | None]
) -> None:
    term = read_term([Sentence(text) for text in sentences], month_first=True)

    assert (term.agreement, term.effective, term.expiry) == expected


def test_a_term_counted_from_the_start_ends_the_day_before_the_anniversary() -> None:
    term = read_term([Sentence("Kontrakten træder i kraft den 1. februar 2026 og løber i 4 år.")])

    assert term.expiry == date(2030, 1, 31) and term.expiry_basis == "term"


def test_a_stated_expiry_is_not_shifted() -> None:
    term = read_term([Sentence("The Term shall commence on July 23, 2013 and shall expire on "
                               "July 22, 2016.")], month_first=True)  # fmt: skip

    assert term.expiry == date(2016, 7, 22) and term.expiry_basis == "stated"


def test_a_date_in_an_appendix_loses_to_the_preamble() -> None:
    sentences = [
        Sentence("This Agency Agreement is made as of March 29, 1999, by and between A and B."),
        Sentence("Effective Date: January 5, 1999", appendix=True),
    ]

    assert read_term(sentences, month_first=True).effective == date(1999, 3, 29)


def test_a_date_wrapped_after_its_last_dash_is_one_date() -> None:
    """ "... udløber den 30-06-" over "2029." (a browser-printed contract: its expiry was
    lost, a fourteenth review)."""
    assert [d for d, _ in find_dates("udløber uden yderligere varsel den 30-06- 2029.")] == [
        date(2029, 6, 30)
    ]
    assert find_dates("pris 12.05. 2027 kr.") == []  # only after a dash

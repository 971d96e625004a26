"""The price-adjustment clause, one row per wording (Danish and English), with the terms
written out; and clauses that state no indexation at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.contracts.indexation import find_indexation, read_indexation
from extractors.contracts.pdf import PageText
from extractors.contracts.sections import Section

D = Decimal

#: index, cap_pct, adjust_month, fixed_months, notice_days, threshold_pct
WORDINGS = [
    pytest.param(
        "Priserne er faste i 24 måneder fra kontraktens underskrift. Herefter reguleres priserne "
        "én gang årligt pr. 1. januar på grundlag af udviklingen i nettoprisindekset, dog "
        "maksimalt 3 % pr. år. Reguleringen skal varsles med 3 måneders varsel.",
        "da", ("nettoprisindeks", D("3"), 1, 24, 90, None), id="da-all-terms",
    ),
    pytest.param(
        "Leverandøren kan tidligst regulere priserne 12 måneder efter kontraktens ikrafttræden. "
        "Regulering sker pr. 1. april med udviklingen i forbrugerprisindekset for de foregående "
        "12 måneder. Prisreguleringen kan ikke overstige 2,5 procent.",
        "da", ("forbrugerprisindeks", D("2.5"), 4, 12, None, None), id="da-earliest",
    ),
    pytest.param(
        "Vederlaget reguleres årligt den 1. juli i henhold til Danmarks Statistiks lønindeks for "
        "den private sektor (ILON 12). Stigningen kan højst udgøre 4 pct. Leverandøren skal give "
        "Kunden skriftligt varsel herom senest 60 dage før reguleringens ikrafttræden.",
        "da", ("ILON12", D("4"), 7, None, 60, None), id="da-ilon-with-space",
    ),
    pytest.param(
        "Lønprisindeks for den private sektor (ILON12) danner grundlag for reguleringen, som sker "
        "med virkning fra 1. oktober.",
        "da", ("ILON12", None, 10, None, None, None), id="da-ilon-in-parentheses",
    ),
    pytest.param(
        "Priserne reguleres årligt efter lønindekset for den private sektor (Danmarks Statistik, "
        "tabel ILON12).",
        "da", ("ILON12", None, None, None, None, None), id="da-table-code",
    ),
    pytest.param(
        "Priserne reguleres årligt efter Danmarks Statistiks lønindeks for den private sektor.",
        "da", ("lønindeks", None, None, None, None, None), id="da-wage-index-without-code",
    ),
    pytest.param(
        "Priserne kan alene reguleres, såfremt nettoprisindekset i perioden er steget med mindst "
        "3 %.",
        "da", ("nettoprisindeks", None, None, None, None, D("3")), id="da-threshold-at-least",
    ),
    pytest.param(
        "Priserne reguleres pr. 1. januar med nettoprisindekset. Regulering kan kun ske, hvis "
        "indekset er steget med mere end 4 % siden seneste regulering.",
        "da", ("nettoprisindeks", None, 1, None, None, D("4")), id="da-threshold-more-than",
    ),
    pytest.param(
        "Leverandøren kan kræve prisregulering, hvis forbrugerprisindekset er steget med mere end "
        "2 %, dog højst 4 % pr. år.",
        "da", ("forbrugerprisindeks", D("4"), None, None, None, D("2")), id="da-threshold-and-cap",
    ),
    pytest.param(
        "Priserne reguleres årligt efter nettoprisindekset, dog højst 3 % pr. år. Ændringer på "
        "under 1 % reguleres ikke.",
        "da", ("nettoprisindeks", D("3"), None, None, None, D("1")), id="da-small-changes-not",
    ),
    pytest.param(
        "The Charges are adjusted each year by the net price index. Changes of less than 1.5% "
        "shall not lead to an adjustment.",
        "en", ("nettoprisindeks", None, None, None, None, D("1.5")), id="en-small-changes-not",
    ),
    pytest.param(
        "The Supplier may raise the fees each year on 1 July by no more than the rise in the "
        "consumer price index, and never by more than 2.5 % in any one year.",
        "en", ("forbrugerprisindeks", D("2.5"), 7, None, None, None), id="en-never-more-than",
    ),
    pytest.param(
        "Timepriserne reguleres årligt med udviklingen i lønindekset, dog aldrig med mere end "
        "4 % om året.",
        "da", ("lønindeks", D("4"), None, None, None, None), id="da-never-more-than",
    ),
    pytest.param(
        "Priserne reguleres årligt efter nettoprisindekset. Såfremt indeksudviklingen overstiger "
        "3 %, er reguleringen begrænset til 3 %.",
        "da", ("nettoprisindeks", D("3"), None, None, None, None), id="da-if-above-then-capped",
    ),
    pytest.param(
        "Priserne er fastlåst i 12 måneder. Derefter kan de justeres én gang om året med virkning "
        "fra 1. januar svarende til ændringen i forbrugerprisindekset, maks. 3,5 %.",
        "da", ("forbrugerprisindeks", D("3.5"), 1, 12, None, None), id="da-locked-max",
    ),
    pytest.param(
        "I kontraktens første 2 år er priserne faste. Herefter reguleres de hvert år i januar "
        "efter nettoprisindekset. Prisregulering varsles med 8 ugers varsel.",
        "da", ("nettoprisindeks", None, 1, 24, 56, None), id="da-years-weeks-month-only",
    ),
    pytest.param(
        "Priserne reguleres pr. 1/1 hvert år efter nettoprisindekset. Regulering skal varsles "
        "over for Kunden med én måneds varsel.",
        "da", ("nettoprisindeks", None, 1, None, 30, None), id="da-numeric-date-one-month",
    ),
    pytest.param(
        "Prisregulering varsles senest 1. oktober med virkning fra 1. januar det følgende år og "
        "følger udviklingen i nettoprisindekset.",
        "da", ("nettoprisindeks", None, 1, None, None, None), id="da-deadline-is-not-the-month",
    ),
    pytest.param(
        "Leverandøren kan regulere priserne årligt pr. 1. januar efter nettoprisindekset. "
        "Accepterer Kunden ikke reguleringen, kan Kunden opsige aftalen med 3 måneders varsel.",
        "da", ("nettoprisindeks", None, 1, None, None, None), id="da-termination-notice",
    ),
    pytest.param(
        "Priserne kan reguleres én gang om året svarende til udviklingen i nettoprisindekset for "
        "de seneste 12 måneder. Basisindeks er indekset for september 2025.",
        "da", ("nettoprisindeks", None, None, None, None, None), id="da-measured-period",
    ),
    pytest.param(
        "Prisregulering sker første gang pr. 1. januar 2027 og herefter årligt pr. 1. januar "
        "med udviklingen i nettoprisindekset. Reguleringen kan højst udgøre 3,0 procentpoint.",
        "da", ("nettoprisindeks", D("3"), 1, None, None, None), id="da-first-on-a-date",
    ),
    pytest.param(
        "Varsel om regulering skal gives senest 90 dage før reguleringen får virkning. "
        "Priserne kan ikke reguleres i en periode på 24 måneder regnet fra ikrafttrædelsesdatoen. "
        "Herefter følger priserne byggeomkostningsindekset.",
        "da", ("byggeomkostningsindeks", None, None, 24, 90, None), id="da-other-danish-index",
    ),
    pytest.param(
        "Prices are fixed for 12 months and may then be adjusted annually on 1 July by the "
        "change in the consumer price index, at most 3.5% per year, with 60 days' notice.",
        "en", ("forbrugerprisindeks", D("3.5"), 7, 12, 60, None), id="en-one-sentence",
    ),
    pytest.param(
        "The Charges are firm for the first twenty-four (24) months of the Term. Thereafter, the "
        "Supplier may, no more than once in any twelve-month period, increase the Charges by a "
        "percentage not exceeding the change in the Danish Consumer Price Index (CPI) over the "
        "preceding 12 months, provided that no increase shall exceed three percent (3%) per "
        "year. The Supplier shall notify the Customer in writing at least ninety (90) days "
        "before any increase takes effect.",
        "en", ("forbrugerprisindeks", D("3"), None, 24, 90, None), id="en-firm-notify",
    ),
    pytest.param(
        "Fees will be adjusted annually on each anniversary of the Effective Date by the "
        "percentage change in the Danish net price index, subject to a maximum increase of 2.5%.",
        "en", ("nettoprisindeks", D("2.5"), None, None, None, None), id="en-maximum-increase",
    ),
    pytest.param(
        "Prices may be increased once per calendar year, with effect from January 1st, by no "
        "more than the increase in the CPI published by Statistics Denmark.",
        "en", ("forbrugerprisindeks", None, 1, None, None, None), id="en-month-day-no-cap",
    ),
    pytest.param(
        "No price increase shall take effect before the second anniversary of the Effective "
        "Date. Thereafter the Charges shall be indexed each January in line with the net price "
        "index.",
        "en", ("nettoprisindeks", None, 1, 24, None, None), id="en-anniversary-each-january",
    ),
    pytest.param(
        "The Supplier may only adjust the Charges if the net price index has risen by at least "
        "5% since the last adjustment. The Supplier shall give at least three months' written "
        "notice of any adjustment.",
        "en", ("nettoprisindeks", None, None, None, 90, D("5")), id="en-threshold-months-notice",
    ),
    pytest.param(
        "Prices may not be increased during the first two (2) years. Thereafter prices follow "
        "Statistics Denmark's wage index ILON 12, effective as of the first day of April each "
        "year, capped at 2 per cent, upon sixty (60) days' prior written notice.",
        "en", ("ILON12", D("2"), 4, 24, 60, None), id="en-first-day-of-month",
    ),
    pytest.param(
        "No adjustment may take effect earlier than eighteen (18) months after the Effective "
        "Date. Thereafter the Fees follow the wage index for the private sector, on 1 October "
        "each year. Any adjustment must be notified in writing at least 30 days in advance.",
        "en", ("lønindeks", None, 10, 18, 30, None), id="en-earlier-than-in-advance",
    ),
    # the lower of the index and a percentage: the percentage is the cap
    pytest.param(
        "From the second contract year the prices may be adjusted annually by the lower of (i) "
        "the change in the consumer price index (CPI) and (ii) 2 %.",
        "en", ("forbrugerprisindeks", D("2"), None, None, None, None), id="en-lower-of-i-ii",
    ),
    pytest.param(
        "Prices are adjusted each January by the lesser of 3 per cent and the change in the net "
        "price index.",
        "en", ("nettoprisindeks", D("3"), 1, None, None, None), id="en-lesser-of-percent-first",
    ),
    pytest.param(
        "Priserne reguleres årligt med udviklingen i forbrugerprisindekset, dog maksimalt med "
        "det laveste af indeksudviklingen og 2,5 %.",
        "da", ("forbrugerprisindeks", D("2.5"), None, None, None, None), id="da-laveste-af",
    ),
    # another country's consumer price index is not Statistics Denmark's
    pytest.param(
        "Prices shall be adjusted annually on 1 January by the change in the Harmonised Index of "
        "Consumer Prices (HICP) published by Eurostat.",
        "en", ("hicp", None, 1, None, None, None), id="en-hicp",
    ),
    pytest.param(
        "The Charges shall be adjusted each April by the UK Consumer Prices Index (CPI) "
        "published by the Office for National Statistics, capped at 3 %. CPI means the index "
        "last published before the adjustment.",
        "en", ("cpi-uk", D("3"), 4, None, None, None), id="en-uk-cpi-then-cpi",
    ),
    pytest.param(
        "Priserne reguleres årligt efter det svenske forbrugerprisindeks (KPI), som "
        "offentliggøres af SCB.",
        "da", ("kpi-se", None, None, None, None, None), id="da-swedish-cpi",
    ),
    pytest.param(
        "Priserne reguleres årligt efter forbrugerprisindekset offentliggjort af Danmarks "
        "Statistik, som også anvendes i Sverige.",
        "da", ("forbrugerprisindeks", None, None, None, None, None), id="da-danish-cpi-named",
    ),
    pytest.param(
        "Prices shall be adjusted each year by RPI.",
        "en", ("rpi-uk", None, None, None, None, None), id="en-rpi",
    ),
    # a mix of indexes, each with its weight: no single index's series
    pytest.param(
        "Priserne reguleres pr. 1. januar med et sammensat indeks, hvor 60 % vægtes efter "
        "lønindekset for den private sektor (ILON12) og 40 % efter nettoprisindekset, dog højst "
        "4 % årligt.",
        "da", ("composite: 60 % ILON12 + 40 % nettoprisindeks", D("4"), 1, None, None, None),
        id="da-composite-weights-before",
    ),
    pytest.param(
        "Prices follow a weighted index: the net price index (weighting 30 %) and the wage index "
        "for the private sector, ILON12 (weighting 70 %), capped at 3.5 %.",
        "en", ("composite: 30 % nettoprisindeks + 70 % ILON12", D("3.5"), None, None, None, None),
        id="en-composite-weights-after",
    ),
    pytest.param(
        "Priserne reguleres efter nettoprisindekset. Lønindekset anvendes ikke til regulering.",
        "da", ("nettoprisindeks", None, None, None, None, None), id="da-second-index-denied",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "expected"), WORDINGS)
def test_it_reads_each_wording(text: str, language: str, expected: tuple[object, ...]) -> None:
    terms = read_indexation(Section("Prisregulering", text, page=3), language)

    assert terms is not None
    got = (terms.index, terms.cap_pct, terms.adjust_month, terms.fixed_months,
           terms.notice_days, terms.threshold_pct)  # fmt: skip
    assert got == expected


NO_INDEXATION = [
    pytest.param("Priserne er faste i hele kontraktperioden.", "da", id="da-fixed-whole-term"),
    pytest.param("Priserne er faste i hele kontraktperioden og reguleres ikke efter "
                 "nettoprisindekset.", "da", id="da-fixed-naming-the-index"),
    pytest.param("Der sker ingen prisregulering i kontraktens løbetid.", "da", id="da-none"),
    pytest.param("Priserne reguleres ikke efter nettoprisindekset eller andre indeks.", "da",
                 id="da-index-ruled-out"),
    pytest.param("The Fees are fixed for the entire term and shall not be adjusted.", "en",
                 id="en-fixed-entire-term"),
    pytest.param("All prices are fixed for the duration of the Agreement and will not be "
                 "indexed to the CPI.", "en", id="en-fixed-duration-naming-the-index"),
    pytest.param("Prices are increased by 2 % on 1 January each year.", "en",
                 id="en-fixed-step-names-no-index"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language"), NO_INDEXATION)
def test_a_clause_that_states_no_indexation_gives_none(text: str, language: str) -> None:
    assert read_indexation(Section("Prisregulering", text, page=3), language) is None


def test_numbers_outside_the_clause_are_not_read_into_it() -> None:
    section = Section(
        None,
        "7.1 Løsningen skal have en oppetid på mindst 99,5 % målt pr. kalendermåned. "
        "7.2 Planlagt vedligeholdelse skal varsles mindst 5 arbejdsdage i forvejen. "
        "8 Prisregulering 8.1 Priserne reguleres årligt efter forbrugerprisindekset. "
        "9 Bod 9.1 Bod udgør kr. 10.000 pr. hændelse, dog højst 15 % af det månedlige vederlag. "
        "10 Opsigelse 10.1 Kunden kan opsige kontrakten med 6 måneders varsel.",
        page=4,
    )

    terms = read_indexation(section, "da")

    assert terms is not None and terms.index == "forbrugerprisindeks"
    assert (terms.cap_pct, terms.notice_days, terms.threshold_pct) == (None, None, None)


def test_it_finds_a_clause_split_over_sections_and_in_the_appendix() -> None:
    sections = [
        Section("Priser", "Priserne fremgår af Bilag 2. Alle priser er ekskl. moms.", page=2),
        Section("Vederlag", "Priserne er faste de første 18 måneder. Herefter reguleres de "
                "årligt pr. 1. juli efter nettoprisindekset.", page=2),
        Section("Regulering", "Stigningen kan dog højst udgøre 2 % pr. år.", page=3),
    ]  # fmt: skip
    appendix = [PageText(9, ["Bilag 2 Priser", "Priserne reguleres efter nettoprisindekset,",
                             "jf. kontraktens punkt 5, og varsles med 60 dages varsel."])]  # fmt: skip

    terms = find_indexation(sections, "da", appendix)

    assert terms is not None
    assert (terms.index, terms.cap_pct, terms.adjust_month, terms.fixed_months,
            terms.notice_days) == ("nettoprisindeks", D("2"), 7, 18, 60)  # fmt: skip


def test_it_finds_nothing_in_a_contract_without_an_indexation_clause() -> None:
    sections = [Section("Priser", "Priserne er faste enhedspriser i danske kroner.", page=2)]

    assert find_indexation(sections, "da") is None


def test_the_heading_may_name_the_index() -> None:
    section = Section("Regulering efter nettoprisindekset", "Priserne reguleres årligt pr. 1. "
                      "januar, dog højst 2 % pr. år.", page=3)  # fmt: skip

    terms = read_indexation(section, "da")

    assert terms is not None
    assert (terms.index, terms.cap_pct, terms.adjust_month) == ("nettoprisindeks", D("2"), 1)


def test_an_index_defined_elsewhere_is_the_one_the_clause_uses() -> None:
    sections = [
        Section("Definitions", '1.4 "Index" means the net price index published by Statistics '
                "Denmark. 1.5 \"Services\" means the services described in Schedule 1.", page=2),
        Section("Price adjustment", "The Charges may be adjusted on 1 April each year by the "
                "change in the Index, capped at 3 %.", page=4),
    ]  # fmt: skip

    terms = find_indexation(sections, "en")

    assert terms is not None
    assert (terms.index, terms.cap_pct, terms.adjust_month) == ("nettoprisindeks", D("3"), 4)


def test_a_fixed_period_stated_under_prices_belongs_to_the_clause() -> None:
    sections = [
        Section("Priser", "Priserne fremgår af Bilag 2. Priserne er faste de første 12 måneder "
                "af kontraktperioden.", page=2),
        Section("Betaling", "Betaling sker 30 dage netto.", page=2),
        Section("Prisregulering", "Priserne reguleres årligt pr. 1. juli efter "
                "forbrugerprisindekset.", page=3),
        Section("Opsigelse", "Kunden kan opsige kontrakten med 6 måneders varsel.", page=3),
    ]  # fmt: skip

    terms = find_indexation(sections, "da")

    assert terms is not None
    assert (terms.index, terms.adjust_month, terms.fixed_months, terms.notice_days) == (
        "forbrugerprisindeks", 7, 12, None)  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "text", "language"),
    [
        ("Ansvar", "Leverandørens erstatningsansvar er begrænset til kr. 5.000.000. Beløbet "
         "reguleres årligt efter nettoprisindekset.", "da"),
        ("Bod", "Forsinkelse udløser en dagbod på 0,5 % af vederlaget pr. arbejdsdag. Bodens "
         "størrelse reguleres årligt med nettoprisindekset.", "da"),
        ("Liability", "Each party's liability is capped at DKK 5,000,000, which amount shall be "
         "indexed annually by the CPI.", "en"),
    ],
)  # fmt: skip
def test_an_index_that_adjusts_another_amount_is_no_price_indexation(
    heading: str, text: str, language: str
) -> None:
    sections = [
        Section("Priser", "Priserne er faste i hele kontraktperioden.", page=2),
        Section(heading, text, page=5),
    ]

    assert find_indexation(sections, language) is None


def test_a_price_table_run_into_the_clause_sentence_does_not_veto_its_cap() -> None:
    """An unruled table without full stops and the heading after it run into the clause's
    sentence: the table's "ekskl. moms" is not the clause speaking of VAT."""
    section = Section(
        None,
        "Ydelse Afregning Honorar (kr. ekskl. moms) Partner pr. time 1.695,00 Senior rådgiver "
        "pr. time 1.295,00 Workshop, heldag pr. dag 9.800,00 Regulering Honorarsatserne "
        "reguleres pr. 1. marts hvert år, første gang 1. marts 2026, med udviklingen i Danmarks "
        "Statistiks lønindeks for den private sektor (ILON12), dog højst 3,5 %.",
        page=1,
    )

    terms = read_indexation(section, "da")

    assert terms is not None and (terms.index, terms.cap_pct) == ("ILON12", Decimal("3.5"))


def test_vat_in_the_clause_itself_still_vetoes_its_percentages() -> None:
    section = Section(
        None,
        "Priserne reguleres årligt efter nettoprisindekset. Til priserne lægges moms med 25 %.",
        page=1,
    )

    terms = read_indexation(section, "da")

    assert terms is not None and terms.cap_pct is None


def test_a_composite_index_is_shown_for_review_with_what_is_enforced() -> None:
    from extractors.contracts.extract import _composite
    from extractors.types import IndexationTerms

    capped = IndexationTerms(index="composite: 60 % ILON12 + 40 % nettoprisindeks", cap_pct=D("4"))
    assert _composite(capped) == [
        "indexation: prices follow a composite index (60 % ILON12 + 40 % nettoprisindeks); "
        "price rises are only held to its cap of 4 % a year"
    ]
    uncapped = IndexationTerms(index="composite: ILON12 + nettoprisindeks")
    assert "cannot be bounded" in _composite(uncapped)[0]
    assert _composite(IndexationTerms(index="nettoprisindeks")) == []


@pytest.mark.parametrize(
    "text,moves",
    [
        ("Priserne kan reguleres én gang årligt efter forhandling mellem parterne.", True),
        ("Leverandøren kan regulere priserne årligt pr. 1. januar.", True),
        ("Prices may be adjusted annually by mutual agreement of the parties.", True),
        ("The Supplier may increase its prices by giving three months' notice.", True),
        # fixed, or an adjustment of something else in a sentence naming a price
        ("Priserne er faste i hele kontraktperioden og kan ikke reguleres.", False),
        ("Prices shall not be adjusted during the term of the agreement.", False),
        ("credits or allowances actually granted for returns, price adjustments and billing "
         "errors;", False),
        ("Appendix 1 Requirements Appendix 2 Prices Appendix 3 Price adjustment", False),
    ],
)  # fmt: skip
def test_a_clause_letting_prices_move_by_what_is_not_read(text: str, moves: bool) -> None:
    """A price-adjustment clause naming neither index nor cap: the prices are held until
    the first adjustment and the contract is up for review; not a clause fixing them or
    one about adjusting something else (CUAD's net sales definitions)."""
    from extractors.contracts.indexation import adjusted_by_what_is_not_read

    section = Section("Prisregulering", text, page=3)
    section.kind = "indexation"
    found = adjusted_by_what_is_not_read([section], "da" if "Pris" in text else "en")
    assert (found is not None) is moves
    if found is not None:
        assert (found.index, found.cap_pct) == (None, None)

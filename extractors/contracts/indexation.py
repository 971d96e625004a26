"""Reading the price-adjustment clause (prisregulering) into ``IndexationTerms``.

1. cut the text into statements: spaCy's sentences, split again at numbered sub-clauses
   ("4.2", "Stk. 3.", "(b)") that run on without a full stop; a heading is a statement;
2. find the clause: every statement naming an index ("nettoprisindekset", "ILON 12",
   "the consumer price index") in words of adjustment is an anchor, and the clause is
   the run of statements around it that speak of adjusting or fixing prices (one
   unrelated statement may sit inside the run); an index named only as a defined term
   ("the Index") is looked up in its definition;
3. read each statement's facts by the words right around each number
   (``indexation_facts``, ``indexation_timing``), the first value of each field in the
   clause's order winning; a fixed period, cap or notice the clause leaves out may come
   from another statement about the prices themselves ("Priserne er faste de første 12
   måneder" under "Priser"). Service levels, penalties, the term and termination are
   never read, so their numbers cannot be taken for the clause's.

A clause that names no index, that says the prices are fixed for the whole term, or
that names the index only to rule it out gives None: no indexation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.contracts import indexation_facts as facts
from extractors.contracts import indexation_timing as timing
from extractors.contracts.nlp import analyse
from extractors.contracts.patterns import MONTH_YEAR_RE, month_number
from extractors.contracts.pdf import PageText
from extractors.contracts.sections import Section
from extractors.types import Evidence, IndexationTerms

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Where a numbered sub-clause starts inside a sentence: "4.2 Herefter", "Stk. 3.",
#: "(b) the", "Section 4.2", and a clause number after a full stop ("... moms. 4 Priser").
_SUBCLAUSE = re.compile(
    r"(?<!Section)(?<!Clause)(?<!Article)(?<!Punkt)(?<!Pkt\.)"
    r"\s+(?=(?:(?:Section|Clause|Article|Punkt|Pkt\.)\s+)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s+"
    r"[A-ZÆØÅ\"“«»(])"
    r"|\s+(?=Stk\.\s*\d+\.?\s)"
    r"|\s+(?=\((?:[a-h]|i{1,3}|iv|v|vi)\)\s+[A-ZÆØÅa-zæøå])|\s+(?=\(\d{1,2}\)\s+[A-ZÆØÅ])"
    r"|(?<=[.;:])\s+(?=\d{1,2}\.?\s+[A-ZÆØÅ][a-zæøåA-ZÆØÅ]+)"
    r"|(?<=[.;:])\s+(?=(?:ARTICLE|Article|Section|Clause)\s+[\dIVXL]+\b)"
)
#: A statement that is only a clause number ("Stk. 2.", "4.2", "(b)"): not a statement.
_MARKER_ONLY = re.compile(
    r"^(?:Stk\.\s*\d+|§\s*\d+|\d{1,2}(?:\.\d{1,2})*|\([a-z\d]{1,4}\)|Section|Clause|Article|"
    r"Punkt|Pkt)\.?$",
    re.I,
)
_FREQUENCY = ((re.compile(r"halvårlig|hvert halve år|to gange (?:årligt|om året)|twice (?:a|per) "
                          r"year|semi-?annual|every six months",
                          re.I), 6),
              (re.compile(r"kvartal|quarter", re.I), 3))  # fmt: skip
_FOLLOWS = re.compile(r"udvikling|ændring|change|movement|følge|follow|i takt med|in line with",
                      re.I)  # fmt: skip
#: The prices as the subject of a statement ("Priserne", "Vederlaget", "The Charges").
_PRICE_NOUN = re.compile(
    r"\b(?:\w*priserne|\w*prisen|\w*vederlaget|vederlagene|the\s+(?:prices|charges|fees|rates)|"
    r"prices|charges|fees|prisændring\w*|prisstigning\w*|prisregulering\w*|"
    r"price\s+(?:adjustments?|increases?|changes?))\b",
    re.I,
)
#: Amounts other than the prices that contracts index too: the liability cap, penalties,
#: insurance sums, guarantees ("Beløbet reguleres årligt efter nettoprisindekset").
_OTHER_AMOUNT = re.compile(
    r"erstatning\w*|\bansvar\w*|\bbod\w*|\bdagbod\w*|forsikring\w*|garanti\w*|"
    r"sikkerhedsstillelse\w*|beløbsgrænse\w*|\bliabilit\w*|\bpenalt\w*|liquidated|insur\w*|"
    r"\bguarantee\w*|\bindemnit\w*",
    re.I,
)
#: A statement speaking of an amount named before it ("Beløbet reguleres ...").
_THAT_AMOUNT = re.compile(r"\bbeløb\w*|\bgrænse\w*|\b(?:the|this|such|that)\s+(?:amount|sum|cap)s?\b",
                          re.I)  # fmt: skip
_INDEX_TERM = re.compile(r"\b(?:indekset|the\s+index)\b", re.I)
_DEFINED_INDEX = re.compile(
    r"[»\"“'‘]\s*(?:indeks(?:et)?|index|reguleringsindeks(?:et)?)\s*[«\"”'’]"
    r"|\b(?:the\s+)?index\s+(?:shall\s+)?means?\b",
    re.I,
)
_BASE_WORDS = re.compile(r"basis|base|udgangspunkt", re.I)
_BEFORE, _AFTER = 4, 8  # how far a clause reaches from the statement naming its index


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence or numbered sub-clause, with the page it is on."""

    text: str
    page: int | None


def read_indexation(section: Section, language: str) -> IndexationTerms | None:
    """The indexation terms the clause ``section`` states, or None."""
    return read_statements(_section_statements(section, language), language)


def find_indexation(
    sections: list[Section], language: str, appendix: list[PageText] | None = None
) -> IndexationTerms | None:
    """The indexation clause read wherever it stands: in the body's clauses whatever
    they were classified as, or in the price appendix ("Priserne reguleres årligt ...")."""
    statements = [s for section in sections for s in _section_statements(section, language)]
    statements += _appendix_statements(appendix or [], language)
    return read_statements(statements, language)


def read_statements(statements: list[Statement], language: str) -> IndexationTerms | None:
    """The indexation terms of the clause among ``statements`` (in document order); the
    fixed period, cap and notice it leaves out may be stated in another clause about the
    prices ("3.2 Priserne er faste de første 12 måneder" under "Priser")."""
    clause = _clause(statements, _anchor) or _clause(statements, _anchor_by_defined_term)
    if not clause:
        return _capped_without_index(statements)
    texts = [s.text for s in clause]
    if any(facts.prices_fixed_for_the_term(t) for t in texts):
        return None
    named = [name for t in texts if not facts.adjustment_denied(t)
             for _, name in facts.index_names(t)]  # fmt: skip
    mixed = next((m for t in texts if (m := facts.composite_index(t))), None)
    index = mixed or facts.best_index(named) or _defined_index(statements)
    if index is None:
        return None
    evidence = Evidence(text=" ".join(texts), page=clause[0].page)
    terms = IndexationTerms(index=index, evidence=evidence)
    for text in texts:
        _read_statement(terms, text)
    inside = {id(s) for s in clause}
    for statement in statements:
        if id(statement) not in inside and _about_prices(statement.text):
            _fill_from(terms, statement.text)
    return terms


def adjusted_by_what_is_not_read(sections: list[Section], language: str) -> IndexationTerms | None:
    """A price-adjustment clause that lets the prices move by neither an index nor a cap
    read ("Priserne kan reguleres én gang årligt efter forhandling mellem parterne"):
    its timing (fixed period, month, frequency), no index and no cap, so the rules hold
    the agreed prices until the first adjustment may take effect and bound none after
    it. None when no clause classified as price adjustment lets the prices move (it
    fixes them, denies an adjustment, or is about something else)."""
    for section in sections:
        if section.kind != "indexation":
            continue
        statements = _section_statements(section, language)
        moving = [
            s for s in statements
            if s.text.strip() != (section.heading or "").strip() and len(s.text.split()) >= 3
            and _about_prices(s.text) and _PRICES_MOVE.search(s.text)
            and not facts.adjustment_denied(s.text) and not facts.prices_fixed_for_the_term(s.text)
        ]  # fmt: skip
        if not moving:
            continue
        text = " ".join(s.text for s in moving)
        terms = IndexationTerms(index=None, evidence=Evidence(text=text, page=moving[0].page))
        for statement in statements:
            _read_statement(terms, statement.text)
        return terms
    return None


#: the prices themselves moving: "Priserne kan reguleres", "regulere priserne", "Prices may
#: be adjusted", "increase the fees" (not an adjustment of something else in a sentence
#: that names a price: "credits, allowances and adjustments ... at the price")
_PRICES_MOVE = re.compile(
    # the prices, then a verb moving them: "Priserne kan reguleres", "prices may be adjusted"
    r"\b(?:pris(?:en|erne|er)?|enhedspris\w*|timepris\w*|vederlag(?:et)?|prices?|rates?|fees?|"
    r"charges?)\b[^.;:]{0,50}?\b(?:reguleres|justeres|forhøjes|hæves|ændres|stiger|"
    r"(?:be|been|is|are)\s+(?:\w+\s+)?(?:adjusted|increased|revised|indexed|changed|escalated))\b"
    # a verb moving the prices: "regulere priserne", "increase its prices"
    r"|\b(?:regulere|justere|forhøje|hæve|ændre|adjust|increase|revise|change)\s+(?:\w+\s+){0,3}?"
    r"(?:pris(?:en|erne|er)?|prices?|rates?|fees?|charges?)\b",
    re.IGNORECASE,
)


def _capped_without_index(statements: list[Statement]) -> IndexationTerms | None:
    """A clause that caps the adjustment of the prices without naming an index ("Prices
    may be indexed annually ...; any increase shall not exceed 2 per cent", "Priserne kan
    reguleres én gang årligt, dog højst med 3 %"): its cap, with no index (the rules then
    allow the cap a year, ``rules.indexation``); None when no such statement caps one."""
    for statement in statements:
        text = statement.text
        if not _about_prices(text) or facts.prices_fixed_for_the_term(text):
            continue
        if facts.adjustment_denied(text) or not facts.ADJUST_WORDS.search(text):
            continue
        cap = facts.caps_and_thresholds(text)[0]
        if cap is None:
            continue
        terms = IndexationTerms(index=None, evidence=Evidence(text=text, page=statement.page))
        _read_statement(terms, text)
        return terms
    return None


def _read_statement(terms: IndexationTerms, text: str) -> None:
    _fill_from(terms, text)
    if terms.threshold_pct is None:
        terms.threshold_pct = facts.caps_and_thresholds(text)[1]
    if terms.adjust_month is None and (facts.ADJUST_WORDS.search(text) or facts.mentions_index(
            text)):  # fmt: skip
        terms.adjust_month = timing.adjust_month(text)
    for pattern, months in _FREQUENCY:
        if pattern.search(text):
            terms.frequency_months = months
    window = _WINDOW.search(text)
    if terms.window_months is None and window is not None:
        count = next((g for g in window.groups() if g), "12")
        terms.window_months = 12 if not count.isdigit() else int(count)
    if terms.base_month is None and _BASE_WORDS.search(text):
        month_year = MONTH_YEAR_RE.search(text)
        base = month_number(month_year.group(1)) if month_year else None
        if month_year and base:
            terms.base_month = f"{month_year.group(2)}-{base:02d}"


#: the index measured over the months before each adjustment, not since the last one:
#: "for de seneste 12 måneder", "over the preceding twelve (12) months", "år til år"
_WINDOW = re.compile(
    r"\b(?:seneste|forudgående|foregående|sidste)\s+(?:(\d{1,2})|tolv)\s+måneder|"
    r"\b(?:last|preceding|previous|prior)\s+(?:twelve\s+\((\d{1,2})\)|(\d{1,2})|twelve)\s+months|"
    r"\bår\s+til\s+år\b|\byear[\s-]+on[\s-]+year\b|\b12[\s-]+måneders\s+(?:udvikling|stigning|ændring)",
    re.IGNORECASE,
)


def _fill_from(terms: IndexationTerms, text: str) -> None:
    """The cap, notice and fixed period ``text`` states, where still unknown."""
    cap = facts.caps_and_thresholds(text)[0]
    terms.cap_pct = terms.cap_pct if terms.cap_pct is not None else cap
    notice, fixed = timing.notice_and_fixed(text)
    terms.notice_days = terms.notice_days if terms.notice_days is not None else notice
    terms.fixed_months = terms.fixed_months if terms.fixed_months is not None else fixed


def _about_prices(text: str) -> bool:
    """A statement about adjusting or fixing the prices themselves ("Priserne er faste de
    første 12 måneder", "Prisændringer varsles med 3 måneders varsel")."""
    return bool(
        len(text) < 400  # not a price table read as one run of text
        and _PRICE_NOUN.search(text)
        and (facts.ADJUST_WORDS.search(text) or facts.FIXED_WORDS.search(text))
        and not timing.OTHER_CLAUSE.search(text)
    )


def _defined_index(statements: list[Statement]) -> str | None:
    """The index a defined term stands for ("»Indekset«: Danmarks Statistiks
    nettoprisindeks", '"Index" means the consumer price index')."""
    for statement in statements:
        if _DEFINED_INDEX.search(statement.text):
            index = facts.best_index([n for _, n in facts.index_names(statement.text)])
            if index is not None:
                return index
    return None


# --------------------------------------------------------------- the clause


def _clause(statements: list[Statement], anchor: Callable[[str, str], bool]) -> list[Statement]:
    """The statements of the indexation clause: the runs around each ``anchor`` statement
    (one naming an index in a context of price adjustment), merged, in document order."""
    chosen: set[int] = set()
    for i, statement in enumerate(statements):
        previous = statements[i - 1].text if i else ""
        if i in chosen or not anchor(statement.text, previous):
            continue
        chosen.add(i)
        for j in range(i - 1, max(-1, i - 1 - _BEFORE), -1):
            if not _relevant(statements[j].text, before_anchor=True):
                break
            chosen.add(j)
        gap = False
        for j in range(i + 1, min(len(statements), i + 1 + _AFTER)):
            if _relevant(statements[j].text):
                chosen.add(j)
                gap = False
            elif gap or j + 1 >= len(statements) or not _relevant(statements[j + 1].text):
                break
            else:
                gap = True
    return [statements[i] for i in sorted(chosen)]


def _anchor(text: str, previous: str = "") -> bool:
    """A statement naming an index that the prices follow (not one that indexes the
    liability cap or a penalty: "Ansvaret er begrænset til kr. 5.000.000. Beløbet
    reguleres årligt efter nettoprisindekset")."""
    return (
        bool(facts.index_names(text))
        and (
            facts.ADJUST_WORDS.search(text) is not None
            or facts.FIXED_WORDS.search(text) is not None
            or _FOLLOWS.search(text) is not None
        )
        and not _indexes_another_amount(text, previous)
    )


def _anchor_by_defined_term(text: str, previous: str = "") -> bool:
    """A statement adjusting prices by an index defined elsewhere ("reguleres årligt med
    Indekset", "adjusted by the change in the Index")."""
    return bool(
        _INDEX_TERM.search(text)
        and facts.ADJUST_WORDS.search(text)
        and not facts.adjustment_denied(text)
        and not _indexes_another_amount(text, previous)
    )


def _indexes_another_amount(text: str, previous: str) -> bool:
    if _PRICE_NOUN.search(text):
        return False
    return bool(
        _OTHER_AMOUNT.search(text) or (_THAT_AMOUNT.search(text) and _OTHER_AMOUNT.search(previous))
    )


def _relevant(text: str, *, before_anchor: bool = False) -> bool:
    """Whether a statement speaks of adjusting or fixing prices, of the index, or (after
    the statement naming the index) of a notice that is not a termination's ("Notice of at
    least 90 days is required")."""
    return bool(
        facts.ADJUST_WORDS.search(text)
        or facts.FIXED_WORDS.search(text)
        or facts.mentions_index(text)
        or (
            not before_anchor
            and timing.NOTICE_WORD.search(text)
            and not timing.OTHER_CLAUSE.search(text)
        )
    )


# ------------------------------------------------------------ statements


def _section_statements(section: Section, language: str) -> list[Statement]:
    doc = section.doc if section.doc is not None else analyse(section.text, language)
    heading = [Statement(section.heading, section.page)] if section.heading else []
    return heading + _statements(doc, section.page)


def _appendix_statements(pages: list[PageText], language: str) -> list[Statement]:
    """Statements of the appendix pages that name an index, and of the pages either side
    (a clause may run over a page break); the other pages are not analysed."""
    naming = [i for i, page in enumerate(pages) if facts.mentions_index(page.text)]
    wanted = sorted({j for i in naming for j in (i - 1, i, i + 1) if 0 <= j < len(pages)})
    runs: list[list[PageText]] = []
    for i in wanted:
        if runs and i - 1 in wanted:
            runs[-1].append(pages[i])
        else:
            runs.append([pages[i]])
    return [s for run in runs for s in _run_statements(run, language)]


def _run_statements(pages: list[PageText], language: str) -> list[Statement]:
    """The statements of consecutive pages read as one text, each with its first page."""
    text, starts = "", []
    for page in pages:
        starts.append((len(text), page.number))
        text += page.text + "\n"
    found = []
    for statement in _statements(analyse(text, language), None):
        at = max(text.find(statement.text), 0)
        number = next(n for start, n in reversed(starts) if start <= at)
        found.append(Statement(statement.text, number))
    return found


def _statements(doc: Doc, page: int | None) -> list[Statement]:
    found = []
    for sentence in doc.sents:
        carried = ""
        for part in _SUBCLAUSE.split(sentence.text):
            part = f"{carried} {part.strip()}".strip()
            if _OPEN_ENDED.search(part):
                carried = part  # "the lower of (i) ... and (ii) 2 %": one statement
                continue
            carried = ""
            if part and not _MARKER_ONLY.match(part):
                found.append(Statement(part, page))
        if carried and not _MARKER_ONLY.match(carried):
            found.append(Statement(carried, page))
    return found


#: a part of a sentence that runs on into the items it lists ("by the lower of",
#: "det laveste af", "between"): read with them
_OPEN_ENDED = re.compile(r"\b(?:of|af|between|mellem|and|og|or|eller)$", re.I)

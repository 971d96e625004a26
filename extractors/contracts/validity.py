"""The contract's own dates, read from the whole document: the date it was made, the day
it takes effect and the last day of its (initial) term.

Each date's role comes from its sentence (``dates.date_mentions``); the dates that count
stand in sentences about this contract and its term ("This Agreement shall commence on
...", "Kontrakten træder i kraft den ..."), or are named by a defined term
(``(the "Effective Date")``, ``"Expiration Date" means ...``). In order of preference:

- agreement date: the date the preamble says the contract was made or dated ("made
  this 1st day of May, 2006", "dated as of ...", "indgået den ...");
- effective date: a date defined as the Effective/Commencement Date; else a start date
  of the term; else, for a contract "effective as of the date of the last signature",
  the latest signature date (None when no signature is dated); else the agreement date;
- expiry date: a date defined as the Expiration/Termination Date; else an end date of
  the term ("shall expire on", "until", "til og med"); else the N-th anniversary of
  the effective date; else a term stated as a duration ("for a period of five (5)
  years", "løber i 48 måneder") counted from the effective date (or from the start
  date its sentence names). A term counted from an event whose date the contract does
  not state ("two years following the Launch Date") gives no expiry.

Convention: a term of N years (or months) from a start date, or one that ends at the
N-th anniversary, ends the day before the anniversary: 2026-02-01 + 4 years ->
2030-01-31. A placeholder where the date belongs ("[dato]", "March ___, 1999") gives
None, never another date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from extractors.contracts.dates import (
    ANNIVERSARY_RE,
    DateMention,
    Duration,
    anniversary_years,
    date_mentions,
    durations,
)

Basis = Literal["stated", "term", "anniversary"]

#: The sentence speaks of this contract or its term.
_SUBJECT = re.compile(
    r"\b(?:this|the|such)\s+(?:[\w-]+\s+){0,4}(?:agreement|contract|amendment)\b"
    r"(?!\s+(?:year|quarter|month|manager|price|value|sum|number|no\b|reference))|\bhereof\b|"
    r"\b(?:initial\s+)?term\b|\bcontract\s+period\b|\b\w*kontrakt\w*|\b\w*aftale\w*|\bløbetid\w*|"
    r"\bkontraktperiode\w*|\bvarighed\w*",
    re.IGNORECASE,
)
#: A definition of another term: "“Processing Year 1” means the period commencing ...".
_DEFINITION = re.compile(r"^\W{0,3}(?:[\d.]+\s*)?[\"“](?P<term>[^\"”]{2,50})[\"”]\s*(?:shall\s+)?"
                         r"(?:means?|has the meaning|er|betyder)\b", re.IGNORECASE)  # fmt: skip
_TERM_NAMES = re.compile(r"term|period|expiration|expiry|termination date|effective date|"
                         r"commencement|kontraktperiode|løbetid", re.IGNORECASE)  # fmt: skip
#: An optional right to end the contract, not the end of its term.
_OPTIONAL_END = re.compile(r"\b(?:may|can|right\s+to|entitled\s+to|kan|er\s+berettiget)[\s,]+"
                           r"(?:[\w-]+[\s,]+){0,5}(?:terminat|cancel|opsig|ophæv)", re.IGNORECASE)  # fmt: skip
_NOT_A_TERM_BEFORE = re.compile(
    r"(?:within|upon|giving|give|given|with|not\s+less\s+than|no\s+later\s+than|"
    r"prior|inden|senest|med|additional|successive|renewal|renew\w*|extend\w*|extension|further|"
    r"another|each|subsequent|yderligere|forlæng\w*|option\w*|up\s+to|maximum|op\s+til|"
    r"minimum|than|over|last|first|every|per|hver|efter|after)"
    r"(?:\s+(?:a|an|the)\s+(?:further\s+)?(?:period|term)\s+of)?\W*$"
    r"|\bterm\b[^.;]{0,40}\band\s+(?:for\s+)?(?:a\s+(?:further\s+)?period\s+of\s+)?$",
    re.IGNORECASE,
)
_SURVIVAL = re.compile(r"\bsurviv\w*|termination\s+of\s+this\s+agreement\s+is\s+followed",
                       re.IGNORECASE)  # fmt: skip
#: Words about what happens after the contract ends: no term counted after them.
_AFTER_THE_END = re.compile(
    r"\bsurviv\w*|\b(?:after|following|upon)\s+(?:the\s+)?(?:termination|expiration|expiry)\b|"
    r"\btermination\s+of\s+this\s+agreement\s+is\s+followed|efter\s+(?:kontraktens\s+)?ophør",
    re.IGNORECASE,
)
_NOT_A_TERM_AFTER = re.compile(
    r"^\W*(?:(?:'|’)s?\s*)?(?:prior|notice|before|in\s+advance|written|advance|varsel|"
    r"(?:after|following|efter)\s+(?:the\s+|such\s+)?(?:termination|expiration|expiry|ophør|"
    r"udløb|end)|ad\s+gangen|each|renewal|periods|intervals)",
    re.IGNORECASE,
)
_NOT_A_TERM_SENTENCE = re.compile(r"surviv|warrant|garanti|confidential|fortrolig|retain|"
                                  r"records|audit|royalt|payment|betaling|invoice|faktur",
                                  re.IGNORECASE)  # fmt: skip
_TERM_WORDS = re.compile(
    r"\bterm\b|\bperiod\b|remain|continue|in\s+(?:full\s+)?(?:force|effect)|\bvalid\b|"
    r"expire|\bend\b|\bløbe\w*|\bgælde\w*|varighed|periode|i\s+kraft|bindingsperiode|"
    r"uopsigelig|tidsbegrænset",
    re.IGNORECASE,
)
#: What a duration or anniversary is counted from ("from the Effective Date").
_ANCHOR = re.compile(
    r"^\W*(?:from|following|after|of|commencing\s+(?:on|with)?|beginning\s+(?:on|with)?|"
    r"starting\s+(?:on|with)?|regnet\s+fra|fra|efter)\s+(?P<anchor>[^,;.()]{3,70})",
    re.IGNORECASE,
)
_KNOWN_START = re.compile(
    r"effective\s*date|commencement\s+date|start\s+date|ikrafttræd|underskrift|thereof|"
    r"(?:the\s+)?date\s+(?:hereof|of\s+(?:this\s+)?(?:agreement|contract|execution|signature|"
    r"the\s+last\s+signature)|first\s+(?:written|set\s+forth|above))|execution|signing|"
    r"(?:this|the)\s+(?:agreement|contract)|kontraktens|aftalens|start",
    re.IGNORECASE,
)
_AGREEMENT_ANCHOR = re.compile(r"date\s+(?:hereof|of\s+(?:this\s+)?(?:agreement|contract))|"
                               r"execution|signing|hereof", re.IGNORECASE)  # fmt: skip
#: "effective as of the date of the last signature", "upon execution".
_ON_SIGNING = re.compile(
    r"(?:effective|commence\w*|i\s+kraft|ikrafttræd\w*|effective\s+date)\W+(?:\w+\W+){0,12}?"
    r"(?:(?P<last>(?:last|latest|final|sidste)\s+(?:date\s+)?(?:of\s+)?(?:signature|signed|"
    r"execution|underskrift)|date\s+(?:last\s+)?(?:written|signed)\s+below|signature\s+of\s+"
    r"the\s+last|most\s+recent\s+(?:final\s+)?signature|underskrift|underskrivelse)"
    r"|(?P<execution>execution|signing|signature|signed\s+acceptance|acceptance|\bsign(?:s|ed)?\b))",
    re.IGNORECASE,
)
_RENEWAL = re.compile(r"forlæng|option|extend|renew", re.IGNORECASE)
#: A definition of the Effective Date: "“Effective Date” means the Closing Date ...".
_EFFECTIVE_DEFINED = re.compile(
    r"^\W{0,3}(?:[\d.]+\s*)?[\"“]?(?:effective|commencement)\s*date[\"”]?\s+(?:shall\s+)?"
    r"(?:mean|means|is|shall\s+be)\b",
    re.IGNORECASE,
)
_DATE_ABOVE = re.compile(r"date\s+(?:first\s+)?(?:written|set\s+(?:forth|out))\s+above|date\s+hereof|"
                         r"date\s+of\s+this\s+agreement", re.IGNORECASE)  # fmt: skip
_RENEWAL_BEFORE = re.compile(r"renew\w*|extend\w*|extension|forlæng\w*|option\w*", re.IGNORECASE)
#: A defined term naming the period that ends at the date: '... 2006 (the "Term")'.
_TERM_DEFINED_AFTER = re.compile(r"^\s*,?\s*\(\s*(?:the\s+)?[\"“”']?\s*(?:initial\s+)?term\b",
                                 re.IGNORECASE)  # fmt: skip
#: Words that govern a duration as the contract's term: "for a period of", "løber i".
_TERM_LENGTH_BEFORE = re.compile(
    r"(?:\bterm|\bperiod|\bperiode)\s+(?:of|på)\s+$|(?:continue|remain\s+in\s+(?:full\s+)?"
    r"(?:force\s+and\s+)?effect|be\s+in\s+effect|\brun|expire|løber|gælder|varer)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:for|i)\s+(?:a\s+|an\s+)?(?:(?:initial\s+)?(?:term|period)\s+of\s+)?$|"
    r"\bterm\b[^.;]{0,40}\b(?:shall|will)\s+be\s+(?:for\s+)?(?:a\s+period\s+of\s+)?$|"
    r"initial\s+(?:term|period)\s+of\s+$|\bfor\s+a\s+term\s+of\s+$",
    re.IGNORECASE,
)
#: A verb that makes the following duration the contract's own length.
_RUNS_FOR = re.compile(r"(?:continue|remain\s+in\s+(?:full\s+)?(?:force\s+and\s+)?effect|"
                       r"be\s+in\s+effect|\brun|løber|gælder)\s+(?:\w+\s+){0,3}?(?:for|i)\s+$",
                       re.IGNORECASE)  # fmt: skip
#: Words that make a sentence plainly about this contract's own term.
_STRONG_TERM = re.compile(
    r"\b(?:initial\s+)?term\s+of\s+(?:this|the)\s+(?:[\w-]+\s+){0,3}(?:agreement|contract)|"
    r"\bthe\s+(?:initial\s+)?term\b|\binitial\s+(?:term|period)\b|\bcontract\s+period\b|"
    r"\b(?:this|the)\s+(?:[\w-]+\s+){0,3}(?:agreement|contract)\s+(?:\([a-z0-9]{1,3}\)\s+)?"
    r"(?:shall|will|is\s+to)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:continue|remain|expire|terminate|end|be\s+in\s+effect|take\s+effect|"
    r"be\s+effective|commence|begin|run|have\s+(?:a|an)\s+(?:initial\s+)?term)|"
    r"\b(?:kontrakten|aftalen|rammeaftalen)\s+(?:\w+\s+){0,2}(?:løber|gælder|udløber|ophører|"
    r"træder|har\s+virkning)|\bkontraktperiode\w*|\baftaleperiode\w*|\bløbetid\w*",
    re.IGNORECASE,
)
#: The sentence introducing the contract: it names it and says it is made or dated.
_INTRODUCES = re.compile(
    r"(?:agreement|contract|kontrakt\w*|aftale\w*|amendment)\b[^.]{0,250}?(?:\bmade\b|"
    r"entered\s+into|\bdated\b|\bexecuted\b|indgået|\bbetween\b|\bmellem\b|\beffective\b)|"
    r"\b(?:made|entered\s+into|dated|indgået)\b[^.]{0,250}?(?:agreement|contract|kontrakt|aftale)",
    re.IGNORECASE,
)
_PERPETUAL = re.compile(
    r"until\s+terminated|perpetu|indefinite|tidsubegrænset|indtil\s+(?:den\s+)?(?:opsiges|ophører)|"
    r"until\s+(?:the\s+)?(?:expiration|expiry|earlier\s+termination|termination)\s+(?:or\s+\w+\s+\w+\s+)?of|"
    r"until\s+(?:\w+\s+){0,3}ceases",
    re.IGNORECASE,
)
_PREAMBLE_SENTENCES = 40


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the contract, where it stands (page, the kind of its clause)."""

    text: str
    page: int | None = None
    kind: str = "other"
    #: Whether it stands in an appendix or exhibit after the body.
    appendix: bool = False
    #: The heading of its clause, for the clause's first sentence ("EFFECTIVE DATE").
    heading: str | None = None

    @property
    def read_as(self) -> str:
        """The text its dates are read in: the heading before the first sentence."""
        return f"{self.heading}: {self.text}" if self.heading else self.text


@dataclass(slots=True)
class TermDates:
    """The contract's dates and where each was read (the sentence)."""

    agreement: date | None = None
    effective: date | None = None
    expiry: date | None = None
    expiry_basis: Basis | None = None
    renewal: str | None = None
    evidence: list[Sentence] = field(default_factory=list)
    signatures: list[date] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Found:
    sentence: Sentence
    index: int
    mentions: list[DateMention]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A reading of one date: how strongly its sentence states it, where it stands."""

    score: float
    index: int
    value: date | None
    sentence: Sentence
    basis: Basis | None = None


def read_term(sentences: list[Sentence], *, month_first: bool = False) -> TermDates:
    """The agreement, effective and expiry dates the sentences state (see the module)."""
    found = [_Found(s, i, date_mentions(s.read_as, month_first=month_first))
             for i, s in enumerate(sentences)]  # fmt: skip
    term = TermDates()
    term.signatures = [m.value for f in found for m in f.mentions
                       if m.role == "signature" and m.value is not None]  # fmt: skip
    term.agreement = _agreement(found)
    effective = _best(_effective_candidates(found, term))
    if effective is not None:
        term.effective = effective.value
        term.evidence.append(effective.sentence)
    else:
        term.effective = term.agreement
    expiry = _best(_expiry_candidates(found, term))
    if expiry is not None and expiry.value is not None:
        term.expiry, term.expiry_basis = expiry.value, expiry.basis
        term.evidence.append(expiry.sentence)
    term.renewal = next((f.sentence.text for f in found if _RENEWAL.search(f.sentence.text)
                         and (f.sentence.kind == "validity" or _is_term_sentence(f.sentence.text))),
                        None)  # fmt: skip
    return term


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate stated most strongly; of equals, one with a date, then the first."""
    return max(candidates, key=lambda c: (c.score, c.value is not None, -c.index), default=None)


def _weight(sentence: Sentence) -> float:
    """How plainly a sentence speaks of this contract's own term."""
    weight = 2.0 if _STRONG_TERM.search(sentence.text) else 0.0
    weight += 1.0 if sentence.kind == "validity" else 0.0
    return weight - (4.0 if sentence.appendix else 0.0)


def _is_term_sentence(text: str) -> bool:
    definition = _DEFINITION.match(text)
    if definition is not None and not _TERM_NAMES.search(definition.group("term")):
        return False
    return _SUBJECT.search(text) is not None


def _agreement(found: list[_Found]) -> date | None:
    """The date of the preamble sentence that introduces the contract ("made this ...",
    "dated as of ...", "effective as of ... by and between"): the first such sentence
    that holds a date; None when it holds a blank ("dated as of [●]")."""
    for f in found[:_PREAMBLE_SENTENCES]:
        if f.sentence.appendix or not _INTRODUCES.search(f.sentence.text):
            continue
        for m in f.mentions:
            if (
                m.defined == "agreement"
                or (m.role in ("agreement", "start", "other") and m.defined != "end")
                or m.cued("agreement")
            ):
                return m.value
    return None


def _effective_candidates(found: list[_Found], term: TermDates) -> list[_Candidate]:
    """A defined Effective/Commencement Date (6); a start date of this contract's term
    (3); the latest signature for a contract effective on signing (2.5); the agreement
    date (2.5, the fallback). Each plus the sentence's weight."""
    candidates = []
    if term.agreement is not None:
        candidates.append(_Candidate(2.5, -1, term.agreement, Sentence("")))
    for f in found:
        weight = _weight(f.sentence)
        term_sentence = _is_term_sentence(f.sentence.text)
        for m in f.mentions:
            if m.defined == "start":
                candidates.append(_Candidate(6 + weight, f.index, m.value, f.sentence))
            elif (
                m.role == "start"
                and term_sentence
                and not m.cued("notice")
                and not _OPTIONAL_END.search(_before(f.sentence.text, m.start, 100))
            ):
                candidates.append(_Candidate(3 + weight, f.index, m.value, f.sentence))
        defined = _EFFECTIVE_DEFINED.match(f.sentence.text)
        if defined is not None and not f.mentions and not _ON_SIGNING.search(f.sentence.text):
            # "Effective Date" means a day the contract does not date ("the Closing Date"),
            # or the date written above
            value = term.agreement if _DATE_ABOVE.search(f.sentence.text) else None
            candidates.append(_Candidate(5 + weight, f.index, value, f.sentence))
        signing = _ON_SIGNING.search(f.sentence.text)
        if signing is not None and term_sentence and not f.mentions:
            value = max(term.signatures) if term.signatures else None
            if value is None and signing.group("execution"):
                value = term.agreement
            candidates.append(_Candidate(2.6 + weight, f.index, value, f.sentence))
    return candidates


def _expiry_candidates(found: list[_Found], term: TermDates) -> list[_Candidate]:
    """A defined Expiration Date (6); an end date of the term (4); an anniversary (3.5);
    a term that runs until terminated (3.5, no date); a duration (3). Each plus the
    sentence's weight."""
    candidates = []
    for f in found:
        weight = _weight(f.sentence)
        text = f.sentence.text
        for m in f.mentions:
            if m.defined == "end":
                candidates.append(_Candidate(6 + weight, f.index, m.value, f.sentence, "stated"))
            elif (
                m.role == "end"
                and m.defined is None
                and _is_term_sentence(text)
                and _SUBJECT.search(_before(f.sentence.read_as, m.start, 150))
                and not _OPTIONAL_END.search(m.context)
                and (m.value is None or term.effective is None or m.value > term.effective)
            ):
                named = 1.0 if _TERM_DEFINED_AFTER.match(text[m.end :]) else 0.0
                candidates.append(
                    _Candidate(5 + weight + named, f.index, m.value, f.sentence, "stated")
                )
        if _is_term_sentence(text) and not _SURVIVAL.search(text):
            candidates += _term_ends(f, term, weight)
    return candidates


def _term_ends(f: _Found, term: TermDates, weight: float) -> list[_Candidate]:
    """The end of a term stated as an anniversary or a duration in ``f`` (the expiry is
    None when counted from an event the contract does not date), or a term that runs
    until terminated."""
    text = f.sentence.text
    if not _TERM_WORDS.search(text):
        return []
    found = []
    for match in ANNIVERSARY_RE.finditer(text):
        years = anniversary_years(match)
        before = _before(text, match.start(), 80)
        if (
            years is None
            or _NOT_A_TERM_BEFORE.search(before)
            or _RENEWAL_BEFORE.search(before)
            or _OPTIONAL_END.search(_before(text, match.start(), 100))
            or _AFTER_THE_END.search(_before(text, match.start(), 120))
        ):
            continue
        base = _base(match.group("anchor") or match.group("thereof"), f, term)
        value = _add(base, 12 * years) if base else None
        score = 3.5 + weight - (0 if value else 1.5)
        found.append(_Candidate(score, f.index, value, f.sentence, "anniversary"))
        break
    for duration in durations(text):
        around = text[max(0, duration.start - 80) : duration.end + 80]
        if (
            not _is_term_length(duration, text)
            or _NOT_A_TERM_SENTENCE.search(around)
            or _OPTIONAL_END.search(_before(text, duration.start, 100))
            or _AFTER_THE_END.search(_before(text, duration.start, 120))
        ):
            continue
        anchor = _ANCHOR.match(text[duration.end :])
        base = _base(anchor.group("anchor") if anchor else None, f, term)
        months = duration.months
        assert months is not None
        value = _add(base, months) if base else None
        governed = _TERM_LENGTH_BEFORE.search(_before(text, duration.start, 60)) is not None
        score = 3 + weight + 1.5 * governed - (0 if value else 1.5)
        found.append(_Candidate(score, f.index, value, f.sentence, "term"))
        break
    perpetual = _PERPETUAL.search(text)
    if not found and perpetual and not _RENEWAL.search(_before(text, perpetual.start(), 60)):
        found.append(_Candidate(4 + weight, f.index, None, f.sentence))
    return found


def _before(text: str, position: int, width: int) -> str:
    """The words before ``position`` in its clause (at most ``width`` characters, not past
    a semicolon: "...; provided that either party may terminate")."""
    window = text[max(0, position - width) : position]
    return window.rsplit(";", 1)[-1]


def _is_term_length(duration: Duration, text: str) -> bool:
    before = _before(text, duration.start, 80)
    at_least = re.search(r"\bat\s+least\s+$", before, re.IGNORECASE)
    if at_least is not None and not _RUNS_FOR.search(before[: at_least.start()]):
        return False  # "for a period of at least 12 months": a condition, not the term
    return (
        duration.months is not None
        and not _NOT_A_TERM_BEFORE.search(_before(text, duration.start, 80))
        and not _RENEWAL_BEFORE.search(text[max(0, duration.start - 60) : duration.start])
        and not _NOT_A_TERM_AFTER.search(text[duration.end : duration.end + 40])
    )


def _base(anchor: str | None, f: _Found, term: TermDates) -> date | None:
    """The date a term is counted from: a start date in its own sentence, the date its
    anchor names (effective or agreement date), or None for an undated event."""
    own = next((m.value for m in f.mentions if m.role == "start" and m.value is not None), None)
    if anchor is None or anchor.strip().lower() in ("thereof", "hereof"):
        return own or term.effective
    if re.match(r"\s*(?:the\s+)?(?:date\s+)?(?:on\s+)?which\b", anchor):
        return own or term.effective
    if _AGREEMENT_ANCHOR.search(anchor) and not re.search(r"effective", anchor, re.I):
        return term.agreement or term.effective
    return term.effective if _KNOWN_START.search(anchor) else None


def _add(start: date, months: int) -> date:
    """The last day of a term of ``months`` from ``start``: the day before the same day
    ``months`` later (2026-02-01 + 48 months -> 2030-01-31)."""
    return add_months(start, months) - timedelta(days=1)


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    day = min(start.day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def is_perpetual(text: str) -> bool:
    """Whether a term sentence says the contract runs until terminated."""
    return _PERPETUAL.search(text) is not None

"""The contract's own dates, read from the whole document: the date it was made, the day
it takes effect and the last day of its (initial) term.

Each date's role comes from its sentence (``dates.date_mentions``). Every reading is a
candidate scored by how plainly its sentence states this contract's term: a defined
term (``(the "Effective Date")``, ``"Expiration Date" means ...``) counts most, then
an end or start date of the term ("shall expire on", "until", "til og med",
"træder i kraft den"), then an anniversary, then a duration; a sentence plainly about
the term ("the term of this Agreement shall ...", "Kontrakten løber ...", a clause
classified as validity) weighs more, one in an appendix or exhibit far less. The best
candidate wins; of equals, one with a date, then the first.

- agreement date: the date of the preamble sentence that introduces the contract
  ("made this 1st day of May, 2006", "dated as of ...", "indgået den ...");
- effective date: the best start candidate; for a contract "effective as of the date
  of the last signature", the latest signature date (None when no signature is
  dated); an Effective Date defined as an undated event ("the Closing Date") is None;
  without any, the agreement date;
- expiry date: the best end candidate; a term that runs until terminated has none; a
  term counted from an event whose date the contract does not state ("two years
  following the Launch Date") gives none. Renewals, survival periods ("for five (5)
  years thereafter"), optional terminations and notice periods are no term.

Convention: a term of N years (or months) from a start date, or one that ends at the
N-th anniversary, ends the day before the anniversary: 2026-02-01 + 4 years ->
2030-01-31 (``expiry_basis`` "term" or "anniversary"; CUAD's annotators mostly wrote the
anniversary itself). A placeholder where the date belongs ("[dato]", "March ___,
1999") gives None, never another date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from extractors.contracts import events
from extractors.contracts import term_words as words
from extractors.contracts.dates import (
    ANNIVERSARY_RE,
    CONTRACT_YEAR_RE,
    DateMention,
    Duration,
    anniversary_years,
    date_mentions,
    durations,
)
from extractors.contracts.patterns import month_number

Basis = Literal["stated", "term", "anniversary"]

_PREAMBLE_SENTENCES = 40
_BLANK = "left blank in the contract"
_ENDS = re.compile(r"terminat|expir|ophør|udløb|\bend", re.IGNORECASE)
_UNDATED = "counted from a date the contract does not state"


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
    #: Why a date the contract speaks of has no value ("effective date left blank").
    notes: list[str] = field(default_factory=list)
    #: Dates inferred rather than read, in words for a reviewer ("effective date: inferred
    #: from the date the contract gives the Go-Live Date").
    uncertain: list[str] = field(default_factory=list)


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
    #: Why the reading has no date, in words for a reviewer.
    why: str | None = None
    #: What a date was inferred from rather than read ("the date the contract gives the
    #: Go-Live Date"): such a date is shown for review, not enforced.
    inferred: str | None = None


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
    for chosen, name in ((effective, "effective date"), (expiry, "expiry date")):
        if chosen is not None and chosen.value is None:
            term.notes.append(f"{name}: {chosen.why or 'not stated'}")
    term.uncertain = _uncertain(effective, expiry)
    term.renewal = next((f.sentence.text for f in found if words.RENEWAL.search(f.sentence.text)
                         and (f.sentence.kind == "validity" or _is_term_sentence(f.sentence))),
                        None)  # fmt: skip
    return term


def _uncertain(effective: _Candidate | None, expiry: _Candidate | None) -> list[str]:
    """The dates inferred rather than read: from the date the contract gives an event
    elsewhere, or counted from such a date."""
    start = effective.inferred if effective is not None and effective.value else None
    end = expiry.inferred if expiry is not None and expiry.value else None
    if end is None and start and expiry is not None and expiry.basis in ("term", "anniversary"):
        end = start
    return [f"{name}: inferred from {source}, to be checked"
            for name, source in (("effective date", start), ("expiry date", end)) if source]  # fmt: skip


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate stated most strongly; of equals, one with a date, then the first."""
    return max(candidates, key=lambda c: (c.score, c.value is not None, -c.index), default=None)


def _weight(sentence: Sentence) -> float:
    """How plainly a sentence speaks of this contract's own term."""
    weight = 2.0 if words.STRONG_TERM.search(sentence.text) else 0.0
    weight += 1.0 if sentence.kind == "validity" else 0.0
    return weight - (4.0 if sentence.appendix else 0.0)


def _is_term_sentence(sentence: Sentence) -> bool:
    """Whether the sentence, read with its clause's heading ("TERM: ..."), speaks of this
    contract or its term (a definition of another term does not)."""
    definition = words.DEFINITION.match(sentence.text)
    if definition is not None and not words.TERM_NAMES.search(definition.group("term")):
        return False
    return words.SUBJECT.search(sentence.read_as) is not None


def _agreement(found: list[_Found]) -> date | None:
    """The date of the preamble sentence that introduces the contract ("made this ...",
    "dated as of ...", "effective as of ... by and between"): the first such sentence
    that holds a date; None when it holds a blank ("dated as of [●]")."""
    for f in found[:_PREAMBLE_SENTENCES]:
        if f.sentence.appendix or not words.INTRODUCES.search(f.sentence.text):
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
        term_sentence = _is_term_sentence(f.sentence)
        for m in f.mentions:
            if m.defined == "start":
                candidates.append(_Candidate(6 + weight, f.index, m.value, f.sentence, why=_BLANK))
            elif (
                m.role == "start"
                and term_sentence
                and not m.cued("notice")
                and not words.OPTIONAL_END.search(_before(f.sentence.read_as, m.start, 100))
            ):
                candidates.append(_Candidate(3 + weight, f.index, m.value, f.sentence))
        defined = words.EFFECTIVE_DEFINED.match(f.sentence.text)
        if defined is not None and not f.mentions and not words.ON_SIGNING.search(f.sentence.text):
            # "Effective Date" means a day the contract dates elsewhere or not at all ("the
            # Closing Date"), or the date written above
            event = words.EVENT.match(f.sentence.text, defined.end())
            value = term.agreement if words.DATE_ABOVE.search(f.sentence.text) else None
            inferred = None
            if value is None and event is not None:
                value = events.event_date(_dated(found), event.group("event"))
                inferred = _given(event.group("event")) if value else None
            why = "an event the contract does not date"
            candidates.append(
                _Candidate(5 + weight, f.index, value, f.sentence, why=why, inferred=inferred)
            )
        elif term_sentence and not f.mentions:
            candidates += _starts_on_event(f, found, weight)
        signing = words.ON_SIGNING.search(f.sentence.text)
        if (
            signing is not None
            and term_sentence
            and not f.mentions
            and not words.OTHER_DOCUMENT_EFFECTIVE.search(f.sentence.text, 0, signing.end())
        ):
            value = max(term.signatures) if term.signatures else None
            if value is None and signing.group("execution"):
                value = term.agreement
            if value is not None and words.DAY_AFTER.search(f.sentence.text, 0, signing.end()):
                value += timedelta(days=1)  # "on the day after the date of last signature"
            why = "on signature, but no signature is dated"
            candidates.append(_Candidate(2.6 + weight, f.index, value, f.sentence, why=why))
    return candidates


def _dated(found: list[_Found]) -> list[tuple[str, DateMention]]:
    return [(f.sentence.read_as, m) for f in found for m in f.mentions]


def _starts_on_event(f: _Found, found: list[_Found], weight: float) -> list[_Candidate]:
    """A term that starts on a named event ("the start of the Term will be from the Launch
    Date"): the date the contract gives that event elsewhere, or None (3)."""
    text = f.sentence.text
    event = words.START_ON_EVENT.search(text)
    if (
        event is None
        or words.KNOWN_START.search(event.group("event"))
        or _ENDS.search(text, max(0, event.start() - 30), event.start("event"))
        or _ENDS.search(event.group("event"))
    ):
        return []  # "shall terminate effective as of the Termination Date"
    value = events.event_date(_dated(found), event.group("event"))
    why = "an event the contract does not date"
    inferred = _given(event.group("event")) if value else None
    return [_Candidate(3 + weight, f.index, value, f.sentence, why=why, inferred=inferred)]


def _given(event: str) -> str:
    return f"the date the contract gives the {event}"


def _expiry_candidates(found: list[_Found], term: TermDates) -> list[_Candidate]:
    """A defined Expiration Date (6); an end date of the term (4); an anniversary (3.5);
    a term that runs until terminated (3.5, no date); a duration (3). Each plus the
    sentence's weight."""
    candidates = []
    for f in found:
        weight = _weight(f.sentence)
        text = f.sentence.read_as  # the mentions' offsets are in it
        for m in f.mentions:
            if m.defined == "end":
                candidates.append(
                    _Candidate(6 + weight, f.index, m.value, f.sentence, "stated", _BLANK)
                )
            elif (
                m.role == "end"
                and m.defined is None
                and _is_term_sentence(f.sentence)
                and words.SUBJECT.search(_before(text, m.start, 150))
                and not words.OPTIONAL_END.search(m.context)
                and (m.value is None or term.effective is None or m.value > term.effective)
            ):
                named = 1.0 if words.TERM_DEFINED_AFTER.match(text[m.end :]) else 0.0
                candidates.append(
                    _Candidate(5 + weight + named, f.index, m.value, f.sentence, "stated", _BLANK)
                )
        if _is_term_sentence(f.sentence) and not words.SURVIVAL.search(text):
            candidates += _term_ends(f, found, term, weight)
    return candidates


def _term_ends(f: _Found, found: list[_Found], term: TermDates, weight: float) -> list[_Candidate]:
    """The end of a term stated as an anniversary or a duration in ``f`` (the expiry is
    None when counted from an event the contract does not date), or a term that runs
    until terminated."""
    text = f.sentence.read_as
    if not words.TERM_WORDS.search(text):
        return []
    ends: list[_Candidate] = []
    for match in (*ANNIVERSARY_RE.finditer(text), *CONTRACT_YEAR_RE.finditer(text)):
        years = anniversary_years(match)
        before = _before(text, match.start(), 80)
        if (
            years is None
            or words.NOT_A_TERM_BEFORE.search(before)
            or words.RENEWAL_BEFORE.search(before)
            or words.OPTIONAL_END.search(_before(text, match.start(), 100))
            or words.AFTER_THE_END.search(_before(text, match.start(), 120))
        ):
            continue
        anchor = _counted_from(match, found)
        base = _base(anchor, f, found, term)
        value = _add(base, 12 * years) if base else None
        score = 3.5 + weight - (0 if value else 1.5)
        inferred = _event_anchor(anchor) if value else None
        ends.append(
            _Candidate(score, f.index, value, f.sentence, "anniversary", _UNDATED, inferred)
        )
        break
    for duration in durations(text):
        around = text[max(0, duration.start - 80) : duration.end + 80]
        if (
            not _is_term_length(duration, text)
            or words.NOT_A_TERM_SENTENCE.search(around)
            or words.OPTIONAL_END.search(_before(text, duration.start, 100))
            or words.AFTER_THE_END.search(_before(text, duration.start, 120))
        ):
            continue
        anchor = words.ANCHOR.match(text[duration.end :])
        counted_from = anchor.group("anchor") if anchor else None
        base = _base(counted_from, f, found, term)
        months = duration.months
        assert months is not None
        value = _add(base, months) if base else None
        governed = words.TERM_LENGTH_BEFORE.search(_before(text, duration.start, 60)) is not None
        score = 3 + weight + 1.5 * governed - (0 if value else 1.5)
        inferred = _event_anchor(counted_from) if value else None
        ends.append(_Candidate(score, f.index, value, f.sentence, "term", _UNDATED, inferred))
        break
    perpetual = words.PERPETUAL.search(text)
    if not ends and perpetual and not words.RENEWAL.search(_before(text, perpetual.start(), 60)):
        ends.append(_Candidate(4 + weight, f.index, None, f.sentence, why="runs until terminated"))
    return ends


def _counted_from(match: re.Match[str], found: list[_Found]) -> str | None:
    """What an anniversary is counted from ("of the Effective Date"), or a contract year
    (its definition: "... beginning on the Effective Date"); None when not stated."""
    if match.re is CONTRACT_YEAR_RE:
        start = events.year_start((f.sentence.read_as for f in found), match.group("year"))
        return start or "an undefined contract year"
    return match.group("anchor") or match.group("thereof")


def _before(text: str, position: int, width: int) -> str:
    """The words before ``position`` in its clause (at most ``width`` characters, not past
    a semicolon: "...; provided that either party may terminate")."""
    window = text[max(0, position - width) : position]
    return window.rsplit(";", 1)[-1]


def _is_term_length(duration: Duration, text: str) -> bool:
    before = _before(text, duration.start, 80)
    at_least = re.search(r"\bat\s+least\s+$", before, re.IGNORECASE)
    if at_least is not None and not words.RUNS_FOR.search(before[: at_least.start()]):
        return False  # "for a period of at least 12 months": a condition, not the term
    return (
        duration.months is not None
        and not words.NOT_A_TERM_BEFORE.search(_before(text, duration.start, 80))
        and not words.RENEWAL_BEFORE.search(text[max(0, duration.start - 60) : duration.start])
        and not words.NOT_A_TERM_AFTER.search(text[duration.end : duration.end + 40])
    )


def _base(anchor: str | None, f: _Found, found: list[_Found], term: TermDates) -> date | None:
    """The date a term is counted from: a start date in its own sentence, the date its
    anchor names (effective or agreement date, or an event the contract dates elsewhere),
    or None for an undated event."""
    own = next((m.value for m in f.mentions if m.role == "start" and m.value is not None), None)
    if anchor is None or anchor.strip().lower() in ("thereof", "hereof"):
        return own or term.effective
    if own is not None and _starts_with_date(anchor):
        return own  # "i 2 år fra den 1. maj 2022", "for 3 years from March 3, 2010"
    if re.match(r"\s*(?:the\s+)?(?:date\s+)?(?:on\s+)?which\b", anchor):
        return own or term.effective
    if words.AGREEMENT_ANCHOR.search(anchor) and not re.search(r"effective", anchor, re.I):
        return term.agreement or term.effective
    if words.KNOWN_START.search(anchor):
        return term.effective
    event = words.EVENT.match(anchor)
    return events.event_date(_dated(found), event.group("event")) if event else None


def _event_anchor(anchor: str | None) -> str | None:
    """For an anchor that names an event (not the contract's own start), whose date
    the contract gives elsewhere: where that date comes from."""
    if anchor is None or words.KNOWN_START.search(anchor) or _starts_with_date(anchor):
        return None
    event = words.EVENT.match(anchor)
    return _given(event.group("event")) if event else None


def _starts_with_date(anchor: str) -> bool:
    """Whether an anchor is a date as written ("den 1. maj 2022", "March 3, 2010")."""
    first = re.match(r"\s*(?:den\s+|the\s+)?(?P<word>\d|[^\W\d]+\s+\d)", anchor)
    return first is not None and (
        first.group("word")[0].isdigit() or month_number(first.group("word").split()[0]) is not None
    )


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

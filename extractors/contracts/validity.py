"""The contract's own dates, read from the whole document: the date it was made, the day
it takes effect and the last day of its (initial) term.

Each date's role comes from its sentence (``dates.date_mentions``). Every reading is a
candidate scored by how plainly its sentence states this contract's term: a defined
term (``(the "Effective Date")``, ``"Expiration Date" means ...``) counts most, then
an end or start date of the term ("shall expire on", "until", "til og med",
"træder i kraft den"), then an anniversary, then a duration; a sentence plainly about
the term ("the term of this Agreement shall ...", "Kontrakten løber ...", a clause
classified as validity) weighs more, one in an appendix or exhibit far less. The best
candidate wins; of equals, one with a date, then the first. An end date whose clause has
another subject ("The fees under this Agreement shall remain fixed until ...") is no end
of this contract.

- agreement date: the date of the preamble sentence that introduces the contract
  ("made this 1st day of May, 2006", "dated as of ...", "indgået den ...");
- effective date: the best start candidate; for a contract "effective as of the date
  of the last signature", the latest signature date (the day after it for "the day
  after the date of last signature"; None when no signature is dated); a term that
  starts on a named event ("the Term shall begin on the Go-Live Date", "“Effective
  Date” means the Installation Date") starts on the date the contract gives that event
  elsewhere, or has none; without any, the agreement date;
- expiry date: the best end candidate (``term_ends``); a term that runs until
  terminated has none; a term counted from an event whose date the contract does not
  state ("two years following the Launch Date", contract years from an undated
  "Commencement Date") gives none. Renewals, survival periods ("for five (5) years
  thereafter"), optional terminations, notice periods and periods in which the contract
  cannot be ended ("uopsigelig i 3 år") are no term.

A date inferred from the date the contract gives an event elsewhere, or counted from
one, is kept but listed in ``TermDates.uncertain``: it is shown for review, not enforced.

Convention: a term of N years (or months) from a start date, or one that ends at the
N-th anniversary, ends the day before the anniversary: 2026-02-01 + 4 years ->
2030-01-31 (``expiry_basis`` "term" or "anniversary"; CUAD's annotators mostly wrote the
anniversary itself). A placeholder where the date belongs ("[dato]", "March ___,
1999") gives None, never another date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.contracts import events
from extractors.contracts import term_words as words
from extractors.contracts.dates import DateMention, date_mentions
from extractors.contracts.term_ends import before, other_subject, term_ends
from extractors.contracts.term_types import Candidate, Found, Sentence, TermDates, dated

__all__ = ["Sentence", "TermDates", "read_term"]

_PREAMBLE_SENTENCES = 40
_BLANK = "left blank in the contract"
_LATER_THAN_EVENT = "the later of this date and an event the contract does not date"
_ENDS = re.compile(r"terminat|expir|ophør|udløb|\bend", re.IGNORECASE)


def read_term(sentences: list[Sentence], *, month_first: bool = False) -> TermDates:
    """The agreement, effective and expiry dates the sentences state (see the module)."""
    found = [Found(s, i, date_mentions(s.read_as, month_first=month_first))
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
    if (
        effective is not None
        and effective.value is not None
        and _EXPECTED.search(effective.sentence.text)
    ):
        # "løber i 48 måneder fra idriftsættelsen, som forventes at ske 1. april 2026"
        term.uncertain.append(
            "effective date: a date the contract only expects (a planned go-live), to be checked"
        )
    term.renewal = next((f.sentence.text for f in found if words.RENEWAL.search(f.sentence.text)
                         and (f.sentence.kind == "validity" or _is_term_sentence(f.sentence))),
                        None)  # fmt: skip
    return term


def _uncertain(effective: Candidate | None, expiry: Candidate | None) -> list[str]:
    """The dates inferred rather than read: from the date the contract gives an event
    elsewhere, or counted from such a date."""
    start = effective.inferred if effective is not None and effective.value else None
    end = expiry.inferred if expiry is not None and expiry.value else None
    if end is None and start and expiry is not None and expiry.basis in ("term", "anniversary"):
        end = start
    return [f"{name}: inferred from {source}, to be checked"
            for name, source in (("effective date", start), ("expiry date", end)) if source]  # fmt: skip


def _option_end(text: str, at: int) -> bool:
    """Whether the end date at ``at`` is how far an option may extend the contract ("kan
    forlænges 2 gange á 12 måneder, dvs. længst til 30. juni 2032, og udløber ellers
    den 30. juni 2030"; "may extend the term ... i.e. until 30 June 2031 at the
    latest"): the nearest verb before it extends, none that ends the contract between."""
    before = text[max(0, at - 160) : at]
    extends = max((m.end() for m in _EXTENDS.finditer(before)), default=-1)
    ends = max((m.end() for m in _ENDS.finditer(before)), default=-1)
    return extends > ends


#: a date only planned or expected ("som forventes at ske", "expected go-live")
_EXPECTED = re.compile(r"\bforvent\w*|\bexpected\b|\banticipated\b|\bestimated\b|"
                       r"\bplanlagt\w*|\bscheduled\b|\btentativ\w*", re.IGNORECASE)  # fmt: skip
_EXTENDS = re.compile(r"forlæng\w*|extend\w*|extension|option\w*|renew\w*", re.IGNORECASE)
_ENDS = re.compile(r"udløb\w*|ophør\w*|expir\w*|\bend(?:s|ing)?\b|terminat\w*|slut\w*|"
                   r"løber\s+(?:til|indtil)|runs?\s+(?:until|to|through)", re.IGNORECASE)  # fmt: skip


def _best(candidates: list[Candidate]) -> Candidate | None:
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


def _agreement(found: list[Found]) -> date | None:
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


def _effective_candidates(found: list[Found], term: TermDates) -> list[Candidate]:
    """A defined Effective/Commencement Date (6); a start date of this contract's term
    (3); the latest signature for a contract effective on signing (2.5); the agreement
    date (2.5, the fallback). Each plus the sentence's weight."""
    candidates = []
    if term.agreement is not None:
        candidates.append(Candidate(2.5, -1, term.agreement, Sentence("")))
    for f in found:
        weight = _weight(f.sentence)
        term_sentence = _is_term_sentence(f.sentence)
        for m in f.mentions:
            if m.defined == "start":
                candidates.append(Candidate(6 + weight, f.index, m.value, f.sentence, why=_BLANK))
            elif (
                m.role == "start"
                and term_sentence
                and not m.cued("notice")
                and not words.OPTIONAL_END.search(before(f.sentence.read_as, m.start, 100))
            ):
                candidates.append(Candidate(3 + weight, f.index, m.value, f.sentence))
        defined = words.EFFECTIVE_DEFINED.match(f.sentence.text)
        if defined is not None and not f.mentions and not words.ON_SIGNING.search(f.sentence.text):
            # "Effective Date" means a day the contract dates elsewhere or not at all ("the
            # Closing Date"), or the date written above
            event = words.EVENT.match(f.sentence.text, defined.end())
            value = term.agreement if words.DATE_ABOVE.search(f.sentence.text) else None
            inferred = None
            if value is None and event is not None:
                value = events.event_date(dated(found), event.group("event"))
                inferred = events.given_by(event.group("event")) if value else None
            why = "an event the contract does not date"
            candidates.append(
                Candidate(5 + weight, f.index, value, f.sentence, why=why, inferred=inferred)
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
            candidates.append(Candidate(2.6 + weight, f.index, value, f.sentence, why=why))
    return candidates


def _starts_on_event(f: Found, found: list[Found], weight: float) -> list[Candidate]:
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
    value = events.event_date(dated(found), event.group("event"))
    why = "an event the contract does not date"
    inferred = events.given_by(event.group("event")) if value else None
    return [Candidate(3 + weight, f.index, value, f.sentence, why=why, inferred=inferred)]


def _later_of(f: Found, mention: DateMention) -> tuple[date | None, str | None]:
    """An end stated as "the later of" alternatives: the latest date among them ("the
    later of (a) June 30, 2012 or (b) December 31, 2012"). When one alternative is an
    event ("... or (b) the expiration of the last Patent"), that date is only the earliest
    the term can end: kept, with the event named as why it is to be checked (the second
    value); a placeholder among them gives None."""
    text = f.sentence.read_as
    opening = list(words.LATER_OF.finditer(text, 0, mention.start))[-1]
    closing = words.ALTERNATIVES_END.search(text, opening.end())
    stop = closing.start() if closing is not None else len(text)
    dates = [m for m in f.mentions if opening.end() <= m.start < stop]
    if mention not in dates:
        return mention.value, None
    if any(m.value is None for m in dates):
        return None, None
    rest, position = [], opening.end()
    for m in dates:
        rest.append(text[position : m.start])
        position = m.end
    rest.append(text[position:stop])
    value = max(m.value for m in dates if m.value is not None)
    event = not all(words.ALTERNATIVES_BETWEEN.fullmatch(part) for part in rest)
    return value, (_LATER_THAN_EVENT if event else None)


def _expiry_candidates(found: list[Found], term: TermDates) -> list[Candidate]:
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
                    Candidate(6 + weight, f.index, m.value, f.sentence, "stated", _BLANK)
                )
            elif (
                m.role == "end"
                and m.defined is None
                and _is_term_sentence(f.sentence)
                and words.SUBJECT.search(before(text, m.start, 150))
                and not other_subject(text[: m.start], text[m.end :])
                and not words.OPTIONAL_END.search(m.context)
                and not _option_end(text, m.start)
                and (m.value is None or term.effective is None or m.value > term.effective)
            ):
                named = 1.0 if words.TERM_DEFINED_AFTER.match(text[m.end :]) else 0.0
                later = words.LATER_OF.search(before(text, m.start, 200))
                value, inferred = _later_of(f, m) if later else (m.value, None)
                candidates.append(Candidate(5 + weight + named, f.index, value, f.sentence,
                                            "stated", _BLANK, inferred))  # fmt: skip
        if _is_term_sentence(f.sentence) and not words.SURVIVAL.search(text):
            candidates += term_ends(f, found, term, weight)
    return candidates

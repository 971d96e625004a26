"""The end of a contract's term as a sentence counts it: an anniversary ("the seventh
anniversary of the Effective Date"), contract years ("the end of the third Contract
Year"), a duration ("for a period of five (5) years from ..."), or a term that runs until
terminated; each counted from the date its anchor names (see ``validity``). A length in
parts ("five (5) years and six (6) months") is added up; a day counted from an
anniversary is read when it is the end of its calendar period, a day of its year or months
after it, and gives no date otherwise ("ninety days after the fifth anniversary").
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from extractors.contracts import events
from extractors.contracts import term_words as words
from extractors.contracts.dates import (
    ANNIVERSARY_RE,
    CONTRACT_YEAR_RE,
    Duration,
    anniversary_years,
    durations,
)
from extractors.contracts.patterns import month_number
from extractors.contracts.term_types import Candidate, Found, TermDates, dated

UNDATED = "counted from a date the contract does not state"
_NOT_CALENDAR = "the end of a fiscal or contract period, not a calendar date"
_COUNTED_FROM_ANNIVERSARY = "a day counted from an anniversary in words not read"
#: Between the parts of one length: "five (5) years and six (6) months".
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|plus)\s+", re.IGNORECASE)
#: "the date on which" this contract is signed or takes effect (not another event).
_THIS_CONTRACT = re.compile(r"\b(?:sign\w*|execut\w*|agreement|contract|effective|hereof|"
                            r"it\s+(?:is|was|has\s+been)\s+(?:signed|executed))", re.IGNORECASE)  # fmt: skip


#: an anchor naming the date the sentence has just given: "fra denne dato", "from that date"
_THAT_DATE = re.compile(r"\s*(?:(?:denne|samme|nævnte|førnævnte)\s+dato|dette\s+tidspunkt|"
                        r"(?:this|that|the\s+same|such)\s+date)\b", re.IGNORECASE)  # fmt: skip


#: "such date as the Customer notifies", "samme dato som idriftsættelsen": an event
_AN_EVENT = re.compile(r"\b(?:as|that|on\s+which|when|som|hvor|når|hvorpå)\b", re.IGNORECASE)


def _date_before(f: Found, at: int) -> date | None:
    """The date the sentence gives last before position ``at``, or None."""
    before_it = [m for m in f.mentions if m.value is not None and m.end <= at]
    return max(before_it, key=lambda m: m.end).value if before_it else None


def term_ends(f: Found, found: list[Found], term: TermDates, weight: float) -> list[Candidate]:
    """The end of a term stated as an anniversary or a duration in ``f`` (the expiry is
    None when counted from an event the contract does not date), or a term that runs
    until terminated."""
    text = f.sentence.read_as
    if not words.TERM_WORDS.search(text):
        return []
    ends: list[Candidate] = []
    for match in (*ANNIVERSARY_RE.finditer(text), *CONTRACT_YEAR_RE.finditer(text)):
        years = anniversary_years(match)
        preceding = before(text, match.start(), 80)
        if (
            years is None
            or other_subject(text[: match.start()], text[match.end() :])
            or words.NOT_A_TERM_BEFORE.search(preceding)
            or words.RENEWAL_BEFORE.search(preceding)
            or words.OPTIONAL_END.search(before(text, match.start(), 100))
            or words.AFTER_THE_END.search(before(text, match.start(), 120))
        ):
            continue
        counted_from = _counted_from(match, found)
        base = _base(counted_from, f, found, term)
        value, why = _from_anniversary(preceding, base, years) if base else (None, UNDATED)
        score = 3.5 + weight - (0 if value else 1.5)
        inferred = _event_anchor(counted_from) if value else None
        ends.append(Candidate(score, f.index, value, f.sentence, "anniversary", why, inferred))
        break
    for duration in durations(text):
        around = text[max(0, duration.start - 80) : duration.end + 80]
        if (
            not _is_term_length(duration, text)
            or other_subject(text[: duration.start], text[duration.end :])
            or words.NOT_A_TERM_SENTENCE.search(around)
            or words.OPTIONAL_END.search(before(text, duration.start, 100))
            or words.AFTER_THE_END.search(before(text, duration.start, 120))
        ):
            continue
        months, length_end = _length(duration, text)
        anchored = words.ANCHOR.match(text[length_end:])
        counted_from = anchored.group("anchor") if anchored else None
        that = _THAT_DATE.match(counted_from) if counted_from is not None else None
        if that is not None and counted_from is not None:
            # "træder i kraft den 1.6.2026 og løber i 3 år fra denne dato": the date the
            # sentence has just given; none for "such date as ..." (an undated event)
            event = _AN_EVENT.search(counted_from[that.end() :])
            base = None if event else _date_before(f, duration.start)
            counted_from = None
        else:
            base = _base(counted_from, f, found, term)
        value = _add(base, months) if base and months is not None else None
        governed = words.TERM_LENGTH_BEFORE.search(before(text, duration.start, 60)) is not None
        score = 3 + weight + 1.5 * governed - (0 if value else 1.5)
        inferred = _event_anchor(counted_from) if value else None
        why = UNDATED if months is not None else "a length with days or weeks in it"
        ends.append(Candidate(score, f.index, value, f.sentence, "term", why, inferred))
        break
    perpetual = words.PERPETUAL.search(text)
    if not ends and perpetual and not words.RENEWAL.search(before(text, perpetual.start(), 60)):
        ends.append(Candidate(4 + weight, f.index, None, f.sentence, why="runs until terminated"))
    return ends


def _length(duration: Duration, text: str) -> tuple[int | None, int]:
    """The months of a term written in parts ("five (5) years and six (6) months"; None
    with days or weeks among them) and where the length ends in ``text``."""
    months, end = duration.months, duration.end
    while True:
        joined = _JOINED.match(text, end)
        following = durations(text[joined.end() : joined.end() + 40]) if joined else []
        if joined is None or not following or following[0].start != 0:
            return months, end
        part = following[0]
        months = months + part.months if months is not None and part.months is not None else None
        end = joined.end() + part.end


def _from_anniversary(preceding: str, base: date, years: int) -> tuple[date | None, str]:
    """The end a sentence counts from the ``years``-th anniversary of ``base``, by the words
    before the anniversary: the day before it (none), the end of its calendar month,
    quarter or year ("the last day of the calendar month in which ..."), a day of its year
    ("December 31 of the year in which ..."), months after it ("six (6) months after
    ..."); None for what else is counted from it ("ninety days after", "the first day of
    the month following the month in which ...")."""
    anniversary = add_months(base, 12 * years)
    period_end = words.END_OF_PERIOD_IN_WHICH.search(preceding)
    if period_end is not None:
        if period_end.group("other"):
            return None, _NOT_CALENDAR
        return _end_of_period(anniversary, period_end.group("period")), UNDATED
    day_of_year = words.DAY_OF_YEAR_IN_WHICH.search(preceding)
    if day_of_year is not None:
        month = month_number(day_of_year.group("month"))
        day = int(day_of_year.group("day"))
        if month is None or day > monthrange(anniversary.year, month)[1]:
            return None, _COUNTED_FROM_ANNIVERSARY
        return date(anniversary.year, month, day), UNDATED
    offset = words.AFTER_ANNIVERSARY.search(preceding)
    if offset is not None:
        months = next((d.months for d in durations(offset.group(0))), None)
        if months is None:
            return None, _COUNTED_FROM_ANNIVERSARY
        return _add(base, 12 * years + months), UNDATED
    if words.COUNTED_FROM_IT.search(preceding) and not words.DAY_BEFORE_IT.search(preceding):
        return None, _COUNTED_FROM_ANNIVERSARY
    return _add(base, 12 * years), UNDATED


def other_subject(preceding: str, following: str) -> bool:
    """Whether the subject of the clause that states a date (``preceding`` it, from the last
    stop or colon) is something other than the contract or its term ("The prices under this
    Agreement shall remain fixed until ...", "Each Purchase Order shall remain in effect
    until ..."): the end it states is not the contract's, unless it is named the term
    ('... December 31, 2006 (the "Term")')."""
    if words.TERM_DEFINED_AFTER.match(following) or words.TERM_HEADING.match(preceding):
        return False  # named the term, or the first sentence under a "TERM:" heading
    text = re.split(r"[;:]|\.\s", preceding)[-1]
    verb = words.SUBJECT_ENDS.search(text)
    if verb is None:
        return False
    subject = text[: verb.start()].rsplit(",", 1)[-1]  # "Unless earlier terminated, this ..."
    subject = re.split(r"\bthat\b", subject, flags=re.IGNORECASE)[-1]  # "agree that this ..."
    head = words.SUBJECT_QUALIFIER.split(subject, maxsplit=1)[0]
    return words.OTHER_THING.match(head) is not None and not words.TERM_THING.search(head)


def _counted_from(match: re.Match[str], found: list[Found]) -> str | None:
    """What an anniversary is counted from ("of the Effective Date"), or a contract year
    (its definition: "... beginning on the Effective Date"); None when not stated."""
    if match.re is CONTRACT_YEAR_RE:
        start = events.year_start((f.sentence.read_as for f in found), match.group("year"))
        return start or "an undefined contract year"
    return match.group("anchor") or match.group("thereof")


def before(text: str, position: int, width: int) -> str:
    """The words before ``position`` in its clause (at most ``width`` characters, not past
    a semicolon: "...; provided that either party may terminate")."""
    window = text[max(0, position - width) : position]
    return window.rsplit(";", 1)[-1]


def _is_term_length(duration: Duration, text: str) -> bool:
    preceding = before(text, duration.start, 80)
    at_least = re.search(r"\bat\s+least\s+$", preceding, re.IGNORECASE)
    if at_least is not None and not words.RUNS_FOR.search(preceding[: at_least.start()]):
        return False  # "for a period of at least 12 months": a condition, not the term
    return (
        duration.months is not None
        and not words.NOT_A_TERM_BEFORE.search(before(text, duration.start, 80))
        and not words.RENEWAL_BEFORE.search(text[max(0, duration.start - 60) : duration.start])
        and not words.NOT_A_TERM_AFTER.search(text[duration.end : duration.end + 40])
    )


def _base(anchor: str | None, f: Found, found: list[Found], term: TermDates) -> date | None:
    """The date a term is counted from: a start date in its own sentence, the date its
    anchor names (effective or agreement date, or an event the contract dates elsewhere),
    or None for an undated event."""
    own = next((m.value for m in f.mentions if m.role == "start" and m.value is not None), None)
    if anchor is None or anchor.strip().lower() in ("thereof", "hereof"):
        return own or term.effective
    if own is not None and _starts_with_date(anchor):
        return own  # "i 2 år fra den 1. maj 2022", "for 3 years from March 3, 2010"
    on_which = re.match(r"\s*(?:the\s+)?(?P<date>(?:date|day)\s+)?(?:on\s+)?which\b", anchor)
    if on_which is not None and (not on_which.group("date") or _THIS_CONTRACT.search(anchor)):
        return own or term.effective  # "after which", "the date on which it is signed"
    if on_which is not None:
        return None  # "the date on which the first Product is sold": an undated event
    if words.AGREEMENT_ANCHOR.search(anchor) and not re.search(r"effective", anchor, re.I):
        return term.agreement or term.effective
    if words.KNOWN_START.search(anchor):
        return term.effective
    event = words.EVENT.match(anchor)
    return events.event_date(dated(found), event.group("event")) if event else None


def _event_anchor(anchor: str | None) -> str | None:
    """For an anchor that names an event (not the contract's own start), whose date
    the contract gives elsewhere: where that date comes from."""
    if anchor is None or words.KNOWN_START.search(anchor) or _starts_with_date(anchor):
        return None
    event = words.EVENT.match(anchor)
    return events.given_by(event.group("event")) if event else None


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


def _end_of_period(day: date, period: str) -> date:
    """The last day of the calendar month, quarter or year that holds ``day``."""
    if period.lower() == "year":
        return date(day.year, 12, 31)
    month = day.month if period.lower() == "month" else 3 * ((day.month - 1) // 3 + 1)
    return date(day.year, month, monthrange(day.year, month)[1])


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    day = min(start.day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day)

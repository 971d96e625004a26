"""Reading the facts out of classified clauses: validity, payment, MFN, termination.

Each reader takes one ``Section`` (already analysed by spaCy, with MONEY, PERCENT,
DATE, DURATION entities) and returns a ``ContractClause`` with its parameters, or
None when the clause does not state the fact.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import Any

from extractors.contracts.patterns import DATE_RE, parse_date
from extractors.contracts.sections import Section
from extractors.types import ContractClause

_NUMBER_WORDS = {"et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "one": 1, "two": 2,
                 "three": 3}  # fmt: skip
_NEGATION = re.compile(r"\b(ikke|ingen|intet|no|not|none)\b", re.IGNORECASE)
_MFN_WORD = re.compile(r"mestbegunstig|most-favoured|most$")
_NOT_APPLY = re.compile(r"anvend|gælder|aftalt|apply|applies|agreed", re.I)
_PAYMENT_WORDS = re.compile(r"netto|\bnet\b|betaling|betales|forfald|payable|payment|paid", re.I)
_NOT_VALIDITY = re.compile(r"underskr|signed|dateret|dated|tilbud|offer|udbud", re.IGNORECASE)
_TERM = re.compile(r"løber|varighed|periode|gælder|term|period|runs", re.IGNORECASE)
_RENEWAL = re.compile(r"forlæng|option|extend|renew", re.IGNORECASE)
_SIGNED = re.compile(r"(?:Sted og dato|Dato|Underskrevet den|Place and date|Date|Signed on|[A-ZÆØÅ][a-zæøå]+, den)\s*:?\s*",
                     re.IGNORECASE)  # fmt: skip


def duration(text: str) -> tuple[int, str] | None:
    """``(number, unit)`` of a DURATION entity: unit ``day``, ``month``, ``year`` or ``week``."""
    match = re.match(r"(\S+)\s+(\S+)", text)
    if match is None:
        return None
    head, word = match.group(1).lower(), match.group(2).lower()
    number = int(head) if head.isdigit() else _NUMBER_WORDS.get(head)
    if number is None:
        return None
    if word.startswith(("dag", "day")):
        return number, "day"
    if word.startswith(("måned", "mdr", "month")):
        return number, "month"
    if word.startswith(("år", "year")):
        return number, "year"
    return number, "week"


def ents(section: Section, label: str) -> list[Any]:
    assert section.doc is not None
    return [e for e in section.doc.ents if e.label_ == label]


def read_validity(section: Section) -> ContractClause | None:
    """Effective and expiry dates (ISO strings, so the params are JSON): the first two
    dates of the clause in order, or the first date and a term ("løber i 48 måneder").
    Dates of signing or of options ("underskrevet den ...") are not validity dates."""
    assert section.doc is not None
    dates = [
        d
        for e in ents(section, "DATE")
        if (d := _date(e.text)) is not None
        and not _NOT_VALIDITY.search(section.doc.text[max(0, e.start_char - 40) : e.start_char])
    ]
    if not dates:
        return None
    params: dict[str, object] = {"effective_date": dates[0].isoformat()}
    if len(dates) > 1 and dates[1] > dates[0]:
        params["expiry_date"] = dates[1].isoformat()
    elif (term := _term_months(section)) is not None:
        params["expiry_date"] = (add_months(dates[0], term) - timedelta(days=1)).isoformat()
    renewal = next((s.text for s in section.doc.sents if _RENEWAL.search(s.text)), None)
    if renewal:
        params["renewal"] = renewal
    return ContractClause("validity", section.text, section.page, params, 0.95)


def _term_months(section: Section) -> int | None:
    """The term stated as a duration ("løber i 48 måneder", "for a term of 4 years")."""
    for entity in ents(section, "DURATION"):
        parsed = duration(entity.text)
        sentence = entity.sent.text
        if (
            parsed
            and parsed[1] in ("month", "year")
            and _TERM.search(sentence)
            and not _RENEWAL.search(sentence)
        ):
            return parsed[0] * (12 if parsed[1] == "year" else 1)
    return None


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    day = min(start.day, monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def read_payment(section: Section, *, strict: bool = False) -> ContractClause | None:
    """Payment days: the first duration in days ("30 dage netto", "within 30 days").

    ``strict`` (for clauses not classified as payment terms) also requires payment
    words in the sentence ("netto", "betaling", "payable" ...).
    """
    for entity in ents(section, "DURATION"):
        parsed = duration(entity.text)
        text = entity.sent.text
        if parsed and parsed[1] == "day" and (not strict or _PAYMENT_WORDS.search(text)):
            confidence = 0.85 if strict else 0.95
            return ContractClause(
                "payment", text, section.page, {"payment_days": parsed[0]}, confidence
            )
    return None


def read_termination(section: Section) -> ContractClause | None:
    """Termination notice in months ("6 måneders varsel", "6 months' notice")."""
    for entity in ents(section, "DURATION"):
        parsed = duration(entity.text)
        if parsed and parsed[1] == "month":
            params: dict[str, object] = {"notice_months": parsed[0]}
            return ContractClause("termination", entity.sent.text, section.page, params, 0.9)
    return None


def read_mfn(section: Section) -> ContractClause:
    """Most-favoured customer: present unless a negation stands next to the clause's
    keyword ("ikke aftalt mestbegunstigelse", "Mestbegunstigelse finder ikke anvendelse",
    "No most-favoured customer terms apply")."""
    assert section.doc is not None
    negated = False
    for token in section.doc:
        if _MFN_WORD.match(token.lower_):
            before = section.doc[max(0, token.i - 3) : token.i]
            after = section.doc[token.i + 1 : token.i + 4]
            negated = negated or any(_NEGATION.fullmatch(t.text) for t in before) or (
                any(_NEGATION.fullmatch(t.text) for t in after) and _NOT_APPLY.search(after.text) is not None)  # fmt: skip
    return ContractClause("mfn", section.text, section.page, {"present": not negated},
                          0.9 if negated else 0.95)  # fmt: skip


def signing_date(text: str) -> date | None:
    """The date beside "Sted og dato:" / "Dato:" / "Place and date:" in the signatures."""
    for match in _SIGNED.finditer(text):
        found = DATE_RE.match(text, match.end())
        if found and (value := parse_date(found)) is not None:
            return value
    return None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (a term of 1 Jan-31 Dec is 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day - 1 else 0)


def _date(text: str) -> date | None:
    match = DATE_RE.search(text)
    return parse_date(match) if match else None

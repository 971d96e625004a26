"""Named events a contract's term is counted from, and the dates it gives them.

A term may start on an event ("the Term shall begin on the Go-Live Date") or end with a
numbered contract year ("until the end of the fifth Contract Year"). The contract often
dates the event in another sentence ("The go-live date ... shall be October 1, 2006",
"July 15, 2006 (the “Installation Date”)") and defines its contract years by their
start ("“Contract Year” means each period of twelve months beginning on the Effective
Date"). An event it does not date gives no date: it is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from extractors.contracts.dates import DateMention

#: The first words of a contract year's definition: what the year is counted from.
_YEAR_STARTS = r"(?:beginning|commencing|starting)\s+(?:on|with)\s+(?P<start>[^,;.()]{3,60})"


def event_date(mentions: Iterable[tuple[str, DateMention]], event: str) -> date | None:
    """The date the contract gives ``event`` ("Launch Date"), from ``mentions`` (each
    with the text of its sentence): "the launch date ... shall be September 1, 1999",
    "“Launch Date” means June 1, 2006", "June 1, 2006 (the “Launch Date”)"; else None."""
    name = _name(event)
    named_before = re.compile(
        rf"\b{name}\b[^.;]{{0,60}}?\b(?:shall\s+be|will\s+be|is|means|occur\w*)\W*"
        rf"(?:on\s+)?(?:or\s+about\s+)?$|\b{name}\W*:\s*$",
        re.IGNORECASE,
    )
    named_after = re.compile(rf"^\s*,?\s*\(\s*(?:the\s+)?[\"“”'‘’]*\s*{name}\b", re.IGNORECASE)
    for text, m in mentions:
        if m.value is not None and (
            named_before.search(m.context[-120:]) or named_after.match(text[m.end : m.end + 60])
        ):
            return m.value
    return None


def given_by(event: str) -> str:
    """Where a date inferred from an event comes from, in words for a reviewer."""
    return f"the date the contract gives the {event}"


def year_start(texts: Iterable[str], year_name: str) -> str | None:
    """What a contract year is counted from, as its definition words it: '“Contract Year”
    means each period of twelve months beginning on the Effective Date' -> "the Effective
    Date"; None when the contract does not define it so."""
    definition = re.compile(
        rf"[\"“]{_name(year_name)}[\"”]\s+(?:shall\s+)?(?:means?|refers\s+to)\b[^.;]{{0,120}}?"
        + _YEAR_STARTS,
        re.IGNORECASE,
    )
    for text in texts:
        found = definition.search(text)
        if found is not None:
            return found.group("start").strip()
    return None


def _name(words: str) -> str:
    return r"\s+".join(map(re.escape, words.split()))

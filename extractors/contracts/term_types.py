"""The values the term readers pass around: a sentence of the contract, the dates read
from it (``Found``), a candidate reading of one date and the contract's dates
(``TermDates``). Used by ``validity`` and ``term_ends``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from extractors.contracts.dates import DateMention

Basis = Literal["stated", "term", "anniversary"]


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
class Found:
    """A sentence with its date mentions and its place among the contract's sentences."""

    sentence: Sentence
    index: int
    mentions: list[DateMention]


@dataclass(frozen=True, slots=True)
class Candidate:
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


def dated(found: list[Found]) -> list[tuple[str, DateMention]]:
    """Every date mention with the text of its sentence, for ``events.event_date``."""
    return [(f.sentence.read_as, m) for f in found for m in f.mentions]

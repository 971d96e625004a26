"""Matching an invoice line to a contract's price term.

First by item id (normalised: case, spaces and punctuation dropped, and leading zeros
of each number: ``"SAG-0042 "``, ``"sag 42"`` and ``"Sag42"`` are the same item), then
by description similarity (rapidfuzz ``WRatio`` on normalised text, dates and years
removed) at or above a threshold. Two different items scoring within
:data:`AMBIGUITY_MARGIN` of each other are ambiguous: no match is claimed.

A :class:`ContractMatcher` is built once per contract and reused across invoices; it
memoises description matches, so a description seen before costs one dict lookup.
What it searches is the contract's :class:`Catalogue`: every item's key with its terms'
descriptions. A caller may load the terms of only the items its lines bill and pass the
whole catalogue beside them (``ContractView.catalogue``): the matches are the same as
with every term loaded, and a match to an item whose terms were not loaded is an error,
never a silent miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import fuzz, process

from rules.types import ContractView, InvoiceLineView, TermView

DEFAULT_THRESHOLD = 88.0
AMBIGUITY_MARGIN = 2.0
_MEMO_LIMIT = 50_000

_NON_ALNUM = re.compile(r"[^0-9a-zæøåäöü]+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_NOISE = re.compile(
    r"\b(?:(?:19|20)\d\d|januar|februar|marts|april|maj|juni|juli|august|september|"
    r"oktober|november|december|january|february|march|may|june|july|october|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|okt|oct|nov|dec|kvartal|quarter|q[1-4])\b"
)


_MISSING = object()


def clear_cache() -> None:
    item_key.cache_clear()
    description_key.cache_clear()


@lru_cache(maxsize=100_000)
def item_key(item_id: str | None) -> str | None:
    """The normalised item id, or None when there is none."""
    if not item_id:
        return None
    key = _LEADING_ZEROS.sub("", _NON_ALNUM.sub("", item_id.casefold()))
    return key or None


@lru_cache(maxsize=100_000)
def description_key(text: str) -> str:
    """Lower case, punctuation to spaces, month names and years dropped, spaces collapsed.
    Memoised (capped, cleared with :func:`clear_cache` at the end of a run): a vendor's
    price list repeats its descriptions in every municipality's contract, and a bulk
    check builds each contract's description index."""
    text = _NON_ALNUM.sub(" ", text.casefold())
    return " ".join(_NOISE.sub(" ", text).split())


def term_key(item_id: str | None, description: str) -> str:
    """The item a term prices: its normalised item id, else its normalised description."""
    return item_key(item_id) or "desc:" + description_key(description)


class Catalogue:
    """A contract's items: each item's key (:func:`term_key`) with its terms'
    descriptions, in the order of the terms (first appearance of each item). It answers
    which item a line bills (:meth:`wanted`) without the terms themselves, and memoises
    the description ranking (:meth:`rank`), so the caller that asks first and the
    matcher that matches later rank a description once."""

    __slots__ = ("items", "_choice_text", "_choice_key", "_memo")

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        #: item key -> the descriptions of its terms, in term order
        self.items: dict[str, list[str]] = {}
        for key, description in entries:
            self.items.setdefault(key, []).append(description)
        self._choice_text: list[str] | None = None
        self._choice_key: list[str] = []
        self._memo: dict[tuple[str, float], tuple[str, float] | Ambiguous | None] = {}

    @classmethod
    def of_terms(cls, terms: Iterable[TermView]) -> Catalogue:
        return cls((term_key(t.item_id, t.description), t.description) for t in terms)

    def wanted(self, item_id: str | None, description: str) -> str | None:
        """The key of the item a line with this item id and description matches (as
        :meth:`ContractMatcher.match`), or None (no item, or an ambiguous description)."""
        key = item_key(item_id) if item_id else None
        if key is not None and key in self.items:
            return key
        ranked = self.rank(description_key(description), DEFAULT_THRESHOLD)
        return ranked[0] if isinstance(ranked, tuple) else None

    def _choices(self) -> list[str]:
        """Normalised term descriptions, built on the first description match."""
        if self._choice_text is None:
            choices: dict[str, str] = {}
            for key, descriptions in self.items.items():
                for description in descriptions:
                    choices.setdefault(description_key(description), key)
            self._choice_text = list(choices)
            self._choice_key = list(choices.values())
        return self._choice_text

    def rank(self, text: str, threshold: float) -> tuple[str, float] | Ambiguous | None:
        """The item whose descriptions best match ``text`` (a :func:`description_key`)
        and its score, Ambiguous, or None (nothing at or above ``threshold``)."""
        memo_key = (text, threshold)
        found = self._memo.get(memo_key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        result = self._rank(text, threshold)
        if len(self._memo) < _MEMO_LIMIT:
            self._memo[memo_key] = result
        return result

    def _rank(self, text: str, threshold: float) -> tuple[str, float] | Ambiguous | None:
        choices = self._choices()
        if not text or not choices:
            return None
        best = process.extract(text, choices, scorer=fuzz.WRatio, limit=4, score_cutoff=threshold)
        if not best:
            return None
        top_key = self._choice_key[best[0][2]]
        rivals = [
            self._choice_key[i]
            for _, score, i in best[1:]
            if self._choice_key[i] != top_key and best[0][1] - score < AMBIGUITY_MARGIN
        ]
        if rivals:
            return Ambiguous((top_key, *rivals), round(best[0][1], 1))
        return top_key, round(best[0][1], 1)


@dataclass(frozen=True, slots=True)
class Match:
    """The terms of one contract item (all tiers and validity windows) a line matched."""

    terms: tuple[TermView, ...]
    method: str  # "item_id" | "description"
    score: float
    key: str
    #: the only term, when the item has one without band or validity window
    plain: TermView | None = None


@dataclass(frozen=True, slots=True)
class Ambiguous:
    candidates: tuple[str, ...]
    score: float


class ContractMatcher:
    """Precomputed lookups for one contract's price terms."""

    def __init__(self, contract: ContractView, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.contract_id = contract.id
        groups: dict[str, list[TermView]] = {}
        for term in contract.price_terms:
            groups.setdefault(term_key(term.item_id, term.description), []).append(term)
        self.by_key = {k: tuple(v) for k, v in groups.items()}
        #: the whole catalogue when the contract carries only some items' terms; else
        #: built from the terms on the first description match
        self._catalogue = contract.catalogue
        self._partial = contract.catalogue is not None
        self._by_item: dict[str, Match | None] = {}
        self._memo: dict[str, Match | Ambiguous | None] = {}

    def match(self, line: InvoiceLineView) -> Match | Ambiguous | None:
        """The item this line bills, or None (not priced), or Ambiguous."""
        raw = line.item_id
        if raw:
            found = self._by_item.get(raw, _MISSING)
            if found is _MISSING:
                key = item_key(raw)
                terms = self.by_key.get(key) if key else None
                if terms is None and key and self._partial and key in self.catalogue.items:
                    terms = self._terms(key)  # an item the caller did not load: an error
                found = (
                    Match(terms, "item_id", 100.0, key, _plain(terms)) if terms and key else None
                )
                if len(self._by_item) < _MEMO_LIMIT:
                    self._by_item[raw] = found
            if found is not None:
                return found  # type: ignore[return-value]
        text = description_key(line.description)
        if text in self._memo:
            return self._memo[text]
        result = self._by_description(text)
        if len(self._memo) < _MEMO_LIMIT:
            self._memo[text] = result
        return result

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = Catalogue(
                (key, term.description) for key, terms in self.by_key.items() for term in terms
            )
        return self._catalogue

    def _terms(self, key: str) -> tuple[TermView, ...]:
        terms = self.by_key.get(key)
        if terms is None:
            raise LookupError(
                f"contract {self.contract_id}: a line matches item {key!r}, whose terms "
                "were not loaded with the contract"
            )
        return terms

    def _by_description(self, text: str) -> Match | Ambiguous | None:
        ranked = self.catalogue.rank(text, self.threshold)
        if ranked is None or isinstance(ranked, Ambiguous):
            return ranked
        key, score = ranked
        terms = self._terms(key)
        return Match(terms, "description", score, key, _plain(terms))


def _plain(terms: tuple[TermView, ...]) -> TermView | None:
    """The single term of an item without volume bands or validity window, else None."""
    if len(terms) != 1:
        return None
    t = terms[0]
    plain = t.tier_min is None and t.tier_max is None and t.valid_from is None
    return t if plain and t.valid_to is None else None


_BAND_TOKEN = re.compile(r"\d{1,2}(?:[.:]\d{2})?\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?|[^\W\d_]{3,}")


def _band_tokens(text: str) -> set[str]:
    """The words (their first six letters: "hverdag" and "hverdage" are one) and the
    times of day ("17-22", "7.00-17.00") of a description."""
    out = set()
    for token in _BAND_TOKEN.findall(text.casefold()):
        if token[0].isdigit():
            hours = re.findall(r"\d{1,2}", re.sub(r"[.:]\d{2}", "", token))
            out.add("-".join(str(int(h)) for h in hours))
        else:
            out.add(token[:6])
    return out


def named_band(terms: tuple[TermView, ...], description: str) -> tuple[TermView, ...]:
    """Of an item's terms whose descriptions differ (its prices per time band: "Tolkning
    – Hverdage kl. 07-17", "Tolkning – Helligdage"), those naming most of what the
    invoice line's description names of them ("Tolkning, hverdag kl. 7-17": the first);
    all of them when it names none, or every one's (``select_term`` then takes the dearest: no breach is claimed
    on a band the line does not name)."""
    if len({t.description for t in terms}) < 2 or any(
        t.tier_min is not None or t.tier_max is not None for t in terms
    ):
        return terms  # one description, or volume bands (chosen by the quantity)
    own = {t.id: _band_tokens(t.description) for t in terms}
    shared = set.intersection(*own.values())
    said = _band_tokens(description)
    score = {t.id: len((own[t.id] - shared) & said) for t in terms}
    best = max(score.values())
    named = tuple(t for t in terms if best and score[t.id] == best)
    return named if named and len(named) < len(terms) else terms


def select_term(
    terms: tuple[TermView, ...], *, on: date, tier_quantity: Decimal, allow_unconfirmed: bool
) -> tuple[TermView | None, str]:
    """The term that prices ``tier_quantity`` on ``on``, and a status.

    Status is ``"ok"``, ``"not_valid_on_date"`` (the item is priced, but not on that
    date), ``"unconfirmed_only"`` (only unconfirmed terms apply and they are not
    allowed) or ``"no_tier"`` (no band covers the quantity). Where bands overlap at a
    boundary the higher price is taken: no breach is claimed on an ambiguous band.
    """
    dated = [
        t
        for t in terms
        if (t.valid_from is None or t.valid_from <= on) and (t.valid_to is None or on <= t.valid_to)
    ]
    if not dated:
        return None, "not_valid_on_date"
    usable = dated if allow_unconfirmed else [t for t in dated if t.confirmed]
    if not usable:
        return None, "unconfirmed_only"
    q = abs(tier_quantity)
    banded = [
        t
        for t in usable
        if (t.tier_min is None or t.tier_min <= q) and (t.tier_max is None or q <= t.tier_max)
    ]
    if not banded:
        return None, "no_tier"
    return max(banded, key=lambda t: t.unit_price), "ok"


def other_tiers(terms: tuple[TermView, ...], chosen: TermView, on: date) -> list[TermView]:
    """The item's other volume bands valid on ``on`` (for spotting a band not applied)."""
    return [
        t
        for t in terms
        if t is not chosen
        and (t.tier_min is not None or t.tier_max is not None)
        and (t.valid_from is None or t.valid_from <= on)
        and (t.valid_to is None or on <= t.valid_to)
    ]

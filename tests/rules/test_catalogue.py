"""A contract given with the terms of some items and its whole catalogue matches lines
exactly as with every term (``rules.matching.Catalogue``), and a line matching an item
whose terms were not given is an error, never a silent miss."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.types import Unit
from rules.matching import Ambiguous, Catalogue, ContractMatcher, Match, term_key
from rules.types import ContractView, InvoiceLineView, TermView

D = Decimal

TERMS = [
    TermView(1, "LIC-100", "Brugerlicens ESDH", Unit.PIECE, D("100")),
    TermView(2, "DRIFT-7", "Drift og hosting af ESDH", Unit.MONTH, D("500")),
    TermView(3, None, "Konsulenttimer seniorarkitekt", Unit.HOUR, D("1000")),
    TermView(4, "KURS-1", "Kursus for superbrugere, del 1", Unit.PIECE, D("2000")),
    TermView(5, "KURS-2", "Kursus for superbrugere, del 2", Unit.PIECE, D("2100")),
    TermView(6, "LIC-100", "Brugerlicens ESDH (over 500)", Unit.PIECE, D("90")),
]


def contract(terms: list[TermView], catalogue: Catalogue | None = None) -> ContractView:
    return ContractView(1, "12345678", "101", None, None, terms, catalogue=catalogue)


def line(item_id: str | None, description: str) -> InvoiceLineView:
    return InvoiceLineView(1, "1", description, D(1), D(1), D(1), item_id)


LINES = [
    line("lic 100", "whatever"),  # by item id: both terms of the item
    line("NOPE-1", "Drift og hosting af ESDH"),  # unknown id: by description
    line(None, "Konsulenttimer, seniorarkitekt"),  # a term without item id
    line(None, "Kursus for superbrugere"),  # two items alike: ambiguous
    line(None, "Noget helt andet"),  # nothing
]


def _same(a: object, b: object) -> bool:
    if isinstance(a, Match) and isinstance(b, Match):
        return (a.terms, a.method, a.score, a.key, a.plain) == (
            b.terms,
            b.method,
            b.score,
            b.key,
            b.plain,
        )
    return a == b


def test_the_matches_with_the_catalogue_are_those_with_every_term() -> None:
    full = ContractMatcher(contract(TERMS))
    catalogue = Catalogue((term_key(t.item_id, t.description), t.description) for t in TERMS)
    wanted = {catalogue.wanted(x.item_id, x.description) for x in LINES} - {None}
    assert wanted == {"lic100", "desc:konsulenttimer seniorarkitekt", "drift7"}
    loaded = [t for t in TERMS if term_key(t.item_id, t.description) in wanted]
    partial = ContractMatcher(contract(loaded, catalogue))
    for x in LINES:
        assert _same(partial.match(x), full.match(x)), x
    assert isinstance(full.match(LINES[3]), Ambiguous) and full.match(LINES[4]) is None
    assert [t.id for t in full.match(LINES[0]).terms] == [1, 6]  # type: ignore[union-attr]


@pytest.mark.parametrize("missing", [LINES[0], LINES[1]])
def test_a_line_matching_an_item_not_loaded_is_an_error(missing: InvoiceLineView) -> None:
    catalogue = Catalogue((term_key(t.item_id, t.description), t.description) for t in TERMS)
    none_loaded = ContractMatcher(contract([], catalogue))
    with pytest.raises(LookupError, match="not loaded"):
        none_loaded.match(missing)
    assert none_loaded.match(LINES[4]) is None  # no item: nothing to load

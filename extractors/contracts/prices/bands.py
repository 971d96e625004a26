"""Volume bands written at the end of an item's description, one row per band:

    Fyringsolie, leveret, 0-1.999 liter        11,86
    Fyringsolie, leveret, 2.000-4.999 liter    11,51
    Fyringsolie, leveret, 5.000 liter og derover 11,16

A size is written the same way ("Affaldsspand, 40-60 liter"), so a description's range is
read as a band only from the shape of the rows together: two or more consecutive rows of
one item (the same item id, or the same words before the range) whose ranges follow each
other without a gap from 0 or 1, the last open or the rows three or more. Then each row is
that item's price in that band; anything else stays as written. An item number written
on the first band's row only is every band's (:func:`numbered_bands`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.contracts.patterns import AND_MORE, QTY, quantity
from extractors.types import ExtractedPriceTerm, Unit

#: what a band counts: a measure, pieces, or any word ("1-250 dispatches", "251-1.000
#: forsendelser"): the rows' shape together tells a band from a size (module doc)
_NOUN = (r"(?:liter|litre|litres|liters|l|ltr|kg|tons?|tonnes?|m²|m2|m³|m3|km|stk\.?|styk|"
         r"pieces|pcs|units|enheder|[^\W\d_]{3,})")  # fmt: skip
_AT_END = re.compile(
    rf"(?:,\s*|\s+)(?:(?P<lo>{QTY})\s*[-–]\s*(?P<hi>{QTY})\s*{_NOUN}?"
    rf"|(?P<more>{QTY})\s*{_NOUN}?\s+(?:{AND_MORE})"
    rf"|(?:over|mere\s+end|more\s+than|above)\s+(?P<over>{QTY})\s*{_NOUN}?)"
    r"(?:,?\s*(?:pr\.?|per)\s+\S+)?\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Banded:
    term: ExtractedPriceTerm
    name: str
    low: Decimal
    high: Decimal | None


def banded_descriptions(terms: list[ExtractedPriceTerm], language: str) -> None:
    """Set the band of each run of rows that are one item's bands (see the module doc),
    and drop the band from their description. In place."""
    run: list[_Banded] = []
    for term in [*terms, None]:
        found = _banded(term, language) if term is not None else None
        if found is not None and run and _same_item(run[-1], found):
            run.append(found)
            continue
        _settle(run)
        run = [found] if found is not None else []


def _banded(term: ExtractedPriceTerm, language: str) -> _Banded | None:
    if term.tier_min is not None or term.tier_max is not None:
        return None
    match = _AT_END.search(term.description)
    if match is None or match.start() == 0:
        return None
    name = term.description[: match.start()].rstrip(" ,")
    try:
        if match["lo"]:
            low, high = quantity(match["lo"], language), quantity(match["hi"], language)
        elif match["more"]:
            low, high = quantity(match["more"], language), None
        else:
            low, high = quantity(match["over"], language) + 1, None
    except (ArithmeticError, ValueError):
        return None
    if high is not None and high < low:
        return None
    return _Banded(term, name, low, high)


def _same_item(a: _Banded, b: _Banded) -> bool:
    """One item's rows: the same item id (its rows' words may differ: "Lønkørsel pr.
    stk." beside "... pr. transaktion", a wrapped cell cut), else the same words before
    the range; the same unit, or two counted ones (a piece, a transaction)."""
    if a.term.page != b.term.page:
        return False
    if a.term.unit != b.term.unit and {a.term.unit, b.term.unit} != _COUNTED:
        return False
    if a.term.item_id and b.term.item_id:
        return a.term.item_id == b.term.item_id
    return a.term.unit == b.term.unit and a.name == b.name


_COUNTED = {Unit.PIECE, Unit.TRANSACTION}


def _settle(run: list[_Banded]) -> None:
    """Bands when the run's ranges follow each other from 0 or 1 without a gap, the last
    open or three rows or more (not sizes: "40-60 liter", "80-120 liter")."""
    if len(run) < 2 or run[0].low not in (0, 1):
        return
    for before, after in zip(run, run[1:], strict=False):
        if before.high is None or after.low not in (before.high, before.high + 1):
            return
    if run[-1].high is not None and len(run) < 3:
        return
    for banded in run:
        banded.term.tier_min = banded.low
        banded.term.tier_max = banded.high
        banded.term.description = banded.name


def numbered_bands(terms: list[ExtractedPriceTerm]) -> None:
    """An item number written on the row of an item's first volume band only: the rows
    right after it without a number, with the same description, unit, page and
    currency, whose bands follow on from it without a gap, are that item's other bands
    and take its number (else a line billing the item in a later band finds no price
    for it). In place."""
    previous: ExtractedPriceTerm | None = None
    for term in terms:
        if (
            previous is not None
            and previous.item_id
            and not term.item_id
            and previous.tier_max is not None
            and term.tier_min is not None
            and term.tier_min in (previous.tier_max, previous.tier_max + 1)
            and term.description == previous.description
            and (term.unit, term.page, term.currency)
            == (previous.unit, previous.page, previous.currency)
        ):
            term.item_id = previous.item_id
        previous = term

"""Price rows: one row's cells (or one line of text) -> an ``ExtractedPriceTerm``.

A row is ``item id, description, [volume band], unit, unit price``. Reading a text
line splits it from both ends: the item id at the start, the price at the end, then
the unit and the band just before the price; what remains is the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.contracts.patterns import (
    AMOUNT_RE,
    BAND_AT_END_RE,
    BAND_RE,
    UNIT_AT_END_RE,
    amount_of,
    band_of,
    unit_of,
)
from extractors.types import Evidence, ExtractedPriceTerm, VatBasis

ITEM_ID = r"(?:[A-ZÆØÅ]{1,4}-?\d{2,6}(?:-\d+)?|\d{1,2}(?:\.\d{1,3}){1,3}|\d{2,6})"
_LINE_START_RE = re.compile(rf"^(?P<id>{ITEM_ID})\s+(?P<rest>\S.*)$")
_PRICE_AT_END_RE = re.compile(rf"\s(?P<price>{AMOUNT_RE.pattern})$")
_ID_ONLY_RE = re.compile(rf"^{ITEM_ID}$")


@dataclass(frozen=True, slots=True)
class RowContext:
    """What the rest of the page says about every row: language, currency, VAT basis."""

    language: str
    vat: VatBasis = "excl"
    currency: str = "DKK"


def looks_like_row_start(line: str) -> bool:
    """A line that opens with an item id and more text: a table row, complete or not."""
    match = _LINE_START_RE.match(line)
    return bool(match) and not re.match(r"^\d+\.?\s+[A-ZÆØÅ][a-zæøå]+ \w+$", line)


def parse_line(line: str, page: int, ctx: RowContext) -> ExtractedPriceTerm | None:
    """The price term of a one-line row, or None when the line is not a complete row."""
    start = _LINE_START_RE.match(line)
    if start is None:
        return None
    rest = start.group("rest")
    price = _PRICE_AT_END_RE.search(" " + rest)
    if price is None:
        return None
    rest = (" " + rest)[: price.start()].strip()
    unit_match = UNIT_AT_END_RE.search(rest)
    if unit_match is None:
        return None
    unit = unit_of(unit_match.group(0))
    rest = rest[: unit_match.start()].strip()
    tier_min = tier_max = None
    band = BAND_AT_END_RE.search(rest)
    if band is not None:
        band_match = BAND_RE.search(band.group(0))
        assert band_match is not None
        tier_min, tier_max = band_of(band_match, ctx.language)
        rest = rest[: band.start()].strip()
    value = amount_of(price.group("price"), ctx.language)
    if unit is None or value is None or not rest:
        return None
    return ExtractedPriceTerm(
        item_id=start.group("id"), description=rest, unit=unit, unit_price=value,
        currency=ctx.currency, vat=ctx.vat, tier_min=tier_min, tier_max=tier_max, page=page,
        confidence=0.97, evidence=Evidence(text=line, page=page),
    )  # fmt: skip


def parse_cells(cells: list[str], page: int, ctx: RowContext) -> ExtractedPriceTerm | None:
    """The price term of a table row given as cells; columns found by what they hold.

    The id is the first cell shaped like an item id, the price the last cell that is
    an amount, the unit the cell naming a unit, the band a cell naming a volume band,
    and the description the longest remaining cell.
    """
    cells = [" ".join(c.split()) for c in cells if c and c.strip()]
    if len(cells) < 3:
        return None
    joined_id = cells[0].replace(" ", "")  # an id cell wrapped mid-word: "ØS-10 10"
    item_id = joined_id if _ID_ONLY_RE.match(joined_id) else None
    rest = cells[1:] if item_id else cells
    price_index = next(
        (i for i in range(len(rest) - 1, -1, -1) if _is_amount(rest[i], ctx.language)), None
    )
    if price_index is None:
        return None
    value = amount_of(rest[price_index], ctx.language)
    others = rest[:price_index]
    unit_cell = next((c for c in reversed(others) if UNIT_AT_END_RE.search(c)), None)
    unit = unit_of(unit_cell) if unit_cell else None
    band_cell = next((c for c in others if c != unit_cell and BAND_RE.fullmatch(c)), None)
    tier_min = tier_max = None
    if band_cell:
        band_match = BAND_RE.fullmatch(band_cell)
        assert band_match is not None
        tier_min, tier_max = band_of(band_match, ctx.language)
    text_cells = [c for c in others if c not in (unit_cell, band_cell)]
    if unit is None or value is None or not text_cells:
        return None
    return ExtractedPriceTerm(
        item_id=item_id, description=max(text_cells, key=len), unit=unit, unit_price=value,
        currency=ctx.currency, vat=ctx.vat, tier_min=tier_min, tier_max=tier_max, page=page,
        confidence=0.95 if item_id else 0.85, evidence=Evidence(text=" | ".join(cells), page=page),
    )  # fmt: skip


def _is_amount(cell: str, language: str) -> bool:
    match = AMOUNT_RE.fullmatch(cell.strip())
    return match is not None and amount_of(cell, language) is not None


def page_vat(text: str) -> VatBasis:
    """``incl`` if the page quotes prices including VAT, else ``excl``."""
    incl = re.search(r"inkl\.?\s*moms|inklusive moms|incl\.?\s*VAT|including VAT", text, re.I)
    excl = re.search(r"ekskl\.?\s*moms|eksklusive moms|excl\.?\s*VAT|excluding VAT", text, re.I)
    return "incl" if incl and not excl else "excl"


def page_currency(text: str) -> str:
    return (
        "EUR" if re.search(r"\bEUR\b|€", text) and not re.search(r"\bDKK\b|kr\.", text) else "DKK"
    )


def tier_key(term: ExtractedPriceTerm) -> tuple[str | None, str, Decimal | None]:
    return (term.item_id, term.description, term.tier_min)

"""Price tables read by the role of each column, in any column order, ruled or not.

1. find a header line (two lines when the header wraps) whose cells name a price (or
   volume-band prices) and a description, item or unit (``headers.role_of``);
2. take the lines below it, up to the end of the table (a heading, a sentence across
   the table, a large gap), as the table's body; a repeated header starts a new part;
3. put the boundary between two columns where the fewest words of the body cross it;
4. group the body's lines into rows: each row has one anchor (a line with an amount
   or an item number); wrapped lines join the row they belong to by the gaps between
   lines (padded rows), or the row above (evenly spaced lines);
5. read each row's cells by their column's role (``cells.read_row``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from statistics import median

from extractors.contracts.prices.cells import (
    AGREED_PRICE,
    CURRENCY_AMOUNT,
    LIST_PRICE,
    MONEY,
    NumberStyle,
    RowCells,
    band_cell,
    is_amount,
    is_item_id,
    is_total_line,
    number_style,
    unit_in_cell,
)
from extractors.contracts.prices.headers import (
    ColumnRole,
    band_in_header,
    looks_like_band,
    role_of,
)
from extractors.contracts.prices.layout import Cell, Line, Rulings, Word, reading_order
from extractors.contracts.prices.realign import realigned_rows
from extractors.contracts.prices.rows import caption_vat, stated_currency, vat_stated

_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|§\s*\d+|[IVX]{1,5}\.|(?i:bilag|appendix|annex|schedule|exhibit"
    r"|article|section|clause|artikel|punkt|pkt\.)\s+[\dA-Z]{1,4}[.:]?)\s+[A-ZÆØÅ]"
)
_PRICE_ROLES = ("price", "tier", "total")
_BARE_BAND = re.compile(
    r"^(?:\d[\d.,]*\s*[-–]\s*\d[\d.,]*|(?:over|fra|from|above|op til|up to)\s+\d[\d.,]*|"
    r"\d[\d.,]*\s*\+)$",
    re.I,
)
_TEXT_ROLES = ("description", "item", "unit", "position", "band")


@dataclass(slots=True)
class Column:
    role: ColumnRole
    header: str
    x0: float  # the header cell's extent
    x1: float
    left: float = float("-inf")  # the column's zone
    right: float = float("inf")
    cell: Cell | None = None  # the header cell's words


@dataclass(slots=True)
class Table:
    """One table part on one page: its columns and its rows' cells."""

    page: int
    columns: list[Column]
    header_text: str
    rows: list[RowCells] = field(default_factory=list)
    #: every line of the table part: header and body
    lines: list[Line] = field(default_factory=list)
    #: the text just above the header ("Priser pr. indbygger pr. år (kr. ekskl. moms)")
    caption: str = ""
    style: NumberStyle | None = None
    bottom: float = 0.0
    #: a continuation's lines above its first row that finish the previous page's last
    #: row, as text per column
    lead: list[list[str]] = field(default_factory=list)
    #: the previous page's table goes on here (its first row may be a band of the
    #: previous page's last item)
    carries: bool = False
    #: the one currency the text just before the table says its prices are in ("Tabel
    #: 2.1 – Priser i EUR ekskl. moms", "All prices are stated in GBP"), if it says so
    currency: str | None = None


def header_at(lines: list[Line], i: int, language: str) -> tuple[list[Column], int] | None:
    """The columns of a table header starting at line ``i`` and how many lines it takes
    (a header cell may wrap over up to three lines: "Pris (kr." / "ekskl." / "moms)")."""
    line = _unglued(lines[i])
    if any(_data_like(c.text, language) for c in line.cells):
        return None
    band = _header_band(lines, i, language)
    if band is not None:
        # a spreadsheet's header row whose cells are centred one by one, each wrapped
        # over its own number of lines: its lines interleave; read as one line
        found = header_at([*lines[:i], band[0], *lines[i + band[1] + 1 :]], i, language)
        return None if found is None else (found[0], found[1] + band[1])
    cells = [part for cell in line.cells for part in _bands_apart(cell)]
    start = 1
    if len(line.cells) < 2:
        # one cell set higher than the others, its text centred on a taller header ("Pris
        # pr. enhed" / "*)" around "Pos. Ydelse Mængde Enh."): the header goes on below
        below = _unglued(lines[i + 1]) if i + 1 < len(lines) else None
        if (
            below is None
            or not line.cells
            or below.top - line.bottom >= 0.5 * max(line.height, 4.0)
            # set in larger type than the line below: the table's heading ("Bilag B
            # Vederlag" over a header of 9 points), not a header cell's first line
            or line.height > 1.25 * below.height
            or len(below.cells) < 2
            or any(_data_like(c.text, language) for c in below.cells)
            # a column of its own (a heading or caption above the table spans others'),
            # unless it is one header cell's first line ("Aftalepris inkl." over "moms")
            or _stands_over(line, below)
            or _role(line.cells[0], language) is None
        ):
            return None
        cells = _merge_cells(cells, [p for c in below.cells for p in _bands_apart(c)])
        if not _beats_alone(_columns(cells, language), below, language):
            return None  # a caption over the header ("Priser" over "Varenr."): read below
        start = 2
    best = _columns(cells, language)
    if best is not None and _quality(best) <= 0:
        best = _columns(cells, language, eager=True) or best
    if _named(best) < 2 and start == 1:
        # header cells set to the bottom of a header row, some wrapped onto two lines:
        # "Catalogue | List | Agreed price incl." over "no. | Item | Unit | price | VAT"
        below = _unglued(lines[i + 1]) if i + 1 < len(lines) else None
        if (
            below is not None
            and len(below.cells) >= 2
            and below.top - line.bottom < 0.5 * max(line.height, 4.0)
            and abs(below.height - line.height) <= 0.15 * line.height
            and not any(_data_like(c.text, language) for c in below.cells)
        ):
            merged_cells = _merge_cells(cells, [p for c in below.cells for p in _bands_apart(c)])
            merged = _columns(merged_cells, language)
            if _named(merged) >= 2 and _beats_alone(merged, below, language):
                best, cells, start = merged, merged_cells, 2
    if best is None or _named(best) < 2:
        return None
    used = start
    for k, below in enumerate(lines[i + start : i + start + 3], start=i + start):
        above = lines[i + used - 1]
        if (
            below.top - above.bottom >= 0.5 * max(above.height, 4.0)
            # the first row's wrapped cell, centred on the row's amount just below it (or
            # a line or two further down, closer together than the header to it)
            or _wraps_onto_a_row(lines, k, below.top - above.bottom)
            or any(
                is_amount(c.text) and not _ends_band(c, cells) and not _number_of_year(c, best)
                for c in below.cells
            )
            or any(
                is_item_id(c.text, in_id_column=False)
                and not _ends_band(c, cells)
                # "Hverdage kl." over "07-17": the time band's hours; "Pris Option år"
                # over "1": the year's number
                and not _hours_of_band(c, best)
                and not _number_of_year(c, best)
                and not _date_of_header(c, best)
                # "1-49 | 50-199 | Over 199" under a merged header cell: bands
                and not (looks_like_band(c.text) and _bands_line(below, cells))
                for c in below.cells
            )
        ):
            break
        merged_cells = _merge_cells(cells, below.cells)
        merged = _columns(merged_cells, language)
        if merged is not None and _quality(merged) <= 0:
            merged = _columns(merged_cells, language, eager=True) or merged
        within = len(merged_cells) == len(cells)
        if _quality(merged) > _quality(best) or (within and _quality(merged) >= _quality(best)):
            best, used, cells = merged, used + 1, merged_cells
        else:
            break
    if best is None or _quality(best) <= 0:
        return None
    # a header names its price in words, or its tiers, description or item; a wrapped
    # row's second line ("pr. år | indbyggere | DKK") names only a unit, band, currency
    words = " ".join(c.header for c in best)
    if not _NAMES_PRICE.search(words) and not {c.role.role for c in best} & _NAMING_ROLES:
        return None
    return best, used


def _wraps_onto_a_row(lines: list[Line], k: int, gap: float) -> bool:
    """Whether line ``k`` begins the first row's wrapped cell: it and the next line or
    two are set closer together than ``gap`` (the header's distance to it) down to a
    line holding an amount ("Lønkørsel pr." / "lønseddel, 0-" / "1 LS-10 pr. stk.
    7,25", a cell centred on its row)."""
    for j in range(k + 1, min(k + 4, len(lines))):
        if lines[j].top - lines[j - 1].bottom >= gap - 1.0:
            return False
        if any(is_amount(c.text) for c in lines[j].cells):
            return True
    return False


#: a note under a table, by its label: "Bemærk:", "Note:", "NB:", "Obs.:"
_NOTE = re.compile(r"^\s*(?:bemærk|bemærkning|note|nb|n\.b\.|obs|anm\.?|anmærkning|please note)"
                   r"\s*[:.!]", re.IGNORECASE)  # fmt: skip
#: hours of the day: "07-17", "17.00-22.00", "kl. 22-07"
_HOURS = re.compile(r"(?:kl\.?\s*)?\d{1,2}(?:[.:]\d{2})?\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?", re.I)


def _hours_of_band(cell: Cell, columns: list[Column] | None) -> bool:
    """Whether ``cell`` holds hours of the day under a header cell naming a time band
    ("Hverdage kl." over "07-17"): the header's second line, not a row's item number."""
    return bool(_HOURS.fullmatch(cell.text.strip())) and _under(
        cell, columns, lambda c: c.role.time_band is not None
    )


#: a header cell that ends waiting for its year's number ("Pris Option år", "Year")
_YEAR_WORD_AT_END = re.compile(r"\b(?:år|aar|year|years|optionsår)\s*$", re.IGNORECASE)


def _number_of_year(cell: Cell, columns: list[Column] | None) -> bool:
    """Whether ``cell`` holds a year's number alone under a header cell ending in "år" or
    "year" ("Pris Option år" over "1"): the header's second line, not a row's item."""
    return bool(re.fullmatch(r"\d{1,2}", cell.text.strip())) and _under(
        cell, columns, lambda c: _YEAR_WORD_AT_END.search(c.header) is not None
    )


#: a header cell that ends waiting for its day ("Ny pris pr.", "Pris til og med", "from")
_DAY_WORD_AT_END = re.compile(
    r"\b(?:pr|per|fra|from|med|til|until|to|gældende|valid|effective)\.?\s*$", re.IGNORECASE
)
_WHOLE_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}")


def _date_of_header(cell: Cell, columns: list[Column] | None) -> bool:
    """Whether ``cell`` holds a day alone under a header cell waiting for it ("Ny pris
    pr." over "01.02.2026"): the header's last line, not a row's item number."""
    return bool(_WHOLE_DATE.fullmatch(cell.text.strip())) and _under(
        cell, columns, lambda c: _DAY_WORD_AT_END.search(c.header) is not None
    )


def _under(cell: Cell, columns: list[Column] | None, header: Callable[[Column], bool]) -> bool:
    """Whether ``cell`` stands under one of the header's cells that ``header`` holds of."""
    return columns is not None and any(
        header(c) and c.x0 - 6 <= cell.x1 and cell.x0 <= c.x1 + 6 for c in columns
    )


def _header_band(lines: list[Line], i: int, language: str) -> tuple[Line, int] | None:
    """Line ``i`` with the lines below it that it overlaps in height (a header row set by
    a spreadsheet: "Leverandørens" / "varenr." beside "Varebeskrivelse" centred between
    them), merged into one line, and how many it took; None when the next line does not
    overlap it or holds data."""
    line, taken = _unglued(lines[i]), 0
    while i + taken + 1 < len(lines) and taken < 4:
        below = _unglued(lines[i + taken + 1])
        overlap = line.bottom - below.top
        if (
            overlap < 0.3 * min(line.height, below.height)
            or below.top < line.top
            or any(_data_like(c.text, language) or is_amount(c.text) for c in below.cells)
        ):
            break
        words = sorted([*line.words, *below.words], key=lambda w: w.x0)
        line = Line(words, _merge_cells(line.cells, below.cells))
        taken += 1
    return (line, taken) if taken else None


def _bands_line(line: Line, above: list[Cell]) -> bool:
    """A header line of two or more volume bands and nothing else, under a header cell
    naming the quantity bought ("Pris pr. enhed ved årligt forbrug") or counting
    ("1-49 stk."): not weight classes, hours or sizes under "Vægt (kg)" or "Kl."."""
    if len(line.cells) < 2 or not all(looks_like_band(c.text) for c in line.cells):
        return False
    if all(_COUNTED.search(c.text) for c in line.cells):
        return True
    return any(
        _BOUGHT.search(a.text) and a.x0 - 3 <= c.x0 and c.x1 <= a.x1 + 3
        for a in above
        for c in line.cells
    )


def _beats_alone(merged: list[Column] | None, lower: Line, language: str) -> bool:
    """Whether a header read with the line above it says more than the line below alone:
    more columns named, or which price is agreed and which a list price ("Agreed price
    incl." over "price"); else the line above is a caption or heading ("Priser", "Kategori:
    Kaffe og te", "Tabel 1 | Priser ekskl. moms"), not part of the header."""
    alone = _columns([p for c in lower.cells for p in _bands_apart(c)], language)
    if _quality(alone) == 0:  # the line below alone is no header: it names no price
        return _quality(merged) > 0
    if _named(merged) != _named(alone):
        return _named(merged) > _named(alone)

    def kinds(columns: list[Column] | None) -> bool:
        return any(
            c.role.role == "price"
            and (AGREED_PRICE.search(c.header) or LIST_PRICE.search(c.header))
            for c in columns or []
        )

    return kinds(merged) and not kinds(alone)


def _named(columns: list[Column] | None) -> int:
    """How many of a header's columns name a role (or a volume band)."""
    return sum(c.role.role != "other" or looks_like_band(c.header) for c in columns or [])


_NAMES_PRICE = re.compile(
    r"pris|price|beløb|amount|takst|sats|\brate\b|\bfee\b|vederlag|honorar|\bcost", re.IGNORECASE
)
_NAMING_ROLES = {"tier", "description", "item"}
_CODE = re.compile(r"\b[A-ZÆØÅ]{1,5}-?\d{2,}\b")


_COMPACT_BAND = re.compile(r"^\d[\d.,]*\s?[–-]\s?\d[\d.,]*$")


def _stands_over(upper: Line, lower: Line) -> bool:
    """Whether a one-cell line above a header line is a column of its own over the header
    (a heading or caption over the table): it stands over any of its cells, unless it is
    one header cell's first line ("Aftalepris inkl." over "moms"): over one cell only, in
    the header's type size, as close as a wrapped line."""
    cell = upper.cells[0]
    under = [c for c in lower.cells if c.x0 < cell.x1 and c.x1 > cell.x0]
    if not under:
        return False
    wrapped = (
        len(under) == 1
        and abs(upper.height - lower.height) <= 0.15 * lower.height
        and lower.top - upper.bottom <= 0.35 * lower.height
        and not (under[0].x0 < cell.x0 - 2 and under[0].x1 > cell.x1 + 2)
    )
    return not wrapped


def _bands_apart(cell: Cell) -> list[Cell]:
    """A header cell of volume bands set too close to tell apart ("0–10.000 10.001–20.000"):
    one cell per band."""
    if len(cell.words) > 1 and all(_COMPACT_BAND.match(w.text) for w in cell.words):
        return [Cell([w]) for w in cell.words]
    return [cell]


def _data_like(text: str, language: str) -> bool:
    """A cell of a data row, never of a header: an amount, a price, an item code."""
    if is_amount(text):
        return True
    if band_in_header(text, language) is not None or looks_like_band(text):
        return False
    return bool(MONEY.search(text) or _CODE.search(text))


_OPEN_BAND = re.compile(
    r"[-–]\s*$|\b(?:up to|op til|over|more than|mere end|flere end|fra|from|under|til og med)\s*$|"
    r"\d\s+(?:til|to)\s*$",  # "Fra 50 til" over "199"
    re.IGNORECASE,
)


_GLUED = re.compile(r"(?<=[a-zæøå.)])(?=[A-ZÆØÅ](?:[a-zæøå]|[A-ZÆØÅ]{1,3}\b))")


def _unglued(line: Line) -> Line:
    """Header words set so tight that their letters touch ("AfregningsenhedEnhedspris",
    "PositionVarenummer"): split where a lower-case letter meets a capitalised word, each
    part given its share of the word's width, and cut into cells again."""
    if not any(_GLUED.search(w.text) for w in line.words):
        return line
    cells: list[Cell] = []
    for cell in line.cells:
        current: list[Word] = []
        for word in cell.words:
            parts = _GLUED.split(word.text)
            width = (word.x1 - word.x0) / max(len(word.text), 1)
            x = word.x0
            for k, part in enumerate(parts):
                piece = Word(x, x + width * len(part), word.top, word.bottom, part, word.bold)
                x += width * len(part)
                if k > 0 and current:  # a glued part starts the next column's cell
                    cells.append(Cell(current))
                    current = []
                current.append(piece)
        if current:
            cells.append(Cell(current))
    unglued = Line([w for c in cells for w in c.words])
    unglued.cells = cells
    return unglued


def _ends_band(cell: Cell, above: list[Cell]) -> bool:
    """A number under a header cell that breaks off a band ("10,001 -" over "50,000")."""
    return any(
        cell.x0 < a.x1 + 2 and cell.x1 > a.x0 - 2 and _OPEN_BAND.search(a.text) for a in above
    )


def _quality(columns: list[Column] | None) -> int:
    """How well ``columns`` read as a price table header: 0 if not at all."""
    if not columns:
        return 0
    roles = [c.role.role for c in columns]
    named = sum(r != "other" for r in roles)
    if not any(r in _PRICE_ROLES for r in roles) or not any(r in _TEXT_ROLES for r in roles):
        return 0
    if named < 2 or named < 0.6 * len(columns):
        return 0
    return named


def _columns(cells: list[Cell], language: str, *, eager: bool = False) -> list[Column] | None:
    """The header cells' columns; ``eager`` splits any cell that names two roles (used
    when the header reads as none without it)."""
    columns = []
    cells = _numbers_joined(
        [part for cell in cells for part in _split_header_cell(cell, language, eager)]
    )
    for cell in cells:
        if len(cell.words) > 8 or len(cell.text) > 60:
            return None  # a sentence, not a header
        role = _role(cell, language)
        if role is None:
            if len(cell.text) > 40:
                return None
            role = ColumnRole("other")
        columns.append(Column(role, cell.text, cell.x0, cell.x1, cell=cell))
    _bands_beside_tiers(columns, language)
    _amount_beside_price(columns)
    _item_beside_number(columns)
    _bare_bands(columns, language)
    return columns


_NUMBER_WORD = re.compile(r"^(?:no|nr|number|nummer|#)\.?$", re.IGNORECASE)


def _numbers_joined(cells: list[Cell]) -> list[Cell]:
    """ "Product" | "no." set apart by a justified or scaled header: one cell."""
    out: list[Cell] = []
    for cell in cells:
        if (
            out
            and _NUMBER_WORD.match(cell.text.strip())
            and cell.x0 - out[-1].x1 < 20
            and not _NUMBER_WORD.match(out[-1].text.strip())
            and len(out[-1].words) <= 2
        ):
            out[-1] = Cell([*out[-1].words, *cell.words], bought=out[-1].bought)
            continue
        out.append(cell)
    return out


def _bare_bands(columns: list[Column], language: str) -> None:
    """Two or more header cells that are volume bands and nothing else ("1-9 | 10-49 |
    50 og derover", under "Pris pr. enhed ved ordrestørrelse"): the prices of each band."""
    # (a weight as a column's header is a pack size, "5-10 kg | 10-25 kg | Big bag", not
    # the quantity bought)
    bands = [
        (c, band_cell(c.header, language, weights=False,
                      worded=c.cell is not None and c.cell.bought))
        for c in columns
        if c.role.role == "other"
    ]  # fmt: skip
    found = [(c, b) for c, b in bands if b is not None]
    # beside bands already read as tier columns ("1-49 stk. | 50-199 stk. | 200 stk. og
    # derover"), one band is enough
    tiers = sum(c.role.role == "tier" and c.role.tier_min is not None for c in columns)
    if not found or len(found) + tiers < 2:
        return
    for column, (low, high) in found:
        column.role = ColumnRole("tier", tier_min=low, tier_max=high)


_BARE_ITEM = re.compile(r"^(?:item|vare|produkt|product)$", re.IGNORECASE)


def _item_beside_number(columns: list[Column]) -> None:
    """A column headed only "Item" beside an item-number column ("Catalogue no.") and no
    description column names the item: its description."""
    if any(c.role.role == "description" for c in columns):
        return
    items = [c for c in columns if c.role.role == "item"]
    bare = [c for c in items if _BARE_ITEM.match(c.header.strip(" .:"))]
    if len(items) >= 2 and len(bare) == 1:
        bare[0].role = ColumnRole("description")


_LINE_AMOUNT = re.compile(r"^(?:beløb|amount|sum|pris i alt|price total)\b", re.IGNORECASE)
_UNIT_PRICE = re.compile(
    r"styk|stk|enhed|unit|pr\.|per\b|à|a-pris|timepris|månedspris|årspris", re.IGNORECASE
)


def _amount_beside_price(columns: list[Column]) -> None:
    """Beside a unit price column ("Stykpris"), a column headed only "Beløb" / "Amount"
    holds each row's total, not a second price."""
    prices = [c for c in columns if c.role.role == "price"]
    if len(prices) < 2 or not any(_UNIT_PRICE.search(c.header) for c in prices):
        return
    for column in prices:
        if _LINE_AMOUNT.match(column.header) and not _UNIT_PRICE.search(column.header):
            column.role = ColumnRole("total", column.role.vat, None, column.role.currency)


def _split_header_cell(cell: Cell, language: str, eager: bool = False) -> list[Cell]:
    """Two header cells set too close to tell apart by the gap ("Forventet Enhed" over
    "antal"): split the cell where both halves name a column role, if the whole names
    none, or if the split falls in a gap clearly wider than the cell's word spaces."""
    first_top = cell.words[0].top
    first = [w for w in cell.words if abs(w.top - first_top) < 2.5]
    if len(first) < 2:
        return [cell]
    gaps = [b.x0 - a.x1 for a, b in zip(first, first[1:], strict=False)]
    whole = _role(cell, language)
    best: tuple[float, list[Cell]] | None = None
    for k, gap in enumerate(gaps):
        if whole is not None and not eager and (len(gaps) < 2 or gap < 1.8 * min(gaps)):
            continue
        cut = (first[k].x1 + first[k + 1].x0) / 2
        left = Cell([w for w in cell.words if w.center < cut])
        right = Cell([w for w in cell.words if w.center >= cut])
        if not left.words or not right.words:
            continue
        roles = (_role(left, language), _role(right, language))
        if all(r is not None and r.role != "other" for r in roles) and (
            best is None or gap > best[0]
        ):
            best = (gap, [left, right])
    return best[1] if best else [cell]


def _split_by_body(columns: list[Column], body: list[Line]) -> list[Column]:
    """Split a header cell that covers two columns of the body ("Varenummer Ydelse" over
    a column of numbers and one of text): at a gap between its words that no body word
    crosses and that has body words on both sides, when both halves name a role."""
    words = [w for line in body if len(line.cells) > 1 for w in line.words]
    out = list(columns)
    k = 0
    while k < len(out):
        split = _body_split(out[k], words, out[k + 1].x0 if k + 1 < len(out) else None)
        if split:
            out[k : k + 1] = split
        else:
            k += 1
    return out


_DANGLING = re.compile(
    r"(?:\b(?:pr|per|i|in|of|af|for|til|på|on|at|and|og|excl|ekskl|inkl|"
    r"incl)\.?|[/–-])$",
    re.IGNORECASE,
)


_LEADING = re.compile(
    r"^(?!i alt\b)(?:pr|per|i|in|of|af|for|til|på|on|at|and|og|excl|ekskl|inkl|incl)\.?(?:\s|$)",
    re.I,
)


def _body_split(column: Column, words: list, next_x0: float | None) -> list[Column] | None:  # type: ignore[type-arg]
    cell = column.cell
    if cell is None:
        return None
    first = [w for w in cell.words if abs(w.top - cell.words[0].top) < 2.5]
    right_edge = next_x0 if next_x0 is not None else float("inf")
    spans = [(w.x0, w.x1) for w in words]
    cuts = []
    for a, b in zip(first, first[1:], strict=False):
        cuts += [(a.x1 + b.x0) / 2, b.x0 - 0.5]
        for lo, hi in _channels(spans, a.center, b.center):
            cuts.append((lo + hi) / 2)
    best: tuple[float, list[Column]] | None = None
    for cut in cuts:
        if any(w.x0 < cut < w.x1 for w in words):
            continue
        before = [w.x1 for w in words if column.x0 - 5 <= w.center < cut]
        after = [w.x0 for w in words if cut <= w.center < right_edge]
        if not before or not after:
            continue
        left = Cell([w for w in cell.words if w.center < cut])
        right = Cell([w for w in cell.words if w.center >= cut])
        if _DANGLING.search(left.text) or _LEADING.match(right.text):
            continue  # "Pris pr." | "enhed": a header does not end in a preposition, nor
            # start with one ("Price per user" | "per month")
        if _NUMBER_WORD.match(right.text.split()[0] if right.text.split() else ""):
            continue  # "Product" | "no.": one header, the number of the product
        roles = (_role(left, ""), _role(right, ""))
        clearance = min(cut - max(before), min(after) - cut)
        if all(r is not None and r.role != "other" for r in roles) and (
            best is None or clearance > best[0]
        ):
            best = (clearance, [Column(r, c.text, c.x0, c.x1, cell=c)  # type: ignore[arg-type]
                                for r, c in zip(roles, (left, right), strict=True)])  # fmt: skip
    return best[1] if best else None


def _data_columns(body: list[Line]) -> list[tuple[float, float]]:
    """The body's columns as x intervals: runs of words separated by whitespace that no
    row crosses (rows with one cell, group labels and notes, are left out)."""
    words = sorted((w.x0, w.x1, w.bottom - w.top) for line in body if len(line.cells) > 1
                   for w in line.words)  # fmt: skip
    intervals: list[list[float]] = []
    for x0, x1, size in words:
        if intervals and x0 < intervals[-1][1] + 0.65 * max(size, 4.0):  # a word space
            intervals[-1][1] = max(intervals[-1][1], x1)
        else:
            intervals.append([x0, x1])
    return [(a, b) for a, b in intervals]


def _split_by_content(columns: list[Column], body: list[Line]) -> list[Column]:
    """A header cell over two or more of the body's columns ("PositionVarenummerProdukt"
    set too tight to split): each body column gets the role its content shows (running
    numbers, item codes, unit words, text); the header's own role stays with the body
    column whose content fits it."""
    data = _data_columns(body)
    if len(data) < 2:
        return columns
    mids = [(a.x1 + b.x0) / 2 for a, b in zip(columns, columns[1:], strict=False)]
    out: list[Column] = []
    for k, column in enumerate(columns):
        left = mids[k - 1] if k > 0 else float("-inf")
        right = mids[k] if k < len(mids) else float("inf")
        inside = [d for d in data if left <= (d[0] + d[1]) / 2 < right]
        if len(inside) < 2:
            out.append(column)
            continue
        roles = [_content_role(body, d) for d in inside]
        if column.role.role not in roles or None in roles or len(set(roles)) < len(roles):
            out.append(column)  # the content does not tell the columns apart: keep the header
            continue
        own = next((i for i, r in enumerate(roles) if r == column.role.role), None)
        for i, (d, role) in enumerate(zip(inside, roles, strict=True)):
            text = column.header if i == own else role
            out.append(Column(ColumnRole(role) if i != own else column.role, text, d[0], d[1]))  # type: ignore[arg-type]
    return out


def _content_role(body: list[Line], span: tuple[float, float]) -> str | None:
    """What a body column holds: running numbers, item codes, units, or text."""
    values = []
    for line in body:
        if len(line.cells) < 2:
            continue
        text = " ".join(w.text for w in line.words if span[0] - 1 <= w.center <= span[1] + 1)
        if text:
            values.append(text)
    if not values:
        return None
    if all(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", v) for v in values):
        numbers = [int(v.split(".")[0]) for v in values]
        if numbers == sorted(numbers) and numbers[0] <= 1:
            return "position"
    if all(is_item_id(v) for v in values):
        return "item"
    if sum(unit_in_cell(v) is not None for v in values) >= 0.8 * len(values) and not any(
        is_amount(v) for v in values
    ):
        return "unit"
    if all(is_amount(v) for v in values):
        return None  # numbers: quantity or price, the header must say
    return "description"


def _channels(spans: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """The intervals of ``lo..hi`` that no span covers (at least 2 points wide)."""
    found, cursor = [], lo
    for x0, x1 in sorted(s for s in spans if s[1] > lo and s[0] < hi):
        if x0 - cursor >= 2:
            found.append((cursor, x0))
        cursor = max(cursor, x1)
    if hi - cursor >= 2:
        found.append((cursor, hi))
    return found


def _role(cell: Cell, language: str) -> ColumnRole | None:
    texts = [" ".join(w.text for w in row) for row in reading_order(cell.words)]
    if any(_BROKEN_OFF.fullmatch(t) for t in texts[1:]) and texts[0][-1:].isalpha():
        # a word broken in a narrow cell, its last letters alone on the next line
        # ("Varenumme" / "r"): the word joined is the header ("vare..." read as it is
        # would name a description)
        joined = texts[0]
        for part in texts[1:]:
            joined += part if _BROKEN_OFF.fullmatch(part) else f" {part}"
        role = role_of(joined, language)
        if role is not None:
            return role
    return role_of(cell.text, language) or next(
        (r for v in _unbroken(cell) if (r := role_of(v, language)) is not None), None
    )


#: the last letters of a word broken without a hyphen, alone on their line
_BROKEN_OFF = re.compile(
    r"(?!(?:nr|no|pr|og|or|i|à|a|kr|m|l|ex|in|ud|at|on|of|to|på|af)$)[a-zæøå]{1,2}"
)


def _bands_beside_tiers(columns: list[Column], language: str) -> None:
    """A band header without its noun ("more than 1,000") beside tier columns that name
    theirs ("1-250 users") is a tier of the same noun (its noun wrapped to a next line)."""
    nouns = [m.group("noun") for c in columns if c.role.role == "tier"
             if (m := _NOUN_AT_END.search(c.header))]  # fmt: skip
    if not nouns:
        return
    for column in columns:
        if column.role.role == "other" and looks_like_band(column.header):
            band = band_in_header(f"{column.header} {nouns[0]}", language)
            if band is not None:
                column.role = ColumnRole("tier", tier_min=band[0], tier_max=band[1])


_NOUN_AT_END = re.compile(r"(?P<noun>[A-Za-zæøåÆØÅ.]+)\s*$")


def _unbroken(cell: Cell) -> list[str]:
    """A wrapped header cell's text with each line break closed or not ("Estimate" + "d"
    + "quantity" -> "Estimated quantity")."""
    texts = [" ".join(w.text for w in row) for row in reading_order(cell.words)]
    variants = []
    for mask in range(1 << max(0, len(texts) - 1)):
        text = texts[0]
        for k, part in enumerate(texts[1:]):
            text += part if mask >> k & 1 else f" {part}"
        variants.append(text)
    return variants[1:]


def _merge_cells(upper: list[Cell], lower: list[Cell]) -> list[Cell]:
    """A header wrapped over two lines: each lower cell joins the upper cell it overlaps;
    an upper cell spanning several lower ones heads each of them (:func:`_spread`)."""
    upper, lower = _spread(upper, lower)
    merged = [Cell(list(c.words), bought=c.bought) for c in upper]
    extents = [(min(w.x0 for w in c.words), max(w.x1 for w in c.words)) for c in upper]
    for cell in lower:
        over = [i for i, (x0, x1) in enumerate(extents) if cell.x0 < x1 and cell.x1 > x0]
        if len(over) == 1:  # a right-aligned wrap may reach further left than the line above
            i = over[0]
            merged[i].words = merged[i].words + list(cell.words)
            extents[i] = (min(extents[i][0], cell.x0), max(extents[i][1], cell.x1))
            continue
        if not over and all(_reach(w, x0, x1) > 12 for w in cell.words for x0, x1 in extents):
            # a cell of its own under no upper cell ("Billing unit" beside a "Price"
            # set higher): its words stay together
            merged.append(Cell(list(cell.words)))
            extents.append((cell.x0, cell.x1))
            continue
        for word in cell.words:
            # the upper cell over the word's centre, else the one it overlaps most, else
            # the nearest within reach
            distance = [_reach(word, x0, x1) for x0, x1 in extents]
            best = min(range(len(merged)), key=lambda i: distance[i])
            if distance[best] > 12:
                merged.append(Cell([word]))
                extents.append((word.x0, word.x1))
            else:
                merged[best].words = merged[best].words + [word]
                x0, x1 = extents[best]
                extents[best] = (min(x0, word.x0), max(x1, word.x1))
    for m in merged:
        m.words = [w for row in reading_order(m.words) for w in row]
    return sorted(merged, key=lambda c: c.x0)


def _spread(upper: list[Cell], lower: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """``(upper, lower)`` with each upper cell that spans two or more lower cells naming
    volume bands or prices ("Pris pr. enhed ved årligt forbrug (ekskl. moms)" over "1-49
    stk. | 50-199 stk. | 200 stk. og", "Pris ekskl. moms" over "Listepris | Nettopris")
    replaced by those lower cells, each a column of its own: a merged header cell names
    what the columns under it hold. Prices keep the VAT basis it states ("Listepris
    ekskl. moms"); a band is read alone, as a band column's header."""
    out: list[Cell] = []
    taken: set[int] = set()
    for cell in upper:
        # the lower cells it stands over and no other upper cell does (a merged cell's
        # text is centred: narrower than the columns under it)
        others = [o for o in upper if o is not cell]
        under = [
            c for c in lower
            if c.x0 < cell.x1 and c.x1 > cell.x0
            and not any(c.x0 < o.x1 and c.x1 > o.x0 for o in others)
        ]  # fmt: skip
        bands = (
            sum(looks_like_band(c.text) for c in under) >= 2
            and all(looks_like_band(c.text) or c.text[:1].isdigit() for c in under)
            # ranges are volume bands only where the quantity bought is named: over them
            # ("ved årligt forbrug", "order size") or in them ("1-49 stk."); not a weight
            # class, the hours of the day, a contract year or a size
            and (
                _BOUGHT.search(cell.text) is not None
                or all(_COUNTED.search(c.text) for c in under if looks_like_band(c.text))
            )
        )  # the last perhaps wrapped ("200 stk. og" over "derover")
        prices = _NAMES_PRICE.search(cell.text) is not None and all(
            _NAMES_PRICE.search(c.text) for c in under
        )
        if len(under) < 2 or not (bands or prices):
            out.append(cell)
            continue
        vat = [] if bands else [w for w in cell.words if _VAT_WORD.search(w.text)]
        for part in under:
            taken.add(id(part))
            width = max(1.0, part.x1 - part.x0) / (len(part.words) + len(vat))
            words = [
                Word(part.x0 + k * width, part.x0 + (k + 1) * width, w.top, w.bottom, w.text,
                     w.bold)
                for k, w in enumerate(list(part.words) + vat)
            ]  # fmt: skip
            out.append(Cell(words, bought=bands))
    return sorted(out, key=lambda c: c.x0), [c for c in lower if id(c) not in taken]


#: a header naming the quantity bought, over its volume bands
_BOUGHT = re.compile(r"forbrug|antal|mængde|ordrestørrelse|bestilling|køb|volumen|"
                     r"quantit|volume|order|purchase|consumption|usage", re.IGNORECASE)  # fmt: skip
#: a band that names what it counts ("1-49 stk.", "100-499 brugere")
_COUNTED = re.compile(r"\b(?:stk|styk|pcs|pieces?|units?|enheder|pakker?|pk|packs?|kasser?|"
                      r"boxes|brugere|users|licenser|licenses|licences|indbyggere|inhabitants|"
                      r"ordrer|orders|transaktioner|transactions|timer|hours)\b",
                      re.IGNORECASE)  # fmt: skip
#: the words of a header stating its VAT basis ("ekskl. moms", "(incl. VAT)")
_VAT_WORD = re.compile(r"^\(?(ekskl|eksklusiv|excl|excluding|inkl|inklusiv|incl|including|"
                       r"moms|vat)\b", re.IGNORECASE)  # fmt: skip


def _reach(word: Word, x0: float, x1: float) -> float:
    """How far a word is from a header cell's extent, the nearest first: the cell over
    its centre, then the cells it overlaps (by how much), then the distance from its
    centre."""
    outside = max(x0 - word.center, word.center - x1, 0.0)
    overlap = min(word.x1, x1) - max(word.x0, x0)
    if outside == 0:
        return -(word.x1 - word.x0) - 1.0
    return -overlap if overlap > 0 else outside


def body_lines(lines: list[Line], start: int, columns: list[Column], language: str = "da") -> int:
    """The index one past the table's last body line, from ``start`` on."""
    left = min(c.x0 for c in columns)
    right = max(c.x1 for c in columns)
    width = right - left
    heights = [ln.height for ln in lines[start : start + 8]] or [10.0]
    big_gap = 4.0 * median(heights) + 12
    previous = lines[start - 1]
    body_height = median(heights)
    labels: set[str] = set()  # the numbering of the group labels met ("1. Drift": "9.")
    for j in range(start, len(lines)):
        line = lines[j]
        if line.top - previous.bottom > big_gap:
            return j
        if line.height > 1.2 * body_height and not any(is_amount(c.text) for c in line.cells):
            return j  # a heading in a larger font
        if _NEW_PART.match(line.text) and not MONEY.search(line.text):
            return j  # "Bilag 4 – Servicemål og bod": another appendix begins
        if _NOTE.match(line.text):
            return j  # "Bemærk: Den anslåede kontraktsum på ...": a note under the table
        if (
            _HEADING.match(line.text)
            and not any(is_amount(c.text) for c in line.cells)
            and not CURRENCY_AMOUNT.search(line.text)  # "4 DKK pr. opslag" is a row
        ):
            numbering = re.sub(r"\d+", "9", line.words[0].text)
            if _next_is_row(lines, j, columns):
                labels.add(numbering)
            elif numbering not in labels or len(line.words) > 5:
                return j
        if (
            line.x0 < left - 25
            and not MONEY.search(line.text)
            and not (len(line.words) <= 5 and _next_is_row(lines, j, columns))
        ):
            return j  # text left of the table (not an amount, nor a label over rows)
        if _sentence_across(line, columns, width) or _prose_run(line, left, width):
            return j
        if _FOOTNOTE.match(line.text) and line.text.lstrip()[:1] in "*¹(":
            return j  # a footnote under the table ("* Priserne er inkl. moms")
        if not any(is_amount(c.text) for c in line.cells) and _next_header(lines, j, language):
            return j  # the next table's header (which names a price in words, where a
            # wrapped row's second line may hold "pr. år | indbyggere | DKK")
        previous = line
    return len(lines)


def _next_header(lines: list[Line], j: int, language: str) -> bool:
    """Whether line ``j`` heads a next table."""
    return header_at(lines, j, language) is not None


def _next_is_row(lines: list[Line], j: int, columns: list[Column]) -> bool:
    """Whether the line after ``j`` reads as a row of the table (so ``j`` labels a group
    of rows, "1. Abonnement", rather than heading the next section)."""
    if j + 1 >= len(lines):
        return False
    probe = _copy(columns)
    set_zones(probe, [])
    line = lines[j + 1]
    return is_anchor(probe, split_line(probe, line)) or is_anchor(probe, _cells_placed(probe, line))


def _cells_placed(columns: list[Column], line: Line) -> list[str]:
    """The line's text per column, whole cells placed by their centre (a header's zones
    are rough: a cell's last word may reach past them)."""
    texts: list[list[str]] = [[] for _ in columns]
    for cell in line.cells:
        texts[column_of(columns, (cell.x0 + cell.x1) / 2)].append(cell.text)
    return [" ".join(t) for t in texts]


def _prose_run(line: Line, left: float, width: float) -> bool:
    """A line of running text: a cell of many words from the table's first columns
    across most of it, no amount (a wrapped description stays in its column)."""
    return any(
        len(cell.words) >= 6 and cell.x1 - cell.x0 > 0.6 * width
        and cell.x0 < left + 0.3 * width and not MONEY.search(line.text)
        for cell in line.cells
    )  # fmt: skip


def _sentence_across(line: Line, columns: list[Column], width: float) -> bool:
    """A line of prose under the table: one cell, no amount, ending a sentence, spanning
    the middle of two or more header cells (or most of the table)."""
    if len(line.cells) != 1 or is_amount(line.cells[0].text):
        return False
    if not line.text.endswith((".", ":")) or len(line.words) < 3:
        return False
    spanned = sum(1 for c in columns if line.x0 <= (c.x0 + c.x1) / 2 <= line.x1)
    return spanned >= 2 or line.x1 - line.x0 > 0.7 * width


def set_zones(columns: list[Column], body: list[Line], borders: list[float] | None = None) -> None:
    """Boundaries between neighbouring columns: at a border drawn between their header
    cells; else in the middle of the widest channel of whitespace that no body word
    crosses; else where the fewest words cross."""
    columns.sort(key=lambda c: c.x0)
    rows = [line for line in body if len(line.cells) > 1] or body
    words = [(w.x0, w.x1) for line in rows for w in line.words]
    for a, b in zip(columns, columns[1:], strict=False):
        lo, hi = a.x0 + 2, b.x1 - 2
        gap = (a.x1, b.x0) if a.x1 < b.x0 else (b.x0 - 3, b.x0)
        gap_mid = (gap[0] + gap[1]) / 2
        drawn = [x for x in borders or () if a.x1 - 1 <= x <= b.x0 + 1]
        if drawn:
            boundary = min(drawn, key=lambda x: abs(x - gap_mid))
        elif hi <= lo or not words:
            boundary = gap_mid
        else:
            channel = _widest_channel(words, lo, hi, gap)
            if channel is not None:
                boundary = (channel[0] + channel[1]) / 2
            else:
                edges = sorted({x1 + 0.5 for _, x1 in words} | {x0 - 0.5 for x0, _ in words})
                inside = [x for x in edges if lo <= x <= hi] or [gap_mid]
                boundary = min(inside, key=lambda x: (_crossings(words, x), abs(x - gap_mid)))
        a.right = b.left = boundary


def _widest_channel(
    words: list[tuple[float, float]], lo: float, hi: float, gap: tuple[float, float]
) -> tuple[float, float] | None:
    """The widest interval of [lo, hi] that no word covers (at least 1.5 points),
    preferring those that meet ``gap``, the whitespace between the two header cells."""
    spans = sorted((max(x0, lo), min(x1, hi)) for x0, x1 in words if x1 > lo and x0 < hi)
    channels = []
    cursor = lo
    for x0, x1 in spans:
        if x0 - cursor >= 1.5:
            channels.append((cursor, x0))
        cursor = max(cursor, x1)
    if hi - cursor >= 1.5:
        channels.append((cursor, hi))
    wide = [c for c in channels if c[1] - c[0] >= 3.5] or channels  # wider than a word space
    # a channel with the body's words on both sides parts two columns of data; one with
    # none on a side only cuts a column's right-aligned numbers from their header
    between = [c for c in wide if any(x1 <= c[0] for _, x1 in spans)
               and any(x0 >= c[1] for x0, _ in spans)]  # fmt: skip
    meeting = [c for c in between or wide if c[0] <= gap[1] and c[1] >= gap[0]]
    pool = meeting or between or wide
    return max(pool, key=lambda c: c[1] - c[0]) if pool else None


def _crossings(words: list[tuple[float, float]], x: float) -> int:
    return sum(1 for x0, x1 in words if x0 < x < x1)


def column_of(columns: list[Column], x: float) -> int:
    for i, column in enumerate(columns):
        if column.left <= x < column.right:
            return i
    return len(columns) - 1 if x >= columns[-1].left else 0


def split_line(columns: list[Column], line: Line) -> list[str]:
    """The line's text per column (words placed by their centre)."""
    texts: list[list[str]] = [[] for _ in columns]
    for word in line.words:
        texts[column_of(columns, word.center)].append(word.text)
    return [" ".join(t) for t in texts]


def is_anchor(columns: list[Column], texts: list[str]) -> bool:
    """A line that holds an amount in a price column, or an item number in the id column."""
    for column, text in zip(columns, texts, strict=True):
        role = column.role.role
        if role in ("price", "tier") and is_amount(text):
            return True
        if role in ("item", "position") and is_item_id(text):
            return True
    return False


def group_rows(
    columns: list[Column], body: list[Line], row_borders: list[float] | None = None
) -> list[list[tuple[Line, list[str]]]]:
    """The body's lines grouped into rows (see the module's docstring, step 4): between
    the row borders drawn, else by the gaps between lines."""
    split = [(line, split_line(columns, line)) for line in body]
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:], strict=False)]
    drawn = [
        any(a.bottom - 2 <= y <= b.top + 2 for y in row_borders or ())
        for a, b in zip(body, body[1:], strict=False)
    ]
    threshold = None if any(drawn) else _row_gap(gaps)
    if threshold is not None and threshold <= 0 and not any(drawn):
        threshold = _past_overlaps(columns, split, gaps, threshold)
    blocks: list[list[tuple[Line, list[str]]]] = []
    for k, item in enumerate(split):
        new = k > 0 and (
            drawn[k - 1] if any(drawn) else threshold is not None and gaps[k - 1] > threshold
        )
        if not blocks or new:
            blocks.append([])
        blocks[-1].append(item)
    rows: list[list[tuple[Line, list[str]]]] = []
    for block in blocks:
        current: list[tuple[Line, list[str]]] | None = None
        lead: list[tuple[Line, list[str]]] = []
        for item in block:
            line, texts = item
            if _is_group_label(columns, line, texts, split) or (
                is_total_line(line.text) and MONEY.search(line.text)
            ):
                # a label over a group of rows, or a subtotal under one ("Subtotal
                # Delområde A | 29.737,20"): a row of its own, without a price
                rows.append([item])
                current = None
            elif (is_anchor(columns, texts) or _priceless_row(columns, texts)) and (
                current is None
                or (
                    _conflicts(columns, current, texts)
                    and not _cell_wraps(columns, current, texts, any(drawn))
                )
            ):
                current = [*lead, item]
                lead = []
                rows.append(current)
            elif current is not None:
                current.append(item)
            else:
                lead.append(item)
        if lead:
            rows.append(lead)
    return rows


def _is_group_label(
    columns: list[Column], line: Line, texts: list[str], split: list[tuple[Line, list[str]]]
) -> bool:
    """A line naming a group of rows ("Drift", "Licenser:"): bold among regular rows, or
    written in the first column when that column holds numbers, or ending with a colon."""
    filled = [i for i, t in enumerate(texts) if t]
    if not filled or is_anchor(columns, texts):
        return False
    if line.text.endswith(":"):
        return True
    if line.bold and not all(ln.bold for ln, _ in split):
        return True
    if filled != [0]:
        return False  # a label stands in the first column; a wrapped cell elsewhere
    if columns[0].role.role == "description" or is_item_id(texts[0]):
        return False
    if texts[0].rstrip().endswith("-"):
        return False  # a cell wrapped at its hyphen ("AB-" over the row's "SUB")
    # a label sits closer to the rows it heads than to the row above; a cell's wrapped
    # line sits close under its row
    k = next(i for i, (ln, _) in enumerate(split) if ln is line)
    above = line.top - split[k - 1][0].bottom if k > 0 else float("inf")
    below = split[k + 1][0].top - line.bottom if k + 1 < len(split) else float("inf")
    return above > below + 1


def _past_overlaps(
    columns: list[Column], split: list[tuple[Line, list[str]]], gaps: list[float], found: float
) -> float:
    """The rows' gap where the one found parts overlapping lines from the rest: those
    are a cell spanning several rows (its wrapped text centred between two of them, a
    volume band's rows under one item) or a cell centred on its row's line, one row's
    either way. The gap the lines that do not overlap show is the rows' own when no two
    lines that each hold a price or an item number lie closer than it (a wrapped line
    under its row does); else the one found stands (a table whose rows' cells are
    centred on the row: its overlaps are every wrapped row's, its gaps the rows')."""
    apart = _row_gap([g for g in gaps if g > 0])
    if apart is None:
        return found
    anchored = [is_anchor(columns, texts) for _, texts in split]
    for k, gap in enumerate(gaps):
        if anchored[k] and anchored[k + 1] and gap < apart:
            return found
    return apart


def _row_gap(gaps: list[float]) -> float | None:
    """The gap that separates rows when rows are padded more than their wrapped lines are
    spaced; None when lines are evenly spaced. The wrapped lines are the closest: the
    threshold lies in the first clear jump above the smallest gaps, so a few larger gaps
    (a group's space, a page's foot) do not raise it above the rows' own gap (a table
    whose cells centre their text puts a wrapped cell's lines above and below the row's
    amount, 7 points apart, its rows 14 apart, and a 20-point space before a group)."""
    if len(gaps) < 2:
        return None
    ordered = sorted(gaps)
    small = ordered[0]
    jump = max(1.5, 0.35 * abs(small) + 1.0)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if upper - lower >= jump:
            return (lower + upper) / 2
    return None


def _conflicts(columns: list[Column], row: list[tuple[Line, list[str]]], texts: list[str]) -> bool:
    """Whether an anchor line starts a new row: it states an item number or a price where
    the row already has one (an id on one line and its price on the next is one row), or
    it is a row without a price ("Returnering af emballage | -") under a priced one."""
    for i, column in enumerate(columns):
        role = column.role.role
        if role not in ("item", "position", "price", "tier") or not texts[i]:
            continue
        check = is_amount if role in ("price", "tier") else is_item_id
        if any(check(t[i]) for _, t in row):
            return True
    return False


def _cell_wraps(
    columns: list[Column], row: list[tuple[Line, list[str]]], texts: list[str], ruled: bool
) -> bool:
    """Whether a line under a row, between the same drawn row borders, is the row's cells
    wrapped in narrow columns ("QX/71/3" over "114", "DKK 14" over "380,00"), not a row:
    it has no description where the row has one, and every cell it fills the row fills
    too. (Without borders drawn a row of its own may lack a description.)"""
    if not ruled:
        return False
    described = [i for i, c in enumerate(columns) if c.role.role == "description"]
    if not described or any(texts[i] for i in described):
        return False
    if not any(t[i] for _, t in row for i in described):
        return False
    for i, text in enumerate(texts):
        if not text:
            continue
        role = columns[i].role.role
        above = [t[i] for _, t in row if t[i]]
        if role not in ("item", "position", "price", "tier") or not above:
            return False  # a band's or a quantity's own line: the item's next band
        if role in ("price", "tier") and not (
            re.search(r"(?:^|\s)\d{1,3}$", above[-1])
            and re.fullmatch(r"\d{3}(?:[.,]\d{1,2})?", text)
        ):
            return False  # a whole price of its own, not the rest of "DKK 14" / "380,00"
    return True


#: what a price cell says of an item that has no price of its own
_NO_PRICE = re.compile(
    r"^(?:[-–—]|inkluderet|inkl\.?|indeholdt|included|incl\.?|gratis|free(?: of charge)?|"
    r"efter regning|at cost|on account|ikke relevant|not applicable|n/?a|ved tilbud|"
    r"på forespørgsel|on request|uden beregning|no charge)\.?$",
    re.IGNORECASE,
)


def _priceless_row(columns: list[Column], texts: list[str]) -> bool:
    """A line of a row without a price: its own description, and a price cell saying
    there is none ("-", "Inkluderet", "At cost")."""
    described = any(t for c, t in zip(columns, texts, strict=True) if c.role.role == "description")
    return described and any(
        _NO_PRICE.match(t)
        for c, t in zip(columns, texts, strict=True)
        if c.role.role in ("price", "tier") and t
    )


def read_tables(
    lines: list[Line],
    page: int,
    language: str,
    carried: Table | None,
    rulings: Rulings | None = None,
) -> list[Table]:
    """Every price table part on one page's lines. ``carried`` is the previous page's last
    table: its columns read a continuation at the top of this page that has no header."""
    tables: list[Table] = []
    i = 0
    first_header = next(
        (k for k in range(len(lines)) if header_at(lines, k, language) is not None), None
    )
    if carried is not None:
        stop = first_header if first_header is not None else len(lines)
        start = _continuation_start(lines[:stop], carried.columns)
        if start is not None:
            lead = _carried_lead(lines[:start], carried.columns)
            first = start - (
                0 if lead else len(_wrapped_above(lines[: start + 1], carried.columns))
            )
            end = min(body_lines(lines, start + 1, carried.columns, language), stop)
            # a header left alone at the previous page's foot gave no rows to place its
            # columns by: they are placed by this page's rows, as under a header here
            table = _table(page, _copy(carried.columns), carried.header_text,
                           lines[first:end], carried.style, rulings,
                           continued=bool(carried.rows))  # fmt: skip
            table.lines = lines[min(first, start - len(lead)) : end]
            table.caption = carried.caption
            table.currency = carried.currency
            probe = _copy(carried.columns)
            table.lead = [split_line(probe, line) for line in lead]
            table.carries = True
            tables.append(table)
    while i < len(lines):
        found = header_at(lines, i, language)
        if found is None:
            i += 1
            continue
        columns, used = found
        _options_after_base(columns)
        start = i + used
        end = body_lines(lines, start, columns, language) if start < len(lines) else start
        _footnoted_vat(columns, lines[end : end + 3])
        header_text = " | ".join(c.header for c in columns)
        repeated = not tables and carried is not None and carried.header_text == header_text
        if repeated and carried is not None:  # the header repeated over a page break
            columns = _copy(carried.columns, at=columns)
        table = _table(page, columns, header_text, lines[start:end], None, rulings,
                       continued=repeated)  # fmt: skip
        table.lines = lines[i:end]
        table.caption = _caption(lines, i, language)
        _captioned_vat(columns, table.caption)
        table.carries = repeated
        since = _end_of(lines, tables[-1]) if tables else 0  # the text since a table above
        table.currency = stated_currency(" ".join(ln.text for ln in lines[since:i]))
        if table.currency is None and repeated and carried is not None:
            table.currency = carried.currency
        tables.append(table)
        i = max(end, start)
    return tables


def _options_after_base(columns: list[Column]) -> None:
    """Option years counted after the base term's last year the header names ("År 1 |
    År 2 | Option år 1 | Option år 2": years 1 to 4; "År 1 | År 2 | Option år 3": an
    option year counted as a contract year), in place; left as they are when no
    column names a year of the base term (the term's length is then not in the table)."""
    base = [c.role.contract_year + c.role.contract_years - 1 for c in columns
            if c.role.contract_year and not c.role.option_year]  # fmt: skip
    if not base:
        return
    for column in columns:
        counted = column.role.contract_year
        if column.role.option_year and counted:
            # "Option år 3" after "År 2": the contract's third year, counted as such
            year = max(base) + counted if counted <= max(base) else counted
            column.role = replace(column.role, contract_year=year, option_year=False)


def _end_of(lines: list[Line], table: Table) -> int:
    """The index in ``lines`` just after the table's last line."""
    if not table.lines:
        return 0
    last = table.lines[-1]
    return next((k + 1 for k, line in enumerate(lines) if line is last), 0)


_FOOTNOTE = re.compile(r"^\s*(?:\*+|¹|\(\*\))\s*\)?\s*\S")


def _footnoted_vat(columns: list[Column], after: list[Line]) -> None:
    """A price column whose header carries an asterisk ("Pris*") takes the VAT basis its
    footnote under the table states ("* Priserne er inkl. moms"), where the header itself
    states none: the table's own, over what the page says of prices in general."""
    marked = [c for c in columns if c.role.role in ("price", "tier") and c.role.vat is None
              and "*" in c.header]  # fmt: skip
    if not marked:
        return
    for line in after:
        if _FOOTNOTE.match(line.text):
            vat = vat_stated(line.text)
            if vat is not None:
                for column in marked:
                    column.role = replace(column.role, vat=vat)
            return


def _captioned_vat(columns: list[Column], caption: str) -> None:
    """Price columns stating no VAT basis take the one their table's caption states ("The
    following prices are VAT inclusive:", "Priserne i denne tabel er inkl. moms")."""
    vat = caption_vat(caption) if caption else None
    if vat is None:
        return
    for column in columns:
        if column.role.role in ("price", "tier") and column.role.vat is None:
            column.role = replace(column.role, vat=vat)


def _caption(lines: list[Line], header: int, language: str = "da") -> str:
    """Up to two lines just above the header, close to it and to each other, up to a row
    or the header of a table above (its unit, its VAT are its own)."""
    found: list[str] = []
    below = lines[header]
    for k in range(header - 1, max(-1, header - 3), -1):
        line = lines[k]
        if below.top - line.bottom > 2.5 * max(line.height, 4.0):
            break
        if (
            any(is_amount(c.text) for c in line.cells)
            or _FOOTNOTE.match(line.text)  # the table above's footnote
            or header_at(lines, k, language)
        ):
            break
        found.insert(0, line.text)
        below = line
    return " ".join(found)


def _copy(columns: list[Column], at: list[Column] | None = None) -> list[Column]:
    """The columns (their roles as decided), at the positions of ``at`` when given."""
    if at is not None and len(at) == len(columns):
        return [
            Column(c.role, c.header, a.x0, a.x1, cell=a.cell)
            for c, a in zip(columns, at, strict=True)
        ]
    return [Column(c.role, c.header, c.x0, c.x1, c.left, c.right, c.cell) for c in columns]


def _zoned_copy(columns: list[Column]) -> list[Column]:
    """A copy of a carried table's columns with zones to split this page's lines by."""
    probe = _copy(columns)
    if len(probe) < 2 or probe[0].right == float("inf"):
        set_zones(probe, [])
    return probe


#: the heading of another appendix or annex ("Bilag 3 – Prisregulering", "Appendix 4
#: Service levels", "Annex B"): a table of the previous page does not go on past it
_NEW_PART = re.compile(
    r"^\s*(?:bilag|underbilag|appendiks|appendix|annex|annexe|schedule|anlage|attachment)"
    r"\s+(?:\d{1,2}|[A-H]|[IVX]{1,4})\b(?!\s*[.,]\d)",
    re.IGNORECASE,
)


def _continuation_start(lines: list[Line], columns: list[Column]) -> int | None:
    """The first line at the top of a page that reads as a row of the carried table."""
    probe = _zoned_copy(columns)
    for k, line in enumerate(lines[:20]):
        if _NEW_PART.match(line.text):
            return None  # "Bilag 3 – Prisregulering": another part begins, not the table
        if _one_run_across(line, probe):
            return None  # a sentence ("For X betaler Kunden kr. 1.210,00"): prose again
        if is_anchor(probe, split_line(probe, line)):
            return k
        if k >= 6 and len(_carried_lead(lines[: k + 1], columns)) <= k:
            return None  # not the wrapped end of the row above the page break
    return None


def _one_run_across(line: Line, columns: list[Column]) -> bool:
    """A line of words set as one run across the middles of two columns or more: a
    sentence, whatever amount it names (a table's row sets its amount apart)."""
    if len(line.cells) != 1 or len(line.words) < 6:
        return False
    return sum(1 for c in columns if line.x0 <= (c.x0 + c.x1) / 2 <= line.x1) >= 2


def _wrapped_above(lines: list[Line], columns: list[Column]) -> list[Line]:
    """The lines just above a continuation's first row (the last of ``lines``' end) that
    are its own cells wrapped around it ("1-99" above the row, "transaktioner" below: a
    cell centred on the row): set as close as a wrapped line, holding no amount and no
    heading, filling only cells the row leaves empty."""
    if len(lines) < 2:
        return []
    probe = _zoned_copy(columns)
    row = lines[-1]
    empty = {i for i, t in enumerate(split_line(probe, row)) if not t}
    found: list[Line] = []
    below = row
    for line in reversed(lines[:-1]):
        if below.top - line.bottom > 0.6 * max(line.height, 4.0):
            break
        filled = {i for i, t in enumerate(split_line(probe, line)) if t}
        if (
            not filled
            or not filled <= empty
            or MONEY.search(line.text)
            or _HEADING.match(line.text)
        ):
            break
        found.insert(0, line)
        below = line
    return found


def _carried_lead(lines: list[Line], columns: list[Column]) -> list[Line]:
    """The lines above a continuation's first row that finish the previous page's last
    row (a row broken over the page): short text standing in the table's text columns
    and reaching down to that first row; empty when anything else stands there."""
    if not lines:
        return []
    probe = _zoned_copy(columns)
    text = [i for i, c in enumerate(probe) if c.role.role in ("description", "unit", "other")]
    for line in lines:
        texts = split_line(probe, line)
        filled = [i for i, t in enumerate(texts) if t]
        if not filled or any(i not in text for i in filled) or _HEADING.match(line.text):
            return []
        if MONEY.search(line.text):
            return []
    return lines


def _wrapped(parts: Iterable[str]) -> str:
    """A cell's lines as one text: a word wrapped at its hyphen joins again
    ("fragrance-" / "free"), as does a code ("AB-" / "SUB"); a suspended one stays
    ("Social- og sundhedshjælper")."""
    text = ""
    for part in parts:
        part = part.strip()
        if re.search(r"\w-$", text) and part[:1].islower() and not _SUSPENDED.match(part):
            text += part
        elif re.search(r"(?:^|\s)[A-Z0-9]+-$", text) and re.fullmatch(
            r"[A-Z0-9][A-Z0-9./-]*", part
        ):
            text += part  # an item number wrapped at its hyphen: "AB-" / "SUB"
        elif (
            re.search(r"[a-zæøå]{4}$", text)
            and re.fullmatch(r"[a-zæøå]{1,2}", part)
            and part not in _SHORT_WORDS
        ):
            # a long word broken in a narrow cell, its last letters on the next line
            # ("Projektlederassisten" / "t")
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


#: words of one or two letters, which a cell's line may end or begin with
_SHORT_WORDS = frozenset({
    "i", "å", "ø", "og", "af", "på", "en", "et", "ej", "om", "at", "or", "of", "a", "to", "in",
    "on", "by", "is", "as", "an", "pr", "m", "l", "g", "kg", "km", "mm", "cm", "ml", "cl",
    "dl", "md", "år",
})  # fmt: skip
#: the word after a suspended hyphen: "Social- og sundhedshjælper", "pre- and post-"
_SUSPENDED = re.compile(r"(?:og|eller|samt|and|or|to|til)\b", re.IGNORECASE)


def _table(page: int, columns: list[Column], header: str, body: list[Line],
           style: NumberStyle | None, rulings: Rulings | None = None,
           continued: bool = False) -> Table:  # fmt: skip
    vertical = rulings.vertical if rulings else []
    borders = sorted({r.x for r in vertical for ln in body[:3] if r.crosses(ln.top, ln.bottom)})
    inner = [x for x in borders if columns[0].x0 + 5 < x < max(c.x1 for c in columns) - 5]
    if not inner and not continued:  # a continuation keeps its header page's columns
        columns[:] = _split_by_content(_split_by_body(columns, body), body)
    zoned = len(columns) > 1 and columns[0].right != float("inf")
    if not (continued and zoned):
        set_zones(columns, body, borders)
    row_borders = rulings.rows_between(columns[0].x0, columns[-1].x1) if rulings and body else []
    table = Table(page, columns, header, bottom=body[-1].bottom if body else 0.0)
    priced = [i for i, c in enumerate(columns) if c.role.role in ("price", "tier", "total")]
    texts = [t[i] for line in body for t in [split_line(columns, line)] for i in priced]
    table.style = style or number_style(texts)
    for group in group_rows(columns, body, row_borders):
        cells = [_wrapped(t[i] for _, t in group if t[i]) for i in range(len(columns))]
        table.rows.append(RowCells(cells=cells, lines=[line for line, _ in group]))
    ruled = body and any(body[0].top < y < body[-1].bottom for y in row_borders)
    if not ruled and _read_rows(columns, table.rows) < _money_rows(table.rows):
        realigned = realigned_rows(columns, body)
        if realigned is not None and _read_rows(columns, realigned) > _read_rows(
            columns, table.rows
        ):
            table.rows = realigned
    if not continued:  # a continuation keeps the row numbering its header's page decided
        _position_or_item(table)
    _quantity_or_band(table)
    return table


def _read_rows(columns: list[Column], rows: list[RowCells]) -> int:
    """Rows whose every filled number cell holds one number (or a quantity column's
    band) and whose item cell holds an item number (rows that read as the header says)."""
    numbers = [i for i, c in enumerate(columns) if c.role.role in (*_PRICE_ROLES, "quantity")]
    money = [i for i, c in enumerate(columns) if c.role.role in _PRICE_ROLES]
    items = [i for i, c in enumerate(columns) if c.role.role == "item"]
    # a quantity column may hold volume bands ("10 to 49 units"): one band is one number
    ranges = {i for i, c in enumerate(columns) if c.role.role == "quantity"}
    count = 0
    for row in rows:
        if not any(row.cells[i] for i in money):
            continue
        count += all(
            is_amount(row.cells[i]) or (i in ranges and band_cell(row.cells[i], "da") is not None)
            for i in numbers
            if row.cells[i]
        ) and all(is_item_id(row.cells[i]) for i in items if row.cells[i])
    return count


def _money_rows(rows: list[RowCells]) -> int:
    return sum(any(CURRENCY_AMOUNT.search(c) or is_amount(c) for c in row.cells) for row in rows)


def _quantity_or_band(table: Table) -> None:
    """A column headed "Antal" whose cells are volume bands ("0-500 brugere") is a band."""
    for column in table.columns:
        if column.role.role not in ("quantity", "other", "description"):
            continue
        i = table.columns.index(column)
        values = [row.cells[i] for row in _priced_rows(table) if row.cells[i]]
        if values and all(band_in_header(v, "da") or _BARE_BAND.match(v) for v in values):
            column.role = ColumnRole("band")


def _priced_rows(table: Table) -> list[RowCells]:
    """The rows with a unit price (a total row, "I alt", has only a total)."""
    priced = [i for i, c in enumerate(table.columns) if c.role.role in ("price", "tier")]
    return [row for row in table.rows if any(is_amount(row.cells[i]) for i in priced)]


def _position_or_item(table: Table) -> None:
    """A column headed "Pos." holds row numbers (1, 2, 3 ...) or, when the table has no
    other item column, item numbers ("AB-1234", "101"): then it is the item column."""
    roles = [c.role.role for c in table.columns]
    if "item" in roles or "position" not in roles:
        return
    i = roles.index("position")
    values = [row.cells[i].rstrip(".") for row in _priced_rows(table) if row.cells[i]]
    if not values:
        return
    if all(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", v) for v in values):
        numbers = [tuple(int(p) for p in v.split(".")) for v in values]
        # row numbers 1, 2, 3 ... or 1.1, 1.2, 2.1 ..., perhaps restarting at 1 per group
        running = all(a < b or b == (1,) for a, b in zip(numbers, numbers[1:], strict=False))
        if running and numbers[0][0] <= 1:
            return
    column = table.columns[i]
    column.role = ColumnRole("item", column.role.vat, column.role.unit, column.role.currency)

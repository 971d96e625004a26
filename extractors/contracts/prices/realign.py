"""Rows of a table whose columns do not keep their positions from row to row.

A price list typed in a fixed-width font, or set with tab stops that a long cell pushes
along, keeps its columns in the same order on every row but not at the same x: the
header's cells stand over nothing in particular, and a word of one row's description
may sit where the next row's quantity is. Such a table is read by order instead of
position: each row's first line (its anchor) splits at the gaps wider than a word space
into as many cells as the header has columns, cell *k* belonging to column *k*; the
lines wrapped under it add their words to the text column (description, unit) whose
cells start nearest to the left of each word.

``realigned_rows`` is tried only when the positional reading left rows with an amount
unread, and used only when it reads more of them (``columns._table``).
"""

from __future__ import annotations

import re
from itertools import combinations
from statistics import median
from typing import TYPE_CHECKING

from extractors.contracts.prices.cells import MONEY, RowCells, is_amount, is_item_id
from extractors.contracts.prices.layout import Line, Word

if TYPE_CHECKING:
    from extractors.contracts.prices.columns import Column

_MONEY_ROLES = ("price", "tier", "total")
_NUMBER_ROLES = ("price", "tier", "total", "quantity")
_ID_ROLES = ("item", "position")


def realigned_rows(columns: list[Column], body: list[Line]) -> list[RowCells] | None:
    """The body's rows read by column order, or None when its anchors do not split into
    the header's columns (at least two rows, and most of those with an amount)."""
    roles = [c.role.role for c in columns]
    if len(columns) < 3 or not any(r in _MONEY_ROLES for r in roles):
        return None
    space = _word_space(body)
    split = [_cells(line.words, space) for line in body]
    for k, cells in enumerate(split):
        if len(cells) < len(columns) and _has_money(body[k]):
            split[k] = _split_to_fit(cells, roles)
    fitting = [
        k for k, cells in enumerate(split)
        if len(cells) == len(columns) and _fits(cells, roles)
    ]  # fmt: skip
    priced = [k for k, line in enumerate(body) if _has_money(line)]
    if len(fitting) < 2 or len(fitting) < 0.6 * len(priced):
        return None
    starts = [min(split[k][i][0].x0 for k in fitting) for i in range(len(columns))]
    ends = [max(split[k][i][-1].x1 for k in fitting) for i in range(len(columns))]
    text_columns = [i for i, r in enumerate(roles) if r not in _NUMBER_ROLES and r not in _ID_ROLES]
    if not text_columns:
        return None
    rows: list[RowCells] = []
    current: list[list[str]] | None = None
    current_lines: list[Line] = []
    for k, line in enumerate(body):
        if k in fitting:
            current = [[" ".join(w.text for w in cell)] for cell in split[k]]
            current_lines = [line]
            rows.append(RowCells([], current_lines))
        elif _has_money(line) or current is None:
            # an amount outside the columns' order (a total, a row not understood) stands
            # on its own row, and so does text above the first row
            current = _placed(split[k], starts, roles, text_columns)
            current_lines = [line]
            rows.append(RowCells([], current_lines))
        elif _is_label(line, starts, ends, roles):
            current = None
            rows.append(RowCells([line.text] + [""] * (len(columns) - 1), [line]))
            continue
        else:
            for i, texts in enumerate(_placed(split[k], starts, roles, text_columns)):
                current[i] += texts
            current_lines.append(line)
        rows[-1].cells = [" ".join(t for t in texts if t) for texts in current]
    return rows


def _word_space(body: list[Line]) -> float:
    """The width of a word space: the median character width (a fixed-width font's space
    is one character; a proportional font's is narrower, which errs on the safe side)."""
    widths = [(w.x1 - w.x0) / len(w.text) for line in body for w in line.words if len(w.text) > 2]
    return median(widths) if widths else 5.0


_GLUED_AMOUNT = re.compile(r"^(?P<word>[^\W\d]{3,}\.?)(?P<amount>\d[\d.,]*(?:,-)?)$")


def _unglued(words: list[Word]) -> list[Word]:
    """Words with an amount run into them by a cell too narrow ("engangsbeløb417.581,40")
    split in two, each with its share of the box."""
    out = []
    for word in words:
        match = _GLUED_AMOUNT.match(word.text)
        if match is None or not is_amount(match["amount"]):
            out.append(word)
            continue
        cut = word.x0 + (word.x1 - word.x0) * len(match["word"]) / len(word.text)
        out.append(Word(word.x0, cut, word.top, word.bottom, match["word"], word.bold))
        out.append(Word(cut, word.x1, word.top, word.bottom, match["amount"], word.bold))
    return out


def _split_to_fit(cells: list[list[Word]], roles: list[str]) -> list[list[Word]]:
    """A row whose neighbouring cells touch (a quantity run up to its unit, "98.000 pr."):
    split cells where a number meets a word, if that makes the row fit the columns."""
    missing = len(roles) - len(cells)
    points = [
        (c, w) for c, cell in enumerate(cells) for w in range(1, len(cell))
        if is_amount(cell[w - 1].text) != is_amount(cell[w].text)
    ]  # fmt: skip
    if not 0 < missing <= len(points) or len(points) > 8:
        return cells
    for chosen in combinations(points, missing):
        out: list[list[Word]] = []
        for c, cell in enumerate(cells):
            cuts = [0, *sorted(w for cc, w in chosen if cc == c), len(cell)]
            out += [cell[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        if _fits(out, roles):
            return out
    return cells


def _cells(words: list[Word], space: float) -> list[list[Word]]:
    """The line's words split where the gap is wider than one and a half word spaces."""
    cells: list[list[Word]] = []
    for word in _unglued(words):
        if cells and word.x0 - cells[-1][-1].x1 <= 1.5 * space:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _fits(cells: list[list[Word]], roles: list[str]) -> bool:
    """A row's cells fit the columns: an amount under every money column, an item
    number under the item column, and no amount under a text column."""
    for cell, role in zip(cells, roles, strict=True):
        text = " ".join(w.text for w in cell)
        if role in _MONEY_ROLES and not is_amount(text):
            return False
        if role == "item" and not is_item_id(text):
            return False
        if role in ("description", "unit") and is_amount(text):
            return False
    return True


def _has_money(line: Line) -> bool:
    """A line stating a sum of money (not a bare count or a clause number)."""
    return MONEY.search(line.text) is not None


def _is_label(line: Line, starts: list[float], ends: list[float], roles: list[str]) -> bool:
    """A group label ("Licenser og vedligehold"): text starting in the first column when
    that column holds item or row numbers, which a wrapped cell never does."""
    if roles[0] not in _ID_ROLES or _has_money(line):
        return False
    first = line.words[0]
    near_start = first.x0 < starts[0] + 0.5 * (starts[1] - starts[0])
    numbered = len(line.words) > 1  # "2. Drift"; a lone number may be a wrapped id
    return near_start and first.x0 <= ends[0] and (numbered or not is_item_id(first.text))


def _placed(
    cells: list[list[Word]], starts: list[float], roles: list[str], text_columns: list[int]
) -> list[list[str]]:
    """A wrapped line's words per column: numbers under the number column they stand in,
    words under the text column whose cells start nearest to their left."""
    out: list[list[str]] = [[] for _ in roles]
    for cell in cells:
        x0 = cell[0].x0
        text = " ".join(w.text for w in cell)
        if is_amount(text):
            i = max((i for i, s in enumerate(starts) if s <= x0 + 2), default=0)
        else:
            tolerance = 2.5 * ((cell[0].x1 - cell[0].x0) / max(len(cell[0].text), 1))
            left = [i for i in text_columns if starts[i] <= x0 + tolerance]
            i = left[-1] if left else text_columns[0]
        out[i].append(text)
    return out

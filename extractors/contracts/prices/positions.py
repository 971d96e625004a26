"""Table rows rebuilt from text positions (pypdfium2), for rows whose cells wrap.

pdfium reports each cell line as its own text run with a box. A row starts at a run
in the item-id column that is an item id; every run below it, up to the next row,
belongs to the row. Read column by column (left to right, each column top to
bottom), a row's runs give the same text as an unwrapped row:
``id description [band] unit price``, which ``rows.parse_line`` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from extractors.contracts.pdf import PAGE_NUMBER, PdfText, Segment
from extractors.contracts.prices.rows import ITEM_ID, RowContext, parse_line
from extractors.types import Evidence, ExtractedPriceTerm

_ID_CELL = re.compile(rf"^{ITEM_ID}$")
_SAME_COLUMN = 6.0  # points: runs starting this close are in one column
_SAME_LINE = 2.5  # points: runs whose tops are this close are on one line


@dataclass(slots=True)
class Rows:
    """The rows read, and how many rows (item ids in the id column) could not be read."""

    terms: list[ExtractedPriceTerm] = field(default_factory=list)
    unread: int = 0


def positioned_rows(document: PdfText, page: int, ctx: RowContext) -> Rows:
    """The page's price rows read from pdfium's text positions."""
    return rows_from_segments(document.segments(page), page, ctx)


def rows_from_segments(segments: list[Segment], page: int, ctx: RowContext) -> Rows:
    """Price rows from positioned text runs (one run per cell line)."""
    starts = _row_starts(segments)
    rows = Rows()
    if not starts:
        return rows
    segments = [s for s in segments if not PAGE_NUMBER.match(s.text)]
    for i, start in enumerate(starts):
        end = (
            starts[i + 1].top - _SAME_LINE if i + 1 < len(starts) else _table_end(starts, segments)
        )
        cells = [
            s for s in segments if start.top - _SAME_LINE <= s.top < end and s.x0 >= start.x0 - 1
        ]
        term = parse_line(_reading_order(cells), page, ctx)
        if term is None:
            rows.unread += 1
            continue
        box = (round(min(s.x0 for s in cells), 1), round(min(s.top for s in cells), 1),
               round(max(s.x1 for s in cells), 1), round(max(s.bottom for s in cells), 1))  # fmt: skip
        text = term.evidence.text if term.evidence else ""
        term.evidence = Evidence(text=text, page=page, bbox=box)
        term.confidence = min(term.confidence, 0.95)
        rows.terms.append(term)
    return rows


def _table_end(starts: list[Segment], segments: list[Segment]) -> float:
    """Where the last row ends: at the first run below it that starts left of the id
    column or in it without being an id (a paragraph after the table), and at most
    one and a half of the tallest row below its top."""
    last = starts[-1]
    pitches = [b.top - a.top for a, b in zip(starts, starts[1:], strict=False)]
    end = last.top + 1.5 * max([median(pitches) * 2, *pitches] if pitches else [40.0])
    below = [s.top for s in segments if s.top > last.top + _SAME_LINE
             and (s.x0 < last.x0 - 1 or abs(s.x0 - last.x0) <= _SAME_COLUMN)]  # fmt: skip
    return min([end, *below])


def _row_starts(segments: list[Segment]) -> list[Segment]:
    """Item-id runs in the leftmost column that holds item ids, top to bottom."""
    ids = [s for s in segments if _ID_CELL.match(s.text)]
    if not ids:
        return []
    column = min(s.x0 for s in ids)
    starts = [s for s in ids if abs(s.x0 - column) <= _SAME_COLUMN]
    return sorted(starts, key=lambda s: s.top)


def _reading_order(cells: list[Segment]) -> str:
    """The runs' text column by column, each column top to bottom."""
    columns: list[list[Segment]] = []
    for cell in sorted(cells, key=lambda s: s.x0):
        if columns and cell.x0 - columns[-1][0].x0 <= _SAME_COLUMN:
            columns[-1].append(cell)
        else:
            columns.append([cell])
    ordered = [s for column in columns for s in sorted(column, key=lambda s: s.top)]
    return " ".join(s.text for s in ordered)

"""Tables read with pdfplumber, for the pages whose rows do not read as single lines.

Ruled tables (the page has ruling lines) use pdfplumber's table finder; unruled
ones are rebuilt from pdfplumber's word positions, as ``positions`` does from pdfium's. pdfplumber is imported lazily and opened once per document,
only when a page needs it.
"""

from __future__ import annotations

import io
from typing import Any

from extractors.contracts.pdf import Segment
from extractors.contracts.prices.positions import rows_from_segments
from extractors.contracts.prices.rows import RowContext, parse_cells
from extractors.errors import CorruptPdf
from extractors.types import Evidence, ExtractedPriceTerm

_WORD_GAP = 4.0  # points: words closer than this on a line are one cell


def _segments(words: list[dict[str, Any]]) -> list[Segment]:
    """pdfplumber's words joined into runs: neighbours on a line closer than a space."""
    runs: list[Segment] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        last = runs[-1] if runs else None
        if last and abs(w["top"] - last.top) < 2 and 0 <= w["x0"] - last.x1 < _WORD_GAP:
            runs[-1] = Segment(
                last.x0,
                last.top,
                w["x1"],
                max(last.bottom, w["bottom"]),
                f"{last.text} {w['text']}",
            )
        else:
            runs.append(Segment(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]))
    return runs


class PlumberDocument:
    """A lazily opened pdfplumber document over the same bytes."""

    def __init__(self, data: bytes, filename: str) -> None:
        self._data = data
        self._filename = filename
        self._pdf: Any = None
        self.pages_opened = 0

    def page(self, number: int) -> Any:
        if self._pdf is None:
            import pdfplumber

            try:
                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            except Exception as exc:  # pdfminer raises many unrelated types on bad input
                raise CorruptPdf(
                    f"pdfplumber cannot open the PDF: {exc}", file=self._filename
                ) from exc
        self.pages_opened += 1
        return self._pdf.pages[number - 1]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def table_rows(plumber: PlumberDocument, number: int, ctx: RowContext) -> list[ExtractedPriceTerm]:
    """Every price row in the tables of page ``number``, with cell bounding boxes."""
    page = plumber.page(number)
    if not (page.lines or page.rects):
        return rows_from_segments(_segments(page.extract_words()), number, ctx).terms
    tables = page.find_tables()
    terms: list[ExtractedPriceTerm] = []
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            term = parse_cells([c or "" for c in cells], number, ctx)
            if term is None:
                continue
            x0, top, x1, bottom = row.bbox
            text = term.evidence.text if term.evidence else ""
            bbox = (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
            term.evidence = Evidence(text=text, page=number, bbox=bbox)
            terms.append(term)
    return terms

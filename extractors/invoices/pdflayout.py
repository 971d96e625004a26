"""Where words sit on a PDF page: text lines rebuilt from word boxes, and the value
printed under a column label ("Fakturanr. Fakturadato" above "1042 15-01-2026").

Contract: :func:`layout_lines` turns pdfplumber words into text lines (words joined
by one space, top to bottom, left to right) plus a :class:`Layout` that knows each
word's horizontal span; :meth:`Layout.below` returns the words of the next line
that sit under a span of characters of a line, or None. Pure: no PDF library here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Word = tuple[str, float, float]  # text, x0, x1
LINE_TOLERANCE = 3.0  # points: words whose tops differ less share a line
COLUMN_SLACK = 6.0


@dataclass(frozen=True, slots=True)
class Layout:
    """The words of each text line, in the order of the line's text."""

    rows: list[list[Word]]

    def below(self, line: int, start: int, end: int) -> str | None:
        """The words of line ``line + 1`` under characters ``start:end`` of ``line``."""
        if line + 1 >= len(self.rows) or line >= len(self.rows):
            return None
        header = self.rows[line]
        spans = _char_spans(header)
        covered = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
        if not covered:
            return None
        x0 = header[covered[0]][1] - COLUMN_SLACK
        nxt = covered[-1] + 1
        x1 = header[nxt][1] if nxt < len(header) else header[covered[-1]][2] + 200
        picked = [w for w, a, b in self.rows[line + 1] if x0 <= (a + b) / 2 < x1]
        return " ".join(picked) or None


def _char_spans(words: list[Word]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for text, _, _ in words:
        spans.append((pos, pos + len(text)))
        pos += len(text) + 1
    return spans


def layout_lines(pages: Iterable[list[Mapping[str, object]]]) -> tuple[list[str], Layout]:
    """Text lines and their layout from each page's pdfplumber ``extract_words()``."""
    texts: list[str] = []
    rows: list[list[Word]] = []
    for words in pages:
        ordered = sorted(words, key=lambda w: (_num(w, "top"), _num(w, "x0")))
        current: list[Word] = []
        top = None
        for w in ordered:
            text = str(w.get("text", "")).strip()
            if not text:
                continue
            if top is not None and abs(_num(w, "top") - top) > LINE_TOLERANCE:
                _flush(current, texts, rows)
                current = []
            if not current:
                top = _num(w, "top")
            current.append((text, _num(w, "x0"), _num(w, "x1")))
        _flush(current, texts, rows)
    return texts, Layout(rows)


def _flush(current: list[Word], texts: list[str], rows: list[list[Word]]) -> None:
    if current:
        current.sort(key=lambda w: w[1])
        texts.append(" ".join(w[0] for w in current))
        rows.append(current)


def _num(word: Mapping[str, object], key: str) -> float:
    value = word.get(key, 0.0)
    return float(value) if isinstance(value, int | float) else 0.0

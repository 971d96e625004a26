"""Positioned words -> lines -> cells: the geometry a price table is read from.

Words come from pdfplumber (``x0, x1, top, bottom, text, fontname``). A line is the
words whose tops are within a small tolerance; a cell is a run of words on a line
separated by less than a column gap (about half the font size).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SAME_LINE = 2.5  # points between the tops of words on one line


@dataclass(frozen=True, slots=True)
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    bold: bool = False
    #: the type size the PDF sets the word in (points; 0 when not known)
    size: float = 0.0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Ruling:
    """A vertical line drawn on the page (a table's column border), top-left origin."""

    x: float
    top: float
    bottom: float

    def crosses(self, top: float, bottom: float) -> bool:
        middle = (top + bottom) / 2
        return self.top - 1 <= middle <= self.bottom + 1


@dataclass(slots=True)
class Cell:
    words: list[Word]
    #: a header cell under a merged cell naming the quantity bought ("Pris pr. enhed ved
    #: årligt forbrug" over "Fra 1 til 49"): its band may be written in words
    bought: bool = False

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Line:
    """One line of words, left to right."""

    words: list[Word]
    cells: list[Cell] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


def words_of(plumber_words: list[dict[str, Any]]) -> list[Word]:
    return [
        Word(
            float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), w["text"],
            "bold" in str(w.get("fontname", "")).lower(),
        )
        for w in plumber_words
        if w["text"].strip()
    ]  # fmt: skip


#: between glyphs placed one by one, the widest gap inside a word (points): their loose
#: boxes abut inside a word (a gap of ~0) and leave a space's width between words (~2.4
#: at 10 points)
_GLYPH_GAP = 1.0


def pdfium_words(textpage: Any, height: float) -> list[Word]:
    """The page's words from pdfium's characters and their boxes (top-left origin).

    A word ends at white space, at a jump back or down (a new line), or at a gap wider
    than a third of the font size between two characters.
    """
    import ctypes

    import pypdfium2.raw as raw

    name = ctypes.create_string_buffer(128)
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    words: list[Word] = []
    chars: list[tuple[float, float, float, float]] = []
    letters: list[str] = []
    bold = False
    size = 0.0

    def flush() -> None:
        if letters:
            x0 = min(c[0] for c in chars)
            x1 = max(c[2] for c in chars)
            top = height - max(c[3] for c in chars)
            bottom = height - min(c[1] for c in chars)
            words.append(Word(x0, x1, top, bottom, "".join(letters), bold, size))
        chars.clear()
        letters.clear()

    # a break pdfium made up between two characters (not in the PDF): some producers
    # place every glyph on its own, and pdfium then ends a line after each one ("B\r\ni\r
    # \nl..."); whether the word goes on is then the characters' own geometry's to say
    generated = False
    for k in range(min(count, len(text))):
        ch = text[k]
        if ch in "\x02\ufffe":  # a hyphen pdfium marks as the end of a line
            ch = "-"
        if ch.isspace() or ch == "\x00":
            if ch in "\r\n" and raw.FPDFText_IsGenerated(textpage.raw, k) == 1:
                generated = True
            else:
                flush()
            continue
        box = textpage.get_charbox(k, loose=True)
        if chars:
            last = chars[-1]
            size = max(last[3] - last[1], 4.0)
            gap = box[0] - last[2]
            if (
                box[0] < last[0] - 1
                or abs(box[1] - last[1]) > size * 0.6
                or gap > size / 3
                or (generated and gap > max(_GLYPH_GAP, size / 10))
            ):
                flush()
        elif generated:
            flush()
        generated = False
        if not chars:
            bold = _is_bold(raw, textpage, k, name)
            size = float(raw.FPDFText_GetFontSize(textpage.raw, k))
        chars.append(box)
        letters.append(ch)
    flush()
    return words


@dataclass(frozen=True, slots=True)
class Rulings:
    """The borders drawn on a page: vertical ones (column borders) and the heights of
    horizontal ones (row borders) with their horizontal extent."""

    vertical: list[Ruling] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # y, x0, x1

    def rows_between(self, x0: float, x1: float) -> list[float]:
        """The heights of horizontal borders that span most of ``x0..x1``."""
        width = max(x1 - x0, 1.0)
        return sorted({y for y, a, b in self.horizontal if min(b, x1) - max(a, x0) > 0.5 * width})


def page_rulings(page: Any, height: float) -> Rulings:
    """The borders drawn on a pdfium page: thin lines, and the edges of rectangles
    (table cells drawn as boxes)."""
    vertical: set[tuple[float, float, float]] = set()
    horizontal: set[tuple[float, float, float]] = set()
    for obj in page.get_objects():
        if obj.type != 2:  # FPDF_PAGEOBJ_PATH
            continue
        left, bottom, right, top = obj.get_bounds()
        y0, y1 = round(height - top, 1), round(height - bottom, 1)
        if top - bottom >= 4 and right - left < 4:
            vertical.add((round((left + right) / 2, 1), y0, y1))
        elif top - bottom < 4 and right - left >= 4:
            horizontal.add((round((y0 + y1) / 2, 1), round(left, 1), round(right, 1)))
        elif top - bottom >= 4:
            vertical |= {(round(left, 1), y0, y1), (round(right, 1), y0, y1)}
            horizontal |= {
                (y0, round(left, 1), round(right, 1)),
                (y1, round(left, 1), round(right, 1)),
            }
    return Rulings([Ruling(x, a, b) for x, a, b in sorted(vertical)], sorted(horizontal))


def _is_bold(raw: Any, textpage: Any, index: int, name: Any) -> bool:
    """Bold by the font's weight, or by its name ("Helvetica-Bold", "Arial,Bold")."""
    import ctypes

    if raw.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
    return bool(re.search(rb"bold|black|heavy|semibold|demi", name.value, re.IGNORECASE))


def lines_of(words: list[Word], rulings: list[Ruling] | None = None) -> list[Line]:
    """Words grouped into lines, top to bottom, each cut into cells (at column gaps, and
    at the vertical borders drawn across the line)."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and _on_line(word, lines[-1].words[0]):
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        borders = [r.x for r in rulings or () if r.crosses(line.top, line.bottom)]
        line.cells = cells_of(line.words, borders)
    return lines


def reading_order(words: list[Word]) -> list[list[Word]]:
    """The words in lines, top to bottom, each line left to right (lines as
    :func:`lines_of` groups them)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and _on_line(word, rows[-1][0]):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _on_line(word: Word, first: Word) -> bool:
    """Whether ``word`` stands on the line ``first`` opened: their tops level, or (a
    producer giving each word a box as tall as its own letters, "om" lower than
    "Rammeaftale" in a 22-point title) most of the shorter one's height shared."""
    if abs(word.top - first.top) <= _SAME_LINE:
        return True
    shared = min(word.bottom, first.bottom) - max(word.top, first.top)
    shorter = min(word.bottom - word.top, first.bottom - first.top)
    return shorter > 0 and shared >= 0.8 * shorter


def cells_of(words: list[Word], borders: list[float] | None = None) -> list[Cell]:
    """Runs of words closer than a column gap: about the font's height (justified text
    spaces its words up to half of that)."""
    cells: list[Cell] = []
    for word in words:
        size = max(word.bottom - word.top, 4.0)
        last = cells[-1].x1 if cells else 0.0
        previous = cells[-1].words[-1].x0 if cells else 0.0
        # a border between two words splits them, even where the text overflows its cell
        bordered = any(previous + 1 < x <= word.x0 + 1 for x in borders or ())
        if cells and word.x0 - last < 0.9 * size and not bordered:
            cells[-1].words.append(word)
        else:
            cells.append(Cell([word]))
    return cells

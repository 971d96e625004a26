"""Drawing a `Table` block: ruled grids, rules between rows, a box, or whitespace only.

Rows never split across pages; a table that runs over a page break continues on the
next page, with its header repeated when the table asks for it. In `rules="spaces"`
mode each row is one line of text padded with spaces (a monospaced font is used), as in
price lists pasted from a plain-text system.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from .blocks import Row, Table, wrap


def draw_table(w: Any, t: Table) -> None:
    """Lay `t` out on writer `w` from its current position (see render._Writer)."""
    if t.rules == "spaces":
        _draw_spaced(w, t)
        return
    _Grid(w, t).draw()


class _Grid:
    def __init__(self, w: Any, t: Table):
        self.w, self.t, self.s, self.c = w, t, w.s, w.c
        self.size = t.size or max(7.0, w.s.size - 1)
        self.leading = self.size * 1.22
        self.family = t.family
        self.regular = w.s.font("regular", t.family)
        self.bold = w.s.font(t.header_font, t.family)
        self.widths = _fit_widths(
            t, w.width, lambda text: stringWidth(text, self.bold, self.size) + 2 * t.pad
        )
        self.xs = [w.s.left + sum(self.widths[:i]) for i in range(len(self.widths) + 1)]

    def _cells(self, row: Row) -> list[list[str]]:
        pad = self.t.pad
        if row.kind == "section":
            return [wrap(row.cells[0], self.bold, self.size, self.w.width - 2 * pad)]
        font = self.bold if row.kind == "total" else self.regular
        return [
            wrap(text, font, self.size, self.widths[i] - 2 * pad) if text else []
            for i, text in enumerate(row.cells)
        ]

    def _height(self, cells: list[list[str]]) -> float:
        return max([len(lines) for lines in cells] + [1]) * self.leading + 2 * self.t.pad

    def draw(self) -> None:
        t, w = self.t, self.w
        header = [
            wrap(col.header, self.bold, self.size, self.widths[i] - 2 * t.pad)
            for i, col in enumerate(t.columns)
        ]
        first = self._height(self._cells(t.rows[0])) if t.rows else 0
        w._room(self._height(header) + first + self.leading)
        self.seg_top = w.y
        self._header(header)
        for row in t.rows:
            cells = self._cells(row)
            height = self._height(cells)
            if w.y - height < self.s.bottom:
                self._close()
                w._new_page()
                if t.continued:
                    self.c.setFont(self.s.font("italic"), self.size)
                    w.y -= self.leading
                    self.c.drawString(self.s.left, w.y, t.continued)
                    w.y -= self.leading * 0.6
                self.seg_top = w.y
                if t.repeat_header:
                    self._header(header)
            self._row(row, cells, height)
        self._close()
        w.y -= self.s.para_gap + 6

    def _text(self, cells: list[list[str]], top: float, font: str, header: bool) -> None:
        t, c = self.t, self.c
        c.setFont(font, self.size)
        for i, lines in enumerate(cells):
            align = t.columns[i].align if (not header or t.header_align_numbers) else "left"
            for n, line in enumerate(lines):
                y = top - t.pad - self.size * 0.82 - n * self.leading
                if align == "right":
                    x = self.xs[i + 1] - t.pad - stringWidth(line, font, self.size)
                elif align == "center":
                    middle = (self.xs[i] + self.xs[i + 1]) / 2
                    x = middle - stringWidth(line, font, self.size) / 2
                else:
                    x = self.xs[i] + t.pad
                c.drawString(x, y, line)

    def _header(self, header: list[list[str]]) -> None:
        t, c, w = self.t, self.c, self.w
        height = self._height(header)
        top = w.y
        if t.header_fill is not None:
            c.setFillGray(t.header_fill)
            c.rect(self.xs[0], top - height, self.xs[-1] - self.xs[0], height, stroke=0, fill=1)
            c.setFillGray(0)
        self._text(header, top, self.bold, header=True)
        c.setLineWidth(0.6)
        if t.rules in ("grid", "horizontal"):
            c.line(self.xs[0], top, self.xs[-1], top)
        if t.rules in ("grid", "horizontal", "box"):
            c.line(self.xs[0], top - height, self.xs[-1], top - height)
        if t.rules == "grid":
            for x in self.xs:
                c.line(x, top, x, top - height)
        w.y -= height

    def _row(self, row: Row, cells: list[list[str]], height: float) -> None:
        t, c, w = self.t, self.c, self.w
        top = w.y
        font = self.regular if row.kind == "item" else self.bold
        self._text(cells, top, font, header=False)
        c.setLineWidth(0.4 if t.rules == "grid" else 0.25)
        if t.rules in ("grid", "horizontal"):
            c.line(self.xs[0], top - height, self.xs[-1], top - height)
        if t.rules == "grid":
            edges = [self.xs[0], self.xs[-1]] if row.kind == "section" else self.xs
            for x in edges:
                c.line(x, top, x, top - height)
        w.y -= height

    def _close(self) -> None:
        if self.t.rules == "box":
            self.c.setLineWidth(0.6)
            self.c.rect(
                self.xs[0], self.w.y, self.xs[-1] - self.xs[0], self.seg_top - self.w.y, stroke=1
            )


def _draw_spaced(w: Any, t: Table) -> None:
    s, c = w.s, w.c
    size = t.size or max(7.0, s.size - 1)
    font, bold = "Courier", "Courier-Bold"
    char_w = stringWidth("M", font, size)
    total_chars = int(w.width / char_w)
    fitted = _fit_widths(t, total_chars - 2 * len(t.columns), lambda text: len(text))
    widths = [max(4, int(x)) for x in fitted]
    leading = size * 1.25

    def lines_of(cells: list[str], kind: str) -> list[str]:
        if kind == "section":
            return [cells[0]]
        wrapped = [_char_wrap(text, widths[i]) for i, text in enumerate(cells)]
        out = []
        for n in range(max(len(x) for x in wrapped)):
            parts = []
            for i, lines in enumerate(wrapped):
                text = lines[n] if n < len(lines) else ""
                just = text.rjust if t.columns[i].align == "right" else text.ljust
                parts.append(just(widths[i]))
            out.append("  ".join(parts).rstrip())
        return out

    def emit(line: str, face: str) -> None:
        w._room(leading)
        w.y -= leading
        c.setFont(face, size)
        c.drawString(s.left, w.y, line)

    header = lines_of([col.header for col in t.columns], "item")
    w._room(leading * (len(header) + 2))
    for line in header:
        emit(line, bold)
    w.y -= leading * 0.4
    for row in t.rows:
        lines = lines_of(row.cells, row.kind)
        w._room(leading * len(lines))
        for line in lines:
            emit(line, font if row.kind == "item" else bold)
    w.y -= s.para_gap + 6


def _char_wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _fit_widths(t: Table, total: float, measure: Callable[[str], float]) -> list[float]:
    """Column widths by share, widened so no amount (right-aligned cell) has to wrap; the
    other columns give up the room in proportion."""
    share = sum(col.width for col in t.columns)
    widths = [col.width / share * total for col in t.columns]
    fixed = set()
    for i, col in enumerate(t.columns):
        if col.align != "right":
            continue
        cells = [row.cells[i] for row in t.rows if row.kind != "section" and row.cells[i]]
        need = max((measure(c) for c in cells), default=0)
        if need > widths[i]:
            widths[i] = need
            fixed.add(i)
    free = [i for i in range(len(widths)) if i not in fixed]
    excess = sum(widths) - total
    room = sum(widths[i] for i in free)
    if excess > 0 and room > 0:
        for i in free:
            widths[i] -= excess * widths[i] / room
    return widths

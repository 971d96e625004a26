"""A small page writer on reportlab's canvas: blocks in, PDF bytes out.

Layouts describe a document as a list of blocks (paragraphs, numbered headings, a table
of contents, ruled or whitespace-aligned tables, signature blocks) plus a `Style` (font
family, sizes, margins, running header and footer). `render` lays them out twice: the
first pass finds the page of every heading and the page count, the second prints the
table of contents and "Side x af y" with the real numbers. Output is byte-for-byte
deterministic (invariant mode: fixed dates and document id).
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .blocks import (
    PAGE_H,
    PAGE_W,
    Block,
    Heading,
    PageBreak,
    Para,
    Signatures,
    Space,
    Style,
    Table,
    Toc,
    wrap,
)
from .tables import draw_table


def render(blocks: list[Block], style: Style) -> tuple[bytes, int]:
    """The PDF bytes and the page count; the TOC and "x af y" carry the real numbers."""
    heading_pages: list[int] | None = None
    total: int | None = None
    for _ in range(4):
        writer = _Writer(style, heading_pages, total)
        writer.run(blocks)
        if writer.heading_pages == heading_pages and writer.page == total:
            return writer.finish(), writer.page
        heading_pages, total = writer.heading_pages, writer.page
    raise RuntimeError("page layout did not settle")


def count_pages(blocks: list[Block], style: Style) -> int:
    """The page count `render` would give, from one layout pass."""
    writer = _Writer(style, None, None)
    writer.run(blocks)
    return writer.page


class _Writer:
    def __init__(self, style: Style, heading_pages: list[int] | None, total: int | None):
        self.s = style
        self.hint = heading_pages
        self.total = total
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=A4, invariant=1, pageCompression=1)
        if style.title:
            self.c.setTitle(style.title)
        self.c.setAuthor("")
        self.c.setCreator("")
        self.page = 0
        self.y = 0.0
        self.heading_pages: list[int] = []
        self.width = PAGE_W - style.left - style.right
        self._new_page()

    # pages -------------------------------------------------------------------------
    def _new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.y = PAGE_H - self.s.top
        if self.page > 1 or self.s.furniture_on_first:
            self._furniture()

    def _furniture(self) -> None:
        s, c = self.s, self.c
        size = max(7.0, s.size - 2)
        c.setFont(s.font(), size)
        top = PAGE_H - s.top + size + 14
        if s.header:
            c.drawString(s.left, top, s.header)
        if s.header_right:
            c.drawRightString(PAGE_W - s.right, top, s.header_right)
        if s.header_rule and (s.header or s.header_right):
            c.setLineWidth(0.5)
            c.line(s.left, top - 4, PAGE_W - s.right, top - 4)
        if s.footer:
            text = s.footer.format(page=self.page, total=self.total or 99)
            base = s.bottom - size - 16
            if s.footer_align == "right":
                c.drawRightString(PAGE_W - s.right, base, text)
            else:
                c.drawCentredString(s.left + self.width / 2, base, text)

    def _room(self, height: float) -> None:
        if self.y - height < self.s.bottom:
            self._new_page()

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()

    # blocks ------------------------------------------------------------------------
    def run(self, blocks: list[Block]) -> None:
        self.toc_entries = [b for b in blocks if isinstance(b, Heading) and b.in_toc]
        for block in blocks:
            if isinstance(block, Para):
                self._para(block)
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Toc):
                self._toc(block)
            elif isinstance(block, PageBreak):
                self._new_page()
            elif isinstance(block, Space):
                self.y -= block.height
            elif isinstance(block, Table):
                draw_table(self, block)
            elif isinstance(block, Signatures):
                self._signatures(block)

    def _para(self, p: Para) -> None:
        s, c = self.s, self.c
        size = p.size or s.size
        font = s.font(p.font, p.family)
        leading = size * s.leading
        label_w = (
            max(p.label_width, stringWidth(p.label, font, size) + size * 0.6) if p.label else 0
        )
        x0 = s.left + p.indent + label_w
        width = self.width - p.indent - label_w
        # lines broken by hand (address blocks) are never stretched
        justify = s.justify and "\n" not in p.text
        align = p.align or ("justify" if justify else "left")
        lines = wrap(p.text, font, size, width)
        for i, line in enumerate(lines):
            self._room(leading)
            self.y -= leading
            c.setFont(font, size)
            if i == 0 and p.label:
                c.drawString(s.left + p.indent, self.y, p.label)
            w = stringWidth(line, font, size)
            if align == "center":
                c.drawString(x0 + (width - w) / 2, self.y, line)
            elif align == "right":
                c.drawString(x0 + width - w, self.y, line)
            elif align == "justify" and i < len(lines) - 1:
                gaps = line.count(" ")
                space = (width - w) / gaps if gaps else 0
                c.drawString(x0, self.y, line, wordSpace=space if space < size else 0)
            else:
                c.drawString(x0, self.y, line)
        self.y -= s.para_gap if p.space_after is None else p.space_after

    def _heading(self, h: Heading) -> None:
        s, c = self.s, self.c
        if h.new_page and self.y < PAGE_H - s.top - 1:
            self._new_page()
        size = s.heading_sizes[min(h.level, 3) - 1]
        font = s.font("bold")
        gap = size * 0.9
        self._room(gap + size * 1.3 + 3 * s.size * s.leading)
        self.y -= gap
        self.heading_pages.append(self.page)
        text_x = s.left
        if h.number:
            number_w = stringWidth(h.number, font, size)
            text_x = s.left + max(s.heading_gap, number_w + size * 0.6)
        width = PAGE_W - s.right - text_x
        for i, line in enumerate(wrap(h.text, font, size, width)):
            self.y -= size * 1.25
            c.setFont(font, size)
            if h.align == "center":
                full = f"{h.number} {line}" if h.number and i == 0 else line
                c.drawCentredString(s.left + self.width / 2, self.y, full)
                continue
            if i == 0 and h.number:
                c.drawString(s.left, self.y, h.number)
            c.drawString(text_x, self.y, line)
        self.y -= size * 0.45

    def _toc(self, toc: Toc) -> None:
        s, c = self.s, self.c
        self._heading(Heading(toc.title, in_toc=False))
        self.heading_pages.pop()  # the TOC's own title is not an entry
        font = s.font()
        size = s.size
        leading = size * s.leading * 1.1
        widest = max((stringWidth(e.number or "", font, size) for e in self.toc_entries), default=0)
        number_width = max(toc.number_width, widest + 10)
        for index, entry in enumerate(self.toc_entries):
            if entry.level > toc.max_level:
                continue
            page = str(self.hint[index]) if self.hint else "00"
            indent = (entry.level - 1) * 14
            x_number = s.left + indent
            x_text = x_number + (number_width if entry.number else 0)
            right = PAGE_W - s.right
            lines = wrap(entry.text, font, size, right - 30 - x_text)
            for i, line in enumerate(lines):
                self._room(leading)
                self.y -= leading
                c.setFont(font, size)
                if i == 0 and entry.number:
                    c.drawString(x_number, self.y, entry.number)
                c.drawString(x_text, self.y, line)
            end = x_text + stringWidth(lines[-1], font, size) + 4
            number_w = stringWidth(page, font, size)
            if toc.leader:
                dot_w = stringWidth(toc.leader, font, size)
                count = int((right - number_w - 4 - end) / dot_w)
                c.drawString(end, self.y, toc.leader * max(count, 0))
            c.drawRightString(right, self.y, page)
        self.y -= s.para_gap * 2

    def _signatures(self, sig: Signatures) -> None:
        s, c = self.s, self.c
        size = s.size
        leading = size * s.leading
        rows = max(len(a) + len(b) for a, b in sig.blocks)
        lines_above = max(len(a) for a, _ in sig.blocks)
        self._room(rows * leading + 50)
        col_w = self.width / max(len(sig.blocks), 1)
        top = self.y
        for n, (above, below) in enumerate(sig.blocks):
            x = s.left + n * col_w
            y = top
            c.setFont(s.font(), size)
            for line in above:
                y -= leading
                c.drawString(x, y, line)
            y = top - lines_above * leading - 36
            c.setLineWidth(0.6)
            c.line(x, y, x + col_w - 24, y)
            for line in below:
                y -= leading
                c.drawString(x, y, line)
            self.y = min(self.y, y)
        self.y -= s.para_gap * 2

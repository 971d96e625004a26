"""An fpdf2 document with the typographic habits of one contract drafter.

`Style` is drawn once per document (font, sizes, margins, heading habits); `ContractPDF`
offers the building blocks contracts are made of: title, headings, paragraphs with
hanging numbers, tables with fpdf2's own `table()`, two columns and signature blocks.
Creation date and producer are fixed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout

CORE_FAMILIES = ("helvetica", "times", "courier")
TTF_DIR = Path("/usr/share/fonts/truetype/dejavu")
TTF_FAMILIES = {
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
    "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "DejaVuSansCondensed": (
        "DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Oblique",
    ),
}  # fmt: skip


def ttf_available() -> bool:
    """True when the DejaVu TrueType fonts are installed (Debian's fonts-dejavu-core)."""
    return all((TTF_DIR / f"{files[0]}.ttf").is_file() for files in TTF_FAMILIES.values())


@dataclass(frozen=True)
class Style:
    family: str
    size: float
    leading: float  # line height in mm per point of font size
    margins: tuple[float, float, float, float]  # left, top, right, bottom in mm
    justify: bool
    caps_headings: bool
    table_size: float
    heading_fill: bool


def pick_style(rng: random.Random, *, ttf: bool = False) -> Style:
    """A drafter's habits. `ttf` asks for a TrueType family (falls back to a core font
    when none is installed, so the text stays the same)."""
    # both are drawn either way, so that a machine without the TrueType fonts draws the
    # same document (same text and truth), only in a core font
    ttf_family, core_family = rng.choice(tuple(TTF_FAMILIES)), rng.choice(CORE_FAMILIES)
    family = ttf_family if ttf and ttf_available() else core_family
    size = rng.choice((9.5, 10, 10.5, 11, 11.5, 12))
    if family == "courier":
        size = min(size, 10)
    return Style(
        family=family,
        size=size,
        leading=rng.choice((0.42, 0.46, 0.5)),
        margins=(
            rng.choice((18, 20, 25, 30)),
            rng.choice((15, 20, 25)),
            rng.choice((15, 18, 20, 25)),
            rng.choice((15, 18, 22)),
        ),
        justify=rng.random() < 0.5,
        caps_headings=rng.random() < 0.3,
        table_size=min(size, rng.choice((8, 8.5, 9, 9.5))),
        heading_fill=rng.random() < 0.5,
    )


class ContractPDF(FPDF):
    """An A4 contract. `running_header` (left, right) is printed on every page but the
    first; `footer_format` is formatted with `page` ({nb} is the page count)."""

    def __init__(
        self,
        style: Style,
        *,
        created: dt.date,
        running_header: tuple[str, str] | None = None,
        footer_format: str | None = None,
        metadata_title: str | None = None,
        header_on_first_page: bool = False,
    ) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.st = style
        self.running_header = running_header
        self.header_on_first_page = header_on_first_page
        self.footer_format = footer_format
        if style.family in TTF_FAMILIES:
            regular, bold, italic = TTF_FAMILIES[style.family]
            self.add_font(style.family, "", str(TTF_DIR / f"{regular}.ttf"))
            self.add_font(style.family, "B", str(TTF_DIR / f"{bold}.ttf"))
            self.add_font(style.family, "I", str(TTF_DIR / f"{italic}.ttf"))
        left, top, right, bottom = style.margins
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, margin=bottom + (6 if footer_format else 0))
        self.set_creation_date(dt.datetime.combine(created, dt.time(9, 30), dt.UTC))
        self.set_producer("fpdf2")
        if metadata_title:
            self.set_title(metadata_title)
        self.alias_nb_pages()
        self.add_page()
        self.font()

    # -- page furniture ---------------------------------------------------------------
    def header(self) -> None:
        if not self.running_header or (self.page_no() == 1 and not self.header_on_first_page):
            return
        left, right = self.running_header
        self.set_font(self.st.family, "", 8)
        width = self.epw / 2
        self.set_y(8)
        self.cell(width, 4, left, align="L")
        self.cell(width, 4, right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        self.set_y(max(self.t_margin, 16))
        self.font()

    def footer(self) -> None:
        if not self.footer_format:
            return
        self.set_y(-12)
        self.set_font(self.st.family, "", 8)
        self.cell(0, 5, self.footer_format.format(page=self.page_no()), align="C")

    # -- text -------------------------------------------------------------------------
    def font(self, size: float | None = None, style: str = "") -> None:
        self.set_font(self.st.family, style, size or self.st.size)

    @property
    def line_h(self) -> float:
        return self.font_size_pt * self.st.leading

    def gap(self, lines: float = 0.6) -> None:
        self.ln(self.line_h * lines)

    def title_block(self, lines: Sequence[str], *, size: float = 16, align: str = "C") -> None:
        """The contract's title, one printed line per entry."""
        self.gap(1.5)
        for i, line in enumerate(lines):
            self.font(size if i == 0 else size - 3, "B")
            self.multi_cell(0, self.line_h * 1.1, line, align=align, new_x="LMARGIN", new_y="NEXT")
        self.font()
        self.gap(1.5)

    def heading(self, text: str, *, level: int = 1) -> None:
        if level == 1 and self.st.caps_headings:
            text = text.upper()
        size = self.st.size + (2 if level == 1 else 0.5)
        if self.will_page_break(self.line_h * 4):
            self.add_page()
        self.gap(0.8 if level == 1 else 0.3)
        self.font(size, "B")
        self.multi_cell(0, self.line_h, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.font()
        self.gap(0.3)

    def para(
        self, text: str, *, indent: float = 0, style: str = "", align: str | None = None
    ) -> None:
        self.font(style=style)
        self.set_x(self.l_margin + indent)
        mode = align or ("J" if self.st.justify else "L")
        self.multi_cell(0, self.line_h, text, align=mode, new_x="LMARGIN", new_y="NEXT")
        self.font()
        self.gap(0.4)

    def numbered(
        self, label: str, text: str, *, indent: float = 0, label_width: float = 12
    ) -> None:
        """A paragraph with a hanging number or letter: '4.1', '(a)', '§ 5'."""
        if self.will_page_break(self.line_h * 2):
            self.add_page()
        self.font()
        self.set_x(self.l_margin + indent)
        self.cell(label_width, self.line_h, label)
        mode = "J" if self.st.justify else "L"
        self.multi_cell(0, self.line_h, text, align=mode, new_x="LMARGIN", new_y="NEXT")
        self.gap(0.4)

    def lines(self, rows: Sequence[str], *, style: str = "", align: str = "L") -> None:
        """Short lines printed one under the other (an address block)."""
        self.font(style=style)
        for row in rows:
            self.multi_cell(0, self.line_h, row, align=align, new_x="LMARGIN", new_y="NEXT")
        self.font()

    def columns(
        self, left: Sequence[str], right: Sequence[str], *, bold_first: bool = True
    ) -> None:
        """Two blocks of lines side by side (parties on page 1, signature blocks)."""
        width = self.epw / 2 - 4
        top = self.get_y()
        if self.will_page_break(self.line_h * (max(len(left), len(right)) + 1)):
            self.add_page()
            top = self.get_y()
        bottoms = []
        for x, block in ((self.l_margin, left), (self.l_margin + self.epw / 2 + 4, right)):
            self.set_xy(x, top)
            for i, row in enumerate(block):
                self.font(style="B" if bold_first and i == 0 else "")
                self.set_x(x)
                self.multi_cell(width, self.line_h, row, align="L", new_x="LEFT", new_y="NEXT")
            bottoms.append(self.get_y())
        self.set_xy(self.l_margin, max(bottoms))
        self.font()
        self.gap()

    # -- tables -----------------------------------------------------------------------
    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | dict[str, object]]],
        *,
        widths: Sequence[float],
        aligns: Sequence[str],
        borders: str = "ALL",
        repeat_header: bool = True,
        size: float | None = None,
    ) -> None:
        """A table through fpdf2's `table()`. A row is a list of cell texts, or dicts with
        `text` and optionally `colspan`, `rowspan`, `bold` (group subtitles, total rows).
        `widths` are relative; a column is widened (and the font made smaller if need be)
        so that no word or amount is ever broken inside."""
        size = size or self.st.table_size
        fitted = self._fit(header, rows, widths, size)
        while fitted is None:
            size -= 0.5
            if size < 5:
                raise ValueError(f"table {list(header)} does not fit the page")
            fitted = self._fit(header, rows, widths, size)
        self.font(size)
        fill = (225, 225, 225) if self.st.heading_fill else None
        heading = FontFace(emphasis="BOLD", fill_color=fill)
        with self.table(
            col_widths=tuple(fitted),
            width=self.epw,
            borders_layout=getattr(TableBordersLayout, borders),
            headings_style=heading,
            repeat_headings=1 if repeat_header else 0,
            line_height=self.line_h * 1.05,
            text_align="LEFT",
            padding=(1, 1.2),
            v_align="TOP",
        ) as table:
            top = table.row()
            for title, align in zip(header, aligns, strict=True):
                top.cell(title, align=align)
            for spec in _placed(rows):
                row = table.row()
                for column, cell in spec:
                    if isinstance(cell, dict):
                        row.cell(
                            str(cell["text"]),
                            align=str(cell.get("align", aligns[column])),
                            colspan=int(cell.get("colspan", 1)),  # type: ignore[call-overload]
                            rowspan=int(cell.get("rowspan", 1)),  # type: ignore[call-overload]
                            style=FontFace(emphasis="BOLD") if cell.get("bold") else None,
                        )
                    else:
                        row.cell(cell, align=aligns[column])
        self.font()
        self.gap()

    def _fit(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | dict[str, object]]],
        widths: Sequence[float],
        size: float,
    ) -> list[float] | None:
        """Absolute column widths (mm) at font `size` in which every word fits, or None."""
        pad = 2 * 1.2 + 1.5
        need = [0.0] * len(widths)
        cells: list[tuple[int, str, str]] = [(i, t, "B") for i, t in enumerate(header)]
        for spec in _placed(rows):
            for column, cell in spec:
                if isinstance(cell, str):
                    cells.append((column, cell, ""))
                elif int(cell.get("colspan", 1)) == 1:  # type: ignore[call-overload]
                    cells.append((column, str(cell["text"]), "B" if cell.get("bold") else ""))
        for column, text, style in cells:
            self.set_font(self.st.family, style, size)
            longest = max((self.get_string_width(w) for w in text.split()), default=0.0)
            need[column] = max(need[column], longest + pad)
        total = sum(widths)
        width = [self.epw * w / total for w in widths]
        if sum(need) > self.epw:
            return None
        for _ in range(len(width)):
            short = [i for i, w in enumerate(width) if w < need[i]]
            if not short:
                break
            deficit = sum(need[i] - width[i] for i in short)
            for i in short:
                width[i] = need[i]
            slack = {i: width[i] - need[i] for i in range(len(width)) if i not in short}
            spare = sum(slack.values())
            for i, room in slack.items():
                width[i] -= deficit * room / spare
        return width

    def signatures(self, left: Sequence[str], right: Sequence[str]) -> None:
        """Signature blocks: (party, place and date, name, title...) per side, with a line
        to sign on between the date and the name."""
        rule = "_" * 32
        self.gap(1)
        self.columns(
            [left[0], left[1], "", "", rule, *left[2:]],
            [right[0], right[1], "", "", rule, *right[2:]],
        )


def _placed(
    rows: Sequence[Sequence[str | dict[str, object]]],
) -> list[list[tuple[int, str | dict[str, object]]]]:
    """Each row's cells with the column each starts in, skipping columns that a rowspan
    from a row above still covers."""
    placed = []
    pending: dict[int, int] = {}  # column -> rows still covered, this one included
    for spec in rows:
        out: list[tuple[int, str | dict[str, object]]] = []
        column = 0
        for cell in spec:
            while pending.get(column, 0) > 0:
                column += 1
            span = int(cell.get("colspan", 1)) if isinstance(cell, dict) else 1  # type: ignore[call-overload]
            down = int(cell.get("rowspan", 1)) if isinstance(cell, dict) else 1  # type: ignore[call-overload]
            out.append((column, cell))
            for covered in range(column, column + span):
                pending[covered] = down
            column += span
        placed.append(out)
        pending = {c: n - 1 for c, n in pending.items() if n > 1}
    return placed


def output_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())

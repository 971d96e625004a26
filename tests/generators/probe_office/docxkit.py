"""Small python-docx helpers for the Word features the office probe uses.

Fields (PAGE / NUMPAGES), cell shading, repeated header rows, cell borders, widths,
merged cells and line breaks inside cells: python-docx has no API for most of these,
so they are written as the WordprocessingML Word itself writes.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor


def add_field(paragraph, instr: str, placeholder: str = "1", size=None):
    """A complex field (``PAGE``, ``NUMPAGES``) the way Word stores it."""
    run = paragraph.add_run()
    if size:
        run.font.size = size
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    if size:
        run.font.size = size
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run._r.append(it)
    run = paragraph.add_run()
    if size:
        run.font.size = size
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    run = paragraph.add_run(placeholder)
    if size:
        run.font.size = size
    run = paragraph.add_run()
    if size:
        run.font.size = size
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def repeat_header(row) -> None:
    """Mark a row as a header row Word/LibreOffice repeat on every page."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{edge}")
        b.set(qn("w:val"), "nil")
        borders.append(b)
    tblpr.append(borders)


def look(table, first_row: bool = True, first_col: bool = False, banded: bool = True) -> None:
    """The table style options (header row / first column / banded rows)."""
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblLook")):
        tblpr.remove(old)
    el = OxmlElement("w:tblLook")
    el.set(qn("w:val"), "04A0")
    el.set(qn("w:firstRow"), "1" if first_row else "0")
    el.set(qn("w:lastRow"), "0")
    el.set(qn("w:firstColumn"), "1" if first_col else "0")
    el.set(qn("w:lastColumn"), "0")
    el.set(qn("w:noHBand"), "0" if banded else "1")
    el.set(qn("w:noVBand"), "1")
    tblpr.append(el)


def widths(table, cms: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), cms, strict=False):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, cms, strict=False):
            cell.width = Cm(w)


def set_cell(
    cell,
    text: str,
    *,
    bold: bool = False,
    align: str | None = None,
    size=None,
    color: str | None = None,
    italic: bool = False,
    pad: float = 0,
) -> None:
    """Write ``text`` into a cell; ``\\n`` becomes a line break inside the same paragraph."""
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = size
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if i < len(lines) - 1:
            run.add_break()
    p.paragraph_format.space_after = Pt(pad)
    p.paragraph_format.space_before = Pt(pad)
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True

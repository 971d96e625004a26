"""Blocks -> Word document (python-docx); LibreOffice Writer turns it into the PDF."""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TABLE_STYLES = [
    "Table Grid",
    "Light Grid Accent 1",
    "Light List Accent 1",
    "Table Grid",
    "Medium Shading 1 Accent 1",
]


def _shade(cell, hex_fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tcPr.append(shd)


def _no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def _field(run, instr: str) -> None:
    for kind, text in (
        ("begin", None),
        ("instr", instr),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.append(el)


def _text(par, text: str, bold: bool = False, size=None, italic=False) -> None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = par.add_run(line)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if i < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def render(blocks, meta, path, with_annex: bool) -> None:
    seed = meta["seed"]
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.3)
    sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = meta["font"]
    normal.font.size = Pt(10.5 if meta["font"] != "Verdana" else 9.5)
    for name in ("Heading 1", "Heading 2", "Title"):
        st = doc.styles[name]
        st.font.name = meta["font"]
        st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    doc.styles["Heading 2"].font.size = Pt(12)
    doc.styles["Title"].font.size = Pt(20)
    tstyle = TABLE_STYLES[seed % len(TABLE_STYLES)]
    header_fill = ["D9D9D9", "1F3A5F", "DCE6F1"][seed % 3]

    hp = sec.header.paragraphs[0]
    hp.text = meta["header"]
    hp.runs[0].font.size = Pt(8)
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run(f"{meta['page_word']} ")
    _field(fp.add_run(), "PAGE")
    fp.add_run(f" {meta['of_word']} ")
    _field(fp.add_run(), "NUMPAGES")

    usable = 21.0 - 4.6

    def add_table(spec):
        if spec.get("caption"):
            cp = doc.add_paragraph()
            _text(cp, spec["caption"], bold=True, size=9.5)
        header, rows = spec["header"], spec["rows"]
        t = doc.add_table(rows=1 + len(rows), cols=len(header))
        try:
            t.style = doc.styles[tstyle]
        except KeyError:
            t.style = doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        ws = spec.get("widths") or [1] * len(header)
        tot = sum(ws)
        widths = [Cm(usable * w / tot) for w in ws]
        t.autofit = False
        for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            gc.set(qn("w:w"), str(int(w.twips)))
        for r_i, cells in enumerate([header] + rows):
            row = t.rows[r_i]
            if r_i == 0:
                _repeat_header(row)
            for c_i, txt in enumerate(cells):
                cell = row.cells[c_i]
                cell.width = widths[c_i]
                p = cell.paragraphs[0]
                bold = r_i == 0 or (spec.get("total_row") and r_i == len(rows))
                _text(p, txt, bold=bold, size=9.5 if len(header) < 5 else 8.5)
                if c_i in spec.get("num_cols", []):
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r_i == 0 and tstyle == "Table Grid":
                    _shade(cell, header_fill)
                    if header_fill == "1F3A5F":
                        for run in p.runs:
                            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        if spec.get("note"):
            npar = doc.add_paragraph()
            _text(npar, spec["note"], size=8.5, italic=True)
        else:
            doc.add_paragraph()

    def emit(b):
        kind = b[0]
        if kind == "letterhead":
            d = b[1]
            t = doc.add_table(rows=1, cols=2)
            _no_borders(t)
            left, right = t.rows[0].cells
            p = left.paragraphs[0]
            _text(p, d["name"], bold=True, size=15)
            p2 = left.add_paragraph()
            _text(p2, "\n".join(d["lines"]), size=9)
            pr = right.paragraphs[0]
            pr.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(pr, "\n".join(d["right"]), size=9)
            doc.add_paragraph()
        elif kind == "title":
            doc.add_paragraph(b[1], style="Title")
        elif kind == "title2":
            doc.add_paragraph(b[1], style="Heading 1")
        elif kind == "heading":
            doc.add_paragraph(b[1], style="Heading 2")
        elif kind in ("para", "bold_para"):
            p = doc.add_paragraph()
            _text(p, b[1], bold=kind == "bold_para")
            if kind == "bold_para":
                p.paragraph_format.space_after = Pt(0)
        elif kind == "bullets":
            for item in b[1]:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "kv":
            for label, value in b[1]:
                p = doc.add_paragraph()
                p.paragraph_format.tab_stops.add_tab_stop(Cm(4.5), WD_TAB_ALIGNMENT.LEFT)
                p.paragraph_format.space_after = Pt(2)
                r = p.add_run(label)
                r.bold = True
                p.add_run("\t" + value)
        elif kind == "parties":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=2)
            t.style = doc.styles["Table Grid"]
            for i, cells in enumerate(rows):
                for j, txt in enumerate(cells):
                    _text(t.rows[i].cells[j].paragraphs[0], txt, bold=i == 0)
            doc.add_paragraph()
        elif kind == "table":
            add_table(b[1])
        elif kind == "pagebreak":
            doc.add_page_break()
        elif kind == "signature":
            rows = b[1]
            t = doc.add_table(rows=len(rows), cols=2)
            _no_borders(t)
            for i, (a, c) in enumerate(rows):
                _text(t.rows[i].cells[0].paragraphs[0], a)
                _text(t.rows[i].cells[1].paragraphs[0], c)
        else:
            raise ValueError(kind)

    for b in blocks:
        emit(b)
    if with_annex and meta["annex"]:
        doc.add_page_break()
        for b in meta["annex"]:
            emit(b)
    doc.save(path)

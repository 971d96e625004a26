"""Render a block list (see spec.py) to PDF with reportlab or fpdf2.

Blocks: ("letterhead", left_lines, right_lines), ("title", t), ("title2", t), ("heading", t),
("para", t), ("small", t), ("kv", [(label, lines)]), ("twocol", left_lines, right_lines),
("table", header, rows, opts), ("pagebreak",).
"""

from __future__ import annotations

import os
from pathlib import Path

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


# --------------------------------------------------------------------------- reportlab
def render_reportlab(blocks, meta, path: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    rl_config.invariant = 1

    ss = getSampleStyleSheet()
    normal = ParagraphStyle("n", parent=ss["Normal"], fontSize=10, leading=13)
    small = ParagraphStyle("s", parent=normal, fontSize=8, leading=10)
    cell = ParagraphStyle("c", parent=normal, fontSize=9, leading=11)
    cellb = ParagraphStyle("cb", parent=cell, fontName="Helvetica-Bold")
    big = ParagraphStyle("big", parent=normal, fontName="Helvetica-Bold", fontSize=14, leading=17)

    def P(t, st=normal):
        return Paragraph(escape(t).replace("\n", "<br/>"), st)

    def on_page(canv, doc):
        canv.saveState()
        canv.setFont("Helvetica", 7)
        canv.drawString(20 * mm, 287 * mm, meta["running_header"])
        canv.drawRightString(190 * mm, 10 * mm, f"{meta['page_word']} {doc.page}")
        canv.restoreState()

    els = []
    for b in blocks:
        k = b[0]
        if k == "title":
            els.append(Paragraph(escape(b[1]), ss["Title"]))
        elif k == "title2":
            els.append(Paragraph(escape(b[1]), ss["Heading1"]))
        elif k == "heading":
            els.append(Paragraph(escape(b[1]), ss["Heading3"]))
        elif k == "para":
            els.append(P(b[1]))
            els.append(Spacer(1, 4))
        elif k == "small":
            els.append(P(b[1], small))
            els.append(Spacer(1, 4))
        elif k == "kv":
            data = [[P(lbl + ":", cellb), P("\n".join(lines), cell)] for lbl, lines in b[1]]
            t = Table(data, colWidths=[35 * mm, 120 * mm], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
                )
            )
            els.append(t)
        elif k in ("letterhead", "twocol"):
            left, right = b[1], b[2]
            lst = [P(left[0], big if k == "letterhead" else cellb)] + [P(x, cell) for x in left[1:]]
            rst = [P(x, cell) for x in right]
            if k == "twocol":
                rst = [P(right[0], cellb)] + [P(x, cell) for x in right[1:]]
            t = Table([[lst, rst]], colWidths=[90 * mm, 80 * mm], hAlign="LEFT")
            t.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("ALIGN", (1, 0), (1, 0), "RIGHT" if k == "letterhead" else "LEFT"),
                    ]
                )
            )
            els.append(t)
            els.append(Spacer(1, 8))
        elif k == "table":
            header, rows, opts = b[1], b[2], b[3]
            ncol = len(header)
            pc = opts.get("price_col")
            cellr = ParagraphStyle("cr", parent=cell, alignment=2)
            data = [[P(h, cellb) for h in header]] + [
                [P(c, cellr if i == pc else cell) for i, c in enumerate(r)] for r in rows
            ]
            total = 170 * mm
            if ncol == 3:
                widths = [0.5, 0.28, 0.22]
            elif ncol == 4:
                widths = (
                    [0.16, 0.42, 0.22, 0.20] if opts.get("first_is_id") else [0.42, 0.16, 0.2, 0.22]
                )
            else:
                widths = (
                    [0.12, 0.32, 0.18, 0.2, 0.18]
                    if opts.get("first_is_id")
                    else [0.32, 0.18, 0.12, 0.18, 0.2]
                )
            t = Table(
                data,
                colWidths=[w * total for w in widths],
                repeatRows=1 if opts.get("repeat") else 0,
                hAlign="LEFT",
            )
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            els.append(t)
            els.append(Spacer(1, 4))
        elif k == "pagebreak":
            els.append(PageBreak())
        else:
            raise ValueError(k)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title="",
        author="",
    )
    doc.build(els, onFirstPage=on_page, onLaterPages=on_page)


# --------------------------------------------------------------------------- fpdf2
def render_fpdf(blocks, meta, path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import TableHeadingsDisplay

    unicode_ok = os.path.exists(DEJAVU) and os.path.exists(DEJAVU_B)

    class Doc(FPDF):
        def header(self):
            self.set_font(FONT, "", 7)
            self.set_xy(20, 8)
            self.cell(0, 4, T(meta["running_header"]))
            self.set_y(20)

        def footer(self):
            self.set_y(-14)
            self.set_font(FONT, "", 7)
            self.cell(0, 4, T(f"{meta['page_word']} {self.page_no()}"), align="R")

    def T(s: str) -> str:
        if unicode_ok:
            return s
        return (
            s.replace("\u2013", "-")
            .replace("\u2019", "'")
            .encode("latin-1", "replace")
            .decode("latin-1")
        )

    pdf = Doc(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2025, 1, 1))
    if unicode_ok:
        pdf.add_font("DejaVu", "", DEJAVU)
        pdf.add_font("DejaVu", "B", DEJAVU_B)
        FONT = "DejaVu"
    else:
        FONT = "Helvetica"
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    W = pdf.w - 40

    def para(t, size=10, style="", h=5, align="J"):
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(W, h, T(t), align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    for b in blocks:
        k = b[0]
        if k == "title":
            pdf.ln(3)
            para(b[1], 15, "B", 7, "L")
            pdf.ln(2)
        elif k == "title2":
            para(b[1], 13, "B", 7, "L")
        elif k == "heading":
            pdf.ln(2)
            para(b[1], 11, "B", 6, "L")
        elif k == "para":
            para(b[1])
        elif k == "small":
            para(b[1], 8, "", 4, "L")
        elif k == "kv":
            for lbl, lines in b[1]:
                y0 = pdf.get_y()
                pdf.set_font(FONT, "B", 10)
                pdf.set_xy(20, y0)
                pdf.cell(35, 5, T(lbl + ":"))
                pdf.set_font(FONT, "", 10)
                pdf.set_xy(55, y0)
                pdf.multi_cell(W - 35, 5, T("\n".join(lines)), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
        elif k in ("letterhead", "twocol"):
            left, right = b[1], b[2]
            y0 = pdf.get_y()
            pdf.set_xy(20, y0)
            pdf.set_font(FONT, "B", 14 if k == "letterhead" else 10)
            pdf.cell(90, 7 if k == "letterhead" else 5, T(left[0]), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 9 if k == "letterhead" else 10)
            for x in left[1:]:
                pdf.cell(90, 4.5, T(x), new_x="LMARGIN", new_y="NEXT")
            yl = pdf.get_y()
            pdf.set_y(y0)
            for i, x in enumerate(right):
                pdf.set_x(115)
                pdf.set_font(
                    FONT, "B" if (k == "twocol" and i == 0) else "", 9 if k == "letterhead" else 10
                )
                pdf.cell(
                    75,
                    4.5 if k == "letterhead" else 5,
                    T(x),
                    align="R" if k == "letterhead" else "L",
                    new_x="LMARGIN",
                    new_y="NEXT",
                )
            pdf.set_y(max(yl, pdf.get_y()) + 5)
        elif k == "table":
            header, rows, opts = b[1], b[2], b[3]
            ncol = len(header)
            if ncol == 3:
                widths = (85, 48, 37)
            elif ncol == 4:
                widths = (27, 71, 37, 35) if opts.get("first_is_id") else (71, 27, 35, 37)
            else:
                widths = (20, 55, 31, 34, 30) if opts.get("first_is_id") else (55, 31, 20, 30, 34)
            pdf.set_font(FONT, "", 9)
            aligns = tuple("RIGHT" if i == opts.get("price_col") else "LEFT" for i in range(ncol))
            with pdf.table(
                col_widths=widths,
                width=sum(widths),
                align="LEFT",
                line_height=5,
                text_align=aligns,
                repeat_headings=(
                    TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE
                    if opts.get("repeat")
                    else TableHeadingsDisplay.NONE
                ),
            ) as table:
                r = table.row()
                for h in header:
                    r.cell(T(h))
                for row in rows:
                    r = table.row()
                    for c in row:
                        r.cell(T(c))
            pdf.ln(3)
        elif k == "pagebreak":
            pdf.add_page()
        else:
            raise ValueError(k)
    pdf.output(str(path))


def render(blocks, meta, path: Path) -> None:
    if meta["renderer"] == "reportlab":
        render_reportlab(blocks, meta, path)
    else:
        render_fpdf(blocks, meta, path)

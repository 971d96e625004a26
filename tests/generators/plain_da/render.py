"""Small reportlab helpers shared by the plain_da contracts (deterministic output)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "A4",
    "KeepTogether",
    "PageBreak",
    "Spacer",
    "Styles",
    "grid_table",
    "landscape",
    "mm",
    "plain_table",
    "write_pdf",
]


class Styles:
    """Body, headings and a small print style in one font family."""

    def __init__(self, font: str = "Helvetica", size: float = 10) -> None:
        bold = {
            "Helvetica": "Helvetica-Bold",
            "Times-Roman": "Times-Bold",
            "Courier": "Courier-Bold",
        }[font]
        self.font, self.bold = font, bold
        self.body = ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3)
        self.small = ParagraphStyle("small", fontName=font, fontSize=size - 2, leading=size)
        self.h1 = ParagraphStyle(
            "h1", fontName=bold, fontSize=size + 6, leading=size + 9, alignment=TA_CENTER
        )
        self.h2 = ParagraphStyle(
            "h2", fontName=bold, fontSize=size + 2, leading=size + 5, spaceBefore=8, spaceAfter=3
        )
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=size - 1, leading=size + 1)

    def p(self, text: str) -> Paragraph:
        return Paragraph(text, self.body)

    def h(self, text: str) -> Paragraph:
        return Paragraph(text, self.h2)

    def title(self, text: str) -> Paragraph:
        return Paragraph(text, self.h1)


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    styles: Styles,
    repeat_header: bool = True,
    right_cols: Sequence[int] = (),
) -> Table:
    """A ruled table with a bold, shaded header row; long cells wrap."""
    wrapped = [
        [Paragraph(str(c), styles.cell) if isinstance(c, str) and len(c) > 28 else c for c in row]
        for row in rows
    ]
    table = Table(wrapped, colWidths=list(widths), repeatRows=1 if repeat_header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),
        ("FONTNAME", (0, 0), (-1, 0), styles.bold),
        ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right_cols]
    table.setStyle(TableStyle(style))
    return table


def plain_table(rows: Sequence[Sequence[Any]], widths: Sequence[float], styles: Styles) -> Table:
    """An unruled table: columns only by position, as many word-processor documents are."""
    table = Table([list(r) for r in rows], colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("FONTSIZE", (0, 0), (-1, -1), styles.cell.fontSize),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def write_pdf(
    path: Path, story: list[Any], title: str, pagesize: tuple[float, float] = A4, footer: str = ""
) -> None:
    """Render `story` to `path` byte-for-byte reproducibly (reportlab's invariant mode)."""

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        text = f"{footer}   Side {doc.page}" if footer else f"Side {doc.page}"
        canvas.drawRightString(pagesize[0] - 15 * mm, 10 * mm, text)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        title=title,
        author="plain_da",
        invariant=1,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)

"""The blocks a layout describes a document with, the document style, and word wrapping."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from .truth import Truth

PAGE_W, PAGE_H = A4
FAMILIES = {
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Courier": ("Courier", "Courier-Bold", "Courier-Oblique"),
}
_VARIANT = {"regular": 0, "bold": 1, "italic": 2}


@dataclass(frozen=True)
class Style:
    """Typography and page furniture of one document."""

    family: str = "Helvetica"
    size: float = 10
    leading: float = 1.3
    left: float = 70
    right: float = 65
    top: float = 70
    bottom: float = 70
    justify: bool = False
    para_gap: float = 5
    heading_sizes: tuple[float, float, float] = (13, 11, 10)
    heading_gap: float = 16  # distance from heading number to heading text
    header: str | None = None  # running header, left
    header_right: str | None = None
    header_rule: bool = False
    footer: str | None = None  # e.g. "Side {page} af {total}"
    footer_align: str = "center"
    furniture_on_first: bool = False  # header and footer on page 1 too
    title: str | None = None  # PDF metadata title

    def font(self, variant: str = "regular", family: str | None = None) -> str:
        return FAMILIES[family or self.family][_VARIANT[variant]]


@dataclass
class Para:
    text: str
    font: str = "regular"
    size: float | None = None
    align: str | None = None  # left | center | right | justify; None: the style's default
    indent: float = 0
    label: str | None = None  # a hanging label such as "2.1" or "a)"
    label_width: float = 30
    space_after: float | None = None
    family: str | None = None


@dataclass
class Heading:
    text: str
    number: str | None = None
    level: int = 1
    in_toc: bool = True
    new_page: bool = False
    align: str = "left"


@dataclass
class Toc:
    title: str
    leader: str = "."
    max_level: int = 2
    number_width: float = 34


@dataclass
class PageBreak:
    pass


@dataclass
class Space:
    height: float


@dataclass
class Column:
    header: str
    width: float  # a share of the text width
    align: str = "left"


@dataclass
class Row:
    cells: list[str]
    kind: str = "item"  # item | section (one bold label over the row) | total


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row]
    rules: str = "grid"  # grid | horizontal | box | none
    repeat_header: bool = True
    header_fill: float | None = None  # grey level of the header background
    size: float | None = None
    pad: float = 3
    continued: str | None = None  # caption above the table on each further page
    header_font: str = "bold"
    header_align_numbers: bool = True
    family: str | None = None  # a font family other than the body's


@dataclass
class Signatures:
    """Signature blocks side by side: lines above the signature line, lines below it."""

    blocks: list[tuple[list[str], list[str]]] = field(default_factory=list)


Block = Para | Heading | Toc | PageBreak | Space | Table | Signatures


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap at spaces; explicit newlines start new lines."""
    lines: list[str] = []
    for part in text.split("\n"):
        current = ""
        for word in part.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(candidate, font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


@dataclass
class Document:
    """What a layout produces: the blocks, their typography, and the ground truth."""

    blocks: list[Block]
    style: Style
    truth: Truth

"""A contract page as a picture, with the clause a term or finding rests on highlighted.

``locate`` finds the evidence text on a page from pdfium's characters, tolerating the
differences between the stored text and the page's: whitespace, line breaks, hyphens
(a word split at a line end), case and punctuation are ignored; letters and digits
must match in order. A table row stored under its header is found by the row alone.
A text too short to be told apart, or found more than once, is not located: a page
without a highlight is better than a highlight on the wrong line.

``render_page`` draws the page (pypdfium2, Pillow) with a translucent box over each
line of the located text. Pure: bytes in, PNG bytes out; no database.

Boxes are in points from the top-left corner of the page *as shown*: pdfium's
characters stand in the page's own coordinates, which a ``/Rotate`` turns (90, 180,
270 degrees) and a MediaBox or CropBox not starting at the origin shifts; each line is
taken through pdfium's own page-to-device mapping, the one its rendering uses, so the
box lands on the text's pixels whatever the page's rotation and boxes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from monitor.errors import InputError, NotFound

#: points -> pixels: 2 gives 144 dpi, readable on a laptop and sharp on a phone
SCALE = 2.0
#: fewer letters and digits than this in a needle match too many places to trust
MIN_NEEDLE = 8
#: the highlight: a translucent yellow fill with an amber outline (RGBA)
FILL = (255, 214, 0, 110)
OUTLINE = (230, 140, 0, 255)
_PAD = 2.0  # points around each line's box


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in points from the top-left corner of the page as shown (rotated
    and cropped as a viewer shows it)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Located:
    """Where the text stands on the page: one box per line (empty when not found) and,
    when not found, why (``not_found``, ``ambiguous``, ``too_short``, ``no_text``)."""

    boxes: tuple[Box, ...]
    reason: str | None = None

    @property
    def found(self) -> bool:
        return bool(self.boxes)


def _key(ch: str) -> str:
    """What a character counts as when matching: letters and digits, case-folded."""
    return ch.casefold() if ch.isalnum() else ""


def _open(data: bytes, page: int) -> tuple[Any, Any]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"the stored contract PDF cannot be opened: {exc}") from None
    if not 1 <= page <= len(pdf):
        pages = len(pdf)
        pdf.close()
        raise NotFound(
            f"page {page} does not exist: the contract has {pages} page(s)",
            key="error.missing.page",
            params={"page": page, "pages": pages},
        )
    return pdf, pdf[page - 1]


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def locate(data: bytes, page: int, text: str | None) -> Located:
    """Where ``text`` stands on ``page`` (1-based) of the PDF ``data``."""
    pdf, pdf_page = _open(data, page)
    try:
        return _locate_on(pdf_page, text)
    finally:
        pdf.close()


def _locate_on(pdf_page: Any, text: str | None) -> Located:
    import pypdfium2.raw as raw

    needle = _needle(text)
    if len(needle) < MIN_NEEDLE:
        return Located((), "too_short")
    textpage = pdf_page.get_textpage()
    keys: list[str] = []
    index: list[int] = []
    for i in range(textpage.count_chars()):
        for k in _key(chr(raw.FPDFText_GetUnicode(textpage.raw, i))):
            keys.append(k)
            index.append(i)
    hay = "".join(keys)
    if not hay:
        return Located((), "no_text")
    start, reason = _find(hay, needle)
    if start is None:
        # a table row is stored under its header ("Pos. | Ydelse ...\nKD-1010 | ..."),
        # which does not stand right above it on the page: the row itself, the last
        # line, is what the term is
        last = _needle((text or "").strip().rsplit("\n", 1)[-1])
        if last != needle and len(last) >= MIN_NEEDLE:
            start, _ = _find(hay, last)
            needle = last
    if start is None:
        return Located((), reason)
    chars = sorted(set(index[start : start + len(needle)]))
    chars = _with_punctuation(textpage, chars, text or "")
    lines = _lines([textpage.get_charbox(i) for i in chars])
    return Located(tuple(_shown(pdf_page, line) for line in lines))


def _with_punctuation(textpage: Any, chars: list[int], text: str) -> list[int]:
    """The matched characters and as many marks right before and after them as the
    evidence starts and ends with ("kr." ends with a full stop that the letters and
    digits matched leave out)."""
    import pypdfium2.raw as raw

    def mark(i: int) -> bool:
        if not 0 <= i < textpage.count_chars():
            return False
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        return not ch.isalnum() and not ch.isspace()

    stripped = text.strip()
    lead = len(stripped) - len(stripped.lstrip(_MARKS))
    trail = len(stripped) - len(stripped.rstrip(_MARKS))
    first, last = chars[0], chars[-1]
    while lead and mark(first - 1):
        first, lead = first - 1, lead - 1
    while trail and mark(last + 1):
        last, trail = last + 1, trail - 1
    return sorted({*chars, *range(first, chars[0]), *range(chars[-1] + 1, last + 1)})


#: punctuation an evidence text may start or end with
_MARKS = ".,:;!?%)(]['\"»«-–§*/"


def _needle(text: str | None) -> str:
    return "".join(_key(c) for c in (text or ""))


def _find(hay: str, needle: str) -> tuple[int | None, str | None]:
    """Where ``needle`` starts in ``hay`` when it stands there exactly once."""
    start = hay.find(needle)
    if start < 0:
        return None, "not_found"
    if hay.find(needle, start + 1) >= 0:
        return None, "ambiguous"
    return start, None


def _lines(
    charboxes: list[tuple[float, float, float, float]],
) -> list[tuple[float, float, float, float]]:
    """The characters' boxes (pdfium's left, bottom, right, top, in the page's own
    coordinates) merged per line of text."""
    lines: list[list[float]] = []
    for left, bottom, right, top in charboxes:
        mid = (bottom + top) / 2
        line = next((ln for ln in lines if ln[1] <= mid <= ln[3]), None)
        if line is None:
            lines.append([left, bottom, right, top])
        else:
            line[0], line[1] = min(line[0], left), min(line[1], bottom)
            line[2], line[3] = max(line[2], right), max(line[3], top)
    return [(x0, y0, x1, y1) for x0, y0, x1, y1 in lines]


#: sub-point precision of the page-to-device mapping (pdfium answers whole units)
_UNITS = 64


def _shown(pdf_page: Any, line: tuple[float, float, float, float]) -> Box:
    """A rectangle of the page's own coordinates as a box on the page as shown,
    through pdfium's mapping (``FPDF_PageToDevice``: rotation, MediaBox and CropBox
    origin), with a little room around it."""
    import ctypes

    import pypdfium2.raw as raw

    width, height = pdf_page.get_size()  # as shown: a 90 degree page is landscape
    size_x, size_y = round(width * _UNITS), round(height * _UNITS)
    xs, ys = [], []
    left, bottom, right, top = line
    for px, py in ((left, bottom), (left, top), (right, bottom), (right, top)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        raw.FPDF_PageToDevice(
            pdf_page.raw, 0, 0, size_x, size_y, 0, px, py, ctypes.byref(dx), ctypes.byref(dy)
        )
        xs.append(dx.value / _UNITS)
        ys.append(dy.value / _UNITS)
    return Box(min(xs) - _PAD, min(ys) - _PAD, max(xs) + _PAD, max(ys) + _PAD)


def render_page(data: bytes, page: int, boxes: tuple[Box, ...] = ()) -> bytes:
    """The page as PNG at ``SCALE``, with ``boxes`` (points) highlighted."""
    from PIL import Image, ImageDraw

    pdf, pdf_page = _open(data, page)
    try:
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGBA")
    finally:
        pdf.close()
    if boxes:
        layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for b in boxes:
            rect = (b.x0 * SCALE, b.top * SCALE, b.x1 * SCALE, b.bottom * SCALE)
            draw.rectangle(rect, fill=FILL, outline=OUTLINE, width=2)
        image = Image.alpha_composite(image, layer)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()

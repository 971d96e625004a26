"""Opening a contract PDF with pypdfium2 and reading the text of its pages.

pypdfium2 is fast (about a millisecond a page), so every page is read with it, and
price tables are read from its character positions (``prices.layout``).

Bad input raises one of the ``ExtractionError`` subclasses, each naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractors.errors import CorruptPdf, EmptyDocument, EncryptedPdf, NeedsOcr, NotAPdf
from extractors.limits import Limits, check_pages

#: Fewer visible characters than this in the whole document counts as "no text layer".
MIN_TEXT_CHARS = 40
_PDFIUM_PASSWORD_ERROR = 4
_HYPHEN_COMPOUND = re.compile(r"[\x02\ufffe]\n?(?=(?:og|eller|samt|and|or)\b)")
_HYPHEN_AFTER_NAME = re.compile(r"(\b[A-ZÆØÅ0-9]{1,8})[\x02\ufffe]\n?")
_IMAGE_OBJECT = 3  # FPDF_PAGEOBJ_IMAGE
#: A page number line: "Side 3 af 21", "Page 3 of 21", "Page 3", "s. 3", "- 3 -", "3/21".
PAGE_NUMBER = re.compile(
    r"^(?:(?:side|page|pg\.?|s\.|p\.)\s*\d+(?:\s*(?:af|of|/)\s*\d+)?"
    r"|[-–]\s*\d{1,3}\s*[-–]|\d{1,3}\s*(?:/|af|of)\s*\d{1,3})$",
    re.IGNORECASE,
)
#: A version or print stamp: "Version 12-12-2023", "Ver. 2.1", "Udskrevet 03.02.2026".
VERSION_STAMP = re.compile(
    r"^(?:[\w ,.-]{0,40}\s)?(?:version|ver\.|rev\.|revision|udgave|udskrevet|printed|opdateret)"
    r"\s*:?\s*[\w./ -]{1,30}$",
    re.IGNORECASE,
)
_EDGE = 6  # lines at the top and at the bottom of a page where running lines stand


@dataclass(slots=True)
class PageText:
    """One page: ``number`` 1-based; ``lines`` stripped, blank lines dropped."""

    number: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text on one line and its box (x0, top, x1, bottom; points, top-left)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass(slots=True)
class PdfText:
    """An open document and the text of each page. Call ``close()`` when done."""

    filename: str
    data: bytes
    pages: list[PageText]
    _pdf: Any = field(default=None, repr=False)
    _textpages: dict[int, tuple[Any, float]] = field(default_factory=dict, repr=False)
    #: Pages that are pictures without text (a partly scanned document).
    scanned_pages: list[int] = field(default_factory=list)

    def bbox_of(self, page: int, needle: str) -> tuple[float, float, float, float] | None:
        """Bounding box (x0, top, x1, bottom in points from the top-left) of the first
        occurrence of ``needle`` on ``page``, or None when it is not found as one run."""
        if self._pdf is None or not needle:
            return None
        textpage, height = self._textpage(page)
        searcher = textpage.search(needle, match_case=True)
        hit = searcher.get_next()
        if hit is None:
            return None
        index, count = hit
        boxes = [textpage.get_charbox(i) for i in (index, index + count - 1)]
        left, right = boxes[0][0], boxes[1][2]
        top, bottom = max(b[3] for b in boxes), min(b[1] for b in boxes)
        return (round(left, 1), round(height - top, 1), round(right, 1), round(height - bottom, 1))

    def segments(self, page: int) -> list[Segment]:
        """The page's text runs as pdfium groups them (one per table cell line), with
        their boxes in points from the top-left, in pdfium's order."""
        if self._pdf is None:
            return []
        textpage, height = self._textpage(page)
        found = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            bounded = textpage.get_text_bounded(left, bottom, right, top)
            # pdfium's mark of a hyphen it took for a line end is a hyphen in a run
            text = " ".join(re.sub("[\x02\ufffe]", "-", bounded).split())
            if text:
                found.append(Segment(left, height - top, right, height - bottom, text))
        return found

    def page(self, page: int) -> Any:
        """pdfium's page object of ``page`` (1-based)."""
        return self._pdf[page - 1]

    def textpage(self, page: int) -> tuple[Any, float]:
        """pdfium's text page of ``page`` (1-based) and the page's height in points."""
        return self._textpage(page)

    def _textpage(self, page: int) -> tuple[Any, float]:
        if page not in self._textpages:
            pdf_page = self._pdf[page - 1]
            self._textpages[page] = (pdf_page.get_textpage(), pdf_page.get_height())
        return self._textpages[page]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def read_pdf(data: bytes, filename: str, limits: Limits | None = None) -> PdfText:
    """Open ``data`` and read every page's text, or raise the matching ExtractionError.
    With ``limits``, the document and each page are held to them once it is open and
    before any text is read (``extractors.limits.check_pages``: LimitExceeded), on the
    very pages the text is then read from."""
    _check_signature(data, filename)
    pdf = _open(data, filename)
    textpages: dict[int, tuple[Any, float]] = {}
    try:
        loaded = check_pages(pdf, filename, limits) if limits is not None else None
        pages = _drop_running_lines(
            [
                _page_text(pdf, i, filename, textpages, loaded[i] if loaded else None)
                for i in range(len(pdf))
            ]
        )
        scanned = _scanned_pages(pdf, pages, filename)
    except BaseException:
        pdf.close()
        raise
    return PdfText(filename, data, pages, pdf, textpages, scanned)


def _check_signature(data: bytes, filename: str) -> None:
    if not data:
        raise EmptyDocument("the file is empty (0 bytes)", file=filename)
    if b"%PDF-" not in data[:1024]:
        raise NotAPdf("not a PDF (no %PDF header)", file=filename)
    if b"%%EOF" not in data[-2048:]:
        raise CorruptPdf("the PDF is truncated or corrupt (no %%EOF at the end)", file=filename)


def _open(data: bytes, filename: str) -> Any:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == _PDFIUM_PASSWORD_ERROR:
            raise EncryptedPdf("the PDF is encrypted (password protected)", file=filename) from exc
        if _has_no_pages(data):  # pdfium refuses a page tree with no pages as malformed
            raise EmptyDocument("the PDF has no pages", file=filename) from exc
        raise CorruptPdf(f"the PDF is corrupt and cannot be opened: {exc}", file=filename) from exc
    if len(pdf) == 0:
        pdf.close()
        raise EmptyDocument("the PDF has no pages", file=filename)
    return pdf


def _has_no_pages(data: bytes) -> bool:
    return bool(re.search(rb"/Count\s*0\b", data)) and not re.search(rb"/Type\s*/Page\b(?!s)", data)


def _page_text(
    pdf: Any,
    index: int,
    filename: str,
    textpages: dict[int, tuple[Any, float]],
    loaded: tuple[Any, Any] | None = None,
) -> PageText:
    """The page's text lines; its pdfium text page is kept in ``textpages`` for searches.
    ``loaded``: the page and its text page, if already loaded (either may be None)."""
    import pypdfium2 as pdfium

    page, textpage = loaded or (None, None)
    try:
        if page is None:
            page = pdf[index]
        if textpage is None:
            textpage = page.get_textpage()
        textpages[index + 1] = (textpage, page.get_height())
        raw = textpage.get_text_range()
    except pdfium.PdfiumError as exc:
        raise CorruptPdf(f"page cannot be read: {exc}", file=filename, page=index + 1) from exc
    raw = _join_line_end_hyphens(raw.replace("\r", "")).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    lines = [line for line in lines if line]
    if _glyph_by_glyph(lines):
        lines = _lines_from_words(textpage, page.get_height())
    return PageText(number=index + 1, lines=lines)


def _glyph_by_glyph(lines: list[str]) -> bool:
    """Whether pdfium ended a line after (nearly) every character: a page whose producer
    placed each glyph on its own ("B", "i", "l", "a", "g"), its lines then rebuilt from
    the characters' positions (:func:`_lines_from_words`)."""
    single = sum(len(line) == 1 for line in lines)
    return len(lines) >= 20 and single >= 0.4 * len(lines)


def _lines_from_words(textpage: Any, height: float) -> list[str]:
    from extractors.contracts.prices.layout import pdfium_words, reading_order

    return [" ".join(w.text for w in row) for row in reading_order(pdfium_words(textpage, height))]


def _join_line_end_hyphens(raw: str) -> str:
    """pdfium marks a hyphen that ended a line as U+FFFE (or \\x02) and joins the lines:
    "vedlige\\ufffeholdelse" is one word again, but "Økonomi\\ufffeog lønmodul" keeps
    its hyphen and space ("Økonomi- og lønmodul"), and a hyphen after an abbreviation
    or a number stays ("CPR-opslag")."""
    raw = _HYPHEN_COMPOUND.sub("- ", raw)
    raw = _HYPHEN_AFTER_NAME.sub(r"\1-", raw)  # "CPR-opslag", "IT-drift", "2-faktor"
    return re.sub(r"[\x02\ufffe]\n?", "", raw)


def _scanned_pages(pdf: Any, pages: list[PageText], filename: str) -> list[int]:
    """The numbers of the pages that are pictures without text; refuses a document
    without a text layer: scanned (pictures of pages) or blank.

    Counted without page numbers and running headers, so a scan stamped "Side 3" on
    each page is still a scan: it needs OCR when half its pages or more are pictures
    with (almost) no text of their own.
    """
    visible = [sum(len(line.replace(" ", "")) for line in page.lines) for page in pages]
    if sum(visible) < MIN_TEXT_CHARS and not any(_has_image(pdf, p.number) for p in pages):
        raise EmptyDocument("the PDF has no content (no text, no images)", file=filename)
    scanned = [p.number for p, n in zip(pages, visible, strict=True)
               if n < MIN_TEXT_CHARS and _has_image(pdf, p.number)]  # fmt: skip
    if sum(visible) < MIN_TEXT_CHARS or 2 * len(scanned) >= len(pages):
        raise NeedsOcr(
            f"scanned, needs OCR: {len(scanned)} of {len(pages)} pages are images without text",
            file=filename,
        )
    return scanned


def _has_image(pdf: Any, number: int) -> bool:
    return any(obj.type == _IMAGE_OBJECT for obj in pdf[number - 1].get_objects())


def _drop_running_lines(pages: list[PageText]) -> list[PageText]:
    """Drop page numbers ("Side 3 af 21", "Page 3"), version stamps and the running
    headers and footers repeated on most pages.

    A running line is one that, with its digits ignored, stands among the first or last
    ``_EDGE`` lines of at least two thirds of the pages (and of at least two). Lines are
    dropped from the top and from the bottom of each page while they are running lines,
    page numbers or version stamps, so the text between stays whole: the front page may
    state the same words as its own line under its title ("Kontrakt nr. 2026-0751").
    """
    if len(pages) < 2:
        return [PageText(p.number, _strip_edges(p.lines, set())) for p in pages]
    counts: dict[str, int] = {}
    for page in pages:
        # each key once a page: two rows of one price list alike but for their digits
        # ("A-100 ESDH-licens 1–99 brugere ... 204,00" and "... 100–499 ... 179,52") at
        # the foot of one page are no running line
        for key in {_running_key(line) for line in page.lines[:_EDGE] + page.lines[-_EDGE:]}:
            counts[key] = counts.get(key, 0) + 1
    threshold = max(2, (2 * len(pages) + 2) // 3)
    running = {key for key, n in counts.items() if n >= threshold}
    return [PageText(page.number, _strip_edges(page.lines, running)) for page in pages]


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def _strip_edges(lines: list[str], running: set[str]) -> list[str]:
    """``lines`` without the running lines, page numbers and stamps at either edge."""

    def edge(line: str) -> bool:
        return bool(
            PAGE_NUMBER.match(line) or VERSION_STAMP.match(line) or _running_key(line) in running
        )

    start, end = 0, len(lines)
    while start < end and start < _EDGE and edge(lines[start]):
        start += 1
    while end > start and len(lines) - end < _EDGE and edge(lines[end - 1]):
        end -= 1
    return lines[start:end]

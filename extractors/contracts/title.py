"""The contract's title: the lines set in the largest type near the top of its first page.

People mark a title by its size, not by words: "Kontrakt om drift af lønsystemet" in
18 points over a 9-point "Bilag 0 – Kontrakt" line and a 10-point preamble. The title is
the first run of consecutive lines set in (nearly) the largest size on the page's upper
half, joined by one space.
"""

from __future__ import annotations

import re

from extractors.contracts.patterns import NUMBERED_HEADING
from extractors.contracts.pdf import PAGE_NUMBER, PdfText
from extractors.contracts.prices.layout import Line, lines_of, pdfium_words

_MAX_TITLE_LINES = 4
_NOT_TITLE = re.compile(r"^(?:side|page)\s+\d|^\d+$|^[\W_]+$", re.IGNORECASE)


def read_title(document: PdfText, page: int = 1) -> str | None:
    """The title of ``document`` from its ``page``, or None when no line stands out."""
    textpage, height = document.textpage(page)
    lines = [
        line for line in lines_of(pdfium_words(textpage, height))
        if line.top < height * 0.6 and not PAGE_NUMBER.match(line.text)
        and not _NOT_TITLE.search(line.text)
    ]  # fmt: skip
    if len(lines) < 2:
        return None
    sizes = [_size(line) for line in lines]
    known = list(sizes)
    if len(known) < 8 and page + 1 <= len(document.pages):
        # a cover page: a logo, the title's lines and a reference or two, too few to tell
        # the body's type size by; the next page's text tells it
        following, below = document.textpage(page + 1)
        known += [_size(line) for line in lines_of(pdfium_words(following, below))
                  if not PAGE_NUMBER.match(line.text)]  # fmt: skip
    body = sorted(known)[len(known) // 2]
    largest = max(sizes)
    if largest < body * 1.15:
        return None  # nothing set larger than the text around it
    # a line of cells set apart (a letterhead's "Leverandør A/S ... Kontrakt nr. 12",
    # a heading and a date) is a page's header, not its title
    candidates = [i for i, s in enumerate(sizes) if s >= largest * 0.93]
    first = next((i for i in candidates if len(lines[i].cells) == 1), candidates[0])
    # a display line's box is as tall as its letters ("system" with its descender is
    # taller than "Service Contract – IT case management" over it): lines set close
    # together in about the same display size are one title
    while first > 0 and _one_display(lines[first - 1], lines[first], body):
        first -= 1
    run = [lines[first]]
    for line, size in zip(lines[first + 1 :], sizes[first + 1 :], strict=True):
        gap = line.top - run[-1].bottom
        display = size >= largest * 0.93 or (
            line.bold and (size > body * 1.04 or (size >= body * 0.98 and gap <= 0.6 * size))
        )
        display = display or _one_display(run[-1], line, body)
        if not display or gap > 1.2 * size or len(run) >= _MAX_TITLE_LINES or len(line.cells) > 1:
            break  # a subtitle set larger than the text and bold belongs to the title
        if NUMBERED_HEADING.match(line.text):
            break  # the first clause's heading ("1. Parterne"), set bold just below it
        run.append(line)
    title = ""
    for line in run:
        text = " ".join(line.text.split())
        # a word wrapped at its own hyphen ("IT-" / "konsulentydelser") joins again; a
        # suspended one ("Social- og sundhedshjælpere") keeps its space
        joined = re.search(r"\w-$", title) and re.match(r"[a-zæøå]", text)
        title = f"{title}{text}" if joined and not _SUSPENDED.match(text) else f"{title} {text}"
    return title.strip()


_SUSPENDED = re.compile(r"(?:og|eller|and|or|samt|til)\b")


def _one_display(upper: Line, lower: Line, body: float) -> bool:
    """Whether two lines are one title's: both set well above the body's size, within a
    quarter of each other, one cell each, as close as a wrapped line."""
    a, b = _size(upper), _size(lower)
    # a cover page's title in two lines, the kind of document over what it is about
    # ("KONTRAKT" / "om levering af kontorartikler"), is set further apart
    gap = 1.5 if _DOCUMENT_KIND.fullmatch(upper.text.strip()) else 0.6
    return (
        min(a, b) > 1.5 * body
        and min(a, b) >= 0.75 * max(a, b)
        and len(upper.cells) == 1
        and len(lower.cells) == 1
        and lower.top - upper.bottom <= gap * max(a, b)
        and not NUMBERED_HEADING.match(lower.text)
    )


#: a line naming only the kind of document: the first half of a cover page's title
_DOCUMENT_KIND = re.compile(
    r"(?i)(?:\w*(?:kontrakt|aftale|overenskomst)|(?:\w+\s+)?(?:contract|agreement))\s*:?"
)


def _size(line: Line) -> float:
    """The line's type size: the median height of its words (loose boxes)."""
    heights = sorted(w.bottom - w.top for w in line.words)
    return heights[len(heights) // 2]

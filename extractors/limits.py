"""Resource limits for untrusted documents, checked before the expensive work.

Contract: a :class:`Limits` value is passed into the extractors (they read no
settings). Input over a limit raises :class:`LimitExceeded` (a ``HostileInput``)
naming the file, what was found, the limit and the setting that raises it, e.g.
``contract.pdf: 5,000 pages, more than the limit of 500 (PRISVAGT_MAX_PDF_PAGES)``.

:func:`check_pdf` is the pre-check of a PDF: page count, the bytes its Flate
streams inflate to (inflated in chunks and counted, never held), objects and
characters per page, each decided before any page is laid out or read.
:class:`CountingReader` counts the bytes a (gzip) stream yields.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from typing import IO, Any

from extractors.errors import HostileInput

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of each kind of thing one document may hold. ``setting_prefix`` turns a
    field name into the name of the setting people change (``PRISVAGT_`` + NAME)."""

    max_decompressed_bytes: int = 200 * MB
    max_pdf_pages: int = 500
    max_page_objects: int = 100_000
    max_page_chars: int = 200_000
    max_csv_lines: int = 2_000_000
    max_csv_line_chars: int = 1 * MB
    max_embedded_bytes: int = 20 * MB
    max_xml_bytes: int = 20 * MB
    max_xml_depth: int = 100
    setting_prefix: str = ""

    def setting(self, field: str) -> str:
        return (self.setting_prefix + field).upper() if self.setting_prefix else field

    def exceeded(self, field: str, found: str, **where: Any) -> LimitExceeded:
        """The error for ``found`` (``"5,000 pages"``) over the limit ``field``;
        ``where`` is the file and page or line, as for any project error."""
        limit = getattr(self, field)
        return LimitExceeded(
            f"{found}, more than the limit of {limit:,} ({self.setting(field)})",
            limit=field,
            **where,
        )


DEFAULT_LIMITS = Limits()


class LimitExceeded(HostileInput):
    """A document over one of the :class:`Limits`; ``limit`` is the field's name."""

    reason = "limit_exceeded"

    def __init__(self, message: str, *, limit: str, **where: Any) -> None:
        self.limit = limit
        super().__init__(message, **where)


class CountingReader(io.RawIOBase):
    """A binary stream that raises :class:`LimitExceeded` once more than
    ``max_decompressed_bytes`` have been read from ``raw`` (a GzipFile, say)."""

    def __init__(self, raw: IO[bytes], *, limits: Limits, filename: str) -> None:
        super().__init__()
        self._raw, self._limits, self._filename = raw, limits, filename
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        self.count += len(data)
        if self.count > self._limits.max_decompressed_bytes:
            raise self._limits.exceeded(
                "max_decompressed_bytes",
                f"{self.count:,} bytes or more after decompression",
                file=self._filename,
            )
        buffer[: len(data)] = data
        return len(data)


_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
_CHUNK = 4 * MB


def check_pdf(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a PDF over the limits before it is read. Raises :class:`LimitExceeded`;
    a PDF pdfium cannot open is left to the reader, which names its problem."""
    check_streams(data, filename, limits)
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return
    try:
        for page, textpage in check_pages(pdf, filename, limits):
            if textpage is not None:
                textpage.close()
            if page is not None:
                page.close()
    finally:
        pdf.close()


def check_streams(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a PDF whose compressed streams inflate beyond the limit, before pdfium
    opens it (counted with zlib, a bounded amount at a time)."""
    inflated = inflated_bytes(data, stop_after=limits.max_decompressed_bytes)
    if inflated > limits.max_decompressed_bytes:
        raise limits.exceeded(
            "max_decompressed_bytes",
            f"its streams inflate to {inflated:,} bytes or more",
            file=filename,
        )


def check_pages(pdf: Any, filename: str, limits: Limits = DEFAULT_LIMITS) -> list[tuple[Any, Any]]:
    """Refuse an open PDF (pdfium's document) with more pages than the limit, or a page
    with more objects or characters, before any page's text is read. Returns each page
    with its text page (None, None for a page pdfium cannot load: the reader names it),
    for the reader to go on with instead of loading them again; on a refusal the pages
    loaded so far are closed."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    count = len(pdf)
    if count > limits.max_pdf_pages:
        raise limits.exceeded("max_pdf_pages", f"{count:,} pages", file=filename)
    loaded: list[tuple[Any, Any]] = []
    try:
        for index in range(count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                loaded.append((None, None))  # the reader names an unreadable page
                continue
            loaded.append((page, None))
            objects = pdfium_c.FPDFPage_CountObjects(page)  # top level: forms count as one
            if objects > limits.max_page_objects:
                raise limits.exceeded(
                    "max_page_objects", f"{objects:,} objects", file=filename, page=index + 1
                )
            try:
                textpage = page.get_textpage()
            except pdfium.PdfiumError:
                continue  # the reader names it
            loaded[-1] = (page, textpage)
            chars = textpage.count_chars()
            if chars > limits.max_page_chars:
                raise limits.exceeded(
                    "max_page_chars", f"{chars:,} characters of text", file=filename, page=index + 1
                )
    except BaseException:
        for page, textpage in loaded:
            if textpage is not None:
                textpage.close()
            if page is not None:
                page.close()
        raise
    return loaded


def inflated_bytes(data: bytes, *, stop_after: int) -> int:
    """The bytes the Flate streams of a PDF inflate to, counted chunk by chunk; stops
    counting once past ``stop_after``. Streams that do not inflate are skipped."""
    total = 0
    pos = 0
    while total <= stop_after:
        found = _STREAM.search(data, pos)
        if found is None:
            break
        start = found.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        pos = end + len(_ENDSTREAM)
        if b"FlateDecode" not in data[max(0, found.start() - 512) : found.start()]:
            continue
        total += _inflate_count(data[start:end], stop_after - total)
    return total


def _inflate_count(raw: bytes, budget: int) -> int:
    inflater = zlib.decompressobj()
    counted = 0
    pending = raw
    try:
        while pending and counted <= budget:
            counted += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: the reader decides what it can read
    return counted

"""CSV exports of invoice lines, read through named column-mapping profiles.

Contract: :func:`iter_csv_path` and :func:`iter_csv_bytes` stream one
:class:`ParsedInvoice` per invoice number, reading the file row by row: memory
holds the current invoice's lines and the set of invoice numbers seen, never the file. Lines of
one invoice must be contiguous; an invoice number that comes back later is read
as another invoice with a warning. ``;``, ``,`` and tab delimiters are sniffed
from the header; numbers are Danish (``1.234,56``) or English (``1,234.56``) by
the profile, else by the delimiter (``;`` means Danish). A gzip file is read
through gzip. A header without the profile's required columns raises
:class:`ParseError` naming the missing columns and the file; an unreadable value
raises it naming the line and column.

Profiles (:data:`PROFILES`), chosen by name or, when none is named, the first
whose required columns the header has:

``prisvagt``, our own export format. One row per invoice line, header row first,
column names exactly as below (any order, extra columns ignored):

==================  ========  ===================================================
column              required  meaning
==================  ========  ===================================================
invoice_number      yes       the invoice's number; rows of one invoice together
issue_date          yes       ``2026-01-31``, ``31-01-2026`` or ``31.01.2026``
description         yes       the line's text
quantity            yes       negative on credit notes
unit_price          yes       price of one unit (per ``base_quantity`` if given)
supplier_cvr        yes       8 digits, ``DK`` prefix allowed
document_type       no        ``invoice`` (default) or ``credit_note``
due_date            no        as ``issue_date``
currency            no        ISO 4217, default DKK
supplier_name       no
buyer_name          no
buyer_cvr           no
buyer_ean           no        13-digit GLN
line_id             no        default: the row's position in the invoice
item_id             no        the seller's item number
unit_code           no        UN/ECE code: ``EA``, ``HUR``, ``MON``, ``ANN`` ...
base_quantity       no        units the ``unit_price`` is for, default 1
line_amount         no        default: quantity x unit price, rounded to øre
vat_percent         no        e.g. ``25``; the VAT total is computed per rate
vat_amount          no        the line's VAT; when given, the VAT total is their sum
period_start        no        billing period of the line
period_end          no
credits             no        a credit note's: the number of the invoice it credits
==================  ========  ===================================================

Danish exports' names are read too (``Fakturanr.``, ``Fakturadato``, ``CVR-nr.``,
``Varenr.``, ``Beskrivelse``, ``Antal``, ``Enhed``, ``Enhedspris``, ``Beløb``, ``Moms %``,
``Momsbeløb`` ...: ``csvrows._ALIASES``). A column about VAT that none of these names
reads is named in a warning on each invoice. A comma-separated file quoting its numbers
with a decimal comma (``"0,89"``) is read as Danish numbers.

``online_retail``: the UCI Online Retail export (``InvoiceNo, StockCode,
Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country,
TotalPrice``): GBP, no VAT, invoice numbers starting with ``C`` are credit notes.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from extractors.errors import ParseError
from extractors.invoices.csvrows import PROFILES, CsvProfile, RowReader, build_invoice, header_key
from extractors.limits import DEFAULT_LIMITS, CountingReader, Limits
from extractors.types import ParsedInvoice

__all__ = ["PROFILES", "CsvProfile", "iter_csv_bytes", "iter_csv_path"]

_GZIP = b"\x1f\x8b"
csv.field_size_limit(1024 * 1024)


def iter_csv_path(
    path: str | Path,
    filename: str | None = None,
    *,
    profile: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[ParsedInvoice]:
    """Stream the invoices of a CSV file on disk (plain or gzip)."""
    name = filename or Path(path).name
    try:
        raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror}", file=name) from None
    try:
        yield from _iter_stream(raw, name, profile, limits)
    finally:
        raw.close()


def iter_csv_bytes(
    data: bytes,
    filename: str,
    *,
    profile: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[ParsedInvoice]:
    """Stream the invoices of a CSV file held in memory (plain or gzip)."""
    yield from _iter_stream(io.BytesIO(data), filename, profile, limits)


def _iter_stream(
    raw: IO[bytes], name: str, profile: str | None, limits: Limits
) -> Iterator[ParsedInvoice]:
    stream: Any = raw  # a file, BytesIO or GzipFile: all readable binary streams
    if raw.read(2) == _GZIP:
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
    else:
        raw.seek(0)
    # the bytes after decompression are counted as they are read: a gzip bomb stops
    # at the limit, never inflated whole
    counted = CountingReader(stream, limits=limits, filename=name)
    buffered = io.BufferedReader(counted, buffer_size=65536)  # type: ignore[arg-type]
    try:
        head = buffered.peek(4096)[:4096]
    except (OSError, EOFError) as exc:
        raise ParseError(f"unreadable gzip data: {exc}", file=name) from None
    encoding = _encoding(head)
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    try:
        yield from _iter_text(text, name, profile, limits, _quoted_locale(head))
    except UnicodeDecodeError as exc:
        raise ParseError(f"the file is not {encoding} text: {exc.reason}", file=name) from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ParseError(f"unreadable or truncated gzip data: {exc}", file=name) from None
    except csv.Error as exc:
        raise ParseError(f"malformed CSV: {exc}", file=name) from None


def _quoted_locale(head: bytes) -> str | None:
    """``da`` when the file's first bytes quote numbers with a decimal comma
    ("0,89", "1.398,00": a comma-separated file must quote them), else None (the
    delimiter decides)."""
    danish = len(re.findall(rb'"-?\d{1,3}(?:\.\d{3})*,\d{1,4}"', head))
    english = len(re.findall(rb'"-?\d{1,3}(?:,\d{3})*\.\d{1,4}"', head))
    return "da" if danish > english else None


def _encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


def _bounded_lines(text: IO[str], name: str, limits: Limits) -> Iterator[str]:
    """The physical lines of ``text``, each read with a bound: a line over the limit
    (a file with no line breaks) is refused before it is held whole."""
    longest = limits.max_csv_line_chars
    for number in range(1, limits.max_csv_lines + 2):
        line = text.readline(longest + 1)
        if not line:
            return
        if len(line) > longest:
            raise limits.exceeded(
                "max_csv_line_chars",
                f"a line of {len(line):,} characters or more",
                file=name,
                line=number,
            )
        if number > limits.max_csv_lines:
            raise limits.exceeded("max_csv_lines", f"{number:,} lines or more", file=name)
        yield line


def _iter_text(
    text: IO[str], name: str, profile: str | None, limits: Limits, locale: str | None = None
) -> Iterator[ParsedInvoice]:
    lines = _bounded_lines(text, name, limits)
    header_line = next(lines, "")
    if not header_line.strip():
        raise ParseError("empty CSV file, no header row", file=name, line=1)
    delimiter = max((";", ",", "\t", "|"), key=header_line.count)
    header = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter))]
    chosen = _choose_profile(header, name, profile)
    reader = RowReader(chosen, header, name, delimiter, locale)
    rows = csv.reader(lines, delimiter=delimiter)
    seen: set[str] = set()
    current: str | None = None
    group: list[tuple[int, list[str]]] = []
    for row in rows:
        line_no = rows.line_num + 1  # physical line (quoted fields may span lines); +1 header
        if not row or not any(cell.strip() for cell in row):
            continue
        number = reader.invoice_number(row, line_no)
        if number != current and group:
            yield build_invoice(reader, group, seen)
            group = []
        current = number
        group.append((line_no, row))
    if group:
        yield build_invoice(reader, group, seen)


def _choose_profile(header: list[str], name: str, wanted: str | None) -> CsvProfile:
    present = {header_key(h) for h in header}
    if wanted is not None:
        if wanted not in PROFILES:
            raise ParseError(
                f"unknown CSV profile {wanted!r}; known: {', '.join(sorted(PROFILES))}", file=name
            )
        candidates = [PROFILES[wanted]]
    else:
        candidates = list(PROFILES.values())
    for p in candidates:
        if not p.missing(present):
            return p
    best = min(candidates, key=lambda p: len(p.missing(present)))
    raise ParseError(
        f"CSV columns missing for profile {best.name!r}: {', '.join(best.missing(present))}"
        f" (the header has: {', '.join(header)[:300]})",
        file=name,
        line=1,
    )

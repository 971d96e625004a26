"""CSV for spreadsheets, with formula injection neutralised (OWASP "CSV Injection").

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or
their full-width forms) is read as a formula by Excel, LibreOffice and Google Sheets;
invoice numbers, descriptions and messages come from documents anyone can send, so
such a cell is written with a single quote in front (``'=1+2``), which the
spreadsheet shows as text. The csv module quotes separators, quotes and newlines.

Numeric columns stay numeric: a cell of a column named numeric that is a plain
number (``-1250.00``, ``42``) is written as it is, so a negative overcharge or
quantity is still a number in the spreadsheet; anything else in such a column is
neutralised like text. A text cell that merely looks negative (an invoice number
``-17``) gets the quote: the column is text, and text is never trusted.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: a number as a numeric cell keeps it: "-1250.00", "42"
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe_cell(value: Any, *, numeric: bool = False) -> Any:
    """The value as a spreadsheet may open it: text that would start a formula gets a
    leading single quote; plain numbers in a numeric column are left alone."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    if numeric and PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    *,
    fields: Sequence[str],
    numeric: Collection[str] = (),
) -> str:
    """Rows as CSV text (header first, ``\\n`` line ends), every cell made safe."""
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k), numeric=k in numeric) for k in fields})
    return buf.getvalue()

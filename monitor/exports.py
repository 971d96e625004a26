"""Finance's exports: rows as CSV text or as an Excel workbook, column by column.

A ``Column`` names its header (a catalogue key, so the headers follow the reader's
language) and its kind:

* ``money``: a Decimal written exactly (CSV: ``1234.50``; Excel: a number cell with a
  two-decimal number format; openpyxl writes the Decimal's own digits, so the stored
  value is the amount to the øre);
* ``price``: a unit price, exact, at least two decimals (``100.00``, ``33.333333``);
* ``number``: a quantity, exact, no more decimals than it has (``40``, ``2.5``);
* ``integer``, ``date`` (a real date cell in Excel, ISO in CSV) and ``text``.

Both writers take an iterable of rows and never hold more than one row: CSV is yielded
line by line, the workbook is written with openpyxl's write-only mode into a file.
Text is safe against formula injection in both (``monitor.csvexport``; in Excel a text
cell is always a string cell, never a formula).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from extractors.money import decimal_str
from monitor.csvexport import PLAIN_NUMBER, safe_cell

Kind = Literal["text", "money", "price", "number", "integer", "date"]
FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
MONEY_FORMAT = "#,##0.00"
PRICE_FORMAT = "#,##0.00####"
NUMBER_FORMAT = "General"
_FORMATS = {"money": MONEY_FORMAT, "price": PRICE_FORMAT, "number": NUMBER_FORMAT}
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str  # a catalogue key (monitor.web.i18n)
    kind: Kind = "text"
    width: int = 14
    #: a code written in the reader's words: ``status`` (catalogue ``status.<code>``),
    #: ``severity``, ``doctype``, ``money_kind``, ``rule`` (the rule's title)
    labels: str | None = None


#: turns (labels, code) into the reader's words (``monitor.web.exporting``)
Labeller = Callable[[str, str], str]


def _plain(value: Any, kind: Kind) -> Any:
    """A cell's CSV text: decimals without exponent, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_str(value, min_places=0 if kind == "number" else 2)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def csv_lines(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    headers: Callable[[str], str],
    labels: Labeller | None = None,
    danish: bool = False,
) -> Iterator[str]:
    """The header line, then one line per row (``\\n`` ends), every cell made safe.
    ``danish``: as a Danish spreadsheet opens it: ``;`` between cells and a decimal comma
    (``1234,50``), where a comma would put every row in one column; ``labels``: codes in
    the reader's words."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if danish else ",", lineterminator="\n")

    def line(cells: list[Any]) -> str:
        buf.seek(0)
        buf.truncate()
        writer.writerow(cells)
        return buf.getvalue()

    yield "\ufeff" + line([safe_cell(headers(c.header)) for c in columns])  # BOM: Excel reads UTF-8
    numeric = {"money", "price", "number", "integer"}
    for row in rows:
        cells = []
        for c in columns:
            value = _labelled(row.get(c.key), c, labels)
            cell = safe_cell(_plain(value, c.kind), numeric=c.kind in numeric)
            if (
                danish
                and c.kind in numeric
                and isinstance(cell, str)
                and PLAIN_NUMBER.fullmatch(cell)
            ):
                cell = cell.replace(".", ",")
            cells.append(cell)
        yield line(cells)


def _labelled(value: Any, column: Column, labels: Labeller | None) -> Any:
    if labels is None or column.labels is None or value is None or value == "":
        return value
    return labels(column.labels, str(value))


def write_xlsx(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    headers: Callable[[str], str],
    title: str,
    labels: Labeller | None = None,
) -> int:
    """The rows as a workbook at ``path``: a bold, frozen header row, column widths,
    numbers and dates as such. Returns the number of rows written."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    bold = Font(bold=True)
    head = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=headers(column.header))
        cell.data_type = "s"
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    n = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, c, _labelled(row.get(c.key), c, labels)) for c in columns])
        n += 1
    book.save(path)
    return n


def _xlsx_cell(sheet: Any, column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "integer":
        return int(value)
    if column.kind == "text" and not str(value).startswith("="):
        return str(value)  # a plain string cell; only "=" would make openpyxl a formula
    cell = WriteOnlyCell(sheet)
    if column.kind in _FORMATS:
        cell.value = value if isinstance(value, Decimal) else Decimal(str(value))
        cell.number_format = _FORMATS[column.kind]
    elif column.kind == "date":
        cell.value = value if isinstance(value, date) else date.fromisoformat(str(value))
        cell.number_format = DATE_FORMAT
    else:
        cell.value = str(value)
        cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell

"""Importing price index series (``index,period,value`` CSV, period ``YYYY-MM``)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.errors import InputError
from monitor.indexes.models import IndexValue

HEADER = ["index", "period", "value"]
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def read_index_csv(text: str, *, filename: str) -> list[tuple[str, str, Decimal]]:
    """Validate every row first; an error names the file, line and field."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    if header != HEADER:
        raise InputError(
            f"the header must be {','.join(HEADER)}, got {','.join(header)}", file=filename, line=1
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != 3:
            raise InputError(f"expected 3 columns, got {len(row)}", file=filename, line=number)
        name, period, raw = (c.strip() for c in row)
        if not name:
            raise InputError("the index name is empty", file=filename, line=number, field="index")
        if not _PERIOD.match(period):
            raise InputError(
                f"period {period!r} is not YYYY-MM", file=filename, line=number, field="period"
            )
        try:
            value = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            raise InputError(
                f"value {raw!r} is not a number", file=filename, line=number, field="value"
            ) from None
        if not value.is_finite() or value <= 0:
            raise InputError(
                f"value {raw!r} must be positive", file=filename, line=number, field="value"
            )
        rows.append((name, period, value))
    return rows


def import_index(session: Session, *, rows: list[tuple[str, str, Decimal]], source: str) -> int:
    """Insert or update each (index, period). Never commits. Returns rows written."""
    existing = {
        (v.index_name, v.period): v
        for v in session.scalars(
            select(IndexValue).where(IndexValue.index_name.in_({r[0] for r in rows}))
        )
    }
    for name, period, value in rows:
        row = existing.get((name, period))
        if row is None:
            session.add(IndexValue(index_name=name, period=period, value=value, source=source))
        else:
            row.value, row.source = value, source
    session.flush()
    return len(rows)

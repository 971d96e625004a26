"""Answering a list as a download: CSV streamed row by row, Excel written to a temporary
file (openpyxl's write-only mode) and sent from it, headers in the reader's language.

The rows come from ``rows(session)``: a generator over a query, read in batches. A CSV
is read while it is sent, after the request's own session has closed, so it reads
through a session of its own limited to the same municipalities
(``monitor.web.api.export_session``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from monitor.exports import CSV_TYPE, XLSX_TYPE, Column, csv_lines, write_xlsx
from monitor.web.api import export_session
from monitor.web.i18n import MESSAGES, rule_title, translator
from monitor.web.templating import page_language

Format = Literal["csv", "xlsx"]
FormatParam = Query(description="csv (UTF-8, comma separated) or xlsx (Excel)")
Rows = Callable[[Session], Iterable[Mapping[str, Any]]]
CHUNK = 64 * 1024  # characters of CSV sent at a time

#: the 200 answer of an export, for the OpenAPI document
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the file, as an attachment; headers in the request's language "
        "(?lang=da|en)",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def export(
    request: Request,
    session: Session,
    *,
    fmt: Format,
    columns: Sequence[Column],
    rows: Rows,
    name: str,
    title_key: str,
) -> Response:
    """The rows as ``<name>-<today>.csv`` or ``.xlsx``."""
    lang = page_language(request)
    t = translator(lang)

    def labels(kind: str, code: str) -> str:
        """A code in the reader's words where the catalogue has them, else the code."""
        if kind == "rule":
            return rule_title(code, lang)
        key = f"{kind}.{code}"
        return t(key) if key in MESSAGES else code

    filename = f"{name}-{date.today().isoformat()}.{fmt}"
    disposition = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if fmt == "csv":

        def lines() -> Iterator[str]:
            # sent in chunks: each one is a hop to the thread pool, not each row
            chunk: list[str] = []
            size = 0
            with export_session(request) as own:
                for line in csv_lines(
                    columns, rows(own), headers=t, labels=labels, danish=lang == "da"
                ):
                    chunk.append(line)
                    size += len(line)
                    if size >= CHUNK:
                        yield "".join(chunk)
                        chunk, size = [], 0
            yield "".join(chunk)

        return StreamingResponse(lines(), media_type=CSV_TYPE, headers=disposition)
    handle, raw = tempfile.mkstemp(prefix="prisvagt-export-", suffix=".xlsx")
    os.close(handle)
    path = Path(raw)
    try:
        write_xlsx(path, columns, rows(session), headers=t, title=t(title_key), labels=labels)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=XLSX_TYPE,
        filename=filename,
        background=BackgroundTask(path.unlink, missing_ok=True),
    )

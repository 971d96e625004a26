"""Finance exports from the pages in a real browser: the findings list's CSV and Excel
links download the list as filtered, amounts exact to the øre, only the user's own
municipality."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from fastapi import FastAPI

from tests.web.browser.conftest import make_user, sign_in


def _download(page: object, selector: str, folder: Path) -> Path:
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click(selector)  # type: ignore[attr-defined]
    download = info.value
    target = folder / download.suggested_filename
    download.save_as(str(target))
    return target


def test_finance_exports_the_findings_list_as_csv_and_excel(
    app: FastAPI,
    new_page: Callable[..., object],
    shot: Callable[[object, str], Path],
    tmp_path: Path,
) -> None:
    email = make_user(app, "okonomi@kk.example", roles=["finance"], municipalities=["101"])
    page = new_page()
    sign_in(page, email)
    page.goto("/findings?rule=price_above_agreed")  # type: ignore[attr-defined]
    shot(page, "findings-list-with-export-links")

    saved = _download(page, "a[data-export=csv]", tmp_path)
    assert saved.name.endswith(".csv")
    text = saved.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))  # Danish: ";" between cells
    body = "\n".join(";".join(r) for r in rows[1:])
    # the list's filter went with the link: only the price finding of København
    assert len(rows) == 2, rows
    assert "F-2026-0042" in body and "F-2026-0043" not in body
    header = rows[0]
    amount = rows[1][header.index(next(h for h in header if "overpris" in h.lower()))]
    assert amount == "1000,00"  # a decimal comma, as a Danish spreadsheet reads it

    saved = _download(page, "a[data-export=xlsx]", tmp_path)
    assert saved.name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(saved).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    money = [v for v in values[1] if isinstance(v, int | float | Decimal)]
    assert any(Decimal(str(v)) == Decimal("1000") for v in money), values[1]

"""Price annex -> Excel workbook ("Tilbudsliste"); LibreOffice Calc turns it into PDF pages
that are appended to the contract body."""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

EN_NUM = re.compile(r"^\d{1,3}(,\d{3})*\.\d{2}$")


def render(meta, path) -> None:
    seed = meta["seed"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Tilbudsliste" if meta["lang"] == "da" else "Price schedule"
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=["D9E1F2", "FCE4D6", "E2EFDA"][seed % 3])
    font_name = "Liberation Sans" if seed % 2 else "Arial"
    ncols = max((len(b[1]["header"]) for b in meta["annex"] if b[0] == "table"), default=2)
    widths = [0.0] * ncols
    r = 1
    for b in meta["annex"]:
        kind = b[0]
        if kind == "title2":
            c = ws.cell(row=r, column=1, value=b[1])
            c.font = Font(name=font_name, bold=True, size=14)
            r += 2
        elif kind == "para":
            c = ws.cell(row=r, column=1, value=b[1])
            c.font = Font(name=font_name, size=10)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            ws.row_dimensions[r].height = 14 * (1 + len(b[1]) // 95)
            r += 1
        elif kind == "table":
            spec = b[1]
            r += 1
            if spec.get("caption"):
                ws.cell(row=r, column=1, value=spec["caption"]).font = Font(
                    name=font_name, bold=True, size=10
                )
                r += 1
            ws_ = spec.get("widths") or [1] * len(spec["header"])
            for i, w in enumerate(ws_):
                widths[i] = max(widths[i], w)
            nums = set(spec.get("num_cols", []))
            for j, h in enumerate(spec["header"]):
                c = ws.cell(row=r, column=j + 1, value=h)
                c.font = Font(name=font_name, bold=True, size=10)
                c.fill = fill
                c.border = border
                c.alignment = Alignment(wrap_text=True, vertical="center",
                                        horizontal="right" if j in nums else "left")  # fmt: skip
            r += 1
            for i, row in enumerate(spec["rows"]):
                total = spec.get("total_row") and i == len(spec["rows"]) - 1
                for j, txt in enumerate(row):
                    val: object = txt
                    fmt = None
                    if j in nums and meta["lang"] == "en" and EN_NUM.match(txt):
                        val = float(txt.replace(",", ""))
                        fmt = "#,##0.00"
                    elif (
                        j in nums
                        and meta["lang"] == "en"
                        and re.fullmatch(r"\d{1,3}(,\d{3})*", txt)
                    ):
                        val = int(txt.replace(",", ""))
                        fmt = "#,##0"
                    c = ws.cell(row=r, column=j + 1, value=val)
                    if fmt:
                        c.number_format = fmt
                    c.font = Font(name=font_name, size=10, bold=bool(total))
                    c.border = border
                    c.alignment = Alignment(wrap_text=True, vertical="top",
                                            horizontal="right" if j in nums else "left")  # fmt: skip
                r += 1
            if spec.get("note"):
                ws.cell(row=r, column=1, value=spec["note"]).font = Font(
                    name=font_name, italic=True, size=9
                )
                r += 1
    scale = 90 / max(1.0, sum(widths))
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = max(8.0, w * scale)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = meta["annex_title"]
    ws.oddHeader.right.text = meta["header"]
    ws.oddHeader.right.size = 7
    ws.oddFooter.center.text = f"{meta['page_word']} &P {meta['of_word']} &N"
    wb.save(path)

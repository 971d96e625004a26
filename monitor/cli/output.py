"""Printing findings as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rich.table import Table

from extractors.money import decimal_str
from monitor.findings.schemas import FindingOut

CSV_FIELDS = [
    "id",
    "rule",
    "severity",
    "status",
    "municipality",
    "vendor_cvr",
    "invoice_number",
    "line_id",
    "item_id",
    "description",
    "agreed_unit_price",
    "invoiced_unit_price",
    "quantity",
    "overcharge",
    "currency",
    "contract_document",
    "contract_page",
    "message",
]


def findings_json(findings: Sequence[FindingOut]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False, indent=2)


def findings_csv(findings: Sequence[FindingOut]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow(f.model_dump(mode="json"))
    return buf.getvalue()


def findings_table(findings: Sequence[FindingOut]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for name, justify in (
        ("id", "right"),
        ("rule", "left"),
        ("sev.", "left"),
        ("status", "left"),
        ("kommune", "left"),
        ("invoice", "left"),
        ("line", "left"),
        ("item", "left"),
        ("agreed", "right"),
        ("invoiced", "right"),
        ("qty", "right"),
        ("overcharge", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in findings:
        table.add_row(
            str(f.id),
            f.rule,
            f.severity,
            f.status,
            f"{f.municipality or '-'} {f.municipality_name or ''}".strip(),
            f.invoice_number,
            f.line_id or "-",
            f.item_id or "-",
            _money(f.agreed_unit_price),
            _money(f.invoiced_unit_price),
            decimal_str(f.quantity, min_places=0) if f.quantity is not None else "-",
            f"{_money(f.overcharge)} {f.currency}",
        )
    return table


def _money(value: object) -> str:
    from decimal import Decimal

    return decimal_str(value) if isinstance(value, Decimal) else "-"

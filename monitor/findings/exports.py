"""Findings as finance exports them: the columns, and the rows read in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from monitor.exports import Column
from monitor.findings import repository
from monitor.findings.schemas import FindingFilter
from monitor.web.queries import ORDER

#: one row per finding; headers are catalogue keys
FINDING_COLUMNS = (
    Column("id", "export.finding_id", "integer", 9),
    Column("invoice_number", "field.invoice", "text", 16),
    Column("invoice_date", "field.invoice_date", "date", 12),
    Column("due_date", "field.due_date", "date", 12),
    Column("municipality", "export.municipality_code", "text", 9),
    Column("municipality_name", "field.municipality", "text", 18),
    Column("vendor_cvr", "export.vendor_cvr", "text", 11),
    Column("vendor_name", "field.vendor", "text", 22),
    Column("rule", "field.rule", "text", 22, labels="rule"),
    Column("severity", "field.severity", "text", 10, labels="severity"),
    Column("status", "field.status", "text", 11, labels="status"),
    Column("money_kind", "export.money_kind", "text", 12, labels="findings.money_kind"),
    Column("item_id", "field.item_id", "text", 12),
    Column("description", "field.description", "text", 32),
    Column("quantity", "field.quantity", "number", 10),
    Column("agreed_unit_price", "field.agreed", "price", 14),
    Column("invoiced_unit_price", "field.invoiced", "price", 14),
    Column("amount", "export.amount", "money", 14),
    Column("overcharge", "field.overcharge", "money", 14),
    Column("price_gap", "export.price_gap", "money", 14),
    Column("recovered", "field.recovered", "money", 14),
    Column("currency", "export.currency", "text", 8),
    Column("counted", "export.counted", "integer", 9),
    Column("contract_id", "export.contract_id", "integer", 10),
    Column("message", "export.message", "text", 50),
)

BATCH = 500


def finding_rows(
    session: Session, flt: FindingFilter, *, sort: str = "overcharge_desc", lang: str = "en"
) -> Iterator[dict[str, Any]]:
    """Every finding matching the filter, in the list's order, read ``BATCH`` at a time;
    the message in ``lang`` where the rule wrote one."""
    stmt = repository.filtered(repository.flat_select(), flt).order_by(
        *ORDER.get(sort, ORDER["overcharge_desc"])
    )
    for row in session.execute(stmt.execution_options(yield_per=BATCH)):
        finding = repository.to_out(row)
        values = dict(finding)
        values["message"] = finding.message_in(lang)
        values["counted"] = int(finding.counted)  # 1: in the overcharge total
        # the finding's own figure, then the two summable columns: an overcharge counted
        # once (a further ground's money is its owner's), and a price gap apart
        values["amount"] = finding.overcharge
        kind = finding.money_kind
        values["overcharge"] = (
            finding.overcharge if kind == "overcharge" and finding.counted else None
        )
        gap = kind == "price_gap" and finding.status != "dismissed"
        values["price_gap"] = finding.overcharge if gap else None
        yield values

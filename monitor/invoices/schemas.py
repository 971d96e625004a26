"""Invoices as the API and the exports show them: amounts as decimal strings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from monitor.schemas import Amount, Quantity

InvoiceStatus = Literal["assigned", "unassigned", "checked", "check_failed"]
DocumentType = Literal["invoice", "credit_note"]
InvoiceSort = Literal["newest", "oldest", "payable_desc"]

_INVOICE_EXAMPLE = {
    "id": 12,
    "number": "F-2026-0042",
    "document_type": "invoice",
    "format": "oioubl-2.02",
    "issue_date": "2026-03-01",
    "due_date": "2026-03-31",
    "period_start": None,
    "period_end": None,
    "currency": "DKK",
    "status": "checked",
    "municipality": "101",
    "municipality_name": "København",
    "vendor_cvr": "12345678",
    "vendor_name": "Kommunedata A/S",
    "supplier_cvr": "12345678",
    "buyer_ean": "5798000000001",
    "line_extension": "6900.00",
    "allowances": "0.00",
    "charges": "0.00",
    "tax_exclusive": "6900.00",
    "tax": "1725.00",
    "payable": "8625.00",
    "findings": 1,
    "overcharge": "1000.00",
    "document_id": 3,
    "received_at": "2026-03-02T08:15:00Z",
}
_LINE_EXAMPLE = {
    "id": 31,
    "position": 0,
    "line_id": "1",
    "item_id": "LIC-100",
    "description": "Brugerlicens ESDH",
    "quantity": "40",
    "unit_code": "EA",
    "unit_price": "125",
    "price_amount": None,
    "base_quantity": "1",
    "line_amount": "5000.00",
    "vat_percent": "25.00",
    "period_start": None,
    "period_end": None,
    "not_compared": None,
}


class InvoiceQuery(BaseModel):
    """The invoices list's filters, shared by the page, the API and the exports."""

    municipality: str | None = Field(None, description="kommunekode, e.g. 101")
    vendor: str | None = Field(None, description="the vendor's CVR number")
    status: InvoiceStatus | None = Field(
        None, description="assigned|unassigned|checked|check_failed"
    )
    document_type: DocumentType | None = Field(None, description="invoice or credit_note")
    issued_from: date | None = Field(None, description="issue date from (inclusive)")
    issued_to: date | None = Field(None, description="issue date to (inclusive)")
    with_findings: bool | None = Field(
        None, description="true: only invoices with findings; false: only those without"
    )
    sort: InvoiceSort = Field("newest", description="newest|oldest (issue date), payable_desc")

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_any(cls, value: object, info: ValidationInfo) -> object:
        """An empty form field is no filter (the field's default)."""
        return cls.model_fields[str(info.field_name)].default if value == "" else value


class InvoiceOut(BaseModel):
    """One invoice or credit note (credit notes carry negative amounts), with its parties
    and the findings on it: ``overcharge`` counts each krone once (no price gaps)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_INVOICE_EXAMPLE]})

    id: int
    number: str
    document_type: str
    format: str
    issue_date: date
    due_date: date | None
    period_start: date | None
    period_end: date | None
    currency: str
    status: str
    municipality: str | None = Field(description="kommunekode; null while unassigned")
    municipality_name: str | None
    vendor_cvr: str | None
    vendor_name: str | None
    supplier_cvr: str | None = Field(description="as the invoice states it")
    buyer_ean: str | None
    line_extension: Amount
    allowances: Amount
    charges: Amount
    tax_exclusive: Amount
    tax: Amount
    payable: Amount
    findings: int = Field(description="findings on the invoice")
    overcharge: Amount
    document_id: int | None
    received_at: datetime


class InvoiceLineOut(BaseModel):
    """A line; ``unit_price`` is per one ``unit_code`` (price_amount / base_quantity)."""

    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [_LINE_EXAMPLE]})

    id: int
    position: int
    line_id: str
    item_id: str | None
    description: str
    quantity: Quantity
    unit_code: str | None
    unit_price: Quantity
    price_amount: Quantity | None
    base_quantity: Quantity
    line_amount: Amount
    vat_percent: Quantity | None
    period_start: date | None
    period_end: date | None
    not_compared: str | None = Field(
        None,
        description="why the price rules could not compare this line with the contract "
        "(no breach is claimed for it: it is for review), or null",
    )


class InvoiceDetailOut(InvoiceOut):
    """An invoice with its lines, the reading's warnings and why it is unassigned or
    why its check failed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_INVOICE_EXAMPLE,
                    "lines": [_LINE_EXAMPLE],
                    "warnings": [],
                    "unassigned_reason": None,
                    "check_error": None,
                }
            ]
        }
    )

    lines: list[InvoiceLineOut]
    warnings: list[str]
    unassigned_reason: str | None
    check_error: str | None

"""Findings as the CLI, the API and the web pages show them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, field_serializer

from extractors.money import decimal_str

_FINDING_EXAMPLE = {
    "id": 1,
    "rule": "price_above_agreed",
    "severity": "high",
    "status": "open",
    "mode": "active",
    "message": "Enhedsprisen 125,00 kr. er over den aftalte 100,00 kr.",
    "municipality": "101",
    "municipality_name": "København",
    "vendor_cvr": "12345678",
    "vendor_name": "Kommunedata A/S",
    "invoice_id": 12,
    "invoice_number": "F-2026-0042",
    "invoice_date": "2026-03-01",
    "line_id": "1",
    "item_id": "LIC-100",
    "description": "Brugerlicens ESDH",
    "agreed_unit_price": "100.00",
    "invoiced_unit_price": "125.00",
    "quantity": "40",
    "overcharge": "1000.00",
    "recovered": "0.00",
    "currency": "DKK",
    "contract_id": 4,
    "contract_document": "kontrakt-kbh.pdf",
    "contract_page": 3,
    "evidence": {"contract_page": 3, "agreed_unit_price": "100.00"},
    "created_at": "2026-03-02T08:15:03Z",
    "reviewed_by": None,
    "review_note": None,
    "preliminary": False,
    "money_kind": "overcharge",
    "benchmark_unit_price": None,
    "grounds_for_id": None,
    "further_grounds": [],
    "counted": True,
    "due_date": "2026-03-31",
}


class FindingOut(BaseModel):
    """One finding, flattened with its invoice, line, municipality, vendor and contract."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [_FINDING_EXAMPLE]}
    )

    id: int
    rule: str
    severity: str
    status: str
    mode: str
    message: str
    #: the message in Danish (None where the rule wrote none: a custom rule's text)
    message_da: str | None = None
    municipality: str | None
    municipality_name: str | None
    vendor_cvr: str | None
    vendor_name: str | None
    invoice_id: int
    invoice_number: str
    invoice_date: str
    line_id: str | None
    item_id: str | None
    description: str | None
    agreed_unit_price: Decimal | None
    invoiced_unit_price: Decimal | None
    quantity: Decimal | None
    overcharge: Decimal
    recovered: Decimal = Decimal(0)
    currency: str
    contract_id: int | None
    contract_document: str | None
    contract_page: int | None
    evidence: dict[str, Any]
    created_at: datetime
    reviewed_by: str | None = None
    review_note: str | None = None
    #: rests on a contract pending legal's review: shown, announced to nobody yet
    preliminary: bool = False
    #: ``overcharge``: the contract lets the municipality claim it back; ``price_gap``:
    #: the gap to the other municipalities' median (``benchmark_unit_price``), no breach
    money_kind: str = "overcharge"
    benchmark_unit_price: Decimal | None = None
    #: another finding owns the same money on the same line: this one is a further
    #: ground for it, and its amount is not counted again
    grounds_for_id: int | None = None
    #: the ids of the findings that are further grounds for this one
    further_grounds: list[int] = []
    #: the amount counts in the overcharge total (an overcharge no other finding owns,
    #: not dismissed)
    counted: bool = True
    due_date: str | None = None
    #: who follows the finding up (a user id, with their name and email), by when
    owner_id: int | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    deadline: date | None = None
    #: past its deadline and still open or confirmed
    overdue: bool = False

    @field_serializer(
        "agreed_unit_price",
        "invoiced_unit_price",
        "overcharge",
        "benchmark_unit_price",
        "recovered",
    )
    def _money_as_string(self, value: Decimal | None) -> str | None:
        return None if value is None else decimal_str(value)

    @field_serializer("quantity")
    def _quantity_as_string(self, value: Decimal | None) -> str | None:
        return None if value is None else decimal_str(value, min_places=0)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` where the rule wrote one, else in English."""
        return self.message_da if lang == "da" and self.message_da else self.message


class FindingFilter(BaseModel):
    municipality: str | None = None  # kommunekode
    rule: str | None = None
    status: str | None = None
    vendor_cvr: str | None = None
    #: True: only preliminary findings; False: only final ones; None: both
    preliminary: bool | None = None
    severity: str | None = None
    money_kind: str | None = None  # overcharge|price_gap
    #: only the findings this user owns
    owner_id: int | None = None
    #: only findings past their deadline and still followed up (``today`` decides)
    overdue: bool = False
    today: date | None = None
    #: words found (each, case ignored) in the message, invoice number, vendor name or
    #: the invoice line's description
    text: str | None = None
    #: the invoice's issue date, and the day the finding was made, within [from, to]
    issued_from: date | None = None
    issued_to: date | None = None
    created_from: date | None = None
    created_to: date | None = None
    limit: int | None = None
    offset: int = 0

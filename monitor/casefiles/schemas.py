"""Case files as the JSON API shows them: the list's filters, a case file, and one with
the findings it claims. Amounts are decimal strings ("1250.50"), as everywhere in the
API; dates ISO 8601."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from extractors.money import decimal_str

#: draft (made, not sent) | sent | answered: ``CaseFile.state``
CaseFileStatus = Literal["draft", "sent", "answered"]

_CASE_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "status": "answered",
    "vendor_cvr": "12345678",
    "vendor_name": "Kommunedata A/S",
    "municipality": "101",
    "municipality_name": "København",
    "language": "da",
    "findings": 2,
    "total": "1250.50",
    "currency": "DKK",
    "created_by": "jurist@kk.dk",
    "created_at": "2026-04-02T09:15:00Z",
    "sent_at": "2026-04-02T10:03:00Z",
    "sent_by": "jurist@kk.dk",
    "sent_via": "email",
    "sent_note": "til debitor@kommunedata.example.com",
    "answer": "partly",
    "credited": "1100.00",
    "answer_note": "Kreditnota KN-88",
    "answered_on": "2026-04-15",
    "answer_recorded_by": "jurist@kk.dk",
    "answer_recorded_at": "2026-04-16T08:00:00Z",
    "letter_url": "/case-files/7/letter.pdf",
    "evidence_url": "/case-files/7/evidence.zip",
}

_CLAIMED_EXAMPLE: dict[str, Any] = {
    "finding_id": 42,
    "position": 0,
    "claimed": "1000.00",
    "status": "resolved",
    "recovered": "1000.00",
    "credited": "1000.00",
    "rule": "price_above_agreed",
    "invoice_id": 12,
    "invoice_number": "F-2026-0042",
    "invoice_date": "2026-03-01",
    "line_id": "1",
    "description": "Brugerlicens ESDH",
    "quantity": "40",
    "agreed_unit_price": "100.00",
    "invoiced_unit_price": "125.00",
    "currency": "DKK",
}


class CaseFileQuery(BaseModel):
    """The case files list's filters (all optional, combined with and)."""

    municipality: str | None = Field(None, description="kommunekode, e.g. 101")
    vendor: str | None = Field(None, description="the vendor's CVR number, e.g. 12345678")
    status: CaseFileStatus | None = Field(
        None, description="draft (not sent), sent (no answer yet) or answered"
    )


class CaseFileOut(BaseModel):
    """A case file: the claim against a vendor for one municipality's confirmed
    findings, when and how it was sent, and the vendor's answer (null until answered;
    ``credited`` is 0.00 for a rejection)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CASE_EXAMPLE]})

    id: int
    status: CaseFileStatus
    vendor_cvr: str
    vendor_name: str
    municipality: str = Field(description="kommunekode")
    municipality_name: str
    language: str = Field(description="the letter's language: da or en")
    findings: int = Field(description="how many findings it claims")
    total: Decimal = Field(description="the amount claimed: the findings' overcharge then")
    currency: str
    created_by: str
    created_at: datetime
    sent_at: datetime | None
    sent_by: str | None
    sent_via: str | None = Field(description="email, digital_post, post or other")
    sent_note: str | None
    answer: Literal["accepted", "partly", "rejected"] | None
    credited: Decimal | None
    answer_note: str | None
    answered_on: date | None
    answer_recorded_by: str | None
    answer_recorded_at: datetime | None
    letter_url: str = Field(description="the letter as sent (PDF), for a signed-in reader")
    evidence_url: str = Field(description="the evidence ZIP, for a signed-in reader")

    @field_serializer("total", "credited")
    def _money(self, value: Decimal | None) -> str | None:
        return None if value is None else decimal_str(value)


class ClaimedFindingOut(BaseModel):
    """A finding a case file claims: ``claimed`` its overcharge when the letter was
    made; ``status`` and ``recovered`` as the finding stands now; ``credited`` the part
    of the vendor's credit settled against it (less than its overcharge: the credit ran
    out on it, and it stays open for the rest)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CLAIMED_EXAMPLE]})

    finding_id: int
    position: int = Field(description="its place in the letter, from 0")
    claimed: Decimal
    status: str
    recovered: Decimal
    credited: Decimal = Field(description="the part of the vendor's credit settled against it")
    rule: str
    invoice_id: int
    invoice_number: str
    invoice_date: date
    line_id: str | None
    description: str | None
    quantity: Decimal | None
    agreed_unit_price: Decimal | None
    invoiced_unit_price: Decimal | None
    currency: str

    @field_serializer(
        "claimed", "recovered", "credited", "agreed_unit_price", "invoiced_unit_price"
    )
    def _money(self, value: Decimal | None) -> str | None:
        return None if value is None else decimal_str(value)

    @field_serializer("quantity")
    def _quantity(self, value: Decimal | None) -> str | None:
        return None if value is None else decimal_str(value, min_places=0)


class CaseFileDetailOut(CaseFileOut):
    """A case file with the findings it claims, in the letter's order, and
    ``remainder``: what its findings still open owe after the credit settled against
    them (a partial credit resolves only the findings it covers in full)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_CASE_EXAMPLE, "remainder": "150.50", "claims": [_CLAIMED_EXAMPLE]}]
        }
    )

    remainder: Decimal = Field(description="what the findings still open owe")
    claims: list[ClaimedFindingOut]

    @field_serializer("remainder")
    def _remainder(self, value: Decimal) -> str:
        return decimal_str(value)

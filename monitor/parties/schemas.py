"""Parties as read from the parties CSV."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PARTIES_CSV_HEADER = [
    "kind",
    "code",
    "name",
    "cvr",
    "ean",
    "population",
    "finance_email",
    "legal_email",
]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class PartyRow(BaseModel):
    """One row of the parties CSV, validated."""

    kind: Literal["municipality", "vendor"]
    code: str | None = None
    name: str
    cvr: str | None = None
    ean: list[str] = []
    population: int | None = None
    finance_email: str | None = None
    legal_email: str | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, v: str | None) -> str | None:
        if v and not re.fullmatch(r"\d{3}", v):
            raise ValueError("kommunekode must be 3 digits")
        return v or None

    @field_validator("cvr")
    @classmethod
    def _cvr(cls, v: str | None) -> str | None:
        if v and not re.fullmatch(r"\d{8}", v):
            raise ValueError("CVR must be 8 digits")
        return v or None

    @field_validator("ean", mode="before")
    @classmethod
    def _ean(cls, v: object) -> list[str]:
        if isinstance(v, str):
            v = [e.strip() for e in v.split(";") if e.strip()]
        eans = list(v) if isinstance(v, list) else []
        for ean in eans:
            if not re.fullmatch(r"\d{13}", ean):
                raise ValueError(f"EAN {ean!r} must be 13 digits")
            expected = ean_check_digit(ean[:12])
            if int(ean[12]) != expected:
                raise ValueError(
                    f"EAN {ean} has a wrong check digit: with these first 12 digits it "
                    f"ends in {expected} (a digit mistyped?)"
                )
        return eans

    @field_validator("finance_email", "legal_email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v and not _EMAIL.match(v):
            raise ValueError(f"{v!r} is not an email address")
        return v or None

    @field_validator("population", mode="before")
    @classmethod
    def _population(cls, v: object) -> object:
        if isinstance(v, str):
            v = v.replace(".", "").replace(" ", "")
            return int(v) if v else None
        return v


# ------------------------------------------------------------------------- API v1
class EanOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ean: str
    department: str | None


class MunicipalityOut(BaseModel):
    """A municipality (buyer) with its EAN location numbers."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "101",
                    "name": "København",
                    "cvr": "64942212",
                    "population": 660000,
                    "population_year": 2026,
                    "eans": [{"ean": "5798000000001", "department": "Borgerservice"}],
                }
            ]
        }
    )

    code: str = Field(description="kommunekode")
    name: str
    cvr: str | None
    population: int | None
    population_year: int | None
    eans: list[EanOut]


class VendorOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {"cvr": "12345678", "name": "Kommunedata A/S", "created_at": "2025-01-01T00:00:00Z"}
            ]
        },
    )

    cvr: str
    name: str
    created_at: datetime


class ContactOut(BaseModel):
    """Who a municipality's alerts go to (personal data: admins only)."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 1,
                    "role": "finance",
                    "email": "okonomi@kk.dk",
                    "name": "Økonomi",
                    "language": "da",
                    "immediate_min_severity": "medium",
                    "active": True,
                }
            ]
        },
    )

    id: int
    role: str
    email: str
    name: str | None
    language: str
    immediate_min_severity: str
    active: bool


def ean_check_digit(first12: str) -> int:
    """The GS1 check digit of an EAN-13 (GLN) whose first 12 digits are ``first12``:
    the digits weighted 1, 3, 1, 3, ... from the left, the check digit bringing their
    sum to a multiple of 10. Every EAN a municipality receives invoices on has it right;
    a wrong one is a digit mistyped (or two swapped), which would route no invoice."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10

"""Parties as read from the parties CSV."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, field_validator

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

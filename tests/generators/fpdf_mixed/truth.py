"""The ground truth written beside each PDF, and the schema it must satisfy.

`Truth` is what a layout fills in while it writes the document; `TruthSchema` is the JSON
contract (strict: unknown keys, wrong enums, floats for money and malformed dates fail).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Unit = Literal[
    "month", "year", "user_month", "user_year", "inhabitant_year",
    "hour", "transaction", "fixed", "piece",
]  # fmt: skip

DECIMAL = r"^\d+(\.\d+)?$"
PRICE = r"^\d+\.\d{2,}$"


@dataclass
class Party:
    name: str
    cvr: str | None
    role: Literal["buyer", "vendor"]


@dataclass
class Indexation:
    index: str
    cap_pct: str | None = None
    adjust_month: int | None = None
    fixed_months: int | None = None
    notice_days: int | None = None
    threshold_pct: str | None = None


@dataclass
class PriceTerm:
    """One agreed price. `unit_price` is excl. VAT; tiers share item id and description."""

    item_id: str | None
    description: str
    unit: str
    unit_price: Decimal
    currency: str = "DKK"
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None


@dataclass
class Truth:
    layout: str
    language: str
    title: str = ""
    parties: list[Party] = field(default_factory=list)
    effective_date: dt.date | None = None
    expiry_date: dt.date | None = None
    payment_days: int | None = None
    mfn: bool = False
    indexation: Indexation | None = None
    price_terms: list[PriceTerm] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The JSON document of the brief's schema (decimals and dates as strings)."""
        return {
            "layout": self.layout,
            "language": self.language,
            "title": self.title,
            "parties": [asdict(p) for p in self.parties],
            "effective_date": _date(self.effective_date),
            "expiry_date": _date(self.expiry_date),
            "payment_days": self.payment_days,
            "mfn": self.mfn,
            "indexation": asdict(self.indexation) if self.indexation else None,
            "price_terms": [_term(t) for t in self.price_terms],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _term(t: PriceTerm) -> dict[str, object]:
    price = (
        t.unit_price
        if t.unit_price.as_tuple().exponent <= -2
        else t.unit_price.quantize(Decimal("0.01"))
    )
    return {
        "item_id": t.item_id,
        "description": t.description,
        "unit": t.unit,
        "unit_price": f"{price:f}",
        "currency": t.currency,
        "vat": "excl",
        "tier_min": _plain(t.tier_min),
        "tier_max": _plain(t.tier_max),
    }


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PartySchema(_Strict):
    name: str = Field(min_length=2)
    cvr: str | None = Field(pattern=r"^\d{8}$")
    role: Literal["buyer", "vendor"]


class IndexationSchema(_Strict):
    index: str = Field(pattern=r"^(nettoprisindeks|forbrugerprisindeks|lønindeks|[A-Z]+\d+)$")
    cap_pct: str | None = Field(pattern=DECIMAL)
    adjust_month: int | None = Field(ge=1, le=12)
    fixed_months: int | None = Field(gt=0)
    notice_days: int | None = Field(gt=0)
    threshold_pct: str | None = Field(pattern=DECIMAL)


class PriceTermSchema(_Strict):
    item_id: str | None
    description: str = Field(min_length=2)
    unit: Unit
    unit_price: str = Field(pattern=PRICE)
    currency: Literal["DKK", "EUR"]
    vat: Literal["excl"]
    tier_min: str | None = Field(pattern=DECIMAL)
    tier_max: str | None = Field(pattern=DECIMAL)


class TruthSchema(_Strict):
    """The ground-truth JSON, as the brief defines it."""

    layout: str
    language: Literal["da", "en"]
    title: str = Field(min_length=3)
    parties: list[PartySchema] = Field(min_length=2)
    effective_date: str | None = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    expiry_date: str | None = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    payment_days: int | None = Field(gt=0)
    mfn: bool
    indexation: IndexationSchema | None
    price_terms: list[PriceTermSchema] = Field(min_length=1)

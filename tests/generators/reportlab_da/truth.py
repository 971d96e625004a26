"""The ground truth written beside each PDF, and a validator for its schema.

The schema is the one shared by all contract generators: parties, dates, payment days,
most-favoured-customer flag, indexation clause and price terms. `validate_truth` returns
a list of problems (empty when the document conforms) so a test can show them all.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .textfmt import plain, price_str

UNITS = (
    "month", "year", "user_month", "user_year", "inhabitant_year", "hour", "transaction",
    "fixed", "piece",
)  # fmt: skip
INDEX_NAMES = ("nettoprisindeks", "forbrugerprisindeks", "lønindeks")


@dataclass(frozen=True)
class Party:
    name: str
    cvr: str | None
    role: str  # buyer | vendor


@dataclass(frozen=True)
class Indexation:
    index: str
    cap_pct: Decimal | None = None
    adjust_month: int | None = None
    fixed_months: int | None = None
    notice_days: int | None = None
    threshold_pct: Decimal | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "cap_pct": None if self.cap_pct is None else plain(self.cap_pct),
            "adjust_month": self.adjust_month,
            "fixed_months": self.fixed_months,
            "notice_days": self.notice_days,
            "threshold_pct": None if self.threshold_pct is None else plain(self.threshold_pct),
        }


@dataclass(frozen=True)
class PriceTerm:
    description: str
    unit: str
    unit_price: Decimal
    item_id: str | None = None
    currency: str = "DKK"
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "description": self.description,
            "unit": self.unit,
            "unit_price": price_str(self.unit_price),
            "currency": self.currency,
            "vat": "excl",
            "tier_min": None if self.tier_min is None else plain(self.tier_min),
            "tier_max": None if self.tier_max is None else plain(self.tier_max),
        }


@dataclass
class Truth:
    layout: str
    language: str
    title: str = ""
    parties: list[Party] = field(default_factory=list)
    effective_date: date | None = None
    expiry_date: date | None = None
    payment_days: int | None = None
    mfn: bool = False
    indexation: Indexation | None = None
    price_terms: list[PriceTerm] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "language": self.language,
            "title": self.title,
            "parties": [asdict(p) for p in self.parties],
            "effective_date": _iso(self.effective_date),
            "expiry_date": _iso(self.expiry_date),
            "payment_days": self.payment_days,
            "mfn": self.mfn,
            "indexation": None if self.indexation is None else self.indexation.as_json(),
            "price_terms": [t.as_json() for t in self.price_terms],
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PRICE = re.compile(r"^\d+\.\d{2,}$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]+$")
_TOP = {
    "layout", "language", "title", "parties", "effective_date", "expiry_date",
    "payment_days", "mfn", "indexation", "price_terms",
}  # fmt: skip
_INDEX_KEYS = {"index", "cap_pct", "adjust_month", "fixed_months", "notice_days", "threshold_pct"}
_TERM_KEYS = {
    "item_id", "description", "unit", "unit_price", "currency", "vat", "tier_min", "tier_max",
}  # fmt: skip


def validate_truth(doc: Any) -> list[str]:
    """Every way `doc` departs from the ground-truth schema; [] when it conforms."""
    if not isinstance(doc, dict):
        return ["document is not an object"]
    errors: list[str] = []
    if set(doc) != _TOP:
        errors.append(f"keys {sorted(set(doc) ^ _TOP)} missing or extra")
    if not isinstance(doc.get("layout"), str) or not doc.get("layout"):
        errors.append("layout must be a non-empty string")
    if doc.get("language") not in ("da", "en"):
        errors.append("language must be da or en")
    if not isinstance(doc.get("title"), str) or not doc["title"].strip():
        errors.append("title must be a non-empty string")
    errors += _check_parties(doc.get("parties"))
    for key in ("effective_date", "expiry_date"):
        value = doc.get(key)
        if value is not None and not (isinstance(value, str) and _DATE.match(value)):
            errors.append(f"{key} must be YYYY-MM-DD or null")
    days = doc.get("payment_days")
    if days is not None and (type(days) is not int or not 0 < days <= 30):
        errors.append("payment_days must be an int in 1..30 or null")
    if type(doc.get("mfn")) is not bool:
        errors.append("mfn must be a boolean")
    if doc.get("indexation") is not None:
        errors += _check_indexation(doc["indexation"])
    terms = doc.get("price_terms")
    if not isinstance(terms, list):
        errors.append("price_terms must be a list")
    else:
        for i, term in enumerate(terms):
            errors += [f"price_terms[{i}]: {e}" for e in _check_term(term)]
    return errors


def _check_parties(parties: Any) -> list[str]:
    if not isinstance(parties, list) or not parties:
        return ["parties must be a non-empty list"]
    errors = []
    for i, party in enumerate(parties):
        if not isinstance(party, dict) or set(party) != {"name", "cvr", "role"}:
            errors.append(f"parties[{i}] must have exactly name, cvr, role")
            continue
        if not isinstance(party["name"], str) or not party["name"]:
            errors.append(f"parties[{i}].name must be a non-empty string")
        cvr = party["cvr"]
        if cvr is not None and not (isinstance(cvr, str) and re.fullmatch(r"\d{8}", cvr)):
            errors.append(f"parties[{i}].cvr must be 8 digits or null")
        if party["role"] not in ("buyer", "vendor"):
            errors.append(f"parties[{i}].role must be buyer or vendor")
    return errors


def _check_indexation(ix: Any) -> list[str]:
    if not isinstance(ix, dict) or set(ix) != _INDEX_KEYS:
        return ["indexation must have exactly " + ", ".join(sorted(_INDEX_KEYS))]
    errors = []
    index = ix["index"]
    if not isinstance(index, str) or not (index in INDEX_NAMES or _CODE.match(index)):
        errors.append("indexation.index must be a known index name or a table code")
    for key in ("cap_pct", "threshold_pct"):
        value = ix[key]
        if value is not None and not (isinstance(value, str) and _PLAIN.match(value)):
            errors.append(f"indexation.{key} must be a plain decimal string or null")
    month = ix["adjust_month"]
    if month is not None and (type(month) is not int or not 1 <= month <= 12):
        errors.append("indexation.adjust_month must be 1..12 or null")
    for key in ("fixed_months", "notice_days"):
        value = ix[key]
        if value is not None and (type(value) is not int or value <= 0):
            errors.append(f"indexation.{key} must be a positive int or null")
    return errors


def _check_term(term: Any) -> list[str]:
    if not isinstance(term, dict) or set(term) != _TERM_KEYS:
        return ["must have exactly " + ", ".join(sorted(_TERM_KEYS))]
    errors = []
    if term["item_id"] is not None and not (isinstance(term["item_id"], str) and term["item_id"]):
        errors.append("item_id must be a non-empty string or null")
    description = term["description"]
    if not isinstance(description, str) or not description or "  " in description:
        errors.append("description must be a non-empty string with single spaces")
    if term["unit"] not in UNITS:
        errors.append(f"unit {term['unit']!r} is not one of {UNITS}")
    if not (isinstance(term["unit_price"], str) and _PRICE.match(term["unit_price"])):
        errors.append("unit_price must be a decimal string with at least 2 places")
    if term["currency"] not in ("DKK", "EUR"):
        errors.append("currency must be DKK or EUR")
    if term["vat"] != "excl":
        errors.append("vat must be excl")
    for key in ("tier_min", "tier_max"):
        value = term[key]
        if value is not None and not (isinstance(value, str) and _PLAIN.match(value)):
            errors.append(f"{key} must be a plain decimal string or null")
    return errors

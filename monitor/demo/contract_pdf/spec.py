"""The ground truth of a generated contract: parties, dates, clauses and price items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from extractors.money import decimal_str
from extractors.types import Unit, VatBasis


@dataclass(frozen=True, slots=True)
class PartySpec:
    """A contract party: ``cvr`` 8 digits; ``kommunekode`` only for municipalities;
    ``address_lines`` ("Rådhuspladsen 2", "8000 Aarhus C") printed under the name."""

    name: str
    cvr: str
    kommunekode: str | None = None
    address_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PriceItemSpec:
    """One line of the price appendix: ``unit_price`` per ONE ``unit``.

    ``tier_min``/``tier_max`` bound the volume band (inclusive, whole units; a band
    written "over 500" has ``tier_min`` 501). ``unit_text`` overrides the wording of
    the unit ("pr. bruger pr. måned"); it must mean ``unit``.
    """

    item_id: str | None
    description: str
    unit: Unit
    unit_price: Decimal
    vat: VatBasis = "excl"
    tier_min: Decimal | None = None
    tier_max: Decimal | None = None
    unit_text: str | None = None


@dataclass(frozen=True, slots=True)
class IndexationSpec:
    """Prisregulering: ``index`` normalised (``nettoprisindeks``, ``forbrugerprisindeks``,
    ``ILON12``); ``adjust_month`` 1-12; ``base_month`` ``YYYY-MM`` or None;
    ``threshold_pct`` for clauses that allow adjustment only after an index change of
    at least that much."""

    index: str
    cap_pct: Decimal | None
    adjust_month: int
    fixed_months: int
    notice_days: int
    base_month: str | None = None
    threshold_pct: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ContractSpec:
    """The ground truth of one contract document."""

    title: str
    contract_number: str
    language: str  # "da" | "en"
    buyer: PartySpec
    vendor: PartySpec
    signing_date: date
    effective_date: date
    expiry_date: date
    payment_days: int
    mfn: bool
    indexation: IndexationSpec | None
    items: tuple[PriceItemSpec, ...]
    termination_notice_months: int = 6
    wording_seed: int = 0
    currency: str = "DKK"

    def ground_truth(self) -> dict[str, object]:
        """The expected ``terms_to_dict`` output (``page`` null, ``confidence`` 1.0)."""
        ix = self.indexation
        return {
            "language": self.language,
            "title": self.title,
            "parties": [
                {"name": self.buyer.name, "cvr": self.buyer.cvr, "role": "buyer"},
                {"name": self.vendor.name, "cvr": self.vendor.cvr, "role": "vendor"},
            ],
            "effective_date": self.effective_date.isoformat(),
            "expiry_date": self.expiry_date.isoformat(),
            "payment_days": self.payment_days,
            "mfn": self.mfn,
            "indexation": None
            if ix is None
            else {
                "index": ix.index,
                "cap_pct": None if ix.cap_pct is None else decimal_str(ix.cap_pct, min_places=0),
                "adjust_month": ix.adjust_month,
                "fixed_months": ix.fixed_months,
                "notice_days": ix.notice_days,
                "threshold_pct": None
                if ix.threshold_pct is None
                else decimal_str(ix.threshold_pct, min_places=0),
            },
            "price_terms": [_item_truth(i, self.currency) for i in self.items],
        }


def _item_truth(item: PriceItemSpec, currency: str) -> dict[str, object]:
    def qty(v: Decimal | None) -> str | None:
        return None if v is None else decimal_str(v, min_places=0)

    return {
        "item_id": item.item_id,
        "description": item.description,
        "unit": str(item.unit),
        "unit_price": decimal_str(item.unit_price),
        "currency": currency,
        "vat": item.vat,
        "tier_min": qty(item.tier_min),
        "tier_max": qty(item.tier_max),
        "page": None,
        "confidence": 1.0,
    }

"""The demo's ground truth: what was written, and which findings a correct run makes.

``manifest.json`` is this structure as JSON; every amount is a decimal string, so
the file compares exactly. Each deliberate breach names the rule that must find it,
so later demos can add breaches of other kinds without changing the shape.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

#: Put in the manifest and the README: the index file is invented.
INDEX_SAMPLE_NOTE = (
    "index_nettoprisindeks_SAMPLE.csv is sample data, not Danmarks Statistik figures "
    "(eksempeldata, ikke tal fra Danmarks Statistik)"
)


@dataclass(frozen=True, slots=True)
class ExpectedBreach:
    """One deliberately broken agreement and the finding it must produce.

    ``expected_overcharge`` is ``(invoiced - agreed) * quantity`` rounded half up to
    øre; prices are per ONE unit (normalised by base quantity).
    """

    rule_id: str
    municipality_code: str
    invoice_number: str
    invoice_file: str
    line_id: str
    item_id: str
    agreed_unit_price: str
    invoiced_unit_price: str
    quantity: str
    expected_overcharge: str
    currency: str = "DKK"


@dataclass(frozen=True, slots=True)
class ContractRecord:
    """A contract written: its file, party and the price terms as agreed."""

    municipality_code: str
    file: str
    contract_number: str
    effective_date: str
    expiry_date: str
    mfn: bool
    layout: str
    price_terms: list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    municipality_code: str
    file: str
    number: str
    issue_date: str
    due_date: str
    buyer_ean: str
    line_count: int
    line_extension_amount: str
    tax_amount: str
    payable_amount: str


@dataclass(slots=True)
class DemoManifest:
    """Returned by ``generate_demo`` and written as ``manifest.json``.

    ``files`` are paths relative to the output folder, sorted. ``counts`` holds
    ``invoices``, ``lines``, ``clean_lines``, ``breaches`` and ``contracts``.
    """

    seed: int
    start: str
    months: int
    vendor_cvr: str
    files: list[str] = field(default_factory=list)
    contracts: list[ContractRecord] = field(default_factory=list)
    invoices: list[InvoiceRecord] = field(default_factory=list)
    breaches: list[ExpectedBreach] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total_expected_overcharge(self) -> Decimal:
        return sum((Decimal(b.expected_overcharge) for b in self.breaches), start=Decimal("0.00"))

    def breaches_for(self, rule_id: str) -> list[ExpectedBreach]:
        return [b for b in self.breaches if b.rule_id == rule_id]

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["total_expected_overcharge"] = f"{self.total_expected_overcharge:.2f}"
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> DemoManifest:
        """Read back what ``to_dict`` wrote (``total_expected_overcharge`` is derived)."""
        d = dict(data)
        d.pop("total_expected_overcharge", None)
        return cls(
            seed=int(d["seed"]),  # type: ignore[call-overload]
            start=str(d["start"]),
            months=int(d["months"]),  # type: ignore[call-overload]
            vendor_cvr=str(d["vendor_cvr"]),
            files=list(d["files"]),  # type: ignore[call-overload]
            contracts=[ContractRecord(**c) for c in d["contracts"]],  # type: ignore[attr-defined]
            invoices=[InvoiceRecord(**i) for i in d["invoices"]],  # type: ignore[attr-defined]
            breaches=[ExpectedBreach(**b) for b in d["breaches"]],  # type: ignore[attr-defined]
            counts=dict(d["counts"]),  # type: ignore[call-overload]
            notes=list(d["notes"]),  # type: ignore[call-overload]
        )

"""The demo's ground truth: what was written, and which findings a correct run makes.

``manifest.json`` is this structure as JSON; every amount is a decimal string, so
the file compares exactly. Each expected finding names the rule that must make it;
the built-in rules at their defaults make exactly these findings and no others.
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
    """One broken agreement and the finding it must produce.

    Line findings carry ``line_id``, ``item_id``, ``quantity`` and the unit prices (per
    ONE invoice unit, normalised by base quantity): ``agreed_unit_price`` is the price
    the rule compares with (the allowed price, the right band's price, the median or
    the lowest price of the other municipalities) and ``expected_overcharge`` is
    ``(invoiced - agreed) * quantity`` rounded half up to øre. Invoice findings
    (``outside_contract_period``, ``payment_terms``, arithmetic of the totals) have
    ``line_id`` None and the amount at stake the rule states. ``explanation`` tells
    the story in a sentence.

    ``money_kind``: ``overcharge`` (the contract lets the municipality claim it back)
    or ``price_gap`` (``price_disparity``: the gap to the other municipalities'
    median, a benchmark). For a price gap ``benchmark_unit_price`` is that median and
    ``agreed_unit_price`` the municipality's own contract price;
    ``expected_overcharge`` is then the gap ``(invoiced - benchmark) * quantity``.
    """

    rule_id: str
    municipality_code: str
    invoice_number: str
    invoice_file: str
    expected_overcharge: str
    explanation: str = ""
    line_id: str | None = None
    item_id: str | None = None
    agreed_unit_price: str | None = None
    invoiced_unit_price: str | None = None
    quantity: str | None = None
    currency: str = "DKK"
    money_kind: str = "overcharge"
    benchmark_unit_price: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """(rule, kommunekode, invoice number, line id): one finding each."""
        return (self.rule_id, self.municipality_code, self.invoice_number, self.line_id)


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
    price_fixed_months: int
    price_terms: list[dict[str, str | None]]


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    """An invoice written, in the order the vendor sent them (file names sort so).

    ``lines`` hold each line's ``line_id``, ``item_id``, ``quantity``, ``unit_price``
    (per one unit: PriceAmount / BaseQuantity) and ``line_amount`` as written."""

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
    lines: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class DemoManifest:
    """Returned by ``generate_demo`` and written as ``manifest.json``.

    ``files`` are paths relative to the output folder, sorted. ``counts`` holds
    ``invoices``, ``lines``, ``clean_lines`` (lines no rule has cause to flag),
    ``breaches`` (expected findings) and ``contracts``.
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
        """What the municipalities' own contracts let them claim back (no price gaps)."""
        return self._total("overcharge")

    @property
    def total_expected_price_gap(self) -> Decimal:
        """The gap to what other municipalities pay (a benchmark, never an overcharge)."""
        return self._total("price_gap")

    def _total(self, kind: str) -> Decimal:
        return sum(
            (Decimal(b.expected_overcharge) for b in self.breaches if b.money_kind == kind),
            start=Decimal("0.00"),
        )

    def breaches_for(self, rule_id: str) -> list[ExpectedBreach]:
        return [b for b in self.breaches if b.rule_id == rule_id]

    def by_rule(self) -> dict[str, tuple[int, Decimal]]:
        """Per rule: how many findings and their total expected overcharge."""
        out: dict[str, tuple[int, Decimal]] = {}
        for b in self.breaches:
            n, total = out.get(b.rule_id, (0, Decimal("0.00")))
            out[b.rule_id] = (n + 1, total + Decimal(b.expected_overcharge))
        return out

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["total_expected_overcharge"] = f"{self.total_expected_overcharge:.2f}"
        data["total_expected_price_gap"] = f"{self.total_expected_price_gap:.2f}"
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> DemoManifest:
        """Read back what ``to_dict`` wrote (the two totals are derived)."""
        d = dict(data)
        d.pop("total_expected_overcharge", None)
        d.pop("total_expected_price_gap", None)
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

"""The extractor on generator C (``tests/generators/plain_da``): contracts written without
reading the extractor, compared with their truth field by field.

Each field of each contract (and each price row) gets one outcome:

* ``right``  - the value a careful reader writes down;
* ``review`` - wrong or missing, but the reading says so (``review_reasons``: a low
  confidence term, an ``unread_prices`` entry showing that price, an uncertain date):
  shown to a person before anything is enforced;
* ``missed`` - not read (None / absent) and nothing says so;
* ``wrong``  - a different value read with confidence and no review reason: enforced as
  read. The worst outcome; every case is listed in ``SILENTLY_WRONG``.

Run ``python -m tests.extractors.contracts.test_plain_da_contracts`` for the report.
The floors below are what the extractor meets now: they guard against regressions.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.contracts import extract_contract
from extractors.types import REVIEW_CONFIDENCE, ContractTerms, ExtractedPriceTerm
from rules.indexation import first_adjustment
from tests.generators.plain_da import generate

# The generator's units -> the extractor's units a careful reader accepts. The extractor's
# vocabulary has no package; a package or box sold as one is a piece.
UNITS: dict[str, set[str]] = {
    "hour": {"hour"},
    "each": {"piece"},
    "package": {"piece"},
    "box": {"piece"},
    "user_month": {"user_month"},
    "user_year": {"user_year"},
    "licence_month": {"user_month"},
    "licence_year": {"user_year"},
    "inhabitant_year": {"inhabitant_year"},
    "month": {"month"},
    "year": {"year"},
    "fixed": {"fixed"},
    "transaction": {"transaction"},
    "page": {"transaction", "piece"},
    "callout": {"piece", "transaction"},
    "device_month": {"month", "user_month"},
    "site_month": {"month"},
    "day": {"day"},
    "km": {"km"},
}
INDEXES = {
    "NPI": "nettoprisindeks",
    "CPI": "forbrugerprisindeks",
    "ILON12": "ILON12",
    "HICP": "hicp",
}
FIELDS = (
    "effective_date", "expiry_date", "payment_days", "mfn", "currency",
    "index", "cap_pct", "first_adjustment",
    "price_found", "price_item", "price_value", "price_unit", "price_tier",
)  # fmt: skip
OUTCOMES = ("right", "review", "missed", "wrong")

# What the extractor meets now (count of `right` per field; totals in the report).
FLOOR = {
    "effective_date": 17, "expiry_date": 17, "payment_days": 18, "mfn": 18, "currency": 18,
    "index": 18, "cap_pct": 18, "first_adjustment": 17,
    "price_found": 132, "price_item": 79, "price_value": 132, "price_unit": 132,
    "price_tier": 4,
}  # fmt: skip
# Every silently wrong value now: (contract, field, what). A new one fails the test.
SILENTLY_WRONG: set[tuple[str, str, str]] = set()


@dataclass
class Report:
    outcomes: dict[str, Counter[str]] = field(
        default_factory=lambda: {f: Counter() for f in FIELDS}
    )
    silently_wrong: set[tuple[str, str, str]] = field(default_factory=set)
    spurious: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, fld: str, outcome: str, what: str = "") -> None:
        self.outcomes[fld][outcome] += 1
        if outcome == "wrong":
            self.silently_wrong.add((name, fld, what))
        elif outcome in ("missed", "review"):
            self.notes.append(f"{name}: {fld} {outcome} {what}".rstrip())

    def right(self, fld: str) -> int:
        return self.outcomes[fld]["right"]

    def table(self) -> str:
        lines = [f"{'field':18}" + "".join(f"{o:>8}" for o in OUTCOMES) + "   share right"]
        for fld in FIELDS:
            c = self.outcomes[fld]
            total = sum(c.values())
            share = f"{c['right'] / total:6.1%}" if total else "   -"
            lines.append(f"{fld:18}" + "".join(f"{c[o]:8}" for o in OUTCOMES) + f"   {share}")
        return "\n".join(lines)


def _flagged(terms: ContractTerms, prefix: str) -> bool:
    """An uncertain term about this field ("expiry date: inferred from ...")."""
    return any(reason.startswith(prefix) for reason in terms.uncertain_terms)


def _scalar(report: Report, name: str, fld: str, got: object, want: object, flag: bool) -> None:
    if got == want:
        report.add(name, fld, "right")
    elif flag:
        report.add(name, fld, "review", f"{got} != {want}")
    elif got is None:
        report.add(name, fld, "missed", f"want {want}")
    else:
        report.add(name, fld, "wrong", f"{got} != {want}")


def _net(term: ExtractedPriceTerm) -> Decimal:
    return term.unit_price / Decimal("1.25") if term.vat == "incl" else term.unit_price


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _match(row: dict, terms: list[ExtractedPriceTerm], taken: set[int]) -> int | None:
    """The extracted term that reads `row`: same item id, else same description, else the
    same price with a description sharing a word."""
    free = [(i, t) for i, t in enumerate(terms) if i not in taken]
    want = Decimal(row["unit_price"])
    tier = (row["tier_min"], row["tier_max"])

    def tier_ok(t: ExtractedPriceTerm) -> bool:
        return tier == (None, None) or _net(t) == want

    if row["item_id"]:
        same = [i for i, t in free if t.item_id == row["item_id"] and tier_ok(t)]
        if same:
            return same[0]
    desc = _norm(row["description"])
    same = [i for i, t in free if _norm(t.description) == desc and tier_ok(t)]
    if same:
        return same[0]
    words = set(desc.split())
    same = [i for i, t in free if _net(t) == want and words & set(_norm(t.description).split())]
    return same[0] if same else None


def _shown_unread(row: dict, terms: ContractTerms) -> bool:
    """An unread_prices entry shows this row's printed price (or its description)."""
    value = Decimal(row.get("stated", row["unit_price"]))
    digits = {f"{value:f}".rstrip("0").rstrip(".").replace(".", ",")}
    digits |= {f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")}
    digits |= {f"{value:,.0f}".replace(",", ".")} if value == value.to_integral_value() else set()
    digits |= {f"{value:,.2f}", f"{value:,.2f}".replace(",", " ").replace(".", ",")}
    for unread in terms.unread_prices:
        text = unread.text
        if any(re.search(rf"(?<![\d.,]){re.escape(d)}(?![.,]?\d)", text) for d in digits):
            return True
        if row["item_id"] and re.search(rf"(?<!\w){re.escape(row['item_id'])}(?!\w)", text):
            return True
    return False


def compare(name: str, truth: dict, terms: ContractTerms, report: Report) -> None:
    _scalar(report, name, "effective_date", _iso(terms.effective_date), truth["effective_date"],
            _flagged(terms, "effective date"))  # fmt: skip
    expiry = _iso(terms.expiry_date)
    want_expiry = truth["expiry_date"]
    if expiry is not None and expiry == truth.get("expiry_also"):
        want_expiry = expiry  # "36 months from 1 April 2025": 31 March or 1 April 2028
    _scalar(report, name, "expiry_date", expiry, want_expiry, _flagged(terms, "expiry date"))
    _scalar(report, name, "payment_days", terms.payment_days, truth["payment_days"], False)
    _scalar(report, name, "mfn", terms.mfn, truth["mfn"], False)
    _scalar(report, name, "currency", terms.currency, truth["currency"], False)
    _indexation(name, truth, terms, report)
    taken: set[int] = set()
    for row in truth["price_terms"]:
        label = row["item_id"] or row["description"]
        i = _match(row, terms.price_terms, taken)
        if i is None:
            outcome = "review" if _shown_unread(row, terms) else "missed"
            for fld in ("price_found", "price_item", "price_value", "price_unit"):
                report.add(name, fld, outcome, label if fld == "price_found" else "")
            if row["tier_min"] is not None or row["tier_max"] is not None:
                report.add(name, "price_tier", outcome)
            continue
        taken.add(i)
        term = terms.price_terms[i]
        low = term.confidence < REVIEW_CONFIDENCE
        report.add(name, "price_found", "right")
        item_ok = term.item_id == row["item_id"]
        _add(report, name, "price_item", item_ok, low, term.item_id is None,
             f"{label}: {term.item_id!r} != {row['item_id']!r}")  # fmt: skip
        value_ok = _net(term) == Decimal(row["unit_price"])
        _add(report, name, "price_value", value_ok, low, False,
             f"{label}: {term.unit_price} {term.vat} != {row['unit_price']}")  # fmt: skip
        unit_ok = term.unit.value in UNITS[row["unit"]]
        _add(report, name, "price_unit", unit_ok, low, False,
             f"{label}: {term.unit.value} not in {sorted(UNITS[row['unit']])}")  # fmt: skip
        if row["tier_min"] is not None or row["tier_max"] is not None:
            got = (_int(term.tier_min), _int(term.tier_max))
            want = (row["tier_min"], row["tier_max"])
            ok = got == want or (want[0] in (0, 1) and got == (None, want[1]))
            _add(report, name, "price_tier", ok, low, got == (None, None), f"{label}: {got}")
    for i, term in enumerate(terms.price_terms):
        if i not in taken and term.confidence >= REVIEW_CONFIDENCE:
            report.spurious.append((name, f"{term.description[:40]} {term.unit_price}"))


def _add(report: Report, name: str, fld: str, ok: bool, low: bool, absent: bool, what: str) -> None:
    if ok:
        report.add(name, fld, "right")
    elif low:
        report.add(name, fld, "review", what)
    elif absent:
        report.add(name, fld, "missed", what)
    else:
        report.add(name, fld, "wrong", what)


def _indexation(name: str, truth: dict, terms: ContractTerms, report: Report) -> None:
    want, ix = truth["indexation"], terms.indexation
    if want is None:
        got = ix.index if ix else None
        for fld in ("index", "cap_pct", "first_adjustment"):
            _scalar(report, name, fld, got if fld == "index" else None, None, False)
        return
    if ix is None:
        for fld in ("index", "cap_pct", "first_adjustment"):
            report.add(name, fld, "missed", "no indexation read")
        return
    _scalar(report, name, "index", ix.index, INDEXES[want["index"]], False)
    cap = str(ix.cap_pct.normalize()) if ix.cap_pct is not None else None
    _scalar(report, name, "cap_pct", cap, want["cap_pct"], False)
    # the first date the rules let an adjustment take effect, from the extracted
    # effective date (the truth's when none was read: this field measures the clause)
    effective = terms.effective_date or date.fromisoformat(truth["effective_date"])
    first = first_adjustment(ix, effective).isoformat()
    flag = _flagged(terms, "indexation: first adjustment")
    _scalar(report, name, "first_adjustment", first, want["first_adjustment"], flag)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _int(value: Decimal | None) -> int | None:
    return int(value) if value is not None else None


def measure(folder: Path) -> Report:
    report = Report()
    for pdf, truth_path, name in generate(folder):
        truth = json.loads(truth_path.read_text("utf-8"))
        compare(name, truth, extract_contract(pdf.read_bytes(), pdf.name), report)
    return report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    result = measure(tmp_path_factory.mktemp("plain_da"))
    print("\n" + result.table())
    return result


def test_every_field_meets_its_floor(report: Report) -> None:
    below = {f: (report.right(f), n) for f, n in FLOOR.items() if report.right(f) < n}
    assert below == {}, report.table()


def test_no_new_silently_wrong_value(report: Report) -> None:
    assert report.silently_wrong - SILENTLY_WRONG == set()


def test_no_confident_price_that_the_contract_does_not_state(report: Report) -> None:
    assert report.spurious == []


def test_the_comparison_tells_review_from_wrong() -> None:
    report = Report()
    _scalar(report, "x", "mfn", False, True, False)
    _scalar(report, "x", "effective_date", "2025-01-01", "2025-04-01", True)
    _scalar(report, "x", "payment_days", None, 30, False)
    assert report.silently_wrong == {("x", "mfn", "False != True")}
    assert report.outcomes["effective_date"]["review"] == 1
    assert report.outcomes["payment_days"]["missed"] == 1


if __name__ == "__main__":  # pragma: no cover - the printed report
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = measure(Path(tmp))
    print(result.table())
    print("\nsilently wrong:")
    for case in sorted(result.silently_wrong):
        print("  ", *case)
    print("\nspurious confident prices:", result.spurious or "none")
    if "-v" in sys.argv:
        print("\nmissed / shown for review:")
        for note in result.notes:
            print("  ", note)

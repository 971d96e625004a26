"""The demo data set: six municipalities, one vendor, contracts, invoices, ground truth.

``generate_demo(out_dir)`` writes::

    out_dir/parties.csv                        the parties (prisvagt parties import)
    out_dir/index_nettoprisindeks_SAMPLE.csv   an invented index series, not DST figures
    out_dir/contracts/<kode>_<kommune>_kontrakt.pdf
    out_dir/invoices/<issued>_<nummer>_<kode>_<kommune>.xml   OIOUBL 2.02
    out_dir/manifest.json                      the ground truth (``DemoManifest``)

Per municipality: a monthly invoice for each month, and an annual invoice (yearly
items, billing period twelve months) in the first month of each twelve. Invoice
files sort in the order the vendor sent them. The same seed gives the same bytes.

The story (``catalogue``): the same items at prices up to 26 times apart, so
``price_disparity`` and ``mfn_breach`` fire where the story says (``peers``); and one
deliberate breach or more of every other built-in rule (``breaches``, one invoice
resent under its own number among them). Every other line is billed at exactly the
agreed price, within the contract's validity, at 30 days netto, with exact
arithmetic. ``manifest.breaches`` lists
every finding the built-in rules at their defaults must make, with its exact
overcharge; ``tests/demo/test_demo_rules.py`` holds the rules to it.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from monitor.demo import breaches as b
from monitor.demo.catalogue import MFN_MUNICIPALITIES, price_appendices
from monitor.demo.contracts import (
    CONTRACT_EFFECTIVE,
    CONTRACT_EXPIRY,
    FIRST_ADJUSTMENT,
    write_contracts,
)
from monitor.demo.invoicing import PlannedInvoice, month_start, number_invoices, plan_invoices
from monitor.demo.manifest import INDEX_SAMPLE_NOTE, DemoManifest, ExpectedBreach, InvoiceRecord
from monitor.demo.oioubl import render_oioubl_invoice
from monitor.demo.parties import MUNICIPALITIES, VENDOR, parties_csv
from monitor.demo.peers import peer_findings

#: How many invoice lines are deliberately overpriced (``price_above_agreed``).
BREACH_COUNT = 8
#: Matched by the CLI's `*index*.csv`; "SAMPLE" because the figures are invented.
INDEX_FILE = "index_nettoprisindeks_SAMPLE.csv"
FIRST_INVOICE_NUMBER = 4711
#: The story needs three billed months (a breach in the second, a repeat in the third).
MIN_MONTHS = 3


def generate_demo(
    out_dir: Path, *, seed: int = 2026, months: int = 3, start: date = date(2026, 8, 1)
) -> DemoManifest:
    """Write the demo data set under ``out_dir`` (created if missing) and return its
    manifest. ``start`` is the first billed month (its day is ignored).

    Raises ValueError, before writing anything, when ``months`` < 3, when a billed
    period would fall outside the contracts' validity (2025-01-01..2028-12-31) or on or
    after the first price adjustment of the 36-month contracts (2028-01-01), or when
    the peer rules' findings would depend on the order the invoices arrive in.
    """
    start = start.replace(day=1)
    if months < MIN_MONTHS:
        raise ValueError(f"months must be at least {MIN_MONTHS}, got {months}")
    rng = random.Random(seed)
    appendices = price_appendices(MUNICIPALITIES)
    planned = plan_invoices(rng, vendor=VENDOR, municipalities=MUNICIPALITIES,
                            appendices=appendices, start=start, months=months)  # fmt: skip
    _check_within_contract(planned)  # before anything is written
    series = _index_series(start, months)
    planned, found = _break_agreements(rng, planned, start, months, series, appendices)
    planned = number_invoices(planned, first_number=FIRST_INVOICE_NUMBER)
    found += _peer_truth(planned)

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = DemoManifest(seed=seed, start=start.isoformat(), months=months,
                            vendor_cvr=VENDOR.cvr)  # fmt: skip
    written = [_write(out_dir / "parties.csv", parties_csv().encode("utf-8"))]
    manifest.contracts, contract_files = write_contracts(
        out_dir / "contracts", rng=rng, vendor=VENDOR, appendices=appendices
    )
    written.extend(contract_files)
    files = {p.key: _write(out_dir / "invoices" / _invoice_name(p), render_oioubl_invoice(p.spec))
             for p in planned}  # fmt: skip
    written.extend(files.values())
    manifest.invoices = [_invoice_record(p, files[p.key], out_dir) for p in planned]
    by_key = {p.key: p for p in planned}
    order = {p.key: n for n, p in enumerate(planned)}
    found.sort(key=lambda f: (order[f.invoice_key], int(f.line_id or 0), f.rule_id))
    manifest.breaches = [_expected(f, by_key[f.invoice_key], files[f.invoice_key], out_dir)
                         for f in found]  # fmt: skip
    written.append(_write(out_dir / INDEX_FILE, _index_csv(series)))
    manifest.notes.append(INDEX_SAMPLE_NOTE)
    lines = sum(len(p.spec.lines) for p in planned)
    flagged = {(f.invoice_key, f.line_id) for f in found if f.line_id is not None}
    manifest.counts = {
        "contracts": len(manifest.contracts),
        "invoices": len(planned),
        "lines": lines,
        "clean_lines": lines - len(flagged),
        "breaches": len(found),
    }
    manifest.files = sorted([*(_rel(p, out_dir) for p in written), "manifest.json"])
    _write(out_dir / "manifest.json", manifest.to_json().encode("utf-8"))
    return manifest


def _peer_truth(planned: list[PlannedInvoice]) -> list[b.Breach]:
    """The peer rules' findings with every price known, which must be what the pipeline
    finds checking each invoice as it arrives (else ValueError)."""
    known = peer_findings(planned, mfn=MFN_MUNICIPALITIES, as_arrived=False)
    arrived = peer_findings(planned, mfn=MFN_MUNICIPALITIES, as_arrived=True)
    if _keys(known) != _keys(arrived):
        raise ValueError("the demo's peer findings would depend on the order invoices arrive")
    return known


def _keys(found: list[b.Breach]) -> list[tuple[str, str, str | None, Decimal]]:
    return sorted((f.rule_id, f.invoice_key, f.line_id, f.overcharge) for f in found)


def _break_agreements(
    rng: random.Random,
    planned: list[PlannedInvoice],
    start: date,
    months: int,
    series: dict[str, Decimal],
    appendices: dict[str, list[b.AgreedPrice]],
) -> tuple[list[PlannedInvoice], list[b.Breach]]:
    """Apply every deliberate breach; returns the plan and the findings they make."""
    found: list[b.Breach] = []
    steps = (
        lambda p: b.wrong_band(p, start, appendices),
        lambda p: b.price_rise(p, start, months, series),
        lambda p: b.unpriced_line(p, start),
        lambda p: b.billed_before_contract(p, start, VENDOR),
        lambda p: b.billed_twice(p, start),
        lambda p: b.resent_invoice(p, start),
        lambda p: b.long_payment_terms(p, start),
        lambda p: b.bad_arithmetic(p, start),
    )
    for step in steps:
        planned, more = step(planned)
        found += more
    taken = {(f.invoice_key, f.line_id or "") for f in found}
    original = next(p for p in planned if p.key == f"561/{month_start(start, 1):%Y-%m}/monthly")
    taken.add((original.key, original.item_line("KD-3020").line_id))
    resent = {p.resends for p in planned if p.resends}  # a resend repeats it as it was
    taken |= {(p.key, ln.line_id) for p in planned if p.key in resent for ln in p.spec.lines}
    planned, more = b.overprice(rng, planned, count=BREACH_COUNT, series=series, taken=taken,
                                mfn=MFN_MUNICIPALITIES)  # fmt: skip
    return planned, found + more


def _check_within_contract(planned: list[PlannedInvoice]) -> None:
    """Clean lines must be clean: every billed period inside the contracts' validity
    and before the 36-month contracts' first price adjustment."""
    for p in planned:
        s = p.spec
        if s.period_start < CONTRACT_EFFECTIVE or s.period_end > CONTRACT_EXPIRY:
            raise ValueError(
                f"invoice {p.key} bills {s.period_start}..{s.period_end}, outside the "
                f"contracts' validity {CONTRACT_EFFECTIVE}..{CONTRACT_EXPIRY}: "
                "choose an earlier start or fewer months"
            )
        if s.period_end >= FIRST_ADJUSTMENT:
            raise ValueError(
                f"invoice {p.key} bills {s.period_start}..{s.period_end}, after prices may "
                f"be indexed ({FIRST_ADJUSTMENT}): choose an earlier start or fewer months"
            )


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _invoice_name(p: PlannedInvoice) -> str:
    s = p.spec
    return f"{s.issue_date.isoformat()}_{s.number}_{p.municipality.code}_{p.municipality.slug}.xml"


def _invoice_record(p: PlannedInvoice, file: Path, root: Path) -> InvoiceRecord:
    s = p.spec
    assert s.buyer.ean is not None
    return InvoiceRecord(
        municipality_code=p.municipality.code,
        file=_rel(file, root),
        number=s.number,
        issue_date=s.issue_date.isoformat(),
        due_date=s.due_date.isoformat(),
        buyer_ean=s.buyer.ean,
        line_count=len(s.lines),
        line_extension_amount=f"{s.line_extension_amount:.2f}",
        tax_amount=f"{s.tax_amount:.2f}",
        payable_amount=f"{s.payable_amount:.2f}",
        lines=[
            {
                "line_id": ln.line_id,
                "item_id": ln.item_id,
                "quantity": f"{ln.quantity:f}",
                "unit_price": f"{ln.normalised_unit_price:f}",
                "line_amount": f"{ln.line_amount:.2f}",
            }
            for ln in s.lines
        ],
    )


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _expected(f: b.Breach, p: PlannedInvoice, file: Path, root: Path) -> ExpectedBreach:
    if f.rule_id == "price_disparity":  # a benchmark: the contract's own price is agreed
        agreed = p.agreed.get(f.line_id or "")
        return ExpectedBreach(
            rule_id=f.rule_id,
            municipality_code=p.municipality.code,
            invoice_number=p.spec.number,
            invoice_file=_rel(file, root),
            expected_overcharge=f"{f.overcharge:.2f}",
            explanation=f.explanation,
            line_id=f.line_id,
            item_id=f.item_id,
            agreed_unit_price=_money(agreed),
            invoiced_unit_price=_money(f.invoiced_unit_price),
            quantity=_money(f.quantity),
            money_kind="price_gap",
            benchmark_unit_price=_money(f.reference_price),
        )
    return ExpectedBreach(
        rule_id=f.rule_id,
        municipality_code=p.municipality.code,
        invoice_number=p.spec.number,
        invoice_file=_rel(file, root),
        expected_overcharge=f"{f.overcharge:.2f}",
        explanation=f.explanation,
        line_id=f.line_id,
        item_id=f.item_id,
        agreed_unit_price=_money(f.reference_price),
        invoiced_unit_price=_money(f.invoiced_unit_price),
        quantity=_money(f.quantity),
    )


def _index_series(start: date, months: int) -> dict[str, Decimal]:
    """An invented monthly nettoprisindeks (2015 = 100) from January two years before
    ``start`` to the last billed month, rising 0.2-0.4 a month (about 3 % a year, so
    the 3 % cap of the contracts binds)."""
    first = date(start.year - 2, 1, 1)
    last = month_start(start, months - 1)
    series, value, offset = {}, Decimal("116.0"), 0
    while (period := month_start(first, offset)) <= last:
        series[f"{period:%Y-%m}"] = value
        value += Decimal((2, 3, 4)[offset % 3]) / 10
        offset += 1
    return series


def _index_csv(series: dict[str, Decimal]) -> bytes:
    rows = ["index,period,value", *(f"nettoprisindeks,{k},{v}" for k, v in series.items())]
    return ("\n".join(rows) + "\n").encode("utf-8")

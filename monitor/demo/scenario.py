"""The demo data set: six municipalities, one vendor, contracts, invoices, ground truth.

``generate_demo(out_dir)`` writes::

    out_dir/parties.csv                        the parties (prisvagt parties import)
    out_dir/index_nettoprisindeks_SAMPLE.csv   an invented index series, not DST figures
    out_dir/contracts/<kode>_<kommune>_kontrakt.pdf
    out_dir/invoices/<kode>_<kommune>_<YYYY-MM>_<nummer>.xml   OIOUBL 2.02
    out_dir/manifest.json                      the ground truth (``DemoManifest``)

Per municipality: a monthly invoice for each month, and an annual invoice (yearly
items, billing period twelve months) in the first month of each twelve. The same
seed gives the same bytes. Only ``price_above_agreed`` has cause to fire: every other
line is billed at exactly the agreed price, within the contract's validity and its
fixed-price period, at 30 days netto, with exact arithmetic and unique numbers;
``tests/demo/test_demo_rules.py`` runs every built-in rule to hold that.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from monitor.demo.catalogue import price_appendices
from monitor.demo.contracts import (
    CONTRACT_EFFECTIVE,
    CONTRACT_EXPIRY,
    FIRST_ADJUSTMENT,
    write_contracts,
)
from monitor.demo.invoicing import (
    RULE_PRICE_ABOVE_AGREED,
    Overpricing,
    PlannedInvoice,
    month_start,
    overprice,
    plan_invoices,
)
from monitor.demo.manifest import INDEX_SAMPLE_NOTE, DemoManifest, ExpectedBreach, InvoiceRecord
from monitor.demo.oioubl import render_oioubl_invoice
from monitor.demo.parties import MUNICIPALITIES, VENDOR, parties_csv

#: How many invoice lines are deliberately overpriced.
BREACH_COUNT = 8
#: Matched by the CLI's `*index*.csv`; "SAMPLE" because the figures are invented.
INDEX_FILE = "index_nettoprisindeks_SAMPLE.csv"
FIRST_INVOICE_NUMBER = 4711


def generate_demo(
    out_dir: Path, *, seed: int = 2026, months: int = 3, start: date = date(2026, 8, 1)
) -> DemoManifest:
    """Write the demo data set under ``out_dir`` (created if missing) and return its
    manifest. ``start`` is the first billed month (its day is ignored).

    Raises ValueError, before writing anything, when a billed period would fall
    outside the contracts' validity (2025-01-01..2028-12-31) or on or after the first
    price adjustment (2028-01-01), where the clean lines would no longer be clean.
    """
    start = start.replace(day=1)
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    rng = random.Random(seed)
    appendices = price_appendices(rng, MUNICIPALITIES)
    planned = plan_invoices(
        rng,
        vendor=VENDOR,
        municipalities=MUNICIPALITIES,
        appendices=appendices,
        start=start,
        months=months,
        first_number=FIRST_INVOICE_NUMBER,
    )
    _check_within_contract(planned)  # before anything is written
    planned, overpriced = overprice(rng, planned, count=BREACH_COUNT)

    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = DemoManifest(seed=seed, start=start.isoformat(), months=months,
                            vendor_cvr=VENDOR.cvr)  # fmt: skip
    written = [_write(out_dir / "parties.csv", parties_csv().encode("utf-8"))]
    manifest.contracts, contract_files = write_contracts(
        out_dir / "contracts", rng=rng, vendor=VENDOR, appendices=appendices
    )
    written.extend(contract_files)
    files = [_write(out_dir / "invoices" / _invoice_name(p), render_oioubl_invoice(p.spec))
             for p in planned]  # fmt: skip
    written.extend(files)
    manifest.invoices = [
        _invoice_record(p, f, out_dir) for p, f in zip(planned, files, strict=True)
    ]
    manifest.breaches = [_breach(b, planned, files, out_dir) for b in overpriced]
    written.append(_write(out_dir / INDEX_FILE, _index_sample(rng, start, months)))
    manifest.notes.append(INDEX_SAMPLE_NOTE)
    lines = sum(len(p.spec.lines) for p in planned)
    manifest.counts = {
        "contracts": len(manifest.contracts),
        "invoices": len(planned),
        "lines": lines,
        "clean_lines": lines - len(overpriced),
        "breaches": len(overpriced),
    }
    manifest.files = sorted([*(_rel(p, out_dir) for p in written), "manifest.json"])
    _write(out_dir / "manifest.json", manifest.to_json().encode("utf-8"))
    return manifest


def _check_within_contract(planned: list[PlannedInvoice]) -> None:
    """Clean lines must be clean: every billed period inside the contracts' validity
    and before the first price adjustment (so the agreed price is the allowed price)."""
    for p in planned:
        s = p.spec
        if s.period_start < CONTRACT_EFFECTIVE or s.period_end > CONTRACT_EXPIRY:
            raise ValueError(
                f"invoice {s.number} bills {s.period_start}..{s.period_end}, outside the "
                f"contracts' validity {CONTRACT_EFFECTIVE}..{CONTRACT_EXPIRY}: "
                "choose an earlier start or fewer months"
            )
        if s.period_end >= FIRST_ADJUSTMENT:
            raise ValueError(
                f"invoice {s.number} bills {s.period_start}..{s.period_end}, after prices may "
                f"be indexed ({FIRST_ADJUSTMENT}): choose an earlier start or fewer months"
            )


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _invoice_name(p: PlannedInvoice) -> str:
    period = p.spec.period_start.strftime("%Y-%m")
    return f"{p.municipality.code}_{p.municipality.slug}_{period}_{p.spec.number}.xml"


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
    )


def _breach(
    b: Overpricing, planned: list[PlannedInvoice], files: list[Path], root: Path
) -> ExpectedBreach:
    p = planned[b.invoice_index]
    return ExpectedBreach(
        rule_id=RULE_PRICE_ABOVE_AGREED,
        municipality_code=p.municipality.code,
        invoice_number=p.spec.number,
        invoice_file=_rel(files[b.invoice_index], root),
        line_id=b.line_id,
        item_id=b.item_id,
        agreed_unit_price=f"{b.agreed_unit_price:.2f}",
        invoiced_unit_price=f"{b.invoiced_unit_price:.2f}",
        quantity=f"{b.quantity:f}",
        expected_overcharge=f"{b.overcharge:.2f}",
    )


def _index_sample(rng: random.Random, start: date, months: int) -> bytes:
    """An invented monthly nettoprisindeks (2015 = 100) from January two years before
    ``start`` to the last billed month: about 2 % a year, one decimal."""
    first = date(start.year - 2, 1, 1)
    value = Decimal("116.0")
    rows = ["index,period,value"]
    offset = 0
    while (period := month_start(first, offset)) <= month_start(start, months - 1):
        rows.append(f"nettoprisindeks,{period:%Y-%m},{value}")
        value += Decimal(rng.randint(-1, 4)) / 10
        offset += 1
    return ("\n".join(rows) + "\n").encode("utf-8")

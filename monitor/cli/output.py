"""Printing findings as a table, JSON or CSV; a contract as text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from monitor.csvexport import write_csv
from monitor.findings.schemas import FindingOut
from monitor.formatting import money, quantity, unit_price

CSV_FIELDS = [
    "id",
    "rule",
    "severity",
    "status",
    "preliminary",
    "municipality",
    "vendor_cvr",
    "invoice_number",
    "line_id",
    "item_id",
    "description",
    "agreed_unit_price",
    "invoiced_unit_price",
    "quantity",
    "overcharge",
    "money_kind",
    "benchmark_unit_price",
    "grounds_for_id",
    "counted",
    "due_date",
    "currency",
    "contract_document",
    "contract_page",
    "message",
]


def findings_json(findings: Sequence[FindingOut]) -> str:
    return json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False, indent=2)


#: columns written as numbers (a negative overcharge stays a number in a spreadsheet)
CSV_NUMERIC = frozenset(
    {
        "id",
        "agreed_unit_price",
        "invoiced_unit_price",
        "quantity",
        "overcharge",
        "benchmark_unit_price",
        "grounds_for_id",
        "contract_page",
    }
)


def findings_csv(findings: Sequence[FindingOut]) -> str:
    """Findings as CSV; text that a spreadsheet would run as a formula is neutralised
    (``monitor.csvexport``)."""
    return write_csv(
        (f.model_dump(mode="json") for f in findings), fields=CSV_FIELDS, numeric=CSV_NUMERIC
    )


def findings_table(findings: Sequence[FindingOut]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for name, justify in (
        ("id", "right"),
        ("rule", "left"),
        ("sev.", "left"),
        ("status", "left"),
        ("kommune", "left"),
        ("invoice", "left"),
        ("line", "left"),
        ("item", "left"),
        # the price the line should have had: the contract's (indexed as the clause
        # allows), or for a most-favoured-customer breach the lowest paid elsewhere
        ("allowed", "right"),
        ("invoiced", "right"),
        ("qty", "right"),
        ("amount", "right"),
        ("kind", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for f in findings:
        table.add_row(
            str(f.id),
            f.rule,
            f.severity,
            f"{f.status}, preliminary" if f.preliminary else f.status,
            f"{f.municipality or '-'} {f.municipality_name or ''}".strip(),
            f.invoice_number,
            f.line_id or "-",
            f.item_id or "-",
            _allowed(f),
            unit_price(f.invoiced_unit_price, "en", f.currency),
            quantity(f.quantity, "en"),
            money(f.overcharge, "en", f.currency),
            _kind(f),
        )
    return table


def findings_lines(findings: Sequence[FindingOut]) -> str:
    """The findings two lines each, for a terminal too narrow for the table's thirteen
    columns (their words and figures would shrink to "…"): what, where, then the money."""
    out = []
    for f in findings:
        status = f"{f.status}, preliminary" if f.preliminary else f.status
        where = f"{f.municipality or '-'} {f.municipality_name or ''}".strip()
        out.append(
            f"#{f.id} {f.rule} ({f.severity}, {status}) · {where} · invoice {f.invoice_number}"
            f" line {f.line_id or '-'} · item {f.item_id or '-'}"
        )
        out.append(
            f"    allowed {_allowed(f)} · invoiced "
            f"{unit_price(f.invoiced_unit_price, 'en', f.currency)} · qty "
            f"{quantity(f.quantity, 'en')} · {money(f.overcharge, 'en', f.currency)} {_kind(f)}"
        )
    return "\n".join(out)


#: the width the findings table needs to show its columns whole
TABLE_WIDTH = 150


def _allowed(f: FindingOut) -> str:
    price = unit_price(f.agreed_unit_price, "en", f.currency)
    return f"{price} (MFN)" if f.rule == "mfn_breach" and f.agreed_unit_price is not None else price


def _kind(f: FindingOut) -> str:
    """What the amount is: an overcharge (counted once), a further ground of another
    finding (not counted again), or a price gap (a benchmark, never an overcharge)."""
    if f.money_kind == "price_gap":
        return "price gap (vs. median)"
    if f.grounds_for_id is not None:
        return f"ground of #{f.grounds_for_id}"
    if f.rule == "payment_terms":
        return "payment term (no amount)"
    return "overcharge"


REVIEW_STATUS_TEXT = {
    "needs_review": "needs review: findings are preliminary and send no email until "
    "legal confirms the contract",
    "complete": "complete: read completely",
    "reviewed": "reviewed by legal",
}


def _parties_lines(data: dict[str, Any]) -> list[str]:
    """A contract's parties and period, as ``contract_text`` and ``extraction_text`` print them."""
    lines = [f"  {p['role']}: {p['name'] or '-'} (CVR {p['cvr'] or '-'})" for p in data["parties"]]
    return [*lines, f"  valid: {data['effective_date'] or '?'} – {data['expiry_date'] or '?'}"]


def _review_lines(data: dict[str, Any]) -> list[str]:
    """Why a reading needs review, the price rows not read (each with its page and
    reason) and how many terms were read."""
    lines = []
    if data["review_reasons"]:
        lines.append("reasons for review:")
        lines += [f"  - {reason}" for reason in data["review_reasons"]]
    if data["unread_prices"]:
        lines.append("price rows not read:")
        for row in data["unread_prices"]:
            page = f"page {row['page']}" if row["page"] is not None else "page ?"
            reason = f" ({row['reason']})" if row["reason"] else ""
            # a stored row's id: ``contracts add-term --from-unread`` reads it into a
            # term (a reading not stored, ``extract``, has none)
            ident = f"#{row['id']} " if row.get("id") is not None else ""
            lines.append(f"  {ident}{page}: {row['text']}{reason}")
    return [*lines, f"price terms: {len(data['price_terms'])}"]


def contract_text(data: dict[str, Any]) -> str:
    """A stored contract (``contract_to_dict``) for people: parties, review status, the
    reasons it needs review, each unread price row with its page, and the terms."""
    out = [f"contract {data['id']}: {data.get('title') or '(untitled)'}"]
    if data.get("document"):
        out.append(f"  read from: {data['document']}")
    out += _parties_lines(data)
    status = data["status"] + (
        f": {data['unassigned_reason']}" if data["unassigned_reason"] else ""
    )
    out.append(f"  status: {status}")
    review = REVIEW_STATUS_TEXT.get(data["review_status"], data["review_status"])
    if data["review_status"] == "reviewed" and data.get("reviewed_by"):
        review += f" ({data['reviewed_by']}, {data['reviewed_at']})"
    out.append(f"  review: {review}")
    if data["preliminary_findings"]:
        out.append(f"  preliminary findings: {data['preliminary_findings']}")
    out += _clause_lines(data)
    out += _review_lines(data)
    out += [f"{line}  {t['review_state']}" for line, t in _term_lines(data)]
    return "\n".join(out)


def _clause_lines(data: dict[str, Any]) -> list[str]:
    """The contract's own terms a reviewer checks: its period, payment days,
    most-favoured-customer clause and indexation."""
    start, end = data.get("effective_date"), data.get("expiry_date")
    out = [f"  period: {start or '?'} – {end or '?'}"]
    days = data.get("payment_days")
    out.append(f"  payment: {'-' if days is None else f'{days} days'}")
    out.append(f"  most-favoured customer: {_mfn_text(data)}")
    index = data.get("indexation")
    if index:
        out.append(f"  indexation: {_indexation_text(index, start)}")
    return out


def _mfn_text(data: dict[str, Any]) -> str:
    """yes, or which "no": the contract says there is none, or no clause was found (a
    reading that may have missed one: legal checks)."""
    if data.get("mfn"):
        return "yes"
    if "mfn_evidence" not in data:
        return "no"
    said = data["mfn_evidence"]
    if said:
        return f"no: the contract says so ({' '.join(str(said).split())[:100]})"
    return "no clause found"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _indexation_text(index: dict[str, Any], effective: str | None) -> str:
    """The clause as a reviewer checks it: the index, its cap, the threshold below which
    nothing is adjusted, the fixed period, the month adjustments take effect, the notice."""
    parts = [str(index.get("index") or "?")]
    if index.get("cap_pct"):
        parts.append(f"at most {index['cap_pct']} % a year")
    if index.get("threshold_pct"):
        parts.append(f"only when the index moved {index['threshold_pct']} % or more")
    fixed = index.get("fixed_months")
    if fixed:
        since = f" from {effective}" if effective else " (no effective date read)"
        parts.append(f"prices fixed for the first {fixed} months{since}")
    if index.get("adjust_month"):
        parts.append(f"adjusted in {_MONTHS[int(index['adjust_month']) - 1]}")
    if index.get("notice_days"):
        parts.append(f"{index['notice_days']} days' notice")
    return ", ".join(parts)


def _term_lines(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each price term as a line: item, description, volume band, price, currency, unit,
    VAT basis and page."""
    out = []
    for t in data["price_terms"]:
        tier = ""
        if t.get("tier_min") is not None or t.get("tier_max") is not None:
            tier = f"  [{t.get('tier_min') or ''}–{t.get('tier_max') or ''}]"
        out.append(
            (
                f"  {t['item_id'] or '-'}  {t['description']}{tier}  {t['unit_price']} "
                f"{t['currency']} {t['unit']} {t['vat']}. VAT  page {t['page'] or '?'}",
                t,
            )
        )
    return out


def extraction_text(data: dict[str, Any]) -> str:
    """A contract as read by ``prisvagt extract`` (``terms_to_dict`` + ``review_to_dict``)
    for people: what was read, whether it is complete, the reasons for review, the price
    rows not read and the price list."""
    out = [f"{data.get('title') or '(untitled)'}  [{data.get('language') or '?'}]"]
    out += _parties_lines(data)
    out += _clause_lines(data)
    review = REVIEW_STATUS_TEXT.get(data["review_status"], data["review_status"])
    out.append(f"  reading: {review}")
    out += _review_lines(data)
    out += [line for line, _ in _term_lines(data)]
    return "\n".join(out)


def invoice_text(data: dict[str, Any]) -> str:
    """An invoice as read by ``prisvagt parse`` (``invoice_to_dict``) for people: what
    it is, who sent it to whom, its lines, its totals and what to check."""
    kind = "Credit note" if data["document_type"] == "credit_note" else "Invoice"
    out = [f"{kind} {data['number']}  ({data['format']})"]
    due = f", due {data['due_date']}" if data.get("due_date") else ""
    period = ""
    if data.get("period_start") or data.get("period_end"):
        period = f", period {data.get('period_start') or '?'} – {data.get('period_end') or '?'}"
    out.append(f"  issued {data['issue_date']}{due}{period}  [{data['currency']}]")
    for role in ("supplier", "buyer"):
        p = data[role]
        ids = ", ".join(f"{k.upper()} {p[k]}" for k in ("cvr", "ean") if p.get(k))
        out.append(f"  {role}: {p.get('name') or '-'}{f'  ({ids})' if ids else ''}")
    for ln in data["lines"]:
        unit = f" {ln['unit_code']}" if ln.get("unit_code") else ""
        out.append(
            f"  {ln['line_id']:>3}  {ln.get('item_id') or '-'}  {ln['description']}  "
            f"{ln['quantity']}{unit} x {ln['unit_price']} = {ln['line_amount']}"
        )
    t = data["totals"]
    before = "".join(
        f"  {label} {t[key]}"
        for key, label in (("prepaid", "prepaid"), ("rounding", "rounding"))
        if t.get(key) not in (None, "0.00")
    )  # shown when there is one: what closes the sum
    out.append(
        f"  lines {t['line_extension']}  allowances {t['allowances']}  charges {t['charges']}"
        f"  excl. VAT {t['tax_exclusive']}  VAT {t['tax']}{before}  payable {t['payable']}"
    )
    out += [f"  ! {w}" for w in data["warnings"]]
    return "\n".join(out)

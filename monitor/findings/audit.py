"""``prisvagt audit``: does every open finding still add up?

Each open finding is recomputed two ways, and every figure that disagrees is reported:

* from its own stored evidence: ``(invoiced - reference) x quantity`` gives the stored
  amount (the reference is the agreed price, or for a price gap the benchmark; capped
  at the line amount's excess as the rules cap it), the invoiced price and quantity are
  the stored invoice line's, and the computation written in the evidence ends in the
  stored amount;
* from the current terms and rules: the invoice is evaluated again (nothing stored)
  and the finding must still be made, with the same amount, agreed price and owner.

And the money is counted once: a further ground must point at an open finding that
owns the money, and on every line the counted overcharges stay within the line amount.
Read-only: nothing is changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

import rules
from extractors.money import to_ore
from monitor.findings.context import ContextBuilder
from monitor.findings.models import Finding
from monitor.invoices.models import InvoiceLine
from monitor.rulesets.service import current_configs
from rules.types import RuleFinding

ZERO = Decimal("0.00")
_TAIL = re.compile(r"=\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:\(|;|$)")


@dataclass(slots=True)
class Problem:
    finding_id: int
    rule_id: str
    text: str

    def __str__(self) -> str:
        return f"finding #{self.finding_id} ({self.rule_id}): {self.text}"


@dataclass(slots=True)
class AuditReport:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit(
    session: Session, *, today: date | None = None, allow_unconfirmed_terms: bool | None = None
) -> AuditReport:
    """Every open finding recomputed from its evidence and from the current terms."""
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    report = AuditReport()
    open_findings = list(
        session.scalars(select(Finding).where(Finding.status == "open").order_by(Finding.id))
    )
    report.checked = len(open_findings)
    if not open_findings:
        return report
    lines = _lines(session, {f.invoice_line_id for f in open_findings if f.invoice_line_id})
    for f in open_findings:
        report.problems += _from_evidence(f, lines.get(f.invoice_line_id or -1))
    report.problems += _from_rules(
        session, open_findings, today or date.today(), allow_unconfirmed_terms
    )
    report.problems += _counted_once(session, open_findings, lines)
    report.problems.sort(key=lambda p: p.finding_id)
    return report


def _lines(session: Session, ids: set[int]) -> dict[int, InvoiceLine]:
    out: dict[int, InvoiceLine] = {}
    id_list = sorted(ids)
    for i in range(0, len(id_list), 900):
        for line in session.scalars(
            select(InvoiceLine).where(InvoiceLine.id.in_(id_list[i : i + 900]))
        ):
            out[line.id] = line
    return out


def _from_evidence(f: Finding, line: InvoiceLine | None) -> list[Problem]:
    out: list[Problem] = []

    def bad(text: str) -> None:
        out.append(Problem(f.id, f.rule_id, text))

    reference = f.benchmark_unit_price if f.money_kind == "price_gap" else f.agreed_unit_price
    if line is not None and f.invoiced_unit_price is not None:
        if f.invoiced_unit_price != line.unit_price:
            bad(f"invoiced unit price {f.invoiced_unit_price} but the invoice line says "
                f"{line.unit_price}")  # fmt: skip
        if f.quantity is not None and f.quantity != line.quantity:
            bad(f"quantity {f.quantity} but the invoice line says {line.quantity}")
    if (
        reference is not None
        and f.invoiced_unit_price is not None
        and f.quantity is not None
        and f.rule_id not in ("duplicate_billing", "unpriced_item", "arithmetic_mismatch")
    ):
        expected = to_ore((f.invoiced_unit_price - reference) * f.quantity)
        if line is not None and f.money_kind == "overcharge":
            billed = to_ore(line.line_amount - reference * f.quantity)
            expected = min(expected, max(billed, ZERO))
        if expected != f.overcharge:
            bad(f"({f.invoiced_unit_price} - {reference}) x {f.quantity} = {expected}, "
                f"but the finding says {f.overcharge}")  # fmt: skip
    stated = None if f.rule_id == "arithmetic_mismatch" else _stated(f.evidence or {})
    if stated is not None and stated != f.overcharge:
        bad(f"its computation ends in {stated}, but the finding says {f.overcharge}")
    if f.overcharge < 0:
        bad(f"a negative amount {f.overcharge}")
    return out


def _stated(evidence: dict[str, object]) -> Decimal | None:
    """The amount the evidence's computation arrives at (``... = 123.45``), if any."""
    text = evidence.get("computation")
    if not isinstance(text, str) or "capped" in text:
        return None
    found = _TAIL.search(text)
    if found is None:
        return None
    try:
        return to_ore(Decimal(found.group(1)))
    except InvalidOperation:
        return None


def _from_rules(
    session: Session, findings: list[Finding], today: date, allow_unconfirmed: bool
) -> list[Problem]:
    """Evaluate the invoices again with the current terms and rules (nothing stored)."""
    configs = current_configs(session)
    builder = ContextBuilder(session, today=today, allow_unconfirmed_terms=allow_unconfirmed)
    now: dict[str, RuleFinding] = {}
    with rules.run_scope():  # nothing the rules memoise outlives the audit
        for batch in builder.batches(sorted({f.invoice_id for f in findings})):
            for invoice_id in batch.targets:
                for rf in rules.evaluate(builder.context(batch, invoice_id), configs or None):
                    now[rf.dedup_key] = rf
    by_key = {f.dedup_key: f for f in findings}
    out = []
    for f in findings:
        rf = now.get(f.dedup_key)
        if rf is None:
            out.append(Problem(f.id, f.rule_id, "the current terms and rules no longer make it"))
            continue
        if rf.overcharge != f.overcharge:
            out.append(Problem(f.id, f.rule_id, f"amount {f.overcharge}, but the current "
                               f"terms give {rf.overcharge}"))  # fmt: skip
        if _q6(rf.agreed_unit_price) != _q6(f.agreed_unit_price):
            out.append(Problem(f.id, f.rule_id, f"agreed unit price {f.agreed_unit_price}, "
                               f"but the current terms give {rf.agreed_unit_price}"))  # fmt: skip
        if rf.money_kind != f.money_kind:
            out.append(Problem(f.id, f.rule_id, f"money kind {f.money_kind}, but the rule "
                               f"says {rf.money_kind}"))  # fmt: skip
        owner = by_key.get(rf.grounds_for) if rf.grounds_for else None
        want = owner.id if owner is not None else None
        if rf.grounds_for and owner is None:
            want = -1  # owned by a finding that is not open: reported below
        if want != f.grounds_for_id and want != -1:
            out.append(Problem(f.id, f.rule_id, f"counted under #{f.grounds_for_id}, but its "
                               f"money is owned by #{want}"))  # fmt: skip
    return out


def _q6(value: Decimal | None) -> Decimal | None:
    """As stored: unit prices keep six decimals."""
    return None if value is None else value.quantize(Decimal("0.000001"))


def _counted_once(
    session: Session, findings: list[Finding], lines: dict[int, InvoiceLine]
) -> list[Problem]:
    out = []
    open_ids = {f.id for f in findings}
    per_line: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.grounds_for_id is not None and f.grounds_for_id not in open_ids:
            owner = session.get(Finding, f.grounds_for_id)
            status = owner.status if owner else "gone"
            out.append(Problem(f.id, f.rule_id, f"a further ground of #{f.grounds_for_id}, "
                               f"which is {status}: its money is counted nowhere"))  # fmt: skip
        if f.counted and f.invoice_line_id is not None:
            per_line[f.invoice_line_id].append(f)
    for line_id, owners in per_line.items():
        line = lines.get(line_id)
        total = sum((f.overcharge for f in owners), ZERO)
        if line is not None and total > max(line.line_amount, ZERO):
            ids = ", ".join(f"#{f.id}" for f in owners)
            out.append(Problem(owners[0].id, owners[0].rule_id, f"line {line.line_id}: "
                               f"{ids} count {total}, more than the line amount "
                               f"{line.line_amount}"))  # fmt: skip
    return out

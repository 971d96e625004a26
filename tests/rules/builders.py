"""Small builders of the pure view types for rule tests (amounts as strings: exact)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from extractors.types import IndexationTerms, InvoiceTotals, Unit
from rules.types import (
    ContractView,
    EvaluationContext,
    InvoiceLineView,
    InvoiceView,
    PriceObservation,
    TermView,
)

D = Decimal
TODAY = date(2026, 3, 1)


def term(
    price: str = "100.00",
    *,
    id: int = 1,
    item: str | None = "A-100",
    desc: str = "Licens Sagssystem pr. bruger pr. måned",
    unit: Unit = Unit.USER_MONTH,
    tier: tuple[str | None, str | None] | None = None,
    confirmed: bool = True,
    valid: tuple[date | None, date | None] = (None, None),
) -> TermView:
    return TermView(
        id=id,
        item_id=item,
        description=desc,
        unit=unit,
        unit_price=D(price),
        tier_min=D(tier[0]) if tier and tier[0] else None,
        tier_max=D(tier[1]) if tier and tier[1] else None,
        valid_from=valid[0],
        valid_to=valid[1],
        confirmed=confirmed,
        page=4,
        evidence_text=f"{item} {desc} {price} kr.",
    )


def contract(
    *terms: TermView,
    id: int = 10,
    effective: date | None = date(2025, 1, 1),
    expiry: date | None = date(2028, 12, 31),
    indexation: IndexationTerms | None = None,
    payment_days: int | None = 30,
    mfn: bool = False,
    municipality: str = "101",
) -> ContractView:
    return ContractView(
        id=id,
        vendor_cvr="12345678",
        municipality_code=municipality,
        effective_date=effective,
        expiry_date=expiry,
        price_terms=list(terms or (term(),)),
        payment_days=payment_days,
        mfn=mfn,
        indexation=indexation,
        title="K02 Drift af sagssystem",
    )


def line(
    price: str = "100.00",
    qty: str = "10",
    *,
    id: int = 1,
    item: str | None = "A-100",
    desc: str = "Licens Sagssystem",
    unit: str | None = "EA",
    amount: str | None = None,
    period: tuple[date | None, date | None] = (None, None),
) -> InvoiceLineView:
    line_amount = D(amount) if amount is not None else (D(price) * D(qty)).quantize(D("0.01"))
    return InvoiceLineView(
        id=id,
        line_id=str(id),
        description=desc,
        quantity=D(qty),
        unit_price=D(price),
        line_amount=line_amount,
        item_id=item,
        unit_code=unit,
        period_start=period[0],
        period_end=period[1],
    )


def invoice(
    *lines: InvoiceLineView,
    id: int = 100,
    number: str = "F-100",
    issued: date = date(2026, 1, 15),
    due: date | None = None,
    municipality: str = "101",
    population: int | None = 650_000,
    document_type: str = "invoice",
    totals: InvoiceTotals | None = None,
    period: tuple[date | None, date | None] = (None, None),
) -> InvoiceView:
    return InvoiceView(
        id=id,
        number=number,
        document_type=document_type,
        issue_date=issued,
        currency="DKK",
        vendor_cvr="12345678",
        municipality_code=municipality,
        lines=list(lines),
        totals=totals,
        due_date=due,
        population=population,
        period_start=period[0],
        period_end=period[1],
    )


def ctx(
    inv: InvoiceView,
    con: ContractView | None = None,
    **kw: Any,
) -> EvaluationContext:
    return EvaluationContext(invoice=inv, contract=con, today=TODAY, **kw)


def peer(
    code: str, price: str, *, item: str = "A-100", population: int | None = None
) -> PriceObservation:
    return PriceObservation(
        municipality_code=code, item_key=item, unit_price=D(price), population=population
    )


def only(rule_id: str, context: EvaluationContext, **params: Any) -> list:
    """The findings of one rule, every other rule off."""
    import rules
    from rules.types import RuleConfig

    configs = [RuleConfig(rule_id=r, mode="off") for r in rules.registry() if r != rule_id]
    configs.append(RuleConfig(rule_id=rule_id, params=params))
    return [f for f in rules.evaluate(context, configs) if f.rule_id == rule_id]


def overcharges(findings: list) -> list[Decimal]:
    return [f.overcharge for f in findings]

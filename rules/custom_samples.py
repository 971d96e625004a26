"""Sample lines a custom rule is run on before it is published (``try_on_samples``):
priced and unpriced lines, a credit line, empty and long texts, a contract and none.
An expression that breaks a limit on any of them is refused with the line named."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from rules.custom import EVAL_ERRORS, FIELDS, CustomParams, evaluator, run_expression
from rules.errors import RuleConfigError, RuleRuntimeError


def sample_lines() -> list[dict[str, SimpleNamespace]]:
    """Names for a few lines as rules meet them: priced and unpriced, credit lines,
    empty and long texts, a contract and none."""
    long_text = "Drift og vedligehold af sagssystem, " * 5
    lines = [
        ("1", "DRIFT-01", "Drift af ESDH", "125.00", "100", "12500.00", "EA"),
        ("2", None, long_text, "0.01", "-3", "-0.03", "HUR"),
        ("3", "", "", "99999999.99", "0.5", "49999999.99", "MON"),
    ]
    terms = [
        SimpleNamespace(
            matched=True,
            unit_price=Decimal("120.00"),
            agreed_unit_price=Decimal("118.00"),
            contract_unit_price=Decimal("118.00"),
            unit="user_month",
            item_id="DRIFT-01",
            description="Drift af ESDH",
            confirmed=True,
        ),  # fmt: skip
        SimpleNamespace(**{**dict.fromkeys(FIELDS["term"]), "matched": False}),
    ]
    invoice = SimpleNamespace(number="F-2026-0042", municipality_code="751",
                              vendor_cvr="12345678", document_type="invoice", currency="DKK",
                              population=Decimal("367000"), payable=Decimal("15625.00"),
                              payment_days=Decimal("30"))  # fmt: skip
    contracts = [
        SimpleNamespace(mfn=True, payment_days=Decimal("30"), title="Driftsaftale"),
        SimpleNamespace(mfn=None, payment_days=None, title=None),
    ]
    samples = []
    for (line_id, item, text, price, qty, amount, unit), term, contract in zip(
        lines, [*terms, terms[0]], [*contracts, contracts[0]], strict=True
    ):
        line = SimpleNamespace(line_id=line_id, item_id=item, description=text,
                               unit_price=Decimal(price), quantity=Decimal(qty),
                               line_amount=Decimal(amount), unit_code=unit)  # fmt: skip
        samples.append({"line": line, "term": term, "invoice": invoice, "contract": contract})
    return samples


def try_on_samples(params: CustomParams) -> None:
    """Run the expression (and the overcharge expression) on :func:`sample_lines`;
    RuleConfigError (field ``expression``) when it breaks a limit on any of them."""
    ev = evaluator()
    for names in sample_lines():
        ev.names = names
        for field, tree in (("expression", params._tree), ("overcharge", params._over)):
            if tree is None:
                continue
            try:
                run_expression(ev, tree)
            except EVAL_ERRORS:
                continue
            except RuleRuntimeError as exc:
                line = names["line"].line_id
                raise RuleConfigError(
                    f"fails on the sample line {line}: {exc.message}", field=field
                ) from exc

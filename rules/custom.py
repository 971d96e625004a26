"""Custom rules: admins' expressions over documented line and contract fields.

A custom rule is a ``RuleConfig`` with ``rule_id="custom:<name>"`` and
``params={"expression": ..., "severity": ..., "message": ..., "overcharge": ...}``.
The expression is evaluated by simpleeval once per invoice line; a true result is a
finding. Names available (anything else is refused when the rule is saved):

* ``line.unit_price``, ``line.quantity``, ``line.line_amount``, ``line.item_id``,
  ``line.description``, ``line.unit_code``, ``line.line_id``
* ``term.matched`` (bool), ``term.unit_price`` (the allowed price per invoice unit,
  including allowed indexation), ``term.agreed_unit_price`` (the agreed base price per
  invoice unit), ``term.contract_unit_price`` (per contract unit), ``term.unit``,
  ``term.item_id``, ``term.description``, ``term.confirmed``; all None when the line
  matched no term
* ``invoice.number``, ``invoice.municipality_code``, ``invoice.vendor_cvr``,
  ``invoice.document_type``, ``invoice.currency``, ``invoice.population``,
  ``invoice.payable``, ``invoice.payment_days``
* ``contract.mfn``, ``contract.payment_days``, ``contract.title`` (None without one)
* functions ``abs min max round len lower upper contains startswith``

Numbers in expressions are exact decimals (``1.1`` is ``Decimal("1.1")``). Refused:
any other name or attribute, indexing, lambdas, comprehensions, ``**``, keyword
arguments, expressions over :data:`MAX_LENGTH` characters or :data:`MAX_NODES` nodes,
number literals over :data:`MAX_DIGITS` digits or exponent, and text formatting with
``%`` (``"%0999999999d" % line.quantity`` would build a 1 GB string). With no loops and
a bounded tree, evaluation time is bounded by the tree size; text values are bounded by
:data:`MAX_TEXT` characters at run time. A line where the expression cannot be
evaluated (None compared with a number, division by zero) does not fire; an expression
that breaks a limit while it runs raises ``RuleRuntimeError`` (the application then
switches the rule to monitor with that error). Before a rule is published it is run on
sample lines (``rules.custom_samples``), so most such rules are refused up front.

``message`` may use ``{rule}``, ``{line_id}``, ``{description}``, ``{unit_price}``,
``{quantity}``, ``{term_price}``. ``overcharge`` is an optional expression for the money
at stake; by default (line.unit_price - term.unit_price) x quantity when positive.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal, DecimalException
from functools import partial
from types import SimpleNamespace
from typing import Any

from pydantic import PrivateAttr
from simpleeval import DEFAULT_OPERATORS, SimpleEval

from extractors.money import to_ore
from rules.errors import RuleConfigError, RuleRuntimeError
from rules.evidence import dedup_key, fmt, line_evidence
from rules.pricing import LinePricing
from rules.spec import Params, RuleSpec
from rules.types import EvaluationContext, RuleFinding, Severity

MAX_LENGTH = 500
MAX_NODES = 150
#: characters a text value may reach while an expression runs
MAX_TEXT = 1_000
#: digits, and size of the exponent, of a number written in an expression
MAX_DIGITS = 30
FIELDS: dict[str, frozenset[str]] = {
    "line": frozenset(
        {"unit_price", "quantity", "line_amount", "item_id", "description", "unit_code", "line_id"}
    ),
    "term": frozenset(
        {
            "matched",
            "unit_price",
            "agreed_unit_price",
            "contract_unit_price",
            "unit",
            "item_id",
            "description",
            "confirmed",
        }
    ),
    "invoice": frozenset(
        {
            "number",
            "municipality_code",
            "vendor_cvr",
            "document_type",
            "currency",
            "population",
            "payable",
            "payment_days",
        }
    ),
    "contract": frozenset({"mfn", "payment_days", "title"}),
}
FUNCTIONS: dict[str, Any] = {
    "abs": abs,
    "min": min,
    "max": max,
    "round": round,
    "len": lambda s: len(s or ""),
    "lower": lambda s: (s or "").lower(),
    "upper": lambda s: (s or "").upper(),
    "contains": lambda s, sub: (sub or "").lower() in (s or "").lower(),
    "startswith": lambda s, prefix: (s or "").lower().startswith((prefix or "").lower()),
}
_ALLOWED = (
    ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.BinOp, ast.Add, ast.Sub, ast.Mult,
    ast.Div, ast.Mod, ast.UnaryOp, ast.Not, ast.USub, ast.UAdd, ast.Compare, ast.Eq,
    ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Constant,
    ast.Attribute, ast.Name, ast.Load, ast.Call, ast.IfExp, ast.Tuple, ast.List,
)  # fmt: skip
EVAL_ERRORS = (TypeError, ValueError, ArithmeticError, DecimalException, AttributeError)


def _text(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise RuleRuntimeError(f"a text value would exceed {MAX_TEXT} characters")
    return value


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, str) and isinstance(b, str) and len(a) + len(b) > MAX_TEXT:
        raise RuleRuntimeError(f"a text value would exceed {MAX_TEXT} characters")
    return a + b


def _mult(a: Any, b: Any) -> Any:
    for text, times in ((a, b), (b, a)):
        if isinstance(text, str) and isinstance(times, int) and len(text) * times > MAX_TEXT:
            raise RuleRuntimeError(f"a text value would exceed {MAX_TEXT} characters")
    return a * b


def _mod(a: Any, b: Any) -> Any:
    if isinstance(a, str):
        raise RuleRuntimeError("text formatting with % is not allowed")
    return a % b


#: simpleeval's operators with every result that can grow bounded
OPERATORS: dict[type[ast.AST], Any] = {
    **DEFAULT_OPERATORS,
    ast.Add: _add,
    ast.Mult: _mult,
    ast.Mod: _mod,
}


def compile_expression(expr: str) -> ast.expr:
    """Parse and check an expression; RuleConfigError (field ``expression``) says why not."""
    if not isinstance(expr, str) or not expr.strip():
        raise RuleConfigError("the expression is empty", field="expression")
    if len(expr) > MAX_LENGTH:
        raise RuleConfigError(f"longer than {MAX_LENGTH} characters", field="expression")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise RuleConfigError(f"not an expression: {exc.msg}", field="expression") from exc
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise RuleConfigError(f"more than {MAX_NODES} parts", field="expression")
    for node in nodes:
        _check_node(node)
    return _decimal_literals(tree).body


def _check_node(node: ast.AST) -> None:
    def refuse(why: str) -> None:
        raise RuleConfigError(why, field="expression")

    if not isinstance(node, _ALLOWED):
        refuse(f"{type(node).__name__} is not allowed")
    if isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name) or node.value.id not in FIELDS:
            refuse("attributes only on line, term, invoice or contract")
        elif node.attr not in FIELDS[node.value.id]:
            known = ", ".join(sorted(FIELDS[node.value.id]))
            refuse(f"unknown field {node.value.id}.{node.attr} (known: {known})")
    elif isinstance(node, ast.Name) and node.id not in FIELDS and node.id not in FUNCTIONS:
        refuse(f"unknown name {node.id!r}")
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            refuse("only the documented functions may be called")
        if node.keywords:
            refuse("keyword arguments are not allowed")
    elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 200:
        refuse("text constants are limited to 200 characters")
    elif (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Mod)
        and isinstance(node.left, ast.Constant)
        and isinstance(node.left.value, str)
    ):
        refuse("text formatting with % is not allowed")


def _decimal_literals(tree: ast.Expression) -> ast.Expression:
    """Numbers become exact Decimals (money must not meet floats)."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
        ):
            number = Decimal(str(node.value))
            digits = len(number.as_tuple().digits) if number.is_finite() else MAX_DIGITS + 1
            if digits > MAX_DIGITS or abs(number.adjusted()) > MAX_DIGITS:
                raise RuleConfigError(
                    f"numbers are limited to {MAX_DIGITS} digits", field="expression"
                )
            node.value = number  # type: ignore[assignment]
    return tree


class CustomParams(Params):
    """A custom rule's parameters; ``expression`` and ``overcharge`` compiled once."""

    expression: str
    severity: Severity = "medium"
    message: str = "Custom rule {rule} matched line {line_id} ({description})"
    overcharge: str | None = None
    _tree: ast.expr | None = PrivateAttr(default=None)
    _over: ast.expr | None = PrivateAttr(default=None)

    def model_post_init(self, __context: Any) -> None:
        self._tree = compile_expression(self.expression)
        if self.overcharge:
            try:
                self._over = compile_expression(self.overcharge)
            except RuleConfigError as exc:
                raise RuleConfigError(exc.message, field="overcharge") from exc


def custom_spec(rule_id: str) -> RuleSpec:
    name = rule_id.split(":", 1)[1]
    if not re.fullmatch(r"[a-z0-9_\-]{1,60}", name):
        raise RuleConfigError(
            "custom rule names are 1-60 of a-z, 0-9, _ and -", rule_id=rule_id, field="rule_id"
        )
    return RuleSpec(
        id=rule_id,
        title_da=f"Egen regel: {name}",
        title_en=f"Custom rule: {name}",
        description="An administrator's expression over line and contract fields; "
        "example: line.unit_price > term.unit_price * 1.1",
        description_da="Et udtryk, som en administrator har formuleret over felter fra "
        "fakturalinjen og kontrakten; eksempel: line.unit_price > term.unit_price * 1.1",
        severity="medium",
        params_model=CustomParams,
        check=partial(_check, rule_id),
    )


def evaluator() -> SimpleEval:
    """An evaluator with the documented functions and the bounded operators."""
    return SimpleEval(functions=FUNCTIONS, operators=OPERATORS)


def run_expression(evaluator: SimpleEval, tree: ast.expr | None) -> Any:
    """The value of a compiled expression; a text result is bounded too. Errors a line's
    values explain (``EVAL_ERRORS``) are the caller's; others are the rule's own."""
    try:
        return _text(evaluator.eval("", previously_parsed=tree))
    except (*EVAL_ERRORS, RuleRuntimeError):
        raise
    except Exception as exc:  # simpleeval's limits, a defect: the rule cannot run
        raise RuleRuntimeError(f"{type(exc).__name__}: {exc}") from exc


def _check(rule_id: str, run: Any, params: CustomParams) -> list[RuleFinding]:
    ctx: EvaluationContext = run.ctx
    pricing = {lp.line.id: lp for lp in run.pricing()}
    ev = evaluator()
    base = _invoice_names(ctx)
    out = []
    for line in ctx.invoice.lines:
        lp = pricing.get(line.id)
        names = {**base, "line": _line_ns(line), "term": _term_ns(lp)}
        ev.names = names
        try:
            hit = run_expression(ev, params._tree)
        except EVAL_ERRORS:
            continue
        if hit:
            out.append(_finding(rule_id, ctx, params, ev, line, lp))
    return out


def _invoice_names(ctx: EvaluationContext) -> dict[str, Any]:
    inv, con = ctx.invoice, ctx.contract
    return {
        "invoice": SimpleNamespace(
            number=inv.number,
            municipality_code=inv.municipality_code,
            vendor_cvr=inv.vendor_cvr,
            document_type=inv.document_type,
            currency=inv.currency,
            population=Decimal(inv.population) if inv.population is not None else None,
            payable=inv.totals.payable if inv.totals else None,
            payment_days=Decimal((inv.due_date - inv.issue_date).days) if inv.due_date else None,
        ),
        "contract": SimpleNamespace(
            mfn=con.mfn if con else None,
            payment_days=Decimal(con.payment_days) if con and con.payment_days else None,
            title=con.title if con else None,
        ),
    }


def _line_ns(line: Any) -> SimpleNamespace:
    return SimpleNamespace(**{name: getattr(line, name) for name in FIELDS["line"]})


def _term_ns(lp: LinePricing | None) -> SimpleNamespace:
    term = lp.term if lp else None
    if lp is None or term is None:
        return SimpleNamespace(**{**dict.fromkeys(FIELDS["term"]), "matched": False})
    return SimpleNamespace(
        matched=True,
        unit_price=lp.allowed,
        agreed_unit_price=lp.agreed,
        contract_unit_price=term.unit_price,
        unit=term.unit.value,
        item_id=term.item_id,
        description=term.description,
        confirmed=term.confirmed,
    )


_PLACEHOLDER = re.compile(r"\{(rule|line_id|description|unit_price|quantity|term_price)\}")


def _finding(
    rule_id: str,
    ctx: EvaluationContext,
    params: CustomParams,
    evaluator: SimpleEval,
    line: Any,
    lp: LinePricing | None,
) -> RuleFinding:
    allowed = lp.allowed if lp else None
    over = Decimal(0)
    if params._over is not None:
        try:
            over = Decimal(run_expression(evaluator, params._over))
        except EVAL_ERRORS:
            over = Decimal(0)
    elif allowed is not None:
        over = max((line.unit_price - allowed) * line.quantity, Decimal(0))
    values = {
        "rule": rule_id,
        "line_id": line.line_id,
        "description": line.description,
        "unit_price": fmt(line.unit_price),
        "quantity": fmt(line.quantity),
        "term_price": fmt(allowed) if allowed is not None else "-",
    }
    ev = line_evidence(ctx, lp) if lp else {"line_id": line.line_id, "line_text": line.description}
    ev.update(expression=params.expression, overcharge_expression=params.overcharge)
    return RuleFinding(
        rule_id=rule_id,
        severity=params.severity,
        message=_PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), params.message),
        dedup_key=dedup_key(rule_id, ctx, line.id),
        currency=ctx.invoice.currency,
        overcharge=to_ore(over),
        line_ref=line.id,
        line_id=line.line_id,
        term_ref=lp.term.id if lp and lp.term else None,
        agreed_unit_price=allowed,
        invoiced_unit_price=line.unit_price,
        quantity=line.quantity,
        evidence=ev,
    )

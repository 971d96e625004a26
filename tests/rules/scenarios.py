"""Scenario generator: clean invoices, an injected breach of every rule, and near misses
just inside each tolerance, as pure view types with ground truth.

``generate(seed, per_rule, clean)`` returns scenarios; each holds one evaluation
context and the findings expected from it (rule, invoice, line, exact overcharge).
Injected invoices carry one or two clean companion lines, so a finding on the wrong
line counts against precision. The world and its price formulas are in
``scenario_world.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from extractors.money import to_ore
from extractors.types import InvoiceTotals
from rules.types import EvaluationContext, InvoiceLineView, InvoiceView, PriceObservation
from tests.rules.scenario_world import (
    BY_ID,
    ITEMS,
    MFN,
    MUNICIPALITIES,
    SERIES,
    VENDOR,
    Expected,
    Item,
    Scenario,
    agreed,
    allowed_inv,
    clean_price,
    contract_for,
)

D = Decimal
PLAIN = [m for m in MUNICIPALITIES if m not in MFN]
#: agreed prices that breach whenever billed: an MFN breach and a disparity
BREACHING = {("751", "OKO-002"), ("147", "KON-003")}


def month_of(on: date) -> tuple[date, date]:
    start = on.replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.contracts = {m: contract_for(m, i + 1) for i, m in enumerate(MUNICIPALITIES)}
        self.peers = [
            PriceObservation(
                municipality_code=m, item_key=item.id, unit=item.unit,
                unit_price=clean_price(m, item, date(2026, 2, 10)),
                population=MUNICIPALITIES[m], issue_date=date(2026, 2, 10),
            )
            for m in MUNICIPALITIES
            for item in ITEMS
            if not item.tiers
        ]  # fmt: skip
        self._invoice_id = 0
        self._line_id = 0

    # ------------------------------------------------------------------ building
    def qty(self, item: Item) -> Decimal:
        if item.unit.value in ("inhabitant_year", "month"):
            return D(1)
        if item.id == "TRX-004":
            return D(self.rnd.randrange(100, 5000))
        return D(self.rnd.randrange(1, 300))

    def line(
        self, muni: str, item: Item, on: date, qty: Decimal | None = None, **kw: object
    ) -> InvoiceLineView:
        qty = qty if qty is not None else self.qty(item)
        price = kw.pop("price", None) or clean_price(muni, item, on, qty)
        start, end = kw.pop("period", None) or month_of(on)
        self._line_id += 1
        amount = kw.pop("amount", None)
        return InvoiceLineView(
            id=self._line_id, line_id=str(self._line_id), description=str(kw.pop("desc", item.description)),
            quantity=qty, unit_price=price,  # type: ignore[arg-type]
            line_amount=amount if amount is not None else to_ore(qty * price),  # type: ignore[arg-type, operator]
            item_id=kw.pop("item_id", item.id), unit_code=item.code,  # type: ignore[arg-type]
            period_start=start, period_end=end,
        )  # fmt: skip

    def companions(self, muni: str, on: date, avoid: set[str], n: int = 2) -> list[InvoiceLineView]:
        pool = [i for i in self.clean_items(muni) if i.id not in avoid]
        return [self.line(muni, i, on) for i in self.rnd.sample(pool, n)]

    def clean_items(self, muni: str) -> list[Item]:
        return [i for i in ITEMS if (muni, i.id) not in BREACHING]

    def invoice(
        self, muni: str, lines: list[InvoiceLineView], issued: date, **kw: object
    ) -> InvoiceView:
        self._invoice_id += 1
        total = sum((x.line_amount for x in lines), D(0))
        tax = to_ore(total / 4) + D(kw.pop("tax_extra", 0))  # type: ignore[arg-type]
        return InvoiceView(
            id=self._invoice_id, number=str(kw.pop("number", f"F-{self._invoice_id}")),
            document_type="invoice", issue_date=issued, currency="DKK", vendor_cvr=VENDOR,
            municipality_code=muni, lines=lines,
            totals=InvoiceTotals(total, total, tax, total + tax),
            due_date=issued + timedelta(days=int(kw.pop("due_days", 30))),  # type: ignore[call-overload]
            population=MUNICIPALITIES[muni],
        )  # fmt: skip

    def context(
        self, inv: InvoiceView, earlier: list[InvoiceView] | None = None
    ) -> EvaluationContext:
        return EvaluationContext(
            invoice=inv, contract=self.contracts[inv.municipality_code or ""],
            today=date(2027, 3, 1), index_series=SERIES, peer_prices=self.peers,
            earlier_invoices=earlier or [],
        )  # fmt: skip

    def day(self, year: int = 2026, months: tuple[int, int] = (2, 6)) -> date:
        return date(year, self.rnd.randint(*months), self.rnd.randint(1, 28))

    # --------------------------------------------------------------------- clean
    def clean(self, extra: int) -> list[Scenario]:
        out = []
        for muni in MUNICIPALITIES:
            history: list[InvoiceView] = []
            for month in range(2, 7):
                on = date(2026, month, 10)
                inv = self.invoice(
                    muni, [self.line(muni, i, on) for i in self.clean_items(muni)], on
                )
                out.append(
                    Scenario(f"clean {muni} {on}", "clean", self.context(inv, list(history)))
                )
                history.append(inv)
        for _ in range(extra):
            muni, on = self.rnd.choice(list(MUNICIPALITIES)), self.day(months=(7, 12))
            items = self.rnd.sample(self.clean_items(muni), self.rnd.randint(1, 5))
            inv = self.invoice(muni, [self.line(muni, i, on) for i in items], on)
            out.append(Scenario(f"clean {muni} {on}", "clean", self.context(inv)))
        return out


Injector = Callable[[Generator], Scenario]


def generate(seed: int = 1, per_rule: int = 20, clean: int = 150) -> list[Scenario]:
    """Clean scenarios, then ``per_rule`` of each injected breach and near miss."""
    from tests.rules.scenario_cases import BREACHES
    from tests.rules.scenario_near_misses import NEAR_MISSES

    gen = Generator(seed)
    out = gen.clean(clean)
    for inject in [*BREACHES, *NEAR_MISSES]:
        out += [inject(gen) for _ in range(per_rule)]
    return out


__all__ = [
    "BY_ID", "Expected", "Generator", "Item", "PLAIN", "Scenario", "agreed", "allowed_inv",
    "clean_price", "generate", "month_of", "to_ore",
]  # fmt: skip

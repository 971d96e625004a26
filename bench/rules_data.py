"""A generated world where every built-in rule fires, with the truth kept.

One vendor, ``municipalities`` municipalities each with one active contract pricing
``items`` items (some in two volume bands, some yearly items billed monthly), a
quarter of the contracts with an indexation clause (2 % allowed from January 2026,
capped at 3 %) and billed at the indexed price, a few with a most-favoured-customer
clause (at the lowest price level), invoices of ten lines over 2026. Into it are
injected, at low rates, lines and invoices breaking one rule each:

==========================  =================================================
price_above_agreed          unit price 5-30 % above the agreed price
indexation_cap_exceeded     indexed contract, unit price 5 % above the base
volume_tier_not_applied     a quantity in the cheaper band billed at the dearer
unpriced_item               an item the contract does not price
outside_contract_period     an invoice for a month before the contract began
duplicate_billing           a line billed again; an invoice sent again
payment_terms               45 days to pay
arithmetic_mismatch         a line amount 10.00 kr off; a payable 100.00 kr off
price_disparity             a municipality whose contract prices an item 2.6x
mfn_breach                  an over-priced line under an MFN clause
==========================  =================================================

The truth of every rule but the two peer rules is what was injected. The peer rules
compare with other municipalities' latest prices, so their truth is computed from the
generated prices by a small independent reference (latest line per municipality and
item, median / lowest of the others, the default ratio 2 and 3 peers).

:func:`build` writes through SQLAlchemy Core into a migrated database (SQLite or
PostgreSQL) and returns the truth as ``{(rule_id, invoice_id, line_id or None)}``.
"""

from __future__ import annotations

import random
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
LINES_PER_INVOICE = 10
VENDOR_CVR = "12345678"
INDEX = "NPI"
# (contract unit, invoice unit code, conversion factor contract -> invoice unit)
UNITS = [
    ("user_month", "MON", Decimal(1)),
    ("hour", "HUR", Decimal(1)),
    ("transaction", "C62", Decimal(1)),
    ("year", "ANN", Decimal(1)),
    ("year", "EA", Decimal(1) / 12),  # a yearly price billed monthly, one unit a month
]
FACTORS = [80, 90, 100, 100, 100, 110, 120, 150]
RATES = {
    "price_above_agreed": 0.004,
    "indexation_cap_exceeded": 0.004,
    "volume_tier_not_applied": 0.002,
    "unpriced_item": 0.002,
    "arithmetic_mismatch": 0.002,
    "duplicate_billing": 0.002,
    # per invoice
    "outside_contract_period": 0.002,
    "payment_terms": 0.004,
    "totals": 0.002,
    "resend": 0.001,
}


def ore(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class World:
    truth: set[tuple[str, int, int | None]] = field(default_factory=set)
    invoices: int = 0
    lines: int = 0
    injected: dict[str, int] = field(default_factory=dict)


def build(
    engine,
    n_lines: int,
    *,
    municipalities: int = 98,
    items: int = 2000,
    seed: int = 7,
    boost: float = 1.0,
    dear_share: float = 0.003,
):  # type: ignore[no-untyped-def]
    """Fill a migrated, empty database; return the :class:`World` (truth and sizes).
    ``boost`` multiplies the injection rates (small test worlds); ``dear_share``: the
    share of (municipality, item) pairs whose contract price is 2.6 times the others'."""
    from sqlalchemy import insert

    from monitor.contracts.models import Contract, ContractClause, PriceTerm
    from monitor.indexes.models import IndexValue
    from monitor.invoices.models import Invoice, InvoiceLine
    from monitor.parties.models import Municipality, Vendor

    rng = random.Random(seed)
    world = World()
    munis = list(range(1, municipalities + 1))
    indexed = {m for m in munis if m % 4 == 2}
    mfn = {m for m in munis if m % 10 == 3 and m not in indexed}
    factor = {m: (Decimal(80) if m in mfn else Decimal(rng.choice(FACTORS))) / 100 for m in munis}
    if municipalities > 1:
        factor[1] = Decimal("0.80")  # someone pays the lowest level: MFN holds
    base = [Decimal(rng.randint(1000, 500000)).scaleb(-2) for _ in range(items)]
    unit_of = [rng.choice(UNITS) for _ in range(items)]
    tiered = {i for i in range(items) if i % 20 == 7}
    # (municipality, item) pairs priced 2.6 times in the contract: price disparity
    dear = {
        (m, i) for m in munis if m not in mfn for i in range(items) if rng.random() < dear_share
    }
    with engine.begin() as conn:
        conn.execute(insert(Vendor), [{"id": 1, "cvr": VENDOR_CVR, "name": "BenchData A/S"}])
        conn.execute(
            insert(Municipality),
            [
                {
                    "id": m,
                    "code": f"{100 + m:03d}",
                    "name": f"Benchkommune {m}",
                    "cvr": f"{30000000 + m:08d}",
                    "population": rng.randint(5000, 600000),
                }
                for m in munis
            ],
        )
        conn.execute(
            insert(IndexValue),
            [
                {"index_name": INDEX, "period": f"{y}-{mo:02d}", "value": v}
                for y, mo, v in [(2024, 12, Decimal(100)), (2025, 12, Decimal(102))]
            ],
        )
        contracts, clauses, terms = [], [], []
        agreed: dict[tuple[int, int], Decimal] = {}
        term_id = 0
        for m in munis:
            contracts.append(
                {
                    "id": m,
                    "vendor_id": 1,
                    "municipality_id": m,
                    "title": f"Driftsaftale {m}",
                    "effective_date": date(2025, 1, 1),
                    "expiry_date": date(2027, 12, 31),
                    "currency": "DKK",
                    "payment_days": 30,
                    "mfn": m in mfn,
                    "status": "active",
                    "warnings": [],
                    "vendor_cvr": VENDOR_CVR,
                }
            )
            if m in indexed:
                params = {"index": INDEX, "cap_pct": "3", "adjust_month": 1, "fixed_months": 12}
                clauses.append({"contract_id": m, "kind": "indexation", "params": params})
            if m in mfn:
                clauses.append({"contract_id": m, "kind": "mfn", "params": {}})
            for i in range(items):
                price = ore(base[i] * factor[m] * (Decimal("2.6") if (m, i) in dear else 1))
                agreed[(m, i)] = price
                bands = [(None, None, price)]
                if i in tiered:
                    bands = [
                        (Decimal(1), Decimal(100), price),
                        (Decimal(101), None, ore(price * Decimal("0.9"))),
                    ]
                for lo, hi, p in bands:
                    term_id += 1
                    terms.append(
                        {
                            "id": term_id,
                            "contract_id": m,
                            "item_id": f"ITEM-{i:04d}",
                            "description": f"Ydelse nummer {i}",
                            "unit": unit_of[i][0],
                            "agreed_unit_price": p,
                            "currency": "DKK",
                            "vat_basis": "excl",
                            "tier_min": lo,
                            "tier_max": hi,
                            "review_state": "confirmed",
                            "confidence": 1.0,
                            "evidence_page": 3,
                            "evidence_text": f"ITEM-{i:04d} {p}",
                        }
                    )
        conn.execute(insert(Contract), contracts)
        if clauses:
            conn.execute(insert(ContractClause), clauses)
        for k in range(0, len(terms), 20_000):
            conn.execute(insert(PriceTerm), terms[k : k + 20_000])
        gen = _Invoices(rng, world, munis, items, agreed, unit_of, tiered, indexed, mfn)
        gen.rates = {k: v * boost for k, v in RATES.items()}
        for invoices, lines in gen.batches(n_lines):
            conn.execute(insert(Invoice), invoices)
            conn.execute(insert(InvoiceLine), lines)
        if engine.dialect.name == "postgresql":
            for table in ("invoice", "invoice_line", "price_term", "contract", "municipality"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        _peer_truth(world, gen.peer_lines, mfn)
    return world


class _Invoices:
    def __init__(self, rng, world, munis, items, agreed, unit_of, tiered, indexed, mfn):  # type: ignore[no-untyped-def]
        self.rng, self.world, self.munis, self.items = rng, world, munis, items
        self.agreed, self.unit_of, self.tiered = agreed, unit_of, tiered
        self.indexed, self.mfn = indexed, mfn
        self.invoice_id = self.line_id = 0
        #: lines with a contract item: (issue date, invoice id, line id, muni, item, price)
        self.peer_lines: list[tuple[date, int, int, int, int, Decimal]] = []
        self.overpriced_in_mfn: set[int] = set()
        self.month_lines: dict[tuple[int, int], list[dict[str, object]]] = {}
        self.orders: dict[tuple[int, int], list[int]] = {}
        self.clean_invoices: dict[int, list[tuple[dict[str, object], list[dict[str, object]]]]] = {}

    def inject(self, rule: str, invoice_id: int, line_id: int | None) -> None:
        self.world.truth.add((rule, invoice_id, line_id))
        self.world.injected[rule] = self.world.injected.get(rule, 0) + 1

    def price(self, m: int, i: int, on: date) -> Decimal:
        """What the vendor rightly bills per invoice unit."""
        p = self.agreed[(m, i)]
        if m in self.indexed and on >= date(2026, 1, 1):
            p = ore(p * Decimal("1.02"))
        return ore(p * self.unit_of[i][2])

    def batches(self, n_lines: int):  # type: ignore[no-untyped-def]
        n_invoices = max(1, n_lines // LINES_PER_INVOICE)
        per_muni = max(1, n_invoices // len(self.munis))
        invoices: list[dict[str, object]] = []
        lines: list[dict[str, object]] = []
        made = 0
        for m in self.munis:
            count = per_muni + (1 if m <= n_invoices % len(self.munis) else 0)
            per_month = -(-count // 12)
            for k in range(count):
                if made >= n_invoices:
                    break
                month = 1 + k // per_month
                inv, ls = self.invoice(m, k, month, k % per_month)
                invoices.append(inv)
                lines += ls
                made += 1
                if len(lines) >= 50_000:
                    yield invoices, lines
                    invoices, lines = [], []
        if invoices:
            yield invoices, lines

    def invoice(self, m: int, k: int, month: int, slot: int):  # type: ignore[no-untyped-def]
        rng = self.rng
        self.invoice_id += 1
        iid = self.invoice_id
        self.world.invoices += 1
        issue = date(2026, month, min(28, 1 + slot % 28))
        start, end = date(2026, month, 1), date(2026, month, monthrange(2026, month)[1])
        plain_contract = m not in self.indexed and m not in self.mfn
        resend = self.clean_invoices.get(m) if rng.random() < self.rates["resend"] else None
        if resend:
            original, original_lines = resend.pop()
            return self._resend(iid, original, original_lines)
        outside = plain_contract and rng.random() < self.rates["outside_contract_period"]
        if outside:
            start, end = date(2024, 11, 1), date(2024, 11, 30)
            self.inject("outside_contract_period", iid, None)
        order = self.orders.get((m, month))
        if order is None:
            order = random.Random(m * 100 + month).sample(range(self.items), self.items)
            self.orders = {(m, month): order}
        first = (slot * LINES_PER_INVOICE) % self.items
        chosen = order[first : first + LINES_PER_INVOICE]
        # an item billed again in the same month (more lines than items) gets another
        # quantity, so that nothing looks billed twice unless injected
        wrap = (slot * LINES_PER_INVOICE) // self.items
        lines, total, dirty = [], Decimal(0), outside
        for pos, i in enumerate(chosen, start=1):
            self.line_id += 1
            lid = self.line_id
            self.world.lines += 1
            line, fault = self.line(m, i, iid, lid, pos, start, end, outside, wrap, issue)
            dirty = dirty or fault
            total += line["line_amount"]  # type: ignore[operator]
            lines.append(line)
        tax = ore(total / 4)
        payable = total + tax
        due = issue + timedelta(days=30)
        if rng.random() < self.rates["payment_terms"]:
            due = issue + timedelta(days=45)
            self.inject("payment_terms", iid, None)
            dirty = True
        if rng.random() < self.rates["totals"]:
            payable += Decimal(100)
            self.inject("arithmetic_mismatch", iid, None)
            dirty = True
        inv = {
            "id": iid,
            "vendor_id": 1,
            "municipality_id": m,
            "format": "oioubl-2",
            "document_type": "invoice",
            "number": f"{100 + m:03d}-{k:06d}",
            "issue_date": issue,
            "due_date": due,
            "period_start": start,
            "period_end": end,
            "currency": "DKK",
            "supplier_cvr": VENDOR_CVR,
            "line_extension": total,
            "allowances": Decimal(0),
            "charges": Decimal(0),
            "tax_exclusive": total,
            "tax": tax,
            "payable": payable,
            "status": "assigned",
            "warnings": [],
        }
        if not dirty:
            self.clean_invoices.setdefault(m, []).append((inv, lines))
        return inv, lines

    def line(self, m, i, iid, lid, pos, start, end, outside, wrap, issue):  # type: ignore[no-untyped-def]
        rng = self.rng
        unit, code, _ = self.unit_of[i]
        right = self.price(m, i, start)
        price, qty = right, Decimal(1 + wrap % 6 + 6 * rng.randint(0, 7))
        item, text = f"ITEM-{i:04d}", f"Ydelse nummer {i}"
        roll = rng.random()
        rule = None
        earlier = self.month_lines.get((m, start.month)) if not outside else None
        cut = 0.0
        for name in (
            "price_above_agreed",
            "indexation_cap_exceeded",
            "volume_tier_not_applied",
            "unpriced_item",
            "arithmetic_mismatch",
            "duplicate_billing",
        ):
            cut += self.rates[name]
            if roll < cut:
                rule = name
                break
        if outside:
            rule = None
        if rule == "indexation_cap_exceeded" and (m not in self.indexed or code == "EA"):
            rule = None
        if rule == "volume_tier_not_applied" and (i not in self.tiered or code == "EA"):
            rule = None
        if rule == "duplicate_billing" and not earlier:
            rule = None
        amount_fault = Decimal(0)
        if rule == "price_above_agreed":
            price = ore(right * Decimal(rng.randint(130, 160)) / 100)
        elif rule == "indexation_cap_exceeded":
            price = ore(self.agreed[(m, i)] * Decimal("1.05"))
        elif rule == "volume_tier_not_applied":
            qty = Decimal(rng.randint(120, 300))  # billed at the first band's price
        elif rule == "unpriced_item":
            item, text = f"XTRA-{lid}", "Kursusdag med underviser på stedet"
            price = Decimal(rng.randint(500, 9000))
        elif rule == "arithmetic_mismatch":
            amount_fault = Decimal(10)
        elif rule == "duplicate_billing":
            copy = dict(rng.choice(earlier))
            copy.update(id=lid, invoice_id=iid, position=pos, line_id=str(pos))
            self.inject(rule, iid, lid)
            other = int(str(copy["item_id"])[5:])
            self.peer_lines.append((issue, iid, lid, m, other, copy["unit_price"]))  # type: ignore[arg-type]
            return copy, True
        if rule is not None:
            self.inject(rule, iid, lid)
        amount = ore(qty * price) + amount_fault
        line = {
            "id": lid,
            "invoice_id": iid,
            "position": pos,
            "line_id": str(pos),
            "item_id": item,
            "description": text,
            "quantity": qty,
            "unit_code": code,
            "unit_price": price,
            "price_amount": price,
            "base_quantity": Decimal(1),
            "line_amount": amount,
        }
        if rule is None and not outside:
            self.month_lines.setdefault((m, start.month), []).append(line)
        if rule in ("price_above_agreed", "indexation_cap_exceeded") and m in self.mfn:
            self.overpriced_in_mfn.add(lid)
        if not item.startswith("XTRA"):
            self.peer_lines.append((issue, iid, lid, m, i, price))
        return line, rule is not None

    def _resend(self, iid, original, original_lines):  # type: ignore[no-untyped-def]
        inv = dict(original, id=iid)
        lines = []
        for line in original_lines:
            self.line_id += 1
            self.world.lines += 1
            lines.append(dict(line, id=self.line_id, invoice_id=iid))
            i = int(str(line["item_id"])[5:])
            self.peer_lines.append(
                (
                    inv["issue_date"],
                    iid,
                    self.line_id,
                    inv["municipality_id"],
                    i,
                    line["unit_price"],
                )
            )
        self.inject("duplicate_billing", iid, None)
        return inv, lines


def _peer_truth(world: World, lines: list[tuple[date, int, int, int, int, Decimal]], mfn) -> None:  # type: ignore[no-untyped-def]
    """price_disparity and mfn_breach as the rules define them, by a direct computation:
    each municipality's latest line of the item (issue date, invoice, line), the others'
    lowest and median; MFN: above the lowest by more than 0.01; disparity (no MFN
    clause): above 2 x the median with at least 3 others."""
    latest: dict[tuple[int, int], tuple[date, int, int, Decimal]] = {}
    for issued, iid, lid, m, i, price in lines:
        key = (issued, iid, lid, price)
        if (m, i) not in latest or key[:3] > latest[(m, i)][:3]:
            latest[(m, i)] = key
    by_item: dict[int, list[tuple[Decimal, int]]] = {}
    for (m, i), (_, _, _, price) in latest.items():
        by_item.setdefault(i, []).append((price, m))
    for prices in by_item.values():
        prices.sort()
    peers: dict[tuple[int, int], list[Decimal]] = {}
    for _, iid, lid, m, i, price in lines:
        others = peers.get((m, i))
        if others is None:
            others = peers[(m, i)] = [p for p, other in by_item[i] if other != m]
        if not others or price <= others[0]:
            continue
        n = len(others)
        if m in mfn:
            if price - others[0] > CENT:
                world.truth.add(("mfn_breach", iid, lid))
            continue
        median = (others[(n - 1) // 2] + others[n // 2]) / 2
        if n >= 3 and median > 0 and price > 2 * median:
            world.truth.add(("price_disparity", iid, lid))

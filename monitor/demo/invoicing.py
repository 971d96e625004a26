"""Planning the demo's monthly invoices and overpricing a few of their lines on purpose.

Every line is billed at exactly the agreed price unless it is picked as a breach;
a breach bills a clearly higher unit price and records the finding
``price_above_agreed`` must make.

Why +30 % to +60 %: on a contract with an indexation clause the rules attribute a
smaller excess (up to ``rules.pricing.INDEXATION_PLAUSIBLE_PCT``, 25 %) to an
unwarranted price rise, ``indexation_cap_exceeded``. Such breaches belong in the
manifest under that rule, not this one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from monitor.demo.catalogue import MFN_MUNICIPALITIES, AgreedPrice, Billing, billed_quantity
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec, to_ore
from monitor.demo.parties import DemoMunicipality, DemoVendor
from rules.pricing import INDEXATION_PLAUSIBLE_PCT

PAYMENT_DAYS = 30
RULE_PRICE_ABOVE_AGREED = "price_above_agreed"
#: Overpricing used for the breaches, in percent of the agreed unit price.
BREACH_PERCENTS = (30, 33, 35, 40, 45, 50, 55, 60)
assert min(BREACH_PERCENTS) > INDEXATION_PLAUSIBLE_PCT, "would read as a price rise"
#: Lines below this agreed unit price are not overpriced: their breach would be øre.
BREACH_MIN_AGREED = Decimal("50")

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december")  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlannedInvoice:
    """An invoice to write, with the agreed price of each of its lines by line id."""

    municipality: DemoMunicipality
    spec: InvoiceSpec
    agreed: dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class Overpricing:
    """A line billed above its agreed unit price (prices per ONE unit)."""

    invoice_index: int
    line_id: str
    item_id: str
    agreed_unit_price: Decimal
    invoiced_unit_price: Decimal
    quantity: Decimal

    @property
    def overcharge(self) -> Decimal:
        return to_ore((self.invoiced_unit_price - self.agreed_unit_price) * self.quantity)


def month_start(start: date, offset: int) -> date:
    total = start.year * 12 + start.month - 1 + offset
    return date(total // 12, total % 12 + 1, 1)


def month_end(first: date) -> date:
    return month_start(first, 1) - timedelta(days=1)


def danish_date(day: date) -> str:
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def vendor_party(vendor: DemoVendor) -> InvoiceParty:
    a = vendor.address
    return InvoiceParty(vendor.name, vendor.cvr, a.street, a.building, a.postal_zone, a.city,
                        contact_email=vendor.finance_email)  # fmt: skip


def buyer_party(municipality: DemoMunicipality, ean: str) -> InvoiceParty:
    a = municipality.address
    return InvoiceParty(municipality.full_name, municipality.cvr, a.street, a.building,
                        a.postal_zone, a.city, ean=ean,
                        contact_email=municipality.finance_email)  # fmt: skip


def plan_invoices(
    rng: random.Random,
    *,
    vendor: DemoVendor,
    municipalities: tuple[DemoMunicipality, ...],
    appendices: dict[str, list[AgreedPrice]],
    start: date,
    months: int,
    first_number: int,
) -> list[PlannedInvoice]:
    """Each municipality's invoices, in order of issue.

    Monthly items: one invoice per month, issued on the month's last day. Yearly items
    (per user or inhabitant per year, fixed per year): an annual invoice for the twelve
    months ahead, issued on the first day of the first month of each twelve, so its
    billing period is the year the price is for. Due 30 days after issue.
    """
    planned: list[PlannedInvoice] = []
    for offset in range(months):
        first = month_start(start, offset)
        kinds: list[Billing] = ["yearly", "monthly"] if offset % 12 == 0 else ["monthly"]
        for billing in kinds:
            for m in municipalities:
                lines, agreed = _lines(rng, m, appendices[m.code], first, billing=billing)
                if not lines:
                    continue
                number = f"KD-{first.year}-{first_number + len(planned):05d}"
                spec = _invoice(vendor, m, rng.choice(m.eans), number, first, billing, lines)
                planned.append(PlannedInvoice(m, spec, agreed))
    return planned


def _invoice(
    vendor: DemoVendor,
    m: DemoMunicipality,
    ean: str,
    number: str,
    first: date,
    billing: Billing,
    lines: list[InvoiceLineSpec],
) -> InvoiceSpec:
    if billing == "yearly":
        issued, period_end = first, month_start(first, 12) - timedelta(days=1)
        note = f"Årsfaktura for perioden {danish_date(first)} - {danish_date(period_end)}"
    else:
        issued = period_end = month_end(first)
        note = f"Faktura for {MONTHS_DA[first.month - 1]} {first.year}"
    return InvoiceSpec(
        number=number,
        issue_date=issued,
        due_date=issued + timedelta(days=PAYMENT_DAYS),
        period_start=first,
        period_end=period_end,
        supplier=vendor_party(vendor),
        buyer=buyer_party(m, ean),
        lines=tuple(lines),
        order_reference=f"KD-K02-2024-{m.code}",
        note=note,
        payee_account=(vendor.bank_reg, vendor.bank_account),
    )


def _lines(
    rng: random.Random,
    municipality: DemoMunicipality,
    appendix: list[AgreedPrice],
    first: date,
    *,
    billing: Billing,
) -> tuple[list[InvoiceLineSpec], dict[str, Decimal]]:
    lines: list[InvoiceLineSpec] = []
    agreed: dict[str, Decimal] = {}
    if billing == "yearly":
        until = month_start(first, 12) - timedelta(days=1)
        note = f"Periode {danish_date(first)} - {danish_date(until)}"
    else:
        note = f"Periode {MONTHS_DA[first.month - 1]} {first.year}"
    for price in appendix:
        entry = price.item
        if entry.billing != billing:
            continue
        line_id = str(len(lines) + 1)
        base = entry.invoice_base_quantity
        lines.append(
            InvoiceLineSpec(
                line_id=line_id,
                item_id=entry.item_id,
                description=f"{entry.description}, {entry.unit_text}",
                quantity=billed_quantity(entry, municipality, rng),
                unit_code=entry.unit_code,
                unit_price=price.unit_price * base,
                base_quantity=base,
                note=note,
            )
        )
        agreed[line_id] = price.unit_price
    return lines, agreed


def overprice(
    rng: random.Random, planned: list[PlannedInvoice], *, count: int
) -> tuple[list[PlannedInvoice], list[Overpricing]]:
    """Pick ``count`` lines (base quantity 1, agreed price >= 50 kr., municipalities
    without an MFN clause, so no other rule has cause to fire) and bill them higher.

    Returns the new plan and the breaches in invoice order.
    """
    candidates = [
        (i, line)
        for i, p in enumerate(planned)
        if p.municipality.code not in MFN_MUNICIPALITIES
        for line in p.spec.lines
        if line.base_quantity == 1 and p.agreed[line.line_id] >= BREACH_MIN_AGREED
    ]
    rng.shuffle(candidates)
    picked: list[tuple[int, InvoiceLineSpec]] = []
    seen: set[tuple[str, str]] = set()
    for index, line in candidates:
        key = (planned[index].municipality.code, line.item_id)
        if key not in seen and len(picked) < count:  # spread over items and municipalities
            seen.add(key)
            picked.append((index, line))
    picked.sort(key=lambda c: (c[0], int(c[1].line_id)))
    percents = list(BREACH_PERCENTS)
    rng.shuffle(percents)
    breaches: list[Overpricing] = []
    plan = list(planned)
    for n, (index, line) in enumerate(picked):
        agreed = plan[index].agreed[line.line_id]
        pct = Decimal(percents[n % len(percents)])
        invoiced = to_ore(agreed * (100 + pct) / 100)
        spec = plan[index].spec
        new_lines = tuple(
            replace(ln, unit_price=invoiced) if ln.line_id == line.line_id else ln
            for ln in spec.lines
        )
        plan[index] = replace(plan[index], spec=replace(spec, lines=new_lines))
        breaches.append(Overpricing(index, line.line_id, line.item_id, agreed, invoiced,
                                    line.quantity))  # fmt: skip
    return plan, breaches

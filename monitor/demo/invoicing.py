"""Planning the demo's invoices: who is billed what, when, and in which order.

Every line is billed at exactly the agreed price; ``monitor.demo.breaches`` then
breaks a few agreements on purpose. The vendor bills its customers in
``BILLING_ORDER`` and numbers its invoices in the order it sends them, and the file
names sort in that order, so ``prisvagt ingest`` reads them as they arrived.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from monitor.demo.catalogue import AgreedPrice, Billing, billed_quantity, price_for
from monitor.demo.oioubl import InvoiceLineSpec, InvoiceParty, InvoiceSpec
from monitor.demo.parties import DemoMunicipality, DemoVendor

PAYMENT_DAYS = 30
#: The order of the vendor's billing run: the municipalities whose prices the story
#: compares (Aarhus: most-favoured customer; Randers and Esbjerg: far above the median)
#: come last, so each is checked against its peers' prices (see ``monitor.demo.peers``).
BILLING_ORDER = ("461", "101", "851", "751", "730", "561")
#: (kommunekode, item) billed as one amount for the whole municipality, not per head.
LUMP_SUM = frozenset({("561", "KD-1020")})

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december")  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlannedInvoice:
    """An invoice to write. ``key`` names it before it has a number (``"730/2026-09/
    monthly"``); ``agreed`` is each line's agreed price per one invoice unit by line id;
    ``seq`` orders invoices issued on the same day; ``resends`` is the key of the
    invoice this one sends again under the same number."""

    key: str
    municipality: DemoMunicipality
    spec: InvoiceSpec
    agreed: dict[str, Decimal]
    seq: int = 0
    resends: str | None = None

    def line(self, line_id: str) -> InvoiceLineSpec:
        return next(ln for ln in self.spec.lines if ln.line_id == line_id)

    def item_line(self, item_id: str) -> InvoiceLineSpec:
        return next(ln for ln in self.spec.lines if ln.item_id == item_id)

    def with_line(self, line: InvoiceLineSpec) -> PlannedInvoice:
        """This invoice with ``line`` replacing the line of the same id (or appended)."""
        lines = [line if ln.line_id == line.line_id else ln for ln in self.spec.lines]
        if line.line_id not in {ln.line_id for ln in self.spec.lines}:
            lines.append(line)
        return replace(self, spec=replace(self.spec, lines=tuple(lines)))


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


def in_billing_order(
    municipalities: tuple[DemoMunicipality, ...],
) -> list[DemoMunicipality]:
    rank = {code: i for i, code in enumerate(BILLING_ORDER)}
    return sorted(municipalities, key=lambda m: rank.get(m.code, len(rank)))


def plan_invoices(
    rng: random.Random,
    *,
    vendor: DemoVendor,
    municipalities: tuple[DemoMunicipality, ...],
    appendices: dict[str, list[AgreedPrice]],
    start: date,
    months: int,
) -> list[PlannedInvoice]:
    """Each municipality's regular invoices, in order of issue (not yet numbered).

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
            for seq, m in enumerate(in_billing_order(municipalities)):
                lines, agreed = _lines(rng, m, appendices[m.code], first, billing=billing)
                if not lines:
                    continue
                spec = invoice_spec(vendor, m, rng.choice(m.eans), first, billing, lines)
                key = f"{m.code}/{first:%Y-%m}/{billing}"
                planned.append(PlannedInvoice(key, m, spec, agreed, seq))
    return planned


def invoice_spec(
    vendor: DemoVendor,
    m: DemoMunicipality,
    ean: str,
    first: date,
    billing: Billing,
    lines: list[InvoiceLineSpec],
) -> InvoiceSpec:
    """An invoice for the month starting ``first`` (or the year, ``yearly``), unnumbered."""
    if billing == "yearly":
        issued, period_end = first, month_start(first, 12) - timedelta(days=1)
        note = f"Årsfaktura for perioden {danish_date(first)} - {danish_date(period_end)}"
    else:
        issued = period_end = month_end(first)
        note = f"Faktura for {MONTHS_DA[first.month - 1]} {first.year}"
    return InvoiceSpec(
        number="",
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
    seen: set[str] = set()
    for entry in (p.item for p in appendix):
        if entry.billing != billing or entry.item_id in seen:
            continue
        seen.add(entry.item_id)
        line_id = str(len(lines) + 1)
        quantity = billed_quantity(entry, municipality, rng)
        price = price_for(appendix, entry.item_id, quantity).unit_price
        base, description = entry.invoice_base_quantity, f"{entry.description}, {entry.unit_text}"
        if (municipality.code, entry.item_id) in LUMP_SUM:
            pop = f"{municipality.population:,}".replace(",", ".")
            price, quantity, base = price * quantity, Decimal(1), Decimal(1)
            description = f"{entry.description}, fast årligt beløb for {pop} indbyggere"
        lines.append(
            InvoiceLineSpec(
                line_id=line_id,
                item_id=entry.item_id,
                description=description,
                quantity=quantity,
                unit_code=entry.unit_code,
                unit_price=price * base,
                base_quantity=base,
                note=note,
            )
        )
        agreed[line_id] = price
    return lines, agreed


def number_invoices(planned: list[PlannedInvoice], *, first_number: int) -> list[PlannedInvoice]:
    """The invoices in the order the vendor sent them (issue date, then billing run
    order), numbered ``KD-<year>-<nnnnn>`` consecutively from ``first_number``; an
    invoice sent again keeps the number of the one it resends."""
    ordered = sorted(planned, key=lambda p: (p.spec.issue_date, p.seq, p.key))
    numbers: dict[str, str] = {}
    out = []
    for p in ordered:
        if p.resends is not None:
            number = numbers[p.resends]
        else:
            number = f"KD-{p.spec.issue_date.year}-{first_number + len(numbers):05d}"
            numbers[p.key] = number
        out.append(replace(p, spec=replace(p.spec, number=number)))
    return out

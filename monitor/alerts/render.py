"""Alert emails from Jinja2 templates: HTML and plain text, Danish or English.

The templates are shared by both languages; words come from ``LABELS`` and numbers
from ``monitor.formatting`` (``1.234,56 kr.`` in Danish), as on the pages.

An email is something finance can act on: for each breach the contract's own clause
(text and page), the agreed and the invoiced price named for what they are, the
invoice's due date with the advice to hold or short-pay it by the counted overcharge,
and a link to the finding. Price gaps to other municipalities (``price_gap``) have
a section of their own: a benchmark, never part of the overcharge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from extractors.money import to_ore
from monitor import formatting as fmt

TEMPLATES = Path(__file__).parent / "templates"

LABELS: dict[str, dict[str, str]] = {
    "da": {
        "subject_immediate": "Prisaftale brudt: {vendor} faktura {number} – overpris {overcharge}",
        "subject_gap": "Prisforskel til andre kommuner: {vendor} faktura {number} – {gap} over "
        "medianen",
        "subject_digest": "Prisvagt: daglig oversigt {day} – {count} fund, overpris {overcharge}",
        "subject_withdrawn": "Fund trukket tilbage: {vendor} faktura {number} – {overcharge} "
        "skal ikke længere holdes tilbage",
        "intro_withdrawn": "Prisvagt har tidligere skrevet til dig om denne faktura. Fundene "
        "herunder er trukket tilbage: en kreditnota har krediteret beløbet, eller en ny "
        "kontrol finder ikke længere bruddet. Beløbet skal ikke længere holdes tilbage.",
        "withdrawn_total": "Ikke længere krævet",
        "subject_expiry": "Påmindelse: kontrakt med {vendor} udløber {day}",
        "subject_indexation": "Påmindelse: prisregulering hos {vendor} fra {day}",
        "greeting": "Til",
        "intro_immediate": "En faktura bryder den aftalte pris. Den er endnu ikke nødvendigvis betalt.",
        "intro_digest": "Nye fund siden sidste oversigt.",
        "vendor": "Leverandør",
        "invoice": "Faktura",
        "invoice_date": "Fakturadato",
        "municipality": "Kommune",
        "line": "Linje",
        "item": "Ydelse",
        "agreed_price": "Aftalt enhedspris",
        "invoiced_price": "Faktureret enhedspris",
        "quantity": "Antal",
        "overcharge": "Overpris",
        "total_overcharge": "Overpris i alt",
        "clause": "Kontraktens ordlyd",
        "page": "side",
        "contract": "Kontrakt",
        "rule": "Regel",
        "severity": "Alvor",
        "open_finding": "Se fundet",
        "no_clause": "(ingen kontekst fra kontrakten)",
        "mfn_price": "Laveste pris til anden kommune (mestbegunstigelse)",
        "not_priced": "Kontrakten fastsætter ingen pris for denne ydelse",
        "basis": "Grundlag",
        "due_date": "Forfaldsdato",
        "withheld": "{net} ekskl. moms ({gross} inkl. {rate} % moms)",
        "withheld_net": "{net} (ekskl. moms)",
        "advice": "Betal ikke det fulde beløb: tilbagehold betalingen, eller betal med fradrag "
        "af overprisen {amount}, senest forfaldsdatoen {due}, indtil "
        "leverandøren har sendt en kreditnota.",
        "advice_no_due": "Betal ikke det fulde beløb: tilbagehold betalingen, eller betal med "
        "fradrag af overprisen {amount}, indtil leverandøren har sendt en "
        "kreditnota.",
        "advice_terms": "Betal efter kontraktens betalingsfrist, ikke fakturaens (forfaldsdato "
        "på fakturaen: {due}).",
        "grounds_for": "Samme beløb er talt under fund #{id} og lægges ikke til igen.",
        "gap_heading": "Prisforskel til andre kommuner (benchmark, ikke et brud)",
        "gap_note": "I betaler {times} gange den laveste pris; det er ikke et brud på jeres "
        "kontrakt, men værd at genforhandle.",
        "gap": "Prisforskel til medianen",
        "gap_total": "Prisforskel i alt (indgår ikke i overprisen)",
        "benchmark": "Median hos andre kommuner",
        "lowest": "Laveste pris hos anden kommune",
        "contract_price": "Jeres aftalte enhedspris",
        "expiry_body": "Kontrakten {title} med {vendor} udløber {day} (om {days} dage).",
        "indexation_body": "Kontrakten {title} med {vendor} tillader prisregulering fra {day} "
        "(om {days} dage) efter {index}. Tjek at en ny pris holder sig inden for loftet.",
        "footer": "Sendt af prisvagt. Du får denne e-mail som kontaktperson for {municipality}.",
    },
    "en": {
        "subject_immediate": "Price agreement broken: {vendor} invoice {number} – overcharge "
        "{overcharge}",
        "subject_gap": "Price gap to other municipalities: {vendor} invoice {number} – {gap} "
        "above the median",
        "subject_digest": "Prisvagt: daily digest {day} – {count} findings, overcharge {overcharge}",
        "subject_withdrawn": "Findings withdrawn: {vendor} invoice {number} – {overcharge} "
        "need no longer be held back",
        "intro_withdrawn": "Prisvagt wrote to you about this invoice before. The findings "
        "below are withdrawn: a credit note credited the amount, or a new check no longer "
        "finds the breach. The amount need no longer be held back.",
        "withdrawn_total": "No longer claimed",
        "subject_expiry": "Reminder: contract with {vendor} expires on {day}",
        "subject_indexation": "Reminder: price indexation at {vendor} from {day}",
        "greeting": "To",
        "intro_immediate": "An invoice breaks the agreed price. It may not have been paid yet.",
        "intro_digest": "New findings since the last digest.",
        "vendor": "Vendor",
        "invoice": "Invoice",
        "invoice_date": "Invoice date",
        "municipality": "Municipality",
        "line": "Line",
        "item": "Item",
        "agreed_price": "Agreed unit price",
        "invoiced_price": "Invoiced unit price",
        "quantity": "Quantity",
        "overcharge": "Overcharge",
        "total_overcharge": "Total overcharge",
        "clause": "Contract wording",
        "page": "page",
        "contract": "Contract",
        "rule": "Rule",
        "severity": "Severity",
        "open_finding": "Open the finding",
        "no_clause": "(no contract context)",
        "mfn_price": "Lowest price to another municipality (most-favoured customer)",
        "not_priced": "The contract sets no price for this item",
        "basis": "Basis",
        "due_date": "Due date",
        "withheld": "{net} excl. VAT ({gross} incl. {rate} % VAT)",
        "withheld_net": "{net} (excl. VAT)",
        "advice": "Do not pay the full amount: hold the payment, or pay it less the overcharge "
        "{amount}, by the due date {due}, until the vendor has sent a credit note.",
        "advice_no_due": "Do not pay the full amount: hold the payment, or pay it less the "
        "overcharge {amount}, until the vendor has sent a credit note.",
        "advice_terms": "Pay by the contract's payment term, not the invoice's (due date on "
        "the invoice: {due}).",
        "grounds_for": "The same money is counted under finding #{id} and not added again.",
        "gap_heading": "Price gap to other municipalities (a benchmark, not a breach)",
        "gap_note": "You pay {times} times the lowest price; this is not a breach of your "
        "contract, but worth renegotiating.",
        "gap": "Price gap to the median",
        "gap_total": "Total price gap (not part of the overcharge)",
        "benchmark": "Median other municipalities pay",
        "lowest": "Lowest price another municipality pays",
        "contract_price": "Your agreed unit price",
        "expiry_body": "The contract {title} with {vendor} expires on {day} (in {days} days).",
        "indexation_body": "The contract {title} with {vendor} allows a price adjustment from "
        "{day} (in {days} days) by {index}. Check that a new price stays within the cap.",
        "footer": "Sent by prisvagt. You receive this email as a contact for {municipality}.",
    },
}


@dataclass(slots=True)
class FindingView:
    """What an email shows about one finding.

    ``agreed_unit_price`` is what the municipality's own contract allows (for
    ``mfn_breach``: the lowest price another municipality pays, as the clause
    promises); a price gap's median is ``benchmark_unit_price``. ``clause_text`` and
    ``clause_page`` quote the contract clause the finding rests on; ``basis`` says what
    a finding resting on no clause rests on (the invoice's own figures)."""

    id: int
    rule: str
    severity: str
    message: str
    vendor: str
    invoice_number: str
    invoice_date: date | None
    municipality: str
    line_id: str | None
    item: str
    agreed_unit_price: Decimal | None
    invoiced_unit_price: Decimal | None
    quantity: Decimal | None
    overcharge: Decimal
    currency: str
    clause_text: str | None
    clause_page: int | None
    contract_document: str | None
    link: str
    due_date: date | None = None
    money_kind: str = "overcharge"
    benchmark_unit_price: Decimal | None = None
    lowest_unit_price: Decimal | None = None
    times_lowest: Decimal | None = None
    grounds_for_id: int | None = None
    basis: str | None = None
    #: the message in Danish, where the rule wrote one
    message_da: str | None = None
    #: the invoice's VAT rate (%), its VAT over its total excl. VAT (None: no VAT)
    vat_rate: Decimal | None = None

    @property
    def counted(self) -> bool:
        return self.money_kind == "overcharge" and self.grounds_for_id is None

    @property
    def is_gap(self) -> bool:
        return self.money_kind == "price_gap"


@dataclass(slots=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(slots=True)
class InvoiceGroup:
    """One invoice's findings: ``breaches`` (overcharges) and ``gaps`` (price gaps)."""

    vendor: str
    invoice_number: str
    invoice_date: date | None
    findings: list[FindingView] = field(default_factory=list)

    @property
    def breaches(self) -> list[FindingView]:
        return [f for f in self.findings if not f.is_gap]

    @property
    def gaps(self) -> list[FindingView]:
        return [f for f in self.findings if f.is_gap]

    @property
    def overcharge(self) -> Decimal:
        """Each krone once: further grounds of another finding are not added."""
        return overcharge_total(self.findings)

    @property
    def price_gap(self) -> Decimal:
        return price_gap_total(self.findings)

    @property
    def due_date(self) -> date | None:
        return next((f.due_date for f in self.findings if f.due_date), None)

    @property
    def vat_rate(self) -> Decimal | None:
        return next((f.vat_rate for f in self.findings if f.vat_rate), None)

    @property
    def only_terms(self) -> bool:
        """Nothing to short-pay: the breaches are about the payment term alone."""
        return all(f.rule == "payment_terms" for f in self.breaches)


def overcharge_total(findings: list[FindingView]) -> Decimal:
    return sum((f.overcharge for f in findings if f.counted), Decimal("0.00"))


def price_gap_total(findings: list[FindingView]) -> Decimal:
    return sum((f.overcharge for f in findings if f.is_gap), Decimal("0.00"))


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,  # the HTML environment escapes everything
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def _render(name: str, lang: str, **context: Any) -> tuple[str, str]:
    labels = LABELS.get(lang, LABELS["da"])
    lang = lang if lang in LABELS else "da"
    helpers = {
        "t": labels,
        "lang": lang,
        "rule_title": lambda rule_id: _rule_title(rule_id, lang),
        "severity": lambda level: SEVERITY.get(lang, SEVERITY["da"]).get(level, level),
        "money": lambda v, c="DKK": fmt.money(v, lang=lang, currency=c),
        "price": lambda v, c="DKK": fmt.unit_price(v, lang=lang, currency=c),
        "qty": lambda v: fmt.quantity(v, lang=lang),
        "num": lambda v: fmt.number(v, lang=lang),
        "day": lambda v: fmt.day(v, lang=lang),
        "withheld": lambda v, rate, c="DKK": _withheld(v, rate, c, lang),
        "basis": lambda text: _basis(text, lang),
    }
    text = _environment(False).get_template(f"{name}.txt.j2").render(**helpers, **context)
    html = _environment(True).get_template(f"{name}.html.j2").render(**helpers, **context)
    return text, html


#: the rules' computations (kept in English in the evidence, which the audit reads) in
#: a Danish email's words
_BASIS_DA = (
    ("whole invoice billed again", "hele fakturaen faktureret igen"),
    ("line billed again", "linjen faktureret igen"),
    ("line amount at stake", "linjebeløb"),
    ("payable", "at betale"),
    ("correct", "korrekt"),
    (" days", " dage"),
)
_DECIMAL = re.compile(r"(?<![\d.])-?\d+\.\d+(?![\d.])")


def _basis(text: str | None, lang: str) -> str:
    """A finding's computation as the email shows it: in a Danish email with Danish
    words and numbers (``1234.50`` -> ``1.234,50``)."""
    if not text or lang != "da":
        return text or ""
    for english, danish in _BASIS_DA:
        text = text.replace(english, danish)
    return _DECIMAL.sub(
        lambda m: fmt.number(Decimal(m.group()), lang="da", places=len(m.group().split(".")[1])),
        text,
    )


def _withheld(net: Decimal, rate: Decimal | None, currency: str, lang: str) -> str:
    """The overcharge to hold back, excl. VAT and, where the invoice charges VAT, with
    it: the payable amount holds the overcharge's VAT too (held back excl. VAT only, the
    VAT on a duplicate would still be paid)."""
    t = LABELS.get(lang, LABELS["da"])
    shown = fmt.money(net, lang=lang, currency=currency)
    if not rate:
        return t["withheld_net"].format(net=shown)
    gross = to_ore(net * (1 + rate / 100))
    return t["withheld"].format(
        net=shown,
        gross=fmt.money(gross, lang=lang, currency=currency),
        rate=fmt.number(rate, lang=lang),
    )


SEVERITY = {
    "da": {"low": "lav", "medium": "middel", "high": "høj", "critical": "kritisk"},
    "en": {"low": "low", "medium": "medium", "high": "high", "critical": "critical"},
}


def _rule_title(rule_id: str, lang: str) -> str:
    """The rule's title in the reader's language (custom rules keep their id)."""
    import rules

    spec = rules.registry().get(rule_id)
    if spec is None:
        return rule_id
    return spec.title_en if lang == "en" else spec.title_da


def _currency(findings: list[FindingView]) -> str:
    currencies = {f.currency for f in findings}
    return currencies.pop() if len(currencies) == 1 else "DKK"


def render_immediate(findings: list[FindingView], *, lang: str, municipality: str) -> Rendered:
    """One invoice's findings for one recipient: the breaches first (headed "price
    agreement broken" only when there is one), the price gaps in a section apart."""
    first = findings[0]
    total = overcharge_total(findings)
    currency = _currency(findings)
    t = LABELS.get(lang, LABELS["da"])
    if any(not f.is_gap for f in findings):
        subject = t["subject_immediate"].format(
            vendor=first.vendor,
            number=first.invoice_number,
            overcharge=fmt.money(total, lang=lang, currency=currency),
        )
    else:
        subject = t["subject_gap"].format(
            vendor=first.vendor,
            number=first.invoice_number,
            gap=fmt.money(price_gap_total(findings), lang=lang, currency=currency),
        )
    return _invoice_email(
        "immediate", fmt.header(subject), findings, lang=lang, municipality=municipality,
        gap_total=price_gap_total(findings),
    )  # fmt: skip


def _invoice_email(
    name: str, subject: str, findings: list[FindingView], *, lang: str, municipality: str,
    **extra: Any,
) -> Rendered:  # fmt: skip
    """One invoice's findings rendered with template ``name``."""
    first = findings[0]
    group = InvoiceGroup(first.vendor, first.invoice_number, first.invoice_date, findings)
    text, html = _render(
        name, lang, subject=subject, group=group, total=overcharge_total(findings),
        currency=_currency(findings), municipality=municipality, **extra,
    )  # fmt: skip
    return Rendered(subject, text, html)


def render_withdrawn(findings: list[FindingView], *, lang: str, municipality: str) -> Rendered:
    """One invoice's findings, emailed before, now withdrawn (a credit note, a re-check):
    the recipient may stop holding the amount back."""
    first = findings[0]
    t = LABELS.get(lang, LABELS["da"])
    subject = t["subject_withdrawn"].format(
        vendor=first.vendor,
        number=first.invoice_number,
        overcharge=fmt.money(overcharge_total(findings), lang=lang, currency=_currency(findings)),
    )
    return _invoice_email(
        "withdrawn", fmt.header(subject), findings, lang=lang, municipality=municipality
    )


def render_digest(
    findings: list[FindingView], *, lang: str, municipality: str, day: date
) -> Rendered:
    """A day's findings for one recipient, grouped by invoice."""
    groups: dict[tuple[str, str], InvoiceGroup] = {}
    for f in findings:
        key = (f.vendor, f.invoice_number)
        groups.setdefault(key, InvoiceGroup(f.vendor, f.invoice_number, f.invoice_date))
        groups[key].findings.append(f)
    total = overcharge_total(findings)
    currency = _currency(findings)
    t = LABELS.get(lang, LABELS["da"])
    subject = fmt.header(
        t["subject_digest"].format(
            day=fmt.day(day, lang=lang),
            count=len(findings),
            overcharge=fmt.money(total, lang=lang, currency=currency),
        )
    )
    text, html = _render(
        "digest", lang, subject=subject, groups=list(groups.values()), total=total,
        currency=currency, municipality=municipality, digest_day=day,
        gap_total=price_gap_total(findings),
    )  # fmt: skip
    return Rendered(subject, text, html)


def render_reminder(payload: dict[str, Any], *, lang: str, municipality: str) -> Rendered:
    """``payload``: event (expiry|indexation), vendor, title, date (ISO), days, index."""
    t = LABELS.get(lang, LABELS["da"])
    when = date.fromisoformat(payload["date"])
    values = {
        "vendor": payload.get("vendor") or "–",
        "title": payload.get("title") or f"#{payload.get('contract_id')}",
        "day": fmt.day(when, lang=lang),
        "days": payload.get("days", 0),
        "index": payload.get("index") or "–",
    }
    event = payload["event"]
    subject = fmt.header(t[f"subject_{event}"].format(**values))
    body = t[f"{event}_body"].format(**values)
    text, html = _render(
        "reminder", lang, subject=subject, body=body, municipality=municipality,
        link=payload.get("link", ""),
    )  # fmt: skip
    return Rendered(subject, text, html)

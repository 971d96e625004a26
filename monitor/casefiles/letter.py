"""The letter asking a vendor for a credit note, as a PDF (reportlab), in Danish or
English: each claimed finding with its invoice, line, the contract clause and page,
the computation, and the total. Pure: the content in, PDF bytes out."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from monitor import formatting
from monitor.web.i18n import rule_title, translate


@dataclass(frozen=True, slots=True)
class Claim:
    finding_id: int
    invoice_number: str
    invoice_date: date | None
    line: str | None
    description: str | None
    contract_title: str | None
    clause_text: str | None
    clause_page: int | None
    quantity: Decimal | None
    invoiced: Decimal | None
    agreed: Decimal | None
    overcharge: Decimal
    rule_id: str


@dataclass(frozen=True, slots=True)
class Letter:
    case_id: int
    language: str
    made_on: date
    vendor_name: str
    vendor_cvr: str | None
    municipality_name: str
    municipality_cvr: str | None
    author: str
    currency: str
    claims: list[Claim]
    total: Decimal


def computation(claim: Claim, lang: str, currency: str) -> str | None:
    """``quantity × (invoiced - agreed) = overcharge`` in the language's numbers, or
    None when the finding has no unit prices (a duplicate, an arithmetic error)."""
    if claim.quantity is None or claim.invoiced is None or claim.agreed is None:
        return None
    return (
        f"{formatting.quantity(claim.quantity, lang)} × "
        f"({formatting.unit_price(claim.invoiced, lang, currency)} - "
        f"{formatting.unit_price(claim.agreed, lang, currency)}) = "
        f"{formatting.money(claim.overcharge, lang, currency)}"
    )


def render(content: Letter) -> bytes:
    """The letter as PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    lang = content.language

    def t(key: str) -> str:
        return translate(f"letter.{key}", lang)

    def money(value: Decimal) -> str:
        return formatting.money(value, lang, content.currency)

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=10, leading=14)
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    quote = ParagraphStyle(
        "quote", parent=small, fontName="Helvetica-Oblique", leftIndent=8 * mm, spaceAfter=4
    )
    right = ParagraphStyle("right", parent=body, alignment=2)
    heading = ParagraphStyle("h", parent=styles["Heading1"], fontSize=15, spaceAfter=6)
    claim_head = ParagraphStyle("ch", parent=body, fontName="Helvetica-Bold", spaceBefore=8)
    total_style = ParagraphStyle("total", parent=body, fontName="Helvetica-Bold", fontSize=11)

    sender = escape(content.municipality_name)
    if content.municipality_cvr:
        sender += f"<br/>CVR {escape(content.municipality_cvr)}"
    recipient = escape(content.vendor_name)
    if content.vendor_cvr:
        recipient += f"<br/>CVR {escape(content.vendor_cvr)}"
    story: list[object] = [
        Paragraph(f"{sender}<br/>{formatting.day(content.made_on, lang)}", right),
        Spacer(1, 6 * mm),
        Paragraph(f"{t('to')}<br/>{recipient}", body),
        Spacer(1, 8 * mm),
        Paragraph(escape(t("subject")), heading),
        Paragraph(f"{t('reference')}: prisvagt #{content.case_id}", small),
        Spacer(1, 4 * mm),
        Paragraph(
            escape(
                t("intro").format(
                    municipality=content.municipality_name, vendor=content.vendor_name
                )
            ),
            body,
        ),
    ]
    for n, claim in enumerate(content.claims, start=1):
        story.append(
            KeepTogether(
                _claim(n, claim, lang, content.currency, t, money, claim_head, small, quote)
            )
        )
    story += [
        Spacer(1, 5 * mm),
        Paragraph(f"{escape(t('total'))}: {escape(money(content.total))}", total_style),
        Spacer(1, 4 * mm),
        Paragraph(
            escape(
                t("request").format(
                    total=money(content.total),
                    municipality=content.municipality_name,
                    case=content.case_id,
                )
            ),
            body,
        ),
        Paragraph(escape(t("enclosed")), body),
        Spacer(1, 8 * mm),
        Paragraph(
            f"{escape(t('regards'))}<br/>{escape(content.author)}<br/>{sender}",
            body,
        ),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{t('subject')} #{content.case_id}",
        author=content.municipality_name,
    )
    doc.build(story)
    return out.getvalue()


def _claim(n, claim, lang, currency, t, money, claim_head, small, quote):  # type: ignore[no-untyped-def]
    from reportlab.platypus import Paragraph

    invoice = t("invoice").format(
        number=claim.invoice_number, date=formatting.day(claim.invoice_date, lang)
    )
    if claim.line:
        invoice += f", {t('line')} {claim.line}"
    if claim.description:
        invoice += f": {claim.description}"
    parts = [Paragraph(f"{n}. {escape(invoice)}", claim_head)]
    if claim.contract_title or claim.clause_page:
        where = claim.contract_title or t("contract")
        if claim.clause_page:
            where += f", {t('page')} {claim.clause_page}"
        parts.append(Paragraph(f"{escape(t('contract'))}: {escape(where)}", small))
    if claim.clause_text:
        parts.append(Paragraph(f"“{escape(claim.clause_text)}”", quote))
    computed = computation(claim, lang, currency)
    if computed:
        parts.append(Paragraph(f"{escape(t('computation'))}: {escape(computed)}", small))
    else:
        parts.append(Paragraph(escape(rule_title(claim.rule_id, lang)), small))
        parts.append(
            Paragraph(f"{escape(t('overcharge'))}: {escape(money(claim.overcharge))}", small)
        )
    return parts

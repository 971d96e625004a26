"""Laying a contract out with reportlab platypus: front page, clauses, price appendix.

Fonts are reportlab's built-in Helvetica (WinAnsi encoding: æ, ø, å are fine).
"""

from __future__ import annotations

import random
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from monitor.demo.contract_pdf.clauses import sections
from monitor.demo.contract_pdf.spec import ContractSpec, PartySpec
from monitor.demo.contract_pdf.wording import Style, band_text, unit_text

TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=23, spaceAfter=10)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=12, leading=15,
                         spaceBefore=10, spaceAfter=4)  # fmt: skip
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
HEAD_CELL = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=9, leading=11)

_HEADERS = {
    "da": (("Nr.", "Ydelse", "Enhed", "Pris (kr. {vat})"),
           ("Varenr.", "Beskrivelse", "Enhed", "Enhedspris, DKK {vat}"),
           ("Pos.", "Ydelse", "Afregningsenhed", "Pris pr. enhed")),
    "en": (("Item", "Service", "Unit", "Price (DKK {vat})"),
           ("No.", "Description", "Unit", "Unit price, DKK {vat}")),
}  # fmt: skip
_APPENDIX = {"da": ("Bilag 2 Priser", "Bilag 2 - Prisbilag", "Bilag B Vederlag"),
             "en": ("Appendix 2 Prices", "Appendix B Remuneration")}  # fmt: skip


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def build_story(spec: ContractSpec, layout: str, rng: random.Random) -> list[Any]:
    """The flowables of the whole contract, in order."""
    style = Style.pick(rng, spec.language)
    story = _front_page(spec, style, rng)
    numbering = rng.choice(("{n}. {h}", "§ {n} {h}", "Punkt {n} - {h}"))
    if spec.language == "en":
        numbering = rng.choice(("{n}. {h}", "Clause {n} {h}"))
    for n, (heading, paragraphs) in enumerate(sections(spec, style, rng), start=1):
        story.append(_p(numbering.format(n=n, h=heading), HEADING))
        story += [_p(text) for text in paragraphs]
    story += _signatures(spec, style, rng)
    if rng.random() < 0.8:  # else the appendix follows the signatures on the same page
        story.append(PageBreak())
    story.append(_p(rng.choice(_APPENDIX[spec.language]), TITLE))
    if rng.random() < 0.3:
        since = style.date(spec.effective_date)
        story.append(_p(f"The prices below apply from {since}." if spec.language == "en"
                        else f"Nedenstående priser er gældende fra {since}."))  # fmt: skip
    if layout == "prose":
        from monitor.demo.contract_pdf.prose import prose_prices

        story += [_p(text) for text in prose_prices(spec, style, rng)]
    else:
        story += _price_table(spec, layout, style, rng)
    return story


def _front_page(spec: ContractSpec, style: Style, rng: random.Random) -> list[Any]:
    en = spec.language == "en"
    number = rng.choice(("Contract no. {c}", "Contract number: {c}") if en
                        else ("Kontrakt nr. {c}", "Kontraktnummer: {c}", "Sagsnr. {c}"))  # fmt: skip
    story: list[Any] = [_p(spec.title, TITLE), _p(number.format(c=spec.contract_number))]
    story.append(Spacer(1, 0.6 * cm))
    buyer_role, vendor_role = ("the Customer", "the Supplier") if en else ("Kunden", "Leverandøren")
    shape = rng.random()
    if shape < 0.25:  # the parties side by side, as a two-column block
        story.append(_side_by_side(spec, (buyer_role, vendor_role), rng, en))
    elif shape < 0.6:
        story.append(_p("between" if en else "mellem"))
        story += _party_block(spec.buyer, buyer_role, rng, en)
        story.append(_p("and" if en else "og"))
        story += _party_block(spec.vendor, vendor_role, rng, en)
    else:
        labels = (
            ("Customer", "Supplier") if en else (rng.choice(("Kunde", "Ordregiver")), "Leverandør")
        )
        for label, party in zip(labels, (spec.buyer, spec.vendor), strict=True):
            story.append(_p(f"{label}: {party.name}, {_cvr(party.cvr, rng, en)}"
                            + _kommunekode(party, en)))  # fmt: skip
    story.append(PageBreak())
    return story


def _side_by_side(
    spec: ContractSpec, roles: tuple[str, str], rng: random.Random, en: bool
) -> Table:
    columns = []
    for role, party in zip(roles, (spec.buyer, spec.vendor), strict=True):
        lines = [role.removeprefix("the ").capitalize() + ":", party.name, *party.address_lines,
                 _cvr(party.cvr, rng, en)]  # fmt: skip
        columns.append(lines)
    height = max(len(c) for c in columns)
    rows = [[c[i] if i < len(c) else "" for c in columns] for i in range(height)]
    table = Table(rows, colWidths=[8.5 * cm, 8.5 * cm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                               ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 10)]))  # fmt: skip
    return table


def _cvr(cvr: str, rng: random.Random, en: bool) -> str:
    if en:
        return rng.choice((f"CVR no. {cvr}", f"CVR {cvr}"))
    spaced = " ".join(cvr[i : i + 2] for i in range(0, 8, 2))
    return rng.choice(
        (f"CVR-nr. {cvr}", f"CVR nr.: {cvr}", f"CVR-nr. {spaced}", f"CVR/SE-nr. DK {cvr}")
    )


def _kommunekode(party: PartySpec, en: bool) -> str:
    if not party.kommunekode:
        return ""
    return (
        f" (municipality code {party.kommunekode})" if en else f" (kommunenr. {party.kommunekode})"
    )


def _party_block(party: PartySpec, role: str, rng: random.Random, en: bool) -> list[Any]:
    lines = [
        _p(party.name),
        *(_p(line) for line in party.address_lines),
        _p(_cvr(party.cvr, rng, en)),
    ]
    if party.kommunekode:
        lines.append(_p(f"Municipality code {party.kommunekode}" if en
                        else f"Kommunekode {party.kommunekode}"))  # fmt: skip
    hereafter = "(hereinafter" if en else rng.choice(("(herefter benævnt", "(i det følgende",
                                                      "(i det følgende kaldet"))  # fmt: skip
    lines.append(_p(f'{hereafter} "{role}")'))
    return lines


def _signatures(spec: ContractSpec, style: Style, rng: random.Random) -> list[Any]:
    en = spec.language == "en"
    signed = style.date(spec.signing_date)
    place = "Place and date: " if en else rng.choice(("Sted og dato: ", "København, den "))
    rows = [[f"For {spec.buyer.name}", f"For {spec.vendor.name}"],
            [f"{place}{signed}", f"{place}{signed}"], ["_" * 28, "_" * 28]]  # fmt: skip
    table = Table(rows, colWidths=[8 * cm, 8 * cm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", 10)]))
    return [Spacer(1, 0.8 * cm), table]


def _price_table(spec: ContractSpec, layout: str, style: Style, rng: random.Random) -> list[Any]:
    en = spec.language == "en"
    vat_incl = all(i.vat == "incl" for i in spec.items)
    vat = (
        ("incl. VAT" if vat_incl else "excl. VAT")
        if en
        else ("inkl. moms" if vat_incl else "ekskl. moms")
    )
    header = [h.format(vat=vat) for h in rng.choice(_HEADERS[spec.language])]
    tiered = any(i.tier_min is not None or i.tier_max is not None for i in spec.items)
    numbered = any(i.item_id for i in spec.items)
    variant = "plain" if tiered or not numbered else rng.choice(
        ("plain", "plain", "plain", "estimate", "price_first"))  # fmt: skip
    widths = [2.0 * cm, 7.4 * cm, 4.0 * cm, 3.6 * cm]
    if tiered:
        header.insert(2, "Volume" if en else rng.choice(("Volumen", "Interval", "Antal")))
        widths = [1.9 * cm, 4.6 * cm, 4.0 * cm, 3.6 * cm, 2.9 * cm]
    elif variant == "estimate":  # a tender sheet: estimated quantity and total per line
        header += ["Estimated quantity", "Total"] if en else ["Forventet antal", "Samlet pris"]
        widths = [1.8 * cm, 5.2 * cm, 3.2 * cm, 2.4 * cm, 1.8 * cm, 2.6 * cm]
    elif variant == "price_first":
        header[2], header[3] = header[3], header[2]
        widths = [2.0 * cm, 7.4 * cm, 3.6 * cm, 4.0 * cm]
    wrap = layout in ("ruled_table", "english", "tiers") and rng.random() < 0.5
    currency_in_cells = variant == "plain" and rng.random() < 0.2  # "395,00 kr." in the cell
    rows: list[list[Any]] = [
        [_cell(h, w, HEAD_CELL, wrap) for h, w in zip(header, widths, strict=True)]
    ]
    for item in spec.items:
        texts = [item.item_id or "", item.description, unit_text(rng, item, spec.language),
                 style.amount(item.unit_price, bare=not currency_in_cells)]  # fmt: skip
        if tiered:
            texts.insert(2, band_text(rng, item, style))
        elif variant == "estimate":
            quantity = rng.randint(1, 400)
            texts += [str(quantity), style.amount(item.unit_price * quantity, bare=True)]
        elif variant == "price_first":
            texts[2], texts[3] = texts[3], texts[2]
        rows.append(
            [
                _cell(t, w, CELL, wrap and i == 1)
                for i, (t, w) in enumerate(zip(texts, widths, strict=True))
            ]
        )
    if not numbered:  # no item numbers: the description column takes the number column's room
        rows, widths = [r[1:] for r in rows], [widths[0] + widths[1], *widths[2:]]
    repeat = 1 if layout != "multipage_table" or rng.random() < 0.5 else 0
    table = Table(rows, colWidths=widths, repeatRows=repeat)
    commands: list[Any] = [("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                           ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                           ("ALIGN", (-1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")]  # fmt: skip
    if variant in ("estimate", "price_first"):
        commands += [
            ("ALIGN", (3, 0), (3, -1), "RIGHT"),
            ("ALIGN", (-1, 0), (-1, -1), "LEFT" if variant == "price_first" else "RIGHT"),
        ]
    if layout == "multipage_table":
        commands += [("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    ruled = layout != "unruled_table" and not (layout == "multipage_table" and rng.random() < 0.3)
    if ruled:
        commands += [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]  # fmt: skip
    table.setStyle(TableStyle(commands))
    note = f"All prices are in DKK {vat}." if en else f"Alle priser er i danske kroner {vat}."
    if rng.random() < 0.3:  # a discount stated beside the table, not a price line
        note += (" A discount of 5% applies above 1,000 users." if en else
                 " Ved mere end 1.000 brugere ydes 5 % rabat på licensprisen.")  # fmt: skip
    return [table, Spacer(1, 0.4 * cm), _p(note)]


def _cell(text: str, width: float, style: ParagraphStyle, wrap: bool) -> Any:
    """Plain text when it fits the column, else a wrapping paragraph (never overflow)."""
    if wrap or stringWidth(text, style.fontName, style.fontSize) > width - 12:
        return _p(text, style)
    return text


def write_pdf(out: IO[bytes], spec: ContractSpec, story: list[Any], rng: random.Random) -> None:
    """Lay the story out on A4 with a running header (contract number) and page numbers."""
    en = spec.language == "en"
    header = f"{'Contract no.' if en else 'Kontrakt nr.'} {spec.contract_number}"
    page_word = "Page" if en else "Side"
    footer = rng.choice(("", f"{spec.vendor.name} - {'Confidential' if en else 'Fortroligt'}"))

    def decorate(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, header)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"{page_word} {doc.page}")
        if footer:
            canvas.drawString(2 * cm, 1.2 * cm, footer)
        canvas.restoreState()

    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=spec.title,
                            author=spec.vendor.name, invariant=1)  # fmt: skip
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)

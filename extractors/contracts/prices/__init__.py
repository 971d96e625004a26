"""The price list: from the appendix's table rows, or from its sentences.

Steps, per page of the price appendix:
1. read each text line (pypdfium2) as a row: ``id description [band] unit price``;
2. if a line opens a row but does not read as one (a wrapped cell, columns out of
   order), rebuild that page's rows from text positions (pypdfium2), and if that
   does not account for every row either, read the page's table with pdfplumber;
3. if no page held a table row, read the prices from the sentences (prose).
"""

from __future__ import annotations

from extractors.contracts.pdf import PageText, PdfText
from extractors.contracts.prices.positions import positioned_rows
from extractors.contracts.prices.prose import prose_terms
from extractors.contracts.prices.rows import (
    RowContext,
    looks_like_row_start,
    page_currency,
    page_vat,
    parse_line,
)
from extractors.contracts.prices.tables import PlumberDocument, table_rows
from extractors.types import Evidence, ExtractedPriceTerm

__all__ = ["read_prices"]


def read_prices(
    document: PdfText, *, appendix: list[PageText] | None, language: str, body_text: str = ""
) -> list[ExtractedPriceTerm]:
    """Every price term of the document, in the order written.

    ``appendix`` is the price appendix's pages (None: every page after the first);
    ``body_text`` is the contract body, consulted for the VAT basis when the
    appendix does not state it.
    """
    pages = appendix if appendix is not None else (document.pages[1:] or document.pages)
    appendix_text = "\n".join(p.text for p in pages)
    vat_source = appendix_text if _states_vat(appendix_text) else body_text
    ctx = RowContext(language, page_vat(vat_source), page_currency(appendix_text))
    plumber = PlumberDocument(document.data, document.filename)
    try:
        terms: list[ExtractedPriceTerm] = []
        for page in pages:
            terms += _page_rows(document, plumber, page, ctx)
    finally:
        plumber.close()
    return terms or _located(document, prose_terms(pages, ctx))


def _located(document: PdfText, terms: list[ExtractedPriceTerm]) -> list[ExtractedPriceTerm]:
    """Give each prose term the bounding box of its sentence's opening words."""
    for term in terms:
        if term.evidence is not None and term.page is not None:
            opening = " ".join(term.evidence.text.split()[:4])
            term.evidence.bbox = document.bbox_of(term.page, opening)
    return terms


def _page_rows(
    document: PdfText, plumber: PlumberDocument, page: PageText, ctx: RowContext
) -> list[ExtractedPriceTerm]:
    line_terms: list[ExtractedPriceTerm] = []
    incomplete = 0
    for line in page.lines:
        term = parse_line(line, page.number, ctx)
        if term is not None:
            line_terms.append(term)
        elif looks_like_row_start(line):
            incomplete += 1
    if incomplete:
        positioned = positioned_rows(document, page.number, ctx)
        if positioned.terms and not positioned.unread and len(positioned.terms) >= len(line_terms):
            return positioned.terms
        table_terms = table_rows(plumber, page.number, ctx)
        if table_terms and len(table_terms) >= len(line_terms):
            return table_terms
    for term in line_terms:
        text = term.evidence.text if term.evidence else ""
        term.evidence = Evidence(
            text=text, page=page.number, bbox=document.bbox_of(page.number, text)
        )
    return line_terms


def _states_vat(text: str) -> bool:
    lowered = text.lower()
    return "moms" in lowered or "vat" in lowered

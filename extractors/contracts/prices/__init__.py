"""The price list: from price tables, from sentences, or from the appendix's lines.

1. every page naming a price is read for price tables by the role of each column
   (``reader``, ``columns``): by position, or by column order where the columns drift
   from row to row (``realign``); a row holding money that could not be read is kept as
   an ``UnreadPrice``;
2. prices stated in sentences on the tables' pages and the price appendix are added
   (``prose``);
3. where no table was found, or its rows were all unread, the sentences are read, and
   else the price appendix line by line (``rows``, ``positions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from extractors.contracts.patterns import NUMBERED_HEADING
from extractors.contracts.pdf import PageText, PdfText
from extractors.contracts.prices.cells import LIST_PRICE_DOUBT
from extractors.contracts.prices.positions import positioned_rows
from extractors.contracts.prices.prose import ITEM_LABEL, prose_terms, without_penalties
from extractors.contracts.prices.reader import TableReading, read_price_tables
from extractors.contracts.prices.rows import (
    RowContext,
    looks_like_row_start,
    page_currency,
    page_vat,
    parse_line,
    prices_vat,
)
from extractors.types import Evidence, ExtractedPriceTerm, UnreadPrice

__all__ = ["PriceReading", "read_prices"]
_AMOUNT = re.compile(r"(?:\d[.,]\d{2}|\d,-|\d\s*(?:kr\.?|DKK|EUR))\s*$")

#: A price table's header row names a unit column and a price column, in either order.
_TABLE_HEADER = re.compile(r"^(?=.*\b(?:enhed|afregningsenhed|unit)\b)(?=.*\b(?:pris|enhedspris|price)\b)",
                           re.IGNORECASE)  # fmt: skip


@dataclass(slots=True)
class PriceReading:
    """The price terms read, and the money-bearing rows and sentences that were not."""

    terms: list[ExtractedPriceTerm] = field(default_factory=list)
    unread: list[UnreadPrice] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        return len(self.terms) + len(self.unread)


def read_prices(
    document: PdfText,
    *,
    appendix: list[PageText] | None,
    language: str,
    body_text: str = "",
    price_clauses: list[PageText] | None = None,
) -> PriceReading:
    """Every price term of the document (:func:`_read_prices`), each term whose band
    cannot be right (its lower bound above its upper: "100-50") held for review."""
    reading = _read_prices(
        document,
        appendix=appendix,
        language=language,
        body_text=body_text,
        price_clauses=price_clauses,
    )
    kept = []
    for term in reading.terms:
        low, high = term.tier_min, term.tier_max
        if low is not None and high is not None and low > high:
            term.confidence = min(term.confidence, _REVERSED_BAND)
        row = term.evidence.text if term.evidence is not None else term.description
        if DISCONTINUED.search(row) or DISCONTINUED.search(term.description):
            # an item the contract marks as no longer supplied: no price to enforce, and
            # an invoice for it is no item of the contract's (shown for review)
            lines = row.split("\n")  # the header read with the row: the row's line
            shown = next((ln for ln in reversed(lines) if DISCONTINUED.search(ln)), lines[-1])
            reading.unread.append(
                UnreadPrice(
                    text=shown,
                    page=term.page,
                    reason="the item is marked as discontinued",
                    bbox=term.evidence.bbox if term.evidence is not None else None,
                )
            )
            continue
        _item_in_description(term)
        kept.append(term)
    reading.terms = kept
    return reading


#: an item number written in the description, where the table has no column for it:
#: "Toner sort (varenr. 5832-11)", "Kopipapir A4, varenr.: 10-200", "(item no. AB-12)"
_ITEM_IN_TEXT = re.compile(
    rf"\s*[(,]?\s*\b{ITEM_LABEL}\s*:?\s*(?P<id>[A-Z0-9][\w./-]*\d[\w./-]*?)\s*[),.;]{{0,2}}\s*$",
    re.IGNORECASE,
)


def _item_in_description(term: ExtractedPriceTerm) -> None:
    """The item number a term's description ends with, as its item number."""
    if term.item_id:
        return
    found = _ITEM_IN_TEXT.search(term.description)
    if found is None or found.start() == 0:
        return
    term.item_id = found.group("id")
    term.description = term.description[: found.start()].rstrip(" ,;(")


#: a row marking its item as no longer supplied: "Udgået", "(udgår)", "UDGÅET pr. 1. maj",
#: "Discontinued", "Ophørt", "Udfaset"
DISCONTINUED = re.compile(
    r"\b(?:udgået|udgår|udgaaet|udfaset|ophørt|discontinued|no\s+longer\s+(?:available|"
    r"supplied|sold)|end[-\s]of[-\s](?:life|sale))\b",
    re.IGNORECASE,
)


#: the confidence of a term whose volume band runs backwards ("100-50"): misread, or
#: misprinted; either way a person reads it before it is enforced
_REVERSED_BAND = 0.5


def _read_prices(
    document: PdfText,
    *,
    appendix: list[PageText] | None,
    language: str,
    body_text: str = "",
    price_clauses: list[PageText] | None = None,
) -> PriceReading:
    """Every price term of the document, in the order written, and what was not read.

    Price tables are found on every page by their header row and read by the role of
    each column (``columns``); prices stated in sentences are read on the price
    appendix's pages and the pages holding a price table; documents whose price list
    has no header row are read line by line in the appendix (``rows``, ``positions``).
    ``appendix`` is the price appendix's pages (None: not found); ``body_text`` is the
    contract body, consulted for the VAT basis when the appendix does not state it;
    ``price_clauses`` are the body's clauses about prices ("5. Priser og prisregulering"),
    whose sentences are read for prices too ("Konsulentbistand afregnes med 1.253,25 kr.
    pr. time"), or reported when they state one that cannot be read.
    """
    pages = appendix if appendix is not None else (document.pages[1:] or document.pages)
    appendix_text = "\n".join(p.text for p in pages)
    vat_source = appendix_text if _states_vat(appendix_text) else body_text
    # what the appendix, else the body, says of the prices' VAT ("Alle priser er angivet
    # inkl. moms") before any VAT word on the appendix (the contract value's, a total's)
    vat = prices_vat(appendix_text) or prices_vat(body_text) or page_vat(vat_source)
    ctx = RowContext(language, vat, page_currency(appendix_text))
    reading = _read_with(document, pages, appendix, ctx, price_clauses)
    discounted_list_prices(reading.terms, f"{appendix_text}\n{body_text}")
    return reading


def _read_with(
    document: PdfText,
    pages: list[PageText],
    appendix: list[PageText] | None,
    ctx: RowContext,
    price_clauses: list[PageText] | None,
) -> PriceReading:
    tables = read_price_tables(document, document.pages, ctx)
    if tables.terms or tables.unread:
        reading = PriceReading(tables.terms, tables.unread)
        table_pages = {t.page for t in tables.tables}
        prose_pages = [p for p in document.pages if p.number in table_pages
                       or (appendix is not None and p in pages)]  # fmt: skip
        prose = prose_terms(
            _outside(prose_pages, tables)
            + _clause_goes_on(document, table_pages, prose_pages)
            + _apart(price_clauses, prose_pages),
            ctx,
        )
        reading.terms += _located(document, _new(prose.terms, reading.terms))
        reading.unread += prose.unread
        if reading.terms:
            return reading
        # tables found whose rows could not be read: the other readings may read them;
        # a table row none of them read stays reported
        other = _without_tables(document, pages, appendix, ctx, price_clauses)
        if not other.terms:
            return reading
        read = [t.description for t in other.terms if t.description]
        other.unread += [u for u in reading.unread if not any(d in u.text for d in read)]
        return other
    return _without_tables(document, pages, appendix, ctx, price_clauses)


#: a discount the contract grants on list prices: "Leverandøren yder en rabat på 12 % på
#: listepriserne", "12 % rabat på alle listepriser", "a discount of 8% off the list prices"
_LIST_DISCOUNT = re.compile(
    r"(?:(?P<a>\d{1,2}(?:[.,]\d{1,2})?)\s*%\s*(?:i\s+)?(?:rabat|discount|reduction)|"
    r"(?:rabat|discount|reduction)\s+(?:på|of)\s+(?P<b>\d{1,2}(?:[.,]\d{1,2})?)\s*%)"
    r"\s+(?:på|on|off|from|of|i\s+forhold\s+til)\s+(?:\w+\s+){0,3}?"
    r"(?:liste|list|katalog|catalog|brutto|gross|vejledende)",
    re.IGNORECASE,
)


def discounted_list_prices(terms: list[ExtractedPriceTerm], text: str) -> None:
    """List prices read as agreed with no discount beside them (``cells``'s
    ``LIST_PRICE_DOUBT``) less the one discount on list prices ``text`` states (the
    contract's sentences), in place; they stay held for review, the doubt saying what
    was done. Several different discounts stated: left as they are."""
    stated = {Decimal((m["a"] or m["b"]).replace(",", ".")) for m in _LIST_DISCOUNT.finditer(text)}
    if len(stated) != 1:
        return
    pct = stated.pop()
    for term in terms:
        if term.doubt != LIST_PRICE_DOUBT:
            continue
        listed = term.unit_price
        term.unit_price = (listed * (100 - pct) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        term.doubt = (
            f"list price {listed} less the {pct} % discount on list prices the contract states"
        )


def _apart(clauses: list[PageText] | None, read: list[PageText]) -> list[PageText]:
    """The body's price clauses on pages not already read for prices."""
    pages = {p.number for p in read}
    return [c for c in clauses or [] if c.number not in pages]


def _clause_goes_on(
    document: PdfText, table_pages: set[int], read: list[PageText]
) -> list[PageText]:
    """The top of each page after a page of price tables, up to its first numbered
    heading: the clause that held the table going on over the page break ("For
    projektledelse ... betaler Kunden kr. 1.210,00 pr. time" above "5.
    Prisregulering"), read for prices in sentences like the table's page."""
    done = {p.number for p in read}
    out = []
    for page in document.pages:
        if page.number - 1 not in table_pages or page.number in done:
            continue
        lines = []
        for line in page.lines:
            if NUMBERED_HEADING.match(line.strip()):
                break
            lines.append(line)
        if lines:
            out.append(PageText(page.number, lines))
    return out


def _without_tables(
    document: PdfText,
    pages: list[PageText],
    appendix: list[PageText] | None,
    ctx: RowContext,
    price_clauses: list[PageText] | None = None,
) -> PriceReading:
    """The prices in sentences, else the price appendix read line by line."""
    prose = prose_terms(pages + _apart(price_clauses, pages), ctx)
    if prose.terms:
        return PriceReading(_located(document, prose.terms), prose.unread)
    terms: list[ExtractedPriceTerm] = []
    unread: list[UnreadPrice] = []
    # a price list without a header row, read line by line: only in a price appendix
    for page in pages if appendix is not None else []:
        terms += _page_rows(document, page, ctx, unread)
    return PriceReading(terms, unread + prose.unread)


def _outside(pages: list[PageText], tables: TableReading) -> list[PageText]:
    """The pages' lines outside the price tables (pages read for tables give their own
    lines, without the tables' headers and rows)."""
    return [PageText(p.number, tables.prose_lines.get(p.number, p.lines)) for p in pages]


def _new(
    found: list[ExtractedPriceTerm], known: list[ExtractedPriceTerm]
) -> list[ExtractedPriceTerm]:
    seen = {(t.description, t.unit_price, t.unit) for t in known}
    return [t for t in found if (t.description, t.unit_price, t.unit) not in seen]


def _located(document: PdfText, terms: list[ExtractedPriceTerm]) -> list[ExtractedPriceTerm]:
    """Give each prose term the bounding box of its sentence's opening words."""
    for term in terms:
        if term.evidence is not None and term.page is not None:
            opening = " ".join(term.evidence.text.split()[:4])
            term.evidence.bbox = document.bbox_of(term.page, opening)
    return terms


def _page_rows(
    document: PdfText,
    page: PageText,
    ctx: RowContext,
    unread: list[UnreadPrice],
) -> list[ExtractedPriceTerm]:
    line_terms: list[ExtractedPriceTerm] = []
    incomplete = 0
    page = PageText(page.number, without_penalties(page.lines))
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
        starts = [ln for ln in page.lines if looks_like_row_start(ln) and _AMOUNT.search(ln)
                  and parse_line(ln, page.number, ctx) is None]  # fmt: skip
        unread += [UnreadPrice(ln, page.number, "row not read") for ln in starts]
    if not line_terms and not incomplete:
        line_terms = _unnumbered_rows(page, ctx)
    for term in line_terms:
        if term.evidence is not None and term.evidence.bbox is not None:
            continue
        text = term.evidence.text if term.evidence else ""
        term.evidence = Evidence(
            text=text, page=page.number, bbox=document.bbox_of(page.number, text)
        )
    return line_terms


def _unnumbered_rows(page: PageText, ctx: RowContext) -> list[ExtractedPriceTerm]:
    """Rows of a price list without item numbers, from the lines. One such line without a
    table header above it is no table (a sentence may end in a unit and an amount)."""
    lines = [t for ln in page.lines if (t := parse_line(ln, page.number, ctx, numbered=False))]
    if not lines or (len(lines) < 2 and not any(_TABLE_HEADER.search(ln) for ln in page.lines)):
        return []
    return lines


def _states_vat(text: str) -> bool:
    lowered = text.lower()
    return "moms" in lowered or "vat" in lowered

"""Every price table of a document, read by column roles, with what could not be read.

Only pages whose text names a price and holds an amount are read for words with their
positions (pdfium's character boxes); a table continuing over a page break is read with
the columns of its header on the earlier page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.contracts.pdf import PAGE_NUMBER, PageText, PdfText
from extractors.contracts.prices.cells import RowCells, is_total_line, read_row
from extractors.contracts.prices.columns import Table, read_tables
from extractors.contracts.prices.layout import Line, lines_of, page_rulings, pdfium_words
from extractors.contracts.prices.rows import RowContext
from extractors.types import Evidence, ExtractedPriceTerm, UnreadPrice

_PRICE_WORD = re.compile(
    r"pris|price|beløb|amount|rate\b|takst|sats|fee\b|charge|vederlag|\bkr\b|DKK|EUR", re.I
)
_PAGE_OF = re.compile(
    r"^(?:side|page|s\.|p\.)?\s*-?\s*\d{1,3}\s*(?:/|af|of|ud af)?\s*\d{0,3}\s*-?$", re.I
)
#: a running footer the page's text kept (it names the page: "Prisbilag ... Side 1 af 2"):
#: no text after a table
_FOOTER = re.compile(r"\b(?:side|page)\s+\d{1,3}\s*(?:af|of|/)\s*\d{1,3}\s*$", re.I)
#: a page that may hold a price: an amount with decimals, grouped thousands, "450,-", or a
#: whole amount beside its currency ("kr. 211", "211 kr.", "DKK 95", "£40")
_AMOUNT_ON_PAGE = re.compile(
    r"\d[.,]\d{2}\b|\d{1,3}(?:[.,]\d{3})+|\d,-|"
    r"(?:\bkr\.?|\b(?:DKK|EUR|GBP|USD|SEK|NOK)|[€£$])\s?\d|\d\s?(?:kr\b|DKK\b|EUR\b|GBP\b)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class TableReading:
    terms: list[ExtractedPriceTerm] = field(default_factory=list)
    unread: list[UnreadPrice] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: per page read, its text lines outside the tables (for reading prices in prose)
    prose_lines: dict[int, list[str]] = field(default_factory=dict)
    #: what each row read gave (by the row's id): a page's last row may be read again
    read_from: dict[int, list[ExtractedPriceTerm] | UnreadPrice] = field(default_factory=dict)

    @property
    def candidates(self) -> int:
        return len(self.terms) + len(self.unread)


def read_price_tables(document: PdfText, pages: list[PageText], ctx: RowContext) -> TableReading:
    reading = TableReading()
    carried: Table | None = None
    previous_page = None
    last_term: ExtractedPriceTerm | None = None
    for page in pages:
        continues = carried is not None and previous_page == page.number - 1
        if not _AMOUNT_ON_PAGE.search(page.text) or not (
            continues or _PRICE_WORD.search(page.text)
        ):
            carried = None
            continue
        textpage, height = document.textpage(page.number)
        rulings = page_rulings(document.page(page.number), height)
        words = pdfium_words(textpage, height)
        lines = _without_margins(lines_of(words, rulings.vertical), page, height)
        keep = carried if previous_page == page.number - 1 else None
        tables = read_tables(lines, page.number, ctx.language, keep, rulings)
        if tables and tables[0].lead and keep is not None:
            _finish_last_row(keep, tables[0].lead, ctx, reading)
        for table in tables:
            last_term = _read(table, ctx, reading, last_term if table.carries else None)
        inside = {id(ln) for t in tables for ln in t.lines}
        outside = [ln for ln in lines if id(ln) not in inside]
        reading.prose_lines[page.number] = [ln.text for ln in outside]
        priced = [(c.x0, c.x1) for t in [*tables, *([keep] if keep is not None else [])]
                  for c in t.columns if c.role.role in ("price", "tier")]  # fmt: skip
        if priced:
            # on a page of price tables, a line laid out as a priced row, its amount under
            # a table's price column, that no table took (a continuation whose header went
            # unrecognised): shown, never dropped
            reading.unread += [
                UnreadPrice(" | ".join(c.text for c in ln.cells), page.number,
                            "a priced row outside the tables read")
                for ln in outside if _row_like(ln, priced)
            ]  # fmt: skip
        if tables:
            last = tables[-1]
            # a header alone at a page's foot ends where its lines end (it has no rows)
            bottom = max(last.bottom, last.lines[-1].bottom if last.lines else 0.0)
            body = [ln for ln in lines if not _FOOTER.search(ln.text) or ln.top <= bottom]
            near_bottom = not body or bottom >= body[-1].top - 60
            carried = last if near_bottom else None
        else:
            carried = None
        previous_page = page.number
    return reading


_ROW_AMOUNT = re.compile(r"^(?:kr\.?\s*|DKK\s*)?\d{1,3}(?:[.\s]\d{3})*,\d{2}(?:\s*kr\.?)?$|"
                         r"^(?:DKK\s*)?\d{1,3}(?:,\d{3})*\.\d{2}$")  # fmt: skip


def _row_like(line: Line, priced: list[tuple[float, float]]) -> bool:
    """A line set out as a table row with a price: three cells or more (or two, the first
    naming something in words: "Leje af minicontainer | 68,62"), the first not an amount,
    one of the others an amount with øre standing under a price column, and no total ("I
    alt", "Tilbudssum")."""
    cells = line.cells
    return (
        (
            len(cells) >= 3
            or (len(cells) == 2 and len(re.findall(r"[^\W\d_]{2,}", cells[0].text)) >= 2)
        )
        and not _ROW_AMOUNT.match(cells[0].text.strip())
        and any(
            _ROW_AMOUNT.match(c.text.strip())
            and any(x0 - 20 <= (c.x0 + c.x1) / 2 <= x1 + 20 for x0, x1 in priced)
            for c in cells[1:]
        )
        and not is_total_line(line.text)
    )


def _without_margins(lines: list[Line], page: PageText, height: float) -> list[Line]:
    """Without page numbers, and without running headers and footers: lines in the top or
    bottom margin that the page's text (from which running lines were removed) lacks."""
    kept = {_key(line) for line in page.lines}
    text = _key("".join(page.lines))
    # (a number alone is a page's number in its margins; between them, a header's
    # wrapped band, "Fra 50 til" over "199")
    return [
        line for line in lines
        if not ((PAGE_NUMBER.match(line.text) or _PAGE_OF.match(line.text))
                and not 0.12 * height < line.top < 0.88 * height)
        and (0.07 * height < line.top < 0.93 * height or _key(line.text) in kept
             # a table row whose cells pdfium gives as lines of their own
             or (len(line.cells) > 1 and all(_key(c.text) in text for c in line.cells)))
    ]  # fmt: skip


def _key(text: str) -> str:
    return re.sub(r"\W", "", text)


def _finish_last_row(
    table: Table, lead: list[list[str]], ctx: RowContext, reading: TableReading
) -> None:
    """The previous page's last row with the text it continues with on this page, read
    again in place of what it gave alone."""
    if not table.rows:
        return
    row = table.rows[-1]
    before = reading.read_from.pop(id(row), None)
    if before is None:
        return
    for texts in lead:
        row.cells = [
            " ".join(p for p in (a, b) if p) for a, b in zip(row.cells, texts, strict=True)
        ]
    if isinstance(before, UnreadPrice):
        reading.unread = [u for u in reading.unread if u is not before]
    else:
        reading.terms = [t for t in reading.terms if all(t is not b for b in before)]
    _read_row(table, row, ctx, reading, None)


def _read(
    table: Table, ctx: RowContext, reading: TableReading, above: ExtractedPriceTerm | None = None
) -> ExtractedPriceTerm | None:
    """Read the table's rows, each knowing the term read just above it (``above``: the
    previous page's last, for a table that goes on from there); the last term read."""
    reading.tables.append(table)
    for row in table.rows:
        result = _read_row(table, row, ctx, reading, above)
        above = result[-1] if isinstance(result, list) and result else None
    return above


def _read_row(
    table: Table, row: RowCells, ctx: RowContext, reading: TableReading,
    above: ExtractedPriceTerm | None,
) -> list[ExtractedPriceTerm] | UnreadPrice | None:  # fmt: skip
    if table.currency is not None:  # what the text before the table says of its prices
        ctx = replace(ctx, currency=table.currency)
    result = read_row(table.columns, row, table.page, ctx, table.style, above, table.caption)
    if result is None:
        return None
    reading.read_from[id(row)] = result
    if isinstance(result, UnreadPrice):
        reading.unread.append(result)
        return result
    for term in result:
        term.evidence = Evidence(
            text=f"{table.header_text}\n{row.text}", page=table.page, bbox=row.bbox
        )
        reading.terms.append(term)
    return result

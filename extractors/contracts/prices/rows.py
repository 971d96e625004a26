"""Price rows: one row's cells (or one line of text) -> an ``ExtractedPriceTerm``.

A row is ``item id, description, [volume band], unit, unit price [, quantity, total]``
(or ``..., unit price, unit``). Reading a text line splits it from both ends: the
item id at the start, the numbers at the end, then the unit and the band before
them; what remains is the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.contracts.patterns import (
    AMOUNT_RE,
    AMOUNT_TEXT,
    BAND_AT_END_RE,
    BAND_RE,
    UNIT_AT_END_RE,
    amount_of,
    band_of,
    unit_of,
)
from extractors.types import Evidence, ExtractedPriceTerm, VatBasis

ITEM_ID = r"(?:[A-ZÆØÅ]{1,4}-?\d{2,6}(?:-\d+)?|\d{1,2}(?:\.\d{1,3}){1,3}|\d{2,6})"
_LINE_START_RE = re.compile(rf"^(?P<id>{ITEM_ID})\s+(?P<rest>\S.*)$")
_PRICE_AT_END_RE = re.compile(rf"\s(?P<price>{AMOUNT_TEXT})$")
_ID_ONLY_RE = re.compile(rf"^{ITEM_ID}$")
_UNNUMBERED_RE = re.compile(r"^(?P<rest>[A-ZÆØÅ].*)$")
_NUMBERS_AT_END_RE = re.compile(rf"(?:\s(?:{AMOUNT_TEXT}))+$")


@dataclass(frozen=True, slots=True)
class RowContext:
    """What the rest of the page says about every row: language, currency, VAT basis."""

    language: str
    vat: VatBasis = "excl"
    currency: str = "DKK"


_NUMBERED_HEADING_RE = re.compile(r"^\d+\.?\s+[A-ZÆØÅ][a-zæøå]+(?: \w+)?$")


def looks_like_row_start(line: str) -> bool:
    """A line that opens with an item id and more text: a table row, complete or not
    (but not a short numbered heading such as "2 Licenser")."""
    return bool(_LINE_START_RE.match(line)) and not _NUMBERED_HEADING_RE.match(line)


def parse_line(
    line: str, page: int, ctx: RowContext, *, numbered: bool = True
) -> ExtractedPriceTerm | None:
    """The price term of a one-line row, or None when the line is not a complete row.

    ``numbered=False`` reads rows of a price list without item numbers; their
    description must then start with a capital letter (a wrapped cell's second line
    does not).
    """
    start = _LINE_START_RE.match(line) if numbered else _UNNUMBERED_RE.match(line)
    if start is None:
        return None
    split = _split_price(start.group("rest"), ctx.language)
    if split is None:
        return None
    rest, unit_text, value, confidence = split
    unit = unit_of(unit_text)
    tier_min = tier_max = None
    band = BAND_AT_END_RE.search(rest)
    if band is not None:
        band_match = BAND_RE.search(band.group(0))
        assert band_match is not None
        tier_min, tier_max = band_of(band_match, ctx.language)
        rest = rest[: band.start()].strip(" ,;–-")
    if unit is None or not rest:
        return None
    return ExtractedPriceTerm(
        item_id=start.group("id") if numbered else None, description=rest, unit=unit,
        unit_price=value, currency=ctx.currency, vat=ctx.vat, tier_min=tier_min,
        tier_max=tier_max, page=page, confidence=confidence if numbered else min(confidence, 0.85),
        evidence=Evidence(text=line, page=page),
    )  # fmt: skip


def _split_price(rest: str, language: str) -> tuple[str, str, Decimal, float] | None:
    """``(text before the unit, unit text, unit price, confidence)`` of a row's text.

    The columns after the description are ``unit, price [, quantity, total]`` or
    ``price, unit``; with a quantity and a total, the price must multiply out.
    """
    numbers = _NUMBERS_AT_END_RE.search(" " + rest)
    if numbers is not None:
        head = (" " + rest)[: numbers.start()].strip()
        unit = UNIT_AT_END_RE.search(head)
        cells = [amount_of(m.group(0), language) for m in AMOUNT_RE.finditer(numbers.group(0))]
        if unit is None or not cells or cells[0] is None:
            return None
        confidence = 0.97 if len(cells) == 1 else 0.8
        if len(cells) == 3 and cells[1] is not None and cells[0] * cells[1] == cells[2]:
            confidence = 0.97  # unit price x quantity = total: the columns are understood
        return head[: unit.start()].strip(), unit.group(0), cells[0], confidence
    unit = UNIT_AT_END_RE.search(rest)
    if unit is None:
        return None
    price = _PRICE_AT_END_RE.search(" " + rest[: unit.start()])
    value = amount_of(price.group("price"), language) if price else None
    if price is None or value is None:
        return None
    return (" " + rest)[: price.start()].strip(), unit.group(0), value, 0.95


def parse_cells(cells: list[str], page: int, ctx: RowContext) -> ExtractedPriceTerm | None:
    """The price term of a table row given as cells; columns found by what they hold.

    The id is the first cell shaped like an item id, the unit the cell naming a unit,
    the price the first amount after the unit (or the last before it), the band a
    cell naming a volume band, and the description the longest remaining cell.
    """
    cells = [" ".join(c.split()) for c in cells if c and c.strip()]
    if len(cells) < 3:
        return None
    joined_id = cells[0].replace(" ", "")  # an id cell wrapped mid-word: "ØS-10 10"
    item_id = joined_id if _ID_ONLY_RE.match(joined_id) else None
    rest = cells[1:] if item_id else cells
    amounts = [i for i, c in enumerate(rest) if _is_amount(c, ctx.language)]
    units = [i for i, c in enumerate(rest) if i not in amounts and UNIT_AT_END_RE.search(c)]
    if not amounts or not units:
        return None
    unit_index = units[-1]
    after = [i for i in amounts if i > unit_index]
    price_index = after[0] if after else amounts[-1]
    value, unit = amount_of(rest[price_index], ctx.language), unit_of(rest[unit_index])
    others = [c for i, c in enumerate(rest) if i not in amounts and i != unit_index]
    band_cell = next((c for c in others if BAND_RE.fullmatch(c)), None)
    tier_min = tier_max = None
    if band_cell:
        band_match = BAND_RE.fullmatch(band_cell)
        assert band_match is not None
        tier_min, tier_max = band_of(band_match, ctx.language)
    text_cells = [c for c in others if c != band_cell]
    if unit is None or value is None or not text_cells:
        return None
    return ExtractedPriceTerm(
        item_id=item_id, description=max(text_cells, key=len), unit=unit, unit_price=value,
        currency=ctx.currency, vat=ctx.vat, tier_min=tier_min, tier_max=tier_max, page=page,
        confidence=0.95 if item_id else 0.85, evidence=Evidence(text=" | ".join(cells), page=page),
    )  # fmt: skip


def _is_amount(cell: str, language: str) -> bool:
    match = AMOUNT_RE.fullmatch(cell.strip())
    return match is not None and amount_of(cell, language) is not None


#: "25 %" or "25%" between the word and "VAT"/"moms" ("inkl. 25 % moms", "include 25% VAT")
_RATE = r"(?:\d{1,2}(?:[.,]\d{1,2})?\s*%\s*)?"
#: prices quoted with VAT: "inkl. moms", "inklusive 25 % moms", "med moms", "moms er
#: inkluderet", "incl. VAT", "including VAT", "All prices include 25 % VAT", "inclusive of
#: VAT", "VAT included"
_WITH_VAT = re.compile(
    rf"\bink(?:l\.?|lusive?|luderet)\s*{_RATE}moms|\bmed\s+{_RATE}moms|"
    rf"\bmoms\s+(?:er\s+)?(?:inkluderet|indregnet|indeholdt)|"
    rf"\bincl(?:\.|uding|udes?|usive(?:\s+of)?)?\s*{_RATE}VAT|\bVAT\s+(?:is\s+)?included|"
    rf"\bm\.?\s*/?\s*{_RATE}moms\b|\bVAT[-\s]inclusive\b",
    re.IGNORECASE,
)
#: prices quoted without: "ekskl. moms", "eksklusive moms", "uden moms", "+ moms", "plus
#: moms", "tillægges moms", "excl. VAT", "excluding VAT", "exclusive of VAT", "VAT is
#: added", and a negated inclusion ("ikke inkl. moms", "do not include VAT")
_WITHOUT_VAT = re.compile(
    rf"\beks(?:kl\.?|klusive?)\s*{_RATE}moms|\buden\s+{_RATE}moms|(?:\+|\bplus)\s*{_RATE}moms|"
    rf"\btillægges\s+{_RATE}moms|\bexcl(?:\.|uding|udes?|usive(?:\s+of)?)?\s*{_RATE}VAT|"
    rf"\bnet\s+of\s+{_RATE}VAT|\bex\.?\s+VAT|\bVAT[-\s]exclusive\b|\bfør\s+{_RATE}moms|"
    rf"(?:\+|\bplus)\s*{_RATE}VAT|\bVAT\s+(?:is\s+|will\s+be\s+|shall\s+be\s+)?(?:added|not\s+included)|"
    rf"\b(?:not|ikke)\s+(?:inkl|incl|includ)\w*\.?\s*(?:of\s+)?{_RATE}(?:moms|VAT)",
    re.IGNORECASE,
)


def page_vat(text: str) -> VatBasis:
    """``incl`` if the page quotes prices including VAT, else ``excl`` (also when it says
    both, or neither). A statement about the prices themselves ("Alle priser er angivet i
    danske kroner inkl. moms", "All prices include VAT") decides over the VAT of another
    sum on the page ("Kontraktens anslåede samlede værdi er 1.000.000 kr. ekskl. moms")."""
    return prices_vat(text) or _any_vat(text)


def prices_vat(text: str) -> VatBasis | None:
    """The VAT basis the statements about the prices themselves give, if they give one."""
    stated = set()
    for statement in _STATEMENT.split(text):
        if len(statement) > 300 or not _THE_PRICES.search(statement):
            continue
        if _OTHER_SUM.search(statement) or _ONE_TABLE.search(statement):
            continue  # another sum's VAT, or one table's (its caption: ``caption_vat``)
        incl, excl = _WITH_VAT.search(statement), _WITHOUT_VAT.search(statement)
        if bool(incl) != bool(excl):
            stated.add("incl" if incl else "excl")
    if len(stated) == 1:
        return "incl" if "incl" in stated else "excl"
    return None


def caption_vat(text: str) -> VatBasis | None:
    """The VAT basis a table's caption states of its prices ("The following prices are VAT
    inclusive:"), not of another sum ("Den anslåede kontraktværdi er 1.800.000 kr. inkl.
    moms")."""
    if _OTHER_SUM.search(text) or MONEY_IN_TEXT.search(text):
        return None
    return vat_stated(text)


#: an amount of money in running text ("1.800.000 kr.", "DKK 2,000")
MONEY_IN_TEXT = re.compile(r"\d[\d.,]*\s*(?:kr\b|DKK|EUR)|(?:kr\.|DKK|EUR)\s*\d", re.IGNORECASE)
#: a statement about one table's prices, not all of them ("Prices in Table 2 are ...",
#: "Priserne i denne tabel ...", "følgende priser")
_ONE_TABLE = re.compile(r"\b(?:table|tabel(?:len)?)\s*\d|\bdenne\s+tabel|\bthis\s+table|"
                        r"\bnedenstående|\bbelow\b|\bfølgende\b|\bfollowing\b", re.IGNORECASE)  # fmt: skip


def vat_stated(text: str) -> VatBasis | None:
    """The one VAT basis ``text`` states ("* inkl. moms"), None for neither or both."""
    incl, excl = _WITH_VAT.search(text), _WITHOUT_VAT.search(text)
    if bool(incl) == bool(excl):
        return None
    return "incl" if incl else "excl"


def _any_vat(text: str) -> VatBasis:
    incl = _WITH_VAT.search(text)
    excl = _WITHOUT_VAT.search(text)
    return "incl" if incl and not excl else "excl"


#: where one statement ends: a full stop before a capital letter, or an empty line (not
#: "inkl. moms", "kr. 12,50")
_STATEMENT = re.compile(
    r"(?<=[.!?])\s+(?=[A-ZÆØÅ*•])|\n\s*\n|\n(?=\s*[*•])|(?<=\d)\n|"
    r"\s+(?=[*•]\)?\s+[A-ZÆØÅ])"
)  # a footnote: "... 1.810 * Alle priser"
#: the prices themselves as the statement's subject
_THE_PRICES = re.compile(r"\b(?:alle\s+)?priser(?:ne)?\b|\b(?:all\s+)?(?:the\s+)?prices\b|"
                         r"\b(?:the\s+)?(?:charges|rates|fees)\b|\benhedspriser|\btimepriser",
                         re.IGNORECASE)  # fmt: skip
#: a sum that is no price: the contract's estimated value, a budget, a total
_OTHER_SUM = re.compile(r"anslå|estimer|værdi|kontraktsum|budget|i\s+alt|samlet|estimat|"
                        r"value|total|aggregate", re.IGNORECASE)  # fmt: skip


#: currencies other than the Danish krone: the code in capitals, the sign, or the name
#: (Danish "nok" and "sek." are words, not currencies)
FOREIGN_CURRENCIES = (
    ("EUR", re.compile(r"\bEUR\b|€|\b(?i:euro)\b")),
    ("SEK", re.compile(r"\bSEK\b|(?i:svenske\s+kroner|swedish\s+kron[ao]r?)")),
    ("NOK", re.compile(r"\bNOK\b|(?i:norske\s+kroner|norwegian\s+kron[ae]r?)")),
    ("GBP", re.compile(r"\bGBP\b|£|(?i:pounds?\s+sterling|britiske\s+pund)")),
    ("USD", re.compile(r"\bUSD\b|US\$|(?i:\bUS\s+dollars?|amerikanske\s+dollars?)")),
    ("CHF", re.compile(r"\bCHF\b|(?i:schweizerfranc|swiss\s+francs?)")),
)
_DANISH_CURRENCY = re.compile(r"\bDKK\b|danske\s+kroner|danish\s+kron", re.IGNORECASE)
#: a sentence that says what the prices are in ("Alle priser er i svenske kroner (SEK)",
#: "Charges are in GBP"), not one that merely names a currency ("en USD-kurs på 6,80")
_PRICES_IN = re.compile(r"pris|price|charge|fee|beløb|amount|valuta|currency|angiv|stated|"
                        r"quoted|tilbud|vederlag", re.IGNORECASE)  # fmt: skip
_EXCHANGE = re.compile(r"kurs\b|kursen|valutakurs|exchange\s+rate|rate\s+of\s+exchange", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]|$)")


def named_currency(text: str) -> str | None:
    """The one currency ``text`` (a price cell or header) names by code, sign or name;
    DKK for "DKK" or "kr." alone; None when it names none, or several foreign ones."""
    foreign = {code for code, pattern in FOREIGN_CURRENCIES if pattern.search(text)}
    if len(foreign) == 1:
        return foreign.pop()
    if not foreign and (_DANISH_CURRENCY.search(text) or re.search(r"\bkr\b", text, re.I)):
        return "DKK"
    return None


def page_currency(text: str) -> str:
    """The currency a page's prices are in: one foreign currency its sentences about the
    prices name, while the page names no Danish kroner (a krone sign "kr." counts for the
    foreign krone named), else DKK."""
    foreign = {
        code
        for sentence in _about_prices(text)
        for code, pattern in FOREIGN_CURRENCIES
        if pattern.search(sentence)
    }
    if len(foreign) != 1 or _DANISH_CURRENCY.search(text):
        return "DKK"
    code = foreign.pop()
    if code not in ("SEK", "NOK") and re.search(r"\bkr\.", text):
        return "DKK"
    return code


def stated_currency(text: str) -> str | None:
    """The one currency the sentences about prices in ``text`` (the lines just before a
    price table: its caption, the annex's opening words) name: "Tabel 2.1 – Priser i EUR
    ekskl. moms", "All prices are stated in GBP"; DKK for kroner. None when they name
    none, or more than one (an exchange rate, "EUR ... or kr.")."""
    named = {
        found
        for sentence in _about_prices(text)
        if (found := named_currency(sentence)) is not None
        and not _AMOUNT_NEAR_CURRENCY.search(sentence)
    }
    return named.pop() if len(named) == 1 else None


def _about_prices(text: str) -> list[str]:
    """The sentences of ``text`` that speak of the prices, not of an exchange rate."""
    return [
        sentence
        for sentence in _SENTENCE.findall(text)
        if _PRICES_IN.search(sentence) and not _EXCHANGE.search(sentence)
    ]


#: a currency beside an amount ("a reminder fee of DKK 100", "850 kr."): a sum named,
#: not the currency of the prices below
_AMOUNT_NEAR_CURRENCY = re.compile(
    r"(?:\b[A-Z]{3}|kr\.?|€|£|\$)\s?\d|\d[\d.,]*\s?(?:[A-Z]{3}\b|kr\b|€|£)"
)


def tier_key(term: ExtractedPriceTerm) -> tuple[str | None, str, Decimal | None]:
    return (term.item_id, term.description, term.tier_min)

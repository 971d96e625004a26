"""One table row's cells, by column role -> price terms, or the reason it was not read.

Amounts are parsed with the table's own number style (Danish ``1.234,56`` or English
``1,234.56``), decided from all its amounts together, so ``1.250`` reads as 1250 in a
Danish table and ``1,250`` as 1250 in an English one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

from extractors.contracts.patterns import (
    BAND_AT_END_RE,
    BAND_RE,
    NOUN_FIRST_BAND_RE,
    UNREPRESENTED_UNIT,
    WORDED_BAND_RE,
    band_of,
    quantity,
    unit_of,
)
from extractors.contracts.prices.headers import (
    DANGLING,
    band_in_header,
    unrepresented,
    unwrapped_dates,
)
from extractors.contracts.prices.rows import RowContext, named_currency, vat_stated
from extractors.money import parse_amount
from extractors.types import ExtractedPriceTerm, Unit, UnreadPrice, VatBasis

if TYPE_CHECKING:
    from extractors.contracts.prices.columns import Column
    from extractors.contracts.prices.layout import Line

NumberStyle = Literal["da", "en"]

_CURRENCY = r"(?:kr\.?|DKK|EUR|GBP|USD|SEK|NOK|CHF|€|£|\$|Kr\.?)"
#: the unit written after a price in its cell: "950,00 kr./time", "DKK 950 per hour"
_PER_PATTERN = (
    r"\s*(?:/|\bpr\b\.?|\bper\b)\s*"
    r"(?P<per>(?!(?:cent|procent|pct|percent)\b)[A-Za-zÆØÅæøå][\w.]*(?:\s+[\w.]+){0,3})"
)
_PER = re.compile(_PER_PATTERN + "$")
_AMOUNT = re.compile(
    rf"^(?:{_CURRENCY}\s*)?(?P<n>-?\d{{1,3}}(?:[.,\s]\d{{3}})+(?:[.,]\d{{1,4}})?|-?\d+(?:[.,]\d{{1,4}})?)"
    rf"(?P<dash>\s*[,.]-{{1,2}})?(?:\s*{_CURRENCY})?(?:{_PER_PATTERN})?$"
)
_ITEM_ID = re.compile(r"^(?=.*\d)[A-ZÆØÅa-zæøå0-9][A-ZÆØÅa-zæøå0-9\-./_]{0,19}$")
#: An item code of letters only, in a column its header names as the item's ("SK-ARM",
#: "CC-ENT", "LMS-HOST"): upper case, in parts joined by a hyphen, dot or slash.
_LETTER_CODE = re.compile(r"^[A-ZÆØÅ]{1,6}(?:[-./][A-ZÆØÅ0-9]{1,10})+$")
_TOTAL_ROW = re.compile(
    r"^(i alt|total|subtotal|sum|samlet|samlede|heraf|moms|tilbudssum|grand total|"
    r"total (price|amount|excl)|i alt ekskl|i alt inkl|årlig(t)? i alt|"
    # an estimate of the whole: "Anslået samlet kontraktsum pr. år", "Estimated total
    # contract value per year", "Kontraktsum i alt"
    r"anslået (samlet|total)|estimeret (samlet|total)|estimated total|samlet kontraktsum|"
    r"kontraktsum|kontraktværdi|contract (sum|value|total))(?![\w-])",
    re.IGNORECASE,
)


#: a row named as a sum, whatever its other cells say
_STRONG_TOTAL = re.compile(
    r"\bi\s+alt\s*$|^\s*sub-?total\b|^\s*grand\s+total\b|"
    # the sum phrase alone ("Samlet årligt vederlag"), not a deliverable's own price
    # ("Samlet pris for implementering")
    r"^\s*(?:samle(?:t|de)\s+(?:(?:årlig|månedlig)(?:t|e)?\s+)?(?:vederlag|pris(?:er)?|beløb|sum|"
    r"betaling|omkostning(?:er)?)|"
    r"total\s+(?:(?:recurring|annual|monthly|one-off)\s+)?(?:charges?|fees?|price|"
    r"amount|cost|recurring|annual|monthly))\s*(?:\(.*\))?\s*$",
    re.IGNORECASE,
)


def is_total_line(text: str) -> bool:
    """A line stating a total, subtotal or estimated contract sum: no price of its own."""
    return _TOTAL_ROW.match(text.strip()) is not None


_PRICE_ROLES = ("price", "tier", "total", "quantity")
#: a figure beside a currency ("4 DKK", "kr. 500")
CURRENCY_AMOUNT = re.compile(rf"\d\s?{_CURRENCY}(?!\w)|{_CURRENCY}\s?\d")
#: a sum of money: decimals, thousands, a Danish ",-", or a figure beside a currency
MONEY = re.compile(
    rf"\d[.,]\d{{2}}\b|\d{{1,3}}(?:[.,]\d{{3}})+(?![\d–-])|\d,-|{CURRENCY_AMOUNT.pattern}"
)


@dataclass(slots=True)
class RowCells:
    """One row: its text per column, and the lines it was read from."""

    cells: list[str]
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " | ".join(c for c in self.cells if c)

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        words = [w for line in self.lines for w in line.words]
        if not words:
            return None
        return (round(min(w.x0 for w in words), 1), round(min(w.top for w in words), 1),
                round(max(w.x1 for w in words), 1), round(max(w.bottom for w in words), 1))  # fmt: skip


def _main(text: str) -> str:
    """A cell's text without what it adds in parentheses ("24,74 kr. (30,93 kr.)": the
    price incl. VAT given for information)."""
    stripped = re.sub(r"\([^)]*\)", " ", text)
    # a parenthesis the line broke ("19,17 DKK (23,96" over "DKK)")
    stripped = re.sub(r"\([^)]*$", " ", stripped).strip()
    return stripped or text.strip()


def _has_unit(cells: list[str], roles: list[str]) -> bool:
    """Whether the row's unit column names a unit ("stk.", "pr. måned")."""
    return any(
        r == "unit" and t and unit_of(t) is not None for t, r in zip(cells, roles, strict=True)
    )


def _plain(row: RowCells) -> str:
    """The row's text as one line, its cells run together ("Anslået | samlet
    kontraktsum" reads "Anslået samlet kontraktsum")."""
    return " ".join(c for c in row.cells if c)


def _dated_year(cells: list[str], roles: list[str]) -> bool:
    """Whether every amount in the row's price columns is a bare year ("2025") that
    completes a date written across the cells ("Date: March 23, | 2025"): a signature
    block or a dated note below the table, no price."""
    years = [t.strip() for t, r in zip(cells, roles, strict=True)
             if r in _PRICE_ROLES and is_amount(t)]  # fmt: skip
    if not years or not all(_YEAR.fullmatch(y) for y in years):
        return False
    from extractors.contracts.patterns import find_dates

    dated = {str(d.year) for d, _ in find_dates(" ".join(c for c in cells if c))}
    return all(y in dated for y in years)


_YEAR = re.compile(r"(19|20)\d\d")


def is_amount(text: str) -> bool:
    return bool(text) and _amount_match(text) is not None


def _amount_match(text: str) -> re.Match[str] | None:
    """The cell's amount, with a unit after it only when it names one ("950,00
    kr./time"; not "50 procent", "25 produkter")."""
    match = _AMOUNT.match(_main(text))
    if (
        match is not None
        and match.group("per")
        and unit_in_cell("pr. " + match.group("per")) is None
    ):
        return None
    return match


def is_item_id(text: str, *, in_id_column: bool = True) -> bool:
    """An item number ("AB-1234", "2.10", "101"). Outside an id column, a number that could
    be an amount ("2.10") is not taken for one."""
    text = text.strip()
    if not _ITEM_ID.match(text):
        return False
    return in_id_column or not re.search(r"\d[.,]\d{2}$", text)


def number_style(texts: list[str]) -> NumberStyle | None:
    """The table's decimal convention, from every amount in it, or None if undecided."""
    da = en = 0
    for text in texts:
        match = _AMOUNT.match(_main(text))
        if match is None:
            continue
        number = match.group("n")
        if match.group("dash") and "," in match.group("dash"):
            da += 1
        if re.search(r",\d{1,2}$|\.\d{3},", number):
            da += 1
        elif re.search(r"\.\d{1,2}$|,\d{3}\.", number):
            en += 1
    if da == en:
        return None
    return "da" if da > en else "en"


def amount(text: str, style: NumberStyle | None, language: str) -> Decimal | None:
    match = _amount_match(text)
    if match is None:
        return None
    number = match.group("n").replace(" ", "")
    if match.group("dash"):
        number = number.rstrip(",.")
    locale = style or _locale_of(number, language)
    try:
        return parse_amount(number, locale=locale)
    except ValueError:
        try:
            return parse_amount(number, locale="en" if locale == "da" else "da")
        except ValueError:
            return None


def _locale_of(number: str, language: str) -> str:
    if re.search(r",\d{1,2}$", number):
        return "da"
    if re.search(r"\.\d{1,2}$", number):
        return "en"
    return "da" if language == "da" else "en"


def _band(
    text: str, language: str, *, bare: bool, weights: bool = True, worded: bool = False
) -> tuple[Decimal | None, Decimal | None] | None:
    if DANGLING.search(text):
        return None  # a band cut off ("Fra 50 til", its end on the next line): not read
    match = BAND_RE.search(text)
    if match is not None:
        return band_of(match, language)
    found = band_in_header(text, language)
    if found is not None:
        return found
    if bare:  # a band column's cell: "0-500", "over 2.000", "1-10 packs", "50 og derover"
        words = text.split()
        # only a band's own words and what it counts: "Kl. 8-16", "Str. 36-40", "0-3 mdr",
        # "2025-2026" are hours, sizes, periods and years, no volume band
        counts = _COUNT_NOUN if weights else _COUNT_NOUN_ONLY
        foreign = [w for w in words if w[0] not in "0123456789+-–"
                   and w.lower() not in _BAND_WORDS and not counts.match(w)]  # fmt: skip
        years = [n for n in re.findall(r"\b\d{4}\b", text) if 1900 <= int(n) <= 2100]
        # "08-16", "22-08": hours of the day (a leading zero), not counts
        clock = re.search(r"(?<![\d.,])0\d", text)
        if not words or foreign or years or clock:
            return None
        spelled = WORDED_BAND_RE.match(" ".join(words)) if worded else None
        if spelled is not None:
            low = quantity(spelled.group("lo"), language)
            high = quantity(spelled.group("hi"), language)
            return (low, high) if low <= high else None
        core = " ".join(w for w in words if not _COUNT_NOUN.match(w))
        for candidate in (f"{core} stk", re.sub(r"(\d[\d.,]*)(?!.*\d)", r"\1 stk", core, count=1)):
            match = BAND_RE.search(candidate)
            found = band_of(match, language) if match is not None else None
            if found is not None and (found[0] is None or found[1] is None or found[0] <= found[1]):
                return found
        if not worded and re.search(r"\d\s+(?:til|to|and|og)\s+\d", text, re.IGNORECASE):
            return None  # a range in words only where a band is expected (``worded``)
        return band_in_header(f"{text} brugere", language)
    return None


#: a name that goes on: "Rengøringsmiddel," / "Middel til" over "parfumefri, 1 l"
_OPEN_END = re.compile(r"(?:[,(/-]|\b(?:og|med|til|for|af|i|uden|and|with|for|of|in))\s*$",
                       re.IGNORECASE)  # fmt: skip
#: a unit of measure alone
_MEASURE = re.compile(r"(?:ml|cl|dl|l|g|kg|mg|cm|mm|m|m2|m²|m3|stk\.?|pcs)", re.IGNORECASE)
#: a quantity column of estimates: "Forventet antal", "Anslået forbrug", "Estimated qty"
_ESTIMATE = re.compile(r"forvent|anslå|skøn|estimat|expected|approx", re.IGNORECASE)
#: what a volume band counts: pieces, packs, users, inhabitants, transactions, orders,
#: or weighs ("1-99 kg", "500 kg og derover": in a band column, the quantity bought)
_COUNTS = (
    r"stk|styk|pcs|pieces?|units?|enheder|pakker?|pk|packs?|packages?|kasser?|boxes|"
    r"æsker?|ruller?|rolls?|sæt|sets?|brugere?|users?|licenser|licens|licen[cs]es|indb|"
    r"indbyggere|inhabitants|borgere|transaktioner|transactions|ordrer|orders|sider|pages|"
    # hours bought, in a band column ("0-100 timer", "over 100 hours")
    r"timer|hours"
)
_COUNT_NOUN = re.compile(
    rf"^(?:{_COUNTS}|kg|kilo|kilogram|tons?|liter|litre|liters|litres|ltr|l|m3|m³)\.?$",
    re.IGNORECASE,
)
#: the same without weights
_COUNT_NOUN_ONLY = re.compile(rf"^(?:{_COUNTS})\.?$", re.IGNORECASE)


def band_cell(
    text: str, language: str, *, weights: bool = True, worded: bool = True
) -> tuple[Decimal | None, Decimal | None] | None:
    """The volume band a cell that holds nothing else states ("0-500", "1-10 packs", "50 og
    derover", with ``worded`` "Fra 10 til 49"), or None; with ``weights`` false, a weight
    ("1-99 kg") is none."""
    return _band(text, language, bare=True, weights=weights, worded=worded)


#: the words of a volume band itself, whatever it counts ("over 50 packs", "50 og derover")
_BAND_WORDS = frozenset(
    [
        "over",
        "mere",
        "flere",
        "end",
        "more",
        "than",
        "above",
        "fra",
        "from",
        "op",
        "til",
        "up",
        "to",
        "under",
        "og",
        "eller",
        "derover",
        "opefter",
        "or",
        "and",
        "greater",
    ]
)


ReadRow = list[ExtractedPriceTerm] | UnreadPrice | None


#: the start of a volume band cut off at its dash: "2.000 -", "10 til"
_BAND_START = re.compile(r"^\s*\d[\d.,]*\s*(?:[-–]|til|to)\s*$", re.IGNORECASE)


def _band_into_its_column(cells: list[str], roles: list[str], language: str) -> list[str]:
    """The row's cells with a volume band that spilled into the description column
    moved back to the band or quantity column after it: a band printed wider than its
    column's header ("2.000 -" | "4.999 liter", "5.000 liter og derover" | ""), on the
    band rows under an item named only on the first."""
    for i in range(len(cells) - 1):
        if roles[i] != "description" or roles[i + 1] not in ("band", "quantity"):
            continue
        text, after = cells[i].strip(), cells[i + 1].strip()
        if _BAND_START.match(text) and after:
            joined = f"{text} {after}"
        elif text and not after:
            joined = text
        else:
            continue
        if band_cell(joined, language) is not None:
            return [*cells[:i], "", joined, *cells[i + 2 :]]
    return cells


def read_row(
    columns: list[Column],
    row: RowCells,
    page: int,
    ctx: RowContext,
    style: NumberStyle | None,
    above: ExtractedPriceTerm | None = None,
    caption: str = "",
) -> ReadRow:
    """The row's price terms; an ``UnreadPrice`` when it holds an amount that was not read;
    None when it holds no amount (a group label, an empty row) or is a total row.

    ``above`` is the term read from the row above: a row that states only a volume band
    and its price continues that item (a cell spanning the item's band rows). ``caption``
    is the text just above the table's header, which may name the unit of every price
    ("Priser pr. indbygger pr. år")."""
    roles = [c.role.role for c in columns]
    cells = _band_into_its_column(row.cells, roles, ctx.language)
    has_amount = any(is_amount(t) for t, r in zip(cells, roles, strict=True) if r in _PRICE_ROLES)
    if has_amount and _dated_year(cells, roles):
        return None  # "Date: 23 March | 2025": a date's year fell in a price column
    if not has_amount:
        # a sum of money the columns did not deliver as one amount ("27 DKK 2.646.000 DKK"
        # in one cell) is a row not read, never a row without a price
        if any(MONEY.search(t) for t in cells) and not is_total_line(_plain(row)):
            return _unread(row, page, "price not in one cell")
        return None
    text_cells = [
        t for t, r in zip(cells, roles, strict=True) if r in ("description", "other") and t
    ]
    description = " ".join(t for t, r in zip(cells, roles, strict=True) if r == "description" and t)
    item_id = None
    for text, role in zip(cells, roles, strict=True):
        if role == "item" and text:
            code = text.replace(" ", "")
            if is_item_id(code) or _LETTER_CODE.match(code):
                item_id = code
            elif not description:
                description = text
    if not description:
        description = max(text_cells, key=len) if text_cells else ""
    if item_id is None and (
        (is_total_line(description or _plain(row)) and not _has_unit(cells, roles))
        or _STRONG_TOTAL.search(description or _plain(row))
    ):
        # a total (a product named "Total Care" or "Sum-up kit" has an item number or a
        # unit of its own); one named as a sum is a sum, unit cell or not ("Samlet årligt
        # vederlag | pr. år", "Optioner i alt", "Subtotal recurring | per month")
        return None
    # a band column's cell, or a range in a quantity column ("Antal": "1-99 transaktioner",
    # "100+"): an expected quantity is one number, a range or an open end is a volume band
    band = next((b for t, r, c in zip(cells, roles, columns, strict=True)
                 if r in ("band", "quantity") and t
                 and (b := _band(t, ctx.language, bare=r == "band", worded=r == "band")
                      or (r == "quantity" and band_cell(
                          t, ctx.language, worded=not _ESTIMATE.search(c.header))))),
                None)  # fmt: skip
    spanned = not description and item_id is None and band is not None and above is not None
    if spanned and above is not None:
        item_id, description = above.item_id, above.description
    elif (
        item_id is None
        and band is not None
        and above is not None
        and above.tier_min is not None
        and description[:1].islower()
        and (
            _OPEN_END.search(above.description) is not None
            # a measure cut from its number: "Rengøringsmiddel, 1" over "l"
            or (_MEASURE.fullmatch(description) is not None and above.description[-1:].isdigit())
        )
        and not above.description.endswith(description)
    ):
        # the item's name wrapped onto its next band's line ("Rengøringsmiddel," over
        # "parfumefri, 1 l | Fra 10 til 49 | ..."): the item's, whole, on both bands
        above.description = f"{above.description} {description}"
        item_id, description = above.item_id, above.description
        spanned = True
    fragment = (
        item_id is None and band is not None and above is not None and description[:1].islower()
    )  # a band row under an item, its own name lower-case: the item's wrapped name, a
    # variant ("inkl. montering") or a product ("iPhone 15")? read as written, for review
    unit, confidence = _unit(columns, cells, description)
    if unit is None and spanned and above is not None:
        unit = above.unit
    if unit is None and band is not None:
        unit = _band_unit(cells, roles)
    if band is None and description:
        at_end = BAND_AT_END_RE.search(description)
        if at_end is not None:
            band = _band(at_end.group(0), ctx.language, bare=False)
            description = description[: at_end.start()].strip(" ,–-")
        elif (first := NOUN_FIRST_BAND_RE.search(description)) is not None:
            # what it counts before the band: "Core HR, users 1-500", "brugere 2.001+"
            band = _band(f"{first['band']} {first['noun']}", ctx.language, bare=False)
            description = description[: first.start()].strip(" ,–-")
    description = " ".join(description.split())
    if not description:
        return _unread(row, page, "no description")
    terms = _priced(columns, cells, page, ctx, style)
    if not terms:
        return _unread(row, page, "no unit price column with an amount")
    if any(value < 0 for _, value in terms):
        # "Rabat, første kontraktår | pr. år | -6.000,00": a discount or a credit, no
        # agreed price; shown for review
        return _unread(row, page, "a negative amount (a discount?)")
    if len(terms) == 1 and _rival_prices(columns, cells, terms[0][0], style, ctx.language):
        confidence = min(confidence, 0.6)  # two prices, neither named the agreed one
    doubt: str | None = None
    if (
        len(terms) == 1
        and terms[0][0].role.role == "price"
        and LIST_PRICE.search(terms[0][0].header)
    ):
        # a list price and no agreed price beside it: the agreement charges the list
        # price less the row's discount ("Listepris | Rabat 35 %"), else less a discount
        # stated elsewhere, or the list price itself: shown for review either way
        discount = _discount(columns, cells)
        doubt = f"list price {terms[0][1]} less the row's {discount} % discount"
        in_header = HEADER_DISCOUNT.search(terms[0][0].header)
        if discount is None and in_header is not None:  # "List price (less 8 % discount)"
            discount = Decimal(in_header["pct"].replace(",", "."))
            doubt = f"list price {terms[0][1]} less the {discount} % discount of its header"
        elif discount is None:
            doubt = LIST_PRICE_DOUBT
        if discount is not None:
            net = terms[0][1] * (100 - discount) / 100
            terms = [(terms[0][0], net.quantize(Decimal("0.01"), ROUND_HALF_UP))]
        confidence = min(confidence, 0.7)
    if fragment:
        confidence = min(confidence, 0.6)
    every_band: bool | None = False
    if len(terms) == 1 and terms[0][0].role.role == "tier":
        every_band = _spans_the_bands(columns, row, terms[0][0])
        if every_band is None:
            confidence = min(confidence, 0.6)  # all bands' price, or the middle band's?
    # what the row's own words say of its price's VAT, if anything (not its amounts)
    own_vat = vat_stated(
        " ".join(t for t, r in zip(cells, roles, strict=True) if r not in _PRICE_ROLES and t)
    )
    out = []
    windows = (
        period_windows([col for col, _ in terms])
        if len(terms) > 1 and terms[0][0].role.role == "price" and _period(terms[1][0])
        else [(None, None, None)] * len(terms)
    )
    for (col, value), (valid_from, valid_to, years) in zip(terms, windows, strict=True):
        # a unit cell that names a unit we do not know ("pr. løbende meter") is not read:
        # never one borrowed from the caption or the page ("... højst 4,5 % pr. år")
        stated = any(r == "unit" and t.strip() for t, r in zip(cells, roles, strict=True))
        if _PER_N.search(unwrapped_dates(col.header)) or unrepresented(col.header):
            # the price column prices per hundred, per thousand ("Pris pr. 100 stk."): the
            # unit cell's "stk." says what is counted, not what the price is for
            return _unread(row, page, "unit not recognised")
        term_unit = col.role.unit or unit or (None if stated else _table_unit(caption, columns))
        if col.role.unit is not None and stated:
            # the row's unit cell against its price column's header ("pr. km" under
            # "Timepris", "pr. stk." under "Månedspris"): the row's own unit, for review;
            # a unit cell that only names the counted subject ("pr. bruger pr. md." under
            # "Pris pr. md.") refines the header's
            term_unit, confidence = _row_over_header(
                col.role.unit, _unit_cell(columns, cells), term_unit, confidence
            )
        own = unit_of(_cell(columns, cells, col)) if col.role.unit is not None else None
        if own is not None and own is not col.role.unit:
            # "3,50 kr. pr. km" under "Timepris": the amount's own unit, for review
            term_unit, confidence = own, min(confidence, _CONTRADICTED)
        if term_unit is None:
            return _unread(row, page, "unit not recognised")
        tier_min, tier_max = (col.role.tier_min, col.role.tier_max) if col.role.role == "tier" \
            else (band or (None, None))  # fmt: skip
        if every_band is not False:  # spanning, or maybe: every band's (for review)
            tier_min, tier_max = band or (None, None)
        # the column's own basis ("Pris ekskl. moms", "Pris*" over "* inkl. moms"), else
        # what the page or the contract says of its prices
        vat: VatBasis = "incl" if col.role.vat == "incl" else "excl" if col.role.vat else ctx.vat
        if own_vat is not None and own_vat != vat:
            # the row's own words on its price ("Juice, karaffel (pris inkl. moms)" under
            # "Pris ekskl. moms"): that row's basis, against its column's or the page's,
            # so for review
            vat, confidence = own_vat, min(confidence, _CONTRADICTED)
            doubt = doubt or (
                f"the row says its price is {'incl.' if own_vat == 'incl' else 'excl.'} VAT, "
                "its column or page the opposite"
            )
        currency = (
            named_currency(_cell(columns, cells, col))
            or _currency_cell(columns, cells)
            or col.role.currency
            or ctx.currency
        )
        checked = _checked(columns, cells, value, confidence, style, ctx.language)
        if value == 0:  # free or included ("Fragt ved ordrer over 1.000 kr. | 0,-"): its
            # conditions, if any, are in words a person reads before a charge is a breach
            checked, doubt = min(checked, _FREE), doubt or FREE_DOUBT
        band_of_day, named, said = col.role.time_band, description, doubt
        if band_of_day is not None:  # one of the item's prices by time of day or week
            named = f"{description} – {band_of_day}"
            checked = min(checked, _TIME_BAND)
            said = doubt or TIME_BAND_DOUBT.format(band=band_of_day)
        out.append(ExtractedPriceTerm(
            item_id=item_id, description=named, unit=term_unit, unit_price=value,
            currency=currency, vat=vat, tier_min=tier_min, tier_max=tier_max, page=page,
            confidence=checked, valid_from=valid_from, valid_to=valid_to,
            contract_years=years, doubt=said, time_band=band_of_day,
        ))  # fmt: skip
    return out


def _cell(columns: list[Column], cells: list[str], column: Column) -> str:
    return cells[columns.index(column)]


#: a cell that holds a currency and nothing else (a "Valuta" / "Currency" column)
_CURRENCY_CELL = re.compile(r"(?i)(?:[A-Z]{3}|kr\.?|€|£|\$)")


def _currency_cell(columns: list[Column], cells: list[str]) -> str | None:
    """The currency the row's own currency cell names ("EUR" beside "25,93"), if one
    of its cells outside the prices is a currency alone."""
    for column, text in zip(columns, cells, strict=True):
        if column.role.role in _PRICE_ROLES or not _CURRENCY_CELL.fullmatch(text.strip()):
            continue
        found = named_currency(text.strip())
        if found is not None:
            return found
    return None


def _unit(columns: list[Column], cells: list[str], description: str) -> tuple[Unit | None, float]:
    """The row's unit: its unit column, else a unit named in the description (held for
    review when the unit column names a unit not read: "lokation" beside "Årligt
    eftersyn ...", the description's "årligt" only a guess)."""
    unknown = False
    for column, text in zip(columns, cells, strict=True):
        if column.role.role == "unit" and text:
            unit = unit_in_cell(text)
            if unit is not None:
                return unit, 0.97
            unknown = True
    for column, text in zip(columns, cells, strict=True):
        unit = price_cell_unit(text) if column.role.role == "price" else None
        if unit is not None:  # "950,00 kr./time"
            return unit, 0.95
    unit = unit_of(description)
    return unit, _GUESSED_UNIT if unknown else 0.9


#: the confidence of a unit read from the description beside a unit cell not read
_GUESSED_UNIT = 0.7


def _unit_cell(columns: list[Column], cells: list[str]) -> str:
    return " ".join(t for c, t in zip(columns, cells, strict=True) if c.role.role == "unit" and t)


#: a header's period, and the units of a counted subject priced per that period
_REFINED = {
    Unit.MONTH: frozenset({Unit.USER_MONTH}),
    Unit.YEAR: frozenset({Unit.USER_YEAR, Unit.INHABITANT_YEAR}),
}
#: a period's price
_PERIODS = frozenset({Unit.MONTH, Unit.QUARTER, Unit.YEAR, Unit.WEEK})
#: a unit cell naming what a price is per ("pr. udskiftning", "per replacement")
_NAMES_A_UNIT = re.compile(r"(?i)^\s*(?:pr\.?|per|/)\s*\w")


def _row_over_header(
    header: Unit, text: str, unit: Unit | None, confidence: float
) -> tuple[Unit | None, float]:
    """The unit of a row whose unit cell says ``text`` under a price column whose header
    names ``header``: the cell's when it names another unit (held for review, the two
    contradicting each other) or refines the header's; the header's, held for review,
    when the cell names a unit we cannot read ("pr. udskiftning" under "pr. md.")."""
    own = unit_in_cell(text)
    if own is None:
        if _NAMES_A_UNIT.match(text) and not _PERIOD_ONLY.fullmatch(text.strip().lower()):
            return unit, min(confidence, _CONTRADICTED)
        return unit, confidence
    if own is header:
        return header, confidence
    if own in _REFINED.get(header, frozenset()):
        return own, confidence
    if own is Unit.PIECE and header in _PERIODS:
        # a thing priced per period ("pr. stk." under "Leje pr. md."): the period's
        # price, as "pr. stk. pr. måned" is
        return header, confidence
    return own, min(confidence, _CONTRADICTED)


#: a unit cell that restates a period alone ("pr. md.", "/år")
_PERIOD_ONLY = re.compile(r"(?:pr\.?|per|/)\s*(?:md\.?|mdr\.?|måned|år|month|year|kvartal|quarter)")


def _spans_the_bands(columns: list[Column], row: RowCells, column: Column) -> bool | None:
    """Whether a row's one price among two or more band columns is every band's price: True
    when its amount reaches over more than one band column (a cell spanning them); None
    when it stands centred under all of them but within one column (a spanning cell, or
    the middle band's price alone: for review); False when it stands in its own band's
    column only, as that band's price ("100,00 | - | -")."""
    tiers = [c for c in columns if c.role.role == "tier"]
    if len(tiers) < 2:
        return False
    words = [w for line in row.lines for w in line.words
             if (is_amount(w.text) or named_currency(w.text)) and column.left - 40 <= w.x0
             and w.x1 <= column.right + 40]  # fmt: skip
    if not any(is_amount(w.text) for w in words):
        return None
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    others = [c for c in tiers if c is not column]
    if any(x0 < c.right and x1 > c.left for c in others if c.right != float("inf")):
        return True  # the amount itself stands over another band's column
    left, right = min(c.x0 for c in tiers), max(c.x1 for c in tiers)
    centred = abs((x0 + x1) / 2 - (left + right) / 2) <= 0.1 * (right - left)
    empty = all(not t for c, t in zip(columns, row.cells, strict=True) if c in others)
    return None if centred and empty else False


def price_cell_unit(text: str) -> Unit | None:
    """The unit a price cell names after its amount ("950,00 kr./time": per hour)."""
    per = _PER.search(_main(text)) if text and is_amount(text) else None
    return unit_in_cell("pr. " + per.group("per")) if per is not None else None


def _band_unit(cells: list[str], roles: list[str]) -> Unit | None:
    """The unit a row's volume band counts in, when it counts pieces ("101+ stk.": the
    price is per piece); a band of users or inhabitants names no period, so no unit."""
    for text, role in zip(cells, roles, strict=True):
        if role == "band" and text and unit_in_cell(text) is Unit.PIECE:
            return Unit.PIECE
    return None


_ESTIMATE_WORDS = re.compile(r"estim|forventet|anslået|forbrug|mængde|consumption|volume|"
                             r"expected|quantit|%|procent|per\s+cent|reguler|indeks|index",
                             re.IGNORECASE)  # fmt: skip


#: a caption's price per unit of whatever each row sells ("Priser pr. enhed", "Prices per
#: unit"): no unit of its own
_PER_ANY_UNIT = re.compile(r"\b(?:pr\.?|per)\s+(?:enhed|unit|item)\b", re.IGNORECASE)


def _table_unit(caption: str, columns: list[Column]) -> Unit | None:
    """A unit for the whole table: named in its caption, or by its volume bands' noun
    ("0-20.000 indb.": a price per inhabitant, which public contracts state per year)."""
    # a caption about the estimated consumption ("Estimeret årligt forbrug") or about
    # adjusting the prices ("dog højst 4,5 % pr. år") names no unit of the prices
    unit = unit_of(caption) if caption and not _ESTIMATE_WORDS.search(caption) else None
    if unit is not None and not _PER_ANY_UNIT.search(caption):
        return unit  # not "Priser pr. enhed": each row's own unit, whatever it is
    headers = " ".join(c.header for c in columns if c.role.role == "tier").lower()
    if re.search(r"indb|inhabitant|borger|citizen", headers):
        return Unit.INHABITANT_YEAR
    if headers and re.search(r"\b(?:stk|styk|pcs|pieces|items)\b", headers):
        return Unit.PIECE  # "Pris 1-49 stk.": a price a piece, by the pieces ordered
    return None


_PERIOD = (
    # (not "one-time": once, a fixed fee)
    (re.compile(r"(?<!one-)(?<!one )\b(time|timer|timen|tim|timepris|timesats|hour|hours|hourly|hr|hrs|t)\b\.?"),
     Unit.HOUR),
    (re.compile(r"\b(måned\w*|md|mdr|mdl|month\w*|mth|mo|månedlig\w*)\b"), Unit.MONTH),
    (re.compile(r"(\bår\b|\båret\b|\bårs|årlig|\byear|annual|annum|yearly|\bp\.?a\b)"), Unit.YEAR),
    (re.compile(r"\b(kvartal\w*|quarter(?:ly|s)?|qtr)\b(?![-\s]hour)"), Unit.QUARTER),
    (re.compile(r"\b(uge|uger|ugen|ugentlig\w*|week|weeks|weekly|wk)\b"), Unit.WEEK),
)  # fmt: skip
#: a fee paid once, whatever period its cell names
_ONCE = re.compile(r"engangs|éngangs|one-off|one-time|\bonce\b|lump")
_SUBJECT = (
    (re.compile(r"bruger|user|licens|license|licence|seat|named|arbejdsplads|workstation|"
                r"\belev|student|pupil|medarbejder|employee|\bansat|lærer|teacher"), "user"),
    (re.compile(r"indbygger|\bindb\b|inhabitant|borger|citizen|resident|capita"), "inhabitant"),
    (re.compile(r"transaktion|transaction|opslag|lookup|forsendelse|dispatch|\bkald\b|\bcall\b|"
                r"^(?:pr\.?\s*|per\s+)?(?:side|page|sider|pages)\.?$|"
                r"brev|letter|message|besked|sms|dokument|document|sag\b|ansøgning|"
                # a support case; a case alone is a carton, counted like a piece
                r"\b(?:support|service|incident|help\s*desk|sags)\s*cases?\b"),
     "transaction"),
    (re.compile(r"engangs|one-off|one-time|once|fast pris|fastpris|fixed|lump|samlet|éngangs|"
                r"fast beløb|\bfast\b|flat"), "fixed"),
    (re.compile(r"\bstk\b|styk|piece|each|\bunit\b|\bea\b|enhed|token|licensnøgle|"
                # a unit of sale counted like a piece: a pack, a box, a roll
                r"\bpakke|\bpk\b|\bæske|\bkasse\b|\bkarton|\brulle|\brl\b|\bsæt\b|\bpack(?:age)?\b|"
                r"\bbox\b|\bcarton\b|\broll\b|\bcases?\b|\bblok(?:ke)?\b|\bsets?\b(?!-)|\bpads?\b|"
                # a tray, a sack, a bucket, a bottle: sold as one, whatever it holds
                r"\bbakke\b|\bsæk\b|\bspand\b|\bdunk\b|\bflaske\b|\bdåse\b|\bpose\b|"
                r"\btray\b|\bsack\b|\bbag\b|\bbucket\b|\bbottle\b|\btub\b|"
                # an occasion counted like a piece: a visit, a delivery, a call-out, a portion
                r"\bbesøg\b|\blevering\b|\bleverance\b|\budkald\b|\bportion\b|\bkuvert\b|"
                r"\bpar\b|\bgang\b|\bordre\b|\bnormalside\b|\bvisit\b|\bdelivery\b|"
                r"\bcall-?out\b|\bpair\b|\boccasion\b|\border\b|"
                # a trip, a collection, an emptying, a window cleaned, a container
                r"\btur\b|\bture\b|\bkørsel\b|\btømning\b|\bafhentning\b|\budrykning\b|"
                r"\bvindue\b|\bcontainer\b|\btrip\b|\bride\b|\bjourney\b|\bcollection\b|"
                r"\bemptying\b|\bwindow\b|\bløft\b|\blift\b|"
                # a sales unit's abbreviation or name: bottle, case, bundle, tin, parcel,
                # pallet, ream, drum ("fl.", "ks.", "bdt.", "ds.", "kolli")
                r"^(?:fl|ks|bdt|ds|kolli|palle|pallet|ream|drum|tønde|bundt)\.?"
                # ... and what it holds: "kolli à 10 l", "fl. à 1 l", "ks. (6 stk.)"
                r"(?:\s*(?:à|á|a|of|med|with)\s+[^,;]{1,25}|\s*\([^)]{1,25}\))?$"), "piece"),
)  # fmt: skip
#: a price header per N units ("Pris pr. 100 stk.", "Pris pr. 100", "Price per 1,000")
_PER_N = re.compile(r"(?:\bpr\.?|\bper)\s*(?!1(?![\d.,]\d))(?!\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4})"
                    r"(?!\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4})"  # "pr. 2026-06-01"
                    r"(?!\d{1,2}\.?\s*[a-zæøå]{3,}\.?\s+\d{4})\d[\d.,]*(?!\s*(?:%|procent|pct|per\s*cent))",
                    re.IGNORECASE)  # fmt: skip
_PER_WORD = r"(?:(?:kr\.?|dkk)\s*)?(?:pr\.?\s*|per\s+|/\s*)"
#: a cell that is a unit of measure itself ("kg", "pr. kg", "per kilo", "km", "kr./km",
#: "m²", "lbm", "liter", "døgn"); "Sæk 25 kg" is a sack, priced per sack, not per kilogram
_MEASURE_CELLS = tuple(
    (re.compile(rf"(?:{_PER_WORD})?(?:{words})\.?"), unit)
    for words, unit in (
        (r"kg|kilo(?:gram)?s?", Unit.KG),
        (r"tons?|tonnes?|metric\s+tons?", Unit.TONNE),
        (r"km|kilomet(?:er|re)s?|kørte?\s+km", Unit.KM),
        (r"m²|m2|kvm|kvadratmeter|square\s+met(?:er|re)s?|sq\.?\s*m", Unit.SQUARE_METRE),
        (r"m³|m3|kubikmeter|cubic\s+met(?:er|re)s?", Unit.CUBIC_METRE),
        (r"m|meter|metre|meters|metres|lbm|lb\.?\s*m|løbende\s+meter|"
         r"(?:linear|running)\s+met(?:er|re)s?", Unit.METRE),
        (r"l|ltr|liter|litre|liters|litres", Unit.LITRE),
        (r"dag|dage|døgn|day|days|arbejdsdag|kalenderdag|dagsleje|døgnleje|24\s*(?:hours|timer)",
         Unit.DAY),
        (r"ha|hektar|hectares?", Unit.HECTARE),
    )
)  # fmt: skip
#: a measure named after "pr."/"per" anywhere in a cell ("Kørsel pr. km", "Pris pr. m²")
_MEASURE_PER = re.compile(
    r"(?:\bpr\.?|\bper|/)\s*(?:(?P<km>km|kilomet(?:er|re))|(?P<m2>m²|m2|kvm)|(?P<m3>m³|m3)|"
    r"(?P<t>tons?|tonnes?)|(?P<l>liter|litre|ltr)|(?P<day>dag|døgn|day|24\s*(?:hours|timer))|"
    r"(?P<ha>ha|hektar|hectare))(?!\w)"
)
_MEASURE_NAMES = {"km": Unit.KM, "m2": Unit.SQUARE_METRE, "m3": Unit.CUBIC_METRE,
                  "t": Unit.TONNE, "l": Unit.LITRE, "day": Unit.DAY, "ha": Unit.HECTARE}  # fmt: skip


def unit_in_cell(text: str) -> Unit | None:
    """The unit a unit column's cell names, written as people write it: "pr. bruger pr.
    måned", "Bruger pr. md.", "User/month", "Indbygger pr. år", "hourly rate", "Time",
    "Stk.", "one-off fee", "årligt"."""
    lowered = text.lower()
    bare = lowered.strip()
    if UNREPRESENTED_UNIT.search(lowered) or (
        (bare[:1].isalnum() or bare[:1] in "½¼") and UNREPRESENTED_UNIT.match("pr. " + bare)
    ):
        # "pr. 1.000 stk.", "pr. m² pr. år", a unit cell "påbegyndt halve time", "m² pr.
        # år" or "100 stk." (its "pr." left out): no unit of ours, not read
        return None
    measure = next((unit for pattern, unit in _MEASURE_CELLS if pattern.fullmatch(bare)), None)
    if measure is not None:
        return measure
    period = next((unit for pattern, unit in _PERIOD if pattern.search(lowered)), None)
    per = _MEASURE_PER.search(lowered)
    if per is not None and period is None:  # "Kørsel pr. km", "Hovedrengøring pr. m²"
        return _MEASURE_NAMES[next(k for k, v in per.groupdict().items() if v)]
    subject = next((name for pattern, name in _SUBJECT if pattern.search(lowered)), None)
    if period is Unit.HOUR:
        return Unit.HOUR
    if subject == "user":
        return {Unit.MONTH: Unit.USER_MONTH, Unit.YEAR: Unit.USER_YEAR}.get(period)  # type: ignore[arg-type]
    if subject == "inhabitant":
        return Unit.INHABITANT_YEAR if period in (Unit.YEAR, None) else None
    if subject == "transaction":
        return Unit.TRANSACTION if period is None else None
    if subject == "fixed":
        # a fixed fee of a period ("fast pr. måned", "fixed fee per year") is that
        # period's price; once, or without a period, a fixed price
        return period if period is not None and not _ONCE.search(lowered) else Unit.FIXED
    if period is not None:
        return period
    return Unit.PIECE if subject == "piece" else unit_of(text)


def _priced(
    columns: list[Column], cells: list[str], page: int, ctx: RowContext, style: NumberStyle | None
) -> list[tuple[Column, Decimal]]:
    """(column, unit price) for each price the row states: its tier columns, or its one
    unit price column (excl. VAT preferred over unstated over incl. VAT)."""
    tiers = [(c, v) for c, t in zip(columns, cells, strict=True)
             if c.role.role == "tier" and (v := amount(t, style, ctx.language)) is not None]  # fmt: skip
    if tiers:
        return tiers
    prices = [(c, v) for c, t in zip(columns, cells, strict=True)
              if c.role.role == "price" and (v := amount(t, style, ctx.language)) is not None]  # fmt: skip
    if not prices:
        return []
    units = {c.role.unit for c, _ in prices}
    if len(prices) > 1 and len(units) == len(prices) and None not in units:
        return prices  # one price per unit ("pr. måned" | "pr. år")
    if len(prices) > 1 and len(units) == len(prices) and len(units - {None}) >= 2:
        # one price per unit, one of them a unit we do not know ("Døgnleje | Leje pr. uge
        # | Månedlig leje"): the row is listed as not read, never cut to its first price
        return prices
    periods = _by_period(prices)
    if periods:
        return periods  # one price per period ("Pris 2026" | "Pris 2027")
    bands = [(c, v) for c, v in prices if c.role.time_band is not None]
    if len(bands) > 1 and len({c.role.time_band for c, _ in bands}) == len(bands):
        return bands  # one price per time band ("Hverdage kl. 07-17" | "Helligdage")
    return [min(prices, key=_price_rank)]


_Period = tuple[date | None, date | None, int | None, int]


def _period(column: Column) -> _Period | None:
    role = column.role
    if role.valid_from is None and role.contract_year is None:
        return None
    return (role.valid_from, role.valid_to, role.contract_year, role.contract_years)


def _by_period(prices: list[tuple[Column, Decimal]]) -> list[tuple[Column, Decimal]]:
    """The row's price for each period its price columns name ("Pris 2026 | Pris 2027",
    "Pris | Pris pr. 1.1.2027", "År 1 | År 2"), the best ranked of each; none unless
    every column names one of two or more periods (the first may name none: it holds
    until the next begins) of one kind, in order, for one unit."""
    if len(prices) < 2 or len({c.role.unit for c, _ in prices}) > 1:
        return []
    groups: dict[_Period | None, list[tuple[Column, Decimal]]] = {}
    for priced in prices:
        groups.setdefault(_period(priced[0]), []).append(priced)
    keys = list(groups)
    if len(keys) < 2 or None in keys[1:]:
        return []
    named = [k for k in keys if k is not None]
    if len({k[2] is None for k in named}) > 1:  # calendar and contract years mixed
        return []
    if named[0][2] is None:
        # the first may hold up to a day ("Pris til og med 31.05.2026 | Ny pris pr.
        # 01.06.2026"), the others from theirs on
        until = named[0][1] if named[0][0] is None and keys[0] is not None else None
        dated = named[1:] if until is not None else named
        starts = [k[0] for k in dated if k[0] is not None]
        if len(starts) < len(dated) or starts != sorted(starts) or len(set(starts)) < len(starts):
            return []
        if until is not None and starts and starts[0] <= until:
            return []
        if keys[0] is None and named[0][1] is not None:
            return []  # "Pris | Pris 2027": the first's period unknown
    elif keys[0] is None or [k[2] for k in named] != sorted({k[2] or 0 for k in named}):
        return []
    return [min(groups[k], key=_price_rank) for k in keys]


def period_windows(
    columns: list[Column],
) -> list[tuple[date | None, date | None, tuple[int, int] | None]]:
    """Each period column's window (first day, last day, contract years (first, count)):
    a day on runs until the day before the next column's; the undated first column
    until the day before the second's."""
    out: list[tuple[date | None, date | None, tuple[int, int] | None]] = []
    for i, column in enumerate(columns):
        role = column.role
        start, end = role.valid_from, role.valid_to
        if end is None and role.contract_year is None and i + 1 < len(columns):
            following = columns[i + 1].role.valid_from
            end = following - timedelta(days=1) if following is not None else None
        years = None if role.contract_year is None else (role.contract_year, role.contract_years)
        out.append((start, end, years))
    return out


#: a column of the price the buyer pays under the agreement, beside a list price
AGREED_PRICE = re.compile(
    r"aftale ?pris|tilbuds ?pris|tilbudt|netto ?pris|kontrakt ?pris|rammeaftale ?pris|"
    r"rabat ?pris|efter rabat|rabatteret|\bagreed\b|\bcontract (?:price|rate)|"
    r"\bnet (?:unit )?(?:price|rate)|\boffer(?:ed)? price|\btender(?:ed)? price|discounted|"
    r"after discount|\bbid price",
    re.IGNORECASE,
)
#: a price for one time band of an item priced per time of day or week ("Hverdage kl.
#: 07-17 | Aften | Helligdage") is held for review: an invoice line rarely says which
#: band it bills, and the rules hold a line of the item to its dearest band
_TIME_BAND = 0.7
TIME_BAND_DOUBT = (
    "the price for one time band ({band}); an invoice line is held to the band its "
    "description names, else to the item's dearest band"
)
#: the confidence of a price whose cell names another unit than its column's header
#: ("3,50 kr. pr. km" under "Timepris"): a sentence run into the table, or a misprint
_CONTRADICTED = 0.7
#: a price of 0 is held for review: free, or included, perhaps only under a condition
_FREE = 0.7
FREE_DOUBT = "a price of 0: free or included, perhaps under a condition its description states"
#: the doubt of a list price read as the agreed one with no discount found
#: (``prices.discounted_list_prices`` may find the contract's)
LIST_PRICE_DOUBT = "a list price: the agreed price may be it less a discount"
#: a discount a list price column's header states: "List price (less 8% discount)"
HEADER_DISCOUNT = re.compile(
    r"(?:less|minus|fratrukket|med|with|ekskl\.?|excl\.?)\s+(?P<pct>\d{1,2}(?:[.,]\d{1,2})?)\s*%"
    r"\s*(?:rabat|discount)",
    re.IGNORECASE,
)
#: a list price: the vendor's reference, not what the agreement charges
LIST_PRICE = re.compile(
    r"liste ?pris|vejl(?:edende|\.)|brutto ?pris|katalog ?pris|før rabat|"
    r"\blist (?:price|rate)|\bcatalog(?:ue)? price|\bgross price|"
    r"\bretail|\brrp\b|before discount",
    re.IGNORECASE,
)
_VAT_RANK = {"excl": 0, None: 1, "incl": 2}


def _price_rank(priced: tuple[Column, Decimal]) -> tuple[int, int]:
    """The price column a row's price is read from, the first by this rank: the agreed
    price ("Aftalepris", "Nettopris", "Net price") over an unnamed one over a list price
    ("Listepris", "List price"); then excl. VAT over unstated over incl. VAT."""
    header = priced[0].header
    kind = 0 if AGREED_PRICE.search(header) else 2 if LIST_PRICE.search(header) else 1
    return kind, _VAT_RANK[priced[0].role.vat]


_DISCOUNT_HEADER = re.compile(r"rabat|discount", re.IGNORECASE)
_PERCENT = re.compile(r"^\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*%?\s*$")


def _discount(columns: list[Column], cells: list[str]) -> Decimal | None:
    """The percentage in the row's discount column ("Rabat", "Rabat i %": "35 %"), if any."""
    for column, text in zip(columns, cells, strict=True):
        if column.role.role == "price" or not _DISCOUNT_HEADER.search(column.header):
            continue
        match = _PERCENT.match(text)
        if match is not None and ("%" in text or "%" in column.header):
            return Decimal(match.group(1).replace(",", "."))
    return None


def _rival_prices(
    columns: list[Column], cells: list[str], chosen: Column, style: NumberStyle | None,
    language: str,
) -> bool:  # fmt: skip
    """Whether another price column of the row ranks as high as the one read and states
    another amount: nothing in the header tells which the agreement charges."""
    value = amount(_cell(columns, cells, chosen), style, language)
    rank = _price_rank((chosen, Decimal(0)))
    for column, text in zip(columns, cells, strict=True):
        if column is chosen or column.role.role != "price" or column.role.unit != chosen.role.unit:
            continue
        other = amount(text, style, language)
        if other is not None and other != value and _price_rank((column, other)) == rank:
            return True
    return False


def _checked(
    columns: list[Column], cells: list[str], price: Decimal, confidence: float,
    style: NumberStyle | None, language: str,
) -> float:  # fmt: skip
    """Lower the confidence when quantity x unit price does not give the row's total."""
    quantity = total = None
    for column, text in zip(columns, cells, strict=True):
        if column.role.role == "quantity":
            quantity = amount(text, style, language)
        elif column.role.role == "total":
            total = amount(text, style, language)
    if (
        quantity
        and total is not None
        and abs(quantity * price - total) > Decimal("0.01") * max(Decimal(1), quantity)
    ):
        return min(confidence, 0.6)
    return confidence


def _unread(row: RowCells, page: int, reason: str) -> UnreadPrice:
    return UnreadPrice(text=row.text, page=page, reason=reason, bbox=row.bbox)

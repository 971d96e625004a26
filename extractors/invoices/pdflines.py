"""Line items in invoice text: rows whose quantity x price gives their amount.

Contract: :func:`line_items` looks at the text below the first table header
(a line naming a quantity or price column) and keeps each row ending in an amount
``A`` with numbers ``q`` (quantity) and ``p`` (price) before it such that
``q x p = A`` to the øre, or ``q x p + VAT = A`` with the VAT amount between them.
Rows starting with a total word are skipped. Only exact arithmetic is accepted,
so a row is either read right or not at all.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from extractors.invoices.common import unit_price
from extractors.invoices.pdftext import date_span, group_gaps, join_groups, tokens
from extractors.money import to_ore
from extractors.types import ZERO, ParsedInvoiceLine

#: the header row of an invoice's lines ("Beskrivelse Antal Pris Beløb")
TABLE_HEADER = re.compile(
    r"(?i)\b(qty|quantity|antal|menge|aantal|nombre|hoeveelheid|stk\.?|rate|price|pris|prijs|"
    r"p\.u\.|vk-preis|enhedspris|unit\s*price)\b"
)
_TOTAL_ROW = re.compile(
    r"(?i)^\W*(sub\s*total|total|subtotal|i\s*alt|sum|totaal|grand|balance|moms|vat|tax|btw|tva)\b"
)
_ITEM_CODE = re.compile(
    r"^(?:\[([^\]]+)\]|([A-Z]{0,4}\d[\w./-]*|[A-Z]+[_-]\w+|(?=[A-Z._-]*\d)[A-Z]{1,6}(?:[._-][A-Z0-9]+)+"
    # printed in lower case: "dl-40", "ab-1020" (two digits at least: "a-4" is a size)
    r"|[a-z]{1,4}-\d{2,}[\w./-]*))$"
)
UNIT_CODES = {
    "stk": "EA", "stk.": "EA", "pcs": "EA", "pc": "EA", "units": "EA", "unit": "EA", "ea": "EA",
    "timer": "HUR", "time": "HUR", "hours": "HUR", "hour": "HUR", "hrs": "HUR", "t": "HUR",
    "måned": "MON", "md": "MON", "md.": "MON", "month": "MON", "months": "MON",
    "år": "ANN", "year": "ANN", "kg": "KGM", "g": "GRM", "l": "LTR",
    "ltr": "LTR", "liter": "LTR", "litre": "LTR", "ton": "TNE", "tons": "TNE", "tonne": "TNE",
    "km": "KMT", "m": "MTR", "meter": "MTR", "lbm": "MTR", "m2": "MTK", "m²": "MTK",
    "kvm": "MTK", "m3": "MTQ", "m³": "MTQ", "dag": "DAY", "dage": "DAY", "døgn": "DAY",
    "day": "DAY", "days": "DAY", "uge": "WEE", "uger": "WEE", "week": "WEE", "weeks": "WEE",
    "kvartal": "QAN", "quarter": "QAN", "ha": "HAR", "hektar": "HAR", "hectare": "HAR",
}  # fmt: skip
MAX_QUANTITY = Decimal(1_000_000)
ONE = Decimal(1)
#: a table whose first column holds the item number: "Varenr.", "Vare nr.", "Item no.",
#: "Art.nr.", "Produktnr.", "SKU", "Kode" (not "Pos.", "Linje", "Nr.")
_ITEMS_FIRST = re.compile(r"(?i)^\s*(?:varenr|vare\s*nr|varenummer|item\s*(?:no|number|#)|"
                          r"art(?:ikel)?\.?\s*nr|produkt\s*nr|sku\b|kode\b|code\b|part\s*no)")  # fmt: skip
#: a price column for a hundred or a thousand units: "Pris pr. 100", "Price per 1,000"
_PER_N = re.compile(
    r"(?i)\b(?:pris|price|enhedspris|stk\.?\s*pris)\s*(?:pr\.?|per|/)\s*(100|1[.,]?000)\b"
)


def line_items(
    lines: list[str], locale: str, total: Decimal | None = None
) -> list[ParsedInvoiceLine]:
    """The rows of the item table that add up (see the module contract); with ``total``
    (the invoice's total excl. VAT), also its rows of an amount alone (a fee, freight,
    a discount: :func:`_amount_only`) and its rows whose amount is not their quantity x
    price (:func:`_unbalanced`: the vendor's own arithmetic error, for the rules to
    find) when only with them the rows add up to it."""
    start = next((i + 1 for i, ln in enumerate(lines) if TABLE_HEADER.search(ln)), None)
    if start is None:
        return []
    per = _PER_N.search(lines[start - 1])
    items = _ITEMS_FIRST.match(lines[start - 1]) is not None
    base = Decimal(per.group(1).replace(".", "").replace(",", "")) if per else ONE
    found: list[ParsedInvoiceLine] = []
    charged: list[ParsedInvoiceLine] = []  # rows of an amount alone, above the totals
    totals = False
    after_row = False  # the line before was a row
    above: str | None = None  # the line before, when it was words alone
    for line in lines[start:]:
        if _TOTAL_ROW.search(line):
            totals = True
            continue
        item = _row(line, locale, len(found) + 1, base, items)
        if item is not None and not totals:
            _wrapped_around(item, above)
        if item is None and not totals:
            item = _amount_only(line, locale, len(found) + 1) or _unbalanced(
                line, locale, len(found) + 1
            )
            if item is not None:
                charged.append(item)
        if item is not None:
            _own_period(item)
            found.append(item)
        elif after_row and not totals and found[-1].period_start is None:
            # "Periode: 01.01.2026 - 31.12.2026" under its row: the row's period; or the
            # end of a period its row left open ("... 01.10.2026 -" over "31.12.2026")
            period = _period_line(line) or _period_closed(found[-1], line)
            if period is not None:
                found[-1].period_start, found[-1].period_end = period
            elif _WORDS_ONLY.match(line) and _continues(found[-1], line):
                found[-1].description = f"{found[-1].description} {line.strip()}".strip()
        after_row = item is not None
        above = line.strip() if item is None and _WORDS_ONLY.match(line) else None
    kept = [ln for ln in found if not any(ln is c for c in charged)]
    if not kept or total is None or not charged:
        return _numbered(kept)
    if sum((ln.line_amount for ln in kept), ZERO) == total:
        return _numbered(kept)
    if sum((ln.line_amount for ln in found), ZERO) != total:
        return _numbered(kept)  # amounts alone that do not close the sum: not lines
    return _numbered(found)


#: a line of words without a figure: a description's wrapped part
_WORDS_ONLY = re.compile(r"^(?!.*\d[.,]\d{2}\b)(?!.*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}).*[^\W\d_]{2,}")


def _wrapped_around(item: ParsedInvoiceLine, above: str | None) -> None:
    """A description set in a cell centred on its row: the words above the row's line
    that end open ("Reol 3 hylder, hvid laminat,"), or any words above a row that names
    only its item ("SK-40 8 stk ..."), begin its description."""
    if above is None or above.endswith(":"):
        return
    if not item.description or (
        item.item_id and re.search(r"[,&-]$|\s(?:og|med|i|til|and|with)$", above)
    ):
        item.description = f"{above} {item.description}".strip()


def _continues(item: ParsedInvoiceLine, line: str) -> bool:
    """Whether words under a row go on with its description: the description ends open
    (a comma, "og", "i") or the words begin in lower case."""
    text = line.strip()
    return bool(text) and (
        text[:1].islower()
        or bool(re.search(r"[,&-]$|\s(?:og|med|i|til|and|with)$", item.description))
    )


#: a period of service: "Periode: 01.01.2026 - 31.12.2026", "Period: 2026-07-01 –
#: 2026-07-31", "01.10.2026 - 31.12.2026" (the dates read by ``find_date``)
_PERIOD_LABEL = re.compile(r"(?i)^\W*(?:(?:leverings|service|abonnements)?periode|period|"
                           r"perioden|periode\s*fra|for\s+perioden)\s*:?\s*")  # fmt: skip
_RANGE_DASH = re.compile(r"^\s*(?:-|–|—|til|to|until)\s*", re.IGNORECASE)


def period_range(text: str) -> tuple[date, date, int, int] | None:
    """The first "date - date" in ``text``: (first, last, where it starts, where it ends)."""
    first = date_span(text)
    if first is None:
        return None
    dash = _RANGE_DASH.match(text[first[2] :])
    if dash is None:
        return None
    after = first[2] + dash.end()
    second = date_span(text[after:])
    if second is None or second[1] != 0 or second[0] < first[0]:
        return None
    return first[0], second[0], first[1], after + second[2]


def _period_line(line: str) -> tuple[date, date] | None:
    """The period a line of its own states ("Periode: 01.01.2026 - 31.12.2026")."""
    label = _PERIOD_LABEL.match(line)
    rest = line[label.end() :] if label else line
    found = period_range(rest)
    if found is None or rest[: found[2]].strip() or rest[found[3] :].strip(" .)"):
        return None  # a sentence naming dates, not a period alone
    return found[0], found[1]


_OPEN_PERIOD = re.compile(r"\s*[-–—]\s*$")


def _period_closed(item: ParsedInvoiceLine, line: str) -> tuple[date, date] | None:
    """A period whose first day ends the row's description ("Hosting 01.10.2026 -")
    and whose last day is the next line alone ("31.12.2026"); the dates leave the text."""
    dash = _OPEN_PERIOD.search(item.description)
    last = date_span(line.strip())
    if dash is None or last is None or last[1] != 0 or line.strip()[last[2] :].strip():
        return None
    head = item.description[: dash.start()]
    words = head.split()
    for n in range(1, min(4, len(words)) + 1):  # the date: its last one to four words
        first = date_span(" ".join(words[-n:]))
        if first is not None and first[1] == 0 and first[0] <= last[0]:
            item.description = " ".join(words[:-n]) or item.description
            return first[0], last[0]
    return None


def _own_period(item: ParsedInvoiceLine) -> None:
    """A period written in the row's description ("Hosting 01.10.2026 -
    31.12.2026", "Licens, periode: 1.1.2026-31.12.2026"): the row's, out of the text."""
    found = period_range(item.description)
    if found is None:
        return
    head = item.description[: found[2]].rstrip(" ,:(")
    head = re.sub(r"(?i)[\s,]*(?:periode|period)\s*:?$", "", head)
    tail = item.description[found[3] :].strip(" ,)")
    item.period_start, item.period_end = found[0], found[1]
    item.description = " ".join(f"{head} {tail}".split()) or item.description


def _numbered(lines: list[ParsedInvoiceLine]) -> list[ParsedInvoiceLine]:
    for position, line in enumerate(lines, 1):
        line.line_id = str(position)
    return lines


#: a row of an amount alone: a fee, freight, a discount ("Fragt 450,00", "Rabat 10 % på
#: skiltestandere -774,00", "HE-ABO Serviceabonnement maj 1.250,00")
_WORDS = re.compile(r"[^\W\d_]{3,}")


def _amount_only(line: str, locale: str, position: int) -> ParsedInvoiceLine | None:
    """A row of the item table with a description and one amount of money at its end
    and no quantity or price: one of it (quantity 1 at that amount), as an accountant
    books a fee line."""
    toks = tokens(join_groups(line), locale)
    if not toks or toks[-1][0] != "money" or toks[-1][2] is None:
        if not (len(toks) > 1 and toks[-1][0] == "cur" and toks[-2][0] == "money"):
            return None
        toks = toks[:-1]
    amount = toks[-1][2]
    before = toks[:-1]
    if amount is None or any(kind == "money" for kind, _, _ in before):
        return None
    if any(kind == "num" for kind, text, _ in before if not _ITEM_CODE.match(text)):
        return None  # a number beside it: a quantity or a price not read, not a fee
    described = _description(before + [("num", "0", ZERO)], len(before), len(before), len(before))
    if described is None or not _WORDS.search(described[1]):
        return None
    item_id, description = described
    return ParsedInvoiceLine(
        line_id=str(position),
        description=description,
        quantity=Decimal(1),
        unit_price=amount,
        line_amount=amount,
        item_id=item_id,
        price_amount=amount,
    )


#: a reading of a row: (rank, quantity's and price's token, quantity, price, amount,
#: discount in percent or None)
_Reading = tuple[
    tuple[bool, bool, bool, int, int], int, int, Decimal, Decimal, Decimal, Decimal | None
]
#: at most this many places in a row where digits may be grouped by spaces are weighed
_MAX_GAPS = 5


def _row(
    line: str, locale: str, position: int, base: Decimal = ONE, items: bool = False
) -> ParsedInvoiceLine | None:
    """The row read with its numbers' digits grouped by spaces ("1 stk 12 500,00 12
    500,00") where that adds up: the readings with the amount whole are tried first,
    those joining more groups before fewer (a quantity and a price, "2 500,00", stay
    apart when only apart they give the amount: "2 500,00 1 000,00"). A quantity glued
    to its unit by the printer ("1.250stk", "2timer") is set apart first."""
    line = _GLUED_UNIT.sub(r"\1 \2", line)
    gaps = group_gaps(line)[:_MAX_GAPS]
    if not gaps:
        return _read_row(line, locale, position, base, items)
    words = len(line.split())
    trailing = [g for g in gaps if g == words - 1 or _ends_number_run(line, g)]
    choices = []
    for mask in range(1 << len(gaps)):
        chosen = [g for k, g in enumerate(gaps) if mask >> k & 1]
        whole_amount = all(g in chosen for g in trailing)
        choices.append((not whole_amount, -len(chosen), mask, chosen))
    for *_, chosen in sorted(choices):
        found = _read_row(join_groups(line, chosen), locale, position, base, items)
        if found is not None:
            return found
    return None


#: a quantity glued to its unit word: "1.250stk", "2timer", "12.000år" (a column gap the
#: printer dropped); not a measure inside a name ("Kopipapir 80g", "4GB": no unit codes)
_GLUED_UNIT = re.compile(
    r"(?<=\s)(\d[\d.,]*)(stk|timer|time|md|måned|år|dage|dag|døgn|liter|ltr|kg|km|pcs|"
    r"hours|hrs|units|months|days|"
    # sales units: trips, sacks, packs, cases, rolls, bottles, cans, sets, pairs, clicks,
    # sheets, pads, bags, pallets, parcels, visits, licences, users, weeks
    r"ture?|sække?|pk|pakker?|ks|kasser?|rl|ruller?|fl|flasker?|dunke?|spande?|æsker?|sæt|"
    r"par|klik|ark|blok|poser?|paller?|kolli|lbm|uger?|besøg|gange?|licenser?|brugere?|"
    r"trips|packs?|boxes|box|pairs?|visits?|weeks?)(?=\.?\s)",
    re.IGNORECASE,
)


def _unbalanced(line: str, locale: str, position: int) -> ParsedInvoiceLine | None:
    """A row printed as the table prints them, "[item] description quantity unit price
    amount", whose amount is not quantity x price: read as printed (the arithmetic
    rule then finds the difference), where the numbers leave no doubt: the quantity
    followed by its unit, then the price and the amount as money, nothing after."""
    toks = tokens(_GLUED_UNIT.sub(r"\1 \2", line), locale)
    nums = _numbers(toks)
    if len(nums) < 3:
        return None
    (q_idx, qty), (p_idx, price), (a_idx, amount) = nums[-3:]
    shaped = (
        q_idx + 2 == p_idx
        and p_idx + 1 == a_idx
        and a_idx >= len(toks) - 2
        and all(kind != "num" and kind != "money" for kind, _, _ in toks[a_idx + 1 :])
        and toks[q_idx + 1][1].lower() in UNIT_CODES
        and toks[p_idx][0] == "money"
        and toks[a_idx][0] == "money"
        and 0 < qty <= MAX_QUANTITY
        and price > 0
        and amount > 0
    )
    if not shaped:
        return None
    described = _description(toks, q_idx, q_idx, p_idx)
    if described is None:
        return None
    return _priced_line(position, described, qty, price, amount, toks[q_idx + 1][1])


def _numbers(toks: list[tuple[str, str, Decimal | None]]) -> list[tuple[int, Decimal]]:
    """(token index, value) of the row's numbers and amounts."""
    return [
        (i, v) for i, (kind, _, v) in enumerate(toks) if kind in ("num", "money") and v is not None
    ]


def _priced_line(
    position: int,
    described: tuple[str | None, str],
    qty: Decimal,
    price: Decimal,
    net: Decimal,
    unit: str,
    allowances: Decimal = ZERO,
) -> ParsedInvoiceLine:
    """A row read as quantity, unit price and amount (a discounted row keeps its price;
    its discount is its allowance, as a UBL line's: quantity x price - allowances =
    amount)."""
    item_id, description = described
    return ParsedInvoiceLine(
        line_id=str(position),
        description=description,
        quantity=qty,
        unit_price=price,
        line_amount=net,
        item_id=item_id,
        unit_code=UNIT_CODES.get(unit.lower()),
        price_amount=price,
        allowances=allowances,
    )


def _ends_number_run(line: str, gap: int) -> bool:
    """Whether the group at ``gap`` is the last number of the row (only a currency or
    a sign after it): the row's amount."""
    rest = line.split()[gap + 1 :]
    return all(not any(c.isdigit() for c in word) for word in rest) and len(rest) <= 2


def _read_row(
    line: str, locale: str, position: int, base: Decimal = ONE, items: bool = False
) -> ParsedInvoiceLine | None:
    toks = tokens(line, locale)
    nums = _numbers(toks)
    if len(nums) < 2 or nums[-1][0] < len(toks) - 3:
        return None
    a_idx, amount = nums[-1]
    candidates = _readings(toks, nums, amount, a_idx)
    if not candidates:
        candidates = _discounted(toks, nums, amount, a_idx)
    per = ONE
    if not candidates and base != ONE:  # "Pris pr. 100": 3.000 stk x 36,00 / 100 = 1.080,00
        candidates, per = _readings(toks, nums, amount, a_idx, base), base
    if not candidates and len(nums) >= 4 and _vat_of(nums[-1][1], nums[-2][1]):
        # "Net | VAT" as the row's last columns ("1 £2,400.00 £2,400.00 £480.00"): the
        # amount is the net, the VAT beside it
        a_idx, amount = nums[-2]
        candidates = _readings(toks, nums[:-1], amount, a_idx)
    for _, q_idx, p_idx, qty, price, net, off in sorted(
        candidates, key=lambda c: c[0], reverse=True
    ):
        described = _description(toks, min(p_idx, q_idx), q_idx, p_idx, items)
        if described is None:
            continue
        unit = toks[q_idx + 1][1] if q_idx + 1 < len(toks) else ""
        if net < 0 < qty:  # "3 md. 189,00 -567,00": three months credited
            qty = -qty
        off_by = ZERO if off is None else to_ore(qty * price) - net
        found = _priced_line(position, described, qty, price, net, unit, off_by)
        if per != ONE:  # the price printed per hundred or thousand units
            found.unit_price, found.base_quantity = unit_price(price, per), per
        return found
    return None


def _readings(
    toks: list[tuple[str, str, Decimal | None]],
    nums: list[tuple[int, Decimal]],
    amount: Decimal,
    a_idx: int,
    base: Decimal = ONE,
) -> list[_Reading]:
    """Every (quantity, price) of the row's numbers before ``amount`` that gives it
    (``base``: the units the price is for, "Pris pr. 100")."""
    found: list[_Reading] = []
    for p_idx, price in nums[:-1]:
        for q_idx, qty in nums[:-1]:
            if q_idx == p_idx or abs(qty) > MAX_QUANTITY:
                continue
            net = _net_amount(nums, qty, price / base, amount, p_idx, q_idx, a_idx)
            if net is None:
                continue
            found.append((_rank(toks, q_idx, p_idx), q_idx, p_idx, qty, price, net, None))
    return found


def _rank(
    toks: list[tuple[str, str, Decimal | None]], q_idx: int, p_idx: int
) -> tuple[bool, bool, bool, int, int]:
    """How a reading ranks: a quantity followed by its unit ("1.250,5 kg 1,375"), then a
    plain quantity and a price written as money, close to the amount, first."""
    unit_after = q_idx + 1 < len(toks) and toks[q_idx + 1][1].lower() in UNIT_CODES
    return (unit_after, toks[q_idx][0] == "num", toks[p_idx][0] == "money", p_idx, q_idx)


def _vat_of(vat: Decimal, net: Decimal) -> bool:
    """Whether ``vat`` can be the VAT of ``net``: a rate of 0 to 30 % of it, to the øre."""
    if not net or (vat < 0) != (net < 0):
        return False
    rate = vat * 100 / net
    return 0 <= rate <= 30 and to_ore(net * rate.quantize(Decimal("0.1")) / 100) == vat


def _discounted(
    toks: list[tuple[str, str, Decimal | None]],
    nums: list[tuple[int, Decimal]],
    amount: Decimal,
    a_idx: int,
) -> list[_Reading]:
    """Readings of a row with a discount column between its price and its amount
    ("Switch 8 4,995.00 15 33,966.00", "... 15 % ..."): quantity x price less the
    discount in percent gives the amount to the øre."""
    found: list[_Reading] = []
    for d_idx, (kind, _, off) in enumerate(toks[:a_idx]):
        # a percentage, or a number printed like money in a "Rabat %" column ("15,00")
        if kind not in ("num", "pct", "money") or off is None or not 0 < off < 100:
            continue
        for p_idx, price in nums[:-1]:
            for q_idx, qty in nums[:-1]:
                if len({p_idx, q_idx, d_idx}) < 3 or d_idx < max(p_idx, q_idx) or qty <= 0:
                    continue
                if price <= 0 or to_ore(qty * price * (100 - off) / 100) != amount:
                    continue
                found.append((_rank(toks, q_idx, p_idx), q_idx, p_idx, qty, price, amount, off))
    return found


def _net_amount(
    nums: list[tuple[int, Decimal]],
    qty: Decimal,
    price: Decimal,
    amount: Decimal,
    p_idx: int,
    q_idx: int,
    a_idx: int,
) -> Decimal | None:
    product = to_ore(qty * price)
    if product == amount or (amount < 0 < qty and price > 0 and product == -amount):
        return amount  # (a credited row: its quantity printed without the minus)
    for t_idx, tax in nums:
        if max(p_idx, q_idx) < t_idx < a_idx and product + tax == amount:
            return product
    return None


#: an item number's letters and its number apart: "B" + "615/34" (a number with a separator
#: and three digits or more, so "A 4" paper or "PC 2000" chairs stay words)
_CODE_PREFIX = re.compile(r"^[A-Z]{1,3}$")
_CODE_NUMBER = re.compile(r"^(?=(?:\D*\d){3})\d+(?:[/.-]\d+)+$")


def _description(
    toks: list[tuple[str, str, Decimal | None]],
    first_num: int,
    q_idx: int,
    p_idx: int,
    items: bool = False,
) -> tuple[str | None, str] | None:
    """(item number, description) of a row: its words before its numbers. ``items``: the
    table's first column is headed as the item number ("Varenr."), so a short number
    opening the row is the item's ("1001"), not a position."""
    words = [t for k, t, _ in toks[:first_num] if k != "cur"]
    between = [t for k, t, _ in toks[min(q_idx, p_idx) + 1 : max(q_idx, p_idx)] if k == "word"]
    if not any(re.search(r"[^\W\d_]{2,}", w) for w in words) and len(between) >= 2:
        words = between  # "1 1 Small Business Exchange 3,89 3,89": position, quantity, text
    if (
        items
        and len(words) > 1
        and re.fullmatch(r"\d{1,4}", words[0])  # (a word of capitals may be "LED", "USB")
        and re.match(r"[^\W\d_]", words[1])  # "PC 2000 stol" is words
        and not (len(words) > 2 and _CODE_PREFIX.match(words[0]) and _CODE_NUMBER.match(words[1]))
    ):
        return words[0], " ".join(words[1:])
    while words and re.fullmatch(r"\d{1,4}\.?", words[0]):
        words = words[1:]  # a leading position number (a longer one is an item number)
    if not any(re.search(r"[^\W\d_]{2,}", w) for w in words):
        return None
    item_id = None
    alone = _ITEM_CODE.match(words[0]) if len(words) == 1 and re.search(r"\d", words[0]) else None
    if alone:  # the item's number alone, its description in the lines around it
        return (alone.group(1) or alone.group(2)).strip("*"), ""
    if len(words) > 2 and _CODE_PREFIX.match(words[0]) and _CODE_NUMBER.match(words[1]):
        # an item number printed with a space after its letters: "B 615/34", "VN 10-2040"
        return f"{words[0]} {words[1]}", " ".join(words[2:])
    m = _ITEM_CODE.match(words[0]) if len(words) > 1 else None
    if m:
        item_id = (m.group(1) or m.group(2)).strip("*")
        words = words[1:]
    return item_id, " ".join(words)

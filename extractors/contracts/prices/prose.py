"""Prices stated in sentences, Danish and English.

"2.2 For licens til lønsystemet (varenr. 1234) betaler Kunden kr. 12,50 pr.
indbygger pr. år ekskl. moms." / "The Customer shall pay 4.20 EUR per user per month
for access to the payroll system." / "A one-off fee of EUR 10,000.00 applies to the
set-up." / "... betaler Kunden følgende pr. licens pr. år: ved op til 1.000 brugere
kr. 700,00, ved 1.001 - 2.000 brugere kr. 600,00 ..."

Each numbered paragraph is cut into sentences; a sentence with an amount of money is a
price candidate unless it speaks of something that is not a price (a liability cap, a
penalty, an estimate, a total). Its unit is the phrase right after the amount (or,
failing that, before it: "engangsbeløb på", "one-off fee of"); its description comes
from the sentence's shape (``_SHAPES``); a price that cannot be read is reported as
unread, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractors.contracts.patterns import BAND_RE, band_of
from extractors.contracts.pdf import PageText
from extractors.contracts.prices.cells import amount, unit_in_cell
from extractors.contracts.prices.headers import band_in_header
from extractors.contracts.prices.rows import RowContext, named_currency, page_vat
from extractors.types import Evidence, ExtractedPriceTerm, Unit, UnreadPrice

_AMT = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?"
_CUR = r"(?:kr\.?|DKK|EUR|€)"
_PRICED_AMT = r"\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|\d{1,3}(?:[.,]\d{3})+"
MONEY = re.compile(
    rf"(?:(?P<cur1>{_CUR})\s*(?P<a1>{_AMT})(?:,-)?|(?P<a2>{_AMT})(?P<dash>,-)?\s*(?P<cur2>{_CUR})"
    rf"|(?P<a3>{_AMT}),-"
    # an amount without currency, written as money and followed by the VAT basis or a unit
    rf"|(?P<a4>{_PRICED_AMT})(?=\s+(?:ekskl\.?|eksklusive|inkl\.?|excl\.?|excluding|"
    rf"exclusive|pr\.\s|per\s)))(?![\d])",
    re.IGNORECASE,
)
_ID = r"(?:[A-ZÆØÅ]{1,5}-?\d{2,6}(?:-\d+)?|\d{1,2}(?:\.\d{1,3}){1,3}|\d{2,6})"
_ITEM = re.compile(
    r"\s*\((?:(?i:varenr\.?|varenummer|vare nr\.?|ydelsesnr\.?|ydelse|item(?: no\.?)?|pos\.?|"
    r"nr\.?|no\.?|ref\.?|kode|code)\s*(?P<id>[A-ZÆØÅa-z0-9][\w./-]{0,19})"
    rf"|(?P<bare>{_ID}))\)"
)
#: the words that name an item's number: "varenr.", "vare nr.", "art. nr.", "item no."
ITEM_LABEL = (
    r"(?i:varenr\.?|varenummer|vare[-\s]?nr\.?|ydelsesnr\.?|ydelsesnummer|art(?:ikel)?\.?\s*nr\.?|"
    r"item\s+no\.?|item\s+number|item\s+code|article\s+no\.?|part\s+(?:no|number)\.?|sku)"
)
#: An item number named in the sentence without brackets: "For rådgiver, varenr.
#: RG-7, betaler Kunden ...", "Consultancy (hourly), item no. C-12, is charged"
_ITEM_NAMED = re.compile(
    rf",?\s*\b{ITEM_LABEL}\s*:?\s*(?P<id>[A-ZÆØÅ0-9][\w./-]{{0,19}}?)(?=[,;)]|\s|$)"
)
#: Sentences that name the item number beside the description.
_ID_SHAPES = (
    re.compile(rf"^(?P<id>{_ID})\s+(?P<d>[^:]+?):\s"),
    re.compile(rf"(?i:ydelse|ydelsen|item|service|position)\s+(?P<id>{_ID}),\s+(?P<d>.+?),\s+"
               r"(?i:er|is|udgør|amounts to)\b"),
)  # fmt: skip
#: Amounts that are not prices: a liability cap, a penalty, an estimate, a total ...
#: money the supplier pays (a penalty, a credit): "For each day of delay the Supplier pays
#: DKK 1,500", "Leverandøren betaler 2.000 kr. pr. dag"
_SUPPLIER_PAYS = re.compile(
    r"(?:leverandøren|the\s+supplier|the\s+contractor|entreprenøren)\s+(?:skal\s+)?"
    r"(?:betaler|betale|pays|shall\s+pay|will\s+pay|must\s+pay)\b",
    re.IGNORECASE,
)
NOT_A_PRICE = re.compile(
    r"ansvar|erstatning|\bbod\b|bodsbeløb|dagbod|konventionalbod|\bgodtgørelse|sikkerhedsstillelse|"
    r"garanti|forsikring|kontraktsum|kontraktværdi|samlede? værdi|anslå\w*|forventet samlet|"
    # late payment's interest and reminder fees, the law's not the contract's prices
    r"\brente\b|renteloven|morarente|rykker\w*|late payment|\binterest\b|"
    r"estimeret|\bloft\b|maksim|tærskel|udbudsgrænse|liabilit|damages|penalt|liquidated|"
    r"indemn|insurance|guarantee|estimat|total (contract )?value|aggregate|\bcap\b|capped|"
    r"threshold|not exceed|ikke overstige|\bbudget(?:tet|ramme|rammen)?\b|rabat|discount|bonus|"
    r"kreditnota|"
    r"i alt|in total|samlet beløb|total charges",
    re.IGNORECASE,
)
_VAT_TAIL = re.compile(
    r"^\s*,?\s*(?:ekskl\.?|eksklusive|excl\.?|excluding|exclusive of|inkl\.?|inklusive|"
    r"including)\s+(?:moms|VAT)\s*,?",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"^\s*(?:(?:pr\.?|per|/|a|an|om)\s*(?:påbegyndt\s+|started\s+|commenced\s+|kørt\s+)?"
    r"[a-zæøå./-]+[²³]?(?:(?<=m)[23](?!\d))?"
    r"(?:\s*(?:pr\.?|per|/|a|an|om)\s*[a-zæøå./-]+[²³]?(?:(?<=m)[23](?!\d))?)?|årligt|månedligt|annually|monthly|yearly|"
    r"each|hourly|quarterly|kvartalsvis|i timen|om året|om måneden|one-off|som engangsbeløb|"
    r"fast\s+(?:pr\.?\s*år|årligt)|fixed\s+(?:per\s+year|annual\w*)|engangsbeløb|fast pris|"
    r"fixed (?:price|fee))",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(
    r"(engangsbeløb|engangsvederlag|engangspris|one-off fee|one-time fee|one-off charge|"
    r"fixed fee|fixed price|fast pris|fast beløb|"
    # a price named by its unit: "en timepris på", "Timeprisen for ... udgør", "an hourly
    # rate of", "the daily rate for ... is"
    r"(?:time|dags|døgn|kilometer|liter|ton)pris(?:en)?|timesats(?:en)?|"
    r"(?:hourly|daily)\s+(?:rate|fee|charge|price)|day\s+rate|"
    r"\b(?:pr\.?|per)\s+[a-zæøå./-]+[²³]?(?:\s+(?:pr\.?|per)\s+[a-zæøå./-]+[²³]?)?)",
    re.IGNORECASE,
)
_VERBS = (r"faktureres|afregnes|betales|koster|udgør|honoreres|prissættes|andrager|udføres|"
          r"leveres|ydes|is provided|is delivered|is performed|are provided|are delivered|"
          r"is charged|are charged|is invoiced|are invoiced|is billed|are billed|costs|cost|"
          r"amounts to|is priced|are priced")  # fmt: skip
_SHAPES = (
    re.compile(r"^(?:For|Til)\s+(?P<d>.+?),?\s+(?:betaler|skal|the Customer|Kunden|"
               r"Ordregiver|Kommunen|the Buyer|shall|pays|betales)\b", re.IGNORECASE),
    re.compile(r"^(?:Prisen|Vederlaget|Betalingen|Honoraret|Gebyret|Afgiften|Timeprisen|"
               r"Dagsprisen|Døgnprisen|Kilometerprisen|Literprisen|Tonprisen|Timesatsen|"
               r"The (?:hourly |daily |monthly |annual )?(?:price|charge|fee|remuneration|rate))"
               r"\s+(?:for|of)\s+(?P<d>.+?)\s+"
               r"(?:er|udgør|andrager|is|amounts to|shall be|will be)\b", re.IGNORECASE),
    # a supplement: "Ved akut bestilling ... tillægges 856,00 kr. pr. time", "For delivery
    # outside normal working hours a supplement of DKK 469.00 per delivery is charged",
    # "For an urgent booking made at less than 2 hours' notice, DKK 535.00 per hour is added"
    re.compile(r"(?:^|(?<=:)\s+)(?:Ved|For|When|At)\s+(?P<d>.+?),?\s+(?:tillægges|(?:betales|opkræves) "
               r"(?:et|en) tillæg|et tillæg|a supplement|a surcharge|an additional charge)\b"
               r"(?:\s+(?:på|of))?\s*$", re.IGNORECASE),
    re.compile(r"^(?:Ved|For)\s+(?P<d>[^,]{3,120}),\s*$", re.IGNORECASE),
    # the payment named, then what it is for: "... betaler Kommunen et fast årligt vederlag
    # for adgang til planlægningsmodulet på kr. 36.500,00 pr. år", "a fixed annual fee for the
    # reporting module of DKK 12,000"
    re.compile(r"\b(?:vederlag|honorar|gebyr|afgift|fee|charge|remuneration)\s+(?:for|til|of)\s+"
               r"(?P<d>.{3,120}?)\s+(?:på|of|:)?\s*$", re.IGNORECASE),
    re.compile(rf"^(?P<d>.+?)\s+(?:{_VERBS})\b", re.IGNORECASE),
    # a list item or label: "a) Fast support pr. skole: 4.950,00 kr. pr. måned;"
    re.compile(r"^(?P<d>(?:[^:;.]|\.(?=\s*\w)){3,80}?):\s*$"),
)  # fmt: skip
_AFTER_MONEY = re.compile(r"\s(?:for|til|af|on|applies to|gælder for|gælder)\s+(?P<d>[^:;]+?)\.?$",
                          re.IGNORECASE)  # fmt: skip
_PARAGRAPH = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[a-z]\)|\(\w{1,3}\)|§\s*\d+)\s+")
_SENTENCE = re.compile(r"(?<![Kk]r)(?<![Pp]r)(?<!nr)(?<!ca)(?<!jf)(?<!inkl)(?<!ekskl)(?<!bl\.a)"
                       r"(?<!f\.eks)(?<!excl)(?<!incl)(?<!no)[.!?]\s+(?=[A-ZÆØÅ])"
                       # "... og i kr. Konsulentbistand afregnes ...": "kr." ends a sentence
                       # before a capitalised word ("1.200 kr. pr. time" goes on)
                       r"|(?<=\b[Kk]r\.)\s+(?=[A-ZÆØÅ][a-zæøå]{2,})(?!Pr\b)")  # fmt: skip


@dataclass(slots=True)
class ProseReading:
    terms: list[ExtractedPriceTerm] = field(default_factory=list)
    unread: list[UnreadPrice] = field(default_factory=list)


def prose_terms(pages: list[PageText], ctx: RowContext) -> ProseReading:
    """Price terms stated in the sentences of ``pages`` (the price sections), and the
    money-bearing sentences that state a price but could not be read."""
    reading = ProseReading()
    for page in pages:
        for sentence in sentences(without_penalties(page.lines)):
            result = sentence_terms(sentence, page.number, ctx)
            if isinstance(result, UnreadPrice):
                reading.unread.append(result)
            elif result:
                reading.terms += result
    return reading


#: a heading over the amounts the supplier pays when it fails ("Servicemål og bod",
#: "Service level | Requirement | Penalty", "Service credits"): none of them a price
_PENALTY_HEADING = re.compile(
    r"\bbod\b|\bbøder?\b|dagbod|konventionalbod|bodsbeløb|\bpenalt\w*|liquidated|"
    r"service\s+credits?|servicekredit\w*|sanktion\w*|\bsanctions?\b",
    re.IGNORECASE,
)


def without_penalties(lines: list[str]) -> list[str]:
    """The lines, less those under a heading of penalties ("Servicemål | Krav | Bod",
    "Appendix 4 – Service levels and penalties") up to the next heading: "Leveringstid,
    standard 2 arbejdsdage 2.500,00 kr. pr. dag" there is what the supplier pays."""
    kept: list[str] = []
    penalties = False
    for line in lines:
        if not MONEY.search(line) and (_heading(line) or _PART.match(line)):
            penalties = bool(_PENALTY_HEADING.search(line))
        if not penalties:
            kept.append(line)
    return kept


#: the heading of a part: "Bilag 4 – Servicemål og bod", "Appendix 4 – Service levels"
_PART = re.compile(r"^\s*(?:bilag|appendix|annex|schedule|\d{1,2}(?:\.\d{1,2})?\.?)\s+\S",
                   re.IGNORECASE)  # fmt: skip


def sentences(lines: list[str]) -> list[str]:
    """Wrapped lines joined into paragraphs (a numbered line opens one; its number is
    dropped), each cut into sentences."""
    paragraphs: list[str] = []
    for line in lines:
        lead = _PARAGRAPH.match(line)
        if lead or not paragraphs or (_heading(paragraphs[-1]) and line[:1].isupper()):
            paragraphs.append(line[lead.end() :] if lead else line)
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
    return [s.strip() for p in paragraphs for s in _SENTENCE.split(p) if s.strip()]


def _heading(paragraph: str) -> bool:
    """A paragraph that is a heading ("VEDERLAG", "Vederlag"): short, without a sentence's
    end, so the next line does not continue it."""
    words = paragraph.split()
    return len(words) <= 6 and not re.search(r"[.:;,]$", paragraph) and paragraph[:1].isupper()


def sentence_terms(
    text: str, page: int, ctx: RowContext
) -> list[ExtractedPriceTerm] | UnreadPrice | None:
    stated, text = text, _FORMER_PRICE.sub("", text)
    money = list(MONEY.finditer(text))
    if not money or _not_a_price(text):
        return None
    item = _ITEM.search(text)
    item_id = (item.group("id") or item.group("bare")) if item else None
    plain = _ITEM.sub("", text)
    first_money = MONEY.search(plain)
    named = _ITEM_NAMED.search(plain[: first_money.start()]) if first_money else None
    if item_id is None and named is not None and any(c.isdigit() for c in named.group("id")):
        item_id = named.group("id").rstrip(".")
        plain = plain[: named.start()] + plain[named.end() :]
    money = list(MONEY.finditer(plain))
    description = None
    for shape in _ID_SHAPES:
        found = shape.search(plain[: money[0].start()])
        if found:
            item_id, description = found.group("id"), _clean(found.group("d"))
            break
    description = description or _description(plain, money[0].start(), money[-1].end())
    if not description:
        return UnreadPrice(stated, page, "a price in a sentence without a description")
    unit = _unit(plain, money[0].start(), money[-1].end())
    if unit is None:
        return UnreadPrice(stated, page, "a price in a sentence without a unit we know")
    vat = page_vat(text) if re.search(r"moms|VAT", text) else ctx.vat
    bands = (
        _bands(plain, money, ctx.language)
        if len(money) > 1
        else [_band_after(plain, money[0], ctx.language)]
    )
    if len(money) > 1 and any(b is None for b in bands):
        return UnreadPrice(stated, page, "several amounts in one sentence")
    terms = []
    for match, band in zip(money, bands, strict=True):
        value = amount(match.group(0), None, ctx.language)
        if value is None:
            return UnreadPrice(stated, page, "an amount we cannot read")
        low, high = band or (None, None)
        terms.append(ExtractedPriceTerm(
            item_id=item_id, description=description, unit=unit, unit_price=value,
            currency=_currency(match.group(0), ctx.currency), vat=vat, tier_min=low,
            tier_max=high, page=page, confidence=0.9 if len(money) == 1 else 0.85,
            evidence=Evidence(text=stated, page=page),
        ))  # fmt: skip
    return terms


#: A former price beside the agreed one: "2.400 kr. pr. bruger pr. år (tidligere 2.100
#: kr.)", "(previously EUR 90.00)". Not a price of this contract.
_FORMER_PRICE = re.compile(
    r"\s*\((?:tidligere|hidtil|før|indtil\s+nu|previously|formerly|was|earlier)\b[^()]*\)",
    re.IGNORECASE,
)


def _not_a_price(text: str) -> bool:
    """Whether the sentence speaks of an amount that is not a price (``NOT_A_PRICE``); a
    sentence that names its subject as a price ("Prisen for modulet Budget udgør ...",
    "For licens til Budget betaler Kunden ...") is judged without that subject's name."""
    if _SUPPLIER_PAYS.search(text):
        return True
    if not NOT_A_PRICE.search(text):
        return False
    for shape in _SHAPES[:2]:
        match = shape.search(text)
        if match and not NOT_A_PRICE.search(text[: match.start("d")] + text[match.end("d") :]):
            return False
    return True


def _description(text: str, money_start: int, money_end: int) -> str | None:
    head = text[:money_start]
    for shape in _SHAPES:
        match = shape.search(head)
        if match:
            return _clean(match.group("d"))
    after = _AFTER_MONEY.search(text[money_end:])
    if after:
        return _clean(after.group("d"))
    return None


def _clean(description: str) -> str | None:
    description = re.sub(r"\s+", " ", description).strip(" ,:;")
    # "The Supplier is paid the following unit prices ...: A wasted journey": what follows
    # the lead-in
    description = description.rsplit(": ", 1)[-1].strip(" ,:;")
    description = _AFTER_UNIT.sub("", description).strip(" ,:;")
    if not description or len(description) > 160 or MONEY.search(description):
        return None
    return description


_AFTER_UNIT = re.compile(r"^(?:(?:pr\.?|per)\s+\S+\s+)+(?:for|til)\s+", re.IGNORECASE)


def _unit(text: str, money_start: int, money_end: int) -> Unit | None:
    tail = _VAT_TAIL.sub("", text[money_end:])
    after = _UNIT_AFTER.match(tail)
    if after:
        unit = unit_in_cell(after.group(0))
        if unit is not None:
            return unit
    before = list(_UNIT_BEFORE.finditer(text[:money_start]))
    if before:
        return unit_in_cell(before[-1].group(1))
    return None


def _bands(
    text: str, money: list[re.Match[str]], language: str
) -> list[tuple[Decimal | None, Decimal | None] | None]:
    """The volume band written before each amount ("ved op til 1.000 brugere kr. 721,43")."""
    bands: list[tuple[Decimal | None, Decimal | None] | None] = []
    start = 0
    for match in money:
        segment = text[start : match.start()]
        found = list(BAND_RE.finditer(segment))
        if found:
            bands.append(band_of(found[-1], language))
        else:
            bands.append(band_in_header(segment, language))
        start = match.end()
    return bands


def _band_after(
    text: str, money: re.Match[str], language: str
) -> tuple[Decimal | None, Decimal | None]:
    """The volume band a single price applies to, stated after it ("ved 1-100 brugere")."""
    found = BAND_RE.search(text[money.end() :])
    return band_of(found, language) if found else (None, None)


def _currency(text: str, default: str) -> str:
    return named_currency(text) or default

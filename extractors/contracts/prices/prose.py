"""Prices stated in sentences: "Prisen for drift udgør 12.500,00 kr. pr. måned ekskl. moms".

Each sentence with a MONEY entity (spaCy, regex-marked) and a unit is a price term;
a volume band after the amount ("ved 0-10.000 indbyggere") bounds its tier.
The item id and description come from the sentence's shape: "Prisen for <description>
(varenr. <id>) udgør ...", "<id> <description>: Vederlaget udgør ...", "Vederlaget for
ydelse <id>, <description>, er fastsat til ..."; failing those, the words before the
amount, with a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractors.contracts.nlp import analyse
from extractors.contracts.patterns import BAND_RE, UNIT_RE, amount_of, band_of, unit_of
from extractors.contracts.pdf import PageText
from extractors.contracts.prices.rows import ITEM_ID, RowContext, page_vat
from extractors.types import Evidence, ExtractedPriceTerm, UnreadPrice

_SHAPES = (
    re.compile(rf"(?:Prisen for|Vederlaget for|The price for|Price for|For)\s+(?P<desc>.+?)\s+"
               rf"\((?:varenr\.|varenummer|item|pos\.|nr\.)?\s*(?P<id>{ITEM_ID})\)"),
    re.compile(rf"^(?P<id>{ITEM_ID})\s+(?P<desc>[^:]+?):\s"),
    re.compile(rf"(?:ydelse|ydelsen|item|service)\s+(?P<id>{ITEM_ID}),\s+(?P<desc>.+?),\s+"
               r"(?:er|is|udgør)\b", re.IGNORECASE),
)  # fmt: skip
_PARAGRAPH_START = re.compile(r"^(?:[a-z]\)|\(\w{1,3}\)|\d{1,2}\)|\d\.\d{1,2}\.?)\s")
_LEAD_IN = re.compile(r"^(?:[a-z]\)|\(\w{1,3}\)|\d{1,2}\))\s+")


@dataclass(slots=True)
class ProseReading:
    terms: list[ExtractedPriceTerm] = field(default_factory=list)
    unread: list[UnreadPrice] = field(default_factory=list)


#: Amounts that are not prices: a liability cap, a penalty, an estimate, a guarantee ...
NOT_A_PRICE = re.compile(
    r"ansvar|erstatning|\bbod\b|bodsbeløb|dagbod|konventionalbod|godtgørelse|sikkerhedsstillelse|"
    r"garanti|forsikring|kontraktsum|kontraktværdi|samlet værdi|anslået|forventet samlet|"
    r"estimeret|loft|maksim|tærskel|udbudsgrænse|liabilit|damages|penalt|liquidated|"
    r"indemn|insurance|guarantee|estimated|total (contract )?value|aggregate|cap\b|capped|"
    r"threshold|not exceed|budget|rabat|discount|bonus|kredit|credit",
    re.IGNORECASE,
)


def prose_terms(pages: list[PageText], ctx: RowContext) -> ProseReading:
    """Price terms stated in the sentences of ``pages`` (the price sections), and the
    money-bearing sentences that state a price but could not be read."""
    reading = ProseReading()
    for page in pages:
        doc = analyse(_paragraphs(page.lines), ctx.language)
        for sentence in doc.sents:
            result = _sentence_term(sentence, page.number, ctx)
            if isinstance(result, ExtractedPriceTerm):
                reading.terms.append(result)
            elif result is not None:
                reading.unread.append(result)
    return reading


def _paragraphs(lines: list[str]) -> str:
    """Join wrapped lines; a lettered or numbered line opens a new paragraph."""
    text = ""
    for line in lines:
        sep = "\n\n" if _PARAGRAPH_START.match(line) else " "
        text = f"{text}{sep}{line}" if text else line
    return text


def _sentence_term(
    sentence: Any, page: int, ctx: RowContext
) -> ExtractedPriceTerm | UnreadPrice | None:
    money = next((e for e in sentence.ents if e.label_ == "MONEY"), None)
    if money is None:
        return None
    text = _LEAD_IN.sub("", sentence.text.strip())
    if NOT_A_PRICE.search(text):
        return None
    after = sentence.doc.text[money.end_char : sentence.end_char]
    unit_match = UNIT_RE.search(after) or UNIT_RE.search(text)
    value = amount_of(money.text, ctx.language)
    if unit_match is None or value is None:
        return UnreadPrice(text, page, "a price in a sentence without a unit we know")
    unit = unit_of(unit_match.group(0))
    assert unit is not None
    item_id, description, confidence = _identify(text, money.text)
    if not description:
        return UnreadPrice(text, page, "a price in a sentence without a description")
    vat = page_vat(text) if re.search(r"moms|VAT", text) else ctx.vat
    band = BAND_RE.search(after)
    tier_min, tier_max = band_of(band, ctx.language) if band else (None, None)
    return ExtractedPriceTerm(
        item_id=item_id, description=description, unit=unit, unit_price=value,
        currency=ctx.currency, vat=vat, tier_min=tier_min, tier_max=tier_max, page=page,
        confidence=confidence,
        evidence=Evidence(text=text, page=page),
    )  # fmt: skip


def _identify(text: str, money_text: str) -> tuple[str | None, str, float]:
    for shape in _SHAPES:
        match = shape.search(text)
        if match:
            return match.group("id"), match.group("desc").strip(" ,"), 0.9
    before = text.split(money_text, 1)[0]
    before = re.sub(r"\b(udgør|er|betaler|koster|is|costs|pays)\b.*$", "", before).strip(" ,:")
    return None, before, 0.6

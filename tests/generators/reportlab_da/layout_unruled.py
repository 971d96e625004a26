"""`unruled_aligned`: a Danish agreement whose price list is aligned by whitespace only.

No rulings at all: columns are placed at fixed positions, or (in a monospaced font) each
row is one line padded with spaces. Columns come in other orders than the usual (price
before unit, unit first, description last), amounts are written "14.350,00 kr.",
"14.350 DKK", "500,-" or "DKK 1.200", descriptions wrap, section labels ("Drift",
"Licenser") sit inside the table, and "I alt" rows sum a section or the list.
"""

from __future__ import annotations

from random import Random

from . import shortdoc, vocab
from .blocks import Block, Document, Heading, Para, Space
from .clauses import make_deal
from .compose import paragraphs, signatures_da
from .pricetable import PriceTableSpec, price_table
from .styles import Numbering, random_style
from .textfmt import da_money
from .truth import PriceTerm, Truth

LAYOUT = "unruled_aligned"
_ORDERS = [
    ["id", "desc", "price", "unit"],
    ["unit", "id", "desc", "price"],
    ["id", "price", "unit", "desc"],
    ["desc", "unit", "price"],
    ["id", "desc", "unit", "qty", "price", "total"],
    ["pos", "desc", "price", "unit"],
    ["price", "unit", "desc"],
    ["id", "unit", "price", "desc"],
    ["pos", "id", "desc", "qty", "unit", "price", "total"],
]


def build(rng: Random) -> Document:
    deal = make_deal(rng, "da")
    lines = shortdoc.title_lines(rng, deal)
    style = random_style(rng, header=rng.choice([None, deal.buyer.name, " ".join(lines)]),
                         footer=rng.choice(["Side {page} af {total}", "{page}", "- {page} -", None]))  # fmt: skip
    truth = Truth(LAYOUT, "da", title=" ".join(lines), parties=deal.parties(),
                  effective_date=deal.effective, expiry_date=deal.expiry,
                  payment_days=deal.payment_days, mfn=deal.mfn == "yes",
                  indexation=deal.indexation)  # fmt: skip
    money = rng.choice(["kr_last", "dkk_last_whole", "dash_whole", "dkk_first"])
    inline = rng.random() < 0.3
    ref = "prislisten nedenfor" if inline else rng.choice(["Bilag 1", "prislisten i Bilag 1"])
    blocks = shortdoc.front(rng, deal, lines, style.size)
    num = Numbering.random(rng, "da")
    body = shortdoc.body(rng, deal, num, ref, money)
    table_blocks, truth.price_terms = _price_list(rng, money, inline)
    if inline:
        at = next(
            i for i, b in enumerate(body) if isinstance(b, Heading) and b.text.startswith("Priser")
        )
        body[at + 2 : at + 2] = table_blocks
        blocks += body + signatures_da(rng, deal)
    else:
        blocks += body + signatures_da(rng, deal)
        title = rng.choice(["Bilag 1 – Prisliste", "Bilag 1: Priser", "BILAG 1 PRISLISTE"])
        blocks.append(Heading(title, in_toc=False, new_page=rng.random() < 0.8))
        blocks += table_blocks
    return Document(blocks, style, truth)


def _price_list(rng: Random, money: str, inline: bool) -> tuple[list[Block], list[PriceTerm]]:
    whole = money in ("dkk_last_whole", "dash_whole") and rng.random() < 0.7
    services = vocab.services(rng, rng.randint(6, 24), "da", whole=whole,
                              long_share=rng.choice([0.3, 0.5, 0.7]))  # fmt: skip
    ids = vocab.item_ids(rng, len(services))
    order = list(rng.choice(_ORDERS))
    spaces = rng.random() < 0.4
    sections = rng.random() < 0.7
    spec = PriceTableSpec(
        lang="da",
        order=order,
        money=lambda v: da_money(v, money),
        bare_money=lambda v: da_money(v, money),
        sections=sections,
        total_row="total" in order,
        subtotals=sections and "total" not in order and rng.random() < 0.6,
        rules="spaces" if spaces else "none",
        repeat_header=rng.random() < 0.5,
        size=None if spaces else rng.choice([None, 8.5, 9]),
        nested_pos=rng.random() < 0.4,
    )
    table, terms = price_table(rng, spec, services, ids)
    intro = [rng.choice(["Priserne er angivet ekskl. moms.", "Alle priser er ekskl. moms og i danske kroner.",
                         "Leverandørens priser for ydelserne under Aftalen udgør følgende (ekskl. moms):"])]  # fmt: skip
    blocks: list[Block] = []
    if not inline:
        blocks += paragraphs(rng, intro)
    blocks += [Space(6), table]
    if rng.random() < 0.5:
        blocks.append(
            Para(
                "Timeforbrug afregnes pr. påbegyndt halve time. Kørsel afregnes efter statens takster."
            )
        )
    return blocks, terms

"""`k02_long`: a long Danish operations contract in the style of the state's K02 template.

Cover page with parties and address blocks, a table of contents with dotted leaders,
numbered clauses (with or without a dot, or "§ 4"), running header and "Side x af y"
footer, template placeholders left in, liability cap, penalties and an estimated
contract sum in the body, a "Priser"/"Vederlag" clause that only points to the appendix,
and the price appendix at the end as a ruled table that may run over page breaks.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from random import Random

from . import annexes, boilerplate, vocab
from .blocks import Block, Document, Heading, PageBreak, Para, Space, Toc
from .clauses import (
    Deal,
    make_deal,
    mfn_da,
    non_price_da,
    party_block_da,
    payment_da,
    term_da,
)
from .compose import Sub, clause, paragraphs, signatures_da, split_subs
from .indexation import indexation_da
from .pricetable import UNIT_PRICE_HEADERS, PriceTableSpec, choose_order, price_table
from .render import count_pages
from .styles import Numbering, random_style
from .textfmt import DA_MONEY, da_date, da_money
from .truth import PriceTerm, Truth

LAYOUT = "k02_long"
_NAMES = {"K": "Kunden", "L": "Leverandøren", "B": "Kontrakten"}


def build(rng: Random) -> Document:
    """A K02-style contract of 8-20 pages; more clause text is added until it is long enough."""
    target = rng.randint(8, 18)
    state = rng.getstate()
    doc = None
    for boost in range(7):
        rng.setstate(state)
        doc = _build(rng, boost)
        if count_pages(doc.blocks, doc.style) >= target:
            break
    assert doc is not None
    return doc


def _build(rng: Random, boost: int) -> Document:
    deal = make_deal(rng, "da")
    verb = rng.choice(["drift af", "drift og vedligeholdelse af", "levering og drift af",
                       "drift, support og videreudvikling af"])  # fmt: skip
    title = f"Kontrakt om {verb} {deal.system[0]}"
    version = da_date(deal.effective - timedelta(days=rng.randint(200, 700)), "dash")
    money = rng.choice(["kr_first", "kr_first", "kr_last", "dkk_first"])
    appendix, ref = rng.choice([("Bilag 2 – Priser", "Bilag 2"), ("Bilag B Vederlag", "Bilag B"),
                                ("Prisbilag", "prisbilaget"), ("Bilag 2: Priser", "Bilag 2")])  # fmt: skip
    header = f"Kontrakt om {verb} {deal.system[0]}"
    header_right: str | None = f"Version {version}"
    if rng.random() < 0.5:
        header, header_right = f"{header} | Version {version}", None
    footer = rng.choice(["Side {page} af {total}", "Side {page} af {total}", "{page}/{total}",
                         "Side {page}", "{page}"])  # fmt: skip
    style = random_style(rng, header=header, header_right=header_right, footer=footer,
                         title=rng.choice([None, "K02 Driftskontrakt", f"Kontrakt_{version}"]))  # fmt: skip
    truth = Truth(LAYOUT, "da", parties=deal.parties(), effective_date=deal.effective,
                  expiry_date=deal.expiry, payment_days=deal.payment_days,
                  mfn=deal.mfn == "yes", indexation=deal.indexation)  # fmt: skip
    blocks, truth.title = _cover(rng, deal, title, version, style.size)
    blocks.append(PageBreak())
    blocks.append(Toc(rng.choice(["Indholdsfortegnelse", "Indhold"]),
                      leader=rng.choice([".", ".", " .", "_", ""])))  # fmt: skip
    blocks.append(PageBreak())
    num = Numbering.random(rng, "da")
    blocks += _body(rng, deal, num, ref, money, boost)
    blocks.append(Heading(rng.choice(["Underskrifter", "Underskrift"]), in_toc=rng.random() < 0.5,
                          new_page=rng.random() < 0.5))  # fmt: skip
    blocks += signatures_da(rng, deal)
    mark = ("A", "D") if appendix.startswith("Bilag B") else ("1", "4")
    if boost >= 1:
        rows = 15 + 22 * (boost - 1)
        blocks += annexes.requirements_da(
            rng, rows, f"Bilag {mark[0]} – Kravspecifikation (uddrag)"
        )
    if boost >= 2 or rng.random() < 0.3:
        blocks += annexes.service_levels(rng, f"Bilag {mark[1]} – Servicemål", "da")
    table_blocks, truth.price_terms = _appendix(rng, appendix, money, deal.indexation is not None)
    blocks += table_blocks
    return Document(blocks, style, truth)


def _cover(
    rng: Random, deal: Deal, title: str, version: str, size: float
) -> tuple[list[Block], str]:
    align = rng.choice(["center", "left"])
    blocks: list[Block] = [Space(rng.randint(20, 120))]
    pre = rng.choice([None, "K02 – Standardkontrakt for drift", "Bilag 0 – Kontrakt",
                      f"Udbud af {deal.system[0]}"])  # fmt: skip
    if pre:
        blocks.append(Para(pre, size=size - 1, align=align, space_after=18))
    lines = [title]
    if rng.random() < 0.5:
        lines = ["Kontrakt", title.removeprefix("Kontrakt ")]
    big = rng.choice([18, 20, 22, 24])
    for line in lines:
        blocks.append(Para(line, font="bold", size=big, align=align, space_after=4))
    blocks.append(Space(rng.randint(30, 70)))
    say = rng.choice([("»Kunden«", "»Leverandøren«"), ('"Kunden"', '"Leverandøren"')])
    for n, (company, shown, word) in enumerate(
        ((deal.buyer, deal.buyer_cvr_shown, say[0]), (deal.vendor, True, say[1]))
    ):
        blocks.append(Para("mellem" if n == 0 else "og", align=align, space_after=10))
        block = party_block_da(rng, company, shown)
        if company is deal.buyer and not shown and rng.random() < 0.5:
            block.append(f"EAN-nr.: 5798{rng.randint(100000000, 999999999)}")
        blocks.append(Para("\n".join(block), align=align, space_after=4))
        blocks.append(Para(f"(herefter benævnt {word})", align=align, space_after=16))
    blocks.append(Space(30))
    blocks.append(Para(rng.choice([f"Version {version}", f"Kontraktnr.: [Indsæt nr.]  Version {version}",
                                   f"Dato: [dato]   Version: {version}"]), size=size - 1, align=align))  # fmt: skip
    return blocks, " ".join(lines)


def _body(rng: Random, deal: Deal, num: Numbering, ref: str, money: str, boost: int) -> list[Block]:
    sections: list[tuple[str, list[tuple[str | None, list[str]]]]] = []
    intro = [
        f"Kunden har gennemført et udbud af {deal.system[0]} (udbudsbekendtgørelse nr. "
        f"{deal.effective.year - 1}/S {rng.randint(100, 250)}-{rng.randint(100000, 999999)}).",
        "Leverandøren har afgivet det økonomisk mest fordelagtige tilbud, og Kontrakten er indgået på grundlag heraf.",
        "Kontrakten er udarbejdet med udgangspunkt i Statens standardkontrakt for drift (K02).",
    ]
    if rng.random() < 0.6:
        intro.append(non_price_da(rng, money, "estimate"))
    sections.append((rng.choice(["Indledning", "Baggrund og formål"]), [(None, intro)]))
    definitions = [f"»{term}«: {text}" for term, text in boilerplate.DEFINITIONS_DA]
    sections.append(
        ("Definitioner", [(None, [d]) for d in definitions[: rng.randint(3, len(definitions))]])
    )
    annexes = ["Kravspecifikation", "Priser", "Leverandørens løsningsbeskrivelse", "Servicemål",
               "Databehandleraftale", "Exitplan"]  # fmt: skip
    marks = "ABCDEF" if ref == "Bilag B" else "123456"
    annexes = [f"Bilag {mark} {name}" for mark, name in zip(marks, annexes, strict=True)]
    if ref == "Bilag B":
        annexes[1] = "Bilag B Vederlag"
    elif ref == "prisbilaget":
        annexes[1] = "Prisbilag"
    sections.append(("Kontraktgrundlag", [(None, ["Kontrakten består af dette kontraktdokument og følgende bilag: "
                                                  + "; ".join(annexes) + "."])]))  # fmt: skip
    term = term_da(rng, deal)
    sections.append(
        ("Kontraktperiode", [("Ikrafttræden", term[:1]), ("Option og uopsigelighed", term[1:])])
    )
    price_ref = [rng.choice([f"Vederlaget for Ydelserne fremgår af {ref}.",
                             f"Priserne for Ydelserne er angivet i {ref}."]),
                 "Alle priser er angivet i danske kroner ekskl. moms.",
                 f"Leverandøren kan ikke kræve betaling for ydelser, der ikke fremgår af {ref}."]  # fmt: skip
    money_subs: list[Sub] = [(rng.choice(["Priser", "Vederlag"]), price_ref),
                  ("Fakturering og betaling", payment_da(rng, deal)),
                  ("Prisregulering", indexation_da(rng, deal))]  # fmt: skip
    mfn = mfn_da(rng, deal)
    if mfn and rng.random() < 0.5:
        money_subs.append(("Mestbegunstigelse", mfn))
        mfn = []
    sections.append(
        (rng.choice(["Vederlag og betaling", "Vederlag", "Priser og betaling"]), money_subs)
    )
    if mfn:
        sections.append(("Mestbegunstigelse", [(None, mfn)]))
    names = _NAMES
    low, high = 2 + min(boost, 2), 3 + min(boost, 3)
    topics = boilerplate.TOPICS[:]
    tail = topics.pop()  # disputes stay last
    chosen = sorted(rng.sample(range(len(topics)), k=min(len(topics), 8 + 2 * min(boost, 2))))
    noise = []
    for i in chosen:
        da, _, pool, _ = topics[i]
        noise.append((da, split_subs(rng, boilerplate.pick_sentences(rng, pool, low, high, names))))
    liability = [non_price_da(rng, money, "liability"), non_price_da(rng, money, "insurance")]
    noise.insert(rng.randint(2, len(noise)), ("Ansvar og forsikring", split_subs(rng, liability)))
    penalty = [non_price_da(rng, money, "penalty"),
               "Betaling af bod fritager ikke Leverandøren for at opfylde Kontrakten."]  # fmt: skip
    noise.insert(rng.randint(1, len(noise)), ("Bod", [(None, penalty)]))
    if rng.random() < 0.4:
        noise.append(("Garanti", [(None, [non_price_da(rng, money, "guarantee")])]))
    sections += noise
    sections.append(
        (tail[0], split_subs(rng, boilerplate.pick_sentences(rng, tail[2], 2, 4, names)))
    )
    subheadings = rng.random() < 0.6
    label_width = rng.choice([28, 34, 40])
    out: list[Block] = []
    for n, (title, subs) in enumerate(sections, 1):
        titled = subheadings or subs is money_subs
        out += clause(rng, num, n, title, subs, subheadings=titled, label_width=label_width)
    return out


def _appendix(
    rng: Random, appendix: str, money: str, indexed: bool
) -> tuple[list[Block], list[PriceTerm]]:
    blocks: list[Block] = [Heading(appendix, in_toc=rng.random() < 0.7, new_page=True)]
    intro = ["Alle priser er angivet i danske kroner (DKK) ekskl. moms.",
             "Priserne er gældende fra Kontraktens ikrafttræden og reguleres efter Kontraktens bestemmelser om prisregulering.",
             "Bilaget udfyldes af tilbudsgiver. Versionsdato: [dato]."]  # fmt: skip
    if not indexed:
        intro[1] = "Priserne er gældende fra Kontraktens ikrafttræden."
    blocks += paragraphs(rng, intro[: rng.randint(1, 3)])
    blocks.append(Space(rng.choice([4, 8, 12])))
    services = vocab.services(
        rng, rng.randint(10, 40), "da", long_share=rng.choice([0.2, 0.4, 0.6])
    )
    ids = vocab.item_ids(rng, len(services))
    currency_in_header = rng.random() < 0.3
    cell_money = "bare" if currency_in_header else money
    total_money = "bare" if currency_in_header else rng.choice(DA_MONEY[:2])
    spec = PriceTableSpec(
        lang="da",
        order=choose_order(rng, pos=0.5, item=0.75, qty=0.25, incl=0.15, shuffle=False),
        money=lambda v: da_money(v, cell_money),
        bare_money=lambda v: da_money(v, total_money),
        currency_in_header=currency_in_header,
        sections=rng.random() < 0.5,
        total_row=rng.random() < 0.6,
        rules=rng.choice(["grid", "grid", "horizontal", "box"]),
        header_fill=rng.choice([None, 0.85, 0.9]),
        repeat_header=rng.random() < 0.85,
        continued=rng.choice([None, f"{appendix} (fortsat)"]),
        nested_pos=rng.random() < 0.5,
    )
    if rng.random() < 0.3:
        table_blocks, terms = _tables_by_category(rng, spec, services, ids)
        blocks += table_blocks
    else:
        table, terms = price_table(rng, spec, services, ids)
        blocks.append(table)
    notes = ["Timepriser gælder for arbejde udført på hverdage mellem kl. 8 og 16. Arbejde uden for dette tidsrum honoreres med et tillæg på 50 %.",
             "Rejsetid og kørsel faktureres ikke.",
             "Priserne er inklusive alle omkostninger, herunder licenser til tredjepartsprogrammel."]  # fmt: skip
    blocks += paragraphs(rng, rng.sample(notes, rng.randint(1, 3)))
    return blocks, terms


def _tables_by_category(
    rng: Random, spec: PriceTableSpec, services: list[vocab.Service], ids: list[str]
) -> tuple[list[Block], list[PriceTerm]]:
    """One table per service category under its own numbered sub-heading, all with the same
    columns and unit wording (the tables share one random stream for those choices)."""
    groups: dict[str, list[int]] = {}
    for i, service in enumerate(services):
        groups.setdefault(service.category, []).append(i)
    shared = rng.random()
    spec = replace(spec, sections=False, total_row=False, continued=None)
    blocks: list[Block] = []
    terms: list[PriceTerm] = []
    for k, (category, members) in enumerate(sorted(groups.items()), 1):
        blocks.append(Heading(category, f"{k}.", level=2, in_toc=False))
        units = {services[i].unit for i in members}
        part_spec = spec
        if len(units) == 1 and "unit" in spec.order and rng.random() < 0.5:
            # one unit for the whole table: named in the price header, no unit column
            part_spec = replace(spec, order=[key for key in spec.order if key != "unit"],
                                price_header=UNIT_PRICE_HEADERS["da"][units.pop()])  # fmt: skip
        table, part = price_table(
            Random(shared), part_spec, [services[i] for i in members], [ids[i] for i in members]
        )
        blocks.append(table)
        terms += part
    return blocks, terms

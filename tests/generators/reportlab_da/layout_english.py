"""`english_agreement`: an English services agreement between a Danish public buyer and
a vendor, with "Clause 4.1" / "Section 4" / "ARTICLE IV" headings, an "entered into as of
... (the "Effective Date")" preamble, recitals, term "for a period of four (4) years from
the Effective Date", CPI indexation "capped at 3% per annum", payment "within thirty (30)
days of receipt of a valid invoice", an MFN clause (or none, or one excluded), and
"Schedule 3 – Charges" as a table in "DKK 1,234.56" or "1,234.56 DKK" (sometimes EUR).
"""

from __future__ import annotations

from dataclasses import replace
from random import Random

from . import annexes, boilerplate, vocab
from .blocks import Block, Document, Heading, PageBreak, Para, Space, Toc
from .clauses import (
    Deal,
    make_deal,
    mfn_en,
    non_price_en,
    payment_en,
    term_en,
)
from .compose import Sub, clause, paragraphs, signatures_en, split_subs
from .indexation import indexation_en
from .pricetable import PriceTableSpec, choose_order, price_table
from .styles import Numbering, random_style
from .textfmt import en_money
from .truth import PriceTerm, Truth

LAYOUT = "english_agreement"


def build(rng: Random) -> Document:
    deal = make_deal(rng, "en")
    system = deal.system[1].removeprefix("the ")
    title = rng.choice([["SERVICES AGREEMENT"], ["Services Agreement", f"relating to the {system}"],
                        ["AGREEMENT FOR THE OPERATION AND MAINTENANCE", f"OF THE {system.upper()}"],
                        [f"Hosting and Support Agreement – {system[0].upper()}{system[1:]}"]])  # fmt: skip
    schedule = rng.choice(["3", "3", "C", "2"])
    ref = f"Schedule {schedule}"
    money = rng.choice(["dkk_first", "dkk_last", "dkk_first_whole"])
    currency = "EUR" if rng.random() < 0.12 else "DKK"
    style = random_style(rng, header=rng.choice([None, " ".join(title), f"{deal.vendor.name} – Confidential"]),
                         footer=rng.choice(["Page {page} of {total}", "{page}", "- {page} -"]),
                         title=rng.choice([None, "Services Agreement final"]))  # fmt: skip
    truth = Truth(LAYOUT, "en", title=" ".join(title), parties=deal.parties(),
                  effective_date=deal.effective, expiry_date=deal.expiry,
                  payment_days=deal.payment_days, mfn=deal.mfn == "yes",
                  indexation=deal.indexation)  # fmt: skip
    blocks = _cover(rng, deal, title, style.size)
    if rng.random() < 0.5:
        blocks += [
            Toc(
                rng.choice(["Contents", "Table of Contents"]),
                leader=rng.choice([".", ""]),
                max_level=1,
            ),
            PageBreak(),
        ]
    blocks += _preamble(rng, deal)
    num = Numbering.random(rng, "en")
    for n, (heading, subs) in enumerate(_clauses(rng, deal, ref, money, currency), 1):
        caps = num.scheme in ("article", "dot") and rng.random() < 0.7
        blocks += clause(rng, num, n, heading.upper() if caps else heading, subs,
                         subheadings=False, label_width=num.label_width + rng.choice([0, 6]))  # fmt: skip
    blocks.append(
        Para(
            "IN WITNESS WHEREOF the parties have signed this Agreement on the dates set out below.",
            space_after=14,
        )
    )
    blocks += signatures_en(rng, deal)
    if rng.random() < 0.4:
        blocks += annexes.service_levels(
            rng, f"Schedule {'4' if schedule != 'C' else 'D'} – Service Levels", "en"
        )
    schedule_blocks, truth.price_terms = _schedule(
        rng, ref, money, currency, deal.indexation is not None
    )
    blocks += schedule_blocks
    return Document(blocks, style, truth)


def _cover(rng: Random, deal: Deal, title: list[str], size: float) -> list[Block]:
    align = rng.choice(["center", "left"])
    big = rng.choice([18, 20, 22])
    out: list[Block] = [Space(rng.randint(40, 140))]
    out += [Para(line, font="bold", size=big, align=align, space_after=4) for line in title]
    out += [Space(40), Para("between", align=align, space_after=8),
            Para(deal.buyer.name, font="bold", align=align, space_after=8),
            Para("and", align=align, space_after=8),
            Para(deal.vendor.name, font="bold", align=align, space_after=40),
            Para("Contract reference: [●]", size=size - 1, align=align),
            PageBreak()]  # fmt: skip
    return out


def _preamble(rng: Random, deal: Deal) -> list[Block]:
    b, v = deal.buyer, deal.vendor
    buyer_cvr = f", CVR no. {b.cvr}" if deal.buyer_cvr_shown else ""
    parties = [
        f'(1) {b.name}{buyer_cvr}, {b.street}, {b.city}, Denmark (the "Customer"); and',
        f'(2) {v.name}, CVR no. {v.cvr}, {v.street}, {v.city}, Denmark (the "Supplier").',
    ]
    when = deal.date(deal.effective)
    opening = rng.choice([
        f"THIS AGREEMENT is entered into as of {when} (the \"Effective Date\") by and between:",
        f"This Services Agreement (the \"Agreement\") is made and entered into as of {when} (the \"Effective Date\") between:",
    ])  # fmt: skip
    recitals = [
        "WHEREAS the Customer has conducted a public tender procedure for the services described in this Agreement;",
        f"WHEREAS the Supplier submitted the most economically advantageous tender on {deal.date(deal.signed, 'uk')};",
        "NOW, THEREFORE, the parties agree as follows:",
    ]  # fmt: skip
    out: list[Block] = [Para(opening)]
    out += [Para(p, indent=18) for p in parties]
    if rng.random() < 0.7:
        out += [Para(r) for r in recitals]
    return out


def _clauses(
    rng: Random, deal: Deal, ref: str, money: str, currency: str
) -> list[tuple[str, list[Sub]]]:
    topics = {t[1]: t[3] for t in boilerplate.TOPICS}
    definitions = [f'"{term}" means {text}' for term, text in boilerplate.DEFINITIONS_EN]
    charges = [f"In consideration of the Services the Customer shall pay the Charges set out in {ref}.",
               "The Charges are exclusive of VAT and include all costs and expenses of the Supplier unless otherwise stated."]  # fmt: skip
    out: list[tuple[str, list[Sub]]] = [
        ("Definitions and Interpretation", [(None, [d]) for d in definitions]),
        ("Term", split_subs(rng, term_en(rng, deal))),
        (
            "Services",
            split_subs(
                rng, boilerplate.pick_sentences(rng, topics["Scope of the Services"], 2, 4, {})
            ),
        ),
        (
            "Service Levels",
            split_subs(rng, boilerplate.pick_sentences(rng, topics["Service Levels"], 2, 3, {})),
        ),
        ("Charges", split_subs(rng, charges)),
        ("Invoicing and Payment", split_subs(rng, payment_en(rng, deal))),
    ]
    index = indexation_en(rng, deal)
    if index:
        out.append(("Price Adjustment", split_subs(rng, index)))
    mfn = mfn_en(rng, deal)
    if mfn:
        out.append(("Most Favoured Customer", [(None, mfn)]))
    amounts = [
        non_price_en(rng, money, k).replace("DKK", currency) for k in ("liability", "insurance")
    ]
    out.append(("Liability and Insurance", split_subs(rng, amounts)))
    out.append(
        (
            "Liquidated Damages",
            [(None, [non_price_en(rng, money, "penalty").replace("DKK", currency)])],
        )
    )
    for heading in rng.sample(["Confidentiality", "Data Protection", "Subcontractors", "Information Security",
                               "Change Control", "Governance", "Breach", "Termination and Exit",
                               "Force Majeure", "Assignment"], rng.randint(3, 7)):  # fmt: skip
        out.append(
            (heading, split_subs(rng, boilerplate.pick_sentences(rng, topics[heading], 1, 3, {})))
        )
    out.append(
        (
            "Governing Law and Disputes",
            split_subs(rng, boilerplate.pick_sentences(rng, topics["Disputes"], 2, 3, {})),
        )
    )
    return out


def _schedule(
    rng: Random, ref: str, money: str, currency: str, indexed: bool
) -> tuple[list[Block], list[PriceTerm]]:
    name = rng.choice(["Charges", "Charges", "Pricing", "Prices and Payment"])
    blocks: list[Block] = [Heading(f"{ref} – {name}", in_toc=rng.random() < 0.5, new_page=True)]
    intro = [f"All amounts are in {'Danish kroner (DKK)' if currency == 'DKK' else 'euro (EUR)'} and exclusive of VAT.",
             "The Charges are subject to adjustment in accordance with the Agreement."]  # fmt: skip
    blocks += paragraphs(rng, intro[: rng.randint(1, 2) if indexed else 1])
    in_header = currency == "DKK" and rng.random() < 0.3
    services = vocab.services(rng, rng.randint(6, 28), "en", long_share=rng.choice([0.2, 0.4]))
    spec = PriceTableSpec(
        lang="en",
        order=choose_order(rng, pos=0.3, item=0.8, qty=0.2, incl=0.0, shuffle=False),
        money=lambda v: en_money(v, "bare" if in_header else money, currency),
        bare_money=lambda v: en_money(v, "bare" if in_header else "dkk_first", currency),
        currency_in_header=in_header,
        sections=rng.random() < 0.4,
        total_row=rng.random() < 0.5,
        rules=rng.choice(["grid", "horizontal", "box", "horizontal"]),
        header_fill=rng.choice([None, 0.85, 0.92]),
        repeat_header=rng.random() < 0.8,
    )
    table, terms = price_table(rng, spec, services, vocab.item_ids(rng, len(services)))
    if currency != "DKK":
        terms = [replace(t, currency=currency) for t in terms]
    blocks += [Space(4), table]
    blocks.append(Para(rng.choice(["Time-based services are charged per commenced half hour.",
                                   "Travel time and expenses are not chargeable."])))  # fmt: skip
    return blocks, terms

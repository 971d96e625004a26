"""The front page and clause body of a shorter agreement (2-6 pages), Danish or English.

Used by the layouts whose point is the price appendix: they still need parties, a term,
payment, indexation and most-favoured-customer clauses and some noise around them.
"""

from __future__ import annotations

from random import Random

from . import boilerplate, vocab
from .blocks import Block, Para, Space
from .clauses import (
    Deal,
    mfn_da,
    mfn_en,
    non_price_da,
    non_price_en,
    party_block_da,
    payment_da,
    payment_en,
    term_da,
    term_en,
)
from .compose import Sub, clause, split_subs
from .indexation import indexation_da, indexation_en
from .styles import Numbering


def title_lines(rng: Random, deal: Deal) -> list[str]:
    """The main title as printed on page 1, one entry per printed line."""
    if deal.lang == "da":
        system = deal.system[0]
        title = rng.choice([f"Aftale om drift af {system}", f"Serviceaftale vedrørende {system}",
                            f"Kontrakt om levering af {system} som abonnementsløsning",
                            f"Licens- og driftsaftale for {system}"])  # fmt: skip
        if rng.random() < 0.3 and not title.startswith("Licens-"):
            head, _, rest = title.partition(" ")
            return [head, rest]
        return [title]
    system = deal.system[1].removeprefix("the ")
    title = rng.choice([f"Agreement for the provision of {system} services",
                        f"Subscription Agreement – {system[0].upper()}{system[1:]}",
                        "Master Services Agreement"])  # fmt: skip
    return [title.upper()] if rng.random() < 0.3 else [title]


def front(rng: Random, deal: Deal, lines: list[str], size: float) -> list[Block]:
    """Title and the parties, as address blocks or as one opening sentence."""
    align = rng.choice(["left", "center"])
    big = size + rng.choice([5, 7, 9])
    out: list[Block] = [Space(rng.randint(0, 40))]
    out += [Para(line, font="bold", size=big, align=align, space_after=3) for line in lines]
    out.append(Space(rng.randint(12, 30)))
    if deal.lang == "en":
        return out + [Para(_parties_en(rng, deal))]
    if rng.random() < 0.5:
        buyer = party_block_da(rng, deal.buyer, deal.buyer_cvr_shown)
        vendor = party_block_da(rng, deal.vendor, True)
        out.append(Para("Mellem", space_after=6))
        out.append(Para("\n".join(buyer) + "\n(herefter »Kunden«)", space_after=10))
        out.append(Para("og", space_after=6))
        out.append(Para("\n".join(vendor) + "\n(herefter »Leverandøren«)", space_after=10))
        out.append(Para("er der indgået følgende aftale:", space_after=12))
        return out
    out.append(Para(_parties_da(rng, deal)))
    return out


def _cvr_da(rng: Random, number: str) -> str:
    return rng.choice(
        [f"CVR-nr. {number}", f"CVR-nr.: {vocab.spaced_cvr(number)}", f"CVR {number}"]
    )


def _parties_da(rng: Random, deal: Deal) -> str:
    b, v = deal.buyer, deal.vendor
    buyer = f"{b.name}, {b.street}, {b.city}"
    if deal.buyer_cvr_shown:
        buyer += f", {_cvr_da(rng, b.cvr)}"
    vendor = f"{v.name}, {_cvr_da(rng, v.cvr)}, {v.street}, {v.city}"
    return (f"Mellem {buyer} (herefter »Kunden«) og {vendor} (herefter »Leverandøren«) er der "
            "indgået følgende aftale:")  # fmt: skip


def _parties_en(rng: Random, deal: Deal) -> str:
    b, v = deal.buyer, deal.vendor
    buyer = f"{b.name}, {b.street}, {b.city}, Denmark"
    if deal.buyer_cvr_shown:
        buyer += f", CVR no. {b.cvr}"
    vendor = (
        f"{v.name}, a company registered in Denmark under CVR no. {v.cvr}, {v.street}, {v.city}"
    )
    when = deal.date(deal.effective)
    return rng.choice([
        f"This Agreement is entered into as of {when} (the \"Effective Date\") between {buyer} "
        f"(the \"Customer\") and {vendor} (the \"Supplier\").",
        f"This Agreement is made between {buyer} (the \"Customer\") and {vendor} (the "
        f"\"Supplier\") and takes effect on {when} (the \"Effective Date\").",
    ])  # fmt: skip


def body(rng: Random, deal: Deal, num: Numbering, ref: str, money: str) -> list[Block]:
    """Numbered clauses: scope, term, prices (pointing at `ref`), payment, indexation,
    most-favoured customer, liability, noise, disputes."""
    da = deal.lang == "da"
    names = {"K": "Kunden", "L": "Leverandøren", "B": "Aftalen"} if da else {}
    sections: list[tuple[str, list[Sub]]] = []
    lang = deal.lang
    heading, pool = boilerplate.topic(0, lang)
    sections.append((heading, split_subs(rng, boilerplate.pick_sentences(rng, pool, 2, 3, names))))
    sections.append(
        (
            "Aftaleperiode" if da else "Term",
            split_subs(rng, term_da(rng, deal) if da else term_en(rng, deal)),
        )
    )
    price = ([f"Priserne for Ydelserne fremgår af {ref}.", "Alle priser er i danske kroner ekskl. moms."]
             if da else [f"The Charges are set out in {ref}.", "All Charges are exclusive of VAT."])  # fmt: skip
    sections.append(("Priser og betaling" if da else "Charges and Payment",
                     split_subs(rng, price + (payment_da(rng, deal) if da else payment_en(rng, deal)))))  # fmt: skip
    index = indexation_da(rng, deal) if da else indexation_en(rng, deal)
    if index:
        sections.append(("Prisregulering" if da else "Price Adjustment", split_subs(rng, index)))
    mfn = mfn_da(rng, deal) if da else mfn_en(rng, deal)
    if mfn:
        sections.append(("Mestbegunstigelse" if da else "Most Favoured Customer", [(None, mfn)]))
    if da:
        amounts = [non_price_da(rng, money, "liability"), non_price_da(rng, money, "penalty")]
    else:
        style = rng.choice(["dkk_first", "dkk_last"])
        amounts = [non_price_en(rng, style, "liability"), non_price_en(rng, style, "penalty")]
    sections.append(("Ansvar" if da else "Liability", split_subs(rng, amounts)))
    last = len(boilerplate.TOPICS) - 1
    for i in sorted(rng.sample(range(1, last), rng.randint(1, 4))) + [last]:
        heading, pool = boilerplate.topic(i, lang)
        sentences = boilerplate.pick_sentences(rng, pool, 1, 2 if i == last else 3, names)
        sections.append((heading, split_subs(rng, sentences)))
    out: list[Block] = []
    for n, (title, subs) in enumerate(sections, 1):
        out += clause(rng, num, n, title, subs, subheadings=False, label_width=num.label_width)
    return out

"""Assembling blocks from sentences: paragraphs, numbered clauses, signature pages."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from . import vocab
from .blocks import Block, Heading, Para, Signatures
from .clauses import Deal
from .styles import Numbering
from .textfmt import da_date, en_date


def paragraphs(rng: Random, sentences: list[str]) -> list[Block]:
    """Sentences grouped 1-3 to a paragraph."""
    out: list[Block] = []
    i = 0
    while i < len(sentences):
        take = rng.randint(1, 3)
        out.append(Para(" ".join(sentences[i : i + take])))
        i += take
    return out


Sub = tuple[str | None, list[str]]  # (sub-heading or None, sentences)


def clause(rng: Random, num: Numbering, n: int, title: str, subs: list[Sub],
           *, subheadings: bool, label_width: float = 30) -> list[Block]:  # fmt: skip
    """A numbered clause: a heading, then sub-clauses as sub-headings or numbered paragraphs."""
    out: list[Block] = [Heading(title, num.top(n), level=1)]
    subs = [(t, s) for t, s in subs if s]
    if len(subs) == 1 and subs[0][0] is None:
        return out + paragraphs(rng, subs[0][1])
    for m, (subtitle, sentences) in enumerate(subs, 1):
        if subheadings and subtitle:
            out.append(Heading(subtitle, num.sub(n, m), level=2))
            out += paragraphs(rng, sentences)
        else:
            out.append(Para(" ".join(sentences), label=num.sub(n, m), label_width=label_width))
    return out


def split_subs(rng: Random, sentences: list[str]) -> list[Sub]:
    """Untitled sub-clauses of 1-2 sentences."""
    out: list[Sub] = []
    i = 0
    while i < len(sentences):
        take = rng.randint(1, 2)
        out.append((None, sentences[i : i + take]))
        i += take
    return out


def signatures_da(rng: Random, deal: Deal) -> list[Block]:
    """A signature page: place and date (not the effective date), names and titles."""
    vendor_town = deal.vendor.city.split(" ", 1)[1].split(" ")[0]
    style = rng.choice(["long", "long", "dash", "dot"])
    dates = [deal.signed, deal.signed if rng.random() < 0.5 else _later(deal)]
    blocks = []
    for role, company, town, day, titles in (
        ("Kunden", deal.buyer, deal.buyer_town, dates[0], vocab.BUYER_TITLES),
        ("Leverandøren", deal.vendor, vendor_town, dates[1], vocab.VENDOR_TITLES),
    ):
        place = f"{town}, den {da_date(day, style)}"
        above = (
            [f"For {role}:", company.name, place]
            if rng.random() < 0.5
            else [f"For {company.name}", f"Sted og dato: {place}"]
        )
        blocks.append((above, [vocab.person(rng), rng.choice(titles)]))
    return [Signatures(blocks)]


def signatures_en(rng: Random, deal: Deal) -> list[Block]:
    blocks = []
    for label, company, titles in (
        ("the Customer", deal.buyer, vocab.EN_BUYER_TITLES),
        ("the Supplier", deal.vendor, vocab.EN_VENDOR_TITLES),
    ):
        day = deal.signed if rng.random() < 0.6 else _later(deal)
        above = [f"Signed for and on behalf of {label}", company.name,
                 f"Date: {en_date(day, rng.choice(['uk', 'us', 'iso']))}"]  # fmt: skip
        blocks.append((above, [f"Name: {vocab.person(rng)}", f"Title: {rng.choice(titles)}"]))
    return [Signatures(blocks)]


def _later(deal: Deal) -> date:
    return deal.signed + timedelta(days=3)

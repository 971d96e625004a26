"""`prose_prices`: the price appendix states every price in a numbered sentence.

"2.1 For drift af borgerportalen betaler Kunden 12,50 kr. pr. indbygger pr. år ekskl.
moms." / "The Customer shall pay DKK 4,500.00 per month for hosting (item H-200)." Price
sentences are mixed with sentences holding amounts that are not prices: a cap on the
total, a penalty, an estimated contract sum, expected volumes. The description in the
truth is the service phrase exactly as the sentence writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from random import Random

from . import shortdoc, vocab
from .blocks import Block, Document, Heading, Para
from .clauses import Deal, make_deal, non_price_da, non_price_en
from .compose import signatures_da, signatures_en
from .layout_tiers import bands
from .styles import Numbering, random_style
from .textfmt import da_money, en_money
from .truth import PriceTerm, Truth

Money = Callable[[Decimal], str]  # how this document writes an amount
LAYOUT = "prose_prices"
_UNITS = {
    "da": {"month": ["pr. måned", "om måneden", "månedligt"], "year": ["pr. år", "årligt"],
           "user_month": ["pr. bruger pr. måned", "pr. licens pr. måned"],
           "user_year": ["pr. bruger pr. år", "pr. licens pr. år"],
           "inhabitant_year": ["pr. indbygger pr. år"], "hour": ["pr. time", "pr. påbegyndt time"],
           "transaction": ["pr. transaktion", "pr. opslag"], "piece": ["pr. stk."]},
    "en": {"month": ["per month"], "year": ["per year", "annually"],
           "user_month": ["per user per month", "per seat per month"],
           "user_year": ["per user per year"], "inhabitant_year": ["per inhabitant per year"],
           "hour": ["per hour"], "transaction": ["per transaction"], "piece": ["per unit", "each"]},
}  # fmt: skip
_SECTIONS = {
    "da": [("Abonnement og drift", ("month", "year", "inhabitant_year")),
           ("Licenser", ("user_month", "user_year")),
           ("Timebaserede ydelser", ("hour",)),
           ("Transaktioner, udstyr og engangsydelser", ("transaction", "piece", "fixed"))],
    "en": [("Subscription and operation", ("month", "year", "inhabitant_year")),
           ("Licences", ("user_month", "user_year")),
           ("Time-based services", ("hour",)),
           ("Transactions, equipment and one-off services", ("transaction", "piece", "fixed"))],
}  # fmt: skip


def build(rng: Random) -> Document:
    lang = rng.choice(["da", "da", "en"])
    deal = make_deal(rng, lang)
    lines = shortdoc.title_lines(rng, deal)
    da = lang == "da"
    style = random_style(rng, header=rng.choice([None, deal.vendor.name]),
                         footer=rng.choice(["Side {page} af {total}", "{page}"] if da else ["Page {page}", "{page}"]))  # fmt: skip
    truth = Truth(LAYOUT, lang, title=" ".join(lines), parties=deal.parties(),
                  effective_date=deal.effective, expiry_date=deal.expiry,
                  payment_days=deal.payment_days, mfn=deal.mfn == "yes",
                  indexation=deal.indexation)  # fmt: skip
    appendix = rng.choice(
        ["Bilag 2 – Priser", "Bilag 2 Vederlag", "Prisbilag"]
        if da
        else ["Schedule 2 – Charges", "Annex 2: Prices"]
    )
    ref = appendix.split(" –")[0].split(":")[0].removesuffix(" Vederlag")
    num = Numbering.random(rng, lang)
    blocks = shortdoc.front(rng, deal, lines, style.size)
    blocks += shortdoc.body(
        rng, deal, num, "prisbilaget" if ref == "Prisbilag" else ref, "kr_first"
    )
    blocks += signatures_da(rng, deal) if da else signatures_en(rng, deal)
    blocks.append(Heading(appendix, in_toc=False, new_page=True))
    appendix_blocks, truth.price_terms = _appendix(rng, deal)
    blocks += appendix_blocks
    return Document(blocks, style, truth)


def _appendix(rng: Random, deal: Deal) -> tuple[list[Block], list[PriceTerm]]:
    lang = deal.lang
    da = lang == "da"
    styles = ["kr_first", "kr_last"] if da else ["dkk_first", "dkk_last"]
    currency = "EUR" if not da and rng.random() < 0.15 else "DKK"

    def money(value: Decimal) -> str:
        style = rng.choice(styles)
        return da_money(value, style) if da else en_money(value, style, currency)

    services = vocab.services(rng, rng.randint(6, 14), lang, long_share=0.15)
    ids = vocab.item_ids(rng, len(services))
    number_word = rng.choice(["plain", "dot"])
    out: list[Block] = []
    terms: list[PriceTerm] = []
    general = _general(rng, deal, money)
    sections = [("Generelt" if da else "General", general)]
    tier_done = False
    for title, units in _SECTIONS[lang]:
        sentences = []
        for i, service in enumerate(services):
            if service.unit not in units:
                continue
            if service.unit in ("user_month", "user_year") and not tier_done and rng.random() < 0.6:
                tier_done = True
                text, new = _tier_sentence(rng, lang, service, ids[i], money)
            else:
                text, new = _price_sentence(rng, lang, service, ids[i], money)
            sentences.append(text)
            terms += [replace(t, currency=currency) for t in new]
        if sentences and rng.random() < 0.4:
            sentences.insert(rng.randint(0, len(sentences)), _noise(rng, deal))
        if sentences:
            sections.append((title, sentences))
    for n, (title, sentences) in enumerate(sections, 1):
        label = f"{n}." if number_word == "dot" else f"{n}"
        out.append(Heading(title, label, level=2, in_toc=False))
        for m, sentence in enumerate(sentences, 1):
            out.append(Para(sentence, label=f"{n}.{m}", label_width=30))
    return out, terms


def _general(rng: Random, deal: Deal, money: Money) -> list[str]:
    if deal.lang == "da":
        out = [
            "Alle priser i dette bilag er angivet i danske kroner ekskl. moms, medmindre andet er anført."
        ]
        if rng.random() < 0.6:
            out.append(
                f"Det samlede vederlag for Ydelserne kan i kontraktperioden ikke overstige {money(Decimal(rng.randint(20, 90) * 100_000))}."
            )
        out.append(non_price_da(rng, "kr_first", rng.choice(["estimate", "penalty"])))
        return out
    out = ["All prices in this Schedule are stated exclusive of VAT."]
    if rng.random() < 0.6:
        out.append(
            f"The total Charges payable under this Agreement shall not exceed {money(Decimal(rng.randint(20, 90) * 100_000))}."
        )
    out.append(non_price_en(rng, "dkk_first", rng.choice(["estimate", "penalty"])))
    return out


def _noise(rng: Random, deal: Deal) -> str:
    if deal.lang == "da":
        return rng.choice([
            f"Kunden forventer at aftage ca. {rng.choice(['40.000', '12.500', '150.000'])} transaktioner årligt; forventningen er ikke bindende.",
            "Rejsetid og kørsel afregnes ikke.",
            non_price_da(rng, "kr_last", "penalty"),
            "Prisen for servicedesk er indeholdt i det faste månedlige vederlag.",
        ])  # fmt: skip
    return rng.choice([
        "Travel time is not chargeable.",
        f"The Customer expects approximately {rng.choice(['40,000', '12,500'])} transactions per year; this estimate is not binding.",
        non_price_en(rng, "dkk_last", "liability"),
    ])  # fmt: skip


def _phrase(text: str) -> str:
    """The description as it reads inside a sentence (lower-case unless an acronym)."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _price_sentence(
    rng: Random, lang: str, s: vocab.Service, item: str, money: Money
) -> tuple[str, list[PriceTerm]]:
    with_id = rng.random() < 0.4
    m = money(s.price)
    d_mid, d_start = _phrase(s.description), s.description
    if lang == "da":
        tag = f" (varenr. {item})" if with_id else ""
        if s.unit == "fixed":
            forms = [(f"For {d_mid}{tag} betaler Kunden et engangsbeløb på {m} ekskl. moms.", d_mid),
                     (f"{d_start}{tag} udføres til en fast pris på {m}.", d_start)]  # fmt: skip
        else:
            u = rng.choice(_UNITS["da"][s.unit])
            forms = [(f"{d_start}{tag} afregnes med {m} {u}.", d_start),
                     (f"Prisen for {d_mid}{tag} udgør {m} {u} ekskl. moms.", d_mid),
                     (f"{d_start}{tag} faktureres med {m} {u}.", d_start),
                     (f"Kunden betaler {m} {u} for {d_mid}{tag}.", d_mid)]  # fmt: skip
            if "," not in d_mid:
                forms.append((f"For {d_mid}{tag} betaler Kunden {m} {u} ekskl. moms.", d_mid))
    else:
        tag = f" (item {item})" if with_id else ""
        if s.unit == "fixed":
            forms = [(f"A one-off fee of {m} applies to {d_mid}{tag}.", d_mid),
                     (f"{d_start}{tag} is provided for a fixed fee of {m}.", d_start)]  # fmt: skip
        else:
            u = rng.choice(_UNITS["en"][s.unit])
            forms = [(f"The Customer shall pay {m} {u} for {d_mid}{tag}.", d_mid),
                     (f"{d_start}{tag} is charged at {m} {u}.", d_start),
                     (f"The charge for {d_mid}{tag} is {m} {u}, excluding VAT.", d_mid)]  # fmt: skip
    text, description = rng.choice(forms)
    text = _one_stop(text)
    return text, [PriceTerm(description, s.unit, s.price, item if with_id else None)]


def _tier_sentence(
    rng: Random, lang: str, s: vocab.Service, item: str, money: Money
) -> tuple[str, list[PriceTerm]]:
    bounds = sorted(rng.sample([100, 250, 500, 1000, 2000], rng.randint(1, 2)))
    tiers = bands(rng, lang, bounds, "brugere" if lang == "da" else "users")
    prices = [s.price]
    for _ in tiers[1:]:
        prices.append((prices[-1] * Decimal("0.85")).quantize(Decimal("0.01")))
    d = _phrase(s.description)
    u = rng.choice(_UNITS[lang][s.unit])
    parts = [
        f"{'ved ' if lang == 'da' else ''}{label} {money(p)}"
        for (_, _, label), p in zip(tiers, prices, strict=True)
    ]
    joined = ", ".join(parts[:-1]) + (" og " if lang == "da" else " and ") + parts[-1]
    if lang == "da":
        text = f"For {d} betaler Kunden følgende {u}: {joined}."
    else:
        text = f"For {d}, the Customer shall pay the following {u}: {joined}."
    terms = [
        PriceTerm(d, s.unit, p, None, tier_min=lo, tier_max=hi)
        for (lo, hi, _), p in zip(tiers, prices, strict=True)
    ]
    return _one_stop(text), terms


def _one_stop(sentence: str) -> str:
    """A sentence ending in an abbreviation ("kr.", "stk.") takes no second full stop."""
    return sentence[:-1] if sentence.endswith("..") else sentence

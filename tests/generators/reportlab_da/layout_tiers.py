"""`tiers_grid`: volume tiers, Danish or English.

Per-inhabitant items are priced in a grid whose columns are population bands
("0-10.000 indb." | "10.001-50.000 indb." | "over 50.000 indb."); per-user items are
priced in rows, one band per row ("op til 500 brugere", "501-2.000 brugere", "over 2.000
brugere"), with the item number and description only on the band's first row or repeated.
A few untiered items follow in their own table. Every band is its own price term.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from random import Random

from . import shortdoc, vocab
from .blocks import Block, Column, Document, Heading, Para, Row, Space, Table
from .clauses import make_deal
from .compose import signatures_da, signatures_en
from .pricetable import PriceTableSpec, price_table
from .styles import Numbering, random_style
from .textfmt import da_money, da_number, en_money, en_number
from .truth import PriceTerm, Truth

Money = Callable[[Decimal], str]  # how this document writes an amount
LAYOUT = "tiers_grid"
Band = tuple[Decimal | None, Decimal | None, str]  # min, max, printed label


def build(rng: Random) -> Document:
    lang = rng.choice(["da", "da", "en"])
    deal = make_deal(rng, lang)
    lines = shortdoc.title_lines(rng, deal)
    footer = rng.choice(
        ["Side {page} af {total}", "{page}"]
        if lang == "da"
        else ["Page {page} of {total}", "{page}"]
    )
    style = random_style(rng, header=rng.choice([None, " ".join(lines)]), footer=footer)
    truth = Truth(LAYOUT, lang, title=" ".join(lines), parties=deal.parties(),
                  effective_date=deal.effective, expiry_date=deal.expiry,
                  payment_days=deal.payment_days, mfn=deal.mfn == "yes",
                  indexation=deal.indexation)  # fmt: skip
    da = lang == "da"
    appendix = rng.choice(
        ["Bilag 2 – Priser", "Bilag 2 Prisbilag"]
        if da
        else ["Schedule 2 – Charges", "Appendix B – Prices"]
    )
    ref = appendix.split(" –")[0].removesuffix(" Prisbilag")
    money_kind = rng.choice(
        ["kr_first", "kr_last", "bare"] if da else ["dkk_first", "dkk_last", "bare"]
    )
    blocks = shortdoc.front(rng, deal, lines, style.size)
    blocks += shortdoc.body(rng, deal, Numbering.random(rng, lang), ref, "kr_first")
    blocks += signatures_da(rng, deal) if da else signatures_en(rng, deal)
    blocks.append(Heading(appendix, in_toc=False, new_page=True))
    blocks.append(
        Para(
            "Alle priser er angivet ekskl. moms." if da else "All prices are stated excluding VAT."
        )
    )

    def money(value: Decimal) -> str:
        return da_money(value, money_kind) if da else en_money(value, money_kind)

    terms: list[PriceTerm] = []
    parts = [_inhabitant_grid, _user_rows]
    rng.shuffle(parts)
    for part in parts:
        part_blocks, part_terms = part(rng, lang, money)
        blocks += part_blocks
        terms += part_terms
    if rng.random() < 0.7:
        flat = vocab.services(
            rng, rng.randint(2, 6), lang, units=["hour", "fixed", "month", "transaction"]
        )
        spec = PriceTableSpec(lang=lang, order=["id", "desc", "unit", "price"] if rng.random() < 0.6 else ["desc", "unit", "price"],
                              money=money, bare_money=money, rules=rng.choice(["grid", "horizontal"]))  # fmt: skip
        blocks.append(
            Para("Øvrige ydelser" if da else "Other services", font="bold", space_after=4)
        )
        table, flat_terms = price_table(rng, spec, flat, vocab.item_ids(rng, len(flat)))
        blocks.append(table)
        terms += flat_terms
    truth.price_terms = terms
    return Document(blocks, style, truth)


def bands(rng: Random, lang: str, bounds: list[int], noun: str) -> list[Band]:
    """Consecutive bands over `bounds` as printed: 0-10.000, 10.001-50.000, over 50.000."""

    def n(v: int) -> str:
        return da_number(Decimal(v), 0) if lang == "da" else en_number(Decimal(v), 0)

    dash = rng.choice(["-", "–", " - "])
    out: list[Band] = []
    first = bounds[0]
    if rng.random() < 0.5:
        out.append((Decimal(0), Decimal(first), f"0{dash}{n(first)} {noun}"))
    else:
        out.append(
            (None, Decimal(first), f"{'op til' if lang == 'da' else 'up to'} {n(first)} {noun}")
        )
    for low, high in zip(bounds, bounds[1:], strict=False):
        out.append((Decimal(low + 1), Decimal(high), f"{n(low + 1)}{dash}{n(high)} {noun}"))
    last = bounds[-1]
    over = rng.choice([("over", "more than"), ("fra", "from")])
    if over[0] == "fra":
        out.append(
            (
                Decimal(last + 1),
                None,
                f"{over[0] if lang == 'da' else over[1]} {n(last + 1)} {noun}",
            )
        )
    else:
        out.append(
            (Decimal(last + 1), None, f"{over[0] if lang == 'da' else over[1]} {n(last)} {noun}")
        )
    return out


def _falling(rng: Random, start: Decimal, count: int) -> list[Decimal]:
    prices = [start]
    for _ in range(count - 1):
        cut = Decimal(rng.randint(5, 25)) / 100
        prices.append((prices[-1] * (1 - cut)).quantize(Decimal("0.01")))
    return prices


def _inhabitant_grid(rng: Random, lang: str, money: Money) -> tuple[list[Block], list[PriceTerm]]:
    da = lang == "da"
    bounds = sorted(
        rng.sample([5000, 10000, 20000, 25000, 50000, 75000, 100000], rng.randint(2, 3))
    )
    noun = rng.choice(["indb.", "indbyggere"]) if da else "inhabitants"
    tiers = bands(rng, lang, bounds, noun)
    services = vocab.services(rng, rng.randint(2, 6), lang, units=["inhabitant_year"])
    ids = vocab.item_ids(rng, len(services)) if rng.random() < 0.7 else None
    columns = ([Column("Varenr." if da else "Item no.", 1)] if ids else []) + [
        Column("Ydelse" if da else "Service", 3)
    ]
    columns += [Column(label, 1.4, "right") for _, _, label in tiers]
    rows, terms = [], []
    for i, service in enumerate(services):
        prices = _falling(rng, service.price, len(tiers))
        item = ids[i] if ids else None
        rows.append(
            Row(([item] if item else []) + [service.description] + [money(p) for p in prices])
        )
        for (low, high, _), price in zip(tiers, prices, strict=True):
            terms.append(
                PriceTerm(
                    service.description, "inhabitant_year", price, item, tier_min=low, tier_max=high
                )
            )
    caption = rng.choice(["Priser pr. indbygger pr. år (kr. ekskl. moms) efter kommunens indbyggertal",
                          "Abonnement – pris pr. indbygger pr. år, ekskl. moms"] if da else
                         ["Charges per inhabitant per year (excl. VAT), by population band"])  # fmt: skip
    table = Table(
        columns,
        rows,
        rules=rng.choice(["grid", "grid", "horizontal"]),
        header_fill=rng.choice([None, 0.88]),
    )
    return [Space(6), Para(caption, font="bold", space_after=4), table], terms


def _user_rows(rng: Random, lang: str, money: Money) -> tuple[list[Block], list[PriceTerm]]:
    da = lang == "da"
    bounds = sorted(rng.sample([100, 250, 500, 1000, 2000, 5000], rng.randint(1, 3)))
    noun = "brugere" if da else "users"
    unit = rng.choice(["user_month", "user_year"])
    services = vocab.services(rng, rng.randint(1, 4), lang, units=[unit])
    ids = vocab.item_ids(rng, len(services))
    per = {("da", "user_month"): "Pris pr. bruger pr. måned", ("da", "user_year"): "Pris pr. bruger pr. år",
           ("en", "user_month"): "Price per user per month", ("en", "user_year"): "Price per user per year"}[(lang, unit)]  # fmt: skip
    columns = [Column("Varenr." if da else "Item no.", 1), Column("Ydelse" if da else "Service", 3),
               Column("Antal brugere" if da else "Number of users", 1.8), Column(per, 1.6, "right")]  # fmt: skip
    repeat = rng.random() < 0.4
    rows, terms = [], []
    tiers = bands(rng, lang, bounds, noun)
    for i, service in enumerate(services):
        prices = _falling(rng, service.price, len(tiers))
        for n, ((low, high, label), price) in enumerate(zip(tiers, prices, strict=True)):
            first = n == 0 or repeat
            rows.append(
                Row(
                    [
                        ids[i] if first else "",
                        service.description if first else "",
                        label,
                        money(price),
                    ]
                )
            )
            terms.append(
                PriceTerm(service.description, unit, price, ids[i], tier_min=low, tier_max=high)
            )
    heading = "Licenser" if da else "Licences"
    table = Table(
        columns,
        rows,
        rules=rng.choice(["grid", "horizontal", "box"]),
        header_fill=rng.choice([None, 0.9]),
    )
    return [Space(6), Para(heading, font="bold", space_after=4), table], terms

"""Build one service contract (an abstract document + its ground truth) from a seed.

The document is a list of blocks that the renderers (Word via LibreOffice, HTML via Chromium,
Excel via LibreOffice Calc for the price annex) turn into a PDF.  Block kinds:

    ("letterhead", {name, lines, right})       ("title", text)      ("subtitle", text)
    ("heading", text)    ("para", text)    ("bold_para", text)    ("bullets", [text, ...])
    ("kv", [(label, value), ...])          ("parties", [[cell, ...], ...])  (a column per party)
    ("table", {caption, header, rows, note, num_cols, kind})       ("pagebreak",)
    ("signature", [(left, right), ...])

Money is Decimal; the truth holds prices as plain decimal strings ("12.50").
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import Decimal

from .data import (
    BUYERS,
    CATEGORIES,
    CATEGORY_ORDER,
    MONTHS_DA,
    MONTHS_EN,
    UNITS,
    VENDOR_ADDR,
    VENDORS,
)

TWO = Decimal("0.01")


def rot(options, seed: int, step: int = 1, off: int = 0):
    """Rotate ``options`` over seeds; with ``step`` coprime to len the first len seeds see all."""
    return options[(seed * step + off) % len(options)]


# ----------------------------------------------------------------------------- numbers
def cvr(rng: random.Random) -> str:
    w = [2, 7, 6, 5, 4, 3, 2, 1]
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(a * b for a, b in zip(d, w[:7], strict=True))
        last = (-s) % 11
        if last < 10:
            d.append(last)
            return "".join(map(str, d))


def cvr_ok(c: str) -> bool:
    w = [2, 7, 6, 5, 4, 3, 2, 1]
    return (
        len(c) == 8 and c[0] != "0" and sum(int(a) * b for a, b in zip(c, w, strict=True)) % 11 == 0
    )


def _group(intpart: str, sep: str) -> str:
    out = ""
    while len(intpart) > 3:
        out = sep + intpart[-3:] + out
        intpart = intpart[:-3]
    return intpart + out


def num_da(p: Decimal, decimals: bool = True) -> str:
    q = p.quantize(TWO)
    i, f = f"{q:.2f}".split(".")
    return _group(i, ".") + ("," + f if decimals else "")


def num_en(p: Decimal, decimals: bool = True) -> str:
    q = p.quantize(TWO)
    i, f = f"{q:.2f}".split(".")
    return _group(i, ",") + ("." + f if decimals else "")


def int_da(n: int) -> str:
    return _group(str(n), ".")


def int_en(n: int) -> str:
    return _group(str(n), ",")


def money(p: Decimal, style: str) -> str:
    return {
        "da_plain": num_da(p),
        "da_kr_pre": "kr. " + num_da(p),
        "da_kr_post": num_da(p) + " kr.",
        "da_dkk": "DKK " + num_da(p),
        "da_dash": (num_da(p, False) + ",-") if p == p.to_integral() else num_da(p),
        "en_plain": num_en(p),
        "en_dkk": "DKK " + num_en(p),
        "en_post": num_en(p) + " DKK",
    }[style]


def money_sentence(p: Decimal, style: str) -> str:
    """A price inside running text always carries a currency."""
    if style in ("da_plain", "da_dash"):
        return num_da(p) + " kr."
    if style == "en_plain":
        return "DKK " + num_en(p)
    return money(p, style)


# ----------------------------------------------------------------------------- dates
def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def date_text(d: dt.date, style: str) -> str:
    return {
        "da_long": f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}",
        "da_dots0": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "da_dots": f"{d.day}.{d.month}.{d.year}",
        "iso": d.isoformat(),
        "da_dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "da_short": f"{d.day}. {MONTHS_DA[d.month - 1][:3]}. {d.year}",
        "en_long": f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}",
        "en_us": f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}",
        "en_ord": f"{d.day}{_ordinal(d.day)} {MONTHS_EN[d.month - 1]} {d.year}",
    }[style]


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


DATE_STYLES_DA = ["da_long", "da_dots0", "da_dots", "iso", "da_dash", "da_short"]
DATE_STYLES_EN = ["en_long", "en_us", "en_ord", "iso"]

# ----------------------------------------------------------------------------- options
RENDERERS = ["docx", "html"]  # body: Word + LibreOffice Writer, or HTML + Chromium
PLACEMENTS = ["annex", "clause", "xlsx"]  # price tables: annex after a page break, in the
# price clause, or a spreadsheet "Tilbudsliste" rendered by LibreOffice Calc and appended
LAYOUTS = [
    "id_desc_unit_price",
    "desc_price_unit",
    "id_desc_cellunit",
    "header_unit",
    "qty_total",
    "unit_in_desc",
    "desc_unit_price_qty",
]
VAT_WHERE = ["header", "sentence", "caption", "footnote"]
TERMS = ["range", "years_from", "range_options", "kv", "open", "months"]
PAYMENTS = ["netto", "lbm", "receipt", "kv", "within", "none"]
INDEXATIONS = ["cap_hojst", "cap_overstige", "cap_maks", "uncapped", "fixed", "threshold"]
MFNS = ["pos_mest", "pos_bedre", "neg", "absent", "pos_lowest", "neg2"]
PARTY_LAYOUTS = ["mellem", "blocks", "table", "letter", "vendor_first"]
HEADINGS = ["num", "para", "plain", "clause"]
ID_STYLES = ["dotted", "prefix", "plain", "letter"]


def build(seed: int):
    rng = random.Random(seed)
    en = seed % 3 == 2
    lang = "en" if en else "da"
    cat_key = CATEGORY_ORDER[seed % 8]
    cat = CATEGORIES[cat_key]
    renderer = rot(RENDERERS, seed)
    placement = rot(PLACEMENTS, seed // 2)
    layout = rot(LAYOUTS, seed, 3, 1)
    vat_where = rot(VAT_WHERE, seed, 3, 2)
    vat = "incl" if seed % 5 == 4 else "excl"
    term_kind = rot(TERMS, seed, 5, 1)
    pay_kind = rot(PAYMENTS, seed, 5, 3)
    idx_kind = rot(INDEXATIONS, seed, 1, 2)
    mfn_kind = rot(MFNS, seed, 5, 4)
    party_layout = rot(PARTY_LAYOUTS, seed, 2, 1)
    heading_style = rot(HEADINGS, seed, 3)
    id_style = rot(ID_STYLES, seed, 3, 1)
    if en:
        mstyle = rot(["en_plain", "en_dkk", "en_post"], seed // 3)
    else:
        mstyle = rot(["da_plain", "da_kr_pre", "da_kr_post", "da_dkk", "da_dash"], seed, 7)
    dstyle = rot(DATE_STYLES_EN if en else DATE_STYLES_DA, seed // 2, 5)
    tiered = bool(cat.get("tiered")) and (seed // 8) % 2 == 0
    pay_distractor = seed % 2 == 1
    feats = dict(
        category=cat_key,
        renderer=renderer,
        placement=placement,
        layout=layout,
        vat=vat,
        vat_where=vat_where,
        money_style=mstyle,
        date_style=dstyle,
        heading_style=heading_style,
        id_style=id_style,
        tiered=tiered,
    )

    def D(d: dt.date) -> str:
        return date_text(d, dstyle)

    # ---- parties
    bname, bstreet, bcity = rng.choice(BUYERS)
    vname = rng.choice(VENDORS[cat_key])
    vstreet, vcity = rng.choice(VENDOR_ADDR)
    bcvr, vcvr = cvr(rng), cvr(rng)
    title = rng.choice(cat["title_en"] if en else cat["title_da"])

    # ---- dates and term
    if cat_key == "winter":
        effective = dt.date(rng.choice([2025, 2026]), 10, 1)
    elif cat_key == "transport":
        effective = dt.date(rng.choice([2025, 2026]), 8, 1)
    else:
        effective = dt.date(rng.choice([2025, 2026]), rng.choice([1, 3, 4, 6, 9, 10]),
                            rng.choice([1, 1, 1, 15]))  # fmt: skip
    years = rng.choice([2, 3, 4])
    expiry = dt.date(effective.year + years, effective.month, effective.day) - dt.timedelta(1)
    if term_kind == "range":
        E = (
            f"The contract is valid from {D(effective)} up to and including {D(expiry)}."
            if en
            else f"Kontrakten gælder fra den {D(effective)} til og med den {D(expiry)}."
        )
        X = E
    elif term_kind == "years_from":
        E = (
            f"The contract enters into force on {D(effective)} and runs for {years} years."
            if en
            else f"Kontrakten træder i kraft den {D(effective)} og løber i {years} år."
        )
        X = E
    elif term_kind == "range_options":
        E = (
            f"The contract period is {D(effective)} – {D(expiry)}. The Municipality may extend "
            "the contract 2 times by 12 months on unchanged terms."
            if en
            else f"Aftaleperioden er {D(effective)} – {D(expiry)}. Kommunen har option på at "
            "forlænge aftalen 2 x 12 måneder på uændrede vilkår."
        )
        X = E
    elif term_kind == "kv":
        E = ("Effective date:" if en else "Ikrafttræden:", D(effective))
        X = ("Expiry:" if en else "Udløb:", D(expiry))
    elif term_kind == "open":
        expiry = None
        E = (
            f"The contract takes effect on {D(effective)} and is not limited in time. Either "
            "party may terminate it at 6 months' notice to the end of a month."
            if en
            else f"Kontrakten træder i kraft den {D(effective)} og er tidsubegrænset. Den kan "
            "opsiges af begge parter med 6 måneders varsel til udgangen af en måned."
        )
        X = E
    else:  # months
        months = rng.choice([18, 24, 30, 36, 48])
        expiry = add_months(effective, months) - dt.timedelta(1)
        E = (
            f"The contract has a term of {months} months from {D(effective)}."
            if en
            else f"Kontrakten har en varighed på {months} måneder regnet fra den {D(effective)}."
        )
        X = E

    # ---- payment
    pdays = rng.choice([30, 30, 30, 14, 20, 45]) if pay_kind != "none" else None
    if pay_kind == "lbm" and pdays:
        pdays = rng.choice([15, 30])
    pay_sentence = {
        "netto": (
            f"Payment terms are net {pdays} days."
            if en
            else f"Betalingsbetingelser: netto {pdays} dage."
        ),
        "lbm": (
            f"Invoices are payable current month plus {pdays} days."
            if en
            else f"Betaling sker løbende måned + {pdays} dage."
        ),
        "receipt": (
            f"Payment shall be made no later than {pdays} days after receipt of a correct "
            "electronic invoice (OIOUBL)."
            if en
            else f"Betaling sker senest {pdays} dage efter Kommunens modtagelse af korrekt "
            "elektronisk faktura (OIOUBL)."
        ),
        "kv": (
            ("Payment terms:", f"{pdays} days from invoice date")
            if en
            else ("Betalingsfrist:", f"{pdays} dage fra fakturadato")
        ),
        "within": (
            f"The Municipality pays approved invoices within {pdays} calendar days."
            if en
            else f"Kommunen betaler godkendte fakturaer inden {pdays} kalenderdage."
        ),
        "none": None,
    }[pay_kind]
    distractor_sentence = (
        (
            "The Supplier shall invoice monthly in arrears, no later than 10 days after the end "
            "of each month. Complaints must be made within 8 days."
            if en
            else "Leverandøren fakturerer månedsvis bagud senest 10 dage efter udgangen af "
            "hver måned. Reklamation skal ske inden 8 dage."
        )
        if pay_distractor
        else None
    )

    # ---- indexation
    cap = {
        "cap_hojst": Decimal(rng.choice(["3", "2.5", "4"])),
        "cap_overstige": Decimal(rng.choice(["2.5", "3", "3.5"])),
        "cap_maks": Decimal(rng.choice(["3", "4", "5"])),
    }.get(idx_kind)

    def pct(x: Decimal) -> str:
        s = f"{x.normalize():f}"
        return s if en else s.replace(".", ",")

    index_name = cat["index_en"] if en else cat["index_da"]
    if idx_kind == "cap_hojst":
        idx = (
            f"Prices are adjusted annually on 1 January in line with {index_name}, but by no "
            f"more than {pct(cap)}%."
            if en
            else f"Priserne reguleres årligt pr. 1. januar efter {index_name}, dog højst "
            f"{pct(cap)} %."
        )
    elif idx_kind == "cap_overstige":
        idx = (
            f"The prices may be indexed once a year according to {index_name}. The adjustment "
            f"shall not exceed {pct(cap)} per cent per year."
            if en
            else f"Priserne kan reguleres én gang årligt efter {index_name}. Reguleringen kan "
            f"ikke overstige {pct(cap)} % pr. år."
        )
    elif idx_kind == "cap_maks":
        idx = (
            f"Price adjustment follows {index_name}, capped at {pct(cap)}% per year; changes "
            "below 1% are not passed on."
            if en
            else f"Prisregulering sker efter {index_name} og er maksimeret til {pct(cap)} % "
            "pr. år. Ændringer under 1 % medfører ingen regulering."
        )
    elif idx_kind == "uncapped":
        idx = (
            f"Prices are adjusted each year on 1 January according to {index_name}."
            if en
            else f"Priserne reguleres hvert år pr. 1. januar efter {index_name}."
        )
    elif idx_kind == "fixed":
        idx = (
            "All prices are fixed for the entire contract period."
            if en
            else "Alle priser er faste i hele kontraktperioden."
        )
    else:
        idx = (
            f"Prices may be adjusted when {index_name} has changed by more than 2% since the "
            "last adjustment."
            if en
            else f"Priserne kan reguleres, når {index_name} har ændret sig mere end 2 % siden "
            "seneste regulering."
        )

    # ---- MFN
    mfn = mfn_kind.startswith("pos")
    mfn_sentence = {
        "pos_mest": (
            "The Supplier grants the Municipality most-favoured-customer terms: should the "
            "Supplier offer other public customers lower prices for equivalent services, the "
            "Municipality shall be offered the same prices."
            if en
            else "Leverandøren giver Kommunen mestbegunstigelse, således at Kommunen altid "
            "tilbydes de samme eller bedre priser end Leverandørens øvrige offentlige kunder "
            "for tilsvarende ydelser."
        ),
        "pos_bedre": (
            "The Supplier may not offer other public customers better prices for equivalent "
            "services during the contract period."
            if en
            else "Leverandøren må i kontraktperioden ikke tilbyde andre offentlige kunder bedre "
            "priser for tilsvarende ydelser."
        ),
        "pos_lowest": (
            "The Municipality is guaranteed the lowest prices the Supplier offers to any "
            "comparable customer."
            if en
            else "Kommunen er sikret de til enhver tid laveste priser, som Leverandøren tilbyder "
            "sammenlignelige kunder."
        ),
        "neg": (
            "No most-favoured-customer clause applies to this contract."
            if en
            else "Der er ikke aftalt mestbegunstigelse."
        ),
        "neg2": (
            "The parties have not agreed on most-favoured-customer terms."
            if en
            else "Kontrakten indeholder ingen mestbegunstigelsesklausul."
        ),
        "absent": None,
    }[mfn_kind]

    # ---- prices
    vat_word = (
        ("excl. VAT" if vat == "excl" else "incl. VAT")
        if en
        else ("ekskl. moms" if vat == "excl" else "inkl. moms")
    )
    n_items = rng.randint(5, min(8, len(cat["items"])))
    items = rng.sample(cat["items"], n_items)
    integer_prices = rng.random() < 0.3
    id_gen = _ids(id_style, rng, cat_key)
    price_rows = []  # dicts: id, desc, kind, unit_text, price, qty, tier (min,max,label)

    def pick_price(lo, hi) -> Decimal:
        lo, hi = Decimal(str(lo)), Decimal(str(hi))
        if hi < 10:
            return (lo + (hi - lo) * Decimal(rng.random())).quantize(TWO)
        if integer_prices or hi > 2000:
            return Decimal(rng.randint(int(lo), int(hi))).quantize(TWO)
        x = lo + (hi - lo) * Decimal(rng.random())
        if hi > 100 and rng.random() < 0.7:
            return (Decimal(round(x * 4)) / 4).quantize(TWO)
        return x.quantize(TWO)

    for dda, den, kind, (lo, hi) in items:
        utxt = rng.choice(UNITS[kind][2] if en else UNITS[kind][1])
        desc = den if en else dda
        base = pick_price(lo, hi)
        if vat == "incl":
            base = (base * Decimal("1.25")).quantize(TWO)
        if tiered and kind == "litre" and not any(r.get("tier") for r in price_rows):
            bands = (
                [("0-1,999 litres", 0, 1999), ("2,000-4,999 litres", 2000, 4999),
                 ("5,000 litres or more", 5000, None)]
                if en
                else [("0-1.999 liter", 0, 1999), ("2.000-4.999 liter", 2000, 4999),
                      ("5.000 liter og derover", 5000, None)]
            )  # fmt: skip
            iid = next(id_gen)
            for k, (label, tmin, tmax) in enumerate(bands):
                p = (base - Decimal("0.35") * k).quantize(TWO)
                price_rows.append(
                    dict(id=iid, desc=desc, kind=kind, utxt=utxt, price=p,
                         qty=None, tier=(label, tmin, tmax))
                )  # fmt: skip
            continue
        qty = _qty(rng, kind)
        price_rows.append(
            dict(id=next(id_gen), desc=desc, kind=kind, utxt=utxt, price=base, qty=qty, tier=None)
        )

    truth_rows: list[dict] = []
    tables = _tables(price_rows, layout, en, vat_word, vat_where, mstyle, rng, truth_rows, vat)
    feats["n_rows"] = len(truth_rows)

    # sentence price (in the price clause)
    sdesc, stemplate, skind = cat["sentence_en"] if en else cat["sentence_da"]
    lo, hi = {"km": (9, 19), "hour": (380, 980), "visit": (250, 650), "delivery": (300, 900),
              "m3": (90, 240)}[skind]  # fmt: skip
    sp = pick_price(lo, hi)
    if vat == "incl":
        sp = (sp * Decimal("1.25")).quantize(TWO)
    s_text = stemplate.format(
        d=sdesc, d_lower=sdesc[0].lower() + sdesc[1:], p=money_sentence(sp, mstyle), vat=vat_word
    )
    sentence_row = {
        "item_id": None,
        "description": sdesc,
        "unit": UNITS[skind][0],
        "unit_text": s_text.split(money_sentence(sp, mstyle))[-1]
        .strip(" .")
        .replace(vat_word, "")
        .strip(),
        "unit_price": str(sp),
        "vat": vat,
        "tier_min": None,
        "tier_max": None,
        "row_text": s_text,
        "in_sentence": True,
    }

    # ---- distractor amounts
    qlo, qhi = cat["qty"]
    q = rng.randint(qlo, qhi) // 100 * 100
    qty_sentence = (cat["qty_en"] if en else cat["qty_da"]).format(q=int_en(q) if en else int_da(q))
    value = rng.randint(8, 90) * 100000
    value_sentence = (
        f"The estimated total value of the contract is DKK {int_en(value)} excl. VAT for the "
        "base term. The estimate is not binding on the Municipality."
        if en
        else f"Kontraktens anslåede samlede værdi er {int_da(value)} kr. ekskl. moms for "
        "grundperioden. Kommunen er ikke forpligtet til at aftage en bestemt mængde."
    )
    liability = rng.choice([2, 5, 10]) * 1000000
    liability_sentence = (
        f"The Supplier's liability is limited to DKK {int_en(liability)} per year, except in "
        "cases of gross negligence or wilful misconduct."
        if en
        else f"Leverandørens erstatningsansvar er begrænset til {int_da(liability)} kr. pr. år, "
        "dog ikke ved grov uagtsomhed eller forsæt."
    )
    mileage_sentence = (
        "Travel in the Supplier's own vehicles is not reimbursed; where the Municipality "
        "expressly orders travel by private car, it is reimbursed at the state's rate for "
        "mileage allowance."
        if en
        else "Leverandørens kørsel til og fra arbejdsstedet betales ikke særskilt. Kørsel i egen "
        "bil efter særskilt aftale godtgøres efter statens takst for kørselsgodtgørelse."
    )
    penalty_sentence = cat["penalty_en"] if en else cat["penalty_da"]
    insurance = (
        f"The Supplier shall hold a third-party liability insurance covering at least DKK "
        f"{int_en(liability * 2)} per claim."
        if en
        else f"Leverandøren skal have en erhvervsansvarsforsikring med en dækning på mindst "
        f"{int_da(liability * 2)} kr. pr. skade."
    )

    # ---- assemble blocks
    blocks: list = []
    case_no = f"{effective.year % 100 - 1:02d}/{rng.randint(10000, 99999)}"
    letter_date = effective - dt.timedelta(days=rng.randint(20, 70))
    if party_layout == "letter":
        blocks.append(
            (
                "letterhead",
                {
                    "name": bname,
                    "lines": [bstreet, bcity, f"CVR-nr. {bcvr}" if not en else f"CVR no. {bcvr}"],
                    "right": [
                        ("Case no.: " if en else "Sagsnr.: ") + case_no,
                        ("Date: " if en else "Dato: ") + D(letter_date),
                    ],
                },
            )
        )
    blocks.append(("title", title))
    hn = _heading_fn(heading_style, en)
    sec = iter(range(1, 30))

    blocks.append(("heading", hn(next(sec), "Parties" if en else "Aftalens parter")))
    blocks += _party_blocks(
        party_layout, en, bname, bstreet, bcity, bcvr, vname, vstreet, vcity, vcvr
    )

    blocks.append(("heading", hn(next(sec), "Scope" if en else "Aftalens omfang")))
    blocks.append(("para", cat["scope_en"] if en else cat["scope_da"]))
    blocks.append(("para", qty_sentence))

    blocks.append(("heading", hn(next(sec), "Term" if en else "Aftalens varighed")))
    if term_kind == "kv":
        blocks.append(("kv", [E, X]))
        blocks.append(
            ("para", "The contract cannot be extended." if en else "Kontrakten kan ikke forlænges.")
        )
    else:
        blocks.append(("para", E))

    blocks.append(("heading", hn(next(sec), "Prices" if en else "Priser")))
    annex_title = rng.choice(
        ["Annex 1 – Price schedule", "Annex 1 – Prices", "Appendix 1: Schedule of rates"]
        if en
        else ["Bilag 1 – Prisbilag", "Bilag 1 – Tilbudsliste", "Bilag 1: Priser og afregning"]
    )
    vat_sentence = (
        f"All prices are stated in Danish kroner (DKK) {vat_word}."
        if en
        else f"Alle priser er angivet i danske kroner {vat_word}."
    )
    if placement == "clause":
        blocks.append(
            (
                "para",
                "The Supplier is paid the following unit prices for the services delivered:"
                if en
                else "Leverandøren afregner de leverede ydelser efter følgende enhedspriser:",
            )
        )
        if vat_where == "sentence":
            blocks.append(("para", vat_sentence))
        blocks += tables
    else:
        blocks.append(
            (
                "para",
                f"The services are paid at the unit prices set out in {annex_title.split('–')[0].split(':')[0].strip()}."
                if en
                else f"Ydelserne afregnes efter enhedspriserne i {annex_title.split('–')[0].split(':')[0].strip()}.",
            )
        )
    blocks.append(("para", s_text))
    blocks.append(("para", mileage_sentence))
    blocks.append(("para", idx))
    blocks.append(("para", value_sentence))
    mfn_in_own = rng.random() < 0.5
    if mfn_sentence and not mfn_in_own:
        blocks.append(("para", mfn_sentence))

    blocks.append(
        ("heading", hn(next(sec), "Invoicing and payment" if en else "Fakturering og betaling"))
    )
    if distractor_sentence:
        blocks.append(("para", distractor_sentence))
    if pay_kind == "kv":
        blocks.append(
            ("kv", [pay_sentence, ("EAN:", "57980" + str(rng.randint(10**7, 10**8 - 1)))])
        )
    elif pay_sentence:
        blocks.append(("para", pay_sentence))
    blocks.append(
        (
            "para",
            "Invoices must state the order number and the cost centre."
            if en
            else "Fakturaen skal være påført bestillingsnummer og omkostningssted.",
        )
    )
    if mfn_sentence and mfn_in_own:
        blocks.append(
            ("heading", hn(next(sec), "Most-favoured customer" if en else "Mestbegunstigelse"))
        )
        blocks.append(("para", mfn_sentence))

    blocks.append(
        ("heading", hn(next(sec), "Breach and penalties" if en else "Misligholdelse og bod"))
    )
    blocks.append(("para", penalty_sentence))
    blocks.append(
        (
            "para",
            "The total penalties are capped at 15% of the annual contract value."
            if en
            else "Den samlede bod kan ikke overstige 15 % af den årlige kontraktsum.",
        )
    )
    blocks.append(
        ("heading", hn(next(sec), "Liability and insurance" if en else "Ansvar og forsikring"))
    )
    blocks.append(("para", liability_sentence))
    blocks.append(("para", insurance))

    blocks.append(("heading", hn(next(sec), "Signatures" if en else "Underskrifter")))
    sign_date = effective - dt.timedelta(days=rng.randint(5, 40))
    bcity_name = bcity.split(" ", 1)[1]
    vcity_name = vcity.split(" ", 1)[1]
    blocks.append(
        (
            "signature",
            [
                (
                    f"{bcity_name}, {'on' if en else 'den'} {D(sign_date)}",
                    f"{vcity_name}, {'on' if en else 'den'} {D(sign_date + dt.timedelta(days=2))}",
                ),
                ("For " + bname, "For " + vname),
                ("_" * 28, "_" * 28),
                (rng.choice(["Lene Holm, indkøbschef", "Per Damgaard, direktør", "Mette Vad, chef for Indkøb"]),
                 rng.choice(["Jens Bach, adm. direktør", "Anne Lund, CEO", "Kim Ravn, direktør"])),
            ],
        )
    )  # fmt: skip

    annex: list = []
    if placement != "clause":
        annex.append(("title2", annex_title))
        annex.append(
            (
                "para",
                f"{'Contract' if en else 'Kontrakt'}: {title} – {vname}",
            )
        )
        if vat_where == "sentence":
            annex.append(("para", vat_sentence))
        annex += tables
        annex.append(
            (
                "para",
                "Quantities are estimates only and are not binding."
                if en
                else "De angivne mængder er skønnede og ikke bindende for Kommunen.",
            )
        )
    feats["mfn_in_own_clause"] = mfn_in_own
    feats["party_layout"] = party_layout
    feats["term_kind"] = term_kind
    feats["payment_kind"] = pay_kind
    feats["indexation_kind"] = idx_kind
    feats["mfn_kind"] = mfn_kind
    truth_rows.append(sentence_row)

    def wtxt(x):
        return "\t".join(x) if isinstance(x, tuple) else x

    truth = {
        "file": None,
        "seed": seed,
        "language": lang,
        "title": title,
        "buyer": {"name": bname, "cvr": bcvr},
        "vendor": {"name": vname, "cvr": vcvr},
        "effective_date": effective.isoformat(),
        "expiry_date": expiry.isoformat() if expiry else None,
        "payment_days": pdays,
        "mfn": mfn,
        "indexation_cap_pct": None if cap is None else f"{cap.normalize():f}",
        "prices": truth_rows,
        "features": feats,
        "wording": {
            "effective": wtxt(E),
            "expiry": wtxt(X),
            "term_kind": term_kind,
            "payment": wtxt(pay_sentence) if pay_sentence else None,
            "payment_kind": pay_kind,
            "payment_distractor": pay_distractor,
            "mfn": mfn_sentence,
            "indexation": idx,
            "party_layout": party_layout,
            "buyer_kind": "municipality",
        },
    }
    meta = {
        "lang": lang,
        "renderer": renderer,
        "placement": placement,
        "header": (f"{'Contract' if en else 'Kontrakt'} – {bname} / {vname}"),
        "page_word": "Page" if en else "Side",
        "of_word": "of" if en else "af",
        "font": rng.choice(["Calibri", "Arial", "Times New Roman", "Garamond", "Verdana"]),
        "annex": annex,
        "annex_title": annex_title,
        "seed": seed,
    }
    return blocks, truth, meta


# ----------------------------------------------------------------------------- helpers
def _ids(style: str, rng: random.Random, cat_key: str):
    pre = {"transport": "KØR", "cleaning": "REN", "waste": "AFF", "winter": "VIN",
           "rental": "LEJ", "fuel": "BRÆ", "grounds": "ANL", "staff": "VIK"}[cat_key]  # fmt: skip
    n = 1
    while True:
        if style == "dotted":
            yield f"1.{n:02d}"
        elif style == "prefix":
            yield f"{pre}-{n:02d}"
        elif style == "plain":
            yield str(100 + n * 10)
        else:
            yield f"{'ABCD'[(n - 1) // 5]}.{(n - 1) % 5 + 1}"
        n += 1


def _qty(rng: random.Random, kind: str) -> int:
    lo, hi = {
        "km": (20000, 180000), "hour": (100, 2500), "litre": (5000, 250000),
        "m2": (500, 40000), "m2month": (2000, 30000), "m2year": (1000, 9000),
        "tonne": (50, 2500), "m3": (20, 900), "metre": (100, 3000), "day": (10, 400),
        "month": (12, 600), "week": (4, 60), "year": (1, 10), "kl1000": (20, 300),
    }.get(kind, (10, 900))  # fmt: skip
    v = rng.randint(lo, hi)
    return v // 100 * 100 if v > 5000 else v // 10 * 10 if v > 100 else v


def _heading_fn(style: str, en: bool):
    def f(n: int, text: str) -> str:
        if style == "num":
            return f"{n}. {text}"
        if style == "para":
            return f"§ {n} {text}" if not en else f"Section {n}. {text}"
        if style == "plain":
            return f"{n}\t{text}"
        return f"Clause {n} – {text}" if en else f"Punkt {n} – {text}"

    return f


def _party_blocks(layout, en, bname, bstreet, bcity, bcvr, vname, vstreet, vcity, vcvr):
    cvr_label = "CVR no." if en else "CVR-nr."
    buyer_role = "the Municipality" if en else "Kommunen"
    vendor_role = "the Supplier" if en else "Leverandøren"
    if layout == "mellem":
        s = (
            f"This contract is made between {bname}, {bstreet}, {bcity}, {cvr_label} {bcvr} "
            f"(hereinafter “{buyer_role}”) and {vname}, {vstreet}, {vcity}, {cvr_label} {vcvr} "
            f"(hereinafter “{vendor_role}”)."
            if en
            else f"Denne kontrakt er indgået mellem {bname}, {bstreet}, {bcity}, {cvr_label} "
            f"{bcvr} (herefter „{buyer_role}“) og {vname}, {vstreet}, {vcity}, {cvr_label} "
            f"{vcvr} (herefter „{vendor_role}“)."
        )
        return [("para", s)]
    if layout == "table":
        return [
            (
                "parties",
                [
                    ["Buyer" if en else "Ordregiver", "Supplier" if en else "Leverandør"],
                    [bname, vname],
                    [bstreet, vstreet],
                    [bcity, vcity],
                    [f"{cvr_label} {bcvr}", f"{cvr_label} {vcvr}"],
                ],
            )
        ]
    bblock = [
        ("bold_para", "Buyer:" if en else "Ordregiver:"),
        ("para", f"{bname}\n{bstreet}\n{bcity}\n{cvr_label}: {bcvr}"),
    ]
    vblock = [
        ("bold_para", "Supplier:" if en else "Leverandør:"),
        ("para", f"{vname}\n{vstreet}\n{vcity}\n{cvr_label}: {vcvr}"),
    ]
    if layout == "letter":
        # the buyer is in the letterhead; the body names both briefly
        return [
            (
                "para",
                f"Between {bname} ({cvr_label} {bcvr}), hereinafter {buyer_role}, and:"
                if en
                else f"Mellem {bname} ({cvr_label} {bcvr}), herefter {buyer_role}, og:",
            ),
            ("para", f"{vname}\n{vstreet}\n{vcity}\n{cvr_label} {vcvr}"),
            ("para", f"hereinafter {vendor_role}." if en else f"herefter {vendor_role}."),
        ]
    if layout == "vendor_first":
        return vblock + bblock
    return bblock + vblock


def _tables(rows, layout, en, vat_word, vat_where, mstyle, rng, truth_rows, vat):
    """Turn price rows into table blocks and append the truth rows in document order."""
    H = {
        "id": rng.choice(["Item no.", "Ref.", "No."] if en else ["Ydelsesnr.", "Varenr.", "Pos.", "Nr."]),
        "desc": rng.choice(["Service", "Description"] if en else ["Ydelse", "Beskrivelse", "Ydelsesbeskrivelse"]),
        "unit": rng.choice(["Unit", "Billing unit"] if en else ["Enhed", "Afregningsenhed", "Enh."]),
        "price": rng.choice(["Unit price", "Rate"] if en else ["Enhedspris", "Pris", "Enhedspris (kr.)"]),
        "qty": rng.choice(["Est. quantity", "Estimated annual quantity"] if en else ["Forventet mængde", "Skønnet årligt forbrug", "Anslået mængde"]),
        "total": rng.choice(["Total", "Total price"] if en else ["Samlet pris", "I alt (kr.)"]),
        "tier": "Delivery size" if en else "Leveringsstørrelse",
    }  # fmt: skip
    if vat_where == "header":
        H["price"] = f"{H['price']} {vat_word}"
    caption = None
    note = None
    if vat_where == "caption":
        caption = (
            f"Table 1 – Unit prices ({vat_word})" if en else f"Tabel 1 – Enhedspriser ({vat_word})"
        )
    if vat_where == "footnote":
        note = (
            f"All prices are {vat_word} and in DKK."
            if en
            else f"Alle priser er i kr. og {vat_word}."
        )
        H["price"] += " *"
        note = "* " + note

    def m(p):
        return money(p, mstyle)

    def tdesc(r):
        return r["desc"]

    def push(r, cells, unit_text, desc=None):
        truth_rows.append(
            {
                "item_id": r["id"]
                if layout in ("id_desc_unit_price", "id_desc_cellunit", "qty_total")
                else None,
                "description": desc or tdesc(r),
                "unit": UNITS[r["kind"]][0],
                "unit_text": unit_text,
                "unit_price": str(r["price"]),
                "vat": vat,
                "tier_min": None if not r["tier"] else str(r["tier"][1]),
                "tier_max": None if not r["tier"] or r["tier"][2] is None else str(r["tier"][2]),
                "row_text": " | ".join(c for c in cells),
            }
        )

    def desc_cell(r):
        if r["tier"]:
            return f"{r['desc']}, {r['tier'][0]}"
        return r["desc"]

    out = []
    if layout == "header_unit":
        groups: dict[str, list] = {}
        for r in rows:
            groups.setdefault(r["kind"], []).append(r)
        for k, (kind, grp) in enumerate(groups.items()):
            htxt = rng.choice(UNITS[kind][4] if en else UNITS[kind][3])
            hp = htxt + (f" {vat_word}" if vat_where == "header" else "")
            if vat_where == "footnote":
                hp += " *"
            trows = []
            for r in grp:
                cells = [desc_cell(r), m(r["price"])]
                trows.append(cells)
                push(r, cells, htxt)
            cap_k = None
            if caption:
                cap_k = caption.replace("1", str(k + 1), 1)
            out.append(
                ("table", {"caption": cap_k, "header": [H["desc"], hp], "rows": trows,
                           "note": note if k == len(groups) - 1 else None, "num_cols": [1],
                           "widths": [3, 1.4]})
            )  # fmt: skip
        return out

    trows = []
    total = Decimal(0)
    for r in rows:
        u = r["utxt"]
        if layout == "id_desc_unit_price":
            cells = [r["id"], desc_cell(r), u, m(r["price"])]
            push(r, cells, u)
        elif layout == "desc_price_unit":
            cells = [desc_cell(r), m(r["price"]), u]
            push(r, cells, u)
        elif layout == "id_desc_cellunit":
            w = UNITS[r["kind"]][5][1 if en else 0]
            if en:
                ptxt = f"DKK {num_en(r['price'])} per {w}"
            else:
                ptxt = rng.choice(
                    [f"{num_da(r['price'])} kr./{w}", f"kr. {num_da(r['price'])} pr. {w}"]
                )
            cells = [r["id"], desc_cell(r), ptxt]
            push(r, cells, ptxt)
        elif layout == "qty_total":
            qty = r["qty"] or 1000
            tot = (r["price"] * qty).quantize(TWO)
            total += tot
            cells = [
                r["id"],
                desc_cell(r),
                u,
                int_en(qty) if en else int_da(qty),
                m(r["price"]),
                m(tot),
            ]
            push(r, cells, u)
        elif layout == "unit_in_desc":
            w = rng.choice(UNITS[r["kind"]][2] if en else UNITS[r["kind"]][1])
            if not w.startswith(("pr.", "per")):
                w = ("per " if en else "pr. ") + w
            d = f"{desc_cell(r)}, {w}"
            cells = [d, m(r["price"])]
            push(r, cells, w, desc=d if not r["tier"] else None)
        else:  # desc_unit_price_qty
            qty = r["qty"] or 1000
            cells = [desc_cell(r), u, m(r["price"]), int_en(qty) if en else int_da(qty)]
            push(r, cells, u)
        trows.append(cells)
    header = {
        "id_desc_unit_price": [H["id"], H["desc"], H["unit"], H["price"]],
        "desc_price_unit": [H["desc"], H["price"], H["unit"]],
        "id_desc_cellunit": [H["id"], H["desc"], H["price"]],
        "qty_total": [H["id"], H["desc"], H["unit"], H["qty"], H["price"], H["total"]],
        "unit_in_desc": [H["desc"], H["price"]],
        "desc_unit_price_qty": [H["desc"], H["unit"], H["price"], H["qty"]],
    }[layout]
    num_cols = {
        "id_desc_unit_price": [3], "desc_price_unit": [1], "id_desc_cellunit": [2],
        "qty_total": [3, 4, 5], "unit_in_desc": [1], "desc_unit_price_qty": [2, 3],
    }[layout]  # fmt: skip
    widths = {
        "id_desc_unit_price": [0.8, 3, 1, 1.3], "desc_price_unit": [3, 1.3, 1],
        "id_desc_cellunit": [0.8, 3, 1.6], "qty_total": [0.9, 2.2, 0.9, 1, 1.2, 1.6],
        "unit_in_desc": [3, 1.3], "desc_unit_price_qty": [3, 1, 1.3, 1.2],
    }[layout]  # fmt: skip
    if layout == "qty_total":
        trows.append(["", ("Total " if en else "I alt ") + vat_word, "", "", "", m(total)])
    out.append(
        ("table", {"caption": caption, "header": header, "rows": trows, "note": note,
                   "num_cols": num_cols, "widths": widths,
                   "total_row": layout == "qty_total"})
    )  # fmt: skip
    return out

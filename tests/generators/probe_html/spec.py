"""Build one contract (HTML text + ground truth) from a seed.

Every option list is rotated by seed (or by the per-language running index for wordings that
exist per language), so seeds 0..14 cover every option.  Money is Decimal; the truth holds
prices as plain decimal strings ("1234.50").
"""

from __future__ import annotations

import html
import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from . import clauses as C
from .data import (
    CATALOGUE,
    CONTACTS_BUYER,
    HOURLY,
    JOINT,
    LONG_ITEMS,
    MUNICIPALITIES,
    REGIONS,
    SUBJECTS,
    VENDORS,
)
from .fmt import (
    INTEGER_STYLES,
    add_months_minus_day,
    add_years_minus_day,
    fmt_date,
    fmt_money,
    int_txt,
)

TABLE_KINDS = [
    "basic",  # id | desc | unit | price
    "tier_rows",  # volume bands as separate rows, id/desc merged with rowspan
    "tier_cols",  # volume bands as columns under a colspan header; untiered rows span them
    "list_vs_agreed",  # Listepris | Aftalepris
    "discount",  # Listepris | Rabat % | Nettopris
    "grouped_subtotal",  # group rows, estimated volume, line totals, subtotals
    "no_id",  # desc | unit | price
    "long",  # 30+ rows over several pages, repeated <thead>, zebra
    "incl_excl",  # a price column excl. VAT and one incl. VAT
    "unit_in_header",  # no unit column: "Timepris" in the header
]
PARTY_LAYOUTS = ["table", "sentence", "cover_block", "two_column", "vendor_first"]
BUYER_KINDS = ["kommune", "region", "joint"]
FONTS = [
    '"DejaVu Serif", serif',
    '"Liberation Sans", sans-serif',
    '"Liberation Serif", serif',
    '"DejaVu Sans", sans-serif',
]
FONT_SIZES = ["9pt", "10pt", "10.5pt", "11pt", "12pt"]
VAT_WHERE = ["column", "caption", "note", "intro", "body"]
NON_PRICE = {
    "da": [("Levering til adresse", "Gratis"), ("Kørsel uden for kommunen", "Efter regning"),
           ("Opsætning og instruktion", "Inkluderet"), ("Returnering af emballage", "-")],
    "en": [("Delivery to address", "Free of charge"), ("Travel outside the municipality", "At cost"),
           ("Set-up and instruction", "Included"), ("Return of packaging", "-")],
}  # fmt: skip


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def _rnd_price(rng: random.Random, lo: float, hi: float, integer: bool) -> Decimal:
    if integer:
        return Decimal(rng.randint(int(lo), int(hi)))
    if hi <= 40:
        return Decimal(rng.randint(int(lo * 100), int(hi * 100))) / 100
    whole = rng.randint(int(lo), int(hi))
    return Decimal(whole) + Decimal(rng.choice([0, 0, 0, 25, 50, 50, 75, 95, 10])) / 100


def _q(x: Decimal, integer: bool) -> Decimal:
    return x.quantize(Decimal("1") if integer else Decimal("0.01"), rounding=ROUND_HALF_UP)


def _cvr_text(cvr: str, style: str) -> str:
    spaced = " ".join(cvr[i : i + 2] for i in range(0, 8, 2))
    return {
        "cvr_nr": f"CVR-nr. {cvr}",
        "cvr_spaced": f"CVR: {spaced}",
        "cvr_colon": f"CVR nr.: {cvr}",
        "cvr_bare": f"CVR {cvr}",
        "company_reg": f"Company reg. no. {cvr}",
        "cvr_no": f"CVR no. {cvr}",
    }[style]


def _phone(rng: random.Random) -> str:
    n = f"{rng.randint(20, 99)}{rng.randint(100000, 999999)}"
    return " ".join(n[i : i + 2] for i in range(0, 8, 2))


def build(seed: int) -> tuple[str, dict]:
    rng = random.Random(seed * 104729 + 31)
    lang = "en" if seed % 3 == 2 else "da"
    en = lang == "en"
    li = seed // 3 if en else seed - (seed + 1) // 3  # running index within the language

    def rot(opts, off):  # rotation over all seeds
        return opts[(seed + off) % len(opts)]

    def lrot(opts, off):  # rotation within the language
        return opts[(li + off) % len(opts)]

    def T(da: str, en_: str) -> str:
        return en_ if en else da

    feats: dict = {"lang": lang}

    # ------------------------------------------------------------------ choices
    kind = rot(TABLE_KINDS, 0)
    subject = rot(list(SUBJECTS), 4)
    if kind == "unit_in_header":
        subject = "services"
    elif kind == "long":
        subject = "office"
    elif kind == "tier_rows" and subject == "services":
        subject = "it"
    elif kind == "tier_cols" and subject in ("it", "services"):
        subject = "cleaning"
    party_layout = rot(PARTY_LAYOUTS, 1)
    buyer_kind = rot(BUYER_KINDS, 2)
    font = rot(FONTS, 3)
    font_size = rot(FONT_SIZES, 1)
    cover = party_layout == "cover_block" or rot([True, False, True], 5)
    vat = "incl" if seed % 5 == 3 and kind != "incl_excl" else "excl"
    vat_where = rot(VAT_WHERE, 7) if kind != "incl_excl" else "column"
    date_style = lrot(
        ["en_long", "en_us", "en_ord", "iso", "en_abbr"]
        if en
        else ["da_long", "da_dots", "iso", "da_dash", "da_slash", "da_abbr", "da_short_dots"],
        1,
    )
    term_kind = lrot(
        ["explicit", "years_opt", "open", "keyfacts", "months"]
        if en
        else ["explicit", "virkning_udlober", "years_opt", "months", "open", "keyfacts"],
        2,
    )
    payment_days, pay_sentence = lrot(C.PAYMENT[lang], 3)
    mfn, mfn_sentence = lrot(C.MFN[lang], 4)
    cap, idx_sentence = lrot(C.INDEX[lang], 5)
    mstyle = lrot(
        ["en_plain", "en_dkk_prefix", "en_dkk_suffix", "da_kr_prefix", "en_plain"]
        if en
        else [
            "da_plain",
            "da_kr_prefix",
            "da_space_kr",
            "da_dkk_prefix",
            "da_dash",
            "da_kr_suffix",
            "da_dash_kr",
        ],
        6,
    )
    integer = mstyle in INTEGER_STYLES
    cvr_style = lrot(
        ["company_reg", "cvr_no", "cvr_spaced"]
        if en
        else ["cvr_nr", "cvr_spaced", "cvr_colon", "cvr_bare"],
        7,
    )
    numbering = lrot(["clause", "dot", "section"] if en else ["para", "dot", "punkt", "decimal"], 8)
    page_fmt = rot(["of", "plain", "slash"], 6)
    hourly = subject != "services" and rot([True, False, True], 8)
    hourly_where = rot(["annex", "body"], 9)
    hourly_style = rot(["unit_in_price", "unit_col"], 10)
    non_price = [rot(NON_PRICE[lang], 11)] + ([rot(NON_PRICE[lang], 13)] if seed % 2 else [])
    if kind == "unit_in_header":
        non_price = [p for p in non_price if p[1] not in ("Gratis", "Free of charge")]
    zebra = seed % 2 == 0 or kind == "long"
    right_align = rot([True, True, False], 12)
    sign_where = rot(["body_end", "after_annex"], 3)
    meta_title_kind = rot(["title", "word_default", "filename"], 9)
    footer_date = rot([True, False], 5)
    pay_distr = [d for k, d in enumerate(C.PAYMENT_DISTRACTORS[lang]) if (seed + k) % 3 != 2]
    pct_distr = [d for k, d in enumerate(C.PCT_DISTRACTORS[lang]) if (seed + k) % 3 != 0]
    feats.update(
        table_kind=kind, subject=subject, party_layout=party_layout, buyer_kind=buyer_kind, font=font,
        font_size=font_size, cover=cover, vat=vat, vat_where=vat_where, date_style=date_style,
        term=term_kind, money=mstyle, cvr_style=cvr_style, numbering=numbering, page_fmt=page_fmt,
        hourly_table=(hourly_where if hourly else None), hourly_style=hourly_style,
        non_price_rows=[p[1] for p in non_price], zebra=zebra, right_align=right_align,
        signature=sign_where, pdf_title_meta=meta_title_kind, footer_date=footer_date,
    )  # fmt: skip

    # ------------------------------------------------------------------ parties
    joint_members = None
    if buyer_kind == "kommune":
        m = rot(MUNICIPALITIES, 0)
        bname, baddr, btown, bcvr = (m[1] if en else m[0]), m[3], m[4], m[2]
    elif buyer_kind == "region":
        r = rot(REGIONS, 1)
        bname, baddr, btown, bcvr = (r[1] if en else r[0]), r[3], r[4], r[2]
    else:
        j = rot(JOINT, 2)
        bname, baddr, btown, bcvr = (j[1] if en else j[0]), j[3], j[4], j[2]
        joint_members = j[5]
    vname, vcvr, vaddr, vtown, vcontact = VENDORS[subject]
    if en and subject == "it":
        vname = "Datavej Systems Ltd."
    bcontact = rot(CONTACTS_BUYER, 7)
    bphone, vphone = _phone(rng), _phone(rng)
    ean = f"5798{rng.randint(100000000, 999999999)}"

    title = rng.choice(SUBJECTS[subject]["title_en" if en else "title_da"])
    what = SUBJECTS[subject]["what_en" if en else "what_da"]
    jnr = rot([f"J.nr. 2025-{rng.randint(1, 999):04d}", f"Sagsnr. 25/{rng.randint(10000, 99999)}",
               f"Ref. 2025/{rng.randint(100, 999)}"], 4)  # fmt: skip
    if en:
        jnr = jnr.replace("Sagsnr.", "Case no.").replace("J.nr.", "File no.")

    # ------------------------------------------------------------------ dates
    effective = date(
        rot([2025, 2026, 2026], 1), rot([1, 1, 3, 4, 6, 9, 2], 2), rot([1, 1, 1, 15], 3)
    )
    years = rot([2, 3, 4, 2], 4)
    months = rot([24, 36, 48], 5)
    if term_kind in ("explicit", "virkning_udlober", "years_opt", "keyfacts"):
        expiry = add_years_minus_day(effective, years)
    elif term_kind == "months":
        expiry = add_months_minus_day(effective, months)
    else:
        expiry = None
    D = lambda d: fmt_date(d, date_style)  # noqa: E731
    E = D(effective)
    X = D(expiry) if expiry else None
    tender = effective - timedelta(days=rng.randint(140, 220))
    offer = tender + timedelta(days=rng.randint(30, 45))
    sign1 = effective - timedelta(days=rng.randint(10, 40))
    sign2 = sign1 - timedelta(days=rng.randint(1, 5))
    price_date = sign1 - timedelta(days=rng.randint(20, 60))
    version_date = sign1 - timedelta(days=rng.randint(1, 8))

    # ------------------------------------------------------------------ numbering
    counter = [0]

    def section(head_da: str, head_en: str, paras: list[str]) -> str:
        counter[0] += 1
        n = counter[0]
        h = T(head_da, head_en)
        label = {
            "para": f"§ {n} {h}",
            "dot": f"{n}. {h}",
            "punkt": f"Punkt {n} – {h}",
            "decimal": f"{n} {h}",
            "clause": f"Clause {n} – {h}",
            "section": f"Section {n}: {h}",
        }[numbering]
        out = [f'<h2 class="sec">{esc(label)}</h2>']
        for k, p in enumerate(paras, 1):
            if p.startswith("<"):
                out.append(p)
            elif numbering in ("decimal", "dot") and len(paras) > 1:
                out.append(f'<p class="num"><span class="pn">{n}.{k}</span> {esc(p)}</p>')
            else:
                out.append(f"<p>{esc(p)}</p>")
        return "\n".join(out)

    # ------------------------------------------------------------------ party blocks
    T("Ordregiver", "the Customer")
    T("Leverandøren", "the Supplier")
    bcvr_t = _cvr_text(bcvr, cvr_style)
    vcvr_t = _cvr_text(vcvr, cvr_style)
    b_contact_line = T(
        f"Kontaktperson: {bcontact}, tlf. {bphone}", f"Contact: {bcontact}, tel. {bphone}"
    )
    v_contact_line = T(f"Kontakt: {vcontact}, tlf. {vphone}", f"Contact: {vcontact}, tel. {vphone}")
    b_lines = (
        [bname, baddr, btown, bcvr_t] + ([f"EAN {ean}"] if seed % 2 == 0 else []) + [b_contact_line]
    )
    v_lines = [vname, vaddr, vtown, vcvr_t, v_contact_line]
    joint_note = ""
    if joint_members:
        names = [m[0] for m in joint_members]
        joint_note = T(
            f"{bname} indgår aftalen på vegne af {', '.join(names[:-1])} og {names[-1]}, jf. punktet om omfang.",
            f"{bname} enters into the Agreement on behalf of {', '.join(names[:-1])} and {names[-1]}.",
        )

    def block(lines):
        return "<br>".join((f"<b>{esc(x)}</b>" if i == 0 else esc(x)) for i, x in enumerate(lines))

    cover_parties = ""
    top_parties = ""
    if party_layout == "table":
        top_parties = (
            f'<table class="parties"><tr><th>{T("Ordregiver", "Customer")}</th><td>{block(b_lines)}</td></tr>'
            f"<tr><th>{T('Leverandør', 'Supplier')}</th><td>{block(v_lines)}</td></tr></table>"
        )
        if joint_note:
            top_parties += f"<p>{esc(joint_note)}</p>"
    elif party_layout == "sentence":
        on_behalf = ""
        if joint_members:
            names = [m[0] for m in joint_members]
            on_behalf = T(
                f", der handler på vegne af {', '.join(names[:-1])} og {names[-1]}",
                f", acting on behalf of {', '.join(names[:-1])} and {names[-1]}",
            )
        s = T(
            f"Denne kontrakt er indgået mellem {bname}, {baddr}, {btown}, {bcvr_t} (herefter benævnt "
            f"»Ordregiver«){on_behalf}, og {vname}, {vaddr}, {vtown}, {vcvr_t} (herefter benævnt »Leverandøren«).",
            f"This Agreement is made between {bname}, {baddr}, {btown}, {bcvr_t} (the \u201cCustomer\u201d)"
            f"{on_behalf}, and {vname}, {vaddr}, {vtown}, {vcvr_t} (the \u201cSupplier\u201d).",
        )
        top_parties = f"<p>{esc(s)}</p><p>{esc(b_contact_line)}. {esc(v_contact_line)}.</p>"
    elif party_layout == "cover_block":
        cover_parties = (
            f'<p class="mellem">{T("mellem", "between")}</p><div class="cblock">{block(b_lines)}</div>'
            + (f'<p class="cnote">{esc(joint_note)}</p>' if joint_note else "")
            + f'<p class="mellem">{T("og", "and")}</p><div class="cblock">{block(v_lines)}</div>'
        )
    elif party_layout == "two_column":
        top_parties = (
            f'<table class="parties two"><tr><th>{T("Ordregiver", "Contracting authority")}</th>'
            f"<th>{T('Leverandør', 'Supplier')}</th></tr>"
            f"<tr><td>{block(b_lines)}</td><td>{block(v_lines)}</td></tr></table>"
        )
        if joint_note:
            top_parties += f"<p>{esc(joint_note)}</p>"
    else:  # vendor_first
        top_parties = (
            f'<p class="lbl">{T("Leverandør:", "Supplier:")}</p><div class="cblock">{block(v_lines)}</div>'
            f'<p class="lbl">{T("Kunde (Ordregiver):", "Customer:")}</p><div class="cblock">{block(b_lines)}</div>'
        )
        if joint_note:
            top_parties += f"<p>{esc(joint_note)}</p>"

    # ------------------------------------------------------------------ term wording
    years_word = {2: T("to", "two"), 3: T("tre", "three"), 4: T("fire", "four")}[years]
    term_paras: list[str] = []
    expiry_paras: list[str] = []
    keyfacts_rows: list[tuple[str, str]] = []
    if term_kind == "explicit":
        term_paras.append(T(f"Kontrakten træder i kraft den {E} og ophører uden yderligere varsel den {X}.",
                            f"This Agreement shall commence on {E} and shall expire on {X}."))  # fmt: skip
        w_eff, w_exp = E, X
    elif term_kind == "virkning_udlober":
        term_paras.append(f"Aftalen har virkning fra {E}.")
        term_paras.append(
            "Ordregiver har option på at forlænge aftalen 2 x 12 måneder på uændrede vilkår."
        )
        expiry_paras.append(f"Aftalen udløber den {X}, medmindre optionen på forlængelse udnyttes.")
        w_eff, w_exp = E, X
    elif term_kind == "years_opt":
        term_paras.append(T(
            f"Rammeaftalen gælder fra {E} og løber i {years_word} ({years}) år. Ordregiver har ret til at "
            f"forlænge rammeaftalen 2 x 12 måneder.",
            f"The Agreement is effective as of {E} and runs for a period of {years_word} ({years}) years. "
            f"The Customer may extend the Agreement by up to 2 x 12 months.",
        ))  # fmt: skip
        w_eff, w_exp = E, f"{years} years (+ option 2 x 12 months)"
    elif term_kind == "months":
        term_paras.append(T(f"Kontraktperioden er {months} måneder regnet fra {E}.",
                            f"The contract period is {months} months from {E}."))  # fmt: skip
        w_eff, w_exp = E, f"{months} months"
    elif term_kind == "open":
        term_paras.append(T(
            f"Aftalen træder i kraft {E} og er gældende, indtil den opsiges af en af parterne.",
            f"The Agreement takes effect on {E} and continues until terminated by either party.",
        ))  # fmt: skip
        term_paras.append(T("Aftalen kan opsiges med 3 måneders varsel til udgangen af en måned.",
                            "Either party may terminate the Agreement on three (3) months' written notice."))  # fmt: skip
        w_eff, w_exp = E, None
    else:  # keyfacts
        keyfacts_rows = [
            (T("Udbudsbekendtgørelse", "Contract notice"), D(tender)),
            (T("Tilbudsfrist", "Tender deadline"), D(offer)),
            (T("Aftaleperiode", "Contract period"), T(f"{E} – {X}", f"{E} to {X}")),
            (T("Option", "Option"), T("2 x 12 måneder", "2 x 12 months")),
        ]
        term_paras.append(T("Aftaleperioden fremgår af forsiden. Ordregiver kan forlænge aftalen 2 x 12 måneder.",
                            "The contract period is stated on the front page. The Customer may extend it by 2 x 12 months."))  # fmt: skip
        w_eff, w_exp = f"{E} – {X}", f"{E} – {X}"

    # ------------------------------------------------------------------ price rows
    rows_truth: list[dict] = []
    if en:
        vw = "excl. VAT" if vat == "excl" else "incl. VAT"
    else:
        vw = "ekskl. moms" if vat == "excl" else "inkl. moms"
    id_fmt = rot(["num7", "ka", "space", "dotted"], 6)
    id_head = rot(
        [T("Varenr.", "Item no."), T("Katalognr.", "Catalogue no."), T("Vare-nr.", "Product code")],
        8,
    )
    id_n = [rng.randint(100, 400)]

    def next_id():
        id_n[0] += rng.randint(1, 9)
        n = id_n[0]
        return {
            "num7": f"47{n:05d}",
            "ka": f"KA-{n}",
            "space": f"NK {2000 + n}",
            "dotted": f"10.{n:03d}",
        }[id_fmt]

    def money(x: Decimal) -> str:
        return fmt_money(x, mstyle)

    def add_truth(item_id, desc, ucanon, utext, price, tmin=None, tmax=None, row_text="", v=None):
        rows_truth.append({
            "item_id": item_id, "description": desc, "unit": ucanon, "unit_text": utext,
            "unit_price": str(price), "vat": v or vat,
            "tier_min": None if tmin is None else str(tmin), "tier_max": None if tmax is None else str(tmax),
            "row_text": row_text,
        })  # fmt: skip

    cat = CATALOGUE[subject]
    tier_item = next((c for c in cat if c[6]), None)
    n_items = rng.randint(4, 6)
    items = [c for c in cat if c is not tier_item]
    rng.shuffle(items)
    items = items[: n_items - 1]
    if tier_item:
        items.insert(rng.randint(0, 1), tier_item)

    def bands(word: str):
        style = rot([0, 1, 2], 10)
        if style == 0:
            return [
                (f"1-10 {word}", 1, 10),
                (f"11-50 {word}", 11, 50),
                (T(f"over 50 {word}", f"over 50 {word}"), 51, None),
            ]
        if style == 1:
            return [(f"1–99 {word}", 1, 99), (f"100–499 {word}", 100, 499),
                    (T(f"500 {word} og derover", f"500 {word} or more"), 500, None)]  # fmt: skip
        return [(f"0-{int_txt(999, en)} {word}", 0, 999),
                (T(f"fra {int_txt(1000, en)} {word}", f"from {int_txt(1000, en)} {word}"), 1000, None)]  # fmt: skip

    H_DESC = rot(
        [T("Beskrivelse", "Description"), T("Varebeskrivelse", "Item"), T("Produkt", "Product")], 2
    )
    H_UNIT = rot([T("Enhed", "Unit"), T("Enh.", "Unit of sale"), T("Salgsenhed", "Unit")], 3)
    H_PRICE = rot(
        [T("Pris", "Price"), T("Enhedspris", "Unit price"), T("Tilbudspris", "Contract price")], 4
    )
    if mstyle in ("da_plain", "en_plain", "da_dash"):
        H_PRICE += T(" (kr.)", " (DKK)")
    if vat_where == "column":
        H_PRICE += f" {vw}"
    NUM = ' class="num"' if right_align else ""

    thead: list[str] = []
    body_rows: list[str] = []
    ncols = 0
    annex_notes: list[str] = []

    def tr(cells: list[str], cls: str = "") -> str:
        return f"<tr{f' class={chr(34)}{cls}{chr(34)}' if cls else ''}>" + "".join(cells) + "</tr>"

    def td(x: str, num: bool = False, extra: str = "") -> str:
        return f"<td{NUM if num else ''}{extra}>{esc(x)}</td>"

    def unit_of(c):
        return c[4] if en else c[3]

    def desc_of(c):
        return c[1] if en else c[0]

    def non_price_rows(lead_cols: int, trailing: int, with_id: bool):
        for d, word in non_price:
            cells = ([td("")] if with_id else []) + [td(d)] + [td("") for _ in range(lead_cols)]
            cells += [td(word, True)] + [td("") for _ in range(trailing)]
            body_rows.append(tr(cells))

    if kind in ("basic", "no_id", "long", "incl_excl"):
        with_id = kind != "no_id"
        if kind == "incl_excl":
            hp = [T("Pris ekskl. moms", "Price excl. VAT"), T("Pris inkl. moms", "Price incl. VAT")]
        else:
            hp = [H_PRICE]
        heads = ([id_head] if with_id else []) + [H_DESC, H_UNIT] + hp
        thead.append(tr([f"<th>{esc(h)}</th>" for h in heads]))
        ncols = len(heads)
        all_items = list(items)
        if kind == "long":
            names = LONG_ITEMS[lang]
            for nm in rng.sample(names, rng.randint(24, 26)):
                all_items.append((nm, nm, "piece", "stk.", "each", (4, 90), None))
        for c in all_items:
            iid = next_id() if with_id else None
            p = _q(_rnd_price(rng, *c[5], integer), integer)
            u = unit_of(c)
            cells = ([td(iid)] if with_id else []) + [td(desc_of(c)), td(u), td(money(p), True)]
            rt = [iid] if with_id else []
            rt += [desc_of(c), u, money(p)]
            if kind == "incl_excl":
                pin = _q(p * Decimal("1.25"), integer)
                cells.append(td(money(pin), True))
                rt.append(money(pin))
            body_rows.append(tr(cells))
            add_truth(
                iid,
                desc_of(c),
                c[2],
                u,
                p,
                row_text=" | ".join(rt),
                v="excl" if kind == "incl_excl" else None,
            )
        non_price_rows(1, ncols - (3 if with_id else 2) - 1, with_id)
    elif kind == "tier_rows":
        H_TIER = T("Mængdeinterval", "Volume band")
        heads = [id_head, H_DESC, H_TIER, H_UNIT, H_PRICE]
        thead.append(tr([f"<th>{esc(h)}</th>" for h in heads]))
        ncols = 5
        merge = (seed // 10) % 2 == 0
        for c in items:
            iid = next_id()
            u = unit_of(c)
            if c is tier_item:
                base = _rnd_price(rng, *c[5], integer)
                bl = bands(c[6][1] if en else c[6][0])
                for k, (bt, bmin, bmax) in enumerate(bl):
                    p = _q(base * (1 - Decimal(k) * Decimal("0.08")), integer)
                    if k == 0 or not merge:
                        lead = [td(iid, extra=f' rowspan="{len(bl)}"' if merge else ""),
                                td(desc_of(c), extra=f' rowspan="{len(bl)}"' if merge else "")]  # fmt: skip
                    else:
                        lead = []
                    body_rows.append(tr(lead + [td(bt), td(u), td(money(p), True)]))
                    add_truth(
                        iid,
                        desc_of(c),
                        c[2],
                        u,
                        p,
                        bmin,
                        bmax,
                        " | ".join([iid, desc_of(c), bt, u, money(p)]),
                    )
            else:
                p = _q(_rnd_price(rng, *c[5], integer), integer)
                body_rows.append(tr([td(iid), td(desc_of(c)), td(""), td(u), td(money(p), True)]))
                add_truth(
                    iid, desc_of(c), c[2], u, p, row_text=" | ".join([iid, desc_of(c), u, money(p)])
                )
        non_price_rows(2, 0, True)
        feats["tier_rowspan"] = merge
    elif kind == "tier_cols":
        qty_word = T("stk./pakker pr. ordre", "units per order")
        bl = [("1-9", 1, 9), ("10-49", 10, 49), (T("50 og derover", "50 or more"), 50, None)]
        group_head = T(
            f"Pris pr. enhed ved ordrestørrelse ({qty_word})",
            f"Price per unit by order size ({qty_word})",
        )
        if vat_where == "column":
            group_head += f", {vw}"
        thead.append(tr([f'<th rowspan="2">{esc(h)}</th>' for h in (id_head, H_DESC, H_UNIT)]
                        + [f'<th colspan="3">{esc(group_head)}</th>']))  # fmt: skip
        thead.append(tr([f"<th>{esc(b[0])}</th>" for b in bl]))
        ncols = 6
        n_tiered = 0
        for c in items:
            iid = next_id()
            u = unit_of(c)
            base = _q(_rnd_price(rng, *c[5], integer), integer)
            if c[2] in ("piece", "package") and n_tiered < 2:
                n_tiered += 1
                ps = [_q(base * (1 - Decimal(k) * Decimal("0.06")), integer) for k in range(3)]
                body_rows.append(
                    tr([td(iid), td(desc_of(c)), td(u)] + [td(money(p), True) for p in ps])
                )
                for (bt, bmin, bmax), p in zip(bl, ps, strict=False):
                    add_truth(
                        iid,
                        desc_of(c),
                        c[2],
                        u,
                        p,
                        bmin,
                        bmax,
                        f"{iid} | {desc_of(c)} | {u} | {bt}: {money(p)}",
                    )
            else:
                body_rows.append(
                    tr(
                        [
                            td(iid),
                            td(desc_of(c)),
                            td(u),
                            td(money(base), True, ' colspan="3" style="text-align:center"'),
                        ]
                    )
                )
                add_truth(
                    iid,
                    desc_of(c),
                    c[2],
                    u,
                    base,
                    row_text=f"{iid} | {desc_of(c)} | {u} | {money(base)} (all sizes)",
                )
        for d, word in non_price:
            body_rows.append(
                tr(
                    [
                        td(""),
                        td(d),
                        td(""),
                        td(word, True, ' colspan="3" style="text-align:center"'),
                    ]
                )
            )
    elif kind in ("list_vs_agreed", "discount"):
        hl = T("Listepris", "List price")
        if kind == "list_vs_agreed":
            ha = T("Aftalepris", "Agreed price") + (f" {vw}" if vat_where == "column" else "")
            heads = [id_head, H_DESC, H_UNIT, hl, ha]
        else:
            ha = T("Nettopris", "Net price") + (f" {vw}" if vat_where == "column" else "")
            heads = [id_head, H_DESC, H_UNIT, hl, T("Rabat", "Discount"), ha]
        thead.append(tr([f"<th>{esc(h)}</th>" for h in heads]))
        ncols = len(heads)
        for c in items:
            iid = next_id()
            u = unit_of(c)
            lp = _q(_rnd_price(rng, *c[5], integer) * Decimal("1.3"), integer)
            disc = Decimal(rng.choice(["10", "12.5", "15", "20", "25"]))
            ap = _q(lp * (1 - disc / 100), integer)
            dnum = str(int(disc)) if disc == int(disc) else str(disc)
            dtxt = f"{dnum} %" if en else f"{dnum.replace('.', ',')} %"
            cells = [td(iid), td(desc_of(c)), td(u), td(money(lp), True)]
            if kind == "discount":
                cells.append(td(dtxt, True))
            cells.append(td(money(ap), True))
            body_rows.append(tr(cells))
            rt = (
                [iid, desc_of(c), u, money(lp)]
                + ([dtxt] if kind == "discount" else [])
                + [money(ap)]
            )
            add_truth(iid, desc_of(c), c[2], u, ap, row_text=" | ".join(rt))
        non_price_rows(3 if kind == "discount" else 2, 0, True)
        annex_notes.append(T(
            f"{ha.split(' ')[0]} er den pris, Ordregiver betaler under denne aftale. Listeprisen er vejledende.",
            f"The {ha.split(' ')[0].lower()} price is the price payable under this Agreement; the list price is for reference only.",
        ))  # fmt: skip
    elif kind == "grouped_subtotal":
        hq = T("Forventet årligt forbrug", "Estimated annual volume")
        ht = T("I alt", "Total")
        heads = [id_head, H_DESC, H_UNIT, hq, H_PRICE, ht]
        thead.append(tr([f"<th>{esc(h)}</th>" for h in heads]))
        ncols = 6
        half = (len(items) + 1) // 2
        groups = [(T("Delområde A – Kernesortiment", "Lot A – Core range"), items[:half]),
                  (T("Delområde B – Øvrigt sortiment", "Lot B – Other items"), items[half:])]  # fmt: skip
        grand = Decimal(0)
        for gname, gitems in groups:
            body_rows.append(tr([f'<td colspan="6" class="grp">{esc(gname)}</td>']))
            sub = Decimal(0)
            for c in gitems:
                iid = next_id()
                u = unit_of(c)
                p = _q(_rnd_price(rng, *c[5], integer), integer)
                qty = rng.choice([12, 40, 150, 600, 1200, 2500])
                tot = p * qty
                sub += tot
                body_rows.append(tr([td(iid), td(desc_of(c)), td(u), td(int_txt(qty, en), True), td(money(p), True),
                                     td(money(tot), True)]))  # fmt: skip
                add_truth(iid, desc_of(c), c[2], u, p,
                          row_text=" | ".join([iid, desc_of(c), u, int_txt(qty, en), money(p), money(tot)]))  # fmt: skip
            grand += sub
            body_rows.append(tr([f'<td colspan="5" class="sub">Subtotal {esc(gname.split(" – ")[0])}</td>',
                                 td(money(sub), True, ' class="sub"')]))  # fmt: skip
        body_rows.append(tr([f'<td colspan="5" class="sub">{esc(T("Anslået samlet kontraktsum pr. år", "Estimated total contract value per year"))}</td>',
                             td(money(grand), True, ' class="sub"')]))  # fmt: skip
        annex_notes.append(T("Forbruget er et skøn og ikke bindende for Ordregiver.",
                             "Volumes are estimates and do not bind the Customer."))  # fmt: skip
    else:  # unit_in_header: services priced per hour, no unit column
        hp = T("Timepris", "Hourly rate") + (
            T(" (kr.)", " (DKK)") if mstyle in ("da_plain", "en_plain", "da_dash") else ""
        )
        if vat_where == "column":
            hp += f" {vw}"
        heads = [T("Ydelse", "Service"), hp]
        thead.append(tr([f"<th>{esc(h)}</th>" for h in heads]))
        ncols = 2
        for c in items:
            p = _q(_rnd_price(rng, *c[5], integer), integer)
            body_rows.append(tr([td(desc_of(c)), td(money(p), True)]))
            add_truth(None, desc_of(c), "hour", hp, p, row_text=f"{desc_of(c)} | {money(p)}")
        for d, word in non_price:
            body_rows.append(tr([td(d), td(word, True)]))

    # hourly rates table
    hourly_html = ""
    if hourly:
        roles = rng.sample(HOURLY[lang], 3)
        hh = T("Timepriser", "Hourly rates")
        if hourly_style == "unit_in_price":
            rows = []
            for role, (lo, hi) in roles:
                p = _q(_rnd_price(rng, lo, hi, integer), integer)
                ptxt = T(
                    fmt_money(p, "da_plain") + " kr./time",
                    "DKK " + fmt_money(p, "en_plain") + "/hour",
                )
                rows.append(f"<tr><td>{esc(role)}</td><td{NUM}>{esc(ptxt)}</td></tr>")
                add_truth(None, role, "hour", ptxt, p, row_text=f"{role} | {ptxt}")
            hourly_html = (
                f'<h3>{esc(hh)}</h3><table class="pl small"><thead><tr><th>{T("Kategori", "Category")}</th>'
                f"<th>{esc(T('Timepris ', 'Rate ') + vw)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        else:
            rows = []
            ut = T("pr. time", "per hour")
            for role, (lo, hi) in roles:
                p = _q(_rnd_price(rng, lo, hi, integer), integer)
                rows.append(
                    f"<tr><td>{esc(role)}</td><td>{ut}</td><td{NUM}>{esc(money(p))}</td></tr>"
                )
                add_truth(None, role, "hour", ut, p, row_text=f"{role} | {ut} | {money(p)}")
            hourly_html = (
                f'<h3>{esc(hh)}</h3><table class="pl small"><thead><tr><th>{T("Rolle", "Role")}</th>'
                f"<th>{esc(H_UNIT)}</th><th>{esc(T('Pris ', 'Price ') + vw)}</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )

    # ------------------------------------------------------------------ VAT statements
    vat_sentence = T(
        f"Alle priser er angivet i danske kroner {vw}.",
        f"All prices are in Danish kroner (DKK) {vw}.",
    )
    caption = ""
    if vat_where == "caption":
        caption = (
            f"<caption>{esc(T('Tabel 1. Priser i DKK ', 'Table 1. Prices in DKK ') + vw)}</caption>"
        )
    if vat_where == "note":
        annex_notes.insert(0, T(
            "Alle priser er ekskl. moms og inkl. levering." if vat == "excl" else "Alle priser er inkl. moms, men ekskl. miljøgebyr.",
            "All prices exclude VAT and include delivery." if vat == "excl" else "All prices include VAT but exclude the environmental fee.",
        ))  # fmt: skip

    # ------------------------------------------------------------------ body sections
    sections: list[str] = []
    if top_parties:
        sections.append(section("Parter", "Parties", [top_parties]))
    scope = [T(f"Kontrakten omfatter {what}.", f"The Agreement covers {what}.")]
    if term_kind != "keyfacts":
        scope.append(T(
            f"Kontrakten er tildelt efter et offentligt udbud, der blev bekendtgjort i EU-Tidende den {D(tender)}, "
            f"med tilbudsfrist den {D(offer)}.",
            f"The Agreement was awarded after an open tender published on {D(tender)} with a tender deadline of {D(offer)}.",
        ))  # fmt: skip
    if joint_members:
        lst = "".join(
            f"<li>{esc(n)}, {esc(_cvr_text(c, cvr_style))}</li>" for n, c in joint_members
        )
        scope.append(
            T(
                "Aftalen kan anvendes af følgende deltagende kommuner:",
                "The following municipalities may order under the Agreement:",
            )
        )
        scope.append(f"<ul>{lst}</ul>")
    scope.append(T(
        "Ordregiver er ikke forpligtet til at aftage en bestemt mængde.",
        "The Customer is not obliged to purchase any minimum volume.",
    ))  # fmt: skip
    sections.append(section("Aftalens genstand", "Scope", scope))
    sections.append(section("Aftaleperiode", "Term", term_paras))

    price_paras = [
        T(
            "Priserne fremgår af Bilag 1 (Prisbilag).",
            "The prices are set out in Appendix 1 (Price Schedule).",
        )
    ]
    if vat_where == "body":
        price_paras.append(vat_sentence)
    price_paras.append(idx_sentence)
    price_paras.append(pct_distr[0])
    if mfn_sentence and seed % 2 == 0:
        price_paras.append(mfn_sentence)
    if hourly and hourly_where == "body":
        price_paras.append(T("Ydelser, der afregnes efter medgået tid, afregnes med følgende timepriser:",
                             "Services charged by time spent are charged at the following hourly rates:"))  # fmt: skip
        price_paras.append(hourly_html)
    sections.append(section("Priser og prisregulering", "Prices and price adjustment", price_paras))
    if mfn_sentence and seed % 2 == 1:
        sections.append(section("Mestbegunstigelse", "Most favoured customer", [mfn_sentence]))

    pay = [pay_distr[0]]
    if pay_sentence:
        pay.append(pay_sentence)
    pay.append(T("Fakturaer fremsendes elektronisk via NemHandel til Ordregivers EAN-nummer.",
                 "Invoices shall be sent electronically via NemHandel to the Customer's EAN number."))  # fmt: skip
    if len(pay_distr) > 1:
        pay.append(pay_distr[1])
    sections.append(section("Fakturering og betaling", "Invoicing and payment", pay))
    mis = [T("Ved væsentlig misligholdelse kan aftalen ophæves helt eller delvist.",
             "In the event of material breach the Agreement may be terminated in whole or in part.")]  # fmt: skip
    mis += pct_distr[1:]
    sections.append(section("Misligholdelse", "Breach", mis))
    end = list(expiry_paras)
    end.append(T("Aftalen er undergivet dansk ret. Tvister afgøres ved de almindelige domstole.",
                 "The Agreement is governed by Danish law."))  # fmt: skip
    sections.append(
        section("Ophør og lovvalg" if expiry_paras else "Lovvalg", "Governing law", end)
    )

    sig = (
        f'<table class="sig"><tr><td>{T("For Ordregiver", "For the Customer")}<br>'
        f"{T('Dato', 'Date')}: {esc(D(sign1))}<br><br><br>______________________<br>{esc(bcontact)}<br>"
        f"{T('Indkøbschef', 'Head of Procurement')}</td>"
        f"<td>{T('For Leverandøren', 'For the Supplier')}<br>{T('Dato', 'Date')}: {esc(D(sign2))}<br><br><br>"
        f"______________________<br>{esc(vcontact)}<br>{T('Adm. direktør', 'Managing Director')}</td></tr></table>"
    )
    sig_html = f'<div class="sigwrap"><p>{T("Underskrifter", "Signatures")}</p>{sig}</div>'

    # ------------------------------------------------------------------ annex
    annex_title = rot([T("Bilag 1 – Prisbilag", "Appendix 1 – Price Schedule"),
                       T("Bilag 1: Priser", "Schedule 1: Prices"),
                       T("BILAG 1 PRISBILAG", "APPENDIX 1 PRICES")], 7)  # fmt: skip
    annex = [f'<h2 class="annex">{esc(annex_title)}</h2>']
    intro = T(
        f"Prisbilag til {title[0].lower() + title[1:]}. Version af {D(price_date)}.",
        f"Price schedule to the {title}. Version of {D(price_date)}.",
    )
    annex.append(f"<p>{esc(intro)}</p>")
    if vat_where == "intro":
        annex.append(f"<p>{esc(vat_sentence)}</p>")
    annex.append(
        f'<table class="pl{" zebra" if zebra else ""}{" hasid" if kind not in ("no_id", "unit_in_header") else ""}">{caption}<thead>{"".join(thead)}</thead>'
        f"<tbody>{''.join(body_rows)}</tbody></table>"
    )
    for n in annex_notes:
        annex.append(f'<p class="note">{esc(n)}</p>')
    if hourly and hourly_where == "annex":
        annex.append(hourly_html)

    # ------------------------------------------------------------------ cover & page furniture
    page_word = T("Side", "Page")
    page_content = {
        "of": f'"{page_word} " counter(page) " {T("af", "of")} " counter(pages)',
        "plain": f'"{page_word} " counter(page)',
        "slash": 'counter(page) "/" counter(pages)',
    }[page_fmt]
    run_head = rot([f"{title} – {jnr}", f"{bname} · {jnr}", f"{jnr}"], 8)
    foot_left = f"Version 2.1 – {D(version_date)}" if footer_date else vname
    title_size = rot(["20pt", "22pt", "24pt", "18pt"], 2)
    upper = seed % 4 == 1

    cover_html = ""
    kf = ""
    if keyfacts_rows:
        kf = (
            '<table class="kf">'
            + "".join(f"<tr><th>{esc(a)}</th><td>{esc(b)}</td></tr>" for a, b in keyfacts_rows)
            + "</table>"
        )
    logo = f'<div class="logo">{esc(bname)}</div>'
    sub = T(
        f"Udbud nr. 2025/{rng.randint(10, 99)} · {jnr}",
        f"Tender no. 2025/{rng.randint(10, 99)} · {jnr}",
    )
    if cover:
        cover_html = (
            f'<div class="cover">{logo}<h1 class="title">{esc(title)}</h1><p class="subtitle">{esc(sub)}</p>'
            f"{cover_parties}{kf}</div>"
        )
        body_top = ""
    else:
        body_top = (
            f'{logo}<h1 class="title">{esc(title)}</h1><p class="subtitle">{esc(sub)}</p>{kf}'
        )

    meta_title = {
        "title": title,
        "word_default": "Dokument1",
        "filename": "kontrakt_endelig_v3.docx",
    }[meta_title_kind]
    css = f"""
@page {{ size: A4; margin: 24mm 20mm 22mm 22mm;
  @top-left {{ content: "{run_head}"; font: 8pt {font}; color: #555; }}
  @bottom-left {{ content: "{foot_left}"; font: 7.5pt {font}; color: #555; }}
  @bottom-right {{ content: {page_content}; font: 8pt {font}; }} }}
{"@page :first { @top-left { content: none; } @bottom-left { content: none; } }" if cover else ""}
body {{ font-family: {font}; font-size: {font_size}; line-height: 1.35; color: #111; }}
.cover {{ break-after: page; padding-top: 30mm; text-align: center; }}
.logo {{ font-size: 13pt; font-weight: bold; color: #2a4d7a; text-align: right; margin-bottom: 12mm; }}
h1.title {{ font-size: {title_size}; margin: 0 0 4mm 0; {"text-transform: uppercase;" if upper else ""} }}
.subtitle {{ font-size: 9.5pt; color: #444; }}
.mellem {{ margin: 6mm 0 2mm 0; font-style: italic; }}
.cblock {{ margin: 2mm 0; }}
.lbl {{ font-weight: bold; margin-bottom: 0; }}
h2.sec {{ font-size: 1.15em; margin: 5mm 0 2mm 0; }}
h2.annex {{ font-size: 15pt; break-before: page; }}
p.num .pn {{ display: inline-block; min-width: 9mm; }}
table {{ border-collapse: collapse; margin: 3mm 0; }}
table.parties th {{ text-align: left; vertical-align: top; padding: 2mm 6mm 2mm 0; }}
table.parties td {{ padding: 2mm 0; }}
table.two td, table.two th {{ width: 50%; vertical-align: top; text-align: left; padding-right: 8mm; }}
table.kf {{ margin: 10mm auto; }} table.kf th, table.kf td {{ border: 1px solid #999; padding: 1.5mm 3mm; text-align: left; }}
table.pl {{ width: 100%; }}
table.pl.small {{ width: 70%; }}
table.pl th {{ background: #d9e2ef; border: 1px solid #666; padding: 1.5mm 2mm; text-align: left; vertical-align: bottom; }}
table.pl td {{ border: 1px solid #888; padding: 1.2mm 2mm; vertical-align: top; }}
table.pl.hasid td:first-child {{ white-space: nowrap; }}
table.pl td.num {{ text-align: right; white-space: nowrap; }}
table.pl.zebra tbody tr:nth-child(even) td {{ background: #f1f1f1; }}
table.pl td.grp {{ font-weight: bold; background: #eee; }}
table.pl td.sub {{ font-style: italic; font-weight: bold; text-align: right; }}
table.pl tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
caption {{ caption-side: top; text-align: left; font-style: italic; padding-bottom: 1mm; }}
.note {{ font-size: 0.9em; }}
table.sig {{ width: 100%; margin-top: 12mm; }} table.sig td {{ width: 50%; vertical-align: top; }}
.sigwrap {{ break-inside: avoid; }}
"""
    parts = [cover_html, body_top, *sections]
    if sign_where == "body_end":
        parts.append(sig_html)
    parts += annex
    if sign_where == "after_annex":
        parts.append(sig_html)
    doc = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(meta_title)}</title>'
        f"<style>{css}</style></head><body>" + "\n".join(parts) + "</body></html>"
    )

    truth = {
        "file": None,
        "seed": seed,
        "language": lang,
        "title": title,
        "buyer": {"name": bname, "cvr": bcvr},
        "vendor": {"name": vname, "cvr": vcvr},
        "effective_date": effective.isoformat(),
        "expiry_date": expiry.isoformat() if expiry else None,
        "payment_days": payment_days,
        "mfn": mfn,
        "indexation_cap_pct": None if cap is None else str(cap),
        "prices": rows_truth,
        "features": feats,
        "wording": {
            "effective": w_eff,
            "expiry": w_exp,
            "term_kind": term_kind,
            "payment": pay_sentence,
            "mfn": mfn_sentence,
            "indexation": idx_sentence,
            "party_layout": f"{party_layout} ({buyer_kind} buyer)",
            "payment_distractor": pay_distr,
        },
    }
    return doc, truth

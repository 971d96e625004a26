"""Build one contract (layout blocks + ground truth) from a seed.

Deterministic: everything derives from ``random.Random(seed)`` and from rotations of
``seed`` over the option lists, so 15 consecutive seeds cover every variant at least once.
Money is Decimal throughout; the truth holds prices as plain decimal strings ("1234.50").
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

# --------------------------------------------------------------------------- parties
MUNICIPALITIES = [
    ("Aarhus Kommune", "55133018", ["Rådhuspladsen 2", "8000 Aarhus C"]),
    ("Københavns Kommune", "64942212", ["Rådhuspladsen 1", "1550 København V"]),
    ("Odense Kommune", "35209115", ["Flakhaven 2", "5000 Odense C"]),
    ("Aalborg Kommune", "29189420", ["Boulevarden 13", "9000 Aalborg"]),
    ("Randers Kommune", "29189668", ["Laksetorvet 1", "8900 Randers C"]),
    ("Esbjerg Kommune", "29189803", ["Torvegade 74", "6700 Esbjerg"]),
    ("Frederiksberg Kommune", "11259979", ["Smallegade 1", "2000 Frederiksberg"]),
    ("Silkeborg Kommune", "29189641", ["Søvej 1", "8600 Silkeborg"]),
    ("Gentofte Kommune", "19438414", ["Bernstorffsvej 161", "2920 Charlottenlund"]),
]
VENDORS = [
    ("KommuneData A/S", "31245780", ["Lautrupvang 12", "2750 Ballerup"]),
    ("Nordisk Systemhus ApS", "38120455", ["Havnegade 39", "1058 København K"]),
    ("Borgerløsninger Danmark A/S", "27419036", ["Åboulevarden 70", "8000 Aarhus C"]),
    ("Jysk IT-Drift A/S", "40215597", ["Vestergade 5", "7100 Vejle"]),
    ("Skandinavisk Software & Service ApS", "35880124", ["Strandvejen 100", "2900 Hellerup"]),
    ("Ø-Data A/S", "21097743", ["Østergade 18", "5000 Odense C"]),
    ("Digital Forvaltning Nord P/S", "42771309", ["Nytorv 3", "9000 Aalborg"]),
]

MONTHS_DA = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fmt_date(d: date, style: str) -> str:
    if style == "long_da":
        return f"{d.day}. {MONTHS_DA[d.month - 1]} {d.year}"
    if style == "dots":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == "slash_da":
        return f"{d.day}/{d.month} {d.year}"
    if style == "long_en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    if style == "us_en":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    raise ValueError(style)


# --------------------------------------------------------------------------- money
def _group(intpart: int, sep: str) -> str:
    s = f"{intpart:d}"
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:])
        s = s[:-3]
    out.insert(0, s)
    return sep.join(out)


def num_da(x: Decimal, decimals: bool = True) -> str:
    q = x.quantize(Decimal("0.01"))
    i = int(q)
    frac = f"{int((q - i) * 100):02d}"
    return _group(i, ".") + ("," + frac if decimals else "")


def num_en(x: Decimal) -> str:
    q = x.quantize(Decimal("0.01"))
    i = int(q)
    frac = f"{int((q - i) * 100):02d}"
    return _group(i, ",") + "." + frac


def fmt_money(x: Decimal, style: str) -> str:
    if style == "da_plain":
        return num_da(x)
    if style == "da_kr_suffix":
        return num_da(x) + " kr."
    if style == "da_kr_prefix":
        return "kr. " + num_da(x)
    if style == "da_dkk_prefix":
        return "DKK " + num_da(x)
    if style == "da_dkk_suffix":
        return num_da(x) + " DKK"
    if style == "da_dash":  # integer prices only: "kr. 1.250,-"
        assert x == x.to_integral_value()
        return "kr. " + num_da(x, decimals=False) + ",-"
    if style == "da_dash_plain":
        assert x == x.to_integral_value()
        return num_da(x, decimals=False) + ",-"
    if style == "en_dkk":
        return "DKK " + num_en(x)
    if style == "en_plain":
        return num_en(x)
    raise ValueError(style)


INTEGER_STYLES = {"da_dash", "da_dash_plain"}


def int_da(n: int) -> str:
    return _group(n, ".")


def int_en(n: int) -> str:
    return _group(n, ",")


# --------------------------------------------------------------------------- catalogue
# (da description, en description, canonical unit, da unit text options, en unit text options, price range)
CATALOGUE = [
    (
        "ESDH-licens",
        "EDRMS licence",
        "user_month",
        ["pr. bruger pr. måned", "pr. licens pr. måned", "pr. bruger/md."],
        ["per user per month", "per licence per month"],
        (60, 420),
    ),
    (
        "Sagsbehandlingsmodul, brugerlicens",
        "Case handling module, user licence",
        "user_year",
        ["pr. bruger pr. år", "pr. licens/år"],
        ["per user per year"],
        (400, 3200),
    ),
    (
        "Borgerportal",
        "Citizen portal",
        "inhabitant_year",
        ["pr. indbygger pr. år"],
        ["per inhabitant per year"],
        (2, 35),
    ),
    (
        "Drift af økonomisystem",
        "Operation of finance system",
        "year",
        ["fast pris pr. år"],
        ["fixed annual fee"],
        (150000, 950000),
    ),
    (
        "Hosting og backup",
        "Hosting and backup",
        "month",
        ["pr. måned"],
        ["per month"],
        (4000, 45000),
    ),
    ("Konsulentbistand", "Consultancy", "hour", ["pr. time"], ["per hour"], (850, 1450)),
    ("Support, 2. niveau", "Second-line support", "hour", ["pr. time"], ["per hour"], (700, 1200)),
    ("Lønkørsel", "Payroll run", "transaction", ["pr. transaktion"], ["per transaction"], (1, 15)),
    (
        "Integration til KOMBIT-støttesystemer",
        "Integration to KOMBIT support systems",
        "piece",
        ["pr. stk."],
        ["per piece"],
        (8000, 60000),
    ),
    (
        "Digital post, afsendelse",
        "Digital post dispatch",
        "transaction",
        ["pr. transaktion"],
        ["per transaction"],
        (0, 3),
    ),
    (
        "Ydelsesrefusion, licens",
        "Benefit refund, licence",
        "year",
        ["pr. år"],
        ["per year"],
        (20000, 180000),
    ),
    (
        "Mobil sagsbehandling, app-licens",
        "Mobile casework, app licence",
        "user_month",
        ["pr. bruger pr. måned"],
        ["per user per month"],
        (15, 120),
    ),
]
# modules for long (page-spanning) tables
MODULES_DA = [
    "Journalisering",
    "Dokumentarkiv",
    "Postliste",
    "Aktindsigt",
    "Borgerservice",
    "Ydelsesrefusion",
    "Sygedagpenge",
    "Jobcenter",
    "Pladsanvisning",
    "Ældrepleje",
    "Hjemmepleje",
    "Byggesag",
    "Miljøtilsyn",
    "Skoleadministration",
    "Vejmyndighed",
    "Ejendomsskat",
    "Opkrævning",
    "Inkasso",
    "Personale",
    "Ledelsesinformation",
]
MODULES_EN = [
    "Records",
    "Document archive",
    "Mail log",
    "Access to files",
    "Citizen service",
    "Benefit refunds",
    "Sickness benefits",
    "Job centre",
    "Childcare places",
    "Elderly care",
    "Home care",
    "Building permits",
    "Environmental inspection",
    "School administration",
    "Roads authority",
    "Property tax",
    "Collection",
    "Debt recovery",
    "HR",
    "Management information",
]
MODULE_KIND = [
    ("licens", "licence", "user_month", "pr. bruger pr. måned", "per user per month", (20, 260)),
    ("drift", "operation", "month", "pr. måned", "per month", (1500, 25000)),
]


def _price(rng: random.Random, lo: float, hi: float, integer: bool) -> Decimal:
    if hi <= 20:
        cents = rng.randint(int(lo * 100) + 1, int(hi * 100))
        v = Decimal(cents) / 100
        if integer:
            v = Decimal(max(1, int(v)))
        return v
    whole = rng.randint(int(lo), int(hi))
    if integer:
        if whole >= 1000:
            whole = whole // 50 * 50
        return Decimal(whole)
    frac = rng.choice([0, 0, 50, 25, 95, 75, 10])
    return Decimal(whole) + Decimal(frac) / 100


def _rot(options, seed, offset):
    return options[(seed + offset) % len(options)]


# --------------------------------------------------------------------------- build
def build(seed: int) -> tuple[list, dict, dict]:
    rng = random.Random(seed * 7919 + 17)
    lang = "en" if seed % 3 == 2 else "da"
    en = lang == "en"
    # per-language running index, so language-specific rotations cover every option
    li = seed // 3 if en else seed - (seed + 1) // 3
    feats: dict = {"lang": lang, "renderer": "reportlab" if seed % 2 == 0 else "fpdf"}

    buyer = _rot(MUNICIPALITIES, seed, 0)
    vendor = _rot(VENDORS, seed, 3)

    # ---- dates
    eff_month = rng.choice([1, 1, 2, 3, 4, 7, 10])
    eff_day = 15 if seed % 7 == 5 else 1
    effective = date(2025 + rng.choice([0, 1, 1]), eff_month, eff_day)
    date_styles = (
        ["long_en", "us_en", "iso", "dots"]
        if en
        else ["long_da", "dots", "iso", "dash", "long_da", "slash_da"]
    )
    dstyle = _rot(date_styles, li, 1)
    feats["date_style"] = dstyle
    term_kind = _rot(["explicit", "duration", "explicit_sep", "open", "duration_months"], li, 2)
    years = rng.choice([2, 3, 4])
    if (
        term_kind in ("explicit", "explicit_sep")
        or term_kind == "duration"
        or term_kind == "duration_months"
    ):
        expiry = date(effective.year + years, effective.month, effective.day) - timedelta(days=1)
    else:
        expiry = None
    feats["term"] = term_kind
    E = fmt_date(effective, dstyle)
    X = fmt_date(expiry, dstyle) if expiry else None

    # distractor dates
    signed = effective - timedelta(days=rng.randint(20, 60))
    sign_style = rng.choice(["long_da", "dots"] if not en else ["long_en", "iso"])

    # ---- payment
    pay_opts_da = [
        (30, "Betalingsbetingelser: netto 30 dage."),
        (30, "Betalingsfrist: 30 dage efter modtagelse af faktura."),
        (20, "Fakturaer betales senest 20 dage efter Kundens modtagelse af korrekt faktura."),
        (30, "Betaling sker 30 (tredive) dage netto efter modtagelse af korrekt faktura."),
        (None, None),
        (14, "Betalingsfristen er 14 dage fra fakturadato."),
    ]
    pay_opts_en = [
        (45, "Payment terms: 45 days net."),
        (30, "Invoices shall be paid within 30 days of receipt of a correct invoice."),
        (30, "Payment is due thirty (30) days after receipt of the invoice."),
        (None, None),
    ]
    payment_days, pay_sentence = _rot(pay_opts_en if en else pay_opts_da, li, 4)
    feats["payment"] = pay_sentence

    # ---- MFN
    mfn_da = [
        (
            True,
            "Leverandøren yder Kunden mestbegunstigelse, således at Kunden til enhver tid tilbydes de "
            "laveste priser, som Leverandøren tilbyder andre offentlige kunder for tilsvarende ydelser.",
        ),
        (
            True,
            "Leverandøren garanterer, at Kunden opnår priser og vilkår, der ikke er ringere end de vilkår, "
            "Leverandøren tilbyder andre sammenlignelige kommunale kunder.",
        ),
        (False, None),
        (
            False,
            "Kontrakten indeholder ikke en mestbegunstigelsesklausul, og Leverandøren er ikke forpligtet "
            "til at tilbyde Kunden samme priser som andre kunder.",
        ),
        (
            True,
            "Mestbegunstigelse: Såfremt Leverandøren i kontraktperioden tilbyder en anden kommune lavere "
            "priser for samme ydelse, skal Kunden straks tilbydes samme pris.",
        ),
    ]
    mfn_en = [
        (
            True,
            "The Supplier shall treat the Customer as a most favoured customer: prices shall be no less "
            "favourable than those offered to any comparable public customer.",
        ),
        (False, "The Supplier gives no most favoured customer undertaking under this Agreement."),
        (
            True,
            "Most-favoured-customer: if the Supplier offers lower prices for the same service to another "
            "municipality, the Customer shall be offered the same price from the same date.",
        ),
        (False, None),
    ]
    mfn, mfn_sentence = _rot(mfn_en if en else mfn_da, li, 5)
    feats["mfn"] = mfn_sentence

    # ---- indexation
    idx_da = [
        (Decimal("3"), "Priserne reguleres årligt med nettoprisindekset, dog maksimalt 3 %."),
        (
            Decimal("2.5"),
            "Priserne er faste i 24 måneder fra ikrafttrædelse. Herefter kan Leverandøren regulere "
            "priserne én gang årligt pr. 1. januar med udviklingen i nettoprisindekset (Danmarks "
            "Statistik), dog højst 2,5 % pr. år. Regulering skal varsles med 3 måneders varsel.",
        ),
        (None, "Priserne reguleres årligt pr. 1. januar med udviklingen i forbrugerprisindekset."),
        (
            Decimal("4"),
            "Leverandøren kan regulere priserne én gang årligt med udviklingen i lønindekset "
            "ILON12. Prisreguleringen kan ikke overstige 4 procent årligt.",
        ),
        (
            None,
            "Priserne er faste i hele kontraktperioden. Ændres nettoprisindekset med 4 % eller mere i "
            "forhold til indeksværdien ved kontraktindgåelsen, kan hver af parterne kræve forhandling om "
            "regulering af priserne.",
        ),
        (None, "Priserne er faste i hele kontraktperioden."),
        (
            Decimal("3.5"),
            "Priserne kan reguleres én gang årligt med nettoprisindekset, maksimalt 3,5 pct. "
            "pr. år.",
        ),
    ]
    idx_en = [
        (
            Decimal("3"),
            "Prices may be adjusted annually by the change in the net price index, capped at 3% "
            "per year.",
        ),
        (
            None,
            "Prices are adjusted annually on 1 January by the change in the consumer price index.",
        ),
        (
            Decimal("2.5"),
            "The Supplier may adjust prices once a year in line with the net price index "
            "(Danmarks Statistik); any adjustment shall not exceed 2.5 per cent.",
        ),
        (None, "Prices are fixed for the entire term of the Agreement."),
    ]
    cap, idx_sentence = _rot(idx_en if en else idx_da, li, 6)
    feats["indexation"] = idx_sentence

    # ---- prices: style
    money_styles = (
        ["en_dkk", "en_plain", "da_dkk_prefix", "en_dkk"]
        if en
        else [
            "da_plain",
            "da_kr_suffix",
            "da_kr_prefix",
            "da_dkk_prefix",
            "da_dash",
            "da_dkk_suffix",
            "da_dash_plain",
            "da_plain",
        ]
    )
    mstyle = _rot(money_styles, li, 7)
    integer = mstyle in INTEGER_STYLES
    feats["money"] = mstyle
    vat = "incl" if seed % 4 == 3 else "excl"
    vat_where = _rot(["header", "column", "footnote", "header", "footnote_next_page"], seed, 8)
    long_table = seed % 5 in (1, 4)
    if vat_where == "footnote_next_page" and not long_table:
        vat_where = "footnote"
    feats.update(vat=vat, vat_where=vat_where, long_table=long_table)

    layout = _rot(
        [
            "id_desc_unit_price",
            "desc_id_price_unit",
            "id_desc_price_unit",
            "desc_unit_price",
            "id_desc_unit_price",
        ],
        seed,
        9,
    )
    tier_mode = _rot(["in_desc", "column", "none", "in_desc", "column"], seed, 10)
    feats.update(table_layout=layout, tier_mode=tier_mode)

    if en:
        H = {
            "id": rng.choice(["Item no.", "Item", "Ref."]),
            "desc": rng.choice(["Service", "Description", "Product"]),
            "unit": rng.choice(["Unit", "Billing unit"]),
            "price": rng.choice(["Unit price", "Price per unit", "Price (DKK)"]),
            "tier": rng.choice(["Volume", "Quantity band"]),
        }
    else:
        H = {
            "id": rng.choice(["Varenr.", "Varenummer", "Nr.", "Pos."]),
            "desc": rng.choice(["Ydelse", "Beskrivelse", "Produkt", "Ydelsesbeskrivelse"]),
            "unit": rng.choice(["Enhed", "Enh.", "Afregningsenhed"]),
            "price": rng.choice(["Pris pr. enhed", "Enhedspris", "Stk.pris", "Pris (kr.)"]),
            "tier": rng.choice(["Mængde", "Interval", "Antal"]),
        }
    vat_word = (
        ("excl. VAT" if vat == "excl" else "incl. VAT")
        if en
        else ("ekskl. moms" if vat == "excl" else "inkl. moms")
    )
    if vat_where == "column":
        H["price"] = f"Price {vat_word}" if en else f"Pris {vat_word}"
    if vat_where.startswith("footnote"):
        H["price"] = H["price"] + " *)"

    # ---- price rows
    rows_truth: list[dict] = []
    table_rows: list[list[str]] = []
    has_id = layout != "desc_unit_price"
    prefix = rng.choice(["A", "P", "KD", "1."]) if has_id else None
    counter = [100 if prefix != "1." else 1]

    def next_id() -> str | None:
        if not has_id:
            return None
        if prefix == "1.":
            v = f"1.{counter[0]}"
            counter[0] += 1
            return v
        v = f"{prefix}-{counter[0]}"
        counter[0] += 10
        return v

    def add_row(
        item_id,
        desc,
        unit_canon,
        unit_txt,
        price,
        tier_txt=None,
        tmin=None,
        tmax=None,
        price_text=None,
    ):
        shown_desc = desc
        if tier_txt and tier_mode == "in_desc":
            shown_desc = f"{desc}, {tier_txt}"
        cells = {
            "id": item_id or "",
            "desc": shown_desc,
            "unit": unit_txt,
            "price": price_text if price_text is not None else fmt_money(price, mstyle),
            "tier": tier_txt or "",
        }
        order = {
            "id_desc_unit_price": ["id", "desc", "unit", "price"],
            "desc_id_price_unit": ["desc", "id", "price", "unit"],
            "id_desc_price_unit": ["id", "desc", "price", "unit"],
            "desc_unit_price": ["desc", "unit", "price"],
        }[layout]
        if tier_mode == "column":
            order = order[:]
            order.insert(order.index("desc") + 1, "tier")
        table_rows.append([cells[k] for k in order])
        if price is not None:
            rows_truth.append(
                {
                    "item_id": item_id,
                    "description": desc,
                    "unit": unit_canon,
                    "unit_text": unit_txt,
                    "unit_price": str(price),
                    "vat": vat,
                    "tier_min": None if tmin is None else str(tmin),
                    "tier_max": None if tmax is None else str(tmax),
                    "row_text": " | ".join(cells[k] for k in order),
                }
            )

    header_order = {
        "id_desc_unit_price": ["id", "desc", "unit", "price"],
        "desc_id_price_unit": ["desc", "id", "price", "unit"],
        "id_desc_price_unit": ["id", "desc", "price", "unit"],
        "desc_unit_price": ["desc", "unit", "price"],
    }[layout][:]
    if tier_mode == "column":
        header_order.insert(header_order.index("desc") + 1, "tier")
    header = [H[k] for k in header_order]

    n_items = rng.randint(5, 8)
    items = rng.sample(CATALOGUE, n_items)
    tiered_done = False
    for dda, den, ucanon, uda, uen, (lo, hi) in items:
        desc = den if en else dda
        utxt = rng.choice(uen if en else uda)
        iid = next_id()
        if (
            tier_mode != "none"
            and not tiered_done
            and ucanon in ("inhabitant_year", "user_month", "user_year", "piece", "transaction")
        ):
            tiered_done = True
            bands = _bands(ucanon, en, rng)
            base = _price(rng, lo, hi, integer)
            for k, (ttxt, tmin, tmax) in enumerate(bands):
                p = base - (base * Decimal(k * 12) / 100)
                p = p.quantize(Decimal("1") if integer else Decimal("0.01"))
                if p <= 0:
                    p = Decimal("1") if integer else Decimal("0.50")
                add_row(iid, desc, ucanon, utxt, p, ttxt, tmin, tmax)
            continue
        add_row(iid, desc, ucanon, utxt, _price(rng, lo, hi, integer))
    # non-price rows (not in truth)
    if rng.random() < 0.6:
        add_row(
            next_id(),
            "Implementering og opsætning" if not en else "Implementation and set-up",
            None,
            "",
            None,
            price_text=("Inkluderet" if not en else "Included"),
        )
    if long_table:
        mods = MODULES_EN if en else MODULES_DA
        for m in rng.sample(range(len(mods)), rng.randint(16, 20)):
            kda, ken, kcanon, kuda, kuen, (lo, hi) = rng.choice(MODULE_KIND)
            add_row(
                next_id(),
                f"{mods[m]}, {ken if en else kda}",
                kcanon,
                kuen if en else kuda,
                _price(rng, lo, hi, integer),
            )
    feats["n_rows"] = len(rows_truth)

    # ---- blocks
    blocks: list = []
    contract_no = f"{effective.year - 1}-{rng.randint(100, 999):04d}"
    sagsnr = f"{effective.year % 100 - 1:02d}/{rng.randint(10000, 99999)}"
    system = (
        rng.choice(["ESDH-system", "økonomisystem", "borgerportal", "fagsystem til sagsbehandling"])
        if not en
        else rng.choice(["EDRMS", "finance system", "citizen portal", "case handling system"])
    )
    kind = _rot(["K02", "K03", "Rammeaftale", "K02"], seed, 11)
    if en:
        title = {
            "K02": f"Operations Agreement (K02) for {system}",
            "K03": f"Standard System Agreement (K03) for {system}",
            "Rammeaftale": f"Framework Agreement on {system}",
        }[kind]
    else:
        title = {
            "K02": f"Driftskontrakt (K02) vedrørende {system}",
            "K03": f"Standardsystemkontrakt (K03) om {system}",
            "Rammeaftale": f"Rammeaftale om levering af {system}",
        }[kind]

    party_layouts = (
        ["block", "between", "letterhead", "defined"]
        if not en
        else ["block", "between", "letterhead"]
    )
    party_layout = _rot(party_layouts, li, 12)
    feats["party_layout"] = party_layout
    bname, bcvr, badr = buyer
    vname, vcvr, vadr = vendor
    cvr_word = "CVR no." if en else rng.choice(["CVR-nr.", "CVR nr.", "CVR:"])

    if party_layout == "letterhead":
        right = (
            [
                f"Contract no. {contract_no}",
                f"Date: {fmt_date(signed, sign_style)}",
                f"Case no. {sagsnr}",
            ]
            if en
            else [
                f"Kontrakt nr. {contract_no}",
                f"Dato: {fmt_date(signed, sign_style)}",
                f"Sagsnr.: {sagsnr}",
            ]
        )
        blocks.append(("letterhead", [vname] + vadr + [f"{cvr_word} {vcvr}"], right))
        blocks.append(("title", title))
        blocks.append(
            (
                "twocol",
                [("Customer:" if en else "Kunde:"), bname] + badr + [f"{cvr_word} {bcvr}"],
                [("Supplier:" if en else "Leverandør:"), vname] + vadr + [f"{cvr_word} {vcvr}"],
            )
        )
    else:
        blocks.append(
            (
                "small",
                (
                    f"Contract no. {contract_no}"
                    if en
                    else f"Kontrakt nr. {contract_no}   Sagsnr. {sagsnr}"
                ),
            )
        )
        blocks.append(("title", title))
        if party_layout == "block":
            blocks.append(("heading", "1. The Parties" if en else "1. Parterne"))
            blocks.append(
                (
                    "kv",
                    [
                        ("Customer" if en else "Kunde", [bname] + badr + [f"{cvr_word} {bcvr}"]),
                        (
                            "Supplier" if en else "Leverandør",
                            [vname] + vadr + [f"{cvr_word} {vcvr}"],
                        ),
                    ],
                )
            )
        elif party_layout == "between":
            if en:
                blocks.append(
                    (
                        "para",
                        f"This Agreement is made between {bname}, {', '.join(badr)}, {cvr_word} "
                        f'{bcvr} (the "Customer") and {vname}, {", ".join(vadr)}, {cvr_word} '
                        f'{vcvr} (the "Supplier").',
                    )
                )
            else:
                blocks.append(
                    (
                        "para",
                        f"Denne kontrakt er indgået mellem {bname}, {', '.join(badr)}, {cvr_word} "
                        f'{bcvr} (herefter "Kunden") og {vname}, {", ".join(vadr)}, {cvr_word} '
                        f'{vcvr} (herefter "Leverandøren").',
                    )
                )
        else:  # defined terms, Danish, vendor first
            blocks.append(("heading", "Parter"))
            blocks.append(
                (
                    "para",
                    f"{vname}\n{', '.join(vadr)}\n{cvr_word} {vcvr}\n(i det følgende benævnt "
                    f'"Leverandøren")',
                )
            )
            blocks.append(("para", "og"))
            blocks.append(
                (
                    "para",
                    f"{bname}\n{', '.join(badr)}\n{cvr_word} {bcvr}\n(i det følgende benævnt "
                    f'"Ordregiver")',
                )
            )

    # background + distractors
    if en:
        blocks.append(("heading", "2. Background"))
        blocks.append(
            (
                "para",
                f"Following a tender published on {fmt_date(signed - timedelta(days=120), 'long_en')} "
                f"the Customer has awarded the Supplier the contract for the {system}. "
                "Complaints regarding deliveries shall be made within 14 days.",
            )
        )
        blocks.append(("heading", "3. Term"))
    else:
        blocks.append(("heading", "2. Baggrund"))
        blocks.append(
            (
                "para",
                f"Kontrakten er indgået efter udbud offentliggjort den "
                f"{fmt_date(signed - timedelta(days=120), 'long_da')}. Reklamation over leverancer "
                "skal ske inden 14 dage efter levering.",
            )
        )
        blocks.append(("heading", "3. Kontraktperiode"))

    # term sentences
    if en:
        if term_kind in ("explicit", "explicit_sep"):
            blocks.append(("para", f"This Agreement enters into force on {E} and expires on {X}."))
        elif term_kind in ("duration", "duration_months"):
            words = {2: "two (2)", 3: "three (3)", 4: "four (4)"}[years]
            dur = f"{words} years" if term_kind == "duration" else f"{years * 12} months"
            blocks.append(
                (
                    "para",
                    f"Effective Date: {E}. The Agreement runs for a period of {dur} from the "
                    "Effective Date. The Customer has an option to extend the Agreement by up to "
                    "2 x 12 months.",
                )
            )
        else:
            blocks.append(
                (
                    "para",
                    f"This Agreement enters into force on {E} and runs until terminated by either "
                    "party with 6 months' notice to the end of a month.",
                )
            )
    else:
        if term_kind == "explicit":
            blocks.append(("para", f"Kontrakten træder i kraft den {E} og udløber den {X}."))
        elif term_kind == "explicit_sep":
            blocks.append(("para", f"Ikrafttrædelse: {E}"))
            blocks.append(
                (
                    "para",
                    f"Kontrakten ophører uden yderligere varsel den {X}. Ordregiver har option på "
                    "forlængelse 2 x 12 måneder.",
                )
            )
        elif term_kind == "duration":
            blocks.append(
                (
                    "para",
                    f"Kontrakten har virkning fra {E} og løber i {years} år fra ikrafttrædelse.",
                )
            )
        elif term_kind == "duration_months":
            blocks.append(
                (
                    "para",
                    f"Kontrakten træder i kraft {E} og er gældende i {years * 12} måneder fra "
                    "ikrafttrædelsesdatoen.",
                )
            )
        else:
            blocks.append(
                (
                    "para",
                    f"Kontrakten træder i kraft den {E}. Kontrakten er tidsubegrænset og kan opsiges "
                    "af Kunden med 6 måneders varsel til udgangen af en måned.",
                )
            )

    # payment
    blocks.append(("heading", "4. Invoicing and payment" if en else "4. Fakturering og betaling"))
    inv = (
        "The Supplier invoices quarterly in advance via NemHandel (OIOUBL). Invoices shall state amounts "
        "excluding and including VAT."
        if en
        else "Leverandøren fakturerer kvartalsvis forud via NemHandel (OIOUBL). Fakturaen skal angive beløb "
        "ekskl. og inkl. moms."
    )
    # distractor: another day count (invoice submission deadline) in half of the documents
    pay_distractor = li % 2 == 0
    if pay_distractor:
        inv += (
            " The Supplier shall submit the invoice no later than 10 days after the start of the period."
            if en
            else " Leverandøren skal fremsende faktura senest 10 dage efter periodens start."
        )
    blocks.append(("para", inv + ((" " + pay_sentence) if pay_sentence else "")))

    # prices + indexation section
    blocks.append(
        ("heading", "5. Prices and price adjustment" if en else "5. Priser og prisregulering")
    )
    price_para = "The prices are set out in Appendix 2. " if en else "Priserne fremgår af Bilag 2. "
    price_para += idx_sentence
    if rng.random() < 0.5:
        price_para += (
            " A discount of 10 % applies to purchases of more than 500 licences."
            if en
            else " Der ydes 10 % rabat ved køb af over 500 licenser."
        )
    blocks.append(("para", price_para))
    # price in running text (sentence) for some docs
    sentence_row = None
    if seed % 3 == 1:
        p = _price(rng, 900, 1400, integer)
        sdesc = "Konsulentbistand ved tilkøb" if not en else "Additional consultancy"
        ptxt = fmt_money(p, mstyle)
        if mstyle in ("da_plain", "da_dash_plain"):
            ptxt += " kr."
        elif mstyle == "en_plain":
            ptxt = "DKK " + ptxt
        if en:
            s = f"{sdesc} is charged at {ptxt} per hour {vat_word}."
        else:
            s = f"{sdesc} afregnes med {ptxt} pr. time {vat_word}."
        blocks.append(("para", s))
        sentence_row = {
            "item_id": None,
            "description": sdesc,
            "unit": "hour",
            "unit_text": "pr. time",
            "unit_price": str(p),
            "vat": vat,
            "tier_min": None,
            "tier_max": None,
            "row_text": s,
            "in_sentence": True,
        }

    # MFN
    blocks.append(
        ("heading", "6. Most favoured customer" if en else "6. Mestbegunstigelse og vilkår")
    )
    if mfn_sentence:
        blocks.append(("para", mfn_sentence))
    else:
        blocks.append(
            (
                "para",
                "The Supplier's general terms do not apply."
                if en
                else "Leverandørens almindelige forretningsbetingelser finder ikke anvendelse.",
            )
        )
    # breach / penalties (percent distractor)
    blocks.append(("heading", "7. Breach" if en else "7. Misligholdelse"))
    blocks.append(
        (
            "para",
            "In case of delay the Supplier pays a penalty of 0.5 % of the annual fee per working day."
            if en
            else "Ved forsinkelse betaler Leverandøren en bod på 0,5 % af det årlige vederlag pr. "
            "arbejdsdag. Kunden kan opsige kontrakten med 3 måneders varsel ved væsentlig "
            "misligholdelse.",
        )
    )
    # signatures
    place = bname.replace(" Kommune", "").replace("Københavns", "København")
    if en:
        blocks.append(
            (
                "twocol",
                [
                    f"{place}, {fmt_date(signed, sign_style)}",
                    "For the Customer",
                    "",
                    "________________",
                ],
                [f"{fmt_date(signed, sign_style)}", "For the Supplier", "", "________________"],
            )
        )
    else:
        blocks.append(
            (
                "twocol",
                [
                    f"{place}, den {fmt_date(signed, sign_style)}",
                    "For Kunden",
                    "",
                    "________________",
                ],
                [
                    f"Dato: {fmt_date(signed, sign_style)}",
                    "For Leverandøren",
                    "",
                    "________________",
                ],
            )
        )

    # appendix: long tables start mid-page so that they run over a page break
    if not long_table:
        blocks.append(("pagebreak",))
    app_title = _rot(
        (
            ["Appendix 2 Prices", "Schedule B - Pricing"]
            if en
            else ["Bilag 2 Priser", "Prisbilag", "Bilag B Vederlag"]
        ),
        li,
        13,
    )
    blocks.append(("title2", app_title))
    if vat_where == "header":
        blocks.append(
            (
                "para",
                f"All prices are in Danish kroner (DKK) {'exclusive' if vat == 'excl' else 'inclusive'} "
                f"of VAT."
                if en
                else f"Alle priser er angivet i danske kroner {vat_word}.",
            )
        )
    else:
        blocks.append(
            (
                "para",
                "The following prices apply for the term of the Agreement."
                if en
                else "Følgende priser gælder i kontraktperioden.",
            )
        )
    repeat = rng.random() < 0.5
    blocks.append(
        (
            "table",
            header,
            table_rows,
            {
                "repeat": repeat,
                "tier_col": tier_mode == "column",
                "first_is_id": layout.startswith("id"),
                "price_col": header_order.index("price"),
            },
        )
    )
    if vat_where.startswith("footnote"):
        blocks.append(
            (
                "small",
                (
                    f"*) All prices {'exclude' if vat == 'excl' else 'include'} 25 % VAT."
                    if en
                    else f"*) Alle priser er angivet {vat_word} (25 %)."
                ),
            )
        )
    feats["table_repeat_header"] = repeat

    if sentence_row:
        rows_truth.append(sentence_row)

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
            "effective": E,
            "expiry": X,
            "term_kind": term_kind,
            "payment": pay_sentence,
            "mfn": mfn_sentence,
            "indexation": idx_sentence,
            "party_layout": party_layout,
            "payment_distractor": pay_distractor,
        },
    }
    meta = {
        "running_header": (
            f"Contract no. {contract_no} - {vname}"
            if en
            else f"Kontrakt nr. {contract_no} - {vname}"
        ),
        "page_word": "Page" if en else "Side",
        "renderer": feats["renderer"],
    }
    return blocks, truth, meta


def _bands(ucanon: str, en: bool, rng: random.Random):
    style = rng.choice([0, 1, 2])
    if ucanon == "inhabitant_year":
        if en:
            return [
                (f"0-{int_en(10000)} inhabitants", 0, 10000),
                (f"{int_en(10001)}-{int_en(50000)} inhabitants", 10001, 50000),
                (f"above {int_en(50000)} inhabitants", 50001, None),
            ]
        return [
            (f"0-{int_da(10000)} indbyggere", 0, 10000),
            (f"{int_da(10001)}-{int_da(50000)} indbyggere", 10001, 50000),
            (f"over {int_da(50000)} indbyggere", 50001, None),
        ]
    word = {
        "user_month": ("brugere", "users"),
        "user_year": ("brugere", "users"),
        "piece": ("stk", "pcs"),
        "transaction": ("transaktioner", "transactions"),
    }[ucanon][1 if en else 0]
    if style == 0:
        return [(f"1-99 {word}", 1, 99), (f"100+ {word}", 100, None)]
    if style == 1:
        return [
            (f"1-250 {word}", 1, 250),
            (f"251-{int_en(1000) if en else int_da(1000)} {word}", 251, 1000),
            ((f"from {int_en(1001)} {word}" if en else f"fra {int_da(1001)} {word}"), 1001, None),
        ]
    return [
        (f"1–99 {word}", 1, 99),
        (f"100–499 {word}", 100, 499),
        (f"500 {word} og derover" if not en else f"500 {word} or more", 500, None),
    ]

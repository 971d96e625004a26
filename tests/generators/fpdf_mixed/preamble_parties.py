"""Layout `preamble_parties`: a Danish or English agreement that names its parties only
in the preamble, without CVR numbers (one running sentence with "(herefter "Kunden")", or
two columns side by side on page 1), ends with signature blocks, and prices its services
in a simple bordered table in "Bilag 1 Priser" with the unit in its own column; volume
tiers, when present, are columns of a second table.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from tests.generators.fpdf_mixed import clauses, common, content
from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, pick_style
from tests.generators.fpdf_mixed.truth import Party, PriceTerm, Truth

NAME = "preamble_parties"

_WORDS = {
    "da": {
        "customer": "Kunden", "supplier": "Leverandøren", "buyer_col": "Kunde",
        "vendor_col": "Leverandør", "appendix": "Bilag 1 Priser", "service": "Ydelse",
        "unit": "Enhed", "users": "brugere", "sign_for": ("For Kunden:", "For Leverandøren:"),
    },
    "en": {
        "customer": "Customer", "supplier": "Supplier", "buyer_col": "Customer",
        "vendor_col": "Supplier", "appendix": "Appendix 1 – Prices", "service": "Service",
        "unit": "Unit", "users": "users", "sign_for": ("For Customer:", "For Supplier:"),
    },
}  # fmt: skip


def build(rng: random.Random) -> tuple[ContractPDF, Truth]:
    lang = rng.choice(("da", "en"))
    words = _WORDS[lang]
    truth = Truth(layout=NAME, language=lang)
    buyer = content.municipality(rng, english=lang == "en" and rng.random() < 0.5)
    vendor = content.vendor(rng)
    truth.parties = [Party(buyer.name, None, "buyer"), Party(vendor.name, None, "vendor")]
    system_da, system_en = rng.choice(content.SYSTEMS)
    term = clauses.term(rng)
    signed = term.effective - tx.dt.timedelta(days=rng.randint(5, 45))
    date_style = rng.choice(tx.DATE_STYLES_DA if lang == "da" else tx.DATE_STYLES_EN)

    def date(day: tx.dt.date) -> str:
        return tx.date_da(day, date_style) if lang == "da" else tx.date_en(day, date_style)

    pdf = ContractPDF(
        pick_style(rng, ttf=rng.random() < 0.5),
        created=signed,
        footer_format=rng.choice(
            ("Side {page} af {{nb}}", "Side {page}", None)
            if lang == "da"
            else ("Page {page} of {{nb}}", "Page {page}", None)
        ),
        metadata_title=rng.choice(
            (None, f"{vendor.name.split()[0]}_aftale_v{rng.randint(2, 9)}.docx")
        ),
    )
    title = {
        "da": (
            ["Aftale om drift og vedligeholdelse", f"af {system_da}"],
            ["SERVICEAFTALE"],
            ["Abonnementsaftale", f"vedrørende {system_da}"],
        ),
        "en": (
            ["SERVICE AGREEMENT"],
            ["Subscription Agreement", f"for the {system_en}"],
            ["Agreement on Operation and Maintenance", f"of the {system_en}"],
        ),
    }[lang]
    lines = list(rng.choice(title))
    pdf.title_block(lines, align=rng.choice(("C", "L")))
    truth.title = " ".join(lines)
    _preamble(rng, pdf, lang, buyer, vendor, date(signed) if rng.random() < 0.5 else None)

    numbered = rng.random() < 0.7
    sections = _sections(
        rng, lang, truth, term, date_style, system_da if lang == "da" else system_en
    )
    for n, (heading, sentences) in enumerate(sections, start=1):
        pdf.heading(f"{n}. {heading}" if numbered else heading)
        for m, sentence in enumerate(sentences, start=1):
            if numbered and len(sentences) > 1:
                pdf.numbered(f"{n}.{m}", sentence)
            else:
                pdf.para(sentence)
    buyer_sig, vendor_sig = words["sign_for"]
    pdf.signatures(
        [buyer_sig, f"{content.town_of(buyer)}, {'den ' if lang == 'da' else ''}{date(signed)}",
         content.person(rng), rng.choice(content.BUYER_TITLES_DA if lang == "da" else content.BUYER_TITLES_EN)],
        [vendor_sig, f"{content.town_of(vendor)}, {'den ' if lang == 'da' else ''}{date(signed)}",
         content.person(rng), rng.choice(content.VENDOR_TITLES_DA if lang == "da" else content.VENDOR_TITLES_EN)],
    )  # fmt: skip
    truth.price_terms = _appendix(rng, pdf, lang)
    return pdf, truth


def _preamble(
    rng: random.Random,
    pdf: ContractPDF,
    lang: str,
    buyer: content.Org,
    vendor: content.Org,
    signed: str | None,
) -> None:
    w = _WORDS[lang]
    if rng.random() < 0.5:
        pdf.heading("Parter" if lang == "da" else "Parties")
        pdf.columns(
            [w["buyer_col"], *common.address_lines(buyer)],
            [w["vendor_col"], *common.address_lines(vendor)],
        )
        pdf.para(
            f'herefter benævnt henholdsvis "{w["customer"]}" og "{w["supplier"]}".'
            if lang == "da"
            else f'hereinafter referred to as "{w["customer"]}" and "{w["supplier"]}" respectively.'
        )
        return
    if lang == "da":
        when = f" den {signed}" if signed else ""
        pdf.para(
            f"Denne aftale er indgået{when} mellem {buyer.name}, {buyer.street}, {buyer.town} "
            f'(herefter "Kunden") og {vendor.name}, {vendor.street}, {vendor.town} (herefter '
            '"Leverandøren"), i fællesskab "Parterne".'
        )
    else:
        when = f" on {signed}" if signed else ""
        pdf.para(
            f"This Agreement is made{when} by and between {buyer.name}, {buyer.street}, "
            f'{buyer.town} ("Customer") and {vendor.name}, a company incorporated in Denmark '
            f'with its registered office at {vendor.street}, {vendor.town} ("Supplier"), each a '
            '"Party" and together the "Parties".'
        )


def _sections(
    rng: random.Random, lang: str, truth: Truth, term: clauses.Term, date_style: str, system: str
) -> list[tuple[str, list[str]]]:
    money_style = rng.choice(tx.DA_STYLES)
    da = lang == "da"
    truth.effective_date, truth.expiry_date = term.effective, term.expiry
    term_text = (
        clauses.term_da(rng, term, date_style) if da else clauses.term_en(rng, term, date_style)
    )
    pay = clauses.payment(rng, lang)
    truth.payment_days = pay.value  # type: ignore[assignment]
    index = clauses.indexation(rng, lang)
    truth.indexation = index.value  # type: ignore[assignment]
    mfn = clauses.mfn(rng, lang)
    truth.mfn = bool(mfn.value)
    prices = (
        "Vederlaget for ydelserne fremgår af Bilag 1 Priser. Alle priser er angivet ekskl. moms."
        if da
        else "The fees for the Services are set out in Appendix 1 – Prices. All prices are "
        "exclusive of VAT."
    )
    sections = [
        ("Aftalens omfang" if da else "Scope", [
            f"Leverandøren leverer drift, support og vedligeholdelse af {system} som beskrevet i "
            "denne aftale og dens bilag." if da else
            f"Supplier shall provide operation, support and maintenance of the {system} as "
            "described in this Agreement and its appendices.",
        ]),
        ("Ikrafttræden og varighed" if da else "Term", term_text),
        ("Priser og betaling" if da else "Fees and Payment", [prices, *pay.sentences]),
    ]  # fmt: skip
    if index.sentences:
        sections.append(("Prisregulering" if da else "Price Adjustment", index.sentences))
    if mfn.sentences:
        sections.append(("Mestbegunstigelse" if da else "Most Favoured Customer", mfn.sentences))
    notice = rng.choice((3, 6))
    sections.append(
        ("Opsigelse" if da else "Termination", [
            f"Kunden kan opsige aftalen med {notice} måneders skriftligt varsel til udgangen af en "
            "måned." if da else
            f"Customer may terminate this Agreement for convenience on {tx.words_paren_en(notice)} "
            "months' written notice.",
        ])
    )  # fmt: skip
    sections.append(("Ansvar" if da else "Liability", [common.liability(rng, lang, money_style)]))
    sections.append(
        ("Underskrift" if da else "Signatures", [
            "Aftalen underskrives i to eksemplarer, hvoraf hver part modtager ét." if da else
            "This Agreement is signed in two counterparts, one for each Party.",
        ])
    )  # fmt: skip
    return sections


def _appendix(rng: random.Random, pdf: ContractPDF, lang: str) -> list[PriceTerm]:
    w = _WORDS[lang]
    pdf.add_page()
    pdf.title_block([w["appendix"]], size=14, align="L")
    currency = "EUR" if lang == "en" and rng.random() < 0.3 else "DKK"
    rate = Decimal("7.46") if currency == "EUR" else Decimal(1)
    units = common.unit_words(rng, lang)
    pdf.para(
        "Alle priser er i danske kroner ekskl. moms." if lang == "da"
        else f"All prices are in {currency} and exclusive of VAT."
    )  # fmt: skip

    def amount(value: Decimal) -> str:
        if lang == "da":
            return tx.money_da(value, "plain")
        return tx.number(value, lang="en")

    with_ids = rng.random() < 0.6
    ids = content.item_ids(rng, 12)
    tiered = rng.random() < 0.4
    picked = content.services(rng, rng.randint(3, 8))
    if tiered:
        picked = [s for s in picked if s.unit != "user_month"]
    terms: list[PriceTerm] = []
    for service in picked:
        value = _converted(content.price(rng, service.unit), rate)
        desc = service.da if lang == "da" else service.en
        terms.append(
            PriceTerm(ids.pop(0) if with_ids else None, desc, service.unit, value, currency)
        )
    id_title = rng.choice(("Nr.", "Varenr.")) if lang == "da" else rng.choice(("Item no.", "ID"))
    price_title = (
        rng.choice(("Pris ekskl. moms", "Pris i kr. ekskl. moms", "Pris (DKK ekskl. moms)"))
        if lang == "da"
        else f"Price ({currency}, excl. VAT)"
    )
    columns: list[tuple[str, float, str, Callable[[PriceTerm], str]]] = [
        (w["service"], 50, "L", lambda t: t.description),
        (w["unit"], 20, "L", lambda t: units[t.unit]),
        (price_title, 20, "R", lambda t: amount(t.unit_price)),
    ]
    if rng.random() < 0.35:  # price before unit
        columns[1], columns[2] = columns[2], columns[1]
    if with_ids:
        id_column = (id_title, 14, "L", lambda t: t.item_id or "")
        columns.insert(0 if rng.random() < 0.8 else len(columns), id_column)
    pdf.grid(
        [c[0] for c in columns],
        [[c[3](t) for c in columns] for t in terms],
        widths=[c[1] for c in columns],
        aligns=[c[2] for c in columns],
    )
    if tiered:
        terms += _tier_table(
            rng, pdf, lang, currency, rate, ids.pop(0) if with_ids else None, id_title, amount
        )
    return terms


def _converted(value: Decimal, rate: Decimal) -> Decimal:
    if rate == 1:
        return value
    return max((value / rate).quantize(Decimal("0.01")), Decimal("0.05"))


def _tier_table(
    rng: random.Random, pdf: ContractPDF, lang: str, currency: str, rate: Decimal,
    item_id: str | None, id_title: str, amount: Callable[[Decimal], str],
) -> list[PriceTerm]:  # fmt: skip
    """Licence prices per band of users, the bands as columns."""
    w = _WORDS[lang]
    service = rng.choice([s for s in content.CATALOG if s.unit == "user_month"])
    desc = service.da if lang == "da" else service.en
    first = rng.choice((250, 500, 1000))
    second = first * rng.choice((4, 5))

    def n(value: int) -> str:
        return tx.number(Decimal(value), lang=lang, places=0)

    users = w["users"]
    bands: list[tuple[Decimal | None, Decimal | None, str]] = [
        (Decimal(1), Decimal(first), f"1-{n(first)} {users}"),
        (Decimal(first + 1), Decimal(second), f"{n(first + 1)}-{n(second)} {users}"),
        (Decimal(second + 1), None, f"over {n(second)} {users}" if lang == "da"
         else f"more than {n(second)} {users}"),
    ]  # fmt: skip
    if rng.random() < 0.5:
        bands[0] = (
            None,
            Decimal(first),
            f"op til {n(first)} {users}" if lang == "da" else f"up to {n(first)} {users}",
        )
    if rng.random() < 0.3:
        bands[2] = (
            Decimal(second + 1),
            None,
            f"fra {n(second + 1)} {users}" if lang == "da" else f"from {n(second + 1)} {users}",
        )
    price = _converted(content.price(rng, "user_month"), rate) + Decimal(40)
    terms = []
    for low, high, _ in bands:
        terms.append(PriceTerm(item_id, desc, "user_month", price, currency, low, high))
        price = (price * Decimal(rng.choice(("0.85", "0.8", "0.9")))).quantize(Decimal("0.01"))
    pdf.para(
        "Licenspriser afhænger af det samlede antal brugere:" if lang == "da"
        else "Licence fees depend on the total number of users:"
    )  # fmt: skip
    units = common.UNIT_COLUMN[lang]["user_month"]
    head = ([id_title] if item_id else []) + [w["service"], w["unit"]] + [b[2] for b in bands]
    row = (
        ([item_id] if item_id else [])
        + [desc, rng.choice(units)]
        + [amount(t.unit_price) for t in terms]
    )
    widths = ([12] if item_id else []) + [38, 18, 16, 16, 16]
    aligns = (["L"] if item_id else []) + ["L", "L", "R", "R", "R"]
    pdf.grid(head, [row], widths=widths, aligns=aligns)
    return terms

"""Layout `tender_price_form`: a Danish contract after a tender, whose price appendix is
the tender's own price form ("Bilag 3 Tilbudsliste"): item number, description, expected
quantity, unit, unit price and total excl. VAT (sometimes also incl. VAT), group
subtitles inside the table and an "I alt" row. Only the unit price is the agreed price.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from tests.generators.fpdf_mixed import clauses, common, content
from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, pick_style
from tests.generators.fpdf_mixed.truth import Party, PriceTerm, Truth

NAME = "tender_price_form"

_GROUPS = (
    ("Licenser", ("user_month", "user_year", "inhabitant_year")),
    ("Drift og vedligeholdelse", ("month", "year")),
    ("Konsulentydelser", ("hour",)),
    ("Transaktioner", ("transaction",)),
    ("Engangsydelser", ("fixed", "piece")),
)
_QUANTITY = {
    "user_month": (50, 2400), "user_year": (10, 600), "inhabitant_year": (20_000, 200_000),
    "month": (12, 60), "year": (2, 5), "hour": (100, 2500), "transaction": (5_000, 400_000),
    "fixed": (1, 1), "piece": (2, 40),
}  # fmt: skip


def build(rng: random.Random) -> tuple[ContractPDF, Truth]:
    """One tender contract with its price form; the truth holds only unit prices."""
    truth = Truth(layout=NAME, language="da")
    buyer, vendor = content.municipality(rng), content.vendor(rng)
    system_da, _ = rng.choice(content.SYSTEMS)
    date_style = rng.choice(tx.DATE_STYLES_DA)
    money_style = rng.choice(("plain", "plain", "kr_before", "kr_after"))
    term = clauses.term(rng)
    signed = term.effective - tx.dt.timedelta(days=rng.randint(10, 60))
    case_no = f"{signed.year - rng.randint(0, 1)}/{rng.randint(1, 240):03d}"
    pdf = ContractPDF(
        pick_style(rng),
        created=signed,
        footer_format=rng.choice(("Side {page} af {{nb}}", "{page}/{{nb}}", "Side {page}", None)),
        running_header=rng.choice((None, (f"Udbud {case_no}", f"Kontrakt om {system_da}"))),
    )
    title = rng.choice(
        (
            ["Kontrakt", f"om levering af {system_da}"],
            [f"KONTRAKT OM {system_da.upper()}"],
            ["Leverancekontrakt", f"{system_da[0].upper()}{system_da[1:]}"],
        )
    )
    if rng.random() < 0.6:
        pdf.para(f"Udbud af {system_da} – udbudsnr. {case_no}", style="I", align="R")
    pdf.title_block(title)
    truth.title = " ".join(title)
    buyer_label = rng.choice(("Ordregiver", "Kunden", "Kommunen"))
    truth.parties = [
        Party(buyer.name, buyer.cvr, "buyer"),
        Party(vendor.name, vendor.cvr, "vendor"),
    ]
    pdf.para("Kontrakten er indgået mellem", align="C")
    pdf.lines(common.address_lines(buyer, cvr=common.cvr_text(rng, buyer.cvr, "da")), align="C")
    pdf.para(f'(herefter "{buyer_label}")', align="C")
    pdf.para("og", align="C")
    pdf.lines(common.address_lines(vendor, cvr=common.cvr_text(rng, vendor.cvr, "da")), align="C")
    pdf.para('(herefter "Leverandøren")', align="C")
    terms = _price_terms(rng)
    truth.price_terms = [t for t, _ in terms]
    _body(rng, pdf, truth, term, buyer_label, date_style, money_style, system_da)
    _signatures(rng, pdf, buyer, vendor, signed, date_style)
    _price_form(rng, pdf, terms, money_style)
    return pdf, truth


def _price_terms(rng: random.Random) -> list[tuple[PriceTerm, int]]:
    """Unit prices with the expected quantity the tender priced them at, in groups."""
    scheme = rng.choice(("dotted", "dotted", "position", "item"))
    ids = content.item_ids(rng, 40)
    out: list[tuple[PriceTerm, int]] = []
    for g, (_, units) in enumerate(_GROUPS, start=1):
        for n, service in enumerate(content.services(rng, rng.randint(1, 4), units=units), start=1):
            low, high = _QUANTITY[service.unit]
            quantity = rng.randint(low, high)
            item = {"dotted": f"{g}.{n}", "position": None, "item": ids.pop(0)}[scheme]
            out.append(
                (
                    PriceTerm(item, service.da, service.unit, content.price(rng, service.unit)),
                    quantity,
                )
            )
    return out


def _body(
    rng: random.Random,
    pdf: ContractPDF,
    truth: Truth,
    term: clauses.Term,
    buyer_label: str,
    date_style: str,
    money_style: str,
    system: str,
) -> None:
    sections: list[tuple[str, list[str]]] = [
        ("Kontraktens genstand", [
            f"Leverandøren leverer {system} til {buyer_label} i overensstemmelse med "
            "kravspecifikationen i Bilag 1 og Leverandørens løsningsbeskrivelse i Bilag 2.",
            "Kontraktgrundlaget består af denne kontrakt med Bilag 1 Kravspecifikation, "
            "Bilag 2 Løsningsbeskrivelse og Bilag 3 Tilbudsliste.",
        ]),
        ("Kontraktperiode", clauses.term_da(rng, term, date_style)),
    ]  # fmt: skip
    truth.effective_date, truth.expiry_date = term.effective, term.expiry
    pay = clauses.payment(rng, "da")
    truth.payment_days = pay.value  # type: ignore[assignment]
    sections.append(
        ("Priser og betaling", [
            "Priserne fremgår af Bilag 3 Tilbudsliste. Alle priser er faste enhedspriser i "
            "danske kroner ekskl. moms. Mængderne i tilbudslisten er alene forventede og "
            f"forpligter ikke {buyer_label}.",
            *pay.sentences,
            common.estimated_value(rng, "da", money_style),
        ])
    )  # fmt: skip
    index = clauses.indexation(rng, "da")
    truth.indexation = index.value  # type: ignore[assignment]
    if index.sentences:
        sections.append(("Prisregulering", index.sentences))
    mfn = clauses.mfn(rng, "da")
    truth.mfn = bool(mfn.value)
    if mfn.sentences:
        sections.append(("Mestbegunstigelse", mfn.sentences))
    sections.append(("Forsinkelse og bod", [common.penalty(rng, "da", money_style)]))
    sections.append(
        (
            "Ansvar og forsikring",
            [common.liability(rng, "da", money_style), common.insurance(rng, "da")],
        )
    )
    sections.append(("Opsigelse", [
        f"{buyer_label} kan opsige kontrakten helt eller delvist med 6 måneders varsel til "
        "udgangen af en måned.",
    ]))  # fmt: skip
    if rng.random() < 0.5:
        rng.shuffle(sections[3:])
    numbered = rng.random() < 0.85
    for n, (heading, sentences) in enumerate(sections, start=1):
        pdf.heading(f"{n}. {heading}" if numbered else heading)
        for m, sentence in enumerate(sentences, start=1):
            pdf.numbered(f"{n}.{m}", sentence.replace("Kunden", buyer_label))


def _signatures(rng: random.Random, pdf: ContractPDF, buyer: content.Org, vendor: content.Org,
                signed: tx.dt.date, date_style: str) -> None:  # fmt: skip
    pdf.heading("Underskrifter")
    when = tx.date_da(signed, date_style)
    pdf.signatures(
        [f"For {buyer.name}", f"{content.town_of(buyer)}, den {when}", content.person(rng),
         rng.choice(content.BUYER_TITLES_DA)],
        [f"For {vendor.name}", f"{content.town_of(vendor)}, den {when}", content.person(rng),
         rng.choice(content.VENDOR_TITLES_DA)],
    )  # fmt: skip


def _price_form(
    rng: random.Random, pdf: ContractPDF, terms: list[tuple[PriceTerm, int]], money_style: str
) -> None:
    pdf.add_page()
    pdf.title_block(
        [
            rng.choice(
                ("Bilag 3 Tilbudsliste", "Bilag 3 – Tilbudsliste (prisskema)", "Bilag 3: Prisskema")
            )
        ],
        size=14,
        align="L",
    )
    pdf.para(
        rng.choice(
            (
                "Tilbudsgiver udfylder de hvide felter. Alle priser angives i danske kroner "
                "ekskl. moms. Samlet pris beregnes som forventet antal gange enhedspris og "
                "anvendes alene til tilbudsevalueringen.",
                "Priserne er angivet i DKK ekskl. moms. De forventede antal er estimater for "
                "hele kontraktperioden og er ikke bindende.",
            )
        )
    )
    first = "Nr." if terms[0][0].item_id and "." in terms[0][0].item_id else "Ydelsesnr."
    if terms[0][0].item_id is None:
        first = rng.choice(("Pos.", "Linje", "#"))
    with_incl = rng.random() < 0.35
    units = common.unit_words(rng, "da")
    columns = [
        (first, 9, "L"),
        ("Beskrivelse", 36, "L"),
        (rng.choice(("Forventet antal", "Estimeret mængde", "Antal (skønnet)")), 13, "R"),
        ("Enhed", 15, "L"),
        (rng.choice(("Enhedspris ekskl. moms", "Pris pr. enhed ekskl. moms (DKK)", "Tilbudt enhedspris ekskl. moms")), 17, "R"),
        ("Samlet pris ekskl. moms", 21, "R"),
    ]  # fmt: skip
    if with_incl:
        columns.insert(5, ("Enhedspris inkl. moms", 16, "R"))
    if rng.random() < 0.4:
        columns[2], columns[3] = columns[3], columns[2]
    header = [c[0] for c in columns]
    grand = Decimal(0)
    rows: list[list[str | dict[str, object]]] = []
    group = None
    lettered = rng.random() < 0.5
    for position, (term, quantity) in enumerate(terms, start=1):
        name = next(g for g, u in _GROUPS if term.unit in u)
        if name != group:
            group = name
            letter = chr(ord("A") + sum(1 for r in rows if len(r) == 1))
            text = f"Delydelse {letter} – {name}" if lettered else name
            rows.append([{"text": text, "colspan": len(columns), "bold": True, "align": "L"}])
        total = (term.unit_price * quantity).quantize(Decimal("0.01"), ROUND_HALF_UP)
        grand += total
        values = {
            header[0]: term.item_id or str(position),
            "Beskrivelse": term.description,
            "Enhed": units[term.unit],
            "Samlet pris ekskl. moms": tx.money_da(total, money_style),
            "Enhedspris inkl. moms": tx.money_da(
                (term.unit_price * Decimal("1.25")).quantize(
                    Decimal(1).scaleb(-tx.places_of(term.unit_price)), ROUND_HALF_UP
                ),
                money_style,
            ),
        }
        for title, _, _ in columns:
            if title not in values:
                values[title] = (
                    tx.number(Decimal(quantity), lang="da", places=0)
                    if "ntal" in title or "ængde" in title
                    else tx.money_da(term.unit_price, money_style)
                )
        rows.append([values[c[0]] for c in columns])
    label = rng.choice(("I alt", "I alt ekskl. moms", "Samlet tilbudssum (evalueringspris)"))
    rows.append(
        [{"text": label, "colspan": len(columns) - 1, "bold": True, "align": "L"},
         {"text": tx.money_da(grand, money_style), "bold": True, "align": "R"}]
    )  # fmt: skip
    pdf.grid(
        header,
        rows,
        widths=[c[1] for c in columns],
        aligns=[c[2] for c in columns],
        borders=rng.choice(("ALL", "ALL", "HORIZONTAL_LINES", "SINGLE_TOP_LINE")),
        repeat_header=rng.random() < 0.7,
    )

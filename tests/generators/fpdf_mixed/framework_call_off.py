"""Layout `framework_call_off`: a Danish framework agreement (rammeaftale) under which
buyers place call-offs. Its price list appendix is a long table continuing over two or
three pages (header repeated or not) with wrapped descriptions, amounts with the currency
after them ("1.250,00 kr.", "1.250 DKK", "1.250,-"), volume tiers as rows ("0-10.000
indbyggere" ... "over 50.000 indbyggere"), and the incl.-VAT price beside the excl.-VAT
one. Every page carries "Side 2 af 7" and a header with the framework's name and a
version date that is not the effective date.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from tests.generators.fpdf_mixed import clauses, common, content
from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, pick_style
from tests.generators.fpdf_mixed.truth import Party, PriceTerm, Truth

NAME = "framework_call_off"

_AREAS = (
    "it-konsulentydelser", "digitale selvbetjeningsløsninger", "drift og hosting af fagsystemer",
    "standardsoftware til kommunal sagsbehandling",
)  # fmt: skip
_ROLES = (
    ("Projektleder", "planlægger og leder projektet, rapporterer til styregruppen og koordinerer "
     "med Kundens øvrige leverandører"),
    ("Løsningsarkitekt", "udarbejder løsningsarkitektur og integrationsdesign og sikrer "
     "overensstemmelse med den fælleskommunale rammearkitektur"),
    ("Udvikler", "udvikler, tilpasser og dokumenterer funktionalitet og integrationer efter "
     "Kundens krav"),
    ("Testkonsulent", "planlægger og gennemfører test, herunder regressionstest og "
     "brugeraccepttest"),
    ("Forretningskonsulent", "analyserer arbejdsgange og bistår med forandringsledelse og "
     "gevinstrealisering"),
    ("Sikkerhedskonsulent", "bistår med risikovurdering, informationssikkerhed og "
     "databeskyttelse"),
    ("Supportmedarbejder", "yder 2.-level support til superbrugere uden for den aftalte "
     "servicetid"),
)  # fmt: skip
_LEVELS = ("junior", "erfaren", "senior", "specialist")
_MODULES = (
    "Selvbetjeningsmodul til byggesager", "Modul til borgerkommunikation og notifikationer",
    "Booking af lokaler og ressourcer", "Modul til ansøgning om pladsanvisning",
    "Digital affaldsportal med afhentningskalender", "Modul til klagesagsbehandling",
    "Modul til indberetning og statistik",
)  # fmt: skip
_BANDS = (
    ((0, 10_000), (10_001, 50_000), (50_001, None)),
    ((0, 20_000), (20_001, 60_000), (60_001, 100_000), (100_001, None)),
    ((0, 30_000), (30_001, None)),
)


def build(rng: random.Random) -> tuple[ContractPDF, Truth]:
    truth = Truth(layout=NAME, language="da")
    buyer, vendor = content.municipality(rng), content.vendor(rng)
    area = rng.choice(_AREAS)
    term = clauses.term(rng, open_ended=0.0)
    truth.effective_date, truth.expiry_date = term.effective, term.expiry
    signed = term.effective - tx.dt.timedelta(days=rng.randint(7, 40))
    version_day = term.effective - tx.dt.timedelta(days=rng.randint(60, 500))
    number = f"{rng.randint(1, 60):02d}.{rng.randint(1, 30):02d}"
    version = rng.choice(
        (
            f"Version {rng.randint(1, 3)}.{rng.randint(0, 9)} – {tx.date_da(version_day, 'dash')}",
            f"Version {rng.randint(1, 3)}.{rng.randint(0, 9)}, {tx.date_da(version_day, 'long')}",
            f"v{rng.randint(1, 3)}.{rng.randint(0, 9)} / {version_day.isoformat()}",
        )
    )
    pdf = ContractPDF(
        pick_style(rng, ttf=rng.random() < 0.3),
        created=version_day if rng.random() < 0.5 else signed,
        running_header=(f"Rammeaftale {number} – {area[0].upper()}{area[1:]}", version),
        footer_format=rng.choice(
            ("Side {page} af {{nb}}", "Side {page} af {{nb}}", "Side {page}/{{nb}}")
        ),
        header_on_first_page=rng.random() < 0.5,
    )
    title = rng.choice(
        (["Rammeaftale", f"om {area}"], [f"RAMMEAFTALE {number}", area.upper()], [f"Rammeaftale vedrørende {area}"])
    )  # fmt: skip
    pdf.title_block(title, size=17)
    truth.title = " ".join(title)
    truth.parties = [
        Party(buyer.name, buyer.cvr, "buyer"),
        Party(vendor.name, vendor.cvr, "vendor"),
    ]
    pdf.para("Rammeaftalen er indgået mellem", align="L")
    pdf.columns(
        ["Ordregiver", *common.address_lines(buyer, cvr=common.cvr_text(rng, buyer.cvr, "da"))],
        ["Leverandør", *common.address_lines(vendor, cvr=common.cvr_text(rng, vendor.cvr, "da"))],
    )
    date_style = rng.choice(tx.DATE_STYLES_DA)
    style = rng.choice(("kr_after", "dkk_after", "dash"))
    appendix = rng.choice(("Bilag B Prisliste", "Bilag 2 Prisbilag", "Bilag 3 – Priser"))
    for n, (heading, sentences) in enumerate(_sections(rng, truth, term, date_style, appendix), 1):
        pdf.heading(f"{n}. {heading}")
        for m, sentence in enumerate(sentences, start=1):
            pdf.numbered(f"{n}.{m}", _framework_words(sentence))
    when = tx.date_da(signed, date_style)
    pdf.signatures(
        ["For Ordregiver", f"{content.town_of(buyer)}, den {when}", content.person(rng),
         rng.choice(content.BUYER_TITLES_DA)],
        ["For Leverandøren", f"{content.town_of(vendor)}, den {when}", content.person(rng),
         rng.choice(content.VENDOR_TITLES_DA)],
    )  # fmt: skip
    truth.price_terms = _price_list(rng, pdf, appendix, style)
    return pdf, truth


def _framework_words(sentence: str) -> str:
    """Shared clauses speak of "Kunden" and "kontrakten"; a framework of its own words."""
    for contract_word, framework_word in (
        ("Kunden", "Ordregiver"), ("kontrakten", "rammeaftalen"), ("kontraktens", "rammeaftalens"),
    ):  # fmt: skip
        sentence = sentence.replace(contract_word, framework_word)
    return sentence


def _sections(
    rng: random.Random, truth: Truth, term: clauses.Term, date_style: str, appendix: str
) -> list[tuple[str, list[str]]]:
    pay = clauses.payment(rng, "da")
    truth.payment_days = pay.value  # type: ignore[assignment]
    index = clauses.indexation(rng, "da")
    truth.indexation = index.value  # type: ignore[assignment]
    mfn = clauses.mfn(rng, "da")
    truth.mfn = bool(mfn.value)
    style = rng.choice(tx.DA_STYLES)
    sections = [
        ("Rammeaftalens formål", [
            "Rammeaftalen fastlægger de vilkår, hvorunder Ordregiver og de tilsluttede kommuner "
            "kan indgå leveringskontrakter (træk) på rammeaftalens ydelser.",
            "Der er ingen forpligtelse for Ordregiver til at foretage træk på rammeaftalen.",
        ]),
        ("Rammeaftalens varighed", clauses.term_da(rng, term, date_style, noun="Rammeaftalen")),
        ("Tildeling af leveringskontrakter", [
            "Træk sker ved direkte tildeling på grundlag af priserne i " + appendix + " eller ved "
            "miniudbud blandt rammeaftalens leverandører.",
            "Ved miniudbud kan Leverandøren tilbyde lavere priser end priserne i prislisten, men "
            "ikke højere.",
        ]),
        ("Priser", [
            f"Priserne fremgår af {appendix} og er maksimalpriser. Priserne er angivet i danske "
            "kroner ekskl. moms; priser inkl. moms er alene angivet til orientering.",
            common.estimated_value(rng, "da", style),
        ]),
        ("Fakturering og betaling", [*pay.sentences, "Fakturering sker elektronisk via NemHandel."]),
    ]  # fmt: skip
    if index.sentences:
        sections.append(("Prisregulering", index.sentences))
    if mfn.sentences:
        sections.append(("Mestbegunstigelse", mfn.sentences))
    sections.append(("Bod", [common.penalty(rng, "da", style)]))
    sections.append(
        ("Ansvar og forsikring", [common.liability(rng, "da", style), common.insurance(rng, "da")])
    )
    sections.append(("Ophør", [
        "Ordregiver kan opsige rammeaftalen med 3 måneders skriftligt varsel til udgangen af et "
        "kvartal. Indgåede leveringskontrakter berøres ikke af opsigelsen.",
    ]))  # fmt: skip
    return sections


def _price_list(rng: random.Random, pdf: ContractPDF, appendix: str, style: str) -> list[PriceTerm]:
    pdf.add_page()
    pdf.title_block([appendix], size=14, align="L")
    pdf.para(
        "Alle priser er maksimalpriser i danske kroner. Priserne er ekskl. moms; priser inkl. "
        "moms er anført til orientering. Priser pr. indbygger beregnes på grundlag af "
        "kommunens indbyggertal pr. 1. januar i det år, ydelsen vedrører."
    )
    whole = style in ("dkk_after", "dash") and rng.random() < 0.7
    ids = iter(content.item_ids(rng, 120))
    groups: list[tuple[str, list[PriceTerm]]] = [
        ("Konsulentydelser", _consultants(rng, ids, whole)),
        ("Moduler og licenser", _tiered_modules(rng, ids, whole)),
        ("Øvrige ydelser", _others(rng, ids, whole)),
    ]
    if rng.random() < 0.5:
        groups[0], groups[1] = groups[1], groups[0]
    span = rng.random() < 0.5  # item and description cells span their tier rows
    combined = rng.random() < 0.4  # "1.250,00 kr. (1.562,50 kr.)" in one cell
    units = common.unit_words(rng, "da")
    columns = [
        rng.choice(("Varenr.", "Nr.", "Varenummer", "ID")),
        "Ydelse",
        rng.choice(("Interval", "Kommunestørrelse")),
        "Enhed",
    ]
    widths = [13, 42, 17, 15]
    unit_first = rng.random() < 0.4  # the unit column before the band column
    if combined:
        columns.append("Pris ekskl. moms (inkl. moms)")
        widths.append(26)
    else:
        columns += ["Pris ekskl. moms", "Pris inkl. moms"]
        widths += [16, 16]
    rows: list[list[str | dict[str, object]]] = []
    for name, terms in groups:
        if rng.random() < 0.7:
            rows.append([{"text": name, "colspan": len(columns), "bold": True, "align": "L"}])
        i = 0
        while i < len(terms):
            band = [t for t in terms[i:] if t.item_id == terms[i].item_id]
            for k, t in enumerate(band):
                prices = _price_cells(t.unit_price, style, combined)
                head: list[str | dict[str, object]]
                if span and len(band) > 1:
                    head = [{"text": t.item_id or "", "rowspan": len(band)},
                            {"text": t.description, "rowspan": len(band)}] if k == 0 else []  # fmt: skip
                else:
                    head = [t.item_id or "", t.description]
                middle = [_band_text(t), units[t.unit]]
                rows.append([*head, *(middle[::-1] if unit_first else middle), *prices])
            i += len(band)
    if unit_first:
        columns[2], columns[3] = columns[3], columns[2]
    aligns = ["L", "L", "L", "L"] + ["R"] * (len(columns) - 4)
    pdf.grid(columns, rows, widths=widths, aligns=aligns, repeat_header=rng.random() < 0.6)
    return [t for _, terms in groups for t in terms]


def _price_cells(value: Decimal, style: str, combined: bool) -> list[str]:
    places = tx.places_of(value)
    gross = (value * Decimal("1.25")).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    net_text, gross_text = tx.money_da(value, style), tx.money_da(gross, style)
    return [f"{net_text} ({gross_text})"] if combined else [net_text, gross_text]


def _band_text(t: PriceTerm) -> str:
    def n(value: Decimal) -> str:
        return tx.number(value, lang="da", places=0)

    if t.tier_min is None and t.tier_max is None:
        return ""
    if t.tier_max is None:
        assert t.tier_min is not None
        return f"over {n(t.tier_min - 1)} indbyggere"
    return f"{n(t.tier_min or Decimal(0))}-{n(t.tier_max)} indbyggere"


def _consultants(rng: random.Random, ids: Iterator[str], whole: bool) -> list[PriceTerm]:
    out = []
    long = rng.random() < 0.6  # the role's duties written out (wrapping) or not
    step = Decimal(1) if whole else Decimal(5)
    for role, duty in rng.sample(_ROLES, rng.randint(3, 6)):
        base = content.price(rng, "hour") * Decimal("0.75")
        levels = sorted(rng.sample(range(len(_LEVELS)), rng.randint(2, 3)))
        for level in levels:
            desc = f"{role}, {_LEVELS[level]}: {duty}" if long else f"{role}, {_LEVELS[level]}"
            value = (base * (1 + Decimal(level) / 5) / step).quantize(
                Decimal(1), ROUND_HALF_UP
            ) * step
            out.append(PriceTerm(next(ids), desc, "hour", value))
    return out


def _tiered_modules(rng: random.Random, ids: Iterator[str], whole: bool) -> list[PriceTerm]:
    out = []
    bands = rng.choice(_BANDS)
    for module in rng.sample(_MODULES, rng.randint(3, 5)):
        item = next(ids)
        value = content.price(rng, "inhabitant_year") + Decimal(2)
        for low, high in bands:
            out.append(PriceTerm(item, module, "inhabitant_year", value, tier_min=Decimal(low),
                                 tier_max=None if high is None else Decimal(high)))  # fmt: skip
            value = (value * Decimal(rng.choice(("0.9", "0.85", "0.8")))).quantize(Decimal("0.01"))
    return out


def _others(rng: random.Random, ids: Iterator[str], whole: bool) -> list[PriceTerm]:
    return [
        PriceTerm(next(ids), s.da, s.unit, content.price(rng, s.unit, whole=whole))
        for s in content.services(
            rng,
            rng.randint(4, 8),
            units=("month", "year", "transaction", "fixed", "piece", "user_month"),
        )
    ]

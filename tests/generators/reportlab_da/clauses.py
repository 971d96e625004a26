"""The terms of one contract (a `Deal`) and the sentences that state them.

A `Deal` is drawn first; every clause is then written from it, so the text and the
ground truth cannot drift apart. Each writer picks among several real-world wordings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from . import vocab
from .textfmt import (
    DA_DATE_STYLES,
    DA_MONTHS,
    EN_DATE_STYLES,
    EN_MONTHS,
    da_date,
    da_money,
    da_percent,
    da_word,
    en_date,
    en_money,
    en_percent,
    en_word,
    term_end,
)
from .truth import Indexation, Party


@dataclass
class Deal:
    lang: str
    buyer: vocab.Company
    buyer_town: str
    vendor: vocab.Company
    buyer_cvr_shown: bool
    effective: date
    term_months: int | None  # None: runs until terminated
    payment_days: int | None
    mfn: str  # yes | absent | excluded
    indexation: Indexation | None
    prices_fixed_whole_term: bool  # says so explicitly when there is no indexation
    signed: date
    date_style: str
    system: tuple[str, str]

    @property
    def expiry(self) -> date | None:
        return None if self.term_months is None else term_end(self.effective, self.term_months)

    def parties(self) -> list[Party]:
        buyer_cvr = self.buyer.cvr if self.buyer_cvr_shown else None
        return [
            Party(self.buyer.name, buyer_cvr, "buyer"),
            Party(self.vendor.name, self.vendor.cvr, "vendor"),
        ]

    def date(self, day: date, style: str | None = None) -> str:
        if self.lang == "en":
            return en_date(day, style or self.date_style)
        return da_date(day, style or self.date_style)


def make_deal(rng: Random, lang: str) -> Deal:
    buyer, town = vocab.buyer(rng)
    effective = date(rng.randint(2024, 2027), rng.randint(1, 12), 1)
    if rng.random() < 0.2:
        effective = effective.replace(day=rng.choice([2, 10, 15]))
    indexation = make_indexation(rng, lang)
    return Deal(
        lang=lang,
        buyer=buyer,
        buyer_town=town,
        vendor=vocab.vendor(rng, english=lang == "en"),
        buyer_cvr_shown=rng.random() < 0.7,
        effective=effective,
        term_months=rng.choice([24, 36, 48, 48, 60, 72, None]) if rng.random() < 0.93 else None,
        payment_days=rng.choice([30, 30, 30, 14, 20, 21, 10, None]),
        mfn=rng.choice(["yes", "yes", "absent", "absent", "excluded"]),
        indexation=indexation,
        prices_fixed_whole_term=indexation is None and rng.random() < 0.6,
        signed=effective - timedelta(days=rng.randint(8, 75)),
        date_style=rng.choice(EN_DATE_STYLES if lang == "en" else DA_DATE_STYLES),
        system=rng.choice(vocab.SYSTEMS),
    )


def make_indexation(rng: Random, lang: str = "da") -> Indexation | None:
    """An indexation clause's terms, or None; English contracts favour the consumer price index."""
    if rng.random() < 0.15:
        return None
    cap = rng.choice(
        [None, Decimal("3"), Decimal("2.5"), Decimal("2"), Decimal("4"), Decimal("3.5")]
    )
    threshold = (
        rng.choice([Decimal("4"), Decimal("5"), Decimal("3")]) if rng.random() < 0.2 else None
    )
    if threshold is not None and threshold == cap:
        cap = None
    return Indexation(
        index=rng.choice(
            ["nettoprisindeks"] * 3 + ["forbrugerprisindeks"] * 2 + ["ILON12", "lønindeks"]
            if lang == "da" else ["forbrugerprisindeks"] * 4 + ["nettoprisindeks", "ILON12"]
        ),
        cap_pct=cap,
        adjust_month=rng.choice([None, 1, 1, 1, 4, 7, 10]),
        fixed_months=rng.choice([None, 12, 12, 24, 18, 36]),
        notice_days=rng.choice([None, 30, 60, 90, 90]),
        threshold_pct=threshold,
    )  # fmt: skip


# --- term ---------------------------------------------------------------------------------
def term_da(rng: Random, deal: Deal) -> list[str]:
    start = deal.date(deal.effective)
    months = deal.term_months
    if months is None:
        return [f"Kontrakten træder i kraft den {start} og løber, indtil den opsiges af en af "
                "parterne i overensstemmelse med bestemmelserne om opsigelse."]  # fmt: skip
    expiry = deal.expiry
    assert expiry is not None
    years = months // 12
    choice = rng.randrange(4)
    if choice == 0:
        out = [f"Kontrakten træder i kraft den {start} og løber i {years} år."]
    elif choice == 1:
        out = [f"Kontrakten har virkning fra den {start} og er gældende i en periode på "
               f"{months} måneder."]  # fmt: skip
    elif choice == 2:
        out = [f"Kontrakten træder i kraft den {start}.",
               f"Kontrakten udløber uden yderligere varsel den {deal.date(expiry)}."]  # fmt: skip
    else:
        out = [f"Kontraktperioden løber fra den {start} til og med den {deal.date(expiry)}."]
    if rng.random() < 0.6:
        option = rng.choice(["2 gange 12 måneder", "1 gang med op til 24 måneder",
                             "op til 2 x 1 år"])  # fmt: skip
        out.append(f"{deal_k(deal)} har option på at forlænge Kontrakten {option} på uændrede "
                   "vilkår. Optionen udnyttes ved skriftlig meddelelse senest 3 måneder før "
                   "kontraktperiodens udløb.")  # fmt: skip
    if rng.random() < 0.4:
        out.append("Kontrakten er uopsigelig for begge parter i de første 24 måneder.")
    return out


def term_en(rng: Random, deal: Deal) -> list[str]:
    months = deal.term_months
    if months is None:
        return ["This Agreement shall commence on the Effective Date and continue until "
                "terminated by either party in accordance with its terms."]  # fmt: skip
    expiry = deal.expiry
    assert expiry is not None
    years = months // 12
    choice = rng.randrange(3)
    if choice == 0:
        out = ["This Agreement shall commence on the Effective Date and continue for a period "
               f"of {en_word(years)} ({years}) years from the Effective Date."]  # fmt: skip
    elif choice == 1:
        out = [f"The initial term of this Agreement is {months} months from the Effective Date."]
    else:
        out = ["This Agreement shall commence on the Effective Date and shall remain in force "
               f"until {deal.date(expiry)}."]  # fmt: skip
    if rng.random() < 0.6:
        out.append("The Customer may extend the term by up to two (2) further periods of twelve "
                   "(12) months each by giving written notice no later than three months before "
                   "expiry.")  # fmt: skip
    return out


def deal_k(deal: Deal) -> str:
    return "Kunden" if deal.lang == "da" else "The Customer"


# --- payment ------------------------------------------------------------------------------
def payment_da(rng: Random, deal: Deal) -> list[str]:
    out = [rng.choice([
        "Fakturering sker kvartalsvis forud for drift og licenser og månedsvis bagud for timeforbrug.",
        "Leverandøren fakturerer månedsvis bagud.",
        "Faktura udstedes årligt forud for licenser og månedligt bagud for øvrige ydelser.",
    ])]  # fmt: skip
    days = deal.payment_days
    if days is not None:
        out.append(rng.choice([
            f"Betaling sker senest {days} dage efter modtagelse af korrekt faktura.",
            f"Betalingsbetingelserne er {days} dage netto.",
            f"Fakturaer forfalder til betaling {days} dage netto efter modtagelse.",
            f"Betalingsfristen er {days} dage fra Kundens modtagelse af en korrekt og "
            "fyldestgørende faktura.",
        ]))  # fmt: skip
    out.append(rng.choice([
        "Fakturaer fremsendes elektronisk i OIOUBL-format via NemHandel til det EAN-nummer, "
        f"som Kunden anviser (p.t. 5798{rng.randint(100000000, 999999999)}).",
        "Ved forsinket betaling kan Leverandøren kræve rente efter renteloven.",
        "Fakturaen skal angive Kundens ordrenummer og kontaktperson: [Indsæt navn].",
    ]))  # fmt: skip
    return out


def payment_en(rng: Random, deal: Deal) -> list[str]:
    out = ["The Supplier shall invoice the recurring Charges quarterly in advance and time-based "
           "services monthly in arrears."]  # fmt: skip
    days = deal.payment_days
    if days is not None:
        out.append(rng.choice([
            f"The Customer shall pay each invoice within {en_word(days)} ({days}) days of receipt "
            "of a valid invoice.",
            f"Payment terms are net {days} days from receipt of a correct invoice.",
            f"Undisputed invoices shall be paid no later than {days} days after receipt.",
        ]))  # fmt: skip
    out.append("Invoices shall be submitted electronically in PEPPOL BIS Billing 3.0 format.")
    return out


# --- most-favoured customer ---------------------------------------------------------------
def mfn_da(rng: Random, deal: Deal) -> list[str]:
    if deal.mfn == "yes":
        return [rng.choice([
            "Leverandøren garanterer, at Kunden til enhver tid stilles som mestbegunstiget kunde, "
            "således at Kunden ikke betaler højere priser end Leverandørens øvrige offentlige "
            "kunder for tilsvarende ydelser.",
            "Leverandøren forpligter sig til at give Kunden ikke ringere vilkår end dem, som "
            "Leverandøren tilbyder andre sammenlignelige offentlige kunder.",
            "Tilbyder Leverandøren i kontraktperioden andre kunder lavere priser for tilsvarende "
            "ydelser, skal Kunden straks tilbydes de samme priser (mestbegunstigelse).",
        ])]  # fmt: skip
    if deal.mfn == "excluded":
        return [rng.choice([
            "Leverandøren er ikke forpligtet til at tilbyde Kunden samme priser eller vilkår som "
            "Leverandørens øvrige kunder.",
            "Kontrakten indeholder ingen mestbegunstigelsesklausul, og priserne er fastsat "
            "uafhængigt af Leverandørens aftaler med andre kunder.",
        ])]  # fmt: skip
    return []


def mfn_en(rng: Random, deal: Deal) -> list[str]:
    if deal.mfn == "yes":
        return [rng.choice([
            "The Supplier warrants that the Charges and terms offered to the Customer are no less "
            "favourable than those offered to any other customer of the Supplier for comparable "
            "services.",
            "If the Supplier offers any other public-sector customer lower prices for "
            "substantially similar services, the Supplier shall promptly offer the same prices to "
            "the Customer (most-favoured customer).",
        ])]  # fmt: skip
    if deal.mfn == "excluded":
        return [rng.choice([
            "Nothing in this Agreement obliges the Supplier to offer the Customer the prices or "
            "terms it offers to its other customers.",
            "The parties agree that no most-favoured-customer undertaking applies to this "
            "Agreement.",
        ])]  # fmt: skip
    return []


# --- indexation ---------------------------------------------------------------------------
_DA_INDEX = {
    "nettoprisindeks": ["nettoprisindekset", "Danmarks Statistiks nettoprisindeks",
                        "nettoprisindekset som offentliggjort af Danmarks Statistik"],
    "forbrugerprisindeks": ["forbrugerprisindekset", "Danmarks Statistiks forbrugerprisindeks"],
    "ILON12": ["Lønprisindeks for den private sektor (ILON 12)",
               "lønindekset for den private sektor (Danmarks Statistik, tabel ILON12)"],
    "lønindeks": ["Danmarks Statistiks lønindeks for den private sektor",
                  "lønindekset for den private sektor"],
}  # fmt: skip
_EN_INDEX = {
    "nettoprisindeks": ["the net price index published by Statistics Denmark",
                        "Statistics Denmark's net price index (nettoprisindeks)"],
    "forbrugerprisindeks": ["the consumer price index published by Statistics Denmark",
                            "the Danish consumer price index (CPI)"],
    "ILON12": ["Statistics Denmark's wage index for the private sector (table ILON12)"],
    "lønindeks": ["Statistics Denmark's wage index for the private sector"],
}  # fmt: skip


def indexation_da(rng: Random, deal: Deal) -> list[str]:
    ix = deal.indexation
    if ix is None:
        if deal.prices_fixed_whole_term:
            return ["Priserne er faste i hele kontraktperioden og kan ikke reguleres."]
        return []
    out: list[str] = []
    if ix.fixed_months:
        n = ix.fixed_months
        out.append(rng.choice([
            f"Priserne er faste de første {n} måneder af kontraktperioden.",
            f"Priserne er faste i {n} måneder fra Kontraktens ikrafttræden.",
            f"I de første {n} måneder efter Kontraktens ikrafttræden kan priserne ikke reguleres.",
        ]))  # fmt: skip
    index = rng.choice(_DA_INDEX[ix.index])
    when = "én gang årligt"
    if ix.adjust_month:
        month = DA_MONTHS[ix.adjust_month - 1]
        when = rng.choice([f"pr. 1. {month}", f"med virkning fra den 1. {month}",
                           f"én gang årligt pr. 1. {month}"])  # fmt: skip
    lead = "Herefter kan" if ix.fixed_months else "Leverandøren kan"
    who = " Leverandøren" if ix.fixed_months else ""
    base = rng.choice([
        f"{lead}{who} {when} regulere priserne svarende til udviklingen i {index}",
        f"{lead}{who} regulere priserne {when} i overensstemmelse med den procentvise udvikling i {index}",
    ])  # fmt: skip
    if rng.random() < 0.3:
        base += " opgjort for de seneste 12 måneder forud for reguleringen"
    cap_inline = ix.cap_pct is not None and rng.random() < 0.5
    if cap_inline:
        assert ix.cap_pct is not None
        base += f", dog højst {da_percent(ix.cap_pct, rng)} pr. år"
    out.append(base + ".")
    if ix.cap_pct is not None and not cap_inline:
        out.append(rng.choice([
            f"Reguleringen kan maksimalt udgøre {da_percent(ix.cap_pct, rng)} årligt.",
            f"Prisstigningen kan ikke overstige {da_percent(ix.cap_pct, rng)} pr. år.",
        ]))  # fmt: skip
    if ix.threshold_pct is not None:
        t = da_percent(ix.threshold_pct, rng)
        out.append(rng.choice([
            f"Leverandøren kan kun regulere, hvis indekset er steget med {t} eller mere siden "
            "seneste regulering.",
            f"Regulering kan alene ske, såfremt stigningen i indekset udgør {t} eller mere.",
        ]))  # fmt: skip
    if ix.notice_days:
        out.append(
            f"Regulering skal varsles skriftligt over for Kunden {_da_notice(rng, ix.notice_days)}."
        )
    if rng.random() < 0.5:
        out.append(rng.choice(["Regulering sker ikke med tilbagevirkende kraft.",
                               "Kunden kan forlange dokumentation for beregningen af reguleringen."]))  # fmt: skip
    return out


def _da_notice(rng: Random, days: int) -> str:
    months = days // 30
    forms = [f"med mindst {days} dages skriftligt varsel", f"med {days} dages varsel"]
    forms += [f"med {months} måneders varsel", f"med mindst {da_word(months)} måneders varsel"]
    if months == 1:
        forms = ["med én måneds varsel", "med mindst 30 dages varsel", "med 1 måneds varsel"]
    return rng.choice(forms)


def indexation_en(rng: Random, deal: Deal) -> list[str]:
    ix = deal.indexation
    if ix is None:
        if deal.prices_fixed_whole_term:
            return ["The Charges are fixed for the entire term and shall not be adjusted."]
        return []
    out: list[str] = []
    if ix.fixed_months:
        n = ix.fixed_months
        out.append(rng.choice([
            f"The Charges shall be fixed for the first {en_word(n)} ({n}) months following the "
            "Effective Date.",
            f"Prices are fixed for {n} months from the Effective Date.",
        ]))  # fmt: skip
    index = rng.choice(_EN_INDEX[ix.index])
    when = "once a year"
    if ix.adjust_month:
        month = EN_MONTHS[ix.adjust_month - 1]
        when = rng.choice([f"once a year on 1 {month}", f"with effect from {month} 1 each year"])
    lead = "Thereafter, the Supplier" if ix.fixed_months else "The Supplier"
    base = f"{lead} may adjust the Charges {when} in line with the change in {index}"
    cap_inline = ix.cap_pct is not None and rng.random() < 0.6
    if cap_inline:
        assert ix.cap_pct is not None
        base += f", capped at {en_percent(ix.cap_pct, rng)} per annum"
    out.append(base + ".")
    if ix.cap_pct is not None and not cap_inline:
        out.append(f"Any increase shall not exceed {en_percent(ix.cap_pct, rng)} per year.")
    if ix.threshold_pct is not None:
        out.append(f"An adjustment may only be made if the index has increased by "
                   f"{en_percent(ix.threshold_pct, rng)} or more since the last adjustment.")  # fmt: skip
    if ix.notice_days:
        days = ix.notice_days
        notice = rng.choice([f"not less than {en_word(days)} ({days}) days' written notice",
                             f"at least {days} days' prior written notice"])  # fmt: skip
        if days in (30, 60, 90) and rng.random() < 0.4:
            months = days // 30
            period = "month's" if months == 1 else "months'"
            notice = f"{en_word(months)} ({months}) {period} written notice"
        out.append(f"The Supplier shall give the Customer {notice} of any adjustment.")
    return out


# --- amounts that are not prices ----------------------------------------------------------
def non_price_da(rng: Random, money_style: str, kind: str) -> str:
    """A sentence with an amount that must not become a price term."""
    big = Decimal(rng.choice([500, 750, 1000, 1500, 2000, 2500, 5000, 10000]) * 1000)
    small = Decimal(rng.choice([1000, 2500, 5000, 7500, 10000]))
    if kind == "liability":
        return rng.choice([
            f"Parternes samlede erstatningsansvar kan i kontraktperioden ikke overstige {da_money(big, money_style)}.",
            f"Leverandørens erstatningsansvar er pr. kontraktår begrænset til {da_money(big, money_style)}.",
        ])  # fmt: skip
    if kind == "penalty":
        return rng.choice([
            f"Ved forsinkelse betaler Leverandøren en bod på {da_money(small, money_style)} pr. påbegyndt arbejdsdag.",
            f"Manglende opfyldelse af servicemålene udløser en bod på {da_money(small, money_style)} pr. hændelse, dog højst 15 % af det månedlige vederlag.",
        ])  # fmt: skip
    if kind == "estimate":
        return f"Den forventede samlede kontraktsum udgør ca. {da_money(big * 3, money_style)} ekskl. moms."
    if kind == "guarantee":
        return f"Leverandøren stiller en anfordringsgaranti på {da_money(big / 5, money_style)} til sikkerhed for opfyldelsen."
    return (f"Leverandøren skal tegne en erhvervsansvarsforsikring med en forsikringssum på mindst "
            f"{da_money(big * 2, money_style)} pr. skadestilfælde.")  # fmt: skip


def non_price_en(rng: Random, money_style: str, kind: str) -> str:
    big = Decimal(rng.choice([500, 1000, 2000, 2500, 5000]) * 1000)
    small = Decimal(rng.choice([1000, 2500, 5000, 7500]))
    if kind == "liability":
        return f"Each party's aggregate liability under this Agreement shall not exceed {en_money(big, money_style)}."
    if kind == "penalty":
        return f"For each business day of delay the Supplier shall pay liquidated damages of {en_money(small, money_style)}."
    if kind == "estimate":
        return (
            f"The estimated total contract value is {en_money(big * 3, money_style)} excluding VAT."
        )
    if kind == "guarantee":
        return f"The Supplier shall provide a performance guarantee of {en_money(big / 5, money_style)}."
    return f"The Supplier shall maintain professional liability insurance of at least {en_money(big * 2, money_style)} per claim."


def party_block_da(rng: Random, company: vocab.Company, cvr_shown: bool) -> list[str]:
    lines = [company.name, company.street, company.city]
    if cvr_shown:
        lines.append(rng.choice([f"CVR-nr.: {vocab.spaced_cvr(company.cvr)}",
                                 f"CVR-nr. {company.cvr}", f"CVR: {company.cvr}",
                                 f"CVR nr.: {company.cvr}"]))  # fmt: skip
    return lines

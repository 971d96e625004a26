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
from .indexation import make_indexation
from .textfmt import (
    DA_DATE_STYLES,
    EN_DATE_STYLES,
    da_date,
    da_money,
    en_date,
    en_money,
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
        out.append(f"Kunden har option på at forlænge Kontrakten {option} på uændrede "
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

"""Clauses whose wording varies but whose meaning the truth records exactly.

Each function draws one variant and returns the sentences to print together with the
value they mean, so text and truth cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.truth import Indexation

_INDEX_NAMES = {
    "da": {
        "nettoprisindeks": (
            "nettoprisindekset", "Danmarks Statistiks nettoprisindeks",
            "nettoprisindekset som offentliggjort af Danmarks Statistik",
        ),
        "forbrugerprisindeks": (
            "forbrugerprisindekset", "Danmarks Statistiks forbrugerprisindeks",
        ),
        "lønindeks": ("Danmarks Statistiks lønindeks for den private sektor",),
        "ILON12": ("lønindekset ILON 12 fra Danmarks Statistik", "Danmarks Statistiks ILON12"),
    },
    "en": {
        "nettoprisindeks": (
            "the net price index (nettoprisindeks) published by Statistics Denmark",
            "the Danish net price index",
        ),
        "forbrugerprisindeks": (
            "the consumer price index published by Statistics Denmark",
            "the Danish consumer price index (CPI)",
        ),
        "lønindeks": ("Statistics Denmark's wage index for the private sector",),
        "ILON12": ("Statistics Denmark's wage index ILON 12", "the wage index ILON12"),
    },
}  # fmt: skip


@dataclass(frozen=True)
class Drawn:
    """Sentences to print and the truth they carry."""

    sentences: list[str]
    value: object


def indexation(rng: random.Random, lang: str) -> Drawn:
    """A price-regulation clause (or a no-regulation clause, or none: empty sentences).

    Value: `Indexation` or None.
    """
    roll = rng.random()
    if roll < 0.12:
        return Drawn([], None)
    if roll < 0.2:
        fixed = {
            "da": "Priserne er faste i hele kontraktperioden og reguleres ikke.",
            "en": "The Fees are fixed for the entire term and shall not be adjusted.",
        }
        return Drawn([fixed[lang]], None)
    index = rng.choice(
        ("nettoprisindeks", "nettoprisindeks", "forbrugerprisindeks", "lønindeks", "ILON12")
    )
    truth = Indexation(index=index)
    truth.adjust_month = rng.choice((None, 1, 1, 4, 7, 10))
    truth.fixed_months = rng.choice((None, 12, 12, 24, 18))
    truth.cap_pct = rng.choice((None, "3", "2.5", "2", "4"))
    truth.notice_days = rng.choice((None, 90, 60, 30, 90))
    truth.threshold_pct = "4" if rng.random() < 0.2 else None
    name = rng.choice(_INDEX_NAMES[lang][index])
    writer = _da_indexation if lang == "da" else _en_indexation
    return Drawn(writer(rng, truth, name), truth)


def _da_indexation(rng: random.Random, t: Indexation, name: str) -> list[str]:
    out: list[str] = []
    if t.fixed_months:
        out.append(
            rng.choice(
                (
                    f"Priserne er fastlåst i {t.fixed_months} måneder fra kontraktens ikrafttræden.",
                    f"Priserne er faste de første {t.fixed_months} måneder af kontraktperioden.",
                    f"Første prisregulering kan tidligst ske {t.fixed_months} måneder efter "
                    "kontraktens ikrafttræden.",
                )
            )
        )
    when = (
        rng.choice(
            (
                f" med virkning fra 1. {tx.MONTHS_DA[t.adjust_month - 1]}",
                f" pr. 1. {tx.MONTHS_DA[t.adjust_month - 1]}",
            )
        )
        if t.adjust_month
        else ""
    )
    out.append(
        rng.choice(
            (
                f"Herefter kan Leverandøren regulere priserne én gang årligt{when} i henhold "
                f"til udviklingen i {name}.",
                f"Priserne kan reguleres én gang om året{when} svarende til udviklingen i "
                f"{name} for de seneste 12 måneder.",
            )
        )
    )
    if t.cap_pct:
        cap = tx.pct(t.cap_pct, "da")
        out.append(
            rng.choice(
                (
                    f"Reguleringen kan dog maksimalt udgøre {cap} % årligt.",
                    f"Prisstigningen kan dog højst udgøre {cap} % pr. år.",
                    f"Den årlige regulering er begrænset til {cap} %.",
                )
            )
        )
    if t.threshold_pct:
        out.append(
            f"Regulering kan kun ske, hvis indekset er steget med mere end {t.threshold_pct} % "
            "siden kontraktens indgåelse eller seneste regulering."
        )
    if t.notice_days:
        out.append(_da_notice(rng, t.notice_days))
    return out


def _da_notice(rng: random.Random, days: int) -> str:
    if days % 30 == 0 and rng.random() < 0.7:
        months = days // 30
        span = f"{months} måneders" if months > 1 else "1 måneds"
        return f"Prisregulering skal varsles over for Kunden med {span} skriftligt varsel."
    return f"Leverandøren skal varsle en prisregulering skriftligt med mindst {days} dages varsel."


def _en_indexation(rng: random.Random, t: Indexation, name: str) -> list[str]:
    out: list[str] = []
    if t.fixed_months:
        months = tx.words_paren_en(t.fixed_months)
        out.append(
            rng.choice(
                (
                    f"The Fees are fixed for the first {months} months following the "
                    "Effective Date.",
                    f"No adjustment may take effect earlier than {months} months after "
                    "the Effective Date.",
                )
            )
        )
    month = tx.MONTHS_EN[(t.adjust_month or 1) - 1]
    when = (
        rng.choice((f", effective {month} 1", f" with effect from 1 {month}"))
        if t.adjust_month
        else ""
    )
    out.append(
        f"Thereafter Supplier may adjust the Fees once per year{when}, in line with the "
        f"change in {name} over the preceding twelve (12) months."
    )
    if t.cap_pct:
        out.append(
            rng.choice(
                (
                    f"Any adjustment shall be capped at {t.cap_pct} % per year.",
                    f"No annual increase shall exceed {t.cap_pct}%.",
                )
            )
        )
    if t.threshold_pct:
        out.append(
            f"An adjustment may only be made if the index has increased by more than "
            f"{t.threshold_pct} % since the last adjustment."
        )
    if t.notice_days:
        if t.notice_days % 30 == 0 and rng.random() < 0.4:
            n = t.notice_days // 30
            span = f"{tx.words_paren_en(n)} month{'s' if n > 1 else ''}'"
        else:
            span = f"at least {tx.words_paren_en(t.notice_days)} days'"
        out.append(f"Supplier shall give Customer {span} written notice of any adjustment.")
    return out


def mfn(rng: random.Random, lang: str) -> Drawn:
    """A most-favoured-customer clause that applies, one excluded, or none. Value: bool."""
    roll = rng.random()
    if roll < 0.3:
        return Drawn([], False)
    if roll < 0.45:
        excluded = {
            "da": (
                "Mestbegunstigelse finder ikke anvendelse på denne kontrakt.",
                "Leverandøren er ikke forpligtet til at yde Kunden mestbegunstigelse.",
            ),
            "en": (
                "No most favoured customer undertaking applies to this Agreement.",
                "Supplier gives no most-favoured-customer commitment under this Agreement.",
            ),
        }
        return Drawn([rng.choice(excluded[lang])], False)
    applies = {
        "da": (
            "Leverandøren garanterer, at Kunden til enhver tid opnår priser og vilkår, der ikke "
            "er ringere end dem, Leverandøren tilbyder andre offentlige kunder for tilsvarende "
            "ydelser.",
            "Kunden er omfattet af mestbegunstigelse: Tilbyder Leverandøren en anden kunde "
            "lavere priser for samme ydelse, skal Kunden straks tilbydes samme pris.",
        ),
        "en": (
            "Supplier shall treat Customer as its most favoured customer for the Services.",
            "The Fees shall at all times be no higher than the lowest price offered to any "
            "other customer for the same services in comparable volumes.",
        ),
    }
    return Drawn([rng.choice(applies[lang])], True)


def payment(rng: random.Random, lang: str) -> Drawn:
    """A payment-term sentence, or none. Value: days or None."""
    if rng.random() < 0.1:
        return Drawn([], None)
    days = rng.choice((30, 30, 30, 20, 14))
    da = (
        f"Betaling sker {days} dage netto.",
        f"Betalingsfrist: {days} dage fra fakturadato.",
        f"Fakturaer betales senest {days} dage efter modtagelse af korrekt elektronisk "
        "faktura (OIOUBL).",
        f"Betalingsbetingelser: netto {days} dage.",
    )
    en = (
        f"Payment terms are net {days}.",
        f"Customer shall pay each correct invoice within {tx.words_paren_en(days)} days of "
        "receipt.",
        f"Invoices are payable net {tx.words_paren_en(days)} days from the invoice date.",
    )
    return Drawn([rng.choice(da if lang == "da" else en)], days)


@dataclass(frozen=True)
class Term:
    effective: dt.date
    expiry: dt.date | None
    months: int | None  # the term as a duration, when written as one


def term(rng: random.Random, *, open_ended: float = 0.1) -> Term:
    """An effective date and an initial term: written as a duration, an end date, or none."""
    year = rng.choice((2025, 2026, 2026, 2027))
    effective = dt.date(year, rng.randint(1, 12), rng.choice((1, 1, 1, 15)))
    if rng.random() < open_ended:
        return Term(effective, None, None)
    months = rng.choice((24, 36, 48, 48, 60, 72))
    return Term(effective, tx.term_end(effective, months), months)


_ORDINALS_EN = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def term_da(rng: random.Random, t: Term, date_style: str, *, noun: str | None = None) -> list[str]:
    """Danish sentences stating `t`: start date and a duration, an end date, or no end.
    `noun` names the agreement ('Rammeaftalen'); by default one of the usual words."""
    start = tx.date_da(t.effective, date_style)
    if noun:
        opening = rng.choice(
            (f"{noun} træder i kraft den {start}", f"{noun} har virkning fra den {start}")
        )
    else:
        opening = rng.choice(
            (
                f"Kontrakten træder i kraft den {start}",
                f"Aftalen har virkning fra den {start}",
                f"Kontraktperioden begynder den {start}",
            )
        )
    if t.expiry is None:
        return [
            f"{opening} og løber, indtil den opsiges af en af parterne i henhold til "
            "bestemmelserne om opsigelse. Kontrakten er tidsubegrænset."
        ]
    assert t.months is not None
    years, rest = divmod(t.months, 12)
    if rng.random() < 0.35:
        ending = rng.choice(
            (
                f" og udløber den {tx.date_da(t.expiry, date_style)} uden yderligere varsel.",
                f" og løber til og med den {tx.date_da(t.expiry, date_style)}.",
            )
        )
    elif rest == 0 and rng.random() < 0.6:
        ending = rng.choice(
            (f" og løber i {years} år.", f" og er gældende i en periode på {years} år.")
        )
    else:
        ending = f" og løber i {t.months} måneder."
    sentences = [opening + ending]
    if rng.random() < 0.5:
        sentences.append(
            rng.choice(
                (
                    "Kunden har option på forlængelse af kontrakten 2 x 12 måneder.",
                    "Kunden kan forlænge kontrakten én gang med op til 24 måneder.",
                )
            )
        )
    return sentences


def term_en(
    rng: random.Random, t: Term, date_style: str, *, effective_defined: bool = False
) -> list[str]:
    """English sentences stating `t`. Unless the preamble already defined the Effective
    Date (`effective_defined`), the first sentence prints the date and defines it."""
    if effective_defined:
        opening = "The term of this Agreement shall commence on the Effective Date"
    else:
        start = tx.date_en(t.effective, date_style)
        opening = f'This Agreement shall commence on {start} (the "Effective Date")'

    if t.expiry is None:
        return [
            f"{opening} and shall continue until terminated by either party in "
            "accordance with its terms."
        ]
    assert t.months is not None
    years, rest = divmod(t.months, 12)
    roll = rng.random()
    if roll < 0.3:
        ending = f" and shall expire on {tx.date_en(t.expiry, date_style)}."
    elif rest == 0 and roll < 0.55 and years < len(_ORDINALS_EN):
        ending = f" and shall continue until the {_ORDINALS_EN[years]} anniversary of the Effective Date."
    elif rest == 0 and roll < 0.75:
        ending = f" and shall remain in force for a period of {tx.words_paren_en(years)} years."
    else:
        ending = f" and shall continue for a period of {tx.words_paren_en(t.months)} months."
    sentences = [opening + ending]
    if rng.random() < 0.4:
        sentences.append(
            "Customer may extend the term by up to two (2) further periods of twelve (12) "
            "months each."
        )
    return sentences

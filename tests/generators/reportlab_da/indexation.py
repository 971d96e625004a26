"""Indexation (prisregulering) clauses: the terms drawn for a contract, and their wording.

Danish: "Priserne er faste de første 24 måneder ... Herefter kan Leverandøren pr. 1. januar
regulere priserne svarende til udviklingen i nettoprisindekset, dog højst 3 % pr. år ...
med 3 måneders varsel." English: "... in line with the change in the consumer price index
published by Statistics Denmark, capped at 3% per annum."
"""

from __future__ import annotations

from decimal import Decimal
from random import Random
from typing import TYPE_CHECKING

from .textfmt import DA_MONTHS, EN_MONTHS, da_percent, da_word, en_percent, en_word
from .truth import Indexation

if TYPE_CHECKING:
    from .clauses import Deal


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

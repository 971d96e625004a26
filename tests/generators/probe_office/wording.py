"""Clause wordings: term, payment, most-favoured customer, indexation (Danish and English).

Each list is rotated over the seeds (language-specific index), so ~20 seeds meet every entry.
"""

from __future__ import annotations

import datetime as dt

from .content import add_months, add_years, fmt_date


# ----------------------------------------------------------------------------- term
# kind -> builder(eff_text, exp_text, n) ; the expiry itself is computed in ``term``
def term(lang: str, idx: int, eff: dt.date, date_style: str, rng) -> dict:
    """Return {'kind', 'paragraphs', 'effective', 'expiry', 'expiry_date', 'facts'}."""
    kinds_da = ["end_date", "years", "options", "separate", "months", "open", "facts", "years_opt"]
    kinds_en = ["end_date", "years", "options", "open", "separate", "months"]
    kinds = kinds_da if lang == "da" else kinds_en
    kind = kinds[idx % len(kinds)]
    f = lambda d: fmt_date(d, lang, date_style)  # noqa: E731
    n_years = 2 + idx % 3  # 2, 3, 4
    exp: dt.date | None
    if kind in ("years", "years_opt"):
        exp = add_years(eff, n_years) - dt.timedelta(days=1)
    elif kind == "months":
        n_months = (18, 24, 36)[idx % 3]
        exp = add_months(eff, n_months) - dt.timedelta(days=1)
    elif kind == "open":
        exp = None
    else:
        exp = add_years(eff, n_years) - dt.timedelta(days=1)
    e_txt, x_txt = f(eff), (f(exp) if exp else None)
    paras: list[str] = []
    expiry_written = x_txt
    if lang == "da":
        den = "den " if date_style == "long_den" else ""
        if kind == "end_date":
            paras.append(f"Aftalen gælder fra {den}{e_txt} til og med {den}{x_txt}.")
        elif kind == "years":
            paras.append(
                f"Aftalen træder i kraft den {e_txt} og løber i {n_years} år fra denne dato, "
                "hvorefter den ophører uden varsel."
            )
            expiry_written = f"løber i {n_years} år"
        elif kind == "years_opt":
            paras.append(
                f"Aftalen træder i kraft {e_txt}. Aftalen løber i {n_years} år fra "
                "ikrafttrædelsesdatoen."
            )
            paras.append(
                "Kunden har option på at forlænge aftalen med 1 x 12 måneder på uændrede vilkår. "
                "Forlængelse meddeles skriftligt senest 3 måneder før aftalens udløb."
            )
            expiry_written = f"løber i {n_years} år"
        elif kind == "options":
            paras.append(f"Aftaleperioden er {e_txt} – {x_txt}.")
            paras.append(
                "Kunden kan forlænge aftalen 2 x 12 måneder. Forlængelse skal meddeles "
                "Leverandøren skriftligt senest 3 måneder før aftalens udløb."
            )
        elif kind == "separate":
            paras.append(f"Kontrakten træder i kraft den {e_txt}.")
            paras.append(
                "Leverandøren skal i hele kontraktperioden kunne levere det fulde sortiment."
            )
            paras.append(f"Kontrakten udløber uden yderligere varsel den {x_txt}.")
        elif kind == "months":
            paras.append(
                f"Aftalen har en varighed på {n_months} måneder regnet fra {e_txt}, "
                "hvor aftalen træder i kraft."
            )
            expiry_written = f"{n_months} måneder"
        elif kind == "open":
            paras.append(
                f"Aftalen træder i kraft den {e_txt} og er tidsubegrænset. Aftalen kan opsiges "
                "af hver af parterne med 6 måneders skriftligt varsel til udgangen af en måned."
            )
        elif kind == "facts":
            paras.append(f"\tIkrafttræden:\t{e_txt}")
            paras.append(f"\tUdløb:\t{x_txt}")
            paras.append("\tForlængelse:\tOption på 1 x 12 måneder")
    else:
        if kind == "end_date":
            paras.append(f"This Agreement is valid from {e_txt} up to and including {x_txt}.")
        elif kind == "years":
            paras.append(
                f"The Agreement commences on {e_txt} and runs for a period of {n_years} years."
            )
            expiry_written = f"runs for a period of {n_years} years"
        elif kind == "options":
            paras.append(f"The term of the Agreement is {e_txt} to {x_txt}.")
            paras.append(
                "The Customer has the option to extend the Agreement twice by 12 months on "
                "unchanged terms."
            )
        elif kind == "separate":
            paras.append(f"The Agreement enters into force on {e_txt}.")
            paras.append("The Supplier shall be able to supply the full range throughout the term.")
            paras.append(f"The Agreement expires without further notice on {x_txt}.")
        elif kind == "months":
            paras.append(f"The Agreement shall have a term of {n_months} months from {e_txt}.")
            expiry_written = f"{n_months} months"
        elif kind == "open":
            paras.append(
                f"The Agreement takes effect on {e_txt} and runs until terminated by either "
                "party giving 3 months' written notice."
            )
    return {
        "kind": kind,
        "paragraphs": paras,
        "effective": e_txt,
        "expiry": expiry_written,
        "expiry_date": exp,
    }


# ----------------------------------------------------------------------------- payment
# (wording, days, kind)
PAY_DA = [
    ("Betalingsbetingelser: netto {n} dage.", "netto"),
    ("Fakturaer betales senest {n} dage efter modtagelse af korrekt faktura.", "senest"),
    ("Betaling sker løbende måned + {n} dage.", "lbm"),
    (
        "Betalingsfristen er {n} kalenderdage regnet fra Kundens modtagelse af en korrekt og "
        "fyldestgørende elektronisk faktura.",
        "frist",
    ),
    ("Betalingsbetingelser:\tNetto {n} dage fra fakturadato", "tab"),
    ("Kunden betaler Leverandørens faktura inden {n} dage fra fakturadato.", "inden"),
    (None, "none"),
]
PAY_EN = [
    ("Invoices are payable within {n} days of receipt of a correct invoice.", "within"),
    ("Payment terms: net {n} days.", "net"),
    ("Payment shall be made no later than {n} days after the invoice date.", "nolater"),
    ("Payment terms: current month plus {n} days.", "cm"),
]
DAYS = [30, 30, 14, 30, 20, 30, 45, 30]


def payment(lang: str, idx: int) -> tuple[str | None, int | None, str]:
    table = PAY_DA if lang == "da" else PAY_EN
    text, kind = table[idx % len(table)]
    if text is None:
        return None, None, kind
    n = DAYS[idx % len(DAYS)]
    return text.format(n=n), n, kind


PAY_DISTRACT_DA = [
    "Reklamation over mangler ved leverede varer skal ske inden 8 dage efter modtagelsen.",
    "Leverandøren skal fremsende faktura senest 10 dage efter levering.",
]
PAY_DISTRACT_EN = [
    "Complaints about defective goods must be made within 8 days of delivery.",
    "The Supplier shall issue its invoice no later than 10 days after delivery.",
]

# ----------------------------------------------------------------------------- MFN
MFN_DA = [
    (
        "Leverandøren er forpligtet til at give Kunden mestbegunstigelse, således at Kunden "
        "altid opnår priser, der er mindst lige så gunstige som dem, Leverandøren tilbyder "
        "andre offentlige kunder for tilsvarende ydelser.",
        True,
    ),
    ("Der er ikke aftalt mestbegunstigelse i denne aftale.", False),
    (
        "Leverandøren må ikke tilbyde andre offentlige kunder bedre priser eller vilkår for "
        "tilsvarende varer og mængder end dem, der følger af denne aftale. Tilbyder "
        "Leverandøren bedre priser, skal disse straks komme Kunden til gode.",
        True,
    ),
    (None, False),
    (
        "Aftalen indeholder ingen mestbegunstigelsesklausul, og Leverandøren kan frit fastsætte "
        "sine priser over for andre kunder.",
        False,
    ),
    (
        "Mestbegunstigelse: Kunden er sikret de til enhver tid laveste priser, som Leverandøren "
        "tilbyder offentlige kunder i Danmark.",
        True,
    ),
]
MFN_EN = [
    (
        "Most favoured customer: the Supplier shall not offer other public customers better "
        "prices than those set out in this Agreement for comparable goods and volumes.",
        True,
    ),
    ("No most-favoured-customer clause applies to this Agreement.", False),
    (
        "The Supplier warrants that the prices are no less favourable than the prices offered "
        "to any other public-sector customer for comparable volumes.",
        True,
    ),
    (None, False),
]


def mfn(lang: str, idx: int) -> tuple[str | None, bool]:
    table = MFN_DA if lang == "da" else MFN_EN
    return table[idx % len(table)]


# ----------------------------------------------------------------------------- indexation
IDX_DA = [
    (
        "Priserne kan reguleres én gang årligt pr. 1. januar med udviklingen i "
        "nettoprisindekset (Danmarks Statistik), dog maks. 3 %.",
        "3",
    ),
    ("Priserne reguleres hvert år pr. 1. januar med udviklingen i PL-indekset.", None),
    (
        "Priserne reguleres årligt pr. 1. april i henhold til PL-indekset. Reguleringen kan "
        "ikke overstige 2,5 % pr. år.",
        "2.5",
    ),
    ("Priserne er faste i hele aftaleperioden, herunder i en eventuel forlængelsesperiode.", None),
    (
        "Leverandøren kan én gang årligt anmode om prisregulering svarende til udviklingen i "
        "forbrugerprisindekset. Regulering forudsætter en stigning på mindst 1 %, og "
        "reguleringen er maksimeret til 4 %.",
        "4",
    ),
    (
        "Priserne kan reguleres med udviklingen i nettoprisindekset, når udviklingen siden "
        "seneste regulering overstiger 2 %.",
        None,
    ),
    (
        "Priserne er faste i de første 12 måneder. Herefter kan priserne reguleres en gang "
        "årligt med udviklingen i nettoprisindekset, dog højst 3,5 %.",
        "3.5",
    ),
]
IDX_EN = [
    (
        "Prices may be adjusted once a year on 1 January in line with the net price index "
        "published by Statistics Denmark, capped at 3%.",
        "3",
    ),
    ("Prices are fixed for the entire term of the Agreement.", None),
    (
        "Prices are adjusted annually by the development in the net price index; any "
        "adjustment shall not exceed 3.5 per cent per year.",
        "3.5",
    ),
    ("Prices are adjusted annually on 1 January by the development in the PL index.", None),
]


def indexation(lang: str, idx: int) -> tuple[str, str | None]:
    table = IDX_DA if lang == "da" else IDX_EN
    return table[idx % len(table)]

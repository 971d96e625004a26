"""The contract's clauses, each in several phrasings (Danish and English).

``sections(spec, style, rng)`` returns ``(heading, paragraphs)`` pairs in contract
order. Only the facts in the spec are stated as facts; other numbers that appear
(termination notice, renewal options) are traps a careless extractor would misread.
"""

from __future__ import annotations

import random

from monitor.demo.contract_pdf.spec import ContractSpec, IndexationSpec
from monitor.demo.contract_pdf.wording import Style

Section = tuple[str, list[str]]

_INDEX_DA = {
    "nettoprisindeks": ("nettoprisindekset", "Danmarks Statistiks nettoprisindeks",
                        "nettoprisindekset (NPI)"),
    "forbrugerprisindeks": ("forbrugerprisindekset", "Danmarks Statistiks forbrugerprisindeks"),
    "ILON12": ("lønindekset for den private sektor (ILON12)", "Danmarks Statistiks lønindeks ILON12"),
}  # fmt: skip
_INDEX_EN = {
    "nettoprisindeks": ("the net price index", "the net price index published by Statistics Denmark"),
    "forbrugerprisindeks": ("the consumer price index", "the consumer price index (CPI)"),
    "ILON12": ("the private sector wage index ILON12", "the wage index ILON12"),
}  # fmt: skip


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def sections(spec: ContractSpec, style: Style, rng: random.Random) -> list[Section]:
    """The clauses in order; sometimes the payment terms or the MFN clause are folded
    into the prices clause ("Priser og betaling"), as many contracts do."""
    en = spec.language == "en"
    prices, payment, mfn = _prices(spec, rng, en), _payment(spec, rng, en), _mfn(spec, rng, en)
    fold = rng.choice((None, None, None, "payment", "mfn"))
    if fold == "payment":
        prices = (
            f"{prices[0]} {'and' if en else 'og'} {payment[0].lower()}",
            prices[1] + payment[1],
        )
    elif fold == "mfn" and mfn is not None:
        prices = (f"{prices[0]} {'and' if en else 'og'} {mfn[0].lower()}", prices[1] + mfn[1])
    out = [_subject(spec, rng, en), _validity(spec, style, rng, en), prices,
           _indexation(spec, style, rng, en)]  # fmt: skip
    if mfn is not None and fold != "mfn":
        out.append(mfn)
    if fold != "payment":
        out.append(payment)
    return [*out, _termination(spec, rng, en)]


def _subject(spec: ContractSpec, rng: random.Random, en: bool) -> Section:
    if en:
        return ("Subject matter", [_pick(rng,
            "This contract covers the Supplier's delivery of operation, maintenance and support "
            "of the services described in Appendix 1 to the Customer.",
            "The Supplier shall deliver the standard system and the related services to the "
            "Customer as described in this contract and its appendices.")])  # fmt: skip
    return ("Aftalens genstand", [_pick(rng,
        "Kontrakten omfatter Leverandørens levering af drift, vedligeholdelse og support af de "
        "i Bilag 1 beskrevne ydelser til Kunden.",
        "Leverandøren leverer standardsystemet samt tilknyttede ydelser til Kunden som beskrevet "
        "i denne kontrakt med bilag.",
        "Aftalen vedrører Kundens anskaffelse og drift af et standardsystem, jf. Bilag 1 "
        "Kravspecifikation.")])  # fmt: skip


def _validity(spec: ContractSpec, style: Style, rng: random.Random, en: bool) -> Section:
    eff, exp = style.date(spec.effective_date), style.date(spec.expiry_date)
    options = rng.randint(1, 3)
    if en:
        text = _pick(rng,
            f"The contract enters into force on {eff} and expires on {exp}.",
            f"The contract is valid from {eff} until {exp}.",
            f"The contract period runs from {eff} to {exp}, both days included.",
            f"The contract enters into force on {eff} for a term of {_term_months(spec) // 12} years.")  # fmt: skip
        renewal = f"The Customer may extend the contract {options} times by 12 months."
        return ("Entry into force and term", [text, renewal])
    text = _pick(rng,
        f"Kontrakten træder i kraft den {eff} og udløber den {exp}.",
        f"Kontrakten er gældende fra {eff} til og med {exp}.",
        f"Kontraktperioden løber fra {eff} til {exp}.",
        f"Kontrakten har virkning fra {eff} og ophører uden yderligere varsel den {exp}.",
        f"Kontrakten gælder for perioden {eff} - {exp}.",
        f"Kontrakten træder i kraft den {eff} og løber i {_term_months(spec)} måneder.")  # fmt: skip
    renewal = _pick(rng,
        f"Kunden har option på at forlænge kontrakten {options} gange med 12 måneder ad gangen.",
        f"Kunden kan forlænge kontrakten i op til {options} x 12 måneder.")  # fmt: skip
    return ("Ikrafttræden og varighed", [text, renewal])


def _term_months(spec: ContractSpec) -> int:
    """The term in whole months (the specs run from the 1st to the day before the 1st)."""
    eff, after = spec.effective_date, spec.expiry_date
    return (after.year - eff.year) * 12 + after.month - eff.month + 1


def _prices(spec: ContractSpec, rng: random.Random, en: bool) -> Section:
    vat_incl = all(i.vat == "incl" for i in spec.items)
    if en:
        basis = "including VAT" if vat_incl else "excluding VAT"
        return ("Prices", [f"The prices are set out in Appendix 2 Prices. All prices are stated "
                           f"in Danish kroner (DKK) {basis}."])  # fmt: skip
    basis = "inkl. moms" if vat_incl else "ekskl. moms"
    return ("Priser", [_pick(rng,
        f"Vederlaget for ydelserne fremgår af Bilag 2 Priser. Alle priser er angivet i danske "
        f"kroner (DKK) {basis}.",
        f"Priserne fremgår af kontraktens prisbilag (Bilag 2). Priserne er i DKK {basis}.")])  # fmt: skip


def _indexation(spec: ContractSpec, style: Style, rng: random.Random, en: bool) -> Section:
    heading = "Price adjustment" if en else "Prisregulering"
    ix = spec.indexation
    if ix is None:
        return (heading, [_pick(rng,
            "The prices are fixed for the entire contract period and cannot be adjusted.",
            "No price adjustment takes place during the term of the contract.")
            if en else _pick(rng,
            "Priserne er faste i hele kontraktperioden og kan ikke reguleres.",
            "Der sker ingen prisregulering i kontraktens løbetid.")])  # fmt: skip
    return (heading, _indexation_en(ix, style, rng) if en else _indexation_da(ix, style, rng))


def _indexation_da(ix: IndexationSpec, style: Style, rng: random.Random) -> list[str]:
    fm = ix.fixed_months
    period = f"de første {fm // 12} år" if fm % 12 == 0 and fm > 12 and rng.random() < 0.4 \
        else f"{fm} måneder"  # fmt: skip
    fixed = _pick(rng,
        f"Priserne er faste i {period} fra kontraktens ikrafttræden.",
        f"De i Bilag 2 anførte priser er fastlåste i {period} af kontraktperioden.",
        f"Priserne kan ikke reguleres i en periode på {period} regnet fra ikrafttrædelsesdatoen.")  # fmt: skip
    index = rng.choice(_INDEX_DA[ix.index])
    month = style.month(ix.adjust_month)
    adjust = _pick(rng,
        f"Herefter kan Leverandøren regulere priserne én gang årligt med virkning fra den "
        f"1. {month} i overensstemmelse med udviklingen i {index}",
        f"Derefter reguleres priserne en gang om året pr. 1. {month} svarende til ændringen i "
        f"{index}",
        f"Leverandøren er herefter berettiget til at regulere priserne årligt den 1. {month} med "
        f"den procentvise udvikling i {index}",
        f"Vederlaget reguleres herefter årligt den 1. {month} i takt med {index}")  # fmt: skip
    if ix.threshold_pct is not None:
        adjust += (f". Regulering kan dog alene ske, hvis indekset er steget med "
                   f"{style.number(ix.threshold_pct, 0)} % eller mere siden seneste regulering")  # fmt: skip
    if ix.cap_pct is not None:
        cap = style.number(ix.cap_pct, 1 if ix.cap_pct % 1 else 0)
        adjust += _pick(rng, f", dog højst {cap} % pr. år.", f". Reguleringen kan højst udgøre {cap} procent.",
                        f". Reguleringen kan dog maksimalt udgøre {cap} procent årligt.",
                        f"; stigningen kan dog ikke overstige {cap} % om året.")  # fmt: skip
    else:
        adjust += "."
    notice = _pick(rng,
        f"Prisregulering skal varsles skriftligt over for Kunden med mindst {ix.notice_days} "
        "dages varsel.",
        f"Varsel om regulering skal gives senest {ix.notice_days} dage før reguleringen får virkning.",
        f"Regulering forudsætter et skriftligt varsel på {ix.notice_days} dage.")  # fmt: skip
    paragraphs = [fixed, adjust, notice]
    if ix.base_month:
        year, mon = ix.base_month.split("-")
        paragraphs.append(f"Basisindeks er indekset for {style.month(int(mon))} {year}.")
    return paragraphs


def _indexation_en(ix: IndexationSpec, style: Style, rng: random.Random) -> list[str]:
    fixed = _pick(rng, f"The prices are fixed for {ix.fixed_months} months from the effective date.",
                  f"Prices shall remain fixed for the first {ix.fixed_months} months of the contract.")  # fmt: skip
    index = rng.choice(_INDEX_EN[ix.index])
    month = style.month(ix.adjust_month)
    adjust = _pick(rng,
        f"Thereafter the Supplier may adjust the prices once a year with effect from 1 {month} "
        f"in line with the change in {index}",
        f"Prices may then be indexed annually on 1 {month} by the change in {index}")  # fmt: skip
    if ix.threshold_pct is not None:
        adjust += (f". An adjustment may only be made if the index has risen by "
                   f"{style.number(ix.threshold_pct, 0)}% or more since the last adjustment")  # fmt: skip
    if ix.cap_pct is not None:
        cap = style.number(ix.cap_pct, 1 if ix.cap_pct % 1 else 0)
        adjust += _pick(rng, f", but by no more than {cap}% per year.",
                        f". The adjustment is capped at {cap} per cent per year.")  # fmt: skip
    else:
        adjust += "."
    notice = (
        f"Any adjustment must be notified in writing at least {ix.notice_days} days in advance."
    )
    paragraphs = [fixed, adjust, notice]
    if ix.base_month:
        year, mon = ix.base_month.split("-")
        paragraphs.append(f"The base index is the index for {style.month(int(mon))} {year}.")
    return paragraphs


def _mfn(spec: ContractSpec, rng: random.Random, en: bool) -> Section | None:
    if en:
        if not spec.mfn:
            return None if rng.random() < 0.5 else (
                "Most-favoured customer", ["No most-favoured customer terms apply."])  # fmt: skip
        return ("Most-favoured customer", [_pick(rng,
            "The Supplier warrants that the Customer shall at all times receive prices no less "
            "favourable than those offered to other comparable customers.",
            "If the Supplier offers another public customer better prices for equivalent "
            "services, the Customer shall immediately be offered the same prices.")])  # fmt: skip
    if not spec.mfn:
        return None if rng.random() < 0.5 else ("Mestbegunstigelse", [_pick(rng,
            "Der er ikke aftalt mestbegunstigelse.",
            "Mestbegunstigelse finder ikke anvendelse på denne kontrakt.",
            "Denne kontrakt indeholder ingen mestbegunstigelsesklausul.")])  # fmt: skip
    return ("Mestbegunstigelse", [_pick(rng,
        "Leverandøren garanterer, at Kunden til enhver tid opnår priser, der er mindst lige så "
        "gunstige som de priser, Leverandøren tilbyder andre sammenlignelige kunder.",
        "Kunden er omfattet af mestbegunstigelse: Såfremt Leverandøren tilbyder en anden "
        "offentlig kunde bedre priser for tilsvarende ydelser, skal Kunden straks tilbydes "
        "samme priser.",
        "Leverandøren forpligter sig til ikke at tilbyde andre kommuner lavere priser for de "
        "samme ydelser end de priser, der følger af denne kontrakt (mestbegunstigelsesklausul).",
        "Leverandøren skal sikre, at Kunden altid opnår den laveste pris, som Leverandøren "
        "tilbyder andre offentlige kunder for tilsvarende ydelser.")])  # fmt: skip


def _payment(spec: ContractSpec, rng: random.Random, en: bool) -> Section:
    n = spec.payment_days
    if en:
        return ("Terms of payment", [_pick(rng,
            f"Payment terms are {n} days net.",
            f"Invoices are payable within {n} days of receipt of a correct invoice.",
            f"The Customer shall pay correct invoices no later than {n} days after receipt.")])  # fmt: skip
    return ("Betalingsbetingelser", [_pick(rng,
        f"Betalingsbetingelserne er {n} dage netto.",
        f"Betaling sker senest {n} dage efter modtagelse af korrekt faktura.",
        f"Leverandørens fakturaer forfalder til betaling {n} dage netto fra fakturadato.",
        f"Fakturering sker elektronisk via NemHandel i OIOUBL-format. Betalingsfristen er {n} dage.",
        f"Betalingsfrist: {n} dage fra fakturadato. Rykkergebyr kan ikke opkræves før 10 dage "
        "efter forfald.")])  # fmt: skip


def _termination(spec: ContractSpec, rng: random.Random, en: bool) -> Section:
    m = spec.termination_notice_months
    if en:
        return ("Termination", [
            f"The Customer may terminate the contract with {m} months' notice to the end of a month."])  # fmt: skip
    return ("Opsigelse", [_pick(rng,
        f"Kunden kan opsige kontrakten helt eller delvist med {m} måneders varsel til udgangen "
        "af en måned.",
        f"Kontrakten kan af Kunden opsiges med et skriftligt varsel på {m} måneder.",
        f"Leverandøren kan ikke opsige kontrakten i kontraktperioden. Kunden kan opsige med {m} "
        "måneders varsel.")])  # fmt: skip

"""Layout `short_purchase`: a short Danish purchase of a standard system in the spirit of
the state's K03 contract: clauses "1.", "1.1" or "§ 5", no price appendix. The prices sit
in clause 5 "Vederlag": the licence price in a sentence, a one-off implementation fee
("engangsbeløb"), maintenance as a percentage of the licence price (not a price term) and
a small table of other services; elsewhere a liability cap with an amount (not a price).
"""

from __future__ import annotations

import random

from tests.generators.fpdf_mixed import clauses, common, content
from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, pick_style
from tests.generators.fpdf_mixed.truth import Party, PriceTerm, Truth

NAME = "short_purchase"


def build(rng: random.Random) -> tuple[ContractPDF, Truth]:
    truth = Truth(layout=NAME, language="da")
    buyer, vendor = content.municipality(rng), content.vendor(rng)
    system, _ = rng.choice(content.SYSTEMS)
    term = clauses.term(rng, open_ended=0.25)
    truth.effective_date, truth.expiry_date = term.effective, term.expiry
    signed = term.effective - tx.dt.timedelta(days=rng.randint(3, 30))
    date_style = rng.choice(tx.DATE_STYLES_DA)
    money_style = rng.choice(tx.DA_STYLES)
    style = pick_style(rng)
    pdf = ContractPDF(
        style,
        created=signed,
        footer_format=rng.choice(("Side {page} af {{nb}}", "{page}", None)),
    )
    title = rng.choice(
        (
            ["Kontrakt om køb af standardsystem", f"({system})"],
            ["KØBSAFTALE", f"{system[0].upper()}{system[1:]}"],
            [f"Aftale om køb af {system}"],
        )
    )
    pdf.title_block(title, size=15, align=rng.choice(("C", "L")))
    truth.title = " ".join(title)
    truth.parties = [
        Party(buyer.name, buyer.cvr, "buyer"),
        Party(vendor.name, vendor.cvr, "vendor"),
    ]
    paragraph_style = rng.random() < 0.4  # "§ 5 Vederlag" instead of "5. Vederlag"
    stk = rng.random() < 0.5  # "Stk. 2." before a paragraph's second and later pieces
    sections = _sections(rng, truth, term, buyer, vendor, system, date_style, money_style)
    for n, (heading, body) in enumerate(sections, start=1):
        pdf.heading(f"§ {n} {heading}" if paragraph_style else f"{n}. {heading}")
        for m, item in enumerate(body, start=1):
            if isinstance(item, tuple):
                header, rows = item
                wide = len(header) == 4
                pdf.grid(
                    header,
                    rows,  # type: ignore[arg-type]
                    widths=[14, 46, 20, 20] if wide else [50, 22, 22],
                    aligns=["L", "L", "L", "R"] if wide else ["L", "L", "R"],
                    borders=rng.choice(("ALL", "HORIZONTAL_LINES", "NONE")),
                )
            elif item.startswith("\n"):
                pdf.lines(item.strip("\n").split("\n"))
                pdf.gap()
            elif paragraph_style:
                item = item.replace("punkt 4", "§ 4")
                pdf.para(f"Stk. {m}. {item}" if m > 1 and stk else item)
            else:
                pdf.numbered(f"{n}.{m}", item)
    when = tx.date_da(signed, date_style)
    pdf.signatures(
        [f"For {buyer.name}", f"Dato: {when}", content.person(rng), rng.choice(content.BUYER_TITLES_DA)],
        [f"For {vendor.name}", f"Dato: {when}", content.person(rng), rng.choice(content.VENDOR_TITLES_DA)],
    )  # fmt: skip
    return pdf, truth


Body = list[str | tuple[list[str], list[list[str]]]]


def _sections(
    rng: random.Random, truth: Truth, term: clauses.Term, buyer: content.Org,
    vendor: content.Org, system: str, date_style: str, money_style: str,
) -> list[tuple[str, Body]]:  # fmt: skip
    delivery = term.effective + tx.dt.timedelta(days=rng.choice((30, 45, 60, 90)))
    parties = "\n" + "\n".join(
        [f"Kunde: {buyer.name}, {buyer.street}, {buyer.town}, {common.cvr_text(rng, buyer.cvr, 'da')}",
         f"Leverandør: {vendor.name}, {vendor.street}, {vendor.town}, "
         f"{common.cvr_text(rng, vendor.cvr, 'da')}"]
    )  # fmt: skip
    percent = rng.choice((17, 18, 20, 22))
    sections: list[tuple[str, Body]] = [
        ("Parterne", [parties]),
        ("Aftalens genstand", [
            f"Leverandøren leverer standardsystemet {system} med tilhørende installation, "
            "implementering og vedligeholdelse som beskrevet i Leverandørens tilbud.",
            "Kunden erhverver en tidsubegrænset brugsret til standardsystemet i det omfang, der "
            "følger af licensbetingelserne.",
        ]),
        ("Ikrafttræden og levering", [
            *clauses.term_da(rng, term, date_style),
            f"Systemet skal være leveret og klar til drift senest den "
            f"{tx.date_da(delivery, date_style)}.",
        ]),
        ("Vedligeholdelse", [
            "Leverandøren vedligeholder standardsystemet, herunder fejlrettelser, lovændringer "
            "og nye versioner.",
            f"Vedligeholdelsesvederlaget udgør {percent} % af det til enhver tid gældende "
            "licensvederlag pr. år.",
        ]),
        ("Vederlag", _price_clause(rng, truth, system, money_style)),
    ]  # fmt: skip
    pay = clauses.payment(rng, "da")
    truth.payment_days = pay.value  # type: ignore[assignment]
    sections.append(
        ("Betaling", [*pay.sentences, "Licensvederlaget faktureres kvartalsvis forud."])
    )
    index = clauses.indexation(rng, "da")
    truth.indexation = index.value  # type: ignore[assignment]
    if index.sentences:
        sections.append(("Prisregulering", index.sentences))
    mfn = clauses.mfn(rng, "da")
    truth.mfn = bool(mfn.value)
    if mfn.sentences:
        sections.append(("Mestbegunstigelse", mfn.sentences))
    sections.append(("Ansvar", [common.liability(rng, "da", money_style)]))
    sections.append(("Underskrift", ["Kontrakten underskrives elektronisk af begge parter."]))
    return sections


def _price_clause(rng: random.Random, truth: Truth, system: str, money_style: str) -> Body:
    """The licence sentence, the one-off fee, the percentage, and a table of other prices."""
    ids = content.item_ids(rng, 8)
    with_ids = rng.random() < 0.5
    unit = rng.choice(("user_month", "user_year", "year"))
    licence_desc = rng.choice((f"brugerlicens til {system}", f"licens til {system}"))
    licence = PriceTerm(
        ids.pop(0) if with_ids else None, licence_desc, unit, content.price(rng, unit)
    )
    ref = f" (varenr. {licence.item_id})" if licence.item_id else ""
    unit_text = common.UNIT_SENTENCE["da"][unit]
    money = tx.money_da(licence.unit_price, money_style)
    body: Body = [
        rng.choice((
            f"Vederlaget for {licence_desc}{ref} udgør {money} {unit_text} ekskl. moms.",
            f"For {licence_desc}{ref} betaler Kunden {money} ekskl. moms {unit_text}.",
        )),
    ]  # fmt: skip
    impl_desc = rng.choice(
        ("Implementering, installation og opsætning", "Implementering og uddannelse")
    )
    implementation = PriceTerm(None, impl_desc, "fixed", content.price(rng, "fixed"))
    body.append(
        f"{impl_desc} afregnes som et engangsbeløb på "
        f"{tx.money_da(implementation.unit_price, money_style)} ekskl. moms."
    )
    body.append(
        "Vedligeholdelsesvederlaget, jf. punkt 4, beregnes af licensvederlaget og faktureres "
        "årligt forud."
    )
    others = content.services(
        rng, rng.randint(2, 4), units=("hour", "piece", "month", "transaction")
    )
    terms = [
        PriceTerm(ids.pop(0) if with_ids else None, s.da, s.unit, content.price(rng, s.unit))
        for s in others
    ]
    body.append("Øvrige ydelser afregnes efter følgende priser ekskl. moms:")
    units = common.unit_words(rng, "da")
    header = ["Ydelse", "Enhed", rng.choice(("Pris", "Pris ekskl. moms", "Kr. ekskl. moms"))]
    rows = [[t.description, units[t.unit], tx.money_da(t.unit_price, "plain")] for t in terms]
    if with_ids:
        header = ["Varenr.", *header]
        rows = [[t.item_id or "", *row] for t, row in zip(terms, rows, strict=True)]
    body.append((header, rows))
    truth.price_terms = [licence, implementation, *terms]
    return body

"""Layout `article_caps`: an English agreement in the Anglo-American drafting style:
ALL-CAPS title, "by and between" preamble, WHEREAS recitals, "ARTICLE IV - TERM AND
TERMINATION" headings with roman numerals, sub-clauses "4.1" and "(a)", dates such as
"June 1, 2026" or "the 1st day of June, 2026", terms such as "sixty (60) months" or
"until the fifth anniversary of the Effective Date", and "EXHIBIT B - PRICING" whose table
runs `Unit Price | Unit | Description | Item Code` with amounts like "DKK 1,250.00".
"""

from __future__ import annotations

import random
from decimal import Decimal

from tests.generators.fpdf_mixed import clauses, common, content
from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, pick_style
from tests.generators.fpdf_mixed.truth import Party, PriceTerm, Truth

NAME = "article_caps"

_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def build(rng: random.Random) -> tuple[ContractPDF, Truth]:
    truth = Truth(layout=NAME, language="en")
    buyer = content.municipality(rng, english=rng.random() < 0.5)
    vendor = content.vendor(rng)
    _, system = rng.choice(content.SYSTEMS)
    term = clauses.term(rng, open_ended=0.05)
    truth.effective_date, truth.expiry_date = term.effective, term.expiry
    date_style = rng.choice(("us", "us", "formal", "uk"))
    signed = term.effective - tx.dt.timedelta(days=rng.randint(0, 30))
    pdf = ContractPDF(
        pick_style(rng),
        created=signed,
        footer_format=rng.choice(("Page {page} of {{nb}}", "- {page} -", "{page}", None)),
        running_header=rng.choice((None, ("CONFIDENTIAL", "Execution version"))),
    )
    title, name = rng.choice(
        (
            (
                ["SOFTWARE LICENSE AND SERVICES AGREEMENT"],
                "Software License and Services Agreement",
            ),
            (["MASTER SUBSCRIPTION AGREEMENT"], "Master Subscription Agreement"),
            (
                ["MASTER SERVICES AGREEMENT", f"FOR {tx.a_an(system).upper()}"],
                "Master Services Agreement",
            ),
            (
                ["SAAS SUBSCRIPTION AND SUPPORT", "AGREEMENT"],
                "SaaS Subscription and Support Agreement",
            ),
        )
    )
    pdf.title_block(title, size=15)
    truth.title = " ".join(title)
    # the preamble either dates the agreement with its Effective Date or with its signing
    effective_in_preamble = term.effective == signed or rng.random() < 0.5
    if effective_in_preamble:
        signed = term.effective
    buyer_cvr = buyer.cvr if rng.random() < 0.7 else None
    vendor_cvr = vendor.cvr if rng.random() < 0.7 else None
    truth.parties = [
        Party(buyer.name, buyer_cvr, "buyer"),
        Party(vendor.name, vendor_cvr, "vendor"),
    ]
    dated = (
        f'as of {tx.date_en(term.effective, date_style)} (the "Effective Date")'
        if effective_in_preamble
        else f"on {tx.date_en(signed, date_style)}"
    )
    buyer_id = f" with {common.cvr_text(rng, buyer_cvr, 'en')}" if buyer_cvr else ""
    vendor_id = f" ({common.cvr_text(rng, vendor_cvr, 'en')})" if vendor_cvr else ""
    pdf.para(
        f'This {name} (the "Agreement") is made and entered into {dated} by and between '
        f"{buyer.name}, a Danish municipality{buyer_id}, having its offices at {buyer.street}, "
        f'{buyer.town}, Denmark ("Customer"), and {vendor.name}, a company incorporated under '
        f"the laws of Denmark{vendor_id}, having its registered office at {vendor.street}, "
        f'{vendor.town} ("Supplier").'
    )
    pdf.heading("RECITALS", level=2)
    pdf.para(f"WHEREAS, Customer wishes to procure {tx.a_an(system)} and related services; and")
    pdf.para(
        "WHEREAS, Supplier has agreed to provide such system and services on the terms set out herein;"
    )
    pdf.para(
        "NOW, THEREFORE, in consideration of the mutual covenants herein, the parties agree as follows:"
    )
    articles = _articles(rng, truth, term, date_style, effective_in_preamble, system)
    sep = rng.choice((" - ", " – ", " ", ": ", "\n"))
    section_word = rng.random() < 0.3
    for n, (heading, clauses_) in enumerate(articles, start=1):
        pdf.heading(f"ARTICLE {_ROMAN[n]}{sep}{heading}")
        for m, (sentence, subs) in enumerate(clauses_, start=1):
            label = f"Section {n}.{m}" if section_word else f"{n}.{m}"
            pdf.numbered(label, sentence, label_width=22 if section_word else 12)
            for k, sub in enumerate(subs):
                pdf.numbered(f"({chr(ord('a') + k)})", sub, indent=12, label_width=9)
    _signatures(rng, pdf, buyer, vendor, signed, date_style)
    truth.price_terms = _exhibits(rng, pdf, system)
    return pdf, truth


Clause = tuple[str, list[str]]


def _articles(
    rng: random.Random, truth: Truth, term: clauses.Term, date_style: str,
    effective_in_preamble: bool, system: str,
) -> list[tuple[str, list[Clause]]]:  # fmt: skip
    pay = clauses.payment(rng, "en")
    truth.payment_days = pay.value  # type: ignore[assignment]
    index = clauses.indexation(rng, "en")
    truth.indexation = index.value  # type: ignore[assignment]
    mfn = clauses.mfn(rng, "en")
    truth.mfn = bool(mfn.value)
    term_sentences = clauses.term_en(rng, term, date_style, effective_defined=effective_in_preamble)
    notice = rng.choice((90, 60, 180))
    fees: list[Clause] = [
        ("Customer shall pay the fees set out in Exhibit B (the \"Fees\"). All Fees are stated "
         "exclusive of value added tax (VAT), which shall be added at the applicable rate.", []),
    ]  # fmt: skip
    if pay.sentences:
        fees.append((pay.sentences[0], []))
    fees.append(("Supplier shall invoice electronically in OIOUBL or PEPPOL BIS format.", []))
    articles: list[tuple[str, list[Clause]]] = [
        ("DEFINITIONS", [
            ('"Agreement" means this agreement including its Exhibits.', []),
            ('"Fees" means the charges set out in Exhibit B.', []),
            (f'"Services" means the provision, hosting and support of the {system} described in '
             "Exhibit A.", []),
        ]),
        ("SERVICES", [
            ("Supplier shall provide the Services in accordance with Exhibit A and good industry "
             "practice.", []),
            ("Supplier shall ensure an availability of at least 99.5 % per calendar month.", []),
        ]),
        ("FEES AND PAYMENT", fees),
    ]  # fmt: skip
    if index.sentences:
        if rng.random() < 0.5:
            fees.append(("The Fees may be adjusted as follows:", index.sentences))
        else:
            articles.append(("PRICE ADJUSTMENT", [(s, []) for s in index.sentences]))
    articles.append(
        ("TERM AND TERMINATION", [
            *[(s, []) for s in term_sentences],
            (f"Customer may terminate this Agreement for convenience upon at least "
             f"{tx.words_paren_en(notice)} days' written notice to Supplier.", []),
            ("Either party may terminate this Agreement with immediate effect by written notice "
             "if the other party:", [
                "commits a material breach which is not remedied within thirty (30) days of "
                "notice thereof; or",
                "becomes insolvent, enters into bankruptcy or reconstruction proceedings.",
            ]),
        ])
    )  # fmt: skip
    if mfn.sentences:
        articles.append(("MOST FAVOURED CUSTOMER", [(mfn.sentences[0], [])]))
    articles.append(
        ("LIMITATION OF LIABILITY", [
            (common.liability(rng, "en", "plain"), []),
            (common.insurance(rng, "en"), []),
        ])
    )  # fmt: skip
    articles.append(
        ("GENERAL PROVISIONS", [
            ("This Agreement shall be governed by the laws of Denmark.", []),
            ("Any dispute shall be settled by the Copenhagen City Court as the court of first "
             "instance.", []),
        ])
    )  # fmt: skip
    if rng.random() < 0.5:
        middle = articles[2:-1]
        rng.shuffle(middle)
        articles[2:-1] = middle
    return articles


def _signatures(
    rng: random.Random, pdf: ContractPDF, buyer: content.Org, vendor: content.Org,
    signed: tx.dt.date, date_style: str,
) -> None:  # fmt: skip
    pdf.para(
        "IN WITNESS WHEREOF, the parties have caused this Agreement to be executed by their duly "
        "authorised representatives."
    )
    when = tx.date_en(signed, "us" if date_style == "formal" else date_style)
    pdf.signatures(
        ["CUSTOMER", buyer.name, f"Name: {content.person(rng)}",
         f"Title: {rng.choice(content.BUYER_TITLES_EN)}", f"Date: {when}"],
        ["SUPPLIER", vendor.name, f"Name: {content.person(rng)}",
         f"Title: {rng.choice(content.VENDOR_TITLES_EN)}", f"Date: {when}"],
    )  # fmt: skip


def _exhibits(rng: random.Random, pdf: ContractPDF, system: str) -> list[PriceTerm]:
    pdf.add_page()
    sep = rng.choice((" - ", " – ", ": "))
    pdf.heading(f"EXHIBIT A{sep}SERVICE DESCRIPTION")
    pdf.para(
        f"The Services comprise the licensing, hosting, operation, support and maintenance of the "
        f"{system}, including updates released during the term."
    )
    if rng.random() < 0.5:
        pdf.add_page()
    pdf.heading(f"EXHIBIT B{sep}PRICING")
    currency = rng.choice(("DKK", "DKK", "EUR"))
    style = rng.choice(("code_before", "symbol_before")) if currency == "EUR" else "code_before"
    pdf.para("All amounts are exclusive of VAT.")
    units = common.unit_words(rng, "en")
    ids = content.item_ids(rng, 10)
    terms = []
    for service in content.services(rng, rng.randint(4, 9)):
        value = content.price(rng, service.unit)
        if currency == "EUR":
            value = max((value / Decimal("7.46")).quantize(Decimal("0.01")), Decimal("0.05"))
        terms.append(PriceTerm(ids.pop(0), service.en, service.unit, value, currency))
    columns = [
        ("Unit Price", 20, "R", lambda t: tx.money_en(t.unit_price, style, currency)),
        ("Unit", 18, "L", lambda t: units[t.unit]),
        ("Description", 44, "L", lambda t: t.description),
        (rng.choice(("Item Code", "Item Code", "SKU")), 16, "L", lambda t: t.item_id),
    ]
    if rng.random() < 0.2:
        columns.reverse()
    pdf.grid(
        [c[0] for c in columns],
        [[c[3](t) for c in columns] for t in terms],
        widths=[c[1] for c in columns],
        aligns=[c[2] for c in columns],
        borders=rng.choice(("ALL", "MINIMAL", "HORIZONTAL_LINES")),
    )
    return terms

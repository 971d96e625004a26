"""Contracts laid out unlike the generator's: one page, § clauses, a plain price list,
payment terms inside the prices clause, the price before the unit, euros.

Guards against an extractor that only knows its own generator.
"""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract, terms_to_dict
from tests.extractors.contracts.corpus import rows

LINES = [
    ("AFTALE OM DRIFT AF LØNSYSTEM", 16),
    ("Aftale nr.: LØN-2025-17", 10),
    ("Kunde: Vejle Kommune, CVR-nr. 29189838", 10),
    ("Leverandør: Lønservice Danmark A/S, CVR-nr. 12345674", 10),
    ("§ 1 Aftalens varighed", 12),
    ("Aftalen træder i kraft 1. marts 2025 og udløber 28. februar 2027.", 10),
    ("§ 2 Vederlag", 12),
    ("Vederlaget fremgår af nedenstående prisliste. Priserne er ekskl. moms og", 10),
    ("faktureres månedligt bagud med betaling 30 dage netto.", 10),
    (["Varenr.", "Ydelse", "Enhed", "Pris, kr."], 10),
    (["L-100", "Lønkørsel", "pr. transaktion", "12,50"], 10),
    (["L-200", "Support og hotline", "pr. måned", "4.500,00"], 10),
    (["L-300", "Lønkonsulent", "pr. time", "975,00"], 10),
    ("§ 3 Prisregulering", 12),
    ("Priserne reguleres hvert år pr. 1. januar efter nettoprisindekset, dog højst 2 %.", 10),
    ("Første regulering kan tidligst ske 12 måneder efter ikrafttræden.", 10),
    ("Regulering varsles med mindst 3 måneders varsel.", 10),
    ("§ 5 Mestbegunstigelse", 12),
    ("Kunden er sikret mestbegunstigelse i aftalens løbetid.", 10),
    ("§ 6 Opsigelse", 12),
    ("Aftalen kan opsiges af Kunden med 6 måneders varsel.", 10),
]
COLUMNS = (72, 140, 300, 440)


def _pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for text, size in LINES:
        canvas.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        if isinstance(text, list):
            for x, cell in zip(COLUMNS, text, strict=True):
                canvas.drawString(x, y, cell)
        else:
            canvas.drawString(72, y, text)
        y -= size + 10
    canvas.save()
    return buffer.getvalue()


def test_it_reads_a_one_page_contract_in_its_own_layout() -> None:
    terms = extract_contract(_pdf(), "vejle-loen.pdf")
    got = terms_to_dict(terms)

    assert got["title"] == "AFTALE OM DRIFT AF LØNSYSTEM"
    assert terms.contract_number == "LØN-2025-17"
    assert got["parties"] == [
        {"name": "Vejle Kommune", "cvr": "29189838", "role": "buyer"},
        {"name": "Lønservice Danmark A/S", "cvr": "12345674", "role": "vendor"},
    ]
    assert (got["effective_date"], got["expiry_date"]) == ("2025-03-01", "2027-02-28")
    assert got["payment_days"] == 30 and got["mfn"] is True
    assert got["indexation"] == {"index": "nettoprisindeks", "cap_pct": "2", "adjust_month": 1,
                                 "fixed_months": 12, "notice_days": 90, "threshold_pct": None}  # fmt: skip
    assert [(t.item_id, t.description, str(t.unit), t.unit_price) for t in terms.price_terms] == [
        ("L-100", "Lønkørsel", "transaction", Decimal("12.50")),
        ("L-200", "Support og hotline", "month", Decimal("4500.00")),
        ("L-300", "Lønkonsulent", "hour", Decimal("975.00")),
    ]
    assert terms.termination_notice_months == 6


ENGLISH = [
    ("Framework Agreement for Hosting Services", 16),
    ("Agreement no. FA-2026-003", 10),
    ("Customer: Aalborg Kommune, CVR no. 29189420", 10),
    ("Supplier: Nordic Hosting ApS, CVR no. DK 33445566", 10),
    ("Clause 1 Term", 12),
    ("The agreement is valid from January 1, 2026 until December 31st 2027.", 10),
    ("Clause 2 Prices", 12),
    ("All prices below are stated in EUR including VAT.", 10),
    (["No.", "Service", "Price", "Unit"], 10),
    (["H-10", "Virtual server, standard", "85.00", "per month"], 10),
    (["H-20", "Backup storage", "0.12", "per transaction"], 10),
    ("Clause 3 Payment", 12),
    ("Payment is due 20 days net from the invoice date.", 10),
    ("Clause 4 Price adjustment", 12),
    ("Prices are fixed for 12 months and may then be adjusted annually on 1 July by the", 10),
    ("change in the consumer price index, at most 3.5% per year, with 60 days' notice.", 10),
]


def test_it_reads_an_english_euro_contract_with_the_price_before_the_unit() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for text, size in ENGLISH:
        canvas.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        for x, cell in zip(COLUMNS, text if isinstance(text, list) else [text], strict=False):
            canvas.drawString(x, y, cell)
        y -= size + 10
    canvas.save()

    terms = extract_contract(buffer.getvalue(), "hosting.pdf")
    got = terms_to_dict(terms)

    assert got["language"] == "en" and terms.currency == "EUR"
    assert [(p["name"], p["cvr"], p["role"]) for p in rows(got, "parties")] == [
        ("Aalborg Kommune", "29189420", "buyer"), ("Nordic Hosting ApS", "33445566", "vendor")]  # fmt: skip
    assert (got["effective_date"], got["expiry_date"]) == ("2026-01-01", "2027-12-31")
    assert got["payment_days"] == 20 and got["mfn"] is False
    assert got["indexation"] == {"index": "forbrugerprisindeks", "cap_pct": "3.5", "adjust_month": 7,
                                 "fixed_months": 12, "notice_days": 60, "threshold_pct": None}  # fmt: skip
    assert [(t["item_id"], t["description"], t["unit"], t["unit_price"], t["currency"], t["vat"])
            for t in rows(got, "price_terms")] == [
        ("H-10", "Virtual server, standard", "month", "85.00", "EUR", "incl"),
        ("H-20", "Backup storage", "transaction", "0.12", "EUR", "incl"),
    ]  # fmt: skip


COMBINED = [
    ("Kontrakt om levering af skoleportal", 16),
    ("Kunde: Randers Kommune, CVR-nr. 29189668", 10),
    ("Leverandør: Skoleportal ApS, CVR-nr. 36223321", 10),
    ("1. Kontraktens varighed", 12),
    ("Kontrakten løber fra 01.08.2025 til 31.07.2028.", 10),
    ("2. Priser, prisregulering og mestbegunstigelse", 12),
    ("Priserne fremgår af Bilag 2. Priserne reguleres årligt pr. 1. april med", 10),
    ("nettoprisindekset, dog højst 2,5 %. Regulering varsles med 30 dages varsel.", 10),
    ("Leverandøren garanterer Kunden mestbegunstigelse.", 10),
]


def test_one_clause_may_state_several_kinds_of_terms() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for text, size in COMBINED:
        canvas.setFont("Helvetica-Bold" if size > 10 else "Helvetica", size)
        canvas.drawString(72, y, text)
        y -= size + 10
    canvas.save()

    got = terms_to_dict(extract_contract(buffer.getvalue(), "skoleportal.pdf"))

    assert (got["effective_date"], got["expiry_date"]) == ("2025-08-01", "2028-07-31")
    assert got["indexation"] == {"index": "nettoprisindeks", "cap_pct": "2.5", "adjust_month": 4,
                                 "fixed_months": None, "notice_days": 30, "threshold_pct": None}  # fmt: skip
    assert got["mfn"] is True
    assert got["payment_days"] is None  # "30 dages varsel" is a notice, not payment terms

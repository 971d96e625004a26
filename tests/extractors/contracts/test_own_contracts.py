"""Short contracts written for these tests in styles none of the extractor's sources use
(a US recital style, a UK plain style, a Danish K02-like operating contract, a Danish
framework agreement, an open-ended English agreement), read end to end from PDF: their
dates, term and most-favoured-customer clause. Guards against reading tuned to the
contracts it has seen."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.types import REVIEW_CONFIDENCE

US_RECITALS = """\
MASTER HOSTING SERVICES AGREEMENT
THIS MASTER HOSTING SERVICES AGREEMENT is made this 15th day of January, 2019 (the
"Effective Date") by and between Northwind Hosting, Inc., a Delaware corporation
("Provider"), and Tailspin Analytics LLC, a Texas limited liability company ("Client").
1. TERM
This Agreement shall commence on the Effective Date and shall continue until the end of
the second (2nd) Contract Year. "Contract Year" means each period of twelve (12) months
beginning on the Effective Date or an anniversary thereof.
2. FEES
Client shall pay the fees set out in Exhibit A within thirty (30) days of invoice.
Provider's fees hereunder shall not exceed the fees charged by Provider to any other
client for comparable hosting services.
"""

UK_PLAIN = """\
SOFTWARE SUPPORT AGREEMENT
This Agreement is dated 1 April 2020 and is made between Fabrikam Software Ltd
("Supplier") and Contoso Retail plc ("Customer").
Commencement and duration
This Agreement shall take effect on the Go-Live Date and shall last for thirty-six (36)
months. The Go-Live Date shall be 1 June 2020.
Charges
The Customer shall pay the charges in the Schedule. The Customer shall not resell the
Services at a price lower than the price charged to other resellers.
"""

DA_OPERATIONS = """\
KONTRAKT OM DRIFT AF SAGSSYSTEM
Kontrakten er indgået mellem Odense Kommune, CVR-nr. 35209115, og Driftsdata A/S,
CVR-nr. 12345674.
§ 2 Kontraktens varighed
Kontrakten træder i kraft ved underskrift og har en løbetid på 4 år fra den 1. juli
2021. Kontrakten er uopsigelig for Kunden i de første 24 måneder.
§ 7 Mestbegunstigelse
Leverandøren må ikke opkræve højere priser hos Kunden end hos andre kommuner for samme
ydelse.
"""

DA_FRAMEWORK = """\
RAMMEAFTALE OM KONSULENTYDELSER
Rammeaftalen er indgået mellem Region Syd og Rådgiverne ApS.
Kontraktperiode
1. januar 2022 - 31. december 2025
Priser
Priserne fremgår af bilag 2 og er faste i hele aftaleperioden.
"""

OPEN_ENDED = """\
DISTRIBUTION AGREEMENT
This Distribution Agreement is entered into as of 1-Mar-2021 by and between Adatum
Corporation ("Supplier") and Litware Distribution, Inc. ("Distributor").
1. Term
This Agreement commences on March 1, 2021, is non-terminable for two (2) years and
thereafter continues until terminated by either party on ninety (90) days' notice.
2. Prices
Distributor shall not sell the Products at a price lower than the price charged to other
distributors.
"""


def _pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 790.0
    for paragraph in text.splitlines():
        bold = paragraph.isupper() or len(paragraph.split()) <= 3
        canvas.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        for line in textwrap.wrap(paragraph, 95) or [""]:
            canvas.drawString(60, y, line)
            y -= 14
        y -= 4
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("text", "effective", "expiry", "mfn"),
    [
        pytest.param(US_RECITALS, date(2019, 1, 15), date(2021, 1, 14), True, id="us-recitals"),
        pytest.param(UK_PLAIN, date(2020, 6, 1), date(2023, 5, 31), False, id="uk-plain"),
        pytest.param(DA_OPERATIONS, date(2021, 7, 1), date(2025, 6, 30), True, id="da-k02"),
        pytest.param(DA_FRAMEWORK, date(2022, 1, 1), date(2025, 12, 31), False, id="da-framework"),
        pytest.param(OPEN_ENDED, date(2021, 3, 1), None, False, id="open-ended"),
    ],
)
def test_it_reads_the_term_and_mfn_of_contracts_in_unfamiliar_styles(
    text: str, effective: date, expiry: date | None, mfn: bool
) -> None:
    terms = extract_contract(_pdf(text), "own.pdf")

    assert (terms.effective_date, terms.expiry_date, terms.mfn) == (effective, expiry, mfn)


def test_a_term_inferred_from_an_event_dated_elsewhere_is_shown_for_review() -> None:
    terms = extract_contract(_pdf(UK_PLAIN), "own.pdf")
    [validity] = [c for c in terms.clauses if c.kind == "validity"]

    assert terms.needs_review and validity.confidence < REVIEW_CONFIDENCE
    reason = "effective date: inferred from the date the contract gives the Go-Live Date"
    assert f"{reason}, to be checked" in terms.review_reasons


def test_a_term_read_as_stated_is_not_flagged() -> None:
    terms = extract_contract(_pdf(DA_FRAMEWORK), "own.pdf")

    assert not [r for r in terms.review_reasons if "date" in r]


def test_an_open_ended_contract_says_why_it_has_no_expiry() -> None:
    terms = extract_contract(_pdf(OPEN_ENDED), "own.pdf")

    assert "expiry date: runs until terminated" in terms.warnings


UNDATED_PRICES = """\
DRIFTSAFTALE
Aftalen er indgået mellem Vestby Kommune og Renhold A/S.
Priser
Ugentlig rengøring af kontorer: 1.250,00 kr. pr. måned.
Vinduespudsning: 450,00 kr. pr. time.
"""


def test_a_price_list_without_an_effective_date_is_shown_for_review() -> None:
    """Without a start date the contract applies to an invoice of any date: its prices
    are not enforced on invoices from before it began until a person has looked."""
    undated = extract_contract(_pdf(UNDATED_PRICES), "own.pdf")
    dated = extract_contract(_pdf(DA_FRAMEWORK + UNDATED_PRICES.split("Priser\n")[1]), "own.pdf")

    assert undated.effective_date is None and undated.price_terms
    reason = "effective date: not found, so its prices would apply to invoices of every date"
    assert undated.needs_review and reason in undated.review_reasons
    assert dated.effective_date == date(2022, 1, 1) and dated.price_terms
    assert reason not in dated.review_reasons

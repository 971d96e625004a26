"""Wordings of terms found by the probe_office generator (written without reading the
extractor): a term counted "fra denne dato", a cap "maksimeret til", the public sector's
price and wage index ("PL-indekset")."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract

HEAD = ["KONTRAKT OM LEVERING AF KONTORARTIKLER", "Kunde: Odder Kommune, CVR-nr. 32264328",
        "Leverandør: Papir ApS, CVR-nr. 12345674", "§ 1 Varighed"]  # fmt: skip


def _read(lines: list[str]):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    y = 780.0
    for line in HEAD + lines:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, y, line)
        y -= 16
    canvas.save()
    return extract_contract(buffer.getvalue(), "kontrakt.pdf")


@pytest.mark.parametrize(
    "sentence",
    [
        "Aftalen træder i kraft den 01.06.2026 og løber i 3 år fra denne dato, hvorefter den "
        "ophører uden varsel.",
        "This Agreement takes effect on 1 June 2026 and runs for 3 years from that date.",
    ],
)
def test_a_term_counted_from_the_date_just_named(sentence: str) -> None:
    terms = _read([sentence[:95], sentence[95:]])
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 6, 1), date(2029, 5, 31))


def test_a_cap_maksimeret_til() -> None:
    terms = _read([
        "Aftalen gælder fra 1. juni 2026 til 31. maj 2028.",
        "§ 5 Prisregulering",
        "Leverandøren kan én gang årligt anmode om prisregulering svarende til udviklingen i",
        "forbrugerprisindekset. Regulering forudsætter en stigning på mindst 1 %, og reguleringen er",
        "maksimeret til 4 %.",
    ])  # fmt: skip
    assert terms.indexation is not None
    assert (terms.indexation.cap_pct, terms.indexation.threshold_pct) == (Decimal(4), Decimal(1))


def test_the_pl_index_with_a_cap() -> None:
    terms = _read([
        "Aftalen gælder fra 1. juni 2026 til 31. maj 2028.",
        "§ 5 Prisregulering",
        "Priserne reguleres årligt pr. 1. april i henhold til PL-indekset. Reguleringen kan ikke",
        "overstige 2,5 % pr. år.",
    ])  # fmt: skip
    assert terms.indexation is not None
    assert (terms.indexation.index, terms.indexation.cap_pct) == ("pl-indeks", Decimal("2.5"))

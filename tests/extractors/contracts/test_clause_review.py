"""Clause wordings from an independent review of the clause reading (rewritten here with
invented parties, dates and figures): each was read wrong and stated as complete."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.contracts import extract_contract
from extractors.contracts.mfn import read_mfn
from extractors.types import ContractTerms

HEAD = [
    "Kontrakt om fagsystem",
    "Aftalen er indgået mellem Skovlund Kommune, CVR-nr. 29189986, og",
    "Datavej ApS, CVR-nr. 35512233.",
]


def _pdf(*lines: str, head: list[str] = HEAD) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 10)
    y = 800.0
    for line in [*head, *lines]:
        canvas.drawString(60, y, line)
        y -= 14
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _read(*lines: str, head: list[str] = HEAD) -> ContractTerms:
    return extract_contract(_pdf(*lines, head=head), "kontrakt.pdf")


STARTS = "Kontrakten træder i kraft den 1. marts 2026 og udløber den 28. februar 2029."


def test_payment_days_are_not_the_days_to_object_to_an_invoice() -> None:
    terms = _read(
        "2. Varighed", STARTS, "3. Betaling",
        "Kunden skal gøre indsigelser mod en faktura inden 8 dage. Betaling skal ske senest 30",
        "dage efter modtagelse af faktura.",
    )  # fmt: skip
    assert terms.payment_days == 30


def test_payment_days_are_not_the_days_to_issue_the_invoice() -> None:
    terms = _read(
        "2. Term", "The Agreement takes effect on 1 March 2026 and expires on 28 February 2029.",
        "3. Payment",
        "Invoices shall be issued within 10 days after month end and are payable within 30 days",
        "of receipt.",
        head=["Service Agreement", "between Skovlund Municipality and Datavej ApS."],
    )  # fmt: skip
    assert terms.payment_days == 30


def test_payment_days_named_after_the_days_beside_the_sending_of_invoices() -> None:
    """ "udsteder faktura ... med 30 dages betalingsfrist": the days are the payment's,
    named right after them (the verb before them sends the invoice)."""
    terms = _read(
        "2. Varighed", STARTS, "3. Betaling",
        "Leverandøren udsteder faktura ved månedens udgang med 30 dages betalingsfrist.",
    )  # fmt: skip
    assert terms.payment_days == 30


def test_business_days_are_counted_as_calendar_days_and_held_for_review() -> None:
    terms = _read(
        "2. Varighed", STARTS, "3. Betaling",
        "Betaling skal ske senest 15 bankdage efter modtagelse af faktura.",
    )  # fmt: skip
    assert terms.payment_days == 21
    assert any("payment" in r for r in terms.review_reasons), terms.review_reasons


def test_an_option_s_latest_end_is_not_the_expiry() -> None:
    terms = _read(
        "2. Varighed",
        "Kontrakten træder i kraft den 1. juli 2026. Kontrakten kan forlænges 2 gange á 12",
        "måneder, dvs. længst til 30. juni 2032, og udløber ellers den 30. juni 2029.",
    )
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 7, 1), date(2029, 6, 30))
    english = _read(
        "2. Term",
        "The Agreement takes effect on 1 July 2026. The initial term is 24 months. The Customer",
        "may extend the term twice by 12 months, i.e. until 30 June 2030 at the latest.",
        head=["Service Agreement", "between Skovlund Municipality and Datavej ApS."],
    )
    assert english.expiry_date == date(2028, 6, 30)


def test_an_expected_go_live_date_is_held_for_review() -> None:
    terms = _read(
        "2. Varighed",
        "Kontrakten træder i kraft ved underskrift og løber i 48 måneder fra idriftsættelsen, som",
        "forventes at ske 1. april 2026.",
    )
    assert any("only expects" in r for r in terms.review_reasons), terms.review_reasons


def test_an_amendment_is_held_for_review() -> None:
    terms = _read(
        "1. Ændringer",
        "Kontraktens udløbsdato ændres fra 30. juni 2028 til 30. juni 2029.",
        head=["Tillæg nr. 2 til kontrakt om fagsystem", *HEAD[1:]],
    )
    assert any("amends another contract" in r for r in terms.review_reasons)
    english = _read(
        "1. Prices", "With effect from 1 July 2026 the prices in Schedule 2 are replaced.",
        head=["Amendment No. 1 to the Service Agreement", "between Skovlund Municipality and",
              "Datavej ApS."],
    )  # fmt: skip
    assert any("amends another contract" in r for r in english.review_reasons)
    assert not any("amends" in r for r in _read("2. Varighed", STARTS).review_reasons)


def test_adjustments_more_than_once_a_year_are_held_for_review() -> None:
    terms = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Priserne reguleres to gange årligt, pr. 1. januar og pr. 1. juli, med nettoprisindekset,",
        "dog højst 1,5 % pr. regulering.",
    )  # fmt: skip
    assert terms.indexation is not None
    assert any("more than once a year" in r for r in terms.review_reasons), terms.review_reasons
    yearly = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Priserne reguleres én gang årligt pr. 1. januar med nettoprisindekset, dog højst 3 %.",
    )  # fmt: skip
    assert not any("more than once a year" in r for r in yearly.review_reasons)


def test_most_favoured_customer_wordings() -> None:
    for sentence in (
        "The Supplier warrants that the prices granted to the Customer are no less favourable "
        "than those granted to any other Danish public sector customer buying similar services.",
        "Leverandøren skal give Kunden samme priser og vilkår som Leverandørens bedst stillede "
        "offentlige kunde.",
    ):
        statement = read_mfn([(sentence, None, 1)])
        assert statement is not None and statement.present, sentence


def test_a_mix_of_indexes_weighed_in_words_is_a_composite_held_for_review() -> None:
    terms = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Priserne reguleres årligt pr. 1. april med 60 % af udviklingen i Danmarks Statistiks",
        "lønindeks for den private sektor og 40 % af udviklingen i nettoprisindekset, dog højst 4 %.",
    )  # fmt: skip
    assert terms.indexation is not None
    assert terms.indexation.index == "composite: 60 % lønindeks + 40 % nettoprisindeks"
    assert terms.needs_review


def test_a_key_facts_table_s_start_and_end_dates() -> None:
    """ "Startdato 01/05/2026" over "Slutdato 30/04/2029": the start was read as the end
    (the next row's label taken for the date's own)."""
    terms = _read(
        "Startdato 01/05/2026", "Slutdato 30/04/2029", "1. Parter",
        "Aftalen er indgået mellem Skovlund Kommune, CVR-nr. 29189986, og Datavej ApS, CVR-nr.",
        "35512233.",
        head=["Kontrakt om fagsystem"],
    )  # fmt: skip
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 5, 1), date(2029, 4, 30))


def test_indexation_limits_stated_otherwise() -> None:
    consent = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Priserne reguleres årligt pr. 1. januar med nettoprisindekset. Prisstigninger ud over 2,5 %",
        "p.a. kan kun ske efter forudgående skriftlig aftale med Kunden.",
    )  # fmt: skip
    assert consent.indexation is not None and consent.indexation.cap_pct == Decimal("2.5")
    inverted = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Stiger nettoprisindekset med mere end 2 % i forhold til basisindekset, kan Leverandøren",
        "regulere priserne pr. 1. marts, dog med højst 6 %.",
    )  # fmt: skip
    ix = inverted.indexation
    assert ix is not None and (ix.cap_pct, ix.threshold_pct) == (Decimal(6), Decimal(2))
    not_before = _read(
        "2. Varighed", STARTS, "4. Prisregulering",
        "Leverandøren kan ikke kræve prisregulering før 1. april 2029. Herefter kan priserne",
        "reguleres én gang årligt pr. 1. januar med nettoprisindekset.",
    )  # fmt: skip
    assert not_before.indexation is not None
    assert not_before.indexation.fixed_months == 37  # 1 March 2026 to 1 April 2029


def test_extract_says_which_no_most_favoured_customer_means(tmp_path: object) -> None:
    """ "most-favoured customer: no" meant three things: the contract says there is none,
    no clause was found, or one was missed. The text now says which, with the sentence."""
    from pathlib import Path

    from typer.testing import CliRunner

    from monitor.cli.main import app

    folder = Path(str(tmp_path))
    denied = "Parterne er enige om, at der ikke gælder nogen mestbegunstigelse for aftalen."
    for name, lines, expected in (
        ("none.pdf", ["2. Varighed", STARTS], "most-favoured customer: no clause found"),
        ("denied.pdf", ["2. Varighed", STARTS, "6. Mestbegunstigelse", denied],
         "most-favoured customer: no: the contract says so (Parterne er enige om"),
    ):  # fmt: skip
        (folder / name).write_bytes(_pdf(*lines))
        result = CliRunner().invoke(app, ["extract", str(folder / name), "-f", "text"])
        assert result.exit_code == 0, result.output
        assert expected in result.stdout, result.stdout

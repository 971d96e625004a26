"""PDF invoices from a thirteenth independent review (Navision, SAP-like and UK layouts,
written by a helper that never read the reader), rewritten with invented figures: each
was read wrong without a word of warning before."""

from __future__ import annotations

from decimal import Decimal

from extractors.invoices.pdf import parse_lines
from extractors.invoices.serialize import invoice_to_dict

D = Decimal


def test_a_prepayment_deducted_in_the_totals() -> None:
    """ "Fradrag a conto -1.000.000,00 / Til betaling 1.000.000,00": what is left to pay
    is the payable amount, the prepayment stated (it was read as the full 2.000.000,00,
    without a word)."""
    lines = [
        "Vestby Data A/S",
        "CVR-nr. 12345678",
        "Faktura",
        "Bogført fakturanr. 6515",
        "Bogføringsdato 03.01.2026",
        "Nummer Beskrivelse Antal Enhed Enhedspris Beløb",
        "K-1 Kommunelicens ESDH 1 stk 1.600.000,00 1.600.000,00",
        "Total DKK ekskl. moms 1.600.000,00",
        "25% moms 400.000,00",
        "Total DKK inkl. moms 2.000.000,00",
        "Fradrag a conto -1.000.000,00",
        "Til betaling 1.000.000,00",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    t = parsed.totals
    assert (t.tax_exclusive, t.tax, t.prepaid, t.payable) == (
        D("1600000.00"), D("400000.00"), D("1000000.00"), D("1000000.00")
    )  # fmt: skip
    assert invoice_to_dict(parsed)["totals"]["prepaid"] == "1000000.00"
    assert len(parsed.warnings) == 1  # "read from the PDF text": nothing else to say


def test_a_prepayment_and_a_rounding_before_a_payment_amount() -> None:
    lines = [
        "Vestby Data A/S",
        "CVR/SE-nr. 12345678",
        "Egeby Kommune",
        "CVR 29189803",
        "FAKTURA",
        "Dokumentnr. 90606069",
        "Dato 01.05.2026",
        "Pos. Materiale Beskrivelse Antal Enh. Pris pr. Nettoværdi",
        "10 Brugerlicens 10 stk 100,00 1.000,00",
        "Nettoværdi i alt 1.000,00",
        "Moms 25 % 250,00",
        "Total 1.250,00",
        "A conto -600,00",
        "Afrunding -0,01",
        "Betalingsbeløb 649,99",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    t = parsed.totals
    assert (t.prepaid, t.rounding, t.payable) == (D("600.00"), D("-0.01"), D("649.99"))
    # the supplier's number beside "CVR/SE-nr.", never the buyer's below
    assert parsed.supplier.cvr == "12345678"


def test_a_total_in_euro_and_its_counter_value_in_kroner() -> None:
    """ "Total EUR 471,365.96 / Total in DKK (rate 7.4604) 3,516,578.61": a euro invoice
    (it was read as kroner: every price 7.46 times too low)."""
    lines = [
        "Civitas Software Ltd",
        "VAT Reg. No. GB459744402",
        "INVOICE",
        "Invoice No.: INV-2026-398",
        "Invoice Date: 31/01/2026",
        "Code Description Qty Unit Price Net",
        "98090 Professional services 2 1,783.00 3,566.00",
        "Net total 3,566.00",
        "VAT 0% (reverse charge) 0.00",
        "Total EUR 3,566.00",
        "Total in DKK (rate 7.4604) 26,603.79",
    ]
    assert parse_lines(lines, "invoice.pdf").currency == "EUR"


def test_the_quantity_is_the_number_before_its_unit() -> None:
    """ "1.049,6 kg 1,842 1.933,36": 1.049,6 kg at 1,842 kr. (it was read as 1,842 at
    1.049,60 kr., which adds up too: a false price alarm nothing downstream catches)."""
    from extractors.invoices.pdflines import line_items

    header = "Produkt Beskrivelse Antal Enhed Stk. pris Pris"
    (line,) = line_items([header, "X11B252 Vejsalt 1.049,6 kg 1,842 1.933,36"], "da", None)
    assert (line.item_id, line.quantity, line.unit_code, line.unit_price) == (
        "X11B252", D("1049.6"), "KGM", D("1.842")
    )  # fmt: skip


def test_item_numbers_of_more_shapes_before_the_description() -> None:
    from extractors.invoices.pdflines import line_items

    header = "Produkt Beskrivelse Antal Enhed Stk. pris Pris"
    rows = [
        "000000000001982606 Toner sort 44 stk 1.163,00 51.172,00",
        "SRV.2026.09 Affaldssække 120 l 60 stk 56,66 3.399,60",
        "SRV-LIC-5049 Rengøringsmiddel 26 stk 133,80 3.478,80",
        "5764804848477 Kopipapir A4 39 stk 186,00 7.254,00",
        "12 Konsulent 2 timer 900,00 1.800,00",
    ]
    found = [(ln.item_id, ln.description) for ln in line_items([header, *rows], "da", None)]
    assert found == [
        ("000000000001982606", "Toner sort"),
        ("SRV.2026.09", "Affaldssække 120 l"),
        ("SRV-LIC-5049", "Rengøringsmiddel"),
        ("5764804848477", "Kopipapir A4"),
        (None, "Konsulent"),  # a short leading number is the row's position
    ]


def test_business_central_labels_and_a_rounding_before_til_betaling() -> None:
    """ "Bilagsdato" is the issue date (the invoice was refused: no issue date); "Til
    betaling" after "Afrunding 0,05" is what is paid, its net the one printed."""
    lines = [
        "Vestby IT Partner A/S",
        "CVR-nr. 12345678",
        "SALGSFAKTURA",
        "Fakturanr. PS-024606",
        "Bilagsdato 09-03-2026",
        "Forfaldsdato 23-03-2026",
        "Nr. Beskrivelse Antal Enhed Enhedspris Moms % Linjebeløb",
        "VB-9609 Backup, lagerplads 12 md. 785,73 25 9.428,76",
        "I alt DKK ekskl. moms 9.428,76",
        "25% moms 2.357,19",
        "I alt DKK inkl. moms 11.785,95",
        "Afrunding 0,05",
        "Til betaling DKK 11.786,00",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    t = parsed.totals
    assert (parsed.issue_date.isoformat(), t.tax_exclusive, t.tax, t.rounding, t.payable) == (
        "2026-03-09", D("9428.76"), D("2357.19"), D("0.05"), D("11786.00")
    )  # fmt: skip
    assert len(parsed.warnings) == 1


def test_a_swedish_summa_is_the_total() -> None:
    """ "Summa exkl. moms" is the net, "Summa" the total (the invoice was refused: no
    total found); "Motvärde DKK (kurs ...)" names no currency of the invoice."""
    lines = [
        "Skolsystem Norden AB",
        "Org.nr / VAT SE102100617801",
        "Faktura",
        "Fakturanummer 811340",
        "Fakturadatum 2026-07-02",
        "Art.nr Benämning Antal Enhet À-pris Belopp",
        "KD-6974 Konsulttjänster 12 tim 1 226,02 14 712,24",
        "Summa exkl. moms 14 712,24",
        "Moms 0% (omvänd skattskyldighet) 0,00",
        "Summa 14 712,24",
        "Motvärde DKK (kurs 0,6712) 9 874,86",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    assert (parsed.totals.tax_exclusive, parsed.totals.payable) == (D("14712.24"), D("14712.24"))
    assert "no currency found; DKK assumed" in parsed.warnings  # said, not guessed silently


def test_a_period_of_service_under_its_row_or_in_it() -> None:
    """ "Periode: 01.01.2026 - 31.12.2026" under a row, "01.10.2026 -" ending a row's
    text over "31.12.2026": the row's period (none was read: double billing of a period
    went unseen on PDF invoices)."""
    from extractors.invoices.pdflines import line_items

    header = "Nummer Beskrivelse Antal Enhed Enhedspris Beløb"
    rows = [
        "X46 Brugerlicens 1 md. 218,05 218,05",
        "Periode: 01.01.2026 - 31.12.2026",
        "X47 Hosting 01.10.2026 - 3 md. 276,00 828,00",
        "31.12.2026",
        "X48 Support 2 timer 900,00 1.800,00",
        "Ydelsen leveres fra 01.05.2026 til 31.05.2026 efter aftale",
        "X49 Licens, periode: 1.1.2026-31.3.2026 1 stk 100,00 100,00",
    ]
    found = [
        (ln.item_id, ln.description, str(ln.period_start), str(ln.period_end))
        for ln in line_items([header, *rows], "da", None)
    ]
    assert found == [
        ("X46", "Brugerlicens", "2026-01-01", "2026-12-31"),
        ("X47", "Hosting", "2026-10-01", "2026-12-31"),
        ("X48", "Support", "None", "None"),  # a sentence naming dates is no period
        ("X49", "Licens", "2026-01-01", "2026-03-31"),
    ]


def test_the_buyers_cvr_in_its_address_block() -> None:
    """The buyer's number under a public body's name, the supplier's elsewhere: each its
    own (the buyer's was never read from a PDF; an invoice with no EAN went unassigned)."""
    lines = [
        "Vestby Data A/S",
        "Industrivej 12",
        "CVR/SE-nr. 12345678",
        "FAKTURA",
        "Egeby Kommune",
        "Skoleforvaltningen",
        "Dokumentnr. 90606069",
        "Torvet 1",
        "Dato 01.05.2026",
        "6700 Egeby",
        "CVR 29189803",
        "Pos. Materiale Beskrivelse Antal Enh. Pris pr. Nettoværdi",
        "10 Brugerlicens 10 stk 100,00 1.000,00",
        "Nettoværdi i alt 1.000,00",
        "Moms 25 % 250,00",
        "Total 1.250,00",
    ]
    parsed = parse_lines(lines, "faktura.pdf")
    assert (parsed.supplier.cvr, parsed.buyer.cvr) == ("12345678", "29189803")
    # a second company's number (no public body above it) is nobody's buyer
    other = [ln.replace("Egeby Kommune", "Egeby Handel A/S") for ln in lines]
    assert parse_lines(other, "faktura.pdf").buyer.cvr is None
    # an EAN printed is the buyer's identity: the number read from a block never beside it
    with_ean = [*lines[:11], "EAN-nr. 5798000000001", *lines[11:]]
    buyer = parse_lines(with_ean, "faktura.pdf").buyer
    assert (buyer.ean, buyer.cvr) == ("5798000000001", None)


def test_a_quantity_glued_to_its_unit() -> None:
    """LibreOffice printing "16.519stk", "2timer", "30.512år" (the column gap dropped): the
    rows were not read at all ("the invoice has no lines")."""
    from extractors.invoices.pdflines import line_items

    header = "Varenr. Beskrivelse AntalEnhed Enhedspris Beløb"
    rows = [
        "73903 Konsulentbistand, seniorkonsulent 2timer 1.394,68 2.789,36",
        "SRV.2025.21 Brugerlicens 44stk 543,89 23.931,16",
        "LIC-5589 Kommunelicens ESDH 30.512år 37,33 1.139.012,96",
        "TON-59 Toner 80g sort 2 stk 100,00 200,00",
    ]
    found = [(ln.quantity, ln.unit_code) for ln in line_items([header, *rows], "da", None)]
    assert found == [(D("2"), "HUR"), (D("44"), "EA"), (D("30512"), "ANN"), (D("2"), "EA")]


def test_an_item_number_with_a_space_after_its_letters() -> None:
    """ "B 615/34 Kontorstol" bills item "B 615/34"; "A 4 papir" and "PC 2000 stol" are
    words (no separator in the number, or fewer than three digits)."""
    from extractors.invoices.pdflines import line_items

    header = "Varenr. Beskrivelse Antal Enhed Stk. pris Pris"
    rows = [
        "B 615/34 Kontorstol sort 4 stk 1.250,00 5.000,00",
        "VN 10-2040 Skrivebord 2 stk 3.100,00 6.200,00",
        "A 4 papir hvid 10 stk 45,00 450,00",
        "PC 2000 stol 1 stk 99,00 99,00",
    ]
    found = [(ln.item_id, ln.description) for ln in line_items([header, *rows], "da", None)]
    assert found == [
        ("B 615/34", "Kontorstol sort"),
        ("VN 10-2040", "Skrivebord"),
        (None, "A 4 papir hvid"),
        (None, "PC 2000 stol"),
    ]

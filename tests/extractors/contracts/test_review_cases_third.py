"""Confident misreadings found by a third independent review (a helper that had not read
the extractor wrote short contracts and their truth): each case is drawn anew here in
a generic layout, with invented names and numbers."""

from __future__ import annotations

from decimal import Decimal

from extractors.contracts import extract_contract
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

HEAD = [
    "Kontrakt om levering af undervisningsmaterialer",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Bokförlaget Norden AB, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. august 2026 til og med 31. juli 2028.",
    "3. Priser",
]


def test_prices_in_swedish_kronor_are_not_danish() -> None:
    lines = [
        *HEAD,
        "Alle priser er angivet i svenske kroner (SEK) ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris (SEK)"],
                [["NS-1", "Matematik 4, elevbog", "stk.", "189,00"]]),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.unit_price, t.currency) for t in terms.price_terms] == [(Decimal("189.00"), "SEK")]


def test_a_price_header_in_pounds() -> None:
    lines = [
        *HEAD,
        "Charges are exclusive of VAT.",
        *_table(["Item", "Service", "Unit", "Charge (GBP)"],
                [["I2", "Video interpreting", "hour", "48.00"]]),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "contract.pdf")
    assert [(t.unit_price, t.currency) for t in terms.price_terms] == [(Decimal("48.00"), "GBP")]


def test_danish_kroner_stay_danish_beside_a_euro_amount_elsewhere() -> None:
    lines = [
        *HEAD,
        "Alle priser er i kr. ekskl. moms. Bod udgør EUR 500 pr. dag.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris"],
                [["NS-1", "Matematik 4, elevbog", "stk.", "189,00"]]),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [t.currency for t in terms.price_terms] == ["DKK"]


def test_a_price_per_thousand_or_per_part_of_an_hour_is_not_read_as_per_one() -> None:
    """ "pr. 1.000 stk.", "pr. påbegyndt halve time", "pr. m² pr. år": no unit of ours
    stands for them, and read as "piece", "hour" or "year" they would misprice by a
    factor: each row is listed as not read, for review."""
    rows = [
        ["K-5", "Kuvert C5 med rude", "pr. 1.000 stk.", "289,00"],
        ["T-1", "Fremmødetolkning", "pr. påbegyndt halve time", "225,00"],
        ["R-1", "Daglig rengøring", "pr. m² pr. år", "142,00"],
        ["S-1", "Lagerplads", "per TB per month", "310,00"],
        ["K-6", "Kuvert E65", "pr. stk.", "0,45"],
    ]
    lines = [*HEAD, "Alle priser er i kr. ekskl. moms.",
             *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris"], rows, (60, 110, 250, 420))]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, str(t.unit), t.unit_price) for t in terms.price_terms] == [
        ("K-6", "piece", Decimal("0.45"))
    ]
    unread = " ".join(u.text for u in terms.unread_prices)
    assert all(item in unread for item in ("K-5", "T-1", "R-1", "S-1"))
    assert terms.needs_review


def test_a_list_price_and_a_discount_give_the_net_price_for_review() -> None:
    """ "Listepris | Rabat" and no net price column: the agreement charges the list price
    less the discount (245,00 less 30 % = 171,50), shown for review."""
    lines = [*HEAD, "Der faktureres listeprisen med fradrag af den anførte rabat. Priser i kr. ekskl. moms.",
             *_table(["Varenr.", "Beskrivelse", "Enhed", "Listepris", "Rabat"],
                     [["L-1", "Pipettespidser, rack", "stk.", "245,00", "30 %"]])]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [t.unit_price for t in terms.price_terms] == [Decimal("171.50")]
    assert terms.needs_review


def test_a_header_word_broken_without_a_hyphen_and_discounts_fixed_for_the_term() -> None:
    """ "Varenumme" over "r" in a narrow header cell is the item number column; "Rabatsatserne
    er faste i hele aftaleperioden" fixes the discounts, not the prices: the list prices'
    indexation and its cap stand."""
    lines = [
        *HEAD,
        "Priserne er i kr. ekskl. moms.",
        [(60, "Varenumme"), (130, "Betegnelse"), (300, "Enhed"), (360, "Listepris"),
         (420, "Rabat i %"), (480, "Kontraktpris")],
        [(60, "r")],
        [(60, "LS-771"), (130, "Pipettespidser, rack"), (300, "pk."), (360, "245,00"),
         (420, "30 %"), (480, "171,50")],
        "4. Prisregulering",
        "Listepriserne kan reguleres én gang årligt pr. 1. april med udviklingen i "
        "nettoprisindekset.",
        "Rabatsatserne er faste i hele aftaleperioden. Reguleringen kan højst udgøre 3,5 % om året.",
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, t.description, t.unit_price) for t in terms.price_terms] == [
        ("LS-771", "Pipettespidser, rack", Decimal("171.50"))
    ]
    assert terms.indexation is not None and terms.indexation.cap_pct == Decimal("3.5")


def test_payment_days_of_an_undisputed_invoice_not_the_late_payment_grace() -> None:
    lines = [
        "Services Agreement",
        "This agreement is made between Egeby Kommune, CVR no. 29189803, and",
        "Northwind Interpreting Ltd, CVR no. 31415926.",
        "1. Term",
        "The agreement runs from 1 April 2026 to 31 March 2028.",
        "2. Charges and payment",
        "The Customer shall pay each valid, undisputed invoice within 30 days of receipt.",
        "Interest on late payment shall accrue at 8% above the base rate, provided that the",
        "Supplier has notified the Customer in writing and allowed 14 days for payment.",
    ]
    terms = extract_contract(_pdf(lines), "contract.pdf")
    assert terms.payment_days == 30


def test_cvr_numbers_labelled_as_vat_numbers_and_company_registration() -> None:
    """ "Momsnr. DK 88878388" (a Danish VAT number is DK and the CVR number) and "Company
    reg. (CVR) no.: ..." in parties set side by side."""
    lines = [
        "Aftale om tolkebistand",
        "Kunden: Egeby Kommune, Torvet 1, 5750 Egeby, CVR-nr. 29189803",
        "Leverandøren: Tolkecentralen ApS, Sprogvej 5, 5000 Odense C, Momsnr. DK 31415926",
        "1. Aftaleperiode",
        "Aftalen gælder fra 1. februar 2026 til 31. januar 2028.",
    ]
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(p.cvr, p.role) for p in terms.parties] == [
        ("29189803", "buyer"),
        ("31415926", "vendor"),
    ]
    columns = [
        "Framework Agreement for the Supply of Office Supplies",
        "1. The parties",
        [(72, "Customer"), (300, "Supplier")],
        [(72, "Egeby Kommune"), (300, "Kontorhuset Midt A/S")],
        [(72, "Rådhusstræde 4"), (300, "Industrivej 14")],
        [(72, "Company reg. (CVR) no.: 29189803"), (300, "Company reg. (CVR) no.: 31415926")],
        '(hereinafter "the Customer" and "the Supplier")',
        "2. Term",
        "This Agreement enters into force on October 1, 2026.",
    ]
    terms = extract_contract(_pdf(columns), "agreement.pdf")
    assert [(p.name, p.cvr, p.role) for p in terms.parties] == [
        ("Egeby Kommune", "29189803", "buyer"),
        ("Kontorhuset Midt A/S", "31415926", "vendor"),
    ]


def test_a_key_facts_row_names_the_party_after_its_role() -> None:
    lines = [
        "Kontrakt om skadedyrsbekæmpelse",
        "Nøgleoplysninger",
        [(72, "Kunde"), (200, "Havnsø Kommune, CVR-nr. 29189803")],
        [(72, "Leverandør"), (200, "Rottefri Service ApS, CVR-nr. 31415926")],
        [(72, "Aftaleperiode"), (200, "01.03.2026 til 28.02.2028")],
    ]
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(p.name, p.cvr, p.role) for p in terms.parties] == [
        ("Havnsø Kommune", "29189803", "buyer"),
        ("Rottefri Service ApS", "31415926", "vendor"),
    ]


def test_occasions_are_counted_like_pieces() -> None:
    """A price per visit, per delivery or per portion is paid per one of them: the
    invoice counts them as it counts pieces."""
    rows = [["S-1", "Vinduespudsning", "pr. besøg", "1.250,00"],
            ["S-2", "Ekstra levering", "pr. levering", "350,00"],
            ["S-3", "Dagens ret", "pr. portion", "42,50"]]  # fmt: skip
    lines = [*HEAD, "Priser i kr. ekskl. moms.",
             *_table(["Varenr.", "Ydelse", "Enhed", "Pris"], rows, (60, 110, 250, 420))]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, str(t.unit), t.unit_price) for t in terms.price_terms] == [
        ("S-1", "piece", Decimal("1250.00")),
        ("S-2", "piece", Decimal("350.00")),
        ("S-3", "piece", Decimal("42.50")),
    ]


# ---------------------------------------------------------------- a review of the fixes
def test_danish_words_are_no_currency_codes() -> None:
    """ "nok" (enough) and "sek." (seconds) in the text, an exchange rate in USD: the
    prices are still Danish kroner."""
    lines = [*HEAD,
             "Alle priser er i kr. ekskl. moms. Leverandøren skal sikre, at der er nok vikarer.",
             "Svartiden er højst 2 sek. Prisen er baseret på en USD-kurs på 6,80.",
             *_table(["Varenr.", "Ydelse", "Enhed", "Pris"], [["V-1", "Vikartime", "time", "385,00"]])]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.unit_price, t.currency) for t in terms.price_terms] == [(Decimal("385.00"), "DKK")]


def test_a_price_for_three_years_is_no_third_contract_year() -> None:
    """ "Pris 1 år | Pris 3 år": prices of a one-year and a three-year licence, not the
    first and third contract years: one price, for review."""
    rows = [["L-1", "Licens", "stk.", "120,00", "300,00"]]
    read = [(t.valid_from, t.contract_years, t.confidence < 0.8) for t in extract_contract(
        _pdf([*HEAD, *_table(["Varenr.", "Ydelse", "Enhed", "Pris 1 år", "Pris 3 år"], rows)]),
        "k.pdf").price_terms]  # fmt: skip
    assert read == [(None, None, True)]


def test_pack_sizes_and_dates_in_a_unit_are_no_scaled_units() -> None:
    rows = [["D-1", "Gulvsæbe", "pr. 5 l dunk", "135,25"], ["S-1", "Vejsalt", "pr. 25 kg sæk", "89,00"]]  # fmt: skip
    lines = [*HEAD, "Priser i kr. ekskl. moms.",
             *_table(["Varenr.", "Vare", "Enhed", "Pris"], rows, (60, 110, 250, 420))]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, str(t.unit)) for t in terms.price_terms] == [
        ("D-1", "piece"),
        ("S-1", "piece"),
    ]


def test_payment_days_after_a_late_payment_clause_opening_the_sentence() -> None:
    lines = [*HEAD, "5. Betaling",
             "Uanset Leverandørens ret til morarente ved forsinket betaling skal fakturaer "
             "betales senest 30 dage efter modtagelse."]  # fmt: skip
    assert extract_contract(_pdf(lines), "kontrakt.pdf").payment_days == 30


def test_enhedspriser_fixed_are_prices_fixed() -> None:
    from extractors.contracts.indexation_facts import prices_fixed_for_the_term

    assert prices_fixed_for_the_term("Rabatsatser og enhedspriser er faste i hele aftaleperioden.")
    assert not prices_fixed_for_the_term("Rabatsatserne er faste i hele aftaleperioden.")


def test_company_names_with_a_public_word_are_names() -> None:
    from extractors.contracts.party_names import clean_name

    assert clean_name("Region Syd Busser A/S") == "Region Syd Busser A/S"
    assert clean_name("Kommune-Data A/S") == "Kommune-Data A/S"
    assert clean_name("Hvidsten Kommune Renfix ApS") is None


def test_an_instalment_line_beside_a_price_table_is_no_unread_row() -> None:
    lines = [*HEAD, "Priser i kr. ekskl. moms.",
             *_table(["Varenr.", "Ydelse", "Enhed", "Pris"], [["V-1", "Vikartime", "time", "385,00"]]),
             "Betalingsplan for implementeringen:",
             [(72, "Rate 1"), (130, "ved underskrift"), (240, "1. marts 2026"), (470, "25.000,00")]]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [t.item_id for t in terms.price_terms] == ["V-1"] and not terms.unread_prices


def test_a_unit_we_do_not_know_never_borrows_the_indexation_clauses() -> None:
    """ "pr. sæson" under "... dog højst 4,5 % pr. år" (a fourth review, which found it with
    "pr. hektar" and "pr. løbende meter", units of ours since): the row is listed as not
    read, never priced per year; rows per hectare and running metre are read so."""
    lines = [*HEAD, "Priserne reguleres årligt med nettoprisindekset, dog højst 4,5 % pr. år.",
             *_table(["Nr.", "Ydelse", "Enhed", "Pris ekskl. moms"],
                     [["K1", "Slåning af rabat", "pr. sæson", "850,00"],
                      ["K2", "Anlægsgartner", "pr. time", "545,00"],
                      ["K3", "Rabatklipning", "pr. løbende meter", "4,20"],
                      ["K4", "Slåning af eng", "pr. hektar", "1.150,00"]],
                     (60, 110, 250, 420))]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, str(t.unit)) for t in terms.price_terms] == [
        ("K2", "hour"),
        ("K3", "metre"),
        ("K4", "hectare"),
    ]
    assert [u.text.split(" | ")[0] for u in terms.unread_prices] == ["K1"]

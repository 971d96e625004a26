"""Cases from a seventh independent review (price schedules of shapes the extractor had
not met, written by a helper that never read it), rewritten with invented figures:
each was read wrong without a word of review before."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors.contracts import extract_contract
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

D = Decimal

DA = [
    "Rammeaftale om levering af varer",
    "Denne aftale er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Kontorhuset Syd A/S, CVR-nr. 31415926.",
    "Aftalen gælder fra den 1. marts 2026 til og med den 28. februar 2028.",
    "Betaling sker netto 30 dage efter modtagelse af korrekt faktura.",
    "Alle priser er ekskl. moms.",
]


def test_a_currency_column_gives_each_row_its_currency() -> None:
    """ "VN-1 | Asfaltslidlag | m² | EUR | 25,93" is 25,93 euro, not kroner."""
    lines = [
        *DA,
        *_table(
            ["Varenr.", "Beskrivelse", "Enhed", "Valuta", "Pris pr. enhed"],
            [["VN-1", "Asfaltslidlag", "m²", "EUR", "25,93"],
             ["VN-2", "Stabilgrus", "m³", "DKK", "276,72"]],
            (60, 120, 300, 360, 430),
        ),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.item_id, t.unit_price, t.currency) for t in terms.price_terms] == [
        ("VN-1", D("25.93"), "EUR"),
        ("VN-2", D("276.72"), "DKK"),
    ]


def test_a_unit_cell_of_a_hundred_or_a_thousand_pieces_is_not_read() -> None:
    """ "1.000 stk." priced 464,00 kr. is 0,464 kr. an envelope: never 464 kr. a piece."""
    lines = [
        *DA,
        *_table(
            ["Varenr.", "Beskrivelse", "Enhed", "Pris"],
            [["2.04", "Engangshandsker vinyl", "100 stk.", "32,62 kr."],
             ["2.05", "Brevkuverter C4, hvide", "1.000 stk.", "464,00 kr."],
             ["2.06", "Kuglepenne, sort", "stk.", "4,83 kr."]],
            (60, 120, 330, 430),
        ),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.item_id, t.unit_price) for t in terms.price_terms] == [("2.06", D("4.83"))]
    assert [u.text.split(" | ")[0] for u in terms.unread_prices] == ["2.04", "2.05"]


def test_english_key_facts_and_a_cap_without_an_index() -> None:
    """ "Commencement date: ... Expiry date: ..." on consecutive lines: each date its own
    (the expiry was the commencement date); "any increase shall not exceed 2 per cent"
    caps the adjustment though no index is named."""
    lines = [
        "Framework agreement for office supplies",
        "This agreement is made between Egeby Kommune, CVR no. 29189803 (the Municipality)",
        "and Kontorhuset Syd A/S, CVR no. 31415926 (the Supplier).",
        "2. Term",
        "Commencement date: 1 July 2026",
        "Expiry date: 30 June 2027",
        "4. Price adjustment",
        "Prices may be indexed annually on the anniversary of the commencement date; any",
        "increase shall not exceed 2 per cent.",
        "5. Payment",
        "Payment shall be made within 30 days of receipt of a valid invoice.",
        "All prices are excl. VAT.",
        *_table(["Item no.", "Description", "Unit", "Price"],
                [["P-1", "Stapler for 25 sheets", "each", "106.82"]], (60, 120, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "agreement.pdf")
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 7, 1), date(2027, 6, 30))
    assert terms.indexation is not None
    assert (terms.indexation.index, terms.indexation.cap_pct) == (None, D("2"))


def test_list_prices_less_the_discount_the_contract_grants_on_them() -> None:
    """ "rabat på 12 % på listepriserne" over a "Listepris" column: the agreed price is
    the list price less 12 %, held for review with the doubt said in words (a reviewer
    comparing with the printed table must see why the figures differ)."""
    lines = [
        *DA[:5],
        "Leverandøren yder en rabat på 12 % på listepriserne i nedenstående tabel.",
        *_table(
            ["Varenr.", "Beskrivelse", "Enhed", "Listepris ekskl. moms"],
            [["KT-1", "Ringbind A4, 40 mm", "stk.", "11,62"],
             ["KT-2", "Tonerpatron sort", "stk.", "704,00"]],
            (60, 120, 330, 400),
        ),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.item_id, t.unit_price) for t in terms.price_terms] == [
        ("KT-1", D("10.23")),
        ("KT-2", D("619.52")),
    ]
    assert all(t.confidence < 0.8 for t in terms.price_terms)
    assert any("less the 12 % discount on list prices" in r for r in terms.review_reasons)


def test_a_list_price_with_no_discount_found_says_so() -> None:
    lines = [
        *DA,
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Listepris"],
                [["KT-1", "Ringbind A4, 40 mm", "stk.", "11,62"]], (60, 120, 330, 400)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [t.unit_price for t in terms.price_terms] == [D("11.62")]
    assert any("a list price: the agreed price may be" in r for r in terms.review_reasons)


def test_volume_bands_under_an_item_named_on_the_first_band_only() -> None:
    """ "Diesel | 0 - 1.999 liter | 12,19" then bands alone, printed wider than their
    column ("2.000 -" spilling into the description's): one item, three bands."""
    lines = [
        *DA,
        [(60, "Produkt"), (250, "Mængde pr. levering"), (420, "Pris pr. liter (kr.)")],
        [(60, "Diesel, leveret på tank"), (250, "0 - 1.999 liter"), (420, "12,19")],
        [(200, "2.000 -"), (250, "4.999 liter"), (420, "11,84")],
        [(200, "5.000 liter og derover"), (420, "11,49")],
    ]
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.description, t.unit_price, t.tier_min, t.tier_max) for t in terms.price_terms] == [
        ("Diesel, leveret på tank", D("12.19"), D("0"), D("1999")),
        ("Diesel, leveret på tank", D("11.84"), D("2000"), D("4999")),
        ("Diesel, leveret på tank", D("11.49"), D("5000"), None),
    ]


def test_a_page_printed_glyph_by_glyph_is_read_in_words() -> None:
    """pdfium ends a line after every character of the appendix page ("B", "i", "l" ...):
    its lines and words are rebuilt from the characters' positions, the price list read."""
    from pathlib import Path

    from extractors.contracts.pdf import read_pdf

    data = (
        Path(__file__).parents[2] / "fixtures" / "pdf_quirks" / "glyph_by_glyph.pdf"
    ).read_bytes()
    page = read_pdf(data, "glyph_by_glyph.pdf").pages[1]
    assert page.lines[:2] == ["Bilag 3 - Prisbilag", "Priserne i dette bilag er ekskl. moms."]
    terms = extract_contract(data, "glyph_by_glyph.pdf")
    read = {t.item_id: (t.description, t.unit_price) for t in terms.price_terms}
    assert len(read) >= 30
    assert read["2.02"] == ("Opsætning af arbejdsplads", D("535.00"))


def test_a_paragraph_naming_both_parties_is_no_pair_of_columns() -> None:
    """The second line of a justified paragraph whose run starts mid-line (after a wide
    gap) is not a second column of party blocks: the parties are the sentence's."""
    lines = [
        "Contract for temporary care staff",
        [(72, "This agreement is made between Egebjerg Kommune, CVR no. 29189803, Mejerivej 2")],
        [(72, 'Silkeborg ("the Municipality"'),
         (220, ") and Sikker Drift A/S, CVR no. 31415926, Skovvej 33, 2630 Taastrup")],
        '("the Supplier").',
        "The Contract commences on 1 July 2026 and expires on 30 June 2027.",
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "contract.pdf")
    assert [(p.role, p.name, p.cvr) for p in terms.parties] == [
        ("buyer", "Egebjerg Kommune", "29189803"),
        ("vendor", "Sikker Drift A/S", "31415926"),
    ]


def test_a_price_of_zero_is_held_for_review_with_its_reason() -> None:
    """ "Fragt ved ordrer over 1.000 kr. | stk. | 0,-": free only under a condition in
    words; enforced as 0 it would flag every freight charge on a small order."""
    lines = [
        *DA,
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris"],
                [["7914", "Gulvvask, koncentrat", "l", "54,00"],
                 ["7933", "Fragt ved ordrer over 1.000 kr.", "stk.", "0,-"]],
                (60, 120, 330, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    free = next(t for t in terms.price_terms if t.item_id == "7933")
    assert (free.unit_price, free.confidence < 0.8) == (D("0"), True)
    assert any("a price of 0: free or included" in r for r in terms.review_reasons)
    assert next(t for t in terms.price_terms if t.item_id == "7914").confidence >= 0.8


def test_a_rate_card_with_pounds_in_every_cell() -> None:
    """ "£1,175.00" in each cell is an amount (it was not, and the rows ran together
    as one "price not in one cell")."""
    lines = [
        "Framework agreement for consultancy services",
        "This agreement is made between Calder District Council (the Authority) and",
        "Finch Consulting Ltd (the Supplier).",
        "The agreement runs from 1 June 2026 to 31 May 2027.",
        *_table(["Role", "Level", "Day rate (£/day, excl. VAT)"],
                [["Senior Consultant", "3", "£1,175.00"],
                 ["Business Analyst", "4", "£1,318.86"],
                 ["Travel and subsistence", "-", "included"]], (60, 300, 420)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "agreement.pdf")
    assert [(t.description, t.unit_price, t.currency) for t in terms.price_terms] == [
        ("Senior Consultant", D("1175.00"), "GBP"),
        ("Business Analyst", D("1318.86"), "GBP"),
    ]


def test_whole_kroner_beside_their_currency_make_a_price_page() -> None:
    """An annex whose prices are whole kroner ("kr. 211") was passed over as holding
    no price; a list price, a discount and a net price column: the net price read."""
    lines = [
        *DA,
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Listepris", "Rabat", "Nettopris"],
                [["175367", "Kaffebønner, økologiske", "kg", "kr. 211", "22 %", "kr. 165"],
                 ["885152", "Yoghurt naturel", "liter", "kr. 25", "22 %", "kr. 20"]],
                (60, 120, 300, 370, 430, 490)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.item_id, t.unit_price) for t in terms.price_terms] == [
        ("175367", D("165")),
        ("885152", D("20")),
    ]


def test_a_long_contract_s_parties_in_its_definitions_and_its_start_at_the_earliest() -> None:
    """Parties defined in numbered definitions ('1.1 “Ordregiver”: X Kommune, ...,
    CVR-nr. ...'); "træder i kraft ved begge Parters underskrift, dog tidligst den 1. juli
    2026, og løber herefter i 2 år": the start is that date, not a signature's (a tenth
    review's long municipal contracts)."""
    lines = [
        "Rammeaftale om teknisk rådgivning",
        "1. Definitioner",
        "1.1 “Ordregiver”: Ulvedal Kommune, Torvegade 9, 6376 Åmosen, CVR-nr.",
        "29189803.",
        "1.2 “Leverandøren”: Ingeniørhuset Tværsnit A/S, Engvej 39, 8340 Stenmose, CVR-nr.",
        "31415926.",
        "4. Kontraktperiode",
        "4.1 Rammeaftalen træder i kraft ved begge Parters underskrift, dog tidligst den 1. juli",
        "2026, og løber herefter i 2 år. Ordregiver har ret til at forlænge 2 x 12 måneder.",
    ]
    terms = extract_contract(_pdf(lines), "rammeaftale.pdf")
    assert [(p.role, p.name, p.cvr) for p in terms.parties] == [
        ("buyer", "Ulvedal Kommune", "29189803"),
        ("vendor", "Ingeniørhuset Tværsnit A/S", "31415926"),
    ]
    assert (terms.effective_date, terms.expiry_date) == (date(2026, 7, 1), date(2028, 6, 30))


def test_price_columns_named_only_by_their_contract_year() -> None:
    """ "Varenr. | Ydelse | Enhed | År 1 | År 2 | Option år 3" with whole kroner: each
    year's price for its year (the table was neither read nor listed)."""
    lines = [
        *DA,
        *_table(["Varenr.", "Ydelse", "Enhed", "År 1", "År 2", "Option år 3"],
                [["950544", "Testkonsulent", "time", "855", "876", "898"],
                 ["530904", "Projektleder", "time", "1.340", "1.360", "1.401"]],
                (60, 120, 300, 370, 430, 490)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "aftale.pdf")
    assert [(t.unit_price, t.valid_from, t.valid_to) for t in terms.price_terms][:3] == [
        (D("855"), date(2026, 3, 1), date(2027, 2, 28)),
        (D("876"), date(2027, 3, 1), date(2028, 2, 29)),
        (D("898"), date(2028, 3, 1), date(2029, 2, 28)),
    ]
    assert len(terms.price_terms) == 6


def test_an_mfn_clause_of_general_conditions_denied_a_few_words_on() -> None:
    from extractors.contracts.mfn import mfn_statement

    denied = (
        "Bestemmelsen om mestbegunstigelse i Ordregivers generelle kontraktvilkår pkt. 14 "
        "finder ikke anvendelse på nærværende Kontrakt."
    )
    english = "Clause 14 (Most Favoured Customer) of the General Conditions shall not apply."
    promised = (
        "Most favoured customer: the Supplier shall ensure that its prices do not exceed "
        "those offered to any other public customer."
    )
    assert (mfn_statement(denied, None), mfn_statement(english, None)) == (False, False)
    assert mfn_statement(promised, None) is True

"""Operational service contracts (transport, cleaning, waste, winter service, hire), as an
eighth generator (``tests/generators/probe_service``, written by a helper that never read
the extractor) found them misread: each case drawn anew here with invented names and
numbers, in a generic layout."""

from __future__ import annotations

from decimal import Decimal

from extractors.contracts import extract_contract
from extractors.contracts import indexation_facts as facts
from extractors.contracts.prices.headers import role_of
from extractors.contracts.prices.prose import sentence_terms
from extractors.contracts.prices.rows import RowContext, page_vat
from extractors.types import Unit
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

PARTIES = [
    "Kontrakt om vintertjeneste",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Vejservice Syd ApS, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. oktober 2026 til og med 30. september 2028.",
]


def test_an_index_named_by_what_it_measures() -> None:
    """ "Danmarks Statistiks omkostningsindeks for anlæg", "the Road Directorate's cost
    index for road operation", a fuel price following a market quotation: each an index
    the prices follow, so the clause and its cap are read."""
    assert [
        n for _, n in facts.index_names("efter Danmarks Statistiks omkostningsindeks for anlæg")
    ] == ["omkostningsindeks for anlæg"]
    assert [n for _, n in facts.index_names("according to the cost index for road operation")] == [
        "cost index for road operation"
    ]
    assert [n for _, n in facts.index_names("the official Platts quotation for gasoil")] == [
        "platts"
    ]
    # a generic word alone names no index; a known one is not named twice
    assert facts.index_names("prisindekset") == []
    assert [n for _, n in facts.index_names("the consumer price index")] == ["forbrugerprisindeks"]
    for clause in (
        "Priserne reguleres årligt pr. 1. januar efter Danmarks Statistiks omkostningsindeks "
        "for anlæg, dog højst 3 %.",
        "Prisregulering sker efter Trafikselskabernes omkostningsindeks for kørsel og er "
        "maksimeret til 3 % pr. år.",
    ):
        terms = extract_contract(_pdf([*PARTIES, "5. Prisregulering", clause]), "k.pdf")
        assert terms.indexation is not None and terms.indexation.cap_pct == Decimal("3"), clause
    english = [
        "Contract for winter road maintenance",
        "This contract is made between Egeby Municipality (CVR 29189803) and",
        "Road Service South ApS (CVR 31415926).",
        "The contract runs from 1 October 2026 to 30 September 2028.",
        "5. Price adjustment",
        "The prices may be indexed once a year according to the Road Directorate's cost index",
        "for road operation. The adjustment shall not exceed 3.5 per cent per year.",
    ]
    terms = extract_contract(_pdf(english), "c.pdf")
    assert terms.indexation is not None and terms.indexation.cap_pct == Decimal("3.5")


def test_the_supplier_invoicing_by_a_deadline_is_no_payment_term() -> None:
    lines = [
        "Contract for waste collection",
        "This contract is made between Egeby Municipality (CVR 29189803) and",
        "Waste Partners ApS (CVR 31415926).",
        "The contract runs from 1 October 2026 to 30 September 2028.",
        "7. Invoicing and payment",
        "The Supplier shall invoice monthly in arrears, no later than 8 days after the end of",
        "each month. The Municipality pays approved invoices within 35 calendar days.",
    ]
    assert extract_contract(_pdf(lines), "c.pdf").payment_days == 35


def test_the_prices_vat_beats_the_contract_values() -> None:
    text = (
        "Alle priser er angivet i danske kroner inkl. moms.\n"
        "Kontraktens anslåede samlede værdi er 2.000.000 kr. ekskl. moms for grundperioden."
    )
    assert page_vat(text) == "incl"
    # a footnote under a table's rows, run into them in a clause's text
    assert (
        page_vat("Vagt nat timer DKK 480,00 1.200 * Alle priser er i kr. og inkl. moms.") == "incl"
    )
    # both for the prices, or neither: as before
    assert page_vat("Priserne er ekskl. moms. Priserne inkl. moms fremgår af bilag 2.") == "excl"
    assert page_vat("Pris inkl. moms") == "incl"


def test_a_rent_is_a_price_column() -> None:
    assert role_of("Månedlig leje ekskl. moms") is not None
    role = role_of("Månedlig leje ekskl. moms")
    assert role is not None and (role.role, role.unit, role.vat) == ("price", Unit.MONTH, "excl")
    role = role_of("Døgnleje")
    assert role is not None and (role.role, role.unit) == ("price", Unit.DAY)
    hired = role_of("Udstyr til leje")  # what is hired, not its price
    assert hired is not None and hired.role == "description"


def test_small_tables_one_per_unit_each_keep_their_own_unit() -> None:
    """One small table per unit ("Ydelse | Literpris", "Ydelse | Pris pr. uge", ...): a
    table whose header names no unit of ours never takes the unit of the table above."""
    x = (72, 330)
    lines = [
        *PARTIES,
        "4. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Ydelse", "Literpris"], [["Saltlage", "kr. 1,45"]], x),
        *_table(["Ydelse", "Pris pr. uge"], [["Rådighedsvagt", "kr. 3.900,00"]], x),
        *_table(["Ydelse", "Timepris"], [["Saltspreder med fører", "kr. 980,00"]], x),
    ]
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [(t.description, t.unit) for t in terms.price_terms] == [
        ("Saltlage", Unit.LITRE),
        ("Saltspreder med fører", Unit.HOUR),
    ]
    assert [u.text.split(" | ")[0] for u in terms.unread_prices] == ["Rådighedsvagt"]


def test_a_unit_cell_without_its_pr_is_still_no_unit_of_ours() -> None:
    """ "påbegyndt halve time", "m² pr. år" in a unit column: per half hour, per area per
    year; read as "hour" or "year" they would misprice."""
    lines = [
        *PARTIES,
        "4. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Nr.", "Ydelse", "Enhed", "Pris"],
                [["V-1", "Ventetid ud over 15 min.", "påbegyndt halve time", "120,00"],
                 ["V-2", "Periodisk rengøring", "m² pr. år", "95,00"],
                 ["V-3", "Kørsel", "time", "640,00"]], (60, 110, 300, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [(t.item_id, t.unit) for t in terms.price_terms] == [("V-3", Unit.HOUR)]
    assert sorted(u.text.split(" | ")[0] for u in terms.unread_prices) == ["V-1", "V-2"]


def test_prices_named_by_their_unit_and_supplements_in_sentences() -> None:
    ctx = RowContext("da", "excl", "DKK")

    def read(text: str) -> list[tuple[str, Unit, Decimal]] | str | None:
        found = sentence_terms(text, 1, ctx)
        if isinstance(found, list):
            return [(t.description, t.unit, t.unit_price) for t in found]
        return None if found is None else found.reason

    assert read("Akut rengøring afregnes med en timepris på 612,50 kr. ekskl. moms.") == [
        ("Akut rengøring", Unit.HOUR, Decimal("612.50"))
    ]
    assert read("Timeprisen for fejemaskine med fører udgør kr. 905,00 ekskl. moms.") == [
        ("fejemaskine med fører", Unit.HOUR, Decimal("905.00"))
    ]
    assert read("The hourly rate for a sweeper with driver is DKK 905.00 excl. VAT.") == [
        ("a sweeper with driver", Unit.HOUR, Decimal("905.00"))
    ]
    assert read("Ved bestilling uden for normal arbejdstid tillægges 310,00 kr. pr. time.") == [
        ("bestilling uden for normal arbejdstid", Unit.HOUR, Decimal("310.00"))
    ]
    assert read(
        "For collection on a public holiday a supplement of DKK 215.00 per collection is charged."
    ) == [("collection on a public holiday", Unit.PIECE, Decimal("215.00"))]
    assert read(
        "The following unit prices apply: A wasted trip is charged at DKK 310.00 per trip."
    ) == [("A wasted trip", Unit.PIECE, Decimal("310.00"))]
    # a penalty per day is no price
    assert (
        read("Ved forsinkelse betaler Leverandøren en dagbod på 1.500 kr. pr. arbejdsdag.") is None
    )


def test_a_two_cell_priced_row_no_table_took_is_listed_for_review() -> None:
    """A small table whose header we do not know ("Ydelse | Abonnement") above one we do:
    its row is shown as not read, never dropped in silence."""
    x = (72, 330)
    lines = [
        *PARTIES,
        "4. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Ydelse", "Abonnement"], [["Adgang til ruteportal", "1.250,00"]], x),
        *_table(["Ydelse", "Timepris"], [["Saltspreder med fører", "980,00"]], x),
    ]
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [t.description for t in terms.price_terms] == ["Saltspreder med fører"]
    assert [u.text for u in terms.unread_prices] == ["Adgang til ruteportal | 1.250,00"]


def test_a_tables_vat_footnote_beats_the_general_statement() -> None:
    """ "Priser er ekskl. moms, medmindre andet er angivet" above a table whose price
    header carries an asterisk and whose footnote says "* inkl. moms"."""
    x = (72, 250, 380)
    lines = [
        *PARTIES,
        "4. Priser",
        "Priser er ekskl. moms, medmindre andet er angivet.",
        *_table(["Ydelse", "Enhed", "Pris"], [["Fejning af p-plads", "time", "540,00"]], x),
        "",
        *_table(["Ydelse", "Enhed", "Pris*"], [["Måttevask, ekstra", "stk.", "18,00"]], x),
        "* Priserne er inkl. moms.",
    ]
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [(t.description, t.vat) for t in terms.price_terms] == [
        ("Fejning af p-plads", "excl"),
        ("Måttevask, ekstra", "incl"),
    ]


def test_payment_days_in_a_sentence_that_also_sets_the_invoicing_deadline() -> None:
    for clause, days in (
        ("The Supplier shall invoice within 7 days after the end of each month; invoices are "
         "paid within 40 days of receipt.", 40),
        ("Fakturaen skal være Kommunen i hænde senest 6 dage efter månedens udløb; betaling "
         "sker 25 dage efter modtagelse.", 25),
        ("Fakturaen skal fremsendes senest 9 dage efter levering, og betalingsfristen er 35 "
         "dage.", 35),
        ("Kommunen betaler inden 21 dage.", 21),
    ):  # fmt: skip
        lines = [*PARTIES, "7. Betaling", clause]
        assert extract_contract(_pdf(lines), "k.pdf").payment_days == days, clause


def test_money_the_supplier_pays_is_no_price() -> None:
    ctx = RowContext("en", "excl", "DKK")
    text = "For each day of delay the Supplier pays DKK 1,200 per day."
    assert sentence_terms(text, 1, ctx) is None


def test_an_index_for_what_it_measures_and_a_cap_beside_a_penalty_cap() -> None:
    assert [n for _, n in facts.index_names("efter Vejdirektoratets indeks for drift")] == [
        "indeks for drift"
    ]
    assert facts.caps_and_thresholds(
        "The adjustment is capped at 2 per cent; penalties are capped at 15 per cent."
    ) == (Decimal("2"), None)


def test_volume_bands_at_the_end_of_descriptions_and_sizes_that_are_none() -> None:
    from extractors.contracts.prices.bands import banded_descriptions
    from extractors.types import ExtractedPriceTerm

    def term(description: str, price: str, item: str | None = None) -> ExtractedPriceTerm:
        return ExtractedPriceTerm(item_id=item, description=description, unit=Unit.LITRE,
                                  unit_price=Decimal(price), vat="excl", page=2)  # fmt: skip

    fuel = [term("Gasolie, leveret, 0-2.499 liter", "10.10"),
            term("Gasolie, leveret, 2.500-9.999 liter", "9.80"),
            term("Gasolie, leveret, 10.000 liter og derover", "9.55")]  # fmt: skip
    sizes = [
        term("Affaldsspand, 40-60 liter", "120.00"),
        term("Affaldsspand, 80-120 liter", "180.00"),
    ]
    alone = [term("Kanister, 10-20 liter", "95.00", "K-7")]
    terms = [*fuel, *sizes, *alone]
    banded_descriptions(terms, "da")
    assert [(t.description, t.tier_min, t.tier_max) for t in terms] == [
        ("Gasolie, leveret", 0, 2499),
        ("Gasolie, leveret", 2500, 9999),
        ("Gasolie, leveret", 10000, None),
        ("Affaldsspand, 40-60 liter", None, None),
        ("Affaldsspand, 80-120 liter", None, None),
        ("Kanister, 10-20 liter", None, None),
    ]


def test_a_price_header_per_hundred_is_no_price_per_piece() -> None:
    """ "Pris pr. 100 stk." over a unit column saying "stk." (a fifth review, of goods
    contracts): read per piece, every invoice line would look a hundred times cheaper."""
    lines = [
        *PARTIES,
        "4. Priser",
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris pr. 100 stk."],
                [["E-1", "Etiket 70x37 mm", "stk.", "31,00"]], (60, 110, 300, 430)),
        *_table(["Varenr.", "Beskrivelse", "Enhed", "Pris pr. 1.1.2027"],
                [["E-2", "Etiket 105x48 mm", "stk.", "0,45"]], (60, 110, 300, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [(t.item_id, t.unit) for t in terms.price_terms] == [("E-2", Unit.PIECE)]
    assert [u.text.split(" | ")[0] for u in terms.unread_prices] == ["E-1"]


def test_vat_inclusive_in_words_a_header_or_a_caption() -> None:
    assert role_of("Pris m. moms") is not None and role_of("Pris m. moms").vat == "incl"  # type: ignore[union-attr]
    assert role_of("Pris m/moms").vat == "incl"  # type: ignore[union-attr]
    x = (72, 300, 420)
    lines = [
        *PARTIES,
        "4. Priser",
        "Priserne er generelt ekskl. moms.",
        *_table(["Ydelse", "Enhed", "Pris"], [["Fejning", "time", "540,00"]], x),
        "",
        "The following prices are VAT inclusive:",
        *_table(["Ydelse", "Enhed", "Pris"], [["Forklæde", "stk.", "65,00"]], x),
    ]
    terms = extract_contract(_pdf(lines), "k.pdf")
    assert [(t.description, t.vat) for t in terms.price_terms] == [
        ("Fejning", "excl"),
        ("Forklæde", "incl"),
    ]
    sent = [*PARTIES, "7. Payment",
            "Invoices shall be sent electronically within 5 days of delivery.",
            "The invoice is payable within 30 days."]  # fmt: skip
    assert extract_contract(_pdf(sent), "k.pdf").payment_days == 30


def test_an_item_number_named_in_the_sentence_is_the_terms_item() -> None:
    """ "For X, varenr. Y, betaler Kunden ...": the item number Y, the description X (a
    fourteenth review: the number stayed in the description, and every invoice line
    billing Y was claimed unpriced)."""
    ctx = RowContext("da", "excl", "DKK")

    def read(text: str) -> list[tuple[str | None, str, Decimal]]:
        found = sentence_terms(text, 1, ctx)
        assert isinstance(found, list), found
        return [(t.item_id, t.description, t.unit_price) for t in found]

    assert read("For rådgiver, varenr. SK-420, betaler Kunden 1.318,50 kr. pr. time.") == [
        ("SK-420", "rådgiver", Decimal("1318.50"))
    ]
    assert read("Projektledelse, item no. PL-7, is charged at DKK 1,150.00 per hour.") == [
        ("PL-7", "Projektledelse", Decimal("1150.00"))
    ]
    # a number without a digit is no item number: the words stay the description
    assert (
        read("For rådgivning, varenr. ikke tildelt, betaler Kunden 900,00 kr. pr. time.")[0][0]
        is None
    )


def test_a_sentence_ending_in_kr_does_not_lend_its_words_to_the_next_price() -> None:
    from extractors.contracts.prices.prose import sentences

    lines = ["Samtlige priser er ekskl. moms og i kr.",
             "Konsulentbistand (K-3) afregnes med kr. 1.253,50 pr. time ekskl. moms."]  # fmt: skip
    assert sentences(lines)[-1].startswith("Konsulentbistand")
    assert sentences(["Vinduespudsning koster 1.200 kr. pr. gang."]) == [
        "Vinduespudsning koster 1.200 kr. pr. gang."
    ]

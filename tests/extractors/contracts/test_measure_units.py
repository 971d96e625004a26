"""Prices per measured quantity, as a municipality's operational services are billed:
transport per km, cleaning and paving per m², fencing per running metre, soil per m³,
waste and salt per tonne, fuel per litre, rental per day. Each is a unit of its own
(``Unit.KM`` ...), compared with invoice lines in the same dimension only
(``rules.units``); a measure per period ("pr. m² pr. måned"), a thing per day ("pr. stk.
pr. døgn") or per week stays no unit of ours: listed as not read, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.contracts import extract_contract
from extractors.contracts.patterns import unit_of
from extractors.contracts.prices.cells import price_cell_unit, unit_in_cell
from extractors.types import Unit
from tests.extractors.contracts.test_prices_per_period import _pdf, _table

HEAD = [
    "Kontrakt om kørsel, rengøring og vintertjeneste",
    "Kontrakten er indgået mellem Egeby Kommune, CVR-nr. 29189803, og",
    "Vejservice Syd ApS, CVR-nr. 31415926.",
    "Kontrakten gælder fra 1. april 2026 til og med 31. marts 2028.",
    "3. Priser",
]


@pytest.mark.parametrize(
    "cell,unit",
    [
        ("km", Unit.KM), ("Km", Unit.KM), ("pr. km", Unit.KM), ("kr./km", Unit.KM),
        ("Kørsel pr. km", Unit.KM), ("m²", Unit.SQUARE_METRE), ("m2", Unit.SQUARE_METRE),
        ("kvm", Unit.SQUARE_METRE), ("Hovedrengøring pr. m²", Unit.SQUARE_METRE),
        ("m³", Unit.CUBIC_METRE), ("lbm", Unit.METRE), ("Løbende meter", Unit.METRE),
        ("m", Unit.METRE), ("Liter", Unit.LITRE), ("l", Unit.LITRE), ("ton", Unit.TONNE),
        ("Tons", Unit.TONNE), ("Dag", Unit.DAY), ("døgn", Unit.DAY), ("pr. døgn", Unit.DAY),
        ("Tur", Unit.PIECE), ("tømning", Unit.PIECE), ("Container", Unit.PIECE),
        ("kg", Unit.KG), ("Sæk 25 kg", Unit.PIECE), ("Pakke à 5 l", Unit.PIECE),
        ("Timer", Unit.HOUR), ("fl.", Unit.PIECE), ("ks.", Unit.PIECE), ("bdt.", Unit.PIECE),
        ("kolli", Unit.PIECE), ("pallet", Unit.PIECE), ("pr. side", Unit.TRANSACTION),
        ("case", Unit.PIECE), ("case of 12 x 100", Unit.PIECE),
        ("per support case", Unit.TRANSACTION), ("pr. sag", Unit.TRANSACTION),
        ("100 stk.", None), ("1.000 stk.", None), ("1 stk.", Unit.PIECE),
        ("Side 1 af 2", None),
        # no unit of ours: a measure per period, a thing per day
        ("pr. m² pr. måned", None), ("pr. stk. pr. døgn", None), ("uge", Unit.WEEK), ("½ time", None),
        ("påbegyndt halve time", None), ("m² pr. år", None),
        ("pr. uge", Unit.WEEK), ("Aften og nat", None),
        # a week, a quarter, a hectare; a thing or a measure per one of them is none
        ("pr. kvartal", Unit.QUARTER), ("Kvartalsvis", Unit.QUARTER), ("per quarter", Unit.QUARTER),
        ("weekly", Unit.WEEK), ("ha", Unit.HECTARE), ("pr. ha", Unit.HECTARE),
        ("per hectare", Unit.HECTARE), ("pr. bruger pr. kvartal", None),
        ("pr. stk. pr. uge", None), ("pr. ha pr. år", None), ("per quarter-hour", None),
    ],
)  # fmt: skip
def test_a_unit_cell(cell: str, unit: Unit | None) -> None:
    assert unit_in_cell(cell) is unit


@pytest.mark.parametrize(
    "cell,unit",
    [
        ("4,85 kr./km", Unit.KM), ("DKK 12.50 per m²", Unit.SQUARE_METRE),
        ("100,00 kr./døgn", Unit.DAY), ("1.250 kr./ton", Unit.TONNE),
        ("3,20 kr./l", Unit.LITRE), ("45,00 kr./m", Unit.METRE), ("950,00 kr./time", Unit.HOUR),
        ("725,00 kr./uge", Unit.WEEK), ("1.150 kr./ha", Unit.HECTARE),
    ],
)  # fmt: skip
def test_a_unit_after_the_price_in_its_cell(cell: str, unit: Unit) -> None:
    assert price_cell_unit(cell) is unit


@pytest.mark.parametrize(
    "text,unit",
    [
        ("12,50 kr. pr. kørt kilometer", Unit.KM), ("pr. kvm", Unit.SQUARE_METRE),
        ("pr. løbende meter", Unit.METRE), ("per tonne", Unit.TONNE), ("per day", Unit.DAY),
        ("Dagspris", Unit.DAY), ("pr. påbegyndt dag", Unit.DAY),
        ("pr. m² pr. måned", None), ("per person per day", None), ("pr. bruger pr. dag", None),
        ("pr. 1.000 liter", None), ("pr. m.", None), ("pr. md.", Unit.MONTH),
        ("3.800 kr. pr. kvartal", Unit.QUARTER), ("per week", Unit.WEEK),
        ("pr. hektar", Unit.HECTARE), ("pr. stk. pr. uge", None), ("per quarter hour", None),
        ("pr. halvår", None),
    ],
)  # fmt: skip
def test_a_unit_in_words(text: str, unit: Unit | None) -> None:
    assert unit_of(text) is unit


def test_a_price_list_of_operational_services() -> None:
    lines = [
        *HEAD,
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Nr.", "Ydelse", "Enhed", "Enhedspris"],
                [["K-1", "Siddende kørsel", "km", "12,50"],
                 ["K-2", "Kørestolstillæg", "pr. tur", "85,00"],
                 ["R-1", "Hovedrengøring", "m²", "9,40"],
                 ["A-1", "Vejsalt, leveret", "ton", "1.180,00"],
                 ["L-1", "Lift, 12 m", "døgn", "1.450,00"],
                 ["B-1", "Fyringsolie", "liter", "11,20"],
                 ["H-1", "Trådhegn, 1,2 m", "lbm", "185,00"],
                 ["R-2", "Ugentlig rengøring", "pr. m² pr. måned", "6,10"]],
                (60, 110, 300, 430)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [(t.item_id, t.unit, t.unit_price) for t in terms.price_terms] == [
        ("K-1", Unit.KM, Decimal("12.50")),
        ("K-2", Unit.PIECE, Decimal("85.00")),
        ("R-1", Unit.SQUARE_METRE, Decimal("9.40")),
        ("A-1", Unit.TONNE, Decimal("1180.00")),
        ("L-1", Unit.DAY, Decimal("1450.00")),
        ("B-1", Unit.LITRE, Decimal("11.20")),
        ("H-1", Unit.METRE, Decimal("185.00")),
    ]
    assert [u.text.split(" | ")[0] for u in terms.unread_prices] == ["R-2"]


def test_measured_prices_in_sentences_and_a_penalty_per_day_that_is_none() -> None:
    lines = [
        *HEAD,
        "3.1 Kørsel afregnes med 12,50 kr. pr. kørt kilometer ekskl. moms.",
        "3.2 Hovedrengøring afregnes med 9,40 kr. pr. m² ekskl. moms.",
        "3.3 Ved forsinket levering betaler Leverandøren en dagbod på 1.500 kr. pr. arbejdsdag.",
    ]
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert sorted((t.unit, t.unit_price) for t in terms.price_terms) == [
        (Unit.KM, Decimal("12.50")),
        (Unit.SQUARE_METRE, Decimal("9.40")),
    ]


@pytest.mark.parametrize(
    "header,unit",
    [
        ("Annual price per m²", None), ("Årlig pris pr. m²", None),
        ("Monthly price per km", None), ("Yearly price per tonne", None),
        ("Månedlig pris pr. time", None), ("Annual price", Unit.YEAR),
        ("Årspris pr. stk.", Unit.PIECE), ("Kvadratmeterpris", Unit.SQUARE_METRE),
        ("Price per m²", Unit.SQUARE_METRE),
    ],
)  # fmt: skip
def test_a_price_header_naming_its_period_before_its_measure(
    header: str, unit: Unit | None
) -> None:
    """A yearly or monthly price per m², km, tonne or hour is no unit of ours, whichever
    of the two the header names first; its rows are listed as not read."""
    lines = [
        *HEAD,
        "Alle priser er i kr. ekskl. moms.",
        *_table(["Ydelse", header], [["Periodisk rengøring, idrætshaller", "78,75"]], (60, 330)),
    ]
    terms = extract_contract(_pdf(lines), "kontrakt.pdf")
    assert [t.unit for t in terms.price_terms] == ([unit] if unit else [])
    assert len(terms.unread_prices) == (0 if unit else 1)


def test_an_item_number_written_on_its_first_band_only_is_every_bands() -> None:
    """A price list writing an item's number on the row of its first volume band only
    (the others name the same item, their bands after it): every band is that item's,
    so a line billing the item in a later band is priced in it, not unpriced."""
    lines = [
        "Service and Licence Agreement",
        "Customer: Egeby Municipality, CVR 29189803",
        "Supplier: Vejservice Syd ApS, CVR 31415926",
        "This Agreement enters into force on 2026-04-01 and is valid for 24 months.",
        "3 Prices",
        "Prices are stated in Danish kroner excluding VAT.",
        *_table(["Item", "Description", "Unit", "Price DKK"],
                [["WX-10", "Route planning licence, 1-25 users", "per user per year", "4.120,00"],
                 ["", "Route planning licence, 26-200 users", "per user per year", "3.605,50"],
                 ["", "Route planning licence, more than 200 users", "per user per year",
                  "3.090,25"],
                 ["WX-20", "Depot terminal", "per year", "9.800,00"]],
                (60, 110, 330, 470)),
    ]  # fmt: skip
    terms = extract_contract(_pdf(lines), "agreement.pdf")
    assert [
        (t.item_id, t.description, t.tier_min, t.tier_max, t.unit_price) for t in terms.price_terms
    ] == [
        ("WX-10", "Route planning licence", Decimal(1), Decimal(25), Decimal("4120.00")),
        ("WX-10", "Route planning licence", Decimal(26), Decimal(200), Decimal("3605.50")),
        ("WX-10", "Route planning licence", Decimal(201), None, Decimal("3090.25")),
        ("WX-20", "Depot terminal", None, None, Decimal("9800.00")),
    ]

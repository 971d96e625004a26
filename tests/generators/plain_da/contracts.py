"""The plain_da contracts: each function returns (title, story, truth[, pagesize, footer]).

Written by hand, independently of the extractor and of the other generators: the wording
is the kind Danish municipalities sign (Rammeaftale, Leveringsaftale, K01/K02 with a
prisbilag, Tilbudsliste, Ydelsesbeskrivelse) plus English SaaS order forms and one
bilingual agreement. The truth is what a careful reader would write down.

Truth units (this generator's own vocabulary): hour, each, package, user_month, user_year,
licence_month, licence_year, inhabitant_year, month, year, fixed, transaction, day.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.generators.plain_da.render import (
    A4,
    PageBreak,
    Spacer,
    Styles,
    grid_table,
    landscape,
    mm,
    plain_table,
)

Truth = dict[str, Any]


def price(
    item: str | None,
    description: str,
    unit: str,
    unit_price: str,
    tier_min: int | None = None,
    tier_max: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    row = {
        "item_id": item,
        "description": description,
        "unit": unit,
        "unit_price": unit_price,
        "tier_min": tier_min,
        "tier_max": tier_max,
    }
    row.update(extra)
    return row


def truth(
    effective: str,
    expiry: str | None,
    payment_days: int | None,
    mfn: bool,
    indexation: dict[str, Any] | None,
    currency: str,
    prices: list[dict[str, Any]],
    **extra: Any,
) -> Truth:
    out = {
        "effective_date": effective,
        "expiry_date": expiry,
        "payment_days": payment_days,
        "mfn": mfn,
        "indexation": indexation,
        "currency": currency,
        "price_terms": prices,
    }
    out.update(extra)
    return out


def index(name: str, cap_pct: str | None, first: str | None) -> dict[str, Any]:
    return {"index": name, "cap_pct": cap_pct, "first_adjustment": first}


def parties(s: Styles, buyer: str, cvr_b: str, seller: str, cvr_s: str, da: bool = True) -> list:
    between = "mellem" if da else "between"
    and_ = "og" if da else "and"
    return [
        s.p(f"{between}"),
        s.p(f"<b>{buyer}</b><br/>CVR-nr. {cvr_b}<br/>(herefter “Kunden”)" if da else
            f"<b>{buyer}</b><br/>CVR no. {cvr_b}<br/>(the “Customer”)"),
        s.p(and_),
        s.p(f"<b>{seller}</b><br/>CVR-nr. {cvr_s}<br/>(herefter “Leverandøren”)" if da else
            f"<b>{seller}</b><br/>CVR no. {cvr_s}<br/>(the “Supplier”)"),
        Spacer(1, 6 * mm),
    ]  # fmt: skip


def signatures(s: Styles, place_date_b: str, place_date_s: str, da: bool = True) -> list:
    who = ("For Kunden", "For Leverandøren") if da else ("For the Customer", "For the Supplier")
    return [
        Spacer(1, 10 * mm),
        plain_table(
            [[place_date_b, place_date_s], ["", ""], ["_______________________"] * 2, list(who)],
            [80 * mm, 80 * mm],
            s,
        ),
    ]


# --------------------------------------------------------------------------------------
# 1. Rammeaftale om IT-konsulentydelser: "1. april 2025", term as a duration, NPI cap,
#    MFN in plain Danish, hourly rates "1.250,00 kr." in a ruled table.
def rammeaftale_konsulent() -> tuple:
    s = Styles()
    title = "Rammeaftale om IT-konsulentydelser"
    story = [
        s.title(title),
        s.p("Udbud nr. 2024/117 – tilbudsfrist 14. januar 2025"),
        *parties(s, "Horsens Kommune", "29189676", "Dataværket ApS", "31245687"),
        s.h("1. Aftalens genstand"),
        s.p("Rammeaftalen omfatter konsulentbistand til udvikling, test og drift af Kundens "
            "fagsystemer. Der er ingen garanti for omsætning; den forventede værdi er anslået "
            "til 4.500.000 kr. ekskl. moms over hele perioden."),
        s.h("2. Ikrafttræden og varighed"),
        s.p("Rammeaftalen træder i kraft den 1. april 2025 og løber i 36 måneder fra "
            "ikrafttrædelse, hvorefter den ophører uden yderligere varsel."),
        s.h("3. Priser"),
        s.p("Alle priser er angivet i danske kroner ekskl. moms og er timepriser."),
        grid_table(
            [
                ["Pos.", "Rolle", "Enhed", "Timepris ekskl. moms"],
                ["1", "Juniorkonsulent", "pr. time", "895,00 kr."],
                ["2", "Seniorkonsulent", "pr. time", "1.250,00 kr."],
                ["3", "Løsningsarkitekt", "pr. time", "1.475,00 kr."],
                ["4", "Projektleder", "pr. time", "1.350,00 kr."],
            ],
            [15 * mm, 70 * mm, 30 * mm, 45 * mm], s, right_cols=[3],
        ),
        s.p("Rejsetid faktureres ikke. Ved forsinkelse betaler Leverandøren en dagbod på "
            "2.500 kr. pr. påbegyndt arbejdsdag."),
        s.h("4. Prisregulering"),
        s.p("Priserne er faste i de første 12 måneder. Herefter reguleres priserne årligt efter "
            "nettoprisindekset (NPI), dog max 3 %. Første regulering kan ske pr. 1. april 2026 "
            "med 3 måneders skriftligt varsel."),
        s.h("5. Mestbegunstigelse"),
        s.p("Leverandøren garanterer, at Kunden til enhver tid opnår priser, der er mindst lige "
            "så gunstige som dem, Leverandøren tilbyder andre offentlige kunder for tilsvarende "
            "ydelser."),
        s.h("6. Betaling"),
        s.p("Betalingsbetingelser: netto 30 dage fra modtagelse af korrekt elektronisk faktura."),
        *signatures(s, "Horsens, den 20. marts 2025", "Aarhus, den 18. marts 2025"),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2028-03-31", 30, True, index("NPI", "3", "2026-04-01"), "DKK",
        [
            price("1", "Juniorkonsulent", "hour", "895.00"),
            price("2", "Seniorkonsulent", "hour", "1250.00"),
            price("3", "Løsningsarkitekt", "hour", "1475.00"),
            price("4", "Projektleder", "hour", "1350.00"),
        ],
        expiry_also="2028-04-01",
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 2. Leveringsaftale om bærbare computere: "01-04-2025", tiers "1-100 stk.", "101+ stk.",
#    "DKK 7.450", payment "løbende måned + 30 dage", fixed prices, no MFN.
def leveringsaftale_pc() -> tuple:
    s = Styles("Times-Roman", 11)
    title = "Leveringsaftale – bærbare computere og dockingstationer"
    story = [
        s.title(title),
        *parties(s, "Skanderborg Kommune", "29189587", "Nordisk IT Engros A/S", "27461032"),
        s.h("§ 1 Gyldighed"),
        s.p("Aftalen gælder fra 01-04-2025 til og med 31-03-2027."),
        s.h("§ 2 Priser og rabattrin"),
        s.p("Priserne afhænger af antal enheder pr. ordre. Alle beløb er ekskl. moms og inkl. "
            "fragt."),
        grid_table(
            [
                ["Varenr.", "Beskrivelse", "Antal", "Stykpris"],
                ["HW-1401", "Bærbar computer 14\", 16 GB RAM", "1-100 stk.", "DKK 7.450"],
                ["HW-1401", "Bærbar computer 14\", 16 GB RAM", "101+ stk.", "DKK 6.980"],
                ["HW-2200", "USB-C dockingstation", "1-100 stk.", "DKK 1.195"],
                ["HW-2200", "USB-C dockingstation", "101+ stk.", "DKK 1.090"],
            ],
            [25 * mm, 70 * mm, 30 * mm, 35 * mm], s, right_cols=[3],
        ),
        s.h("§ 3 Faste priser"),
        s.p("Priserne er faste i hele aftalens løbetid og kan ikke reguleres."),
        s.h("§ 4 Betaling"),
        s.p("Betaling sker løbende måned + 30 dage efter levering og modtagelse af faktura."),
        *signatures(s, "Skanderborg, 25. marts 2025", "Kolding, 24. marts 2025"),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2027-03-31", 30, False, None, "DKK",
        [
            price("HW-1401", "Bærbar computer 14\", 16 GB RAM", "each", "7450.00", 1, 100),
            price("HW-1401", "Bærbar computer 14\", 16 GB RAM", "each", "6980.00", 101, None),
            price("HW-2200", "USB-C dockingstation", "each", "1195.00", 1, 100),
            price("HW-2200", "USB-C dockingstation", "each", "1090.00", 101, None),
        ],
        payment_note="løbende måned + 30 dage",
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 3. K02 driftsaftale with "Bilag 1 Prisbilag" after several pages of clauses; date
#    "1/4 2025"; "kr. 1.250,-"; NPI dog højst 2,5 %, first 1. januar 2027; no MFN clause.
def k02_drift() -> tuple:
    s = Styles()
    title = "Kontrakt om drift af ESDH-løsning (K02)"
    clauses = [
        ("1. Kontraktens formål", "Leverandøren overtager driften af Kundens ESDH-løsning som "
         "beskrevet i Bilag 3 Ydelsesbeskrivelse og med de servicemål, der fremgår af Bilag 4."),
        ("2. Ikrafttræden", "Kontrakten træder i kraft ved underskrift, dog tidligst 1/4 2025, "
         "og driftsovertagelsen sker samme dag."),
        ("3. Løbetid", "Kontrakten er uopsigelig til 31/3 2029 og ophører herefter uden varsel."),
        ("4. Servicemål", "Tilgængeligheden skal være mindst 99,5 % målt pr. kalendermåned. "
         "Ved manglende opfyldelse betales bod svarende til 5 % af det månedlige driftsvederlag."),
        ("5. Vederlag", "Kundens betaling for ydelserne fremgår udtømmende af Bilag 1 Prisbilag."),
        ("6. Prisregulering", "Leverandøren kan én gang årligt regulere priserne med udviklingen "
         "i Danmarks Statistiks nettoprisindeks, dog højst 2,5 % pr. år. Regulering kan første "
         "gang ske den 1. januar 2027 med udgangspunkt i indekset for oktober 2026."),
        ("7. Fakturering og betaling", "Vederlaget faktureres kvartalsvis forud. Betalingsfristen "
         "er 30 dage netto."),
        ("8. Misligholdelse", "Væsentlig misligholdelse giver ret til ophævelse. Erstatning er "
         "begrænset til 2.000.000 kr. pr. kontraktår."),
    ]  # fmt: skip
    story: list = [
        s.title(title),
        *parties(s, "Silkeborg Kommune", "29189781", "Drift &amp; Hosting Danmark A/S", "35812290"),
    ]
    for head, body in clauses:
        story += [
            s.h(head),
            s.p(body),
            s.p(
                "Parterne er enige om, at bestemmelsen fortolkes i overensstemmelse med "
                "statens standardkontrakt for drift, og at eventuelle uoverensstemmelser mellem "
                "kontrakten og bilagene løses efter bilagenes rækkefølge i punkt 20. " * 3
            ),
        ]
    story += [
        *signatures(s, "Silkeborg, den 28. marts 2025", "Ballerup, den 27. marts 2025"),
        PageBreak(),
        s.title("Bilag 1 Prisbilag"),
        s.p("Alle priser er i DKK ekskl. moms."),
        grid_table(
            [
                ["Nr.", "Ydelse", "Enhed", "Pris"],
                ["1.1", "Basisdrift af ESDH-platform", "pr. måned", "kr. 48.500,-"],
                ["1.2", "Brugerlicens ESDH", "pr. bruger pr. måned", "kr. 85,-"],
                ["1.3", "Ekstra lagerplads (100 GB)", "pr. måned", "kr. 1.250,-"],
                ["2.1", "Supervisor-support", "pr. time", "kr. 1.150,-"],
                ["2.2", "Årlig disaster recovery-test", "pr. år", "kr. 24.000,-"],
            ],
            [15 * mm, 70 * mm, 40 * mm, 35 * mm], s, right_cols=[3],
        ),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2029-03-31", 30, False, index("NPI", "2.5", "2027-01-01"), "DKK",
        [
            price("1.1", "Basisdrift af ESDH-platform", "month", "48500.00"),
            price("1.2", "Brugerlicens ESDH", "user_month", "85.00"),
            price("1.3", "Ekstra lagerplads (100 GB)", "month", "1250.00"),
            price("2.1", "Supervisor-support", "hour", "1150.00"),
            price("2.2", "Årlig disaster recovery-test", "year", "24000.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 4. English SaaS order form in EUR: "April 1, 2025", 12-month subscription term,
#    "30 days net", CPI yearly, MFN "most favored customer".
def saas_order_form() -> tuple:
    s = Styles()
    title = "Order Form – CloudCase Platform Subscription"
    story = [
        s.title(title),
        s.p("Order Form No. OF-2025-0412. This Order Form is governed by the CloudCase Master "
            "Subscription Agreement."),
        plain_table(
            [
                ["Customer:", "Odense Kommune (CVR 35209115)"],
                ["Vendor:", "CloudCase Europe B.V."],
                ["Order Date:", "March 14, 2025"],
                ["Subscription Start Date:", "April 1, 2025"],
                ["Subscription Term:", "12 months"],
                ["Payment Terms:", "30 days net"],
                ["Currency:", "EUR"],
            ],
            [55 * mm, 110 * mm], s,
        ),
        s.h("Fees"),
        grid_table(
            [
                ["SKU", "Product", "Billing Unit", "Unit Price", "Qty"],
                ["CC-ENT", "CloudCase Enterprise", "per user per month", "EUR 99.00", "250"],
                ["CC-API", "API Add-on", "per month", "EUR 450.00", "1"],
                ["CC-SB", "Sandbox Environment", "per year", "EUR 2,400.00", "1"],
            ],
            [22 * mm, 55 * mm, 40 * mm, 28 * mm, 15 * mm], s, right_cols=[3, 4],
        ),
        s.p("One-time onboarding fee of EUR 3,500.00 is waived."),
        s.h("Price Adjustment"),
        s.p("Fees will be adjusted yearly by CPI (the Harmonised Index of Consumer Prices for "
            "the euro area) on each renewal, the first adjustment taking effect on April 1, 2026."),
        s.h("Most Favored Customer"),
        s.p("Vendor represents that the fees set out in this Order Form are no less favorable "
            "than the fees charged to any other public-sector customer purchasing comparable "
            "volumes."),
        s.h("Renewal"),
        s.p("This Order Form does not renew automatically."),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2026-03-31", 30, True, index("HICP", None, "2026-04-01"), "EUR",
        [
            price("CC-ENT", "CloudCase Enterprise", "user_month", "99.00"),
            price("CC-API", "API Add-on", "month", "450.00"),
            price("CC-SB", "Sandbox Environment", "year", "2400.00"),
        ],
        expiry_also="2026-04-01",
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 5. Tilbudsliste for tolkeydelser: prices "1 250,00" (space thousands), an estimated
#    quantity and a total column, dates in prose, MFN explicitly disclaimed.
def tilbudsliste_tolk() -> tuple:
    s = Styles("Helvetica", 9)
    title = "Kontrakt om tolkeydelser – Tilbudsliste"
    story = [
        s.title(title),
        *parties(s, "Aalborg Kommune", "29189420", "Tolkecentret Nord ApS", "38120044"),
        s.p("Kontrakten træder i kraft den 1. maj 2025 og udløber den 30. april 2027. Kunden "
            "har option på forlængelse i 2 x 12 måneder."),
        s.p("Betalingsbetingelserne er netto 30 dage."),
        s.p("Der gælder ikke mestbegunstigelse i denne kontrakt, og Leverandøren er ikke "
            "forpligtet til at tilbyde Kunden de priser, der gælder for andre kunder."),
        s.p("Priserne er faste i kontraktperioden."),
        s.h("Tilbudsliste (alle beløb i kr. ekskl. moms)"),
        grid_table(
            [
                ["Linje", "Ydelse", "Enhed", "Anslået mængde", "Enhedspris", "I alt"],
                ["A", "Fremmødetolkning, dagtid", "pr. time", "1 200", "495,00", "594 000,00"],
                ["B", "Fremmødetolkning, aften/weekend", "pr. time", "300", "645,00", "193 500,00"],
                ["C", "Videotolkning", "pr. time", "800", "425,00", "340 000,00"],
                ["D", "Skriftlig oversættelse", "pr. normalside", "400", "1 250,00", "500 000,00"],
                ["E", "Kørsel", "pr. km", "10 000", "3,79", "37 900,00"],
                ["", "Samlet tilbudssum", "", "", "", "1 665 400,00"],
            ],
            [13 * mm, 52 * mm, 27 * mm, 25 * mm, 22 * mm, 28 * mm], s, right_cols=[3, 4, 5],
        ),
        *signatures(s, "Aalborg, 10. april 2025", "Aalborg, 9. april 2025"),
    ]  # fmt: skip
    t = truth(
        "2025-05-01", "2027-04-30", 30, False, None, "DKK",
        [
            price("A", "Fremmødetolkning, dagtid", "hour", "495.00"),
            price("B", "Fremmødetolkning, aften/weekend", "hour", "645.00"),
            price("C", "Videotolkning", "hour", "425.00"),
            price("D", "Skriftlig oversættelse", "page", "1250.00"),
            price("E", "Kørsel", "km", "3.79"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 6. Ydelsesbeskrivelse with prices stated in sentences, per inhabitant with tiers,
#    open-ended term, ISO-less date "1. januar 2026".
def ydelsesbeskrivelse_indbygger() -> tuple:
    s = Styles("Times-Roman", 11)
    title = "Aftale om borgerrettet selvbetjeningsløsning med Ydelsesbeskrivelse"
    story = [
        s.title(title),
        *parties(s, "Favrskov Kommune", "29189714", "Selvbetjening.dk A/S", "32567781"),
        s.h("Ydelsesbeskrivelse"),
        s.p("Leverandøren stiller en webbaseret selvbetjeningsløsning til rådighed for Kundens "
            "borgere, herunder formularer, digital post-integration og statistikmodul."),
        s.h("Vederlag"),
        s.p("For løsningen betaler Kunden et årligt abonnement beregnet på grundlag af "
            "kommunens indbyggertal pr. 1. januar. For de første 50.000 indbyggere udgør prisen "
            "12,75 kr. pr. indbygger pr. år, og for indbyggere herudover udgør prisen 9,40 kr. "
            "pr. indbygger pr. år. Alle priser er ekskl. moms."),
        s.p("Integration til Kundens ESDH-system udføres til en fast pris på 38.000 kr. "
            "ekskl. moms, der faktureres ved idriftsættelse."),
        s.h("Løbetid og opsigelse"),
        s.p("Aftalen træder i kraft den 1. januar 2026 og løber indtil den opsiges. Hver af "
            "parterne kan opsige aftalen med 6 måneders varsel til udgangen af et kalenderår."),
        s.h("Betaling"),
        s.p("Abonnementet faktureres årligt forud. Betaling sker netto 30 dage."),
        s.h("Regulering"),
        s.p("Priserne reguleres årligt pr. 1. januar efter nettoprisindekset (NPI), første gang "
            "1. januar 2027."),
    ]  # fmt: skip
    t = truth(
        "2026-01-01", None, 30, False, index("NPI", None, "2027-01-01"), "DKK",
        [
            price(None, "Selvbetjeningsløsning, de første 50.000 indbyggere", "inhabitant_year",
                  "12.75", 0, 50000),
            price(None, "Selvbetjeningsløsning, indbyggere herudover", "inhabitant_year",
                  "9.40", 50001, None),
            price(None, "Integration til ESDH-system", "fixed", "38000.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 7. Bilingual licence agreement, two columns Danish | English, each clause in both.
def bilingual_licens() -> tuple:
    s = Styles("Helvetica", 9)
    title = "Licensaftale / Licence Agreement"
    rows = [
        ("<b>Parter</b><br/>Vejle Kommune, CVR-nr. 29189900 (Kunden) og GeoMap Nordic AB, "
         "org.nr. 556677-8899 (Leverandøren).",
         "<b>Parties</b><br/>Vejle Kommune, CVR no. 29189900 (the Customer) and GeoMap Nordic "
         "AB, reg. no. 556677-8899 (the Supplier)."),
        ("<b>Ikrafttræden</b><br/>Aftalen træder i kraft 1. juni 2025 og udløber 31. maj 2028.",
         "<b>Effective date</b><br/>This Agreement takes effect on June 1, 2025 and expires on "
         "May 31, 2028."),
        ("<b>Betaling</b><br/>30 dage netto.", "<b>Payment</b><br/>30 days net."),
        ("<b>Mestbegunstigelse</b><br/>Leverandøren skal give Kunden de samme eller bedre "
         "priser end dem, der gives til andre danske kommuner.",
         "<b>Most favoured customer</b><br/>The Supplier shall grant the Customer prices equal "
         "to or better than those granted to other Danish municipalities."),
        ("<b>Prisregulering</b><br/>Ingen. Priserne er faste i aftalens løbetid.",
         "<b>Price adjustment</b><br/>None. Prices are fixed for the term."),
    ]  # fmt: skip
    story = [
        s.title(title),
        Spacer(1, 4 * mm),
        plain_table([[s.p(a), s.p(b)] for a, b in rows], [83 * mm, 83 * mm], s),
        s.h("Priser / Prices (DKK ekskl. moms / excl. VAT)"),
        grid_table(
            [
                ["Nr./No.", "Licens / Licence", "Enhed / Unit", "Pris / Price"],
                ["GM-10", "GIS-viewer", "pr. bruger pr. år / per user per year", "DKK 1.250,00"],
                ["GM-20", "GIS-editor", "pr. bruger pr. år / per user per year", "DKK 4.800,00"],
                ["GM-90", "Hosting", "pr. år / per year", "DKK 36.000,00"],
            ],
            [20 * mm, 40 * mm, 65 * mm, 40 * mm], s, right_cols=[3],
        ),
    ]  # fmt: skip
    t = truth(
        "2025-06-01", "2028-05-31", 30, True, None, "DKK",
        [
            price("GM-10", "GIS-viewer", "user_year", "1250.00"),
            price("GM-20", "GIS-editor", "user_year", "4800.00"),
            price("GM-90", "Hosting", "year", "36000.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 8. Rammeaftale om kontorartikler: a long price table split over two pages (header not
#    repeated), "pr. stk." / "pr. pakke" / "pr. æske", date "01-08-2025".
OFFICE = [
    ("KA-001", "Kuglepen, blå", "stk.", "4,25"),
    ("KA-002", "Kuglepen, sort", "stk.", "4,25"),
    ("KA-003", "Blyant HB", "stk.", "2,10"),
    ("KA-004", "Viskelæder", "stk.", "3,50"),
    ("KA-005", "Kopipapir A4, 80 g", "pakke", "32,95"),
    ("KA-006", "Kopipapir A3, 80 g", "pakke", "71,50"),
    ("KA-007", "Ringbind A4, 40 mm", "stk.", "18,40"),
    ("KA-008", "Plastlommer A4", "æske", "42,00"),
    ("KA-009", "Post-it 76x76", "pakke", "54,75"),
    ("KA-010", "Hæftemaskine", "stk.", "89,00"),
    ("KA-011", "Hæfteklammer 24/6", "æske", "9,80"),
    ("KA-012", "Saks, 21 cm", "stk.", "38,50"),
    ("KA-013", "Tape, 19 mm", "stk.", "6,45"),
    ("KA-014", "Tusch, whiteboard sort", "stk.", "11,20"),
    ("KA-015", "Tavlevisker", "stk.", "24,00"),
    ("KA-016", "Kuverter C5", "æske", "96,00"),
    ("KA-017", "Kuverter C4", "æske", "148,00"),
    ("KA-018", "Mappe, plast A4", "stk.", "3,95"),
    ("KA-019", "Skrivebordsunderlag", "stk.", "129,00"),
    ("KA-020", "Lineal 30 cm", "stk.", "7,60"),
    ("KA-021", "Hulemaskine", "stk.", "112,00"),
    ("KA-022", "Notesblok A4, linjeret", "stk.", "14,90"),
    ("KA-023", "Kalender 2026", "stk.", "79,00"),
    ("KA-024", "Etiketter, 100 ark", "pakke", "189,00"),
    ("KA-025", "Batterier AA", "pakke", "36,00"),
    ("KA-026", "Batterier AAA", "pakke", "36,00"),
    ("KA-027", "Brevbakke", "stk.", "27,50"),
    ("KA-028", "Pennalhus", "stk.", "45,00"),
    ("KA-029", "Overstregningspen, gul", "stk.", "6,90"),
    ("KA-030", "Gummielastikker", "pakke", "15,25"),
    ("KA-031", "Clips, 32 mm", "æske", "8,75"),
    ("KA-032", "Skilleblade A4, 1-10", "stk.", "12,40"),
    ("KA-033", "Arkivkasse", "stk.", "19,95"),
    ("KA-034", "Lamineringslommer A4", "pakke", "119,00"),
    ("KA-035", "Kopipapir A4, genbrug", "pakke", "35,50"),
    ("KA-036", "Kuglepen, rød", "stk.", "4,25"),
    ("KA-037", "Whiteboard-spray", "stk.", "39,00"),
    ("KA-038", "Klipbord A4", "stk.", "22,00"),
    ("KA-039", "Mødeblok A5", "stk.", "9,95"),
    ("KA-040", "Stempelpude", "stk.", "48,00"),
    ("KA-041", "Tape-dispenser", "stk.", "59,00"),
    ("KA-042", "Papirkurv", "stk.", "65,00"),
    ("KA-043", "Magneter, 10 stk.", "pakke", "28,00"),
    ("KA-044", "Printeretiketter", "pakke", "74,00"),
    ("KA-045", "Kuverter E65", "æske", "88,00"),
]
UNIT_OF = {"stk.": "each", "pakke": "package", "æske": "box"}


def rammeaftale_kontorartikler() -> tuple:
    s = Styles("Helvetica", 10)
    title = "Rammeaftale om kontorartikler"
    rows = [["Varenr.", "Vare", "Enhed", "Pris ekskl. moms"]]
    rows += [[n, d, f"pr. {u}", f"{p} kr."] for n, d, u, p in OFFICE]
    story = [
        s.title(title),
        *parties(s, "Fællesindkøb Midt (på vegne af 8 kommuner)", "29189668",
                 "Kontorhuset Danmark A/S", "10452398"),
        s.p("Rammeaftalen gælder fra 01-08-2025 til 31-07-2029. Betaling netto 30 dage efter "
            "fakturadato."),
        s.p("Mestbegunstigelse: Leverandøren må ikke sælge de omfattede varer billigere til "
            "andre offentlige ordregivere i Danmark, uden at samme pris tilbydes Kunden."),
        s.p("Priserne kan reguleres én gang årligt pr. 1. august efter nettoprisindekset, dog "
            "højst 4 %, første gang 1. august 2026."),
        s.h("Bilag A – Prisliste"),
        grid_table(rows, [25 * mm, 75 * mm, 25 * mm, 35 * mm], s, repeat_header=False,
                   right_cols=[3]),
    ]  # fmt: skip
    t = truth(
        "2025-08-01", "2029-07-31", 30, True, index("NPI", "4", "2026-08-01"), "DKK",
        [price(n, d, UNIT_OF[u], p.replace(",", ".")) for n, d, u, p in OFFICE],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 9. Leveringsaftale with prices only "inkl. moms" (the careful reader notes the price
#    excl. VAT = stated / 1.25); date "1/9 2025"; no indexation.
def leveringsaftale_inkl_moms() -> tuple:
    s = Styles("Courier", 10)
    title = "Leveringsaftale om mobiltelefoner"
    story = [
        s.title(title),
        *parties(s, "Randers Kommune", "29189692", "TeleSalg Jylland ApS", "40112233"),
        s.p("Aftalen gælder fra 1/9 2025 og 24 måneder frem, dvs. til 31/8 2027."),
        s.p("Alle priser i denne aftale er angivet inkl. moms."),
        grid_table(
            [
                ["Model", "Enhed", "Pris inkl. moms"],
                ["Smartphone standard 128 GB", "pr. stk.", "3.125,00 kr."],
                ["Smartphone plus 256 GB", "pr. stk.", "5.000,00 kr."],
                ["Beskyttelsescover", "pr. stk.", "187,50 kr."],
            ],
            [80 * mm, 30 * mm, 45 * mm], s, right_cols=[2],
        ),
        s.p("Betalingsbetingelser: netto 30 dage."),
        s.p("Priserne er faste."),
    ]  # fmt: skip
    t = truth(
        "2025-09-01", "2027-08-31", 30, False, None, "DKK",
        [
            price(None, "Smartphone standard 128 GB", "each", "2500.00", stated="3125.00",
                  vat_included=True),
            price(None, "Smartphone plus 256 GB", "each", "4000.00", stated="5000.00",
                  vat_included=True),
            price(None, "Beskyttelsescover", "each", "150.00", stated="187.50",
                  vat_included=True),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 10. Both columns "ekskl. moms" and "inkl. moms": the careful reader takes ekskl.
def rammeaftale_to_momskolonner() -> tuple:
    s = Styles()
    title = "Rammeaftale om skærme og tilbehør"
    story = [
        s.title(title),
        *parties(s, "Esbjerg Kommune", "29189641", "Skærmhuset A/S", "21436587"),
        s.p("Aftaleperiode: 15-09-2025 – 14-09-2027. Betaling: 30 dage netto."),
        grid_table(
            [
                ["Varenr.", "Beskrivelse", "Enhed", "Pris ekskl. moms", "Pris inkl. moms"],
                ["SK-24", "24\" skærm, IPS", "pr. stk.", "1.196,00", "1.495,00"],
                ["SK-27", "27\" skærm, IPS, USB-C", "pr. stk.", "2.396,00", "2.995,00"],
                ["SK-ARM", "Skærmarm, dobbelt", "pr. stk.", "716,00", "895,00"],
            ],
            [20 * mm, 55 * mm, 22 * mm, 32 * mm, 32 * mm], s, right_cols=[3, 4],
        ),
        s.p("Leverandøren yder ikke mestbegunstigelse."),
    ]  # fmt: skip
    t = truth(
        "2025-09-15", "2027-09-14", 30, False, None, "DKK",
        [
            price("SK-24", "24\" skærm, IPS", "each", "1196.00"),
            price("SK-27", "27\" skærm, IPS, USB-C", "each", "2396.00"),
            price("SK-ARM", "Skærmarm, dobbelt", "each", "716.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 11. K01 development contract, milestone prices + hourly options in "Bilag 1 Prisbilag";
#     payment "løbende måned + 30 dage"; MFN "mestbegunstigelsesklausul"; NPI højst 4 %.
def k01_udvikling() -> tuple:
    s = Styles("Times-Roman", 11)
    title = "Kontrakt om udvikling af sagsbehandlingssystem (K01)"
    story = [
        s.title(title),
        *parties(s, "Københavns Kommune", "64942212", "Kodefabrikken A/S", "33998877"),
        s.h("Punkt 3. Kontraktens varighed"),
        s.p("Kontrakten træder i kraft den 1. oktober 2025. Kontrakten ophører, når "
            "vedligeholdelsesperioden udløber den 30. september 2030."),
        s.h("Punkt 17. Vederlag og betaling"),
        s.p("Leverandørens vederlag er fastsat i Bilag 1 Prisbilag. Betaling sker løbende "
            "måned + 30 dage efter modtagelse af faktura."),
        s.h("Punkt 18. Prisregulering"),
        s.p("Timepriser og vedligeholdelsesvederlag reguleres en gang årligt pr. 1. januar efter "
            "Danmarks Statistiks nettoprisindeks, dog højst 4 % pr. år, første gang 1. januar "
            "2027. Milepælsbetalinger reguleres ikke."),
        s.h("Punkt 19. Mestbegunstigelsesklausul"),
        s.p("Leverandøren forpligter sig til ikke at give andre offentlige kunder bedre pris- og "
            "betalingsvilkår for tilsvarende ydelser end dem, der gælder efter denne kontrakt."),
        PageBreak(),
        s.title("Bilag 1 Prisbilag"),
        s.h("1. Milepælsbetalinger (fast pris)"),
        grid_table(
            [
                ["Milepæl", "Beskrivelse", "Fast pris ekskl. moms"],
                ["M1", "Godkendt designfase", "1.200.000,00 kr."],
                ["M2", "Overtagelsesprøve bestået", "2.400.000,00 kr."],
                ["M3", "Driftsprøve bestået", "600.000,00 kr."],
            ],
            [25 * mm, 85 * mm, 50 * mm], s, right_cols=[2],
        ),
        s.h("2. Vedligeholdelse"),
        s.p("Vedligeholdelse af systemet udgør 55.000,00 kr. pr. måned ekskl. moms fra "
            "godkendt driftsprøve."),
        s.h("3. Optioner – timepriser"),
        grid_table(
            [
                ["Nr.", "Rolle", "Timepris"],
                ["O1", "Udvikler", "1.095,00 kr."],
                ["O2", "Testkonsulent", "925,00 kr."],
            ],
            [25 * mm, 85 * mm, 50 * mm], s, right_cols=[2],
        ),
    ]  # fmt: skip
    t = truth(
        "2025-10-01", "2030-09-30", 30, True, index("NPI", "4", "2027-01-01"), "DKK",
        [
            price("M1", "Godkendt designfase", "fixed", "1200000.00"),
            price("M2", "Overtagelsesprøve bestået", "fixed", "2400000.00"),
            price("M3", "Driftsprøve bestået", "fixed", "600000.00"),
            price(None, "Vedligeholdelse af systemet", "month", "55000.00"),
            price("O1", "Udvikler", "hour", "1095.00"),
            price("O2", "Testkonsulent", "hour", "925.00"),
        ],
        payment_note="løbende måned + 30 dage",
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 12. English master services agreement in DKK: "1 April 2025", "Net 30", Danish CPI
#     capped at 5 %, MFN explicitly disclaimed, prices "DKK 1,250.00".
def msa_en_dkk() -> tuple:
    s = Styles("Helvetica", 10)
    title = "Master Services Agreement – Managed Print Services"
    story = [
        s.title(title),
        *parties(s, "Roskilde Kommune", "29188955", "PrintFlow Services ApS", "36554411",
                 da=False),
        s.h("1. Term"),
        s.p("This Agreement commences on 1 April 2025 (the “Effective Date”) and shall remain "
            "in force for an initial term of four (4) years, ending on 31 March 2029."),
        s.h("2. Charges"),
        s.p("The Customer shall pay the following charges (exclusive of VAT):"),
        grid_table(
            [
                ["Ref.", "Service", "Unit", "Charge"],
                ["MP-1", "Multifunction printer rental", "per device per month", "DKK 1,250.00"],
                ["MP-2", "Black/white page", "per page", "DKK 0.09"],
                ["MP-3", "Colour page", "per page", "DKK 0.45"],
                ["MP-4", "On-site technician", "per hour", "DKK 875.00"],
            ],
            [18 * mm, 62 * mm, 45 * mm, 35 * mm], s, right_cols=[3],
        ),
        s.h("3. Indexation"),
        s.p("Charges shall be adjusted annually on 1 April in accordance with the Danish "
            "consumer price index (CPI) published by Statistics Denmark, capped at 5% per "
            "adjustment. The first adjustment shall take place on 1 April 2026."),
        s.h("4. Invoicing"),
        s.p("Invoices are payable Net 30."),
        s.h("5. No most favoured customer"),
        s.p("Nothing in this Agreement shall be construed as a most favoured customer "
            "undertaking, and the Supplier may offer other customers different prices."),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2029-03-31", 30, False, index("CPI", "5", "2026-04-01"), "DKK",
        [
            price("MP-1", "Multifunction printer rental", "device_month", "1250.00"),
            price("MP-2", "Black/white page", "page", "0.09"),
            price("MP-3", "Colour page", "page", "0.45"),
            price("MP-4", "On-site technician", "hour", "875.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 13. English subscription, open-ended ("until terminated"), EUR per year, no MFN clause,
#     no indexation; landscape page; unruled price table.
def subscription_open_ended() -> tuple:
    s = Styles("Times-Roman", 11)
    title = "Subscription Agreement – Learning Management System"
    story = [
        s.title(title),
        s.p("This Subscription Agreement is entered into by Gentofte Kommune (CVR 19438414) "
            "and EduSoft Ltd (the Provider)."),
        s.p("The Agreement is effective as of September 1, 2025 and continues until terminated "
            "by either party on three months' written notice."),
        s.p("Invoices are due 30 days net from the invoice date."),
        Spacer(1, 4 * mm),
        plain_table(
            [
                ["Item", "Description", "Unit", "Price (EUR, excl. VAT)"],
                ["LMS-STU", "Student licence", "per student per year", "12.50"],
                ["LMS-TEA", "Teacher licence", "per teacher per year", "48.00"],
                ["LMS-HOST", "Hosting and support", "per year", "9,600.00"],
            ],
            [35 * mm, 80 * mm, 70 * mm, 50 * mm], s,
        ),
        Spacer(1, 4 * mm),
        s.p("Prices are fixed for the first 24 months; thereafter the Provider may propose new "
            "prices with 90 days' notice."),
    ]  # fmt: skip
    t = truth(
        "2025-09-01", None, 30, False, None, "EUR",
        [
            price("LMS-STU", "Student licence", "user_year", "12.50"),
            price("LMS-TEA", "Teacher licence", "user_year", "48.00"),
            price("LMS-HOST", "Hosting and support", "year", "9600.00"),
        ],
    )  # fmt: skip
    return title, story, t, landscape(A4)


# --------------------------------------------------------------------------------------
# 14. SMS gateway with per-transaction prices and volume tiers, ISO dates, "kr. 0,385".
def sms_transaktion() -> tuple:
    s = Styles()
    title = "Leveringsaftale om SMS-gateway"
    story = [
        s.title(title),
        *parties(s, "Holbæk Kommune", "29189730", "Beskedcentralen ApS", "39001122"),
        s.p("Ikrafttrædelse: 2025-04-01. Udløb: 2027-03-31."),
        s.p("Prisen pr. afsendt SMS afhænger af den samlede mængde i kalenderåret:"),
        grid_table(
            [
                ["Trin", "Antal SMS pr. år", "Pris pr. SMS ekskl. moms"],
                ["1", "0-100.000", "kr. 0,385"],
                ["2", "100.001-500.000", "kr. 0,325"],
                ["3", "over 500.000", "kr. 0,29"],
            ],
            [20 * mm, 60 * mm, 60 * mm], s, right_cols=[2],
        ),
        s.p("Hertil kommer et fast abonnement på kr. 695,- pr. måned ekskl. moms."),
        s.p("Betalingsbetingelser: Netto 30 dage."),
        s.p("Priserne reguleres årligt efter forbrugerprisindekset, første gang 1. april 2026."),
    ]  # fmt: skip
    t = truth(
        "2025-04-01", "2027-03-31", 30, False, index("CPI", None, "2026-04-01"), "DKK",
        [
            price("1", "SMS", "transaction", "0.385", 0, 100000),
            price("2", "SMS", "transaction", "0.325", 100001, 500000),
            price("3", "SMS", "transaction", "0.29", 500001, None),
            price(None, "Abonnement", "month", "695.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 15. Tillægsaftale: a new price stated in a sentence next to the old one ("tidligere").
def tillaeg_prisaendring() -> tuple:
    s = Styles()
    title = "Tillæg nr. 2 til aftale om økonomisystem"
    story = [
        s.title(title),
        *parties(s, "Viborg Kommune", "29189846", "Økonomi Online A/S", "25667788"),
        s.p("Dette tillæg ændrer aftalen af 1. februar 2023 mellem parterne og har virkning "
            "fra 1. juli 2025. Tillægget gælder til og med 30. juni 2027."),
        s.p("Prisen for licens til modulet Indkøb udgør fremover 2.400 kr. pr. bruger pr. år "
            "ekskl. moms (tidligere 2.100 kr.)."),
        s.p("Prisen for modulet Budget udgør 1.800 kr. pr. bruger pr. år ekskl. moms og er "
            "uændret."),
        s.p("Aftalens øvrige bestemmelser, herunder betalingsbetingelserne (netto 30 dage) og "
            "mestbegunstigelsesklausulen i punkt 14, gælder uændret."),
    ]  # fmt: skip
    t = truth(
        "2025-07-01", "2027-06-30", 30, True, None, "DKK",
        [
            price(None, "Licens til modulet Indkøb", "user_year", "2400.00"),
            price(None, "Modulet Budget", "user_year", "1800.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 16. Wage-indexed consultancy (ILON12), "dog højst 3,5 %", "01.03.2025", hour and day.
def rammeaftale_ilon() -> tuple:
    s = Styles("Helvetica", 10)
    title = "Rammeaftale om rådgivning inden for digitalisering"
    story = [
        s.title(title),
        *parties(s, "Region Midtjylland", "29190925", "Rådgivergruppen P/S", "34221100"),
        s.h("Aftaleperiode"),
        s.p("Aftalen gælder i perioden 01.03.2025 til 28.02.2027 med mulighed for forlængelse."),
        s.h("Honorar"),
        plain_table(
            [
                ["Ydelse", "Afregning", "Honorar (kr. ekskl. moms)"],
                ["Partner", "pr. time", "1.695,00"],
                ["Senior rådgiver", "pr. time", "1.295,00"],
                ["Workshop, heldag", "pr. dag", "9.800,00"],
            ],
            [60 * mm, 40 * mm, 60 * mm], s,
        ),
        s.h("Regulering"),
        s.p("Honorarsatserne reguleres pr. 1. marts hvert år, første gang 1. marts 2026, med "
            "udviklingen i Danmarks Statistiks lønindeks for den private sektor (ILON12), dog "
            "højst 3,5 %."),
        s.h("Betaling"),
        s.p("Fakturaer betales senest 30 dage efter modtagelsen."),
        s.h("Mestbegunstigelse"),
        s.p("Rådgiveren tilbyder Kunden vilkår, der er mindst lige så fordelagtige som de "
            "vilkår, der tilbydes andre regioner."),
    ]  # fmt: skip
    t = truth(
        "2025-03-01", "2027-02-28", 30, True, index("ILON12", "3.5", "2026-03-01"), "DKK",
        [
            price(None, "Partner", "hour", "1695.00"),
            price(None, "Senior rådgiver", "hour", "1295.00"),
            price(None, "Workshop, heldag", "day", "9800.00"),
        ],
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 17. K03-style standard system licence, prisbilag table split across two pages WITH a
#     repeated header, licence per month, "DKK 1.250" whole-krone prices.
MODULES = [(f"{n:02d}", name) for n, name in enumerate([
    "Borgerservice", "Ydelsesservice", "Beskæftigelse", "Børn og unge", "Handicap",
    "Ældrepleje", "Sundhed", "Skole", "Dagtilbud", "Teknik og miljø", "Byggesag",
    "Vej og park", "Affald", "Kultur", "Fritid", "Bibliotek", "Økonomi", "Løn", "HR",
    "Indkøb", "Ejendomme", "Beredskab", "Politisk betjening", "Digital post", "Statistik",
    "Dokumentarkiv", "Journalisering", "Integrationer", "Rapportgenerator", "Mobiladgang",
    "Kalender", "Tidsregistrering", "Opgavestyring", "Kvalitetsstyring", "Klagesager",
    "Aktindsigt", "Borgerportal", "Erhvervsportal", "Selvbetjening", "Chatbot",
], start=1)]  # fmt: skip


def _module_price(n: str) -> int:
    return 600 + 125 * int(n)


def k03_standardsystem() -> tuple:
    s = Styles("Helvetica", 10)
    title = "Kontrakt om standardsystem til sagsbehandling (K03)"
    rows = [["Modul", "Navn", "Enhed", "Licenspris"]]
    rows += [
        [n, name, "pr. licens pr. måned", f"DKK {_module_price(n):,}".replace(",", ".")]
        for n, name in MODULES
    ]
    story = [
        s.title(title),
        *parties(s, "Aarhus Kommune", "55133018", "SagsSystemer A/S", "17283940"),
        s.p("Kontrakten har virkning fra 1. november 2025 og løber i 48 måneder fra "
            "ikrafttrædelse."),
        s.p("Betaling: løbende måned + 30 dage."),
        s.p("Prisregulering: priserne reguleres årligt efter nettoprisindekset, dog max 3 %, "
            "første gang 1. november 2026."),
        s.p("Der er ikke aftalt mestbegunstigelse."),
        PageBreak(),
        s.title("Bilag 1 Prisbilag"),
        s.p("Priser ekskl. moms."),
        Spacer(1, 100 * mm),
        grid_table(rows, [20 * mm, 70 * mm, 40 * mm, 30 * mm], s, right_cols=[3]),
    ]  # fmt: skip
    t = truth(
        "2025-11-01", "2029-10-31", 30, False, index("NPI", "3", "2026-11-01"), "DKK",
        [price(n, name, "licence_month", f"{_module_price(n)}.00") for n, name in MODULES],
        expiry_also="2029-11-01", payment_note="løbende måned + 30 dage",
    )  # fmt: skip
    return title, story, t


# --------------------------------------------------------------------------------------
# 18. Rengøringsaftale-like service contract with a price per month per site stated in a
#     numbered list (no table), date "1. februar 2026", MFN phrased as "bedste vilkår".
def serviceaftale_liste() -> tuple:
    s = Styles("Times-Roman", 11)
    title = "Serviceaftale om IT-support på skoler"
    story = [
        s.title(title),
        *parties(s, "Næstved Kommune", "29188645", "SkoleIT Support ApS", "41556677"),
        s.p("1. Aftalen træder i kraft 1. februar 2026 og udløber 31. januar 2028."),
        s.p("2. Leverandøren yder support på Kundens 22 skoler efter følgende priser, alle "
            "ekskl. moms:"),
        s.p("&nbsp;&nbsp;a) Fast support pr. skole: 4.950,00 kr. pr. måned;"),
        s.p("&nbsp;&nbsp;b) Akut udkald: 1.100,00 kr. pr. udkald;"),
        s.p("&nbsp;&nbsp;c) Opsætning af ny klient-pc: 350,00 kr. pr. stk."),
        s.p("3. Leverandøren skal altid give Kunden de bedste vilkår, som Leverandøren giver "
            "nogen anden kommune for sammenlignelige ydelser (mestbegunstigelse)."),
        s.p("4. Betalingsfrist: 30 dage netto. Priserne reguleres ikke i aftaleperioden."),
    ]  # fmt: skip
    t = truth(
        "2026-02-01", "2028-01-31", 30, True, None, "DKK",
        [
            price("a", "Fast support pr. skole", "site_month", "4950.00"),
            price("b", "Akut udkald", "callout", "1100.00"),
            price("c", "Opsætning af ny klient-pc", "each", "350.00"),
        ],
    )  # fmt: skip
    return title, story, t


CONTRACTS: dict[str, Callable[[], tuple]] = {
    "rammeaftale_konsulent": rammeaftale_konsulent,
    "leveringsaftale_pc": leveringsaftale_pc,
    "k02_drift": k02_drift,
    "saas_order_form": saas_order_form,
    "tilbudsliste_tolk": tilbudsliste_tolk,
    "ydelsesbeskrivelse_indbygger": ydelsesbeskrivelse_indbygger,
    "bilingual_licens": bilingual_licens,
    "rammeaftale_kontorartikler": rammeaftale_kontorartikler,
    "leveringsaftale_inkl_moms": leveringsaftale_inkl_moms,
    "rammeaftale_to_momskolonner": rammeaftale_to_momskolonner,
    "k01_udvikling": k01_udvikling,
    "msa_en_dkk": msa_en_dkk,
    "subscription_open_ended": subscription_open_ended,
    "sms_transaktion": sms_transaktion,
    "tillaeg_prisaendring": tillaeg_prisaendring,
    "rammeaftale_ilon": rammeaftale_ilon,
    "k03_standardsystem": k03_standardsystem,
    "serviceaftale_liste": serviceaftale_liste,
}

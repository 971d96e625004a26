"""Names, catalogues and wordings for the office probe (invented parties, Danish and English)."""

from __future__ import annotations

import datetime as dt

# --------------------------------------------------------------------------- parties
MUNICIPALITIES = [
    ("Skovlund Kommune", "Rådhustorvet 1", "7400 Skovlund", "Skovlund"),
    ("Vestfjord Kommune", "Havnegade 12", "7700 Vestfjord", "Vestfjord"),
    ("Hedeby Kommune", "Torvet 3", "8600 Hedeby", "Hedeby"),
    ("Bøgelund Kommune", "Rådhusvej 20", "4300 Bøgelund", "Bøgelund"),
    ("Åstrup Kommune", "Kirkegade 5", "9500 Åstrup", "Åstrup"),
    ("Næsby Kommune", "Stationsvej 2", "5270 Næsby", "Næsby"),
    ("Egebjerg Kommune", "Rådhuspladsen 4", "8740 Egebjerg", "Egebjerg"),
    ("Lindholm Kommune", "Storegade 31", "6200 Lindholm", "Lindholm"),
]
REGIONS = [
    ("Region Midtfjord", "Regionshuset, Skottenborg 26", "8800 Viborg", "Viborg"),
    ("Region Sydkysten", "Damhaven 12", "7100 Vejle", "Vejle"),
]
COMMUNITIES = [
    ("Indkøbsfællesskabet Vestjylland", "Fælledvej 9", "6950 Ringkøbing", "Ringkøbing"),
    ("Indkøbsfællesskabet Sjælland Syd", "Industrivej 14", "4700 Næstved", "Næstved"),
]
VENDORS = [
    ("Nordisk Kontorforsyning A/S", "Industrivej 41", "2600 Glostrup"),
    ("Hvidbjerg Rengøringsprodukter ApS", "Fabriksvej 7", "7790 Thyholm"),
    ("Jysk Storkøkkenleverandør A/S", "Grossistvej 3", "8210 Aarhus V"),
    ("Digitalis Løsninger A/S", "Lautrupbjerg 11", "2750 Ballerup"),
    ("Brink & Møller Consulting ApS", "Kalvebod Brygge 24", "1560 København V"),
    ("Mobilitas Hjælpemidler A/S", "Værkstedsvej 18", "5500 Middelfart"),
    ("LabCare Danmark ApS", "Bregnerødvej 96", "3460 Birkerød"),
    ("Vintersalt Nord A/S", "Havnevej 60", "9900 Frederikshavn"),
    ("Omsorgsvikar Danmark ApS", "Vesterbrogade 149", "1620 København V"),
    ("Sønderby Papir & Print A/S", "Lergravsvej 8", "6000 Kolding"),
    ("Kildegaard Hygiejne A/S", "Bygaden 22", "8700 Horsens"),
    ("Fjordkøkken Engros ApS", "Marsvej 2", "8960 Randers SØ"),
    ("Kodeværket Systemer A/S", "Åboulevarden 70", "8000 Aarhus C"),
    ("Rådgivningshuset Nord ApS", "Boulevarden 13", "9000 Aalborg"),
    ("ErgoMobil ApS", "Håndværkervej 5", "4200 Slagelse"),
    ("Dansk Vejsalt ApS", "Kulhavnsvej 4", "8500 Grenaa"),
    ("Plejevikaren ApS", "Nørregade 51", "5000 Odense C"),
]
PEOPLE = [
    ("Mette Kjær", "Indkøbschef"),
    ("Lars Østergaard", "Direktør"),
    ("Anne Holm Poulsen", "Kontraktansvarlig"),
    ("Jens Brandt", "Adm. direktør"),
    ("Sofie Lund", "Udbudskonsulent"),
    ("Henrik Dahl", "Salgsdirektør"),
    ("Camilla Friis", "Centerchef"),
    ("Peter Vestergaard", "Key Account Manager"),
]
PEOPLE_EN = {
    "Indkøbschef": "Head of Procurement",
    "Direktør": "Director",
    "Kontraktansvarlig": "Contract Manager",
    "Adm. direktør": "CEO",
    "Udbudskonsulent": "Tender Consultant",
    "Salgsdirektør": "Sales Director",
    "Centerchef": "Head of Centre",
    "Key Account Manager": "Key Account Manager",
}


def cvr(rng) -> str:
    """An 8-digit CVR number that passes the modulus-11 check."""
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        if sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0:
            return "".join(map(str, digits))


def ean(rng) -> str:
    """A 13-digit Danish public-sector EAN/GLN (579800…) with its check digit."""
    body = "5798" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


# --------------------------------------------------------------------------- dates
DA_MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
DA_ABBR = ["jan.", "feb.", "marts", "april", "maj", "juni",
           "juli", "aug.", "sep.", "okt.", "nov.", "dec."]  # fmt: skip
EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

DA_DATE_STYLES = ["long", "dots", "slash", "iso", "abbr", "short_dots", "dash", "long_den"]
EN_DATE_STYLES = ["long", "us", "ord", "iso"]


def fmt_date(d: dt.date, lang: str, style: str) -> str:
    if lang == "da":
        return {
            "long": f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}",
            "long_den": f"{d.day}. {DA_MONTHS[d.month - 1]} {d.year}",
            "dots": f"{d:%d.%m.%Y}",
            "short_dots": f"{d.day}.{d.month}.{d.year}",
            "slash": f"{d.day}/{d.month} {d.year}",
            "iso": d.isoformat(),
            "abbr": f"{d.day}. {DA_ABBR[d.month - 1]} {d.year}",
            "dash": f"{d:%d-%m-%Y}",
        }[style]
    suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return {
        "long": f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}",
        "us": f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}",
        "ord": f"{d.day}{suffix} {EN_MONTHS[d.month - 1]} {d.year}",
        "iso": d.isoformat(),
    }[style]


def add_years(d: dt.date, n: int) -> dt.date:
    return d.replace(year=d.year + n)


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return d.replace(year=d.year + m // 12, month=m % 12 + 1)


# --------------------------------------------------------------------------- catalogues
# item: (da description, en description, unit key, base price DKK excl. VAT)
# unit keys: piece / pack / box (all sold as one unit: truth "piece"), hour, month,
# licyear (a user licence per year: truth "user_year"), kg
UNIT_TRUTH = {
    "piece": "piece",
    "pack": "piece",
    "box": "piece",
    "hour": "hour",
    "month": "month",
    "licyear": "user_year",
    "kg": "kg",
}
UNIT_TEXT = {
    "da": {
        "piece": ["stk.", "stk"],
        "pack": ["pakke"],
        "box": ["kasse"],
        "hour": ["time", "pr. time"],
        "month": ["pr. md.", "md."],
        "licyear": ["licens pr. år"],
        "kg": ["kg"],
    },
    "en": {
        "piece": ["each", "piece"],
        "pack": ["pack"],
        "box": ["box"],
        "hour": ["hour", "per hour"],
        "month": ["per month", "month"],
        "licyear": ["licence per year"],
        "kg": ["kg"],
    },
}

OFFICE = [
    ("Papir og arkivering", "Paper and filing", [
        ("Kopipapir A4, 80 g, hvid\n500 ark", "Copy paper A4, 80 gsm, white\n500 sheets", "pack", "34.75"),
        ("Kopipapir A3, 80 g, hvid\n500 ark", "Copy paper A3, 80 gsm, white\n500 sheets", "pack", "72.50"),
        ("Ringbind A4, 40 mm ryg", "Ring binder A4, 40 mm spine", "piece", "24.90"),
        ("Arkivkasse, brun pap", "Archive box, brown cardboard", "box", "289.00"),
        ("Kuverter C5 med rude", "Envelopes C5 with window", "box", "312.00"),
        ("Plastlommer A4, 100 stk.", "Punched pockets A4, 100 pcs", "pack", "46.00"),
        ("Elastikmappe A4, assorteret", "Elastic folder A4, assorted", "piece", "12.40"),
    ]),
    ("Skriveredskaber", "Writing instruments", [
        ("Kuglepen, blå, medium, 10 stk.", "Ballpoint pen, blue, medium, 10 pcs", "pack", "39.00"),
        ("Whiteboardmarker, 4 farver", "Whiteboard marker, 4 colours", "pack", "58.90"),
        ("Overstregningspen, gul", "Highlighter, yellow", "piece", "7.25"),
        ("Blyant HB med viskelæder", "Pencil HB with eraser", "piece", "3.10"),
        ("Post-it notes 76 x 76 mm, 12 blokke", "Sticky notes 76 x 76 mm, 12 pads", "pack", "96.00"),
    ]),
    ("Kontorudstyr", "Office equipment", [
        ("Hæftemaskine, 20 ark", "Stapler, 20 sheets", "piece", "89.00"),
        ("Hulapparat, 2 huller, 30 ark", "Hole punch, 2 holes, 30 sheets", "piece", "112.00"),
        ("Skrivebordslampe LED, sort", "Desk lamp LED, black", "piece", "349.00"),
        ("Lamineringslommer A4, 125 mic", "Laminating pouches A4, 125 mic", "pack", "118.00"),
        ("Tonerpatron sort, kompatibel HP 26A", "Toner cartridge black, HP 26A compatible", "piece", "612.00"),
        ("Brevbakke, grå, stabelbar", "Letter tray, grey, stackable", "piece", "29.50"),
    ]),
    ("Kopi og print", "Copy and print", [
        ("Tonerpatron cyan, kompatibel HP 207A", "Toner cartridge cyan, HP 207A compatible", "piece", "498.00"),
        ("Blækpatron sort, original", "Ink cartridge black, original", "piece", "219.00"),
        ("Etiketter til laserprinter, A4, 100 ark", "Laser labels, A4, 100 sheets", "pack", "164.00"),
        ("Fotopapir A4, blank, 50 ark", "Photo paper A4, glossy, 50 sheets", "pack", "88.00"),
    ]),
]  # fmt: skip
CLEANING = [
    ("Rengøringsmidler", "Cleaning agents", [
        ("Universalrengøring, parfumefri, 1 l", "All-purpose cleaner, fragrance-free, 1 l", "piece", "21.50"),
        ("Gulvsæbe, svanemærket, 5 l", "Floor soap, eco-labelled, 5 l", "piece", "118.00"),
        ("Håndsæbe, parfumefri, 5 l", "Hand soap, fragrance-free, 5 l", "piece", "96.00"),
        ("Afkalkningsmiddel til sanitet, 1 l", "Descaler for sanitary use, 1 l", "piece", "32.00"),
    ]),
    ("Papir og affald", "Paper and waste", [
        ("Toiletpapir, 2-lag, 64 ruller", "Toilet paper, 2-ply, 64 rolls", "box", "289.00"),
        ("Håndklædeark, Z-fold, hvid", "Hand towels, Z-fold, white", "box", "245.00"),
        ("Affaldssække 60 l, 50 stk.", "Refuse bags 60 l, 50 pcs", "pack", "54.00"),
        ("Køkkenruller, 4 ruller", "Kitchen rolls, 4 rolls", "pack", "27.75"),
    ]),
    ("Handsker og klude", "Gloves and cloths", [
        ("Nitrilhandsker, str. M, 200 stk.", "Nitrile gloves, size M, 200 pcs", "box", "129.00"),
        ("Mikrofiberklude, blå, 10 stk.", "Microfibre cloths, blue, 10 pcs", "pack", "79.00"),
        ("Moppe, 40 cm, mikrofiber", "Mop, 40 cm, microfibre", "piece", "64.00"),
    ]),
]  # fmt: skip
FOOD = [
    ("Kolonial", "Dry goods", [
        ("Hvedemel, 10 kg", "Wheat flour, 10 kg", "piece", "71.00"),
        ("Havregryn, økologisk", "Rolled oats, organic", "kg", "18.40"),
        ("Ris, langkornet", "Rice, long grain", "kg", "16.90"),
        ("Pasta, fuldkorn", "Pasta, wholemeal", "kg", "21.30"),
    ]),
    ("Frugt og grønt", "Fruit and vegetables", [
        ("Kartofler, vaskede", "Potatoes, washed", "kg", "6.45"),
        ("Gulerødder, danske", "Carrots, Danish", "kg", "7.20"),
        ("Løg, gule", "Onions, yellow", "kg", "6.90"),
        ("Æbler, danske, klasse 1", "Apples, Danish, class 1", "kg", "14.80"),
    ]),
    ("Køl og frost", "Chilled and frozen", [
        ("Hakket oksekød 8-12 %", "Minced beef 8-12 %", "kg", "68.50"),
        ("Kyllingebryst, frost", "Chicken breast, frozen", "kg", "59.00"),
        ("Smør, 250 g", "Butter, 250 g", "piece", "17.25"),
        ("Rugbrød, skåret, 1 kg", "Rye bread, sliced, 1 kg", "piece", "19.95"),
    ]),
    ("Mejeri", "Dairy", [
        ("Letmælk, 1 l", "Semi-skimmed milk, 1 l", "piece", "11.25"),
        ("Skyr naturel, 1 kg", "Skyr, plain, 1 kg", "piece", "24.50"),
        ("Ost 30+, skiver", "Cheese 30+, sliced", "kg", "79.00"),
        ("Piskefløde 38 %, 1 l", "Whipping cream 38 %, 1 l", "piece", "36.75"),
    ]),
]  # fmt: skip
AIDS = [
    ("Gangredskaber", "Walking aids", [
        ("Rollator, let, med kurv og bakke", "Rollator, lightweight, with basket and tray", "piece", "1895.00"),
        ("Albuestok, justerbar", "Elbow crutch, adjustable", "piece", "129.00"),
        ("Gangbuk med hjul", "Walking frame with wheels", "piece", "845.00"),
    ]),
    ("Bad og toilet", "Bath and toilet", [
        ("Badebænk med ryglæn", "Bath bench with backrest", "piece", "1120.00"),
        ("Toiletforhøjer, 10 cm", "Raised toilet seat, 10 cm", "piece", "365.00"),
        ("Badetaburet, højdejusterbar", "Shower stool, height adjustable", "piece", "489.00"),
    ]),
    ("Små hjælpemidler", "Small aids", [
        ("Gribetang, 80 cm", "Reacher, 80 cm", "piece", "92.00"),
        ("Strømpepåtager", "Sock aid", "piece", "148.00"),
    ]),
]  # fmt: skip
LAB = [
    ("Injektion", "Injection", [
        ("Engangssprøjte 5 ml, steril, 100 stk.", "Disposable syringe 5 ml, sterile, 100 pcs", "box", "86.00"),
        ("Kanyle 0,6 x 25 mm, 100 stk.", "Needle 0.6 x 25 mm, 100 pcs", "box", "54.50"),
    ]),
    ("Sårpleje", "Wound care", [
        ("Kompres 10 x 10 cm, sterilt, 25 stk.", "Gauze swab 10 x 10 cm, sterile, 25 pcs", "pack", "38.00"),
        ("Skumbandage 15 x 15 cm", "Foam dressing 15 x 15 cm", "piece", "41.75"),
        ("Plaster, hudvenlig, 5 m", "Surgical tape, skin-friendly, 5 m", "piece", "22.00"),
    ]),
    ("Undersøgelse", "Examination", [
        ("Undersøgelseshandsker, nitril, str. L", "Examination gloves, nitrile, size L", "box", "112.00"),
        ("Spatel, træ, 100 stk.", "Tongue depressor, wood, 100 pcs", "pack", "31.00"),
    ]),
]  # fmt: skip
SALT = [
    ("Vejsalt", "Road salt", [
        ("Vejsalt, løs vare, leveret depot", "Road salt, bulk, delivered to depot", "kg", "0.92"),
        ("Vejsalt i 25 kg sække", "Road salt in 25 kg bags", "kg", "1.85"),
        ("Saltlage, 23 %", "Brine, 23 %", "kg", "0.48"),
    ]),
]  # fmt: skip
IT_SERVICE = [
    ("Brugerlicens, sagsbehandlingssystem", "User licence, case management system", "licyear", "1450.00"),
    ("Drift og hosting", "Operation and hosting", "month", "18500.00"),
    ("Support, hverdage 8-16", "Support, weekdays 8-16", "month", "6250.00"),
    ("Backup og gendannelse", "Backup and restore", "month", "2100.00"),
    ("Mobilapp, brugerlicens", "Mobile app, user licence", "licyear", "395.00"),
    ("Konsulentbistand, tilpasninger", "Consultancy, customisation", "hour", "1095.00"),
]  # fmt: skip
IT_INCLUDED = [
    ("Opsætning og konfiguration", "Set-up and configuration"),
    ("Opdateringer og nye versioner", "Updates and new versions"),
]
ROLES = [
    ("Projektleder", "Project manager", "1150.00", "Min. 8 års erfaring", "At least 8 years' experience"),
    ("Seniorkonsulent", "Senior consultant", "1095.00", "Min. 5 års erfaring", "At least 5 years' experience"),
    ("Konsulent", "Consultant", "925.00", "Min. 2 års erfaring", "At least 2 years' experience"),
    ("Juniorkonsulent", "Junior consultant", "695.00", "Under 2 års erfaring", "Less than 2 years' experience"),
    ("Løsningsarkitekt", "Solution architect", "1295.00", "Certificeret arkitekt", "Certified architect"),
    ("Testkoordinator", "Test coordinator", "845.00", "ISTQB-certificeret", "ISTQB certified"),
]  # fmt: skip
TEMP_ROLES = [
    ("Social- og sundhedshjælper, dag", "Social and healthcare helper, day", "389.00", "Hverdage 7-15", "Weekdays 7-15"),
    ("Social- og sundhedshjælper, aften", "Social and healthcare helper, evening", "436.00", "Hverdage 15-23", "Weekdays 15-23"),
    ("Social- og sundhedsassistent, dag", "Social and healthcare assistant, day", "432.00", "Hverdage 7-15", "Weekdays 7-15"),
    ("Social- og sundhedsassistent, nat", "Social and healthcare assistant, night", "498.00", "Alle dage 23-7", "All days 23-7"),
    ("Sygeplejerske, dag", "Nurse, day", "529.00", "Hverdage 7-15", "Weekdays 7-15"),
    ("Sygeplejerske, weekend", "Nurse, weekend", "612.00", "Lørdag og søndag", "Saturday and Sunday"),
]  # fmt: skip

# subject: (da noun phrase, en noun phrase, vendor indices (by seed // 10), catalogue)
SUBJECTS = {
    "office": ("kontorartikler", "office supplies", (0, 9), OFFICE),
    "cleaning": ("rengøringsartikler", "cleaning products", (1, 10), CLEANING),
    "food": ("fødevarer til kommunale køkkener", "food for municipal kitchens", (2, 11), FOOD),
    "it": ("it-system til sagsbehandling", "IT case management system", (3, 12), None),
    "consulting": ("konsulentydelser inden for digitalisering", "digitalisation consultancy services", (4, 13), None),
    "aids": ("hjælpemidler", "assistive aids", (5, 14), AIDS),
    "lab": ("plejeartikler", "care consumables", (6, 10), LAB),
    "salt": ("vejsalt til vintertjenesten", "road salt for winter maintenance", (7, 15), SALT),
    "temp": ("vikarydelser på ældreområdet", "temporary staffing for elderly care", (8, 16), None),
}  # fmt: skip

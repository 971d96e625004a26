"""Fictitious parties and goods/services catalogues (names and CVR numbers are invented)."""

from __future__ import annotations

# (name_da, name_en, cvr, street, postcode town)
MUNICIPALITIES = [
    ("Hvidovre Kommune", "Hvidovre Municipality", "29188335", "Hvidovrevej 278", "2650 Hvidovre"),
    ("Silkeborg Kommune", "Silkeborg Municipality", "29189617", "Søvej 1", "8600 Silkeborg"),
    ("Faaborg-Midtfyn Kommune", "Faaborg-Midtfyn Municipality", "29189501", "Tinghøj Allé 2", "5750 Ringe"),
    ("Lolland Kommune", "Lolland Municipality", "29188548", "Jernbanegade 7", "4930 Maribo"),
    ("Viborg Kommune", "Viborg Municipality", "29189846", "Prinsens Allé 5", "8800 Viborg"),
    ("Tønder Kommune", "Tønder Municipality", "29189668", "Kongevej 57", "6270 Tønder"),
]  # fmt: skip
REGIONS = [
    ("Region Midtjylland", "Central Denmark Region", "29190925", "Skottenborg 26", "8800 Viborg"),
    ("Region Sjælland", "Region Zealand", "29190941", "Alléen 15", "4180 Sorø"),
    ("Region Nordjylland", "North Denmark Region", "29190968", "Niels Bohrs Vej 30", "9220 Aalborg Øst"),
]  # fmt: skip
# joint purchasing bodies: (name_da, name_en, cvr, street, town, members)
JOINT = [
    ("Indkøbsfællesskabet Vestsjælland", "Vestsjælland Joint Procurement", "41825637", "Holbækvej 141", "4400 Kalundborg",
     [("Kalundborg Kommune", "29189854"), ("Holbæk Kommune", "29189587"), ("Odsherred Kommune", "29188475")]),
    ("Fælles Indkøb Fyn I/S", "Fælles Indkøb Fyn I/S", "38712490", "Ørbækvej 100", "5220 Odense SØ",
     [("Nyborg Kommune", "29189730"), ("Kerteminde Kommune", "29189765"), ("Assens Kommune", "29189498")]),
]  # fmt: skip

# (name, cvr, street, town, contact)
VENDORS = {
    "office": (
        "Nordisk Kontorforsyning A/S",
        "31524867",
        "Industrivej 14",
        "7100 Vejle",
        "Lars Kjær",
    ),
    "food": ("Fynske Fødevarer A/S", "25810436", "Havnegade 22", "5000 Odense C", "Birgitte Ravn"),
    "it": ("Datavej Systems ApS", "40213378", "Åboulevarden 70", "8000 Aarhus C", "Jonas Friis"),
    "cleaning": (
        "CleanPro Danmark ApS",
        "36940155",
        "Kornmarken 3",
        "2600 Glostrup",
        "Sanne Weiss",
    ),
    "aids": (
        "Hjælpemiddelhuset Nord A/S",
        "19476620",
        "Sverigesvej 9",
        "9220 Aalborg Øst",
        "Kim Østergaard",
    ),
    "services": (
        "Kvist & Bang Rådgivning P/S",
        "37701259",
        "Store Kongensgade 40",
        "1264 København K",
        "Anne Kvist",
    ),
}

SUBJECTS = {
    "office": {
        "title_da": ["Rammeaftale om levering af kontorartikler og kopipapir", "Kontrakt om levering af kontorartikler"],
        "title_en": ["Framework Agreement for the Supply of Office Supplies"],
        "what_da": "levering af kontorartikler og kopipapir til Ordregivers institutioner",
        "what_en": "the supply of office supplies and copier paper to the Customer's institutions",
    },
    "food": {
        "title_da": ["Rammeaftale om levering af fødevarer til kommunale køkkener", "Kontrakt om levering af fødevarer"],
        "title_en": ["Contract for the Supply of Food to Municipal Kitchens"],
        "what_da": "levering af kolonial, kød og grønt til produktionskøkkener og plejecentre",
        "what_en": "the supply of groceries, meat and vegetables to production kitchens and care homes",
    },
    "it": {
        "title_da": ["Kontrakt om levering og drift af sagsbehandlingssystem", "Rammeaftale om softwarelicenser og drift"],
        "title_en": ["Agreement on the Supply and Operation of a Case Management System"],
        "what_da": "licenser, drift og support til Ordregivers sagsbehandlingssystem",
        "what_en": "licences, operation and support of the Customer's case management system",
    },
    "cleaning": {
        "title_da": ["Rammeaftale om rengøringsartikler og rengøringsydelser", "Kontrakt om levering af rengøringsmidler"],
        "title_en": ["Framework Agreement for Cleaning Products and Services"],
        "what_da": "levering af rengøringsmidler, engangsartikler og vinduespudsning",
        "what_en": "the supply of cleaning agents, disposables and window cleaning",
    },
    "aids": {
        "title_da": ["Rammeaftale om levering af hjælpemidler", "Kontrakt om levering af inkontinens- og hjælpemidler"],
        "title_en": ["Framework Agreement for the Supply of Assistive Devices"],
        "what_da": "levering af hjælpemidler og inkontinensprodukter til borgere i eget hjem",
        "what_en": "the supply of assistive devices and continence products to citizens at home",
    },
    "services": {
        "title_da": ["Rammeaftale vedrørende konsulent- og tolkeydelser", "Kontrakt om rådgivningsydelser"],
        "title_en": ["Framework Agreement for Consultancy Services"],
        "what_da": "konsulentbistand, rådgivning og tolkning efter behov",
        "what_en": "consultancy, advisory services and interpreting on demand",
    },
}  # fmt: skip

# catalogue item: (desc_da, desc_en, unit canon, unit_da, unit_en, (lo, hi), tier word da/en or None)
CATALOGUE = {
    "office": [
        ("Kopipapir A4, 80 g, 500 ark", "Copier paper A4, 80 g, 500 sheets", "package", "pakke", "pack", (28, 55), ("pakker", "packs")),
        ("Kuglepen, blå, medium", "Ballpoint pen, blue, medium", "package", "pakke à 10", "pack of 10", (25, 90), None),
        ("Hæftemaskine, 25 ark", "Stapler, 25 sheets", "piece", "stk.", "each", (45, 160), None),
        ("Ringbind A4, 2 ringe, 40 mm", "Ring binder A4, 2 rings, 40 mm", "piece", "stk.", "each", (12, 38), None),
        ("Toner, sort, 2.400 sider", "Toner, black, 2,400 pages", "piece", "stk.", "each", (390, 1250), None),
        ("Post-it blok 76 x 76 mm", "Sticky notes 76 x 76 mm", "package", "pakke à 12", "pack of 12", (60, 140), None),
        ("Whiteboardmarker, 4 farver", "Whiteboard marker, 4 colours", "package", "pakke à 4", "pack of 4", (30, 75), None),
    ],
    "food": [
        ("Kartofler, faste, løsvægt", "Potatoes, waxy, loose", "kg", "kg", "kg", (5, 12), ("kg", "kg")),
        ("Gulerødder, vaskede", "Carrots, washed", "kg", "kg", "kg", (6, 14), None),
        ("Hakket oksekød 8-12 %", "Minced beef 8-12 %", "kg", "kg", "kg", (58, 95), None),
        ("Rugbrød, skiveskåret, 1.000 g", "Rye bread, sliced, 1,000 g", "piece", "stk.", "each", (14, 32), None),
        ("Æg, str. M, skrabeæg", "Eggs, size M, barn", "package", "bakke à 30", "tray of 30", (55, 98), None),
        ("Havregryn, økologiske", "Rolled oats, organic", "kg", "kg", "kg", (11, 24), None),
        ("Smør, 250 g", "Butter, 250 g", "piece", "stk.", "each", (16, 29), None),
    ],
    "it": [
        ("Brugerlicens, sagsbehandling", "User licence, case handling", "user_year", "pr. licens pr. år", "per licence per year", (900, 3400), ("licenser", "licences")),
        ("Mobil app, brugerlicens", "Mobile app, user licence", "user_month", "pr. bruger pr. måned", "per user per month", (25, 140), None),
        ("Drift og hosting", "Operation and hosting", "month", "pr. måned", "per month", (9000, 48000), None),
        ("Support, 2. niveau", "Second-line support", "hour", "pr. time", "per hour", (750, 1250), None),
        ("Borgerportal", "Citizen portal", "inhabitant_year", "pr. borger pr. år", "per citizen per year", (3, 28), None),
        ("Vedligeholdelse af integrationer", "Maintenance of integrations", "year", "fast pris pr. år", "fixed annual fee", (60000, 240000), None),
    ],
    "cleaning": [
        ("Håndsæbe, uparfumeret, 5 l", "Hand soap, unscented, 5 l", "piece", "stk.", "each", (85, 210), None),
        ("Mikrofiberklude, 40 x 40 cm", "Microfibre cloths, 40 x 40 cm", "package", "pakke à 10", "pack of 10", (65, 150), ("pakker", "packs")),
        ("Affaldssække 60 l", "Refuse sacks 60 l", "package", "pakke à 50", "pack of 50", (40, 95), None),
        ("Gulvrengøring, koncentrat 1 l", "Floor cleaner, concentrate 1 l", "piece", "stk.", "each", (35, 80), None),
        ("Vinduespudsning", "Window cleaning", "hour", "pr. time", "per hour", (380, 560), None),
        ("Måtteservice", "Mat service", "month", "pr. måned", "per month", (450, 1800), None),
    ],
    "aids": [
        ("Rollator, let, 4 hjul", "Rollator, lightweight, 4 wheels", "piece", "stk.", "each", (900, 2600), ("stk.", "units")),
        ("Badebænk med ryglæn", "Bath bench with backrest", "piece", "stk.", "each", (600, 1600), None),
        ("Inkontinensbind, let", "Continence pads, light", "package", "pakke à 28", "pack of 28", (45, 120), None),
        ("Toiletforhøjer 10 cm", "Raised toilet seat 10 cm", "piece", "stk.", "each", (250, 700), None),
        ("Gribetang, 75 cm", "Reacher, 75 cm", "piece", "stk.", "each", (80, 220), None),
        ("Reparation og service", "Repair and service", "hour", "pr. time", "per hour", (450, 750), None),
    ],
    "services": [
        ("Juniorkonsulent", "Junior consultant", "hour", "pr. time", "per hour", (650, 900), None),
        ("Seniorkonsulent", "Senior consultant", "hour", "pr. time", "per hour", (1050, 1450), None),
        ("Projektleder", "Project manager", "hour", "pr. time", "per hour", (1150, 1600), None),
        ("Fremmødetolkning", "On-site interpreting", "hour", "pr. time", "per hour", (450, 700), None),
        ("Telefontolkning", "Telephone interpreting", "hour", "pr. time", "per hour", (300, 520), None),
        ("Skriftlig oversættelse", "Written translation", "hour", "pr. time", "per hour", (500, 800), None),
    ],
}  # fmt: skip

# rows for the long (page-spanning) table
LONG_ITEMS = {
    "da": [
        "Blyant HB", "Viskelæder", "Lineal 30 cm", "Saks 21 cm", "Limstift 40 g", "Tape 19 mm",
        "Kuverter C5", "Kuverter C4", "Plastlommer A4", "Kartotekskort", "Arkivæske", "Skilleblade",
        "Notesblok A5", "Kalender 2026", "Hulapparat", "Clips 32 mm", "Elastikker", "Stempelpude",
        "Printerpapir A3", "Kasse til arkivering", "Tusch, sort", "Overstregningspen, gul",
        "Mappe med elastik", "Brevbakke", "Papirkurv", "Skrivebordsunderlag",
    ],
    "en": [
        "Pencil HB", "Eraser", "Ruler 30 cm", "Scissors 21 cm", "Glue stick 40 g", "Tape 19 mm",
        "Envelopes C5", "Envelopes C4", "Punched pockets A4", "Index cards", "Archive box", "Dividers",
        "Notepad A5", "Diary 2026", "Hole punch", "Paper clips 32 mm", "Rubber bands", "Ink pad",
        "Printer paper A3", "Storage box", "Marker, black", "Highlighter, yellow",
        "Elastic folder", "Letter tray", "Waste basket", "Desk pad",
    ],
}  # fmt: skip

HOURLY = {
    "da": [("Juniorkonsulent", (650, 850)), ("Seniorkonsulent", (1000, 1350)), ("Projektleder", (1100, 1500)),
           ("Tekniker", (600, 850)), ("Specialist", (1200, 1700))],
    "en": [("Junior consultant", (650, 850)), ("Senior consultant", (1000, 1350)), ("Project manager", (1100, 1500)),
           ("Technician", (600, 850)), ("Specialist", (1200, 1700))],
}  # fmt: skip

CONTACTS_BUYER = ["Mette Holm", "Peter Lund", "Henriette Bak", "Ole Sørensen", "Camilla Dahl"]

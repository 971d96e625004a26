"""Invented buyers, vendors and price-list contents (Danish / English)."""

from __future__ import annotations

# (name, address lines) -- invented municipalities and regions; CVR numbers are drawn per seed
BUYERS = [
    ("Egebjerg Kommune", ["Rådhustorvet 1", "4440 Egebjerg"]),
    ("Lindeskov Kommune", ["Skovvej 2", "6630 Lindeskov"]),
    ("Havnsø Kommune", ["Havnegade 10", "4591 Havnsø"]),
    ("Vesterå Kommune", ["Torvet 5", "9380 Vesterå"]),
    ("Bøgelund Kommune", ["Bøgevej 20", "8765 Bøgelund"]),
    ("Fjordby Kommune", ["Kanalen 3", "7620 Fjordby"]),
    ("Region Vestkysten", ["Regionshuset", "Dokkevej 4", "6705 Esbjerg Ø"]),
    ("Nørreå Kommune", ["Rådhusstræde 4", "8830 Nørreå"]),
]

# subject -> vendors (name, address)
VENDORS = {
    "office": [
        ("Kontorhuset Midt A/S", ["Industrivej 14", "8600 Silkeborg"]),
        ("Lyngsø Papir & Kontor ApS", ["Lyngsø Allé 3", "2970 Hørsholm"]),
    ],
    "cleaning": [
        ("Dansk Rengøringsengros A/S", ["Brydehusvej 22", "2750 Ballerup"]),
        ("Hygiejnecentralen Nord ApS", ["Sundsholmen 9", "9400 Nørresundby"]),
    ],
    "care": [
        ("CareLine Danmark ApS", ["Hvidkærvej 31", "5250 Odense SV"]),
        ("Mediq Plejeprodukter Syd A/S", ["Kolding Åpark 2", "6000 Kolding"]),
    ],
    "food": [
        ("Fjordland Fødevarer A/S", ["Grønttorvet 6", "2500 Valby"]),
        ("Hedegaard Storkøkken Engros A/S", ["Hedegårdsvej 88", "7400 Herning"]),
    ],
    "toner": [
        ("Tonerpartner Nord ApS", ["Sofiendalsvej 5", "9200 Aalborg SV"]),
    ],
    "clothes": [
        ("Arbejdstøj Syd ApS", ["Fabriksvej 11", "6400 Sønderborg"]),
    ],
    "consult": [
        ("Bytekon Consulting A/S", ["Kalvebod Brygge 45", "1560 København V"]),
        ("Rådgivningshuset Østjylland P/S", ["Åboulevarden 21", "8000 Aarhus C"]),
    ],
    "temp": [
        ("Vikarhuset Sjælland ApS", ["Roskildevej 150", "2620 Albertslund"]),
        ("Sundhedsvikar Danmark A/S", ["Vesterbrogade 98", "1620 København V"]),
    ],
    "it": [
        ("Bookingsystemer Danmark A/S", ["Lautrupbjerg 7", "2750 Ballerup"]),
        ("Nordlys Software ApS", ["Niels Bohrs Vej 6", "8660 Skanderborg"]),
    ],
}

SUBJECTS = {
    # subject: (da title, en title, da lot, en lot)
    "office": (
        "Rammeaftale om levering af kontorartikler",
        "Framework Agreement for the Supply of Office Supplies",
        "Delaftale 2: Kontorartikler",
        "Lot 2: Office supplies",
    ),
    "cleaning": (
        "Rammeaftale om rengøringsmidler og rengøringsartikler",
        "Framework Agreement for Cleaning Agents and Cleaning Supplies",
        "Delaftale 1: Rengøringsmidler og -artikler",
        "Lot 1: Cleaning agents and supplies",
    ),
    "care": (
        "Rammeaftale om plejeartikler og engangshandsker",
        "Framework Agreement for Care Products and Disposable Gloves",
        "Delaftale 3: Plejeartikler",
        "Lot 3: Care products",
    ),
    "food": (
        "Kontrakt om levering af fødevarer til kommunale køkkener",
        "Contract for the Supply of Food to Municipal Kitchens",
        "Delaftale 1: Kolonial, frugt og grønt samt kød",
        "Lot 1: Groceries, fruit and vegetables, meat",
    ),
    "toner": (
        "Rammeaftale om toner og printerforbrugsstoffer",
        "Framework Agreement for Toner and Printer Consumables",
        "Delaftale 4: Toner og blæk",
        "Lot 4: Toner and ink",
    ),
    "clothes": (
        "Rammeaftale om arbejdstøj og fodtøj",
        "Framework Agreement for Workwear and Footwear",
        "Delaftale 1: Arbejdstøj",
        "Lot 1: Workwear",
    ),
    "consult": (
        "Rammeaftale om IT-konsulentydelser",
        "Framework Agreement for IT Consultancy Services",
        "Delaftale 1: Projekt- og udviklingsydelser",
        "Lot 1: Project and development services",
    ),
    "temp": (
        "Kontrakt om vikarydelser på sundheds- og ældreområdet",
        "Contract for Temporary Staff in Health and Elderly Care",
        "Delaftale 2: Vikarer til plejecentre og hjemmepleje",
        "Lot 2: Temporary staff for care homes and home care",
    ),
    "it": (
        "Kontrakt om levering og drift af bookingsystem",
        "Contract for the Delivery and Operation of a Booking System",
        "Bookingsystem til kultur- og fritidsområdet",
        "Booking system for culture and leisure",
    ),
}

# unit keys -> canonical unit (truth) and printed words
UNIT_CANON = {
    "piece": "piece",
    "pack": "piece",
    "box": "piece",
    "roll": "piece",
    "set": "piece",
    "kg": "kg",
    "hour": "hour",
    "month": "month",
    "user_year": "user_year",
    "user_month": "user_month",
}
UNIT_WORDS = {
    "da": {
        "piece": ["stk.", "stk", "Stk."],
        "pack": ["pakke", "pk.", "Pakke"],
        "box": ["æske", "kasse", "ks."],
        "roll": ["rulle", "rl."],
        "set": ["sæt"],
        "kg": ["kg", "kg."],
        "hour": ["time", "pr. time"],
        "month": ["pr. måned", "pr. md."],
        "user_year": ["pr. bruger pr. år", "licens pr. år"],
        "user_month": ["pr. bruger pr. måned"],
    },
    "en": {
        "piece": ["each", "pcs", "piece"],
        "pack": ["pack", "pk"],
        "box": ["box"],
        "roll": ["roll"],
        "set": ["set"],
        "kg": ["kg"],
        "hour": ["hour", "per hour"],
        "month": ["per month"],
        "user_year": ["per user per year", "licence per year"],
        "user_month": ["per user per month"],
    },
}

# Goods: (section da, section en, [(desc da, desc en, unit key, content per unit or None, lo, hi)])
GOODS = {
    "office": [
        ("Papir", "Paper", [
            ("Kopipapir A4, 80 g, hvid", "Copy paper A4, 80 g, white", "pack", 500, 28, 45),
            ("Kopipapir A3, 80 g, hvid", "Copy paper A3, 80 g, white", "pack", 500, 60, 85),
            ("Kopipapir A4, 80 g, genbrugspapir", "Copy paper A4, 80 g, recycled", "pack", 500, 30, 48),
            ("Farvet papir A4, 80 g, assorterede farver", "Coloured paper A4, 80 g, assorted", "pack", 250, 35, 60),
            ("Karton A4, 160 g, hvid", "Card A4, 160 g, white", "pack", 250, 55, 90),
            ("Notesblok A5, linjeret, 50 blade", "Note pad A5, ruled, 50 sheets", "piece", None, 6, 14),
            ("Post-it notes 76 x 76 mm, gul", "Sticky notes 76 x 76 mm, yellow", "pack", 12, 45, 90),
        ]),
        ("Arkivering", "Filing", [
            ("Ringbind A4, 2 ringe, 40 mm ryg, blå", "Ring binder A4, 2 rings, 40 mm, blue", "piece", None, 14, 32),
            ("Brevordner A4, 80 mm, sort", "Lever arch file A4, 80 mm, black", "piece", None, 16, 35),
            ("Plastlommer A4, 0,08 mm, præget", "Punched pockets A4, 0.08 mm", "pack", 100, 30, 70),
            ("Arkivæske i bølgepap, 80 mm", "Archive box, corrugated, 80 mm", "piece", None, 7, 18),
            ("Elastikmappe A4, karton, grøn", "Elastic folder A4, card, green", "piece", None, 5, 13),
            ("Faneblade 1-12, A4, plast", "Index dividers 1-12, A4, plastic", "set", None, 9, 25),
        ]),
        ("Skriveredskaber", "Writing instruments", [
            ("Kuglepen, klik, blå skrift", "Ballpoint pen, retractable, blue", "box", 50, 80, 190),
            ("Gelpen 0,5 mm, sort", "Gel pen 0.5 mm, black", "box", 12, 60, 140),
            ("Overstregningspen, gul", "Highlighter, yellow", "box", 10, 40, 95),
            ("Whiteboardmarker, 4 farver", "Whiteboard marker, 4 colours", "pack", 4, 30, 65),
            ("Blyant HB med viskelæder", "Pencil HB with eraser", "box", 12, 20, 45),
        ]),
        ("Kontorudstyr", "Office equipment", [
            ("Hæftemaskine, 30 ark", "Stapler, 30 sheets", "piece", None, 45, 120),
            ("Hæfteklammer 24/6", "Staples 24/6", "box", 1000, 6, 15),
            ("Tape, transparent, 19 mm x 33 m", "Tape, clear, 19 mm x 33 m", "roll", None, 5, 12),
            ("Hulapparat, 2 huller, 25 ark", "Hole punch, 2 holes, 25 sheets", "piece", None, 60, 150),
            ("Saks, 21 cm, soft grip", "Scissors, 21 cm, soft grip", "piece", None, 25, 60),
            ("Batterier AA, alkaline", "Batteries AA, alkaline", "pack", 24, 60, 140),
        ]),
    ],
    "cleaning": [
        ("Rengøringsmidler", "Cleaning agents", [
            ("Universalrengøring, uparfumeret, 1 liter", "All-purpose cleaner, unscented, 1 litre", "piece", None, 18, 40),
            ("Universalrengøring, uparfumeret, 5 liter", "All-purpose cleaner, unscented, 5 litres", "piece", None, 70, 150),
            ("Gulvsæbe, svanemærket, 5 liter", "Floor soap, eco-labelled, 5 litres", "piece", None, 80, 170),
            ("Sanitetsrengøring, 1 liter", "Sanitary cleaner, 1 litre", "piece", None, 20, 45),
            ("Opvaskemiddel til maskine, 10 liter", "Dishwasher detergent, 10 litres", "piece", None, 190, 380),
            ("Håndsæbe, parfumefri, 600 ml refill", "Hand soap, fragrance-free, 600 ml refill", "box", 6, 150, 290),
            ("Hånddesinfektion 85 %, 500 ml", "Hand sanitiser 85 %, 500 ml", "piece", None, 30, 65),
        ]),
        ("Papir og poser", "Paper and bags", [
            ("Toiletpapir, 2-lags, hvid", "Toilet paper, 2-ply, white", "pack", 64, 160, 320),
            ("Håndklædeark, 2-lags, Z-fold", "Hand towels, 2-ply, Z-fold", "box", 3750, 190, 360),
            ("Køkkenrulle, 2-lags", "Kitchen roll, 2-ply", "pack", 32, 120, 240),
            ("Affaldsposer 60 l, sorte", "Bin bags 60 l, black", "roll", 25, 15, 40),
            ("Affaldssække 125 l, klare", "Refuse sacks 125 l, clear", "roll", 10, 20, 55),
        ]),
        ("Redskaber", "Equipment", [
            ("Mikrofiberklud, blå, 40 x 40 cm", "Microfibre cloth, blue, 40 x 40 cm", "pack", 10, 60, 130),
            ("Gulvmoppe, mikrofiber, 40 cm", "Flat mop, microfibre, 40 cm", "piece", None, 45, 110),
            ("Skaft til moppe, aluminium", "Mop handle, aluminium", "piece", None, 70, 160),
            ("Spand 10 liter med vrider", "Bucket 10 litres with wringer", "piece", None, 60, 140),
        ]),
    ],
    "care": [
        ("Handsker", "Gloves", [
            ("Nitrilhandske, pudderfri, str. S", "Nitrile glove, powder-free, size S", "box", 100, 30, 70),
            ("Nitrilhandske, pudderfri, str. M", "Nitrile glove, powder-free, size M", "box", 100, 30, 70),
            ("Nitrilhandske, pudderfri, str. L", "Nitrile glove, powder-free, size L", "box", 100, 30, 70),
            ("Vinylhandske, str. M", "Vinyl glove, size M", "box", 100, 20, 45),
        ]),
        ("Hudpleje og hygiejne", "Skin care and hygiene", [
            ("Vaskeklud, engangs, 20 x 30 cm", "Disposable washcloth, 20 x 30 cm", "pack", 50, 18, 45),
            ("Plejecreme, parfumefri, 500 ml", "Care cream, fragrance-free, 500 ml", "piece", None, 40, 95),
            ("Barriercreme med zink, 100 ml", "Barrier cream with zinc, 100 ml", "piece", None, 35, 80),
            ("Hagesmæk, engangs, 37 x 70 cm", "Disposable bib, 37 x 70 cm", "pack", 100, 60, 140),
            ("Underlagsstykke 60 x 60 cm", "Underpad 60 x 60 cm", "pack", 30, 45, 110),
        ]),
        ("Værnemidler", "Protective equipment", [
            ("Forklæde, engangs, plast, hvid", "Apron, disposable, plastic, white", "pack", 100, 40, 95),
            ("Mundbind type IIR", "Face mask type IIR", "box", 50, 25, 70),
            ("Visir, genanvendeligt", "Face shield, reusable", "piece", None, 15, 40),
        ]),
    ],
    "toner": [
        ("Toner", "Toner", [
            ("Toner sort, HP 59A (CF259A)", "Toner black, HP 59A (CF259A)", "piece", None, 650, 1150),
            ("Toner sort, HP 89X (CF289X)", "Toner black, HP 89X (CF289X)", "piece", None, 1300, 2300),
            ("Toner cyan, Kyocera TK-5270C", "Toner cyan, Kyocera TK-5270C", "piece", None, 700, 1250),
            ("Toner magenta, Kyocera TK-5270M", "Toner magenta, Kyocera TK-5270M", "piece", None, 700, 1250),
            ("Toner gul, Kyocera TK-5270Y", "Toner yellow, Kyocera TK-5270Y", "piece", None, 700, 1250),
            ("Toner sort, Brother TN-2420", "Toner black, Brother TN-2420", "piece", None, 350, 700),
        ]),
        ("Blæk og tromler", "Ink and drums", [
            ("Blækpatron sort, Canon PG-540", "Ink cartridge black, Canon PG-540", "piece", None, 140, 260),
            ("Tromle, Brother DR-2400", "Drum unit, Brother DR-2400", "piece", None, 550, 980),
            ("Etiketbånd 12 mm, sort på hvid", "Label tape 12 mm, black on white", "piece", None, 110, 230),
        ]),
    ],
    "clothes": [
        ("Arbejdstøj", "Workwear", [
            ("Arbejdsbukser, 65/35 polyester/bomuld, sort", "Work trousers, poly/cotton, black", "piece", None, 250, 520),
            ("Arbejdsjakke, vandafvisende, marine", "Work jacket, water-repellent, navy", "piece", None, 480, 990),
            ("T-shirt, bomuld, hvid", "T-shirt, cotton, white", "piece", None, 60, 140),
            ("Poloshirt, piqué, marine", "Polo shirt, piqué, navy", "piece", None, 110, 240),
            ("Fleecetrøje, sort", "Fleece jacket, black", "piece", None, 220, 420),
        ]),
        ("Fodtøj og tilbehør", "Footwear and accessories", [
            ("Sikkerhedssko S3, lav", "Safety shoes S3, low", "piece", None, 520, 950),
            ("Træsko, lukkede, hvide", "Clogs, closed, white", "piece", None, 300, 560),
            ("Arbejdshandsker, læder", "Work gloves, leather", "piece", None, 45, 120),
            ("Refleksvest, klasse 2", "High-visibility vest, class 2", "piece", None, 35, 90),
        ]),
    ],
    "food": [
        ("Kolonial", "Groceries", [
            ("Havregryn, økologiske", "Rolled oats, organic", "kg", None, 11, 24),
            ("Hvedemel", "Wheat flour", "kg", None, 6, 13),
            ("Ris, parboiled", "Rice, parboiled", "kg", None, 14, 28),
            ("Pasta, penne", "Pasta, penne", "kg", None, 12, 26),
            ("Rapsolie, 5 liter", "Rapeseed oil, 5 litres", "piece", None, 80, 150),
            ("Flåede tomater, 2,5 kg dåse", "Chopped tomatoes, 2.5 kg can", "piece", None, 30, 60),
        ]),
        ("Frugt og grønt", "Fruit and vegetables", [
            ("Kartofler, faste, løsvægt", "Potatoes, waxy, loose", "kg", None, 5, 12),
            ("Gulerødder, vaskede", "Carrots, washed", "kg", None, 6, 14),
            ("Løg, gule", "Onions, yellow", "kg", None, 6, 13),
            ("Æbler, danske", "Apples, Danish", "kg", None, 14, 28),
            ("Bananer", "Bananas", "kg", None, 12, 22),
            ("Agurk", "Cucumber", "piece", None, 5, 11),
        ]),
        ("Kød og fisk", "Meat and fish", [
            ("Hakket oksekød 8-12 %", "Minced beef 8-12 %", "kg", None, 58, 95),
            ("Kyllingebryst, fersk", "Chicken breast, fresh", "kg", None, 65, 110),
            ("Svinekam, uden ben", "Pork loin, boneless", "kg", None, 55, 90),
            ("Torskefilet, frost", "Cod fillet, frozen", "kg", None, 90, 150),
        ]),
        ("Mejeri", "Dairy", [
            ("Letmælk 1,5 %, 1 liter", "Semi-skimmed milk 1.5 %, 1 litre", "piece", None, 8, 14),
            ("Skyr, naturel, 1 kg", "Skyr, plain, 1 kg", "piece", None, 20, 38),
            ("Smør, 250 g", "Butter, 250 g", "piece", None, 14, 26),
            ("Ost, skiveskåret 30+, 1 kg", "Cheese, sliced 30+, 1 kg", "piece", None, 55, 95),
        ]),
    ],
}

# hourly roles: (da, en, lo, hi, qualification da, qualification en)
ROLES_CONSULT = [
    ("Projektleder", "Project manager", 1150, 1550, "Certificeret (PRINCE2 eller IPMA), min. 5 års erfaring", "Certified (PRINCE2 or IPMA), at least 5 years"),
    ("Arkitekt", "Architect", 1200, 1650, "Løsnings- eller enterprisearkitekt", "Solution or enterprise architect"),
    ("Seniorkonsulent", "Senior consultant", 1050, 1400, "Min. 8 års relevant erfaring", "At least 8 years of relevant experience"),
    ("Erfaren konsulent", "Experienced consultant", 850, 1150, "Min. 3 års relevant erfaring", "At least 3 years of relevant experience"),
    ("Udvikler", "Developer", 800, 1100, "Erfaring med .NET og Java", "Experience with .NET and Java"),
    ("Tester", "Tester", 700, 950, "ISTQB-certificeret", "ISTQB certified"),
    ("Juniorkonsulent", "Junior consultant", 600, 850, "Relevant uddannelse", "Relevant degree"),
]
ROLES_TEMP = [
    ("Sygeplejerske, hverdage dag", "Nurse, weekdays, day", 420, 560, "Dansk autorisation", "Danish authorisation"),
    ("Sygeplejerske, aften og nat", "Nurse, evenings and nights", 480, 640, "Dansk autorisation", "Danish authorisation"),
    ("Social- og sundhedsassistent, dag", "Social and health care assistant, day", 340, 450, "Autoriseret SSA", "Authorised SSA"),
    ("Social- og sundhedsassistent, aften og nat", "Social and health care assistant, evening/night", 380, 500, "Autoriseret SSA", "Authorised SSA"),
    ("Social- og sundhedshjælper, dag", "Social and health care helper, day", 300, 400, "Uddannet SSH", "Trained SSH"),
    ("Plejehjælper uden uddannelse", "Care worker without training", 260, 340, "Min. 1 års erfaring", "At least 1 year of experience"),
    ("Weekendtillæg, alle kategorier", "Weekend supplement, all categories", 60, 120, "Lørdag og søndag", "Saturday and Sunday"),
]

# IT system: (da, en, unit key, lo, hi)  -- "INCL" rows have no price
ROLES_CLEAN = [
    ("Rengøringsassistent, hverdage", "Cleaning assistant, weekdays", 280, 380, "Erfaring med institutionsrengøring", "Experience with institutional cleaning"),
    ("Rengøringsassistent, weekend og helligdage", "Cleaning assistant, weekends and holidays", 360, 480, "Erfaring med institutionsrengøring", "Experience with institutional cleaning"),
    ("Vinduespudser", "Window cleaner", 340, 460, "Certifikat for arbejde i højden", "Certificate for work at height"),
    ("Holdleder ved hovedrengøring", "Team leader, deep cleaning", 390, 520, "Min. 3 års erfaring som holdleder", "At least 3 years as team leader"),
]

IT_LINES = [
    ("Licens, bookingsystem, sagsbehandler", "Licence, booking system, case officer", "user_year", 900, 2400),
    ("Licens, bookingsystem, læseadgang", "Licence, booking system, read-only", "user_month", 20, 90),
    ("Drift og hosting", "Operation and hosting", "month", 6000, 22000),
    ("Vedligehold og opdateringer", "Maintenance and updates", "month", 2500, 9000),
    ("Konsulentbistand, tilkøb", "Consultancy, optional", "hour", 950, 1350),
    ("Undervisning af superbrugere", "Training of super users", "hour", 850, 1250),
]
IT_INCLUDED = [
    ("Support i normal åbningstid", "Support during office hours"),
    ("Sikkerhedsopdateringer", "Security updates"),
]

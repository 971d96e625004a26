"""Names, addresses and service catalogues for the probe_service generator.

Every catalogue item is ``(da, en, kind, (lo, hi))``: the service as a Danish and an English
procurement office would write it, the kind of unit it is billed by (a key of ``UNITS``) and a
plausible price range in DKK excl. VAT.
"""

from __future__ import annotations

# kind -> (truth unit, Danish unit-column texts, English unit-column texts,
#          Danish "unit in price header" texts, English header texts, short word for "kr./<w>")
UNITS: dict[str, tuple] = {
    "km": (
        "km",
        ["km", "Km", "pr. km", "kørt km"],
        ["km", "per km", "kilometre"],
        ["Pris pr. km", "Kilometerpris"],
        ["Price per km", "Rate per km"],
        ("km", "km"),
    ),
    "hour": (
        "hour",
        ["time", "Time", "pr. time", "timer"],
        ["hour", "per hour", "hr"],
        ["Timepris", "Pris pr. time"],
        ["Hourly rate", "Price per hour"],
        ("time", "hour"),
    ),
    "trip": (
        "piece",
        ["tur", "pr. tur", "Tur"],
        ["trip", "per trip"],
        ["Pris pr. tur", "Turpris"],
        ["Price per trip"],
        ("tur", "trip"),
    ),
    "empty": (
        "piece",
        ["tømning", "pr. tømning", "Tømning"],
        ["emptying", "per emptying", "lift"],
        ["Pris pr. tømning"],
        ["Price per emptying"],
        ("tømning", "emptying"),
    ),
    "callout": (
        "piece",
        ["udkald", "pr. udkald"],
        ["call-out", "per call-out"],
        ["Pris pr. udkald"],
        ["Price per call-out"],
        ("udkald", "call-out"),
    ),
    "pickup": (
        "piece",
        ["afhentning", "pr. afhentning"],
        ["collection", "per collection"],
        ["Pris pr. afhentning"],
        ["Price per collection"],
        ("afhentning", "collection"),
    ),
    "window": (
        "piece",
        ["vindue", "pr. vindue", "stk."],
        ["window", "per window", "each"],
        ["Pris pr. vindue", "Stykpris"],
        ["Price per window"],
        ("vindue", "window"),
    ),
    "container": (
        "piece",
        ["container", "stk.", "pr. container"],
        ["container", "each"],
        ["Pris pr. container"],
        ["Price per container"],
        ("container", "container"),
    ),
    "visit": (
        "piece",
        ["gang", "pr. gang", "besøg"],
        ["occasion", "per visit", "visit"],
        ["Pris pr. gang"],
        ["Price per visit"],
        ("gang", "visit"),
    ),
    "stk": (
        "piece",
        ["stk.", "stk", "Stk."],
        ["each", "pcs.", "piece"],
        ["Stykpris", "Pris pr. stk."],
        ["Price each", "Unit price per piece"],
        ("stk.", "piece"),
    ),
    "delivery": (
        "piece",
        ["levering", "pr. levering"],
        ["delivery", "per delivery"],
        ["Pris pr. levering"],
        ["Price per delivery"],
        ("levering", "delivery"),
    ),
    "m2": (
        "m2",
        ["m²", "m2", "kvm", "pr. m²"],
        ["m²", "sq. m", "per m2"],
        ["Pris pr. m²", "Kvadratmeterpris", "Pris pr. m2"],
        ["Price per m²", "Rate per sq. m"],
        ("m²", "m²"),
    ),
    "m3": (
        "m3",
        ["m³", "m3", "pr. m³"],
        ["m³", "cubic metre", "per m3"],
        ["Pris pr. m³", "Pris pr. m3"],
        ["Price per m³"],
        ("m³", "m³"),
    ),
    "metre": (
        "metre",
        ["lbm", "løbende meter", "lb. m", "lbm."],
        ["linear metre", "metre", "per metre"],
        ["Pris pr. lbm", "Meterpris", "Pris pr. løbende meter"],
        ["Price per linear metre", "Rate per metre"],
        ("lbm", "metre"),
    ),
    "tonne": (
        "tonne",
        ["ton", "tons", "pr. ton", "Ton"],
        ["tonne", "ton", "per tonne"],
        ["Pris pr. ton", "Tonpris"],
        ["Price per tonne"],
        ("ton", "tonne"),
    ),
    "litre": (
        "litre",
        ["liter", "l", "pr. liter", "ltr."],
        ["litre", "l", "per litre"],
        ["Literpris", "Pris pr. liter"],
        ["Price per litre"],
        ("l", "litre"),
    ),
    "day": (
        "day",
        ["dag", "døgn", "pr. dag", "pr. døgn", "Dag"],
        ["day", "per day", "24 hours"],
        ["Dagspris", "Døgnpris", "Pris pr. dag"],
        ["Daily rate", "Price per day"],
        ("dag", "day"),
    ),
    "month": (
        "month",
        ["måned", "md.", "pr. måned", "pr. md."],
        ["month", "per month"],
        ["Månedspris", "Pris pr. måned", "Månedlig leje"],
        ["Monthly rate", "Price per month"],
        ("md.", "month"),
    ),
    "year": (
        "year",
        ["år", "pr. år"],
        ["year", "per year", "per annum"],
        ["Årspris", "Pris pr. år"],
        ["Annual price", "Price per year"],
        ("år", "year"),
    ),
    "kg": (
        "kg",
        ["kg", "pr. kg"],
        ["kg", "per kg"],
        ["Kilopris", "Pris pr. kg"],
        ["Price per kg"],
        ("kg", "kg"),
    ),
    # --- units outside the extractor's vocabulary: truth "unrepresented"
    "week": (
        "unrepresented",
        ["uge", "pr. uge", "Uge"],
        ["week", "per week"],
        ["Ugepris", "Pris pr. uge"],
        ["Weekly rate", "Price per week"],
        ("uge", "week"),
    ),
    "m2month": (
        "unrepresented",
        ["m² pr. måned", "pr. m² pr. md.", "m2/md."],
        ["m² per month", "per m² per month"],
        ["Pris pr. m² pr. måned", "Månedspris pr. m²"],
        ["Price per m² per month"],
        ("m²/md.", "m²/month"),
    ),
    "m2year": (
        "unrepresented",
        ["m² pr. år", "pr. m² pr. år", "kvm/år"],
        ["m² per year", "per m² per annum"],
        ["Pris pr. m² pr. år", "Årspris pr. m²"],
        ["Annual price per m²"],
        ("m²/år", "m²/year"),
    ),
    "kl1000": (
        "unrepresented",
        ["1.000 liter", "pr. 1.000 l", "1000 l"],
        ["1,000 litres", "per 1,000 l"],
        ["Pris pr. 1.000 liter"],
        ["Price per 1,000 litres"],
        ("1.000 l", "1,000 l"),
    ),
    "halfhour": (
        "unrepresented",
        ["påbegyndt halve time", "pr. påbegyndt ½ time", "½ time"],
        ["started half hour", "per half hour or part"],
        ["Pris pr. påbegyndt halve time"],
        ["Price per started half hour"],
        ("½ time", "half hour"),
    ),
}

# ----------------------------------------------------------------------------- categories
# key -> dict(da titles, en titles, items, sentence price, scope text)
CATEGORIES: dict[str, dict] = {
    "transport": {
        "title_da": [
            "Kontrakt om befordring af skoleelever",
            "Kontrakt om siddende patientbefordring",
            "Rammeaftale om kørsel af borgere til dagtilbud",
        ],
        "title_en": [
            "Contract for School Transport Services",
            "Framework Agreement for Passenger Transport of Citizens",
        ],
        "scope_da": "Leverandøren udfører kørsel af borgere og skoleelever efter bestilling fra "
        "Kommunens visitation. Kørslen udføres med godkendte køretøjer og uddannede chauffører.",
        "scope_en": "The Supplier shall carry out transport of citizens and school children as "
        "ordered by the Municipality's transport office, using approved vehicles and trained "
        "drivers.",
        "qty_da": "Det forventede årlige omfang er ca. {q} km fordelt på ca. 40 ruter.",
        "qty_en": "The estimated annual volume is approx. {q} km on approx. 40 routes.",
        "qty": (60000, 240000),
        "items": [
            ("Kørsel med almindelig personbil (1-4 pers.)", "Car, 1-4 passengers", "km", (8, 16)),
            ("Kørsel med minibus (op til 8 pers.)", "Minibus, up to 8 passengers", "km", (12, 22)),
            ("Kørsel med liftbus", "Vehicle with wheelchair lift", "km", (16, 28)),
            ("Startgebyr pr. tur", "Start fee", "trip", (40, 120)),
            ("Ventetid ved afhentning", "Waiting time at pick-up", "hour", (250, 450)),
            ("Tillæg for kørestol", "Wheelchair supplement", "trip", (50, 150)),
            ("Aften- og weekendtillæg", "Evening and weekend supplement", "trip", (25, 80)),
            ("Fast skolerute, morgen", "Fixed school route, morning", "trip", (250, 650)),
            ("Ledsager", "Escort", "hour", (280, 380)),
            (
                "Ekstra ventetid ud over 15 min.",
                "Extra waiting beyond 15 minutes",
                "halfhour",
                (120, 210),
            ),
        ],
        "sentence_da": (
            "Tomkørsel til første afhentningssted",
            "{d} afregnes med {p} pr. kørt kilometer {vat}.",
            "km",
        ),
        "sentence_en": (
            "Empty running to the first pick-up point",
            "{d} is charged at {p} per kilometre driven {vat}.",
            "km",
        ),
        "penalty_da": "Ved forsinkelse på mere end 15 minutter betaler Leverandøren en bod på "
        "500 kr. pr. forsinket tur.",
        "penalty_en": "For delays of more than 15 minutes the Supplier shall pay a penalty of "
        "DKK 500 per delayed trip.",
        "index_da": "Trafikselskabernes omkostningsindeks for kørsel",
        "index_en": "the regional bus-operation cost index",
    },
    "cleaning": {
        "title_da": [
            "Kontrakt om rengøring af kommunale bygninger",
            "Rammeaftale om vinduespudsning og hovedrengøring",
            "Driftsaftale – rengøring af skoler og institutioner",
        ],
        "title_en": [
            "Contract for Cleaning of Municipal Buildings",
            "Window Cleaning and Deep Cleaning Agreement",
        ],
        "scope_da": "Aftalen omfatter daglig rengøring, periodisk rengøring, hovedrengøring og "
        "vinduespudsning i Kommunens skoler, daginstitutioner og administrationsbygninger.",
        "scope_en": "The agreement covers daily and periodic cleaning, deep cleaning and window "
        "cleaning of the Municipality's schools, day-care centres and offices.",
        "qty_da": "Det samlede rengøringsareal udgør ca. {q} m² (se Bilag 3 – Arealoversigt).",
        "qty_en": "The total floor area to be cleaned is approx. {q} m² (see Annex 3).",
        "qty": (12000, 90000),
        "items": [
            ("Hovedrengøring, kontorarealer", "Deep cleaning, office areas", "m2", (9, 28)),
            ("Ekstra rengøring efter aftale", "Additional cleaning on request", "hour", (290, 430)),
            ("Vinduespudsning, udvendig", "Window cleaning, outside", "window", (12, 38)),
            (
                "Vinduespudsning, ind- og udvendig",
                "Window cleaning, in and out",
                "window",
                (20, 60),
            ),
            ("Daglig rengøring, skoler", "Daily cleaning, schools", "m2month", (6, 19)),
            ("Gulvbehandling, linoleum", "Floor treatment, linoleum", "m2", (18, 45)),
            (
                "Periodisk rengøring, idrætshaller",
                "Periodic cleaning, sports halls",
                "m2year",
                (60, 180),
            ),
            ("Tæpperens", "Carpet cleaning", "m2", (14, 32)),
            ("Rengøring efter håndværkere", "Cleaning after builders", "hour", (310, 460)),
        ],
        "sentence_da": (
            "Akut rengøring",
            "{d} bestilt med mindre end 24 timers varsel afregnes med en timepris på {p} {vat}.",
            "hour",
        ),
        "sentence_en": (
            "Emergency cleaning",
            "{d} ordered at less than 24 hours' notice is charged at an hourly rate of {p} {vat}.",
            "hour",
        ),
        "penalty_da": "Konstateres mangler ved kvalitetskontrollen, betaler Leverandøren en bod "
        "på 2.500 kr. pr. kontrol, der ikke er bestået.",
        "penalty_en": "Where a quality inspection is failed, the Supplier shall pay a penalty of "
        "DKK 2,500 per failed inspection.",
        "index_da": "Danmarks Statistiks lønindeks for den private sektor (ILON2)",
        "index_en": "the Statistics Denmark private-sector wage index (ILON2)",
    },
    "waste": {
        "title_da": [
            "Kontrakt om indsamling af dagrenovation",
            "Kontrakt om affaldshåndtering ved kommunale institutioner",
            "Renovationskontrakt – erhvervsaffald fra kommunale ejendomme",
        ],
        "title_en": [
            "Contract for Collection of Household Waste",
            "Waste Management Services Agreement",
        ],
        "scope_da": "Leverandøren indsamler og bortskaffer affald fra Kommunens institutioner og "
        "ejendomme i henhold til tømmeplanen i Bilag 2.",
        "scope_en": "The Supplier collects and disposes of waste from the Municipality's "
        "institutions and properties according to the collection schedule in Annex 2.",
        "qty_da": "Der forventes ca. {q} tømninger årligt.",
        "qty_en": "Approx. {q} emptyings are expected annually.",
        "qty": (8000, 45000),
        "items": [
            ("Tømning af 660 l minicontainer", "Emptying of 660 l wheelie bin", "empty", (35, 95)),
            ("Tømning af 240 l affaldsbeholder", "Emptying of 240 l bin", "empty", (18, 45)),
            ("Behandling af dagrenovation", "Treatment of residual waste", "tonne", (420, 950)),
            ("Behandling af haveaffald", "Treatment of garden waste", "tonne", (150, 380)),
            ("Leje af 660 l minicontainer", "Rental of 660 l bin", "month", (25, 70)),
            ("Afhentning af storskrald", "Collection of bulky waste", "pickup", (150, 420)),
            ("Udbringning af 10 m³ container", "Delivery of 10 m³ skip", "container", (350, 850)),
            ("Leje af 10 m³ container", "Rental of 10 m³ skip", "week", (180, 450)),
            ("Leje af komprimator", "Rental of compactor", "year", (9000, 24000)),
        ],
        "sentence_da": (
            "Forgæves kørsel",
            "{d} (beholder ikke tilgængelig) afregnes med {p} pr. gang {vat}.",
            "visit",
        ),
        "sentence_en": (
            "Wasted journey",
            "A {d_lower} (bin not accessible) is charged at {p} per occasion {vat}.",
            "visit",
        ),
        "penalty_da": "For hver manglende tømning betaler Leverandøren en bod på 250 kr. pr. "
        "beholder.",
        "penalty_en": "For each missed collection the Supplier shall pay a penalty of DKK 250 per "
        "bin.",
        "index_da": "Danmarks Statistiks omkostningsindeks for renovation",
        "index_en": "the Statistics Denmark cost index for refuse collection",
    },
    "winter": {
        "title_da": [
            "Kontrakt om vintertjeneste 2025-2028",
            "Kontrakt om snerydning og glatførebekæmpelse",
            "Entreprisekontrakt – vintervedligeholdelse af kommuneveje",
        ],
        "title_en": [
            "Winter Maintenance Contract",
            "Contract for Snow Clearing and Gritting",
        ],
        "scope_da": "Entreprenøren udfører snerydning og glatførebekæmpelse på de kommuneveje, "
        "cykelstier og fortove, der fremgår af ruteplanen, efter udkald fra Kommunens vagt.",
        "scope_en": "The Contractor shall clear snow and grit the municipal roads, cycle paths "
        "and pavements listed in the route plan when called out by the Municipality's duty "
        "officer.",
        "qty_da": "Erfaringsmæssigt forventes ca. {q} maskintimer pr. sæson.",
        "qty_en": "Based on previous seasons approx. {q} machine hours are expected per season.",
        "qty": (900, 4500),
        "items": [
            ("Saltspreder med fører", "Gritting vehicle with driver", "hour", (720, 1150)),
            (
                "Traktor med sneplov og fører",
                "Tractor with snow plough and driver",
                "hour",
                (620, 980),
            ),
            ("Læssemaskine med fører", "Wheel loader with driver", "hour", (700, 1050)),
            ("Udkald (rådighed)", "Call-out fee", "callout", (500, 1900)),
            ("Vejsalt, leveret på depot", "Road salt, delivered to depot", "tonne", (620, 1100)),
            ("Håndrydning, pr. mand", "Manual clearing, per worker", "hour", (360, 510)),
            ("Rådighedsvagt", "Standby", "week", (2200, 6200)),
            ("Grus til glatførebekæmpelse", "Grit for gritting", "m3", (180, 320)),
            ("Saltlage", "Brine", "litre", (1, 3)),
            ("Vejsalt, afhentet løst", "Road salt, collected loose", "kg", (0.6, 1.5)),
        ],
        "sentence_da": (
            "Saltspreder med chauffør",
            "Timeprisen for {d_lower} udgør {p} {vat}.",
            "hour",
        ),
        "sentence_en": (
            "Gritting vehicle with driver",
            "The hourly rate for a {d_lower} is {p} {vat}.",
            "hour",
        ),
        "penalty_da": "Er udkørsel ikke påbegyndt senest 60 minutter efter udkald, betaler "
        "Entreprenøren en bod på 5.000 kr. pr. udkald.",
        "penalty_en": "If a turn-out has not started within 60 minutes of the call-out, the "
        "Contractor shall pay a penalty of DKK 5,000 per call-out.",
        "index_da": "Vejdirektoratets omkostningsindeks for drift af veje",
        "index_en": "the Road Directorate's cost index for road operation",
    },
    "rental": {
        "title_da": [
            "Rammeaftale om leje af entreprenørmateriel",
            "Aftale om leje af materiel og skurvogne",
        ],
        "title_en": [
            "Framework Agreement for Equipment Hire",
            "Plant and Equipment Rental Agreement",
        ],
        "scope_da": "Aftalen omfatter korttidsleje af entreprenørmateriel, skurvogne og "
        "byggepladsudstyr til Kommunens vej- og parkafdeling.",
        "scope_en": "The agreement covers short-term hire of construction plant, site huts and "
        "site equipment for the Municipality's roads and parks department.",
        "qty_da": "Kommunens forventede samlede lejeperiode er ca. {q} lejedage om året.",
        "qty_en": "The Municipality expects approx. {q} hire days per year.",
        "qty": (300, 2500),
        "items": [
            ("Minigraver 1,5 t", "Mini excavator 1.5 t", "day", (600, 1250)),
            ("Gummiged 8 t", "Wheeled excavator 8 t", "day", (1500, 2900)),
            ("Teleskoplæsser", "Telehandler", "day", (1100, 2200)),
            ("Personlift 12 m", "Boom lift 12 m", "day", (800, 1600)),
            ("Skurvogn, mandskab 8 pers.", "Site hut, 8 persons", "month", (2500, 5200)),
            ("Toiletvogn", "Toilet trailer", "week", (900, 1900)),
            ("Pladevibrator 90 kg", "Plate compactor 90 kg", "day", (180, 420)),
            ("Generator 20 kVA", "Generator 20 kVA", "day", (350, 800)),
            ("Byggepladshegn inkl. fod", "Site fence panel incl. base", "stk", (8, 22)),
        ],
        "sentence_da": (
            "Transport af materiel",
            "{d} til og fra arbejdsstedet afregnes med {p} pr. km {vat}.",
            "km",
        ),
        "sentence_en": (
            "Transport of equipment",
            "{d} to and from the site is charged at {p} per km {vat}.",
            "km",
        ),
        "penalty_da": "Leveres materiellet ikke til aftalt tid, betaler Leverandøren en dagbod "
        "på 1.500 kr. pr. arbejdsdag.",
        "penalty_en": "If equipment is not delivered on time, the Supplier shall pay liquidated "
        "damages of DKK 1,500 per working day.",
        "index_da": "Danmarks Statistiks omkostningsindeks for anlæg",
        "index_en": "the Statistics Denmark construction cost index",
    },
    "fuel": {
        "title_da": [
            "Kontrakt om levering af brændstof og fyringsolie",
            "Rammeaftale om levering af fyringsolie",
        ],
        "title_en": [
            "Contract for the Supply of Fuel and Heating Oil",
            "Heating Oil Supply Agreement",
        ],
        "scope_da": "Leverandøren leverer dieselolie til Kommunens materielgård og fyringsolie "
        "til Kommunens oliefyrede ejendomme efter bestilling.",
        "scope_en": "The Supplier shall deliver diesel to the Municipality's depot and heating "
        "oil to its oil-heated buildings on order.",
        "qty_da": "Det forventede årlige forbrug er ca. {q} liter.",
        "qty_en": "The estimated annual consumption is approx. {q} litres.",
        "qty": (80000, 600000),
        "items": [
            (
                "Dieselolie (B7), leveret på tank",
                "Diesel (B7), delivered to tank",
                "litre",
                (10, 15),
            ),
            ("Fyringsolie, leveret", "Heating oil, delivered", "litre", (9, 14)),
            ("HVO100", "HVO100 renewable diesel", "litre", (14, 21)),
            ("AdBlue, bulk", "AdBlue, bulk", "litre", (3, 8)),
            (
                "Tankvognslevering af fyringsolie",
                "Full tanker load of heating oil",
                "kl1000",
                (9000, 14000),
            ),
            (
                "Småleverance (under 1.000 liter)",
                "Small delivery (under 1,000 litres)",
                "delivery",
                (250, 650),
            ),
            ("Tankpasning og tankpejling", "Tank monitoring", "year", (600, 1500)),
        ],
        "sentence_da": (
            "Levering uden for normal arbejdstid",
            "Ved {d_lower} betales et tillæg på {p} pr. levering {vat}.",
            "delivery",
        ),
        "sentence_en": (
            "Delivery outside normal working hours",
            "For {d_lower} a supplement of {p} per delivery is charged {vat}.",
            "delivery",
        ),
        "penalty_da": "Ved manglende levering til aftalt tid betaler Leverandøren en bod på "
        "1.000 kr. pr. påbegyndt døgn.",
        "penalty_en": "For late delivery the Supplier shall pay a penalty of DKK 1,000 per "
        "started day.",
        "index_da": "den officielle listepris (Platts) for gasolie",
        "index_en": "the official Platts quotation for gasoil",
        "tiered": True,
    },
    "grounds": {
        "title_da": [
            "Kontrakt om drift og vedligehold af grønne områder",
            "Rammeaftale om anlægsgartnerarbejder",
            "Kontrakt om vedligehold af veje, stier og hegn",
        ],
        "title_en": [
            "Grounds Maintenance Contract",
            "Framework Agreement for Landscaping Works",
        ],
        "scope_da": "Aftalen omfatter græsslåning, hækklipning, mindre belægningsarbejder, "
        "hegnsarbejder og levering af jord og grus til Kommunens parker og institutioner.",
        "scope_en": "The agreement covers grass cutting, hedge trimming, minor paving and "
        "fencing works and the supply of soil and gravel for the Municipality's parks.",
        "qty_da": "Det samlede græsareal udgør ca. {q} m².",
        "qty_en": "The total grass area is approx. {q} m².",
        "qty": (150000, 900000),
        "items": [
            ("Opsætning af trådhegn, 1,2 m", "Wire fence, 1.2 m, installed", "metre", (180, 460)),
            ("Belægning med betonfliser 50x50", "Concrete paving slabs 50x50", "m2", (320, 720)),
            ("Muldjord, leveret og udlagt", "Topsoil, delivered and spread", "m3", (160, 360)),
            ("Stabilgrus, leveret", "Hardcore gravel, delivered", "tonne", (120, 260)),
            ("Græsslåning, parkarealer", "Grass cutting, parks", "m2", (0.35, 1.6)),
            ("Græsslåning, boldbaner", "Grass cutting, football pitches", "visit", (400, 1250)),
            ("Hækklipning", "Hedge trimming", "metre", (15, 48)),
            ("Anlægsgartner, timeløn", "Landscape gardener", "hour", (420, 580)),
            ("Asfaltreparation", "Asphalt patching", "m2", (380, 850)),
        ],
        "sentence_da": (
            "Bortkørsel af overskudsjord",
            "{d} afregnes med {p} pr. m³ {vat}.",
            "m3",
        ),
        "sentence_en": (
            "Removal of surplus soil",
            "{d} is charged at {p} per m³ {vat}.",
            "m3",
        ),
        "penalty_da": "Overskrides fristen for færdiggørelse, betaler Entreprenøren en dagbod "
        "på 1.500 kr. pr. arbejdsdag.",
        "penalty_en": "If the completion deadline is exceeded, the Contractor shall pay "
        "liquidated damages of DKK 1,500 per working day.",
        "index_da": "Danmarks Statistiks omkostningsindeks for anlæg",
        "index_en": "the Statistics Denmark construction cost index",
    },
    "staff": {
        "title_da": [
            "Rammeaftale om levering af vikarer til ældreplejen",
            "Kontrakt om vikarydelser – sundheds- og omsorgspersonale",
        ],
        "title_en": [
            "Framework Agreement for Temporary Care Staff",
            "Agency Staffing Contract",
        ],
        "scope_da": "Leverandøren stiller efter bestilling vikarer til rådighed for Kommunens "
        "plejecentre og hjemmepleje.",
        "scope_en": "The Supplier shall provide temporary staff on request for the "
        "Municipality's care homes and home care.",
        "qty_da": "Kommunens forventede forbrug er ca. {q} timer årligt.",
        "qty_en": "The Municipality expects to use approx. {q} hours per year.",
        "qty": (3000, 25000),
        "items": [
            ("Social- og sundhedshjælper, dagtimer", "Health care helper, day", "hour", (290, 390)),
            (
                "Social- og sundhedshjælper, aftentimer",
                "Health care helper, evening",
                "hour",
                (330, 440),
            ),
            (
                "Social- og sundhedsassistent, nattimer",
                "Health care assistant, night",
                "hour",
                (380, 520),
            ),
            (
                "Social- og sundhedsassistent, weekend",
                "Health care assistant, weekend",
                "hour",
                (400, 560),
            ),
            ("Sygeplejerske, dagtimer", "Registered nurse, day", "hour", (450, 620)),
            ("Sygeplejerske, helligdage", "Registered nurse, public holidays", "hour", (600, 820)),
            ("Pædagogmedhjælper", "Nursery assistant", "hour", (260, 340)),
            ("Fast vagt, døgnvagt", "24-hour shift", "day", (6500, 9800)),
        ],
        "sentence_da": (
            "Akut bestilling",
            "Ved {d_lower} med under 2 timers varsel tillægges {p} pr. time {vat}.",
            "hour",
        ),
        "sentence_en": (
            "Urgent booking",
            "For an {d_lower} made at less than 2 hours' notice, {p} per hour is added {vat}.",
            "hour",
        ),
        "penalty_da": "Udebliver en bestilt vikar, betaler Leverandøren en bod på 2.000 kr. pr. "
        "udeblivelse.",
        "penalty_en": "If a booked temp fails to appear, the Supplier shall pay a penalty of "
        "DKK 2,000 per absence.",
        "index_da": "Danmarks Statistiks lønindeks for den private sektor (ILON2)",
        "index_en": "the Statistics Denmark private-sector wage index (ILON2)",
    },
}
CATEGORY_ORDER = ["transport", "cleaning", "waste", "winter", "rental", "fuel", "grounds", "staff"]

# ----------------------------------------------------------------------------- parties
BUYERS = [
    ("Østerå Kommune", "Rådhuspladsen 1", "7800 Østerå"),
    ("Hvidbjerg Kommune", "Torvet 4", "6950 Hvidbjerg"),
    ("Søndersø Kommune", "Rådhusvej 12", "5471 Søndersø"),
    ("Lyngdal Kommune", "Stationsvej 2", "4690 Lyngdal"),
    ("Bjerringhus Kommune", "Kirkegade 20", "8850 Bjerringhus"),
    ("Nørre Vindum Kommune", "Rådhustorvet 3", "9240 Nørre Vindum"),
    ("Kærby Kommune", "Skolegade 9", "4200 Kærby"),
    ("Fjordby Kommune", "Havnevej 5", "9670 Fjordby"),
    ("Egehøj Kommune", "Rådhusstræde 1", "3480 Egehøj"),
    ("Vester Aaby Kommune", "Algade 40", "5672 Vester Aaby"),
]

VENDORS = {
    "transport": [
        "Nordjysk Patientkørsel ApS",
        "Fjordens Taxa & Turist A/S",
        "Midtbus Service ApS",
    ],
    "cleaning": [
        "Renbo Facility Service A/S",
        "Blank & Co. Rengøring ApS",
        "Vinduesmester Jensen ApS",
    ],
    "waste": ["Vestegnens Renovation A/S", "Marius Pedersen Nord ApS", "Grøn Retur A/S"],
    "winter": [
        "Vinterberg Maskinstation ApS",
        "Hedens Entreprenørforretning A/S",
        "Salt & Sne ApS",
    ],
    "rental": ["Maskinudlejningen Syd A/S", "Byg & Lej ApS", "Ramirent-Nord ApS"],
    "fuel": ["Brændselsselskabet Vest A/S", "OK Olie Distribution ApS", "Dansk Fuel Service A/S"],
    "grounds": ["Hededal Anlægsgartneri ApS", "Grønne Hænder A/S", "Park & Vej Entreprise ApS"],
    "staff": ["Omsorgsvikaren ApS", "CareStaff Danmark A/S", "Plejevikar Nord ApS"],
}
VENDOR_ADDR = [
    ("Industrivej 14", "8600 Silkeborg"),
    ("Håndværkervej 3", "7400 Herning"),
    ("Erhvervsparken 22", "5220 Odense SØ"),
    ("Vestergade 61", "9000 Aalborg"),
    ("Transportvej 8", "6000 Kolding"),
]

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

"""Clauses that every operations contract has and that carry no price term: the noise an
extractor must read past. Each topic has a Danish and an English heading and sentence
pool; `{K}`, `{L}` and `{B}` stand for the buyer, the vendor and the contract's own word.
"""

from __future__ import annotations

from random import Random

# (Danish heading, English heading, Danish sentences, English sentences)
TOPICS: list[tuple[str, str, list[str], list[str]]] = [
    (
        "Leverancens omfang",
        "Scope of the Services",
        [
            "{L} skal levere de ydelser, der er beskrevet i Bilag 1 (Kravspecifikation) og Bilag 3 (Leverandørens løsningsbeskrivelse).",
            "Ydelserne omfatter drift, vedligeholdelse, support og videreudvikling af løsningen i hele kontraktperioden.",
            "{L} skal sikre, at løsningen til enhver tid er i overensstemmelse med gældende lovgivning.",
            "Ændringer i lovgivningen, som nødvendiggør tilpasning af løsningen, implementeres af {L} uden særskilt betaling, medmindre andet er aftalt.",
            "{K} kan løbende bestille yderligere ydelser inden for rammerne af {B}.",
            "Ydelser, der ikke er beskrevet i bilagene, er ikke omfattet af {B}, medmindre parterne skriftligt aftaler andet.",
        ],
        [
            "The Supplier shall provide the services described in Schedule 1 (Requirements) and Schedule 2 (Solution Description).",
            "The Services comprise operation, maintenance, support and further development of the solution throughout the Term.",
            "The Supplier shall ensure that the solution complies with applicable law at all times.",
            "Changes required by new legislation shall be implemented by the Supplier at no additional charge unless otherwise agreed.",
            "The Customer may order additional services within the scope of this Agreement.",
        ],
    ),
    (
        "Servicemål",
        "Service Levels",
        [
            "Løsningen skal have en oppetid på mindst 99,5 % målt pr. kalendermåned inden for normal driftstid.",
            "Normal driftstid er hverdage kl. 07.00-18.00, dog ikke helligdage, grundlovsdag, den 24. december og den 31. december.",
            "Fejl af kategori A skal afhjælpes inden for 4 timer, fejl af kategori B inden for 2 arbejdsdage.",
            "{L} rapporterer månedligt om opfyldelsen af servicemålene i et format, som {K} godkender.",
            "Planlagt vedligeholdelse skal varsles mindst 5 arbejdsdage i forvejen og gennemføres uden for normal driftstid.",
            "Servicemålene fremgår i øvrigt af Bilag <X>.",
        ],
        [
            "The solution shall be available at least 99.5% of the time, measured per calendar month within business hours.",
            "Category A incidents shall be resolved within 4 hours and category B incidents within 2 business days.",
            "The Supplier shall report monthly on its performance against the service levels.",
            "Planned maintenance shall be notified at least 5 business days in advance and carried out outside business hours.",
        ],
    ),
    (
        "Fortrolighed",
        "Confidentiality",
        [
            "Parterne skal behandle alle oplysninger om den anden part, som de modtager i forbindelse med {B}, fortroligt.",
            "Tavshedspligten gælder også efter {B}s ophør, uanset årsagen hertil.",
            "{L} skal sikre, at medarbejdere og underleverandører, der udfører arbejde under {B}, er underlagt samme tavshedspligt.",
            "Oplysninger, der er offentligt tilgængelige, eller som en part er forpligtet til at udlevere efter lovgivningen, er ikke omfattet af tavshedspligten.",
            "{K} er underlagt reglerne om aktindsigt i offentlighedsloven.",
        ],
        [
            "Each party shall keep confidential all information about the other party received in connection with this Agreement.",
            "The duty of confidentiality survives termination of this Agreement for any reason.",
            "The Supplier shall ensure that its staff and subcontractors are bound by the same duty of confidentiality.",
            "The Customer is subject to the Danish Access to Public Administration Files Act.",
        ],
    ),
    (
        "Databeskyttelse",
        "Data Protection",
        [
            "{L} behandler personoplysninger på vegne af {K} og er databehandler i henhold til databeskyttelsesforordningen.",
            "Parterne indgår en databehandleraftale, der vedlægges som Bilag 6, dateret [dato].",
            "{L} må ikke overføre personoplysninger til tredjelande uden {K}s forudgående skriftlige godkendelse.",
            "{L} skal underrette {K} uden unødig forsinkelse og senest 24 timer efter at være blevet opmærksom på et brud på persondatasikkerheden.",
            "{L} skal mindst én gang årligt fremlægge en ISAE 3000-erklæring om behandlingssikkerheden.",
        ],
        [
            "The Supplier processes personal data on behalf of the Customer as a processor under the GDPR.",
            "The parties shall enter into a data processing agreement attached as Schedule 7.",
            "The Supplier shall not transfer personal data to third countries without the Customer's prior written consent.",
            "The Supplier shall notify the Customer without undue delay, and no later than 24 hours, after becoming aware of a personal data breach.",
        ],
    ),
    (
        "Underleverandører",
        "Subcontractors",
        [
            "{L} kan anvende underleverandører til opfyldelse af {B}, men hæfter for disse som for sig selv.",
            "Udskiftning af væsentlige underleverandører kræver {K}s forudgående skriftlige godkendelse, som ikke må nægtes uden saglig grund.",
            "En oversigt over {L}s underleverandører fremgår af Bilag 9.",
            "{L} skal sikre, at underleverandører overholder de samme krav til sikkerhed og fortrolighed som {L}.",
        ],
        [
            "The Supplier may use subcontractors but remains liable for them as for itself.",
            "Replacing a key subcontractor requires the Customer's prior written approval, not to be unreasonably withheld.",
            "A list of the Supplier's subcontractors is set out in Schedule 9.",
        ],
    ),
    (
        "Samfundsansvar og arbejdsklausul",
        "Corporate Social Responsibility",
        [
            "{L} skal respektere internationalt anerkendte principper for samfundsansvar, herunder FN's Global Compact.",
            "{L} skal sikre, at ansatte, der udfører arbejde i Danmark, har løn- og ansættelsesvilkår, der ikke er mindre gunstige end dem, der gælder for arbejde af samme karakter i henhold til en kollektiv overenskomst.",
            "{K} kan til enhver tid kræve dokumentation for overholdelse af arbejdsklausulen, herunder lønsedler og ansættelseskontrakter.",
            "Dokumentationen skal fremsendes senest 10 arbejdsdage efter {K}s anmodning.",
        ],
        [
            "The Supplier shall respect internationally recognised principles of corporate social responsibility, including the UN Global Compact.",
            "The Supplier shall ensure that its employees working in Denmark have pay and working conditions no less favourable than those under the relevant collective agreement.",
            "The Customer may at any time request documentation of compliance with this clause.",
        ],
    ),
    (
        "Informationssikkerhed",
        "Information Security",
        [
            "{L} skal drive løsningen i overensstemmelse med ISO/IEC 27001 eller tilsvarende standard.",
            "{L} skal gennemføre sårbarhedsscanninger mindst kvartalsvis og udbedre kritiske sårbarheder inden for 14 dage.",
            "Backup skal tages dagligt og opbevares i mindst 30 dage på en fysisk adskilt lokation.",
            "{L} skal medvirke til {K}s beredskabsøvelser mindst én gang årligt.",
            "Adgang til produktionsmiljøet skal ske med tofaktorautentifikation.",
        ],
        [
            "The Supplier shall operate the solution in accordance with ISO/IEC 27001 or an equivalent standard.",
            "Vulnerability scans shall be carried out at least quarterly, and critical vulnerabilities remedied within 14 days.",
            "Backups shall be taken daily and kept for at least 30 days at a physically separate location.",
        ],
    ),
    (
        "Ændringshåndtering",
        "Change Control",
        [
            "Ændringer af ydelserne aftales skriftligt efter proceduren i Bilag 8 (Ændringshåndtering).",
            "{L} skal senest 10 arbejdsdage efter modtagelse af en ændringsanmodning fremsende et skriftligt tilbud med konsekvenser for tid, pris og kvalitet.",
            "Ændringer er først bindende, når de er underskrevet af begge parters kontraktansvarlige.",
            "{K}s kontraktansvarlige er [Indsæt navn], og {L}s kontraktansvarlige er [Indsæt navn].",
        ],
        [
            "Changes to the Services shall be agreed in writing in accordance with the change control procedure in Schedule 8.",
            "Within 10 business days of receiving a change request, the Supplier shall submit a written proposal stating the impact on time, price and quality.",
            "A change is binding only when signed by both parties' contract managers.",
        ],
    ),
    (
        "Samarbejdsorganisation",
        "Governance",
        [
            "Parterne afholder statusmøder mindst en gang i kvartalet og i øvrigt efter behov.",
            "{L} udarbejder dagsorden og referat af møderne, som godkendes af {K}.",
            "Der afholdes et årligt strategimøde, hvor den kommende periodes udvikling af løsningen drøftes.",
            "Kontaktoplysninger på parternes repræsentanter fremgår af Bilag 10 og opdateres af parterne løbende.",
        ],
        [
            "The parties shall hold status meetings at least quarterly and otherwise as required.",
            "The Supplier shall prepare agendas and minutes of the meetings for the Customer's approval.",
            "An annual strategy meeting shall be held to discuss the development of the solution.",
        ],
    ),
    (
        "Misligholdelse",
        "Breach",
        [
            "Hvis en part misligholder sine forpligtelser, kan den anden part gøre de almindelige beføjelser gældende efter dansk rets almindelige regler.",
            "Ved væsentlig misligholdelse kan {K} hæve {B} helt eller delvist med øjeblikkelig virkning.",
            "{K} skal skriftligt reklamere over mangler inden for rimelig tid efter, at manglen er eller burde være opdaget.",
            "{L} skal afhjælpe mangler uden ugrundet ophold og for egen regning.",
        ],
        [
            "If a party breaches its obligations, the other party may exercise the remedies available under Danish law.",
            "In the event of material breach the Customer may terminate this Agreement in whole or in part with immediate effect.",
            "The Supplier shall remedy defects without undue delay and at its own expense.",
        ],
    ),
    (
        "Ophør og exit",
        "Termination and Exit",
        [
            "{K} kan opsige {B} helt eller delvist med 6 måneders skriftligt varsel til udgangen af en måned.",
            "Ved ophør skal {L} medvirke loyalt til overdragelse af driften til {K} eller en ny leverandør.",
            "{L} skal udlevere alle data i et almindeligt anvendt, maskinlæsbart format senest 30 dage efter ophør.",
            "Exitplanen fremgår af Bilag 11 og opdateres årligt af {L}.",
        ],
        [
            "The Customer may terminate this Agreement in whole or in part on six months' written notice to the end of a month.",
            "On termination the Supplier shall cooperate loyally in transferring the Services to the Customer or a new supplier.",
            "The Supplier shall hand over all data in a commonly used machine-readable format within 30 days of termination.",
        ],
    ),
    (
        "Force majeure",
        "Force Majeure",
        [
            "Ingen af parterne er ansvarlige for forhold, der ligger uden for partens kontrol, og som parten ikke burde have forudset ved indgåelsen af {B}.",
            "Force majeure omfatter ikke forhold hos underleverandører, medmindre disse selv er ramt af force majeure.",
            "Påberåbelse af force majeure skal ske skriftligt og uden ugrundet ophold.",
            "Varer force majeure i mere end 60 dage, kan hver af parterne opsige {B} med 14 dages varsel.",
        ],
        [
            "Neither party shall be liable for events beyond its reasonable control that it could not have foreseen at the time of entering into this Agreement.",
            "A party invoking force majeure shall notify the other party in writing without undue delay.",
            "If force majeure continues for more than 60 days, either party may terminate on 14 days' notice.",
        ],
    ),
    (
        "Overdragelse",
        "Assignment",
        [
            "{L} kan ikke overdrage rettigheder og forpligtelser efter {B} uden {K}s skriftlige samtykke.",
            "{K} kan overdrage {B} til en anden offentlig myndighed, der overtager {K}s opgaver.",
            "{L} kan overdrage sine krav på betaling til et pengeinstitut.",
        ],
        [
            "The Supplier may not assign its rights and obligations without the Customer's written consent.",
            "The Customer may assign this Agreement to another public authority taking over its tasks.",
        ],
    ),
    (
        "Tvister",
        "Disputes",
        [
            "Tvister søges først løst ved forhandling mellem parternes kontraktansvarlige og derefter mellem parternes ledelser.",
            "Kan tvisten ikke løses ved forhandling, kan hver af parterne indbringe tvisten for mediation ved Voldgiftsnævnet for IT.",
            "Tvister, der ikke løses ved mediation, afgøres ved de almindelige domstole med {K}s hjemting som værneting.",
            "{B} er underlagt dansk ret, dog ikke dansk rets regler om lovvalg.",
        ],
        [
            "Disputes shall first be sought resolved by negotiation between the parties' contract managers and then their senior management.",
            "Failing resolution, either party may refer the dispute to mediation.",
            "This Agreement is governed by Danish law, and the courts of Copenhagen have exclusive jurisdiction.",
        ],
    ),
]

DEFINITIONS_DA = [
    ("Kontrakten", "denne kontrakt med tilhørende bilag."),
    ("Ydelserne", "de ydelser, som Leverandøren skal levere i henhold til Kontrakten."),
    ("Arbejdsdage", "mandag til fredag, bortset fra helligdage, grundlovsdag, 24. december og 31. december."),
    ("Normal driftstid", "arbejdsdage kl. 07.00-18.00."),
    ("Løsningen", "det samlede system, herunder programmel, integrationer og dokumentation."),
    ("Driftsmiljø", "den tekniske infrastruktur, som Løsningen afvikles på."),
]  # fmt: skip
DEFINITIONS_EN = [
    ("Agreement", "this agreement including its schedules."),
    ("Business Day", "Monday to Friday, excluding Danish public holidays."),
    ("Services", "the services to be provided by the Supplier under this Agreement."),
    ("Solution", "the system as a whole, including software, integrations and documentation."),
]  # fmt: skip


def topic(index: int, lang: str) -> tuple[str, list[str]]:
    """Heading and sentence pool of topic `index` in Danish or English."""
    da_heading, en_heading, da_pool, en_pool = TOPICS[index]
    return (da_heading, da_pool) if lang == "da" else (en_heading, en_pool)


def pick_sentences(rng: Random, sentences: list[str], low: int, high: int,
                   names: dict[str, str]) -> list[str]:  # fmt: skip
    """A few sentences from a pool, in pool order, with the party words filled in."""
    count = min(len(sentences), rng.randint(low, high))
    chosen = sorted(rng.sample(range(len(sentences)), count))
    return [_fill(sentences[i], names) for i in chosen]


def _fill(text: str, names: dict[str, str]) -> str:
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    return text

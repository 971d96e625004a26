"""Appendices that hold tables but no prices: service levels and requirement lists.

They make long contracts long the way real ones are, and give an extractor ruled tables
with identifiers, percentages and hours that are not price terms.
"""

from __future__ import annotations

from random import Random

from .blocks import Block, Column, Heading, Para, Row, Table

_FEATURES = [
    "single sign-on via MitID Erhverv", "journalisering af e-mails direkte fra Outlook",
    "automatisk arkivering til Rigsarkivet", "adgangsstyring på sagsniveau",
    "udtræk af data til Kundens datavarehus", "integration til Serviceplatformen",
    "opslag i CPR og CVR", "Digital Post via Næste generation Digital Post",
    "skabeloner til breve med flettefelter", "fuldtekstsøgning i dokumenter",
    "logning af alle opslag i personoplysninger", "sletning efter fastsatte slettefrister",
    "tilgængelighed i henhold til WCAG 2.1 AA", "mobil adgang fra tablets og smartphones",
    "statistik og ledelsesrapportering", "masseudsendelse af breve",
    "overførsel af sager mellem afdelinger", "versionering af dokumenter",
    "elektronisk underskrift", "import af data fra regneark",
    "API til tredjepartssystemer", "brugeradministration via Kundens AD",
    "audit trail for alle ændringer", "ændring af sagsbehandler på flere sager ad gangen",
]  # fmt: skip
_VERBS = ["Løsningen skal understøtte", "Det skal være muligt at anvende",
          "Leverandøren skal beskrive, hvordan løsningen understøtter",
          "Løsningen bør understøtte"]  # fmt: skip


def requirements_da(rng: Random, rows: int, title: str) -> list[Block]:
    """An excerpt of a requirement specification: ids, requirement text, MK/K/O type."""
    prefix = rng.choice(["K", "KRAV", "R", "MK"])
    body = []
    for n in range(rows):
        feature = rng.choice(_FEATURES)
        kind = rng.choice(["MK", "K", "K", "O"])
        body.append(Row([f"{prefix}-{n + 1:02d}", f"{rng.choice(_VERBS)} {feature}.", kind]))
    return [
        Heading(title, in_toc=True, new_page=True),
        Para(
            "MK = mindstekrav, K = krav, O = option. Leverandørens besvarelse fremgår af Bilag 3."
        ),
        Table(
            [Column("Krav-ID", 1), Column("Krav", 6), Column("Type", 0.8, "center")],
            body,
            rules=rng.choice(["grid", "horizontal"]),
            header_fill=rng.choice([None, 0.88]),
        ),  # fmt: skip
    ]


_LEVELS_DA = [
    ("Oppetid i normal driftstid", "Pr. kalendermåned", "99,5 %"),
    ("Oppetid uden for normal driftstid", "Pr. kalendermåned", "98 %"),
    ("Reaktionstid, kategori A-fejl", "24/7", "30 minutter"),
    ("Løsningstid, kategori A-fejl", "24/7", "4 timer"),
    ("Løsningstid, kategori B-fejl", "Normal driftstid", "2 arbejdsdage"),
    ("Løsningstid, kategori C-fejl", "Normal driftstid", "10 arbejdsdage"),
    ("Svartid ved sideskift", "95 % af alle målinger", "under 2 sekunder"),
    ("Besvarelse af henvendelser til servicedesk", "Normal driftstid", "80 % inden for 60 sek."),
    ("Bod ved manglende opfyldelse", "Pr. måned", "2 % af det månedlige vederlag"),
]
_LEVELS_EN = [
    ("Availability in business hours", "Per calendar month", "99.5%"),
    ("Response time, category A incidents", "24/7", "30 minutes"),
    ("Resolution time, category A incidents", "24/7", "4 hours"),
    ("Resolution time, category B incidents", "Business hours", "2 business days"),
    ("Page response time", "95% of measurements", "below 2 seconds"),
    ("Service credit for missed targets", "Per month", "2% of the monthly charges"),
]


def service_levels(rng: Random, title: str, lang: str) -> list[Block]:
    levels = _LEVELS_DA if lang == "da" else _LEVELS_EN
    chosen = sorted(rng.sample(range(len(levels)), rng.randint(4, len(levels))))
    heads = (["Servicemål", "Målepunkt", "Krav"] if lang == "da"
             else ["Service level", "Measured", "Target"])  # fmt: skip
    return [
        Heading(title, in_toc=True, new_page=rng.random() < 0.7),
        Table(
            [Column(heads[0], 3), Column(heads[1], 2), Column(heads[2], 2)],
            [Row(list(levels[i])) for i in chosen],
            rules=rng.choice(["grid", "horizontal", "box"]),
            header_fill=rng.choice([None, 0.9]),
        ),  # fmt: skip
    ]

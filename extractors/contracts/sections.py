"""Splitting the contract body into clauses and classifying each clause's kind.

The classifier is rule-based: the pipeline gives each keyword the lemma ``§<kind>``
(``nlp._mark_clause_words``) and a spaCy ``Matcher`` counts those and a few phrases,
the words that mark each kind (``indexation``, ``mfn``, ``payment``, ``validity``, ``termination``,
``prices``); words in the heading weigh three times as much as words in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from extractors.contracts.nlp import analyse, pipeline
from extractors.contracts.pdf import PageText

if TYPE_CHECKING:
    from spacy.tokens import Doc

_HEADING_RE = re.compile(
    r"^(?:\d{1,2}\.(?:\d{1,2}\.?)?|§\s*\d+\.?|Punkt\s+\d+\s*[-–.:]?|Pkt\.\s*\d+|Clause\s+\d+\.?"
    r"|Article\s+\d+\.?|Section\s+\d+\.?)\s+(?P<heading>[A-ZÆØÅ][^.:;]{2,60})$"
)
#: The price appendix's heading, alone on its line: "Bilag 2 Priser", "Bilag B - Vederlag".
_APPENDIX_RE = re.compile(
    r"^(?:(?:Bilag|Appendix|Annex|Schedule)\s+[\dA-Z]{1,3}\s*[-–:.]?\s*)?"
    r"(?:Priser|Prisbilag|Prisliste|Vederlag|Prices|Price list|Pricing|Remuneration)$",
    re.IGNORECASE,
)

#: Per kind: token regexes ("^prisregul"), or plain phrases of several words ("laveste pris").
KEYWORDS: dict[str, tuple[str, ...]] = {
    "indexation": ("^prisregul", "^regul", "^indeks", "^index", "^adjust", "^nettoprisindeks",
                   "^forbrugerprisindeks", "^lønindeks", "^ilon"),
    "mfn": ("^mestbegunstig", "^most-favoured", "^favoured", "^gunstige", "^favourable",
            "laveste pris", "lowest price", "best price", "bedste pris"),
    "payment": ("^betaling", "^faktura", "^netto$", "^payment", "^payable", "^invoice", "^net$",
                "^forfald"),
    "validity": ("^ikrafttræd", "^varighed", "^udløb", "^gældende$", "^kontraktperiode",
                 "^force$", "^term$", "^expire", "^valid$", "^ophører$", "^virkning$"),
    "termination": ("^opsig", "^terminat"),
    "prices": ("^priser$", "^vederlag", "^prices$", "^remuneration$"),
}  # fmt: skip
_matchers: dict[str, Any] = {}


@dataclass(slots=True)
class Section:
    """A clause of the body: its heading (or None), text, page and classified kind."""

    heading: str | None
    text: str
    page: int
    kind: str = "other"
    confidence: float = 0.0
    doc: Doc | None = None
    #: Keyword score per kind; a clause may also state facts of its runner-up kinds.
    scores: dict[str, float] = field(default_factory=dict)

    def also(self, kind: str) -> bool:
        """Whether the clause, though classified otherwise, speaks of ``kind`` too (its
        heading names it, or two of its keywords occur)."""
        return kind != self.kind and self.scores.get(kind, 0.0) >= 2.0


def split_body(pages: list[PageText]) -> tuple[list[Section], list[PageText] | None]:
    """Sections of the body, and the price appendix's pages (the first one starting at
    its heading, "Bilag 2 Priser"), or None when no price appendix heading is found."""
    sections: list[Section] = []
    current = Section(heading=None, text="", page=pages[0].number if pages else 1)
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            if p > 0 and _APPENDIX_RE.match(line):
                if current.text or current.heading:
                    sections.append(current)
                return sections, [PageText(page.number, page.lines[i:]), *pages[p + 1 :]]
            match = _HEADING_RE.match(line)
            if match:
                if current.text or current.heading:
                    sections.append(current)
                current = Section(heading=match.group("heading"), text="", page=page.number)
            else:
                current.text = f"{current.text} {line}".strip() if current.text else line
    if current.text or current.heading:
        sections.append(current)
    return sections, None


def classify(sections: list[Section], language: str) -> list[Section]:
    """Analyse each section with spaCy and set its ``kind`` and ``confidence``."""
    matcher = _matcher(language)
    nlp = pipeline(language)
    for section in sections:
        section.doc = analyse(section.text, language)
        scores = dict.fromkeys(KEYWORDS, 0.0)
        _count(matcher, nlp, section.doc, scores, 1.0)
        if section.heading:
            _count(matcher, nlp, analyse(section.heading, language), scores, 3.0)
        kind, top = max(scores.items(), key=lambda kv: kv[1])
        total = sum(scores.values())
        section.scores = scores
        section.kind = kind if top > 0 else "other"
        section.confidence = round(top / total, 2) if total else 0.0
    return sections


def _count(matcher: Any, nlp: Any, doc: Doc, scores: dict[str, float], weight: float) -> None:
    for match_id, _, _ in matcher(doc):
        scores[nlp.vocab.strings[match_id]] += weight


def _matcher(language: str) -> Any:
    matcher = _matchers.get(language)
    if matcher is None:
        from spacy.matcher import Matcher

        matcher = Matcher(pipeline(language).vocab)
        for kind, keywords in KEYWORDS.items():
            phrases = [[{"LOWER": w} for w in k.split()] for k in keywords if " " in k]
            matcher.add(kind, [[{"LEMMA": f"§{kind}"}], *phrases])
        _matchers[language] = matcher
    return matcher


_KEYWORD_RES = {
    kind: re.compile("|".join(k for k in keywords if " " not in k))
    for kind, keywords in KEYWORDS.items()
}


def keyword_kind(word: str) -> str | None:
    """The clause kind a lowercase word marks ("prisreguleringen" -> "indexation")."""
    for kind, pattern in _KEYWORD_RES.items():
        if pattern.match(word):
            return kind
    return None

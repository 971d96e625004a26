"""Splitting the contract body into clauses and classifying each clause's kind.

The body splits at headings of any common style (``structure.heading``); a table of
contents is skipped; the price appendix starts at its appendix heading, other
appendices and exhibits become sections marked ``appendix``.

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
from extractors.contracts.structure import appendix_heading, heading, is_title, toc_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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
#: A clause number glued to the clause's first word by the PDF's text layer.
_GLUED = re.compile(r"(?<=\b\d\.\d)(?=[A-ZÆØÅ][a-zæøå])|(?<=\b\d\d\.\d)(?=[A-ZÆØÅ][a-zæøå])|"
                    r"(?<=\b\d\.\d\d)(?=[A-ZÆØÅ][a-zæøå])")  # fmt: skip


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
    #: Whether the clause stands in an appendix or exhibit after the contract's body.
    appendix: bool = False
    _sentences: list[Span] | None = field(default=None, repr=False)

    @property
    def sentences(self) -> list[Span]:
        """The clause's sentences as spaCy split them (computed once: ``doc.sents``
        walks every token)."""
        if self._sentences is None:
            assert self.doc is not None, "classify() the section first"
            self._sentences = list(self.doc.sents)
        return self._sentences

    def also(self, kind: str) -> bool:
        """Whether the clause, though classified otherwise, speaks of ``kind`` too (its
        heading names it, or two of its keywords occur)."""
        return kind != self.kind and self.scores.get(kind, 0.0) >= 2.0


def split_body(pages: list[PageText]) -> tuple[list[Section], list[PageText] | None]:
    """Sections of the body, and the price appendix's pages (the first one starting at
    its heading, "Bilag 2 Priser"), or None when no price appendix heading is found.

    A heading (``structure.heading``) starts a section; a table of contents is skipped;
    an appendix heading after the first page starts the price appendix when its title
    names prices, else a section marked ``appendix`` (an exhibit, a schedule). A list
    of appendices ("Bilag 1 Kravspecifikation", "Bilag 2 Priser" on consecutive
    lines) names appendices, it does not start one.
    """
    sections: list[Section] = []
    current = Section(heading=None, text="", page=pages[0].number if pages else 1)
    in_appendix = False
    previous: str | None = None

    def start(title: str, page: int, text: str = "") -> None:
        nonlocal current
        if current.text or current.heading:
            sections.append(current)
        current = Section(heading=title or None, text=text, page=page, appendix=in_appendix)

    for p, page in enumerate(pages):
        toc = toc_lines(page.lines)
        lines = page.lines
        skip = -1
        for i, line in enumerate(lines):
            if i in toc or i == skip:
                continue
            following = lines[i + 1] if i + 1 < len(lines) else None
            appendix = appendix_heading(line, following) if p > 0 else None
            if appendix is not None and not _in_list(lines, i):
                if appendix.prices:
                    if current.text or current.heading:
                        sections.append(current)
                    return sections, [PageText(page.number, lines[i:]), *pages[p + 1 :]]
                in_appendix = True
                skip = i + 1 if appendix.title and appendix.title not in line else -1
                start(f"{appendix.label} {appendix.title}".strip(), page.number)
            elif (found := heading(line, previous)) is not None:
                title = found.title
                if not title and following is not None and is_title(following):
                    title, skip = following, i + 1
                start(title or found.number, page.number, found.rest)
            else:
                line = _GLUED.sub(" ", line)  # "5.1This Agreement" -> "5.1 This Agreement"
                current.text = f"{current.text} {line}".strip() if current.text else line
            previous = line
    if current.text or current.heading:
        sections.append(current)
    return sections, None


def _in_list(lines: list[str], i: int) -> bool:
    """Whether the appendix heading at ``i`` is one entry of a list of appendices."""
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(appendix_heading(n) is not None for n in neighbours)


def classify(sections: list[Section], language: str) -> list[Section]:
    """Analyse each section with spaCy and set its ``kind`` and ``confidence``."""
    matcher = _matcher(language)
    nlp = pipeline(language)
    for section in sections:
        section.doc = analyse(section.text, language)
        section._sentences = None
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

"""The spaCy pipelines: blank Danish and English, with contract entities and sentences.

No trained model is needed (none can be downloaded): ``spacy.blank(lang)`` gives the
tokenizer; an ``entity_ruler`` marks the named price indexes (INDEX, with the
normalised name as ``ent_id_``); a component ``prisvagt_entities`` adds MONEY,
PERCENT, DATE, DURATION and CVR spans found by regular expressions
(``Doc.char_span``), sets sentence starts where a sentence really ends (not after
"pr.", "kr.", "1.") and marks the clause keywords for the classifier.
spaCy is imported lazily and each pipeline is built once per process.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from extractors.contracts.dates import DURATION_RE
from extractors.contracts.patterns import DATE_RE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_PIPELINES: dict[str, Language] = {}

_AMOUNT = r"\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2}|,-)?|\d+(?:[.,]\d{1,2}|,-)?"
ENTITY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CVR", re.compile(r"(?<=CVR)[^\d\n]{0,8}(\d{2} ?\d{2} ?\d{2} ?\d{2})\b", re.IGNORECASE)),
    ("DATE", DATE_RE),
    ("PERCENT", re.compile(r"\b(\d+(?:[.,]\d+)?)\s*(?:%|procent\b|per cent\b|percent\b)")),
    ("MONEY", re.compile(rf"(?:\b(?:kr\.|DKK|EUR)\s*({_AMOUNT})|\b({_AMOUNT})\s*(?:kr\.|DKK\b))")),
    ("DURATION", DURATION_RE),
)
#: Named price indexes, for the EntityRuler: label INDEX, id the normalised name.
INDEX_NAMES = {
    "nettoprisindeks": ("nettoprisindeks", "nettoprisindekset", "nettoprisindeksets",
                        "net price index", "npi"),
    "forbrugerprisindeks": ("forbrugerprisindeks", "forbrugerprisindekset",
                            "forbrugerprisindeksets", "consumer price index", "cpi", "hicp"),
    "lønindeks": ("lønindeks", "lønindekset", "lønindeksets", "wage index"),
}  # fmt: skip
INDEX_PATTERNS: list[dict[str, object]] = [
    {"label": "INDEX", "pattern": phrase, "id": name}
    for name, phrases in INDEX_NAMES.items()
    for phrase in phrases
]
INDEX_PATTERNS.append(
    {"label": "INDEX", "pattern": [{"TEXT": {"REGEX": r"^I?LON\d+$"}}], "id": "table-code"}
)

# A sentence ends at ., ! or ? followed by space and a capital (or an opening bracket
# or quote), unless the period ends an abbreviation, an initial or an ordinal ("1.
# januar", "jf. Bilag", "nr. 5", "Inc. (“ETON”)", "M. D. Anderson").
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ(“\"]|\d{1,2}(?:\.\d{1,2})+\.?\s+[A-ZÆØÅ])|\n\n")
_WORD_BEFORE = re.compile(r"[\w.&/-]*$")
ABBREVIATIONS = frozenset((
    "pr", "nr", "jf", "kr", "inkl", "ekskl", "bl", "evt", "ca", "mv", "osv", "dvs", "iht",
    "vedr", "stk", "pkt", "tlf", "no", "nos", "inc", "ltd", "co", "corp", "llc", "l.l.c", "lp",
    "l.p", "plc", "bv", "b.v", "nv", "n.v", "sa", "s.a", "ag", "gmbh", "pty", "pte", "mr",
    "mrs", "ms", "dr", "st", "sec", "art", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "approx",
    "dept", "fig", "ref", "cf", "incl", "excl",
))  # fmt: skip


def pipeline(language: str) -> Language:
    """The blank pipeline for ``da`` or ``en`` (anything else gets ``da``), built once."""
    lang = language if language in ("da", "en") else "da"
    nlp = _PIPELINES.get(lang)
    if nlp is None:
        import spacy

        _register_component()
        nlp = spacy.blank(lang)
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(INDEX_PATTERNS)  # type: ignore[attr-defined]
        nlp.add_pipe("prisvagt_entities")
        _PIPELINES[lang] = nlp
    return nlp


def analyse(text: str, language: str) -> Doc:
    """Tokens, regex entities and sentences for ``text``."""
    return pipeline(language)(text)


_registered = False


def _register_component() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component("prisvagt_entities", func=_mark_entities)
    _registered = True


def _mark_entities(doc: Doc) -> Doc:
    from spacy.util import filter_spans

    spans = list(doc.ents)  # the EntityRuler's INDEX names
    text = doc.text  # built from the tokens on every access: once
    for label, pattern in ENTITY_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(1) if label == "CVR" else match.span()
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = filter_spans(spans)
    _mark_sentences(doc, text)
    _mark_clause_words(doc)
    return doc


def _mark_sentences(doc: Doc, text: str) -> None:
    """Sentence starts at the tokens just after a sentence end (others stay unset)."""
    if not len(doc):
        return
    offsets = doc.to_array("IDX").tolist()
    doc[0].is_sent_start = True
    for match in _SENTENCE_END.finditer(text):
        if match.group(0).startswith(".") and _no_sentence_end(text, match.start()):
            continue
        i = bisect_left(offsets, match.end())
        if i < len(offsets) and offsets[i] == match.end():
            doc[i].is_sent_start = True
    if len(doc) > 1 and doc[1].is_sent_start is None:
        doc[1].is_sent_start = False  # spaCy ignores token 0: one explicit non-start marks it set


def _no_sentence_end(text: str, period: int) -> bool:
    """Whether the period at ``period`` ends an abbreviation or an initial, not a sentence."""
    match = _WORD_BEFORE.search(text, max(0, period - 20), period)
    word = match.group(0).lstrip(".") if match else ""
    return (
        word.lower() in ABBREVIATIONS
        or word.lower().endswith(("nr", "pr", "jf", "kr", "inkl", "ekskl"))  # "varenr.", "Kr."
        or (len(word) == 1 and word.isalpha())
        or (word.count(".") >= 1 and len(word) <= 8 and not word.replace(".", "").isdigit())
    )


#: lowercase word -> the clause kind it marks, or None; grows with the words seen, up to
#: a cap (then it starts again: a long-running worker reads documents without end).
_KEYWORD_KIND: dict[str, str | None] = {}
_KEYWORD_LIMIT = 100_000


def _mark_clause_words(doc: Doc) -> None:
    """Give every clause keyword the lemma ``§<kind>`` ("prisreguleringen" -> "§indexation"),
    so the clause classifier's ``Matcher`` compares hashes instead of running regexes.
    The blank pipelines have no lemmatizer, so the lemma is free to carry this."""
    from extractors.contracts.sections import keyword_kind

    if len(doc):
        doc[0].lemma_ = doc[0].lower_  # lemmas count as set, so the Matcher accepts the doc
    if len(_KEYWORD_KIND) >= _KEYWORD_LIMIT:
        _KEYWORD_KIND.clear()
    for token in doc:
        lower = token.lower_
        kind = _KEYWORD_KIND.get(lower, "") if lower in _KEYWORD_KIND else keyword_kind(lower)
        _KEYWORD_KIND[lower] = kind
        if kind:
            token.lemma_ = f"§{kind}"

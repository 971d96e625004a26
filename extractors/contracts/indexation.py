"""Reading the price-adjustment clause (prisregulering) into ``IndexationTerms``.

The clause is read sentence by sentence: the index named, the cap (a PERCENT next to
"højst", "maksimalt", "no more than" ...), the month adjustments take effect
("pr. 1. januar"), the fixed-price period (a DURATION next to "faste", "fixed"),
the notice (a DURATION in days next to "varsel", "notified") and the base month
("Basisindeks er indekset for oktober 2025"). A clause naming no index is not an
indexation clause ("Priserne er faste i hele kontraktperioden").
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from extractors.contracts.clauses import duration
from extractors.contracts.patterns import DAY_MONTH_RE, MONTH_YEAR_RE, month_number
from extractors.contracts.sections import Section
from extractors.money import parse_amount
from extractors.types import Evidence, IndexationTerms

_INDEXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"nettoprisindeks|net price index|\bNPI\b", re.I), "nettoprisindeks"),
    (re.compile(r"forbrugerprisindeks|consumer price index|\bCPI\b|\bHICP\b", re.I),
     "forbrugerprisindeks"),
    (re.compile(r"\b(ILON\d+|LON\d+)\b"), ""),  # a wage index by its Statistics Denmark table
    (re.compile(r"lønindeks|wage index", re.I), "lønindeks"),
)  # fmt: skip
_CAP_WORDS = re.compile(r"højst|maksimalt|maks\.|ikke overstige|loft|no more than|capped|"
                        r"not exceed|maximum|at most", re.I)  # fmt: skip
_THRESHOLD_WORDS = re.compile(r"eller mere|or more|mindst|at least|overstiger|exceeds", re.I)
_FIXED_WORDS = re.compile(r"\bfaste\b|fastlåst|kan ikke reguleres|\bfixed\b|uændrede|tidligst|"
                          r"første regulering|no earlier than|at the earliest|first adjustment", re.I)  # fmt: skip
_NOTICE_WORDS = re.compile(r"varsel|varsles|notice|notif", re.I)
_ADJUST_WORDS = re.compile(r"regul|adjust|ændring|udvikling|change", re.I)
_BASE_WORDS = re.compile(r"basis|base|udgangspunkt", re.I)
_FREQUENCY = ((re.compile(r"halvårlig|hvert halve år|twice a year|every six months", re.I), 6),
              (re.compile(r"kvartal|quarter", re.I), 3))  # fmt: skip


def read_indexation(section: Section, language: str) -> IndexationTerms | None:
    """The clause's indexation terms, or None if it names no index."""
    index = _named_index(section) or _index_name(section.text)
    if index is None:
        return None
    terms = IndexationTerms(index=index, evidence=Evidence(text=section.text, page=section.page))
    assert section.doc is not None
    for sentence in section.doc.sents:
        _read_sentence(terms, sentence, language)
    for pattern, months in _FREQUENCY:
        if pattern.search(section.text):
            terms.frequency_months = months
    return terms


def _named_index(section: Section) -> str | None:
    """The index the EntityRuler found; a table code ("ILON12") beats a generic name."""
    assert section.doc is not None
    found = [e for e in section.doc.ents if e.label_ == "INDEX"]
    codes = [e.text.upper() for e in found if e.ent_id_ == "table-code"]
    names = [e.ent_id_ for e in found if e.ent_id_ != "table-code"]
    specific = [n for n in names if n != "lønindeks"]
    ranked = specific or codes or names
    return ranked[0] if ranked else None


def _index_name(text: str) -> str | None:
    """Fallback for index names the ruler does not know, written inside other words."""
    for pattern, name in _INDEXES:
        match = pattern.search(text)
        if match:
            return name or match.group(1).upper()
    return None


def _read_sentence(terms: IndexationTerms, sentence: Any, language: str) -> None:
    text = sentence.text
    for entity in (e for e in sentence.ents if e.label_ == "PERCENT"):
        value = _percent(entity.text, language)
        if value is None:
            continue
        if _THRESHOLD_WORDS.search(text) and not _CAP_WORDS.search(text):
            terms.threshold_pct = terms.threshold_pct or value
        elif _CAP_WORDS.search(text) and terms.cap_pct is None:
            terms.cap_pct = value
    for entity in (e for e in sentence.ents if e.label_ == "DURATION"):
        parsed = duration(entity.text)
        if parsed is None:
            continue
        number, unit = parsed
        if unit == "day" and _NOTICE_WORDS.search(text) and terms.notice_days is None:
            terms.notice_days = number
        elif unit in ("month", "year") and _FIXED_WORDS.search(text) and terms.fixed_months is None:
            terms.fixed_months = number * (12 if unit == "year" else 1)
        elif unit == "month" and _NOTICE_WORDS.search(text) and terms.notice_days is None:
            terms.notice_days = number * 30
    if terms.fixed_months is None and _FIXED_WORDS.search(text):
        years = re.search(r"(?:første|first)\s+(\d+|to|tre|two|three)\s+(?:år|years)", text, re.I)
        if years:
            words = {"to": 2, "tre": 3, "two": 2, "three": 3}
            terms.fixed_months = 12 * (int(years.group(1)) if years.group(1).isdigit()
                                       else words[years.group(1).lower()])  # fmt: skip
    if terms.adjust_month is None and _ADJUST_WORDS.search(text):
        day_month = DAY_MONTH_RE.search(text)
        if day_month:
            terms.adjust_month = month_number(day_month.group(2))
    if terms.base_month is None and _BASE_WORDS.search(text):
        month_year = MONTH_YEAR_RE.search(text)
        base = month_number(month_year.group(1)) if month_year else None
        if month_year and base:
            terms.base_month = f"{month_year.group(2)}-{base:02d}"


def _percent(text: str, language: str) -> Decimal | None:
    match = re.match(r"(\d+(?:[.,]\d+)?)", text)
    if match is None:
        return None
    try:
        return parse_amount(match.group(1), locale=language)
    except ValueError:
        return None

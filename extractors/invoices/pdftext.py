"""Reading invoice fields out of plain text lines, in Danish, English, German, Dutch, French.

Contract: pure functions over ``list[str]`` (one entry per text line); each returns
None when it finds nothing and never raises on odd text. Amounts are Decimal,
parsed in the document's number locale (``da``: ``1.234,56``; ``en``: ``1,234.56``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from extractors.money import parse_amount

MONTHS = {
    **dict.fromkeys(("jan", "january", "januar", "janvier", "janv", "januari", "jänner"), 1),
    **dict.fromkeys(("feb", "february", "februar", "février", "fevrier", "februari", "févr"), 2),
    **dict.fromkeys(("mar", "march", "marts", "märz", "maerz", "mars", "maart"), 3),
    **dict.fromkeys(("apr", "april", "avril", "avr"), 4),
    **dict.fromkeys(("may", "maj", "mai", "mei"), 5),
    **dict.fromkeys(("jun", "june", "juni", "juin"), 6),
    **dict.fromkeys(("jul", "july", "juli", "juillet", "juil"), 7),
    **dict.fromkeys(("aug", "august", "août", "aout", "augustus"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre"), 9),
    **dict.fromkeys(("oct", "okt", "october", "oktober", "octobre"), 10),
    **dict.fromkeys(("nov", "november", "novembre"), 11),
    **dict.fromkeys(("dec", "december", "dezember", "décembre", "decembre"), 12),
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
#: a month's name or abbreviation in any of the languages read, as a pattern
MONTH_NAMES = _MONTH
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4}|\d{2})\b"),
    re.compile(rf"(?i)\b(?P<d>\d{{1,2}})\.?\s+(?P<mn>{_MONTH})\.?\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"(?i)\b(?P<mn>{_MONTH})\.?\s+(?P<d>\d{{1,2}})\s*,?\s*(?P<y>\d{{4}})\b"),
)
CURRENCY_SIGNS = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "rs": "INR",
    "rs.": "INR",
    "₹": "INR",
    "kr": "DKK",
    "kr.": "DKK",
}
CURRENCY_CODES = ("DKK", "EUR", "USD", "GBP", "SEK", "NOK", "CHF", "INR", "PLN")
_NUMBER = re.compile(r"^[-−]?\d[\d.,]*$")
_SIGN_EDGES = "€$£₹"


def find_date(text: str) -> tuple[date, int] | None:
    """The first date in ``text`` and the index where it ends."""
    found = date_span(text)
    return (found[0], found[2]) if found else None


def date_span(text: str) -> tuple[date, int, int] | None:
    """The first date in ``text``, the index where it starts and where it ends."""
    best: tuple[int, date, int] | None = None
    for rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            found = _to_date(m)
            if found and (best is None or m.start() < best[0]):
                best = (m.start(), found, m.end())
                break
    return (best[1], best[0], best[2]) if best else None


def all_dates(text: str) -> list[date]:
    found: list[date] = []
    rest = text
    while (hit := find_date(rest)) is not None:
        found.append(hit[0])
        rest = rest[hit[1] :]
    return found


def _to_date(m: re.Match[str]) -> date | None:
    parts = m.groupdict()
    year = int(parts["y"])
    year = year + 2000 if year < 100 else year
    month = MONTHS.get(parts["mn"].lower()) if parts.get("mn") else int(parts["m"])
    day = int(parts["d"])
    if month is None:
        return None
    for d, mo in ((day, month), (month, day)):  # day-first, else US month-first
        try:
            return date(year, mo, d)
        except ValueError:
            continue
    return None


def number_locale(lines: list[str]) -> str:
    """``da`` when decimal commas (``12,50``) outnumber decimal points (``12.50``)."""
    text = "\n".join(lines)
    commas = len(re.findall(r"\d,\d{2}(?!\d)", text))
    points = len(re.findall(r"\d\.\d{2}(?!\d)", text))
    return "da" if commas > points else "en"


#: a number's leading group and a following group of three ("12 500,00", "1 250 000"):
#: digits grouped by spaces (plain, no-break or narrow), as Danish and SI print them
_GROUP_HEAD = re.compile(r"^[-−(]?\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:[.,]\d{1,2})?(?:,-|-|\))?$|^\d{3}$")


def group_gaps(line: str) -> list[int]:
    """The positions (in ``line.split()``) of the words that may continue the number
    before them as its next group of three digits ("12 500,00": 1); a chain of
    groups ("1 250 000,00") gives each. Whether they do is the reader's choice: "2
    500,00" may be a quantity and a price (:func:`join_groups`)."""
    words = line.split()
    gaps = []
    for i in range(1, len(words)):
        head = words[i - 1]
        if _GROUP_TAIL.match(words[i]) and (
            _GROUP_HEAD.match(head) or (i - 1 in gaps and re.fullmatch(r"\d{3}", head))
        ):
            gaps.append(i)
    return gaps


def join_groups(line: str, gaps: list[int] | None = None) -> str:
    """``line`` with the words at ``gaps`` joined to the number before them (all of
    :func:`group_gaps` when None): "I alt 12 500,00" -> "I alt 12500,00"."""
    words = line.split()
    joined = set(group_gaps(line) if gaps is None else gaps)
    out: list[str] = []
    for i, word in enumerate(words):
        if i in joined and out:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def tokens(line: str, locale: str) -> list[tuple[str, str, Decimal | None]]:
    """Whitespace tokens as (kind, text, value): kind is num, money, pct, cur or word.

    ``money`` is a number written with decimals or beside a currency sign. A number in
    parentheses or with a trailing minus ("(14,480.00)", "1.250,00-") is negative.
    """
    raw = line.split()
    out: list[tuple[str, str, Decimal | None]] = []
    for i, tok in enumerate(raw):
        low = tok.lower()
        if low in CURRENCY_SIGNS or tok.upper() in CURRENCY_CODES:
            out.append(("cur", tok, None))
            continue
        if tok == "%" and out and out[-1][0] in ("num", "money"):
            out[-1] = ("pct", out[-1][1] + "%", out[-1][2])
            continue
        stripped = tok.strip(_SIGN_EDGES + ":;()")
        signed = tok != stripped and any(c in tok for c in _SIGN_EDGES)
        negative = bool(re.fullmatch(r"\(.*\d.*\)[:;]?", tok)) or (
            len(stripped) > 1 and stripped.endswith("-") and not stripped.endswith(",-")
        )
        if negative and stripped.endswith("-"):
            stripped = stripped[:-1]
        pct = stripped.endswith("%")
        stripped = stripped.rstrip("%").rstrip(",.") if pct else stripped.rstrip(",")
        if stripped.endswith(",-"):
            stripped = stripped[:-2]
        if _NUMBER.match(stripped):
            try:
                value = parse_amount(stripped, locale=locale)
            except (ValueError, InvalidOperation):
                try:
                    value = parse_amount(stripped)
                except (ValueError, InvalidOperation):
                    out.append(("word", tok, None))
                    continue
            if negative and value > 0:
                value = -value
            if pct:
                out.append(("pct", tok, value))
                continue
            near_sign = (
                signed
                or (i > 0 and raw[i - 1].lower() in CURRENCY_SIGNS)
                or (
                    i + 1 < len(raw)
                    and (raw[i + 1] in CURRENCY_SIGNS or raw[i + 1].upper() in CURRENCY_CODES)
                )
            )
            decimals = bool(re.search(r"[.,]\d{1,2}$", stripped))
            out.append(("money" if near_sign or decimals else "num", tok, value))
        else:
            out.append(("word", tok, None))
    return out


def labelled(lines: list[str], labels: tuple[str, ...]) -> list[tuple[int, str, int, int]]:
    """(line index, line, label start, label end) for every label hit, by label priority."""
    hits: list[tuple[int, str, int, int]] = []
    for label in labels:
        rx = re.compile(rf"(?i)(?<![\w]){label}(?![^\W\d])")
        for i, line in enumerate(lines):
            hits.extend((i, line, m.start(), m.end()) for m in rx.finditer(line))
    return hits


def money_after(line: str, start: int, locale: str, *, last: bool = False) -> Decimal | None:
    """The first (or last) money amount after ``start`` in ``line``, its digits perhaps
    grouped by spaces ("12 500,00"); plain numbers as fallback."""
    toks = tokens(join_groups(line[start:]), locale)
    money = [v for kind, _, v in toks if kind == "money" and v is not None]
    if money:
        return money[-1] if last else money[0]
    plain = [v for kind, _, v in toks if kind == "num" and v is not None]
    return (plain[-1] if last else plain[0]) if plain else None


def currency_of(lines: list[str]) -> str | None:
    """The currency named most often by ISO code or sign, leaving out the lines that
    convert an amount into another ("Total in DKK (rate 7.45) ...", "Modværdi i DKK");
    on a tie, the one the totals' lines name ("Total EUR 471,365.96")."""
    kept = [line for line in lines if not _CONVERSION.search(line)]
    counts = _currency_counts(kept)
    best = max(counts.values())
    if not best:
        return None
    leaders = [code for code, n in counts.items() if n == best]
    if len(leaders) > 1:
        totals = _currency_counts([line for line in kept if _TOTAL_LINE.search(line)])
        named = [code for code in leaders if totals[code]]
        if len(named) == 1:
            return named[0]
    return leaders[0]


def _currency_counts(lines: list[str]) -> dict[str, int]:
    text = "\n".join(lines)
    counts = {code: len(re.findall(rf"\b{code}\b", text)) for code in CURRENCY_CODES}
    counts["EUR"] += text.count("€")
    counts["GBP"] += text.count("£")
    counts["USD"] += len(re.findall(r"\$\s?\d", text))
    counts["INR"] += len(re.findall(r"\bRs\.?\s?-?\d", text)) + text.count("₹")
    counts["DKK"] += len(re.findall(r"(?i)\bkr\.?\s?\d|\d\s?kr\b", text))
    return counts


#: a line converting an amount into another currency: "Total in DKK (rate 7.45)",
#: "Modværdi i DKK", "Beløb i DKK til kurs 7,46", "Equivalent in EUR"
_CONVERSION = re.compile(
    r"(?i)\b(?:rate|kurs|kursen|valutakurs|exchange|modværdi|modværdien|motvärde|counter-?\s?value|"
    r"equivalent|omregnet|omregning|svarende\s+til|converted)\b"
)
#: a line of the invoice's totals: "Total EUR 471,365.96", "I alt DKK", "Amount due"
_TOTAL_LINE = re.compile(
    r"(?i)\b(?:total|i\s+alt|at\s+betale|til\s+betaling|amount\s+due|balance\s+due|"
    r"payable|beløb|summa|att\s+betala)\b"
)

"""What one statement of a price-adjustment clause says: the index it names, whether it
speaks of adjusting or fixing prices, and its cap and threshold.

A statement is a sentence or a numbered sub-clause ("4.2 ...", "Stk. 3."). Every number
is given a role by the words right around it, never by the sentence as a whole: in
"Regulering kan kun ske, hvis indekset er steget med 4 % eller mere, dog højst 3 % pr.
år" the first percentage is a threshold and the second a cap. Danish and English side by
side; the durations and dates are read in ``indexation_timing``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractors.contracts.dates import durations

# ------------------------------------------------------------------------- indexes

#: Index names -> normalised name; a wage index's table code ("ILON 12") is kept as code.
INDEX_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"netto[-\s]*pris[-\s]*indeks\w*|\bnet[-\s]+price[-\s]+index\w*|\bNPI\b", re.I),
     "nettoprisindeks"),
    (re.compile(r"\bHICP\b|\bHIPC\b|\bharmoni[sz]\w*\s+(?:forbruger[-\s]*pris[-\s]*indeks\w*|"
                r"consumer[-\s]+price[-\s]+ind(?:ex|ices)|index\s+of\s+consumer\s+prices)", re.I),
     "hicp"),
    (re.compile(r"\bRPI\b|\bretail[-\s]+prices?[-\s]+index\w*", re.I), "rpi-uk"),
    (re.compile(r"\bCPIH\b"), "cpih-uk"),
    (re.compile(r"(?<!harmoniseret\s)(?<!harmoniserede\s)forbruger[-\s]*pris[-\s]*indeks\w*|"
                r"(?<!harmonised\s)(?<!harmonized\s)\bconsumer[-\s]+prices?[-\s]+ind(?:ex|ices)\w*|"
                r"(?<!harmonised\s)(?<!harmonized\s)\bindex\s+of\s+consumer\s+prices|\bCPI\b", re.I),
     "forbrugerprisindeks"),
    (re.compile(r"\bløn[-\s]*(?:pris[-\s]*)?indeks\w*|\b(?:wage|salary|salaries|earnings|labou?r[-\s]+cost|"
                r"pay)[-\s]+(?:price[-\s]+|rate[-\s]+)?ind(?:ex|ices)\w*", re.I),
     "lønindeks"),
    # the public sector's price and wage index ("PL-indekset", "pris- og lønindekset",
    # "P/L-fremskrivningen")
    (re.compile(r"\bP\s?/?\s?L[-\s]*(?:indeks|index|fremskrivning|skøn)\w*|"
                r"\bpris-?\s+og\s+løn(?:indeks|skøn|fremskrivning)\w*", re.I),
     "pl-indeks"),
)  # fmt: skip
#: A Statistics Denmark table code: named as a table ("tabel PRIS113", "table ILON12")
#: or a wage-index code on its own ("ILON 12", "LON12").
_TABLE_CODE = re.compile(
    r"\b(?i:tabel(?:len)?|table)\s+(?P<a>[A-ZÆØÅ]{2,8})[\s-]?(?P<b>\d{1,4})\b"
    r"|\b(?P<c>(?i:ilon)|SBLON|LON)[\s-]?(?P<d>\d{1,3})\b"
)
#: Any other Danish price or cost index, by its own name ("byggeomkostningsindekset"), or
#: by what it measures ("Danmarks Statistiks omkostningsindeks for anlæg", "the Road
#: Directorate's cost index for road operation", "the producer price index"); a market
#: quotation a fuel price follows ("the official Platts quotation for gasoil")
_OTHER_INDEX = re.compile(
    r"\b([a-zæøå]*(?:pris|omkostnings)indeks)(?:et|ets)?\b"
    r"(?:\s+for\s+(?!at\b|den\b|det\b|de\b)([a-zæøå]{3,}))?",
    re.I,
)
#: an index named by what it measures, without "pris" or "omkostnings" ("Vejdirektoratets
#: indeks for drift", "the index for bus transport")
_INDEX_FOR = re.compile(
    r"\b(?:indeks|index)\s+for\s+(?!at\b|den\b|det\b|de\b|the\b|this\b)"
    r"([a-zæøå]{3,}(?:\s+(?!og\b|and\b|er\b|is\b|dog\b|but\b)[a-zæøå]{3,})?)",
    re.I,
)
_OTHER_INDEX_EN = re.compile(
    r"\b((?:producer|construction|building|road|transport|operating|service)?\s*"
    r"(?:cost|price)s?\s+index)(?:es)?\b(?:\s+for\s+(?!the\b)([a-z]{3,}(?:\s+[a-z]{3,})?))?"
    r"|\b(Platts)\b",
    re.I,
)
_KNOWN = ("nettoprisindeks", "forbrugerprisindeks", "lønprisindeks")
_ANY_INDEX = re.compile(r"ind(?:eks|ex|ices)|\bNPI\b|\bCPI\b|\bHICP\b|" + _TABLE_CODE.pattern)


#: A consumer price index of another country than Denmark, by the country or the office
#: that publishes it, named near the index ("the UK Consumer Prices Index published by
#: the Office for National Statistics", "det svenske forbrugerprisindeks"): another
#: series than Statistics Denmark's, so another name (no stored series: the rules then
#: hold the prices to the clause's cap alone, ``rules.indexation``)
_FOREIGN_CPI: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bU\.?K\.?(?![\w.])|(?i:\bunited\s+kingdom|\bbritish\b|\bbritisk\w*|"
            r"\boffice\s+for\s+national\s+statistics|\bengland\b|\bengelsk\w*)|\bONS\b"
        ),
        "cpi-uk",
    ),
    (
        re.compile(
            r"(?i:\bswedish\b|\bsvensk\w*|\bsverige\b|\bsweden\b|\bstatistiska\s+"
            r"centralbyr\w*)|\bSCB\b"
        ),
        "kpi-se",
    ),
    (
        re.compile(
            r"(?i:\bnorwegian\b|\bnorsk\w*|\bnorge\b|\bnorway\b|\bstatistisk\s+"
            r"sentralbyr\w*)|\bSSB\b"
        ),
        "kpi-no",
    ),
    (
        re.compile(
            r"\bU\.?S\.?(?![\w.])|\bUSA\b|(?i:\bunited\s+states|\bamerikansk\w*|\bbureau\s+"
            r"of\s+labou?r\s+statistics)|\bBLS\b|\bCPI-U\b"
        ),
        "cpi-us",
    ),
    (
        re.compile(
            r"(?i:\bgerman\b|\btysk\w*|\btyskland\b|\bgermany\b|\bdestatis\b|"
            r"verbraucherpreis\w*)"
        ),
        "vpi-de",
    ),
    (
        re.compile(
            r"(?i:\beurostat\b|\beuro[-\s]?(?:area|zone)\b|\beuroområde\w*|"
            r"\beurozone\w*|\beuropæisk\w*|\beuropean\b)"
        ),
        "hicp",
    ),
)
#: how far around a consumer price index's name its country is looked for
_COUNTRY_REACH = 70


def _country_of(text: str, start: int, end: int) -> str | None:
    """The foreign index a consumer price index named at ``text[start:end]`` is, by a
    country or office named near it in the same sentence (None: Denmark's)."""
    before = re.split(r"[.;:]\s", text[max(0, start - _COUNTRY_REACH) : start])[-1]
    after = re.split(r"[.;:]\s", text[end : end + _COUNTRY_REACH])[0]
    if re.search(r"(?i:danmarks?\s+statisti\w*|statistics\s+denmark|\bdansk\w*|\bdanish\b)",
                 before + " " + after):  # fmt: skip
        return None
    for pattern, name in _FOREIGN_CPI:
        if pattern.search(before) or pattern.search(after):
            return name
    return None


def index_names(text: str) -> list[tuple[int, str]]:
    """Every index the text names, with its position: ``(start, normalised name)``;
    a table code is upper case without space ("ILON 12" -> "ILON12"); a consumer price
    index of another country is named by it ("cpi-uk", "kpi-se", "hicp" ...)."""
    found = []
    for pattern, name in INDEX_NAMES:
        for m in pattern.finditer(text):
            foreign = (
                _country_of(text, m.start(), m.end()) if name == "forbrugerprisindeks" else None
            )
            found.append((m.start(), foreign or name))
    for match in _TABLE_CODE.finditer(text):
        letters, digits = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        found.append((match.start(), f"{letters}{digits}".upper()))
    known = {start for start, _ in found}
    for match in _OTHER_INDEX.finditer(text):
        name = match.group(1).lower()
        if name in ("prisindeks", "omkostningsindeks"):  # named by what it measures
            if match.group(2) is None:
                continue  # "prisindekset" alone: the index named elsewhere
            name = f"{name} for {match.group(2).lower()}"
        if not name.endswith(_KNOWN) and not name.startswith("basisprisindeks"):
            found.append((match.start(), name))
    for match in _OTHER_INDEX_EN.finditer(text):
        if match.group(3):
            found.append((match.start(), "platts"))
            continue
        named = " ".join(match.group(1).lower().split())
        if named in ("price index", "cost index") and match.group(2) is None:
            continue  # "the price index" alone: named elsewhere
        if any(abs(match.start() - start) < 30 for start in known):
            continue  # "the consumer price index", "the net price index": known
        found.append(
            (match.start(), named + (f" for {match.group(2).lower()}" if match.group(2) else ""))
        )
    for match in _INDEX_FOR.finditer(text):
        if not any(abs(match.start() - start) < 40 for start, _ in found):
            found.append((match.start(), f"indeks for {match.group(1).lower()}"))
    return sorted(found)


def best_index(names: list[str]) -> str | None:
    """The index a clause adjusts by: a named price index beats a table code, a table code
    beats a generic wage index ("lønindekset for den private sektor (ILON12)" -> ILON12);
    another index named in Danish ("byggeomkostningsindeks") ranks with the codes."""
    if any(n in _FOREIGN_NAMES for n in names):  # "the UK CPI ...": every later "CPI" is it
        names = [n for n in names if n != "forbrugerprisindeks"]
    price = [n for n in names if n in ("nettoprisindeks", "forbrugerprisindeks")]
    codes = [n for n in names if n not in ("nettoprisindeks", "forbrugerprisindeks", "lønindeks")]
    ranked = price or codes or names
    return ranked[0] if ranked else None


#: the consumer price indexes of other countries (:data:`_FOREIGN_CPI`, ``INDEX_NAMES``)
_FOREIGN_NAMES = frozenset([name for _, name in _FOREIGN_CPI] + ["hicp", "rpi-uk", "cpih-uk"])
#: a clause that adjusts by a mix of indexes ("et sammensat indeks", "a weighted index")
_COMPOSITE_WORDS = re.compile(
    r"\b(?:sammensa?t\w*|vægte\w*|kombinere\w*|composite|weighted|blended|combined|"
    r"weighting)\b|\bvægt(?:ning)?\b|\bindekskurv\w*|\bbasket\b",
    re.I,
)
#: a weight beside an index's name: "60 % efter lønindekset", "70 % the wage index",
#: "nettoprisindekset (40 %)", "nettoprisindeks med en vægt på 40 %"
_WEIGHT_BEFORE = re.compile(
    r"(?P<w>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|pct\.?|procent|per\s?cent|percent)\s*"
    r"(?:\w+\s+){0,5}$",
    re.I,
)
_WEIGHT_AFTER = re.compile(
    r"^[^%\d]{0,40}?(?:\(\s*(?:(?:weight(?:ing)?|vægt\w*|andel|share)\s*(?:of|på|:)?\s*)?|,\s*|med\s+(?:en\s+)?(?:vægt|andel)\w*\s+(?:på\s+)?|with\s+a\s+"
    r"(?:weight|weighting|share)\s+of\s+|weighted\s+(?:at\s+)?|vægtet\s+(?:med\s+)?)"
    r"(?P<w>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|pct\.?|procent|per\s?cent|percent)",
    re.I,
)


def composite_index(text: str) -> str | None:
    """The mix a clause adjusts by when it names several indexes, each with its weight
    ("60 % efter lønindekset (ILON12) og 40 % efter nettoprisindekset"), or several
    indexes as one composite or weighted index: "composite: 60 % ILON12 + 40 %
    nettoprisindeks". No series is stored under such a name: the rules then hold the
    prices to the clause's cap alone, and the clause is shown for review. None when the
    clause adjusts by one index (another index named beside it, unweighted, is not a mix)."""
    parts: dict[str, str | None] = {}
    for start, name in index_names(text):
        if name in parts and parts[name] is not None:
            continue
        # "60 % af udviklingen i Danmarks Statistiks lønindeks"
        before = _WEIGHT_BEFORE.search(text[max(0, start - 60) : start])
        named = re.match(r"[\w-]*", text[start:])
        end = start + (len(named[0]) if named else 0)
        after = _WEIGHT_AFTER.match(text[end : end + 80])
        weighed = before or after
        parts[name] = weighed["w"].replace(".", ",") if weighed else parts.get(name)
    codes = [n for n in parts if n[:1].isupper()]
    if codes and "lønindeks" in parts:  # the wage index named and coded: the code
        weight = parts.pop("lønindeks")
        parts[codes[0]] = parts[codes[0]] or weight
    weighted = [n for n, w in parts.items() if w is not None]
    if len(parts) < 2 or (len(weighted) < 2 and not _COMPOSITE_WORDS.search(text)):
        return None
    return "composite: " + " + ".join(
        f"{parts[n]} % {n}" if parts[n] is not None else n for n in parts
    )


def mentions_index(text: str) -> bool:
    return bool(_ANY_INDEX.search(text))


# ---------------------------------------------------------------- what it speaks of

#: Words of price adjustment ("reguleres", "prisstigning", "adjust", "indexed").
ADJUST_WORDS = re.compile(
    r"prisregul\w*|\bregul(?:er|ere|eres|ering|eringen|eringer|eringerne|eringens)\b|"
    r"indeks(?:regul\w*|ere|eres|eret|ering\w*)\b|prisstigning\w*|prisændring\w*|prisjuster\w*|"
    r"\bjuster(?:e|es|ing|ingen)\b|\bforhøj\w*|\bstigning\w*|\bhæve[s]?\b|"
    r"\badjust\w*|\bindex(?:ed|ation|ing)\b|\bescalat\w*|\brevis(?:e|ed|ion)\b|"
    r"\bincreas\w*|\bprice\s+(?:change|review)s?\b|"
    # "may raise the fees", "fees may be raised"
    r"\brais(?:e|es|ed|ing)\b(?=[^.;]{0,40}\b(?:prices?|fees?|rates?|charges?)\b)|"
    r"\b(?:prices?|fees?|rates?|charges?)\b[^.;]{0,30}\brais(?:e|ed)\b|"
    # Danish English: "Index regulation", "the prices are regulated annually"
    r"\b(?:index|price)[- ]regulat\w*|"
    r"\b(?:prices|fees|rates|charges)\b[^.;]{0,40}\bregulated\b",
    re.I,
)
#: Prices held unchanged ("Priserne er faste", "fastlåst", "The Fees are fixed").
_FIXED = (
    r"\bfaste?\b|\bfastlåst\w*|\bfastholdt?e?s?\b|\blåst\w*|\buændrede?\b|\bfixed\b|\bfirm\b|"
    r"\blocked\b|\bfrozen\b|\bunchanged\b|\bconstant\b"
)
#: Adjustment ruled out or postponed ("kan ikke reguleres", "tidligst", "no earlier than").
_NO_ADJUST = (
    r"\bikke\s+(?:\w+\s+){0,3}(?:reguleres|regulere|regulering|ændres|forhøjes|forhøje|hæves|"
    r"indeksreguleres)\b|"
    r"\b(?:reguleres|indeksreguleres|ændres|forhøjes)\s+ikke\b|"
    r"\bingen\s+(?:pris)?regulering\w*|\buden\s+(?:pris)?regulering\w*|"
    r"\bikke\s+(?:genstand\s+for|omfattet\s+af)\s+(?:pris|indeks)?regulering\w*|"
    r"\bnot\s+(?:\w+\s+){0,2}(?:adjust|adjusted|increase|increased|index|indexed|changed|"
    r"revise|revised)\b|"
    r"\bnot\s+(?:be\s+)?subject\s+to\s+(?:any\s+)?(?:price\s+)?(?:adjustments?|indexation|"
    r"increases?)\b|"
    r"\bno\s+(?:price\s+)?(?:adjustments?|increases?|indexation|revisions?)\b|"
    r"\bwithout\s+(?:any\s+)?(?:price\s+)?(?:adjustment|indexation)\b"
)
_EARLIEST = (
    r"\btidligst\b|\bat\s+the\s+earliest\b|\bearlier\s+than\b|\bnot\s+before\b|\bikke\s+før\b|"
    r"\bførste\s+gang\b|\bfor\s+the\s+first\s+time\b|\bførste\s+(?:pris)?regulering\w*|"
    r"\bfirst\s+(?:price\s+)?(?:adjustment|increase|indexation|revision)\b|\bmay\s+first\b|"
    r"\bfør\s+der\s+er\s+(?:gået|forløbet)\b"
)
FIXED_WORDS = re.compile(rf"{_FIXED}|{_NO_ADJUST}|{_EARLIEST}", re.I)
_WHOLE_TERM = re.compile(
    r"\bhele\s+(?:kontrakt|aftale|rammeaftale)?(?:perioden|løbetiden|kontraktperioden)\b|"
    r"\b(?:kontraktens|aftalens|rammeaftalens)\s+(?:samlede\s+)?løbetid\b|"
    r"\b(?:entire|whole|full|initial|complete)\s+(?:contract\s+|agreement\s+)?(?:term|period|"
    r"duration)\b|\bthroughout\s+the\s+(?:term|agreement|contract)\b|"
    r"\bduring\s+the\s+term\b|\bfor\s+the\s+term\s+of\b|\bterm\s+of\s+(?:the|this)\s+"
    r"(?:agreement|contract)\b|\b(?:for|during)\s+the\s+(?:duration|life(?:time)?)\s+of\b|"
    r"\bi\s+(?:kontrakt|aftale|rammeaftale)perioden\b",
    re.I,
)
_NEGATED_ADJUST = re.compile(_NO_ADJUST, re.I)
_THEREAFTER = re.compile(r"\b(?:herefter|derefter|thereafter|then|subsequently|siden)\b", re.I)


def prices_fixed_for_the_term(text: str) -> bool:
    """Whether the prices never move: "Priserne er faste i hele kontraktperioden", "No price
    adjustment takes place during the term of the contract" (no period counted from the
    start)."""
    return bool(
        (FIXED_WORDS.search(text) or _NEGATED_ADJUST.search(text))
        and _WHOLE_TERM.search(text)
        and not durations(text)
        and not re.search(r"\bførste\b|\bfirst\b", text, re.I)
        # "Rabatsatserne er faste i hele aftaleperioden": the discounts, not the prices
        and not (_DISCOUNTS.search(text) and not _PRICES_WORD.search(text))
    )


_DISCOUNTS = re.compile(r"\brabat\w*|\bdiscount\w*|\bavance\w*|\bmark-?up\w*", re.I)
_PRICES_WORD = re.compile(r"\w*pris(?!\w*rabat)\w*|\bprices?\b|\bfees?\b|(?<!discount )\brates?\b|\bcharges?\b",
                          re.I)  # fmt: skip


def adjustment_denied(text: str) -> bool:
    """A statement that names an index only to say prices do not follow it
    ("Priserne reguleres ikke efter nettoprisindekset")."""
    return (
        bool(_NEGATED_ADJUST.search(text))
        and not durations(text)
        and not (_THEREAFTER.search(text))
    )


# ----------------------------------------------------------------- percentages

#: Percentages of something else: volumes, discounts, penalties, availability, VAT, and the
#: increase that gives a right to terminate.
_NOT_ADJUSTMENT = re.compile(
    r"\bantal\w*|\bnumber\s+of\b|\bvolume\w*|\bmængde\w*|\boppetid\w*|\bavailab\w*|"
    r"\brabat\w*|\bdiscount\w*|\bbod\b|\bdagbod\w*|\bpenalt\w*|\bliquidated\b|"
    r"\bservice\s+credit|\bopsig\w*|\bterminat\w*|\bophæv\w*|\bcancel\w*|\bmoms\b|\bVAT\b",
    re.I,
)
_PERCENT_WORDS = {"en": 1, "et": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
                  "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}  # fmt: skip
_PERCENT = re.compile(
    r"(?:(?<![\d.,])\(?\s*(?P<value>\d{1,2}(?:[.,]\d{1,2}|½)?)\s*\)?|"
    rf"\b(?P<word>{'|'.join(_PERCENT_WORDS)}))\s*"
    r"(?:%|pct\b\.?|procent(?:point)?\w*|per\s?cent\b|percent(?:age\s+points?)?\b)",
    re.I,
)
_CAP_BEFORE = re.compile(
    r"(?:højst|maksimalt|maks\.?|max\.?|maximum(?:\s+of)?|maksimum|op\s+til|up\s+to|"
    r"maksimeret\s+til|maximi[sz]ed\s+(?:at|to)|"
    r"overstige|overskride|begrænse[st]?\s+til|begrænset\s+til|loft\w*|"
    r"cap(?:ped)?|ceiling|exceed|not\s+exceeding|at\s+most|limited\s+to|limit\s+of|ikke\s+over|"
    r"(?:no|not|ikke|never|aldrig|in\s+no\s+case|under\s+ingen\s+omstændigheder)\s+"
    r"(?:\w+\s+){0,2}(?:more|greater|higher|mere|højere|større)\s+(?:than|end)"
    r")\b[^\d%]{0,30}$",
    re.I,
)
_CAP_AFTER = re.compile(
    r"^\s*(?:pr\.\s*år|per\s+år|årligt|om\s+året|per\s+(?:annum|year)|a\s+year|annually)?\s*"
    r"(?:som\s+(?:loft|maksimum)|i\s+loft|as\s+(?:a\s+)?(?:cap|maximum|ceiling)|cap\b)",
    re.I,
)
#: the lower of the index's movement and a percentage, either way round: "the lower of the
#: change in CPI and 2 %", "the lesser of 2.5 % or CPI", "det laveste af indeksudviklingen
#: og 2 %", "den mindste af 3 % og stigningen": the percentage is a cap
_LOWER_OF = re.compile(
    r"\b(?:(?:the\s+)?(?:lower|lesser|smaller|lowest|least)\s+of|"
    r"(?:den|det|de)\s+(?:laveste|mindste)\s+af)\b"
    r"(?:\s*(?:the\s+)?|[^\d%.;]{0,90}\b(?:and|or|og|eller)\s*)(?:\(?(?:ii|2|b)\)\s*)?$",
    re.I,
)
#: A condition on the index's movement: "kun hvis indekset er steget med", "only if the index".
_CONDITION = re.compile(
    r"\b(?:hvis|såfremt|forudsat|forudsætter|forudsætning|når|betinget|if|where|when|provided|"
    r"condition\w*|unless|medmindre|udløser|triggers?)\b|"
    # a Danish condition by inversion: "Stiger nettoprisindekset med mere end 2 %, kan ..."
    r"(?:^|[.;:]\s+)(?:stiger|falder|ændres|overstiger|bevæger)\b",
    re.I,
)
_ONLY = re.compile(r"\b(?:kun|alene|udelukkende|only|solely|først)\b|forudsæt|provided|trigger|"
                   r"udløser|condition", re.I)  # fmt: skip
_MOVEMENT = re.compile(
    r"ind(?:eks|ex)\w*|stig\w*|steget|increas\w*|ris(?:e|en|es|ing)\b|ændring\w*|change[sd]?\b|"
    r"udvikling\w*|movement|bevægelse\w*|overstiger|exceeds|exceeded",
    re.I,
)
_AT_LEAST_BEFORE = re.compile(
    r"(?:mindst|minimum|at\s+least|(?:mere|højere|større)\s+end|(?:more|greater|higher)\s+than|"
    r"over|above|exceeds?|exceeded|"
    r"overstiger|overskrider|i\s+alt|med|by|of|udgør|er\s+på|amounts?\s+to|reaches)\s*$",
    re.I,
)
_OR_MORE_AFTER = re.compile(r"^\s*(?:eller\s+(?:mere|derover|højere)|or\s+(?:more|above|higher|"
                            r"greater)|and\s+above)", re.I)  # fmt: skip
_THRESHOLD_WORD = re.compile(r"tærskel\w*|threshold|bagatelgrænse\w*|trigger\w*", re.I)


def percent_value(text: str) -> Decimal | None:
    """A percentage written "3", "2,5", "2.5" or "3½", if it can be a cap or threshold."""
    try:
        value = Decimal(text.replace(",", ".").replace("½", ".5"))
    except InvalidOperation:
        return None
    return value if Decimal(0) < value <= Decimal(25) else None


def caps_and_thresholds(text: str) -> tuple[Decimal | None, Decimal | None]:
    """The yearly cap and the threshold the statement states (either may be None).

    A threshold needs a condition on the index's movement ("kun ... hvis indekset er steget
    med 4 % eller mere", "only if the index has increased by more than 4 %", "hvis
    forbrugerprisindekset er steget med mere end 2 %, dog højst 4 %"); "if the index rises
    more than 3 %, the increase is capped at 3 %" states a cap only."""
    if _NOT_ADJUSTMENT.search(text):
        text = _clause_after_residue(text)
    if _NOT_ADJUSTMENT.search(text):
        # "The adjustment is capped at 2 per cent; penalties are capped at 15 per cent":
        # the part about the adjustment, apart from the other matter's
        parts = [p for p in re.split(r";|,\s+(?:og|and|while|mens)\s+", text) if p.strip()]
        if len(parts) > 1:
            kept = [p for p in parts if not _NOT_ADJUSTMENT.search(p) and ADJUST_WORDS.search(p)]
            if kept:
                return caps_and_thresholds(" ".join(kept))
        return None, None
    caps: list[Decimal] = []
    conditions: list[Decimal] = []
    previous_end = 0
    for match in _PERCENT.finditer(text):
        word = match["word"]
        value = Decimal(_PERCENT_WORDS[word.lower()]) if word else percent_value(match["value"])
        before, after = text[previous_end : match.start()], text[match.end() : match.end() + 40]
        previous_end = match.end()
        if value is None:
            continue
        if _threshold_shape(text[: match.start()], before, after):
            conditions.append(value)
        elif _CAP_BEFORE.search(before) or _CAP_AFTER.match(after) or _LOWER_OF.search(before):
            caps.append(value)
        elif _BEYOND.search(before) and _BY_CONSENT.match(_without_stops(text), match.end()):
            caps.append(value)  # "stigninger ud over 2,5 % kan kun ske efter aftale": a cap
    restricted = _ONLY.search(text) is not None
    thresholds = [v for v in conditions if restricted or v not in caps]
    small = _SMALL_CHANGE.search(text)
    if not thresholds and small is not None:
        value = percent_value(small["value"])
        thresholds = [value] if value is not None else []
    return (caps[0] if caps else None), (thresholds[0] if thresholds else None)


#: an increase beyond a percentage only by the buyer's consent is capped at it:
#: "Prisstigninger ud over 2,5 % p.a. kan kun ske efter forudgående skriftlig aftale",
#: "increases in excess of 2,5 % require the Customer's prior written approval"
_BEYOND = re.compile(r"\b(?:ud\s*over|beyond|in\s+excess\s+of|above|exceeding)\s*$", re.I)
_BY_CONSENT = re.compile(
    r"[^.;]{0,60}?\b(?:kun|alene|only|require\w*|kræver|forudsætter|subject\s+to)\b[^.;]{0,50}?"
    r"\b(?:aftale\w*|agreement|aftalt|consent|approv\w*|godkend\w*|accept\w*|samtykke)",
    re.I,
)


def _without_stops(text: str) -> str:
    """``text`` with "p.a." and "pr." written without their full stops (same length)."""
    return re.sub(r"\b(p)\.(a)\.|\b(pr)\.", lambda m: m.group(0).replace(".", " "), text)


#: a threshold stated as what is not adjusted: "Ændringer under 1 % reguleres ikke",
#: "Stigninger på mindre end 2 % medfører ikke regulering", "Changes of less than 1% shall
#: not lead to an adjustment", "Index movements below 1.5 % are disregarded"
_SMALL_CHANGE = re.compile(
    r"\b(?:ændring\w*|stigning\w*|udsving\w*|bevægelse\w*|indeksændring\w*|changes?|"
    r"increases?|movements?|variations?|fluctuations?)\s+"
    r"(?:(?:i|af)\s+\w*indeks\w*\s+|in\s+the\s+\w*\s*index\s+)?(?:på\s+|of\s+)?"
    r"(?:under|mindre\s+end|less\s+than|below|lower\s+than)\s+"
    r"(?P<value>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:%|pct\.?|procent|per\s*cent|percent)"
    r"[^.;]{0,60}?(?:reguleres\s+ikke|medfører\s+ikke|giver\s+ikke|udløser\s+ikke|"
    r"fører\s+ikke|ses\s+bort|ikke\s+(?:til\s+)?regul|shall\s+not|will\s+not|do(?:es)?\s+not|"
    r"are\s+not|is\s+not|no\s+adjustment|disregarded|ignored)",
    re.IGNORECASE,
)


def _clause_after_residue(text: str) -> str:
    """The statement from a few words before its first word of adjustment, when that part
    names an index and holds no word of another matter: a price table or heading run into
    the clause's sentence ("Honorar (kr. ekskl. moms) Partner pr. time 1.695,00 ...
    Regulering Honorarsatserne reguleres ... (ILON12), dog højst 3,5 %") is not the clause
    speaking of VAT. Otherwise the statement as it is."""
    adjust = ADJUST_WORDS.search(text)
    if adjust is None:
        return text
    start = text.rfind(" ", 0, max(0, adjust.start() - _SUBJECT_REACH)) + 1
    rest = text[start:]
    if _NOT_ADJUSTMENT.search(rest) is None and mentions_index(rest):
        return rest
    return text


#: How far before its verb of adjustment a clause's subject may start ("Honorarsatserne").
_SUBJECT_REACH = 40


def _threshold_shape(sentence_before: str, before: str, after: str) -> bool:
    if _THRESHOLD_WORD.search(before):
        return True
    return bool(
        _CONDITION.search(sentence_before)
        and _MOVEMENT.search(before)
        and (_AT_LEAST_BEFORE.search(before) or _OR_MORE_AFTER.match(after))
        and not _CAP_BEFORE.search(before[-30:])
    )

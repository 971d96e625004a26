"""Most-favoured-customer clauses (mestbegunstigelse), found by meaning in any sentence.

A sentence promises most-favoured terms when it names them ("most favoured customer",
"mestbegunstiget", "most favourable pricing", "most preferred customer") or when it
compares this buyer's prices or terms with those given to others: a comparison ("no less favourable than", "at least
as favourable as", "the lowest price offered", "shall not exceed the fees charged",
"ikke ringere vilkår", "samme priser som"; "advantageous" reads as "favourable"), or a
price reduction given to others passed on ("any price reduction it grants", "the same
reduction"), next to the others compared with ("any other customer", "third parties",
"similarly situated customers", "other partners", "andre kunder").
A weak comparison ("lower", "better", "the same") counts only when the sentence speaks
of prices or terms. A negation next to the name ("Mestbegunstigelse finder ikke
anvendelse", "No most-favoured customer terms apply", a clause titled "MFN" that says
"Not applicable") says there is none.

Liability caps, penalties and notice periods are no MFN: they compare nothing with
other customers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

_NAMED = re.compile(
    r"most[-\s]+favou?red(?:[-\s]+(?:customer|nation|client|licensee|buyer|pricing|terms?|"
    r"status|treatment))?|\bMFN\b|mestbegunstig\w*|most\s+favou?rable\s+(?:customer|pricing|"
    r"prices?|terms|rates?|conditions)|most\s+favou?red\s+customer|"
    r"most[-\s]+preferred[-\s]+(?:customer|nation|client|licensee|buyer|pricing|status)",
    re.IGNORECASE,
)
_PRICE = (
    r"(?:prices?|pricing|fees|rates?|terms|charges|remuneration|royalt\w*|vilkår|"
    r"pris(?:en|er|erne)?)"
)
#: "favourable" and its synonym in comparisons ("no less advantageous than").
_FAV = r"(?:favou?rabl[ey]|advantageous(?:ly)?)"
_FAVOURABLE = r"(?:favou?rable|advantageous)"
_COMPARISON = re.compile(
    rf"\b(?:no|not)\s+(?:be\s+)?(?:less|worse)\s+{_FAV}|at\s+least\s+as\s+{_FAV}|"
    rf"as\s+(?:or\s+more\s+)?{_FAV}\s+(?:as|than)|more\s+{_FAVOURABLE}\s+(?:[\w-]+\s+){{0,4}}?than|"
    rf"(?:lower|better|more\s+{_FAVOURABLE}|preferred)\s+(?:[\w-]+\s+){{0,3}}?{_PRICE}\b[^.;]{{0,80}}?"
    rf"\b(?:than|end)\b|{_PRICE}[^.;]{{0,40}}?\b(?:lower|better|more\s+{_FAVOURABLE})\s+than|"
    rf"(?:lowest|best)\s+(?:net\s+|then[-\s]+current\s+)?{_PRICE}|"
    rf"no\s+(?:higher|greater)\s+than\s+(?:the\s+)?(?:lowest|{_PRICE})|"
    rf"(?:shall|will|may)\s+not\s+exceed\s+the\s+(?:[\w-]+\s+){{0,2}}{_PRICE}\s+(?:charged|paid|"
    rf"offered|granted|given)|"
    rf"same\s+(?:or\s+(?:lower|better)\s+)?(?:prices?|pricing|rates|fees)\s+as|"
    rf"(?:full\s+)?benefit\s+of\s+(?:any\s+)?(?:\w+\s+)?more\s+{_FAVOURABLE}\s+(?:terms|prices|pricing)|"
    rf"(?:better|lower|more\s+{_FAVOURABLE}|lavere|bedre)\s+(?:\w+\s+)?{_PRICE}|"
    # the others' price as the bound: "equal to or less than the price charged to", "at
    # least as low as those offered to", "do not exceed the fees Provider charges"
    r"(?:(?<!no\s)(?<!not\s)(?<!not\sbe\s)(?:less|lower|below)|(?:no|not)\s+(?:be\s+)?(?:higher|greater|more)|(?:not\s+)?exceed|"
    rf"better|more\s+{_FAVOURABLE}|at\s+least\s+as\s+(?:low|good))\s+(?:than\s+|as\s+)?"
    rf"(?:or\s+equal\s+to\s+)?(?:those|that|the\s+(?:[\w-]+\s+){{0,2}}?{_PRICE})\s+"
    r"(?:[\w-]+\s+){0,3}?(?:charg\w*|offer\w*|paid|pay\w*|give\w*|given|grant\w*|provid\w*|"
    r"extend\w*|sell\w*|sold|made\s+available|quoted)\b|"
    r"mindst\s+(?:er\s+|være\s+|blive\s+)?lige\s+så\s+(?:gunstige?|favorable|fordelagtige?|gode|lave)|"
    # "shall not charge Customer more than it charges", "må ikke overstige de priser"
    r"\b(?:not|never)\s+(?:[\w-]+\s+){0,4}?more\s+than\s+(?:[\w-]+\s+){0,3}?"
    r"(?:charg|offer|bill|invoic|pa[iy])\w*|"
    r"\b(?:ikke|aldrig)\s+(?:\w+\s+){0,3}?(?:overstige|mere\s+end)|"
    r"ikke\s+(?:(?:være|er|bliver|opkræve|tage|fakturere|afregne)\s+)?(?:ringere|dårligere|højere|"
    r"mindre\s+gunstige?)|"
    r"laveste\s+pris\w*|"
    r"bedste\s+pris\w*|(?:gunstigere|fordelagtigere)\s+(?:priser|vilkår|betingelser)|"
    r"lavere\s+priser|"
    r"(?:samme|tilsvarende)\s+(?:lave\s+)?(?:priser|vilkår|betingelser)"
    r"(?:\s+og\s+(?:priser|vilkår|betingelser))?\s+som",
    re.IGNORECASE,
)
#: A reduction given to others passed on ("extend to Customer any price reduction it grants
#: to any other customer", "make the same reduction available"), or the deepest discount
#: given to others ("the best discount offered to any other dealer"); looked for only in
#: sentences that speak of reductions or discounts.
_PASSED_ON = re.compile(
    r"\bany\s+(?:\w+\s+)?(?:price|pricing|fee|rate)\s+(?:reductions?|decreases?)|"
    r"\b(?:the\s+same|an?\s+equivalent|a\s+corresponding|a\s+comparable)\s+(?:price\s+|"
    r"pricing\s+)?(?:reductions?|decreases?|discounts?)|\bsuch\s+(?:price\s+)?reductions?|"
    r"\b(?:best|largest|greatest|highest|deepest|biggest|maximum)\s+(?:[\w-]+\s+)?discounts?\b",
    re.IGNORECASE,
)
_REDUCTION = re.compile(r"reduction|decrease|discount", re.IGNORECASE)
_PARTIES = (r"(?:customers?|clients?|licensees?|purchasers?|resellers?|distributors?|buyers?|"
            r"collaborators?|competitors?|partners?|dealers?|retailers?|wholesalers?|"
            r"municipalit(?:y|ies)|(?:public\s+|contracting\s+)?authorit(?:y|ies)|"
            r"public\s+(?:bodies|body|entit(?:y|ies)|buyers?)|regions?|"
            r"kunder?|myndigheder|ordregivere|kommuner?|regioner)")  # fmt: skip
_OTHERS = re.compile(
    rf"\b(?:any|all)\s+(?:[\w'’-]+\s+){{0,4}}?{_PARTIES}\b|\bother\s+(?:[\w-]+\s+){{0,3}}{_PARTIES}\b|"
    # "Leverandørens bedst stillede offentlige kunde"
    rf"\bbedst\s+stillede\s+(?:\w+\s+)?{_PARTIES}|"
    r"\banother\s+(?:[\w-]+\s+)?(?:person|party|customer|licensee|entity|buyer)\b|"
    r"third[-\s]+part(?:y|ies)|"
    r"similarly\s+situated|equivalently\s+situated|comparable\s+customers?|outside\s+concerns|"
    rf"\b(?:andre|øvrige|tilsvarende|sammenlignelige)\s+(?:\w+\s+)?{_PARTIES}|tredjemand|"
    rf"\b(?:its|their|his)\s+(?:best|largest|most\s+favou?red|preferred)\s+(?:[\w-]+\s+)?{_PARTIES}|"
    r"\banden\s+(?:\w+\s+)?(?:kunde|kommune|myndighed|ordregiver|region)|\btreats?\s+(?:its\s+|their\s+)?(?:own\s+)?(?:users|customers|clients)",
    re.IGNORECASE,
)
#: A right of first refusal or negotiation compares offers, it promises no prices.
_ROFR = re.compile(r"first\s+refusal|right\s+of\s+first|negotiat\w*|previously\s+offered|"
                   r"forkøbsret|pre-?emption|(?:sell|transfer)\w*\s+(?:such\s+|the\s+|its\s+)?shares",
                   re.IGNORECASE)  # fmt: skip
_NEGATION = re.compile(
    r"\b(?:ikke|ingen|intet|no|not|none|n/a)\b|finder\s+ikke\s+anvendelse|gælder\s+ikke|"
    r"\bfravalgt|\bfraskrevet|\bwaived?\b|\bopted\s+out|"
    r"does\s+not\s+apply|do\s+not\s+apply|shall\s+not\s+apply|not\s+applicable|"
    r"ikke\s+relevant|udgår|excluded",
    re.IGNORECASE,
)
_NOT_BOUND = re.compile(r"\b(?:er|is|are)\s+ikke\s+(?:forpligtet|omfattet|berettiget)|"
                        r"\bnot\s+(?:be\s+)?(?:obliged|obligated|required|entitled|bound)",
                        re.IGNORECASE)  # fmt: skip
#: A comparison disclaimed: "Nothing ... shall require Supplier to offer ... prices no less
#: favourable", "no obligation to offer the lowest price", "may charge other customers
#: lower prices".
_DISCLAIMED = re.compile(
    r"\bno\s+obligation|\bnothing\b[^.;]{0,60}?\b(?:(?:shall|will)\s+)?(?:require|oblige|obligate)[sd]?\b|"
    r"\bfree\s+to\s+(?:charge|offer|set|sell)|"
    r"\bmay\s+(?:charge|offer|sell|grant)\s+(?:[\w-]+\s+){0,4}?(?:lower|different|better)",
    re.IGNORECASE,
)
#: The name disclaimed as a reading of the contract: "Nothing in this Agreement shall be
#: construed as a most favoured customer undertaking", "Intet i aftalen kan anses for en
#: mestbegunstigelsesklausul".
#: Words to the name that do not limit it ("shall be construed to limit the MFN terms" is
#: no disclaimer).
_UNLIMITED = r"(?:(?!limit|restrict|affect|prejudic|derogat|waiv|reduc|impair|begræns)[^.;]){0,30}"
_NOT_CONSTRUED = re.compile(
    r"\bnothing\b[^.;]{0,80}?\b(?:shall|will|may|is\s+to)\s+(?:be\s+)?(?:construed|deemed|"
    r"interpreted|read|considered|constitute|create|amount)\w*\b" + _UNLIMITED + "$"
    r"|\bintet\b[^.;]{0,80}?\b(?:skal|kan)\s+(?:\w+\s+)?(?:anses|fortolkes|betragtes|opfattes)"
    r"\b" + _UNLIMITED + "$",
    re.IGNORECASE,
)
_NOT_APPLICABLE = re.compile(r"^\W*(?:finder\s+ikke\s+anvendelse|ikke\s+relevant|udgår|"
                             r"not\s+applicable|n/a|none|ingen|intet)\W*$", re.IGNORECASE)  # fmt: skip


#: A floor on the buyer's own resale price ("Distributor shall not sell the Products at a
#: price lower than the price charged to other distributors"): no promise to the buyer.
_RESALE_FLOOR = re.compile(
    r"\b(?:not|never)\s+(?:re)?(?:sell|offer|price)\w*\b(?P<between>[^.;]{0,80}?)\b(?:at\s+)?"
    r"(?:a\s+)?(?:prices?|rates?)\s+(?:lower|less|below)\b",
    re.IGNORECASE,
)
#: Words every MFN sentence holds one of (cheap to look for before the patterns above).
_CANDIDATE_WORDS = ("favo", "advantag", "preferred", "reduction", "decrease", "discount",
                    "lowest", "best", "lower", "better", "higher", "greater", "exceed", "same",
                    "benefit", "less", "below", "least", "bedre", "overstige", "mfn", "mestbeg",
                    "ringere", "dårligere", "højere", "laveste", "bedste", "gunstig", "lavere",
                    "samme", "tilsvarende", "mindst", "fordelagtig")  # fmt: skip
_CANDIDATE_SPACED = re.compile(r"more\s+than|mere\s+end", re.IGNORECASE)


def _candidate(sentence: str) -> bool:
    """Whether the sentence holds a word every MFN sentence holds one of (plain substring
    tests: far cheaper than the patterns, which most sentences never need)."""
    lower = sentence.lower()
    return any(word in lower for word in _CANDIDATE_WORDS) or bool(
        _CANDIDATE_SPACED.search(sentence)
    )


@dataclass(frozen=True, slots=True)
class MfnStatement:
    """One sentence about most-favoured terms: ``present`` True when it promises them,
    False when it says there are none."""

    text: str
    present: bool
    page: int | None = None


def mfn_statement(sentence: str, heading: str | None = None) -> bool | None:
    """True when ``sentence`` promises most-favoured terms, False when it says there are
    none, None when it says neither. ``heading`` is the clause's title ("Mestbegunstigelse"):
    a clause so titled that only says "Finder ikke anvendelse" has none."""
    if heading and _NAMED.search(heading) and _NOT_APPLICABLE.match(sentence):
        return False
    if not _candidate(sentence):
        return None
    named = list(_NAMED.finditer(sentence))
    if named:
        return not any(_negated(sentence, m.start(), m.end()) for m in named)
    if _ROFR.search(sentence):
        return None
    floor = _RESALE_FLOOR.search(sentence)
    if floor is not None and not _OTHERS.search(floor.group("between")):
        return None  # the buyer's resale price may not undercut others: a floor
    passed_on = _PASSED_ON.finditer(sentence) if _REDUCTION.search(sentence) else ()
    for comparison in chain(_COMPARISON.finditer(sentence), passed_on):
        window = sentence[max(0, comparison.start() - 150) : comparison.end() + 200]
        if _OTHERS.search(window):
            disclaimed = _NOT_BOUND.search(sentence, 0, comparison.start()) or _DISCLAIMED.search(
                sentence, 0, comparison.end()
            )
            return not disclaimed
    return None


def _negated(sentence: str, start: int, end: int) -> bool:
    """A negation within a few words before the name, or right after it ("finder ikke
    anvendelse", "does not apply")."""
    before = " ".join(sentence[:start].split()[-6:])
    if (
        _NOT_BOUND.search(sentence[:start])
        or _NOT_CONSTRUED.search(sentence[:start])
        or _NOTHING_OBLIGES.search(sentence[:start])  # "Nothing ... shall oblige ... to offer"
    ):
        return True
    after = " ".join(sentence[end:].split()[:5])
    farther = " ".join(sentence[end:].split()[:10])
    return (
        bool(_NEGATION.search(before))
        # a key-facts row, its answer alone on the name's line ("Mestbegunstigelse Nej"),
        # whatever the next line holds
        or bool(_ANSWERED_NO.match(sentence[end:].split("\n", 1)[0]))
        or bool(_ANSWERED_NO_THEN_LABEL.match(sentence[end:]))
        or bool(_DENIED_AFTER.match(after))
        or bool(_DENIED_FARTHER.match(farther))
    )


#: "Nothing in this Agreement shall oblige ...", "no obligation to offer ..." before the name
_NOTHING_OBLIGES = re.compile(
    r"\bno\s+obligation|\bnothing\b[^.;]{0,60}?\b(?:(?:shall|will)\s+)?(?:require|oblige|obligate)[sd]?\b",
    re.IGNORECASE,
)
#: the name followed by what denies it: "finder ikke anvendelse", "does not apply",
#: "(Mestbegunstigelse) udgår", a key-facts row "Mestbegunstigelse | Nej",
#: "Mestbegunstigelse: Ikke relevant" (not "no less favourable than")
_DENIED_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}(?:finder\s+ikke|gælder\s+ikke|does\s+not|do\s+not|"
    r"shall\s+not\s+apply|is\s+not\s+applicable|not\s+applicable|er\s+ikke\s+aftalt|"
    r"(?:terms?\s+)?(?:do|does|shall)\s+not\s+apply|(?:udgår|bortfalder|er\s+udgået)(?!\s+ikke)|"
    r"(?:is|are)\s+(?:deleted|waived|excluded)|(?:ikke|not)\s+relevant\W*$)|"
    # a key-facts cell: the word alone ("Mestbegunstigelse | Nej", "MFN: No"), not "Ingen
    # anden kunde må ..." nor "no other customer shall ..."
    r"^\W*(?:nej|no|none|ingen|n/?a)\W*(?:$|\d)",
    re.IGNORECASE,
)


_ANSWERED_NO = re.compile(r"^\W*(?:nej|no|none|ingen|n/?a)\W*$", re.IGNORECASE)
#: the same answer in a key-facts table read as one run of text: the next row's label
#: (capitalised) right after it ("... Mestbegunstigelse Nej Fakturering Leverandøren ..."),
#: not a sentence going on ("Nej, ...", "no other customer ...")
_ANSWERED_NO_THEN_LABEL = re.compile(r"^\s*:?\s*(?i:nej|no|none|ingen|n/a)\s+[A-ZÆØÅ][a-zæøå]+\b")
#: the clause named, then where it stands, then denied: "Bestemmelsen om mestbegunstigelse
#: i Ordregivers generelle kontraktvilkår pkt. 14 finder ikke anvendelse", "Clause 14 (Most
#: Favoured Customer) of the General Conditions shall not apply": only these words, a few
#: words on (a plain "do not" there may be the promise's own: "prices do not exceed")
_DENIED_FARTHER = re.compile(
    r"^\W*(?:[\w.()\-]+\s+){0,7}(?:finder\s+ikke\s+anvendelse|gælder\s+ikke|"
    r"shall\s+not\s+apply|(?:does|do)\s+not\s+apply|is\s+not\s+applicable|"
    r"(?:is|are)\s+(?:deleted|waived|excluded))\b",
    re.IGNORECASE,
)


def read_mfn(sentences: list[tuple[str, str | None, int | None]]) -> MfnStatement | None:
    """The statement that decides the contract's MFN: the first that says there is none
    when no sentence promises it, else the first promise. ``sentences`` are (text, the
    heading of its clause, page)."""
    first: MfnStatement | None = None
    for text, heading, page in sentences:
        found = mfn_statement(text, heading)
        if found is True:
            return MfnStatement(text, True, page)
        if found is False and first is None:
            first = MfnStatement(text, False, page)
    return first

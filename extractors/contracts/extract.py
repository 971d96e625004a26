"""``extract_contract``: a contract PDF -> ``ContractTerms``, as a pipeline of small steps.

1. read the pages' text (pypdfium2), refusing bad documents with a clear error;
2. detect the language;
3. read the front page: title, contract number; the parties from the preamble, blocks,
   labels or signatures wherever they stand (``parties``);
4. split the body into clauses at its headings, whatever their style, and classify
   them (``sections``, ``structure``; spaCy);
5. read the contract's dates from every sentence, each by its role (``validity``),
   the MFN clause from any sentence (``mfn``), then each clause's facts: payment,
   indexation, termination;
6. read the price list from the appendix (text lines, text positions, pdfplumber
   tables, or sentences) and the volume discounts stated beside it.
"""

from __future__ import annotations

import re
from datetime import timedelta

from extractors.contracts import clauses as read
from extractors.contracts import indexation_timing, mfn
from extractors.contracts.front import (
    detect_language,
    parties_in_columns,
    parties_in_matrix,
    read_front_page,
    side_by_side,
)
from extractors.contracts.indexation import (
    adjusted_by_what_is_not_read,
    find_indexation,
    read_indexation,
)
from extractors.contracts.indexation_facts import prices_fixed_for_the_term
from extractors.contracts.parties import on_behalf, read_parties
from extractors.contracts.party_names import (
    ADDRESS_LINE,
    OPEN_NAME,
    ROLE_LABEL,
    only_legal_form,
    role_of,
)
from extractors.contracts.patterns import numeric_order
from extractors.contracts.pdf import PageText, PdfText, Segment, read_pdf
from extractors.contracts.prices import read_prices
from extractors.contracts.prices.bands import banded_descriptions, numbered_bands
from extractors.contracts.prices.discounts import discount_clauses
from extractors.contracts.prices.layout import lines_of, pdfium_words
from extractors.contracts.sections import Section, classify, split_body
from extractors.contracts.term_ends import add_months
from extractors.contracts.title import read_title
from extractors.limits import DEFAULT_LIMITS, Limits, check_streams
from extractors.types import ContractClause, ContractTerms, IndexationTerms


def extract_contract(
    data: bytes, filename: str, *, limits: Limits = DEFAULT_LIMITS
) -> ContractTerms:
    """Every term the contract states, each with evidence and a confidence.

    Raises ``NotAPdf``, ``EncryptedPdf``, ``CorruptPdf``, ``EmptyDocument`` or
    ``NeedsOcr`` (all ``ExtractionError``, naming ``filename``) for documents that
    cannot be read, and ``LimitExceeded`` (checked first) for one over ``limits``. Terms the document does not state are None (``mfn`` False), and
    a warning says which expected terms were not found.
    """
    if b"%PDF-" in data[:1024]:
        check_streams(data, filename, limits)  # before pdfium opens it
    document = read_pdf(data, filename, limits)
    try:
        return _extract(document)
    finally:
        document.close()


def _extract(document: PdfText) -> ContractTerms:
    body_pages = document.pages
    language = detect_language(" ".join(ln for p in body_pages[:4] for ln in p.lines))
    terms = ContractTerms(language=language, pages=len(document.pages))
    _read_front(terms, document)
    terms.title = read_title(document) or terms.title
    terms.uncertain_terms += _amendment(terms.title, document)
    sections, appendix = split_body(document.pages)
    classify(sections, language)
    _read_clauses(terms, sections, language)
    terms.indexation = find_indexation(sections, language, appendix)
    if terms.indexation is None:
        # a price-adjustment clause letting prices move by an index or amount not read
        terms.indexation = adjusted_by_what_is_not_read(sections, language)
        if terms.indexation is not None:
            terms.uncertain_terms.append(UNREAD_ADJUSTMENT)
    _first_adjustment(terms, numeric_order(" ".join(s.text for s in sections), language))
    terms.uncertain_terms += _composite(terms.indexation) + _several_a_year(terms.indexation)
    body_text = " ".join(s.text for s in sections)
    terms.signing_date = read.signing_date(body_text) or terms.signing_date
    # the body's clauses about prices ("5. Priser og prisregulering"), outside the appendix
    price_clauses = [PageText(c.page, c.text.splitlines()) for c in sections
                     if not c.appendix and c.scores.get("prices", 0) > 0]  # fmt: skip
    prices = read_prices(
        document,
        appendix=appendix,
        language=language,
        # its clauses apart, each with its lines: a statement about the prices is read
        # as written, not run into a table's rows (``prices.rows.page_vat``)
        body_text="\n\n".join(s.text for s in sections),
        price_clauses=price_clauses,
    )
    terms.price_terms = prices.terms
    banded_descriptions(terms.price_terms, language)  # "Fyringsolie, 0-1.999 liter" rows
    numbered_bands(terms.price_terms)  # the item number on its first band's row only
    _contract_years(terms)
    terms.unread_prices = prices.unread
    terms.price_candidates = prices.candidates
    currencies = {t.currency for t in terms.price_terms}
    if len(currencies) == 1:
        terms.currency = currencies.pop()
    terms.clauses += discount_clauses(appendix or document.pages[1:], language)
    terms.warnings += _missing(terms)
    terms.uncertain_terms += (
        same_party_reasons(terms) + missing_party_reasons(terms) + doubtful_name_reasons(terms)
    )
    if terms.effective_date is None and (terms.price_terms or terms.unread_prices):
        # the contract then applies to an invoice of any date: its prices are not
        # enforced on invoices from before it began until a person has looked
        terms.uncertain_terms.append(UNDATED_PRICES)
    if document.scanned_pages:
        pages = ", ".join(map(str, document.scanned_pages))
        terms.warnings.append(f"scanned pages without text: {pages} (OCR them to read their terms)")
    return terms


def _contract_years(terms: ContractTerms) -> None:
    """Prices given per contract year ("År 1 | År 2-4"), each dated from the effective
    date: years N to M run from N - 1 years after it to the day before M years after it
    (without an effective date they stay undated, for review); a price for a period that
    ended before the contract began ("Pris 2025 (reference)") is none of its prices."""
    start = terms.effective_date
    kept = []
    for term in terms.price_terms:
        if term.contract_years is not None:
            if start is None:
                term.confidence = min(term.confidence, 0.6)
            else:
                first, count = term.contract_years
                term.valid_from = add_months(start, 12 * (first - 1))
                term.valid_to = add_months(start, 12 * (first - 1 + count)) - timedelta(days=1)
        elif start is not None and term.valid_to is not None and term.valid_to < start:
            continue
        kept.append(term)
    terms.price_terms = kept


#: the review reason of a price list read without the date the contract began
UNDATED_PRICES = "effective date: not found, so its prices would apply to invoices of every date"


def _read_front(terms: ContractTerms, document: PdfText) -> None:
    """Title and contract number from the front page; the parties from wherever the
    contract names them (``parties.read_parties``), or from the front page's columns."""
    first = document.pages[0]
    front = read_front_page(first.lines, first.number)
    terms.title = front.title
    terms.contract_number = front.contract_number
    segments = document.segments(first.number)
    columns = parties_in_columns(segments, first.number) if side_by_side(segments) else []
    if columns and all(p.name for p in columns):
        terms.parties = columns
    else:
        # no columns, or runs that only looked like columns (a producer writing each
        # glyph as a run of its own; a block without a name): from the sentences
        terms.parties = read_parties(document.pages)
        unsure = len(terms.parties) < 2 or any(p.cvr is None for p in terms.parties)
        for page in document.pages[:3] if unsure else []:
            # the parties side by side under "Ordregiver | Leverandør" (after a cover page
            # too), their columns told by the words' positions (a producer may give each
            # glyph a text run of its own): where the sentences gave fewer, or a party
            # without its number (a signature block "For X Kommune | For Y ApS")
            segments = _cell_segments(document, page.number)
            if side_by_side(segments):
                columns = parties_in_columns(segments, page.number)
                whole = len(columns) >= 2 and all(p.name and p.cvr for p in columns)
                if len(columns) > len(terms.parties) or whole:
                    terms.parties = columns
                break
        if len(terms.parties) < 2 and len(front.parties) > len(terms.parties):
            terms.parties = front.parties
        _parties_table(terms, document)
    _acting_for(terms, document)
    for party in terms.parties:
        if party.evidence is not None and party.evidence.page is not None:
            party.evidence.bbox = party.evidence.bbox or document.bbox_of(
                party.evidence.page, party.name
            )


def _acting_for(terms: ContractTerms, document: PdfText) -> None:
    """A buying body that contracts on one municipality's or region's behalf (a joint
    procurement body, a purchasing centre): the buyer is that principal, not the body,
    whose CVR number would assign the contract to no municipality. A buyer read as a
    municipality or region is kept."""
    buyer = terms.party("buyer")
    if buyer is not None and _MUNICIPAL.search(buyer.name or ""):
        return
    principal = on_behalf(document.pages)
    if principal is not None:
        terms.parties = [principal, *(p for p in terms.parties if p.role != "buyer")]


_MUNICIPAL = re.compile(r"\b(?:kommune|regionskommune|municipality|region)\b", re.IGNORECASE)


def _parties_table(terms: ContractTerms, document: PdfText) -> None:
    """The parties from a table of one column each ("Kunde | Leverandør" over rows
    "Navn", "Adresse", "CVR-nr."), on the first pages: the parties when fewer were read,
    else each party's CVR number where the table gives the party's name.
    (Only pages with a CVR label and two bare numbers on its line hold such a table.)"""
    for page in document.pages[:3]:
        if not _CVR_WORD.search(page.text):
            continue  # no CVR row: no such table (its words are not extracted for nothing)
        table = parties_in_matrix(_cell_segments(document, page.number), page.number)
        if not table:
            continue
        matched = [p for p in terms.parties if any(_key(t.name) == _key(p.name) for t in table)]
        if len(terms.parties) < 2 or len(matched) < len(terms.parties):
            # the table names the parties, each in its column with its role and number:
            # a reading elsewhere that names another party ("mellem A Kommune og
            # B Kommune", a joint purchase) is not the contract's parties
            terms.parties = table
            return
        for party in terms.parties:
            same = next((t for t in table if _key(t.name) == _key(party.name)), None)
            if same is not None and same.cvr is not None:
                # the table's column says whose number it is; read as text, the row of
                # numbers follows both names and the first number would be taken
                party.cvr = same.cvr
        return


#: what a parties table's CVR row is labelled with ("CVR-nr.", "Company reg. no.")
_CVR_WORD = re.compile(r"cvr|reg", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"\W", "", name.lower())


def _cell_segments(document: PdfText, page: int) -> list[Segment]:
    """The page's lines cut into cells by the gaps between their words, as text runs."""
    textpage, height = document.textpage(page)
    return [
        Segment(cell.x0, line.top, cell.x1, line.bottom, cell.text)
        for line in lines_of(pdfium_words(textpage, height))
        for cell in line.cells
    ]


def _read_clauses(terms: ContractTerms, sections: list[Section], language: str) -> None:
    """Read the contract's dates from all its sentences; read each classified clause;
    then read the facts still missing from clauses that speak of them too ("Priser og
    prisregulering"); then look for payment terms stated anywhere."""
    _read_term(terms, sections, language)
    _read_mfn(terms, sections)
    for section in sections:
        clause = _read_clause(terms, section.kind, section, language)
        if clause is not None:
            clause.confidence = round(clause.confidence * (0.5 + 0.5 * section.confidence), 2)
            terms.clauses.append(clause)
    for kind in ("validity", "indexation", "mfn", "termination", "payment"):
        for section in (s for s in sections if s.also(kind)):
            clause = _read_clause(terms, kind, section, language)
            if clause is not None:
                clause.confidence = round(clause.confidence * 0.8, 2)
                terms.clauses.append(clause)
    if terms.payment_days is None:
        found = next((c for s in sections if (c := read.read_payment(s, strict=True))), None)
        if found is not None:
            terms.payment_days = _int(found.params["payment_days"])
            terms.clauses.append(found)
    payment = next((c for c in terms.clauses if c.kind == "payment"), None)
    if payment is not None and payment.params.get("counted_from") == "end_of_month":
        # "løbende måned + 30 dage": 30 to 61 days after the invoice's date, depending on
        # its day of the month; enforced as 30, an invoice asking for 35 would pass
        terms.uncertain_terms.append(
            f"payment terms: {terms.payment_days} days counted from the end of the invoice's "
            "month (up to a month more than read): check how the payment terms rule should "
            "apply them"
        )
    if payment is not None and "business_days" in payment.params:
        terms.uncertain_terms.append(
            f"payment terms: {payment.params['business_days']} business days, read as "
            f"{terms.payment_days} calendar days: check"
        )


def _read_clause(
    terms: ContractTerms, kind: str, section: Section, language: str
) -> ContractClause | None:
    """Read ``section`` as a clause of ``kind`` into ``terms``, unless already known."""
    clause: ContractClause | None = None
    match kind:
        case "payment" if terms.payment_days is None:
            clause = read.read_payment(section)
            if clause is not None:
                terms.payment_days = _int(clause.params["payment_days"])
        case "termination" if terms.termination_notice_months is None:
            clause = read.read_termination(section)
            if clause is not None:
                terms.termination_notice_months = _int(clause.params["notice_months"])
        case "indexation" if terms.indexation is None:
            terms.indexation = read_indexation(section, language)
            params: dict[str, object] = {"index": None}
            # what the clause says, without its heading ("Price adjustment")
            heading = section.heading or ""
            said = (
                section.text[len(heading) :] if section.text.startswith(heading) else section.text
            )
            if terms.indexation is not None:
                params["index"] = terms.indexation.index
            elif prices_fixed_for_the_term(said):
                params["fixed"] = True  # "Priserne er faste i hele kontraktperioden"
            clause = ContractClause("indexation", section.text, section.page, params, 0.95)
    return clause


#: why a contract letting prices move by what was not read is up for review
UNREAD_ADJUSTMENT = (
    "indexation: the prices may be adjusted, but by which index or how much was not read: "
    "the agreed prices are enforced until the first adjustment may take effect, no price "
    "breach is claimed after it"
)


def _read_term(terms: ContractTerms, sections: list[Section], language: str) -> None:
    """The agreement, effective and expiry dates and the renewal option, read from every
    sentence (a date's role comes from its sentence, not from the clause it stands in)."""
    month_first = numeric_order(" ".join(s.text for s in sections), language)
    term = read.read_contract_term(sections, month_first=month_first)
    terms.agreement_date = term.agreement
    terms.signing_date = max(term.signatures, default=None)  # the last party's signature
    terms.effective_date, terms.expiry_date = term.effective, term.expiry
    terms.renewal = term.renewal
    terms.warnings += term.notes
    terms.uncertain_terms += term.uncertain
    if terms.effective_date and terms.expiry_date and terms.expiry_date > terms.effective_date:
        terms.term_months = read.months_between(terms.effective_date, terms.expiry_date)
    clause = read.validity_clause(term)
    if clause is not None:
        terms.clauses.append(clause)


def _read_mfn(terms: ContractTerms, sections: list[Section]) -> None:
    """Most-favoured customer, from the sentence that promises it (or says there is none)
    wherever it stands (``mfn.read_mfn``)."""
    statement = mfn.read_mfn(read.mfn_sentences(sections))
    if statement is not None:
        terms.mfn = statement.present
        params: dict[str, object] = {"present": statement.present}
        terms.clauses.append(ContractClause("mfn", statement.text, statement.page, params, 0.9))


def _first_adjustment(terms: ContractTerms, month_first: bool) -> None:
    """A first adjustment date the clause states ("første gang 1. januar 2027") becomes the
    fixed period from the effective date, where it is later than the one read; an earlier
    one contradicts the fixed period and is shown for review."""
    ix, effective = terms.indexation, terms.effective_date
    if ix is None or ix.evidence is None:
        return
    stated = indexation_timing.first_adjustment_date(ix.evidence.text, month_first=month_first)
    if stated is not None and effective is None:
        terms.uncertain_terms.append(
            f"indexation: first adjustment stated as {stated.isoformat()}, but without an "
            "effective date the fixed period cannot be counted"
        )
    if stated is None or effective is None or stated <= effective:
        return
    months = indexation_timing.months_until(effective, stated)
    if ix.fixed_months is None or months > ix.fixed_months:
        ix.fixed_months = months
    elif months < ix.fixed_months:
        terms.uncertain_terms.append(
            f"indexation: first adjustment stated as {stated.isoformat()}, before the end of "
            f"the {ix.fixed_months}-month fixed period"
        )


def _amendment(title: str | None, document: PdfText) -> list[str]:
    """A document amending another contract ("Tillæg nr. 1 til kontrakt om ...",
    "Allonge", "Amendment No. 1 to the Agreement"): its dates and prices change that
    contract's ("udløbsdatoen ændres fra ... til ..."), which a reading as a contract of
    its own gets wrong, so legal confirms what it changes."""
    head = [title or "", *document.pages[0].lines[:6]]
    found = next((m for line in head if (m := _AMENDS.search(line))), None)
    if found is None:
        return []
    return [
        f"the document amends another contract ({found.group(0).strip()!r}): its dates and "
        "prices change that contract's; check what it changes before it is enforced"
    ]


#: the title of an amendment: "Tillæg nr. 2 til", "Tillægsaftale til", "Allonge til",
#: "Amendment No. 1 to", "Addendum to", "First Amendment to"
_AMENDS = re.compile(
    r"^\s*(?:(?:kontrakt|aftale)?tillæg(?:saftale)?\s+(?:nr\.?\s*\d+\s+)?til\b|allonge\b|"
    r"(?:(?:first|second|third|\d+(?:st|nd|rd|th))\s+)?amendment(?:\s+no\.?\s*\d+)?\s+to\b|"
    r"addendum(?:\s+no\.?\s*\d+)?\s+to\b|ændring\s+(?:nr\.?\s*\d+\s+)?(?:af|til)\s+"
    r"(?:kontrakt|aftale))",
    re.IGNORECASE,
)


def _several_a_year(ix: IndexationTerms | None) -> list[str]:
    """Prices adjusted more than once a year ("to gange årligt, pr. 1. januar og pr. 1.
    juli", "kvartalsvis", "twice a year"): one month and a yearly cap are what is stored,
    so an adjustment on the other dates, or a cap per adjustment, is checked by legal."""
    if ix is None or ix.evidence is None or not _SEVERAL_A_YEAR.search(ix.evidence.text):
        return []
    return [
        "indexation: the prices may be adjusted more than once a year; the dates and the cap "
        "are read as once a year: check them"
    ]


_SEVERAL_A_YEAR = re.compile(
    r"\b(?:to|tre|fire|2|3|4)\s+gange\s+(?:om\s+året|årligt|pr\.?\s+år)|halvårligt|"
    r"kvartalsvis|hvert\s+kvartal|hver\s+(?:6\.|3\.|sjette|tredje)\s+måned|"
    r"\b(?:twice|two\s+times|three\s+times|four\s+times)\s+(?:a|per|each)\s+year|"
    r"semi-?annual\w*|half-?year\w*|quarterly|every\s+(?:six|three|6|3)\s+months|"
    r"pr\.?\s+regulering|per\s+adjustment",
    re.IGNORECASE,
)


def _composite(ix: IndexationTerms | None) -> list[str]:
    """A clause that adjusts by a mix of indexes ("composite: 60 % ILON12 + 40 %
    nettoprisindeks") has no stored series to follow: said, with what is enforced."""
    if ix is None or not (ix.index or "").startswith("composite:"):
        return []
    mix = ix.index.removeprefix("composite:").strip()  # type: ignore[union-attr]
    if ix.cap_pct is not None:
        held = f"price rises are only held to its cap of {ix.cap_pct} % a year"
    else:
        held = "price rises cannot be bounded: check each one by hand"
    return [f"indexation: prices follow a composite index ({mix}); {held}"]


def missing_party_reasons(terms: ContractTerms) -> list[str]:
    """A party not read at all (no name, no CVR number: a cover page before the party
    clause, a layout not understood): said, as legal must name it before the contract
    can be assigned to its municipality and vendor; one read by its CVR number alone
    (no name), said too: the page it stands on was not understood."""
    out = []
    for role, name in (("buyer", "buyer (the municipality)"), ("vendor", "vendor")):
        party = terms.party(role)  # type: ignore[arg-type]
        if party is None or not (party.name or party.cvr):
            out.append(f"parties: the {name} was not found (no name or CVR number read)")
        elif not party.name:
            # its CVR number read without its name: the page around it was not understood
            out.append(f"parties: the {name}'s name was not read (CVR {party.cvr})")
    return out


def doubtful_name_reasons(terms: ContractTerms) -> list[str]:
    """A party's name read as what no legal name is: a role's label ("Sælger:"), a legal
    form alone ("ApS"), an address ("Møllevej 3", "..., 8600 Silkeborg"), a line cut
    off ("... —"): said, as legal must correct it before the name is shown or sent."""
    out = []
    for role, label in (("buyer", "buyer (the municipality)"), ("vendor", "vendor")):
        party = terms.party(role)  # type: ignore[arg-type]
        name = (party.name or "").strip() if party is not None else ""
        if not name:
            continue
        what = None
        labelled = ROLE_LABEL.fullmatch(name)
        if name.endswith(":") or role_of(name) is not None or (labelled and not labelled["rest"]):
            what = "a role's label"
        elif only_legal_form(name):
            what = "a legal form alone"
        elif ADDRESS_LINE.match(name) or _IN_ADDRESS.search(name):
            what = "an address"
        elif name[-1] in "-–—,;/&(" or OPEN_NAME.search(name):
            what = "a line cut off"
        if what is not None:
            out.append(f"parties: the {label}'s name was read as {name!r}, which looks like "
                       f"{what}, not a legal name")  # fmt: skip
    return out


#: an address inside a name read: a postcode and town, or ", street 12"
_IN_ADDRESS = re.compile(
    r"\b\d{4}\s+(?!(?:ApS|Aps|Inc|Ltd|Oyj?|GmbH|Holding)\b)[A-ZÆØÅ][a-zæøå]|,\s*[A-ZÆØÅ][\w.'-]+(?:\s+[\w.'-]+){0,3}\s+\d{1,4}\b|"
    r"\w(?:vej|gade|allé|alle|vænge|plads|torv|stræde|boulevard|parken|road|street)\s+\d{1,4}"
    r"[A-Za-z]?$",
    re.IGNORECASE,
)


def same_party_reasons(terms: ContractTerms) -> list[str]:
    """Buyer and vendor read as one party (one name, or one CVR number) cannot both be
    right: a misreading (one party's letterhead, a column read twice) that would bill the
    wrong buyer and send its findings to the wrong municipality."""
    buyer, vendor = terms.party("buyer"), terms.party("vendor")
    if not buyer or not vendor:
        return []
    same_name = bool(buyer.name) and buyer.name == vendor.name
    if not same_name and not (buyer.cvr and buyer.cvr == vendor.cvr):
        return []  # (two parties without a name read but with their own CVR: two)
    cvr = vendor.cvr or "not stated"
    return [f"parties: buyer and vendor read as the same party ({vendor.name}, CVR {cvr})"]


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _missing(terms: ContractTerms) -> list[str]:
    """The expected terms not found, unless a warning already says why ("expiry date:
    runs until terminated")."""
    explained = {w.split(":")[0] for w in terms.warnings}
    expected = {
        "parties": len(terms.parties) == 2,
        "effective date": terms.effective_date is not None,
        "expiry date": terms.expiry_date is not None,
        "payment terms": terms.payment_days is not None,
        "price list": bool(terms.price_terms),
    }
    return [f"{name} not found" for name, found in expected.items()
            if not found and name not in explained]  # fmt: skip

"""Reading the facts out of classified clauses: validity, payment, MFN, termination.

Each reader takes one ``Section`` (already analysed by spaCy, with MONEY, PERCENT,
DATE, DURATION entities and sentences) and returns a ``ContractClause`` with its
parameters, or None when the clause does not state the fact. The contract's dates
and its MFN clause are read from all sentences at once (``read_contract_term``,
``mfn_sentences``): a date's or a promise's meaning comes from its sentence, not from
the clause it stands in.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.contracts import mfn
from extractors.contracts.dates import durations, parse_duration
from extractors.contracts.patterns import DATE_RE, parse_date
from extractors.contracts.sections import Section
from extractors.contracts.validity import Sentence, TermDates, read_term
from extractors.types import ContractClause

_PAYMENT_WORDS = re.compile(r"netto|\bnet\b|betaling|betales|betaler\b|betale\b|forfald|payable|payment|"
                            r"\bpaid\b|\bpay\b|faktura|invoice", re.I)  # fmt: skip
#: Words about paying itself: a sentence about invoices without them may state when the
#: invoice is sent, not when it is paid.
_PAYING = re.compile(r"netto|\bnet\b|betal|forfald|payable|payment|\bpaid\b|\bpay\b|\bdue\b",
                     re.I)  # fmt: skip
#: Sending or issuing the invoice: "Leverandøren skal fremsende faktura senest 10 dage
#: efter periodens start", "shall submit the invoice no later than 10 days after".
_INVOICING = re.compile(r"fremsend|udsted|afsend|\bsend|\bsent\b|fakturer|submit|\bissu|render|"
                        # "invoice" as the verb: "The Supplier shall invoice monthly"
                        r"\b(?:shall|will|must|may)\s+(?:\w+\s+)?invoice\b|"
                        # the invoice must reach the buyer by then: "Fakturaen skal være
                        # Kommunen i hænde senest 5 dage efter", "must be received within"
                        r"\bi\s+hænde\b|\bbe\s+received\b|"
                        r"\binvoic(?:e|es|ed)\s+(?:monthly|quarterly|annually|in\s+arrears|"
                        r"in\s+advance)", re.I)  # fmt: skip
#: Days that are no payment term: notice, reminders, late interest, deadlines to object.
_NOT_PAYMENT = re.compile(r"varsel|varsles|notice|notif|rykker|reminder|rente|interest|"
                          r"efter\s+forfald|after\s+the\s+due\s+date|overdue|indsigelse|(?<!un)dispute|"
                          r"object", re.I)  # fmt: skip
#: what a late payment brings (interest, reminders): days after it are no payment term
_LATE_PAYMENT = re.compile(r"interest\s+on\s+(?:late|overdue)|late[-\s]payment|morarente|"
                           r"rykker|forsinket\s+betaling|for\s+sen\s+betaling|overdue",
                           re.I)  # fmt: skip
#: the invoice paid (after the late-payment words: "Uanset morarente ... skal fakturaer
#: betales senest 30 dage efter modtagelse" states the term)
_PAYS = re.compile(r"\bbetales\b|\bbe\s+paid\b|\bpayable\b|\bshall\s+pay\b|\bforfalder\b",
                   re.I)  # fmt: skip
_NOTICE = re.compile(r"varsel|notice|opsig|terminat|written|skriftlig", re.I)
_NOT_NOTICE = re.compile(r"uopsigelig|non-?terminable|første|first|after\s+the\s+end|"
                         r"payment|betaling|faktura|invoice", re.I)  # fmt: skip
#: days counted from the end of the invoice's month: "løbende måned + 30 dage", "lb. md. +
#: 30", "30 days end of month", "end of month following"
_RUNNING_MONTH = re.compile(r"løbende\s+måned|\blb\.?\s*md\.?|end\s+of\s+(?:the\s+)?month|"
                            r"current\s+month\s*\+", re.I)  # fmt: skip
_NET_DAYS = re.compile(r"\bnet(?:to)?\s+(\d{1,3})\b(?!\s*(?:%|procent|percent|[.,]\d))", re.I)
_SIGNED = re.compile(r"(?:Sted og dato|Dato|Underskrevet den|Place and date|Date|Signed on|[A-ZÆØÅ][a-zæøå]+, den)\s*:?\s*",
                     re.IGNORECASE)  # fmt: skip


def duration(text: str) -> tuple[int, str] | None:
    """``(number, unit)`` of a DURATION entity: unit ``day``, ``month``, ``year`` or ``week``
    ("30 dage", "six (6) months", "fire år")."""
    return parse_duration(text)


def read_validity(section: Section, *, month_first: bool = False) -> ContractClause | None:
    """Effective and expiry dates (ISO strings, so the params are JSON) that one clause
    states, read as ``read_contract_term`` reads the whole contract; None when the
    clause states neither."""
    term = read_term(sentences([section]), month_first=month_first)
    return _validity_clause(term, section.text, section.page)


def read_contract_term(sections: list[Section], *, month_first: bool = False) -> TermDates:
    """The contract's agreement, effective and expiry dates, read from all its clauses
    (``validity.read_term``)."""
    return read_term(sentences(sections), month_first=month_first)


def validity_clause(term: TermDates) -> ContractClause | None:
    """The validity clause for ``term``: its dates as ISO strings, where they were read
    (the sentences), and ``expiry_basis`` ("stated", "term", "anniversary")."""
    text = " ".join(dict.fromkeys(s.text for s in term.evidence))
    page = term.evidence[0].page if term.evidence else None
    return _validity_clause(term, text, page)


def _validity_clause(term: TermDates, text: str, page: int | None) -> ContractClause | None:
    if term.effective is None and term.expiry is None:
        return None
    params: dict[str, object] = {}
    if term.effective is not None:
        params["effective_date"] = term.effective.isoformat()
    if term.expiry is not None:
        params["expiry_date"] = term.expiry.isoformat()
        params["expiry_basis"] = term.expiry_basis
    if term.renewal:
        params["renewal"] = term.renewal
    confidence = 0.7 if term.uncertain else 0.95  # below REVIEW_CONFIDENCE: inferred
    return ContractClause("validity", text, page, params, confidence)


def sentences(sections: list[Section]) -> list[Sentence]:
    """Every sentence of ``sections`` (as spaCy split them), with its page and clause kind."""
    found = []
    for section in sections:
        assert section.doc is not None
        heading = section.heading if section.heading and len(section.heading) <= 60 else None
        found += [Sentence(s.text, section.page, section.kind, section.appendix,
                           heading if i == 0 else None)
                  for i, s in enumerate(section.sentences)]  # fmt: skip
    return found


def read_payment(section: Section, *, strict: bool = False) -> ContractClause | None:
    """Payment days: a duration in days in a sentence about paying invoices ("30 dage
    netto", "Betalingsfrist: 30 dage fra fakturadato", "within thirty (30) days of
    receipt"), or "net 30". A notice period, a reminder fee's grace period, late
    interest or the days within which the invoice is sent is no payment term.

    ``strict`` (for clauses not classified as payment terms) lowers the confidence.
    """
    assert section.doc is not None
    confidence = 0.85 if strict else 0.95
    for sentence in section.sentences:
        for text in _clauses(sentence.text):
            found = _payment_in(text, section.page, confidence)
            if found is not None:
                return found
    return None


#: where a sentence's clauses part: "...; invoices are paid within 45 days", ", og
#: betalingsfristen er 30 dage", "; betaling sker 20 dage efter modtagelse"
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:og|and)\s+(?:\w+\s+){0,2}(?:betal|pay|invoice|faktur))",
                           re.I)  # fmt: skip


def _clauses(text: str) -> list[str]:
    """The sentence's clauses, each read alone when one sends the invoice and another pays
    it ("The Supplier shall invoice within 10 days ...; invoices are paid within 45 days")."""
    parts = [p for p in _CLAUSE_BREAK.split(text) if p.strip()]
    return parts if len(parts) > 1 else [text]


def _payment_in(text: str, page: int | None, confidence: float) -> ContractClause | None:
    """The payment days one sentence (or clause of one) states, if any."""
    if not _PAYMENT_WORDS.search(text):
        return None
    if not _PAYING.search(text) and _INVOICING.search(text):
        return None  # when the invoice is sent, not when it is paid
    late = _LATE_PAYMENT.search(text)
    for found in durations(text):
        if (
            late is not None
            and found.start > late.start()
            and not _PAYS.search(text, late.end(), found.start)
        ):
            break  # the days of a late-payment remedy ("interest ... allowed 14 days")
        if found.unit != "day" or _NOT_PAYMENT.search(_around(text, found.start, found.end)):
            continue
        if _about_another_deadline(text, found.start, found.end):
            continue  # "gøre indsigelse ... inden 8 dage", "issued within 10 days and ..."
        params: dict[str, object] = {"payment_days": found.number}
        if _RUNNING_MONTH.search(text):
            params["counted_from"] = "end_of_month"
        if _BUSINESS_DAYS.search(text[found.start : found.end]):
            # business days: about 7 calendar days for every 5, held for legal's review
            params["payment_days"] = -(-found.number * 7 // 5)
            params["business_days"] = found.number
            return ContractClause("payment", text, page, params, min(confidence, 0.7))
        return ContractClause("payment", text, page, params, confidence)
    net = _NET_DAYS.search(text)
    if net is not None:
        return ContractClause(
            "payment", text, page, {"payment_days": int(net.group(1))}, confidence
        )
    return None


def _about_another_deadline(text: str, at: int, end: int) -> bool:
    """Whether the days at ``at`` belong to another deadline than paying: the nearest
    verb before them objects to or sends the invoice ("Kunden skal gøre indsigelse mod en
    faktura inden 8 dage", "Invoices shall be issued within 10 days ... and are payable
    within 30 days"), no word of paying between it and them, nor just after them ("...
    udsteder faktura månedligt med 30 dages betalingsfrist")."""
    if _PAYING_AFTER.match(text, end):
        return False
    before = text[:at]
    other = max((m.end() for m in _OTHER_DEADLINE.finditer(before)), default=-1)
    paying = max((m.end() for m in _PAYING.finditer(before)), default=-1)
    return other > paying


#: a word of paying right after the days: "30 dages betalingsfrist", "30 days payment terms"
_PAYING_AFTER = re.compile(r"[\s,]{0,3}(?:\w+\s+)?(?:betal\w*|payment|netto|net\b|forfald\w*)",
                           re.IGNORECASE)  # fmt: skip
#: a deadline of its own in a payment clause: objecting to an invoice, sending it
_OTHER_DEADLINE = re.compile(
    rf"indsigelse|reklamer|\bobject|(?<!un)disput|{_INVOICING.pattern}",
    re.IGNORECASE,
)
#: days counted on banking or working days only ("20 bankdage", "10 business days")
_BUSINESS_DAYS = re.compile(r"bank|arbejds|hverdag|business|working|banking", re.IGNORECASE)


def _around(text: str, start: int, end: int) -> str:
    return text[max(0, start - 40) : end + 40]


def read_termination(section: Section) -> ContractClause | None:
    """Termination notice in months: a duration next to a notice ("6 måneders varsel",
    "six (6) months' written notice", "90 days' notice" -> 3). A period in which the
    contract cannot be terminated ("uopsigelig i de første 24 måneder") is no notice."""
    for sentence in section.sentences:
        text = sentence.text
        for found in durations(text):
            around = _around(text, found.start, found.end)
            if not _NOTICE.search(around) or _NOT_NOTICE.search(around):
                continue
            months = found.months
            if months is None and found.unit == "day" and found.number % 30 == 0:
                months = found.number // 30
            if months is not None:
                params: dict[str, object] = {"notice_months": months}
                return ContractClause("termination", text, section.page, params, 0.9)
    return None


def read_mfn(section: Section) -> ContractClause:
    """Most-favoured customer in one clause (``mfn.mfn_statement`` on its sentences, its
    heading beside the first): present unless the clause says there is none
    ("Mestbegunstigelse finder ikke anvendelse", "No most-favoured customer terms apply")."""
    statement = mfn.read_mfn(mfn_sentences([section]))
    present = statement.present if statement is not None else True
    text = statement.text if statement is not None else section.text
    return ContractClause("mfn", text, section.page, {"present": present}, 0.95 if present else 0.9)


def mfn_sentences(sections: list[Section]) -> list[tuple[str, str | None, int | None]]:
    """Every sentence of ``sections`` with its clause's heading (beside the clause's first
    sentence only) and page, for ``mfn.read_mfn``."""
    found: list[tuple[str, str | None, int | None]] = []
    for section in sections:
        assert section.doc is not None
        for i, sentence in enumerate(section.sentences):
            found.append((sentence.text, section.heading if i == 0 else None, section.page))
    return found


def signing_date(text: str) -> date | None:
    """The date beside "Sted og dato:" / "Dato:" / "Place and date:" in the signatures."""
    for match in _SIGNED.finditer(text):
        found = DATE_RE.match(text, match.end())
        if found and (value := parse_date(found)) is not None:
            return value
    return None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (a term of 1 Jan-31 Dec is 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day - 1 else 0)

"""Where in the contract PDF a term, a clause or a finding rests: the page, the text to
highlight, and the picture of that page (``pageimage``), cached by content.

Every lookup goes through the request's scoped session, so another municipality's
contract, term, clause or finding is as absent as a missing one (``NotFound``).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.contracts import pageimage, repository
from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.documents.models import Document
from monitor.errors import InputError, NotFound
from monitor.findings.models import Finding

#: bump when the picture changes for the same input (scale, colours), to renew ETags
RENDER_VERSION = "2"
_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class Target:
    """What to highlight: the page it stands on (None: unknown) and its text."""

    page: int | None
    text: str | None
    kind: str  # term|clause|finding


@dataclass(frozen=True, slots=True)
class PageView:
    """A page of a contract with one target on it: the image's URL and whether the
    target's text was found there (``reason`` says why not)."""

    contract_id: int
    page: int
    url: str
    found: bool
    reason: str | None


def contract_document(session: Session, contract_id: int) -> tuple[Contract, Document]:
    """The contract and its stored PDF, or NotFound naming which is missing."""
    contract = repository.get(session, contract_id)
    document = session.get(Document, contract.document_id) if contract.document_id else None
    if document is None:
        raise NotFound(
            f"contract {contract_id} has no stored document",
            key="error.contract.no_document",
            params={"id": contract_id},
        )
    if not document.content.startswith(b"%PDF"):
        raise NotFound(
            f"contract {contract_id}'s document {document.filename!r} is not a PDF",
            key="error.contract.not_pdf",
            params={"id": contract_id, "filename": document.filename},
        )
    return contract, document


def target(
    session: Session,
    contract_id: int,
    *,
    term_id: int | None = None,
    clause_id: int | None = None,
    finding_id: int | None = None,
) -> Target | None:
    """The evidence of one term, clause or finding of this contract (at most one may be
    given; none: nothing to highlight). NotFound if it is not part of the contract."""
    given = [n for n in (term_id, clause_id, finding_id) if n is not None]
    if len(given) > 1:
        raise InputError("highlight one of term, clause or finding, not several", field="term")
    if term_id is not None:
        term = session.get(PriceTerm, term_id)
        if term is None or term.contract_id != contract_id:
            raise NotFound(
                f"price term {term_id} is not part of contract {contract_id}",
                key="error.term.other_contract",
                params={"term": term_id, "contract": contract_id},
            )
        return Target(term.evidence_page, term.evidence_text, "term")
    if clause_id is not None:
        clause = session.get(ContractClause, clause_id)
        if clause is None or clause.contract_id != contract_id:
            raise NotFound(
                f"clause {clause_id} is not part of contract {contract_id}",
                key="error.clause.other_contract",
                params={"clause": clause_id, "contract": contract_id},
            )
        return Target(clause.evidence_page, clause.evidence_text, "clause")
    if finding_id is not None:
        finding = session.get(Finding, finding_id)
        if finding is None or finding.contract_id != contract_id:
            raise NotFound(
                f"finding {finding_id} does not rest on contract {contract_id}",
                key="error.finding.other_contract",
                params={"finding": finding_id, "contract": contract_id},
            )
        return finding_target(session, finding)
    return None


def finding_target(session: Session, finding: Finding) -> Target | None:
    """The clause a finding rests on: its price term's evidence, else the clause text
    the rule quoted (``clause_text``, ``indexation_clause``) with its page."""
    if finding.price_term_id is not None:
        term = session.get(PriceTerm, finding.price_term_id)
        if term is not None and term.evidence_text:
            return Target(term.evidence_page, term.evidence_text, "finding")
    ev = finding.evidence or {}
    for text_key, page_key in (
        ("clause_text", "clause_page"),
        ("indexation_clause", "indexation_clause_page"),
    ):
        if ev.get(text_key):
            page = ev.get(page_key) or ev.get("contract_page")
            return Target(page if isinstance(page, int) else None, str(ev[text_key]), "finding")
    kind = _CLAUSE_OF_RULE.get(finding.rule_id)
    if kind is not None and finding.contract_id is not None:
        clause = session.scalar(
            select(ContractClause)
            .where(
                ContractClause.contract_id == finding.contract_id,
                ContractClause.kind == kind,
                ContractClause.evidence_text.is_not(None),
            )
            .order_by(ContractClause.id)
            .limit(1)
        )
        if clause is not None:
            return Target(clause.evidence_page, clause.evidence_text, "finding")
    page = ev.get("contract_page")
    return Target(page, None, "finding") if isinstance(page, int) else None


#: the kind of clause a rule's finding rests on, when it rests on no price term
_CLAUSE_OF_RULE = {
    "mfn_breach": "mfn",
    "payment_terms": "payment",
    "outside_contract_period": "validity",
    "indexation_cap_exceeded": "indexation",
}


def page_view(
    session: Session, contract_id: int, selector: str, wanted: Target | None
) -> PageView | None:
    """The page image of ``wanted`` (``selector`` the query naming it, ``term=7``) and
    whether its text is found there; None when the target's page is unknown or the
    contract has no stored PDF."""
    if wanted is None or wanted.page is None:
        return None
    try:
        _, document = contract_document(session, contract_id)
        located = _located(document, wanted.page, wanted.text)
    except (NotFound, InputError):
        return None
    url = f"/contracts/{contract_id}/pages/{wanted.page}.png?{selector}"
    return PageView(contract_id, wanted.page, url, located.found, located.reason)


@dataclass(frozen=True, slots=True)
class Picture:
    png: bytes
    etag: str
    found: bool
    reason: str | None


def _highlighted_text(page: int, wanted: Target | None) -> str | None:
    return wanted.text if wanted is not None and wanted.page in (None, page) else None


def picture_etag(document: Document, page: int, wanted: Target | None) -> str:
    """What the picture is made of, hashed: the same ETag means the same picture."""
    text = _highlighted_text(page, wanted) or ""
    made_of = f"{RENDER_VERSION}|{document.sha256}|{page}|{text}"
    return hashlib.sha256(made_of.encode()).hexdigest()[:32]


def picture(document: Document, page: int, wanted: Target | None) -> Picture:
    """The page as PNG with ``wanted`` highlighted when it stands on this page."""
    etag = picture_etag(document, page, wanted)
    cached = _cache_get(etag)
    if cached is not None:
        return cached
    text = _highlighted_text(page, wanted)
    located = _located(document, page, text) if text else pageimage.Located((), "no_target")
    result = Picture(
        pageimage.render_page(document.content, page, located.boxes),
        etag,
        located.found,
        located.reason,
    )
    _cache_put(etag, result)
    return result


def _located(document: Document, page: int, text: str | None) -> pageimage.Located:
    """Where ``text`` stands on the page, remembered per document, page and text (the
    contract page asks for every term's)."""
    key = (document.sha256, page, text or "")
    with _lock:
        found = _where.get(key)
    if found is None:
        found = pageimage.locate(document.content, page, text)
        with _lock:
            _where[key] = found
            while len(_where) > _CACHE_SIZE * 16:
                _where.popitem(last=False)
    return found


# a small in-process cache of rendered pages, keyed by what the picture is made of
_cache: OrderedDict[str, Picture] = OrderedDict()
_where: OrderedDict[tuple[str, int, str], pageimage.Located] = OrderedDict()
_lock = Lock()


def _cache_get(etag: str) -> Picture | None:
    with _lock:
        found = _cache.get(etag)
        if found is not None:
            _cache.move_to_end(etag)
        return found


def _cache_put(etag: str, picture: Picture) -> None:
    with _lock:
        _cache[etag] = picture
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)

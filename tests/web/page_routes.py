"""Every page of the app, with its path parameters filled from the web tests' seed.

Used by the catalogue test (every page in both languages, strict) and the 390 px
browser run. A page is a GET route outside ``/api`` that FastAPI leaves out of the
OpenAPI schema (``include_in_schema=False``: the HTML routers). A page whose path
parameter has no row in ``PARAM_FILLERS`` makes :func:`page_paths` raise, so a new
page cannot be skipped silently: add a row for its parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.auth.models import User
from monitor.contracts.models import Contract, PriceTerm
from monitor.web.security import iter_routes
from tests.web.conftest import Seed

Filler = Callable[[Seed, Session], object]


def _case_file(seed: Seed, session: Session) -> int:
    """The seed has no case file: one for the seeded contract's vendor and municipality."""
    from monitor.casefiles.models import CaseFile

    found = session.scalars(select(CaseFile.id).order_by(CaseFile.id)).first()
    if found is not None:
        return found
    contract = session.get(Contract, seed.contract_id)
    assert contract is not None
    case = CaseFile(
        vendor_id=contract.vendor_id,
        municipality_id=contract.municipality_id,
        letter=b"%PDF-1.4 letter",
        created_by="pages@tests",
    )
    session.add(case)
    session.flush()
    return case.id


#: path parameter -> its value for the seed (one row per parameter name)
PARAM_FILLERS: dict[str, Filler] = {
    "finding_id": lambda seed, s: seed.price_finding_id,
    "invoice_id": lambda seed, s: seed.invoice_id,
    "contract_id": lambda seed, s: seed.contract_id,
    "term_id": lambda seed, s: s.scalars(
        select(PriceTerm.id).where(PriceTerm.contract_id == seed.contract_id)
    ).first(),
    "document_id": lambda seed, s: s.get(Contract, seed.contract_id).document_id,  # type: ignore[union-attr]
    "rule_id": lambda seed, s: "price_above_agreed",
    "code": lambda seed, s: "101",
    "user_id": lambda seed, s: s.scalars(select(User.id).order_by(User.id)).first(),
    "vendor_id": lambda seed, s: s.get(Contract, seed.contract_id).vendor_id,  # type: ignore[union-attr]
    "case_file_id": _case_file,
}

#: GET routes outside /api that are not pages: redirects (to the identity provider and
#: back) and files (a contract's PDF); add a new download here
NOT_PAGES = frozenset({"/login/oidc", "/login/oidc/callback", "/contracts/{contract_id}/document"})
#: a route ending in a file name (``letter.pdf``, ``evidence.zip``) is a download, not a page
_DOWNLOAD = re.compile(r"\.[a-z0-9]{2,5}$")

_PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


class UnfilledParameter(LookupError):
    """A page's path parameter with no row in ``PARAM_FILLERS``."""


def page_routes(app: FastAPI) -> list[str]:
    """The path of every page (as declared, with ``{params}``), sorted."""
    paths = set()
    for method, path, route in iter_routes(app):
        if method != "GET" or path.startswith("/api") or path in NOT_PAGES:
            continue
        if _DOWNLOAD.search(path):
            continue
        if getattr(route, "include_in_schema", True):
            continue
        paths.add(path)
    return sorted(paths)


def fill(path: str, seed: Seed, session: Session) -> str:
    """``/findings/{finding_id}`` -> ``/findings/1``; UnfilledParameter if it cannot."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        filler = PARAM_FILLERS.get(name)
        if filler is None:
            raise UnfilledParameter(
                f"{path}: no value for {{{name}}}; add a row for it to PARAM_FILLERS "
                "in tests/web/page_routes.py"
            )
        found = filler(seed, session)
        if found is None:
            raise UnfilledParameter(f"{path}: the seed has no row for {{{name}}}")
        return str(found)

    return _PARAM.sub(value, path)


def page_paths(app: FastAPI, seed: Seed) -> list[str]:
    """Every page's URL for the seed."""
    with app.state.session_factory() as session:
        paths = [fill(path, seed, session) for path in page_routes(app)]
        session.commit()  # rows a filler made (a case file)
    return paths

"""What every endpoint of the JSON API shares: the version prefix, the error shape, one
pagination scheme, and a scoped session of its own for exports that stream.

The API lives under ``/api/v1``. The unversioned paths of before (``/api/findings`` ...)
are gone: they answer 404 with a pointer to ``/api/v1`` (see ``monitor.web.app``).

Pagination, the same on every list: ``limit`` (1..``MAX_LIMIT``, default
``DEFAULT_LIMIT``) and ``offset``; the body is ``{"items": [...], "total", "limit",
"offset", "next"}``, ``next`` the path and query of the following page (None on the
last). Every list has a stable order ending in the row id, so pages neither repeat nor
skip a row while nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Body, Path, Query, Request
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from monitor.auth.scope import scope_session
from monitor.schemas import ErrorOut
from monitor.web.limits import MAX_ID
from monitor.web.security import current_identity

V1 = "/api/v1"
DEFAULT_LIMIT = 100
MAX_LIMIT = 500

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=2_000_000_000, description="rows to skip")]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


#: the errors every authorised endpoint may answer
ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("bad input the application refuses, named (e.g. an id beyond 2147483647)"),
    401: _error("no or an unknown bearer token (or session)"),
    403: _error("the identity's roles do not allow this"),
    404: _error("no such row, or one of another municipality"),
    422: _error("a parameter or the body is not valid"),
}
#: and those of endpoints that change something
CHANGE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("the change is refused, with the reason"),
    409: _error("the change needs an explicit confirmation"),
}


def page_of(request: Request, items: list[Any], *, total: int, limit: int, offset: int) -> Any:
    """The page's fields (``items`` as given), with ``next`` built from the request's
    own query so the filters carry over."""
    following = offset + limit
    next_link = None
    if following < total:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
        query.append(("offset", str(following)))
        next_link = f"{request.url.path}?{urlencode(query)}"
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": next_link}


def count(session: Session, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` selects (the filters, without order or paging)."""
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())))


@contextmanager
def export_session(request: Request) -> Iterator[Session]:
    """A session of its own, limited to the caller's municipalities like the request's,
    for an export that is still streaming after the request's session has closed."""
    identity = current_identity(request)
    session: Session = request.app.state.session_factory()
    try:
        scope_session(session, identity.municipality_ids if identity else frozenset())
        yield session
    finally:
        session.rollback()
        session.close()


def _id(what: str, example: int = 1) -> Any:
    return Path(ge=1, le=MAX_ID, description=f"the {what}'s id", examples=[example])


#: path parameters, with the examples the document shows
FindingId = Annotated[int, _id("finding")]
InvoiceId = Annotated[int, _id("invoice")]
ContractId = Annotated[int, _id("contract")]
TermId = Annotated[int, _id("price term")]
DocumentId = Annotated[int, _id("document")]
AlertId = Annotated[int, _id("alert")]
CaseFileId = Annotated[int, _id("case file")]
MunicipalityCode = Annotated[str, Path(description="kommunekode", examples=["101"])]
VendorCvr = Annotated[str, Path(description="the vendor's CVR number", examples=["12345678"])]
RuleId = Annotated[
    str, Path(description="a rule id, or custom:<name>", examples=["price_above_agreed"])
]


def examples_of(model: type[BaseModel]) -> Any:
    """A request body of ``model``, with the model's examples as the operation's own
    (where clients and schemathesis read them)."""
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples", []) if isinstance(extra, dict) else []
    return Body(openapi_examples={f"example{i}": {"value": ex} for i, ex in enumerate(examples, 1)})


def restore_nulls(document: dict[str, Any]) -> None:
    """Put back the nulls FastAPI leaves out of the document's examples (it writes the
    document without None values), so that an example of a required, nullable field
    shows it as ``null`` and matches its own schema."""
    components = document.get("components", {}).get("schemas", {})

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return schema

    def nullable(schema: dict[str, Any]) -> bool:
        options = schema.get("anyOf", [schema])
        return any(resolve(o).get("type") == "null" for o in options)

    def fill(example: Any, schema: dict[str, Any]) -> None:
        schema = resolve(schema)
        if isinstance(example, list):
            for item in example:
                fill(item, schema.get("items", {}))
            return
        if not isinstance(example, dict):
            return
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in example and nullable(properties.get(name, {})):
                example[name] = None
        for name, value in example.items():
            for option in properties.get(name, {}).get("anyOf", [properties.get(name, {})]):
                fill(value, option)

    for schema in components.values():
        for example in schema.get("examples", []):
            fill(example, schema)

"""The web app factory: pages and JSON API over one database session per request.

Adding pages from another package (uploads, admin ...): write an ``APIRouter`` in that
package's ``views.py`` (handlers take ``session: DbSession`` from ``monitor.web.deps``
and answer with ``monitor.web.templating.render``; templates extend ``base.html``),
add it to ``default_routers()`` below, its top-bar link to
``monitor.web.templating.NAV_ITEMS`` and its words to ``monitor.web.i18n.MESSAGES``.
Raising ``NotFound`` or another ``PrisvagtError`` gives the person an error page (or
``{"error": ...}`` under ``/api/``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from monitor.db import make_engine, session_factory, utcnow
from monitor.errors import (
    ConfirmationRequired,
    InputError,
    NotFound,
    PermissionDenied,
    PrisvagtError,
)
from monitor.settings import Settings, get_settings
from monitor.web.api import V1, restore_nulls
from monitor.web.i18n import LANGUAGES, MESSAGES, error_message, negotiate, translate
from monitor.web.limits import (
    TOO_LARGE_KEY,
    RequestTooLarge,
    ids_in_range,
    install_body_limit,
    install_request_limit,
)
from monitor.web.security import (
    SAFE_METHODS,
    SignInRequired,
    authorise,
    check_csrf,
    install_security,
    install_trusted_hosts,
)
from monitor.web.templating import NAV_ITEMS, STATIC_DIR, NavItem, render

log = logging.getLogger(__name__)

LANG_COOKIE = "prisvagt_lang"
_YEAR = 365 * 24 * 3600


def default_routers() -> list[APIRouter]:
    """Every router the app mounts, in order. Add new ones here."""
    from monitor.alerts.api import api as alerts_api
    from monitor.alerts.views import router as alerts
    from monitor.auth.oidc import router as oidc_sign_in
    from monitor.auth.views import router as sign_in
    from monitor.auth.views import users as user_admin
    from monitor.casefiles.api import api as case_files_api
    from monitor.casefiles.views import router as case_files
    from monitor.contracts.api import api as contracts_api
    from monitor.contracts.browse import router as contracts_browse
    from monitor.contracts.views import api as terms_api
    from monitor.contracts.views import router as contracts
    from monitor.documents.views import pages as upload
    from monitor.documents.views import router as documents_api
    from monitor.findings.views import api as findings_api
    from monitor.findings.views import router as findings
    from monitor.findings.workflow_views import router as findings_workflow
    from monitor.invoices.api import api as invoices_api
    from monitor.invoices.views import router as invoices
    from monitor.parties.api import api as parties_api
    from monitor.parties.views import router as parties_admin
    from monitor.rulesets.views import api as rules_api
    from monitor.rulesets.views import router as rules_admin
    from monitor.web.apidocs import router as api_docs
    from monitor.web.pages import api as health_api
    from monitor.web.pages import router as pages

    _add_nav_items()
    return [
        sign_in,
        oidc_sign_in,
        pages,
        findings_workflow,
        findings,
        alerts,
        invoices,
        contracts_browse,
        contracts,
        case_files,
        upload,
        rules_admin,
        parties_admin,
        user_admin,
        findings_api,
        case_files_api,
        invoices_api,
        contracts_api,
        terms_api,
        parties_api,
        alerts_api,
        rules_api,
        documents_api,
        health_api,
        api_docs,
    ]


def _add_nav_items() -> None:
    """The invoices, upload and admin pages' links, before the API link (once per process)."""
    for item in (
        NavItem("/contracts", "nav.contracts", "contracts"),
        NavItem("/case-files", "nav.casefiles", "casefiles"),
        NavItem("/invoices", "nav.invoices", "invoices"),
        NavItem("/upload", "nav.upload", "upload"),
        NavItem("/alerts", "nav.alerts", "alerts"),
        NavItem("/admin/rules", "nav.rules", "rules"),
        NavItem("/admin/parties", "nav.parties", "parties"),
        NavItem("/admin/users", "nav.users", "users"),
    ):
        if item not in NAV_ITEMS:
            api_link = next((i for i, n in enumerate(NAV_ITEMS) if n.section == "api"), None)
            NAV_ITEMS.insert(len(NAV_ITEMS) if api_link is None else api_link, item)


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    *,
    routers: list[APIRouter] | None = None,
    queue_recheck: Callable[[list[int]], None] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> FastAPI:
    """Build the app. ``engine`` defaults to one made from ``settings.database_url``;
    ``queue_recheck`` (invoice ids -> None) defaults to queueing ``invoices.check`` tasks;
    ``clock`` (-> an aware datetime, default ``monitor.db.utcnow``) is what handlers ask
    for the time through ``monitor.web.deps.now`` / ``today``."""
    settings = settings or get_settings()
    engine = engine or make_engine(settings.database_url, settings=settings)
    app = FastAPI(
        # who may call which route, in one place: see ``monitor.web.security``
        dependencies=[Depends(ids_in_range), Depends(authorise), Depends(check_csrf)],
        title="Prisvagt",
        summary="Vendor contract-compliance monitor for Danish public buyers",
        version="0.1.0",
        docs_url=None,  # Swagger UI loads from a CDN; /api/docs is our own page
        redoc_url=None,
        openapi_url=None,  # served by a route below, so that it is authorised as the rest
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory(engine)
    app.state.queue_recheck = queue_recheck or queue_invoice_checks
    app.state.clock = clock or utcnow
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for router in default_routers() if routers is None else routers:
        app.include_router(router)
    _add_openapi_route(app)
    _install_same_origin(app)
    # as many requests at a time as the pool has connections; the rest wait their turn
    install_request_limit(
        app,
        limit=settings.db_pool_size + settings.db_max_overflow,
        wait=settings.db_pool_timeout,
        error=_error,
    )
    install_body_limit(app, limit_mb=settings.max_request_mb, error=_error)
    _install_language(app)  # added late, so it runs early: error pages know the language
    install_trusted_hosts(app, settings, _error)  # before anything else reads the request
    install_security(app, settings)  # session cookie and security headers, outermost
    _install_error_pages(app)
    return app


def queue_invoice_checks(invoice_ids: list[int]) -> None:
    """Queue a re-check of the invoices (in-process when no broker is configured):
    many at once as one screened bulk check (``workers.tasks.queue_checks``)."""
    from workers import tasks

    tasks.queue_checks(invoice_ids)


def _install_language(app: FastAPI) -> None:
    @app.middleware("http")
    async def language(request: Request, call_next: Any) -> Response:
        asked = request.query_params.get("lang")
        request.state.lang = negotiate(asked, request.cookies.get(LANG_COOKIE))
        response: Response = await call_next(request)
        if asked in LANGUAGES:
            response.set_cookie(LANG_COOKIE, asked, max_age=_YEAR, samesite="lax")
        return response


def _install_same_origin(app: FastAPI) -> None:
    """Refuse a change sent by a page on another site, or by an opaque origin
    (``Origin: null``: a sandboxed frame, a ``data:`` page). Requests with no Origin at
    all (scripts, older browsers) still need the session's CSRF token or a bearer token."""

    @app.middleware("http")
    async def same_origin(request: Request, call_next: Any) -> Response:
        origin = request.headers.get("origin")
        foreign = origin is not None and (
            origin == "null" or urlsplit(origin).netloc != request.headers.get("host")
        )
        if request.method not in SAFE_METHODS and foreign:
            error = PermissionDenied(
                f"a form from {origin} may not change data",
                key="error.foreign_origin",
                params={"origin": origin},
            )
            return _problem(request, 403, "error.forbidden", error)
        response: Response = await call_next(request)
        return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(
    request: Request,
    status: int,
    title_key: str,
    message: str,
    *,
    extra: dict[str, Any] | None = None,
) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, **(extra or {})}, status_code=status)
    return render(
        request,
        "error.html",
        {"title_key": title_key, "message": message, "status": status},
        status_code=status,
    )


def _add_openapi_route(app: FastAPI) -> None:
    """``/api/v1/openapi.json``, declaring the bearer token every operation but the
    health check takes."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an API token (prisvagt tokens add) or a signed-in session",
                }
            }
            for path, item in schema.get("paths", {}).items():
                if path != f"{V1}/health":
                    for op in item.values():
                        op.setdefault("security", [{"bearer": []}])
            restore_nulls(schema)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get(f"{V1}/openapi.json", include_in_schema=False, name="openapi")
    def openapi_document() -> dict[str, Any]:
        return openapi()


def _lang(request: Request) -> str:
    return str(getattr(request.state, "lang", "da"))


def _problem(request: Request, status: int, title_key: str, exc: PrisvagtError) -> Response:
    """An error as a page in the request's language, or as JSON: ``error`` in English
    (for scripts and logs; ``error_da`` beside it when the error has a Danish text of its
    own), and ``message`` in the language the request chose (``?lang=`` or the cookie)."""
    if not _wants_json(request):
        return _error(request, status, title_key, error_message(exc, _lang(request)))
    extra: dict[str, Any] = {}
    danish = getattr(exc, "message_da", None)
    if danish:
        extra["error_da"] = danish
    if request.query_params.get("lang") in LANGUAGES or request.cookies.get(LANG_COOKIE):
        extra["message"] = error_message(exc, _lang(request))
    if isinstance(exc, ConfirmationRequired):
        extra["error_da"] = exc.message_da
        extra["confirmation_required"] = exc.details
    return _error(request, status, title_key, exc.describe(), extra=extra)


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, exc: SignInRequired) -> Response:
        if request.method == "GET" and not _wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
        response = _problem(request, 401, "error.sign_in", exc)
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _problem(request, 404, "error.not_found", exc)

    @app.exception_handler(PermissionDenied)
    async def forbidden(request: Request, exc: PermissionDenied) -> Response:
        return _problem(request, 403, "error.forbidden", exc)

    @app.exception_handler(ConfirmationRequired)
    async def unconfirmed(request: Request, exc: ConfirmationRequired) -> Response:
        # 409: the request is valid, but it waits for a person's explicit confirmation
        return _problem(request, 409, "error.bad_request", exc)

    @app.exception_handler(RequestTooLarge)
    async def too_large(request: Request, exc: RequestTooLarge) -> Response:
        return _problem(request, 413, "error.too_large", exc)

    @app.exception_handler(PrisvagtError)
    async def bad_request(request: Request, exc: PrisvagtError) -> Response:
        return _problem(request, 400, "error.bad_request", exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        key = "error.not_found" if exc.status_code == 404 else "error.title"
        if request.scope.get(TOO_LARGE_KEY):  # the body parser's 400 for a body too large
            return _problem(
                request, 413, "error.too_large", RequestTooLarge(request.scope[TOO_LARGE_KEY])
            )
        if _wants_json(request):
            detail = exc.detail
            if exc.status_code == 404 and not request.url.path.startswith(f"{V1}/"):
                # the unversioned API of before: say where it went
                detail = f"{request.url.path} is not part of the API: its paths begin {V1}/"
            return JSONResponse({"error": detail}, status_code=exc.status_code)
        if exc.status_code == 404:
            message = translate("error.no_page", _lang(request), path=request.url.path)
        else:
            message = translate("error.http", _lang(request), status=exc.status_code)
        return _error(request, exc.status_code, key, message)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: Exception) -> Response:
        # a value the database cannot hold that ``ids_in_range`` did not see (a form field)
        orig = getattr(exc, "orig", None) or exc
        error = InputError(
            f"a value is out of range: {orig}", key="error.value_out_of_range", params={}
        )
        return _problem(request, 400, "error.bad_request", error)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # a defect, not bad input: logged with the traceback, and still shown to the person
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        error = PrisvagtError(
            f"{type(exc).__name__}: {exc}",
            key="error.unexpected",
            params={"kind": type(exc).__name__, "detail": str(exc)},
        )
        return _problem(request, 500, "error.title", error)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'][1:]) or err['loc'][0]}: {err['msg']}"
            for err in exc.errors()
        )
        if _wants_json(request):
            detail = jsonable_encoder(exc.errors())
            return JSONResponse({"error": problems, "detail": detail}, status_code=422)
        return _error(
            request, 422, "error.invalid_input", validation_text(exc.errors(), _lang(request))
        )


def validation_text(errors: Sequence[Any], lang: str) -> str:
    """FastAPI's validation errors in the page's language: one sentence per field,
    from the catalogue by the error's type (``validation.<type>``, or a general one)."""
    out = []
    for err in errors:
        field = ".".join(str(p) for p in err["loc"][1:]) or str(err["loc"][0])
        key = f"validation.{err.get('type', '')}"
        if key not in MESSAGES:
            key = "validation.invalid"
        out.append(f"{field}: {translate(key, lang, **_limits(err.get('ctx') or {}))}")
    return "; ".join(out)


def _limits(ctx: dict[str, Any]) -> dict[str, Any]:
    """The bound a validation error names (``ge``, ``max_length`` ...), as ``limit``."""
    for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "expected"):
        if name in ctx:
            return {"limit": ctx[name]}
    return {"limit": ""}


def run_server(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted (``prisvagt serve``)."""
    import uvicorn

    uvicorn.run(create_app(), host=host, port=port, log_level="info")

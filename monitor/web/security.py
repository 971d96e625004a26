"""Signing in and what a request may do, enforced in one place.

- ``authorise``: an app-wide dependency. It finds who is calling (a bearer token, or
  the person in the signed session cookie), looks the route up in
  ``monitor.auth.policy.ROUTES`` (a route not there is refused), and limits the
  request's database session to the identity's municipalities
  (``monitor.auth.scope``). Anonymous callers of a page are sent to the login page.
- ``check_csrf``: every change made through the session cookie carries the session's
  CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``). Bearer-token
  requests need none: a browser never adds that header on another site's behalf.
- ``install_security``: the signed, expiring session cookie and the security headers.
- ``install_trusted_hosts``: a request whose Host header is not one of
  ``PRISVAGT_TRUSTED_HOSTS`` (or the host of ``PRISVAGT_BASE_URL``) is refused with 400,
  so links and redirects are never built on a host an attacker chose.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute

from monitor.auth.models import User
from monitor.auth.policy import route_key, rule_for
from monitor.auth.scope import hidden_path_object, scope_session
from monitor.auth.service import (
    Identity,
    load_user_identity,
    record_token_use,
    token_identity,
)
from monitor.errors import NotFound, PermissionDenied, PrisvagtError
from monitor.settings import Settings
from monitor.web.deps import DbSession
from monitor.web.i18n import has_message

log = logging.getLogger(__name__)

SESSION_COOKIE = "prisvagt_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SignInRequired(PrisvagtError):
    """The route needs a signed-in identity and the request has none (401)."""


def current_identity(request: Request) -> Identity | None:
    return getattr(request.state, "identity", None)


def authorise(request: Request, session: DbSession) -> None:
    """Who is calling, and may they call this route? (See the module docstring.)"""
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    identity = _identify(request, session)
    request.state.identity = identity
    rule = rule_for(request.method, path)
    if rule is None:
        raise PermissionDenied(
            f"{route_key(request.method, path)} has no access rule", key="error.no_access_rule"
        )
    if rule.roles is None:
        return
    if identity is None:
        raise SignInRequired("sign in first", key="error.sign_in_first")
    if not rule.allows(identity):
        need = ", ".join(sorted(rule.roles or {"a role"}))
        where = " over every municipality" if rule.everywhere else ""
        raise PermissionDenied(
            f"{identity.actor} may not do this: it needs {need}{where}",
            key="error.needs_role_everywhere" if rule.everywhere else "error.needs_role",
            params={"who": identity.actor, "roles": need},
        )
    scope_session(session, identity.municipality_ids, actor=identity.actor)
    hidden = hidden_path_object(session, request.path_params)
    if hidden is not None:  # another municipality's row: as absent as a missing one
        name, _, value = hidden.partition(" ")
        # the row's kind in the page's language (a parameter the catalogue does not name
        # yet is shown as it is called)
        what: object = {"key": f"entity.{name}"} if has_message(f"entity.{name}") else name
        raise NotFound(
            f"{hidden} does not exist", key="error.missing", params={"what": what, "id": value}
        )


def _identify(request: Request, session: Any) -> Identity | None:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise SignInRequired(
                "the Authorization header must be 'Bearer <token>'", key="error.bad_bearer"
            )
        # a short transaction of its own, done before the request's session takes a
        # connection: the request's may be long, and must not hold the token's row
        with request.app.state.session_factory.begin() as own:
            identity = token_identity(own, secret.strip())
            if identity is not None:
                record_token_use(own, token_id=identity.id)
        if identity is None:
            raise SignInRequired("the API token is unknown or revoked", key="error.bad_token")
        return identity
    user_id = request.session.get("user_id") if "session" in request.scope else None
    if not isinstance(user_id, int):
        return None
    epoch = request.session.get("epoch", 0)
    identity = load_user_identity(session, user_id, epoch if isinstance(epoch, int) else -1)
    if identity is None:  # disabled, deleted or its password reset since signing in
        request.session.clear()
    return identity


def start_session(request: Request, user: User) -> None:
    """Sign ``user`` in on this browser: a new session (nothing from before signing in
    carries over) holding the account, its session epoch and a new CSRF token."""
    request.session.clear()
    request.session["user_id"] = user.id
    request.session["epoch"] = user.session_epoch or 0
    request.session["csrf"] = secrets.token_urlsafe(32)


def keep_session(request: Request, user: User) -> None:
    """After ``end_sessions`` on the signed-in person's own account: this session stays."""
    if request.session.get("user_id") == user.id:
        request.session["epoch"] = user.session_epoch


async def check_csrf(request: Request) -> None:
    """Changes through the session cookie carry its CSRF token (see the module docstring)."""
    if request.method in SAFE_METHODS or request.headers.get("authorization"):
        return
    expected = request.session.get("csrf") if "session" in request.scope else None
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and _is_form(request):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise PermissionDenied(
            "the form has expired or did not come from this site: reload the page and try again",
            key="error.csrf",
        )


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def csrf_token(request: Request) -> str:
    """The session's CSRF token for a form (made on first use)."""
    if "session" not in request.scope:
        return ""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def actor(request: Request) -> str:
    """Who the audit log records for this request: the signed-in identity."""
    identity = current_identity(request)
    if identity is None:
        raise SignInRequired("sign in first", key="error.sign_in_first")
    return identity.actor


Actor = Annotated[str, Depends(actor)]


def session_secret(settings: Settings) -> str:
    """``PRISVAGT_SESSION_SECRET``, or one generated once into the var directory."""
    if settings.session_secret:
        return settings.session_secret
    path: Path = settings.session_secret_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), "utf-8")
        path.chmod(0o600)
    return path.read_text("utf-8").strip()


def install_security(app: FastAPI, settings: Settings) -> None:
    """The session cookie, then (outermost) the security headers on every response."""
    https = settings.base_url.startswith("https://")
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_hours * 3600,
        same_site="lax",
        https_only=https,
    )

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if https or request.url.scheme == "https":
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if "session" in request.scope and request.session:
            headers.setdefault("Cache-Control", "no-store")
        return response


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """The host names the app answers to: the setting's, and the base URL's host."""
    hosts = {h.strip().lower() for h in settings.trusted_hosts if h.strip()}
    base = urlsplit(settings.base_url).hostname
    if base:
        hosts.add(base.lower())
    return frozenset(hosts)


def host_name(header: str) -> str:
    """``example.dk:8000`` -> ``example.dk``; ``[::1]:8000`` -> ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str, hosts: frozenset[str]) -> bool:
    if "*" in hosts:
        return True
    name = host_name(header)
    if not name:
        return False
    return name in hosts or any(h.startswith("*.") and name.endswith(h[1:]) for h in hosts)


ErrorPage = Callable[[Request, int, str, str], Response]


def install_trusted_hosts(app: FastAPI, settings: Settings, error: ErrorPage) -> None:
    """Refuse requests for another host (see the module docstring)."""
    from monitor.web.i18n import negotiate, translate

    hosts = allowed_hosts(settings)

    @app.middleware("http")
    async def trusted_host(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        header = request.headers.get("host", "")
        if host_allowed(header, hosts):
            return await call_next(request)
        log.warning("refused a request for host %r (PRISVAGT_TRUSTED_HOSTS)", header)
        lang = request.state.lang = negotiate(
            request.query_params.get("lang"), request.cookies.get("prisvagt_lang")
        )
        if request.url.path.startswith("/api/"):
            message = f"this server does not answer to the host {header!r} (PRISVAGT_TRUSTED_HOSTS)"
        else:
            message = translate("error.bad_host_message", lang, host=header)
        return error(request, 400, "error.bad_host", message)


def iter_routes(app: FastAPI) -> Iterator[tuple[str, str, BaseRoute]]:
    """Every (method, path, route) the app answers, including included routers' routes
    (FastAPI keeps those behind ``_IncludedRouter``), HEAD left out."""
    from fastapi.routing import _IncludedRouter

    for route in app.routes:
        if isinstance(route, _IncludedRouter):
            for ctx in route.effective_route_contexts():
                for method in sorted(getattr(ctx.original_route, "methods", None) or ()):
                    if method != "HEAD":
                        yield method, ctx.path, ctx.original_route
        else:
            for method in sorted(getattr(route, "methods", None) or ()):
                if method != "HEAD":
                    yield method, getattr(route, "path", ""), route

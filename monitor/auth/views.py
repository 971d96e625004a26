"""The login and logout pages."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from monitor.auth.oidc import configured
from monitor.auth.ratelimit import LoginLimiter
from monitor.auth.service import authenticate
from monitor.web.deps import DbSession
from monitor.web.i18n import translate
from monitor.web.templating import render

router = APIRouter(tags=["sign-in"], include_in_schema=False)


def _limiter(request: Request) -> LoginLimiter:
    app = request.app
    if not hasattr(app.state, "login_limiter"):
        settings = app.state.settings
        app.state.login_limiter = LoginLimiter(
            limit=settings.login_attempts, window=settings.login_lockout_minutes * 60
        )
    limiter: LoginLimiter = app.state.login_limiter
    return limiter


def safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or a full URL) is followed after login."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return parts.path + (f"?{parts.query}" if parts.query else "") if not parts.netloc else "/"


def _page(
    request: Request, *, next_url: str, email: str = "", error: str | None = None, status: int = 200
) -> HTMLResponse:
    settings = request.app.state.settings
    return render(
        request,
        "login.html",
        {
            "next_url": next_url,
            "email": email,
            "error": error,
            "oidc_label": settings.oidc_label if configured(settings) else None,
        },
        status_code=status,
    )


@router.get("/login", response_class=HTMLResponse, name="login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:  # noqa: A002
    return _page(request, next_url=safe_next(next))


@router.post("/login", name="login_submit")
def login_submit(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",  # noqa: A002
) -> Response:
    lang = request.state.lang
    address = request.client.host if request.client else "-"
    limiter = _limiter(request)
    wait = limiter.wait_seconds(session, address, email)
    if wait:
        message = translate("login.too_many", lang).replace("{n}", str(wait // 60 + 1))
        response: Response = _page(
            request, next_url=safe_next(next), email=email, error=message, status=429
        )
        response.headers["Retry-After"] = str(wait)
        return response
    user = authenticate(session, email=email, password=password)
    if user is None:
        limiter.failed(session, address, email)
        return _page(
            request,
            next_url=safe_next(next),
            email=email,
            error=translate("login.failed", lang),
            status=401,
        )
    limiter.succeeded(session, address, email)
    request.session.clear()  # a new session: nothing from before signing in carries over
    request.session["user_id"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", name="logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)

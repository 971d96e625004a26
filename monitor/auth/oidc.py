"""Signing in through OpenID Connect (Microsoft Entra ID or any provider), by settings.

``PRISVAGT_OIDC_ISSUER`` (its ``/.well-known/openid-configuration`` is read),
``PRISVAGT_OIDC_CLIENT_ID`` and ``PRISVAGT_OIDC_CLIENT_SECRET``. The provider says who
the person is; what they may do stays here: the ID token's ``email`` (or
``preferred_username``, as Entra ID sends it) must be an active account made with
``prisvagt users add``, whose roles and municipalities apply. Without an issuer set
both routes lead to the password form and the login page shows no provider button.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from monitor.auth.models import User
from monitor.db import utcnow
from monitor.errors import PermissionDenied
from monitor.settings import Settings
from monitor.web.deps import DbSession
from monitor.web.security import start_session

router = APIRouter(tags=["sign-in"], include_in_schema=False)


def configured(settings: Settings) -> bool:
    return bool(settings.oidc_issuer and settings.oidc_client_id)


def _client(request: Request) -> Any:
    settings: Settings = request.app.state.settings
    state = request.app.state
    if getattr(state, "oidc_client", None) is None:
        from authlib.integrations.starlette_client import OAuth  # only when configured

        oauth = OAuth()
        state.oidc_client = oauth.register(
            name="oidc",
            server_metadata_url=settings.oidc_issuer.rstrip("/")
            + "/.well-known/openid-configuration",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret or None,
            client_kwargs={"scope": settings.oidc_scopes},
        )
    return state.oidc_client


@router.get("/login/oidc", name="oidc_login")
async def oidc_login(request: Request, next: str = "/") -> Response:  # noqa: A002
    from monitor.auth.views import safe_next

    if not configured(request.app.state.settings):
        return RedirectResponse("/login", status_code=303)
    client = _client(request)
    request.session["oidc_next"] = safe_next(next)
    redirect_uri = str(request.url_for("oidc_callback"))
    response: Response = await client.authorize_redirect(request, redirect_uri)
    return response


@router.get("/login/oidc/callback", name="oidc_callback")
async def oidc_callback(request: Request, session: DbSession) -> Response:
    if not configured(request.app.state.settings):
        return RedirectResponse("/login", status_code=303)
    client = _client(request)
    from authlib.integrations.base_client import OAuthError

    try:
        token = await client.authorize_access_token(request)  # state, nonce, signature
    except OAuthError as exc:
        raise PermissionDenied(f"the sign-in at the provider did not complete: {exc}") from None
    claims = token.get("userinfo") or {}
    email = str(claims.get("email") or claims.get("preferred_username") or "").strip().lower()
    user = session.scalar(select(User).where(User.email == email)) if email else None
    if user is None or not user.active:
        raise PermissionDenied(
            f"{email or 'the provider sent no email'}: no active account here; "
            "ask an administrator to add it (prisvagt users add)"
        )
    user.last_login_at = utcnow()
    target = request.session.get("oidc_next") or "/"
    start_session(request, user)
    return RedirectResponse(target, status_code=303)

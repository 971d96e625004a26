"""The login and logout pages, the page where a person changes their own password, and
the user administration page for admins."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.auth import useradmin
from monitor.auth.account import WrongPassword, change_password, has_local_password
from monitor.auth.models import User
from monitor.auth.oidc import configured
from monitor.auth.passwords import MIN_LENGTH
from monitor.auth.ratelimit import LoginLimiter
from monitor.auth.service import ROLES, Identity, authenticate
from monitor.errors import InputError, PermissionDenied, PrisvagtError
from monitor.parties.models import Municipality
from monitor.web import flash
from monitor.web.deps import DbSession
from monitor.web.i18n import translate
from monitor.web.security import SignInRequired, current_identity, keep_session, start_session
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


def _address(request: Request) -> str:
    """The client address the login limiter counts failures under."""
    return request.client.host if request.client else "-"


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
    address = _address(request)
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
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", name="logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


# ------------------------------------------------------------------ user administration
users = APIRouter(prefix="/admin/users", tags=["users"], include_in_schema=False)


def _identity(request: Request) -> Identity:
    identity = current_identity(request)
    if identity is None:  # ``authorise`` signs everyone in before these run
        raise SignInRequired("sign in first", key="error.sign_in_first")
    return identity


def _users_page(
    request: Request,
    session: Session,
    *,
    shown: tuple[User, str] | None = None,
    done: str | None = None,
    error: PrisvagtError | None = None,
    form: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    admin = _identity(request)
    return render(
        request,
        "admin/users.html",
        {
            "rows": useradmin.manageable_users(session, admin=admin),
            "municipalities": list(
                session.scalars(select(Municipality).order_by(Municipality.code))
            ),
            "roles": ROLES,
            "admin_of_all": admin.all_municipalities,
            "me": admin,
            "shown": shown,
            "done": done,
            "error": error,
            "form": form or {},
        },
        status_code=status,
    )


@users.get("", response_class=HTMLResponse, name="users")
def users_page(request: Request, session: DbSession, done: str | None = None) -> HTMLResponse:
    """The accounts; ``done``: what a change just did (after its redirect, so that reloading
    the page does not send the change again)."""
    return _users_page(request, session, done=done if done in _DONE else None)


#: what a change redirected to the users page may say it did
_DONE = ("users.disabled", "users.enabled")


@users.post("", response_class=HTMLResponse, name="user_add")
def user_add(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    roles: Annotated[list[str] | None, Form()] = None,
    municipalities: Annotated[list[str] | None, Form()] = None,
    all_municipalities: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """Add an account; its generated password is shown on this answer only."""
    form = {
        "email": email,
        "name": name,
        "roles": roles or [],
        "municipalities": municipalities or [],
        "all_municipalities": all_municipalities,
    }
    try:
        user, password = useradmin.create_user(
            session,
            admin=_identity(request),
            email=email,
            name=name,
            roles=roles or [],
            municipality_codes=municipalities or [],
            all_municipalities=all_municipalities,
        )
    except (InputError, PermissionDenied) as exc:
        return _users_page(request, session, error=exc, form=form, status=400)
    return _users_page(request, session, shown=(user, password), done="users.added")


@users.post("/{user_id}/disable", response_class=HTMLResponse, name="user_disable")
def user_disable(request: Request, session: DbSession, user_id: int) -> Response:
    try:
        useradmin.disable(session, admin=_identity(request), user_id=user_id)
    except InputError as exc:
        return _users_page(request, session, error=exc, status=400)
    return RedirectResponse("/admin/users?done=users.disabled", status_code=303)


@users.post("/{user_id}/enable", response_class=HTMLResponse, name="user_enable")
def user_enable(request: Request, session: DbSession, user_id: int) -> Response:
    useradmin.enable(session, admin=_identity(request), user_id=user_id)
    return RedirectResponse("/admin/users?done=users.enabled", status_code=303)


@users.post("/{user_id}/reset-password", response_class=HTMLResponse, name="user_reset")
def user_reset_password(request: Request, session: DbSession, user_id: int) -> HTMLResponse:
    """A new password, shown on this answer only (the page is not cached)."""
    user, password = useradmin.reset_password(session, admin=_identity(request), user_id=user_id)
    keep_session(request, user)  # an admin's own reset: this session stays, the others end
    return _users_page(request, session, shown=(user, password), done="users.reset_done")


# ------------------------------------------------------------------ one's own password
PASSWORD_PATH = "/account/password"
_CHANGED = "password_changed"  # the flash shown once after the change


def _password_page(
    request: Request,
    session: Session,
    *,
    changed: bool = False,
    error: PrisvagtError | None = None,
    message: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    identity = current_identity(request)
    user = None
    if identity is not None and identity.kind == "user":
        user = session.get(User, identity.id)
    return render(
        request,
        "account/password.html",
        {
            "is_user": user is not None,
            "has_password": user is not None and has_local_password(user),
            "min_length": MIN_LENGTH,
            "changed": changed,
            "error": error,
            "message": message,
        },
        status_code=status,
    )


@router.get(PASSWORD_PATH, response_class=HTMLResponse, name="own_password")
def own_password_page(request: Request, session: DbSession) -> HTMLResponse:
    return _password_page(request, session, changed=bool(flash.take(request, _CHANGED)))


@router.post(PASSWORD_PATH, name="own_password_change")
def own_password_change(
    request: Request,
    session: DbSession,
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
    repeat_password: Annotated[str, Form()] = "",
) -> Response:
    """Change the signed-in person's password. A wrong current password counts toward
    the login lockout (same limiter, same address and email), so this form cannot be
    used to guess it; on success every other session of the account ends, this one
    stays, and the page says so once (POST-redirect-GET). No password is echoed."""
    identity = _identity(request)
    user = session.get(User, identity.id) if identity.kind == "user" else None
    if user is None or not has_local_password(user):  # a token, or signs in by OIDC only
        return _password_page(request, session, status=400)
    address, limiter = _address(request), _limiter(request)
    wait = limiter.wait_seconds(session, address, user.email)
    if wait:
        message = translate("login.too_many", request.state.lang, n=wait // 60 + 1)
        response = _password_page(request, session, message=message, status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    try:
        change_password(
            session, user=user, current=current_password, new=new_password, repeat=repeat_password
        )
    except WrongPassword as exc:
        limiter.failed(session, address, user.email)
        return _password_page(request, session, error=exc, status=400)
    except InputError as exc:
        return _password_page(request, session, error=exc, status=400)
    limiter.succeeded(session, address, user.email)
    keep_session(request, user)
    flash.put(request, _CHANGED, True)
    return RedirectResponse(PASSWORD_PATH, status_code=303)

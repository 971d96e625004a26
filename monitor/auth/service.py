"""Accounts and API tokens: create, list, disable/revoke, and sign in.

Passwords are argon2 hashes; tokens are random and only their SHA-256 is stored.
Services never commit: the CLI command or the request owns the transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from monitor.audit.service import record
from monitor.auth.models import ApiToken, User
from monitor.auth.passwords import (
    check_policy,
    hash_password,
    needs_rehash,
    new_password,
    verify_password,
)
from monitor.db import utcnow
from monitor.errors import InputError, NotFound
from monitor.parties.models import Municipality

ROLES = ("legal", "finance", "admin")
TOKEN_PREFIX = "pv_"


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a request acts as: a signed-in person or an API token.

    ``municipality_ids`` is ``None`` for an identity over every municipality."""

    kind: str  # user|token
    id: int
    actor: str  # what the audit log records: the email, or "token:<name>"
    name: str
    roles: frozenset[str]
    municipality_ids: frozenset[int] | None
    municipality_codes: tuple[str, ...]

    @property
    def all_municipalities(self) -> bool:
        return self.municipality_ids is None

    def has(self, role: str) -> bool:
        return role in self.roles


def parse_roles(text: str | list[str]) -> list[str]:
    """``"legal,finance"`` -> ``["finance", "legal"]``; an unknown role is an InputError."""
    items = text if isinstance(text, list) else text.split(",")
    roles = sorted({r.strip().lower() for r in items if r.strip()})
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise InputError(
            f"roles must be one or more of {', '.join(ROLES)}; got {', '.join(unknown) or 'none'}",
            da=f"roller skal være en eller flere af {', '.join(ROLES)}",
            field="roles",
        )
    return roles


def _municipalities(session: Session, codes: list[str]) -> list[Municipality]:
    wanted = sorted({c.strip() for c in codes if c.strip()})
    found = {
        m.code: m
        for m in session.scalars(select(Municipality).where(Municipality.code.in_(wanted)))
    }
    missing = [c for c in wanted if c not in found]
    if missing:
        raise InputError(
            f"unknown municipality code(s): {', '.join(missing)}",
            da=f"ukendt kommunekode: {', '.join(missing)}",
            field="municipalities",
        )
    return [found[c] for c in wanted]


def _scope(session: Session, codes: list[str], all_municipalities: bool) -> list[Municipality]:
    if all_municipalities:
        if codes:
            raise InputError(
                "give municipality codes or all municipalities, not both",
                da="angiv kommunekoder eller alle kommuner, ikke begge",
                field="municipalities",
            )
        return []
    if not codes:
        raise InputError(
            "give at least one municipality code (or all municipalities)",
            da="angiv mindst én kommunekode (eller alle kommuner)",
            field="municipalities",
        )
    return _municipalities(session, codes)


def add_user(
    session: Session,
    *,
    email: str,
    name: str,
    roles: list[str],
    municipality_codes: list[str],
    all_municipalities: bool = False,
    password: str | None = None,
    actor: str,
) -> tuple[User, str]:
    """Create an account; returns it and its password (generated when not given)."""
    email = email.strip().lower()
    if "@" not in email:
        raise InputError(
            f"not an email address: {email!r}",
            field="email",
            key="error.user.bad_email",
            params={"email": email},
        )
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise InputError(
            f"a user {email} exists already",
            field="email",
            key="error.user.exists",
            params={"email": email},
        )
    roles = parse_roles(roles)
    password = password or new_password()
    check_policy(password, email=email)
    user = User(
        email=email,
        name=name or email,
        password_hash=hash_password(password),
        roles=",".join(roles),
        all_municipalities=all_municipalities,
        municipalities=_scope(session, municipality_codes, all_municipalities),
    )
    session.add(user)
    session.flush()
    record(
        session,
        actor=actor,
        action="user.add",
        entity="user",
        entity_id=email,
        details={
            "roles": roles,
            "municipalities": "all" if all_municipalities else sorted(municipality_codes),
        },
    )
    return user, password


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def get_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"no user {email}", key="error.user.missing", params={"email": email})
    return user


def disable_user(session: Session, *, email: str, actor: str) -> User:
    user = get_user(session, email)
    user.active = False
    record(session, actor=actor, action="user.disable", entity="user", entity_id=user.email)
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same answer either way)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    hashed = user.password_hash if user is not None and user.active else None
    # no hash: a dummy one is verified, so timing does not tell which emails exist
    if not verify_password(hashed, password) or user is None or hashed is None:
        return None
    if needs_rehash(hashed):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def user_identity(user: User) -> Identity:
    return Identity(
        kind="user",
        id=user.id,
        actor=user.email,
        name=user.name,
        roles=frozenset(r for r in user.roles.split(",") if r),
        municipality_ids=None
        if user.all_municipalities
        else frozenset(m.id for m in user.municipalities),
        municipality_codes=tuple(m.code for m in user.municipalities),
    )


def load_user_identity(session: Session, user_id: int, epoch: int = 0) -> Identity | None:
    """The identity of a session cookie's account, or None when the account is gone,
    disabled, or its sessions were ended after this one began (``epoch`` is the one the
    cookie got at sign-in; a cookie from before epochs existed counts as 0)."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.session_epoch != epoch:
        return None
    return user_identity(user)


def end_sessions(user: User) -> int:
    """End every session of ``user`` signed in until now: each is refused from its next
    request. Returns the new epoch, for the one session that may stay (a person changing
    their own password keeps the session they did it in, by writing it into the cookie)."""
    user.session_epoch = (user.session_epoch or 0) + 1
    return user.session_epoch


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def add_token(
    session: Session,
    *,
    name: str,
    roles: list[str],
    municipality_codes: list[str],
    all_municipalities: bool = False,
    actor: str,
) -> tuple[ApiToken, str]:
    """Create an API token; returns it and the secret (shown once, never stored)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    roles = parse_roles(roles)
    token = ApiToken(
        name=name,
        prefix=secret[:10],
        token_hash=_token_hash(secret),
        roles=",".join(roles),
        all_municipalities=all_municipalities,
        municipalities=_scope(session, municipality_codes, all_municipalities),
        created_by=actor,
    )
    session.add(token)
    session.flush()
    record(
        session,
        actor=actor,
        action="token.add",
        entity="api_token",
        entity_id=token.id,
        details={
            "name": name,
            "roles": roles,
            "municipalities": "all" if all_municipalities else sorted(municipality_codes),
        },
    )
    return token, secret


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id)))


def revoke_token(session: Session, *, token_id: int, actor: str) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(
            f"no API token {token_id}",
            key="error.missing",
            params={"what": {"key": "entity.token_id"}, "id": token_id},
        )
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(session, actor=actor, action="token.revoke", entity="api_token", entity_id=token_id)
    return token


def token_identity(session: Session, secret: str) -> Identity | None:
    """The identity of a bearer token, or None if it is unknown or revoked. Reads only:
    ``record_token_use`` notes the use, in a transaction of its own."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(secret)))
    if token is None or token.revoked_at is not None:
        return None
    return Identity(
        kind="token",
        id=token.id,
        actor=f"token:{token.name}",
        name=token.name,
        roles=frozenset(r for r in token.roles.split(",") if r),
        municipality_ids=None
        if token.all_municipalities
        else frozenset(m.id for m in token.municipalities),
        municipality_codes=tuple(m.code for m in token.municipalities),
    )


def record_token_use(
    session: Session, *, token_id: int, every: timedelta = timedelta(minutes=5)
) -> None:
    """Note that a token was used, at most once per ``every``: concurrent requests with
    one token must not queue behind each other's write to its row."""
    now = utcnow()
    session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id)
        .where(or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < now - every))
        .values(last_used_at=now)
    )


def actor_scope(session: Session, actor: str | None) -> frozenset[int] | None:
    """The municipalities the audit actor ``actor`` (an email, or ``token:<name>``) acts
    for: None for every municipality, or for an actor that is no account (the command
    line, the inbox). A token name held by several live tokens gets what all of them
    share; a disabled account or revoked token gets nothing."""
    if not actor:
        return None
    if actor.startswith("token:"):
        tokens = session.scalars(
            select(ApiToken).where(ApiToken.name == actor.removeprefix("token:"))
        ).all()
        if not tokens:
            return None
        live = [t for t in tokens if t.revoked_at is None]
        scopes = [
            None if t.all_municipalities else frozenset(m.id for m in t.municipalities)
            for t in live
        ]
        if not scopes:
            return frozenset()
        bounded = [sc for sc in scopes if sc is not None]
        return frozenset.intersection(*bounded) if bounded else None
    user = session.scalar(select(User).where(User.email == actor))
    if user is None:
        return None
    if not user.active:
        return frozenset()
    return None if user.all_municipalities else frozenset(m.id for m in user.municipalities)

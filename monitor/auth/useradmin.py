"""User administration for admins: who an admin may manage, and the changes they make.

An admin over every municipality manages every account. An admin of some
municipalities manages only accounts whose municipalities all lie within theirs (never
an account over every municipality), and grants only those municipalities: never
"all municipalities". An account outside an admin's reach is as absent as a missing
one (NotFound), as rows of other municipalities are elsewhere.

Services never commit: the request owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.audit.service import record
from monitor.auth.models import User, user_municipality
from monitor.auth.passwords import hash_password, new_password
from monitor.auth.service import Identity, add_user, end_sessions
from monitor.errors import InputError, NotFound, PermissionDenied
from monitor.parties.models import Municipality


@dataclass(frozen=True, slots=True)
class UserRow:
    """An account as the admin page lists it (its municipalities read unscoped)."""

    user: User
    roles: tuple[str, ...]
    municipality_codes: tuple[str, ...]


def _memberships(session: Session) -> dict[int, set[int]]:
    """User id -> municipality ids, from the link table itself: the request's session
    is scoped, and a scoped relationship load would hide municipalities outside it."""
    out: dict[int, set[int]] = {}
    for user_id, municipality_id in session.execute(select(user_municipality)).all():
        out.setdefault(user_id, set()).add(municipality_id)
    return out


def _codes(session: Session) -> dict[int, str]:
    rows = session.execute(
        select(Municipality.id, Municipality.code).execution_options(all_municipalities=True)
    )
    return {mid: code for mid, code in rows}


def reaches(admin: Identity, user: User, municipality_ids: set[int]) -> bool:
    """Whether ``admin`` may manage ``user`` (see the module docstring)."""
    if admin.all_municipalities:
        return True
    if user.all_municipalities or not municipality_ids:
        return False
    return municipality_ids <= set(admin.municipality_ids or ())


def manageable_users(session: Session, *, admin: Identity) -> list[UserRow]:
    """The accounts ``admin`` manages, by email."""
    members, codes = _memberships(session), _codes(session)
    rows = []
    for user in session.scalars(select(User).order_by(User.email)):
        ids = members.get(user.id, set())
        if reaches(admin, user, ids):
            rows.append(
                UserRow(
                    user=user,
                    roles=tuple(r for r in user.roles.split(",") if r),
                    municipality_codes=tuple(sorted(codes[i] for i in ids if i in codes)),
                )
            )
    return rows


def managed_user(session: Session, *, admin: Identity, user_id: int) -> User:
    """The account, if ``admin`` manages it; NotFound otherwise."""
    user = session.get(User, user_id)
    if user is None or not reaches(admin, user, _memberships(session).get(user_id, set())):
        raise NotFound(
            f"user {user_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.user_id"}, "id": user_id},
        )
    return user


def create_user(
    session: Session,
    *,
    admin: Identity,
    email: str,
    name: str,
    roles: list[str],
    municipality_codes: list[str],
    all_municipalities: bool,
) -> tuple[User, str]:
    """Add an account with a generated password, shown once; returns both."""
    if all_municipalities and not admin.all_municipalities:
        raise PermissionDenied(
            f"{admin.actor} may not grant all municipalities",
            key="error.user.grant_all",
            field="all_municipalities",
        )
    if not admin.all_municipalities:
        outside = sorted(set(municipality_codes) - set(admin.municipality_codes))
        if outside:
            raise PermissionDenied(
                f"{admin.actor} may not grant municipalities {', '.join(outside)}",
                key="error.user.grant_outside",
                params={"codes": ", ".join(outside)},
                field="municipalities",
            )
    return add_user(
        session,
        email=email,
        name=name,
        roles=roles,
        municipality_codes=municipality_codes,
        all_municipalities=all_municipalities,
        actor=admin.actor,
    )


def disable(session: Session, *, admin: Identity, user_id: int) -> User:
    """Close an account: it can no longer sign in, and its sessions end."""
    user = managed_user(session, admin=admin, user_id=user_id)
    if admin.kind == "user" and admin.id == user.id:
        raise InputError("you cannot disable your own account", key="error.user.disable_self")
    if user.active:
        user.active = False
        record(
            session, actor=admin.actor, action="user.disable", entity="user", entity_id=user.email
        )
    return user


def enable(session: Session, *, admin: Identity, user_id: int) -> User:
    user = managed_user(session, admin=admin, user_id=user_id)
    if not user.active:
        user.active = True
        record(
            session, actor=admin.actor, action="user.enable", entity="user", entity_id=user.email
        )
    return user


def reset_password(session: Session, *, admin: Identity, user_id: int) -> tuple[User, str]:
    """A new generated password for the account (shown once, stored only hashed). Every
    session signed in with the old one ends; an admin resetting their own password keeps
    the session they did it in (the page writes the new epoch into that cookie)."""
    user = managed_user(session, admin=admin, user_id=user_id)
    password = new_password()
    user.password_hash = hash_password(password)
    end_sessions(user)
    record(
        session,
        actor=admin.actor,
        action="user.reset_password",
        entity="user",
        entity_id=user.email,
    )
    return user, password

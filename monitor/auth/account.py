"""The signed-in person's own account: changing their password.

Services never commit: the request owns the transaction. Counting wrong current
passwords toward the login lockout is the page's part (``monitor.auth.views``): the
limiter is keyed on the client's address, which only the request knows.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from monitor.audit.service import record
from monitor.auth.models import User
from monitor.auth.passwords import check_policy, hash_password, verify_password
from monitor.auth.service import end_sessions
from monitor.errors import InputError


class WrongPassword(InputError):
    """The current password given is not the account's (a guess, for the limiter)."""


def has_local_password(user: User) -> bool:
    """False for an account that signs in only through the identity provider (OIDC)."""
    return user.password_hash is not None


def change_password(session: Session, *, user: User, current: str, new: str, repeat: str) -> None:
    """Replace ``user``'s password with ``new`` after checking ``current``, that
    ``repeat`` matches and the policy (``monitor.auth.passwords.check_policy``). Ends
    every session of the account signed in until now (the page keeps the one the
    change was made in: ``monitor.web.security.keep_session``). The audit log records
    the change, never a password.

    Raises InputError (``WrongPassword`` for a wrong current password); nothing is
    changed then."""
    if not has_local_password(user):
        raise InputError(
            "this account has no password here: it signs in through the identity provider",
            key="account.password_managed",
        )
    if not current:
        raise InputError(
            "type the current password",
            field="current_password",
            key="error.password.current_missing",
        )
    if not verify_password(user.password_hash, current):
        raise WrongPassword(
            "the current password is wrong",
            field="current_password",
            key="error.password.wrong_current",
        )
    if new != repeat:
        raise InputError(
            "the two new passwords are not the same",
            field="repeat_password",
            key="error.password.mismatch",
        )
    check_policy(new, email=user.email, current=current)
    user.password_hash = hash_password(new)
    end_sessions(user)
    record(
        session,
        actor=user.email,
        action="user.change_password",
        entity="user",
        entity_id=user.email,
    )

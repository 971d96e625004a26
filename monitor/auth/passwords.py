"""Passwords: argon2 hashes, generated passwords, and the one policy a chosen password
meets (an account added with a given password, a person changing their own).

No database here: the account services (``monitor.auth.service``,
``monitor.auth.account``) store what these return.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from monitor.errors import InputError

#: the shortest password anyone may choose (generated ones are 20 characters)
MIN_LENGTH = 12

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def new_password() -> str:
    """A generated password: 20 URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)


def verify_password(hashed: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``hashed`` was made from. With no hash (an
    unknown or disabled account, one without a local password) a dummy hash is verified
    and the answer is False: the time taken does not tell which it was."""
    try:
        _hasher.verify(hashed or _DUMMY_HASH, password)  # raises unless it matches
    except (VerificationError, InvalidHashError):
        return False
    return hashed is not None


def needs_rehash(hashed: str) -> bool:
    """Whether ``hashed`` was made with weaker parameters than the hasher's current ones."""
    return _hasher.check_needs_rehash(hashed)


def check_policy(password: str, *, email: str, current: str | None = None) -> None:
    """An InputError (with the catalogue key that says why) unless ``password`` has at
    least ``MIN_LENGTH`` characters, is not the account's email, and differs from the
    ``current`` password (when one is being replaced)."""
    if len(password) < MIN_LENGTH:
        raise InputError(
            f"a password needs at least {MIN_LENGTH} characters",
            field="password",
            key="error.user.short_password",
        )
    if password.strip().lower() == email.strip().lower():
        raise InputError(
            "the password may not be the email address",
            field="password",
            key="error.password.is_email",
        )
    if current is not None and password == current:
        raise InputError(
            "the new password must differ from the current one",
            field="password",
            key="error.password.unchanged",
        )

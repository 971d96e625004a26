"""Accounts and API tokens: roles (legal, finance, admin) scoped to municipalities."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.db import Base, UTCDateTime, utcnow
from monitor.parties.models import Municipality

user_municipality = Table(
    "user_municipality",
    Base.metadata,
    Column("user_id", ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True),
)

token_municipality = Table(
    "token_municipality",
    Base.metadata,
    Column("token_id", ForeignKey("api_token.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    """A person signing in to the web app. ``roles``: comma-separated legal|finance|admin,
    each over ``municipalities``, or over every municipality with ``all_municipalities``.

    ``session_epoch`` is written into each session cookie at sign-in; a session whose
    epoch is not the account's is over. Raising it (``monitor.auth.service.end_sessions``,
    on every password reset or change) ends every session signed in before.
    ``password_hash`` is None for an account that signs in only through OIDC."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(100), default="")
    all_municipalities: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(2), default="da")
    active: Mapped[bool] = mapped_column(default=True)
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=user_municipality, order_by=Municipality.code
    )


class ApiToken(Base):
    """A machine's bearer token. Only its SHA-256 is stored; revoked tokens stay listed."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists, never enough to use
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[str] = mapped_column(String(100), default="")
    all_municipalities: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=token_municipality, order_by=Municipality.code
    )


class LoginFailure(Base):
    """One failed sign-in, kept for the login rate limit's window
    (``monitor.auth.ratelimit``); counted across every web process."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

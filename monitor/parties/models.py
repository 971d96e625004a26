"""Municipalities (buyers), their contacts and EAN numbers; vendors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.db import Base, UTCDateTime, utcnow


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)  # kommunekode, e.g. "101"
    name: Mapped[str] = mapped_column(String(200))
    cvr: Mapped[str | None] = mapped_column(String(8), unique=True)
    population: Mapped[int | None]
    population_year: Mapped[int | None]
    #: the municipality's own admin lets other municipalities see its name in the price
    #: benchmark; otherwise it is shown to them as "Kommune A", "B" ...
    benchmark_named: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    eans: Mapped[list[MunicipalityEan]] = relationship(
        back_populates="municipality", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="municipality", cascade="all, delete-orphan"
    )


class MunicipalityEan(Base):
    """One EAN/GLN location number of a paying department."""

    __tablename__ = "municipality_ean"

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    ean: Mapped[str] = mapped_column(String(13), unique=True)
    department: Mapped[str | None] = mapped_column(String(200))

    municipality: Mapped[Municipality] = relationship(back_populates="eans")


class Contact(Base):
    """Who is told: role finance|legal; language da|en; immediate or digest by severity."""

    __tablename__ = "contact"
    __table_args__ = (UniqueConstraint("municipality_id", "role", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="da")
    #: findings at or above this severity are emailed at once; the rest go in the digest
    immediate_min_severity: Mapped[str] = mapped_column(String(10), default="medium")
    active: Mapped[bool] = mapped_column(default=True)

    municipality: Mapped[Municipality] = relationship(back_populates="contacts")


class Vendor(Base):
    __tablename__ = "vendor"

    id: Mapped[int] = mapped_column(primary_key=True)
    cvr: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

"""Price index series (nettoprisindeks, forbrugerprisindeks, wage indices) as data."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from monitor.db import Base, ScaledDecimal


class IndexValue(Base):
    __tablename__ = "index_value"
    __table_args__ = (UniqueConstraint("index_name", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    index_name: Mapped[str] = mapped_column(String(50))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    source: Mapped[str | None] = mapped_column(String(200))

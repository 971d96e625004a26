"""Contracts, their price terms and their clauses, each with its evidence; and what the
reading could not read (unread price rows), so legal can review it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from monitor.db import Base, UnitPrice, UTCDateTime, utcnow
from rules.matching import item_key as normalised_item_key


def _item_key_default(context: Any) -> str | None:
    """``item_key`` of a term inserted without one (Core inserts): from its item id."""
    return normalised_item_key(context.get_current_parameters().get("item_id"))


#: the reading is incomplete or uncertain; its terms raise no alarm until legal reviews it
NEEDS_REVIEW = "needs_review"
#: read completely, every term with confidence
COMPLETE = "complete"
#: legal confirmed the contract (``prisvagt contracts confirm`` or the contract page)
REVIEWED = "reviewed"
REVIEW_STATUSES = (NEEDS_REVIEW, COMPLETE, REVIEWED)


class Contract(Base):
    """A stored contract. Two independent states:

    * ``status`` (active|unassigned): whether its buyer and vendor are registered;
    * ``review_status`` (needs_review|complete|reviewed): whether its reading can be
      trusted. While ``needs_review``, findings that rest on its terms are preliminary
      and send no email, and no item is reported as unpriced under it.
    """

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    contract_number: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(2), default="da")
    signing_date: Mapped[date | None]
    effective_date: Mapped[date | None]
    expiry_date: Mapped[date | None]
    term_months: Mapped[int | None]
    renewal: Mapped[str | None] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    payment_days: Mapped[int | None]
    mfn: Mapped[bool] = mapped_column(default=False)
    termination_notice_months: Mapped[int | None]
    #: unassigned when the buyer or vendor is not registered yet (with the reason)
    status: Mapped[str] = mapped_column(String(20), default="active")
    unassigned_reason: Mapped[str | None] = mapped_column(Text)
    buyer_name: Mapped[str | None] = mapped_column(String(200))
    buyer_cvr: Mapped[str | None] = mapped_column(String(8))
    vendor_name: Mapped[str | None] = mapped_column(String(200))
    vendor_cvr: Mapped[str | None] = mapped_column(String(8))
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    review_status: Mapped[str] = mapped_column(String(20), default=COMPLETE, index=True)
    #: why the reading needs review, in words (from the extractor), in order
    review_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: money-bearing rows and sentences seen in the price sections (read or not)
    price_candidates: Mapped[int] = mapped_column(default=0)
    reviewed_by: Mapped[str | None] = mapped_column(String(320))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unread_prices: Mapped[list[UnreadPriceRow]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="UnreadPriceRow.id"
    )
    price_terms: Mapped[list[PriceTerm]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="PriceTerm.id"
    )
    clauses: Mapped[list[ContractClause]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractClause.id"
    )

    @property
    def pending_review(self) -> bool:
        """True while legal has not reviewed a reading that needs it."""
        return self.review_status == NEEDS_REVIEW


class PriceTerm(Base):
    """An agreed price. ``review_state``: proposed (extracted) | confirmed (by legal).

    ``item_key``: the item id as the rules match it (``rules.matching.item_key``), kept
    and indexed with the contract, so a check loads only the terms of its own items."""

    __tablename__ = "price_term"
    __table_args__ = (Index("ix_price_term_contract_item_key", "contract_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str | None] = mapped_column(String(100))
    item_key: Mapped[str | None] = mapped_column(String(100), default=_item_key_default)
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(20))
    agreed_unit_price: Mapped[Decimal] = mapped_column(UnitPrice())
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    vat_basis: Mapped[str] = mapped_column(String(4), default="excl")
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
    tier_min: Mapped[Decimal | None] = mapped_column(UnitPrice())
    tier_max: Mapped[Decimal | None] = mapped_column(UnitPrice())
    review_state: Mapped[str] = mapped_column(String(20), default="proposed")
    confidence: Mapped[float] = mapped_column(default=1.0)
    evidence_page: Mapped[int | None]
    evidence_text: Mapped[str | None] = mapped_column(Text)
    evidence_bbox: Mapped[list[float] | None] = mapped_column(JSON)
    reviewed_by: Mapped[str | None] = mapped_column(String(320))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship(back_populates="price_terms")

    @validates("item_id")
    def _keep_item_key(self, _key: str, item_id: str | None) -> str | None:
        self.item_key = normalised_item_key(item_id)
        return item_id


class ContractClause(Base):
    """A clause: kind indexation|mfn|payment|validity|termination|other, with parameters."""

    __tablename__ = "contract_clause"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evidence_page: Mapped[int | None]
    evidence_text: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(default=1.0)
    review_state: Mapped[str] = mapped_column(String(20), default="proposed")

    contract: Mapped[Contract] = relationship(back_populates="clauses")


class UnreadPriceRow(Base):
    """A money-bearing row or sentence in a price section that was not read as a price
    term: shown for review, never enforced. ``bbox`` is (x0, top, x1, bottom) on ``page``."""

    __tablename__ = "unread_price"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    page: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    bbox: Mapped[list[float] | None] = mapped_column(JSON)

    contract: Mapped[Contract] = relationship(back_populates="unread_prices")
